-- The staff's own entries in the house's calendar (issue 15): bookings taken by hand and blocked
-- dates. Both are as binding as a guest's booking: nothing can be booked over them, however
-- simultaneous the requests.

-- A booking taken by phone, in person or through another channel has no Telegram user behind it:
-- its guest is the contact the admin typed. Every booking the bot takes has its owner.
ALTER TABLE bookings
    ALTER COLUMN owner_id DROP NOT NULL,
    ADD CONSTRAINT bookings_source_known CHECK (source IN ('bot', 'phone', 'walk_in', 'other')),
    ADD CONSTRAINT bookings_owner_when_from_the_bot CHECK (source <> 'bot' OR owner_id IS NOT NULL);

-- Dates the house is closed (maintenance, the owners' own use). Kept after removal for the record.
-- Blocks may overlap each other (closing 10–12 and then 11–15 is just longer); they may not
-- overlap a live booking (the triggers below).
CREATE TABLE calendar_blocks (
    id          BIGSERIAL PRIMARY KEY,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    reason      TEXT        CHECK (char_length(reason) <= 200),
    created_by  BIGINT      NOT NULL,  -- the admin's Telegram id
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    removed_by  BIGINT,
    removed_at  TIMESTAMPTZ,
    CHECK (ends_at > starts_at),
    CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE INDEX calendar_blocks_live ON calendar_blocks USING gist (tstzrange(starts_at, ends_at, '[)'))
    WHERE removed_at IS NULL;

-- An exclusion constraint cannot span two tables, so a trigger on each side checks the other.
-- Two transactions could each miss the other's uncommitted row, so both take one advisory lock
-- first: bookings take it shared (they still only contend with each other through
-- `bookings_no_overlap`), blocks take it exclusive. The check runs after the lock, so it sees
-- whatever the other side committed while we waited (READ COMMITTED: a fresh snapshot per query).
-- Both raise `exclusion_violation` naming a constraint, which the application maps like the
-- exclusion constraint itself (a booking over a block is "slot taken").
CREATE FUNCTION bookings_not_on_a_block() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IN ('pending_payment', 'awaiting_approval', 'confirmed') THEN
        PERFORM pg_advisory_xact_lock_shared(7301);
        IF EXISTS (SELECT 1 FROM calendar_blocks b
                   WHERE b.removed_at IS NULL
                     AND tstzrange(b.starts_at, b.ends_at, '[)') && tstzrange(NEW.starts_at, NEW.blocked_until, '[)'))
        THEN
            RAISE EXCEPTION 'the house is closed then'
                USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'bookings_no_overlap';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER bookings_not_on_a_block BEFORE INSERT OR UPDATE OF starts_at, blocked_until, status
    ON bookings FOR EACH ROW EXECUTE FUNCTION bookings_not_on_a_block();

CREATE FUNCTION calendar_blocks_not_on_a_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.removed_at IS NULL THEN
        PERFORM pg_advisory_xact_lock(7301);
        IF EXISTS (SELECT 1 FROM bookings b
                   WHERE b.status IN ('pending_payment', 'awaiting_approval', 'confirmed')
                     AND tstzrange(b.starts_at, b.blocked_until, '[)') && tstzrange(NEW.starts_at, NEW.ends_at, '[)'))
        THEN
            RAISE EXCEPTION 'a booking overlaps the block'
                USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'calendar_blocks_not_on_a_booking';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER calendar_blocks_not_on_a_booking BEFORE INSERT OR UPDATE OF starts_at, ends_at, removed_at
    ON calendar_blocks FOR EACH ROW EXECUTE FUNCTION calendar_blocks_not_on_a_booking();
