//! Daily at `jobs.expiry_time` (house time), and at once for a day the bot was down over: promo
//! codes past their last day are deactivated, and paid gift certificates past `expires_at` that
//! were never used become `expired`, their buyers told once. The run, its notices and the day it
//! ran for are committed together.

use chrono::{DateTime, NaiveDate, Utc};

use super::report;
use crate::{
    app::App,
    db::{
        self, DbResult,
        gifts::Gift,
        house_settings::{self, EXPIRIES_LAST_RUN},
        outbox::NewNotice,
    },
    domain::stay_jobs::daily_run_due,
    i18n::Lang,
};

pub async fn expire_codes_and_gifts(app: &App, now: DateTime<Utc>) {
    report("expiries", expire(app, now).await, app);
}

async fn expire(app: &App, now: DateTime<Utc>) -> DbResult<usize> {
    let tz = app.settings.house.timezone;
    let today = now.with_timezone(&tz).date_naive();
    let due = |last_run: Option<String>| {
        let last_run = last_run.and_then(|day| day.parse::<NaiveDate>().ok());
        daily_run_due(now, tz, app.settings.jobs.expiry_time, last_run)
    };
    // Most runs of the loop are not the daily one: a plain read, no transaction, says so.
    if !due(house_settings::get(&app.db, EXPIRIES_LAST_RUN).await?) {
        return Ok(0);
    }
    let mut tx = app.db.begin().await?;
    // Read again under a lock, so two workers cannot both run today's expiries.
    let last_run: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1 FOR UPDATE")
        .bind(EXPIRIES_LAST_RUN)
        .fetch_optional(&mut *tx)
        .await?;
    if !due(last_run) {
        return Ok(0);
    }
    let promos = db::promos::deactivate_expired(&mut *tx, today).await?;
    let gifts = db::gifts::expire_overdue(&mut *tx, now).await?;
    for gift in &gifts {
        let buyer = db::users::by_id(&mut *tx, gift.buyer_id).await?;
        if let Some(notice) = buyer
            .and_then(|b| Some((b.chat_id?, Lang::from_code(&b.language))))
            .map(|(chat, lang)| gift_expired(app, gift, chat, lang))
        {
            db::outbox::enqueue(&mut tx, &notice).await?;
        }
    }
    // Wrong gift codes only count for ten minutes; a day's worth is kept for the logs' sake.
    db::gift_attempts::forget_before(&mut *tx, now - chrono::Duration::days(1)).await?;
    house_settings::set(&mut *tx, EXPIRIES_LAST_RUN, &today.to_string()).await?;
    tx.commit().await?;
    Ok(usize::try_from(promos).unwrap_or(usize::MAX) + gifts.len())
}

fn gift_expired(app: &App, gift: &Gift, chat: i64, lang: Lang) -> NewNotice {
    let text = app.texts.format(
        lang,
        "gift-expired",
        &[(
            "code",
            gift.code.as_deref().map(crate::domain::codes::display_gift_code).unwrap_or_default().into(),
        )],
    );
    NewNotice::text(chat, text, None)
}
