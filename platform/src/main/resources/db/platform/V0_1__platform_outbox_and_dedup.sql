-- Shared by every service (platform module): the transactional outbox and the idempotent-consumer
-- ledger. Versioned below 1 so that each service's own migrations start at V1.

CREATE TABLE outbox_event (
    seq          BIGSERIAL PRIMARY KEY,           -- publication order
    event_id     UUID        NOT NULL UNIQUE,      -- ce_id, the consumers' deduplication key
    topic        TEXT        NOT NULL,
    event_key    TEXT        NOT NULL,             -- Kafka key and ce_subject: the ticket id
    event_type   TEXT        NOT NULL,             -- ce_type
    payload      TEXT        NOT NULL,             -- the JSON exactly as published
    occurred_at  TIMESTAMPTZ NOT NULL,             -- ce_time
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    attempts     INT         NOT NULL DEFAULT 0,
    last_error   TEXT
);

-- The relay only ever looks at what is not yet published; keep that lookup small.
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
