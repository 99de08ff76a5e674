package io.exdesk.notification.domain;

import io.exdesk.notification.domain.ChatFormat;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * How to reach an agent or a customer: only what sending needs. Agents' entries are copies of routing-service's
 * directory (agent-profile events); customers' are kept here.
 */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @EmbeddedId
    public ContactId key;
    public String name;
    public String email;
    public String language;
    public String team;
    public boolean supervisor;
    public String chatUrl;
    @Enumerated(EnumType.STRING)
    public ChatFormat chatFormat;
    public Instant updatedAt;
    /** A customer's pseudonym, under which an erasure names them; null for agents. */
    public String customerPseudonym;
    /** The version of the agent's profile this entry holds; null for customers and for agents without one yet. */
    public Long profileVersion;

    public String recipient() {
        return key.kind.recipient(key.id);
    }
}
