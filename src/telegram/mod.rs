//! The Telegram edge: how the bot talks to the Bot API and hears from it.
//!
//! - [`delivery`]: every request paced and retried in one place (`.deliver(&app.telegram)`).
//! - [`pacing`]: the per-chat and global limits, shared by guest replies and the staff outbox.
//! - [`inbox`]: at-least-once delivery of updates: each update is made durable before its
//!   offset is confirmed to Telegram, replayed after a crash, and never handled twice.

pub mod delivery;
pub mod inbox;
pub mod pacing;
pub mod staff;

pub use delivery::{Deliver, Edge, RetryPolicy};
pub use pacing::{Pacer, Pacing};
