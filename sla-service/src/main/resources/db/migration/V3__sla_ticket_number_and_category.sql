-- sla-service: warnings and breaches name the ticket by its number and category, so consumers need not
-- have seen ticket-created (another topic, not ordered with sla-events) before an SLA event.
-- Rows written before this migration stay NULL until a later fact carries the value (every ticket fact
-- has the number; priority-changed, ticket-assigned and ticket-queued the category). The database of
-- sla-service never had them, so there is nothing to backfill from here.
ALTER TABLE sla_ticket
    ADD COLUMN ticket_number TEXT,
    ADD COLUMN category      TEXT;
