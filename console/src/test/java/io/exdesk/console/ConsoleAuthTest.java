package io.exdesk.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.console.domain.ConsoleRole;
import io.exdesk.console.domain.SignedIn;
import io.exdesk.console.service.AccountBootstrap;
import io.exdesk.console.service.ServiceTokens;
import io.exdesk.console.service.SignInService;
import io.exdesk.testkit.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in rules over HTTP, against its real database: bcrypt passwords, the session cookie's
 * attributes, CSRF on every form, lock-out, sign-out, who may open which page, and the service tokens it signs.
 * No service is running here: these pages need none.
 */
@QuarkusTest
@WithTestResource(ConsoleTestResources.class)
class ConsoleAuthTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "correct horse battery";

    @Inject
    SignInService signIn;

    @Inject
    ServiceTokens tokens;

    /** A browser's state: the CSRF cookie and the token of the last form it was shown. */
    private record Browser(String csrfCookie, String csrfToken) {
    }

    private Browser openSignInPage() {
        Response page = given().redirects().follow(false).get("/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher field = CSRF_FIELD.matcher(page.body().asString());
        assertThat(field.find()).as("the sign-in form carries a CSRF token").isTrue();
        return new Browser(page.cookie("exdesk-csrf"), field.group(1));
    }

    private Response signIn(Browser browser, String username, String password) {
        return given().redirects().follow(false).cookie("exdesk-csrf", browser.csrfCookie())
                .formParam("csrf-token", browser.csrfToken()).formParam("username", username)
                .formParam("password", password).post("/sign-in");
    }

    private String account(ConsoleRole role) {
        String username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        signIn.saveAccount(username, "Test " + username, role, PASSWORD);
        return username;
    }

    @Test
    void theRightPasswordOpensASessionInAnHttpOnlySameSiteCookie() throws Exception {
        String agent = account(ConsoleRole.AGENT);
        Response signedIn = signIn(openSignInPage(), agent, PASSWORD);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        String setCookie = signedIn.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("exdesk-session=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .containsIgnoringCase("Path=/");
        String session = signedIn.cookie("exdesk-session");
        assertThat(session).hasSize(43);
        // The database holds only the session id's hash, and the password only as bcrypt.
        try (Connection c = DriverManager.getConnection(TestServers.get().jdbcUrl(), TestServers.get().postgres().user(),
                TestServers.get().postgres().password())) {
            ResultSet rs = c.createStatement().executeQuery(
                    "SELECT s.id_hash, a.password_hash FROM console_session s JOIN console_account a USING (username) "
                            + "WHERE username = '" + agent + "'");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNotEqualTo(session).hasSize(64);
            assertThat(rs.getString(2)).startsWith("$2a$").doesNotContain(PASSWORD);
        }
        // An agent lands on the inbox; the page asks routing-service, which is not running here: the session
        // is valid (no redirect to sign-in) and the failure is a page, not a stack trace.
        Response landing = given().redirects().follow(false).cookie("exdesk-session", session).get("/");
        assertThat(landing.statusCode()).isEqualTo(303);
        assertThat(landing.header("Location")).endsWith("/agent");
        Response inbox = given().redirects().follow(false).cookie("exdesk-session", session).get("/agent");
        assertThat(inbox.statusCode()).isEqualTo(502);
        assertThat(inbox.body().asString()).contains("did not answer").doesNotContain("Exception");
    }

    @Test
    void theAccountsFileCreatesMissingAccountsAtStartAndNeverResetsOneThatExists() throws Exception {
        // Created at start from ConsoleTestResources' file; the password may hold colons and spaces.
        Response signedIn = signIn(openSignInPage(), ConsoleTestResources.BOOTSTRAP_ADMIN,
                ConsoleTestResources.BOOTSTRAP_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        Response landing = given().redirects().follow(false).cookie("exdesk-session", signedIn.cookie("exdesk-session"))
                .get("/");
        assertThat(landing.header("Location")).as("an admin lands on the supervisor page").endsWith("/supervisor");

        // A restart with the same file leaves an existing account (and a password changed since) alone.
        String agent = account(ConsoleRole.AGENT);
        assertThat(signIn.createAccountIfAbsent(agent, "Someone Else", ConsoleRole.ADMIN, "another password 1"))
                .isFalse();
        assertThat(signIn(openSignInPage(), agent, "another password 1").statusCode()).isEqualTo(401);
        assertThat(signIn(openSignInPage(), agent, PASSWORD).statusCode()).isEqualTo(303);

        // A malformed line stops the start, naming the line but never the password.
        java.nio.file.Path file = Files.createTempFile("console-accounts", "");
        Files.writeString(file, "ok.user:agent:OK User:a good password\nbad.user:wizard:Bad User:secret-password-9\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AccountBootstrap.read(file)))
                .hasMessageContaining("line 2").hasMessageContaining("role").hasMessageNotContaining("secret-password-9");
        Files.writeString(file, "short.user:agent:Short:too-short\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AccountBootstrap.read(file)))
                .hasMessageContaining("line 1").hasMessageContaining("12 to 72").hasMessageNotContaining("too-short");
        Files.writeString(file, "# comment\n\nok.user:Supervisor:OK User:a good password\n");
        assertThat(AccountBootstrap.read(file)).containsExactly(
                new AccountBootstrap.Entry("ok.user", ConsoleRole.SUPERVISOR, "OK User", "a good password"));
        Files.delete(file);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreRefusedAlike() {
        String agent = account(ConsoleRole.AGENT);
        Response wrong = signIn(openSignInPage(), agent, "not the password");
        Response unknown = signIn(openSignInPage(), "nobody-" + UUID.randomUUID(), PASSWORD);

        for (Response refused : new Response[] {wrong, unknown}) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.cookie("exdesk-session")).isNull();
            assertThat(refused.body().asString()).contains("Wrong username or password");
        }
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndSignsNobodyIn() {
        String agent = account(ConsoleRole.AGENT);
        Browser browser = openSignInPage();

        Response noToken = given().redirects().follow(false).cookie("exdesk-csrf", browser.csrfCookie())
                .formParam("username", agent).formParam("password", PASSWORD).post("/sign-in");
        Response forgedToken = given().redirects().follow(false).cookie("exdesk-csrf", browser.csrfCookie())
                .formParam("csrf-token", "forged").formParam("username", agent).formParam("password", PASSWORD)
                .post("/sign-in");
        Response noCookie = given().redirects().follow(false).formParam("csrf-token", browser.csrfToken())
                .formParam("username", agent).formParam("password", PASSWORD).post("/sign-in");

        for (Response refused : new Response[] {noToken, forgedToken, noCookie}) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.cookie("exdesk-session")).isNull();
        }
        // The same form with its token signs in.
        assertThat(signIn(browser, agent, PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenAgainstTheRightPassword() {
        String agent = account(ConsoleRole.AGENT);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(signIn(openSignInPage(), agent, "guess " + attempt).body().asString())
                    .contains("Wrong username or password");
        }
        Response fifth = signIn(openSignInPage(), agent, "guess 5");
        assertThat(fifth.statusCode()).isEqualTo(401);
        assertThat(fifth.body().asString()).contains("locked");

        Response rightButLocked = signIn(openSignInPage(), agent, PASSWORD);
        assertThat(rightButLocked.statusCode()).isEqualTo(401);
        assertThat(rightButLocked.cookie("exdesk-session")).isNull();
        assertThat(rightButLocked.body().asString()).contains("locked");

        // An admin setting a new password unlocks the account.
        signIn.saveAccount(agent, "Test", ConsoleRole.AGENT, PASSWORD + "!");
        assertThat(signIn(openSignInPage(), agent, PASSWORD + "!").statusCode()).isEqualTo(303);
    }

    @Test
    void signOutEndsTheSessionForGood() {
        String agent = account(ConsoleRole.AGENT);
        Browser browser = openSignInPage();
        String session = signIn(browser, agent, PASSWORD).cookie("exdesk-session");

        Response signOutWithoutToken = given().redirects().follow(false).cookie("exdesk-session", session)
                .cookie("exdesk-csrf", browser.csrfCookie()).post("/sign-out");
        assertThat(signOutWithoutToken.statusCode()).isEqualTo(400);
        assertThat(given().redirects().follow(false).cookie("exdesk-session", session).get("/").header("Location"))
                .endsWith("/agent");

        Response signedOut = given().redirects().follow(false).cookie("exdesk-session", session)
                .cookie("exdesk-csrf", browser.csrfCookie()).formParam("csrf-token", browser.csrfToken())
                .post("/sign-out");
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.header("Location")).endsWith("/sign-in");
        assertThat(signedOut.headers().getValues("Set-Cookie")).anyMatch(c -> c.startsWith("exdesk-session=")
                && c.contains("Max-Age=0"));
        // The old cookie, replayed, opens nothing.
        Response replayed = given().redirects().follow(false).cookie("exdesk-session", session).get("/agent");
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(replayed.header("Location")).endsWith("/sign-in");
    }

    @Test
    void pagesNeedASessionAndTheSupervisorPageNeedsASupervisor() {
        for (String page : new String[] {"/agent", "/supervisor", "/tickets/" + UUID.randomUUID(), "/agent/stream"}) {
            Response anonymous = given().redirects().follow(false).get(page);
            assertThat(anonymous.statusCode()).as(page).isEqualTo(303);
            assertThat(anonymous.header("Location")).endsWith("/sign-in");
        }
        String session = signIn(openSignInPage(), account(ConsoleRole.AGENT), PASSWORD).cookie("exdesk-session");
        Response agentOnSupervisorPage = given().redirects().follow(false).cookie("exdesk-session", session)
                .get("/supervisor");
        assertThat(agentOnSupervisorPage.statusCode()).isEqualTo(403);
        assertThat(agentOnSupervisorPage.body().asString()).contains("You may not open this page");

        String supervisor = signIn(openSignInPage(), account(ConsoleRole.SUPERVISOR), PASSWORD).cookie("exdesk-session");
        assertThat(given().redirects().follow(false).cookie("exdesk-session", supervisor).get("/").header("Location"))
                .endsWith("/supervisor");
    }

    @Test
    void pagesFollowTheBrowsersLanguageAndTheChoiceOverridesIt() {
        Response chinese = given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").get("/sign-in");
        assertThat(chinese.body().asString()).contains("<html lang=\"zh-CN\">").contains("登录").contains("密码");
        Response english = given().header("Accept-Language", "en-GB,en;q=0.9").get("/sign-in");
        assertThat(english.body().asString()).contains("<html lang=\"en\">").contains("Password");

        Browser browser = openSignInPage();
        Response switched = given().redirects().follow(false).cookie("exdesk-csrf", browser.csrfCookie())
                .formParam("csrf-token", browser.csrfToken()).formParam("lang", "zh-CN")
                .formParam("back", "https://elsewhere.example/").post("/language");
        assertThat(switched.statusCode()).isEqualTo(303);
        assertThat(switched.header("Location")).doesNotContain("elsewhere");
        String chosen = switched.cookie("exdesk-lang");
        assertThat(given().header("Accept-Language", "en").cookie("exdesk-lang", chosen).get("/sign-in").body().asString())
                .contains("<html lang=\"zh-CN\">");
    }

    @Test
    void serviceTokensCarryThePersonsRoleAndAreShortLivedAndSignedByTheConsolesKey() throws Exception {
        String token = tokens.forPerson(new SignedIn("s", "li.wei", "Li Wei", ConsoleRole.SUPERVISOR));
        String[] parts = token.split("\\.");
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("exdesk");
        assertThat(claims.get("aud").toString()).contains("exdesk");
        assertThat(claims.get("sub").asText()).isEqualTo("li.wei");
        assertThat(claims.get("groups").toString()).isEqualTo("[\"supervisor\"]");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);

        String pem = Files.readString(TestServers.get().jwt().publicKeyFile(), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        // Reused while fresh (services verify it once), per person and role.
        assertThat(tokens.forPerson(new SignedIn("t", "li.wei", "Li Wei", ConsoleRole.SUPERVISOR))).isEqualTo(token);
        assertThat(tokens.forPerson(new SignedIn("t", "li.wei", "Li Wei", ConsoleRole.AGENT))).isNotEqualTo(token);
    }

    /** Prometheus scrapes the console like the services (deploy/prometheus): its metrics need no session. */
    @Test
    void metricsAreServedForPrometheusWithoutASession() {
        given().get("/sign-in").then().statusCode(200);
        Response metrics = given().redirects().follow(false).get("/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body().asString())
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/sign-in\"")
                .contains("jvm_memory_used_bytes{");
    }
}
