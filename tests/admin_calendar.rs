//! `/add_booking` and `/block` through `bot::schema()` with MockBot, the real store and real
//! PostgreSQL: a booking taken by hand goes through the guests' own steps (no promo code or
//! certificate, the guest's contact typed) and lands confirmed without an owner, source recorded,
//! staff told, survives a restart; closed dates are chosen on the shared calendar, shown busy to
//! guests, refused over bookings (also one written meanwhile), opened again once; guests are
//! refused every staff button and command.

mod support;

use chrono::{Datelike, Duration, Utc, Weekday};
use secret_house_bot::{
    bot::{
        State,
        booking::Step,
        callback::{BookingAct, BookingsPress, CallbackData, Picker, StaffPress, Wizard as W},
    },
    catalog::Stay,
    db::{booking_jobs, bookings, calendar_blocks},
    domain::{
        booking::{BookingSource, BookingStatus},
        tariff::{Extras, TariffId},
    },
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, ADMIN_ID, BotEnv, INFORM_CHAT_ID},
    db_fixtures::{booking_in, events, notices_about, user},
    wizard::{Plan, Wizard, local, ordinary_day, ru},
};

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_admin_takes_a_phone_booking_through_the_guests_steps(db: PgPool) {
    let mut w = Wizard::as_user(BotEnv::new(db.clone()), ADMIN_ID, "/add_booking");
    w.bot.dispatch().await;
    assert_eq!(w.screen(), ru(&w, "by-hand-source"));
    let sources: Vec<_> = BookingSource::BY_HAND.map(|s| CallbackData::Staff(StaffPress::ByHand(s))).to_vec();
    assert!(sources.iter().all(|s| w.buttons().contains(s)), "{:?}", w.buttons());

    w.press(CallbackData::Staff(StaffPress::ByHand(BookingSource::Phone))).await;
    let Some((Step::Tariff, draft)) = w.step().await else {
        panic!("not at the tariff step: {}", w.screen())
    };
    assert_eq!(draft.by_hand, Some(BookingSource::Phone));
    assert!(w.screen().contains("вручную"), "the admin sees it is a booking by hand: {}", w.screen());
    assert!(!w.buttons().contains(&CallbackData::Wizard(W::GiftEntry)), "no certificate by hand");
    // Pressed anyway (an old message): outdated, nothing changes.
    w.press(CallbackData::Wizard(W::GiftEntry)).await;
    assert_eq!(w.step().await.map(|(s, _)| s), Some(Step::Tariff));

    let start = local(&w.env.app, ordinary_day(&w.env.app, Weekday::Wed), 14);
    let mut plan = Plan::new(&w.env.app, TariffId::Day, start, 24);
    plan.contact = "Анна +375 29 111-22-33".into();
    plan.promo = Some("never-typed".into()); // the walk would type it if the step came
    w.walk(&plan, Step::Guests).await;
    // A restart in the middle keeps the draft, and that it is a booking by hand.
    let mut w = w.restart(&db).await;
    assert_eq!(w.step().await.map(|(s, d)| (s, d.by_hand)), Some((Step::Guests, Some(BookingSource::Phone))));
    w.walk(&plan, Step::Contact).await;
    assert!(
        !w.buttons().contains(&CallbackData::Wizard(W::UseContact)),
        "the admin's own contact is not offered"
    );
    w.send(&plan.contact).await;
    assert_eq!(w.state().await, State::Menu, "{}", w.screen());

    let all =
        bookings::list_in_range(&db, start - Duration::days(1), start + Duration::days(2)).await.unwrap();
    let [booking] = all.as_slice() else { panic!("one booking: {all:?}") };
    assert_eq!(
        (booking.owner_id, booking.source.as_str(), booking.status, booking.hold_expires_at),
        (None, "phone", BookingStatus::Confirmed, None)
    );
    assert_eq!(
        (booking.starts_at, booking.ends_at, booking.contact.as_str()),
        (start, plan.end(), "Анна +375291112233")
    );
    assert_eq!(booking.promocode_id, None);
    // The guests' own price for the same stay.
    let extras = plan.extras.iter().fold(Extras::default(), |e, x| e.with(*x, true));
    let quote = w.env.app.catalog.quote(&Stay {
        tariff: TariffId::Day,
        start_date: w.env.app.clock().local(start).date(),
        length: Duration::hours(24),
        guests: plan.guests,
        extras,
        promo_percent: None,
        gift: None,
    });
    assert_eq!((booking.price, booking.prepayment), (quote.breakdown.total, quote.prepayment.amount));
    assert!(w.screen().contains(&format!("№{}", booking.id)), "{}", w.screen());
    assert!(w.buttons().contains(&CallbackData::Bookings(BookingsPress::Open(booking.id))));
    assert_eq!(
        events(&db, booking.id).await,
        [("admin".to_owned(), Some(ADMIN_ID as i64), "create".to_owned())]
    );
    let told: Vec<i64> = notices_about(&db, booking.id).await.iter().map(|(chat, _)| *chat).collect();
    assert_eq!(told, [ADMIN_CHAT_ID, INFORM_CHAT_ID], "the staff are told, nobody else");
    // The arrival instructions job has no guest chat to write to.
    let due = booking_jobs::needing_instructions(&db, Utc::now(), start + Duration::days(1)).await.unwrap();
    assert!(due.is_empty(), "{due:?}");

    // The staff's details show how it came; a guest's calendar has the day busy.
    w.press(CallbackData::Bookings(BookingsPress::Open(booking.id))).await;
    assert!(w.screen().contains(&ru(&w, "source-phone")), "{}", w.screen());
    w.user = None;
    w.send("/book").await;
    let day = w.env.app.clock().local(start).date();
    w.press(CallbackData::Wizard(W::Tariff(TariffId::Day))).await;
    let guest_plan = Plan::new(&w.env.app, TariffId::Day, start, 24);
    w.walk(&guest_plan, Step::StartDate).await;
    w.press(CallbackData::Picker(Picker::Day(day))).await;
    let hours = w.buttons();
    assert!(hours.contains(&CallbackData::Picker(Picker::HourBusy(14))), "{hours:?}");
    assert!(!hours.contains(&CallbackData::Picker(Picker::Hour(14))), "{hours:?}");

    // The staff's actions work on it like on any booking; there is no guest to tell.
    w.user = Some(ADMIN_ID);
    for act in [BookingAct::Cancel, BookingAct::CancelConfirmed] {
        w.press(CallbackData::Bookings(BookingsPress::Act { booking: booking.id, act })).await;
    }
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::Cancelled);
    let told: Vec<i64> = notices_about(&db, booking.id).await.iter().map(|(chat, _)| *chat).collect();
    assert!(told.iter().all(|chat| [ADMIN_CHAT_ID, INFORM_CHAT_ID].contains(chat)), "{told:?}");
    assert!(told.len() > 2, "the cancellation was told to the staff: {told:?}");
}

/// The admin's `/block` screen and the closing steps, driven in the admin's private chat.
async fn close(w: &mut Wizard, first: chrono::NaiveDate, last: chrono::NaiveDate, reason: Option<&str>) {
    w.user = Some(ADMIN_ID);
    w.send("/block").await;
    w.press(CallbackData::Staff(StaffPress::BlockNew)).await;
    for day in [first, last] {
        w.press(CallbackData::Picker(Picker::CalendarMonth { year: day.year(), month: day.month() })).await;
        w.press(CallbackData::Picker(Picker::Day(day))).await;
    }
    match reason {
        Some(reason) => w.send(reason).await,
        None => w.press(CallbackData::Staff(StaffPress::BlockNoReason)).await,
    };
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn closed_dates_are_busy_for_guests_and_never_cover_a_booking(db: PgPool) {
    let mut w = Wizard::as_user(BotEnv::new(db.clone()), ADMIN_ID, "/block");
    w.bot.dispatch().await;
    assert!(w.screen().contains(&ru(&w, "block-none")), "{}", w.screen());
    let first = ordinary_day(&w.env.app, Weekday::Mon);
    let last = first + Duration::days(2);

    // A reason that is too long is explained; then the summary and Close.
    close(&mut w, first, last, Some(&"x".repeat(201))).await;
    assert!(w.screen().contains(&ru(&w, "block-reason-too-long")), "{}", w.screen());
    w.send("ремонт <сауны>").await;
    assert!(
        w.screen().contains("ремонт &lt;сауны&gt;") || w.screen().contains("ремонт <сауны>"),
        "{}",
        w.screen()
    );
    w.press(CallbackData::Staff(StaffPress::BlockCreate)).await;
    assert!(w.screen().contains(&ru(&w, "block-created")), "{}", w.screen());
    assert_eq!(w.state().await, State::Menu);
    let blocks = calendar_blocks::upcoming(&db, Utc::now(), 10).await.unwrap();
    let [block] = blocks.as_slice() else { panic!("{blocks:?}") };
    let clock = w.env.app.clock();
    assert_eq!(
        (clock.local(block.starts_at).date(), clock.local(block.ends_at).date()),
        (first, last + Duration::days(1))
    );
    assert_eq!((block.reason.as_deref(), block.created_by), (Some("ремонт <сауны>"), ADMIN_ID as i64));

    // A guest sees those days busy and cannot take them.
    w.user = None;
    w.send("/book").await;
    w.press(CallbackData::Wizard(W::Tariff(TariffId::Day))).await;
    let plan = Plan::new(&w.env.app, TariffId::Day, local(&w.env.app, first, 14), 24);
    w.walk(&plan, Step::StartDate).await;
    w.press(CallbackData::Picker(Picker::CalendarMonth { year: first.year(), month: first.month() })).await;
    for day in [first, first + Duration::days(1), last] {
        assert!(w.buttons().contains(&CallbackData::Picker(Picker::DayUnavailable(day))), "{day}");
    }
    w.press(CallbackData::Picker(Picker::Day(first + Duration::days(1)))).await;
    assert_eq!(w.step().await.map(|(s, _)| s), Some(Step::StartDate), "a closed day is never taken");

    // The admin cannot close days a booking is on: not offered, refused if pressed.
    let guest = user(&db, 77).await;
    let booked_day = last + Duration::days(3);
    let booked =
        booking_in(&db, &guest, local(&w.env.app, booked_day, 14), 24, BookingStatus::Confirmed).await;
    w.user = Some(ADMIN_ID);
    w.send("/block").await;
    w.press(CallbackData::Staff(StaffPress::BlockNew)).await;
    w.press(CallbackData::Picker(Picker::CalendarMonth {
        year: booked_day.year(),
        month: booked_day.month(),
    }))
    .await;
    assert!(w.buttons().contains(&CallbackData::Picker(Picker::DayUnavailable(booked_day))));
    w.press(CallbackData::Picker(Picker::Day(booked_day))).await;
    assert!(w.screen().contains(&ru(&w, "block-day-busy")), "{}", w.screen());
    // Spanning it: the last day is refused.
    w.press(CallbackData::Picker(Picker::Day(booked_day - Duration::days(1)))).await;
    w.press(CallbackData::Picker(Picker::Day(booked_day + Duration::days(1)))).await;
    assert!(w.screen().contains(&ru(&w, "block-day-busy")), "{}", w.screen());
    assert!(matches!(w.state().await, State::Blocking { .. }));
    assert_eq!(bookings::get(&db, booked.id).await.unwrap().status, BookingStatus::Confirmed);

    // A booking written between the summary and Close: listed, nothing closed.
    let later = booked_day + Duration::days(7);
    close(&mut w, later, later + Duration::days(1), None).await;
    let meanwhile = booking_in(
        &db,
        &guest,
        local(&w.env.app, later + Duration::days(1), 10),
        4,
        BookingStatus::AwaitingApproval,
    )
    .await;
    w.press(CallbackData::Staff(StaffPress::BlockCreate)).await;
    assert!(w.screen().contains(&format!("#{}", meanwhile.id)), "{}", w.screen());
    assert_eq!(calendar_blocks::upcoming(&db, Utc::now(), 10).await.unwrap().len(), 1);
    assert!(matches!(w.state().await, State::Blocking { .. }), "back to choosing the days");

    // A guest pressing the staff's buttons, or typing their command: refused, nothing changes.
    w.user = None;
    w.press(CallbackData::Staff(StaffPress::BlockRemove(block.id))).await;
    assert_eq!(w.answer(), Some(ru(&w, "admin-not-allowed")));
    w.press(CallbackData::Staff(StaffPress::ByHand(BookingSource::WalkIn))).await;
    assert_eq!(w.answer(), Some(ru(&w, "admin-not-allowed")));
    assert!(!matches!(w.state().await, State::Booking { draft, .. } if draft.by_hand.is_some()));
    w.send("/block").await;
    assert!(!w.screen().contains(&ru(&w, "block-list")), "{}", w.screen());
    assert_eq!(calendar_blocks::upcoming(&db, Utc::now(), 10).await.unwrap().len(), 1);

    // Opened again, once; a second press says so.
    w.user = Some(ADMIN_ID);
    w.press(CallbackData::Staff(StaffPress::BlockRemove(block.id))).await;
    assert!(w.screen().contains(&ru(&w, "block-none")), "{}", w.screen());
    w.press(CallbackData::Staff(StaffPress::BlockRemove(block.id))).await;
    assert!(w.screen().contains(&ru(&w, "block-already-open")), "{}", w.screen());
    assert!(calendar_blocks::upcoming(&db, Utc::now(), 10).await.unwrap().is_empty());

    // In the admin group (where typed answers do not reach the bot): explained, nothing started.
    support::staff::admin_says(&mut w, "/block").await;
    assert_eq!(w.screen(), ru(&w, "block-private-only"));
    support::staff::admin_press(&mut w, CallbackData::Staff(StaffPress::BlockNew), "…").await;
    assert_eq!(w.screen(), ru(&w, "block-private-only"));
    support::staff::admin_press(&mut w, CallbackData::Staff(StaffPress::ByHand(BookingSource::Other)), "…")
        .await;
    assert_eq!(w.screen(), ru(&w, "by-hand-private-only"));
    support::staff::admin_says(&mut w, "/add_booking").await;
    assert_eq!(w.screen(), ru(&w, "by-hand-private-only"));
}

/// The end of a booking by hand checks the admin again: a chat that holds such a draft but whose
/// user is not (or no longer) in `admin.user_ids` writes nothing and is told so.
#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_booking_by_hand_is_finished_only_by_an_admin(db: PgPool) {
    let mut w = Wizard::as_user(BotEnv::new(db.clone()), ADMIN_ID, "/add_booking");
    w.bot.dispatch().await;
    w.press(CallbackData::Staff(StaffPress::ByHand(BookingSource::WalkIn))).await;
    let start = local(&w.env.app, ordinary_day(&w.env.app, Weekday::Thu), 14);
    let plan = Plan::new(&w.env.app, TariffId::Day, start, 24);
    w.walk(&plan, Step::Contact).await;
    let Some((Step::Contact, draft)) = w.step().await else { panic!("not at the contact step") };
    assert_eq!(draft.by_hand, Some(BookingSource::WalkIn));

    // The same draft in a guest's chat (as if the admin had been removed from the settings).
    w.user = None;
    let guest_chat = w.chat();
    w.env
        .storage
        .clone()
        .update_dialogue(guest_chat, State::Booking { step: Step::Contact, draft })
        .await
        .unwrap();
    w.send("Анна +375291112233").await;
    assert!(w.screen().contains(&ru(&w, "admin-not-allowed")), "{}", w.screen());
    assert_eq!(w.state().await, State::Menu);
    let written =
        bookings::list_in_range(&db, start - Duration::days(1), start + Duration::days(2)).await.unwrap();
    assert!(written.is_empty(), "{written:?}");
}
