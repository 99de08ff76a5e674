-- Callbacks to the exchange platform: a subscription names a URL and the callback types a platform
-- client wants; its deliveries are ordinary delivery rows on the CALLBACK channel (recipient
-- 'subscription:<id>'), so they share the engine's leases, retries, dead letters and log.
CREATE TABLE callback_subscription (
    id                          UUID          PRIMARY KEY,
    client_id                   VARCHAR(200)  NOT NULL,     -- the token subject that owns it
    url                         VARCHAR(2000) NOT NULL,
    event_types                 VARCHAR(200)  NOT NULL,     -- comma-separated callback types
    -- Signing secrets, AES-256-GCM encrypted (nonce || ciphertext, the subscription id as associated data)
    -- under a key derived from the webhook signing secret: they must be readable to sign, so not hashed.
    secret                      BYTEA         NOT NULL,
    previous_secret             BYTEA,                      -- still signed with during a rotation
    previous_secret_expires_at  TIMESTAMPTZ,
    created_at                  TIMESTAMPTZ   NOT NULL,
    updated_at                  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX callback_subscription_client ON callback_subscription (client_id, created_at);

-- Per (subscription, ticket) order: only the oldest pending callback of a ticket may be claimed.
CREATE INDEX delivery_callback_pending ON delivery (recipient, ticket_id, seq)
    WHERE status = 'PENDING' AND channel = 'CALLBACK';
-- A subscription's delivery log and replay.
CREATE INDEX delivery_callback_log ON delivery (recipient, created_at) WHERE channel = 'CALLBACK';
