package io.exdesk.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One container of an ExDesk image, run by podman on the host's network (the only networking this
 * machine allows) under a name of its own, {@code exdesk-image-smoke-<random>}.
 *
 * <p>The container never outlives the test JVM: before it starts, a small shell blocks reading a pipe
 * whose write end only this JVM holds, then removes the container by name. Closing this object closes
 * the pipe; a JVM that dies, even by SIGKILL, closes it too (the same idea as the testkit's
 * ProcessWatchdog, but removing a container rather than signalling a process).
 */
final class ImageContainer implements AutoCloseable {

    private static final String REMOVE_ON_EOF = "cat >/dev/null; exec \"$0\" rm --force --ignore --time 10 \"$1\" >/dev/null 2>&1";

    private final Path podman;
    private final Map<String, String> podmanEnvironment;
    private final String name;
    private final Process remover;
    private final Process run;
    private final Path log;

    private ImageContainer(Path podman, Map<String, String> podmanEnvironment, String name, Process remover,
                           Process run, Path log) {
        this.podman = podman;
        this.podmanEnvironment = podmanEnvironment;
        this.name = name;
        this.remover = remover;
        this.run = run;
        this.log = log;
    }

    /**
     * Starts {@code image} in the background ({@code podman run --rm --network host}), appending its
     * output to {@code log}.
     *
     * @param environment variables for the container; their values go through podman's environment,
     *     not its command line
     * @param readOnlyMounts host file to path in the container
     */
    static ImageContainer start(Path podman, Map<String, String> podmanEnvironment, String image,
                                Map<String, String> environment, Map<Path, String> readOnlyMounts, Path log) {
        String name = "exdesk-image-smoke-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder removerBuilder = new ProcessBuilder("sh", "-c", REMOVE_ON_EOF, podman.toString(), name)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            removerBuilder.environment().putAll(podmanEnvironment);
            Process remover = removerBuilder.start();

            List<String> command = new ArrayList<>(List.of(podman.toString(), "run", "--rm", "--name", name,
                    "--network", "host"));
            environment.keySet().forEach(variable -> command.addAll(List.of("--env", variable)));
            readOnlyMounts.forEach((host, container) ->
                    command.addAll(List.of("--volume", host.toAbsolutePath() + ":" + container + ":ro")));
            command.add(image);
            ProcessBuilder runBuilder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            runBuilder.environment().putAll(podmanEnvironment);
            runBuilder.environment().putAll(environment);
            return new ImageContainer(podman, podmanEnvironment, name, remover, runBuilder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + image, e);
        }
    }

    String name() {
        return name;
    }

    /** False once the container's main process has exited (podman run returns with it). */
    boolean isRunning() {
        return run.isAlive();
    }

    Path log() {
        return log;
    }

    /** Runs a command inside the container as the image's user and returns its output; fails on a non-zero exit. */
    String exec(String... command) {
        List<String> args = new ArrayList<>(List.of("exec", name));
        args.addAll(List.of(command));
        Result result = podman(podman, podmanEnvironment, args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("podman " + String.join(" ", args) + " exited with " + result.exitCode()
                    + ": " + result.output());
        }
        return result.output();
    }

    /** Stops and removes the container (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        try {
            remover.getOutputStream().close();
            remover.waitFor(60, TimeUnit.SECONDS);
            run.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot signal the remover of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            run.destroyForcibly();
            remover.destroyForcibly();
        }
    }

    /** What a finished podman command printed (output and errors together) and its exit status. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code podman args...} to completion. */
    static Result podman(Path podman, Map<String, String> podmanEnvironment, String... args) {
        List<String> command = new ArrayList<>(List.of(podman.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(podmanEnvironment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command, e);
        }
    }
}
