//! The booking wizard off the happy path, through `bot::schema()` with MockBot, the real store
//! and real PostgreSQL: Back from every step, wrong input on every step, busy and forged buttons,
//! a slot taken before the hold, a restart mid-wizard, promo codes, /cancel on the payment screen,
//! a receipt sent from the menu, and a receipt after the hold ran out.

mod support;

use chrono::{Duration, Utc, Weekday};
use secret_house_bot::{
    bot::{
        State,
        booking::{COMMENT_CHARS, Step},
        callback::{CallbackData, Picker, Wizard as W},
    },
    db::{booking_changes, bookings, outbox, promos},
    domain::{
        booking::BookingStatus,
        money::Money,
        promo::PromoKind,
        tariff::{Extra, TariffId},
    },
};
use sqlx::PgPool;
use support::{
    bot_env::BotEnv,
    db_fixtures,
    wizard::{Plan, Wizard, action, local, open, ru},
};

/// A Day booking held through the wizard whose payment deadline has just passed.
async fn held_past_its_deadline(db: &PgPool, weekday: Weekday) -> (Wizard, Plan, i64) {
    let (mut w, plan) = open(db, TariffId::Day, weekday, 14, 24).await;
    w.walk(&plan, Step::Payment).await;
    let id = w.step().await.unwrap().1.booking_id.unwrap();
    sqlx::query("UPDATE bookings SET hold_expires_at = now() - interval '1 minute' WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .unwrap();
    (w, plan, id)
}

/// A 10 % code valid from yesterday for a month.
fn ten_percent(code: &str, tariffs: Option<Vec<TariffId>>, max_uses: Option<u32>) -> promos::NewPromo {
    let today = Utc::now().date_naive();
    promos::NewPromo {
        code: code.into(),
        kind: PromoKind::UsagePeriod,
        valid_from: today - Duration::days(1),
        valid_to: today + Duration::days(30),
        discount_percent: 10,
        tariffs,
        max_uses,
        created_by: None,
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn back_from_every_step_returns_to_the_previous_one_with_the_draft_intact(db: PgPool) {
    for (tariff, weekday, hour, hours) in
        [(TariffId::Hours12, Weekday::Wed, 12, 12), (TariffId::IncognitoWorker, Weekday::Tue, 11, 9)]
    {
        let (mut w, mut plan) = open(&db, tariff, weekday, hour, hours).await;
        plan.comment = Some("tea, please".into());
        w.walk(&plan, Step::Contact).await;
        let (_, full) = w.step().await.unwrap();
        let rules = &w.env.app.catalog.tariff(tariff).rules;
        let steps = Step::sequence(Some(rules), &full);
        let contact = steps.iter().position(|s| *s == Step::Contact).unwrap();
        for expected in steps[..contact].iter().rev() {
            w.press(CallbackData::Back).await;
            let (step, draft) = w.step().await.expect("still in the wizard");
            assert_eq!(step, *expected, "{tariff}");
            assert_eq!(draft, full, "{tariff}: Back changes nothing in the draft");
        }
        assert!(w.screen().contains(&ru(&w, "booking-pick-tariff")));
        w.press(CallbackData::Back).await;
        assert_eq!(w.state().await, State::Menu, "Back from the first step is the menu");
        assert!(w.buttons().contains(&CallbackData::Book), "the menu is shown");
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn wrong_input_on_every_step_is_explained_and_changes_nothing(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::IncognitoDay, Weekday::Fri, 15, 24).await;
    let sequence = Step::sequence(Some(&w.env.app.catalog.tariff(plan.tariff).rules), &Default::default());
    for step in sequence.into_iter().take_while(|s| *s != Step::Payment) {
        w.walk(&plan, step).await;
        let before = w.state().await;
        let mut tries: Vec<(Option<String>, String)> = Vec::new();
        if step.takes_text() {
            tries.push((None, ru(&w, "booking-text-expected")));
        } else {
            tries.push((Some("hello".into()), ru(&w, "booking-use-buttons")));
        }
        match step {
            Step::Comment => {
                tries.push((Some("x".repeat(COMMENT_CHARS + 1)), ru(&w, "booking-comment-too-long")))
            }
            Step::Promo => tries.push((Some("NO-SUCH-CODE".into()), ru(&w, "promo-not-found"))),
            Step::Transfer => tries.push((Some(" abc ".into()), ru(&w, "transfer-too-short"))),
            Step::Contact => {
                tries.push((Some("12345".into()), ru(&w, "contact-bad-phone")));
                tries.push((Some("@abc".into()), ru(&w, "contact-bad-username")));
            }
            _ => {}
        }
        for (input, expected) in tries {
            let screen = match input {
                Some(text) => w.send(&text).await,
                None => w.photo().await,
            };
            assert!(screen.starts_with(&expected), "{step:?}: {screen}");
            assert_eq!(w.state().await, before, "{step:?}: nothing changed");
        }
        // A button of another step is outdated here and changes nothing either.
        let foreign = if step == Step::Guests {
            CallbackData::Wizard(W::Tariff(TariffId::Day))
        } else {
            CallbackData::Wizard(W::Guests(2))
        };
        w.press(foreign).await;
        assert_eq!(w.answer(), Some(ru(&w, "button-outdated-step")), "{step:?}");
        assert_eq!(w.state().await, before, "{step:?}");
        // So is a payload no version of the bot produced (garbled, forged, an old bot's): the
        // current step again, never the menu behind a wizard that stays live.
        let screen = w.press_raw("1zz-garbled").await;
        assert_eq!(w.answer(), Some(ru(&w, "button-outdated-step")), "{step:?}");
        assert!(screen.starts_with(&ru(&w, "button-outdated-step")), "{step:?}: {screen}");
        assert!(!w.buttons().contains(&CallbackData::Book), "{step:?}: not the menu");
        assert_eq!(w.state().await, before, "{step:?}");
    }
    w.walk(&plan, Step::Payment).await;
    let screen = w.send("paid!").await;
    assert!(screen.starts_with(&ru(&w, "receipt-expected")), "{screen}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn busy_hours_are_shown_and_explained_never_acted_on(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Hours12, Weekday::Wed, 12, 12).await;
    // Someone else holds the afternoon of the day before until 10:00 (+2 h cleaning).
    let other = db_fixtures::user(&db, 777).await;
    let day = w.env.app.clock().local(plan.start).date();
    let mut taken = db_fixtures::hold(&other, local(&w.env.app, day, 0) - Duration::hours(6), 16);
    taken.hold_expires_at = Utc::now() + Duration::hours(6);
    db_fixtures::create(&db, &taken).await;
    w.walk(&plan, Step::StartTime).await;
    let buttons = w.buttons();
    assert!(
        buttons.contains(&CallbackData::Picker(Picker::HourBusy(11))),
        "10:00 + cleaning blocks 11:00: {buttons:?}"
    );
    assert!(buttons.contains(&CallbackData::Picker(Picker::Hour(12))));
    let before = w.state().await;
    for press in [CallbackData::Picker(Picker::HourBusy(11)), CallbackData::Picker(Picker::Hour(11))] {
        w.press(press).await;
        assert_eq!(w.answer(), Some(ru(&w, "booking-hour-busy")), "{press:?}");
        assert_eq!(w.state().await, before);
    }
    w.press(CallbackData::Back).await;
    let past = w.env.app.clock().today() - Duration::days(1);
    w.press(CallbackData::Picker(Picker::Day(past))).await;
    assert_eq!(w.answer(), Some(ru(&w, "booking-day-unavailable")), "a forged past day");
    w.press(CallbackData::Picker(Picker::DayUnavailable(day))).await;
    assert_eq!(w.answer(), Some(ru(&w, "booking-day-unavailable")));
    assert_eq!(w.step().await.unwrap().0, Step::StartDate);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_slot_taken_before_the_hold_returns_to_the_calendar_with_the_draft_kept(db: PgPool) {
    let (mut w, mut plan) = open(&db, TariffId::Day, Weekday::Thu, 14, 24).await;
    plan.comment = Some("birthday".into());
    w.walk(&plan, Step::Contact).await;
    let other = db_fixtures::user(&db, 778).await;
    db_fixtures::create(&db, &db_fixtures::hold(&other, plan.start + Duration::hours(3), 5)).await;
    let screen = w.send(&plan.contact).await;
    assert!(screen.starts_with(&ru(&w, "booking-slot-taken")), "{screen}");
    let (step, draft) = w.step().await.unwrap();
    assert_eq!(step, Step::StartDate);
    assert_eq!((draft.start, draft.end), (None, None));
    assert_eq!((draft.guests, draft.comment.as_deref()), (Some(plan.guests), Some("birthday")));
    assert_eq!(draft.contact.as_deref(), Some("+375291234567"), "the typed contact is kept too");
    // Another day works, and the contact is offered instead of typed again.
    plan.start += Duration::days(7);
    w.walk(&plan, Step::Contact).await;
    assert!(w.buttons().contains(&CallbackData::Wizard(W::UseContact)));
    w.press(CallbackData::Wizard(W::UseContact)).await;
    assert_eq!(w.step().await.unwrap().0, Step::Payment);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_restart_in_the_middle_continues_where_the_guest_was(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Worker, Weekday::Mon, 11, 8).await;
    w.walk(&plan, Step::FinishDate).await;
    let before = w.state().await;
    let mut w = w.restart(&db).await;
    assert_eq!(w.state().await, before, "the draft survived the restart");
    let next = action(&w.env.app, &plan, Step::FinishDate);
    w.act(next).await;
    assert_eq!(w.step().await.unwrap().0, Step::FinishTime);
    w.walk(&plan, Step::Payment).await;
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn promo_codes_are_explained_applied_and_counted_once_at_the_hold(db: PgPool) {
    promos::create(&db, &ten_percent("WORKERS", Some(vec![TariffId::Worker]), Some(1))).await.unwrap();
    let winter = promos::create(&db, &ten_percent("WINTER", None, Some(1))).await.unwrap();
    let (mut w, mut plan) = open(&db, TariffId::Day, Weekday::Fri, 14, 24).await;
    plan.extras = vec![Extra::Sauna];
    w.walk(&plan, Step::Promo).await;
    let screen = w.send("workers").await;
    assert!(screen.starts_with(&ru(&w, "promo-wrong-tariff")), "{screen}");
    let screen = w.send(" Winter ").await;
    assert!(screen.starts_with(&ru(&w, "promo-applied")), "{screen}");
    w.walk(&plan, Step::Summary).await;
    assert!(w.screen().contains("−80 BYN"), "10 % of 800: {}", w.screen());
    assert_eq!(
        promos::find_active(&db, "winter").await.unwrap().unwrap().uses,
        0,
        "not spent before the hold"
    );
    w.walk(&plan, Step::Payment).await;
    let (_, draft) = w.step().await.unwrap();
    let booking = bookings::get(&db, draft.booking_id.unwrap()).await.unwrap();
    assert_eq!((booking.price, booking.promocode_id), (Money::from_roubles(720), Some(winter.id)));
    assert_eq!(promos::find_active(&db, "winter").await.unwrap().unwrap().uses, 1);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn cancel_on_the_payment_screen_releases_the_hold(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::DayForCouple, Weekday::Tue, 14, 24).await;
    w.walk(&plan, Step::Payment).await;
    let id = w.step().await.unwrap().1.booking_id.unwrap();
    let screen = w.send("/cancel").await;
    assert!(screen.starts_with(&ru(&w, "hold-released")), "{screen}");
    assert_eq!(w.state().await, State::Menu);
    assert_eq!(bookings::get(&db, id).await.unwrap().status, BookingStatus::Cancelled);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_receipt_sent_from_the_menu_reaches_the_unpaid_hold(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Hours12, Weekday::Thu, 12, 12).await;
    w.walk(&plan, Step::Payment).await;
    let id = w.step().await.unwrap().1.booking_id.unwrap();
    w.press(CallbackData::Menu).await;
    assert_eq!(w.state().await, State::Menu);
    let screen = w.photo().await;
    assert!(screen.starts_with(&ru(&w, "receipt-thanks")), "{screen}");
    assert_eq!(bookings::get(&db, id).await.unwrap().status, BookingStatus::AwaitingApproval);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_receipt_after_the_hold_ran_out_still_reaches_the_admin_with_a_warning(db: PgPool) {
    let (mut w, _, id) = held_past_its_deadline(&db, Weekday::Wed).await;
    assert_eq!(booking_changes::expire_overdue(&db).await.unwrap().len(), 1);
    let screen = w.photo().await;
    assert!(screen.starts_with(&ru(&w, "receipt-late-accepted")), "{screen}");
    assert_eq!(bookings::get(&db, id).await.unwrap().status, BookingStatus::AwaitingApproval);
    let notices = outbox::due(&db, Utc::now() + Duration::minutes(1), 10).await.unwrap();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].body.starts_with(&ru(&w, "admin-late-receipt")), "{}", notices[0].body);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_database_outage_mid_wizard_is_answered_and_the_draft_kept(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Fri, 14, 24).await;
    w.walk(&plan, Step::StartDate).await;
    let before = w.state().await;
    w.env.app.db.close().await;
    let next = action(&w.env.app, &plan, Step::StartDate);
    let screen = w.act(next).await;
    assert_eq!(screen, ru(&w, "error-internal"));
    assert_eq!(w.state().await, before, "the guest can retry once the database is back");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_unpaid_hold_that_runs_out_is_expired_and_the_guest_told_once(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let guest = db_fixtures::user(&db, 4242).await;
    let mut overdue = db_fixtures::hold(&guest, Utc::now() + Duration::days(20), 24);
    overdue.hold_expires_at = Utc::now() - Duration::minutes(1);
    let overdue = db_fixtures::create(&db, &overdue).await;
    let in_time =
        db_fixtures::create(&db, &db_fixtures::hold(&guest, Utc::now() + Duration::days(40), 24)).await;
    for _ in 0..2 {
        secret_house_bot::jobs::expire_holds(&env.app).await;
    }
    assert_eq!(bookings::get(&db, overdue.id).await.unwrap().status, BookingStatus::Expired);
    assert_eq!(bookings::get(&db, in_time.id).await.unwrap().status, BookingStatus::PendingPayment);
    let notices = outbox::due(&db, Utc::now() + Duration::minutes(1), 10).await.unwrap();
    assert_eq!(notices.len(), 1, "told once, not once per run");
    assert_eq!(notices[0].chat_id, 4242);
    assert!(notices[0].body.contains(&format!("№{}", overdue.id)), "{}", notices[0].body);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_contact_shared_with_telegrams_button_is_taken_as_typed(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Tue, 14, 24).await;
    w.walk(&plan, Step::Contact).await;
    w.bot.update(teloxide_tests::MockMessageContact::new().phone_number("375 29 765-43-21"));
    w.bot.dispatch().await;
    let (step, draft) = w.step().await.unwrap();
    assert_eq!(step, Step::Payment, "{}", w.screen());
    let booking = bookings::get(&db, draft.booking_id.unwrap()).await.unwrap();
    assert_eq!(booking.contact, "+375297654321");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_database_outage_at_the_hold_keeps_the_draft_for_a_retry(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Hours12, Weekday::Tue, 12, 12).await;
    w.walk(&plan, Step::Contact).await;
    let before = w.state().await;
    w.env.app.db.close().await;
    let screen = w.send(&plan.contact).await;
    assert_eq!(screen, ru(&w, "error-internal"));
    assert_eq!(w.state().await, before, "not dropped as a broken draft");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings").fetch_one(&db).await.unwrap();
    assert_eq!(rows, 0);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_guest_holds_one_unpaid_slot_at_a_time(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Mon, 14, 24).await;
    w.walk(&plan, Step::Payment).await;
    let first = w.step().await.unwrap().1.booking_id.unwrap();
    w.press(CallbackData::Menu).await;
    w.send("/book").await;
    // The same dates again: the guest's own unpaid hold does not stand in the way.
    w.walk(&plan, Step::Payment).await;
    let second = w.step().await.unwrap().1.booking_id.unwrap();
    assert_ne!(first, second);
    assert!(w.screen().starts_with(&ru(&w, "hold-replaced")), "{}", w.screen());
    assert_eq!(bookings::get(&db, first).await.unwrap().status, BookingStatus::Cancelled);
    assert_eq!(bookings::get(&db, second).await.unwrap().status, BookingStatus::PendingPayment);
    let actions: Vec<String> = db_fixtures::events(&db, first).await.into_iter().map(|(_, _, a)| a).collect();
    assert_eq!(actions, ["create", "released_for_a_new_hold"]);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_database_outage_at_the_receipt_keeps_the_payment_step(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Worker, Weekday::Wed, 11, 9).await;
    w.walk(&plan, Step::Payment).await;
    let before = w.state().await;
    w.env.app.db.close().await;
    assert_eq!(w.photo().await, ru(&w, "error-internal"));
    assert_eq!(w.state().await, before, "the guest sends the receipt again once the database is back");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn calendar_arrows_move_within_the_horizon_only(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Fri, 14, 24).await;
    w.walk(&plan, Step::StartDate).await;
    let today = w.env.app.clock().today();
    let next = today.checked_add_months(chrono::Months::new(1)).unwrap();
    let (year, month) = (chrono::Datelike::year(&next), chrono::Datelike::month(&next));
    w.press(CallbackData::Picker(Picker::CalendarMonth { year, month })).await;
    let (step, draft) = w.step().await.unwrap();
    assert_eq!((step, draft.month), (Step::StartDate, Some((year, month))));
    let title = w.keyboard().unwrap().inline_keyboard[0][0].text.clone();
    assert!(title.ends_with(&year.to_string()) && title.starts_with(&ru(&w, &format!("month-{month}"))));
    let before = w.state().await;
    let far = today.checked_add_months(chrono::Months::new(9)).unwrap();
    let forged = CallbackData::Picker(Picker::CalendarMonth {
        year: chrono::Datelike::year(&far),
        month: chrono::Datelike::month(&far),
    });
    w.press(forged).await;
    assert_eq!(w.answer(), Some(ru(&w, "button-outdated-step")));
    assert_eq!(w.state().await, before, "a month beyond the horizon is not shown");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_start_that_became_too_soon_sends_the_guest_back_to_the_calendar(db: PgPool) {
    let (mut w, plan) = open(&db, TariffId::Day, Weekday::Fri, 14, 24).await;
    w.walk(&plan, Step::Contact).await;
    let (_, mut draft) = w.step().await.unwrap();
    // The guest dawdled: the chosen check-in is now less than an hour away.
    let start = Utc::now() + Duration::minutes(30);
    draft.start = Some(start);
    draft.end = Some(start + Duration::hours(24));
    w.bot.set_state(State::Booking { step: Step::Contact, draft: draft.clone() }).await;
    let screen = w.send(&plan.contact).await;
    assert!(screen.starts_with(&ru(&w, "booking-too-late")), "{screen}");
    let (step, kept) = w.step().await.unwrap();
    assert_eq!((step, kept.start, kept.guests), (Step::StartDate, None, draft.guests));
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings").fetch_one(&db).await.unwrap();
    assert_eq!(rows, 0, "nothing was held");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_promo_code_used_up_before_the_hold_returns_to_the_summary_without_it(db: PgPool) {
    promos::create(&db, &ten_percent("LASTONE", None, Some(1))).await.unwrap();
    let (mut w, mut plan) = open(&db, TariffId::Day, Weekday::Fri, 14, 24).await;
    plan.promo = Some("lastone".into());
    w.walk(&plan, Step::Contact).await;
    assert!(w.step().await.unwrap().1.promo.is_some());
    // Another guest takes the last use meanwhile.
    sqlx::query("UPDATE promocodes SET uses = 1").execute(&db).await.unwrap();
    let screen = w.send(&plan.contact).await;
    assert!(screen.starts_with(&ru(&w, "promo-used-up")), "{screen}");
    let (step, draft) = w.step().await.unwrap();
    assert_eq!((step, draft.promo), (Step::Summary, None));
    assert!(!w.screen().contains("промокод"), "the summary is shown again without the discount");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings").fetch_one(&db).await.unwrap();
    assert_eq!(rows, 0);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_late_receipt_for_dates_taken_meanwhile_is_kept_and_flagged_for_the_admin(db: PgPool) {
    let (mut w, plan, id) = held_past_its_deadline(&db, Weekday::Thu).await;
    let other = db_fixtures::user(&db, 779).await;
    db_fixtures::create(&db, &db_fixtures::hold(&other, plan.start, 24)).await;
    let screen = w.document().await;
    assert!(screen.starts_with(&ru(&w, "receipt-late-slot-lost")), "{screen}");
    let booking = bookings::get(&db, id).await.unwrap();
    assert_eq!((booking.status, booking.needs_attention), (BookingStatus::Expired, true));
    assert_eq!(booking.receipt_kind, Some(secret_house_bot::domain::booking::ReceiptKind::Document));
    let notices = outbox::due(&db, Utc::now() + Duration::minutes(1), 10).await.unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, "document");
    assert!(notices[0].body.starts_with(&ru(&w, "admin-late-receipt-slot-lost")), "{}", notices[0].body);
    assert!(
        notices[0].reply_markup.as_ref().is_none_or(|m| !m.to_string().contains("1aA")),
        "no Approve on it"
    );
}
