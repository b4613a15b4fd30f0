//! What every handler needs, injected once into the dispatcher as `Arc<App>` (like
//! realworld-axum-sqlx's `ApiContext`): one dependency instead of many keeps handler signatures
//! short and tests simple.

use std::sync::Arc;

use sqlx::PgPool;

use crate::{catalog::Catalog, i18n::Texts, session::SessionStorage, settings::Settings};

#[derive(Debug)]
pub struct App {
    pub settings: Settings,
    /// Tariffs, the active price list, holidays and date prices (validated at start-up).
    pub catalog: Catalog,
    pub texts: Texts,
    pub db: PgPool,
    /// The dialogue store (also injected, erased, for `dialogue::enter`).
    pub sessions: Arc<SessionStorage>,
    /// Wakes the outbox sender right after a notice is committed (it also polls every second).
    pub outbox_waker: Arc<tokio::sync::Notify>,
    /// Pacing and retries of every Telegram request (shared with the outbox sender).
    pub telegram: Arc<crate::telegram::Edge>,
    /// Staff chats that cannot be reached, told to the first admin who writes.
    pub staff_alerts: Arc<crate::telegram::staff::StaffAlerts>,
    /// A known database outage (so updates are answered without waiting for it).
    pub db_health: Arc<crate::db::pool::DbHealth>,
}

pub type AppRef = Arc<App>;

impl App {
    /// The house clock at this moment: time zone, horizon, cleaning, capacity from settings.
    #[must_use]
    pub fn clock(&self) -> crate::domain::tariff_rules::HouseClock {
        self.settings.house_clock(chrono::Utc::now())
    }

    /// An amount as guests and staff read it: "350.50 BYN", with the one configured label
    /// (`pricing.currency`) in every language and on every screen.
    #[must_use]
    pub fn money(&self, amount: crate::domain::money::Money) -> String {
        format!("{amount} {}", self.settings.pricing.currency)
    }
}
