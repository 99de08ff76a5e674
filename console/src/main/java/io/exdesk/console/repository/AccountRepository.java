package io.exdesk.console.repository;

import io.exdesk.console.domain.Account;
import io.exdesk.console.domain.ConsoleRole;
import io.exdesk.console.domain.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Accounts and sessions in the console's own database, with plain JDBC (two small tables). */
@ApplicationScoped
public class AccountRepository {

    private final DataSource db;

    public AccountRepository(DataSource db) {
        this.db = db;
    }

    public Optional<Account> find(String username) {
        return query("SELECT username, display_name, role, password_hash, failed_attempts, locked_until, disabled_at "
                + "FROM console_account WHERE username = ?", ps -> ps.setString(1, username), AccountRepository::account)
                .stream().findFirst();
    }

    public List<Account> all() {
        return query("SELECT username, display_name, role, password_hash, failed_attempts, locked_until, disabled_at "
                + "FROM console_account ORDER BY username", ps -> { }, AccountRepository::account);
    }

    /** Creates the account, or replaces its name, role and password (and unlocks it). */
    public void save(String username, String displayName, ConsoleRole role, String passwordHash, Instant now) {
        update("""
                INSERT INTO console_account (username, display_name, role, password_hash, created_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
                    password_hash = excluded.password_hash, failed_attempts = 0, locked_until = NULL""", ps -> {
            ps.setString(1, username);
            ps.setString(2, displayName);
            ps.setString(3, role.name());
            ps.setString(4, passwordHash);
            ps.setTimestamp(5, Timestamp.from(now));
        });
    }

    /** Creates the account unless one of that username exists; true if it did. */
    public boolean createIfAbsent(String username, String displayName, ConsoleRole role, String passwordHash,
                                  Instant now) {
        return update("""
                INSERT INTO console_account (username, display_name, role, password_hash, created_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO NOTHING""", ps -> {
            ps.setString(1, username);
            ps.setString(2, displayName);
            ps.setString(3, role.name());
            ps.setString(4, passwordHash);
            ps.setTimestamp(5, Timestamp.from(now));
        }) == 1;
    }

    /**
     * Counts a failed sign-in in the database (so instances share the count) and locks the account when the
     * count reaches {@code maxFailures}; the count starts again after the lock.
     */
    public void recordFailure(String username, int maxFailures, Instant lockedUntil) {
        update("""
                UPDATE console_account SET
                    failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END,
                    locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
                WHERE username = ?""", ps -> {
            ps.setInt(1, maxFailures);
            ps.setInt(2, maxFailures);
            ps.setTimestamp(3, Timestamp.from(lockedUntil));
            ps.setString(4, username);
        });
    }

    /** Sets a new password hash and unlocks the account; false if there is no such account. */
    public boolean setPassword(String username, String passwordHash) {
        return update("UPDATE console_account SET password_hash = ?, failed_attempts = 0, locked_until = NULL "
                + "WHERE username = ?", ps -> {
            ps.setString(1, passwordHash);
            ps.setString(2, username);
        }) == 1;
    }

    /** Disables the account at {@code disabledAt}, or enables it again with null; false if there is no such account. */
    public boolean setDisabled(String username, Instant disabledAt) {
        return update("UPDATE console_account SET disabled_at = ? WHERE username = ?", ps -> {
            ps.setTimestamp(1, disabledAt == null ? null : Timestamp.from(disabledAt));
            ps.setString(2, username);
        }) == 1;
    }

    public void recordSuccess(String username) {
        update("UPDATE console_account SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
                ps -> ps.setString(1, username));
    }

    public void createSession(String idHash, String username, Instant now) {
        update("INSERT INTO console_session (id_hash, username, created_at, last_seen_at) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, idHash);
            ps.setString(2, username);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now));
        });
    }

    /**
     * The person of a session still valid at {@code now} (used within the idle timeout, younger than the
     * maximum age), marking it used; an account that is locked meanwhile has no valid session.
     */
    public Optional<SignedIn> touchSession(String idHash, Instant now, Instant idleSince, Instant createdSince) {
        return query("""
                UPDATE console_session s SET last_seen_at = ?
                FROM console_account a
                WHERE s.id_hash = ? AND a.username = s.username AND s.last_seen_at > ? AND s.created_at > ?
                  AND (a.locked_until IS NULL OR a.locked_until <= ?) AND a.disabled_at IS NULL
                RETURNING a.username, a.display_name, a.role""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, idHash);
            ps.setTimestamp(3, Timestamp.from(idleSince));
            ps.setTimestamp(4, Timestamp.from(createdSince));
            ps.setTimestamp(5, Timestamp.from(now));
        }, rs -> new SignedIn(idHash, rs.getString(1), rs.getString(2), ConsoleRole.valueOf(rs.getString(3))))
                .stream().findFirst();
    }

    public void deleteSession(String idHash) {
        update("DELETE FROM console_session WHERE id_hash = ?", ps -> ps.setString(1, idHash));
    }

    /** Ends every session of an account (password changed, account replaced). */
    public void deleteSessionsOf(String username) {
        update("DELETE FROM console_session WHERE username = ?", ps -> ps.setString(1, username));
    }

    /** Drops sessions no longer valid; run on sign-in, so the table stays small without a scheduler. */
    public void deleteExpiredSessions(Instant idleSince, Instant createdSince) {
        update("DELETE FROM console_session WHERE last_seen_at <= ? OR created_at <= ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(idleSince));
            ps.setTimestamp(2, Timestamp.from(createdSince));
        });
    }

    private static Account account(ResultSet rs) throws SQLException {
        Timestamp locked = rs.getTimestamp(6);
        Timestamp disabled = rs.getTimestamp(7);
        return new Account(rs.getString(1), rs.getString(2), ConsoleRole.valueOf(rs.getString(3)), rs.getString(4),
                rs.getInt(5), locked == null ? null : locked.toInstant(), disabled == null ? null : disabled.toInstant());
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Console database: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Console database: " + e.getMessage(), e);
        }
    }
}
