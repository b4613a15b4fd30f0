-- Staff notifications (admin and inform chats), written in the same transaction as the change they
-- report and delivered by a paced background sender, in order per chat. A restart or crash loses
-- nothing: undelivered rows are simply sent after start-up.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    chat_id         BIGINT      NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('text', 'photo', 'document')),
    -- HTML text, or the caption of a photo/document (≤ 1024 characters; longer text is split
    -- into a follow-up text row by the caller).
    body            TEXT        NOT NULL,
    file_id         TEXT        CHECK ((kind = 'text') = (file_id IS NULL)),
    reply_markup    JSONB,
    booking_id      BIGINT      REFERENCES bookings (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    sent_message_id INTEGER,
    -- Telegram refused for good (chat gone, bot removed): kept for the record, not retried.
    failed_at       TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX outbox_pending ON outbox (chat_id, id) WHERE sent_at IS NULL AND failed_at IS NULL;
