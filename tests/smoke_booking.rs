//! The manual guide's booking walkthrough (§1c, the "12 hours" row, and §1d) followed by the real
//! binary against the fake Bot API and a fresh PostgreSQL database: /book → every step by button
//! or text → 420 BYN summary → hold → payment screen → receipt → the admin chat gets the receipt
//! with its buttons from the outbox.

mod support;

use std::{
    process::{Command, Stdio},
    time::Duration,
};

use chrono::{Datelike, Weekday};
use secret_house_bot::{
    bot::callback::{CallbackData, Mine, Picker, Skippable, Wizard as W},
    domain::{
        stay_options::Bedroom,
        tariff::{Extra, TariffId},
    },
};
use support::{
    TestDatabase,
    fake_api::FakeApi,
    wizard::{default_catalog_and_today, ordinary_day_in},
};

const BINARY: &str = env!("CARGO_BIN_EXE_secret-house-bot");
const GUEST: i64 = 4_200_042;
const ADMIN_CHAT: i64 = -100_777;
const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread")]
async fn the_guide_booking_walkthrough_matches_the_real_binary() {
    let database = TestDatabase::create("smoke_booking").await;
    let sessions = tempfile::tempdir().expect("temp dir");
    let api = FakeApi::start();
    let logs = tempfile::tempdir().expect("temp dir");
    let child = Command::new(BINARY)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TELOXIDE_TOKEN", support::bot_process::TOKEN)
        .env("TELOXIDE_API_URL", &api.url)
        .env("DATABASE_URL", &database.url)
        .env("BOT__SESSIONS__PATH", sessions.path().join("store"))
        .env("BOT__TELEGRAM__POLLING_TIMEOUT", "1s")
        .env("BOT__ADMIN__CHAT_ID", ADMIN_CHAT.to_string())
        .env("BOT__ADMIN__USER_IDS", "1")
        .env("BOT__TELEGRAM__GROUP_SEND_INTERVAL", "100ms")
        .stdout(Stdio::from(std::fs::File::create(logs.path().join("out")).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(logs.path().join("err")).unwrap()))
        .spawn()
        .expect("start the bot");
    // Killed and reaped however the test ends, so a failed assertion leaves no bot behind.
    let _child = KillOnDrop(child);

    let (catalog, today) = default_catalog_and_today();
    let day = ordinary_day_in(&catalog, today, Weekday::Wed);
    let next = day.succ_opt().unwrap();

    let press = |data: CallbackData| api.push_callback(GUEST, &data.encode(), 1001);
    let mut steps: Vec<(Box<dyn Fn()>, String)> = vec![
        (Box::new(|| api.push_text(GUEST, "/book")), "Choose a tariff".into()),
        (
            Box::new(move || press(CallbackData::Wizard(W::Tariff(TariffId::Hours12)))),
            "Add the second bedroom".into(),
        ),
        (
            Box::new(move || {
                press(CallbackData::Wizard(W::Extra { extra: Extra::SecondBedroom, on: false }))
            }),
            "Which bedroom".into(),
        ),
        (
            Box::new(move || press(CallbackData::Wizard(W::Bedroom(Bedroom::Green)))),
            "Add the sauna for 100 BYN".into(),
        ),
        (
            Box::new(move || press(CallbackData::Wizard(W::Extra { extra: Extra::Sauna, on: true }))),
            "Add the secret room".into(),
        ),
        (
            Box::new(move || press(CallbackData::Wizard(W::Extra { extra: Extra::SecretRoom, on: false }))),
            "How many guests".into(),
        ),
        (Box::new(move || press(CallbackData::Wizard(W::Guests(3)))), "Choose the check-in date".into()),
        (
            Box::new(move || press(CallbackData::Picker(Picker::Day(day)))),
            format!("Check-in time on {}", day.format("%d.%m.%Y")),
        ),
        (Box::new(move || press(CallbackData::Picker(Picker::Hour(12)))), "Choose the check-out date".into()),
        (
            Box::new(move || press(CallbackData::Picker(Picker::Day(next)))),
            format!("Check-out time on {}", next.format("%d.%m.%Y")),
        ),
        (Box::new(move || press(CallbackData::Picker(Picker::Hour(0)))), "Any wishes".into()),
        (
            Box::new(move || press(CallbackData::Wizard(W::Skip(Skippable::Comment)))),
            "Do you have a promo code".into(),
        ),
        (Box::new(move || press(CallbackData::Wizard(W::Skip(Skippable::Promo)))), "Total: 420 BYN".into()),
        (Box::new(move || press(CallbackData::Wizard(W::Confirm))), "Your contact for the admin".into()),
        (Box::new(|| api.push_text(GUEST, "+375 29 123-45-67")), "Prepayment: 210 BYN".into()),
        (Box::new(|| api.push_photo(GUEST, "receipt-file-1")), "Thank you for choosing".into()),
    ];
    for (i, (act, expect)) in steps.drain(..).enumerate() {
        act();
        if api.wait_for(GUEST, &expect, WAIT).is_none() {
            let logs = std::fs::read_to_string(logs.path().join("err")).unwrap_or_default();
            panic!("step {i}: no {expect:?}; sent: {:#?}\nlogs:\n{logs}", api.sent());
        }
    }
    // The command menus: the guests' everywhere, the admins' own only in the admins' chats.
    let lists = api.command_lists();
    let names = |list: &serde_json::Value| -> Vec<String> {
        list["commands"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["command"].as_str().map(str::to_owned))
            .collect()
    };
    let scoped = |chat: i64| lists.iter().filter(move |l| l["scope"]["chat_id"].as_i64() == Some(chat));
    let default: Vec<_> = lists.iter().filter(|l| l["scope"].is_null()).collect();
    assert_eq!(default.len(), 2, "both languages: {lists:#?}");
    assert!(
        default
            .iter()
            .all(|l| names(l).contains(&"my".to_owned()) && !names(l).contains(&"pending".to_owned()))
    );
    assert!(
        scoped(1).count() == 2
            && scoped(1)
                .all(|l| names(l).contains(&"pending".to_owned()) && names(l).contains(&"book".to_owned()))
    );
    let group: Vec<_> = scoped(ADMIN_CHAT).map(names).collect();
    assert!(
        scoped(ADMIN_CHAT).count() == 2
            && scoped(ADMIN_CHAT).all(|l| names(l)
                == [
                    "pending",
                    "bookings",
                    "keybox",
                    "stats",
                    "promo_new",
                    "promo_list",
                    "broadcast",
                    "add_booking",
                    "block"
                ]),
        "{group:?}"
    );

    let summary = api.wait_for(GUEST, "Your booking", WAIT).unwrap();
    let text = summary["text"].as_str().unwrap();
    for line in ["• stay, 12 h: 250 BYN", "• sauna: 100 BYN", "• extra guests (1): 70 BYN", "(50 %)"] {
        assert!(text.contains(line), "the guide's summary line {line:?} in:\n{text}");
    }
    let admin = api.wait_for(ADMIN_CHAT, "420", WAIT).expect("the receipt reached the admin chat");
    assert_eq!(admin["method"], "sendphoto");
    assert_eq!(admin["photo"], "receipt-file-1");
    let caption = admin["caption"].as_str().unwrap_or_default();
    assert!(caption.contains("Спальня: 🌿 Зелёная спальня"), "the chosen bedroom is named: {caption}");
    assert!(
        admin["reply_markup"].to_string().contains(
            &CallbackData::Admin {
                action: secret_house_bot::bot::callback::AdminAction::Approve,
                booking: 1
            }
            .encode()
        )
    );
    assert_eq!(day.weekday(), Weekday::Wed);

    // §1d edge case: a corrected receipt before the decision reaches the admins as an additional
    // one (the wizard is over; the photo comes from the menu).
    api.push_photo(GUEST, "receipt-file-2");
    assert!(api.wait_for(GUEST, "additional receipt", WAIT).is_some(), "sent: {:#?}", api.sent());
    // The staff texts are Russian (the house's language).
    let additional = api.wait_for(ADMIN_CHAT, "Дополнительный чек", WAIT);
    let additional = additional.expect("the additional receipt reached the admin chat");
    assert_eq!(additional["photo"], "receipt-file-2");

    // §1d step 3: an admin approves from the admin chat; the guest hears about it.
    let approve =
        CallbackData::Admin { action: secret_house_bot::bot::callback::AdminAction::Approve, booking: 1 };
    api.push_callback_in(1, ADMIN_CHAT, &approve.encode(), 2001);
    let approved = api.wait_for(GUEST, "Great news", WAIT);
    let approved = approved.unwrap_or_else(|| {
        let logs = std::fs::read_to_string(logs.path().join("err")).unwrap_or_default();
        panic!("the guest was not told; sent: {:#?}\nlogs:\n{logs}", api.sent())
    });
    assert!(approved["text"].as_str().unwrap().contains("210"), "{approved}");

    // §5–§7: the guest's own booking — listed, moved a week on, then cancelled — with the staff
    // told of each change in Russian.
    let later = ordinary_day_in(&catalog, day, Weekday::Wed);
    let mine = |m: Mine| api.push_callback(GUEST, &CallbackData::Mine(m).encode(), 1002);
    let self_service: Vec<(Box<dyn Fn()>, String)> = vec![
        (Box::new(|| api.push_text(GUEST, "/my")), "#1</b> · confirmed".into()),
        (Box::new(move || mine(Mine::Move(1))), "Moving booking #1".into()),
        (
            Box::new(move || press(CallbackData::Picker(Picker::Day(later)))),
            format!("Check-in time on {}", later.format("%d.%m.%Y")),
        ),
        (Box::new(move || press(CallbackData::Picker(Picker::Hour(12)))), "Choose the check-out date".into()),
        (
            Box::new(move || press(CallbackData::Picker(Picker::Day(later.succ_opt().unwrap())))),
            "Check-out time on".into(),
        ),
        (Box::new(move || press(CallbackData::Picker(Picker::Hour(0)))), "The price stays 420 BYN".into()),
        (Box::new(move || mine(Mine::MoveConfirmed(1))), "Booking #1 is moved".into()),
        (Box::new(move || mine(Mine::Cancel(1))), "210 BYN is non-refundable".into()),
        (Box::new(move || mine(Mine::CancelConfirmed(1))), "Booking #1 is cancelled".into()),
    ];
    for (i, (act, expect)) in self_service.into_iter().enumerate() {
        act();
        if api.wait_for(GUEST, &expect, WAIT).is_none() {
            let logs = std::fs::read_to_string(logs.path().join("err")).unwrap_or_default();
            panic!("self-service step {i}: no {expect:?}; sent: {:#?}\nlogs:\n{logs}", api.sent());
        }
    }
    let moved = api
        .wait_for(ADMIN_CHAT, "Гость перенёс бронирование №1", WAIT)
        .expect("the admins heard of the move");
    assert!(moved["text"].as_str().unwrap().contains(&later.format("%d.%m.%Y").to_string()), "{moved}");
    assert!(
        api.wait_for(ADMIN_CHAT, "Гость отменил бронирование №1", WAIT).is_some(),
        "the admins heard of the cancel"
    );
    database.drop_now().await;
}

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
