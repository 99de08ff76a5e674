-- One subscription per (client, URL): a create retried after its answer was lost is a 409 naming the
-- existing subscription rather than a second subscription that doubles every callback.
CREATE UNIQUE INDEX callback_subscription_client_url ON callback_subscription (client_id, url);
