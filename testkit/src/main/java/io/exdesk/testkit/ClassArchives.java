package io.exdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The local run's class-data-sharing archives (AppCDS), one per service in {@code .exdesk/cds/}: five JVMs starting
 * together on two cores spend much of their start loading, parsing and verifying the same classes, which an archive
 * maps ready-made instead. A start without a usable archive records one ({@code -XX:ArchiveClassesAtExit}), which
 * the JVM writes when the service stops, so it holds every class the run loaded (start, Kafka, database, requests);
 * the next start maps it ({@code -XX:SharedArchiveFile}).
 *
 * <p>An archive is used only with the build and JVM that recorded it: its key is the JVM and its options and every
 * file of the service's {@code quarkus-app} (path, size, time), so a rebuild or another JDK records a new one. What
 * goes wrong never stops a start: a missing, stale or damaged archive means a start without it
 * ({@code -Xshare:auto}, the JVM's warning in the service's log), and an archive whose JVM did not stop cleanly
 * (killed, or its dump failed) is not kept.
 */
final class ClassArchives {

    /** The exit codes of a Quarkus service that stopped by itself or on SIGTERM/SIGINT, its archive written. */
    private static final List<Integer> CLEAN_EXITS = List.of(0, 130, 143);

    private final Path directory;
    /** The archives being recorded by running services, by module: kept when their service stops cleanly. */
    private final Map<String, String> recording = new ConcurrentHashMap<>();

    ClassArchives(Path directory) {
        this.directory = directory;
    }

    /**
     * The options that make a service's JVM map its archive, or record one if there is none for this build, JVM and
     * {@code otherOptions} (the JVM options the service starts with besides these).
     */
    List<String> options(String module, Path quarkusApp, List<String> otherOptions) {
        String key = key(quarkusApp, otherOptions);
        Path archive = archive(module);
        try {
            if (Files.exists(archive) && key.equals(readKey(module))) {
                // -Xshare:auto (the default, said for the reader): an archive the JVM cannot use is skipped.
                return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
            }
            Files.createDirectories(directory);
            Files.deleteIfExists(archive);
            Files.deleteIfExists(keyFile(module));
            Files.deleteIfExists(recorded(module));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the class archive of " + module + " in " + directory, e);
        }
        recording.put(module, key);
        return List.of("-XX:ArchiveClassesAtExit=" + recorded(module));
    }

    /**
     * After a service's JVM ended with {@code exitCode}: keeps the archive it recorded if it stopped cleanly, else
     * drops it. Nothing to do for a service that mapped an archive.
     */
    void stopped(String module, int exitCode) {
        String key = recording.remove(module);
        if (key == null) {
            return;
        }
        Path recorded = recorded(module);
        try {
            if (CLEAN_EXITS.contains(exitCode) && Files.exists(recorded) && Files.size(recorded) > 0) {
                Files.move(recorded, archive(module), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(keyFile(module), key, StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(recorded);
            }
        } catch (IOException e) {
            // A start without an archive is only slower: the next one records again.
            System.err.println("Cannot keep the class archive of " + module + ": " + e);
        }
    }

    /** Whether a running service records its archive, which it writes as it stops (seconds, more on a busy machine). */
    boolean recording() {
        return !recording.isEmpty();
    }

    Path archive(String module) {
        return directory.resolve(module + ".jsa");
    }

    private Path recorded(String module) {
        return directory.resolve(module + ".jsa.recording");
    }

    private Path keyFile(String module) {
        return directory.resolve(module + ".jsa.key");
    }

    private String readKey(String module) throws IOException {
        Path file = keyFile(module);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** What an archive depends on: this JVM, the other options, and every file of the service's build. */
    static String key(Path quarkusApp, List<String> otherOptions) {
        StringBuilder inputs = new StringBuilder()
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n')
                .append(String.join(" ", otherOptions)).append('\n');
        try (Stream<Path> files = Files.walk(quarkusApp)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                inputs.append(quarkusApp.relativize(file)).append(' ').append(Files.size(file)).append(' ')
                        .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + quarkusApp, e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(inputs.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
