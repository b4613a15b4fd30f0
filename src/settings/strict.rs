//! What the `config` crate lets through silently: a key that matches no setting (a typo in
//! `local.toml` or in a `BOT__…` variable is the commonest mistake and would just be ignored),
//! a `BOT_CONFIG_DIR` that does not exist, and an enum value whose error does not list the
//! valid ones.

use std::{collections::BTreeSet, path::Path};

use serde::{Deserialize, Deserializer};

use super::{DEFAULT_TOML, SettingsError};

/// Every setting's dotted key, from the compiled-in defaults (which list them all).
fn known_keys() -> BTreeSet<String> {
    let table: toml::Table = DEFAULT_TOML.parse().expect("config/default.toml is valid TOML (tested)");
    let mut keys = BTreeSet::new();
    collect("", &table, &mut keys);
    keys
}

fn collect(prefix: &str, table: &toml::Table, keys: &mut BTreeSet<String>) {
    for (name, value) in table {
        let key = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
        match value {
            toml::Value::Table(inner) => collect(&key, inner, keys),
            _ => {
                keys.insert(key);
            }
        }
    }
}

fn unknown(key: &str, origin: String, known: &BTreeSet<String>) -> SettingsError {
    let section = key.split('.').next().unwrap_or_default();
    let siblings: Vec<&str> =
        known.iter().filter(|k| k.split('.').next() == Some(section)).map(String::as_str).collect();
    let hint = if siblings.is_empty() {
        let sections: BTreeSet<&str> = known.iter().filter_map(|k| k.split('.').next()).collect();
        format!("sections are: {}", sections.into_iter().collect::<Vec<_>>().join(", "))
    } else {
        format!("[{section}] has: {}", siblings.join(", "))
    };
    SettingsError::Unknown { key: key.to_owned(), origin, hint }
}

/// Refuses `BOT_CONFIG_DIR` when it is not a directory, and keys of `local.toml` or `BOT__…`
/// variables that match no setting.
pub(super) fn check(
    config_dir: &Path,
    dir_from_env: bool,
    vars: &std::collections::HashMap<String, String>,
) -> Result<(), SettingsError> {
    if dir_from_env && !config_dir.is_dir() {
        return Err(SettingsError::Invalid {
            key: "BOT_CONFIG_DIR",
            reason: format!("{} is not a directory", config_dir.display()),
        });
    }
    let known = known_keys();
    let local = config_dir.join("local.toml");
    if let Ok(text) = std::fs::read_to_string(&local) {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| SettingsError::Invalid {
            key: "local.toml",
            reason: format!("{}: {}", local.display(), e.message()),
        })?;
        let mut keys = BTreeSet::new();
        collect("", &table, &mut keys);
        if let Some(key) = keys.iter().find(|k| !known.contains(*k)) {
            return Err(unknown(key, local.display().to_string(), &known));
        }
    }
    let mut names: Vec<&String> = vars.keys().filter(|name| name.starts_with("BOT__")).collect();
    names.sort();
    for name in names {
        let key = name["BOT__".len()..].split("__").map(str::to_lowercase).collect::<Vec<_>>().join(".");
        if !known.contains(&key) {
            return Err(unknown(&key, format!("the variable {name}"), &known));
        }
    }
    Ok(())
}

/// An enum setting: its values as written in the config.
pub trait Choice: Sized + Copy + 'static {
    const CHOICES: &'static [(&'static str, Self)];
}

/// `deserialize_with` for a [`Choice`]: a wrong value is answered with the valid ones.
pub fn one_of<'de, D: Deserializer<'de>, T: Choice>(deserializer: D) -> Result<T, D::Error> {
    let value = String::deserialize(deserializer)?;
    T::CHOICES.iter().find(|(name, _)| name.eq_ignore_ascii_case(value.trim())).map(|(_, v)| *v).ok_or_else(
        || {
            let names: Vec<&str> = T::CHOICES.iter().map(|(name, _)| *name).collect();
            serde::de::Error::custom(format!("{value:?} is not one of: {}", names.join(", ")))
        },
    )
}

impl Choice for super::FsyncMode {
    const CHOICES: &'static [(&'static str, Self)] =
        &[("always", Self::Always), ("batch", Self::Batch), ("never", Self::Never)];
}

impl Choice for super::PriceList {
    const CHOICES: &'static [(&'static str, Self)] = &[("regular", Self::Regular), ("sale", Self::Sale)];
}

impl Choice for super::LogFormat {
    const CHOICES: &'static [(&'static str, Self)] = &[("text", Self::Text), ("json", Self::Json)];
}

/// A time of day as people write it: "12:00" (or "12:00:00").
pub fn time_of_day<'de, D: Deserializer<'de>>(deserializer: D) -> Result<chrono::NaiveTime, D::Error> {
    let raw = String::deserialize(deserializer)?;
    chrono::NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(raw.trim(), "%H:%M:%S"))
        .map_err(|_| {
            serde::de::Error::custom(format!("{raw:?} is not a time of day; expected HH:MM, e.g. \"12:00\""))
        })
}
