-- Idempotency-Key records for creating POSTs (IETF httpapi draft semantics): the first response
-- of each (client, key), replayed to retries until it expires.
CREATE TABLE idempotency_key (
    client_id       TEXT        NOT NULL,                 -- the token subject: keys are per client
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,                 -- SHA-256 of the canonical request body
    state           TEXT        NOT NULL,                 -- IN_FLIGHT or COMPLETED
    response_status INT,
    response_body   TEXT,
    location        TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
