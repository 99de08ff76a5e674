package io.exdesk.platform.problem;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a failure that happened because the database cannot be reached (stopped, restarting, failing
 * over, the network to it cut) from a bug. The first is the client's to retry: 503 with
 * {@code Retry-After}; only the second is a 500. The stack wraps the driver's exception in whatever
 * layer noticed it (Hibernate's {@code JDBCConnectionException}, a {@code PersistenceException}, a
 * transaction's rollback, a service's own wrapper, a group commit's completion), so the whole cause
 * chain is searched, suppressed exceptions included.
 */
public final class DatabaseUnavailable {

    /**
     * How long a client should wait before retrying: a restart takes seconds, and a request during the
     * outage has already waited up to the pool's acquisition timeout.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private DatabaseUnavailable() {
    }

    /** True if the database's unavailability, rather than the request or the code, caused the failure. */
    public static boolean causes(Throwable failure) {
        return search(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** The 503 a client gets for such a failure. */
    public static ProblemException problem() {
        return ProblemException.unavailable("The service cannot reach its database just now; retry shortly",
                RETRY_AFTER);
    }

    private static boolean search(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLException sql && unreachable(sql)) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (search(suppressed, seen)) {
                return true;
            }
        }
        if (failure instanceof SQLException sql && search(sql.getNextException(), seen)) {
            return true;
        }
        return search(failure.getCause(), seen);
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            // 08: connection exception (refused, broken, reset). 57P01-57P03: the server is shutting down
            // (ended this session, crashed) or cannot take connections yet (starting up, in recovery).
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
        }
        // The pool (Agroal) gave up waiting for a connection: none came back and none could be made. It says
        // so without an SQL state; any other SQL exception without one stays a bug.
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
