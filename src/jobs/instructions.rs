//! Arrival instructions (SPEC §7, reference §2.12.1): the route with map links and the admin
//! contact, the self check-in text with the key-box code (with the key-box photo when one is
//! configured), and the sauna note only when sauna is booked — in the guest's language, once.
//!
//! Once, and the order that makes it so: `instructions_sent_at` is set and the guest's notices
//! are queued in one transaction (`queue_in`). A crash before the commit leaves neither (the next
//! run does both); after it, the outbox delivers what was queued. The job and the approval of a
//! booking whose moment has already come both go through `queue_in`, whose `mark_once` lets only
//! the first of them queue anything.
//!
//! The key-box code is read when the instructions are queued, goes only into the guest's notice,
//! and is never logged; no code set yet → "the admin will send you the code", and the admin chat
//! is warned once (until a code is set).

use chrono::{DateTime, Duration, Utc};

use super::report;
use crate::{
    app::App,
    db::{
        self, DbResult,
        booking_jobs::{self, Milestone},
        bookings::Booking,
        house_settings::{self, KEYBOX_CODE, KEYBOX_MISSING_WARNED},
        outbox::{NewNotice, OutboxKind},
        users::User,
    },
    domain::stay_jobs::instructions_due,
    i18n::Lang,
};

/// The moment `booking`'s instructions are due.
#[must_use]
pub fn due_at(app: &App, booking: &Booking) -> DateTime<Utc> {
    let jobs = &app.settings.jobs;
    instructions_due(
        booking.starts_at,
        app.settings.house.timezone,
        jobs.instructions_days_before,
        jobs.instructions_time,
    )
}

/// One run: every confirmed stay still to come whose moment has come gets its instructions. A
/// stay whose check-in passed while the bot was down gets none (they would only confuse).
pub async fn send_due_instructions(app: &App, now: DateTime<Utc>) {
    report("arrival instructions", send(app, now).await, app);
}

async fn send(app: &App, now: DateTime<Utc>) -> DbResult<usize> {
    let horizon = now + Duration::days(i64::from(app.settings.jobs.instructions_days_before) + 2);
    let candidates = booking_jobs::needing_instructions(&app.db, now, horizon).await?;
    let mut sent = 0;
    for booking in candidates.iter().filter(|b| due_at(app, b) <= now) {
        let mut tx = app.db.begin().await?;
        let owner = db::users::owner(&mut *tx, booking.owner_id).await?;
        if queue_in(&mut tx, app, booking, owner.as_ref()).await? {
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

/// Marks `booking`'s instructions as sent and queues them for its guest, on the caller's
/// transaction. `false` (nothing queued) if they were already sent.
pub async fn queue_in(
    conn: &mut sqlx::PgConnection,
    app: &App,
    booking: &Booking,
    owner: Option<&User>,
) -> DbResult<bool> {
    if !booking_jobs::mark_once(&mut *conn, booking.id, Milestone::InstructionsSent).await? {
        return Ok(false);
    }
    let code = house_settings::get(&mut *conn, KEYBOX_CODE).await?;
    if code.is_none() {
        warn_admins_once(conn, app, booking).await?;
    }
    let Some(chat) = owner.and_then(|u| u.chat_id) else {
        tracing::warn!(
            booking = booking.id,
            "the guest has no chat with the bot: no arrival instructions sent"
        );
        return Ok(true);
    };
    let lang = owner.map_or(Lang::default(), |u| Lang::from_code(&u.language));
    for notice in notices(app, booking, chat, lang, code.as_deref()) {
        db::outbox::enqueue(&mut *conn, &notice).await?;
    }
    Ok(true)
}

/// The guest's messages: the route, the self check-in (photo + caption when a photo is set), and
/// the sauna note when sauna is booked.
fn notices(app: &App, booking: &Booking, chat: i64, lang: Lang, code: Option<&str>) -> Vec<NewNotice> {
    let house = &app.settings.house;
    let route = app.texts.format(
        lang,
        "instructions-route",
        &[
            ("id", booking.id.into()),
            ("start", crate::bot::approval::when(app, booking.starts_at).into()),
            ("yandex", house.yandex_maps_url.as_str().into()),
            ("google", house.google_maps_url.as_str().into()),
            ("contact", house.admin_contact_url.as_str().into()),
        ],
    );
    let checkin = match code {
        Some(code) => app.texts.format(lang, "instructions-checkin", &[("code", code.into())]),
        None => app.texts.get(lang, "instructions-checkin-no-code"),
    };
    let mut notices = vec![NewNotice::text(chat, route, Some(booking.id))];
    notices.push(match house.instructions_photo.trim() {
        "" => NewNotice::text(chat, checkin, Some(booking.id)),
        photo => NewNotice {
            kind: OutboxKind::Photo,
            file_id: Some(photo.to_owned()),
            ..NewNotice::text(chat, checkin, Some(booking.id))
        },
    });
    if booking.sauna {
        notices.push(NewNotice::text(chat, app.texts.get(lang, "instructions-sauna"), Some(booking.id)));
    }
    notices
}

/// "Instructions went out without a key-box code": told to the admin chat once until a code is
/// set (setting one clears the flag).
async fn warn_admins_once(conn: &mut sqlx::PgConnection, app: &App, booking: &Booking) -> DbResult<()> {
    let Some(chat) = app.settings.admin.chat() else { return Ok(()) };
    if house_settings::get(&mut *conn, KEYBOX_MISSING_WARNED).await?.is_some() {
        return Ok(());
    }
    house_settings::set(&mut *conn, KEYBOX_MISSING_WARNED, &Utc::now().to_rfc3339()).await?;
    let text = app.texts.format(Lang::default(), "staff-keybox-missing", &[("id", booking.id.into())]);
    db::outbox::enqueue(conn, &NewNotice::text(chat.0, text, Some(booking.id))).await?;
    Ok(())
}
