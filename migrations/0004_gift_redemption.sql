-- Gift certificates as SPEC §5 runs them: the code is drawn when an admin approves the purchase
-- (so a rejected or unpaid purchase never has a working code), and so is the expiry.
ALTER TABLE gift_certificates
    ALTER COLUMN code DROP NOT NULL,
    ALTER COLUMN expires_at DROP NOT NULL,
    -- Who approved or rejected the purchase, and when (the admin's Telegram id).
    ADD COLUMN decided_by BIGINT,
    ADD COLUMN decided_at TIMESTAMPTZ,
    ADD CONSTRAINT gift_certificates_code_when_paid CHECK (
        status IN ('awaiting_approval', 'rejected') OR (code IS NOT NULL AND expires_at IS NOT NULL)
    ),
    -- Codes are stored normalised (upper case, no spaces or dashes); typing is forgiving.
    ADD CONSTRAINT gift_certificates_code_normalised CHECK (code = upper(code) AND code !~ '[^A-Z0-9]');

-- A certificate is reserved by the one live booking that uses it: a second hold with the same
-- certificate fails here, however simultaneous. An expired, rejected or cancelled booking no
-- longer counts, which releases the certificate.
CREATE UNIQUE INDEX bookings_one_per_gift ON bookings (gift_certificate_id)
    WHERE gift_certificate_id IS NOT NULL
      AND status IN ('pending_payment', 'awaiting_approval', 'confirmed', 'completed');

-- Wrong certificate codes typed, per guest: five within ten minutes pause further tries
-- (guessing defence). Old rows are useless after the window and are swept by the daily job.
CREATE TABLE gift_code_attempts (
    id                BIGSERIAL PRIMARY KEY,
    telegram_user_id  BIGINT      NOT NULL,
    at                TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX gift_code_attempts_user ON gift_code_attempts (telegram_user_id, at);
