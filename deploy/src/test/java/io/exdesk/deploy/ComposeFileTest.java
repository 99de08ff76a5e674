package io.exdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import io.exdesk.testkit.PostgresServer;
import io.exdesk.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} against the Compose file format (the specification's JSON Schema and
 * Debian's docker-compose 1.29), the services it runs ({@link ServiceSettings}: ports, variables,
 * health endpoints, databases), the event topics, and the repository files it mounts. The stack
 * itself is not started here: its images come from registries this build cannot reach.
 */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = ServiceSettings.repositoryRoot();
    private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?message}}, and nothing around it. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:-|:\\?)(.*))?}");
    private static final Pattern HEALTH_REQUEST =
            Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+) .*'GET (\\S+) HTTP/1\\.0\\\\r\\\\n\\\\r\\\\n'");

    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = YAML.readTree(COMPOSE_FILE.toFile());
    }

    @Test
    void isValidByTheComposeSpecificationSchema() throws IOException {
        List<Error> errors = composeSchema().validate(JSON.writeValueAsString(compose), InputFormat.JSON);

        assertThat(errors).as("docker-compose.yml against the Compose Specification's schema").isEmpty();
    }

    @Test
    void dockerComposeAcceptsItWithOrWithoutAJwtKey() throws Exception {
        Path dockerCompose = Tools.require("docker-compose");

        Result withKey = run(List.of(dockerCompose.toString(), "--file", COMPOSE_FILE.toString(), "config", "--quiet"),
                Map.of("EXDESK_JWT_PUBLIC_KEY", "a-public-key"));
        Result withoutKey = run(List.of(dockerCompose.toString(), "--file", COMPOSE_FILE.toString(), "config", "--quiet"),
                Map.of());

        assertThat(withKey.exitCode()).as("docker-compose config -q: %s", withKey.output()).isZero();
        assertThat(withoutKey.exitCode()).as("without EXDESK_JWT_PUBLIC_KEY: %s", withoutKey.output()).isZero();
    }

    @Test
    void theDefaultJwtKeyIsTheLocalOnlyDevKey() throws IOException {
        String devKey = Files.readAllLines(ROOT.resolve("k8s/overlays/dev/local-only-jwt/public.pem")).stream()
                .filter(line -> !line.startsWith("-----")).collect(java.util.stream.Collectors.joining());
        assertThat(Files.readString(COMPOSE_FILE)).contains("${EXDESK_JWT_PUBLIC_KEY:-" + devKey + "}");
    }

    @Test
    void runsEveryServiceFromItsImage() throws IOException {
        String version = projectVersion();
        for (String service : deployedNames()) {
            assertThat(compose.path("services").has(service)).as("%s in docker-compose.yml", service).isTrue();
            assertThat(service(service).path("image").asText())
                    .isEqualTo("exdesk/" + service + ":${EXDESK_VERSION:-" + version + "}");
        }
    }

    @Test
    void publishesEachServiceOnItsOwnPortOnLoopbackOnly() {
        for (Map.Entry<String, JsonNode> entry : services().entrySet()) {
            for (JsonNode port : entry.getValue().path("ports")) {
                assertThat(port.isTextual()).as("%s: a port as \"127.0.0.1:host:container\"", entry.getKey()).isTrue();
                assertThat(port.asText()).as("%s publishes on 127.0.0.1 only", entry.getKey())
                        .matches("127\\.0\\.0\\.1:\\d+:\\d+");
            }
        }
        for (ServiceSettings settings : deployed()) {
            assertThat(containerPorts(settings.name())).as("%s's container ports", settings.name())
                    .containsExactly(settings.httpPort());
        }
    }

    @Test
    void setsOnlyVariablesEachServiceReads() {
        for (ServiceSettings settings : deployed()) {
            for (String variable : environment(settings.name()).keySet()) {
                assertThat(settings.propertyOf(variable))
                        .as("%s reads no property that %s sets", settings.name(), variable).isPresent();
            }
        }
    }

    @Test
    void secretsHaveNoDefaultButALocalOnlyOne() {
        Pattern secret = Pattern.compile(".*(PASSWORD|SECRET|PRIVATE|_KEY$).*");
        for (Map.Entry<String, JsonNode> service : services().entrySet()) {
            environment(service.getKey()).forEach((variable, value) -> {
                if (secret.matcher(variable).matches()) {
                    Matcher reference = VARIABLE.matcher(value);
                    assertThat(reference.matches()).as("%s's %s comes from a variable: %s", service.getKey(), variable, value)
                            .isTrue();
                    if (":-".equals(reference.group(2))) {
                        assertThat(reference.group(3)).as("%s's default for %s", service.getKey(), variable)
                                .startsWith("local-only");
                    }
                }
            });
        }
    }

    @Test
    void pointsEachServiceAtItsOwnDatabaseAndLogin() {
        Map<String, String> database = environment("postgres");
        for (ServiceSettings settings : deployed()) {
            Map<String, String> env = environment(settings.name());
            String login = settings.name().replace('-', '_');
            assertThat(env).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + settings.database())
                    .containsEntry("QUARKUS_DATASOURCE_USERNAME", login);
            // The same expression on both sides, so a password set for one is set for the other.
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).as("%s's password", settings.name())
                    .isEqualTo(database.get(login.toUpperCase() + "_DB_PASSWORD"));
        }
    }

    @Test
    void healthChecksAskEachServiceItsReadinessOnItsPort() {
        for (ServiceSettings settings : deployed()) {
            Matcher request = healthRequest(settings.name());
            assertThat(Integer.parseInt(request.group(1))).as("%s's health check port", settings.name())
                    .isEqualTo(settings.httpPort());
            assertThat(request.group(2)).as("%s's health check path", settings.name())
                    .isEqualTo(ServiceSettings.HEALTH_READY);
        }
    }

    @Test
    void healthCheckPassesOnlyWhenTheServiceAnswers200() throws Exception {
        Tools.require("bash");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int status = exchange.getRequestURI().getPath().equals(ServiceSettings.HEALTH_READY) ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            String script = healthCommand("ticket-service").get(3)
                    .replace("/dev/tcp/127.0.0.1/8081", "/dev/tcp/127.0.0.1/" + port);

            assertThat(run(List.of("bash", "-c", script), Map.of()).exitCode()).as("ready: 200").isZero();
            String down = script.replace(ServiceSettings.HEALTH_READY, ServiceSettings.HEALTH_READY + "-down");
            assertThat(run(List.of("bash", "-c", down), Map.of()).exitCode()).as("not ready: 503").isNotZero();
        } finally {
            server.stop(0);
        }
        String closed = healthCommand("ticket-service").get(3).replace("/dev/tcp/127.0.0.1/8081", "/dev/tcp/127.0.0.1/1");
        assertThat(run(List.of("bash", "-c", closed), Map.of()).exitCode()).as("nothing listening").isNotZero();
    }

    @Test
    void waitsOnlyForServicesThatCanReportIt() {
        for (Map.Entry<String, JsonNode> service : services().entrySet()) {
            JsonNode dependsOn = service.getValue().path("depends_on");
            assertThat(dependsOn.isMissingNode() || dependsOn.isObject())
                    .as("%s: depends_on with a condition per service", service.getKey()).isTrue();
            dependsOn.properties().forEach(dependency -> {
                String target = dependency.getKey();
                String condition = dependency.getValue().path("condition").asText();
                assertThat(compose.path("services").has(target)).as("%s depends on %s", service.getKey(), target).isTrue();
                if (condition.equals("service_healthy")) {
                    assertThat(service(target).has("healthcheck")).as("%s waits for %s to be healthy", service.getKey(), target)
                            .isTrue();
                }
            });
        }
        assertThat(service(ServiceSettings.CONSOLE).path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        for (String service : ServiceSettings.SERVICES) {
            assertThat(service(service).path("depends_on").path("postgres").path("condition").asText())
                    .isEqualTo("service_healthy");
            assertThat(service(service).path("depends_on").path("kafka").path("condition").asText())
                    .isEqualTo("service_healthy");
        }
    }

    @Test
    void mountsOnlyWhatTheRepositoryHolds() {
        Set<String> namedVolumes = new TreeSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(namedVolumes::add);
        for (Map.Entry<String, JsonNode> service : services().entrySet()) {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(ROOT.resolve(source).normalize()).as("%s mounts %s", service.getKey(), source).exists();
                    assertThat(ROOT.resolve(source).normalize()).startsWith(ROOT);
                    assertThat(volume.asText()).as("%s: a repository file is mounted read-only", service.getKey()).endsWith(":ro");
                } else {
                    assertThat(namedVolumes).as("%s's volume %s is declared", service.getKey(), source).contains(source);
                }
            }
        }
    }

    @Test
    void runsTheKafkaVersionTheTestkitRuns() throws IOException {
        Matcher version = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();

        assertThat(service("kafka").path("image").asText()).isEqualTo("apache/kafka:" + version.group(1));
    }

    @Test
    void prometheusScrapesEveryServiceWhereItServesMetrics() throws IOException {
        JsonNode config = YAML.readTree(hostPath("prometheus", "/etc/prometheus/prometheus.yml").toFile());
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode staticConfig : job.path("static_configs")) {
                for (JsonNode target : staticConfig.path("targets")) {
                    String[] hostPort = target.asText().split(":");
                    assertThat(compose.path("services").has(hostPort[0])).as("scrape target %s is a service", target).isTrue();
                    assertThat(containerPorts(hostPort[0])).as("scrape target %s's port", target)
                            .contains(Integer.parseInt(hostPort[1]));
                    if (ServiceSettings.SERVICES.contains(hostPort[0]) || ServiceSettings.CONSOLE.equals(hostPort[0])) {
                        assertThat(job.path("metrics_path").asText()).as("%s's metrics path", hostPort[0])
                                .isEqualTo(ServiceSettings.METRICS);
                        scraped.add(hostPort[0]);
                    }
                }
            }
        }
        List<String> exdesk = new ArrayList<>(ServiceSettings.SERVICES);
        exdesk.add(ServiceSettings.CONSOLE); // it serves /q/metrics too (its HTTP server and JVM)
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(exdesk);
        for (JsonNode ruleFiles : config.path("rule_files")) {
            Path rules = hostPath("prometheus", "/etc/prometheus/" + ruleFiles.asText());
            assertThat(matching(rules)).as("rule files %s", ruleFiles).isNotEmpty();
        }
    }

    @Test
    void grafanaFindsItsDashboardsAndPrometheus() throws IOException {
        Path provisioning = hostPath("grafana", "/etc/grafana/provisioning");
        List<Path> providers = yamlFiles(provisioning.resolve("dashboards"));
        List<Path> datasources = yamlFiles(provisioning.resolve("datasources"));
        assertThat(providers).as("dashboard providers in %s", provisioning).isNotEmpty();
        assertThat(datasources).as("datasources in %s", provisioning).isNotEmpty();

        for (Path file : providers) {
            for (JsonNode provider : YAML.readTree(file.toFile()).path("providers")) {
                Path dashboards = hostPath("grafana", provider.path("options").path("path").asText());
                assertThat(matching(dashboards.resolve("*.json"))).as("dashboards of %s", file).isNotEmpty();
            }
        }
        for (Path file : datasources) {
            for (JsonNode datasource : YAML.readTree(file.toFile()).path("datasources")) {
                Matcher url = Pattern.compile("http://([a-z0-9-]+):(\\d+)/?").matcher(datasource.path("url").asText());
                assertThat(url.matches()).as("%s's datasource URL %s", file, datasource.path("url")).isTrue();
                assertThat(containerPorts(url.group(1))).as("%s's datasource %s", file, url.group())
                        .contains(Integer.parseInt(url.group(2)));
            }
        }
    }

    @Test
    void configurationReferenceListsEveryVariableComposeSets() throws IOException {
        Set<String> variables = new TreeSet<>();
        deployedNames().forEach(service -> variables.addAll(environment(service).keySet()));
        Matcher reference = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(COMPOSE_FILE));
        while (reference.find()) {
            variables.add(reference.group(1));
        }

        assertThat(variables).isNotEmpty().allSatisfy(variable -> assertThat(configurationReference())
                .as("docs/operations.md, Configuration reference, lists %s", variable).contains("`" + variable + "`"));
    }

    /** The variables the Kubernetes overlays give the services: container env and envFrom ConfigMaps' keys. */
    @Test
    void configurationReferenceListsEveryVariableKubernetesSets() throws Exception {
        Path kubectl = Tools.require("kubectl");
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("k8s/overlays"))) {
            overlays = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(overlays).isNotEmpty();
        Set<String> variables = new TreeSet<>();
        for (Path overlay : overlays) {
            Result build = run(List.of(kubectl.toString(), "kustomize", overlay.toString()), Map.of());
            assertThat(build.exitCode()).as("kubectl kustomize %s: %s", overlay, build.output()).isZero();
            List<JsonNode> objects = YAML.readerFor(JsonNode.class).<JsonNode>readValues(build.output()).readAll();
            Set<String> envFromConfigMaps = new TreeSet<>();
            for (JsonNode object : objects) {
                if (object.path("kind").asText().equals("Deployment")
                        && ServiceSettings.SERVICES.contains(object.path("metadata").path("name").asText())) {
                    for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                        container.path("env").forEach(env -> variables.add(env.path("name").asText()));
                        container.path("envFrom").forEach(from -> envFromConfigMaps.add(from.path("configMapRef").path("name").asText()));
                    }
                }
            }
            for (JsonNode object : objects) {
                if (object.path("kind").asText().equals("ConfigMap")
                        && envFromConfigMaps.contains(object.path("metadata").path("name").asText())) {
                    object.path("data").fieldNames().forEachRemaining(variables::add);
                }
            }
        }

        assertThat(variables).isNotEmpty().allSatisfy(variable -> assertThat(configurationReference())
                .as("docs/operations.md, Configuration reference, lists %s", variable).contains("`" + variable + "`"));
    }

    /**
     * The console's tokens are trusted: by default it signs with the private half of the local-only pair whose
     * public half is the services' default key; its key and accounts are Compose secrets from files of the
     * repository (local-only), mounted where its settings name them; and it calls the services by their names
     * and ports.
     */
    @Test
    void theConsoleSignsWithTheKeyTheServicesTrustAndCallsThemByName() throws Exception {
        Map<String, String> env = environment(ServiceSettings.CONSOLE);
        Map<String, Path> secretFiles = new LinkedHashMap<>();
        for (JsonNode name : service(ServiceSettings.CONSOLE).path("secrets")) {
            String file = compose.path("secrets").path(name.asText()).path("file").asText();
            Path path = ROOT.resolve(localDefault(file)).normalize();
            assertThat(path).as("secret %s's default file", name).exists().startsWith(ROOT);
            assertThat(ROOT.relativize(path).toString()).as("secret %s's default is marked local-only", name)
                    .contains("local-only");
            secretFiles.put("/run/secrets/" + name.asText(), path);
        }
        Path signingKey = secretFiles.get(env.get("CONSOLE_TOKEN_SIGNING_KEY_LOCATION").replaceFirst("^file:", ""));
        assertThat(signingKey).as("CONSOLE_TOKEN_SIGNING_KEY_LOCATION names a mounted secret").isNotNull();
        Path accounts = secretFiles.get(env.get("CONSOLE_BOOTSTRAP_ACCOUNTS_FILE"));
        assertThat(accounts).as("CONSOLE_BOOTSTRAP_ACCOUNTS_FILE names a mounted secret").isNotNull();
        assertThat(Files.readAllLines(accounts)).filteredOn(line -> !line.isBlank() && !line.startsWith("#"))
                .isNotEmpty().allMatch(line -> line.matches("[A-Za-z0-9._@-]+:(agent|supervisor|admin):[^:]+:.{12,72}"));

        java.security.interfaces.RSAPrivateCrtKey key = (java.security.interfaces.RSAPrivateCrtKey)
                java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                        pemBody(Files.readString(signingKey))));
        java.security.interfaces.RSAPublicKey trusted = (java.security.interfaces.RSAPublicKey)
                java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(
                        pemBody(localDefault(environment("ticket-service").get("MP_JWT_VERIFY_PUBLICKEY")))));
        assertThat(trusted.getModulus()).as("the services' default key is the public half of the console's")
                .isEqualTo(key.getModulus());
        for (String service : ServiceSettings.SERVICES) {
            assertThat(environment(service).get("MP_JWT_VERIFY_PUBLICKEY")).as("%s trusts the same key", service)
                    .isEqualTo(environment("ticket-service").get("MP_JWT_VERIFY_PUBLICKEY"));
        }

        for (String service : List.of("ticket-service", "routing-service", "sla-service")) {
            int port = ServiceSettings.of(service).httpPort();
            assertThat(env.get("CONSOLE_SERVICES_" + service.replace("-service", "").toUpperCase()))
                    .as("the console's URL of %s", service).isEqualTo("http://" + service + ":" + port);
            assertThat(containerPorts(service)).contains(port);
        }
    }

    private static byte[] pemBody(String pem) {
        return java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    /** The four services and the console. */
    private static List<ServiceSettings> deployed() {
        List<ServiceSettings> all = new ArrayList<>(ServiceSettings.all());
        all.add(ServiceSettings.of(ServiceSettings.CONSOLE));
        return all;
    }

    private static List<String> deployedNames() {
        List<String> names = new ArrayList<>(ServiceSettings.SERVICES);
        names.add(ServiceSettings.CONSOLE);
        return names;
    }

    /**
     * The real init script against a real PostgreSQL 15 whose pg_hba.conf asks for passwords: each
     * service's login, with the password docker-compose.yml gives it, creates tables in its own
     * database and cannot connect to another's.
     */
    @Test
    void initScriptGivesEachServiceItsOwnDatabase() throws Exception {
        Tools.require("psql");
        Path data = ROOT.resolve("deploy/target/compose-init-postgres");
        deleteRecursively(data);
        try (PostgresServer server = PostgresServer.embedded(data, 0, false)) {
            requirePasswords(server, data);
            Map<String, String> env = new LinkedHashMap<>();
            environment("postgres").forEach((variable, value) -> env.put(variable, localDefault(value)));
            Matcher port = Pattern.compile(":(\\d+)/").matcher(server.serverUrl());
            assertThat(port.find()).isTrue();
            env.putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", port.group(1), "PGUSER", server.user(),
                    "PGPASSWORD", server.password()));

            Result init = run(List.of("bash", hostPath("postgres", "/docker-entrypoint-initdb.d/10-exdesk-databases.sh").toString()), env);
            assertThat(init.exitCode()).as("init-databases.sh: %s", init.output()).isZero();

            for (ServiceSettings settings : deployed()) {
                Map<String, String> service = environment(settings.name());
                String user = service.get("QUARKUS_DATASOURCE_USERNAME");
                String password = localDefault(service.get("QUARKUS_DATASOURCE_PASSWORD"));
                try (Connection own = DriverManager.getConnection(server.jdbcUrl(settings.database()), user, password);
                     Statement statement = own.createStatement()) {
                    statement.execute("CREATE TABLE migrated (id int PRIMARY KEY)");
                    statement.execute("INSERT INTO migrated VALUES (1)");
                }
                assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(settings.database()), user, password + "x").close())
                        .as("%s with a wrong password", user).isInstanceOf(SQLException.class);
                String other = deployed().stream().map(ServiceSettings::database)
                        .filter(database -> !database.equals(settings.database())).findFirst().orElseThrow();
                assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(other), user, password).close())
                        .as("%s connecting to %s", user, other).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
    }

    // --- reading docker-compose.yml

    private static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        compose.path("services").properties().forEach(entry -> services.put(entry.getKey(), entry.getValue()));
        return services;
    }

    private static JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject()).as("service %s in docker-compose.yml", name).isTrue();
        return service;
    }

    /** Its environment, written as a mapping (the list form would hide duplicates). */
    private static Map<String, String> environment(String name) {
        JsonNode environment = service(name).path("environment");
        assertThat(environment.isMissingNode() || environment.isObject()).as("%s's environment is a mapping", name).isTrue();
        Map<String, String> variables = new LinkedHashMap<>();
        environment.properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        return variables;
    }

    private static List<Integer> containerPorts(String name) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : service(name).path("ports")) {
            String[] parts = port.asText().split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        }
        return ports;
    }

    private static List<String> healthCommand(String name) {
        List<String> command = new ArrayList<>();
        service(name).path("healthcheck").path("test").forEach(part -> command.add(part.asText()));
        assertThat(command).as("%s's health check", name).hasSize(4).startsWith("CMD", "bash", "-c");
        return command;
    }

    private static Matcher healthRequest(String name) {
        Matcher request = HEALTH_REQUEST.matcher(healthCommand(name).get(3));
        assertThat(request.find()).as("%s's health check sends GET <path> to 127.0.0.1:<port>", name).isTrue();
        return request;
    }

    /** The repository file a service's bind mount puts at {@code containerPath}. */
    private static Path hostPath(String name, String containerPath) {
        for (JsonNode volume : service(name).path("volumes")) {
            String[] parts = volume.asText().split(":");
            String target = parts[1];
            if (parts[0].startsWith(".") && (containerPath.equals(target) || containerPath.startsWith(target + "/"))) {
                return ROOT.resolve(parts[0]).resolve(containerPath.substring(target.length()).replaceFirst("^/", "")).normalize();
            }
        }
        throw new AssertionError(name + " mounts nothing from the repository at " + containerPath);
    }

    /** The value a {@code ${NAME:-default}} expression takes when the variable is not set. */
    private static String localDefault(String value) {
        Matcher reference = VARIABLE.matcher(value);
        assertThat(reference.matches() && ":-".equals(reference.group(2))).as("%s has a default", value).isTrue();
        return reference.group(3);
    }

    // --- files and tools

    /** The "Configuration reference" section of docs/operations.md, up to the next top-level section. */
    private static String configurationReference() throws IOException {
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        int start = operations.indexOf("\n## Configuration reference\n");
        assertThat(start).as("docs/operations.md has a section \"Configuration reference\"").isNotNegative();
        int end = operations.indexOf("\n## ", start + 1);
        return operations.substring(start, end < 0 ? operations.length() : end);
    }

    /** The vendored schema without its draft-04 style "id" keys, which a 2019-09 validator would read as base URIs. */
    private static Schema composeSchema() throws IOException {
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            assertThat(in).as("the vendored Compose schema").isNotNull();
            JsonNode schema = JSON.readTree(in);
            removeIds(schema);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                    .getSchema(JSON.writeValueAsString(schema), InputFormat.JSON);
        }
    }

    private static void removeIds(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").isTextual()) {
            object.remove("id");
        }
        node.forEach(ComposeFileTest::removeIds);
    }

    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>exdesk-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    private static List<Path> matching(Path glob) throws IOException {
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
        if (!Files.isDirectory(glob.getParent())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(glob.getParent())) {
            return files.filter(file -> matcher.matches(file.getFileName())).toList();
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>(matching(dir.resolve("*.yml")));
        files.addAll(matching(dir.resolve("*.yaml")));
        return files;
    }

    /** Only logins with the right password get in; the superuser the testkit uses keeps trust. */
    private static void requirePasswords(PostgresServer server, Path data) throws IOException, SQLException {
        Files.writeString(data.resolve("pg_hba.conf"), """
                host all postgres 127.0.0.1/32 trust
                host all all 127.0.0.1/32 scram-sha-256
                """);
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("EXDESK_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
