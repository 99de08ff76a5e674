-- The record of customers' erasure requests: who asked, when, which tickets were erased (not what they
-- held), and each other service's confirmation that it erased its part. The customer appears only as the
-- keyed pseudonym that also replaced their id on the tickets.

CREATE TABLE customer_erasure (
    id                 UUID        PRIMARY KEY,
    customer_pseudonym TEXT        NOT NULL,             -- TicketErased.pseudonymOf(customer id, deployment key)
    requested_by       TEXT        NOT NULL,             -- the token subject of the request
    requested_at       TIMESTAMPTZ NOT NULL,
    ticket_ids         UUID[]      NOT NULL              -- the tickets this request erased; may be empty
);
CREATE INDEX customer_erasure_customer ON customer_erasure (customer_pseudonym, requested_at);

-- erasure-confirmed events, once each: a service's part of one ticket, or (ticket_id NULL) of the customer
-- beyond their tickets.
CREATE TABLE erasure_confirmation (
    erasure_id   UUID        NOT NULL REFERENCES customer_erasure (id),
    service      TEXT        NOT NULL,
    ticket_id    UUID,
    confirmed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT erasure_confirmation_once UNIQUE NULLS NOT DISTINCT (erasure_id, service, ticket_id)
);
