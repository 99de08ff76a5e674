package io.exdesk.notification.service;

import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.ContactKind;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the delivery log and gives dead deliveries another round of attempts. */
@Singleton
public class DeliveryLog {

    private final ContactDirectory directory;
    private final NotificationConfig config;
    private final DeliverySignals signals;
    private final Clock clock;

    public DeliveryLog(ContactDirectory directory, NotificationConfig config, DeliverySignals signals, Clock clock) {
        this.directory = directory;
        this.config = config;
        this.signals = signals;
        this.clock = clock;
    }

    /** Deliveries in the order they were recorded, after {@code afterSeq}; {@code limit + 1} to tell if more follow. */
    public List<Delivery> list(UUID ticketId, DeliveryStatus status, long afterSeq, int limit) {
        StringBuilder query = new StringBuilder("seq > :after");
        Map<String, Object> parameters = new HashMap<>(Map.of("after", afterSeq));
        if (ticketId != null) {
            query.append(" and ticketId = :ticket");
            parameters.put("ticket", ticketId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.put("status", status);
        }
        return Delivery.find(query + " order by seq", parameters).page(0, limit + 1).list();
    }

    /**
     * Puts a dead delivery back in line with a fresh attempt budget. A delivery that died for want of
     * an address looks the address up again, so fixing the contact and retrying is enough.
     */
    @Transactional
    public Delivery retry(UUID id) {
        Delivery delivery = Delivery.findById(id);
        if (delivery == null) {
            throw ProblemException.notFound("Delivery", id);
        }
        if (delivery.status != DeliveryStatus.DEAD) {
            throw ProblemException.conflict("Delivery " + id + " is " + delivery.status + "; only DEAD deliveries are retried");
        }
        if (delivery.bodyText == null) {
            throw ProblemException.conflict("Delivery " + id + " was erased; there is nothing left to send");
        }
        if (delivery.address == null) {
            delivery.address = currentAddress(delivery);
            if (delivery.address == null) {
                throw ProblemException.conflict("Delivery " + id + " still has no address for " + delivery.recipient
                        + ": fix the contact directory or the channel configuration first");
            }
        }
        delivery.status = DeliveryStatus.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = clock.instant();
        signals.wakeAfterCommit(delivery.channel);
        return delivery;
    }

    private String currentAddress(Delivery delivery) {
        String[] recipient = delivery.recipient.split(":", 2);
        boolean email = delivery.channel == DeliveryChannel.EMAIL;
        return switch (recipient[0]) {
            case "agent", "customer" -> directory.find(ContactKind.valueOf(recipient[0].toUpperCase()), recipient[1])
                    .map(contact -> {
                        if (!email) {
                            delivery.chatFormat = contact.chatFormat;
                        }
                        return email ? contact.email : contact.chatUrl;
                    })
                    .orElse(null);
            case "channel" -> email ? null : config.channels().get(recipient[1]) == null ? null
                    : config.channels().get(recipient[1]).url().orElse(null);
            default -> null; // e.g. supervisor-of:<team>: who that is was decided when the event came
        };
    }
}
