//! Buying a gift certificate through `bot::schema()` with MockBot, the real store and real
//! PostgreSQL: the purchase steps (with a restart in the middle), the receipt reaching the
//! admins through the outbox, Approve drawing one code (a double press and a non-admin's press
//! change nothing), and Reject telling the buyer.

mod support;

use chrono::{Duration, Utc};
use secret_house_bot::{
    bot::{
        State,
        callback::{CallbackData, Wizard as W},
        gifts::{GiftDraft, GiftStep},
    },
    db::gifts::{self, Gift, GiftStatus},
    domain::{
        codes::{ALPHABET, GIFT_CODE_LEN, display_gift_code},
        money::Money,
        tariff::{Extra, Extras, TariffId},
    },
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, BotEnv},
    staff::{admin_press, admin_says, outbox, staff_press},
    wizard::{Wizard, ru},
};
use teloxide_tests::MockUser;

/// A buyer at the menu.
async fn at_menu(db: &PgPool) -> Wizard {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    w
}

async fn gift_state(w: &Wizard) -> (GiftStep, GiftDraft) {
    match w.state().await {
        State::GiftShop { step, draft } => (step, draft),
        other => panic!("not buying a gift: {other:?}"),
    }
}

/// 12 hours with the secret room and the sauna, up to the payment screen.
async fn up_to_payment(w: &mut Wizard) {
    let screen = w.press(CallbackData::GiftShop).await;
    assert!(screen.starts_with(&ru(w, "gift-pick-tariff")), "{screen}");
    let offered = w.buttons();
    assert!(offered.contains(&CallbackData::Wizard(W::Tariff(TariffId::Hours12))));
    assert!(
        !offered.contains(&CallbackData::Wizard(W::Tariff(TariffId::IncognitoWorker))),
        "not in gifts.tariffs"
    );
    w.press(CallbackData::Wizard(W::Tariff(TariffId::Hours12))).await;
    for _ in 0..3 {
        let (GiftStep::Extra(extra), _) = gift_state(w).await else { break };
        let on = matches!(extra, Extra::SecretRoom | Extra::Sauna);
        w.press(CallbackData::Wizard(W::Extra { extra, on })).await;
    }
    let summary = w.screen();
    assert_eq!(gift_state(w).await.0, GiftStep::Summary, "{summary}");
    // By hand from config/prices.toml: 12 hours 250 + secret room 70 + sauna 100.
    assert!(summary.contains("420 BYN"), "{summary}");
    assert!(
        summary.contains("250 BYN") && summary.contains("70 BYN") && summary.contains("100 BYN"),
        "{summary}"
    );
    assert!(summary.contains("3 месяца"), "the validity from gifts.valid_for: {summary}");
    w.press(CallbackData::Wizard(W::Confirm)).await;
    assert_eq!(gift_state(w).await.0, GiftStep::Contact);
    let wrong = w.send("call me").await;
    assert!(wrong.starts_with(&ru(w, "contact-bad-phone")), "{wrong}");
    let payment = w.send("@gift_buyer").await;
    assert_eq!(gift_state(w).await.0, GiftStep::Payment);
    assert!(
        payment.contains("420 BYN") && payment.contains(&w.env.app.settings.payment.card_number),
        "{payment}"
    );
}

async fn last_gift(db: &PgPool) -> Gift {
    let id: i64 = sqlx::query_scalar("SELECT max(id) FROM gift_certificates").fetch_one(db).await.unwrap();
    gifts::get(db, id).await.unwrap()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_bought_certificate_is_approved_once_and_its_code_reaches_the_buyer(db: PgPool) {
    let mut w = at_menu(&db).await;
    up_to_payment(&mut w).await;
    // A restart at the payment screen: the draft is still there.
    let mut w = w.restart(&db).await;
    let (step, draft) = gift_state(&w).await;
    assert_eq!(
        (step, draft.tariff, draft.contact.as_deref()),
        (GiftStep::Payment, Some(TariffId::Hours12), Some("@gift_buyer"))
    );
    let text = w.send("paid!").await;
    assert!(text.starts_with(&ru(&w, "receipt-expected")), "text is not a receipt: {text}");
    let zip = w.document_as("receipt.zip", Some("application/zip")).await;
    assert!(zip.starts_with(&ru(&w, "receipt-wrong-file")), "{zip}");
    assert_eq!(gift_state(&w).await.0, GiftStep::Payment, "still waiting for the receipt");

    let thanks = w.photo().await;
    assert_eq!(w.state().await, State::Menu, "the purchase is over");
    let gift = last_gift(&db).await;
    assert!(thanks.contains(&format!("№{}", gift.id)), "{thanks}");
    assert_eq!(
        (gift.status, gift.tariff, gift.price, gift.code.clone(), gift.contact.as_deref()),
        (
            GiftStatus::AwaitingApproval,
            TariffId::Hours12,
            Money::from_roubles(420),
            None,
            Some("@gift_buyer")
        )
    );
    assert_eq!(gift.extras(), Extras { sauna: true, secret_room: true, ..Extras::default() });
    assert!(gift.receipt_file_id.is_some());
    let queued = outbox(&db).await;
    assert_eq!(queued.len(), 1, "{queued:#?}");
    let (chat, kind, body, markup) = &queued[0];
    assert_eq!((*chat, kind.as_str()), (ADMIN_CHAT_ID, "photo"));
    assert!(body.contains("@gift_buyer") && body.contains("420 BYN"), "{body}");
    let approve = CallbackData::GiftDecision { approve: true, gift: gift.id };
    let reject = CallbackData::GiftDecision { approve: false, gift: gift.id };
    let markup = markup.as_ref().map(ToString::to_string).unwrap_or_default();
    assert!(markup.contains(&approve.encode()) && markup.contains(&reject.encode()), "{markup}");

    // A guest who forged the admin's button: nothing happens.
    staff_press(&mut w, MockUser::ID, approve, body).await;
    assert_eq!(w.answer().as_deref(), Some(ru(&w, "admin-not-allowed").as_str()));
    assert_eq!(last_gift(&db).await.status, GiftStatus::AwaitingApproval);

    let approved_at = Utc::now();
    admin_press(&mut w, approve, body).await;
    let active = last_gift(&db).await;
    let code = active.code.clone().expect("a code once approved");
    assert_eq!(active.status, GiftStatus::Active);
    assert_eq!(code.len(), GIFT_CODE_LEN);
    assert!(code.bytes().all(|b| ALPHABET.contains(&b.to_ascii_lowercase())), "{code}");
    let tz = w.env.app.settings.house.timezone;
    let expires = active.expires_at.expect("an expiry once approved").with_timezone(&tz);
    // Three calendar months after the approval, in the house's time zone (gifts.valid_for).
    let three_months =
        approved_at.with_timezone(&tz).naive_local().checked_add_months(chrono::Months::new(3));
    assert_eq!(Some(expires.naive_local().date()), three_months.map(|t| t.date()));
    let edited = w.screen();
    assert!(edited.contains(&display_gift_code(&code)), "the admin message shows the decision: {edited}");

    // A second press (another admin, a double click): "already", no second code, one notice.
    admin_press(&mut w, approve, body).await;
    admin_press(&mut w, reject, body).await;
    assert_eq!(last_gift(&db).await.code.as_deref(), Some(code.as_str()));
    assert_eq!(last_gift(&db).await.status, GiftStatus::Active);
    let told: Vec<_> = outbox(&db).await.into_iter().filter(|n| n.0 == MockUser::ID as i64).collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    let message = &told[0].2;
    assert!(message.contains(&display_gift_code(&code)), "{message}");
    assert!(message.contains(&expires.format("%d.%m.%Y").to_string()), "{message}");
    assert!(message.contains("12 часов"), "what it covers: {message}");
    assert!(approved_at + Duration::days(80) < active.expires_at.unwrap());
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_rejected_purchase_tells_the_buyer_and_never_gets_a_code(db: PgPool) {
    let mut w = at_menu(&db).await;
    up_to_payment(&mut w).await;
    w.document().await;
    let gift = last_gift(&db).await;
    let body = outbox(&db).await[0].2.clone();
    // Buried in the chat: /pending brings the purchase up again, with its buttons.
    admin_says(&mut w, "/pending").await;
    let again = outbox(&db).await;
    assert_eq!(again.len(), 2, "{again:#?}");
    assert_eq!((again[1].0, again[1].1.as_str(), &again[1].2), (ADMIN_CHAT_ID, "document", &body));
    admin_press(&mut w, CallbackData::GiftDecision { approve: false, gift: gift.id }, &body).await;
    let rejected = last_gift(&db).await;
    assert_eq!((rejected.status, rejected.code, rejected.expires_at), (GiftStatus::Rejected, None, None));
    let told: Vec<_> = outbox(&db).await.into_iter().filter(|n| n.0 == MockUser::ID as i64).collect();
    assert_eq!(told.len(), 1);
    let expected = w.env.app.texts.format(Lang::Ru, "gift-rejected", &[("id", gift.id.into())]);
    assert_eq!(told[0].2, expected);
    admin_press(&mut w, CallbackData::GiftDecision { approve: true, gift: gift.id }, &body).await;
    assert_eq!(
        last_gift(&db).await.status,
        GiftStatus::Rejected,
        "a rejected purchase is not approved later"
    );
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn every_purchase_step_answers_stray_input_back_and_menu(db: PgPool) {
    let mut w = at_menu(&db).await;
    w.press(CallbackData::GiftShop).await;
    let typed = w.send("the big one please").await;
    assert!(typed.starts_with(&ru(&w, "booking-use-buttons")), "{typed}");
    let not_offered = w.press(CallbackData::Wizard(W::Tariff(TariffId::IncognitoWorker))).await;
    assert!(not_offered.starts_with(&ru(&w, "button-outdated-step")), "{not_offered}");
    assert_eq!(gift_state(&w).await.0, GiftStep::Tariff);
    w.press(CallbackData::Wizard(W::Tariff(TariffId::Day))).await;
    let (step, _) = gift_state(&w).await;
    assert!(matches!(step, GiftStep::Extra(_)), "{step:?}");
    let wrong_question = w.press(CallbackData::Wizard(W::Guests(2))).await;
    assert!(wrong_question.starts_with(&ru(&w, "button-outdated-step")), "{wrong_question}");
    let garbled = w.press_raw("1zz").await;
    assert!(garbled.starts_with(&ru(&w, "button-outdated-step")), "{garbled}");
    assert_eq!(gift_state(&w).await.0, step, "the step is kept");
    w.press(CallbackData::Back).await;
    assert_eq!(gift_state(&w).await.0, GiftStep::Tariff);
    w.press(CallbackData::Back).await;
    assert_eq!(w.state().await, State::Menu, "Back from the first step is the menu");
    w.press(CallbackData::GiftShop).await;
    w.press(CallbackData::Menu).await;
    assert_eq!(w.state().await, State::Menu);
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM gift_certificates").fetch_one(&db).await.unwrap();
    assert_eq!(count, 0, "nothing is written before the receipt");
}
