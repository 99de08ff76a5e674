package io.exdesk.console.service;

import io.exdesk.console.config.ConsoleConfig;
import io.exdesk.console.domain.ConsoleRole;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Creates the accounts of {@code console.bootstrap.accounts-file} at start-up, so a new installation (the local
 * run's demo, a deployment's first admin) has someone who can sign in. Accounts that exist are left alone: a
 * restart never takes back a password changed since. A malformed file stops the start, naming the line but never
 * a password.
 */
@ApplicationScoped
public class AccountBootstrap {

    private static final Logger LOG = Logger.getLogger(AccountBootstrap.class);

    /** One line of the file: who, and the password they start with. */
    public record Entry(String username, ConsoleRole role, String displayName, String password) {
    }

    private final SignInService signIn;
    private final ConsoleConfig config;

    public AccountBootstrap(SignInService signIn, ConsoleConfig config) {
        this.signIn = signIn;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        config.bootstrap().accountsFile().ifPresent(file -> {
            List<Entry> entries = read(Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file));
            List<String> created = new ArrayList<>();
            for (Entry entry : entries) {
                if (signIn.createAccountIfAbsent(entry.username(), entry.displayName(), entry.role(), entry.password())) {
                    created.add(entry.username() + " (" + entry.role().tokenRole() + ")");
                }
            }
            LOG.infof("Console accounts from %s: %d listed, created now: %s", file, entries.size(),
                    created.isEmpty() ? "none" : String.join(", ", created));
        });
    }

    /** {@code username:role:display name:password}, the password last so that it may hold a colon. */
    public static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("console.bootstrap.accounts-file: cannot read " + file, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", 4);
            String where = "console.bootstrap.accounts-file " + file + ", line " + (i + 1) + ": ";
            if (fields.length != 4) {
                throw new IllegalArgumentException(where + "expected username:role:display name:password");
            }
            ConsoleRole role;
            try {
                role = ConsoleRole.valueOf(fields[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "the role is agent, supervisor or admin");
            }
            Entry entry = new Entry(fields[0].strip(), role, fields[2].strip(), fields[3]);
            try {
                SignInService.checkAccount(entry.username(), entry.displayName(), entry.password());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
            entries.add(entry);
        }
        return entries;
    }
}
