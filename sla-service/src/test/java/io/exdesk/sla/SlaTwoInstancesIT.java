package io.exdesk.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sla-service processes, started from the packaged jar, share one database and one consumer
 * group. They fire every timer of hundreds of tickets between them, and when one is killed with
 * SIGKILL in the middle of it the other fires the rest: every warning and breach is emitted, and
 * none is fired twice.
 *
 * <p>A killed instance may have published an outbox record without recording that it did; the
 * survivor then publishes it again with the same event id, which consumers discard. That is a
 * redelivery, not a second firing, so the check is on distinct event ids per timer.
 */
class SlaTwoInstancesIT {

    /**
     * URGENT/VIP tickets: first response 20 s, resolution 30 s (room to kill an instance mid-way: it dies once
     * both fired warnings, about 10 s in, with five of each ticket's six timers still to fire), warnings at 50
     * and 75 %. A timer fired after its clock's due time breaches without the warnings it missed (the design), so
     * the warnings are far enough from the due time (5 s and more) that the survivor's take-over on a loaded
     * machine still reaches them: every clock owes exactly two warnings and a breach. (The survivor takes over at
     * once: the killed instance's row locks go with its connections.)
     */
    private static final int TICKETS = 400;
    private static final Pattern WARNINGS = Pattern.compile("(?m)^sla_warnings_total\\{[^}]*} ([0-9.]+)$");

    private final List<ServiceProcess> instances = new ArrayList<>();
    private TestEventPublisher publisher;
    private TopicProbe probe;

    @BeforeEach
    void startTwoInstances() {
        TestServers servers = TestServers.get();
        Map<String, String> env = ServiceProcess.environment(servers.postgres(), servers.database(),
                servers.kafkaBootstrapServers(), servers.jwt());
        Path jar = ServiceProcess.runnerJar(Path.of(""));
        for (String name : List.of("sla-a", "sla-b")) {
            instances.add(ServiceProcess.start(name, jar, FreePorts.next(), env,
                    Path.of("target", "it-logs", name + ".log"), "-Xmx256m"));
        }
        instances.forEach(instance -> instance.awaitReady(Duration.ofMinutes(2)));
        publisher = new TestEventPublisher();
        probe = new TopicProbe(Topics.SLA_EVENTS);
    }

    @AfterEach
    void stop() {
        // Killed, not stopped: nothing is checked after this, and a graceful stop takes 8 s here (its
        // Kafka consumers leave the group one after the other).
        instances.forEach(ServiceProcess::kill);
        publisher.close();
        probe.close();
    }

    @Test
    void twoInstancesFireEveryTimerOnceAndTheSurvivorTakesOverFromAKilledOne() {
        ServiceProcess a = instances.get(0);
        ServiceProcess b = instances.get(1);
        given().baseUri(a.baseUrl()).auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json")
                .body("{\"firstResponse\":\"PT20S\",\"resolution\":\"PT30S\",\"warningFractions\":[0.5,0.75]}")
                .put("/api/v1/sla/policies/URGENT/VIP").then().statusCode(200);
        // Clocks count from ticket creation: wait until the consumer group has settled, so that
        // the tickets below are consumed on time and their warnings are not already past.
        List<UUID> warmUp = publish(12);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(EventType.SLA_SCHEDULED) == 2L * warmUp.size());

        List<UUID> tickets = publish(TICKETS);
        int clocks = 2 * (TICKETS + warmUp.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> count(EventType.SLA_SCHEDULED) == clocks);
        // Both instances take part in the firing before one of them dies.
        await().atMost(Duration.ofSeconds(30)).until(() -> warningsFiredBy(a) > 0 && warningsFiredBy(b) > 0);
        a.kill();
        assertThat(count(EventType.SLA_BREACHED)).as("breaches left for the survivor").isLessThan(clocks);

        // No clock is stopped: each breaches, and each of its timers fired exactly once.
        await().atMost(Duration.ofSeconds(90)).until(() -> breachedClocks() == clocks);
        List<ConsumerRecord<String, String>> firings = probe.poll().stream().filter(SlaTwoInstancesIT::isFiring).toList();
        Map<String, Set<String>> idsPerTimer = firings.stream().collect(Collectors.groupingBy(SlaTwoInstancesIT::timer,
                Collectors.mapping(r -> TopicProbe.header(r, "ce_id"), Collectors.toSet())));
        assertThat(idsPerTimer).as("fired once: one event per timer").allSatisfy((timer, ids) -> assertThat(ids).hasSize(1));
        Map<String, Set<String>> payloadsPerId = firings.stream().collect(Collectors.groupingBy(
                r -> TopicProbe.header(r, "ce_id"), Collectors.mapping(ConsumerRecord::value, Collectors.toSet())));
        assertThat(payloadsPerId).as("a copy of an event is the same event").allSatisfy((id, payloads) ->
                assertThat(payloads).hasSize(1));
        List<String> owed = tickets.stream().flatMap(ticket -> Stream.of(SlaClock.values()).flatMap(clock ->
                Stream.of("warning-1", "warning-2", "breach").map(timer -> ticket + "/" + clock + "/" + timer))).toList();
        Set<UUID> ticketSet = Set.copyOf(tickets);
        assertThat(idsPerTimer.keySet().stream().filter(t -> ticketSet.contains(UUID.fromString(t.substring(0, 36)))))
                .as("every warning and breach the tickets owe, and nothing else").containsExactlyInAnyOrderElementsOf(owed);
        assertThat(firings).as("named by number and category").allSatisfy(r -> assertThat(r.value())
                .contains("\"ticketNumber\":\"EXD-IT-").contains("\"category\":\"SECURITY\""));
    }

    private List<UUID> publish(int tickets) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            Instant now = Instant.now();
            UUID id = UUID.randomUUID();
            publisher.publish(new TicketCreated(id, 1, now, "EXD-IT-" + i, Priority.URGENT, Category.SECURITY,
                    Channel.WEB, i % 2 == 0 ? "zh-CN" : "en", "customer-" + i, CustomerTier.VIP, "Account compromised",
                    false, now));
            ids.add(id);
        }
        return ids;
    }

    private long breachedClocks() {
        return probe.poll().stream().filter(SlaTwoInstancesIT::isFiring).map(SlaTwoInstancesIT::timer)
                .filter(t -> t.endsWith("/breach")).distinct().count();
    }

    private long count(EventType type) {
        return probe.poll().stream().filter(r -> type.ceType().equals(TopicProbe.header(r, "ce_type"))).count();
    }

    private static boolean isFiring(ConsumerRecord<String, String> record) {
        String type = TopicProbe.header(record, "ce_type");
        return EventType.SLA_WARNING.ceType().equals(type) || EventType.SLA_BREACHED.ceType().equals(type);
    }

    private static String timer(ConsumerRecord<String, String> record) {
        Class<?> type = EventType.fromCeType(TopicProbe.header(record, "ce_type")).payloadType();
        if (type == SlaWarning.class) {
            SlaWarning w = TestEventPublisher.decode(record.value(), SlaWarning.class);
            return w.ticketId() + "/" + w.clock() + "/warning-" + w.level();
        }
        SlaBreached b = TestEventPublisher.decode(record.value(), SlaBreached.class);
        return b.ticketId() + "/" + b.clock() + "/breach";
    }

    private static double warningsFiredBy(ServiceProcess instance) {
        String metrics = given().baseUri(instance.baseUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = WARNINGS.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
