package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's class archives: recorded by one start, used by the next with the same build and JVM, recorded
 * again after a rebuild, never kept from a JVM that did not stop cleanly, and never in the way of a start.
 */
class ClassArchivesTest {

    private static final List<String> HEAP = List.of("-Xmx256m");

    @TempDir
    Path temp;
    private Path app;
    private ClassArchives archives;

    @BeforeEach
    void build() throws Exception {
        app = Files.createDirectories(temp.resolve("quarkus-app/lib/main"));
        Files.writeString(app.getParent().getParent().resolve("quarkus-run.jar"), "runner");
        Files.writeString(app.resolve("library.jar"), "library");
        app = app.getParent().getParent();
        archives = new ClassArchives(temp.resolve("cds"));
    }

    @Test
    void aStartRecordsAnArchiveThatACleanStopKeepsForTheNextStart() throws Exception {
        List<String> first = archives.options("ticket-service", app, HEAP);
        assertThat(first).containsExactly("-XX:ArchiveClassesAtExit=" + temp.resolve("cds/ticket-service.jsa.recording"));
        Files.writeString(temp.resolve("cds/ticket-service.jsa.recording"), "archive"); // as the JVM writes it at exit

        archives.stopped("ticket-service", 143);

        assertThat(archives.archive("ticket-service")).hasContent("archive");
        assertThat(new ClassArchives(temp.resolve("cds")).options("ticket-service", app, HEAP))
                .containsExactly("-Xshare:auto", "-XX:SharedArchiveFile=" + archives.archive("ticket-service"));
    }

    @Test
    void aRebuildOrOtherOptionsRecordAgainInPlaceOfTheStaleArchive() throws Exception {
        recordAndKeep();
        Files.setLastModifiedTime(app.resolve("lib/main/library.jar"), FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(archives.options("ticket-service", app, HEAP)).singleElement().asString()
                .startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(archives.archive("ticket-service")).doesNotExist();

        recordAndKeep();
        assertThat(archives.options("ticket-service", app, List.of("-Xmx512m"))).singleElement().asString()
                .startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void anArchiveOfAKilledOrFailedJvmIsNotKept() throws Exception {
        archives.options("routing-service", app, HEAP);
        Files.writeString(temp.resolve("cds/routing-service.jsa.recording"), "half an archive");

        archives.stopped("routing-service", 137);

        assertThat(archives.archive("routing-service")).doesNotExist();
        assertThat(temp.resolve("cds/routing-service.jsa.recording")).doesNotExist();
        assertThat(archives.options("routing-service", app, HEAP)).singleElement().asString()
                .startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aDamagedArchiveDoesNotStopAJvm() throws Exception {
        recordAndKeep();
        Files.writeString(archives.archive("ticket-service"), "not an archive at all");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(archives.options("ticket-service", app, HEAP));
        command.add("-version");

        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();

        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(new String(java.getInputStream().readAllBytes())).isZero();
    }

    private void recordAndKeep() throws Exception {
        archives.options("ticket-service", app, HEAP);
        Files.writeString(temp.resolve("cds/ticket-service.jsa.recording"), "archive");
        archives.stopped("ticket-service", 0);
        assertThat(archives.archive("ticket-service")).exists();
    }
}
