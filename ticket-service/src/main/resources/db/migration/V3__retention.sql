-- Retention of closed tickets (TicketRetention): when a ticket was closed, when retention erased its contact
-- data, and a record of every run.

ALTER TABLE ticket ADD COLUMN closed_at TIMESTAMPTZ;               -- set when the ticket moves to CLOSED (final)
ALTER TABLE ticket ADD COLUMN contact_erased_at TIMESTAMPTZ;       -- contact data erased by retention

-- Tickets closed before this column existed: their closing is in the audit trail.
UPDATE ticket t SET closed_at = h.at
FROM (SELECT ticket_id, max(at) AS at FROM ticket_history
      WHERE action = 'STATUS_CHANGED' AND new_value = 'CLOSED' GROUP BY ticket_id) h
WHERE t.id = h.ticket_id AND t.status = 'CLOSED';
UPDATE ticket SET closed_at = updated_at WHERE status = 'CLOSED' AND closed_at IS NULL;

-- What retention still has to do: closed tickets whose personal data is not erased yet, oldest closing first.
CREATE INDEX ticket_retention ON ticket (closed_at) WHERE closed_at IS NOT NULL AND erased_at IS NULL;

-- One row per run of the retention job (per instance): when, the cutoffs it applied and how many tickets it
-- changed. Never which tickets or whose: the tickets' own history says what happened to each.
CREATE TABLE retention_run (
    id                   UUID        PRIMARY KEY,
    started_at           TIMESTAMPTZ NOT NULL,
    finished_at          TIMESTAMPTZ NOT NULL,
    contact_cutoff       TIMESTAMPTZ NOT NULL,               -- contact data of tickets closed before this went
    ticket_cutoff        TIMESTAMPTZ NOT NULL,               -- tickets closed before this were anonymised
    contact_data_erased  INT         NOT NULL,
    tickets_anonymised   INT         NOT NULL
);
CREATE INDEX retention_run_started ON retention_run (started_at DESC, id DESC);
