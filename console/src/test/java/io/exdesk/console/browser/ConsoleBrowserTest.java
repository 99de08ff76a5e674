package io.exdesk.console.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.exdesk.console.domain.ConsoleRole;
import io.exdesk.console.service.AccountAdministration;
import io.exdesk.console.service.SignInService;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.Tools;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console in Debian's chromium (Playwright), against ticket-, routing- and sla-service running as processes
 * on the testkit's Kafka and PostgreSQL. Without chromium the tests are skipped, except where
 * {@code EXDESK_DEPLOY_TOOLS=required} (CI), which makes them fail. Screenshots of the main pages go to
 * {@code target/screenshots/} ({@code -Dexdesk.screenshots=<dir>} writes them there instead, e.g. docs/console).
 */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String AGENT = "li.wei";
    private static final String OTHER_AGENT = "chen.jie";
    private static final String SUPERVISOR = "wang.fang";
    private static final String ADMIN = "ada.admin";

    private static Playwright playwright;
    private static Browser browser;
    private static boolean prepared;
    /** Ticket id of the agent's live ticket, for the refusal test. */
    private static String agentTicketId;

    @TestHTTPResource("/")
    URL console;

    @Inject
    SignInService signIn;

    @BeforeAll
    static void launchBrowser() {
        Path chromium = Tools.require("chromium");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setArgs(List.of("--no-sandbox")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** Agents in routing-service, console accounts, and SLA policies short enough to warn while the test looks. */
    private void prepare() {
        if (prepared) {
            return;
        }
        // HIGH/STANDARD and HIGH/VIP: first warning after 4.8 s, due after 4 min, so a countdown is at risk but not breached.
        admin().body("{\"firstResponse\":\"PT4M\",\"resolution\":\"PT2H\",\"warningFractions\":[0.02]}")
                .put(sla("/api/v1/sla/policies/HIGH/STANDARD")).then().statusCode(200);
        admin().body("{\"firstResponse\":\"PT4M\",\"resolution\":\"PT2H\",\"warningFractions\":[0.02]}")
                .put(sla("/api/v1/sla/policies/HIGH/VIP")).then().statusCode(200);
        registerAgent(AGENT, "Li Wei", List.of("en", "zh-CN"), List.of("DEPOSIT", "WITHDRAWAL", "SECURITY", "GENERAL"));
        registerAgent(OTHER_AGENT, "Chen Jie", List.of("ja"), List.of("KYC"));
        signIn.saveAccount(AGENT, "Li Wei", ConsoleRole.AGENT, PASSWORD);
        signIn.saveAccount(OTHER_AGENT, "Chen Jie", ConsoleRole.AGENT, PASSWORD);
        signIn.saveAccount(SUPERVISOR, "Wang Fang", ConsoleRole.SUPERVISOR, PASSWORD);
        prepared = true;
    }

    @Test
    @Order(1)
    void anAgentSeesARoutedTicketArriveLiveOpensItRepliesAndResolvesIt() throws IOException {
        prepare();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")
                .setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate(url("/sign-in"));
            screenshot(page, "sign-in.png");
            signInAs(page, AGENT);
            assertThat(page).hasURL(url("/agent"));
            assertThat(page.locator("#live-state")).hasAttribute("data-live", "open");

            // A new ticket, routed to the agent, appears without a reload; the badge counts it.
            List<Long> assignmentToScreen = new ArrayList<>();
            List<Long> createdToScreen = new ArrayList<>();
            Map<String, String> secret = null;
            for (int i = 0; i < 5; i++) {
                boolean withSecret = i == 0;
                long before = System.currentTimeMillis();
                Map<String, String> ticket = openTicket(withSecret
                        ? "Withdrawal stuck. My password is Hunter2-secret-99, please check"
                        : "Deposit not credited yet, order " + i, "en", "STANDARD", withSecret ? null : "DEPOSIT");
                page.locator("tr[data-ticket='" + ticket.get("number") + "']").waitFor();
                createdToScreen.add(System.currentTimeMillis() - before);
                long shownAt = ((Number) page.evaluate("n => window.exdeskInboxShown[n]", ticket.get("number"))).longValue();
                Instant assignedAt = Instant.parse(supervisorGet(routing("/api/v1/routing/tickets/" + ticket.get("id")), "assignedAt"));
                assignmentToScreen.add(shownAt - assignedAt.toEpochMilli());
                if (withSecret) {
                    secret = ticket;
                }
            }
            assertThat(page.locator("#new-badge")).hasText("+5");
            report(assignmentToScreen, createdToScreen);
            assertThat(Collections.max(assignmentToScreen)).as("assignment to screen, ms").isLessThan(1000);
            screenshot(page, "agent-inbox.png");

            // The ticket page: details, SLA countdown, the redaction flag with the scam warning ready.
            agentTicketId = secret.get("id");
            page.locator("tr[data-ticket='" + secret.get("number") + "'] a").click();
            assertThat(page).hasURL(url("/tickets/" + agentTicketId));
            assertThat(page.locator("#redaction-flag")).isVisible();
            assertThat(page.locator("#reply-body")).hasValue(java.util.regex.Pattern.compile(".*never ask for.*private key.*"));
            assertThat(page.locator("#priority")).hasText("HIGH");
            assertThat(page.locator(".facts")).containsText("SECURITY");
            assertThat(page.locator(".facts")).containsText(secret.get("customer"));
            assertThat(page.locator("#clock-FIRST_RESPONSE time.countdown")).hasText(java.util.regex.Pattern.compile("^[0-9]+:[0-5][0-9]$"));
            // sla-service warns after 4.8 s: the clock turns to warning level 1 on the next load.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                page.reload();
                return page.locator("#clock-FIRST_RESPONSE.warn-1").count() == 1;
            });
            String countdown = page.locator("#clock-FIRST_RESPONSE time.countdown").textContent();
            page.waitForFunction("c => document.querySelector('#clock-FIRST_RESPONSE time.countdown').textContent !== c", countdown);
            screenshot(page, "ticket.png");
            try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                    .setViewportSize(390, 844).setStorageState(context.storageState()))) {
                Page small = phone.newPage();
                small.navigate(url("/tickets/" + agentTicketId));
                assertThat(small.locator("html")).hasAttribute("lang", "zh-CN");
                screenshot(small, "ticket-phone-zh.png");
                // Readable at phone width: nothing wider than the screen but scrollable tables.
                assertThat(((Number) small.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
            }

            // Reply with the scam warning, then resolve.
            page.locator("#reply-form button[type=submit]").click();
            assertThat(page.locator("#done")).hasText("Reply sent.");
            assertThat(page.locator(".conversation .from-agent").last()).containsText("never ask for your private key");
            page.locator("#new-status").selectOption("RESOLVED");
            page.locator("form[action$='/status'] button").click();
            assertThat(page.locator("#done")).hasText("Status changed.");
            assertThat(page.locator("#ticket-status")).hasText("RESOLVED");
            assertThat(supervisorGet(ticket("/api/v1/tickets/" + agentTicketId), "status")).isEqualTo("RESOLVED");
            assertThat(supervisorGet(ticket("/api/v1/tickets/" + agentTicketId), "firstRespondedAt")).isNotNull();

            // Keyboard: a canned reply is reachable and usable with Tab and Enter on another open ticket.
            page.navigate(url("/agent"));
            page.locator("#inbox-rows tr[data-ticket] a").first().click();
            page.locator("#reply-body").fill("");
            page.locator(".canned-reply[data-canned='greeting'][data-lang='en']").focus();
            page.keyboard().press("Enter");
            assertThat(page.locator("#reply-body")).hasValue(java.util.regex.Pattern.compile("^Thank you for contacting us.*"));
            assertThat(page.locator("#reply-body")).isFocused();
        }
    }

    @Test
    @Order(2)
    void aSupervisorSeesAnAtRiskCountdownAndReassignsAQueuedTicket() throws IOException {
        prepare();
        // French: no agent speaks it, so routing queues the ticket; HIGH, so it is at risk within seconds.
        Map<String, String> queued = openTicket("Compte bloqué après un retrait", "fr", "VIP", "WITHDRAWAL", "HIGH");
        // routing-service answers 404 until it has consumed the ticket's creation.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                "QUEUED".equals(supervisorGet(routing("/api/v1/routing/tickets/" + queued.get("id")), "state")));
        // A resolved ticket the customer rated low, through the platform: the day's CSAT shows it.
        Map<String, String> rated = openTicket("Deposit took two days", "en", "STANDARD", "DEPOSIT");
        admin().body(Map.of("status", "RESOLVED")).patch(ticket("/api/v1/tickets/" + rated.get("id"))).then().statusCode(200);
        given().auth().oauth2(token("exchange-platform", "platform")).contentType("application/json")
                .body(Map.of("rating", 1, "comment", "Far too slow, nobody answered"))
                .post(ticket("/api/v1/tickets/" + rated.get("id") + "/csat")).then().statusCode(201);
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")
                .setViewportSize(1366, 900))) {
            Page page = context.newPage();
            page.navigate(url("/sign-in"));
            signInAs(page, SUPERVISOR);
            assertThat(page).hasURL(url("/supervisor"));
            String row = "tr[data-ticket='" + queued.get("number") + "']";
            assertThat(page.locator("#queue " + row)).isVisible();
            assertThat(page.locator("#agents tr[data-agent='" + AGENT + "']")).containsText("Online");
            String lowRow = "#csat-low tr[data-ticket='" + rated.get("number") + "']";
            assertThat(page.locator(lowRow)).containsText("Far too slow, nobody answered");
            assertThat(page.locator(lowRow + " td.rating")).hasText("1");
            assertThat(page.locator(lowRow + " a")).hasAttribute("href", "/tickets/" + rated.get("id"));
            assertThat(Integer.parseInt(page.locator("#csat-count").textContent())).isPositive();
            assertThat(page.locator("#csat-average")).hasText(java.util.regex.Pattern.compile("^[1-5]\\.[0-9]$"));
            assertThat(page.locator("#csat-distribution [data-rating='1']")).not().hasText("1★ 0");

            // At risk (warning level 1 after 4.8 s): a countdown that counts down, coloured by its level.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                page.reload();
                return page.locator("#at-risk " + row).count() == 1;
            });
            var countdown = page.locator("#at-risk " + row + " time.countdown");
            assertThat(countdown).hasClass(java.util.regex.Pattern.compile(".*warn-1.*"));
            assertThat(page.locator("#at-risk " + row)).containsText("warning 1");
            String first = countdown.textContent();
            assertThat(first).matches("^[0-9]+:[0-5][0-9]$");
            page.waitForFunction("([s, c]) => document.querySelector(s).textContent !== c",
                    List.of("#at-risk " + row + " time.countdown", first));
            assertThat(secondsOf(countdown.textContent())).isLessThan(secondsOf(first));
            screenshot(page, "supervisor.png");

            // Reassign the queued ticket to Li Wei.
            page.locator("#queue " + row + " select").selectOption(AGENT);
            page.locator("#queue " + row + " button").click();
            assertThat(page.locator("#done")).hasText("Ticket reassigned.");
            assertThat(page.locator("#queue " + row)).hasCount(0);
            assertThat(supervisorGet(routing("/api/v1/routing/tickets/" + queued.get("id")), "assigneeId")).isEqualTo(AGENT);
        }
    }

    @Test
    @Order(3)
    void aWrongPasswordAMissingCsrfTokenAndAnotherAgentsTicketAreRefused() throws IOException {
        prepare();
        if (agentTicketId == null) {
            agentTicketId = openTicket("Deposit missing", "en", "STANDARD", "DEPOSIT").get("id");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    AGENT.equals(supervisorGet(routing("/api/v1/routing/tickets/" + agentTicketId), "assigneeId")));
        }
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = context.newPage();
            page.navigate(url("/sign-in"));
            page.locator("#username").fill(OTHER_AGENT);
            page.locator("#password").fill("not the password");
            page.locator("#password").press("Enter");
            assertThat(page.locator("#sign-in-error")).hasText("用户名或密码错误。");
            assertThat(page).hasURL(url("/sign-in"));

            signInAs(page, OTHER_AGENT);
            assertThat(page).hasURL(url("/agent"));
            screenshot(page, "agent-inbox-zh.png");

            // A form post without the CSRF token, with the session cookie the browser holds: refused, nothing changed.
            APIResponse forged = page.request().post(url("/agent/status"),
                    RequestOptions.create().setForm(FormData.create().set("status", "OFFLINE")).setMaxRedirects(0));
            assertThat(forged.status()).isEqualTo(400);
            assertThat(supervisorGet(routing("/api/v1/agents/" + OTHER_AGENT), "status")).isEqualTo("ONLINE");

            // Another agent's ticket: ticket-service answers 404 to this agent's token, so the console does too.
            com.microsoft.playwright.Response other = page.navigate(url("/tickets/" + agentTicketId));
            assertThat(other.status()).isEqualTo(404);
            assertThat(page.locator("#error-message")).hasText("未找到，或未分配给您。");
            assertThat(page.content()).doesNotContain("Hunter2").doesNotContain("Withdrawal stuck");
            screenshot(page, "refused-zh.png");
        }
    }

    @Test
    @Order(4)
    void anAdminCreatesAnAccountSetsANewPasswordAndDisablesItAllAudited() throws IOException {
        prepare();
        signIn.saveAccount(ADMIN, "Ada Admin", ConsoleRole.ADMIN, PASSWORD);
        String firstPassword = "first password 123";
        String secondPassword = "second password 456";
        List<String> audit = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler auditTrail = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                audit.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger auditLogger = java.util.logging.Logger.getLogger(AccountAdministration.AUDIT_CATEGORY);
        auditLogger.addHandler(auditTrail);
        try (BrowserContext adminContext = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")
                .setViewportSize(1280, 800));
             BrowserContext leadContext = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"))) {
            Page admin = adminContext.newPage();
            admin.navigate(url("/sign-in"));
            signInAs(admin, ADMIN);
            admin.locator("nav a[href='/admin/accounts']").click();
            assertThat(admin).hasURL(url("/admin/accounts"));

            // Create a supervisor's account; they sign in with it.
            admin.locator("#new-username").fill("new.lead");
            admin.locator("#new-display-name").fill("New Lead");
            admin.locator("#new-role").selectOption("supervisor");
            admin.locator("#new-password").fill(firstPassword);
            admin.locator("#new-account button[type=submit]").click();
            assertThat(admin.locator("#done")).containsText("Account created: new.lead");
            String row = "tr[data-account='new.lead']";
            assertThat(admin.locator(row)).containsText("New Lead");
            assertThat(admin.locator(row)).containsText("supervisor");
            Page lead = leadContext.newPage();
            lead.navigate(url("/sign-in"));
            signInWith(lead, "new.lead", firstPassword);
            assertThat(lead).hasURL(url("/supervisor"));

            // A new password: their session ends, the old password opens nothing, the new one does.
            admin.locator(row + " input[name=password]").fill(secondPassword);
            admin.locator(row + " form[action$='/password'] button").click();
            assertThat(admin.locator("#done")).containsText("New password set, sessions ended: new.lead");
            lead.navigate(url("/supervisor"));
            assertThat(lead).hasURL(url("/sign-in"));
            signInWith(lead, "new.lead", firstPassword);
            assertThat(lead.locator("#sign-in-error")).isVisible();
            signInWith(lead, "new.lead", secondPassword);
            assertThat(lead).hasURL(url("/supervisor"));

            // Disabled: the session ends and the right password is refused like a wrong one.
            admin.locator(row + " form[action$='/disable'] button").click();
            assertThat(admin.locator(row + " .account-status")).hasText("Disabled");
            screenshot(admin, "admin-accounts.png");
            lead.navigate(url("/supervisor"));
            assertThat(lead).hasURL(url("/sign-in"));
            signInWith(lead, "new.lead", secondPassword);
            assertThat(lead.locator("#sign-in-error")).hasText("Wrong username or password.");

            // Refused: an admin disabling themselves, a form without its CSRF token (nothing changes), a supervisor.
            admin.locator("tr[data-account='" + ADMIN + "'] form[action$='/disable'] button").click();
            assertThat(admin.locator("#refused")).hasText("You cannot disable your own account.");
            APIResponse forged = admin.request().post(url("/admin/accounts/new.lead/enable"),
                    RequestOptions.create().setForm(FormData.create().set("unused", "x")).setMaxRedirects(0));
            assertThat(forged.status()).isEqualTo(400);
            assertThat(signIn.accounts()).filteredOn(account -> account.username().equals("new.lead"))
                    .singleElement().matches(account -> account.disabled());
            signInWith(lead, SUPERVISOR, PASSWORD);
            assertThat(lead.navigate(url("/admin/accounts")).status()).isEqualTo(403);
        } finally {
            auditLogger.removeHandler(auditTrail);
        }
        assertThat(audit).anyMatch(line -> line.contains("new.lead created with role supervisor by " + ADMIN))
                .anyMatch(line -> line.contains("new.lead given a new password by " + ADMIN))
                .anyMatch(line -> line.contains("new.lead disabled") && line.contains("by " + ADMIN))
                .noneMatch(line -> line.contains(firstPassword) || line.contains(secondPassword));
    }

    // helpers

    private void signInWith(Page page, String username, String password) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("form[action='/sign-in'] button[type=submit]").click();
        page.waitForLoadState();
    }

    private void signInAs(Page page, String username) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(PASSWORD);
        page.locator("form[action='/sign-in'] button[type=submit]").click();
        page.waitForURL(u -> !u.endsWith("/sign-in"));
    }

    private Map<String, String> openTicket(String text, String language, String tier, String category) {
        return openTicket(text, language, tier, category, null);
    }

    private Map<String, String> openTicket(String text, String language, String tier, String category, String priority) {
        String customer = "u-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder("{\"customer\":{\"id\":\"" + customer + "\",\"tier\":\"" + tier
                + "\",\"language\":\"" + language + "\"},\"channel\":\"CHAT\",\"subject\":\"" + text + "\",\"description\":\""
                + text + "\",\"crypto\":{\"asset\":\"USDT\",\"network\":\"TRON\",\"amount\":250}");
        if (category != null) {
            body.append(",\"category\":\"").append(category).append('"');
        }
        body.append(",\"priority\":\"").append(priority == null ? "NORMAL" : priority).append("\"}");
        var created = given().auth().oauth2(token("exchange-platform", "platform")).contentType("application/json")
                .body(body.toString()).post(ticket("/api/v1/tickets")).then().statusCode(201).extract();
        return Map.of("id", created.path("id"), "number", created.path("number"), "customer", customer);
    }

    private void registerAgent(String id, String name, List<String> languages, List<String> skills) {
        given().auth().oauth2(token("admin-test", "admin")).contentType("application/json")
                .body(Map.of("id", id, "name", name, "tier", "L1", "team", "asia", "skills", skills, "languages", languages,
                        "capacity", 10, "vipCapable", true))
                .post(routing("/api/v1/agents")).then().statusCode(201);
        given().auth().oauth2(token("admin-test", "admin")).contentType("application/json")
                .body(Map.of("status", "ONLINE")).put(routing("/api/v1/agents/" + id + "/status")).then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(token("admin-test", "admin")).contentType("application/json");
    }

    private static String supervisorGet(String url, String field) {
        Object value = given().auth().oauth2(token("supervisor-test", "supervisor")).get(url).then().statusCode(200)
                .extract().path(field);
        return value == null ? null : value.toString();
    }

    private static String token(String subject, String role) {
        return TestServers.get().jwt().mint(subject, Set.of(role), Duration.ofMinutes(30));
    }

    private static String ticket(String path) {
        return LiveServices.get().url("ticket-service") + path;
    }

    private static String routing(String path) {
        return LiveServices.get().url("routing-service") + path;
    }

    private static String sla(String path) {
        return LiveServices.get().url("sla-service") + path;
    }

    private String url(String path) {
        return console.toString().replaceAll("/$", "") + path;
    }

    private static int secondsOf(String countdown) {
        String[] parts = countdown.split(":");
        int seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + Integer.parseInt(part);
        }
        return seconds;
    }

    private static void screenshot(Page page, String name) throws IOException {
        Path dir = Path.of(System.getProperty("exdesk.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
    }

    private static void report(List<Long> assignmentToScreen, List<Long> createdToScreen) throws IOException {
        String line = "console latency (ms): assignment-to-screen " + assignmentToScreen + ", ticket-created-to-screen "
                + createdToScreen;
        System.out.println(line);
        Files.writeString(Path.of("target", "console-latency.txt"), line + System.lineSeparator());
    }
}
