package io.exdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The local run's demo data, so a new user's first ticket has someone to go to and something to show: agents
 * in English and Chinese, in two tiers with a supervisor per team, registered once through routing-service's
 * agent directory with their e-mail and chat at the {@link LocalInbox}, and a demo customer's contact in
 * notification-service, and console accounts for them and an admin. Idempotent: data persists in {@code .exdesk/}, so on a restart what exists is left as
 * it is (also what the user changed). The SLA policies need nothing: sla-service writes the defaults on its
 * first start.
 */
public final class LocalDemo {

    /** A demo agent as routing-service registers it. */
    public record DemoAgent(String id, String name, String tier, String team, List<String> languages,
                            List<String> skills, int capacity, boolean vipCapable) {

        public String email() {
            return id + "@support.exdesk.local";
        }
    }

    private static final List<String> FRONT_LINE = List.of("ACCOUNT_ACCESS", "DEPOSIT", "WITHDRAWAL", "TRADING", "KYC",
            "RATES_FEES", "GENERAL");
    private static final List<String> EVERYTHING = List.of("ACCOUNT_ACCESS", "DEPOSIT", "WITHDRAWAL", "TRADING",
            "SECURITY", "KYC", "RATES_FEES", "COMPLAINT", "GENERAL");

    /**
     * Two teams, each an L1, an L2 (VIP-capable, takes security incidents) and a supervisor, who takes only
     * complaints, so tickets go to the agents and supervisors are there for escalations.
     */
    public static final List<DemoAgent> AGENTS = List.of(
            new DemoAgent("li.wei", "Li Wei (李伟)", "L1", "asia", List.of("zh-CN", "en"), FRONT_LINE, 5, false),
            new DemoAgent("chen.jing", "Chen Jing (陈静)", "L2", "asia", List.of("zh-CN", "en"), EVERYTHING, 5, true),
            new DemoAgent("zhang.min", "Zhang Min (张敏)", "SUPERVISOR", "asia", List.of("zh-CN", "en"),
                    List.of("COMPLAINT"), 10, true),
            new DemoAgent("emma.jones", "Emma Jones", "L1", "emea", List.of("en"), FRONT_LINE, 5, false),
            new DemoAgent("omar.haddad", "Omar Haddad", "L2", "emea", List.of("en"), EVERYTHING, 5, true),
            new DemoAgent("sarah.miller", "Sarah Miller", "SUPERVISOR", "emea", List.of("en"), List.of("COMPLAINT"), 10,
                    true));

    /**
     * The password of every demo console account (LOCAL ONLY: printed by the local run and in this file). The
     * accounts are the demo agents (supervisors as console supervisors) and an admin.
     */
    public static final String CONSOLE_PASSWORD = "exdesk-local-demo";

    /** The console's admin account of the local run. */
    public static final String CONSOLE_ADMIN = "admin";

    /** The console role of a demo agent: a supervisor supervises, everyone else is an agent. */
    public static String consoleRole(DemoAgent agent) {
        return "SUPERVISOR".equals(agent.tier()) ? "supervisor" : "agent";
    }

    /**
     * Writes the demo console accounts as the console's {@code console.bootstrap.accounts-file} reads them
     * ({@code username:role:display name:password}); the console creates those that do not exist yet.
     */
    public static void writeConsoleAccounts(Path file) {
        StringBuilder lines = new StringBuilder("# LOCAL ONLY: the local run's demo console accounts (./run.sh writes this file)\n");
        for (DemoAgent agent : AGENTS) {
            lines.append(agent.id()).append(':').append(consoleRole(agent)).append(':').append(agent.name()).append(':')
                    .append(CONSOLE_PASSWORD).append('\n');
        }
        lines.append(CONSOLE_ADMIN).append(":admin:Administrator:").append(CONSOLE_PASSWORD).append('\n');
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The customer of the summary's example ticket, with a contact so a scam warning has somewhere to go. */
    public static final String DEMO_CUSTOMER = "u-1001";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JwtIssuer jwt;

    public LocalDemo(JwtIssuer jwt) {
        this.jwt = jwt;
    }

    /**
     * Registers the demo agents that do not exist yet in routing-service at {@code routing}, their chat at
     * {@code inbox}, all {@code ONLINE}; returns the ids it registered now (none on a restart). One request lists the
     * agents there are, and the missing ones are registered all at once: a just-started service answers its first
     * requests slowly, one after another they added up to seconds on every start.
     */
    public List<String> registerAgents(String routing, LocalInbox inbox) {
        String admin = "Bearer " + jwt.mint("exdesk-local-run", Set.of("admin"), TOKEN_LIFETIME);
        Set<String> existing = existingAgents(routing, admin);
        Map<String, CompletableFuture<HttpResponse<String>>> sent = new LinkedHashMap<>();
        for (DemoAgent agent : AGENTS) {
            if (existing.contains(agent.id())) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", agent.id());
            body.put("name", agent.name());
            body.put("tier", agent.tier());
            body.put("team", agent.team());
            body.put("skills", agent.skills());
            body.put("languages", agent.languages());
            body.put("capacity", agent.capacity());
            body.put("vipCapable", agent.vipCapable());
            body.put("status", "ONLINE");
            body.put("email", agent.email());
            if (inbox != null) {
                body.put("chatUrl", inbox.hookUrl("agent/" + agent.id()));
            }
            sent.put(agent.id(), sendAsync(HttpRequest.newBuilder(URI.create(routing + "/api/v1/agents"))
                    .header("Authorization", admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(body)))));
        }
        List<String> registered = new ArrayList<>();
        sent.forEach((id, future) -> {
            HttpResponse<String> response = await(future, routing);
            if (response.statusCode() == 201) {
                registered.add(id);
            } else if (response.statusCode() != 409) { // 409: registered meanwhile (by another start)
                throw new IllegalStateException("Cannot register demo agent " + id + ": "
                        + response.statusCode() + " " + response.body());
            }
        });
        return registered;
    }

    /**
     * The ids of the first 200 agents routing-service has (by id): enough for a local run; a demo agent beyond them
     * is registered again and answered 409, which keeps it.
     */
    private Set<String> existingAgents(String routing, String admin) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(routing + "/api/v1/agents?limit=200"))
                .header("Authorization", admin).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot list the agents: " + response.statusCode() + " " + response.body());
        }
        Set<String> ids = new HashSet<>();
        try {
            JSON.readTree(response.body()).path("items").forEach(agent -> ids.add(agent.path("id").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable agent list: " + response.body(), e);
        }
        return ids;
    }

    /** Gives the demo customer a contact in notification-service (replacing it is harmless). */
    public void registerCustomer(String notification) {
        String platform = "Bearer " + jwt.mint("exchange-platform", Set.of("platform"), TOKEN_LIFETIME);
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(notification + "/api/v1/contacts/customers/" + DEMO_CUSTOMER))
                .header("Authorization", platform).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("email", DEMO_CUSTOMER + "@customers.exdesk.local",
                        "language", "zh-CN")))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot register the demo customer's contact: " + response.statusCode()
                    + " " + response.body());
        }
    }

    /**
     * The SLA policies in force, a line per priority, e.g.
     * {@code URGENT  first response 5 min (VIP 2.5 min), resolution 1 h (VIP 30 min)}.
     */
    public List<String> policies(String sla) {
        String ops = "Bearer " + jwt.mint("exdesk-local-run", Set.of("ops"), TOKEN_LIFETIME);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sla + "/api/v1/sla/policies"))
                .header("Authorization", ops).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot read the SLA policies: " + response.statusCode() + " " + response.body());
        }
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        try {
            for (JsonNode policy : JSON.readTree(response.body())) {
                byKey.put(policy.path("priority").asText() + ":" + policy.path("customerTier").asText(), policy);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable SLA policies: " + response.body(), e);
        }
        List<String> lines = new ArrayList<>();
        for (String priority : List.of("URGENT", "HIGH", "NORMAL", "LOW")) {
            JsonNode standard = byKey.get(priority + ":STANDARD");
            JsonNode vip = byKey.get(priority + ":VIP");
            if (standard != null && vip != null) {
                lines.add(String.format("%-7s first response %s (VIP %s), resolution %s (VIP %s)", priority,
                        minutes(standard.path("firstResponseSeconds").asLong()), minutes(vip.path("firstResponseSeconds").asLong()),
                        minutes(standard.path("resolutionSeconds").asLong()), minutes(vip.path("resolutionSeconds").asLong())));
            }
        }
        return lines;
    }

    private static String minutes(long seconds) {
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min"
                : String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60.0);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return await(sendAsync(request), request.build().uri().toString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> response, String target) {
        try {
            return response.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot reach " + target, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
