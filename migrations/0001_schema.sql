-- The Secret House: everything that must last. Money is NUMERIC(12,2) (BYN), time is timestamptz.

-- `EXCLUDE … WITH &&` over ranges needs a GiST index; btree_gist is the standard contrib module
-- that lets such constraints also mix in plain equality columns later.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TYPE booking_status AS ENUM (
    'pending_payment', 'awaiting_approval', 'confirmed', 'completed', 'cancelled', 'rejected', 'expired'
);
CREATE TYPE actor_kind AS ENUM ('guest', 'admin', 'system');
CREATE TYPE gift_status AS ENUM ('awaiting_approval', 'active', 'redeemed', 'expired', 'rejected');
CREATE TYPE promo_kind AS ENUM ('booking_dates', 'usage_period');
CREATE TYPE receipt_kind AS ENUM ('photo', 'document');

-- A guest is their Telegram user id; username and contact are data, never keys.
CREATE TABLE users (
    id               BIGSERIAL PRIMARY KEY,
    telegram_user_id BIGINT      NOT NULL UNIQUE,
    chat_id          BIGINT,
    username         TEXT,
    first_name       TEXT,
    language         TEXT        NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
    contact          TEXT,
    is_active        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE promocodes (
    id               BIGSERIAL PRIMARY KEY,
    -- Stored lower-case; codes are matched case-insensitively.
    code             TEXT        NOT NULL CHECK (code = lower(code) AND length(code) BETWEEN 1 AND 50),
    kind             promo_kind  NOT NULL,
    valid_from       DATE        NOT NULL,
    valid_to         DATE        NOT NULL CHECK (valid_to >= valid_from),
    discount_percent INTEGER     NOT NULL CHECK (discount_percent BETWEEN 1 AND 100),
    tariffs          TEXT[],     -- NULL = every tariff
    max_uses         INTEGER     CHECK (max_uses > 0),  -- NULL = unlimited
    uses             INTEGER     NOT NULL DEFAULT 0 CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)),
    is_active        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_by       BIGINT,     -- admin's Telegram id; NULL when the bot made it (feedback reward)
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- A name can be reused once the old code is deactivated.
CREATE UNIQUE INDEX promocodes_active_code ON promocodes (code) WHERE is_active;

CREATE TABLE gift_certificates (
    id                  BIGSERIAL PRIMARY KEY,
    code                TEXT          NOT NULL UNIQUE,
    buyer_id            BIGINT        NOT NULL REFERENCES users (id),
    tariff              TEXT          NOT NULL,
    sauna               BOOLEAN       NOT NULL DEFAULT FALSE,
    secret_room         BOOLEAN       NOT NULL DEFAULT FALSE,
    second_bedroom      BOOLEAN       NOT NULL DEFAULT FALSE,
    photoshoot          BOOLEAN       NOT NULL DEFAULT FALSE,
    price               NUMERIC(12,2) NOT NULL CHECK (price >= 0),
    status              gift_status   NOT NULL DEFAULT 'awaiting_approval',
    expires_at          TIMESTAMPTZ   NOT NULL,
    redeemed_booking_id BIGINT,
    contact             TEXT,
    receipt_file_id     TEXT,
    receipt_kind        receipt_kind,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK ((status = 'redeemed') = (redeemed_booking_id IS NOT NULL))
);

CREATE TABLE bookings (
    id                    BIGSERIAL PRIMARY KEY,
    owner_id              BIGINT         NOT NULL REFERENCES users (id),
    tariff                TEXT           NOT NULL,
    starts_at             TIMESTAMPTZ    NOT NULL,
    ends_at               TIMESTAMPTZ    NOT NULL,
    -- ends_at + the cleaning buffer: what the house is blocked for.
    blocked_until         TIMESTAMPTZ    NOT NULL,
    guests                INTEGER        NOT NULL CHECK (guests BETWEEN 1 AND 20),
    white_bedroom         BOOLEAN        NOT NULL DEFAULT FALSE,
    green_bedroom         BOOLEAN        NOT NULL DEFAULT FALSE,
    second_bedroom        BOOLEAN        NOT NULL DEFAULT FALSE,
    secret_room           BOOLEAN        NOT NULL DEFAULT FALSE,
    sauna                 BOOLEAN        NOT NULL DEFAULT FALSE,
    photoshoot            BOOLEAN        NOT NULL DEFAULT FALSE,
    price                 NUMERIC(12,2)  NOT NULL CHECK (price >= 0),
    prepayment            NUMERIC(12,2)  NOT NULL CHECK (prepayment >= 0),
    promocode_id          BIGINT         REFERENCES promocodes (id),
    gift_certificate_id   BIGINT         REFERENCES gift_certificates (id),
    comment               TEXT,
    contact               TEXT           NOT NULL,
    wine_preference       TEXT,
    transfer_address      TEXT,
    receipt_file_id       TEXT,
    receipt_kind          receipt_kind,
    status                booking_status NOT NULL DEFAULT 'pending_payment',
    hold_expires_at       TIMESTAMPTZ,
    -- A late receipt arrived for an expired hold whose slot was taken meanwhile: staff must act.
    needs_attention       BOOLEAN        NOT NULL DEFAULT FALSE,
    date_changes          INTEGER        NOT NULL DEFAULT 0 CHECK (date_changes >= 0),
    instructions_sent_at  TIMESTAMPTZ,
    feedback_requested_at TIMESTAMPTZ,
    feedback_submitted    BOOLEAN        NOT NULL DEFAULT FALSE,
    source                TEXT           NOT NULL DEFAULT 'bot',
    created_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (blocked_until >= ends_at),
    CHECK (prepayment <= price),
    CHECK (status <> 'pending_payment' OR hold_expires_at IS NOT NULL),
    -- No double booking, by construction: two blocking bookings can never overlap, cleaning
    -- buffer included, however close together their inserts or moves arrive.
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        tstzrange(starts_at, blocked_until, '[)') WITH &&
    ) WHERE (status IN ('pending_payment', 'awaiting_approval', 'confirmed'))
);
CREATE INDEX bookings_owner ON bookings (owner_id, starts_at DESC);
CREATE INDEX bookings_status ON bookings (status, starts_at);
CREATE INDEX bookings_range ON bookings USING gist (tstzrange(starts_at, blocked_until, '[)'));
CREATE INDEX bookings_holds ON bookings (hold_expires_at) WHERE status = 'pending_payment';

ALTER TABLE gift_certificates
    ADD CONSTRAINT gift_certificates_redeemed_booking FOREIGN KEY (redeemed_booking_id) REFERENCES bookings (id);

-- The audit trail: one row per change, written in the same transaction as the change.
CREATE TABLE booking_events (
    id                BIGSERIAL PRIMARY KEY,
    booking_id        BIGINT      NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    actor_kind        actor_kind  NOT NULL,
    actor_telegram_id BIGINT,
    action            TEXT        NOT NULL,
    old_values        JSONB,
    new_values        JSONB,
    at                TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX booking_events_booking ON booking_events (booking_id, at);

CREATE TABLE feedback (
    id                  BIGSERIAL PRIMARY KEY,
    booking_id          BIGINT      NOT NULL UNIQUE REFERENCES bookings (id),
    expectations        INTEGER     NOT NULL CHECK (expectations BETWEEN 1 AND 10),
    comfort             INTEGER     NOT NULL CHECK (comfort BETWEEN 1 AND 10),
    cleanliness         INTEGER     NOT NULL CHECK (cleanliness BETWEEN 1 AND 10),
    communication       INTEGER     NOT NULL CHECK (communication BETWEEN 1 AND 10),
    location            INTEGER     NOT NULL CHECK (location BETWEEN 1 AND 10),
    recommend           INTEGER     NOT NULL CHECK (recommend BETWEEN 1 AND 10),
    liked_most          TEXT        CHECK (char_length(liked_most) <= 1000),
    to_improve          TEXT        CHECK (char_length(to_improve) <= 1000),
    public_review       TEXT        CHECK (char_length(public_review) <= 1000),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Small house-wide values (the key-box code lives here, never in logs or config files).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
