package io.exdesk.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools some checks run besides Java (promtool, prometheus, docker-compose, kubectl,
 * podman for the deployment checks; chromium for the console's browser tests). The README's test command
 * needs only Java 17, so on a machine without a tool its checks are reported as skipped; {@code .ci/run}
 * installs every tool ({@code deploy/install-tools.sh}) and sets {@code EXDESK_DEPLOY_TOOLS=required},
 * which turns a missing tool into a failure.
 */
public final class Tools {

    private Tools() {
    }

    /** The tool's executable on the PATH; skips (or, when required, fails) the calling test without it. */
    public static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            String why = name + " is not installed (deploy/install-tools.sh installs it)";
            if (required()) {
                throw new IllegalStateException(why + ", and EXDESK_DEPLOY_TOOLS=required");
            }
            Assumptions.abort(why);
        }
        return found.get();
    }

    /** The tool's executable on the PATH, if any. */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** True where a missing tool must fail the test ({@code EXDESK_DEPLOY_TOOLS=required}, as in CI). */
    public static boolean required() {
        return "required".equals(System.getenv("EXDESK_DEPLOY_TOOLS"));
    }
}
