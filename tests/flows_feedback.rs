//! The after-stay questionnaire through `bot::schema()` with MockBot, the real store and real
//! PostgreSQL: the answers stored once with one reward code and the admins told (guest text
//! escaped); skipped and over-long texts; Back, stale buttons and a photo; a restart in the
//! middle; another guest's booking, an unfinished stay and a second submission.

mod support;

use chrono::{Duration, Utc};
use secret_house_bot::{
    bot::{
        State,
        callback::{CallbackData, FeedbackPress, Mine},
        feedback::FeedbackDraft,
    },
    db::bookings,
    domain::booking::BookingStatus,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, BotEnv},
    db_fixtures::{self, booking_in},
    wizard::{Wizard, me, ru},
};

fn rate(question: u8, score: u8) -> CallbackData {
    CallbackData::Feedback(FeedbackPress::Rate { question, score })
}

fn skip(question: u8) -> CallbackData {
    CallbackData::Feedback(FeedbackPress::Skip { question })
}

type Stored = (i32, i32, i32, i32, i32, i32, Option<String>, Option<String>, Option<String>);

async fn stored(db: &PgPool, booking: i64) -> Vec<Stored> {
    sqlx::query_as(
        "SELECT expectations, comfort, cleanliness, communication, location, recommend, liked_most, to_improve,
                public_review FROM feedback WHERE booking_id = $1",
    )
    .bind(booking)
    .fetch_all(db)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_answers_are_stored_once_with_one_reward_and_the_admins_told(db: PgPool) {
    let me = me(&db).await;
    let stay = booking_in(&db, &me, Utc::now() - Duration::days(3), 24, BookingStatus::Completed).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    let first = w.press(CallbackData::Mine(Mine::Feedback(stay.id))).await;
    assert!(first.contains(&ru(&w, "feedback-rating-0")), "{first}");
    for (question, score) in [8, 9, 10, 7, 6, 9].into_iter().enumerate() {
        w.press(rate(question as u8, score)).await;
    }
    assert!(w.screen().contains(&ru(&w, "feedback-text-0")));
    w.send("Sauna <b>great</b> & quiet").await;
    w.press(skip(1)).await;
    let thanks = w.send("Wonderful weekend").await;
    assert!(thanks.contains("🙏"), "{thanks}");
    assert_eq!(w.state().await, State::Menu);

    assert_eq!(
        stored(&db, stay.id).await,
        [(
            8,
            9,
            10,
            7,
            6,
            9,
            Some("Sauna <b>great</b> & quiet".into()),
            None,
            Some("Wonderful weekend".into())
        )]
    );
    assert!(bookings::get(&db, stay.id).await.unwrap().feedback_submitted);
    let promos: Vec<(String, i32, Option<i32>, chrono::NaiveDate)> =
        sqlx::query_as("SELECT code, discount_percent, max_uses, valid_to FROM promocodes")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(promos.len(), 1, "one reward");
    let (code, percent, uses, until) = &promos[0];
    assert!(thanks.contains(code.as_str()), "the guest gets the code: {thanks}");
    assert!(code.len() >= 17, "a long random name: {code}");
    assert_eq!((*percent, *uses), (10, Some(1)));
    assert_eq!(*until, w.env.app.clock().today() + Duration::days(90));
    let staff: Vec<(i64, String)> = sqlx::query_as("SELECT chat_id, body FROM outbox WHERE booking_id = $1")
        .bind(stay.id)
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].0, ADMIN_CHAT_ID);
    assert!(
        staff[0].1.contains("&lt;b&gt;great&lt;/b&gt; &amp; quiet") && staff[0].1.contains("10/10"),
        "{}",
        staff[0].1
    );

    // The same button again: already left, nothing new.
    w.press(CallbackData::Mine(Mine::Feedback(stay.id))).await;
    assert_eq!(w.answer(), Some(ru(&w, "feedback-already")));
    assert_eq!(w.state().await, State::Menu);
    assert_eq!(stored(&db, stay.id).await.len(), 1);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM promocodes").fetch_one(&db).await.unwrap();
    assert_eq!(count, 1, "no second reward");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn back_stale_buttons_wrong_input_and_a_restart_keep_the_answers(db: PgPool) {
    let me = me(&db).await;
    let stay = booking_in(&db, &me, Utc::now() - Duration::days(3), 24, BookingStatus::Completed).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    w.press(CallbackData::Mine(Mine::Feedback(stay.id))).await;
    w.press(rate(0, 5)).await;
    // A rating button of the first question, pressed again on the second: outdated.
    let stale = w.press(rate(0, 9)).await;
    assert!(stale.starts_with(&ru(&w, "button-outdated-step")), "{stale}");
    let garbled = w.press_raw("1qR9").await;
    assert!(garbled.starts_with(&ru(&w, "button-outdated-step")), "{garbled}");
    assert!(
        matches!(w.state().await, State::Feedback { draft } if draft.ratings == [5]),
        "the answers are kept"
    );
    let typed = w.send("ten").await;
    assert!(typed.starts_with(&ru(&w, "booking-use-buttons")), "{typed}");
    w.press(CallbackData::Back).await;
    assert!(w.screen().contains(&ru(&w, "feedback-rating-0")), "Back to the first question");
    for question in 0..6 {
        w.press(rate(question, 7)).await;
    }
    let long = w.send(&"a".repeat(1001)).await;
    assert!(long.starts_with(&ru(&w, "feedback-too-long")), "{long}");
    let photo = w.photo().await;
    assert!(photo.starts_with(&ru(&w, "booking-text-expected")), "{photo}");
    w.send(&"b".repeat(1000)).await;
    let before = w.state().await;
    assert_eq!(
        before,
        State::Feedback {
            draft: FeedbackDraft {
                booking: stay.id,
                ratings: vec![7; 6],
                texts: vec![Some("b".repeat(1000))]
            }
        }
    );

    let mut w = w.restart(&db).await;
    assert_eq!(w.state().await, before, "the answers survived the restart");
    w.press(skip(1)).await;
    w.press(skip(2)).await;
    assert_eq!(stored(&db, stay.id).await, [(7, 7, 7, 7, 7, 7, Some("b".repeat(1000)), None, None)]);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn only_the_owner_of_a_finished_stay_can_leave_feedback(db: PgPool) {
    let me = me(&db).await;
    let stranger = db_fixtures::user(&db, 777_900).await;
    let theirs =
        booking_in(&db, &stranger, Utc::now() - Duration::days(3), 24, BookingStatus::Completed).await;
    let upcoming = booking_in(&db, &me, Utc::now() + Duration::days(3), 24, BookingStatus::Confirmed).await;
    let cancelled = booking_in(&db, &me, Utc::now() - Duration::days(9), 24, BookingStatus::Cancelled).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    for booking in [&theirs, &upcoming, &cancelled] {
        let screen = w.press(CallbackData::Mine(Mine::Feedback(booking.id))).await;
        assert!(screen.starts_with(&ru(&w, "button-outdated")), "{screen}");
        assert_eq!(w.state().await, State::Menu);
    }
    // Rating buttons without a questionnaire open: outdated, nothing stored.
    let screen = w.press(rate(0, 10)).await;
    assert!(screen.starts_with(&ru(&w, "button-outdated")), "{screen}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM feedback").fetch_one(&db).await.unwrap();
    assert_eq!(count, 0);
}
