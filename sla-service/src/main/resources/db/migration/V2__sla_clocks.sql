-- sla-service: durable SLA clocks. Every pending timer is a row with next_fire_at, so a restart
-- restores nothing: the timer loop simply finds what is due, and instances share rows with
-- FOR UPDATE SKIP LOCKED.

-- What sla-service knows of each ticket (from ticket-events and assignment-events).
CREATE TABLE sla_ticket (
    ticket_id     UUID PRIMARY KEY,
    version       BIGINT NOT NULL,          -- last ticket version applied: older facts are ignored
    priority      TEXT   NOT NULL,
    customer_tier TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    assignee_id   TEXT
);

CREATE TABLE sla_clock (
    ticket_id          UUID             NOT NULL,
    clock              TEXT             NOT NULL,              -- FIRST_RESPONSE or RESOLUTION
    state              TEXT             NOT NULL,              -- RUNNING, PAUSED, MET, BREACHED_STOPPED, STOPPED
    policy_version     INT              NOT NULL,
    target_seconds     BIGINT           NOT NULL,              -- in calendar time
    warning_fractions  DOUBLE PRECISION[] NOT NULL,
    calendar           TEXT             NOT NULL,              -- CalendarSpec JSON at (re)computation
    consumed_millis    BIGINT           NOT NULL,              -- calendar time used before segment_start
    segment_start      TIMESTAMPTZ,                            -- when the current running stretch began
    due_at             TIMESTAMPTZ,
    warnings_emitted   INT              NOT NULL DEFAULT 0,
    breached           BOOLEAN          NOT NULL DEFAULT FALSE,
    next_fire_at       TIMESTAMPTZ,                            -- next warning or breach; NULL when nothing is pending
    started_at         TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (ticket_id, clock)
);

CREATE INDEX sla_clock_next_fire ON sla_clock (next_fire_at) WHERE next_fire_at IS NOT NULL;
