package io.exdesk.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One owed message to one recipient on one channel, unique per (event, recipient, channel). The
 * message is rendered when the delivery is recorded, so a retry sends exactly what was owed.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(insertable = false, updatable = false)
    public long seq;
    public UUID eventId;
    public String eventType;
    public String rule;
    public UUID ticketId;
    public String ticketNumber;
    /** {@code agent:<id>}, {@code customer:<id>}, {@code channel:<name>}, or {@code supervisor-of:<team>} when none was found. */
    public String recipient;
    @Enumerated(EnumType.STRING)
    public DeliveryChannel channel;
    public String address;
    @Enumerated(EnumType.STRING)
    public ChatFormat chatFormat;
    public String language;
    public String subject;
    public String bodyText;
    public String bodyHtml;
    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant occurredAt;
    public Instant createdAt;
    public Instant sentAt;
    /**
     * What the message was rendered from (JSON: the ticket facts and the rule's details), kept only while the
     * delivery awaits its agent's profile, to render it again in the profile's language.
     */
    public String messageModel;
    /** For an agent's reply mailed to a customer: the Message-ID it answers ({@code In-Reply-To}), with brackets. */
    public String mailInReplyTo;
    /** For an agent's reply mailed to a customer: the thread's Message-IDs ({@code References}), space-separated. */
    public String mailReferences;
}
