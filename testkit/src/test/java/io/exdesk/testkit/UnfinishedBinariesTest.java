package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL extraction cut short (the JVM ran out of memory) must not break every later start. */
class UnfinishedBinariesTest {

    @Test
    void anUnfinishedExtractionIsEmptiedAndAFinishedOneKept(@TempDir Path binaries) throws Exception {
        Path unfinished = Files.createDirectories(binaries.resolve("PG-unfinished/lib"));
        Files.writeString(unfinished.resolve("libicuuc.so.72"), "half");
        Files.createSymbolicLink(unfinished.resolve("libicuuc.so"), Path.of("libicuuc.so.72"));
        Path finished = Files.createDirectories(binaries.resolve("PG-finished/bin"));
        Files.writeString(finished.resolve("postgres"), "binary");
        Files.createFile(binaries.resolve("PG-finished/.exists"));

        PostgresServer.removeUnfinishedBinaries(binaries);

        try (var left = Files.list(binaries.resolve("PG-unfinished"))) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("epg-lock");
        }
        assertThat(finished.resolve("postgres")).hasContent("binary");
    }
}
