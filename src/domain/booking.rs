//! The booking lifecycle (SPEC §4): statuses, who may move a booking where, and what blocks the
//! house. The database applies each transition as one guarded UPDATE.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    PendingPayment,
    AwaitingApproval,
    Confirmed,
    Completed,
    Cancelled,
    Rejected,
    Expired,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 7] = [
        BookingStatus::PendingPayment,
        BookingStatus::AwaitingApproval,
        BookingStatus::Confirmed,
        BookingStatus::Completed,
        BookingStatus::Cancelled,
        BookingStatus::Rejected,
        BookingStatus::Expired,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::PendingPayment => "pending_payment",
            BookingStatus::AwaitingApproval => "awaiting_approval",
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Completed => "completed",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Rejected => "rejected",
            BookingStatus::Expired => "expired",
        }
    }

    /// Whether a booking in this status holds its slot (SPEC §3.5).
    #[must_use]
    pub fn blocks_the_house(self) -> bool {
        matches!(
            self,
            BookingStatus::PendingPayment | BookingStatus::AwaitingApproval | BookingStatus::Confirmed
        )
    }
}

impl fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BookingStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BookingStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| format!("unknown status {s:?}"))
    }
}

/// How a receipt was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptKind {
    Photo,
    Document,
}

impl ReceiptKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptKind::Photo => "photo",
            ReceiptKind::Document => "document",
        }
    }
}

impl FromStr for ReceiptKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "photo" => Ok(ReceiptKind::Photo),
            "document" => Ok(ReceiptKind::Document),
            other => Err(format!("unknown receipt kind {other:?}")),
        }
    }
}

/// Whether a document sent as a receipt can be one: a PDF or an image (a bank app's export or a
/// screenshot sent "as a file"). Telegram's MIME type decides; without one, the file name's
/// extension. Anything else (an archive, a program) is refused before it reaches the admins.
#[must_use]
pub fn receipt_document_allowed(mime: Option<&str>, file_name: Option<&str>) -> bool {
    const EXTENSIONS: [&str; 7] = ["pdf", "jpg", "jpeg", "png", "heic", "heif", "webp"];
    if let Some(mime) = mime.map(str::trim).filter(|m| !m.is_empty()) {
        let mime = mime.to_ascii_lowercase();
        return mime == "application/pdf" || mime.starts_with("image/");
    }
    file_name
        .and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Where a booking came from: the bot itself, or the staff taking it by hand (a booking without a
/// Telegram guest). Stored as text in `bookings.source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum BookingSource {
    Bot,
    Phone,
    WalkIn,
    /// Another channel (a messenger, a booking site).
    Other,
}

impl BookingSource {
    /// The sources a booking taken by hand can have.
    pub const BY_HAND: [BookingSource; 3] =
        [BookingSource::Phone, BookingSource::WalkIn, BookingSource::Other];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BookingSource::Bot => "bot",
            BookingSource::Phone => "phone",
            BookingSource::WalkIn => "walk_in",
            BookingSource::Other => "other",
        }
    }

    /// `None` for a value this version never writes.
    #[must_use]
    pub fn from_stored(stored: &str) -> Option<Self> {
        [BookingSource::Bot, BookingSource::Phone, BookingSource::WalkIn, BookingSource::Other]
            .into_iter()
            .find(|s| s.as_str() == stored)
    }
}

/// Who changed a booking (the audit trail records it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Guest { telegram_id: i64 },
    Admin { telegram_id: i64 },
    System,
}

impl Actor {
    #[must_use]
    pub fn kind(self) -> &'static str {
        match self {
            Actor::Guest { .. } => "guest",
            Actor::Admin { .. } => "admin",
            Actor::System => "system",
        }
    }

    #[must_use]
    pub fn telegram_id(self) -> Option<i64> {
        match self {
            Actor::Guest { telegram_id } | Actor::Admin { telegram_id } => Some(telegram_id),
            Actor::System => None,
        }
    }
}

/// A status change and the statuses it may start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// The guest sent the receipt.
    ReceiptReceived,
    Approve,
    Reject,
    Cancel,
    /// After checkout (job) or by an admin.
    Complete,
    /// The payment hold ran out (job).
    Expire,
}

impl Transition {
    pub const ALL: [Transition; 6] = [
        Transition::ReceiptReceived,
        Transition::Approve,
        Transition::Reject,
        Transition::Cancel,
        Transition::Complete,
        Transition::Expire,
    ];

    #[must_use]
    pub fn from(self) -> &'static [BookingStatus] {
        use BookingStatus::*;
        match self {
            Transition::ReceiptReceived => &[PendingPayment],
            // An admin may confirm before a receipt arrives (cash, a transfer seen in the bank).
            Transition::Approve => &[PendingPayment, AwaitingApproval],
            Transition::Reject => &[PendingPayment, AwaitingApproval],
            Transition::Cancel => &[PendingPayment, AwaitingApproval, Confirmed],
            Transition::Complete => &[Confirmed],
            Transition::Expire => &[PendingPayment],
        }
    }

    #[must_use]
    pub fn to(self) -> BookingStatus {
        match self {
            Transition::ReceiptReceived => BookingStatus::AwaitingApproval,
            Transition::Approve => BookingStatus::Confirmed,
            Transition::Reject => BookingStatus::Rejected,
            Transition::Cancel => BookingStatus::Cancelled,
            Transition::Complete => BookingStatus::Completed,
            Transition::Expire => BookingStatus::Expired,
        }
    }

    /// The audit trail's action name.
    #[must_use]
    pub fn action(self) -> &'static str {
        match self {
            Transition::ReceiptReceived => "receipt_received",
            Transition::Approve => "approve",
            Transition::Reject => "reject",
            Transition::Cancel => "cancel",
            Transition::Complete => "complete",
            Transition::Expire => "expire",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_pdfs_and_images_only() {
        for (mime, name) in [
            (Some("application/pdf"), Some("receipt.pdf")),
            (Some("image/jpeg"), None),
            (Some("IMAGE/PNG"), Some("x.bin")),
            (None, Some("Чек.PDF")),
            (None, Some("screen.heic")),
            (Some(""), Some("scan.jpeg")),
        ] {
            assert!(receipt_document_allowed(mime, name), "{mime:?} {name:?}");
        }
        for (mime, name) in [
            (Some("application/x-msdownload"), Some("receipt.pdf")),
            (Some("application/zip"), Some("receipt.zip")),
            (None, Some("setup.exe")),
            (None, Some("pdf")),
            (None, None),
            (Some("text/plain"), Some("a.txt")),
        ] {
            assert!(!receipt_document_allowed(mime, name), "{mime:?} {name:?}");
        }
    }

    #[test]
    fn no_transition_leaves_a_final_status() {
        let finals = [BookingStatus::Completed, BookingStatus::Cancelled, BookingStatus::Rejected];
        for t in Transition::ALL {
            assert!(finals.iter().all(|f| !t.from().contains(f)), "{t:?} leaves a final status");
            assert!(!t.from().contains(&t.to()), "{t:?} is not a no-op");
        }
    }

    #[test]
    fn statuses_round_trip_as_text() {
        for status in BookingStatus::ALL {
            assert_eq!(status.as_str().parse::<BookingStatus>(), Ok(status));
        }
    }
}
