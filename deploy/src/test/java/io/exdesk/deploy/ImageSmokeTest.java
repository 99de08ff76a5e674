package io.exdesk.deploy;

import static io.exdesk.deploy.ImageContainer.podman;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/**
 * The services' container images, as the {@code images} profile builds them on the JRE base image of
 * {@code deploy/images/}: each runs as uid 185 and exposes its port, and ticket-service's image, run by
 * podman on the host's network against the testkit's real Kafka and PostgreSQL, gets ready, stores a
 * ticket and returns it, from the fast-jar layout in {@code /home/jboss}; the console's image gets ready
 * against the real PostgreSQL with its signing key and accounts file mounted as a deployment mounts them,
 * and signs in the account that file created.
 *
 * <p>Without podman, or without the images (the README's test command builds none), the tests are
 * skipped; {@code .ci/run} builds them and sets {@code EXDESK_DEPLOY_TOOLS=required}, which turns either
 * into a failure.
 */
class ImageSmokeTest {

    private static final Map<String, Integer> PORTS = Map.of(
            "ticket-service", 8081, "routing-service", 8082, "sla-service", 8083, "notification-service", 8084,
            "console", 8085);
    private static final String APP_DIR = "/home/jboss";
    /** Where a deployment mounts the token issuer's public key: the platform's default location. */
    private static final String PUBLIC_KEY_IN_CONTAINER = "/etc/exdesk/jwt/public.pem";
    private static final String DATABASE = "deploy_image_smoke";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path podman;
    private Map<String, String> podmanEnvironment;
    private String version;

    /** Per test, not once for the class: a skip at class level would show as no test run, without its reason. */
    @BeforeEach
    void imagesBuilt() {
        podman = Tools.require("podman");
        Path root = repositoryRoot();
        // The settings podman needs on this kind of machine (deploy/images/containers.conf), unless the caller has its own.
        podmanEnvironment = Map.of("CONTAINERS_CONF", System.getenv().getOrDefault("CONTAINERS_CONF",
                root.resolve("deploy/images/containers.conf").toString()));
        version = projectVersion(root);
        List<String> missing = PORTS.keySet().stream().map(this::image)
                .filter(image -> podman(podman, podmanEnvironment, "image", "exists", image).exitCode() != 0)
                .sorted().toList();
        if (!missing.isEmpty()) {
            String why = "podman has no image " + String.join(", ", missing)
                    + ": run deploy/images/build-base-image.sh, then ./mvnw -B package -DskipTests -Pimages";
            if (Tools.required()) {
                Assertions.fail(why + ", and EXDESK_DEPLOY_TOOLS=required");
            }
            Assumptions.abort(why);
        }
    }

    @Test
    void everyImageRunsAsUid185AndExposesItsServicePort() {
        PORTS.forEach((service, port) -> {
            String config = podman(podman, podmanEnvironment, "image", "inspect", "--format",
                    "{{.Config.User}} {{range $port, $_ := .Config.ExposedPorts}}{{$port}} {{end}}", image(service))
                    .output().trim();
            assertThat(config).as(image(service) + ": user and exposed ports").isEqualTo("185 " + port + "/tcp");
        });
    }

    @Test
    void ticketServiceImageServesTicketsAgainstRealKafkaAndPostgres() throws Exception {
        TestServers servers = TestServers.get();
        servers.postgres().recreateDatabase(DATABASE);
        Map<String, String> environment = new LinkedHashMap<>(ServiceProcess.environment(servers.postgres(), DATABASE,
                servers.kafkaBootstrapServers(), servers.jwt()));
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + PUBLIC_KEY_IN_CONTAINER);
        int port = FreePorts.next();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        String containerName;

        try (ImageContainer container = ImageContainer.start(podman, podmanEnvironment, image("ticket-service"),
                environment, Map.of(servers.jwt().publicKeyFile(), PUBLIC_KEY_IN_CONTAINER),
                Path.of("target", "image-smoke", "ticket-service.log"))) {
            containerName = container.name();
            await("ticket-service's container ready on port " + port + " (log: " + container.log().toAbsolutePath() + ")")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!container.isRunning()) {
                            throw new IllegalStateException("The container exited; see " + container.log().toAbsolutePath());
                        }
                        return get(http, base.resolve("/q/health/ready"), null).statusCode() == 200;
                    });

            String token = TestTokens.of("exchange-a", "platform");
            String subject = "Withdrawal stuck " + UUID.randomUUID();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/tickets"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"customer":{"id":"cust-%s","tier":"STANDARD","language":"en",
                              "contact":{"name":"Ada","email":"ada@example.com"}},
                             "channel":"WEB","subject":"%s","description":"My BTC withdrawal has been pending for 3 hours"}"""
                            .formatted(UUID.randomUUID(), subject)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).path("id").asText();

            HttpResponse<String> read = get(http, base.resolve("/api/v1/tickets/" + id), token);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonNode ticket = JSON.readTree(read.body());
            assertThat(ticket.path("id").asText()).isEqualTo(id);
            assertThat(ticket.path("subject").asText()).isEqualTo(subject);

            // The JVM is the container's first process: its real, effective, saved and file-system uids.
            String uids = container.exec("cat", "/proc/1/status").lines()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            assertThat(uids.substring("Uid:".length()).trim().split("\\s+")).containsOnly("185");
            assertThat(container.exec("readlink", "/proc/1/cwd").trim()).isEqualTo(APP_DIR);
            assertThat(Arrays.asList(container.exec("cat", "/proc/1/cmdline").split("\0")))
                    .containsSubsequence("-jar", "quarkus-run.jar");
            assertThat(container.exec("find", APP_DIR, "-mindepth", "1", "-maxdepth", "2").lines())
                    .contains(APP_DIR + "/quarkus-run.jar", APP_DIR + "/lib/boot", APP_DIR + "/lib/main",
                            APP_DIR + "/app", APP_DIR + "/quarkus");
        }
        assertThat(podman(podman, podmanEnvironment, "container", "exists", containerName).exitCode())
                .as("container " + containerName + " removed").isEqualTo(1);
    }

    @Test
    void consoleImageGetsReadyAndSignsInTheAccountItsAccountsFileCreated() throws Exception {
        TestServers servers = TestServers.get();
        String database = "deploy_image_smoke_console";
        servers.postgres().recreateDatabase(database);
        // As the Kubernetes manifests mount them (k8s/base/console.yaml), readable by uid 185 whatever the umask.
        Path secrets = Files.createDirectories(Path.of("target", "image-smoke", "console-secrets"));
        Path key = Files.copy(servers.jwt().privateKeyFile(), secrets.resolve("token-signing-key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path accounts = Files.writeString(secrets.resolve("accounts"), "smoke.admin:admin:Smoke Admin:smoke-password-123\n");
        for (Path file : List.of(key, accounts)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", servers.postgres().jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", servers.postgres().user());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", servers.postgres().password());
        environment.put("CONSOLE_BOOTSTRAP_ACCOUNTS_FILE", "/etc/exdesk/console/accounts");
        environment.put("CONSOLE_SESSION_SECURE_COOKIE", "false");
        int port = FreePorts.next();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI base = URI.create("http://127.0.0.1:" + port);

        try (ImageContainer container = ImageContainer.start(podman, podmanEnvironment, image("console"), environment,
                // The signing key at the console's default location (console.token.signing-key-location).
                Map.of(key, "/etc/exdesk/console/token-signing-key.pem", accounts, "/etc/exdesk/console/accounts"),
                Path.of("target", "image-smoke", "console.log"))) {
            await("the console's container ready on port " + port + " (log: " + container.log().toAbsolutePath() + ")")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!container.isRunning()) {
                            throw new IllegalStateException("The container exited; see " + container.log().toAbsolutePath());
                        }
                        return get(http, base.resolve("/q/health/ready"), null).statusCode() == 200;
                    });

            HttpResponse<String> form = get(http, base.resolve("/sign-in"), null);
            assertThat(form.statusCode()).isEqualTo(200);
            java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"")
                    .matcher(form.body());
            assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
            String csrfCookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("exdesk-csrf="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base.resolve("/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrfCookie)
                    .POST(HttpRequest.BodyPublishers.ofString("csrf-token=" + java.net.URLEncoder.encode(csrf.group(1),
                            java.nio.charset.StandardCharsets.UTF_8) + "&username=smoke.admin&password=smoke-password-123"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
            assertThat(signedIn.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("exdesk-session="));
            String uids = container.exec("cat", "/proc/1/status").lines()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            assertThat(uids.substring("Uid:".length()).trim().split("\\s+")).containsOnly("185");
        }
    }

    private String image(String service) {
        return "exdesk/" + service + ":" + version;
    }

    private static HttpResponse<String> get(HttpClient http, URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The repository's top directory (the tests run in {@code deploy/}). */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The images' tag: the version of the parent pom. */
    private static String projectVersion(Path root) {
        try {
            Node project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(root.resolve("pom.xml").toFile()).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("version".equals(child.getNodeName())) {
                    return child.getTextContent().trim();
                }
            }
            throw new IllegalStateException("pom.xml has no version");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the project version from " + root.resolve("pom.xml"), e);
        }
    }
}
