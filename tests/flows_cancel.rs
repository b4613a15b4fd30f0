//! Cancelling one's own booking through `bot::schema()` with MockBot, the real store and real
//! PostgreSQL: from each cancellable status (row, audit row with the guest as actor, both staff
//! notices in the outbox), the confirmation's wording, refusals for finished or started bookings,
//! double presses, Back and Menu, and text where a button is expected.

mod support;

use chrono::{Duration, Utc};
use secret_house_bot::{
    bot::{
        State,
        callback::{CallbackData, Mine},
    },
    db::{bookings, outbox},
    domain::booking::BookingStatus,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, BotEnv, INFORM_CHAT_ID},
    db_fixtures::{self, booking_in},
    wizard::{Wizard, days, me, ru},
};
use teloxide_tests::MockUser;

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn each_cancellable_status_is_cancelled_audited_and_told_to_both_staff_chats(db: PgPool) {
    let me = me(&db).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    for (n, status) in
        [BookingStatus::PendingPayment, BookingStatus::AwaitingApproval, BookingStatus::Confirmed]
            .into_iter()
            .enumerate()
    {
        let booking = booking_in(&db, &me, days(5 + 5 * n as i64), 24, status).await;
        let list = w.press(CallbackData::Mine(Mine::CancelList)).await;
        assert_eq!(list, ru(&w, "cancel-pick"), "{status:?}");
        assert!(w.buttons().contains(&CallbackData::Mine(Mine::Cancel(booking.id))), "{status:?} is listed");
        let confirm = w.press(CallbackData::Mine(Mine::Cancel(booking.id))).await;
        let paid = status != BookingStatus::PendingPayment;
        let non_refundable = w.env.app.texts.format(
            secret_house_bot::i18n::Lang::Ru,
            "cancel-confirm-paid",
            &[("prepayment", w.env.app.money(booking.prepayment).into())],
        );
        assert_eq!(confirm.contains(&non_refundable), paid, "{status:?}: {confirm}");
        assert_eq!(confirm.contains(&ru(&w, "cancel-confirm-unpaid")), !paid, "{status:?}: {confirm}");
        assert_eq!(w.state().await, State::Cancel { booking: booking.id });

        let done = w.press(CallbackData::Mine(Mine::CancelConfirmed(booking.id))).await;
        assert!(done.contains(&format!("№{}", booking.id)), "{done}");
        assert_eq!(w.state().await, State::Menu);
        let row = bookings::get(&db, booking.id).await.unwrap();
        assert_eq!(row.status, BookingStatus::Cancelled, "{status:?}");
        let last = db_fixtures::events(&db, booking.id).await.pop().unwrap();
        assert_eq!(last, ("guest".into(), Some(MockUser::ID as i64), "cancel".into()), "{status:?}");
        let notices = db_fixtures::notices_about(&db, booking.id).await;
        let chats: Vec<i64> = notices.iter().map(|(chat, _)| *chat).collect();
        assert_eq!(chats, [ADMIN_CHAT_ID, INFORM_CHAT_ID], "{status:?}");
        assert!(
            notices
                .iter()
                .all(|(_, text)| text.contains(&format!("№{}", booking.id)) && text.contains("отменил"))
        );

        // The second press of the same "Yes" (a double tap) does nothing more.
        let again = w.press(CallbackData::Mine(Mine::CancelConfirmed(booking.id))).await;
        assert!(again.starts_with(&ru(&w, "button-outdated")), "{again}");
        assert_eq!(db_fixtures::events(&db, booking.id).await.iter().filter(|e| e.2 == "cancel").count(), 1);
        assert_eq!(db_fixtures::notices_about(&db, booking.id).await.len(), 2);
    }
    // The dates are free again: another guest can hold them.
    let other = db_fixtures::user(&db, 777_100).await;
    booking_in(&db, &other, days(5), 24, BookingStatus::PendingPayment).await;
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn finished_and_started_bookings_are_neither_listed_nor_cancelled(db: PgPool) {
    let me = me(&db).await;
    let completed = booking_in(&db, &me, days(-10), 24, BookingStatus::Completed).await;
    let cancelled = booking_in(&db, &me, days(10), 24, BookingStatus::Cancelled).await;
    let rejected = booking_in(&db, &me, days(12), 24, BookingStatus::Rejected).await;
    // Confirmed, but the stay began an hour ago.
    let started = booking_in(&db, &me, Utc::now() + Duration::hours(2), 24, BookingStatus::Confirmed).await;
    sqlx::query("UPDATE bookings SET starts_at = now() - interval '1 hour' WHERE id = $1")
        .bind(started.id)
        .execute(&db)
        .await
        .unwrap();
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    let list = w.press(CallbackData::Mine(Mine::CancelList)).await;
    assert_eq!(list, ru(&w, "cancel-none"));
    assert!(w.buttons().contains(&CallbackData::Book));
    for booking in [&completed, &cancelled, &rejected, &started] {
        for press in [Mine::Cancel(booking.id), Mine::CancelConfirmed(booking.id)] {
            let screen = w.press(CallbackData::Mine(press)).await;
            assert!(screen.starts_with(&ru(&w, "button-outdated")), "{press:?}: {screen}");
        }
        let before = booking.status;
        let after = bookings::get(&db, booking.id).await.unwrap().status;
        assert!(after == before || booking.id == started.id && after == BookingStatus::Confirmed);
    }
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 0, "nobody was told of anything");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_booking_decided_meanwhile_is_not_cancelled_from_a_stale_confirmation(db: PgPool) {
    let me = me(&db).await;
    let booking = booking_in(&db, &me, days(9), 24, BookingStatus::AwaitingApproval).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    w.press(CallbackData::Mine(Mine::Cancel(booking.id))).await;
    // The admin rejects it while the guest looks at the confirmation.
    secret_house_bot::db::booking_changes::transition(
        &db,
        booking.id,
        secret_house_bot::domain::booking::Transition::Reject,
        secret_house_bot::domain::booking::Actor::Admin { telegram_id: 1 },
        Default::default(),
    )
    .await
    .unwrap();
    let screen = w.press(CallbackData::Mine(Mine::CancelConfirmed(booking.id))).await;
    assert!(screen.starts_with(&ru(&w, "button-outdated")), "{screen}");
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::Rejected);
    assert_eq!(w.state().await, State::Menu);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn back_menu_and_text_on_the_confirmation_keep_the_booking(db: PgPool) {
    let me = me(&db).await;
    let booking = booking_in(&db, &me, days(9), 24, BookingStatus::Confirmed).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    w.press(CallbackData::Mine(Mine::Cancel(booking.id))).await;

    let again = w.send("cancel it please").await;
    assert!(again.starts_with(&ru(&w, "self-service-use-buttons")), "{again}");
    assert!(w.buttons().contains(&CallbackData::Mine(Mine::CancelConfirmed(booking.id))));
    assert_eq!(w.state().await, State::Cancel { booking: booking.id });

    // A garbled button on the confirmation: the fresh menu, and the chat really is at the menu.
    let garbled = w.press_raw("1o?").await;
    assert!(garbled.starts_with(&ru(&w, "button-outdated")), "{garbled}");
    assert_eq!(w.state().await, State::Menu);
    w.press(CallbackData::Mine(Mine::Cancel(booking.id))).await;
    let list = w.press(CallbackData::Back).await;
    assert_eq!(list, ru(&w, "cancel-pick"));
    assert_eq!(w.state().await, State::Menu);
    let stale = w.press(CallbackData::Mine(Mine::CancelConfirmed(booking.id))).await;
    assert!(stale.starts_with(&ru(&w, "button-outdated")), "after Back the old Yes is outdated: {stale}");

    w.press(CallbackData::Mine(Mine::Cancel(booking.id))).await;
    w.press(CallbackData::Menu).await;
    assert!(w.buttons().contains(&CallbackData::Book), "the menu");
    assert_eq!(w.state().await, State::Menu, "Menu leaves the confirmation");
    w.press(CallbackData::Mine(Mine::Cancel(booking.id))).await;
    let cancelled = w.send("/cancel").await;
    assert!(cancelled.starts_with(&ru(&w, "cancelled")), "{cancelled}");
    assert_eq!(w.state().await, State::Menu);
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::Confirmed);
}
