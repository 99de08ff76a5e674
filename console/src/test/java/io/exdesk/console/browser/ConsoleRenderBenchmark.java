package io.exdesk.console.browser;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.exdesk.console.domain.ConsoleRole;
import io.exdesk.console.service.SignInService;
import io.exdesk.testkit.ExDeskProcesses;
import io.exdesk.testkit.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Page render times with 10,000 open tickets: by hand only (the name matches no surefire include, so
 * {@code ./mvnw verify} never runs it):
 * <pre>
 * ./mvnw -B -pl ticket-service,routing-service,sla-service package -DskipTests
 * ./mvnw -B -pl console verify -Dtest=ConsoleRenderBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Opens {@code exdesk.benchmark.tickets} (10,000) tickets through ticket-service, waits until routing-service
 * holds them all (40 agents with room for 400, the rest queued) and sla-service has warned on every one (all at
 * risk: the heaviest at-risk list), then requests each page {@code exdesk.benchmark.requests} (400) times after a
 * warm-up, one at a time over loopback, and prints p50/p95/p99/max per page. Each figure is the whole page: the
 * console's session lookup, its parallel calls to the services with their database queries, and the Qute render.
 */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
class ConsoleRenderBenchmark {

    private static final Pattern FIRST_TICKET_LINK = Pattern.compile("href=\"/tickets/([0-9a-f-]{36})\"");

    @TestHTTPResource("/")
    URL console;

    @Inject
    SignInService signIn;

    @Test
    void pageRenderTimesWithTenThousandOpenTickets() throws Exception {
        int tickets = Integer.getInteger("exdesk.benchmark.tickets", 10_000);
        int requests = Integer.getInteger("exdesk.benchmark.requests", 400);
        ExDeskProcesses live = LiveServices.get();
        String admin = TestServers.get().jwt().mint("admin-bench", Set.of("admin"), Duration.ofHours(1));
        // Eight platform clients: each has its own rate limit (1,000 requests/s), which one client would reach.
        String[] platform = new String[8];
        for (int i = 0; i < platform.length; i++) {
            platform[i] = TestServers.get().jwt().mint("platform-bench-" + i, Set.of("platform"), Duration.ofHours(1));
        }
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"firstResponse\":\"PT2H\",\"resolution\":\"PT24H\",\"warningFractions\":[0.0005]}")
                .put(live.url("sla-service") + "/api/v1/sla/policies/NORMAL/STANDARD").then().statusCode(200);
        for (int i = 0; i < 40; i++) {
            String id = "bench-agent-" + i;
            given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("id", id, "name", "Agent " + i, "tier", "L1", "skills", List.of("DEPOSIT"),
                            "languages", List.of("en"), "capacity", 10))
                    .post(live.url("routing-service") + "/api/v1/agents").then().statusCode(201);
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("status", "ONLINE"))
                    .put(live.url("routing-service") + "/api/v1/agents/" + id + "/status").then().statusCode(200);
        }
        signIn.saveAccount("bench-agent-0", "Agent 0", ConsoleRole.AGENT, "benchmark password");
        signIn.saveAccount("bench-supervisor", "Supervisor", ConsoleRole.SUPERVISOR, "benchmark password");

        long start = System.nanoTime();
        openTickets(live.url("ticket-service"), platform, tickets);
        System.out.printf("opened %d tickets in %.1f s%n", tickets, (System.nanoTime() - start) / 1e9);
        String supervisorToken = TestServers.get().jwt().mint("sup-bench", Set.of("supervisor"), Duration.ofHours(1));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            int queued = given().auth().oauth2(supervisorToken).get(live.url("routing-service")
                    + "/api/v1/routing/queue?limit=1000").then().extract().jsonPath().getList("$").size();
            int atRisk = given().auth().oauth2(supervisorToken).get(live.url("sla-service")
                    + "/api/v1/sla/at-risk?limit=500").then().extract().jsonPath().getList("$").size();
            return queued == 1000 && atRisk == 500;
        });
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() ->
                Integer.parseInt(given().get(live.url("sla-service") + "/q/metrics").asString().lines()
                        .filter(l -> l.startsWith("sla_at_risk_tickets{") && l.contains("NORMAL"))
                        .map(l -> l.substring(l.lastIndexOf(' ') + 1).replace(".0", "")).findFirst().orElse("0")) >= tickets);
        System.out.printf("all %d tickets routed and at risk after %.1f s%n", tickets, (System.nanoTime() - start) / 1e9);

        HttpClient http = HttpClient.newHttpClient();
        String agentSession = session(http, "bench-agent-0");
        String supervisorSession = session(http, "bench-supervisor");
        String agentPage = get(http, "/agent", agentSession).body();
        Matcher link = FIRST_TICKET_LINK.matcher(agentPage);
        if (!link.find()) {
            throw new AssertionError("The agent's inbox shows no ticket");
        }
        StringBuilder report = new StringBuilder("console page render with " + tickets + " open tickets, "
                + requests + " requests each, ms:\n");
        report.append(measure(http, "/supervisor", supervisorSession, requests));
        report.append(measure(http, "/agent", agentSession, requests));
        report.append(measure(http, "/tickets/" + link.group(1), agentSession, requests));
        System.out.println(report);
        Files.writeString(Path.of("target", "console-render.txt"), report);
    }

    private static void openTickets(String ticketService, String[] tokens, int count) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(16);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            String body = "{\"customer\":{\"id\":\"bench-" + UUID.randomUUID() + "\",\"tier\":\"STANDARD\",\"language\":\"en\"},"
                    + "\"channel\":\"WEB\",\"category\":\"DEPOSIT\",\"priority\":\"NORMAL\",\"subject\":\"Deposit " + i
                    + " not credited\",\"description\":\"My deposit " + i + " has not arrived after an hour.\"}";
            inFlight.acquire();
            http.sendAsync(HttpRequest.newBuilder(URI.create(ticketService + "/api/v1/tickets"))
                            .header("Authorization", "Bearer " + tokens[i % tokens.length])
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(16);
        if (failed.get() > 0) {
            throw new AssertionError(failed.get() + " ticket creations failed");
        }
    }

    private String measure(HttpClient http, String path, String session, int requests) throws Exception {
        for (int i = 0; i < requests / 4; i++) {
            get(http, path, session);
        }
        long[] millis = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> page = get(http, path, session);
            millis[i] = (System.nanoTime() - t0) / 1_000_000;
            if (page.statusCode() != 200) {
                throw new AssertionError(path + " answered " + page.statusCode());
            }
        }
        Arrays.sort(millis);
        return String.format("  %-50s p50 %3d  p95 %3d  p99 %3d  max %3d%n", path, millis[requests / 2],
                millis[(int) Math.ceil(requests * 0.95) - 1], millis[(int) Math.ceil(requests * 0.99) - 1],
                millis[requests - 1]);
    }

    private HttpResponse<String> get(HttpClient http, String path, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", "exdesk-session=" + session)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String session(HttpClient http, String username) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(url("/sign-in"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(form.body());
        token.find();
        String csrfCookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("exdesk-csrf="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(url("/sign-in")))
                .header("Cookie", csrfCookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf-token=" + token.group(1) + "&username=" + username
                        + "&password=benchmark+password")).build(), HttpResponse.BodyHandlers.ofString());
        List<String> cookies = new ArrayList<>(signedIn.headers().allValues("Set-Cookie"));
        return cookies.stream().filter(c -> c.startsWith("exdesk-session=")).map(c -> c.substring(15, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("sign-in failed: " + signedIn.statusCode()));
    }

    private String url(String path) {
        return console.toString().replaceAll("/$", "") + path;
    }
}
