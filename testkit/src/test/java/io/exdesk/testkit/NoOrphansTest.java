package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A test JVM killed with SIGKILL must not leave its broker or database running. */
class NoOrphansTest {

    @Test
    void serversDieWithTheJvmThatStartedThem() throws Exception {
        Path dir = Path.of("target", "orphan-probe").toAbsolutePath();
        TestServers.deleteRecursively(dir.resolve("kafka"));
        Process probe = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dtestkit.kafka.lib=" + KafkaBroker.brokerLibrary(),
                "-cp", System.getProperty("java.class.path"),
                OrphanProbe.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long postgresPid;
        long kafkaPid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("PIDS "));
            assertThat(line).as("the probe reports its servers' pids").isNotNull();
            String[] pids = line.split(" ");
            postgresPid = Long.parseLong(pids[1]);
            kafkaPid = Long.parseLong(pids[2]);
        }
        assertThat(alive(postgresPid)).isTrue();
        assertThat(alive(kafkaPid)).isTrue();

        new ProcessBuilder("kill", "-KILL", Long.toString(probe.pid())).start().waitFor();

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(alive(postgresPid)).as("PostgreSQL %d outlived its JVM", postgresPid).isFalse();
            assertThat(alive(kafkaPid)).as("Kafka %d outlived its JVM", kafkaPid).isFalse();
        });
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.map(ProcessHandle::isAlive).orElse(false);
    }
}
