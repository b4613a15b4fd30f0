//! The manual guide's gift walkthrough (§9) followed by the real binary against the fake Bot API
//! and a fresh PostgreSQL database: buy a Day certificate with the sauna → the receipt reaches
//! the admin chat with Approve / Reject → approved → the buyer gets the code → the code redeems
//! a 24-hour stay with nothing to pay → the admins confirm it → the guest hears about it.

mod support;

use std::time::Duration;

use chrono::Weekday;
use secret_house_bot::{
    bot::callback::{AdminAction, CallbackData, Picker, Skippable, Wizard as W},
    domain::tariff::{Extra, TariffId},
};
use support::{TestDatabase, bot_process::BotProcess, fake_api::FakeApi, wizard::default_ordinary_day};

const GUEST: i64 = 4_200_043;
const ADMIN_CHAT: i64 = -100_778;
const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread")]
async fn a_gift_is_bought_approved_and_redeemed_through_the_real_binary() {
    let database = TestDatabase::create("smoke_gifts").await;
    let sessions = tempfile::tempdir().expect("temp dir");
    let api = FakeApi::start();
    let extra = [
        ("BOT__ADMIN__CHAT_ID", ADMIN_CHAT.to_string()),
        ("BOT__ADMIN__USER_IDS", "1".to_owned()),
        ("BOT__TELEGRAM__GROUP_SEND_INTERVAL", "100ms".to_owned()),
    ];
    let bot = BotProcess::start(&api.url, &database.url, &sessions.path().join("store"), &extra);
    let fail = |what: &str| -> ! { panic!("{what}; sent: {:#?}\nlogs:\n{}", api.sent(), bot.logs()) };

    let press = |data: CallbackData| api.push_callback(GUEST, &data.encode(), 1001);
    let buying: Vec<Step> = vec![
        (Box::new(|| api.push_text(GUEST, "/start")), "The Secret House"),
        (Box::new(move || press(CallbackData::GiftShop)), "the recipient picks the dates"),
        (
            Box::new(move || press(CallbackData::Wizard(W::Tariff(TariffId::Day)))),
            "Add the sauna for 100 BYN",
        ),
        (
            Box::new(move || press(CallbackData::Wizard(W::Extra { extra: Extra::Sauna, on: true }))),
            "photoshoot",
        ),
        (
            Box::new(move || press(CallbackData::Wizard(W::Extra { extra: Extra::Photoshoot, on: false }))),
            "Total: 800 BYN",
        ),
        (Box::new(move || press(CallbackData::Wizard(W::Confirm))), "Your contact for the admin"),
        (Box::new(|| api.push_text(GUEST, "@gift_buyer")), "Gift certificate: 800 BYN to pay"),
        (Box::new(|| api.push_photo(GUEST, "gift-receipt-1")), "gift certificate #1 went to the admin"),
    ];
    for (i, (act, expect)) in buying.into_iter().enumerate() {
        act();
        if api.wait_for(GUEST, expect, WAIT).is_none() {
            fail(&format!("buying step {i}: no {expect:?}"));
        }
    }
    let Some(receipt) = api.wait_for(ADMIN_CHAT, "Подарочный сертификат #1", WAIT) else {
        fail("the purchase did not reach the admin chat")
    };
    assert_eq!(
        (receipt["method"].as_str(), receipt["photo"].as_str()),
        (Some("sendphoto"), Some("gift-receipt-1"))
    );
    let approve = CallbackData::GiftDecision { approve: true, gift: 1 };
    assert!(receipt["reply_markup"].to_string().contains(&approve.encode()), "{receipt}");
    api.push_callback_in(1, ADMIN_CHAT, &approve.encode(), 3001);
    let Some(ready) = api.wait_for(GUEST, "gift certificate #1 is ready", WAIT) else { fail("no code") };
    let text = ready["text"].as_str().unwrap();
    let code = text.split("<code>").nth(1).and_then(|rest| rest.split("</code>").next()).expect("the code");
    assert_eq!(code.len(), 14, "ABCD-EFGH-JKMN: {code}");
    assert!(text.contains("«Day, 3+ guests»: 24 h for 6 guests; sauna"), "{text}");

    let day = default_ordinary_day(Weekday::Wed);
    let next = day.succ_opt().unwrap();
    let typed = code.to_lowercase().replace('-', " ");
    let typed = typed.as_str();
    let redeeming: Vec<Step> = vec![
        (Box::new(|| api.push_text(GUEST, "/book")), "Choose a tariff"),
        (
            Box::new(move || press(CallbackData::Wizard(W::GiftEntry))),
            "Type the code of your gift certificate",
        ),
        (Box::new(|| api.push_text(GUEST, typed)), "The certificate is accepted"),
        (
            Box::new(move || press(CallbackData::Wizard(W::Extra { extra: Extra::Photoshoot, on: false }))),
            "How many guests",
        ),
        (Box::new(move || press(CallbackData::Wizard(W::Guests(4)))), "Choose the check-in date"),
        (Box::new(move || press(CallbackData::Picker(Picker::Day(day)))), "Check-in time on"),
        (Box::new(move || press(CallbackData::Picker(Picker::Hour(14)))), "Choose the check-out date"),
        (Box::new(move || press(CallbackData::Picker(Picker::Day(next)))), "Check-out time on"),
        (Box::new(move || press(CallbackData::Picker(Picker::Hour(14)))), "Any wishes"),
        (Box::new(move || press(CallbackData::Wizard(W::Skip(Skippable::Comment)))), "Nothing to pay"),
        (Box::new(move || press(CallbackData::Wizard(W::Confirm))), "Your contact for the admin"),
        (Box::new(|| api.push_text(GUEST, "@gift_buyer")), "has nothing to pay up front"),
    ];
    for (i, (act, expect)) in redeeming.into_iter().enumerate() {
        act();
        if api.wait_for(GUEST, expect, WAIT).is_none() {
            fail(&format!("redeeming step {i}: no {expect:?}"));
        }
    }
    let Some(booking) = api.wait_for(ADMIN_CHAT, "Бронь #1", WAIT) else { fail("no approval message") };
    assert!(booking["text"].as_str().unwrap().contains("Сертификат #1"), "{booking}");
    let confirm = CallbackData::Admin { action: AdminAction::Approve, booking: 1 };
    api.push_callback_in(1, ADMIN_CHAT, &confirm.encode(), 3002);
    if api.wait_for(GUEST, "Great news", WAIT).is_none() {
        fail("the guest was not told of the confirmation");
    }
    let db = sqlx::PgPool::connect(&database.url).await.unwrap();
    let (status, booking): (String, Option<i64>) =
        sqlx::query_as("SELECT status::text, redeemed_booking_id FROM gift_certificates WHERE id = 1")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), booking), ("redeemed", Some(1)));
    db.close().await;
    database.drop_now().await;
}

/// What the guest does, and a text the bot must answer with.
type Step<'a> = (Box<dyn Fn() + 'a>, &'a str);
