//! The paced sender of staff notifications (SPEC §6). Handlers and repositories only *write*
//! notices (`db::outbox::enqueue`, in the same transaction as the change); this task delivers them,
//! so a burst of receipts never delays a guest's reply, and a restart or crash loses nothing.
//!
//! - Per chat, strictly in id order (a chat's next notice waits for the previous one).
//! - Paced by the process-wide pacer (`telegram::Pacer`, shared with guest replies): group chats
//!   about 20 messages a minute (`telegram.group_send_interval`), private chats about one a
//!   second. While one chat waits, others are served.
//! - A 429 pauses that chat for the `retry_after` Telegram names and retries the same notice.
//! - Network, 5xx and other passing errors back off (2^n s, at most 5 min).
//! - A staff chat that cannot be reached (the bot is not in the group, an admin never pressed
//!   /start) keeps its notices: retried after 1 min, doubling to 1 h, with a warning naming the
//!   fix; they are delivered once the chat works. A guest's chat that refuses for good (bot
//!   blocked) is recorded and not retried.
//!
//! Delivery is at least once: a crash between Telegram's acceptance and `mark_sent` re-sends that
//! one notice after the restart (the Bot API has no idempotency key).

use std::{collections::HashSet, sync::Arc, time::Duration};

use chrono::Utc;
use sqlx::PgPool;
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{FileId, InlineKeyboardMarkup, InputFile, ParseMode},
};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::{
    db::outbox::{self, Notice},
    telegram::{
        Edge,
        delivery::{Fault, classify},
        staff::{StaffAlerts, StaffProblem, is_unreachable},
    },
};

/// Gives up on a notice after this many attempts that failed for reasons other than 429, the
/// network or an unreachable staff chat (a malformed message will not get better).
const MAX_API_ATTEMPTS: i32 = 5;
const IDLE_POLL: Duration = Duration::from_secs(1);
/// A staff chat the bot cannot reach waits for the owner to fix it: tried again after 1 min,
/// doubling up to an hour, for as long as it takes.
const UNREACHABLE_FIRST_RETRY: u64 = 60;
const UNREACHABLE_MAX_RETRY: u64 = 3600;

pub struct OutboxSender {
    db: PgPool,
    bot: Bot,
    edge: Arc<Edge>,
    wake: Arc<Notify>,
    /// The admin chat, the inform chat and the admins' private chats: their notices are kept
    /// while Telegram says the chat cannot be reached. A guest's are given up (a guest who
    /// blocked the bot will not be reached).
    staff: HashSet<i64>,
    alerts: Arc<StaffAlerts>,
}

impl OutboxSender {
    #[must_use]
    pub fn new(db: PgPool, bot: Bot, edge: Arc<Edge>) -> Self {
        Self {
            db,
            bot,
            edge,
            wake: Arc::new(Notify::new()),
            staff: HashSet::new(),
            alerts: Arc::new(StaffAlerts::default()),
        }
    }

    /// Which chats are staff chats, and where their problems are reported.
    #[must_use]
    pub fn with_staff(mut self, staff: impl IntoIterator<Item = i64>, alerts: Arc<StaffAlerts>) -> Self {
        self.staff = staff.into_iter().collect();
        self.alerts = alerts;
        self
    }

    /// Lets writers wake the sender right after they commit a notice (otherwise it polls).
    #[must_use]
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    pub fn spawn(self, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
        tokio::spawn(self.run(stop))
    }

    async fn run(self, stop: CancellationToken) {
        tracing::info!("outbox sender started");
        while !stop.is_cancelled() {
            let pause = match self.round().await {
                Ok(pause) => pause,
                Err(error) => {
                    tracing::error!(%error, "outbox: database unavailable, retrying");
                    Some(Duration::from_secs(2))
                }
            };
            let pause = pause.unwrap_or(IDLE_POLL);
            tokio::select! {
                () = stop.cancelled() => break,
                () = self.wake.notified() => {}
                () = tokio::time::sleep(pause) => {}
            }
        }
        tracing::info!("outbox sender stopped");
    }

    /// Sends every due notice whose chat may receive one now (the pacer is shared with guest
    /// replies). Returns how long until the next chat becomes ready, `None` when nothing waits.
    async fn round(&self) -> Result<Option<Duration>, crate::db::DbError> {
        let due = outbox::due(&self.db, Utc::now(), 100).await?;
        let mut soonest: Option<Duration> = None;
        let mut sent_any = false;
        for notice in due {
            if let Err(wait) = self.edge.pacer.try_reserve(notice.chat_id) {
                soonest = Some(soonest.map_or(wait, |s| s.min(wait)));
                continue;
            }
            self.deliver(&notice).await?;
            sent_any = true;
        }
        // After sending, look again at once: the next notice of each chat is now due.
        Ok(if sent_any { Some(Duration::ZERO) } else { soonest })
    }

    async fn deliver(&self, notice: &Notice) -> Result<(), crate::db::DbError> {
        let chat = notice.chat_id;
        let error = match self.send(notice).await {
            Ok(message_id) => {
                self.alerts.resolve_chat(chat);
                return outbox::mark_sent(&self.db, notice.id, message_id).await;
            }
            Err(error) => error,
        };
        let retry_in = |wait: Duration| Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
        match classify(&error) {
            Fault::RetryAfter(after) => {
                self.edge.pacer.pause(Some(chat), after);
                tracing::warn!(chat, retry_in = ?after, "outbox: Telegram asked to slow down");
                outbox::retry_at(&self.db, notice.id, retry_in(after), "429 retry_after").await
            }
            Fault::Final if self.staff.contains(&chat) && is_unreachable(&error) => {
                let secs = UNREACHABLE_FIRST_RETRY
                    .saturating_mul(2u64.saturating_pow(notice.attempts.clamp(0, 16) as u32))
                    .min(UNREACHABLE_MAX_RETRY);
                let key = self.staff_key(chat);
                self.alerts.raise(StaffProblem::Unreachable { key, chat, error: error.to_string() });
                let wait = Duration::from_secs(secs);
                tracing::warn!(chat, notice = notice.id, retry_in = ?wait, "outbox: staff notice kept until the chat works");
                outbox::retry_at(&self.db, notice.id, retry_in(wait), &error.to_string()).await
            }
            Fault::Final if is_permanent(&error) || notice.attempts + 1 >= MAX_API_ATTEMPTS => {
                tracing::error!(chat, notice = notice.id, %error, "outbox: Telegram refused the notice for good");
                outbox::give_up(&self.db, notice.id, &error.to_string()).await
            }
            Fault::Final | Fault::Passing => {
                let backoff =
                    Duration::from_secs(2u64.saturating_pow(notice.attempts.clamp(0, 8) as u32 + 1).min(300));
                tracing::warn!(chat, notice = notice.id, %error, retry_in = ?backoff, "outbox: delivery failed");
                outbox::retry_at(&self.db, notice.id, retry_in(backoff), &error.to_string()).await
            }
        }
    }

    /// Which setting names this staff chat (for the owner's warning).
    fn staff_key(&self, chat: i64) -> &'static str {
        if chat > 0 { "admin.user_ids" } else { "admin.chat_id / admin.inform_chat_id" }
    }

    async fn send(&self, notice: &Notice) -> Result<i32, RequestError> {
        let chat = ChatId(notice.chat_id);
        let markup: Option<InlineKeyboardMarkup> =
            notice.reply_markup.clone().and_then(|value| serde_json::from_value(value).ok());
        let file = || InputFile::file_id(FileId(notice.file_id.clone().unwrap_or_default()));
        // The three request builders are different types; this attaches the buttons to any of them.
        macro_rules! send_with_markup {
            ($request:expr) => {{
                let request = $request.parse_mode(ParseMode::Html);
                match markup {
                    Some(markup) => request.reply_markup(markup).await?,
                    None => request.await?,
                }
            }};
        }
        let message = match notice.kind.as_str() {
            "photo" => send_with_markup!(self.bot.send_photo(chat, file()).caption(&notice.body)),
            "document" => send_with_markup!(self.bot.send_document(chat, file()).caption(&notice.body)),
            _ => send_with_markup!(self.bot.send_message(chat, &notice.body)),
        };
        Ok(message.id.0)
    }
}

/// Refusals of a guest's chat that retrying cannot fix.
fn is_permanent(error: &RequestError) -> bool {
    is_unreachable(error)
        || matches!(error, RequestError::Api(ApiError::CantTalkWithBots | ApiError::BotKickedFromChannel))
}
