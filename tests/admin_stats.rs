//! `/stats` against real PostgreSQL: a seeded dataset with every figure computed by hand,
//! including a stay that starts at 01:30 on 1 June in Minsk (still 31 May in UTC) and one that
//! runs over the end of June; and the command and its buttons through `bot::schema()` — admins
//! only.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use secret_house_bot::{
    bot::callback::CallbackData,
    db::stats,
    domain::{booking::BookingStatus, money::Money, periods::Period},
};
use sqlx::PgPool;
use support::{
    bot_env::BotEnv,
    db_fixtures::{booking_in, user},
    gifts::active_gift,
    staff::{admin_says, staff_press},
    wizard::Wizard,
};
use teloxide_tests::MockUser;

fn minsk(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Minsk.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
}

/// A booking brought to `status`, then given its price, guests and (maybe) a promo code.
async fn seed(
    db: &PgPool,
    owner: i64,
    (start, hours): (DateTime<Utc>, i64),
    status: BookingStatus,
    (price, guests, promo): (i64, i32, Option<i64>),
) {
    let owner = user(db, owner).await;
    let booking = booking_in(db, &owner, start, hours, status).await;
    sqlx::query(
        "UPDATE bookings SET price = $2, prepayment = 0, guests = $3, promocode_id = $4 WHERE id = $1",
    )
    .bind(booking.id)
    .bind(Money::from_roubles(price))
    .bind(guests)
    .bind(promo)
    .execute(db)
    .await
    .unwrap();
}

async fn dataset(db: &PgPool) {
    let promo: i64 = sqlx::query_scalar(
        "INSERT INTO promocodes (code, kind, valid_from, valid_to, discount_percent)
         VALUES ('june', 'usage_period', '2030-01-01', '2030-12-31', 10) RETURNING id",
    )
    .fetch_one(db)
    .await
    .unwrap();
    // June in Minsk: #1 starts 01:30 on the 1st (22:30 UTC on 31 May); #3 runs 20:00 30 June →
    // 06:00 1 July (4 of its 10 hours in June).
    seed(db, 80, (minsk(2030, 6, 1, 1, 30), 10), BookingStatus::Confirmed, (800, 3, Some(promo))).await;
    seed(db, 80, (minsk(2030, 6, 10, 12, 0), 24), BookingStatus::Completed, (1100, 2, None)).await;
    seed(db, 81, (minsk(2030, 6, 30, 20, 0), 10), BookingStatus::Confirmed, (450, 4, None)).await;
    seed(db, 81, (minsk(2030, 6, 15, 12, 0), 10), BookingStatus::PendingPayment, (500, 2, None)).await;
    // May: a cancelled stay and one that ends at 22:00 on 31 May.
    seed(db, 82, (minsk(2030, 5, 20, 12, 0), 10), BookingStatus::Cancelled, (999, 2, None)).await;
    seed(db, 83, (minsk(2030, 5, 31, 12, 0), 10), BookingStatus::Confirmed, (300, 1, None)).await;
    sqlx::query("UPDATE users SET is_active = FALSE WHERE telegram_user_id = 82").execute(db).await.unwrap();
    let extras = secret_house_bot::domain::tariff::Extras::default();
    let gift = active_gift(
        db,
        80,
        (secret_house_bot::domain::tariff::TariffId::Day, extras),
        "STAT23456789",
        Utc::now() + Duration::days(9),
    )
    .await;
    sqlx::query("UPDATE gift_certificates SET price = 420 WHERE id = $1")
        .bind(gift.id)
        .execute(db)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn figures_match_the_hand_computed_ones_at_the_house_month_boundary(db: PgPool) {
    dataset(&db).await;
    let june =
        stats::for_period(&db, Some(minsk(2030, 6, 1, 0, 0)), Some(minsk(2030, 7, 1, 0, 0))).await.unwrap();
    assert_eq!(
        june.bookings_by_status,
        [(BookingStatus::PendingPayment, 1), (BookingStatus::Confirmed, 2), (BookingStatus::Completed, 1)]
    );
    assert_eq!(
        (june.revenue_confirmed, june.revenue_completed),
        (Money::from_roubles(1250), Money::from_roubles(1100))
    );
    assert_eq!(june.average_price, Some(Money::from_kopecks(78_333)), "(800 + 1100 + 450) / 3");
    assert_eq!((june.guests, june.hours_sold, june.promo_uses), (9, 38, 1), "10 + 24 + 4 hours");
    assert_eq!(june.occupancy_percent, Some(5.3), "38 of 720 hours");
    assert_eq!((june.users_total, june.users_with_bookings, june.users_active), (4, 2, 3));
    assert_eq!((june.gifts_sold, june.gifts_revenue), (0, Money::ZERO), "bought in 2026");

    let may =
        stats::for_period(&db, Some(minsk(2030, 5, 1, 0, 0)), Some(minsk(2030, 6, 1, 0, 0))).await.unwrap();
    assert_eq!(
        may.bookings_by_status,
        [(BookingStatus::Confirmed, 1), (BookingStatus::Cancelled, 1)],
        "not #1"
    );
    assert_eq!(
        (may.revenue_confirmed, may.hours_sold, may.users_with_bookings),
        (Money::from_roubles(300), 10, 2)
    );

    let all = stats::for_period(&db, None, None).await.unwrap();
    assert_eq!(
        (all.revenue_confirmed, all.revenue_completed),
        (Money::from_roubles(1550), Money::from_roubles(1100))
    );
    // 10 + 24 + 10 + 10 hours over 31 May 12:00 → 1 July 06:00 (738 hours).
    assert_eq!((all.hours_sold, all.occupancy_percent), (54, Some(7.3)));
    assert_eq!((all.gifts_sold, all.gifts_redeemed, all.gifts_revenue), (1, 0, Money::from_roubles(420)));
    assert_eq!((all.users_total, all.users_active), (4, 3), "the certificate's buyer is guest 80");

    let empty =
        stats::for_period(&db, Some(minsk(2031, 1, 1, 0, 0)), Some(minsk(2031, 2, 1, 0, 0))).await.unwrap();
    assert!(empty.bookings_by_status.is_empty());
    assert_eq!((empty.average_price, empty.hours_sold, empty.occupancy_percent), (None, 0, Some(0.0)));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn stats_are_for_admins_and_switch_periods(db: PgPool) {
    dataset(&db).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    admin_says(&mut w, "/stats").await;
    let month = w.screen();
    assert!(month.contains(&w.env.text(secret_house_bot::i18n::Lang::Ru, "stats-this-month")), "{month}");
    assert_eq!(w.buttons(), Period::ALL.map(CallbackData::Stats));
    staff_press(&mut w, support::bot_env::ADMIN_ID, CallbackData::Stats(Period::AllTime), &month).await;
    let all = w.screen();
    assert!(all.contains("1550 BYN") && all.contains("7.3 %") && all.contains("420 BYN"), "{all}");
    // A guest with a forged button: refused, nothing shown.
    staff_press(&mut w, MockUser::ID, CallbackData::Stats(Period::ThisYear), &all).await;
    assert_eq!(
        w.answer().as_deref(),
        Some(w.env.text(secret_house_bot::i18n::Lang::Ru, "admin-not-allowed").as_str())
    );
    assert_eq!(w.screen(), "", "nothing sent or redrawn");
    // A guest typing the command: the usual "I did not understand".
    let guest = w.send("/stats").await;
    assert!(guest.starts_with(&w.env.text(secret_house_bot::i18n::Lang::Ru, "unknown-input")), "{guest}");
}

/// The database down when an admin presses a staff button outside any flow (statistics, the
/// bookings list, Stop, a promo code page, an approval, a gift decision): the press is answered
/// and the admin told in the chat, never left with a spinner that stops without a word — one
/// router settles every admin press.
#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_staff_press_during_a_database_outage_is_answered(db: PgPool) {
    use secret_house_bot::bot::callback::{BookingsPress, BroadcastPress, Filter, PromoPress};
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.env.app.db.close().await;
    let internal = w.env.text(secret_house_bot::i18n::Lang::Ru, "error-internal");
    for press in [
        CallbackData::Stats(Period::ThisYear),
        CallbackData::Bookings(BookingsPress::List { filter: Filter::Open, page: 0 }),
        CallbackData::Broadcast(BroadcastPress::Stop(1)),
        CallbackData::Promo(PromoPress::Page(1)),
        CallbackData::Admin { action: secret_house_bot::bot::callback::AdminAction::Approve, booking: 1 },
        CallbackData::GiftDecision { approve: true, gift: 1 },
    ] {
        staff_press(&mut w, support::bot_env::ADMIN_ID, press, "…").await;
        let responses = w.bot.get_responses();
        let sent: Vec<_> = responses.sent_messages.iter().filter_map(|m| m.text()).collect();
        assert_eq!(sent, [internal.as_str()], "{press:?}");
        assert!(!responses.answered_callback_queries.is_empty(), "{press:?}: the spinner stops");
    }
}
