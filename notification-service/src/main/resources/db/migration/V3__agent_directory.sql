-- Agents' contacts come from routing-service's directory (agent-profile events): the version of the profile a
-- contact holds, so an older profile is ignored. NULL: no profile yet (an entry learned from an assignment, or
-- saved through the agent-contact API this service had before the directory).
ALTER TABLE contact ADD COLUMN profile_version BIGINT;
