package io.exdesk.sla.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaPolicyUpdated;
import io.exdesk.platform.http.IfMatch;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.problem.Problem;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.sla.domain.SlaPolicy;
import io.exdesk.sla.domain.SlaPolicyDefaults;
import io.exdesk.sla.domain.calendar.CalendarSpec;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SLA policies: the current version per priority and tier, changes as new versions, and each
 * version published on the compacted {@code sla-policies} topic (through the outbox) so other
 * services know the targets without calling this one.
 */
@ApplicationScoped
public class SlaPolicyService {

    static final Duration MAX_TARGET = Duration.ofDays(365);
    static final String SYSTEM = "sla-service";

    private final OutboxWriter outbox;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    public SlaPolicyService(OutboxWriter outbox, EntityManager em, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** Puts the default policies in place on first start; several instances may race, one wins. */
    @Transactional
    void seedDefaults(@Observes StartupEvent start) {
        Instant now = clock.instant();
        String calendar = toJson(CalendarSpec.ALWAYS_OPEN);
        for (Priority priority : Priority.values()) {
            for (CustomerTier tier : CustomerTier.values()) {
                int inserted = em.createNativeQuery("""
                        INSERT INTO sla_policy (priority, customer_tier, version, first_response_seconds,
                            resolution_seconds, warning_fractions, calendar, created_at, created_by)
                        VALUES (?1, ?2, 1, ?3, ?4, CAST(?5 AS DOUBLE PRECISION[]), ?6, ?7, ?8) ON CONFLICT DO NOTHING""")
                        .setParameter(1, priority.name())
                        .setParameter(2, tier.name())
                        .setParameter(3, SlaPolicyDefaults.firstResponse(priority, tier).toSeconds())
                        .setParameter(4, SlaPolicyDefaults.resolution(priority, tier).toSeconds())
                        .setParameter(5, SlaPolicyDefaults.WARNING_FRACTIONS.stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                        .setParameter(6, calendar)
                        .setParameter(7, now)
                        .setParameter(8, SYSTEM)
                        .executeUpdate();
                if (inserted == 1) {
                    publish(current(priority, tier));
                }
            }
        }
    }

    /** The policies in force, one per priority and tier. */
    @Transactional
    public List<SlaPolicy> current() {
        return SlaPolicy.list("""
                from SlaPolicy p where p.key.version = (select max(q.key.version) from SlaPolicy q
                    where q.key.priority = p.key.priority and q.key.customerTier = p.key.customerTier)
                order by p.key.priority, p.key.customerTier""");
    }

    @Transactional
    public SlaPolicy current(Priority priority, CustomerTier tier) {
        return SlaPolicy.<SlaPolicy>find("""
                        key.priority = ?1 and key.customerTier = ?2 order by key.version desc""", priority, tier)
                .firstResult();
    }

    /**
     * Validates and stores a new version, then publishes it. {@code ifMatch} (the request's header, or
     * {@code null}) guards against lost updates by the one rule of {@link IfMatch}.
     */
    @Transactional
    public SlaPolicy update(Priority priority, CustomerTier tier, SlaPolicyChange request, String ifMatch,
                            String actor) {
        List<Double> fractions = request.warningFractions() == null
                ? SlaPolicyDefaults.WARNING_FRACTIONS : request.warningFractions();
        String calendar = validate(request, fractions);
        SlaPolicy current = SlaPolicy.<SlaPolicy>find(
                        "key.priority = ?1 and key.customerTier = ?2 order by key.version desc", priority, tier)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        IfMatch.require(ifMatch, current.etag(), "Policy " + priority + ":" + tier);
        SlaPolicy next = new SlaPolicy();
        next.key = new SlaPolicy.Key(priority, tier, current.key.version() + 1);
        next.firstResponseSeconds = request.firstResponse().toSeconds();
        next.resolutionSeconds = request.resolution().toSeconds();
        next.warningFractions = fractions.stream().mapToDouble(Double::doubleValue).toArray();
        next.calendar = calendar;
        next.createdAt = clock.instant();
        next.createdBy = actor;
        next.persist();
        publish(next);
        return next;
    }

    public JsonNode calendarOf(SlaPolicy policy) {
        try {
            return json.readTree(policy.calendar);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored calendar is not JSON", e);
        }
    }

    private void publish(SlaPolicy policy) {
        CalendarSpec calendar = readCalendar(policy.calendar);
        outbox.append(new SlaPolicyUpdated(policy.key.priority(), policy.key.customerTier(), policy.key.version(),
                policy.firstResponseSeconds, policy.resolutionSeconds, policy.fractions(), calendar.name(),
                clock.instant()));
    }

    /** All problems at once, per field; returns the calendar's canonical JSON. */
    private String validate(SlaPolicyChange request, List<Double> fractions) {
        List<Problem.FieldError> errors = new ArrayList<>();
        checkTarget("firstResponse", request.firstResponse(), errors);
        checkTarget("resolution", request.resolution(), errors);
        if (errors.isEmpty() && request.firstResponse().compareTo(request.resolution()) > 0) {
            errors.add(new Problem.FieldError("firstResponse", "must not be longer than the resolution target"));
        }
        if (fractions.isEmpty() || fractions.size() > 10) {
            errors.add(new Problem.FieldError("warningFractions", "must have 1 to 10 entries"));
        }
        for (int i = 0; i < fractions.size(); i++) {
            Double f = fractions.get(i);
            if (f == null || !(f > 0 && f < 1)) {
                errors.add(new Problem.FieldError("warningFractions[" + i + "]", "must be between 0 and 1, exclusive"));
            } else if (i > 0 && fractions.get(i - 1) != null && f <= fractions.get(i - 1)) {
                errors.add(new Problem.FieldError("warningFractions[" + i + "]", "must be greater than the one before"));
            }
        }
        String calendar = null;
        try {
            CalendarSpec spec = request.calendar() == null || request.calendar().isNull()
                    ? CalendarSpec.ALWAYS_OPEN : json.treeToValue(request.calendar(), CalendarSpec.class);
            spec.toCalendar(); // validates
            calendar = toJson(spec);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(new Problem.FieldError("calendar", e instanceof JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    "The policy has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s"), errors);
        }
        return calendar;
    }

    private static void checkTarget(String field, Duration target, List<Problem.FieldError> errors) {
        if (target.isNegative() || target.isZero()) {
            errors.add(new Problem.FieldError(field, "must be a positive duration such as PT15M"));
        } else if (target.compareTo(MAX_TARGET) > 0) {
            errors.add(new Problem.FieldError(field, "must be at most 365 days"));
        } else if (target.toNanos() % 1_000_000_000L != 0) {
            errors.add(new Problem.FieldError(field, "must be whole seconds"));
        }
    }

    private CalendarSpec readCalendar(String spec) {
        try {
            return json.readValue(spec, CalendarSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored calendar is not a calendar spec", e);
        }
    }

    private String toJson(CalendarSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
