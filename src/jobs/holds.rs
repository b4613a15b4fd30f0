//! Unpaid holds past their deadline: expired, and each guest told once.

use crate::{
    app::App,
    bot::approval::when,
    db::{
        DbResult, booking_changes,
        bookings::Booking,
        outbox::{self, NewNotice},
        users::{self, User},
    },
    i18n::Lang,
};

/// One run: expires unpaid holds past their deadline and tells each guest, through the outbox, in
/// the same transaction. (Free-time screens already ignore such holds; this frees the row's slot
/// for good and closes the loop with the guest.)
pub async fn expire_holds(app: &App) {
    match expire_and_tell(app).await {
        Ok(expired) if expired.is_empty() => {}
        Ok(expired) => {
            tracing::info!(count = expired.len(), "unpaid holds expired");
            app.outbox_waker.notify_one();
        }
        Err(error) => tracing::error!(%error, "could not expire unpaid holds"),
    }
}

/// The overdue holds expired and each guest's notice queued, in one transaction: a guest is
/// told exactly once, even across a crash.
async fn expire_and_tell(app: &App) -> DbResult<Vec<Booking>> {
    let mut tx = app.db.begin().await?;
    let expired = booking_changes::expire_overdue_in(&mut tx, booking_changes::Overdue::All).await?;
    for booking in &expired {
        let owner = users::owner(&mut *tx, booking.owner_id).await?;
        for notice in expiry_notice(app, booking, owner.as_ref()) {
            outbox::enqueue(&mut tx, &notice).await?;
        }
    }
    tx.commit().await?;
    Ok(expired)
}

fn expiry_notice(app: &App, booking: &Booking, owner: Option<&User>) -> Vec<NewNotice> {
    let Some(chat_id) = owner.and_then(|u| u.chat_id) else { return Vec::new() };
    let lang = owner.map_or(Lang::default(), |u| Lang::from_code(&u.language));
    let body = app.texts.format(
        lang,
        "hold-expired",
        &[
            ("id", booking.id.into()),
            ("start", when(app, booking.starts_at).into()),
            ("end", when(app, booking.ends_at).into()),
        ],
    );
    vec![NewNotice::text(chat_id, body, Some(booking.id))]
}
