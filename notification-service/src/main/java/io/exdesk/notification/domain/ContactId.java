package io.exdesk.notification.domain;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;
import java.util.Objects;

/** Agents and customers have separate id spaces, so the kind is part of the key. */
@Embeddable
public class ContactId implements Serializable {

    @Enumerated(EnumType.STRING)
    public ContactKind kind;
    public String id;

    protected ContactId() {
    }

    public ContactId(ContactKind kind, String id) {
        this.kind = kind;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContactId other && kind == other.kind && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id);
    }
}
