-- console: local accounts and their sessions. The console keeps no ticket data: everything else it shows
-- comes from the services' APIs at the moment a page is rendered.

CREATE TABLE console_account (
    username        TEXT        PRIMARY KEY,          -- an agent's id in routing-service, for agents
    display_name    TEXT        NOT NULL,
    role            TEXT        NOT NULL CHECK (role IN ('AGENT', 'SUPERVISOR', 'ADMIN')),
    password_hash   TEXT        NOT NULL,             -- bcrypt, modular crypt format ($2a$…)
    failed_attempts INT         NOT NULL DEFAULT 0,   -- failed sign-ins in a row
    locked_until    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);

-- Only a SHA-256 of the cookie's value is stored: a copy of this table opens no session.
CREATE TABLE console_session (
    id_hash      TEXT        PRIMARY KEY,
    username     TEXT        NOT NULL REFERENCES console_account (username) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX console_session_username ON console_session (username);
