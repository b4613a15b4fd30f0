//! At-least-once delivery of updates, with no update handled twice.
//!
//! teloxide's `Polling` confirms a batch (the next getUpdates offset) before the dispatcher has
//! handled it, so a kill -9 loses whatever was in flight. Here the listener writes each update
//! to the session store (`inbox:u:<id>`, durable per `sessions.fsync`) and raises the stored
//! watermark *before* it asks for the next batch. The handler tree is wrapped by [`track`]:
//! when an update starts, its entry records the chat's dialogue state as it was; when it ends,
//! the entry is removed. At start-up [`Inbox::replay`] hands every entry still there back to
//! the dispatcher, after putting back the recorded state of one that had started — so a
//! half-handled update runs again from the state it arrived in, not from a state it had already
//! advanced ("stored but unanswered" cannot happen). An update Telegram sends again (its offset
//! was never confirmed) is at or below the watermark and is skipped.
//!
//! What remains at-least-once: an update that finished its work but was killed before its entry
//! was removed runs once more (from its original state, so the guest sees the same screen again).

use std::{collections::VecDeque, convert::Infallible, sync::Arc, time::Duration};

use futures::Stream;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use teloxide::{
    dispatching::UpdateHandler,
    prelude::*,
    stop::{StopFlag, StopToken, mk_stop_token},
    types::{Update, UpdateId},
    update_listeners::{StatefulListener, UpdateListener},
};

use crate::{
    session::SessionStorage,
    store::{StoreError, TtlStore},
};

const ENTRY_PREFIX: &str = "inbox:u:";
const WATERMARK_KEY: &str = "inbox:watermark";
/// An entry older than this is stale (Telegram itself keeps updates for 24 hours).
const ENTRY_TTL: Duration = Duration::from_secs(7 * 86_400);
/// The watermark must outlive any quiet period of the bot.
const WATERMARK_TTL: Duration = Duration::from_secs(10 * 365 * 86_400);

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    update: Update,
    /// Set when handling began: the chat's stored dialogue state at that moment (`None` inside
    /// means the chat had no stored state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    started: Option<Started>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Started {
    state: Option<Box<RawValue>>,
}

fn entry_key(id: UpdateId) -> String {
    // Zero-padded so that key order is update order.
    format!("{ENTRY_PREFIX}{:010}", id.0)
}

#[derive(Debug)]
pub struct Inbox {
    sessions: Arc<SessionStorage>,
}

impl Inbox {
    #[must_use]
    pub fn new(sessions: Arc<SessionStorage>) -> Arc<Self> {
        Arc::new(Self { sessions })
    }

    fn store(&self) -> &Arc<TtlStore> {
        self.sessions.store()
    }

    /// The highest update id ever received (`None` on a fresh store).
    #[must_use]
    pub fn watermark(&self) -> Option<u32> {
        self.store().get_with(WATERMARK_KEY, |raw| serde_json::from_str::<u32>(raw.get()).ok()).flatten()
    }

    /// Makes a fetched batch durable and returns the updates not seen before, in order. Only
    /// after this returns may the batch be confirmed to Telegram.
    pub async fn receive(&self, batch: Vec<Update>) -> Result<Vec<Update>, StoreError> {
        let seen = self.watermark();
        let fresh: Vec<Update> = batch.into_iter().filter(|u| seen.is_none_or(|w| u.id.0 > w)).collect();
        let Some(highest) = fresh.iter().map(|u| u.id.0).max() else { return Ok(fresh) };
        let writes = fresh.iter().map(|update| async move {
            let entry = Entry { update: update.clone(), started: None };
            self.store().set(&entry_key(update.id), to_raw(&entry), ENTRY_TTL).await
        });
        // Concurrent writes share one fsync (the store's group commit).
        for result in futures::future::join_all(writes).await {
            result?;
        }
        self.store().set(WATERMARK_KEY, to_raw(&highest), WATERMARK_TTL).await?;
        Ok(fresh)
    }

    /// Updates left from the last run, oldest first. A started one gets its chat's recorded
    /// state back first, so it runs again from where it began.
    pub async fn replay(&self) -> Result<Vec<Update>, StoreError> {
        let mut updates = Vec::new();
        for (key, raw) in self.store().entries_with_prefix(ENTRY_PREFIX) {
            let entry: Entry = match serde_json::from_str(raw.get()) {
                Ok(entry) => entry,
                Err(error) => {
                    tracing::error!(%key, %error, "an inbox entry is unreadable; dropping it");
                    self.store().remove(&key).await?;
                    continue;
                }
            };
            if let (Some(started), Some(chat)) = (entry.started, entry.update.chat()) {
                self.sessions.restore_raw_state(chat.id, started.state).await?;
            }
            updates.push(entry.update);
        }
        if !updates.is_empty() {
            tracing::warn!(
                count = updates.len(),
                "replaying updates that were not finished before the last stop"
            );
        }
        Ok(updates)
    }

    /// Marks `update` as started, recording its chat's dialogue state as it is now ([`track`]).
    pub async fn start(&self, update: &Update) -> Result<(), StoreError> {
        let state = update.chat().and_then(|chat| self.sessions.raw_state(chat.id));
        let entry = Entry { update: update.clone(), started: Some(Started { state }) };
        self.store().set(&entry_key(update.id), to_raw(&entry), ENTRY_TTL).await
    }

    /// The update was handled: it is not replayed ([`track`]).
    pub async fn finish(&self, id: UpdateId) -> Result<(), StoreError> {
        self.store().remove(&entry_key(id)).await.map(drop)
    }
}

fn to_raw<T: Serialize>(value: &T) -> Box<RawValue> {
    // Updates and integers always serialise.
    serde_json::value::to_raw_value(value)
        .unwrap_or_else(|_| RawValue::from_string("null".into()).unwrap_or_default())
}

/// Wraps the handler tree: an update's inbox entry is marked started before the tree sees it
/// and removed once the tree (and any error handling inside it) is done with it.
#[must_use]
pub fn track<E>(inbox: Arc<Inbox>, tree: UpdateHandler<E>) -> UpdateHandler<E>
where
    E: Send + Sync + 'static,
{
    let wrapper = dptree::from_fn(
        move |deps: dptree::di::DependencyMap, cont| {
            let inbox = inbox.clone();
            async move {
                let update: Arc<Update> = deps.get();
                if let Err(error) = inbox.start(&update).await {
                    tracing::error!(update_id = update.id.0, %error, "could not record the update as started");
                }
                let outcome = cont(deps).await;
                if let Err(error) = inbox.finish(update.id).await {
                    tracing::error!(update_id = update.id.0, %error, "could not record the update as done");
                }
                outcome
            }
        },
        dptree::HandlerSignature::Entry,
    );
    wrapper.chain(tree)
}

/// getUpdates long polling through the inbox: the replayed updates first, then each fetched
/// batch once it is durable. Errors are retried here with a backoff (and logged), so the
/// stream never ends until the stop token is used.
pub struct InboxPolling {
    source: Source,
    ready: VecDeque<Update>,
    token: StopToken,
    flag: StopFlag,
}

struct Source {
    bot: Bot,
    /// Touched after each successful poll (the container healthcheck).
    heartbeat: Option<std::path::PathBuf>,
    inbox: Arc<Inbox>,
    timeout: Duration,
    offset: i32,
    failures: u32,
}

impl InboxPolling {
    pub async fn new(
        bot: Bot,
        inbox: Arc<Inbox>,
        timeout: Duration,
        heartbeat: Option<std::path::PathBuf>,
    ) -> Result<Self, StoreError> {
        let ready: VecDeque<Update> = inbox.replay().await?.into();
        let offset = inbox.watermark().map_or(0, |w| i32::try_from(w).unwrap_or(i32::MAX).saturating_add(1));
        let (token, flag) = mk_stop_token();
        Ok(Self {
            source: Source { bot, heartbeat, inbox, timeout, offset, failures: 0 },
            ready,
            token,
            flag,
        })
    }

    /// The listener the dispatcher runs.
    pub fn into_listener(self) -> impl UpdateListener<Err = Infallible> {
        StatefulListener::new(self, Self::stream, |polling: &mut Self| polling.token.clone())
    }

    fn stream(&mut self) -> impl Stream<Item = Result<Update, Infallible>> + Send + '_ {
        futures::stream::unfold(self, |polling| async move {
            loop {
                if let Some(update) = polling.ready.pop_front() {
                    return Some((Ok(update), polling));
                }
                if polling.flag.is_stopped() {
                    return None;
                }
                tokio::select! {
                    () = &mut polling.flag => return None,
                    fresh = polling.source.fetch() => polling.ready.extend(fresh),
                }
            }
        })
    }
}

impl Source {
    async fn fetch(&mut self) -> Vec<Update> {
        let timeout = u32::try_from(self.timeout.as_secs()).unwrap_or(u32::MAX);
        match self.bot.get_updates().offset(self.offset).timeout(timeout).await {
            Ok(batch) => {
                self.failures = 0;
                if let Some(path) = &self.heartbeat {
                    crate::health::beat(path).await;
                }
                let Some(last) = batch.iter().map(|u| u.id.0).max() else { return Vec::new() };
                let fresh = match self.inbox.receive(batch.clone()).await {
                    Ok(fresh) => fresh,
                    Err(error) => {
                        // Without a working store nothing is durable anyway; handle the batch
                        // rather than stall every guest.
                        tracing::error!(%error, "could not store incoming updates; handling them without a crash guarantee");
                        batch
                    }
                };
                self.offset = i32::try_from(last).unwrap_or(i32::MAX).saturating_add(1);
                fresh
            }
            Err(error) => {
                self.failures += 1;
                // Short: a guest's update waits for the next successful poll.
                let wait = Duration::from_secs(u64::from(self.failures.min(5)));
                tracing::warn!(%error, retry_in = ?wait, "getUpdates failed; retrying");
                tokio::time::sleep(wait).await;
                Vec::new()
            }
        }
    }
}
