package io.exdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packaged service of the module under test, started with the settings of one case of a startup
 * check (a missing or weak secret, or a complete configuration), to see it refuse to start naming what
 * is wrong, or start. Start every case of a test class first, then wait on each: an attempt spends most
 * of its time starting a JVM and waiting on PostgreSQL and Kafka, so they overlap well even on two cores.
 */
public final class StartupAttempt implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ServiceProcess process;

    private StartupAttempt(ServiceProcess process) {
        this.process = process;
    }

    /**
     * The settings that start the packaged service against {@link TestServers} (database, broker, token
     * issuer, and the local secrets it requires): a copy, for a case to remove or change one.
     */
    public static Map<String, String> environment() {
        TestServers servers = TestServers.get();
        return new LinkedHashMap<>(ServiceProcess.environment(servers.postgres(), servers.database(),
                servers.kafkaBootstrapServers(), servers.jwt()));
    }

    /**
     * Starts the runnable jar of the module in the working directory (failsafe's) with {@code environment},
     * its output in {@code target/it-logs/<name>.log}, emptied first. Returns at once.
     */
    public static StartupAttempt start(String name, Map<String, String> environment) {
        Path log = Path.of("target", "it-logs", name + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StartupAttempt(ServiceProcess.start(name, ServiceProcess.runnerJar(Path.of("")), FreePorts.next(),
                environment, log, "-Xmx256m"));
    }

    /**
     * Waits until the service has stopped by itself and returns its log, to check that it names what is
     * wrong; fails if it exited with 0 or still runs after two minutes.
     */
    public String refusal() {
        int exitCode = process.awaitExit(TIMEOUT);
        if (exitCode == 0) {
            throw new AssertionError(process.name() + " exited with 0, not refusing to start; see " + process.log());
        }
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service is ready ({@code /q/health/ready}); fails if it exits first. */
    public ServiceProcess ready() {
        return process.awaitReady(TIMEOUT);
    }

    /**
     * Kills the service if it still runs: nothing is checked after this, and a graceful stop takes a
     * started service 6 s or more here (its Kafka consumers leave the group one after the other).
     */
    @Override
    public void close() {
        process.kill();
    }
}
