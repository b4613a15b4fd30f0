//! Moving one's own booking through `bot::schema()` with MockBot, the real store and real
//! PostgreSQL: a move to free dates (instants, price from the one pricing function, audit row,
//! both staff notices), the booking's own interval free to itself, other bookings and their
//! cleaning buffer refused, a slot taken between pick and confirm, the move limit, forged and
//! stale buttons, Back and Menu on every step, text where a button is expected, and a restart.

mod support;

use chrono::{DateTime, Duration, Timelike, Utc, Weekday};
use secret_house_bot::{
    app::App,
    bot::{
        State,
        callback::{CallbackData, Mine, Picker},
        dates::DateStep,
        move_booking::Step,
    },
    catalog::Stay,
    db::bookings::{self, Booking},
    domain::{booking::BookingStatus, money::Money},
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, BotEnv, INFORM_CHAT_ID},
    db_fixtures::{self, booking_in},
    wizard::{Wizard, local, me, ordinary_day, ru},
};
use teloxide_tests::MockUser;

/// The price the one pricing function gives a Day booking like the fixture's (3 guests, sauna).
fn quote(app: &App, start: DateTime<Utc>, hours: i64) -> Money {
    let stay = Stay {
        tariff: secret_house_bot::domain::tariff::TariffId::Day,
        start_date: app.clock().local(start).date(),
        length: Duration::hours(hours),
        guests: 3,
        extras: secret_house_bot::domain::tariff::Extras { sauna: true, ..Default::default() },
        promo_percent: None,
        gift: None,
    };
    app.catalog.quote(&stay).breakdown.total
}

/// My confirmed Day booking on an ordinary Tuesday, 14:00, 24 h, priced as the wizard would.
async fn my_confirmed(db: &PgPool, w: &Wizard) -> Booking {
    let me = me(db).await;
    let start = local(&w.env.app, ordinary_day(&w.env.app, Weekday::Tue), 14);
    let booking = booking_in(db, &me, start, 24, BookingStatus::Confirmed).await;
    let price = quote(&w.env.app, start, 24);
    sqlx::query("UPDATE bookings SET price = $2, prepayment = $3 WHERE id = $1")
        .bind(booking.id)
        .bind(price)
        .bind(Money::from_kopecks(price.kopecks() / 2))
        .execute(db)
        .await
        .unwrap();
    bookings::get(db, booking.id).await.unwrap()
}

/// The presses that pick `[start, start + hours)` on the date steps.
fn picks(app: &App, start: DateTime<Utc>, hours: i64) -> [CallbackData; 4] {
    let (from, to) = (app.clock().local(start), app.clock().local(start + Duration::hours(hours)));
    [
        CallbackData::Picker(Picker::Day(from.date())),
        CallbackData::Picker(Picker::Hour(from.hour())),
        CallbackData::Picker(Picker::Day(to.date())),
        CallbackData::Picker(Picker::Hour(to.hour())),
    ]
}

async fn step(w: &Wizard) -> Option<Step> {
    match w.state().await {
        State::Move { step, .. } => Some(step),
        _ => None,
    }
}

/// Opens the move of `booking` from the menu's Move button.
async fn open_move(w: &mut Wizard, booking: &Booking) -> String {
    w.send("/start").await;
    w.press(CallbackData::Mine(Mine::MoveList)).await;
    assert!(w.buttons().contains(&CallbackData::Mine(Mine::Move(booking.id))), "listed: {}", w.screen());
    w.press(CallbackData::Mine(Mine::Move(booking.id))).await
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_move_to_free_dates_is_repriced_audited_and_told_to_both_staff_chats(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    let first = open_move(&mut w, &booking).await;
    assert!(first.contains(&format!("№{}", booking.id)), "{first}");
    assert_eq!(step(&w).await, Some(Step::Dates(DateStep::StartDate)));

    let new_start = local(&w.env.app, ordinary_day(&w.env.app, Weekday::Wed) + Duration::days(7), 12);
    for press in picks(&w.env.app, new_start, 48) {
        w.press(press).await;
    }
    assert_eq!(step(&w).await, Some(Step::Confirm), "{}", w.screen());
    let expected = quote(&w.env.app, new_start, 48);
    assert!(expected > booking.price, "two days cost more than one");
    let confirm = w.screen();
    assert!(
        confirm.contains(&w.env.app.money(expected)) && confirm.contains(&w.env.app.money(booking.price)),
        "{confirm}"
    );
    let more = w.env.app.money(expected - booking.price);
    assert!(confirm.contains(&more), "the difference is shown: {confirm}");

    let done = w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    assert!(done.contains(&format!("№{}", booking.id)), "{done}");
    assert_eq!(w.state().await, State::Menu);
    let moved = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((moved.starts_at, moved.ends_at), (new_start, new_start + Duration::hours(48)));
    assert_eq!(moved.blocked_until, moved.ends_at + Duration::hours(2), "the cleaning buffer moves too");
    assert_eq!((moved.price, moved.prepayment, moved.date_changes), (expected, booking.prepayment, 1));
    assert_eq!(moved.status, BookingStatus::Confirmed);
    let last = db_fixtures::events(&db, booking.id).await.pop().unwrap();
    assert_eq!(last, ("guest".into(), Some(MockUser::ID as i64), "move".into()));
    let notices = db_fixtures::notices_about(&db, booking.id).await;
    assert_eq!(notices.iter().map(|n| n.0).collect::<Vec<_>>(), [ADMIN_CHAT_ID, INFORM_CHAT_ID]);
    assert!(
        notices.iter().all(|(_, text)| text.contains("перенёс") && text.contains(&w.env.app.money(expected)))
    );

    // The old dates are free for others now; a second press of "Yes" changes nothing.
    let again = w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    assert!(again.starts_with(&ru(&w, "button-outdated")), "{again}");
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().date_changes, 1);
    let other = db_fixtures::user(&db, 777_200).await;
    booking_in(&db, &other, booking.starts_at, 24, BookingStatus::PendingPayment).await;
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn cheaper_dates_never_refund_the_prepayment(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    // Paid in full at a high price (say, a holiday): the cheaper date keeps what was paid.
    let paid = booking.price + Money::from_roubles(500);
    sqlx::query("UPDATE bookings SET price = $2, prepayment = $2 WHERE id = $1")
        .bind(booking.id)
        .bind(paid)
        .execute(&db)
        .await
        .unwrap();
    open_move(&mut w, &booking).await;
    let new_start = booking.starts_at + Duration::days(7);
    for press in picks(&w.env.app, new_start, 24) {
        w.press(press).await;
    }
    let confirm = w.screen();
    let no_refund = w.env.app.texts.format(
        secret_house_bot::i18n::Lang::Ru,
        "move-price-same",
        &[("price", w.env.app.money(paid).into())],
    );
    assert!(confirm.contains(&no_refund), "the price cannot drop below what was paid: {confirm}");
    w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    let moved = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((moved.price, moved.prepayment), (paid, paid));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn other_bookings_and_their_cleaning_are_busy_but_the_own_interval_is_not(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    let other = db_fixtures::user(&db, 777_300).await;
    let theirs_start = booking.starts_at + Duration::days(7);
    booking_in(&db, &other, theirs_start, 24, BookingStatus::Confirmed).await;
    open_move(&mut w, &booking).await;
    let app = w.env.app.clone();
    let local = |t: DateTime<Utc>| app.clock().local(t);

    // Onto their stay: the day is offered (its morning is free) but their hours are busy.
    w.press(CallbackData::Picker(Picker::Day(local(theirs_start).date()))).await;
    w.press(CallbackData::Picker(Picker::Hour(local(theirs_start).hour() + 1))).await;
    assert_eq!(w.answer(), Some(ru(&w, "booking-hour-busy")));
    assert_eq!(step(&w).await, Some(Step::Dates(DateStep::StartTime)), "the draft stays");
    // Into their cleaning buffer (an hour after they leave).
    let cleaning = theirs_start + Duration::hours(25);
    w.press(CallbackData::Back).await;
    w.press(CallbackData::Picker(Picker::Day(local(cleaning).date()))).await;
    w.press(CallbackData::Picker(Picker::Hour(local(cleaning).hour()))).await;
    assert_eq!(w.answer(), Some(ru(&w, "booking-hour-busy")), "the cleaning buffer is busy");
    // A stay that would run into their check-in is not offered as a check-out either.
    w.press(CallbackData::Back).await;
    let before_theirs = theirs_start - Duration::hours(24);
    w.press(CallbackData::Picker(Picker::Day(local(before_theirs).date()))).await;
    w.press(CallbackData::Picker(Picker::Hour(local(before_theirs).hour()))).await;
    w.press(CallbackData::Picker(Picker::Day(local(theirs_start).date()))).await;
    w.press(CallbackData::Picker(Picker::Hour(local(theirs_start).hour()))).await;
    assert_eq!(w.answer(), Some(ru(&w, "booking-hour-busy")), "no room for the cleaning before them");
    assert_eq!(step(&w).await, Some(Step::Dates(DateStep::FinishTime)));

    // Two hours later than now, overlapping its own current stay: free to itself.
    w.press(CallbackData::Back).await;
    w.press(CallbackData::Back).await;
    w.press(CallbackData::Back).await;
    let shifted = booking.starts_at + Duration::hours(2);
    for press in picks(&app, shifted, 24) {
        w.press(press).await;
    }
    assert_eq!(step(&w).await, Some(Step::Confirm), "{}", w.screen());
    w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().starts_at, shifted);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_slot_taken_between_pick_and_confirm_goes_back_to_the_calendar(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    open_move(&mut w, &booking).await;
    let new_start = booking.starts_at + Duration::days(14);
    for press in picks(&w.env.app, new_start, 24) {
        w.press(press).await;
    }
    assert_eq!(step(&w).await, Some(Step::Confirm));
    // Someone else holds those dates (their cleaning buffer overlaps ours) meanwhile.
    let other = db_fixtures::user(&db, 777_400).await;
    booking_in(&db, &other, new_start + Duration::hours(25), 24, BookingStatus::PendingPayment).await;
    let screen = w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    assert!(screen.starts_with(&ru(&w, "move-slot-taken")), "{screen}");
    match w.state().await {
        State::Move { step, draft } => {
            assert_eq!(step, Step::Dates(DateStep::StartDate));
            assert_eq!(draft.booking, booking.id, "still moving the same booking");
        }
        other => panic!("left the move: {other:?}"),
    }
    let unchanged = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((unchanged.starts_at, unchanged.date_changes), (booking.starts_at, 0));
    assert_eq!(
        db_fixtures::notices_about(&db, booking.id).await.len(),
        0,
        "nothing told for a move that did not happen"
    );
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn out_of_moves_asks_to_contact_the_admin(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    // The guest starts a move, and meanwhile uses the last one elsewhere (another chat, say).
    open_move(&mut w, &booking).await;
    for press in picks(&w.env.app, booking.starts_at + Duration::days(7), 24) {
        w.press(press).await;
    }
    sqlx::query("UPDATE bookings SET date_changes = 1 WHERE id = $1")
        .bind(booking.id)
        .execute(&db)
        .await
        .unwrap();
    let screen = w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    assert_eq!(screen, ru(&w, "move-no-moves"));
    let keyboard = w.keyboard().unwrap();
    let url = keyboard.inline_keyboard.iter().flatten().any(|b| {
        matches!(&b.kind, teloxide::types::InlineKeyboardButtonKind::Url(url) if *url == w.env.app.settings.house.admin_contact_url)
    });
    assert!(url, "the admin contact button");
    assert_eq!(w.state().await, State::Menu);
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().starts_at, booking.starts_at);
    // From the list too: the booking can no longer be moved by its guest.
    let again = w.press(CallbackData::Mine(Mine::Move(booking.id))).await;
    assert_eq!(again, ru(&w, "move-no-moves"));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn forged_stale_and_typed_input_while_moving_changes_nothing(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    let other = db_fixtures::user(&db, 777_500).await;
    let theirs =
        booking_in(&db, &other, booking.starts_at + Duration::days(30), 24, BookingStatus::Confirmed).await;
    open_move(&mut w, &booking).await;
    for press in picks(&w.env.app, booking.starts_at + Duration::days(7), 24) {
        w.press(press).await;
    }
    let before = w.state().await;
    for forged in [
        CallbackData::Mine(Mine::MoveConfirmed(theirs.id)),
        CallbackData::Mine(Mine::CancelConfirmed(booking.id)),
        CallbackData::Picker(Picker::Hour(3)),
        CallbackData::Prices,
    ] {
        let screen = w.press(forged).await;
        assert!(screen.starts_with(&ru(&w, "button-outdated-step")), "{forged:?}: {screen}");
        assert_eq!(w.state().await, before, "{forged:?}");
    }
    let screen = w.press_raw("1oK").await;
    assert!(screen.starts_with(&ru(&w, "button-outdated-step")), "{screen}");
    let typed = w.send("next friday please").await;
    assert!(typed.starts_with(&ru(&w, "self-service-use-buttons")), "{typed}");
    assert_eq!(w.state().await, before);
    assert_eq!(bookings::get(&db, theirs.id).await.unwrap().starts_at, theirs.starts_at);
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().date_changes, 0);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn back_walks_every_step_and_menu_leaves_from_any(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    open_move(&mut w, &booking).await;
    let presses = picks(&w.env.app, booking.starts_at + Duration::days(7), 24);
    let order = [
        Step::Dates(DateStep::StartDate),
        Step::Dates(DateStep::StartTime),
        Step::Dates(DateStep::FinishDate),
        Step::Dates(DateStep::FinishTime),
        Step::Confirm,
    ];
    for press in &presses {
        w.press(*press).await;
    }
    for expected in order.iter().rev().skip(1) {
        w.press(CallbackData::Back).await;
        assert_eq!(step(&w).await, Some(*expected));
    }
    let list = w.press(CallbackData::Back).await;
    assert_eq!(list, ru(&w, "move-pick"), "Back from the first step is the list");
    assert_eq!(w.state().await, State::Menu);
    for (n, _) in order.iter().enumerate() {
        w.press(CallbackData::Mine(Mine::Move(booking.id))).await;
        for press in &presses[..n] {
            w.press(*press).await;
        }
        assert_eq!(step(&w).await, Some(order[n]));
        w.press(CallbackData::Menu).await;
        assert_eq!(w.state().await, State::Menu, "Menu from {:?}", order[n]);
        assert!(w.buttons().contains(&CallbackData::Book));
    }
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().date_changes, 0);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_restart_in_the_middle_of_a_move_continues(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let booking = my_confirmed(&db, &w).await;
    open_move(&mut w, &booking).await;
    let new_start = booking.starts_at + Duration::days(7);
    let presses = picks(&w.env.app, new_start, 24);
    w.press(presses[0]).await;
    w.press(presses[1]).await;
    let before = w.state().await;
    let mut w = w.restart(&db).await;
    assert_eq!(w.state().await, before, "the move survived the restart");
    w.press(presses[2]).await;
    w.press(presses[3]).await;
    w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().starts_at, new_start);
}
