package io.exdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A service running from its runnable jar in a JVM of its own, as in production: the local run
 * starts every service this way, and multi-instance tests start several copies of one service and
 * kill them for real.
 *
 * <p>A {@link ProcessWatchdog} ends the process if the JVM that started it dies.
 */
public final class ServiceProcess implements AutoCloseable {

    /** How long a graceful stop may take before the process is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final Process process;
    private final ProcessWatchdog watchdog;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.watchdog = ProcessWatchdog.guard(process.pid(), "TERM");
    }

    /** The runnable jar of a module, built by {@code package} (Quarkus fast-jar layout). */
    public static Path runnerJar(Path module) {
        return module.resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar").toAbsolutePath();
    }

    /**
     * The HMAC key of notification-service's signed webhooks wherever the testkit starts it (the local
     * run, multi-instance tests). Local only: a deployment sets its own, and the service refuses to
     * start without one.
     */
    public static final String LOCAL_WEBHOOK_SIGNING_SECRET = "exdesk-local-only-webhook-signing-secret";

    /**
     * The key of erased customers' pseudonyms (ticket-service and notification-service refuse to start
     * without one of at least 32 bytes) wherever the testkit starts them. Local only, like the above.
     */
    public static final String LOCAL_ERASURE_PSEUDONYM_KEY = "exdesk-local-only-erasure-pseudonym-key-0123456789";

    /**
     * The configuration that points a service at a database, a broker and a token issuer, and gives it
     * the secrets a packaged service requires, as environment variables (MicroProfile Config reads
     * them in place of the properties). Every caller passes the same map whichever service it starts;
     * a service ignores the variables it does not read.
     */
    public static Map<String, String> environment(PostgresServer postgres, String database, String kafkaBootstrap,
                                                  JwtIssuer jwt) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwt.publicKeyFile().toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", JwtIssuer.ISSUER);
        env.put("NOTIFICATION_WEBHOOK_SIGNING_SECRET", LOCAL_WEBHOOK_SIGNING_SECRET);
        env.put("EXDESK_ERASURE_PSEUDONYM_KEY", LOCAL_ERASURE_PSEUDONYM_KEY);
        return env;
    }

    /**
     * Starts {@code java -jar runnerJar} on {@code port} with the given environment, appending its
     * output to {@code log}. Returns at once; see {@link #awaitReady(Duration)}.
     */
    public static ServiceProcess start(String name, Path runnerJar, int port, Map<String, String> environment,
                                       Path log, String... jvmOptions) {
        if (!Files.exists(runnerJar)) {
            throw new IllegalStateException(runnerJar + " does not exist: package the module first");
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-jar", runnerJar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early if the process exits. */
    public ServiceProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + name, e);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended, empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** The exit code once the process has ended by itself, e.g. a service refusing to start; fails after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        if (!waitForExit(timeout)) {
            throw new IllegalStateException(name + " still runs after " + timeout + "; see " + log);
        }
        watchdog.close();
        return process.exitValue();
    }

    /** Sends SIGKILL, as a crash or an out-of-memory kill would: no shutdown hooks, no clean-up. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        watchdog.close();
    }

    /** Asks for a graceful stop (SIGTERM), and kills the process if it has not exited after 20 s. */
    @Override
    public void close() {
        process.destroy();
        awaitStopped();
    }

    /**
     * Stops all of them at once, as {@link #close()} does each: SIGTERM to every process first, then the
     * waits. A stop is mostly waiting (consumers leaving their group, a batch finishing), so they overlap
     * well; a parallel stream would stop only as many at a time as the common pool has threads (one on a
     * 2-core machine, besides the caller).
     */
    public static void closeAll(Collection<ServiceProcess> processes) {
        closeAll(processes, STOP_GRACE);
    }

    /** As {@link #closeAll(Collection)}, killing those that have not exited after {@code grace}. */
    public static void closeAll(Collection<ServiceProcess> processes, Duration grace) {
        List<ServiceProcess> all = List.copyOf(processes);
        all.forEach(service -> service.process.destroy());
        all.forEach(service -> service.awaitStopped(grace));
    }

    private void awaitStopped() {
        awaitStopped(STOP_GRACE);
    }

    private void awaitStopped(Duration grace) {
        if (!waitForExit(grace)) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
        watchdog.close();
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
