package io.exdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The real Kafka broker and PostgreSQL server of one test JVM, started once, in parallel, and
 * stopped when the JVM exits.
 *
 * <p>{@code EXDESK_KAFKA_BOOTSTRAP} and {@code EXDESK_DB_URL} point the tests at servers that are
 * already running instead. A test with its own Quarkus test profile runs in another class loader,
 * which finds this JVM's servers through system properties rather than starting a second set. Each module gets its own database, named after the module directory,
 * recreated at the first use in a JVM so every run starts clean.
 */
public final class TestServers {

    private static TestServers instance;

    // Where the servers of this JVM are, for its other class loaders (not under exdesk.*: services validate that prefix).
    private static final String SHARED_KAFKA = "testkit.servers.kafka";
    private static final String SHARED_DB = "testkit.servers.db";
    private static final String SHARED_DB_USER = "testkit.servers.db.user";
    private static final String SHARED_DB_PASSWORD = "testkit.servers.db.password";

    private final KafkaBroker kafka;
    private final String kafkaBootstrap;
    private final PostgresServer postgres;
    private final String database;
    private final JwtIssuer jwt;

    private TestServers(KafkaBroker kafka, String kafkaBootstrap, PostgresServer postgres, String database,
                        JwtIssuer jwt) {
        this.kafka = kafka;
        this.kafkaBootstrap = kafkaBootstrap;
        this.postgres = postgres;
        this.database = database;
        this.jwt = jwt;
    }

    /** Starts the servers on first use; later calls return the same ones. */
    public static synchronized TestServers get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "exdesk-test-servers-stop"));
        }
        return instance;
    }

    private static TestServers start() {
        Path root = Path.of("target", "exdesk-test").toAbsolutePath();
        String sharedKafka = System.getProperty(SHARED_KAFKA);
        if (sharedKafka != null) {
            // Started by another class loader of this JVM (Quarkus gives each test profile its own):
            // use those servers and their database as they are; their owner stops them.
            PostgresServer db = PostgresServer.external(System.getProperty(SHARED_DB), System.getProperty(SHARED_DB_USER),
                    System.getProperty(SHARED_DB_PASSWORD));
            return new TestServers(null, sharedKafka, db, databaseName(), JwtIssuer.inDirectory(root.resolve("jwt")));
        }
        String externalKafka = System.getenv("EXDESK_KAFKA_BOOTSTRAP");
        CompletableFuture<KafkaBroker> kafka = externalKafka != null && !externalKafka.isBlank()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> {
                    Path dir = root.resolve("kafka");
                    deleteRecursively(dir); // fresh topics and a fresh cluster id each run
                    return new KafkaBroker(dir, 0, 3).start();
                });
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(() ->
                PostgresServer.external().orElseGet(() -> PostgresServer.embedded(root.resolve("postgres"), 0, false)));
        JwtIssuer jwt = JwtIssuer.inDirectory(root.resolve("jwt"));
        KafkaBroker broker = kafka.join();
        PostgresServer db = postgres.join();
        String database = databaseName();
        db.recreateDatabase(database);
        String bootstrap = broker == null ? externalKafka : broker.bootstrapServers();
        System.setProperty(SHARED_KAFKA, bootstrap);
        System.setProperty(SHARED_DB, db.serverUrl());
        System.setProperty(SHARED_DB_USER, db.user());
        System.setProperty(SHARED_DB_PASSWORD, db.password());
        return new TestServers(broker, bootstrap, db, database, jwt);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    /** The embedded broker, for tests that stop and restart it; empty with an external one. */
    public Optional<KafkaBroker> embeddedKafka() {
        return Optional.ofNullable(kafka);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String database() {
        return database;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(database);
    }

    public JwtIssuer jwt() {
        return jwt;
    }

    private void stop() {
        try {
            if (kafka != null) {
                kafka.stop();
            }
        } finally {
            postgres.close();
        }
    }

    /** "ticket-service" becomes database "ticket_service_test". */
    private static String databaseName() {
        Path module = Path.of("").toAbsolutePath().getFileName();
        String name = module == null ? "exdesk" : module.toString().toLowerCase().replaceAll("[^a-z0-9]+", "_");
        return name + "_test";
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
