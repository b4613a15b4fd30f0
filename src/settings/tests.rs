//! Settings loading: defaults, environment overrides, secrets, one-line errors.

use super::*;

fn load(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
    let mut map: HashMap<String, String> =
        vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    // Point at a directory without local.toml so a developer's overrides do not leak in.
    map.entry("BOT_CONFIG_DIR".into()).or_insert_with(|| "/nonexistent".into());
    Settings::load_from_env(map)
}

#[test]
fn defaults_are_complete_and_valid() {
    let settings = load(&[]).expect("defaults load");
    assert_eq!(settings.sessions.ttl, Duration::from_secs(5 * 24 * 3600));
    assert_eq!(settings.sessions.fsync, FsyncMode::Always);
    assert_eq!(settings.booking.cleaning_hours, 2);
    assert_eq!(settings.booking.payment_hold, Duration::from_secs(6 * 3600));
    assert_eq!(settings.house.timezone, chrono_tz::Europe::Minsk);
    assert_eq!(settings.admin.chat(), None);
    assert!(settings.telegram.token().is_err());
}

#[test]
fn environment_overrides_files_and_lists_parse() {
    let settings = load(&[
        ("BOT__ADMIN__USER_IDS", "11,22"),
        ("BOT__ADMIN__CHAT_ID", "-100123"),
        ("BOT__BOOKING__PAYMENT_HOLD", "90m"),
        ("BOT__SESSIONS__FSYNC", "batch"),
        ("TELOXIDE_TOKEN", "1:abc"),
    ])
    .expect("loads");
    assert_eq!(settings.admin.user_ids, vec![11, 22]);
    assert!(settings.admin.is_admin(UserId(22)));
    assert!(!settings.admin.is_admin(UserId(33)));
    assert_eq!(settings.admin.chat(), Some(ChatId(-100123)));
    assert_eq!(settings.booking.payment_hold, Duration::from_secs(90 * 60));
    assert_eq!(settings.sessions.fsync, FsyncMode::Batch);
    assert_eq!(settings.telegram.token().unwrap().expose_secret(), "1:abc");
}

#[test]
fn a_single_admin_id_and_an_empty_list_are_accepted() {
    assert_eq!(load(&[("BOT__ADMIN__USER_IDS", "42")]).unwrap().admin.user_ids, vec![42]);
    assert_eq!(load(&[("BOT__ADMIN__USER_IDS", "")]).unwrap().admin.user_ids, Vec::<u64>::new());
    assert_eq!(load(&[("BOT__ADMIN__USER_IDS", " 1, 2 ")]).unwrap().admin.user_ids, vec![1, 2]);
}

#[test]
fn database_url_variable_wins_over_the_file() {
    let settings = load(&[("DATABASE_URL", "postgres://u:pw@db:5432/x")]).expect("loads");
    assert_eq!(settings.database.url(), "postgres://u:pw@db:5432/x");
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let settings = load(&[
        ("DATABASE_URL", "postgres://u:hunter2-password@db/x"),
        ("TELOXIDE_TOKEN", "777:very-secret-token"),
    ])
    .expect("loads");
    let debug = format!("{settings:?}");
    assert!(!debug.contains("hunter2-password"), "{debug}");
    assert!(!debug.contains("very-secret-token"), "{debug}");
}

#[test]
fn invalid_values_name_their_key() {
    let cases = [
        ("BOT__BOOKING__CLEANING_HOURS", "abc", "booking.cleaning_hours"),
        ("BOT__BOOKING__CLEANING_HOURS", "30", "booking.cleaning_hours"),
        ("BOT__SESSIONS__TTL", "5 parsecs", "sessions.ttl"),
        ("BOT__HOUSE__TIMEZONE", "Mars/Base", "house.timezone"),
        ("BOT__SESSIONS__FSYNC", "sometimes", "sessions.fsync"),
        ("BOT__ADMIN__USER_IDS", "1,x", "admin.user_ids"),
        ("TELOXIDE_API_URL", "not a url", "TELOXIDE_API_URL"),
    ];
    for (var, value, key) in cases {
        let error = load(&[(var, value)]).expect_err(var).to_string();
        assert!(error.contains(key), "{var}={value}: {error}");
        assert_eq!(error.lines().count(), 1, "{error}");
    }
}
