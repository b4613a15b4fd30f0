//! A full booking of each of the 7 tariffs through `bot::schema()` (MockBot, the real session store,
//! real PostgreSQL): every step of the wizard, the hold, the payment screen, the receipt, and the
//! admin's approval message in the outbox. The stored row must match what the guest chose, with
//! price and prepayment equal to `domain::pricing` / `domain::prepayment` for those inputs.

mod support;

use chrono::{Duration, Timelike, Weekday};
use secret_house_bot::{
    bot::{
        State,
        booking::Step,
        callback::{AdminAction, CallbackData},
    },
    db::{bookings, outbox, users},
    domain::{
        booking::{BookingStatus, ReceiptKind},
        money::Money,
        pricing::{PriceInput, date_rule_for, price, stay_hours},
        tariff::{Extra, Extras, TariffId},
    },
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, BotEnv},
    wizard::{Plan, Wizard, holiday, local, ordinary_day},
};

/// Books `plan` from `/book` to the receipt and checks everything the guest and the admins get.
async fn book(db: PgPool, plan: Plan) -> bookings::Booking {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let app = w.env.app.clone();
    let ru = |id: &str| app.texts.get(Lang::Ru, id);
    w.bot.dispatch().await; // "/book"
    assert!(w.screen().contains(&ru("booking-pick-tariff")), "{}", w.screen());
    w.walk(&plan, Step::Summary).await;

    // The summary: the price line by line, from the same function as the tariff table.
    let tariff = app.catalog.tariff(plan.tariff);
    let start_date = app.clock().local(plan.start).date();
    let chosen = plan.extras.iter().fold(Extras::default(), |e, x| e.with(*x, true));
    let expected = price(PriceInput {
        tariff,
        start_date,
        hours: stay_hours(plan.end() - plan.start),
        guests: plan.guests,
        extras: tariff.rules.normalise(chosen),
        date_rule: date_rule_for(&app.catalog.date_rules, start_date),
        promo_percent: None,
        gift_credit: None,
    });
    let prepayment = app.catalog.prepayment.for_stay(start_date, expected.total);
    let summary = w.screen();
    assert!(summary.contains(&format!("{} BYN", expected.total)), "{summary}");
    assert!(summary.contains(&format!("Предоплата: {} BYN", prepayment.amount)), "{summary}");
    assert!(summary.contains(tariff.rules.name(true)), "{summary}");

    w.walk(&plan, Step::Payment).await;
    let payment = w.screen();
    assert!(payment.contains(&app.settings.payment.card_number), "{payment}");
    assert!(payment.contains(&format!("{} BYN", prepayment.amount)), "{payment}");

    // The hold: a pending_payment row with exactly what the guest chose.
    let owner = users::by_telegram_id(&db, w.chat().0).await.unwrap().expect("the guest is known");
    let rows = bookings::list_by_owner(&db, owner.id, chrono::Utc::now()).await.unwrap();
    assert_eq!(rows.len(), 1);
    let held = &rows[0];
    assert_eq!(held.status, BookingStatus::PendingPayment);
    assert_eq!((held.tariff, held.starts_at, held.ends_at), (plan.tariff, plan.start, plan.end()));
    assert_eq!(held.blocked_until, plan.end() + Duration::hours(2), "cleaning buffer");
    assert_eq!(held.guests, i32::try_from(plan.guests).unwrap());
    assert_eq!(held.extras(), tariff.rules.normalise(chosen));
    assert_eq!((held.price, held.prepayment), (expected.total, prepayment.amount));
    assert_eq!(held.contact, "+375291234567", "the contact is stored normalised");
    assert!(payment.contains(&format!("№{}", held.id)), "{payment}");
    let local_start = held.starts_at.with_timezone(&app.settings.house.timezone);
    assert_eq!(local_start.naive_local(), app.clock().local(plan.start), "dates in the house time zone");

    // The receipt: awaiting approval, the guest thanked, the admins' message queued with buttons.
    let thanks = w.photo().await;
    assert!(thanks.starts_with(&ru("receipt-thanks")), "{thanks}");
    assert_eq!(w.state().await, State::Menu, "the wizard is over");
    let booking = bookings::get(&db, held.id).await.unwrap();
    assert_eq!(booking.status, BookingStatus::AwaitingApproval);
    assert_eq!(booking.receipt_kind, Some(ReceiptKind::Photo));
    let notices = outbox::due(&db, chrono::Utc::now() + Duration::minutes(1), 10).await.unwrap();
    assert_eq!(notices.len(), 1, "one approval message");
    let notice = &notices[0];
    assert_eq!((notice.chat_id, notice.kind.as_str()), (ADMIN_CHAT_ID, "photo"));
    assert_eq!(notice.file_id, booking.receipt_file_id);
    assert!(notice.body.contains(&format!("#{}", booking.id)) && notice.body.contains("+375291234567"));
    let markup = notice.reply_markup.as_ref().expect("buttons").to_string();
    for action in
        [AdminAction::Approve, AdminAction::Reject, AdminAction::EditPrice, AdminAction::EditPrepayment]
    {
        assert!(markup.contains(&CallbackData::Admin { action, booking: booking.id }.encode()), "{markup}");
    }
    booking
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn day_for_three_or_more(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, Weekday::Fri), 14);
    let mut plan = Plan::new(&env.app, TariffId::Day, start, 24);
    plan.guests = 4;
    plan.comment = Some("Late <b>arrival</b> & a cake".into());
    let booking = book(db, plan).await;
    assert_eq!(booking.price, Money::from_roubles(800), "700 for a day + 100 sauna");
    assert_eq!(booking.prepayment, Money::from_roubles(400));
    assert_eq!(booking.comment.as_deref(), Some("Late <b>arrival</b> & a cake"), "stored as typed");
    assert_eq!((booking.white_bedroom, booking.green_bedroom), (true, true));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn day_for_couple_over_two_days_with_an_extra_guest(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, Weekday::Mon), 14);
    let plan = Plan::new(&env.app, TariffId::DayForCouple, start, 48);
    let booking = book(db, plan).await;
    assert_eq!(booking.price, Money::from_roubles(1200), "900 for 2 days + 100 sauna + 200 third guest");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn twelve_hours_with_a_chosen_bedroom(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, Weekday::Wed), 12);
    let plan = Plan::new(&env.app, TariffId::Hours12, start, 12);
    let booking = book(db, plan).await;
    assert_eq!(booking.price, Money::from_roubles(420), "250 + 100 sauna + 70 third guest");
    assert_eq!(booking.prepayment, Money::from_roubles(210));
    assert_eq!((booking.white_bedroom, booking.green_bedroom, booking.sauna), (false, true, true));
    assert_eq!(booking.ends_at.with_timezone(&env.app.settings.house.timezone).hour(), 0, "until midnight");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn worker_inside_the_day_window(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, Weekday::Tue), 12);
    let mut plan = Plan::new(&env.app, TariffId::Worker, start, 7);
    plan.extras = vec![Extra::SecretRoom];
    let booking = book(db, plan).await;
    assert_eq!(booking.price, Money::from_roubles(330), "180 + 50 secret room + 100 third guest");
    assert!(booking.secret_room && !booking.sauna);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn incognito_day_with_wine_and_transfer(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, Weekday::Sat), 15);
    let plan = Plan::new(&env.app, TariffId::IncognitoDay, start, 24);
    let booking = book(db, plan).await;
    assert_eq!(booking.wine_preference.as_deref(), Some("red-dry"));
    assert_eq!(booking.transfer_address.as_deref(), Some("ул. Ленина, 1, кв. 5"));
    assert!(booking.sauna && booking.secret_room && booking.second_bedroom, "all included");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn incognito_hours_with_extra_hours_and_no_transfer(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, Weekday::Thu), 10);
    let mut plan = Plan::new(&env.app, TariffId::IncognitoHours, start, 14);
    plan.transfer = None;
    plan.wine = secret_house_bot::domain::stay_options::Wine::None;
    let booking = book(db, plan).await;
    assert_eq!(booking.price, Money::from_roubles(660), "600 for 12 h + 2 extra hours at 30");
    assert_eq!(
        (booking.wine_preference.as_deref(), booking.transfer_address.as_deref()),
        (Some("none"), None)
    );
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn incognito_worker_overnight(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, Weekday::Mon), 22);
    let plan = Plan::new(&env.app, TariffId::IncognitoWorker, start, 11);
    let booking = book(db, plan).await;
    assert_eq!(booking.price, Money::from_roubles(450));
    assert_eq!(booking.ends_at.with_timezone(&env.app.settings.house.timezone).hour(), 9);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_holiday_start_asks_for_the_full_amount_and_names_the_holiday(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let app = env.app.clone();
    let day = holiday(&app);
    let plan = Plan::new(&app, TariffId::Day, local(&app, day, 14), 24);
    let mut w = Wizard::new(env);
    w.bot.dispatch().await;
    w.walk(&plan, Step::Payment).await;
    let rule = app.catalog.prepayment.for_stay(day, Money::from_roubles(100)).holiday.unwrap();
    let screen = w.screen();
    assert!(screen.contains(&rule.name_ru), "the payment screen names the holiday: {screen}");
    let (_, draft) = w.step().await.unwrap();
    let booking = bookings::get(&db, draft.booking_id.unwrap()).await.unwrap();
    assert_eq!(booking.prepayment, booking.price, "100 % on a holiday");
    assert!(booking.price > Money::ZERO);
}
