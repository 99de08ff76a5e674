-- Customer satisfaction (CSAT): the customer's rating of a resolved or closed ticket, once per ticket, and the
-- assignee's tier that ratings are grouped by.

-- The assignee's tier as the last ticket-assigned said; null while unassigned and for tickets assigned before
-- this column existed (their ratings count under agent tier UNKNOWN).
ALTER TABLE ticket ADD COLUMN assignee_tier TEXT;

CREATE TABLE ticket_csat (
    ticket_id        UUID        PRIMARY KEY REFERENCES ticket (id),   -- one rating per ticket
    rating           SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment          TEXT,                          -- customer text after secret redaction; erased with the ticket
    secrets_redacted BOOLEAN     NOT NULL,          -- intake replaced secrets in the comment
    -- The ticket as it was rated, so reports and the metric group a rating the same way for good.
    category         TEXT        NOT NULL,
    priority         TEXT        NOT NULL,
    customer_tier    TEXT        NOT NULL,
    agent_id         TEXT,                          -- null: never assigned
    agent_tier       TEXT,                          -- null: never assigned, or the tier was not known
    submitted_by     TEXT        NOT NULL,          -- the platform client
    submitted_at     TIMESTAMPTZ NOT NULL
);
-- The supervisor's day: ratings since an instant, and the latest low ones.
CREATE INDEX ticket_csat_submitted ON ticket_csat (submitted_at DESC, ticket_id);
CREATE INDEX ticket_csat_low ON ticket_csat (submitted_at DESC, ticket_id) WHERE rating <= 2;
