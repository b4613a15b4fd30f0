//! Problems with the staff chats that only the owner can fix (an unset or wrong id, an admin
//! who never pressed /start, a bot not yet added to the group). Each is one warning line in the
//! log with the fix; the set of open problems is also told once to the first admin who writes
//! to the bot, so it is seen even by an owner who never reads logs.

use std::{
    collections::BTreeMap,
    sync::{
        Mutex,
        atomic::{AtomicBool, Ordering},
    },
};

use teloxide::{ApiError, RequestError, prelude::*};

use super::{Deliver, Edge};
use crate::{
    i18n::{Lang, Texts},
    settings::AdminSettings,
};

/// What is wrong with one staff destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffProblem {
    /// A setting that is 0 or empty.
    Unset { key: &'static str },
    /// Telegram refused the chat: the bot is not in the group, or the person never wrote to it.
    Unreachable { key: &'static str, chat: i64, error: String },
}

impl StaffProblem {
    /// The log line: what is wrong and how to fix it (English, for the operator).
    #[must_use]
    pub fn log_line(&self) -> String {
        match self {
            StaffProblem::Unset { key } => format!(
                "{key} is not set: staff notices for it are not sent; set it in config/local.toml or BOT__{}",
                key.replace('.', "__").to_uppercase()
            ),
            StaffProblem::Unreachable { key, chat, error } => format!(
                "{key} = {chat} cannot be reached ({error}): add the bot to that group, or press /start in the bot from that account; notices wait and are retried"
            ),
        }
    }

    fn text(&self, texts: &Texts, lang: Lang) -> String {
        match self {
            StaffProblem::Unset { key } => {
                texts.format(lang, "staff-problem-unset", &[("key", (*key).into())])
            }
            StaffProblem::Unreachable { key, chat, .. } => texts.format(
                lang,
                "staff-problem-unreachable",
                &[("key", (*key).into()), ("chat", chat.to_string().into())],
            ),
        }
    }
}

/// The open problems, keyed by setting and chat so a repeat does not pile up.
#[derive(Debug, Default)]
pub struct StaffAlerts {
    open: Mutex<BTreeMap<(&'static str, i64), StaffProblem>>,
    /// Whether an admin has been told the current set.
    told: AtomicBool,
}

fn problem_key(problem: &StaffProblem) -> (&'static str, i64) {
    match problem {
        StaffProblem::Unset { key } => (key, 0),
        StaffProblem::Unreachable { key, chat, .. } => (key, *chat),
    }
}

impl StaffAlerts {
    /// Records a problem (and logs it). A new one will be told to the next admin who writes.
    pub fn raise(&self, problem: StaffProblem) {
        tracing::warn!("{}", problem.log_line());
        let mut open = self.lock();
        if open.insert(problem_key(&problem), problem).is_none() {
            self.told.store(false, Ordering::SeqCst);
        }
    }

    /// The chat works again (a notice was delivered there).
    pub fn resolve_chat(&self, chat: i64) {
        self.lock().retain(|(_, c), _| *c != chat);
    }

    #[must_use]
    pub fn open(&self) -> Vec<StaffProblem> {
        self.lock().values().cloned().collect()
    }

    /// The text for an admin, once per new set of problems.
    pub fn take_untold(&self, texts: &Texts, lang: Lang) -> Option<String> {
        let open = self.lock();
        if open.is_empty() || self.told.swap(true, Ordering::SeqCst) {
            return None;
        }
        let lines: Vec<String> = open.values().map(|p| format!("• {}", p.text(texts, lang))).collect();
        Some(texts.format(lang, "staff-problems", &[("problems", lines.join("\n").into())]))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<(&'static str, i64), StaffProblem>> {
        self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Refusals meaning "this chat cannot be written to", which the owner can fix.
#[must_use]
pub fn is_unreachable(error: &RequestError) -> bool {
    matches!(
        error,
        RequestError::Api(
            ApiError::ChatNotFound
                | ApiError::BotBlocked
                | ApiError::BotKicked
                | ApiError::BotKickedFromSupergroup
                | ApiError::CantInitiateConversation
                | ApiError::UserDeactivated
                | ApiError::NotEnoughRightsToPostMessages
        )
    )
}

/// At start-up: every configured staff destination is asked for with getChat. Problems are
/// raised (one warning line each); a Telegram that cannot be reached is not a staff problem and
/// is only logged (polling retries on its own).
pub async fn check(bot: &Bot, edge: &Edge, admin: &AdminSettings, alerts: &StaffAlerts) {
    let chats = [("admin.chat_id", admin.chat()), ("admin.inform_chat_id", admin.inform_chat())];
    for (key, chat) in chats {
        match chat {
            None => alerts.raise(StaffProblem::Unset { key }),
            Some(chat) => probe(bot, edge, key, chat.0, alerts).await,
        }
    }
    if admin.user_ids.is_empty() {
        alerts.raise(StaffProblem::Unset { key: "admin.user_ids" });
    }
    for id in &admin.user_ids {
        if let Ok(chat) = i64::try_from(*id) {
            probe(bot, edge, "admin.user_ids", chat, alerts).await;
        }
    }
}

async fn probe(bot: &Bot, edge: &Edge, key: &'static str, chat: i64, alerts: &StaffAlerts) {
    // A short budget: start-up should not hang on a Telegram that is down.
    match super::delivery::deliver(edge, &bot.get_chat(ChatId(chat)), std::time::Duration::from_secs(10))
        .await
    {
        Ok(_) => tracing::info!(key, chat, "staff chat reachable"),
        Err(error) if is_unreachable(&error) || matches!(error, RequestError::Api(ApiError::Unknown(_))) => {
            alerts.raise(StaffProblem::Unreachable { key, chat, error: error.to_string() });
        }
        Err(error) => {
            tracing::warn!(key, chat, %error, "could not check the staff chat (Telegram unreachable?)")
        }
    }
}

/// Tells an admin who writes to the bot in private what is wrong with the staff chats, once.
pub async fn tell_admin(
    bot: &Bot,
    edge: &Edge,
    texts: &Texts,
    alerts: &StaffAlerts,
    chat: ChatId,
    lang: Lang,
) {
    if let Some(text) = alerts.take_untold(texts, lang)
        && let Err(error) = bot.send_message(chat, text).deliver(edge).await
    {
        tracing::warn!(%error, "could not tell the admin about the staff chats");
    }
}
