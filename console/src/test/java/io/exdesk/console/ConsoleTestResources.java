package io.exdesk.console;

import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestServers;
import java.util.HashMap;
import java.util.Map;

/**
 * The testkit's PostgreSQL for the console's own database, and the testkit's token key pair: the console signs
 * its service tokens with the private key the services of the tests verify with the public one.
 */
public class ConsoleTestResources extends ExDeskTestResources {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("console.token.signing-key-location", signingKey());
        // No service runs for these tests: port 1 refuses at once (the browser tests point at real ones).
        for (String service : new String[] {"ticket", "routing", "sla"}) {
            config.put("console.services." + service, "http://127.0.0.1:1");
        }
        return config;
    }

    public static String signingKey() {
        return TestServers.get().jwt().publicKeyFile().getParent().resolve("private.pem").toUri().toString();
    }
}
