package io.exdesk.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in its own JVM.
 *
 * <p>It runs the jars that module {@code testkit/kafka-broker} copies from Maven Central, so the
 * broker is exactly the released one and none of its jars reach the caller's classpath. The data
 * directory survives {@link #stop()}, so a test can take the broker down and bring it back with
 * its topics, and the local run keeps its events across restarts.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private Process process;
    private ProcessWatchdog watchdog;

    /**
     * @param dataDir where logs, metadata and the broker's own log file live
     * @param port the client port (0 picks a free one); a fixed port keeps the controller on port + 1,
     *     which KRaft records in the data directory
     * @param partitions default partition count of auto-created topics
     */
    public KafkaBroker(Path dataDir, int port, int partitions) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port == 0 ? FreePorts.next() : port;
        this.controllerPort = port == 0 ? FreePorts.next() : port + 1;
        this.partitions = partitions;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's process id, while it runs. */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker and returns once it answers metadata requests. */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                format(config, newClusterId());
            }
            process = java("kafka.Kafka", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                    .start();
            watchdog = ProcessWatchdog.guard(process.pid(), "TERM");
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka in " + dataDir, e);
        }
    }

    /** Stops the broker cleanly (controlled shutdown); its data stays. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        watchdog.close();
        process = null;
        watchdog = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Path writeConfig() throws IOException {
        Path config = dataDir.resolve("server.properties");
        String listeners = "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort;
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=" + listeners,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs"),
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + Math.max(partitions, 1),
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "default.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=9223372036854775807",
                ""));
        return config;
    }

    /** Formats the data directory with the given cluster id; {@link #start()} then keeps it. */
    synchronized KafkaBroker format(String clusterId) {
        try {
            Files.createDirectories(dataDir);
            format(writeConfig(), clusterId);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot format Kafka storage in " + dataDir, e);
        }
    }

    private static String newClusterId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(uuidBytes(UUID.randomUUID()));
    }

    private void format(Path config, String clusterId) throws IOException {
        // "--cluster-id=" form: a base64url id may start with '-', which would read as an option.
        Process formatter = java("kafka.tools.StorageTool", "format", "--standalone",
                "--cluster-id=" + clusterId, "--config=" + config)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                .start();
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed; see " + dataDir.resolve("broker.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions().split("\\s+")));
        command.add("-cp");
        command.add(brokerLibrary() + File.separator + "*");
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).directory(dataDir.toFile());
    }

    private static String jvmOptions() {
        String fromEnv = System.getenv("EXDESK_KAFKA_JVM_OPTS");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim()
                : "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                        + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn";
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue()
                            + "; see " + dataDir.resolve("broker.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // The broker is still starting.
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not become ready within " + START_TIMEOUT
                            + "; see " + dataDir.resolve("broker.log"));
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    /** The broker jars: {@code testkit.kafka.lib}, {@code EXDESK_KAFKA_LIB}, or found above the working directory. */
    static Path brokerLibrary() {
        String configured = System.getProperty("testkit.kafka.lib", System.getenv("EXDESK_KAFKA_LIB"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testkit/kafka-broker/target/kafka-lib");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Kafka broker jars not found: build module testkit/kafka-broker"
                + " (./mvnw -pl testkit/kafka-broker generate-resources) or set EXDESK_KAFKA_LIB");
    }

    private static byte[] uuidBytes(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
