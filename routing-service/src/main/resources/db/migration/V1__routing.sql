-- routing-service: agents and the routing state of every ticket it has seen.
-- All routing decisions are serialised by one transaction-scoped advisory lock (RoutingLock), so the
-- counters below change one decision at a time across threads and instances. The constraints are
-- the last line of defence: no agent over capacity, no ticket with two holders.

CREATE TABLE agent (
    id               TEXT        PRIMARY KEY,          -- the agent's JWT subject
    name             TEXT        NOT NULL,
    tier             TEXT        NOT NULL,             -- L1, L2, SUPERVISOR
    tier_rank        INT         GENERATED ALWAYS AS (CASE tier WHEN 'L1' THEN 1 WHEN 'L2' THEN 2 ELSE 3 END) STORED,
    team             TEXT,
    skills           TEXT[]      NOT NULL,             -- categories
    languages        TEXT[]      NOT NULL,             -- lower-case BCP 47 tags
    capacity         INT         NOT NULL CHECK (capacity >= 0),
    vip_capable      BOOLEAN     NOT NULL,
    status           TEXT        NOT NULL,             -- ONLINE, AWAY, OFFLINE
    shift            TEXT,                             -- ShiftSchedule as JSON; NULL: status set by hand only
    on_shift         BOOLEAN,                          -- the shift as last evaluated, so only its edges change status
    open_tickets     INT         NOT NULL DEFAULT 0,
    last_assigned_at TIMESTAMPTZ,                      -- NULL: never assigned, i.e. idle longest
    version          BIGINT      NOT NULL,             -- ETag: changes on API updates, not on assignments
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT agent_within_capacity CHECK (open_tickets >= 0 AND open_tickets <= capacity)
);

CREATE TABLE routed_ticket (
    ticket_id         UUID        PRIMARY KEY,         -- one row per ticket: at most one holder
    ticket_number     TEXT        NOT NULL,
    version           BIGINT      NOT NULL,            -- last ticket version applied: older facts are ignored
    priority          TEXT        NOT NULL,
    priority_rank     INT         NOT NULL,            -- 0 = URGENT ... 3 = LOW: the queue order
    category          TEXT        NOT NULL,
    language          TEXT        NOT NULL,
    customer_tier     TEXT        NOT NULL,
    ticket_status     TEXT        NOT NULL,
    state             TEXT        NOT NULL,            -- QUEUED, ASSIGNED, DONE
    assignee_id       TEXT        REFERENCES agent (id),
    assigned_at       TIMESTAMPTZ,
    escalated_clocks  TEXT[]      NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ NOT NULL,            -- the ticket's createdAt: queue age
    occurred_at       TIMESTAMPTZ NOT NULL,            -- ticket-created occurredAt: assignment latency
    -- ASSIGNED has a holder, QUEUED has none; DONE keeps the last holder, if any.
    CONSTRAINT routed_ticket_holder CHECK (state IN ('QUEUED', 'ASSIGNED', 'DONE')
                                           AND (state <> 'ASSIGNED' OR assignee_id IS NOT NULL)
                                           AND (state <> 'QUEUED' OR assignee_id IS NULL))
);

CREATE INDEX routed_ticket_queue ON routed_ticket (priority_rank, created_at, ticket_id) WHERE state = 'QUEUED';
CREATE INDEX routed_ticket_inbox ON routed_ticket (assignee_id, assigned_at DESC, ticket_id) WHERE state = 'ASSIGNED';
