package io.exdesk.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.AgentProfileUpdated;
import io.exdesk.events.AgentRemoved;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.platform.http.IfMatch;
import io.exdesk.platform.outbox.OutboxWriter;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent registry, and the one place an agent is registered. Changes that affect routing (availability,
 * capacity, skills, languages, tier, VIP) take the {@link RoutingLock} and let {@link RoutingService} react in
 * the same transaction. A registration, a change of what the agent directory holds (name, tier, team,
 * languages, e-mail, chat) and a removal are published to {@code agent-profiles} through the outbox, in the
 * transaction of the change, so notification-service reaches the agent without a registration of its own.
 */
@ApplicationScoped
public class AgentService {

    private final RoutingLock lock;
    private final RoutingService routing;
    private final OutboxWriter outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public AgentService(RoutingLock lock, RoutingService routing, OutboxWriter outbox, ObjectMapper json, Clock clock) {
        this.lock = lock;
        this.routing = routing;
        this.outbox = outbox;
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
        agent.email = blankToNull(request.email());
        setChat(agent, request.chatUrl(), request.chatFormat());
        agent.version = 1;
        agent.createdAt = now;
        agent.updatedAt = now;
        agent.persist();
        publishProfile(agent);
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
        List<Object> profileBefore = profileFields(agent);
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
        if (request.email() != null) {
            agent.email = blankToNull(request.email());
        }
        if (request.chatUrl() != null) {
            setChat(agent, request.chatUrl(), request.chatFormat());
        } else if (request.chatFormat() != null && agent.chatUrl != null) {
            agent.chatFormat = request.chatFormat();
        }
        agent.version++;
        agent.updatedAt = clock.instant();
        if (!profileFields(agent).equals(profileBefore)) {
            publishProfile(agent);
        }
        routing.drain(); // more capacity, a new skill or language may let the agent take queued tickets
        return agent;
    }

    /**
     * Removes the agent: their open tickets go to other agents or the queue first ({@code AGENT_UNAVAILABLE},
     * as when they go OFFLINE), closed tickets forget them as their last holder, and {@code agent-removed}
     * tells the directory's readers to forget how to reach them.
     */
    @Transactional
    public void remove(String id, String ifMatch) {
        lock.acquire();
        Agent agent = get(id);
        IfMatch.require(ifMatch, etag(agent), "Agent " + id);
        setStatus(agent, AgentStatus.OFFLINE);
        Agent.getEntityManager().flush();
        RoutedTicket.update("assigneeId = null where assigneeId = ?1", id);
        outbox.append(new AgentRemoved(id, agent.version + 1, clock.instant()));
        agent.delete();
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

    private void publishProfile(Agent agent) {
        outbox.append(new AgentProfileUpdated(agent.id, agent.version, agent.name, agent.tier, agent.team,
                Arrays.stream(agent.languages).map(AgentService::canonicalTag).toList(), agent.email, agent.chatUrl,
                agent.chatFormat, agent.updatedAt));
    }

    /** What the agent directory holds of an agent, to publish a change only when it changed. */
    private static List<Object> profileFields(Agent agent) {
        return Arrays.asList(agent.name, agent.tier, agent.team, List.of(agent.languages), agent.email, agent.chatUrl,
                agent.chatFormat);
    }

    /** A webhook without a stated format is a Slack incoming webhook; no webhook, no format. */
    private static void setChat(Agent agent, String url, ChatWebhookFormat format) {
        agent.chatUrl = blankToNull(url);
        agent.chatFormat = agent.chatUrl == null ? null : Objects.requireNonNullElse(format, ChatWebhookFormat.SLACK);
    }

    /** Languages are stored lower-case for matching; readers of the directory get the usual case ({@code zh-CN}). */
    private static String canonicalTag(String tag) {
        return Locale.forLanguageTag(tag).toLanguageTag();
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
