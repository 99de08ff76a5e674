CREATE TABLE demo_ticket (id UUID PRIMARY KEY, subject TEXT NOT NULL);
CREATE TABLE demo_applied (event_id UUID NOT NULL, ticket_id UUID NOT NULL);
