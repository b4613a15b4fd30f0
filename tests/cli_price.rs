//! `secret-house-bot price …` through the real binary: the breakdown lines, the holiday line,
//! refusals with a reason, and no token or database needed. Dates are computed from today so
//! the tests never go stale.

use std::process::{Command, Output};

use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};

const BINARY: &str = env!("CARGO_BIN_EXE_secret-house-bot");

fn price(args: &[&str]) -> Output {
    Command::new(BINARY)
        .arg("price")
        .args(args)
        .env_clear()
        .env("BOT_CONFIG_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/empty-config"))
        .output()
        .expect("run the binary")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A Monday about four weeks ahead that is not a holiday.
fn ordinary_monday() -> NaiveDate {
    let mut day = Utc::now().date_naive() + Duration::days(28);
    while day.weekday() != Weekday::Mon || matches!((day.month(), day.day()), (1, 1..=7) | (12, 25..=31)) {
        day += Duration::days(1);
    }
    day
}

#[test]
fn prints_the_breakdown_with_total_and_prepayment_without_a_token() {
    let day = ordinary_monday();
    let (from, to) = (format!("{day}T14:00"), format!("{}T02:00", day + Duration::days(2)));
    let output = price(&[
        "--tariff", "day", "--from", &from, "--to", &to, "--guests", "4", "--sauna", "--promo", "10%",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    // 36 h of "Day" = 700 + 12 × 30, + sauna 100 = 1160; 10 % off = 116 → 1044; half up front.
    for line in [
        "base: 1060 (1 day + 12 h)",
        "sauna: 100",
        "promo discount 10%: -116",
        "total: 1044",
        "prepayment: 522 (50%)",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in:\n{text}");
    }
}

#[test]
fn a_holiday_start_needs_full_prepayment_and_names_the_holiday() {
    // The next recurring holiday at least two days ahead (and inside the 6-month horizon).
    let today = Utc::now().date_naive();
    let holidays = [
        (2, 14, "Valentine's Day"),
        (3, 8, "International Women's Day"),
        (5, 9, "Victory Day"),
        (7, 3, "Independence Day"),
        (11, 7, "October Revolution Day"),
        (12, 25, "Catholic Christmas"),
    ];
    let (date, name) = (0..2)
        .flat_map(|y| {
            holidays
                .iter()
                .map(move |(m, d, n)| (NaiveDate::from_ymd_opt(today.year() + y, *m, *d).unwrap(), *n))
        })
        .filter(|(date, _)| *date >= today + Duration::days(2))
        .min()
        .unwrap();
    let (from, to) = (format!("{date}T12:00"), format!("{date}T22:00"));
    let output = price(&["--tariff", "hours-12", "--from", &from, "--to", &to, "--guests", "2"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    assert!(text.contains("total: 250\n"), "{text}");
    assert!(text.contains(&format!("prepayment: 250 (100%, {name})")), "{text}");
}

#[test]
fn stays_the_rules_refuse_exit_non_zero_with_the_reason() {
    let monday = ordinary_monday();
    let friday = monday + Duration::days(4);
    let at = |day: NaiveDate, time: &str| format!("{day}T{time}");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec![at(friday, "11:00"), at(friday, "15:00"), "worker".into(), "2".into()], "weekdays"),
        (vec![at(monday, "18:00"), at(monday, "23:00"), "worker".into(), "2".into()], "time windows"),
        (
            vec!["2020-01-01T12:00".into(), "2020-01-02T12:00".into(), "day".into(), "2".into()],
            "one hour from now",
        ),
        (vec![at(monday, "12:00"), at(monday, "13:00"), "day".into(), "7".into()], "guests"),
    ];
    for (values, reason) in cases {
        let args = ["--from", &values[0], "--to", &values[1], "--tariff", &values[2], "--guests", &values[3]];
        let output = price(&args);
        assert!(!output.status.success(), "{args:?} accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("refused") && stderr.contains(reason), "{args:?}: {stderr}");
    }
}

#[test]
fn bad_arguments_print_the_usage() {
    let output = price(&["--tariff", "penthouse"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown tariff") && stderr.contains("usage:"), "{stderr}");
}
