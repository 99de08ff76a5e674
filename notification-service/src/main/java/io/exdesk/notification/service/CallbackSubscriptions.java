package io.exdesk.notification.service;

import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.CallbackSubscription;
import io.exdesk.notification.domain.CallbackType;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.platform.problem.Problem;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The platform's callback subscriptions: create, change, rotate the secret, delete; the subscription's
 * delivery log and its replay. A {@code platform} client sees only the subscriptions it created (token
 * subject); an {@code admin} sees all. Bad input is refused before anything is written.
 */
@Singleton
public class CallbackSubscriptions {

    /** What signing a callback needs: where to send and every secret that signs now (the newest first). */
    public record Endpoint(String url, List<String> secrets) {
    }

    /** A subscription and its secret in clear, which the client sees this once. */
    public record WithSecret(CallbackSubscription subscription, String secret) {
    }

    static final Duration MAX_ROTATION_OVERLAP = Duration.ofDays(7);
    private static final int MAX_URL_LENGTH = 2000;
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private final CallbackSecrets secrets;
    private final DeliverySignals signals;
    private final EntityManager em;
    private final Clock clock;
    private final NotificationConfig.Callbacks config;

    public CallbackSubscriptions(CallbackSecrets secrets, DeliverySignals signals, EntityManager em, Clock clock,
                                 NotificationConfig config) {
        this.secrets = secrets;
        this.signals = signals;
        this.em = em;
        this.clock = clock;
        this.config = config.callbacks();
    }

    @Transactional
    public WithSecret create(Caller caller, String url, List<String> eventTypes) {
        Set<CallbackType> types = validate(url, eventTypes);
        refuseSecondFor(caller.id(), url, null);
        long held = CallbackSubscription.count("clientId", caller.id());
        if (held >= config.maxPerClient()) {
            throw ProblemException.conflict("Client " + caller.id() + " already has " + held
                    + " callback subscriptions, the most allowed; delete one first");
        }
        Instant now = clock.instant();
        CallbackSubscription subscription = new CallbackSubscription();
        subscription.id = UUID.randomUUID();
        subscription.clientId = caller.id();
        subscription.url = url;
        subscription.types(types);
        String secret = secrets.generate();
        subscription.secret = secrets.encrypt(subscription.id, secret);
        subscription.createdAt = now;
        subscription.updatedAt = now;
        subscription.persist();
        return new WithSecret(subscription, secret);
    }

    public List<CallbackSubscription> list(Caller caller) {
        return caller.hasRole(Roles.ADMIN) ? CallbackSubscription.list("order by createdAt, id")
                : CallbackSubscription.list("clientId = ?1 order by createdAt, id", caller.id());
    }

    public CallbackSubscription get(Caller caller, UUID id) {
        CallbackSubscription subscription = CallbackSubscription.findById(id);
        // Another client's subscription is as unknown as a missing one.
        if (subscription == null || !caller.hasRole(Roles.ADMIN) && !subscription.clientId.equals(caller.id())) {
            throw ProblemException.notFound("Callback subscription", id);
        }
        return subscription;
    }

    /** A new URL or set of types; callbacks already owed go to the new URL, and the types apply to later events. */
    @Transactional
    public CallbackSubscription update(Caller caller, UUID id, String url, List<String> eventTypes) {
        Set<CallbackType> types = validate(url, eventTypes);
        CallbackSubscription subscription = get(caller, id);
        refuseSecondFor(subscription.clientId, url, id);
        subscription.url = url;
        subscription.types(types);
        subscription.updatedAt = clock.instant();
        return subscription;
    }

    /** Deletes it; what it was still owed is dead-lettered visibly ("subscription deleted"). */
    @Transactional
    public void delete(Caller caller, UUID id) {
        CallbackSubscription subscription = get(caller, id);
        em.createNativeQuery("""
                        UPDATE delivery SET status = 'DEAD', next_attempt_at = NULL, last_error = 'subscription deleted'
                        WHERE recipient = ?1 AND channel = 'CALLBACK' AND status = 'PENDING'""")
                .setParameter(1, subscription.recipient())
                .executeUpdate();
        subscription.delete();
    }

    /**
     * A new secret, shown once; the current one keeps signing next to it for {@code overlap} (default
     * {@code notification.callbacks.rotation-overlap}), so the receiver can switch without losing a call.
     */
    @Transactional
    public WithSecret rotate(Caller caller, UUID id, Duration overlap) {
        Duration keep = overlap == null ? config.rotationOverlap() : overlap;
        if (keep.isNegative() || keep.compareTo(MAX_ROTATION_OVERLAP) > 0) {
            throw ProblemException.invalid("previousValidFor", "must be between PT0S and " + MAX_ROTATION_OVERLAP);
        }
        CallbackSubscription subscription = get(caller, id);
        Instant now = clock.instant();
        String secret = secrets.generate();
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretExpiresAt = now.plus(keep);
        subscription.secret = secrets.encrypt(subscription.id, secret);
        subscription.updatedAt = now;
        return new WithSecret(subscription, secret);
    }

    /** Ends a rotation now: only the newest secret signs from here on. */
    @Transactional
    public CallbackSubscription retirePreviousSecret(Caller caller, UUID id) {
        CallbackSubscription subscription = get(caller, id);
        subscription.previousSecret = null;
        subscription.previousSecretExpiresAt = null;
        subscription.updatedAt = clock.instant();
        return subscription;
    }

    /**
     * Sends again every callback recorded for the subscription at or after {@code since} that is sent or
     * dead, under its original {@code ce-id}, in order per ticket, with a fresh attempt budget. Returns
     * how many.
     */
    @Transactional
    public int replay(Caller caller, UUID id, Instant since) {
        CallbackSubscription subscription = get(caller, id);
        if (since.isAfter(clock.instant())) {
            throw ProblemException.invalid("since", "is in the future");
        }
        int replayed = em.createNativeQuery("""
                        UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?3, last_error = NULL
                        WHERE recipient = ?1 AND channel = 'CALLBACK' AND status <> 'PENDING' AND created_at >= ?2""")
                .setParameter(1, subscription.recipient())
                .setParameter(2, Timestamp.from(since))
                .setParameter(3, Timestamp.from(clock.instant()))
                .executeUpdate();
        if (replayed > 0) {
            signals.wakeAfterCommit(DeliveryChannel.CALLBACK);
        }
        return replayed;
    }

    /** The subscription's callbacks in recorded order, after {@code afterSeq}; {@code limit + 1} to tell if more follow. */
    public List<Delivery> deliveries(Caller caller, UUID id, Instant since, DeliveryStatus status, long afterSeq, int limit) {
        CallbackSubscription subscription = get(caller, id);
        StringBuilder query = new StringBuilder("recipient = :recipient and channel = :channel and seq > :after");
        Map<String, Object> parameters = new HashMap<>(Map.of("recipient", subscription.recipient(),
                "channel", DeliveryChannel.CALLBACK, "after", afterSeq));
        if (since != null) {
            query.append(" and createdAt >= :since");
            parameters.put("since", since);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.put("status", status);
        }
        return Delivery.find(query + " order by seq", parameters).page(0, limit + 1).list();
    }

    /** The subscriptions that want a type (few: a handful per platform client). */
    public List<CallbackSubscription> subscribedTo(CallbackType type) {
        return CallbackSubscription.list("',' || eventTypes || ',' like ?1", "%," + type.typeName() + ",%");
    }

    /** Where and with which secrets to send now; null if the subscription was deleted. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Endpoint endpoint(UUID id) {
        CallbackSubscription subscription = CallbackSubscription.findById(id);
        if (subscription == null) {
            return null;
        }
        List<String> signing = new ArrayList<>(2);
        signing.add(secrets.decrypt(id, subscription.secret));
        if (subscription.previousSecret != null && subscription.previousSecretExpiresAt != null
                && subscription.previousSecretExpiresAt.isAfter(clock.instant())) {
            signing.add(secrets.decrypt(id, subscription.previousSecret));
        }
        return new Endpoint(subscription.url, signing);
    }

    /** One subscription per client and URL, so that a retried create cannot double every callback. */
    private static void refuseSecondFor(String clientId, String url, UUID except) {
        CallbackSubscription existing = CallbackSubscription.find("clientId = ?1 and url = ?2", clientId, url).firstResult();
        if (existing != null && !existing.id.equals(except)) {
            throw ProblemException.conflict("Callback subscription " + existing.id + " already calls " + url
                    + "; change that one, or rotate its secret if the answer that created it was lost");
        }
    }

    private Set<CallbackType> validate(String url, List<String> eventTypes) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            errors.add(new Problem.FieldError("url", urlProblem));
        }
        Set<CallbackType> types = EnumSet.noneOf(CallbackType.class);
        if (eventTypes == null || eventTypes.isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "must list at least one of " + CallbackType.names()));
        } else {
            for (int i = 0; i < eventTypes.size(); i++) {
                CallbackType type = CallbackType.find(eventTypes.get(i));
                if (type == null) {
                    errors.add(new Problem.FieldError("eventTypes[" + i + "]", "is not one of " + CallbackType.names()));
                } else {
                    types.add(type);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s"), errors);
        }
        return types;
    }

    /**
     * An absolute https URL without credentials or fragment, not to a loopback, link-local or private
     * address (callbacks must not reach into the cluster). Where {@code allow-http-loopback} is set
     * (dev, tests, local run), also http to loopback.
     */
    private String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > MAX_URL_LENGTH) {
            return "is longer than " + MAX_URL_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !scheme.equals("https") && !scheme.equals("http")) {
            return "must be an absolute https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        boolean internal = internalHost(uri.getHost());
        if (config.allowHttpLoopback() && loopback(uri.getHost())) {
            return null;
        }
        if (!scheme.equals("https")) {
            return "must use https";
        }
        return internal ? "must not point at a loopback, link-local or private address" : null;
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") && IPV4.matcher(h).matches() || h.equals("[::1]");
    }

    private static boolean internalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!IPV4.matcher(h).matches() && !h.startsWith("[")) {
            return false; // a name: not resolved here (resolution may change); the network policy is the real guard
        }
        try {
            InetAddress address = InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
            return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
