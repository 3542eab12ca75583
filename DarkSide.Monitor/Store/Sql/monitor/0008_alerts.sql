-- The alert rules' state, kept by the one evaluating instance so that a restart or a new leader carries on where the
-- last left off (no second page for an alert already firing). One row per alert: its rule and labels are its identity
-- (Alertmanager's fingerprint is of the same label set). A resolved row stays until Alertmanager took its end.
CREATE TABLE {monitor}.alerts (
    key text PRIMARY KEY,
    rule text NOT NULL,
    labels jsonb NOT NULL,
    annotations jsonb NOT NULL,
    value double precision NOT NULL,
    state text NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
    active_since timestamptz NOT NULL,
    fired_at timestamptz,
    resolved_at timestamptz,
    evaluated_at timestamptz NOT NULL
);

-- What happened to every alert (fired, resolved), with the values and labels of the moment: 90 days by default.
CREATE TABLE {monitor}.alert_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    key text NOT NULL,
    rule text NOT NULL,
    event text NOT NULL CHECK (event IN ('fired', 'resolved')),
    labels jsonb NOT NULL,
    annotations jsonb NOT NULL,
    value double precision NOT NULL,
    fired_at timestamptz
);
CREATE INDEX alert_history_at_idx ON {monitor}.alert_history (at);

-- How delivery to Alertmanager goes, shared so that every replica's /alerts can say it; one row.
CREATE TABLE {monitor}.alert_delivery (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    evaluated_at timestamptz,
    evaluator text,
    attempted_at timestamptz,
    delivered_at timestamptz,
    failing_since timestamptz,
    failures bigint NOT NULL DEFAULT 0,
    error text
);
INSERT INTO {monitor}.alert_delivery (id) VALUES (true);
