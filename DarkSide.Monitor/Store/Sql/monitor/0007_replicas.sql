-- What several replicas must share: one data-protection key ring (cookies, antiforgery tokens and stored refresh
-- tokens open on every instance), and each session's refresh token and "access changed" flag.
CREATE TABLE {monitor}.data_protection_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text,
    xml text NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now()
);
-- Protected with the key ring: a copy of this table alone does not redeem anything at IAM.
ALTER TABLE {monitor}.sessions ADD COLUMN refresh_token text;
ALTER TABLE {monitor}.sessions ADD COLUMN access_changed boolean NOT NULL DEFAULT false;
-- Sign-in tickets (claims and IAM's tokens) stay on the server; the cookie carries only a key. With the tokens in
-- it the cookie passed 8 KB, more than a proxy such as ingress-nginx accepts in a request header by default.
CREATE TABLE {monitor}.session_tickets (
    key text PRIMARY KEY,
    ticket bytea NOT NULL,
    expires_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_tickets_expires_idx ON {monitor}.session_tickets (expires_at);
