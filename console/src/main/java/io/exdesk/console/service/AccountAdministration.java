package io.exdesk.console.service;

import io.exdesk.console.domain.Account;
import io.exdesk.console.domain.ConsoleRole;
import io.exdesk.console.domain.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What an admin does to accounts: create one, disable or enable it, set a new password. Each change is written to
 * the log ({@code io.exdesk.console.audit}) with who did it to whom, never with a password.
 */
@ApplicationScoped
public class AccountAdministration {

    /** Its own category, so that operators can route or keep the audit trail apart. */
    public static final String AUDIT_CATEGORY = "io.exdesk.console.audit";
    private static final Logger AUDIT = Logger.getLogger(AUDIT_CATEGORY);

    /** What a change came to; a refusal names the rule it broke. */
    public enum Outcome { DONE, EXISTS, NOT_FOUND, INVALID_USERNAME, INVALID_NAME, INVALID_PASSWORD, SELF }

    private final SignInService signIn;

    public AccountAdministration(SignInService signIn) {
        this.signIn = signIn;
    }

    public List<Account> accounts() {
        return signIn.accounts();
    }

    public Outcome create(SignedIn admin, String username, String displayName, ConsoleRole role, String password) {
        Outcome invalid = invalid(username, displayName, password);
        if (invalid != null) {
            return invalid;
        }
        if (!signIn.createAccountIfAbsent(username, displayName.strip(), role, password)) {
            return Outcome.EXISTS;
        }
        AUDIT.infof("Console account %s created with role %s by %s", username, role.tokenRole(), admin.username());
        return Outcome.DONE;
    }

    public Outcome setPassword(SignedIn admin, String username, String password) {
        try {
            SignInService.checkPassword(password);
        } catch (IllegalArgumentException e) {
            return Outcome.INVALID_PASSWORD;
        }
        if (!signIn.setPassword(username, password)) {
            return Outcome.NOT_FOUND;
        }
        AUDIT.infof("Console account %s given a new password by %s; its sessions ended", username, admin.username());
        return Outcome.DONE;
    }

    public Outcome setDisabled(SignedIn admin, String username, boolean disabled) {
        if (disabled && admin.username().equals(username)) {
            return Outcome.SELF; // an admin who locks themselves out may leave nobody to undo it
        }
        if (!signIn.setDisabled(username, disabled)) {
            return Outcome.NOT_FOUND;
        }
        AUDIT.infof("Console account %s %s by %s", username, disabled ? "disabled (its sessions ended)" : "enabled",
                admin.username());
        return Outcome.DONE;
    }

    private static Outcome invalid(String username, String displayName, String password) {
        if (!SignInService.isUsername(username)) {
            return Outcome.INVALID_USERNAME;
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            return Outcome.INVALID_NAME;
        }
        try {
            SignInService.checkPassword(password);
        } catch (IllegalArgumentException e) {
            return Outcome.INVALID_PASSWORD;
        }
        return null;
    }
}
