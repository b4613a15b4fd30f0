//! `/bookings` through `bot::schema()` with MockBot, the real store and real PostgreSQL: the
//! open bookings by filter and page, a booking's details with its history, and the actions —
//! Approve, Cancel after a confirmation, Complete, the receipt again — each once (a second press
//! says "already"), the guest and the inform chat told; guests and unknown ids refused.

mod support;

use chrono::{Duration, Timelike, Utc};
use secret_house_bot::{
    bot::callback::{BookingAct, BookingsPress, CallbackData, Filter},
    db::bookings,
    domain::booking::BookingStatus,
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, ADMIN_ID, BotEnv, INFORM_CHAT_ID},
    db_fixtures::{at, booking_in, user},
    logs::captured,
    staff::{admin_says, outbox, staff_press},
    wizard::Wizard,
};
use teloxide_tests::MockUser;

fn press(p: BookingsPress) -> CallbackData {
    CallbackData::Bookings(p)
}

async fn act(w: &mut Wizard, booking: i64, act: BookingAct) -> String {
    staff_press(w, ADMIN_ID, press(BookingsPress::Act { booking, act }), "…").await;
    w.screen()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn open_bookings_are_listed_by_filter_and_page_with_their_details(db: PgPool) {
    let guest = user(&db, 70).await;
    for i in 0..12 {
        booking_in(&db, &guest, at(i * 48), 24, BookingStatus::Confirmed).await;
    }
    let pending = booking_in(&db, &guest, at(1000), 10, BookingStatus::PendingPayment).await;
    let awaiting = booking_in(&db, &guest, at(1100), 10, BookingStatus::AwaitingApproval).await;
    booking_in(&db, &guest, at(1200), 10, BookingStatus::Cancelled).await;
    let soon = (Utc::now() + Duration::days(2))
        .with_minute(0)
        .unwrap()
        .with_second(0)
        .unwrap()
        .with_nanosecond(0)
        .unwrap();
    let this_week = booking_in(&db, &guest, soon, 10, BookingStatus::Confirmed).await;

    let mut w = Wizard::new(BotEnv::new(db.clone()));
    admin_says(&mut w, "/bookings").await;
    let first = w.screen();
    assert!(first.contains(": 15 (страница 1 из 2)"), "12 + pending + awaiting + this week: {first}");
    let opens = w
        .buttons()
        .into_iter()
        .filter(|b| matches!(b, CallbackData::Bookings(BookingsPress::Open(_))))
        .count();
    assert_eq!(opens, 10);
    assert!(first.contains(&format!("#{}", this_week.id)), "soonest first: {first}");
    staff_press(&mut w, ADMIN_ID, press(BookingsPress::List { filter: Filter::Open, page: 1 }), &first).await;
    let second = w.screen();
    assert!(second.contains("страница 2 из 2") && second.contains(&format!("#{}", awaiting.id)), "{second}");
    assert!(!second.contains("отменена"), "cancelled bookings are not open: {second}");
    for (filter, expected) in [
        (Filter::AwaitingApproval, awaiting.id),
        (Filter::PendingPayment, pending.id),
        (Filter::ThisWeek, this_week.id),
    ] {
        staff_press(&mut w, ADMIN_ID, press(BookingsPress::List { filter, page: 0 }), "…").await;
        let listed = w.screen();
        assert!(listed.contains(": 1 (") && listed.contains(&format!("#{expected}")), "{filter:?}: {listed}");
    }

    staff_press(&mut w, ADMIN_ID, press(BookingsPress::Open(awaiting.id)), "…").await;
    let details = w.screen();
    assert!(
        details.contains("+375291234567")
            && details.contains("receipt_received")
            && details.contains("create"),
        "{details}"
    );
    let buttons = w.buttons();
    for act in [BookingAct::Approve, BookingAct::Reject, BookingAct::Cancel, BookingAct::Receipt] {
        assert!(
            buttons.contains(&press(BookingsPress::Act { booking: awaiting.id, act })),
            "{act:?}: {buttons:?}"
        );
    }
    assert!(
        !buttons.contains(&press(BookingsPress::Act { booking: awaiting.id, act: BookingAct::Complete }))
    );
    // An id that does not exist: outdated, nothing else.
    staff_press(&mut w, ADMIN_ID, press(BookingsPress::Open(999_999)), "…").await;
    assert_eq!(w.answer(), Some(w.env.text(Lang::Ru, "button-outdated")));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn every_action_happens_once_and_tells_whom_it_should(db: PgPool) {
    let guest = user(&db, MockUser::ID as i64).await;
    let awaiting = booking_in(&db, &guest, at(0), 24, BookingStatus::AwaitingApproval).await;
    let confirmed = booking_in(&db, &guest, at(100), 24, BookingStatus::Confirmed).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let ru = |w: &Wizard, id: &str| w.env.text(Lang::Ru, id);

    // A guest's forged action: refused by the gate, nothing changes, the attempt is logged with
    // who pressed what.
    let logs = captured();
    staff_press(
        &mut w,
        MockUser::ID,
        press(BookingsPress::Act { booking: awaiting.id, act: BookingAct::Approve }),
        "…",
    )
    .await;
    assert_eq!(w.answer(), Some(ru(&w, "admin-not-allowed")));
    assert_eq!(bookings::get(&db, awaiting.id).await.unwrap().status, BookingStatus::AwaitingApproval);
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    let line = logged.lines().find(|l| l.contains("an admin button pressed by a non-admin")).expect("logged");
    assert!(line.contains(&format!("user={}", MockUser::ID)) && line.contains("Approve"), "{line}");

    let approved = act(&mut w, awaiting.id, BookingAct::Approve).await;
    assert_eq!(bookings::get(&db, awaiting.id).await.unwrap().status, BookingStatus::Confirmed);
    assert!(approved.contains("approve"), "the history shows it: {approved}");
    assert!(
        w.buttons().contains(&press(BookingsPress::Act { booking: awaiting.id, act: BookingAct::Complete }))
    );
    act(&mut w, awaiting.id, BookingAct::Approve).await;
    assert!(w.answer().is_some_and(|a| a.starts_with("Ничего не изменилось")), "{:?}", w.answer());
    let to_guest = |rows: &Vec<(i64, String, String, Option<serde_json::Value>)>| {
        rows.iter().filter(|n| n.0 == MockUser::ID as i64).count()
    };
    assert_eq!(to_guest(&outbox(&db).await), 1, "the guest told once");

    let asked = act(&mut w, confirmed.id, BookingAct::Cancel).await;
    assert!(
        asked.starts_with(&w.env.app.texts.format(
            Lang::Ru,
            "admin-cancel-confirm",
            &[("id", confirmed.id.into())]
        )),
        "{asked}"
    );
    assert_eq!(
        bookings::get(&db, confirmed.id).await.unwrap().status,
        BookingStatus::Confirmed,
        "not before the confirmation"
    );
    act(&mut w, confirmed.id, BookingAct::CancelConfirmed).await;
    assert_eq!(bookings::get(&db, confirmed.id).await.unwrap().status, BookingStatus::Cancelled);
    act(&mut w, confirmed.id, BookingAct::CancelConfirmed).await;
    assert!(w.answer().is_some_and(|a| a.starts_with("Ничего не изменилось")));
    let queued = outbox(&db).await;
    assert_eq!(to_guest(&queued), 2, "approved, then cancelled: {queued:#?}");
    assert!(queued.iter().any(|n| n.0 == MockUser::ID as i64 && n.2.contains("отменено администратором")));
    assert!(
        queued.iter().any(|n| n.0 == INFORM_CHAT_ID && n.2.contains("Администратор отменил")),
        "{queued:#?}"
    );
    let events: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT action, actor_telegram_id FROM booking_events WHERE booking_id = $1 AND action = 'cancel'",
    )
    .bind(confirmed.id)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(events, [("cancel".to_owned(), Some(ADMIN_ID as i64))], "one audit row, by the admin");

    act(&mut w, awaiting.id, BookingAct::Complete).await;
    assert_eq!(bookings::get(&db, awaiting.id).await.unwrap().status, BookingStatus::Completed);

    act(&mut w, awaiting.id, BookingAct::Receipt).await;
    assert_eq!(w.answer(), Some(ru(&w, "admin-receipt-resent")));
    let receipts = outbox(&db).await.into_iter().filter(|n| n.1 == "photo").count();
    assert_eq!(receipts, 1, "the receipt queued to the admin chat ({ADMIN_CHAT_ID})");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_tariff_changes_with_the_price_shown_first_and_applied_once(db: PgPool) {
    let guest = user(&db, MockUser::ID as i64).await;
    let booking = booking_in(&db, &guest, at(200), 24, BookingStatus::Confirmed).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let app = w.env.app.clone();
    let expected = app
        .catalog
        .quote(&secret_house_bot::catalog::Stay {
            tariff: secret_house_bot::domain::tariff::TariffId::Hours12,
            start_date: app.clock().local(booking.starts_at).date(),
            length: booking.ends_at - booking.starts_at,
            guests: 3,
            extras: booking.extras(),
            promo_percent: None,
            gift: None,
        })
        .breakdown
        .total;
    act(&mut w, booking.id, BookingAct::ChangeTariff).await;
    let to_hours = press(BookingsPress::Tariff {
        booking: booking.id,
        tariff: secret_house_bot::domain::tariff::TariffId::Hours12,
    });
    assert!(w.buttons().contains(&to_hours), "{:?}", w.buttons());
    staff_press(&mut w, ADMIN_ID, to_hours, "…").await;
    let confirm = w.screen();
    assert!(
        confirm.contains(&app.money(booking.price)) && confirm.contains(&app.money(expected)),
        "{confirm}"
    );
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().tariff, booking.tariff, "not before Change");
    let change = press(BookingsPress::TariffConfirmed {
        booking: booking.id,
        tariff: secret_house_bot::domain::tariff::TariffId::Hours12,
    });
    staff_press(&mut w, ADMIN_ID, change, "…").await;
    let changed = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!(
        (changed.tariff, changed.price, changed.prepayment),
        (secret_house_bot::domain::tariff::TariffId::Hours12, expected, booking.prepayment.min(expected))
    );
    staff_press(&mut w, ADMIN_ID, change, "…").await;
    assert_eq!(w.answer(), Some(w.env.text(Lang::Ru, "admin-tariff-unchanged")), "a second press");
    let told: Vec<_> = outbox(&db).await.into_iter().filter(|n| n.0 == MockUser::ID as i64).collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].2.contains("12 часов") && told[0].2.contains(&app.money(expected)), "{}", told[0].2);
    assert_eq!(events_by_admin(&db, booking.id, "change_tariff").await, 1);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_admin_moves_any_open_booking_past_the_guests_limit_with_the_same_pickers(db: PgPool) {
    use secret_house_bot::bot::callback::Picker;
    let guest = user(&db, MockUser::ID as i64).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let app = w.env.app.clone();
    let day = support::wizard::ordinary_day(&app, chrono::Weekday::Tue);
    let start = support::wizard::local(&app, day, 14);
    let booking = booking_in(&db, &guest, start, 24, BookingStatus::Confirmed).await;
    sqlx::query("UPDATE bookings SET date_changes = 5 WHERE id = $1")
        .bind(booking.id)
        .execute(&db)
        .await
        .unwrap();
    let later = support::wizard::ordinary_day_in(&app.catalog, day, chrono::Weekday::Tue);
    let new_start = support::wizard::local(&app, later, 14);
    let (from, to) = (app.clock().local(new_start), app.clock().local(new_start + Duration::hours(24)));

    act(&mut w, booking.id, BookingAct::Move).await;
    let calendar = w.screen();
    assert!(calendar.contains(&format!("№{}", booking.id)), "the move's head: {calendar}");
    // A guest pressing on the admin's move: refused.
    staff_press(&mut w, MockUser::ID, CallbackData::Picker(Picker::Day(from.date())), "…").await;
    assert_eq!(w.answer(), Some(w.env.text(Lang::Ru, "admin-not-allowed")));
    for pick in
        [Picker::Day(from.date()), Picker::Hour(from.hour()), Picker::Day(to.date()), Picker::Hour(to.hour())]
    {
        staff_press(&mut w, ADMIN_ID, CallbackData::Picker(pick), "…").await;
    }
    let confirm = CallbackData::Mine(secret_house_bot::bot::callback::Mine::MoveConfirmed(booking.id));
    assert!(w.buttons().contains(&confirm), "{}", w.screen());
    staff_press(&mut w, ADMIN_ID, confirm, "…").await;
    let moved = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((moved.starts_at, moved.date_changes), (new_start, 6), "no guests' limit for admins");
    assert!(w.screen().contains(&format!("#{}", booking.id)), "back on the details: {}", w.screen());
    let told: Vec<_> = outbox(&db).await.into_iter().filter(|n| n.0 == MockUser::ID as i64).collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].2.contains("Администратор перенёс"), "{}", told[0].2);
    assert_eq!(events_by_admin(&db, booking.id, "move").await, 1);
}

/// How many audit rows of `action` the admin wrote for `booking`.
async fn events_by_admin(db: &PgPool, booking: i64, action: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM booking_events WHERE booking_id = $1 AND action = $2 AND actor_telegram_id = $3")
        .bind(booking)
        .bind(action)
        .bind(ADMIN_ID as i64)
        .fetch_one(db)
        .await
        .unwrap()
}

/// Telegram refuses a message over 4096 characters (counted after HTML parsing): the fullest
/// page — ten bookings with the longest contact a booking by hand allows — and the fullest
/// details — the longest comment and transfer address, all of it characters HTML must escape,
/// and a long history — stay within it.
#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_fullest_list_page_and_details_fit_in_one_message(db: PgPool) {
    /// Characters as Telegram counts them: each entity one character (tags over-counted, which
    /// only makes the check stricter).
    fn telegram_len(html: &str) -> usize {
        let entities =
            ["&lt;", "&gt;", "&amp;", "&quot;"].iter().map(|e| html.matches(e).count() * (e.len() - 1));
        html.chars().count() - entities.sum::<usize>()
    }
    let guest = user(&db, 70).await;
    let long_contact = format!("{} +375291234567", "Щ".repeat(100));
    let mut last = 0;
    for i in 0..10 {
        let booking = booking_in(&db, &guest, at(i * 48), 24, BookingStatus::Confirmed).await;
        sqlx::query("UPDATE bookings SET contact = $2, comment = $3, transfer_address = $4, wine_preference = 'red-dry' WHERE id = $1")
            .bind(booking.id)
            .bind(&long_contact)
            .bind("<&>".repeat(333) + "<")
            .bind("&\"".repeat(250))
            .execute(&db)
            .await
            .unwrap();
        last = booking.id;
    }
    for price in 1..=8 {
        sqlx::query("INSERT INTO booking_events (booking_id, actor_kind, actor_telegram_id, action) VALUES ($1, 'admin', $2, 'edit_price_and_prepayment_by_the_admin')")
            .bind(last)
            .bind(9_000_000_000_i64 + price)
            .execute(&db)
            .await
            .unwrap();
    }
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    admin_says(&mut w, "/bookings").await;
    let page = w.screen();
    assert!(page.contains(&long_contact), "{page}");
    assert!(telegram_len(&page) <= 4096, "{} characters", telegram_len(&page));
    staff_press(&mut w, ADMIN_ID, press(BookingsPress::Open(last)), "…").await;
    let details = w.screen();
    assert!(details.contains(&"&lt;&amp;&gt;".repeat(333)), "the comment whole and escaped");
    assert!(telegram_len(&details) <= 4096, "{} characters", telegram_len(&details));
    assert!(w.buttons().len() <= 100);
}
