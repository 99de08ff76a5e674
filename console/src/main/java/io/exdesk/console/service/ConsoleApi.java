package io.exdesk.console.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.exdesk.console.config.ConsoleConfig;
import io.exdesk.console.domain.SignedIn;
import io.exdesk.console.domain.Views;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The services' APIs as the console uses them, always with the signed-in person's own token, so each
 * service applies its own rules to them (an agent reads only tickets routed to them, only supervisors
 * reassign). Reads return futures so a page asks its services in parallel.
 */
@ApplicationScoped
public class ConsoleApi {

    /** The most rows a console list shows; the rest is a "more" link, never a 10,000-row page. */
    public static final int LIST_LIMIT = 50;

    private static final List<String> PRIORITIES_UP = List.of("LOW", "NORMAL", "HIGH", "URGENT");

    private final ServiceClient client;
    private final ServiceTokens tokens;
    private final ConsoleConfig.Services services;

    public ConsoleApi(ServiceClient client, ServiceTokens tokens, ConsoleConfig config) {
        this.client = client;
        this.tokens = tokens;
        this.services = config.services();
    }

    public String tokenFor(SignedIn person) {
        return tokens.forPerson(person);
    }

    // routing-service

    public CompletableFuture<Views.Agent> agent(SignedIn person, String agentId) {
        return client.get(services.routing(), "/api/v1/agents/" + encode(agentId), tokenFor(person),
                new TypeReference<>() { });
    }

    public CompletableFuture<Views.Page<Views.RoutedTicket>> inbox(SignedIn person) {
        return client.get(services.routing(), "/api/v1/agents/" + encode(person.username()) + "/inbox?limit="
                + LIST_LIMIT, tokenFor(person), new TypeReference<>() { });
    }

    public void setStatus(SignedIn person, String status) {
        client.send("PUT", services.routing(), "/api/v1/agents/" + encode(person.username()) + "/status",
                tokenFor(person), Map.of("status", status));
    }

    public CompletableFuture<List<Views.RoutedTicket>> queue(SignedIn person) {
        return client.get(services.routing(), "/api/v1/routing/queue?limit=" + LIST_LIMIT, tokenFor(person),
                new TypeReference<>() { });
    }

    public CompletableFuture<Views.Page<Views.Agent>> agents(SignedIn person) {
        return client.get(services.routing(), "/api/v1/agents?limit=200", tokenFor(person), new TypeReference<>() { });
    }

    public void reassign(SignedIn person, UUID ticketId, String agentId) {
        client.send("PUT", services.routing(), "/api/v1/routing/tickets/" + ticketId + "/assignee", tokenFor(person),
                Map.of("agentId", agentId));
    }

    /** routing-service's live stream URL of an agent (relayed by {@link AssignmentRelay}). */
    public java.net.URI streamOf(String agentId) {
        return services.routing().resolve("/api/v1/agents/" + encode(agentId) + "/stream");
    }

    // ticket-service

    public CompletableFuture<Views.Ticket> ticket(SignedIn person, UUID id) {
        return client.get(services.ticket(), "/api/v1/tickets/" + id, tokenFor(person), new TypeReference<>() { });
    }

    public CompletableFuture<List<Views.Message>> messages(SignedIn person, UUID id) {
        return client.get(services.ticket(), "/api/v1/tickets/" + id + "/messages", tokenFor(person),
                new TypeReference<>() { });
    }

    public void reply(SignedIn person, UUID id, String body) {
        client.send("POST", services.ticket(), "/api/v1/tickets/" + id + "/replies", tokenFor(person),
                Map.of("body", body));
    }

    public void changeStatus(SignedIn person, UUID id, String status) {
        client.send("PATCH", services.ticket(), "/api/v1/tickets/" + id, tokenFor(person), Map.of("status", status));
    }

    /**
     * Escalation by the agent: one priority step up (an URGENT ticket stays URGENT). Its SLA clocks shorten, so
     * sla-service warns sooner and routing-service escalates to a higher tier or a supervisor at its level.
     */
    public String escalate(SignedIn person, UUID id) {
        Views.Ticket ticket = ServiceClient.join(ticket(person, id));
        int at = PRIORITIES_UP.indexOf(ticket.priority());
        String raised = PRIORITIES_UP.get(Math.min(at + 1, PRIORITIES_UP.size() - 1));
        if (!raised.equals(ticket.priority())) {
            client.send("PATCH", services.ticket(), "/api/v1/tickets/" + id, tokenFor(person), Map.of("priority", raised));
        }
        return raised;
    }

    /** CSAT since {@code since}: count, average, distribution and the latest low ratings. */
    public CompletableFuture<Views.CsatReport> csatSince(SignedIn person, Instant since) {
        return client.get(services.ticket(), "/api/v1/csat?from=" + encode(since.toString()) + "&low=10",
                tokenFor(person), new TypeReference<>() { });
    }

    // sla-service

    public CompletableFuture<List<Views.ClockAtRisk>> atRisk(SignedIn person) {
        return client.get(services.sla(), "/api/v1/sla/at-risk?limit=" + LIST_LIMIT, tokenFor(person),
                new TypeReference<>() { });
    }

    public CompletableFuture<List<Views.ClockAtRisk>> breachesSince(SignedIn person, Instant since) {
        return client.get(services.sla(), "/api/v1/sla/breaches?since=" + encode(since.toString()) + "&limit="
                + LIST_LIMIT, tokenFor(person), new TypeReference<>() { });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
