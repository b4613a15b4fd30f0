//! The shared pickers against real PostgreSQL: a booking's own interval is not busy to the flow
//! moving it (`Viewer::exclude`), nor a guest's own unpaid hold to that guest (`Viewer::guest`),
//! while everyone else sees both as taken.

mod support;

use chrono::{Duration, Timelike, Utc, Weekday};
use secret_house_bot::{
    bot::pickers::{Pickers, Viewer},
    db::{booking_changes, bookings::Booking},
    domain::{
        booking::{Actor, Transition},
        tariff::TariffId,
    },
};
use sqlx::PgPool;
use support::{
    bot_env::BotEnv,
    db_fixtures,
    wizard::{local, ordinary_day},
};

async fn confirmed_and_unpaid(env: &BotEnv, db: &PgPool) -> (Booking, Booking, i64) {
    let day = ordinary_day(&env.app, Weekday::Wed);
    let owner = db_fixtures::user(db, 71).await;
    let mut stay = db_fixtures::hold(&owner, local(&env.app, day, 12), 4);
    stay.hold_expires_at = Utc::now() + Duration::hours(6);
    let confirmed = db_fixtures::create(db, &stay).await;
    booking_changes::transition(db, confirmed.id, Transition::Approve, Actor::System, Default::default())
        .await
        .unwrap();
    let unpaid = db_fixtures::create(db, &db_fixtures::hold(&owner, local(&env.app, day, 20), 2)).await;
    (confirmed, unpaid, owner.id)
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_booking_being_moved_and_a_guests_own_hold_are_not_busy_to_them(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let (confirmed, unpaid, owner) = confirmed_and_unpaid(&env, &db).await;
    let clock = env.app.clock();
    let tariff = env.app.catalog.tariff(TariffId::Day);
    let day = clock.local(confirmed.starts_at).date();
    let hour = |b: &Booking| clock.local(b.starts_at).hour();
    let free_at = |hours: &[(u32, bool)], h: u32| hours.iter().any(|(x, free)| *x == h && *free);
    let app = &env.app;
    let pickers = |viewer| Pickers { app, clock: &clock, tariff, viewer };

    let stranger = pickers(Viewer::default()).start_hours(day).await.unwrap();
    assert!(!free_at(&stranger, hour(&confirmed)) && !free_at(&stranger, hour(&unpaid)), "{stranger:?}");
    let moving = pickers(Viewer { guest: None, exclude: Some(confirmed.id) }).start_hours(day).await.unwrap();
    assert!(free_at(&moving, hour(&confirmed)), "its own time is free to the move: {moving:?}");
    assert!(!free_at(&moving, hour(&unpaid)), "others stay busy");
    let owner_view = pickers(Viewer { guest: Some(owner), exclude: None }).start_hours(day).await.unwrap();
    assert!(free_at(&owner_view, hour(&unpaid)), "the guest's own unpaid hold: {owner_view:?}");
    assert!(!free_at(&owner_view, hour(&confirmed)), "a confirmed stay is busy even to its owner");
}
