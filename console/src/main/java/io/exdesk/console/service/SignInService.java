package io.exdesk.console.service;

import io.exdesk.console.config.ConsoleConfig;
import io.exdesk.console.domain.Account;
import io.exdesk.console.domain.ConsoleRole;
import io.exdesk.console.domain.SignedIn;
import io.exdesk.console.repository.AccountRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local accounts: sign-in with bcrypt-hashed passwords and lock-out, and server-side sessions whose id
 * (256 random bits) lives only in the browser's HttpOnly cookie; the database keeps its SHA-256.
 */
@ApplicationScoped
public class SignInService {

    /** What a sign-in attempt came to; {@code sessionId} only on success. */
    public record Outcome(Result result, String sessionId) {
    }

    /** Wrong covers an unknown user too, so the answer does not tell which usernames exist. */
    public enum Result { SIGNED_IN, WRONG, LOCKED }

    /** Agent ids are routing-service agent ids (its rule), so the same pattern holds for usernames. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private final AccountRepository accounts;
    private final ConsoleConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Checked against when the username is unknown, so an unknown user costs as long as a wrong password. */
    private final String decoyHash;

    public SignInService(AccountRepository accounts, ConsoleConfig config, Clock clock) {
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
        this.decoyHash = BcryptUtil.bcryptHash("decoy-" + random.nextLong(), config.signIn().bcryptCost());
    }

    /** Creates or replaces a local account (its sessions end). */
    public void saveAccount(String username, String displayName, ConsoleRole role, String password) {
        checkAccount(username, displayName, password);
        accounts.save(username, displayName, role, BcryptUtil.bcryptHash(password, config.signIn().bcryptCost()),
                clock.instant());
        accounts.deleteSessionsOf(username);
    }

    /** Creates a local account unless one of that username exists (which is left as it is); true if created. */
    public boolean createAccountIfAbsent(String username, String displayName, ConsoleRole role, String password) {
        checkAccount(username, displayName, password);
        if (accounts.find(username).isPresent()) {
            return false; // no bcrypt work for an account that exists
        }
        return accounts.createIfAbsent(username, displayName, role,
                BcryptUtil.bcryptHash(password, config.signIn().bcryptCost()), clock.instant());
    }

    /** Sets a new password (which also unlocks the account) and ends its sessions; false if there is no such account. */
    public boolean setPassword(String username, String password) {
        checkPassword(password);
        boolean found = accounts.setPassword(username, BcryptUtil.bcryptHash(password, config.signIn().bcryptCost()));
        accounts.deleteSessionsOf(username);
        return found;
    }

    /** Disables an account (its sessions end) or enables it again; false if there is no such account. */
    public boolean setDisabled(String username, boolean disabled) {
        boolean found = accounts.setDisabled(username, disabled ? clock.instant() : null);
        if (disabled) {
            accounts.deleteSessionsOf(username);
        }
        return found;
    }

    static boolean isUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    static void checkAccount(String username, String displayName, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A username is 1-100 letters, digits, '.', '_', '@' or '-'");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new IllegalArgumentException("A display name has 1 to 200 characters");
        }
        checkPassword(password);
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < 12 || password.length() > 72) {
            // bcrypt reads at most 72 bytes; a longer password would be silently cut.
            throw new IllegalArgumentException("A password has 12 to 72 characters");
        }
    }

    /** Every account, by username. */
    public List<Account> accounts() {
        return accounts.all();
    }

    public Outcome signIn(String username, String password) {
        Instant now = clock.instant();
        Optional<Account> found = username == null || !USERNAME.matcher(username).matches()
                ? Optional.empty() : accounts.find(username);
        if (found.isEmpty() || password == null || password.length() > 72) {
            BcryptUtil.matches(password == null ? "" : password, decoyHash);
            return new Outcome(Result.WRONG, null);
        }
        Account account = found.get();
        if (account.disabled()) {
            // Answered like a wrong password, after as much work, so it does not tell which accounts exist.
            BcryptUtil.matches(password, decoyHash);
            return new Outcome(Result.WRONG, null);
        }
        if (account.lockedAt(now)) {
            // No password check while locked: guessing on is pointless until the lock ends.
            return new Outcome(Result.LOCKED, null);
        }
        if (!BcryptUtil.matches(password, account.passwordHash())) {
            accounts.recordFailure(account.username(), config.signIn().maxFailures(),
                    now.plus(config.signIn().lockout()));
            boolean nowLocked = accounts.find(account.username()).map(a -> a.lockedAt(now)).orElse(false);
            return new Outcome(nowLocked ? Result.LOCKED : Result.WRONG, null);
        }
        accounts.recordSuccess(account.username());
        accounts.deleteExpiredSessions(now.minus(config.session().idleTimeout()), now.minus(config.session().maxAge()));
        byte[] id = new byte[32];
        random.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        accounts.createSession(hash(sessionId), account.username(), now);
        return new Outcome(Result.SIGNED_IN, sessionId);
    }

    /** The person of a valid session; extends its idle timeout. */
    public Optional<SignedIn> session(String sessionId) {
        if (sessionId == null || sessionId.length() != 43) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return accounts.touchSession(hash(sessionId), now, now.minus(config.session().idleTimeout()),
                now.minus(config.session().maxAge()));
    }

    public void signOut(String sessionId) {
        if (sessionId != null) {
            accounts.deleteSession(hash(sessionId));
        }
    }

    static String hash(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
