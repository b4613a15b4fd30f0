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
    let mut completed = 0;
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
        let booking = match done {
            Ok(booking) => booking,
            // Cancelled or completed meanwhile (an admin, another worker): nothing to do.
            Err(DbError::WrongStatus { .. } | DbError::NotFound) => continue,
            Err(other) => return Err(other),
        };
        if booking_jobs::mark_once(&mut *tx, booking.id, Milestone::FeedbackRequested).await? {
            let owner = db::users::by_id(&mut *tx, booking.owner_id).await?;
            if let Some(notice) = feedback_request(app, &booking, owner.as_ref()) {
                db::outbox::enqueue(&mut tx, &notice).await?;
            }
        }
        tx.commit().await?;
        completed += 1;
    }
    Ok(completed)
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
