package io.exdesk.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies each bearer token once and reuses the result until the token expires.
 *
 * <p>An API client such as the exchange platform sends the same token with thousands of requests;
 * checking its RS256 signature and parsing its claims every time was the largest single cost of
 * creating a ticket. The cache key is the whole token, signature included, so a token that differs
 * in any byte is verified afresh; an entry is used only while the verifier itself would still accept
 * the token ({@code exp} plus the configured clock skew), and never when a maximum token age is
 * configured (that check depends on the time of each request). The map is bounded: when full, it is
 * cleared (a burst of distinct tokens just costs verifications).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache extends DefaultJWTCallerPrincipalFactory {

    static final int MAX_ENTRIES = 10_000;

    private final Map<String, JWTCallerPrincipal> verified = new ConcurrentHashMap<>();
    private final LongAdder verifications = new LongAdder();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal cached = verified.get(token);
        if (cached != null && stillAccepted(cached, authContextInfo)) {
            return cached;
        }
        verifications.increment();
        JWTCallerPrincipal principal = super.parse(token, authContextInfo); // throws if invalid: nothing cached
        if (authContextInfo.getTokenAge() == null) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, principal);
        }
        return principal;
    }

    /** Tokens verified with a signature check (not served from the cache) since start. */
    long verifications() {
        return verifications.sum();
    }

    private static boolean stillAccepted(JWTCallerPrincipal principal, JWTAuthContextInfo authContextInfo) {
        // exp is in whole seconds; the verifier accepts a token until exp plus the clock skew.
        return System.currentTimeMillis() / 1000 < principal.getExpirationTime() + authContextInfo.getClockSkew();
    }
}
