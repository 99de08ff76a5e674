-- sla-service: SLA policies, one row per version of each (priority, customer tier) policy.
-- The highest version is in force; older ones stay as the record of what applied when.
CREATE TABLE sla_policy (
    priority               TEXT             NOT NULL,
    customer_tier          TEXT             NOT NULL,
    version                INT              NOT NULL,
    first_response_seconds BIGINT           NOT NULL CHECK (first_response_seconds > 0),
    resolution_seconds     BIGINT           NOT NULL CHECK (resolution_seconds > 0),
    warning_fractions      DOUBLE PRECISION[] NOT NULL,
    calendar               TEXT             NOT NULL,          -- CalendarSpec as JSON
    created_at             TIMESTAMPTZ      NOT NULL,
    created_by             TEXT             NOT NULL,
    PRIMARY KEY (priority, customer_tier, version)
);
