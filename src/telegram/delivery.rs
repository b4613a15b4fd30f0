//! Every request the bot makes goes through [`Deliver::deliver`]: paced by the shared
//! [`Pacer`], and retried while Telegram or the network is failing in a way that passes —
//! 429 after its `retry_after`, 5xx / an HTML error page / a dropped connection with a bounded
//! backoff — for at most `telegram.retry_for`. A refusal that retrying cannot fix (chat not
//! found, bad request) is returned at once.
//!
//! Handlers take plain `Bot` (teloxide_tests swaps in its own), so this is an extension of the
//! request rather than a `Requester` adaptor: `bot.send_message(chat, text).deliver(&app.telegram)`.

use std::{future::Future, time::Duration};

use teloxide::{
    ApiError, RequestError,
    payloads::{
        AnswerCallbackQuery, DeleteWebhook, EditMessageCaption, EditMessageReplyMarkup, EditMessageText,
        GetChat, SendDocument, SendMessage, SendPhoto, SetMyCommands,
    },
    requests::{Output, Request},
    types::Recipient,
};
use tokio::time::Instant;

use super::pacing::{Pacer, Pacing};

/// How long and how often a failing request is tried again.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Give up once this much time has passed since the first attempt.
    pub retry_for: Duration,
    /// The first backoff after a 5xx or network failure; it doubles up to `max_backoff`.
    pub first_backoff: Duration,
    /// Small, so a reply arrives within seconds of Telegram recovering (teloxide itself waits
    /// 10 s after a 5xx before it reports it).
    pub max_backoff: Duration,
}

impl RetryPolicy {
    #[must_use]
    pub fn new(retry_for: Duration) -> Self {
        Self { retry_for, first_backoff: Duration::from_millis(500), max_backoff: Duration::from_secs(4) }
    }

    fn backoff(self, attempt: u32) -> Duration {
        self.first_backoff.saturating_mul(2u32.saturating_pow(attempt.min(16))).min(self.max_backoff)
    }
}

/// Pacing and retries, shared by every handler and the outbox sender (one per process).
#[derive(Debug)]
pub struct Edge {
    pub pacer: Pacer,
    pub policy: RetryPolicy,
}

impl Edge {
    #[must_use]
    pub fn new(pacing: Pacing, policy: RetryPolicy) -> Self {
        Self { pacer: Pacer::new(pacing), policy }
    }
}

/// What a failed request tells us about trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429: Telegram names the wait.
    RetryAfter(Duration),
    /// 5xx, an unparseable (HTML) answer, a network or I/O error: may pass.
    Passing,
    /// A refusal that the same request will get again.
    Final,
}

#[must_use]
pub fn classify(error: &RequestError) -> Fault {
    match error {
        RequestError::RetryAfter(after) => Fault::RetryAfter(after.duration()),
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => Fault::Passing,
        RequestError::Api(ApiError::Unknown(description)) if is_server_error(description) => Fault::Passing,
        RequestError::Api(_) | RequestError::MigrateToChatId(_) => Fault::Final,
    }
}

/// teloxide keeps only the description of an error answer; these are Telegram's 5xx ones.
fn is_server_error(description: &str) -> bool {
    const PASSING: [&str; 5] = [
        "Internal Server Error",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
        "Too Many Requests",
    ];
    PASSING.iter().any(|p| description.starts_with(p))
}

/// The chat a request writes to, for per-chat pacing (`None`: counted only globally).
pub trait Target {
    fn target_chat(&self) -> Option<i64>;
}

fn recipient_id(recipient: &Recipient) -> Option<i64> {
    match recipient {
        Recipient::Id(id) => Some(id.0),
        Recipient::ChannelUsername(_) => None,
    }
}

macro_rules! chat_targets {
    ($($payload:ty),*) => {$(
        impl Target for $payload {
            fn target_chat(&self) -> Option<i64> { recipient_id(&self.chat_id) }
        }
    )*};
}
chat_targets!(
    SendMessage,
    SendPhoto,
    SendDocument,
    EditMessageText,
    EditMessageCaption,
    EditMessageReplyMarkup
);

macro_rules! global_targets {
    ($($payload:ty),*) => {$(
        impl Target for $payload {
            fn target_chat(&self) -> Option<i64> { None }
        }
    )*};
}
global_targets!(AnswerCallbackQuery, DeleteWebhook, GetChat, SetMyCommands);

/// Sends `request`, paced, retrying passing failures for at most `retry_for`.
pub async fn deliver<R>(edge: &Edge, request: &R, retry_for: Duration) -> Result<Output<R>, RequestError>
where
    R: Request<Err = RequestError> + Sync,
    R::Payload: Target,
{
    let chat = request.payload_ref().target_chat();
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        let wait = edge.pacer.reserve(chat);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        let error = match request.send_ref().await {
            Ok(output) => return Ok(output),
            Err(error) => error,
        };
        let wait = match classify(&error) {
            Fault::Final => return Err(error),
            Fault::RetryAfter(after) => {
                edge.pacer.pause(chat, after);
                after
            }
            Fault::Passing => edge.policy.backoff(attempt),
        };
        if started.elapsed() + wait > retry_for {
            tracing::error!(chat, attempts = attempt + 1, %error, "Telegram request failed; giving up");
            return Err(error);
        }
        tracing::warn!(chat, attempt = attempt + 1, retry_in = ?wait, %error, "Telegram request failed; retrying");
        attempt += 1;
        tokio::time::sleep(wait).await;
    }
}

/// A callback answer only clears the button's spinner (Telegram refuses it ~15 s after the
/// press anyway): it may hold the handler up for this long at most — teloxide itself sleeps
/// 10 s after a 5xx, so this is a time-out, not only a retry budget — and its failure never
/// fails the handler: the press is handled all the same.
const BEST_EFFORT_FOR: Duration = Duration::from_secs(3);

/// `.deliver(&edge)` and `.quietly(&edge)` on any request the bot makes.
pub trait Deliver: Request<Err = RequestError> + Send + Sync + Sized
where
    Self::Payload: Target,
{
    /// Paced, retried; the handler learns only of failures that did not pass.
    fn deliver(self, edge: &Edge) -> impl Future<Output = Result<Output<Self>, RequestError>> + Send
    where
        Output<Self>: Send,
    {
        async move { deliver(edge, &self, edge.policy.retry_for).await }
    }

    /// For requests whose failure must not stop the handler (answerCallbackQuery): a short
    /// retry, then a log line.
    fn quietly(self, edge: &Edge) -> impl Future<Output = ()> + Send
    where
        Output<Self>: Send,
    {
        async move {
            match tokio::time::timeout(BEST_EFFORT_FOR, deliver(edge, &self, BEST_EFFORT_FOR)).await {
                Ok(Ok(_)) => {}
                Ok(Err(error)) => tracing::warn!(%error, "a best-effort Telegram request failed"),
                Err(_) => tracing::warn!("a best-effort Telegram request timed out"),
            }
        }
    }
}

impl<R> Deliver for R
where
    R: Request<Err = RequestError> + Send + Sync,
    R::Payload: Target,
{
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_errors_and_broken_answers_pass_refusals_do_not() {
        let unknown = |s: &str| RequestError::Api(ApiError::Unknown(s.to_owned()));
        assert_eq!(classify(&unknown("Bad Gateway")), Fault::Passing);
        assert_eq!(classify(&unknown("Internal Server Error")), Fault::Passing);
        assert_eq!(classify(&unknown("Bad Request: can't parse entities")), Fault::Final);
        assert_eq!(classify(&RequestError::Api(ApiError::ChatNotFound)), Fault::Final);
        let html = serde_json::from_str::<serde_json::Value>("<html>").unwrap_err();
        let invalid = RequestError::InvalidJson { source: std::sync::Arc::new(html), raw: "<html>".into() };
        assert_eq!(classify(&invalid), Fault::Passing);
        let seconds = teloxide::types::Seconds::from_seconds(3);
        assert_eq!(classify(&RequestError::RetryAfter(seconds)), Fault::RetryAfter(Duration::from_secs(3)));
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let policy = RetryPolicy::new(Duration::from_secs(60));
        let waits: Vec<_> = (0..6).map(|a| policy.backoff(a).as_millis()).collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 4000, 4000]);
    }
}
