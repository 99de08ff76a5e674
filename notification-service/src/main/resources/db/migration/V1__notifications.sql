-- The contact directory: only what is needed to reach a person (routing-service owns agents).
CREATE TABLE contact (
    kind          VARCHAR(16)  NOT NULL,          -- AGENT or CUSTOMER
    id            VARCHAR(128) NOT NULL,          -- the agent id, or the exchange's customer id
    name          VARCHAR(200),
    email         VARCHAR(320),
    language      VARCHAR(35),
    team          VARCHAR(100),
    supervisor    BOOLEAN      NOT NULL DEFAULT FALSE,
    chat_url      VARCHAR(2000),
    chat_format   VARCHAR(16),
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX contact_team_supervisor ON contact (team) WHERE supervisor;

-- What the service knows about a ticket to write a message: number, priority, category, due times.
CREATE TABLE notified_ticket (
    ticket_id            UUID         PRIMARY KEY,
    ticket_number        VARCHAR(64),
    priority             VARCHAR(16),
    category             VARCHAR(32),
    language             VARCHAR(35),
    customer_id          VARCHAR(128),
    assignee_id          VARCHAR(128),
    team                 VARCHAR(100),
    first_response_due   TIMESTAMPTZ,
    resolution_due       TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ  NOT NULL
);

-- Every owed delivery, recorded in the transaction that marks its event processed, then attempted
-- by the worker of its channel. next_attempt_at doubles as the lease of a claimed delivery.
CREATE TABLE delivery (
    id               UUID          PRIMARY KEY,
    seq              BIGSERIAL     NOT NULL UNIQUE,
    event_id         UUID          NOT NULL,
    event_type       VARCHAR(32)   NOT NULL,
    rule             VARCHAR(32)   NOT NULL,
    ticket_id        UUID          NOT NULL,
    ticket_number    VARCHAR(64)   NOT NULL,
    recipient        VARCHAR(200)  NOT NULL,
    channel          VARCHAR(8)    NOT NULL,      -- EMAIL or CHAT
    address          VARCHAR(2000),
    chat_format      VARCHAR(16),
    language         VARCHAR(35)   NOT NULL,
    subject          TEXT,
    body_text        TEXT,
    body_html        TEXT,
    status           VARCHAR(8)    NOT NULL,      -- PENDING, SENT or DEAD
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    last_error       VARCHAR(2000),
    occurred_at      TIMESTAMPTZ   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    sent_at          TIMESTAMPTZ,
    CONSTRAINT delivery_once UNIQUE (event_id, recipient, channel)
);
CREATE INDEX delivery_due ON delivery (channel, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_ticket ON delivery (ticket_id, seq);
CREATE INDEX delivery_dead ON delivery (seq) WHERE status = 'DEAD';
