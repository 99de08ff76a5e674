package io.exdesk.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Business-hours calendars end to end: a policy's calendar decides when a ticket's clocks run. The
 * calendar arithmetic itself is property-tested in {@code BusinessCalendarPropertiesTest}; here the
 * due times the service schedules are checked to the millisecond against hand-computed instants.
 *
 * <p>The calendars use a fixed-offset zone chosen so that it is morning there whatever the hour of
 * the run, so the expected instants never straddle midnight.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class SlaBusinessHoursTest {

    private final ZoneOffset zone = morningZone(Instant.now());
    private TestEventPublisher publisher;
    private TopicProbe probe;

    @BeforeEach
    void setUp() {
        publisher = new TestEventPublisher();
        probe = new TopicProbe(Topics.SLA_EVENTS);
    }

    @AfterEach
    void tearDown() {
        // Back to the defaults of the design, which SlaPolicyApiTest checks in this same application.
        policy("LOW", "VIP", "{\"firstResponse\":\"PT2H\",\"resolution\":\"PT36H\"}");
        policy("URGENT", "STANDARD", "{\"firstResponse\":\"PT5M\",\"resolution\":\"PT1H\"}");
        policy("HIGH", "STANDARD", "{\"firstResponse\":\"PT15M\",\"resolution\":\"PT4H\"}");
        publisher.close();
        probe.close();
    }

    @Test
    void aClockDoesNotRunWhileTheCalendarIsClosed() {
        // LOW/VIP: open 14:00-15:00 every day (closed now, in the morning); URGENT/STANDARD: 24x7.
        policy("LOW", "VIP", """
                {"firstResponse":"PT2S","resolution":"PT90M","warningFractions":[0.5],
                 "calendar":{"name":"afternoon-desk","timeZone":"%s","hours":%s}}"""
                .formatted(zone.getId(), everyDay("\"14:00-15:00\"")));
        policy("URGENT", "STANDARD", "{\"firstResponse\":\"PT4S\",\"resolution\":\"PT1H\",\"warningFractions\":[0.5]}");

        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TicketCreated inCalendar = created(Priority.LOW, CustomerTier.VIP, created);

        LocalDate today = LocalDate.ofInstant(created, zone);
        Instant opens = today.atTime(LocalTime.of(14, 0)).toInstant(zone);
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduled(inCalendar).size() == 2);
        assertThat(due(inCalendar, SlaClock.FIRST_RESPONSE)).isEqualTo(opens.plusSeconds(2));
        // 90 minutes of a one-hour day: the last 30 minutes fall on tomorrow afternoon.
        assertThat(due(inCalendar, SlaClock.RESOLUTION)).isEqualTo(opens.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));

        // Meanwhile a 24x7 ticket with a longer target warns and breaches; the closed-hours one stays silent.
        TicketCreated always = created(Priority.URGENT, CustomerTier.STANDARD, Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> !of(always, SlaBreached.class).isEmpty());
        assertThat(of(always, SlaWarning.class)).hasSize(1);
        assertThat(of(inCalendar, SlaWarning.class)).isEmpty();
        assertThat(of(inCalendar, SlaBreached.class)).isEmpty();
        given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR)).get("/api/v1/sla/tickets/" + inCalendar.ticketId())
                .then().statusCode(200)
                .body("clocks.find { it.clock == 'FIRST_RESPONSE' }.state", equalTo("RUNNING"))
                .body("clocks.find { it.clock == 'FIRST_RESPONSE' }.warningsEmitted", equalTo(0));
    }

    @Test
    void holidaysAreClosedAllDay() {
        // HIGH/STANDARD: open around the clock, except today and tomorrow, which are holidays.
        LocalDate today = LocalDate.ofInstant(Instant.now(), zone);
        policy("HIGH", "STANDARD", """
                {"firstResponse":"PT30M","resolution":"PT4H","warningFractions":[0.5,0.75,0.9],
                 "calendar":{"name":"holidays","timeZone":"%s","hours":%s,"holidays":["%s","%s"]}}"""
                .formatted(zone.getId(), everyDay("\"00:00-24:00\""), today, today.plusDays(1)));

        TicketCreated ticket = created(Priority.HIGH, CustomerTier.STANDARD, Instant.now());
        Instant backAtWork = today.plusDays(2).atStartOfDay(zone).toInstant();
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduled(ticket).size() == 2);
        assertThat(due(ticket, SlaClock.FIRST_RESPONSE)).isEqualTo(backAtWork.plus(Duration.ofMinutes(30)));
        assertThat(due(ticket, SlaClock.RESOLUTION)).isEqualTo(backAtWork.plus(Duration.ofHours(4)));
        given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR)).get("/api/v1/sla/tickets/" + ticket.ticketId())
                .then().statusCode(200)
                .body("clocks.find { it.clock == 'FIRST_RESPONSE' }.dueAt",
                        equalTo(backAtWork.plus(Duration.ofMinutes(30)).toString()));
    }

    /** A whole-hour offset at which it is between 08:00 and 10:59 now. */
    private static ZoneOffset morningZone(Instant now) {
        int utcHour = now.atOffset(ZoneOffset.UTC).getHour();
        int shift = Math.floorMod(9 - utcHour + 12, 24) - 12; // -12..+11, local hour 09:xx
        return ZoneOffset.ofHours(shift);
    }

    private static String everyDay(String interval) {
        return "{" + String.join(",", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
                .stream().map(day -> "\"" + day + "\":[" + interval + "]").toList()) + "}";
    }

    private TicketCreated created(Priority priority, CustomerTier tier, Instant at) {
        TicketCreated ticket = new TicketCreated(UUID.randomUUID(), 1, at, "EXD-" + System.nanoTime() % 1_000_000,
                priority, Category.ACCOUNT_ACCESS, Channel.EMAIL, "zh-CN", "customer-bh", tier, "账户无法登录", false, at);
        publisher.publish(ticket);
        return ticket;
    }

    private List<ExDeskEvent> events(TicketCreated ticket) {
        return probe.poll().stream()
                .filter(r -> r.key().equals(ticket.ticketId().toString()))
                .map(r -> (ExDeskEvent) TestEventPublisher.decode(r.value(),
                        EventType.fromCeType(TopicProbe.header(r, "ce_type")).payloadType()))
                .toList();
    }

    private <T extends ExDeskEvent> List<T> of(TicketCreated ticket, Class<T> type) {
        return events(ticket).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private List<SlaScheduled> scheduled(TicketCreated ticket) {
        return of(ticket, SlaScheduled.class);
    }

    private Instant due(TicketCreated ticket, SlaClock clock) {
        return scheduled(ticket).stream().filter(s -> s.clock() == clock).findFirst().orElseThrow().dueAt();
    }

    private static void policy(String priority, String tier, String body) {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json").body(body)
                .put("/api/v1/sla/policies/" + priority + "/" + tier).then().statusCode(200);
    }
}
