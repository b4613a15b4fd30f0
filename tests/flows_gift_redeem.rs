//! Redeeming a gift certificate in the booking wizard through `bot::schema()` with MockBot, the
//! real store and real PostgreSQL: nothing owed → straight to the admins and redeemed on their
//! approval; owed hours, guests and extras → exactly that, with the usual prepayment; every
//! refusal explained, five wrong codes pausing the guest; the certificate released with a
//! cancelled, expired or rejected booking; a restart in the middle; one taken meanwhile.

mod support;

use chrono::{Duration, Timelike, Utc, Weekday};
use secret_house_bot::{
    bot::{
        State,
        booking::Step,
        callback::{AdminAction, CallbackData, Mine, Picker, Wizard as W},
    },
    db::{
        booking_changes::{self, Guard},
        bookings::{self, Booking, NewBooking},
        gifts::{self, GiftRefusal, GiftStatus},
    },
    domain::{
        booking::{Actor, BookingStatus, Transition},
        money::Money,
        tariff::{Extra, Extras, TariffId},
    },
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    db_fixtures::{at, create, hold, user},
    gifts::active_gift,
    staff::{admin_press, admin_says, outbox},
    wizard::{Wizard, me, open, ru},
};

const CODE: &str = "ABCDEFGHJKMN";
const OTHER_GUEST: i64 = 4242;

fn in_90_days() -> chrono::DateTime<Utc> {
    Utc::now() + Duration::days(90)
}

/// The certificate as another guest would find it now.
async fn for_someone_else(db: &PgPool) -> Result<i64, GiftRefusal> {
    let other = user(db, OTHER_GUEST).await;
    gifts::redeemable(db, CODE, other.id, Utc::now()).await.unwrap().map(|g| g.id)
}

async fn my_latest(db: &PgPool) -> Booking {
    let me = me(db).await;
    let id: i64 = sqlx::query_scalar("SELECT max(id) FROM bookings WHERE owner_id = $1")
        .bind(me.id)
        .fetch_one(db)
        .await
        .unwrap();
    bookings::get(db, id).await.unwrap()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_certificate_covering_the_stay_goes_to_the_admins_unpaid_and_is_redeemed_on_approval(db: PgPool) {
    let gift = active_gift(&db, 555, (TariffId::Day, Extras::default()), CODE, in_90_days()).await;
    let (mut w, mut plan) = open(&db, TariffId::Day, Weekday::Wed, 14, 24).await;
    plan.gift = Some(" abcd-efgh jkmn ".into());
    plan.extras = Vec::new();
    plan.guests = 3;
    w.walk(&plan, Step::Summary).await;
    let summary = w.screen();
    assert!(summary.contains("ABCD-EFGH-JKMN"), "the credit line names the certificate: {summary}");
    assert!(summary.contains(&ru(&w, "price-nothing-owed")), "{summary}");
    w.walk(&plan, Step::Contact).await;
    let done = w.send(&plan.contact).await;
    assert_eq!(w.state().await, State::Menu, "no payment screen: {done}");
    let booking = my_latest(&db).await;
    let app = &w.env.app;
    let when = |t| secret_house_bot::bot::approval::when(app, t);
    let expected = app.texts.format(
        Lang::Ru,
        "booking-nothing-owed",
        &[
            ("id", booking.id.into()),
            ("start", when(booking.starts_at).into()),
            ("end", when(booking.ends_at).into()),
        ],
    );
    assert_eq!(done, expected);
    assert_eq!(
        (booking.status, booking.price, booking.prepayment, booking.gift_certificate_id),
        (BookingStatus::AwaitingApproval, Money::ZERO, Money::ZERO, Some(gift.id))
    );
    assert_eq!(for_someone_else(&db).await, Err(GiftRefusal::Reserved), "the booking reserves it");
    let mine = w.send("/my").await;
    assert!(mine.contains(&ru(&w, "my-booking-gift")), "My bookings says why the price is 0: {mine}");
    assert_eq!(
        gifts::get(&db, gift.id).await.unwrap().status,
        GiftStatus::Active,
        "not used before approval"
    );
    let admin_message = outbox(&db).await.into_iter().find(|n| n.3.is_some()).expect("the approval message");
    assert!(
        admin_message.2.contains(&w.env.app.texts.format(
            Lang::Ru,
            "admin-line-gift",
            &[("id", gift.id.into())]
        )),
        "the staff see the certificate: {}",
        admin_message.2
    );

    let approve = CallbackData::Admin { action: AdminAction::Approve, booking: booking.id };
    // /pending sends its approval message again (a booking without a receipt, too).
    admin_says(&mut w, "/pending").await;
    let again = outbox(&db).await.into_iter().filter(|n| n.3.is_some()).collect::<Vec<_>>();
    assert_eq!(again.len(), 2, "{again:#?}");
    assert_eq!(again[1].2, admin_message.2);
    admin_press(&mut w, approve, &admin_message.2).await;
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::Confirmed);
    let used = gifts::get(&db, gift.id).await.unwrap();
    assert_eq!((used.status, used.redeemed_booking_id), (GiftStatus::Redeemed, Some(booking.id)));
    assert_eq!(for_someone_else(&db).await, Err(GiftRefusal::Used));

    // Moved a week on (the same 24 hours): the certificate still covers it, nothing becomes owed
    // (without its credit the new dates would cost the Day price).
    let app = &w.env.app;
    let later = support::wizard::ordinary_day_in(
        &app.catalog,
        app.clock().local(booking.starts_at).date(),
        Weekday::Wed,
    );
    let start = support::wizard::local(app, later, 14);
    let (from, to) = (app.clock().local(start), app.clock().local(start + Duration::hours(24)));
    w.press(CallbackData::Mine(Mine::Move(booking.id))).await;
    for press in
        [Picker::Day(from.date()), Picker::Hour(from.hour()), Picker::Day(to.date()), Picker::Hour(to.hour())]
    {
        w.press(CallbackData::Picker(press)).await;
    }
    w.press(CallbackData::Mine(Mine::MoveConfirmed(booking.id))).await;
    let moved = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((moved.starts_at, moved.price, moved.date_changes), (start, Money::ZERO, 1), "{}", w.screen());
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn what_the_certificate_does_not_cover_is_owed_with_the_usual_prepayment(db: PgPool) {
    let covered = Extras { sauna: true, ..Extras::default() };
    let gift = active_gift(&db, 555, (TariffId::Hours12, covered), CODE, in_90_days()).await;
    let (mut w, mut plan) = open(&db, TariffId::Hours12, Weekday::Tue, 10, 14).await;
    plan.gift = Some(CODE.to_lowercase());
    plan.extras = vec![Extra::SecretRoom];
    plan.guests = 3;
    let mut seen = Vec::new();
    while let Some((step, _)) = w.step().await {
        if step == Step::Payment {
            break;
        }
        seen.push(step);
        let action = support::wizard::action(&w.env.app, &plan, step);
        w.act(action).await;
    }
    assert!(!seen.contains(&Step::Extra(Extra::Sauna)), "the covered sauna is not asked: {seen:?}");
    assert!(seen.contains(&Step::Extra(Extra::SecretRoom)));
    assert!(!seen.contains(&Step::Promo), "a certificate is not combined with a promo code");
    // By hand from config/prices.toml (12 hours): 2 extra hours × 30 + secret room 70 + one
    // guest above 2 × 70 = 200; the certificate covers 250 + sauna 100; prepayment 50 %.
    let booking = my_latest(&db).await;
    assert_eq!(
        (booking.price, booking.prepayment, booking.gift_certificate_id),
        (Money::from_roubles(200), Money::from_roubles(100), Some(gift.id))
    );
    assert!(booking.sauna && booking.secret_room, "the stay has both");
    let payment = w.screen();
    assert!(payment.contains("200 BYN") && payment.contains("100 BYN"), "{payment}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn refused_codes_say_why_and_five_wrong_ones_pause_the_guest(db: PgPool) {
    active_gift(&db, 555, (TariffId::Day, Extras::default()), CODE, in_90_days()).await;
    active_gift(
        &db,
        555,
        (TariffId::Day, Extras::default()),
        "EXPRD2345678",
        Utc::now() - Duration::hours(1),
    )
    .await;
    let used = active_gift(&db, 555, (TariffId::Day, Extras::default()), "USED23456789", in_90_days()).await;
    let reserved =
        active_gift(&db, 555, (TariffId::Day, Extras::default()), "RSRV23456789", in_90_days()).await;
    let waiting =
        active_gift(&db, 555, (TariffId::Day, Extras::default()), "WAIT23456789", in_90_days()).await;
    sqlx::query("UPDATE gift_certificates SET status = 'awaiting_approval' WHERE id = $1")
        .bind(waiting.id)
        .execute(&db)
        .await
        .unwrap();
    let other = user(&db, OTHER_GUEST).await;
    let admin = Actor::Admin { telegram_id: 1 };
    let redeemed =
        create(&db, &NewBooking { gift_certificate_id: Some(used.id), ..hold(&other, at(0), 24) }).await;
    booking_changes::transition(&db, redeemed.id, Transition::Approve, admin, Guard::default())
        .await
        .unwrap();
    create(&db, &NewBooking { gift_certificate_id: Some(reserved.id), ..hold(&other, at(100), 24) }).await;

    let (mut w, _) = open(&db, TariffId::Day, Weekday::Wed, 14, 24).await;
    let screen = w.press(CallbackData::Wizard(W::GiftEntry)).await;
    assert!(screen.starts_with(&ru(&w, "booking-ask-gift-code")), "{screen}");
    let not_a_code = w.send("у меня нет кода 🙂").await;
    assert!(not_a_code.starts_with(&ru(&w, "gift-code-unknown")), "{not_a_code}");
    let cases = [
        ("ABCD-EFGH-JKMP", "gift-code-unknown"), // one character off a real code: no hint
        ("exprd-2345-678", "gift-code-expired"),
        ("USED 2345 6789", "gift-code-used"),
        ("rsrv23456789", "gift-code-reserved"),
        ("WAIT-2345-6789", "gift-code-not-approved"),
    ];
    for (typed, expected) in cases {
        let answer = w.send(typed).await;
        assert!(answer.starts_with(&ru(&w, expected)), "{typed}: {answer}");
        assert_eq!(w.step().await.map(|(s, d)| (s, d.gift)), Some((Step::GiftCode, None)), "{typed}");
    }
    // Five wrong codes within ten minutes: even the right one waits.
    let paused = w.send(CODE).await;
    let pause = w.env.app.texts.format(Lang::Ru, "gift-code-pause", &[("minutes", 10.into())]);
    assert!(paused.starts_with(&pause), "{paused}");
    assert_eq!(w.step().await.and_then(|(_, d)| d.gift), None);
    sqlx::query("UPDATE gift_code_attempts SET at = at - interval '11 minutes'").execute(&db).await.unwrap();
    let accepted = w.send(CODE).await;
    assert!(accepted.contains("Суточно"), "accepted once the pause is over: {accepted}");
    let (step, draft) = w.step().await.unwrap();
    assert_eq!(
        (step == Step::GiftCode, draft.tariff, draft.gift.map(|g| g.code)),
        (false, Some(TariffId::Day), Some(CODE.into()))
    );
    // Back to the code step shows the accepted code with "Keep"; Back again drops it.
    w.press(CallbackData::Back).await;
    assert!(
        w.screen().contains("ABCD-EFGH-JKMN") && w.buttons().contains(&CallbackData::Wizard(W::KeepGift))
    );
    w.press(CallbackData::Back).await;
    let (step, draft) = w.step().await.unwrap();
    assert_eq!((step, draft.gift, draft.tariff), (Step::Tariff, None, None));
}

/// Walks to the payment screen of a 14-hour stay with the certificate (something is owed).
async fn hold_with_gift(w: &mut Wizard, plan: &support::wizard::Plan) -> Booking {
    w.send("/book").await;
    w.walk(plan, Step::Payment).await;
    let db = w.env.app.db.clone();
    let booking = my_latest(&db).await;
    assert_eq!(
        (booking.status, booking.gift_certificate_id.is_some()),
        (BookingStatus::PendingPayment, true)
    );
    booking
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_certificate_is_released_when_its_booking_is_cancelled_expires_or_is_rejected(db: PgPool) {
    let gift = active_gift(&db, 555, (TariffId::Hours12, Extras::default()), CODE, in_90_days()).await;
    let (mut w, mut plan) = open(&db, TariffId::Hours12, Weekday::Thu, 10, 14).await;
    plan.gift = Some(CODE.into());

    hold_with_gift(&mut w, &plan).await;
    assert_eq!(for_someone_else(&db).await, Err(GiftRefusal::Reserved));
    let released = w.send("/cancel").await;
    assert!(released.starts_with(&ru(&w, "hold-released")), "{released}");
    assert_eq!(for_someone_else(&db).await, Ok(gift.id), "released by the guest's /cancel");

    let expiring = hold_with_gift(&mut w, &plan).await;
    assert_eq!(for_someone_else(&db).await, Err(GiftRefusal::Reserved));
    sqlx::query("UPDATE bookings SET hold_expires_at = now() - interval '1 minute' WHERE id = $1")
        .bind(expiring.id)
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(for_someone_else(&db).await, Ok(gift.id), "a hold past its deadline keeps nothing");
    booking_changes::expire_overdue(&db).await.unwrap();
    assert_eq!(bookings::get(&db, expiring.id).await.unwrap().status, BookingStatus::Expired);
    assert_eq!(for_someone_else(&db).await, Ok(gift.id), "released by the expiry");

    let rejected = hold_with_gift(&mut w, &plan).await;
    w.photo().await;
    assert_eq!(for_someone_else(&db).await, Err(GiftRefusal::Reserved), "awaiting approval keeps it");
    let reject = CallbackData::Admin { action: AdminAction::Reject, booking: rejected.id };
    admin_press(&mut w, reject, "receipt").await;
    assert_eq!(bookings::get(&db, rejected.id).await.unwrap().status, BookingStatus::Rejected);
    assert_eq!(for_someone_else(&db).await, Ok(gift.id), "released by the rejection");
    assert_eq!(gifts::get(&db, gift.id).await.unwrap().status, GiftStatus::Active);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_restart_keeps_the_certificate_and_one_taken_meanwhile_sends_back_to_the_code(db: PgPool) {
    let gift = active_gift(&db, 555, (TariffId::Hours12, Extras::default()), CODE, in_90_days()).await;
    let (mut w, mut plan) = open(&db, TariffId::Hours12, Weekday::Thu, 10, 14).await;
    plan.gift = Some(CODE.into());
    plan.comment = Some("anniversary".into());
    w.walk(&plan, Step::Guests).await;
    let mut w = w.restart(&db).await;
    let (step, draft) = w.step().await.expect("still in the wizard");
    assert_eq!((step, draft.gift.map(|g| g.id)), (Step::Guests, Some(gift.id)));
    w.walk(&plan, Step::Contact).await;
    // Another guest's booking takes the certificate before this one is held.
    let other = user(&db, OTHER_GUEST).await;
    create(&db, &NewBooking { gift_certificate_id: Some(gift.id), ..hold(&other, at(0), 24) }).await;
    let screen = w.send(&plan.contact).await;
    assert!(screen.starts_with(&ru(&w, "gift-code-gone")), "{screen}");
    let (step, draft) = w.step().await.unwrap();
    assert_eq!((step, draft.gift, draft.tariff), (Step::GiftCode, None, None));
    assert_eq!(draft.comment.as_deref(), Some("anniversary"), "the comment is kept");
    let mine: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings WHERE owner_id = $1")
        .bind(me(&db).await.id)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(mine, 0, "no hold was written");
}
