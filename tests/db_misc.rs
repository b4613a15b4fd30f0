//! The other repositories against real PostgreSQL: migrations, users, booking queries, gift
//! certificates, promo codes, feedback, settings and statistics.

mod support;

use std::sync::Arc;

use chrono::{Duration, NaiveDate, Utc};
use secret_house_bot::{
    db::{
        DbError,
        booking_changes::{self, Guard},
        booking_jobs::{self, Milestone},
        bookings::{self, NewBooking},
        feedback, gift_attempts, gifts, house_settings,
        promos::{self, NewPromo, PromoError},
        stats, users,
    },
    domain::{
        booking::{Actor, BookingStatus, ReceiptKind, Transition},
        money::Money,
        promo::{PromoKind, PromoRejection, PromoUse},
        tariff::{Extras, TariffId},
    },
};
use sqlx::PgPool;
use support::db_fixtures::{at, create, hold, user};

const ADMIN: Actor = Actor::Admin { telegram_id: 900 };

#[sqlx::test(migrations = false)]
async fn migrations_apply_to_an_empty_database_and_again_on_restart(db: PgPool) {
    secret_house_bot::db::MIGRATOR.run(&db).await.expect("first run");
    secret_house_bot::db::MIGRATOR.run(&db).await.expect("a restart applies nothing new");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    for table in
        ["booking_events", "bookings", "feedback", "gift_certificates", "promocodes", "settings", "users"]
    {
        assert!(tables.contains(&table.to_owned()), "{table} missing from {tables:?}");
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn users_are_upserted_by_telegram_id_and_keep_their_language(db: PgPool) {
    let first = user(&db, 42).await;
    users::set_language(&db, first.id, "en").await.unwrap();
    users::set_contact(&db, first.id, "@guest_42").await.unwrap();
    let seen = users::SeenUser {
        telegram_user_id: 42,
        chat_id: 4242,
        username: Some("renamed"),
        first_name: None,
        language: "ru",
    };
    let again = users::upsert(&db, seen).await.unwrap();
    assert_eq!((again.id, again.chat_id, again.username.as_deref()), (first.id, Some(4242), Some("renamed")));
    assert_eq!(again.language, "en", "the guest's own choice wins over the client's language");
    assert_eq!(again.contact.as_deref(), Some("@guest_42"));
    // The same sender again: read, not rewritten.
    let unchanged = users::upsert(&db, seen).await.unwrap();
    assert_eq!(unchanged.updated_at, again.updated_at, "no write when nothing changed");
    assert_eq!(unchanged.id, first.id);
    users::deactivate(&db, first.id).await.unwrap();
    let back = users::upsert(&db, seen).await.unwrap();
    assert!(back.is_active, "a returning user is active again");
    users::deactivate(&db, first.id).await.unwrap();
    assert!(!users::by_telegram_id(&db, 42).await.unwrap().unwrap().is_active);
    assert_eq!(users::by_telegram_id(&db, 43).await.unwrap(), None);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn booking_queries_answer_the_calendars_and_the_jobs(db: PgPool) {
    let (guest, other) = (user(&db, 50).await, user(&db, 51).await);
    let now = Utc::now();
    let past = create(&db, &hold(&guest, now - Duration::days(30), 10)).await;
    booking_changes::transition(&db, past.id, Transition::Approve, ADMIN, Guard::default()).await.unwrap();
    let soon = create(&db, &hold(&guest, now + Duration::hours(20), 10)).await;
    booking_changes::transition(&db, soon.id, Transition::Approve, ADMIN, Guard::default()).await.unwrap();
    let later = create(&db, &hold(&guest, at(0), 10)).await;
    let mut stale = hold(&other, at(100), 10);
    stale.hold_expires_at = now - Duration::minutes(5);
    let stale = create(&db, &stale).await;

    let mine: Vec<i64> =
        bookings::list_by_owner(&db, guest.id, now).await.unwrap().iter().map(|b| b.id).collect();
    assert_eq!(mine, [soon.id, later.id, past.id], "upcoming first, soonest first, then the past");
    assert!(
        bookings::list_by_owner(&db, other.id, now)
            .await
            .unwrap()
            .iter()
            .all(|b| b.owner_id == Some(other.id))
    );

    let busy = bookings::busy_intervals(&db, at(-10), at(200), None, None, now).await.unwrap();
    assert_eq!(busy.len(), 1, "the expired hold does not block: {busy:?}");
    assert_eq!((busy[0].start, busy[0].end), (later.starts_at, later.blocked_until));
    assert!(
        bookings::busy_intervals(&db, at(-10), at(200), Some(later.id), None, now).await.unwrap().is_empty()
    );
    // `later` is the guest's unpaid hold: it does not block the guest's own pickers, only others'.
    assert!(
        bookings::busy_intervals(&db, at(-10), at(200), None, Some(guest.id), now).await.unwrap().is_empty()
    );
    assert_eq!(
        bookings::busy_intervals(&db, at(-10), at(200), None, Some(other.id), now).await.unwrap().len(),
        1
    );

    let pending = bookings::list_by_status(&db, &[BookingStatus::PendingPayment], 10, 0).await.unwrap();
    assert_eq!(pending.iter().map(|b| b.id).collect::<Vec<_>>(), [later.id, stale.id]);
    assert_eq!(bookings::list_in_range(&db, at(-1), at(5)).await.unwrap().len(), 1);

    let due = booking_jobs::needing_instructions(&db, now, now + Duration::days(1)).await.unwrap();
    assert_eq!(due.iter().map(|b| b.id).collect::<Vec<_>>(), [soon.id]);
    assert!(booking_jobs::mark_once(&db, soon.id, Milestone::InstructionsSent).await.unwrap());
    assert!(
        !booking_jobs::mark_once(&db, soon.id, Milestone::InstructionsSent).await.unwrap(),
        "never twice"
    );
    assert!(booking_jobs::needing_instructions(&db, now, now + Duration::days(1)).await.unwrap().is_empty());

    let checked_out = booking_jobs::confirmed_past_checkout(&db, now).await.unwrap();
    assert_eq!(checked_out.iter().map(|b| b.id).collect::<Vec<_>>(), [past.id]);
    let ask = booking_jobs::needing_feedback_request(&db, now).await.unwrap();
    assert_eq!(ask.iter().map(|b| b.id).collect::<Vec<_>>(), [past.id]);
    assert!(booking_jobs::mark_once(&db, past.id, Milestone::FeedbackRequested).await.unwrap());
    assert!(!booking_jobs::mark_once(&db, past.id, Milestone::FeedbackRequested).await.unwrap());
    assert_eq!(bookings::last_contact(&db, guest.id).await.unwrap().as_deref(), Some("+375291234567"));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn gift_certificates_go_through_their_lifecycle_once(db: PgPool) {
    let buyer = user(&db, 60).await;
    let other = user(&db, 61).await;
    let new = gifts::NewGift {
        buyer_id: buyer.id,
        tariff: TariffId::Hours12,
        extras: Extras { sauna: true, ..Extras::default() },
        price: Money::from_kopecks(35_050),
        contact: Some("@buyer_60".into()),
        receipt_file_id: "receipt".into(),
        receipt_kind: ReceiptKind::Document,
    };
    let gift = gifts::create(&db, &new).await.unwrap();
    assert_eq!((gift.code.as_deref(), gift.expires_at), (None, None), "no code before approval");
    let now = Utc::now();
    assert_eq!(
        gifts::redeemable(&db, "ABCD2345EFGH", buyer.id, now).await.unwrap(),
        Err(gifts::GiftRefusal::Unknown)
    );
    let mut conn = db.acquire().await.unwrap();
    let expires = now + Duration::days(90);
    let approved =
        gifts::approve_in(&mut conn, gift.id, "ABCD2345EFGH", expires, 900).await.unwrap().unwrap();
    assert_eq!((approved.status, approved.decided_by), (gifts::GiftStatus::Active, Some(900)));
    assert_eq!(
        gifts::approve_in(&mut conn, gift.id, "ZZZZ2345EFGH", expires, 901).await.unwrap(),
        Err(gifts::GiftStatus::Active),
        "a double click draws no second code"
    );
    assert_eq!(gifts::reject_in(&mut conn, gift.id, 900).await.unwrap(), Err(gifts::GiftStatus::Active));
    let found = gifts::redeemable(&db, "ABCD2345EFGH", other.id, now).await.unwrap().expect("redeemable");
    assert_eq!(
        (found.id, found.extras().sauna, found.code.as_deref()),
        (gift.id, true, Some("ABCD2345EFGH"))
    );

    // A hold reserves it: a second live booking with it is refused by the database itself.
    let with_gift = |start| NewBooking { gift_certificate_id: Some(gift.id), ..hold(&buyer, start, 12) };
    let first = create(&db, &with_gift(at(0))).await;
    let second =
        booking_changes::create_hold(&db, &with_gift(at(100)), Actor::Guest { telegram_id: 1 }).await;
    assert!(matches!(second, Err(DbError::GiftUnavailable)), "{second:?}");
    assert_eq!(
        gifts::redeemable(&db, "ABCD2345EFGH", other.id, now).await.unwrap(),
        Err(gifts::GiftRefusal::Reserved)
    );
    assert!(
        gifts::redeemable(&db, "ABCD2345EFGH", buyer.id, now).await.unwrap().is_ok(),
        "the guest's own unpaid hold does not keep it from them (a new hold replaces it)"
    );
    // While reserved it does not expire, even past its date.
    assert!(gifts::expire_overdue(&db, expires + Duration::days(1)).await.unwrap().is_empty());
    // Cancelled before confirmation: released.
    booking_changes::transition(&db, first.id, Transition::Cancel, ADMIN, Guard::default()).await.unwrap();
    assert!(gifts::redeemable(&db, "ABCD2345EFGH", other.id, now).await.unwrap().is_ok(), "released");
    // Confirmed: redeemed, in the approval's transaction.
    let used = create(&db, &with_gift(at(200))).await;
    let used = booking_changes::attach_receipt(&db, used.id, buyer.id, "r", ReceiptKind::Photo, ADMIN)
        .await
        .unwrap();
    booking_changes::transition(&db, used.booking().id, Transition::Approve, ADMIN, Guard::default())
        .await
        .unwrap();
    let redeemed = gifts::get(&db, gift.id).await.unwrap();
    assert_eq!(
        (redeemed.status, redeemed.redeemed_booking_id),
        (gifts::GiftStatus::Redeemed, Some(used.booking().id))
    );
    assert_eq!(
        gifts::redeemable(&db, "ABCD2345EFGH", other.id, now).await.unwrap(),
        Err(gifts::GiftRefusal::Used)
    );

    // An unused one past its expiry: refused as expired, then expired by the job.
    let old = gifts::create(&db, &new).await.unwrap();
    gifts::approve_in(&mut conn, old.id, "OLD234567XYZ", now - Duration::days(1), 900)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        gifts::redeemable(&db, "OLD234567XYZ", buyer.id, now).await.unwrap(),
        Err(gifts::GiftRefusal::Expired)
    );
    let late = booking_changes::create_hold(
        &db,
        &NewBooking { gift_certificate_id: Some(old.id), ..hold(&buyer, at(300), 12) },
        Actor::Guest { telegram_id: 1 },
    )
    .await;
    assert!(matches!(late, Err(DbError::GiftUnavailable)), "an expired certificate is never reserved");
    assert_eq!(gifts::expire_overdue(&db, now).await.unwrap().len(), 1);
    assert_eq!(gifts::get(&db, old.id).await.unwrap().status, gifts::GiftStatus::Expired);
    let dup = gifts::create(&db, &new).await.unwrap();
    let taken = gifts::approve_in(&mut conn, dup.id, "OLD234567XYZ", expires, 900).await;
    assert!(matches!(taken, Err(DbError::Duplicate)), "codes are unique");
    drop(conn);
    let mut conn = db.acquire().await.unwrap();
    let rejected = gifts::reject_in(&mut conn, dup.id, 900).await.unwrap().unwrap();
    assert_eq!((rejected.status, rejected.code), (gifts::GiftStatus::Rejected, None));
    let awaiting = gifts::create(&db, &new).await.unwrap();
    sqlx::query("UPDATE gift_certificates SET code = 'WAIT23456789' WHERE id = $1")
        .bind(awaiting.id)
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(
        gifts::redeemable(&db, "WAIT23456789", buyer.id, now).await.unwrap(),
        Err(gifts::GiftRefusal::NotApproved)
    );
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn wrong_gift_codes_are_counted_per_user_and_swept(db: PgPool) {
    let since = Utc::now() - Duration::minutes(10);
    for _ in 0..3 {
        gift_attempts::record(&db, 70).await.unwrap();
    }
    gift_attempts::record(&db, 71).await.unwrap();
    assert_eq!(gift_attempts::since(&db, 70, since).await.unwrap().len(), 3);
    assert_eq!(gift_attempts::since(&db, 71, since).await.unwrap().len(), 1);
    assert!(gift_attempts::since(&db, 70, Utc::now() + Duration::seconds(1)).await.unwrap().is_empty());
    assert_eq!(gift_attempts::forget_before(&db, Utc::now() + Duration::seconds(1)).await.unwrap(), 4);
}

fn promo(code: &str, max_uses: Option<u32>) -> NewPromo {
    NewPromo {
        code: code.into(),
        kind: PromoKind::BookingDates,
        valid_from: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
        valid_to: NaiveDate::from_ymd_opt(2030, 12, 31).unwrap(),
        discount_percent: 10,
        tariffs: Some(vec![TariffId::Day, TariffId::Worker]),
        max_uses,
        created_by: Some(900),
    }
}

fn stay(tariff: TariffId, start: &str) -> PromoUse {
    PromoUse {
        tariff,
        stay_start: start.parse().unwrap(),
        today: "2030-01-15".parse().unwrap(),
        horizon_end: "2030-07-15".parse().unwrap(),
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn promo_codes_are_checked_without_spending_counted_by_holds_and_deactivated(db: PgPool) {
    let summer = promos::create(&db, &promo("Summer-30", None)).await.unwrap();
    assert_eq!(summer.code, "summer-30");
    assert!(matches!(promos::create(&db, &promo("SUMMER-30", None)).await, Err(DbError::Duplicate)));
    // Checking spends nothing: the use is counted by the hold (test below).
    let checked = promos::check(&db, "SUMMER-30", stay(TariffId::Day, "2030-06-01")).await.unwrap();
    assert_eq!(checked.map(|(p, pct)| (p.uses, pct)), Ok((0, 10)));
    let again = promos::check(&db, "summer-30", stay(TariffId::Day, "2030-06-01")).await.unwrap();
    assert_eq!(again.map(|(p, _)| p.uses), Ok(0), "still unspent");
    let wrong = promos::check(&db, "summer-30", stay(TariffId::Hours12, "2030-06-01")).await.unwrap();
    assert_eq!(wrong.map(|_| ()), Err(PromoError::Rejected(PromoRejection::WrongTariff)));
    let dates = promos::check(&db, "summer-30", stay(TariffId::Day, "2031-01-02")).await.unwrap();
    assert_eq!(dates.map(|_| ()), Err(PromoError::Rejected(PromoRejection::NotForTheseDates)));
    assert_eq!(
        promos::check(&db, "winter", stay(TariffId::Day, "2030-06-01")).await.unwrap().map(|_| ()),
        Err(PromoError::NotFound)
    );

    // Ten holds race for a code's three uses: exactly three get it, the rest write nothing.
    let last3 = promos::create(&db, &promo("last3", Some(3))).await.unwrap();
    let guest = user(&db, 62).await;
    let racers: Vec<_> = (0..10)
        .map(|i| {
            let db = db.clone();
            let new = bookings::NewBooking { promocode_id: Some(last3.id), ..hold(&guest, at(i * 100), 24) };
            tokio::spawn(async move {
                booking_changes::create_hold(&db, &new, Actor::Guest { telegram_id: 62 }).await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for racer in racers {
        outcomes.push(racer.await.unwrap());
    }
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 3);
    assert!(outcomes.iter().filter(|o| o.is_err()).all(|o| matches!(o, Err(DbError::PromoUsedUp))));
    assert_eq!(promos::find_active(&db, "last3").await.unwrap().unwrap().uses, 3);

    assert_eq!(promos::list_active(&db).await.unwrap().len(), 2);
    assert!(promos::deactivate(&db, summer.id).await.unwrap());
    assert!(!promos::deactivate(&db, summer.id).await.unwrap());
    promos::create(&db, &promo("summer-30", None)).await.expect("the name is free again once deactivated");
    assert_eq!(promos::deactivate_expired(&db, "2031-01-01".parse().unwrap()).await.unwrap(), 2);
    assert!(promos::list_active(&db).await.unwrap().is_empty());
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn feedback_is_left_once_by_the_owner_after_the_stay(db: PgPool) {
    let (guest, stranger) = (user(&db, 70).await, user(&db, 71).await);
    let stay = create(&db, &hold(&guest, Utc::now() - Duration::days(3), 24)).await;
    let upcoming = create(&db, &hold(&guest, at(0), 24)).await;
    for id in [stay.id, upcoming.id] {
        booking_changes::transition(&db, id, Transition::Approve, ADMIN, Guard::default()).await.unwrap();
    }
    let answers = feedback::NewFeedback {
        ratings: [10, 9, 8, 10, 7, 10],
        liked_most: Some("Сауна <3".into()),
        to_improve: None,
        public_review: Some("x".repeat(1000)),
    };
    let actor = Actor::Guest { telegram_id: 70 };
    assert!(matches!(
        feedback::insert(&db, stay.id, stranger.id, &answers, actor).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        feedback::insert(&db, upcoming.id, guest.id, &answers, actor).await,
        Err(DbError::NotFound)
    ));
    let saved = feedback::insert(&db, stay.id, guest.id, &answers, actor).await.unwrap();
    assert_eq!((saved.expectations, saved.location, saved.liked_most.as_deref()), (10, 7, Some("Сауна <3")));
    assert!(bookings::get(&db, stay.id).await.unwrap().feedback_submitted);
    assert!(matches!(
        feedback::insert(&db, stay.id, guest.id, &answers, actor).await,
        Err(DbError::Duplicate)
    ));
    let too_long = feedback::NewFeedback { public_review: Some("x".repeat(1001)), ..answers };
    let other_stay = create(&db, &hold(&guest, Utc::now() - Duration::days(10), 24)).await;
    booking_changes::transition(&db, other_stay.id, Transition::Approve, ADMIN, Guard::default())
        .await
        .unwrap();
    assert!(
        feedback::insert(&db, other_stay.id, guest.id, &too_long, actor).await.is_err(),
        "1001 characters"
    );
    assert!(!bookings::get(&db, other_stay.id).await.unwrap().feedback_submitted, "rolled back");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn settings_hold_the_keybox_code(db: PgPool) {
    assert_eq!(house_settings::get(&db, house_settings::KEYBOX_CODE).await.unwrap(), None);
    house_settings::set(&db, house_settings::KEYBOX_CODE, "1234").await.unwrap();
    house_settings::set(&db, house_settings::KEYBOX_CODE, "5678").await.unwrap();
    assert_eq!(house_settings::get(&db, house_settings::KEYBOX_CODE).await.unwrap().as_deref(), Some("5678"));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn statistics_add_up(db: PgPool) {
    let guest = user(&db, 80).await;
    let summer = promos::create(&db, &promo("stats", None)).await.unwrap();
    for (i, price) in [800i64, 1100, 450].into_iter().enumerate() {
        let mut new = hold(&guest, at(i as i64 * 100), 10);
        new.price = Money::from_roubles(price);
        new.prepayment = Money::ZERO;
        new.promocode_id = (i == 0).then_some(summer.id);
        let booking = create(&db, &new).await;
        if i < 2 {
            booking_changes::transition(&db, booking.id, Transition::Approve, ADMIN, Guard::default())
                .await
                .unwrap();
        }
    }
    let all = stats::for_period(&db, None, None).await.unwrap();
    assert_eq!(all.revenue_confirmed, Money::from_roubles(1900));
    assert_eq!(all.average_price, Some(Money::from_roubles(950)));
    assert_eq!(
        all.bookings_by_status,
        vec![(BookingStatus::PendingPayment, 1), (BookingStatus::Confirmed, 2)]
    );
    assert_eq!((all.users_total, all.promo_uses, all.gifts_sold), (1, 1, 0));
    let none = stats::for_period(&db, Some(at(1000)), Some(at(2000))).await.unwrap();
    assert_eq!((none.revenue_confirmed, none.average_price), (Money::ZERO, None));
    assert!(none.bookings_by_status.is_empty());
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_hold_counts_its_promo_code_and_the_last_use_goes_to_one_guest_only(db: PgPool) {
    let promo = promos::create(
        &db,
        &NewPromo {
            code: "LAST".into(),
            kind: PromoKind::UsagePeriod,
            valid_from: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            valid_to: NaiveDate::from_ymd_opt(2040, 1, 1).unwrap(),
            discount_percent: 10,
            tariffs: None,
            max_uses: Some(1),
            created_by: None,
        },
    )
    .await
    .unwrap();
    let guest = user(&db, 61).await;
    let with_promo = |start| bookings::NewBooking { promocode_id: Some(promo.id), ..hold(&guest, start, 24) };
    let (first, second) = (with_promo(at(0)), with_promo(at(100)));
    let actor = Actor::Guest { telegram_id: 61 };
    let (a, b) = tokio::join!(
        booking_changes::create_hold(&db, &first, actor),
        booking_changes::create_hold(&db, &second, actor)
    );
    let outcomes = [a.is_ok(), b.is_ok()];
    assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 1, "exactly one hold gets the last use");
    let refused = if outcomes[0] { b } else { a };
    assert!(matches!(refused, Err(DbError::PromoUsedUp)), "{refused:?}");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings").fetch_one(&db).await.unwrap();
    assert_eq!(rows, 1, "the refused hold wrote nothing");
    assert_eq!(promos::find_active(&db, "last").await.unwrap().unwrap().uses, 1);
}

/// Two first updates of a new guest at once (a double tap on /start): both get the one row.
/// (An `INSERT … ON CONFLICT DO UPDATE … WHERE` that updates nothing returns no row, and the
/// statement's own snapshot cannot see the other transaction's fresh insert.)
#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn simultaneous_first_updates_of_a_new_guest_share_one_row(db: PgPool) {
    let db = Arc::new(db);
    for telegram_id in 7_000..7_040_i64 {
        let racers: Vec<_> = (0..6)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let seen = users::SeenUser {
                        telegram_user_id: telegram_id,
                        chat_id: telegram_id,
                        username: Some("twin"),
                        first_name: Some("Twin"),
                        language: "ru",
                    };
                    users::upsert(&db, seen).await
                })
            })
            .collect();
        let mut ids = std::collections::BTreeSet::new();
        for racer in racers {
            ids.insert(racer.await.unwrap().expect("every racer gets the row").id);
        }
        assert_eq!(ids.len(), 1, "one row for guest {telegram_id}");
    }
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&*db).await.unwrap();
    assert_eq!(rows, 40);
}

/// Two transitions of one booking at once, both allowed in turn (a receipt arriving while the
/// guest cancels): the audit trail chains — each row's old status is the status the one before
/// it left, never a stale read of the row from before the other transaction committed.
#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn concurrent_transitions_record_the_status_they_really_changed(db: PgPool) {
    let guest = user(&db, 63).await;
    let db = Arc::new(db);
    for round in 0..30 {
        let booking = create(&db, &hold(&guest, at(round * 100), 24)).await;
        let actor = Actor::Guest { telegram_id: 63 };
        let (a, b) = tokio::join!(
            booking_changes::transition(
                &db,
                booking.id,
                Transition::ReceiptReceived,
                actor,
                Guard::default()
            ),
            booking_changes::transition(&db, booking.id, Transition::Cancel, actor, Guard::default()),
        );
        assert!(b.is_ok(), "a cancel is allowed before and after the receipt: {b:?}");
        let trail: Vec<(serde_json::Value, serde_json::Value)> = sqlx::query_as(
            "SELECT old_values, new_values FROM booking_events
              WHERE booking_id = $1 AND action <> 'create' ORDER BY id",
        )
        .bind(booking.id)
        .fetch_all(&*db)
        .await
        .unwrap();
        assert_eq!(trail.len(), if a.is_ok() { 2 } else { 1 }, "{trail:?}");
        assert_eq!(trail[0].0["status"], "pending_payment", "{trail:?}");
        for pair in trail.windows(2) {
            assert_eq!(pair[1].0["status"], pair[0].1["status"], "the trail chains: {trail:?}");
        }
    }
}
