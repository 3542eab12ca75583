-- Browser sessions, so that signing out (or losing membership) ends every cookie issued before, on every instance.
CREATE TABLE {monitor}.sessions (
    sid text PRIMARY KEY,
    subject text,
    user_name text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    ended_why text
);
CREATE INDEX sessions_subject_idx ON {monitor}.sessions (subject) WHERE ended_at IS NULL;
