-- An admin can disable an account: it no longer signs in and its sessions end, but it stays (and its username
-- with it), so it can be enabled again.
ALTER TABLE console_account ADD COLUMN disabled_at TIMESTAMPTZ;
