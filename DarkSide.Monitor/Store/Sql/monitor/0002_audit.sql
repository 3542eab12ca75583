-- Who saw blind data unredacted, and who was turned away: one row per event, kept in the monitor's own schema.
CREATE TABLE {monitor}.audit_events (
    id bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    user_name text NOT NULL,
    subject text,
    action text NOT NULL,
    target text NOT NULL,
    detail text,
    remote_address text
);
CREATE INDEX audit_events_occurred_idx ON {monitor}.audit_events (occurred_at DESC, id DESC);
CREATE INDEX audit_events_user_idx ON {monitor}.audit_events (user_name, occurred_at DESC);
CREATE INDEX audit_events_action_idx ON {monitor}.audit_events (action, occurred_at DESC);
