//! The paced sender of staff notifications (SPEC §6). Handlers and repositories only *write*
//! notices (`db::outbox::enqueue`, in the same transaction as the change); this task delivers them,
//! so a burst of receipts never delays a guest's reply, and a restart or crash loses nothing.
//!
//! - Per chat, strictly in id order (a chat's next notice waits for the previous one).
//! - Paced per chat: group chats allow about 20 messages a minute (`admin.group_send_interval`,
//!   default 3 s), private chats about one a second. While one chat waits, others are served.
//! - A 429 pauses that chat for the `retry_after` Telegram names and retries the same notice.
//! - Network and other passing errors back off (2^n s, at most 5 min); a refusal that cannot get
//!   better (bot blocked or removed, chat gone) is recorded and not retried.
//!
//! Delivery is at least once: a crash between Telegram's acceptance and `mark_sent` re-sends that
//! one notice after the restart (the Bot API has no idempotency key).

use std::{collections::HashMap, sync::Arc, time::Duration};

use chrono::Utc;
use sqlx::PgPool;
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{FileId, InlineKeyboardMarkup, InputFile, ParseMode},
};
use tokio::{sync::Notify, time::Instant};
use tokio_util::sync::CancellationToken;

use crate::db::outbox::{self, Notice};

/// Minimum time between two notices to one chat.
#[derive(Debug, Clone, Copy)]
pub struct Pacing {
    pub group: Duration,
    pub private: Duration,
}

impl Pacing {
    fn for_chat(self, chat_id: i64) -> Duration {
        if chat_id < 0 { self.group } else { self.private }
    }
}

/// Gives up on a notice after this many attempts that failed for reasons other than 429 or the
/// network (a malformed message will not get better).
const MAX_API_ATTEMPTS: i32 = 5;
const IDLE_POLL: Duration = Duration::from_secs(1);

pub struct OutboxSender {
    db: PgPool,
    bot: Bot,
    pacing: Pacing,
    wake: Arc<Notify>,
    /// When each chat may receive its next notice.
    next_allowed: HashMap<i64, Instant>,
}

impl OutboxSender {
    #[must_use]
    pub fn new(db: PgPool, bot: Bot, pacing: Pacing) -> Self {
        Self { db, bot, pacing, wake: Arc::new(Notify::new()), next_allowed: HashMap::new() }
    }

    /// Lets writers wake the sender right after they commit a notice (otherwise it polls).
    #[must_use]
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    pub fn spawn(self, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
        tokio::spawn(self.run(stop))
    }

    async fn run(mut self, stop: CancellationToken) {
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

    /// Sends every due notice whose chat may receive one now. Returns how long until the next
    /// chat becomes ready, `None` when nothing is waiting.
    async fn round(&mut self) -> Result<Option<Duration>, crate::db::DbError> {
        let due = outbox::due(&self.db, Utc::now(), 100).await?;
        let mut soonest: Option<Duration> = None;
        let mut sent_any = false;
        for notice in due {
            let wait = self
                .next_allowed
                .get(&notice.chat_id)
                .map_or(Duration::ZERO, |t| t.saturating_duration_since(Instant::now()));
            if !wait.is_zero() {
                soonest = Some(soonest.map_or(wait, |s| s.min(wait)));
                continue;
            }
            self.deliver(&notice).await?;
            sent_any = true;
        }
        // After sending, look again at once: the next notice of each chat is now due.
        Ok(if sent_any { Some(Duration::ZERO) } else { soonest })
    }

    async fn deliver(&mut self, notice: &Notice) -> Result<(), crate::db::DbError> {
        let chat = notice.chat_id;
        let pace = self.pacing.for_chat(chat);
        self.next_allowed.insert(chat, Instant::now() + pace);
        match self.send(notice).await {
            Ok(message_id) => outbox::mark_sent(&self.db, notice.id, message_id).await,
            Err(RequestError::RetryAfter(after)) => {
                let wait = after.duration().max(pace);
                self.next_allowed.insert(chat, Instant::now() + wait);
                tracing::warn!(chat, retry_in = ?wait, "outbox: Telegram asked to slow down");
                let at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
                outbox::retry_at(&self.db, notice.id, at, "429 retry_after").await
            }
            Err(RequestError::Api(api)) if is_permanent(&api) => {
                tracing::error!(chat, notice = notice.id, error = %api, "outbox: Telegram refused the notice for good");
                outbox::give_up(&self.db, notice.id, &api.to_string()).await
            }
            Err(RequestError::Api(api)) if notice.attempts + 1 >= MAX_API_ATTEMPTS => {
                tracing::error!(chat, notice = notice.id, error = %api, "outbox: giving up after repeated refusals");
                outbox::give_up(&self.db, notice.id, &api.to_string()).await
            }
            Err(error) => {
                let backoff =
                    Duration::from_secs(2u64.saturating_pow(notice.attempts.clamp(0, 8) as u32 + 1).min(300));
                tracing::warn!(chat, notice = notice.id, %error, retry_in = ?backoff, "outbox: delivery failed");
                let at = Utc::now() + chrono::Duration::from_std(backoff).unwrap_or_default();
                outbox::retry_at(&self.db, notice.id, at, &error.to_string()).await
            }
        }
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

/// Refusals that retrying cannot fix.
fn is_permanent(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::BotBlocked
            | ApiError::ChatNotFound
            | ApiError::UserDeactivated
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots
    )
}
