-- routing-service is the one place an agent is registered: how to reach them lives with the rest of the
-- agent and travels to notification-service as agent-profile events (topic agent-profiles).
ALTER TABLE agent ADD COLUMN email       TEXT;
ALTER TABLE agent ADD COLUMN chat_url    TEXT;
ALTER TABLE agent ADD COLUMN chat_format TEXT;   -- SLACK or SIGNED; NULL without chat_url
