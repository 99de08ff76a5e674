package io.exdesk.console;

import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The testkit's PostgreSQL for the console's own database, and the testkit's token key pair: the console signs
 * its service tokens with the private key the services of the tests verify with the public one. An accounts
 * file creates {@link #BOOTSTRAP_ADMIN} at start-up, as a deployment creates its first admin.
 */
public class ConsoleTestResources extends ExDeskTestResources {

    public static final String BOOTSTRAP_ADMIN = "boot.admin";
    public static final String BOOTSTRAP_PASSWORD = "bootstrap: pass:word";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("console.token.signing-key-location", signingKey());
        // No service runs for these tests: port 1 refuses at once (the browser tests point at real ones).
        for (String service : new String[] {"ticket", "routing", "sla"}) {
            config.put("console.services." + service, "http://127.0.0.1:1");
        }
        config.put("console.bootstrap.accounts-file", accountsFile().toString());
        return config;
    }

    public static String signingKey() {
        return TestServers.get().jwt().privateKeyFile().toUri().toString();
    }

    private static Path accountsFile() {
        Path file = Path.of("target", "console-accounts").toAbsolutePath();
        try {
            Files.writeString(file, "# username:role:display name:password\n\n"
                    + BOOTSTRAP_ADMIN + ":admin:Boot Admin:" + BOOTSTRAP_PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
