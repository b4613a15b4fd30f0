//! A booking with nothing to pay up front (a 100 % promo code) through `bot::schema()` with
//! MockBot, the real store and real PostgreSQL: no 0 BYN payment screen — the booking goes
//! straight to awaiting approval, the admins get its approval message (text, no receipt) in the
//! same transaction, and their Approve confirms it as usual.

mod support;

use chrono::{Duration, Utc, Weekday};
use secret_house_bot::{
    bot::{
        State,
        booking::Step,
        callback::{AdminAction, CallbackData},
    },
    db::{bookings, promos},
    domain::{booking::BookingStatus, money::Money, promo::PromoKind, tariff::TariffId},
};
use sqlx::PgPool;
use support::{
    bot_env::ADMIN_CHAT_ID,
    staff::admin_press,
    wizard::{open, ru},
};
use teloxide_tests::MockUser;

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_free_booking_skips_the_payment_screen_and_goes_to_the_admins(db: PgPool) {
    let today = Utc::now().date_naive();
    let free = promos::NewPromo {
        code: "FREE100".into(),
        kind: PromoKind::UsagePeriod,
        valid_from: today - Duration::days(1),
        valid_to: today + Duration::days(60),
        discount_percent: 100,
        tariffs: None,
        max_uses: Some(1),
        created_by: None,
    };
    promos::create(&db, &free).await.unwrap();
    let (mut w, mut plan) = open(&db, TariffId::Day, Weekday::Wed, 14, 24).await;
    plan.promo = Some("free100".into());
    w.walk(&plan, Step::Contact).await;
    let screen = w.send(&plan.contact).await;
    assert_eq!(w.state().await, State::Menu, "the wizard is over");
    let rows = bookings::list_by_owner(&db, bookings_owner(&db).await, Utc::now()).await.unwrap();
    assert_eq!(rows.len(), 1);
    let booking = &rows[0];
    let app = &w.env.app;
    let expected = app.texts.format(
        secret_house_bot::i18n::Lang::Ru,
        "booking-nothing-owed",
        &[
            ("id", booking.id.into()),
            ("start", secret_house_bot::bot::approval::when(app, booking.starts_at).into()),
            ("end", secret_house_bot::bot::approval::when(app, booking.ends_at).into()),
        ],
    );
    assert_eq!(screen, expected);
    assert!(!screen.contains(&app.settings.payment.card_number), "no payment screen");
    assert_ne!(ru(&w, "booking-nothing-owed"), "booking-nothing-owed");
    assert_eq!(booking.hold_expires_at, None, "no payment deadline for a booking that needs no payment");
    assert_eq!(
        (booking.status, booking.price, booking.prepayment),
        (BookingStatus::AwaitingApproval, Money::ZERO, Money::ZERO)
    );
    let queued: Vec<(i64, String, String, Option<serde_json::Value>)> =
        sqlx::query_as("SELECT chat_id, kind, body, reply_markup FROM outbox ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(queued.len(), 1, "{queued:#?}");
    let (chat, kind, body, markup) = &queued[0];
    assert_eq!((*chat, kind.as_str()), (ADMIN_CHAT_ID, "text"));
    assert!(
        body.starts_with(&w.env.app.texts.get(secret_house_bot::i18n::Lang::Ru, "admin-nothing-owed")),
        "{body}"
    );
    let approve = CallbackData::Admin { action: AdminAction::Approve, booking: booking.id };
    assert!(markup.as_ref().is_some_and(|m| m.to_string().contains(&approve.encode())));

    // The admin approves from that message: confirmed, the guest told.
    admin_press(&mut w, approve, body).await;
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::Confirmed);
    let guest_told: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE chat_id = $1")
        .bind(MockUser::ID as i64)
        .fetch_one(&db)
        .await
        .unwrap();
    assert!(guest_told >= 1);
}

async fn bookings_owner(db: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE telegram_user_id = $1")
        .bind(MockUser::ID as i64)
        .fetch_one(db)
        .await
        .unwrap()
}
