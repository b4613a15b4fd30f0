//! What `Settings::load` checks after deserialising: ranges and values that are valid TOML but
//! cannot run the house (each refused with one line naming the key), and the token's shape.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::{Settings, SettingsError, TelegramSettings};

impl Settings {
    pub(super) fn validate(&self) -> Result<(), SettingsError> {
        let invalid = |key, reason: &str| Err(SettingsError::Invalid { key, reason: reason.into() });
        if self.database.max_connections == 0 {
            return invalid("database.max_connections", "must be at least 1");
        }
        if self.sessions.ttl.is_zero() {
            return invalid("sessions.ttl", "must be longer than zero");
        }
        if self.sessions.cleanup_interval.is_zero() {
            return invalid("sessions.cleanup_interval", "must be longer than zero");
        }
        if self.booking.cleaning_hours > 24 {
            return invalid("booking.cleaning_hours", "must be between 0 and 24");
        }
        if self.booking.payment_hold < Duration::from_secs(60) {
            return invalid("booking.payment_hold", "must be at least one minute");
        }
        if !(1..=20).contains(&self.house.capacity) {
            return invalid("house.capacity", "must be between 1 and 20");
        }
        if self.payment.card_number.trim().is_empty() {
            return invalid("payment.card_number", "must not be empty: guests pay by card transfer");
        }
        let currency = &self.pricing.currency;
        // Written into HTML and plain messages alike, so it must need no escaping.
        if currency.trim().is_empty() || currency.chars().count() > 8 || currency.contains(['<', '>', '&']) {
            return invalid("pricing.currency", "must be a short label without <, > or &, such as \"BYN\"");
        }
        if !(1..=24).contains(&self.booking.horizon_months) {
            return invalid("booking.horizon_months", "must be between 1 and 24");
        }
        if self.jobs.interval < Duration::from_secs(1) {
            return invalid("jobs.interval", "must be at least one second");
        }
        if self.jobs.instructions_days_before > 14 {
            return invalid("jobs.instructions_days_before", "must be between 0 and 14");
        }
        Ok(())
    }
}

impl TelegramSettings {
    /// The bot token, or the one-line error that names `TELOXIDE_TOKEN`.
    /// A token that cannot be a bot token (a pasted quote, a half copy) is refused here,
    /// before anything connects; the message never contains the token.
    pub fn token(&self) -> Result<&SecretString, SettingsError> {
        let token = self.token.as_ref().ok_or(SettingsError::Missing {
            key: "TELOXIDE_TOKEN",
            hint: "set it to the token @BotFather gave you",
        })?;
        if !looks_like_bot_token(token.expose_secret()) {
            return Err(SettingsError::Invalid {
                key: "TELOXIDE_TOKEN",
                reason: "it is not a bot token: expected `<digits>:<letters, digits, - or _>` as @BotFather gives it, \
                         with no quotes or spaces"
                    .into(),
            });
        }
        Ok(token)
    }
}

/// `123456789:AA…` — the bot id, a colon, and a secret of at least 20 URL-safe characters.
fn looks_like_bot_token(token: &str) -> bool {
    let Some((id, secret)) = token.split_once(':') else { return false };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && secret.len() >= 20
        && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
