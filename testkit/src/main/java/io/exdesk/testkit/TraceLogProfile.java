package io.exdesk.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one way a log test sets up its application: every line, at any level, in one file that {@link LogNeedles}
 * then searches. The root at DEBUG, {@code traced} categories at TRACE (the categories the platform caps among
 * them, to show the caps hold), {@code quieted} ones (the test's own libraries: they are not the service) at the
 * level given, and the console at INFO so the build's output stays readable. The test's
 * {@code QuarkusTestProfile} returns {@link #config()} as its configuration overrides, which gives the test an
 * application of its own, and {@code new TestResourceEntry(TraceLogProfile.Levels.class, levels())} as its test
 * resource, and the test calls {@link #lowerTheLevelsAgain()} in its {@code @AfterAll}.
 *
 * <p>Why the category levels come from a test resource: Quarkus builds every profile's application when it
 * discovers the tests, before any runs, and the build sets the categories of the configuration it is given on
 * the JVM's log manager, which later applications leave as they find them (they set only the categories they
 * name). Given as overrides, the levels put every test class of the JVM at TRACE from the first (about 22,000
 * TRACE lines on ticket-service's console before this class ran). A test resource's configuration reaches only
 * this application's start; {@link #lowerTheLevelsAgain()} then gives the categories back when the test is done.
 */
public record TraceLogProfile(Path file, List<String> traced, Map<String, String> quieted) {

    public TraceLogProfile {
        traced = List.copyOf(traced);
        quieted = Map.copyOf(quieted);
    }

    /** The profile's configuration overrides: what is fixed when the application is built, and the handlers. */
    public Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        // build time: no category logs below this, whatever its level
        config.put("quarkus.log.min-level", "TRACE");
        // the root's level and the handlers are set by every application's start, so they stay with this one
        config.put("quarkus.log.level", "DEBUG");
        config.put("quarkus.log.file.enable", "true");
        config.put("quarkus.log.file.path", file.toString());
        config.put("quarkus.log.file.level", "TRACE");
        // one file for the whole run (rotated away at the next boot), so the scan sees every line
        config.put("quarkus.log.file.rotation.max-file-size", "2G");
        config.put("quarkus.log.console.level", "INFO");
        return config;
    }

    /** The categories' levels, the arguments of the profile's {@link Levels} test resource. */
    public Map<String, String> levels() {
        Map<String, String> levels = new HashMap<>();
        quieted.forEach((category, level) -> levels.put(category(category), level));
        traced.forEach(category -> levels.put(category(category), "TRACE"));
        return levels;
    }

    /** Hands its arguments to the application's start as configuration (see {@link TraceLogProfile} for why). */
    public static final class Levels implements QuarkusTestResourceLifecycleManager {

        private Map<String, String> levels = Map.of();

        @Override
        public void init(Map<String, String> initArgs) {
            levels = Map.copyOf(initArgs);
        }

        @Override
        public Map<String, String> start() {
            return levels;
        }

        @Override
        public void stop() {
            // nothing runs
        }
    }

    /** Gives the categories back to whatever the next application configures. */
    public void lowerTheLevelsAgain() {
        Stream.concat(traced.stream(), quieted.keySet().stream())
                .forEach(category -> java.util.logging.Logger.getLogger(category).setLevel(null));
    }

    /** How many lines of the file were logged at TRACE: a test shows that TRACE was on before it trusts a clean scan. */
    public long traceLines() {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.contains(" TRACE [")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String category(String name) {
        return "quarkus.log.category.\"" + name + "\".level";
    }
}
