package io.exdesk.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.notification.domain.ChatFormat;
import io.exdesk.notification.domain.Contact;
import io.exdesk.notification.domain.ContactKind;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.notification.domain.Rule;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Deliveries to an agent whose profile had not reached the directory when their event was planned (the agent
 * directory and the assignments are different topics, so a just-registered agent's first assignment can be read
 * first). They are recorded pending without an address ({@link DeliveryPlanner}), go out the moment the profile
 * is applied, rendered again in the profile's language, and are dead when the agent is removed instead, or when
 * {@code notification.delivery.profile-wait} runs out ({@link DeliveryStore}). The planner holds the agent's
 * directory entry while it records them, so a profile applied concurrently always finds them.
 */
@Singleton
public class AwaitedProfiles {

    private static final Logger LOG = Logger.getLogger(AwaitedProfiles.class);

    /** What a message is rendered from, kept while its delivery waits. */
    public record MessageModel(MessageRenderer.TicketFacts facts, Map<String, Object> details) {
    }

    private final MessageRenderer renderer;
    private final DeliverySignals signals;
    private final DeliveryMetrics metrics;
    private final ObjectMapper json;
    private final EntityManager em;
    private final Clock clock;

    public AwaitedProfiles(MessageRenderer renderer, DeliverySignals signals, DeliveryMetrics metrics, ObjectMapper json,
                           EntityManager em, Clock clock) {
        this.renderer = renderer;
        this.signals = signals;
        this.metrics = metrics;
        this.json = json;
        this.em = em;
        this.clock = clock;
    }

    String model(MessageRenderer.TicketFacts facts, Map<String, Object> details) {
        try {
            return json.writeValueAsString(new MessageModel(facts, details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The agent's profile was applied: what waited for it gets the profile's address, is rendered in the
     * profile's language and is due now; a channel the profile has no address for is dead, with the reason.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void profileArrived(Contact agent) {
        for (Delivery delivery : awaiting(agent.recipient())) {
            String address = delivery.channel == DeliveryChannel.EMAIL ? agent.email : agent.chatUrl;
            if (address == null) {
                dead(delivery, "agent " + agent.key.id + "'s profile has no "
                        + (delivery.channel == DeliveryChannel.EMAIL ? "e-mail address" : "chat webhook"));
                continue;
            }
            delivery.address = address;
            if (delivery.channel == DeliveryChannel.CHAT) {
                delivery.chatFormat = agent.chatFormat == null ? ChatFormat.SLACK : agent.chatFormat;
            }
            if (agent.language != null && delivery.messageModel != null) {
                MessageModel model = read(delivery.messageModel);
                MessageRenderer.Message message = renderer.render(rule(delivery.rule), agent.language, model.facts(),
                        model.details());
                delivery.language = message.language();
                delivery.subject = message.subject();
                delivery.bodyText = message.text();
                delivery.bodyHtml = delivery.channel == DeliveryChannel.EMAIL ? message.html() : null;
            }
            delivery.messageModel = null;
            delivery.lastError = null;
            delivery.nextAttemptAt = clock.instant();
            signals.wakeAfterCommit(delivery.channel);
        }
    }

    /** The directory removed the agent: what waited for their profile will not go. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void agentRemoved(String agentId) {
        for (Delivery delivery : awaiting(ContactKind.AGENT.recipient(agentId))) {
            dead(delivery, "agent " + agentId + " was removed from the agent directory before their profile came");
        }
    }

    @SuppressWarnings("unchecked")
    private List<Delivery> awaiting(String recipient) {
        return em.createNativeQuery("""
                        SELECT * FROM delivery WHERE status = 'PENDING' AND address IS NULL AND recipient = ?1
                        ORDER BY seq FOR UPDATE""", Delivery.class)
                .setParameter(1, recipient)
                .getResultList();
    }

    private void dead(Delivery delivery, String reason) {
        delivery.status = DeliveryStatus.DEAD;
        delivery.nextAttemptAt = null;
        delivery.messageModel = null;
        delivery.lastError = reason;
        metrics.dead(delivery.channel);
        LOG.warnf("Delivery %s (%s, ticket %s, %s to an agent) is dead before sending: no address; the delivery log "
                + "has the reason", delivery.id, delivery.rule, delivery.ticketId, delivery.channel);
    }

    private MessageModel read(String model) {
        try {
            return json.readValue(model, MessageModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Rule rule(String id) {
        return Arrays.stream(Rule.values()).filter(rule -> rule.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown rule " + id));
    }
}
