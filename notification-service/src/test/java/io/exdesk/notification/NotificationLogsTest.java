package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.CustomerReplied;
import io.exdesk.events.CustomerTier;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.LogNeedles;
import io.exdesk.testkit.MailServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

    static final Path LOG = Path.of("target", "notification-logs-test", "trace.log");
    private static final Duration WAIT = Duration.ofSeconds(60);

    public static class EverythingLogged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.log.min-level", "TRACE");
            config.put("quarkus.log.level", "DEBUG");
            config.put("quarkus.log.file.enable", "true");
            config.put("quarkus.log.file.path", LOG.toString());
            config.put("quarkus.log.file.level", "TRACE");
            config.put("quarkus.log.file.rotation.max-file-size", "2G");
            config.put("quarkus.log.console.level", "INFO");
            // the test's own side, not the service: its HTTP client (REST Assured) logs what it sends, the JDK
            // server behind WebhookReceiver the URLs it is called on, and GreenMail each mailbox it creates (at
            // INFO, with the address)
            config.put("quarkus.log.category.\"org.apache.http\".level", "INFO");
            config.put("quarkus.log.category.\"com.sun.net.httpserver\".level", "INFO");
            config.put("quarkus.log.category.\"com.icegreen\".level", "WARN");
            for (String category : TRACED) {
                config.put("quarkus.log.category.\"" + category + "\".level", "TRACE");
            }
            return config;
        }
    }

    /** What this profile raises to TRACE, capped categories among them. */
    static final List<String> TRACED = List.of("io.exdesk", "io.quarkus", "io.vertx", "io.vertx.ext.mail", "io.smallrye",
            "org.jboss.resteasy.reactive", "org.apache.kafka", "org.postgresql", "io.agroal", "org.hibernate",
            "org.hibernate.orm", "org.hibernate.orm.event", "io.vertx.ext.web", "io.quarkus.micrometer.runtime.binder.vertx",
            "jdk.internal.httpclient", "com.fasterxml.jackson");

    /** The log manager is the JVM's: the next profile's application would otherwise inherit these levels. */
    @AfterAll
    static void lowerTheLevelsAgain() {
        TRACED.forEach(category -> java.util.logging.Logger.getLogger(category).setLevel(null));
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

        LogNeedles.Scan scan = needles.scan(LOG);
        System.out.printf("%s searched %d log lines for %d values%n", getClass().getSimpleName(), scan.lines(), needles.size());
        assertThat(scan.lines()).as("the log was written").isGreaterThan(1_000);
        try (var lines = java.nio.file.Files.lines(LOG)) {
            assertThat(lines.filter(line -> line.contains(" TRACE [")).count()).as("TRACE was on").isGreaterThan(100);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(scan.found()).as("log lines that carry what must never be logged").isEmpty();
    }
}
