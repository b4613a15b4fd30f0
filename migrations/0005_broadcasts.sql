-- Broadcasts (SPEC §6): the message, its audience and progress, and one row per recipient taken
-- when the admin confirms. A background task sends them paced; a restart resumes from the rows.
CREATE TABLE broadcasts (
    id           BIGSERIAL PRIMARY KEY,
    created_by   BIGINT      NOT NULL,  -- the admin's Telegram id
    audience     TEXT        NOT NULL CHECK (audience IN ('all', 'with_bookings', 'without_bookings')),
    body         TEXT        NOT NULL,  -- the text, or the photo's caption (may be empty)
    photo_file_id TEXT,
    status       TEXT        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'cancelled')),
    -- The admin's progress message, edited as the sending goes on.
    progress_chat_id    BIGINT NOT NULL,
    progress_message_id INTEGER,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);
-- One broadcast at a time.
CREATE UNIQUE INDEX broadcasts_one_running ON broadcasts ((status)) WHERE status = 'running';

CREATE TABLE broadcast_recipients (
    broadcast_id BIGINT      NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    user_id      BIGINT      NOT NULL REFERENCES users (id),
    chat_id      BIGINT      NOT NULL,
    -- Set (and committed) before the message goes: a crash between the two leaves the recipient
    -- counted as failed rather than messaged twice.
    attempted_at TIMESTAMPTZ,
    sent_at      TIMESTAMPTZ,
    -- 'blocked' (the user blocked the bot: marked inactive), 'failed', 'interrupted'.
    outcome      TEXT CHECK (outcome IN ('sent', 'blocked', 'failed', 'interrupted')),
    PRIMARY KEY (broadcast_id, user_id)
);
CREATE INDEX broadcast_recipients_todo ON broadcast_recipients (broadcast_id, user_id) WHERE attempted_at IS NULL;
