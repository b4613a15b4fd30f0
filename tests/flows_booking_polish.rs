//! What a guest and an admin tripped over in the booking flow, each proven through
//! `bot::schema()` with MockBot, the real store and real PostgreSQL: the bedroom and the wine as
//! the staff read them, answers kept when a text step comes back, receipts that are not files of
//! the right kind, an additional receipt, included extras never asked, the bedroom question after
//! the second bedroom, one currency label, `/help` listing every command, and stale or forged
//! choice buttons.

mod support;

use chrono::{Duration, Weekday};
use secret_house_bot::{
    bot::{
        State,
        booking::Step,
        callback::{CallbackData, Skippable, Wizard as W},
        command_menu,
    },
    db::{bookings, promos},
    domain::{
        booking::BookingStatus,
        promo::PromoKind,
        stay_options::{Bedroom, Wine},
        tariff::{Extra, TariffId},
    },
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    bot_env::ADMIN_CHAT_ID,
    db_fixtures,
    wizard::{open, ru},
};

/// The bodies of the notices queued for the admin chat, oldest first.
async fn admin_notices(db: &PgPool) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as("SELECT kind::text, body, file_id FROM outbox WHERE chat_id = $1 ORDER BY id")
        .bind(ADMIN_CHAT_ID)
        .fetch_all(db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_admin_reads_the_chosen_bedroom(db: PgPool) {
    let (mut w, mut plan) = open(&db, TariffId::Hours12, Weekday::Wed, 12, 12).await;
    plan.bedroom = Bedroom::White;
    plan.extras = vec![Extra::Sauna];
    w.walk(&plan, Step::Payment).await;
    w.photo().await;
    let notices = admin_notices(&db).await;
    assert_eq!(notices.len(), 1);
    assert!(notices[0].1.contains("Спальня: 🛏 Белая спальня"), "{}", notices[0].1);
}

// One MockBot per test (teloxide_tests holds a global lock while one lives).
#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_admin_reads_the_wine_in_words(db: PgPool) {
    let (mut w, mut plan) = open(&db, TariffId::IncognitoDay, Weekday::Fri, 15, 24).await;
    plan.wine = Wine::RedDry;
    w.walk(&plan, Step::Payment).await;
    w.photo().await;
    let body = &admin_notices(&db).await[0].1;
    assert!(body.contains("Вино: Красное сухое"), "{body}");
    assert!(!body.contains("red-dry"), "no internal id: {body}");
    assert!(!body.contains("Спальня:"), "no bedroom line where there was no choice: {body}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_text_step_shows_its_answer_and_keeps_it_on_the_way_back(db: PgPool) {
    let (mut w, mut plan) = open(&db, TariffId::IncognitoDay, Weekday::Thu, 14, 24).await;
    plan.comment = Some("<b>birthday</b> & cake".into());
    w.walk(&plan, Step::Promo).await;
    w.press(CallbackData::Back).await;
    let screen = w.screen();
    assert!(screen.contains("«&lt;b&gt;birthday&lt;/b&gt; &amp; cake»"), "shown, escaped: {screen}");
    assert!(w.buttons().contains(&CallbackData::Wizard(W::Keep(Skippable::Comment))), "{:?}", w.buttons());
    w.press(CallbackData::Wizard(W::Keep(Skippable::Comment))).await;
    let (step, draft) = w.step().await.unwrap();
    assert_eq!((step, draft.comment.as_deref()), (Step::Promo, Some("<b>birthday</b> & cake")));

    // The transfer address likewise; "Not needed" is the way to clear it.
    w.walk(&plan, Step::Summary).await;
    w.press(CallbackData::Back).await;
    assert!(w.screen().contains("ул. Ленина, 1, кв. 5"), "{}", w.screen());
    w.press(CallbackData::Wizard(W::Keep(Skippable::Transfer))).await;
    assert_eq!(w.step().await.unwrap().1.transfer.as_deref(), Some("ул. Ленина, 1, кв. 5"));
    w.press(CallbackData::Back).await;
    w.press(CallbackData::Wizard(W::Skip(Skippable::Transfer))).await;
    let (step, draft) = w.step().await.unwrap();
    assert_eq!((step, draft.transfer), (Step::Summary, None));

    // Back to the comment and "Remove": the comment goes, as the button says.
    for _ in 0..4 {
        w.press(CallbackData::Back).await;
    }
    assert_eq!(w.step().await.unwrap().0, Step::Comment);
    w.press(CallbackData::Wizard(W::Skip(Skippable::Comment))).await;
    assert_eq!(w.step().await.unwrap().1.comment, None);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn after_a_taken_slot_every_answer_is_kept_and_a_kept_code_is_checked_again(db: PgPool) {
    let code = promos::NewPromo {
        code: "SPRING".into(),
        kind: PromoKind::UsagePeriod,
        valid_from: chrono::Utc::now().date_naive() - Duration::days(1),
        valid_to: chrono::Utc::now().date_naive() + Duration::days(200),
        discount_percent: 10,
        tariffs: None,
        max_uses: None,
        created_by: None,
    };
    promos::create(&db, &code).await.unwrap();
    let (mut w, mut plan) = open(&db, TariffId::Day, Weekday::Thu, 14, 24).await;
    plan.comment = Some("birthday".into());
    plan.promo = Some("spring".into());
    w.walk(&plan, Step::Contact).await;
    let other = db_fixtures::user(&db, 778).await;
    db_fixtures::create(&db, &db_fixtures::hold(&other, plan.start + Duration::hours(3), 5)).await;
    let screen = w.send(&plan.contact).await;
    assert!(screen.starts_with(&ru(&w, "booking-slot-taken")), "{screen}");

    plan.start += Duration::days(7);
    w.walk(&plan, Step::Comment).await;
    assert!(w.screen().contains("«birthday»"), "the comment is shown: {}", w.screen());
    w.press(CallbackData::Wizard(W::Keep(Skippable::Comment))).await;
    assert!(w.screen().contains("spring (−10 %)"), "the code is shown: {}", w.screen());
    w.press(CallbackData::Wizard(W::Keep(Skippable::Promo))).await;
    let (step, draft) = w.step().await.unwrap();
    assert_eq!(step, Step::Summary);
    assert_eq!((draft.comment.as_deref(), draft.promo.map(|p| p.percent)), (Some("birthday"), Some(10)));

    // A kept code that no longer applies is said so and dropped, not silently carried on.
    sqlx::query("UPDATE promocodes SET valid_to = current_date - 1").execute(&db).await.unwrap();
    w.press(CallbackData::Back).await;
    let screen = w.press(CallbackData::Wizard(W::Keep(Skippable::Promo))).await;
    let (step, draft) = w.step().await.unwrap();
    assert_eq!((step, draft.promo), (Step::Promo, None), "{screen}");
    assert!(!screen.contains("spring (−10 %)"), "{screen}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn only_photos_and_pdf_or_image_files_are_receipts(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Tue, 14, 24).await;
    w.walk(&plan, Step::Payment).await;
    let before = w.state().await;
    for (name, mime) in [("setup.exe", Some("application/x-msdownload")), ("receipt.zip", None)] {
        let screen = w.document_as(name, mime).await;
        assert!(screen.starts_with(&ru(&w, "receipt-wrong-file")), "{name}: {screen}");
        assert_eq!(w.state().await, before, "{name}: the payment step stays");
    }
    assert!(admin_notices(&db).await.is_empty(), "nothing reached the admins");
    let screen = w.document_as("Чек.PDF", None).await;
    assert!(screen.starts_with(&ru(&w, "receipt-thanks")), "{screen}");
    assert_eq!(admin_notices(&db).await[0].0, "document");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_further_receipt_while_awaiting_approval_goes_to_the_admins_as_additional(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Tue, 14, 24).await;
    w.walk(&plan, Step::Payment).await;
    let id = w.step().await.unwrap().1.booking_id.unwrap();
    w.photo().await;
    assert_eq!(w.state().await, State::Menu);
    let screen = w.document().await;
    assert!(screen.starts_with(&ru(&w, "receipt-additional")), "{screen}");
    let notices = admin_notices(&db).await;
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert_eq!(notices[1].0, "document");
    assert!(notices[1].1.starts_with(&ru(&w, "admin-receipt-additional")), "{}", notices[1].1);
    assert!(notices[1].1.contains(&format!("#{id}")));
    let booking = bookings::get(&db, id).await.unwrap();
    assert_eq!(booking.status, BookingStatus::AwaitingApproval);
    assert_ne!(
        booking.receipt_file_id.as_deref(),
        notices[1].2.as_deref(),
        "the first receipt stays on the row"
    );

    // A file that cannot be a receipt is refused from the menu as well.
    let screen = w.document_as("virus.exe", Some("application/octet-stream")).await;
    assert!(screen.starts_with(&ru(&w, "receipt-wrong-file")), "{screen}");
    assert_eq!(admin_notices(&db).await.len(), 2);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_included_extra_is_never_asked_and_amounts_carry_one_currency_label(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::IncognitoDay, Weekday::Fri, 15, 24).await;
    w.walk(&plan, Step::Guests).await;
    // Incognito (day) offers the photoshoot for nothing: it is part of the tariff, not a question.
    let sequence = Step::sequence(Some(&w.env.app.catalog.tariff(plan.tariff).rules), &Default::default());
    assert!(!sequence.iter().any(|s| matches!(s, Step::Extra(_))), "{sequence:?}");
    w.walk(&plan, Step::Summary).await;
    let summary = w.screen();
    assert!(summary.contains("фотосессия"), "listed as included: {summary}");
    assert!(!summary.contains(": 0 BYN"), "no zero lines: {summary}");
    assert!(!summary.contains("руб."), "one label: {summary}");
    assert!(summary.contains("900 BYN"), "{summary}");
    w.walk(&plan, Step::Payment).await;
    assert!(
        bookings::get(&db, w.step().await.unwrap().1.booking_id.unwrap()).await.unwrap().extras().photoshoot
    );
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_bedroom_is_asked_only_when_the_second_bedroom_was_declined(db: PgPool) {
    let (mut w, _) = open(&db, TariffId::Worker, Weekday::Mon, 11, 8).await;
    w.press(CallbackData::Wizard(W::Tariff(TariffId::Worker))).await;
    assert_eq!(w.step().await.unwrap().0, Step::Extra(Extra::SecondBedroom));
    w.press(CallbackData::Wizard(W::Extra { extra: Extra::SecondBedroom, on: true })).await;
    assert_eq!(w.step().await.unwrap().0, Step::Extra(Extra::Sauna), "both bedrooms: no bedroom question");
    w.press(CallbackData::Back).await;
    w.press(CallbackData::Wizard(W::Extra { extra: Extra::SecondBedroom, on: false })).await;
    assert_eq!(w.step().await.unwrap().0, Step::Bedroom);
    w.press(CallbackData::Wizard(W::Bedroom(Bedroom::Green))).await;
    assert_eq!(w.step().await.unwrap().0, Step::Extra(Extra::Sauna));
    w.press(CallbackData::Back).await;
    assert_eq!(w.step().await.unwrap().0, Step::Bedroom, "Back follows the same order");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn help_lists_every_command_of_the_command_menu(db: PgPool) {
    let (mut w, _) = open(&db, TariffId::Day, Weekday::Mon, 11, 8).await;
    let help = w.send("/help").await;
    let menu = command_menu(&w.env.app.texts, Lang::Ru);
    let names: Vec<&str> = menu.iter().map(|c| c.command.as_str()).collect();
    assert_eq!(names, ["start", "book", "my", "prices", "help", "cancel"], "SPEC §2's commands");
    for command in menu {
        assert!(help.contains(&format!("/{} — {}", command.command, command.description)), "{help}");
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_stale_extra_answer_and_a_forged_guest_count_change_nothing(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Hours12, Weekday::Wed, 12, 12).await;
    w.walk(&plan, Step::Extra(Extra::Sauna)).await;
    let before = w.state().await;
    // The "yes" of another extra's question (an older message) must not answer this one.
    for stale in [Extra::SecondBedroom, Extra::SecretRoom] {
        w.press(CallbackData::Wizard(W::Extra { extra: stale, on: true })).await;
        assert_eq!(w.answer(), Some(ru(&w, "button-outdated-step")), "{stale:?}");
        assert_eq!(w.state().await, before, "{stale:?}");
    }
    w.walk(&plan, Step::Guests).await;
    let before = w.state().await;
    // The house takes 6: a forged "7 guests" (a valid payload, a count no screen offers) is refused.
    w.press(CallbackData::Wizard(W::Guests(7))).await;
    assert_eq!(w.answer(), Some(ru(&w, "button-outdated-step")));
    assert_eq!(w.state().await, before);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_stay_that_no_longer_fits_is_sent_back_to_the_step_that_fixes_it_with_its_reason(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Tue, 14, 24).await;
    w.walk(&plan, Step::Contact).await;
    let (step, mut draft) = w.step().await.unwrap();
    // More guests than the house takes (as if `house.capacity` was lowered meanwhile): not "too
    // late", but the guests question again, the dates kept.
    draft.guests = Some(7);
    w.bot.set_state(State::Booking { step, draft: draft.clone() }).await;
    let screen = w.send(&plan.contact).await;
    assert!(screen.starts_with(&ru(&w, "booking-guests-changed")), "{screen}");
    let (step, kept) = w.step().await.unwrap();
    assert_eq!((step, kept.guests, kept.start), (Step::Guests, None, draft.start));
    let held: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings").fetch_one(&db).await.unwrap();
    assert_eq!(held, 0, "nothing held");
}
