package io.exdesk.platform.erasure;

import io.exdesk.events.CustomerErased;
import io.exdesk.events.ErasureConfirmed;
import io.exdesk.events.TicketErased;
import io.exdesk.platform.outbox.OutboxWriter;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A consuming service's {@code erasure-confirmed}: written to the outbox in the transaction that erased
 * what the service held, so a confirmation exists if and only if that erasure was committed.
 * ticket-service collects them into the erasure's record.
 */
@Singleton
public class ErasureConfirmations {

    private final OutboxWriter outbox;
    private final Clock clock;
    private final String service;

    public ErasureConfirmations(OutboxWriter outbox, Clock clock,
                                @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.clock = clock;
        this.service = service;
    }

    /** Confirms that this service holds nothing more of the ticket's customer on that ticket. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirm(TicketErased erased) {
        if (erased.erasureId() == null) {
            return; // published before erasure requests had ids: there is no record to confirm to
        }
        outbox.append(new ErasureConfirmed(erased.customerId(), erased.erasureId(), erased.ticketId(), service,
                clock.instant()));
    }

    /** Confirms that this service holds nothing more of the customer beyond their tickets. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirm(CustomerErased erased) {
        outbox.append(new ErasureConfirmed(erased.customerId(), erased.erasureId(), null, service, clock.instant()));
    }
}
