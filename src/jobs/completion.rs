//! After checkout (end + `jobs.completion_grace`), a confirmed stay becomes `completed` (guarded
//! transition, audit row by the system) and its guest is asked "How was your stay?" with a button
//! that opens the feedback questionnaire — the transition, the `feedback_requested_at` milestone
//! and the message in one transaction, so once per booking whatever crashes.

use chrono::{DateTime, Utc};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::report;
use crate::{
    app::App,
    bot::callback::{CallbackData, Mine},
    db::{
        self, DbError, DbResult,
        booking_changes::{self, Guard},
        booking_jobs::{self, Milestone},
        bookings::Booking,
        outbox::NewNotice,
        users::User,
    },
    domain::booking::{Actor, Transition},
    i18n::Lang,
};

pub async fn complete_finished_stays(app: &App, now: DateTime<Utc>) {
    report("completion", complete(app, now).await, app);
}

async fn complete(app: &App, now: DateTime<Utc>) -> DbResult<usize> {
    let grace = chrono::Duration::from_std(app.settings.jobs.completion_grace).unwrap_or_default();
    let finished = booking_jobs::confirmed_past_checkout(&app.db, now - grace).await?;
    let mut changed = 0;
    for booking in &finished {
        let mut tx = app.db.begin().await?;
        let done = booking_changes::transition_in(
            &mut tx,
            booking.id,
            Transition::Complete,
            Actor::System,
            Guard::default(),
        )
        .await;
        match done {
            Ok(booking) => {
                ask_for_feedback_in(&mut tx, app, &booking).await?;
                tx.commit().await?;
                changed += 1;
            }
            // Cancelled or completed meanwhile (an admin, another worker): nothing to do here.
            Err(DbError::WrongStatus { .. } | DbError::NotFound) => {}
            Err(other) => return Err(other),
        }
    }
    // Stays completed another way (an admin's "Complete") are asked too, once.
    for booking in booking_jobs::needing_feedback_request(&app.db, now - grace).await? {
        let mut tx = app.db.begin().await?;
        if ask_for_feedback_in(&mut tx, app, &booking).await? {
            changed += 1;
        }
        tx.commit().await?;
    }
    Ok(changed)
}

/// Records the feedback request and queues it, on the caller's transaction; `false` if the
/// guest was already asked.
async fn ask_for_feedback_in(conn: &mut sqlx::PgConnection, app: &App, booking: &Booking) -> DbResult<bool> {
    // A booking taken by hand has no guest in Telegram to ask.
    if booking.owner_id.is_none() {
        return Ok(false);
    }
    if !booking_jobs::mark_once(&mut *conn, booking.id, Milestone::FeedbackRequested).await? {
        return Ok(false);
    }
    let owner = db::users::owner(&mut *conn, booking.owner_id).await?;
    if let Some(notice) = feedback_request(app, booking, owner.as_ref()) {
        db::outbox::enqueue(conn, &notice).await?;
    }
    Ok(true)
}

/// "How was your stay?" with the Leave feedback button, in the guest's language.
fn feedback_request(app: &App, booking: &Booking, owner: Option<&User>) -> Option<NewNotice> {
    let owner = owner?;
    let chat = owner.chat_id?;
    let lang = Lang::from_code(&owner.language);
    let text = app.texts.format(lang, "feedback-request", &[("id", booking.id.into())]);
    let button = InlineKeyboardButton::callback(
        app.texts.get(lang, "feedback-button"),
        CallbackData::Mine(Mine::Feedback(booking.id)).encode(),
    );
    let markup = serde_json::to_value(InlineKeyboardMarkup::new([[button]])).ok();
    Some(NewNotice { reply_markup: markup, ..NewNotice::text(chat, text, Some(booking.id)) })
}
