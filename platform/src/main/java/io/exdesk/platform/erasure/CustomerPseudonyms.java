package io.exdesk.platform.erasure;

import io.exdesk.events.TicketErased;
import io.exdesk.platform.config.PlatformConfig;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Erased customers' pseudonyms under this deployment's secret key, {@code exdesk.erasure.pseudonym-key}
 * (derived by {@link TicketErased#pseudonymOf}). Only the services that must recognise an erased customer
 * by their id hold the key: ticket-service, which erases and records by pseudonym, and notification-service,
 * which keeps customers' contacts. Each creates this at startup, so a missing or short key stops the service
 * there, naming the variable to set. No profile of a packaged service has a default; dev mode and the tests
 * have their own, the local run passes one. Routing and SLA never use it and need no key.
 */
@Singleton
public class CustomerPseudonyms {

    public static final String KEY_PROPERTY = "exdesk.erasure.pseudonym-key";
    public static final String VARIABLE = "EXDESK_ERASURE_PSEUDONYM_KEY";
    private static final int MIN_KEY_BYTES = 32;

    private final byte[] key;

    public CustomerPseudonyms(PlatformConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        byte[] bytes = config.erasure().pseudonymKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(service + " cannot start: " + VARIABLE + " (" + KEY_PROPERTY + ") is "
                    + (bytes.length == 0 ? "not set" : "shorter than " + MIN_KEY_BYTES + " bytes") + ". Set it to a"
                    + " secret of at least " + MIN_KEY_BYTES + " random bytes, e.g. the output of `openssl rand -base64 32`,"
                    + " the same for ticket-service and notification-service, and keep it: erased customers' pseudonyms"
                    + " are derived from it (docs/api.md, erasure).");
        }
        this.key = bytes;
    }

    /** The pseudonym of this customer id. */
    public String of(String customerId) {
        return TicketErased.pseudonymOf(customerId, key);
    }
}
