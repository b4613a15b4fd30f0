//! Typed settings, layered with the `config` crate (DESIGN §5):
//! compiled-in `config/default.toml` → optional `<BOT_CONFIG_DIR>/local.toml` → `BOT__SECTION__KEY`
//! environment variables → the conventional `DATABASE_URL`, `TELOXIDE_TOKEN`, `TELOXIDE_API_URL`.
//!
//! Secrets (`TELOXIDE_TOKEN`, the database URL with its password) are `SecretString`s, so neither
//! `Debug` nor a log line can print them.

use std::{collections::HashMap, env, path::PathBuf, time::Duration};

use config::{Config, Environment, File, FileFormat};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use teloxide::types::{ChatId, UserId};

pub use crate::store::FsyncMode;
pub use gifts::{GiftSettings, Validity};

/// The defaults, embedded so the binary does not depend on its working directory.
const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

/// Why the settings could not be loaded. `Display` is one line that names the key.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("configuration error: {0}")]
    Config(#[from] config::ConfigError),
    #[error("missing setting {key}: {hint}")]
    Missing { key: &'static str, hint: &'static str },
    #[error("invalid setting {key}: {reason}")]
    Invalid { key: &'static str, reason: String },
    #[error("unknown setting `{key}` in {origin} ({hint})")]
    Unknown { key: String, origin: String, hint: String },
}

#[derive(Debug, Deserialize)]
pub struct Settings {
    pub telegram: TelegramSettings,
    pub database: DatabaseSettings,
    pub sessions: SessionSettings,
    pub house: HouseSettings,
    pub admin: AdminSettings,
    pub booking: BookingSettings,
    pub pricing: PricingSettings,
    pub payment: PaymentSettings,
    pub jobs: JobsSettings,
    pub gifts: GiftSettings,
    pub log: LogSettings,
    /// Where `local.toml` and the business files (tariffs, prices…) are looked for.
    #[serde(skip)]
    pub config_dir: PathBuf,
}

#[derive(Debug, Deserialize)]
pub struct TelegramSettings {
    /// From `TELOXIDE_TOKEN` only; `None` until checked by [`TelegramSettings::token`].
    #[serde(skip)]
    token: Option<SecretString>,
    /// From `TELOXIDE_API_URL`: another Bot API server (a local one, or a test fake).
    #[serde(skip)]
    pub api_url: Option<url::Url>,
    #[serde(with = "humantime_serde")]
    pub polling_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub group_send_interval: Duration,
    #[serde(with = "humantime_serde")]
    pub private_send_interval: Duration,
    pub private_burst: u32,
    pub global_per_second: u32,
    #[serde(with = "humantime_serde")]
    pub retry_for: Duration,
}

impl TelegramSettings {
    /// The pacing every send shares (guest replies and the staff outbox).
    #[must_use]
    pub fn pacing(&self) -> crate::telegram::Pacing {
        crate::telegram::Pacing {
            group: self.group_send_interval,
            private: self.private_send_interval,
            private_burst: self.private_burst,
            global_per_second: self.global_per_second,
        }
    }

    /// Pacing and retries for the whole process.
    #[must_use]
    pub fn edge(&self) -> crate::telegram::Edge {
        crate::telegram::Edge::new(self.pacing(), crate::telegram::RetryPolicy::new(self.retry_for))
    }
}

#[derive(Debug, Deserialize)]
pub struct DatabaseSettings {
    pub url: SecretString,
    pub max_connections: u32,
    #[serde(with = "humantime_serde")]
    pub connect_retry_for: Duration,
    #[serde(with = "humantime_serde")]
    pub acquire_timeout: Duration,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionSettings {
    pub path: PathBuf,
    #[serde(with = "humantime_serde")]
    pub ttl: Duration,
    #[serde(with = "humantime_serde")]
    pub cleanup_interval: Duration,
    #[serde(deserialize_with = "strict::one_of")]
    pub fsync: FsyncMode,
    #[serde(with = "humantime_serde")]
    pub batch_interval: Duration,
}

#[derive(Debug, Deserialize)]
pub struct HouseSettings {
    pub name: String,
    pub timezone: chrono_tz::Tz,
    pub address: String,
    pub instagram_url: url::Url,
    pub instagram_closed_url: url::Url,
    pub channel_url: url::Url,
    pub admin_contact_url: url::Url,
    pub capacity: u32,
    /// Map links in the arrival instructions.
    pub yandex_maps_url: url::Url,
    pub google_maps_url: url::Url,
    /// A photo sent with the self check-in text (a Telegram file id or an https URL); "" = none.
    #[serde(default)]
    pub instructions_photo: String,
}

#[derive(Debug, Deserialize)]
pub struct AdminSettings {
    #[serde(deserialize_with = "id_list")]
    pub user_ids: Vec<u64>,
    chat_id: i64,
    inform_chat_id: i64,
}

#[derive(Debug, Deserialize)]
pub struct BookingSettings {
    pub cleaning_hours: u32,
    #[serde(with = "humantime_serde")]
    pub payment_hold: Duration,
    pub horizon_months: u32,
    pub max_customer_moves: u32,
}

/// The jobs that run without anyone pressing anything (SPEC §7).
#[derive(Debug, Deserialize)]
pub struct JobsSettings {
    /// How often the jobs look for work.
    #[serde(with = "humantime_serde")]
    pub interval: Duration,
    /// Arrival instructions go this many days before the check-in day…
    pub instructions_days_before: u32,
    /// …at this house time ("12:00").
    #[serde(deserialize_with = "strict::time_of_day")]
    pub instructions_time: chrono::NaiveTime,
    /// A confirmed stay becomes completed this long after check-out.
    #[serde(with = "humantime_serde")]
    pub completion_grace: Duration,
    /// Promo codes and gift certificates past their last day expire daily at this house time.
    #[serde(deserialize_with = "strict::time_of_day")]
    pub expiry_time: chrono::NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PriceList {
    Regular,
    Sale,
}

impl PriceList {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PriceList::Regular => "regular",
            PriceList::Sale => "sale",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PricingSettings {
    #[serde(deserialize_with = "strict::one_of")]
    pub price_list: PriceList,
    /// The label written after every amount, in every language ("BYN").
    pub currency: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// How guests pay the prepayment: shown on the payment screen.
#[derive(Debug, Deserialize)]
pub struct PaymentSettings {
    pub bank: String,
    pub card_number: String,
    /// An optional extra line (recipient name, IBAN, ERIP path…).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct LogSettings {
    #[serde(deserialize_with = "strict::one_of")]
    pub format: LogFormat,
}

/// A list of Telegram ids from TOML (`[1, 2]`) or the environment, where `config` hands over
/// `"1,2"` as a list but a single `"1"` as a number.
fn id_list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(u64),
        Text(String),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Ids {
        Many(Vec<Id>),
        One(Id),
    }
    let ids = match Ids::deserialize(deserializer)? {
        Ids::Many(ids) => ids,
        Ids::One(id) => vec![id],
    };
    let mut parsed = Vec::new();
    for id in ids {
        match id {
            Id::Number(n) => parsed.push(n),
            Id::Text(text) => {
                for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    parsed.push(part.parse().map_err(|_| {
                        serde::de::Error::custom(format!("{part:?} is not a Telegram user id"))
                    })?);
                }
            }
        }
    }
    Ok(parsed)
}

impl Settings {
    /// Loads from the real process environment.
    pub fn load() -> Result<Self, SettingsError> {
        Self::load_from_env(env::vars().collect())
    }

    /// Loads with `vars` standing in for the process environment, so tests can try any
    /// combination without touching (racy, process-global) environment variables.
    pub fn load_from_env(vars: HashMap<String, String>) -> Result<Self, SettingsError> {
        let lookup = |name: &str| vars.get(name).cloned();
        let dir_from_env = lookup("BOT_CONFIG_DIR").is_some();
        let config_dir = PathBuf::from(lookup("BOT_CONFIG_DIR").unwrap_or_else(|| "config".into()));
        strict::check(&config_dir, dir_from_env, &vars)?;
        let database_url = lookup("DATABASE_URL").filter(|url| !url.is_empty());
        let config = Config::builder()
            .add_source(File::from_str(DEFAULT_TOML, FileFormat::Toml))
            .add_source(File::from(config_dir.join("local.toml")).required(false))
            .add_source(
                Environment::with_prefix("BOT")
                    .prefix_separator("__")
                    .separator("__")
                    .list_separator(",")
                    .with_list_parse_key("admin.user_ids")
                    .with_list_parse_key("gifts.tariffs")
                    .try_parsing(true)
                    .source(Some(vars.clone())),
            )
            .set_override_option("database.url", database_url)?
            .build()?;
        let mut settings: Settings = config.try_deserialize()?;
        settings.config_dir = config_dir;
        settings.telegram.token =
            lookup("TELOXIDE_TOKEN").filter(|t| !t.trim().is_empty()).map(SecretString::from);
        settings.telegram.api_url = match lookup("TELOXIDE_API_URL").filter(|u| !u.is_empty()) {
            None => None,
            Some(raw) => Some(url::Url::parse(&raw).map_err(|e| SettingsError::Invalid {
                key: "TELOXIDE_API_URL",
                reason: format!("{e} (expected an http(s) URL)"),
            })?),
        };
        settings.validate()?;
        Ok(settings)
    }

    /// The house's clock at `now`: time zone, booking horizon, cleaning, capacity.
    #[must_use]
    pub fn house_clock(&self, now: chrono::DateTime<chrono::Utc>) -> crate::domain::tariff_rules::HouseClock {
        crate::domain::tariff_rules::HouseClock {
            tz: self.house.timezone,
            now,
            horizon_months: self.booking.horizon_months,
            cleaning_hours: self.booking.cleaning_hours,
            capacity: self.house.capacity,
        }
    }
}

impl DatabaseSettings {
    pub fn url(&self) -> &str {
        self.url.expose_secret()
    }
}

impl AdminSettings {
    pub fn is_admin(&self, user: UserId) -> bool {
        self.user_ids.contains(&user.0)
    }

    /// The approval chat; `None` while `admin.chat_id` is 0 (not configured).
    pub fn chat(&self) -> Option<ChatId> {
        (self.chat_id != 0).then_some(ChatId(self.chat_id))
    }

    /// Every chat staff notices go to: the admin chat, the inform chat, each admin in private.
    pub fn staff_chats(&self) -> Vec<i64> {
        let mut chats: Vec<i64> =
            [self.chat(), self.inform_chat()].into_iter().flatten().map(|c| c.0).collect();
        chats.extend(self.user_ids.iter().filter_map(|id| i64::try_from(*id).ok()));
        chats
    }

    /// The staff feed; `None` while `admin.inform_chat_id` is 0.
    pub fn inform_chat(&self) -> Option<ChatId> {
        (self.inform_chat_id != 0).then_some(ChatId(self.inform_chat_id))
    }
}

mod checks;
mod gifts;
mod strict;

#[cfg(test)]
mod tests;
