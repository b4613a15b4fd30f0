//! The manual guide's `/add_booking` and `/block` walkthroughs followed by the real binary against
//! the fake Bot API and a fresh PostgreSQL database: an admin takes a phone booking through the
//! guests' steps (confirmed, the staff told), closes two days, and a guest's calendar then shows
//! both the booked hours and the closed days as busy.

mod support;

use std::time::Duration;

use chrono::{Datelike, Weekday};
use secret_house_bot::{
    bot::callback::{CallbackData, Picker, Skippable, StaffPress, Wizard as W},
    domain::{
        booking::BookingSource,
        tariff::{Extra, TariffId},
    },
};
use support::{TestDatabase, bot_process::BotProcess, fake_api::FakeApi, wizard::default_ordinary_day};

const ADMIN: i64 = 1;
const GUEST: i64 = 4_200_077;
const ADMIN_CHAT: i64 = -100_779;
const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_adds_a_phone_booking_and_closes_days_through_the_real_binary() {
    let database = TestDatabase::create("smoke_calendar").await;
    let sessions = tempfile::tempdir().expect("temp dir");
    let api = FakeApi::start();
    let extra = [
        ("BOT__ADMIN__CHAT_ID", ADMIN_CHAT.to_string()),
        ("BOT__ADMIN__USER_IDS", ADMIN.to_string()),
        ("BOT__TELEGRAM__GROUP_SEND_INTERVAL", "100ms".to_owned()),
    ];
    let bot = BotProcess::start(&api.url, &database.url, &sessions.path().join("store"), &extra);
    let fail = |what: &str| -> ! { panic!("{what}; sent: {:#?}\nlogs:\n{}", api.sent(), bot.logs()) };
    let run = |who: i64, steps: Vec<Step>, what: &str| {
        for (i, (act, expect)) in steps.into_iter().enumerate() {
            act();
            if api.wait_for(who, expect, WAIT).is_none() {
                fail(&format!("{what} step {i}: no {expect:?}"));
            }
        }
    };
    let admin = |data: CallbackData| api.push_callback(ADMIN, &data.encode(), 2001);
    let guest = |data: CallbackData| api.push_callback(GUEST, &data.encode(), 1001);

    let booked = default_ordinary_day(Weekday::Wed);
    let next = booked.succ_opt().unwrap();
    let phone_booking: Vec<Step> = vec![
        (Box::new(|| api.push_text(ADMIN, "/add_booking")), "How did it come?"),
        (
            Box::new(move || admin(CallbackData::Staff(StaffPress::ByHand(BookingSource::Phone)))),
            "Choose a tariff",
        ),
        (Box::new(move || admin(CallbackData::Wizard(W::Tariff(TariffId::Day)))), "Add the sauna"),
        (
            Box::new(move || admin(CallbackData::Wizard(W::Extra { extra: Extra::Sauna, on: false }))),
            "photoshoot",
        ),
        (
            Box::new(move || admin(CallbackData::Wizard(W::Extra { extra: Extra::Photoshoot, on: false }))),
            "How many guests",
        ),
        (Box::new(move || admin(CallbackData::Wizard(W::Guests(3)))), "Choose the check-in date"),
        (Box::new(move || admin(CallbackData::Picker(Picker::Day(booked)))), "Check-in time on"),
        (Box::new(move || admin(CallbackData::Picker(Picker::Hour(14)))), "Choose the check-out date"),
        (Box::new(move || admin(CallbackData::Picker(Picker::Day(next)))), "Check-out time on"),
        (Box::new(move || admin(CallbackData::Picker(Picker::Hour(14)))), "Any wishes"),
        (Box::new(move || admin(CallbackData::Wizard(W::Skip(Skippable::Comment)))), "Total"),
        (Box::new(move || admin(CallbackData::Wizard(W::Confirm))), "The guest's name and phone"),
        (Box::new(|| api.push_text(ADMIN, "Anna")), "not a Belarusian phone number"),
        (Box::new(|| api.push_text(ADMIN, "Anna, +375 29 111-22-33")), "is added and confirmed"),
    ];
    run(ADMIN, phone_booking, "booking by hand");
    let Some(told) = api.wait_for(ADMIN_CHAT, "вручную", WAIT) else {
        fail("the admin chat was not told")
    };
    assert!(told["text"].as_str().unwrap().contains("Anna +375291112233"), "{told}");

    let closed = default_ordinary_day(Weekday::Mon) + chrono::Duration::days(7);
    let last = closed.succ_opt().unwrap();
    let closing: Vec<Step> = vec![
        (Box::new(|| api.push_text(ADMIN, "/block")), "No dates are closed"),
        (Box::new(move || admin(CallbackData::Staff(StaffPress::BlockNew))), "from which day"),
        (Box::new(move || admin(CallbackData::Picker(Picker::Day(closed)))), "until which day"),
        (Box::new(move || admin(CallbackData::Picker(Picker::Day(last)))), "Why are the dates closed"),
        (Box::new(|| api.push_text(ADMIN, "repairs")), "Guests will see these days as busy"),
        (Box::new(move || admin(CallbackData::Staff(StaffPress::BlockCreate))), "The dates are closed"),
    ];
    run(ADMIN, closing, "closing");

    // A guest's calendar: the closed days are ⛔, and so are the booked hours.
    let calendar: Vec<Step> = vec![
        (Box::new(|| api.push_text(GUEST, "/book")), "Choose a tariff"),
        (Box::new(move || guest(CallbackData::Wizard(W::Tariff(TariffId::Day)))), "Add the sauna"),
        (
            Box::new(move || guest(CallbackData::Wizard(W::Extra { extra: Extra::Sauna, on: false }))),
            "photoshoot",
        ),
        (
            Box::new(move || guest(CallbackData::Wizard(W::Extra { extra: Extra::Photoshoot, on: false }))),
            "How many guests",
        ),
        (Box::new(move || guest(CallbackData::Wizard(W::Guests(2)))), "Choose the check-in date"),
    ];
    run(GUEST, calendar, "guest");
    let month = CallbackData::Picker(Picker::CalendarMonth { year: closed.year(), month: closed.month() });
    guest(month);
    for day in [closed, last] {
        let busy = CallbackData::Picker(Picker::DayUnavailable(day)).encode();
        if !keyboard_shows(&api, GUEST, &busy) {
            fail(&format!("the closed day {day} is not busy for the guest"));
        }
    }
    guest(CallbackData::Picker(Picker::Day(booked)));
    if !keyboard_shows(&api, GUEST, &CallbackData::Picker(Picker::HourBusy(14)).encode()) {
        fail("the booked hour is not busy for the guest");
    }
    database.drop_now().await;
}

/// Waits until a message or edit to `chat` carries a button with `data`.
fn keyboard_shows(api: &FakeApi, chat: i64, data: &str) -> bool {
    let deadline = std::time::Instant::now() + WAIT;
    while std::time::Instant::now() < deadline {
        if api.sent_to(chat).iter().any(|m| m["reply_markup"].to_string().contains(&format!("\"{data}\""))) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// What the user does, and a text the bot must answer with.
type Step<'a> = (Box<dyn Fn() + 'a>, &'a str);
