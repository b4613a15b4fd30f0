//! The bot layer's error. Handlers return it; the dispatcher's error handler logs it. What the
//! guest is told is decided by the handler that knows the chat (`error-internal` text).

use teloxide::RequestError;

#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error("telegram request failed: {0}")]
    Telegram(#[from] RequestError),
    #[error("dialogue storage failed: {0}")]
    Storage(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("data layer: {0}")]
    Data(#[from] crate::db::DbError),
    /// A stored draft lacks what its step needs (a bug, or a state written by another version).
    #[error("inconsistent draft: {0}")]
    Draft(String),
    /// The guest's own record could not be read when the update came in (the database was
    /// unreachable): a step that needs it cannot go on now, but a retry may work.
    #[error("the guest's record is not available (database unreachable when the update came in)")]
    GuestUnknown,
    /// A value the checks before this point should have excluded (a bug, never user input).
    #[error("unexpected: {0}")]
    Unexpected(&'static str),
}

impl From<Box<dyn std::error::Error + Send + Sync>> for HandlerError {
    fn from(error: Box<dyn std::error::Error + Send + Sync>) -> Self {
        Self::Storage(error)
    }
}
