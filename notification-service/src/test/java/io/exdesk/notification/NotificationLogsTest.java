package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.CustomerReplied;
import io.exdesk.events.CustomerTier;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.LogNeedles;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.TraceLogProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * notification-service's delivery paths log no recipient address, customer id, webhook URL or rendered
 * message at any level: with the root at DEBUG and ExDesk, Quarkus, Vert.x (its SMTP client included),
 * SmallRye, Kafka, JDBC and Hibernate at TRACE, a customer gets the scam warning by e-mail (at creation and
 * for a reply), a customer without a contact gets a dead delivery, and an agent's e-mail and failing chat
 * webhook are delivered and retried until dead; then every log line is searched for all of them.
 */
@QuarkusTest
@TestProfile(NotificationLogsTest.EverythingLogged.class)
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class NotificationLogsTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * What this test raises to TRACE (capped categories among them) and what it keeps quiet, the test's own
     * side rather than the service: its HTTP client (REST Assured) logs what it sends, the JDK server behind
     * WebhookReceiver the URLs it is called on, and GreenMail each mailbox it creates (at INFO, with the address).
     */
    static final TraceLogProfile LOGGING = new TraceLogProfile(Path.of("target", "notification-logs-test", "trace.log"),
            List.of("io.exdesk", "io.quarkus", "io.vertx", "io.vertx.ext.mail", "io.smallrye", "org.jboss.resteasy.reactive",
                    "org.apache.kafka", "org.postgresql", "io.agroal", "org.hibernate", "org.hibernate.orm",
                    "org.hibernate.orm.event", "io.vertx.ext.web", "io.quarkus.micrometer.runtime.binder.vertx",
                    "jdk.internal.httpclient", "com.fasterxml.jackson"),
            Map.of("org.apache.http", "INFO", "com.sun.net.httpserver", "INFO", "com.icegreen", "WARN"));

    public static class EverythingLogged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOGGING.config();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TraceLogProfile.Levels.class, LOGGING.levels()));
        }
    }

    @AfterAll
    static void lowerTheLevelsAgain() {
        LOGGING.lowerTheLevelsAgain();
    }

    @Test
    void deliveriesLogNoAddressCustomerIdUrlOrRenderedMessage() {
        for (String capped : List.of("io.vertx.ext.mail.impl.SMTPConnection", "jdk.internal.httpclient.debug",
                "org.hibernate.orm.event", "org.hibernate.orm.loader.multi", "io.vertx.ext.web.impl.RouterImpl",
                "io.quarkus.micrometer.runtime.binder.vertx.VertxHttpServerMetrics")) {
            assertThat(Logger.getLogger(capped).isDebugEnabled()).as("%s is held at INFO", capped).isFalse();
        }
        assertThat(Logger.getLogger("io.exdesk.notification").isTraceEnabled()).isTrue();
        LogNeedles needles = new LogNeedles();
        needles.add("the webhook signing secret",
                ConfigProvider.getConfig().getValue("notification.webhook.signing-secret", String.class));

        // the scam warning by e-mail, at creation and for a reply that exposed secrets
        String customer = "logs-cust-" + UUID.randomUUID();
        String address = "logs-" + UUID.randomUUID() + "@customers.test";
        as(Roles.PLATFORM).body(Map.of("email", address, "language", "en"))
                .put("/api/v1/contacts/customers/" + customer).then().statusCode(200);
        UUID warned = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(created(warned, number, CustomerTier.STANDARD, true, customer, "en"));
        publisher.publish(new CustomerReplied(warned, 2, now(), number, false, true));
        await().atMost(WAIT).until(() -> mail.to(address).size() == 2);
        needles.add("a customer id", customer).add("a customer's address", address)
                .add("a rendered subject", "Security notice about your ticket " + number)
                .add("a rendered body", "Link: https://support.test/tickets/" + warned)
                .add("a rendered body", "Ticket: " + number);
        assertThat(MailServer.part(mail.to(address).get(0), "text/plain")).as("what the needles are taken from")
                .contains("Ticket: " + number, "Link: https://support.test/tickets/" + warned);

        // a customer without a contact: the delivery is dead at once
        String unknown = "logs-unknown-" + UUID.randomUUID();
        UUID dead = UUID.randomUUID();
        publisher.publish(created(dead, ticketNumber(), CustomerTier.STANDARD, true, unknown, "en"));
        needles.add("the customer id of a dead delivery", unknown);
        await().atMost(WAIT).until(() -> deliveries(dead).stream().anyMatch(d -> "DEAD".equals(d.get("status"))));

        // an agent's e-mail, and a chat webhook that keeps failing until the delivery is dead
        String team = team();
        String agent = agent("en", team, false);
        hooks.fail(hookPath(agent), 500);
        UUID assigned = UUID.randomUUID();
        publisher.publish(assigned(assigned, ticketNumber(), agent, team, "en"));
        needles.add("an agent's address", email(agent)).add("an agent's webhook URL", hooks.url(hookPath(agent)));
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1
                && deliveries(assigned).stream().anyMatch(d -> "CHAT".equals(d.get("channel")) && "DEAD".equals(d.get("status"))));
        hooks.heal(hookPath(agent));

        LogNeedles.Scan scan = needles.scan(LOGGING.file());
        System.out.printf("%s searched %d log lines for %d values%n", getClass().getSimpleName(), scan.lines(), needles.size());
        assertThat(scan.lines()).as("the log was written").isGreaterThan(1_000);
        assertThat(LOGGING.traceLines()).as("TRACE was on").isGreaterThan(100);
        assertThat(scan.found()).as("log lines that carry what must never be logged").isEmpty();
    }
}
