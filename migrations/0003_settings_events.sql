-- Who changed a house-wide value and when — never the value itself (the key-box code must not
-- be readable from the audit trail either).
CREATE TABLE settings_events (
    id                BIGSERIAL PRIMARY KEY,
    key               TEXT        NOT NULL,
    actor_telegram_id BIGINT      NOT NULL,
    changed_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX settings_events_key ON settings_events (key, changed_at);
