-- E-mail intake (MailIntake): every mail of a ticket's thread by its Message-ID (without the angle brackets).
-- IN: a customer's mail, inserted in the transaction of the ticket or reply it made, so a mail read again (a
-- crash before it was flagged seen, or another instance reading it at the same time) makes nothing twice.
-- OUT: a reply ExDesk sends (recorded with the agent's reply), so a customer's answer to it threads by
-- In-Reply-To / References.
CREATE TABLE mail_message (
    message_id  TEXT        PRIMARY KEY,
    ticket_id   UUID        NOT NULL REFERENCES ticket (id),
    direction   TEXT        NOT NULL CHECK (direction IN ('IN', 'OUT')),
    created_at  TIMESTAMPTZ NOT NULL
);

-- The customer's last mail of a ticket: what ExDesk's reply answers (In-Reply-To).
CREATE INDEX mail_message_thread ON mail_message (ticket_id, created_at);
