-- ticket-service: the system of record for tickets.

CREATE SEQUENCE ticket_number_seq START WITH 100001;

CREATE TABLE ticket (
    id                        UUID PRIMARY KEY,
    number                    TEXT        NOT NULL UNIQUE,        -- EXD-100001, what people quote
    version                   BIGINT      NOT NULL,               -- +1 per change; ETag and event version
    status                    TEXT        NOT NULL,
    priority                  TEXT        NOT NULL,
    category                  TEXT        NOT NULL,
    channel                   TEXT        NOT NULL,
    customer_id               TEXT        NOT NULL,
    customer_tier             TEXT        NOT NULL,
    customer_language         TEXT        NOT NULL,
    contact_name              TEXT,                               -- personal data: erased on request
    contact_email             TEXT,
    contact_phone             TEXT,
    subject                   TEXT        NOT NULL,               -- after secret redaction
    description               TEXT        NOT NULL,               -- after secret redaction
    crypto_asset              TEXT,
    crypto_network            TEXT,
    crypto_tx_id              TEXT,
    crypto_amount             NUMERIC(38, 18),
    external_reference        TEXT,
    created_by                TEXT        NOT NULL,               -- the platform client that opened it
    assignee_id               TEXT,
    category_triaged          BOOLEAN     NOT NULL,               -- category chosen by auto-triage
    priority_triaged          BOOLEAN     NOT NULL,
    secrets_redacted          BOOLEAN     NOT NULL,
    expected_first_response_at TIMESTAMPTZ,
    first_responded_at        TIMESTAMPTZ,
    resolved_at               TIMESTAMPTZ,
    erased_at                 TIMESTAMPTZ,
    created_at                TIMESTAMPTZ NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL
);

-- Listing: newest first with (created_at, id) as the stable cursor, per visibility scope.
CREATE INDEX ticket_created ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_created_by ON ticket (created_by, created_at DESC, id DESC);
CREATE INDEX ticket_assignee ON ticket (assignee_id, created_at DESC, id DESC) WHERE assignee_id IS NOT NULL;
CREATE INDEX ticket_customer ON ticket (customer_id);

CREATE TABLE ticket_message (
    id          UUID PRIMARY KEY,
    ticket_id   UUID        NOT NULL REFERENCES ticket (id),
    author_type TEXT        NOT NULL,                             -- AGENT or CUSTOMER
    author_id   TEXT        NOT NULL,
    body        TEXT        NOT NULL,                             -- after secret redaction
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_message_ticket ON ticket_message (ticket_id, created_at);

-- The audit trail: who changed what, when. Erasure blanks personal values but keeps the rows.
CREATE TABLE ticket_history (
    id         BIGSERIAL PRIMARY KEY,
    ticket_id  UUID        NOT NULL REFERENCES ticket (id),
    version    BIGINT      NOT NULL,
    action     TEXT        NOT NULL,
    actor      TEXT        NOT NULL,
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, id);

-- SLA state as sla-service reports it (sla-events): one row per ticket and clock.
CREATE TABLE ticket_sla (
    ticket_id     UUID        NOT NULL REFERENCES ticket (id),
    clock         TEXT        NOT NULL,
    due_at        TIMESTAMPTZ,
    state         TEXT        NOT NULL,                           -- RUNNING, PAUSED, BREACHED, MET
    warning_level INT         NOT NULL DEFAULT 0,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, clock)
);

-- The targets sla-service publishes on the compacted sla-policies topic. Seeded with the defaults
-- of the design brief so the expected response time is known before the first policy arrives.
CREATE TABLE sla_policy_view (
    priority               TEXT NOT NULL,
    customer_tier          TEXT NOT NULL,
    policy_version         INT  NOT NULL,
    first_response_seconds BIGINT NOT NULL,
    resolution_seconds     BIGINT NOT NULL,
    PRIMARY KEY (priority, customer_tier)
);
INSERT INTO sla_policy_view VALUES
    ('URGENT', 'STANDARD', 0,   300,   3600), ('URGENT', 'VIP', 0,   150,   1800),
    ('HIGH',   'STANDARD', 0,   900,  14400), ('HIGH',   'VIP', 0,   450,   7200),
    ('NORMAL', 'STANDARD', 0,  1800,  86400), ('NORMAL', 'VIP', 0,   900,  43200),
    ('LOW',    'STANDARD', 0, 14400, 259200), ('LOW',    'VIP', 0,  7200, 129600);
