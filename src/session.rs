//! teloxide's dialogue `Storage` over our [`TtlStore`]: key `dialogue:<chat_id>`, value the
//! serde_json of the dialogue state, TTL `sessions.ttl` sliding on every update.
//!
//! A stored state that no longer deserialises (the `State` enum changed in an upgrade) is removed
//! and reported as "no dialogue", so that chat restarts at the menu instead of being soft-locked
//! (teloxide #1156); the chat is remembered so the bot can apologise once ([`SessionStorage::take_reset`]).

use std::{sync::Arc, time::Duration};

use dashmap::DashSet;
use futures::future::BoxFuture;
use serde::{Serialize, de::DeserializeOwned};
use teloxide::{dispatching::dialogue::Storage, types::ChatId};
use tokio_util::sync::CancellationToken;

use crate::{
    settings::SessionSettings,
    store::{StoreError, StoreOptions, TtlStore},
};

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot serialise the dialogue state: {0}")]
    Encode(#[from] serde_json::Error),
    /// teloxide's storage contract: removing a dialogue that does not exist is an error.
    #[error("dialogue not found")]
    DialogueNotFound,
}

#[derive(Debug)]
pub struct SessionStorage {
    store: Arc<TtlStore>,
    ttl: Duration,
    reset_chats: DashSet<i64>,
}

impl SessionStorage {
    /// Opens the store at `sessions.path` with the configured durability. Blocking.
    pub fn open(settings: &SessionSettings) -> Result<Arc<Self>, StoreError> {
        let options = StoreOptions {
            fsync: settings.fsync,
            batch_interval: settings.batch_interval,
            ..StoreOptions::default()
        };
        let store = TtlStore::open(&settings.path, options)?;
        Ok(Self::new(Arc::new(store), settings.ttl))
    }

    #[must_use]
    pub fn new(store: Arc<TtlStore>, ttl: Duration) -> Arc<Self> {
        Arc::new(Self { store, ttl, reset_chats: DashSet::new() })
    }

    #[must_use]
    pub fn store(&self) -> &Arc<TtlStore> {
        &self.store
    }

    /// True once after this chat's stored state was discarded as unreadable.
    #[must_use]
    pub fn take_reset(&self, chat: ChatId) -> bool {
        self.reset_chats.remove(&chat.0).is_some()
    }

    /// Sweeps expired dialogues every `every` until `stop` is cancelled.
    pub fn spawn_sweeper(&self, every: Duration, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
        let store = self.store.clone();
        // Opening the store already swept once.
        crate::periodic::spawn_every(every, crate::periodic::First::AfterPeriod, stop, move || {
            let swept = store.sweep_expired();
            tracing::info!(swept, "expired dialogues swept");
            std::future::ready(())
        })
    }

    /// Flushes and closes the store (shutdown).
    pub async fn close(&self) -> Result<(), StoreError> {
        self.store.close().await
    }
}

impl SessionStorage {
    /// The chat's stored state as it is on disk (the inbox snapshots it before an update is
    /// handled, to replay that update from the same state after a crash).
    #[must_use]
    pub fn raw_state(&self, chat: ChatId) -> Option<Box<serde_json::value::RawValue>> {
        self.store.get(&key(chat))
    }

    /// Puts back a state taken with [`SessionStorage::raw_state`] (`None`: no dialogue).
    pub async fn restore_raw_state(
        &self,
        chat: ChatId,
        state: Option<Box<serde_json::value::RawValue>>,
    ) -> Result<(), StoreError> {
        match state {
            Some(value) => self.store.set(&key(chat), value, self.ttl).await,
            None => self.store.remove(&key(chat)).await.map(drop),
        }
    }
}

fn key(chat: ChatId) -> String {
    format!("dialogue:{}", chat.0)
}

impl<D> Storage<D> for SessionStorage
where
    D: Serialize + DeserializeOwned + Send + 'static,
{
    type Error = SessionError;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            match self.store.remove(&key(chat_id)).await? {
                true => Ok(()),
                false => Err(SessionError::DialogueNotFound),
            }
        })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: D,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let value = serde_json::value::to_raw_value(&dialogue)?;
            self.store.set(&key(chat_id), value, self.ttl).await?;
            Ok(())
        })
    }

    fn get_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            let key = key(chat_id);
            let Some(decoded) = self.store.get_with(&key, |raw| serde_json::from_str::<D>(raw.get())) else {
                return Ok(None);
            };
            match decoded {
                Ok(dialogue) => Ok(Some(dialogue)),
                Err(error) => {
                    tracing::warn!(chat_id = chat_id.0, %error, "stored dialogue state is unreadable; resetting the chat");
                    self.store.remove(&key).await?;
                    self.reset_chats.insert(chat_id.0);
                    Ok(None)
                }
            }
        })
    }
}
