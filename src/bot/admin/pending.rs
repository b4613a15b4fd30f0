//! "Edit price / prepayment" waiting for the amount, kept per admin (store key
//! `admin-edit:<user id>`), not as the chat's dialogue: two admins editing in one group do not
//! overwrite each other, and everyone else in that group is answered as usual meanwhile.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use teloxide::types::{Message, UserId};

use crate::{
    app::App,
    bot::{AmountField, ApprovalMessage, HandlerError},
};

/// How long an edit waits for its amount.
const WAITS_FOR: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingEdit {
    pub booking_id: i64,
    pub field: AmountField,
    /// The chat where Edit was pressed: the amount is taken there only.
    pub chat_id: i64,
    /// The approval message to redraw afterwards.
    pub message: Option<ApprovalMessage>,
    pub admin_id: u64,
}

fn key(admin: UserId) -> String {
    format!("admin-edit:{}", admin.0)
}

pub async fn put(app: &App, edit: PendingEdit) -> Result<(), HandlerError> {
    let value = serde_json::value::to_raw_value(&edit).map_err(|e| HandlerError::Storage(Box::new(e)))?;
    let stored = app.sessions.store().set(&key(UserId(edit.admin_id)), value, WAITS_FOR).await;
    stored.map_err(|e| HandlerError::Storage(Box::new(e)))
}

/// The edit a message answers: its sender has one pending, pressed in this chat.
#[must_use]
pub fn for_message(app: &App, msg: &Message) -> Option<PendingEdit> {
    let from = msg.from.as_ref()?.id;
    let edit = app
        .sessions
        .store()
        .get_with(&key(from), |raw| serde_json::from_str::<PendingEdit>(raw.get()))?
        .ok()?;
    (edit.chat_id == msg.chat.id.0).then_some(edit)
}

pub async fn clear(app: &App, admin: u64) -> Result<(), HandlerError> {
    let removed = app.sessions.store().remove(&key(UserId(admin))).await;
    removed.map(drop).map_err(|e| HandlerError::Storage(Box::new(e)))
}
