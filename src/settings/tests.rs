//! Settings loading: defaults, environment overrides, secrets, one-line errors.

use super::*;

fn load(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
    let mut map: HashMap<String, String> =
        vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    // Point at a directory without local.toml so a developer's overrides do not leak in.
    map.entry("BOT_CONFIG_DIR".into())
        .or_insert_with(|| concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/empty-config").into());
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
        ("TELOXIDE_TOKEN", "1:AAH-a-well-formed-token-0123456789"),
    ])
    .expect("loads");
    assert_eq!(settings.admin.user_ids, vec![11, 22]);
    assert!(settings.admin.is_admin(UserId(22)));
    assert!(!settings.admin.is_admin(UserId(33)));
    assert_eq!(settings.admin.chat(), Some(ChatId(-100123)));
    assert_eq!(settings.booking.payment_hold, Duration::from_secs(90 * 60));
    assert_eq!(settings.sessions.fsync, FsyncMode::Batch);
    assert_eq!(settings.telegram.token().unwrap().expose_secret(), "1:AAH-a-well-formed-token-0123456789");
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
        ("TELOXIDE_TOKEN", "777:very-secret-token-0123456789abcdef"),
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

#[test]
fn a_typo_in_a_variable_or_in_local_toml_is_refused_naming_the_key() {
    let error = load(&[("BOT__BOOKING__CLEANING_HOUR", "3")]).expect_err("a typo").to_string();
    assert!(
        error.contains("booking.cleaning_hour") && error.contains("BOT__BOOKING__CLEANING_HOUR"),
        "{error}"
    );
    assert!(error.contains("cleaning_hours"), "the real keys are listed: {error}");
    assert_eq!(error.lines().count(), 1, "{error}");
    let error = load(&[("BOT__HOSUE__NAME", "x")]).expect_err("an unknown section").to_string();
    assert!(error.contains("sections are") && error.contains("house"), "{error}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("local.toml"), "[admin]\nchat_ids = -100\n").unwrap();
    let dir_str = dir.path().to_str().unwrap();
    let error = load(&[("BOT_CONFIG_DIR", dir_str)]).expect_err("a typo in local.toml").to_string();
    assert!(error.contains("admin.chat_ids") && error.contains("local.toml"), "{error}");
    std::fs::write(dir.path().join("local.toml"), "[admin]\nchat_id = -100\n").unwrap();
    assert_eq!(load(&[("BOT_CONFIG_DIR", dir_str)]).expect("a right key").admin.chat(), Some(ChatId(-100)));
}

#[test]
fn a_missing_config_dir_and_a_wrong_enum_value_say_what_is_expected() {
    let error = load(&[("BOT_CONFIG_DIR", "/no/such/dir")]).expect_err("missing dir").to_string();
    assert!(error.contains("BOT_CONFIG_DIR") && error.contains("/no/such/dir"), "{error}");
    for (var, value, valid) in [
        ("BOT__SESSIONS__FSYNC", "sometimes", "always, batch, never"),
        ("BOT__LOG__FORMAT", "xml", "text, json"),
        ("BOT__PRICING__PRICE_LIST", "cheap", "regular, sale"),
    ] {
        let error = load(&[(var, value)]).expect_err(var).to_string();
        assert!(error.contains(valid), "{var}: {error}");
    }
    assert_eq!(load(&[("BOT__SESSIONS__FSYNC", "batch")]).unwrap().sessions.fsync, FsyncMode::Batch);
}

#[test]
fn only_a_token_shaped_like_botfathers_is_accepted() {
    let token = |t: &str| {
        load(&[("TELOXIDE_TOKEN", t)]).unwrap().telegram.token().map(|_| ()).map_err(|e| e.to_string())
    };
    assert!(token("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw").is_ok());
    for bad in [
        "\"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\"",
        "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "123:short",
        "12a:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "123456789:AAHdqTcvCH1vGWJx fSeofSAs0K5PALDsaw",
    ] {
        let error = token(bad).expect_err(bad);
        assert!(error.contains("TELOXIDE_TOKEN") && !error.contains("AAHdq"), "{bad}: {error}");
    }
}
