package io.exdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Kills a server process when the JVM that started it dies, even by SIGKILL.
 *
 * <p>A tiny shell blocks reading a pipe whose write end only this JVM holds. When the JVM dies,
 * for whatever reason, the kernel closes the pipe, {@code cat} sees end-of-file and the shell
 * signals the server. No JVM of its own, no polling.
 */
public final class ProcessWatchdog implements AutoCloseable {

    private static final String SCRIPT =
            "cat >/dev/null; kill -$1 $0 2>/dev/null; sleep 10; kill -KILL $0 2>/dev/null";

    private final Process shell;

    private ProcessWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * Watches the given process.
     *
     * @param pid the server's process id
     * @param signal the signal for a clean but fast stop ({@code TERM}, {@code INT}, ...)
     */
    public static ProcessWatchdog guard(long pid, String signal) {
        try {
            Process shell = new ProcessBuilder("sh", "-c", SCRIPT, Long.toString(pid), signal)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new ProcessWatchdog(shell);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the watchdog for process " + pid, e);
        }
    }

    /** Stands down after the server was stopped normally: the shell goes without signalling. */
    @Override
    public void close() {
        // Kill the shell first so that closing the pipe no longer triggers the kill.
        shell.destroy();
        try {
            shell.getOutputStream().close();
        } catch (IOException ignored) {
            // The pipe is gone already.
        }
    }
}
