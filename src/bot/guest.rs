//! Who is talking to the bot: every private update upserts its sender (SPEC §1: identity is the
//! Telegram user id) and resolves their language — the one they chose in the bot, else their
//! Telegram client's. A database outage never stops the menu: the client's language is used.

use teloxide::types::{Update, User};

use crate::{
    app::AppRef,
    db::users::{self, SeenUser},
    i18n::Lang,
};

/// The sender of the current update, injected into handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guest {
    pub lang: Lang,
    /// `users.id`; `None` when the database could not be reached or the update has no sender.
    pub user_id: Option<i64>,
}

#[must_use]
pub fn client_lang(user: Option<&User>) -> Lang {
    Lang::from_telegram(user.and_then(|u| u.language_code.as_deref()))
}

pub async fn identify(update: Update, app: AppRef) -> Guest {
    let from = update.from().cloned();
    let lang = client_lang(from.as_ref());
    let (Some(user), Some(chat)) = (from, update.chat()) else {
        return Guest { lang, user_id: None };
    };
    if !chat.is_private() {
        return Guest { lang, user_id: None };
    }
    let seen = SeenUser {
        telegram_user_id: i64::try_from(user.id.0).unwrap_or(i64::MAX),
        chat_id: chat.id.0,
        username: user.username.as_deref(),
        first_name: Some(user.first_name.as_str()),
        language: lang.code(),
    };
    // A known outage is not waited for again on every update: the guest is answered at once
    // (steps that need the database say "try again"; the menu works without it).
    if app.db_health.is_down() {
        return Guest { lang, user_id: None };
    }
    match users::upsert(&app.db, seen).await {
        Ok(row) => Guest { lang: Lang::from_code(&row.language), user_id: Some(row.id) },
        Err(error) => {
            if let crate::db::DbError::Sqlx(cause) = &error {
                app.db_health.observe(cause);
            }
            tracing::error!(%error, "could not record the user; continuing with the client's language");
            Guest { lang, user_id: None }
        }
    }
}
