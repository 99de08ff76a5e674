package io.exdesk.platform.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link RateLimiter} to {@link RateLimited} methods, keyed by the caller's identity. */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class RateLimitInterceptor {

    @Inject
    RateLimiter limiter;
    @Inject
    SecurityIdentity identity;

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        limiter.acquire(identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
        return invocation.proceed();
    }
}
