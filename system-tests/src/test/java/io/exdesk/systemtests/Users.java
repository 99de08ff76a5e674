package io.exdesk.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.exdesk.testkit.ExDeskProcesses;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ExDesk's users do and see, through the services' public APIs only: the exchange platform opens
 * tickets, supervisors and admins set agents, contacts and policies up, agents reply; e-mail and chat
 * arrive at the real SMTP server and webhook receiver.
 */
final class Users {

    static final String TICKETS = "ticket-service";
    static final String ROUTING = "routing-service";
    static final String SLA = "sla-service";
    static final String NOTIFICATIONS = "notification-service";

    static final String PLATFORM = ExDeskProcesses.token("exchange-platform", "platform");
    static final String SUPERVISOR = ExDeskProcesses.token("supervisor-system", "supervisor");
    static final String ADMIN = ExDeskProcesses.token("admin-system", "admin");
    static final String OPS = ExDeskProcesses.token("ops-system", "ops");

    private Users() {
    }

    static RequestSpecification as(String token, String service) {
        return given().baseUri(RunningExDesk.get().url(service)).auth().oauth2(token).contentType(ContentType.JSON);
    }

    // ---- the exchange platform

    /** Opens a ticket as the exchange platform; the 201's body. */
    static JsonPath openTicket(Map<String, Object> request) {
        return as(PLATFORM, TICKETS).body(request).post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
    }

    /** A ticket request of a customer, category and priority left to triage. */
    static Map<String, Object> ticket(String customerId, String tier, String language, String subject, String description) {
        Map<String, Object> request = new HashMap<>();
        request.put("customer", Map.of("id", customerId, "tier", tier, "language", language));
        request.put("channel", "CHAT");
        request.put("subject", subject);
        request.put("description", description);
        return request;
    }

    /** The ticket as a supervisor sees it. */
    static JsonPath ticketView(String ticketId) {
        return as(SUPERVISOR, TICKETS).get("/api/v1/tickets/" + ticketId).then().statusCode(200).extract().jsonPath();
    }

    static void registerCustomerContact(String customerId, String email, String language) {
        as(PLATFORM, NOTIFICATIONS).body(Map.of("email", email, "language", language))
                .put("/api/v1/contacts/customers/" + customerId).then().statusCode(200);
    }

    // ---- supervisors and admins

    /** An agent as routing-service registers them; notification-service learns their profile from it. */
    record Agent(String id, String tier, String team, List<String> skills, List<String> languages, int capacity,
                 boolean vipCapable, String status) {

        String email() {
            return id + "@agents.exdesk.test";
        }

        String chatPath() {
            return "/chat/" + id;
        }

        String token() {
            return ExDeskProcesses.token(id, "agent");
        }
    }

    /**
     * Registers the agent once, in routing-service's directory (skills, languages, capacity, availability,
     * e-mail and chat webhook), and waits until notification-service has their profile: an assignment
     * planned before it would find no address for them.
     */
    static Agent register(Agent agent) {
        Map<String, Object> request = new HashMap<>();
        request.put("id", agent.id());
        request.put("name", "Agent " + agent.id());
        request.put("tier", agent.tier());
        request.put("team", agent.team());
        request.put("skills", agent.skills());
        request.put("languages", agent.languages());
        request.put("capacity", agent.capacity());
        request.put("vipCapable", agent.vipCapable());
        request.put("status", agent.status());
        request.put("email", agent.email());
        request.put("chatUrl", WebhookReceiver.get().url(agent.chatPath()));
        request.put("chatFormat", "SLACK");
        as(SUPERVISOR, ROUTING).body(request).post("/api/v1/agents").then().statusCode(201);
        await("notification-service knows " + agent.id()).atMost(Duration.ofSeconds(60))
                .until(() -> as(SUPERVISOR, NOTIFICATIONS).get("/api/v1/contacts/agents/" + agent.id())
                        .then().extract().statusCode() == 200);
        return agent;
    }

    static void setStatus(String agentId, String status) {
        as(SUPERVISOR, ROUTING).body(Map.of("status", status)).put("/api/v1/agents/" + agentId + "/status")
                .then().statusCode(200);
    }

    /** Puts back what was in force before a scenario compressed a policy. */
    interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Compresses one SLA policy for a scenario, as an admin does through sla-service's API; closing puts
     * back the one that was in force, so the next scenario's tickets get the usual targets.
     */
    static Restore policy(String priority, String tier, String firstResponse, String resolution,
                          List<Double> warningFractions) {
        String path = "/api/v1/sla/policies/" + priority + "/" + tier;
        JsonPath before = as(ADMIN, SLA).get(path).then().statusCode(200).extract().jsonPath();
        putPolicy(path, firstResponse, resolution, warningFractions);
        return () -> putPolicy(path, before.getString("firstResponse"), before.getString("resolution"),
                before.getList("warningFractions", Double.class));
    }

    private static void putPolicy(String path, String firstResponse, String resolution, List<Double> warningFractions) {
        as(ADMIN, SLA).body(Map.of("firstResponse", firstResponse, "resolution", resolution,
                "warningFractions", warningFractions)).put(path).then().statusCode(200);
    }

    /** Closes a ticket whose clocks the scenario no longer needs, so they fire nothing later. */
    static void close(String ticketId) {
        as(SUPERVISOR, TICKETS).body(Map.of("status", "CLOSED")).patch("/api/v1/tickets/" + ticketId)
                .then().statusCode(200);
    }

    /** The delivery log of a ticket (notification-service), in recorded order. */
    static List<Map<String, Object>> deliveries(String ticketId) {
        return as(OPS, NOTIFICATIONS).queryParam("ticketId", ticketId).queryParam("limit", 200)
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The tickets waiting for an agent, in the order routing will hand them out. */
    static List<String> queue() {
        return as(SUPERVISOR, ROUTING).queryParam("limit", 1000).get("/api/v1/routing/queue")
                .then().statusCode(200).extract().jsonPath().getList("ticketId");
    }

    // ---- what arrives

    static List<MimeMessage> emailsTo(String address) {
        return MailServer.get().to(address);
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage message) {
        return MailServer.part(message, "text/plain");
    }

    static List<WebhookReceiver.Call> chatTo(Agent agent) {
        return WebhookReceiver.get().successfulCalls(agent.chatPath());
    }
}
