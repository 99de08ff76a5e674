-- A delivery to an agent whose profile has not reached the directory yet (an assignment read before the
-- profile of a just-registered agent) waits for it: PENDING without an address, due (to be declared dead) when
-- the wait runs out. It keeps what it was rendered from, so the profile's language can be used once it comes.
ALTER TABLE delivery ADD COLUMN message_model TEXT;
CREATE INDEX delivery_awaiting_profile ON delivery (next_attempt_at) WHERE status = 'PENDING' AND address IS NULL;

-- Agents routing-service's directory removed (agent-removed), so that what is owed to them afterwards is dead at
-- once rather than waiting for a profile that will not come. A new profile (a registration anew) clears it. Only
-- the id: the contact data is deleted with the entry.
CREATE TABLE agent_removal (
    agent_id    VARCHAR(128) PRIMARY KEY,
    removed_at  TIMESTAMPTZ  NOT NULL
);
