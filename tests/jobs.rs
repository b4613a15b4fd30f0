//! The jobs against real PostgreSQL with an injected clock (`now` is passed in; nothing sleeps):
//! arrival instructions at their moment and never twice (run twice, a crash before the commit,
//! a downtime), the key-box code only in the guest's messages, the sauna note, the guest's
//! language; completion with its feedback request once; the daily expiry of promo codes and gift
//! certificates.

mod support;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use secret_house_bot::{
    app::App,
    bot::callback::{CallbackData, Mine},
    db::{bookings, gifts, house_settings, promos, users::User},
    domain::{
        booking::{BookingStatus, ReceiptKind},
        money::Money,
        promo::PromoKind,
        tariff::{Extras, TariffId},
    },
    i18n::Lang,
    jobs,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, BotEnv, INFORM_CHAT_ID},
    db_fixtures::{self, booking_in},
};

/// 2030-06-10 15:00 in Minsk: a check-in whose instructions are due 2030-06-09 12:00.
fn check_in() -> DateTime<Utc> {
    chrono_tz::Europe::Minsk.with_ymd_and_hms(2030, 6, 10, 15, 0, 0).unwrap().with_timezone(&Utc)
}

fn due() -> DateTime<Utc> {
    chrono_tz::Europe::Minsk.with_ymd_and_hms(2030, 6, 9, 12, 0, 0).unwrap().with_timezone(&Utc)
}

/// (chat, kind, body) of every queued notice, oldest first.
async fn queued(db: &PgPool) -> Vec<(i64, String, String)> {
    sqlx::query_as("SELECT chat_id, kind, body FROM outbox ORDER BY id").fetch_all(db).await.unwrap()
}

async fn guest(db: &PgPool, telegram_id: i64, language: &str) -> User {
    let user = db_fixtures::user(db, telegram_id).await;
    sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
        .bind(user.id)
        .bind(language)
        .execute(db)
        .await
        .unwrap();
    User { language: language.into(), ..user }
}

fn ru(app: &App, id: &str) -> String {
    app.texts.get(Lang::Ru, id)
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn instructions_go_at_their_moment_once_with_the_sauna_note(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let app = &env.app;
    let me = guest(&db, 700_001, "ru").await;
    let booking = booking_in(&db, &me, check_in(), 24, BookingStatus::Confirmed).await;
    assert_eq!(jobs::instructions::due_at(app, &booking), due());

    jobs::send_due_instructions(app, due() - Duration::minutes(1)).await;
    assert!(queued(&db).await.is_empty(), "not before their moment");
    jobs::send_due_instructions(app, due()).await;
    let sent = queued(&db).await;
    let to_guest: Vec<_> = sent.iter().filter(|n| n.0 == 700_001).collect();
    assert_eq!(to_guest.len(), 3, "route, check-in, sauna: {sent:#?}");
    assert!(
        to_guest[0].2.contains("Юбилейное-68")
            && to_guest[0].2.contains(app.settings.house.yandex_maps_url.as_str())
    );
    assert_eq!(to_guest[1].2, ru(app, "instructions-checkin-no-code"), "no code set yet");
    assert_eq!(to_guest[2].2, ru(app, "instructions-sauna"));
    let warnings: Vec<_> = sent.iter().filter(|n| n.0 == ADMIN_CHAT_ID).collect();
    assert_eq!(warnings.len(), 1, "the admin chat is warned about the missing code");
    assert!(bookings::get(&db, booking.id).await.unwrap().instructions_sent_at.is_some());

    // Again, and later: nothing more. A second booking without a code: no second warning.
    jobs::send_due_instructions(app, due() + Duration::minutes(5)).await;
    jobs::send_due_instructions(app, due() + Duration::hours(20)).await;
    assert_eq!(queued(&db).await.len(), sent.len(), "never twice");
    let other = guest(&db, 700_002, "ru").await;
    let mut new = db_fixtures::hold(&other, check_in() + Duration::days(3), 24);
    new.extras = Extras::default();
    let no_sauna = db_fixtures::create(&db, &new).await;
    sqlx::query("UPDATE bookings SET status = 'confirmed' WHERE id = $1")
        .bind(no_sauna.id)
        .execute(&db)
        .await
        .unwrap();
    jobs::send_due_instructions(app, due() + Duration::days(3)).await;
    let all = queued(&db).await;
    assert_eq!(all.iter().filter(|n| n.0 == 700_002).count(), 2, "no sauna, no sauna note");
    assert_eq!(all.iter().filter(|n| n.0 == ADMIN_CHAT_ID).count(), 1, "warned once until a code is set");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_code_goes_to_the_guest_only_in_their_language(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let app = &env.app;
    let admin = 900_001;
    let mut tx = db.begin().await.unwrap();
    house_settings::set_by(&mut tx, house_settings::KEYBOX_CODE, "0427", admin).await.unwrap();
    tx.commit().await.unwrap();
    let me = guest(&db, 700_003, "en").await;
    booking_in(&db, &me, check_in(), 24, BookingStatus::Confirmed).await;
    jobs::send_due_instructions(app, due()).await;
    let sent = queued(&db).await;
    let checkin = app.texts.format(Lang::En, "instructions-checkin", &[("code", "0427".into())]);
    assert!(sent.iter().any(|n| n.0 == 700_003 && n.2 == checkin), "English, with the code: {sent:#?}");
    for (chat, _, body) in &sent {
        assert!(*chat == 700_003 || !body.contains("0427"), "the code never goes to a staff chat");
    }
    assert!(
        !sent.iter().any(|n| n.0 == ADMIN_CHAT_ID || n.0 == INFORM_CHAT_ID),
        "no warning with a code set"
    );
    let audit: Vec<(String, i64)> =
        sqlx::query_as("SELECT key, actor_telegram_id FROM settings_events").fetch_all(&db).await.unwrap();
    assert_eq!(audit, [("keybox_code".to_owned(), admin)], "who changed it, not the value");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_crash_before_the_commit_leaves_nothing_and_the_next_run_sends_once(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let app = &env.app;
    let me = guest(&db, 700_004, "ru").await;
    let booking = booking_in(&db, &me, check_in(), 24, BookingStatus::Confirmed).await;
    // The job's transaction marks and queues, then the process dies before the commit.
    let mut tx = db.begin().await.unwrap();
    assert!(jobs::instructions::queue_in(&mut tx, app, &booking, Some(&me)).await.unwrap());
    drop(tx);
    assert!(queued(&db).await.is_empty());
    assert!(
        bookings::get(&db, booking.id).await.unwrap().instructions_sent_at.is_none(),
        "not marked either"
    );
    jobs::send_due_instructions(app, due()).await;
    jobs::send_due_instructions(app, due()).await;
    assert_eq!(queued(&db).await.iter().filter(|n| n.0 == 700_004).count(), 3, "sent once after the restart");
    // A second writer (the approval, another worker) finds it marked and queues nothing.
    let mut tx = db.begin().await.unwrap();
    assert!(!jobs::instructions::queue_in(&mut tx, app, &booking, Some(&me)).await.unwrap());
    tx.commit().await.unwrap();
    assert_eq!(queued(&db).await.iter().filter(|n| n.0 == 700_004).count(), 3);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_downtime_is_caught_up_but_never_for_a_stay_that_began(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let app = &env.app;
    let me = guest(&db, 700_005, "ru").await;
    let upcoming = booking_in(&db, &me, check_in(), 24, BookingStatus::Confirmed).await;
    let began = booking_in(&db, &me, check_in() - Duration::days(2), 24, BookingStatus::Confirmed).await;
    // The bot was down from before both moments until the evening before the first check-in.
    jobs::send_due_instructions(app, check_in() - Duration::hours(3)).await;
    assert!(bookings::get(&db, upcoming.id).await.unwrap().instructions_sent_at.is_some());
    assert!(bookings::get(&db, began.id).await.unwrap().instructions_sent_at.is_none(), "too late to help");
    assert_eq!(queued(&db).await.iter().filter(|n| n.0 == 700_005).count(), 3);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_finished_stay_is_completed_and_asked_for_feedback_once(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let app = &env.app;
    let me = guest(&db, 700_006, "ru").await;
    let booking = booking_in(&db, &me, check_in(), 24, BookingStatus::Confirmed).await;
    let checkout = check_in() + Duration::hours(24);
    jobs::complete_finished_stays(app, checkout + Duration::minutes(59)).await;
    assert_eq!(
        bookings::get(&db, booking.id).await.unwrap().status,
        BookingStatus::Confirmed,
        "within the grace"
    );
    jobs::complete_finished_stays(app, checkout + Duration::hours(1)).await;
    jobs::complete_finished_stays(app, checkout + Duration::hours(2)).await;
    let done = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!(done.status, BookingStatus::Completed);
    assert!(done.feedback_requested_at.is_some());
    let last = db_fixtures::events(&db, booking.id).await.pop().unwrap();
    assert_eq!(last, ("system".into(), None, "complete".into()));
    let requests: Vec<(i64, String, Option<serde_json::Value>)> =
        sqlx::query_as("SELECT chat_id, body, reply_markup FROM outbox").fetch_all(&db).await.unwrap();
    assert_eq!(requests.len(), 1, "once: {requests:#?}");
    let (chat, body, markup) = &requests[0];
    assert_eq!(*chat, 700_006);
    assert!(body.contains(&booking.id.to_string()), "{body}");
    let button = CallbackData::Mine(Mine::Feedback(booking.id)).encode();
    assert!(markup.as_ref().is_some_and(|m| m.to_string().contains(&button)), "{markup:?}");
    // Completed by someone else (an admin) without being asked: asked once, not completed twice.
    let by_admin = booking_in(&db, &me, check_in() + Duration::days(2), 24, BookingStatus::Completed).await;
    jobs::complete_finished_stays(app, check_in() + Duration::days(4)).await;
    jobs::complete_finished_stays(app, check_in() + Duration::days(4)).await;
    assert!(bookings::get(&db, by_admin.id).await.unwrap().feedback_requested_at.is_some());
    let asked: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE booking_id = $1")
        .bind(by_admin.id)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(asked, 1);
    // A cancelled booking past its end is not completed.
    let cancelled = booking_in(&db, &me, check_in() + Duration::days(5), 24, BookingStatus::Cancelled).await;
    jobs::complete_finished_stays(app, check_in() + Duration::days(9)).await;
    assert_eq!(bookings::get(&db, cancelled.id).await.unwrap().status, BookingStatus::Cancelled);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn promo_codes_and_gifts_expire_daily_after_their_time_and_buyers_hear_once(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let app = &env.app;
    let buyer = guest(&db, 700_007, "ru").await;
    let last_day = chrono::NaiveDate::from_ymd_opt(2030, 6, 9).unwrap();
    let promo = promos::create(
        &db,
        &promos::NewPromo {
            code: "june".into(),
            kind: PromoKind::BookingDates,
            valid_from: last_day - Duration::days(30),
            valid_to: last_day,
            discount_percent: 10,
            tariffs: None,
            max_uses: None,
            created_by: Some(1),
        },
    )
    .await
    .unwrap();
    let expires =
        chrono_tz::Europe::Minsk.with_ymd_and_hms(2030, 6, 9, 18, 0, 0).unwrap().with_timezone(&Utc);
    let gift = gifts::create(
        &db,
        &gifts::NewGift {
            buyer_id: buyer.id,
            tariff: TariffId::Day,
            extras: Extras::default(),
            price: Money::from_roubles(800),
            contact: None,
            receipt_file_id: "receipt".into(),
            receipt_kind: ReceiptKind::Photo,
        },
    )
    .await
    .unwrap();
    let mut conn = db.acquire().await.unwrap();
    gifts::approve_in(&mut conn, gift.id, "GIFT2345ABCD", expires, 1).await.unwrap().unwrap();
    drop(conn);
    let minsk = |d: u32, h: u32| {
        chrono_tz::Europe::Minsk.with_ymd_and_hms(2030, 6, d, h, 0, 0).unwrap().with_timezone(&Utc)
    };
    // The run of the 9th (after 03:00): the promo's last day is today, the gift still valid.
    jobs::expire_codes_and_gifts(app, minsk(9, 4)).await;
    assert!(promos::find_active(&db, "june").await.unwrap().is_some());
    // Later on the 9th: already ran today.
    jobs::expire_codes_and_gifts(app, minsk(9, 23)).await;
    assert_eq!(gifts::get(&db, gift.id).await.unwrap().status, gifts::GiftStatus::Active, "once a day");
    // The 10th before 03:00: not yet; after: both expire, the buyer is told once.
    jobs::expire_codes_and_gifts(app, minsk(10, 2)).await;
    assert!(promos::find_active(&db, "june").await.unwrap().is_some());
    jobs::expire_codes_and_gifts(app, minsk(10, 4)).await;
    jobs::expire_codes_and_gifts(app, minsk(11, 4)).await;
    assert!(promos::find_active(&db, "june").await.unwrap().is_none(), "promo {} deactivated", promo.id);
    assert_eq!(gifts::get(&db, gift.id).await.unwrap().status, gifts::GiftStatus::Expired);
    let told: Vec<_> = queued(&db).await.into_iter().filter(|n| n.0 == 700_007).collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].2.contains("GIFT-2345-ABCD"), "shown as typed: {}", told[0].2);
    assert_eq!(app.settings.jobs.expiry_time, NaiveTime::from_hms_opt(3, 0, 0).unwrap());
}
