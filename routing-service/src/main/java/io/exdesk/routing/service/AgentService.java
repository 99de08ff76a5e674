package io.exdesk.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.Category;
import io.exdesk.platform.http.IfMatch;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.routing.domain.Agent;
import io.exdesk.routing.domain.AgentStatus;
import io.exdesk.routing.domain.RoutedTicket;
import io.exdesk.routing.domain.ShiftSchedule;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The agent registry. Changes that affect routing (availability, capacity, skills, languages, tier, VIP)
 * take the {@link RoutingLock} and let {@link RoutingService} react in the same transaction.
 */
@ApplicationScoped
public class AgentService {

    private final RoutingLock lock;
    private final RoutingService routing;
    private final ObjectMapper json;
    private final Clock clock;

    public AgentService(RoutingLock lock, RoutingService routing, ObjectMapper json, Clock clock) {
        this.lock = lock;
        this.routing = routing;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Agent create(RegisterAgentCommand request) {
        lock.acquire();
        if (Agent.findById(request.id()) != null) {
            throw ProblemException.conflict("Agent " + request.id() + " exists already; change it with PATCH");
        }
        Instant now = clock.instant();
        Agent agent = new Agent();
        agent.id = request.id();
        agent.name = request.name().trim();
        agent.tier = request.tier();
        agent.team = blankToNull(request.team());
        agent.skills = skills(request.skills());
        agent.languages = languages(request.languages());
        agent.capacity = request.capacity();
        agent.vipCapable = Boolean.TRUE.equals(request.vipCapable());
        agent.status = request.status() == null ? AgentStatus.OFFLINE : request.status();
        agent.shift = shift(request.shift());
        agent.version = 1;
        agent.createdAt = now;
        agent.updatedAt = now;
        agent.persist();
        routing.drain();
        return agent;
    }

    @Transactional
    public Agent get(String id) {
        Agent agent = Agent.findById(id);
        if (agent == null) {
            throw ProblemException.notFound("Agent", id);
        }
        return agent;
    }

    /** Agents by id, after {@code afterId}, optionally of one team and status. */
    @Transactional
    public List<Agent> list(String team, AgentStatus status, String afterId, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (team != null) {
            query.append(" and team = :team");
            params.and("team", team);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (afterId != null) {
            query.append(" and id > :after");
            params.and("after", afterId);
        }
        return Agent.<Agent>find(query.toString(), Sort.ascending("id"), params).page(0, limit).list();
    }

    /**
     * Applies the changes if {@code ifMatch} (the request's If-Match, or null) allows it, judged under the
     * routing lock so no other change slips in between.
     */
    @Transactional
    public Agent update(String id, ChangeAgentCommand request, String ifMatch) {
        lock.acquire();
        Agent agent = get(id);
        IfMatch.require(ifMatch, etag(agent), "Agent " + id);
        if (request.capacity() != null && request.capacity() < agent.openTickets) {
            throw ProblemException.conflict("Agent " + id + " holds " + agent.openTickets
                    + " open tickets: reassign some before lowering the capacity to " + request.capacity());
        }
        if (request.name() != null) {
            agent.name = request.name().trim();
        }
        if (request.tier() != null) {
            agent.tier = request.tier();
        }
        if (request.team() != null) {
            agent.team = blankToNull(request.team());
        }
        if (request.skills() != null) {
            agent.skills = skills(request.skills());
        }
        if (request.languages() != null) {
            agent.languages = languages(request.languages());
        }
        if (request.capacity() != null) {
            agent.capacity = request.capacity();
        }
        if (request.vipCapable() != null) {
            agent.vipCapable = request.vipCapable();
        }
        if (Boolean.TRUE.equals(request.clearShift())) {
            agent.shift = null;
            agent.onShift = null;
        } else if (request.shift() != null) {
            agent.shift = shift(request.shift());
            agent.onShift = null;
        }
        agent.version++;
        agent.updatedAt = clock.instant();
        routing.drain(); // more capacity, a new skill or language may let the agent take queued tickets
        return agent;
    }

    @Transactional
    public Agent changeStatus(String id, AgentStatus status) {
        lock.acquire();
        Agent agent = get(id);
        setStatus(agent, status);
        return agent;
    }

    /**
     * Applies shift edges: an agent whose shift started goes ONLINE, one whose shift ended goes OFFLINE.
     * Only edges change the status, so an agent may still go AWAY during a shift or work past its end.
     */
    @Transactional
    public void applyShifts() {
        lock.acquire();
        Instant now = clock.instant();
        for (Agent agent : Agent.<Agent>list("shift is not null")) {
            boolean on = shiftOf(agent).covers(now);
            if (agent.onShift != null && agent.onShift == on) {
                continue;
            }
            agent.onShift = on;
            if (on && agent.status == AgentStatus.OFFLINE) {
                setStatus(agent, AgentStatus.ONLINE);
            } else if (!on && agent.status != AgentStatus.OFFLINE) {
                setStatus(agent, AgentStatus.OFFLINE);
            }
        }
    }

    /** The agent's open tickets, newest assignment first, after the cursor position. */
    @Transactional
    public List<RoutedTicket> inbox(String agentId, InboxCursor after, int limit) {
        get(agentId);
        String query = "assigneeId = :agent and state = :state";
        Parameters params = Parameters.with("agent", agentId).and("state", RoutedTicket.State.ASSIGNED);
        if (after != null) {
            query += " and (assignedAt < :at or (assignedAt = :at and ticketId < :id))";
            params.and("at", after.assignedAt()).and("id", after.ticketId());
        }
        return RoutedTicket.<RoutedTicket>find(query, Sort.descending("assignedAt", "ticketId"), params)
                .page(0, limit).list();
    }

    /** The agent's strong entity tag, quoted: its version. */
    public static String etag(Agent agent) {
        return "\"" + agent.version + "\"";
    }

    public ShiftSchedule shiftOf(Agent agent) {
        if (agent.shift == null) {
            return null;
        }
        try {
            return json.readValue(agent.shift, ShiftSchedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored shift of " + agent.id + " is not a shift", e);
        }
    }

    private void setStatus(Agent agent, AgentStatus status) {
        AgentStatus previous = agent.status;
        if (previous == status) {
            return;
        }
        agent.status = status;
        agent.updatedAt = clock.instant();
        agent.version++;
        routing.availabilityChanged(agent, previous);
    }

    private String shift(ShiftCommand request) {
        if (request == null) {
            return null;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(request.zone());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("shift.zone", "must be a time zone such as Asia/Shanghai or UTC");
        }
        if (request.start().equals(request.end())) {
            throw ProblemException.invalid("shift.end", "must differ from start");
        }
        try {
            return json.writeValueAsString(new ShiftSchedule(zone, request.days(), request.start(), request.end()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] skills(List<Category> skills) {
        return skills.stream().map(Category::name).distinct().toArray(String[]::new);
    }

    /** Lower-case, so matching a ticket's language is a plain comparison. */
    private static String[] languages(List<String> languages) {
        return languages.stream().map(l -> l.trim().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The position after the last ticket of an inbox page. */
    public record InboxCursor(Instant assignedAt, UUID ticketId) {
    }
}
