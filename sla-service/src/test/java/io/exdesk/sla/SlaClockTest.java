package io.exdesk.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaMet;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketResponded;
import io.exdesk.events.TicketStatus;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.sla.service.SlaTimer;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks against the real broker and database, with compressed targets: HIGH/VIP first response
 * 4 s and resolution 10 s, warnings at 50 % and 75 %; URGENT/VIP first response 1 s.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class SlaClockTest {

    private static final String[] HIGH_VIP_FIRST_RESPONSE = {"clock", "FIRST_RESPONSE", "priority", "HIGH", "tier", "VIP"};

    @Inject
    SlaTimer timer;

    @Inject
    DataSource dataSource;

    private TestEventPublisher publisher;
    private TopicProbe probe;

    @BeforeEach
    void setUp() {
        policy("HIGH", "VIP", "{\"firstResponse\":\"PT4S\",\"resolution\":\"PT10S\",\"warningFractions\":[0.5,0.75]}");
        policy("URGENT", "VIP", "{\"firstResponse\":\"PT1S\",\"resolution\":\"PT10S\",\"warningFractions\":[0.5,0.75]}");
        publisher = new TestEventPublisher();
        probe = new TopicProbe(Topics.SLA_EVENTS);
    }

    @AfterEach
    void tearDown() {
        timer.start();
        publisher.close();
        probe.close();
    }

    @Test
    void aClockWarnsAtEachLevelInOrderThenBreaches() {
        double warningsBefore = Metrics.scrape().value("sla_warnings_total", HIGH_VIP_FIRST_RESPONSE);
        double breachesBefore = Metrics.scrape().value("sla_breaches_total", HIGH_VIP_FIRST_RESPONSE);
        TicketCreated ticket = created(Priority.HIGH);
        await().atMost(Duration.ofSeconds(20)).until(() -> !of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE).isEmpty());

        List<ExDeskEvent> firstResponse = events(ticket).stream().filter(e -> clockOf(e) == SlaClock.FIRST_RESPONSE).toList();
        assertThat(firstResponse).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("SlaScheduled", "SlaWarning", "SlaWarning", "SlaBreached");
        SlaScheduled scheduled = (SlaScheduled) firstResponse.get(0);
        SlaWarning first = (SlaWarning) firstResponse.get(1);
        SlaWarning second = (SlaWarning) firstResponse.get(2);
        SlaBreached breach = (SlaBreached) firstResponse.get(3);
        // The clock runs from the ticket's creation, whenever the service got to read it.
        assertThat(Duration.between(ticket.occurredAt(), scheduled.dueAt()).minusSeconds(4).abs())
                .isLessThanOrEqualTo(Duration.ofMillis(1));
        assertThat(first.level()).isEqualTo(1);
        assertThat(first.occurredAt()).isAfterOrEqualTo(scheduled.dueAt().minusSeconds(2));
        assertThat(second.level()).isEqualTo(2);
        assertThat(second.occurredAt()).isAfterOrEqualTo(scheduled.dueAt().minusMillis(1000));
        assertThat(breach.breachedAt()).isAfterOrEqualTo(scheduled.dueAt());
        assertThat(breach.late()).isFalse();
        assertThat(breach.priority()).isEqualTo(Priority.HIGH);
        // Consumers name the ticket from the SLA event itself, whatever they have or have not read elsewhere.
        assertThat(List.of(first, second)).allSatisfy(w -> {
            assertThat(w.ticketNumber()).isEqualTo(ticket.ticketNumber());
            assertThat(w.category()).isEqualTo(Category.WITHDRAWAL);
        });
        assertThat(breach.ticketNumber()).isEqualTo(ticket.ticketNumber());
        assertThat(breach.category()).isEqualTo(Category.WITHDRAWAL);

        given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR)).get("/api/v1/sla/tickets/" + ticket.ticketId())
                .then().statusCode(200)
                .body("priority", org.hamcrest.Matchers.equalTo("HIGH"))
                .body("clocks.find { it.clock == 'FIRST_RESPONSE' }.breached", org.hamcrest.Matchers.equalTo(true))
                .body("clocks.find { it.clock == 'FIRST_RESPONSE' }.warningsEmitted", org.hamcrest.Matchers.equalTo(2))
                .body("clocks.find { it.clock == 'RESOLUTION' }.state", org.hamcrest.Matchers.equalTo("RUNNING"));
        given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR)).get("/api/v1/sla/tickets/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        // Counted after commit; other tickets' first-response clocks of HIGH/VIP may fire meanwhile, hence "at least".
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Metrics metrics = Metrics.scrape();
            assertThat(metrics.value("sla_warnings_total", HIGH_VIP_FIRST_RESPONSE) - warningsBefore).isGreaterThanOrEqualTo(2);
            assertThat(metrics.value("sla_breaches_total", HIGH_VIP_FIRST_RESPONSE) - breachesBefore).isGreaterThanOrEqualTo(1);
        });
        assertThat(given().get("/q/metrics").then().extract().asString()).contains("sla_timer_lateness_seconds_bucket");
        // This ticket alone keeps the gauges up: its resolution clock is open, and its first-response clock
        // (open, breached) puts it at risk.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Metrics metrics = Metrics.scrape();
            assertThat(metrics.value("sla_open_clocks", "priority", "HIGH")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("sla_at_risk_tickets", "priority", "HIGH")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aResponseMeetsTheFirstResponseClockAndNothingFollowsIt() {
        double metBefore = Metrics.scrape().value("sla_met_total", HIGH_VIP_FIRST_RESPONSE);
        TicketCreated ticket = created(Priority.HIGH);
        UUID responseId = UUID.randomUUID();
        TicketResponded responded = new TicketResponded(ticket.ticketId(), 2, Instant.now(), ticket.ticketNumber(),
                "agent-1", true);
        publisher.publish(responded, responseId);
        publisher.publish(responded, responseId); // redelivered
        publisher.publish(responded); // the same fact again under a new id: stale version
        // The resolution clock's first warning (5 s) comes after the first-response due time (4 s).
        await().atMost(Duration.ofSeconds(20)).until(() -> !of(ticket, SlaWarning.class, SlaClock.RESOLUTION).isEmpty());

        assertThat(of(ticket, SlaMet.class, SlaClock.FIRST_RESPONSE)).hasSize(1);
        assertThat(of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE)).isEmpty();
        assertThat(of(ticket, SlaMet.class, SlaClock.RESOLUTION)).isEmpty();
        // Only this test answers HIGH/VIP tickets: the redelivery and the stale copy count nothing.
        assertThat(Metrics.scrape().value("sla_met_total", HIGH_VIP_FIRST_RESPONSE) - metBefore).isEqualTo(1);
        assertThat(Metrics.scrape().value("sla_first_response_duration_seconds_count", "priority", "HIGH")).isPositive();
    }

    @Test
    void pausingShiftsTheDueTimeByThePausedTime() {
        TicketCreated ticket = created(Priority.HIGH);
        StatusChanged pause = new StatusChanged(ticket.ticketId(), 2, Instant.now(), ticket.ticketNumber(),
                TicketStatus.NEW, TicketStatus.PENDING_CUSTOMER, Priority.HIGH, CustomerTier.VIP, "agent-1");
        publisher.publish(pause);
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduled(ticket, SlaClock.RESOLUTION).size() >= 2);
        StatusChanged resume = new StatusChanged(ticket.ticketId(), 3, Instant.now(), ticket.ticketNumber(),
                TicketStatus.PENDING_CUSTOMER, TicketStatus.IN_PROGRESS, Priority.HIGH, CustomerTier.VIP, "agent-1");
        publisher.publish(resume);
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduled(ticket, SlaClock.RESOLUTION).size() >= 3);

        List<SlaScheduled> resolution = scheduled(ticket, SlaClock.RESOLUTION);
        SlaScheduled start = resolution.get(0);
        SlaScheduled paused = resolution.get(1);
        SlaScheduled resumed = resolution.get(2);
        assertThat(paused.paused()).isTrue();
        assertThat(resumed.paused()).isFalse();
        // The clock stood still from the moment the ticket was put on hold until it was taken off hold.
        Duration pausedFor = Duration.between(pause.occurredAt(), resume.occurredAt());
        Duration shift = Duration.between(start.dueAt(), resumed.dueAt());
        assertThat(shift.minus(pausedFor).abs()).isLessThanOrEqualTo(Duration.ofMillis(1)); // millisecond bookkeeping
    }

    @Test
    void aPriorityRaisedPastTheNewTargetBreachesAtOnceKeepingElapsedTime() {
        TicketCreated ticket = created(Priority.NORMAL); // NORMAL/VIP: 15 minutes
        await().atMost(Duration.ofSeconds(20)).until(() -> !scheduled(ticket, SlaClock.FIRST_RESPONSE).isEmpty());
        Instant started = scheduled(ticket, SlaClock.FIRST_RESPONSE).get(0).occurredAt();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(started.plusMillis(1500)));
        publisher.publish(new PriorityChanged(ticket.ticketId(), 2, Instant.now(), ticket.ticketNumber(),
                Priority.NORMAL, Priority.URGENT, Category.WITHDRAWAL, CustomerTier.VIP, "supervisor-1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE).isEmpty());
        SlaBreached breach = of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE).get(0);
        assertThat(breach.priority()).isEqualTo(Priority.URGENT);
        assertThat(breach.dueAt()).isBefore(breach.breachedAt());
        assertThat(of(ticket, SlaWarning.class, SlaClock.FIRST_RESPONSE)).isEmpty();
        // The resolution clock (10 s under URGENT/VIP) keeps the time already used: due 10 s after creation.
        SlaScheduled recomputed = scheduled(ticket, SlaClock.RESOLUTION).get(1);
        assertThat(Duration.between(ticket.occurredAt(), recomputed.dueAt()).minusSeconds(10).abs())
                .isLessThanOrEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aTimerThatFellDueWhileStoppedFiresOnceAtRestartMarkedLate() {
        timer.stop();
        TicketCreated ticket = created(Priority.URGENT); // URGENT/VIP: due after 1 s, so the wait below is short
        await().atMost(Duration.ofSeconds(20)).until(() -> !scheduled(ticket, SlaClock.FIRST_RESPONSE).isEmpty());
        Instant due = scheduled(ticket, SlaClock.FIRST_RESPONSE).get(0).dueAt();
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(due.plusMillis(1500)));
        assertThat(of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE)).isEmpty();

        timer.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE).isEmpty());
        assertThat(of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE)).singleElement()
                .satisfies(breach -> assertThat(breach.late()).isTrue());
    }

    @Test
    void aTicketKnownFromBeforeNumbersWereKeptIsUnnamedUntilALaterFactNamesIt() throws Exception {
        timer.stop(); // nothing fires before the row looks like one written before V3
        TicketCreated ticket = created(Priority.HIGH);
        await().atMost(Duration.ofSeconds(20)).until(() -> !scheduled(ticket, SlaClock.FIRST_RESPONSE).isEmpty());
        sql("UPDATE sla_ticket SET ticket_number = NULL, category = NULL WHERE ticket_id = ?", ticket.ticketId());
        timer.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !of(ticket, SlaBreached.class, SlaClock.FIRST_RESPONSE).isEmpty());
        List<ExDeskEvent> fired = events(ticket).stream()
                .filter(e -> e instanceof SlaWarning || e instanceof SlaBreached).toList();
        assertThat(fired).hasSizeGreaterThanOrEqualTo(3).allSatisfy(e -> {
            String number = e instanceof SlaWarning w ? w.ticketNumber() : ((SlaBreached) e).ticketNumber();
            Category category = e instanceof SlaWarning w ? w.category() : ((SlaBreached) e).category();
            assertThat(number).as("unknown, not guessed").isNull();
            assertThat(category).as("unknown, not guessed").isNull();
        });

        // Any later fact that names the ticket fills the row in; the events built from it then carry it.
        publisher.publish(new TicketAssigned(ticket.ticketId(), Instant.now(), ticket.ticketNumber(), "agent-1", null,
                AssignmentReason.ROUTED, AgentTier.L1, "team-1", Priority.HIGH, Category.WITHDRAWAL, "en"));
        await().atMost(Duration.ofSeconds(20)).until(() -> (ticket.ticketNumber() + "/WITHDRAWAL").equals(
                sqlText("SELECT ticket_number || '/' || category FROM sla_ticket WHERE ticket_id = ?", ticket.ticketId())));
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private String sqlText(String query, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private TicketCreated created(Priority priority) {
        TicketCreated ticket = new TicketCreated(UUID.randomUUID(), 1, Instant.now(), "EXD-" + System.nanoTime() % 1_000_000,
                priority, Category.WITHDRAWAL, Channel.CHAT, "en", "customer-1", CustomerTier.VIP, "Withdrawal stuck",
                false, Instant.now());
        publisher.publish(ticket);
        return ticket;
    }

    private List<ExDeskEvent> events(TicketCreated ticket) {
        return probe.poll().stream()
                .filter(r -> r.key().equals(ticket.ticketId().toString()))
                .map(r -> (ExDeskEvent) TestEventPublisher.decode(r.value(), typeOf(TopicProbe.header(r, "ce_type"))))
                .toList();
    }

    private <T extends ExDeskEvent> List<T> of(TicketCreated ticket, Class<T> type, SlaClock clock) {
        return events(ticket).stream().filter(type::isInstance).map(type::cast).filter(e -> clockOf(e) == clock).toList();
    }

    private List<SlaScheduled> scheduled(TicketCreated ticket, SlaClock clock) {
        return of(ticket, SlaScheduled.class, clock);
    }

    private static SlaClock clockOf(ExDeskEvent e) {
        if (e instanceof SlaScheduled s) {
            return s.clock();
        }
        if (e instanceof SlaWarning w) {
            return w.clock();
        }
        if (e instanceof SlaBreached b) {
            return b.clock();
        }
        return e instanceof SlaMet m ? m.clock() : null;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends ExDeskEvent> typeOf(String ceType) {
        return io.exdesk.events.EventType.fromCeType(ceType).payloadType();
    }

    private static void policy(String priority, String tier, String body) {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json").body(body)
                .put("/api/v1/sla/policies/" + priority + "/" + tier).then().statusCode(200);
    }
}
