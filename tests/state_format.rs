//! The stored dialogue format is a contract with every chat in progress: a renamed field or
//! variant would make their stored `State` unreadable, and those guests would be reset (see
//! `session`). This test pins the JSON of every kind of state to `tests/fixtures/state-v1.json`,
//! both ways. If it fails after a change, keep the old format readable (a serde alias or a
//! default) instead of editing the fixture; a new variant or field is added to it with
//! `BLESS_STATE=1 cargo test --test state_format` and reviewed in the diff. (The one removal so
//! far: `AdminEdit`, when pending edits moved to per-admin keys; a chat found in it at the
//! upgrade is reset to the menu with the apology, and the admin presses Edit again. A removed
//! field is simply ignored on read: `Draft.guest`, below.)

use chrono::{NaiveDate, TimeZone, Utc};
use secret_house_bot::{
    bot::{
        PromoDraft, PromoStep, State, UseLimit,
        admin::{
            broadcast::{BroadcastDraft, BroadcastStep},
            calendar::{BlockDraft, BlockStep},
        },
        booking::{AppliedGift, AppliedPromo, Draft, Step},
        callback::Audience,
        gifts::{GiftDraft, GiftStep},
    },
    domain::{
        booking::BookingSource,
        promo::PromoKind,
        stay_options::{Bedroom, Wine},
        tariff::{Extra, Extras, TariffId},
    },
};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/state-v1.json");

fn every_kind_of_state() -> Vec<State> {
    let full = Draft {
        tariff: Some(TariffId::IncognitoDay),
        bedroom: Some(Bedroom::Green),
        extras: Extras { sauna: true, secret_room: false, second_bedroom: true, photoshoot: false },
        guests: Some(4),
        start_day: NaiveDate::from_ymd_opt(2027, 3, 5),
        start: Some(Utc.with_ymd_and_hms(2027, 3, 5, 11, 0, 0).unwrap()),
        finish_day: NaiveDate::from_ymd_opt(2027, 3, 6),
        end: Some(Utc.with_ymd_and_hms(2027, 3, 6, 11, 0, 0).unwrap()),
        comment: Some("birthday & cake".into()),
        promo: Some(AppliedPromo { id: 7, code: "spring".into(), percent: 10 }),
        wine: Some(Wine::RedSemiDry),
        transfer: Some("ул. Ленина, 1".into()),
        contact: Some("+375291234567".into()),
        month: Some((2027, 3)),
        booking_id: Some(42),
        gift: None,
        by_hand: None,
    };
    let mut states = vec![State::Menu];
    let steps = [
        Step::Tariff,
        Step::Bedroom,
        Step::Extra(Extra::Photoshoot),
        Step::Guests,
        Step::StartDate,
        Step::StartTime,
        Step::FinishDate,
        Step::FinishTime,
        Step::Comment,
        Step::Promo,
        Step::Wine,
        Step::Transfer,
        Step::Summary,
        Step::Contact,
        Step::Payment,
    ];
    states.extend(steps.map(|step| State::Booking { step, draft: full.clone() }));
    states.push(State::Booking { step: Step::Tariff, draft: Draft::default() });
    let gift = AppliedGift {
        id: 9,
        code: "ABCDEFGHJKMN".into(),
        extras: Extras { sauna: true, ..Extras::default() },
    };
    states.push(State::Booking { step: Step::GiftCode, draft: Draft::default() });
    states.push(State::Booking {
        step: Step::Guests,
        draft: Draft::default().for_gift(TariffId::Hours12, gift),
    });
    let bought = GiftDraft {
        tariff: Some(TariffId::Hours12),
        extras: Extras { secret_room: true, ..Extras::default() },
        contact: Some("@buyer_1".into()),
    };
    let gift_steps = [
        GiftStep::Tariff,
        GiftStep::Extra(Extra::Sauna),
        GiftStep::Summary,
        GiftStep::Contact,
        GiftStep::Payment,
    ];
    states.extend(gift_steps.map(|step| State::GiftShop { step, draft: bought.clone() }));
    let promo = PromoDraft {
        code: Some("winter-30".into()),
        kind: Some(PromoKind::UsagePeriod),
        window: Some((
            NaiveDate::from_ymd_opt(2030, 12, 1).unwrap(),
            NaiveDate::from_ymd_opt(2030, 12, 31).unwrap(),
        )),
        percent: Some(15),
        tariffs: vec![TariffId::Day],
        max_uses: Some(UseLimit::Unlimited),
    };
    states.push(State::PromoNew { step: PromoStep::Confirm, draft: promo.clone() });
    states.push(State::PromoNew {
        step: PromoStep::MaxUses,
        draft: PromoDraft { max_uses: Some(UseLimit::AtMost(20)), ..promo },
    });
    states.push(State::PromoNew { step: PromoStep::Code, draft: PromoDraft::default() });
    let message = BroadcastDraft {
        audience: Some(Audience::WithBookings),
        text: "Spring!".into(),
        photo: Some("photo-1".into()),
    };
    states.push(State::Broadcast { step: BroadcastStep::Preview, draft: message });
    states.push(State::Broadcast { step: BroadcastStep::Audience, draft: BroadcastDraft::default() });
    let by_hand = Draft { by_hand: Some(BookingSource::WalkIn), booking_id: None, ..full.clone() };
    states.push(State::Booking { step: Step::Contact, draft: by_hand });
    let closing = BlockDraft {
        first: NaiveDate::from_ymd_opt(2027, 2, 1),
        last: NaiveDate::from_ymd_opt(2027, 2, 3),
        reason: Some("repairs".into()),
        month: Some((2027, 2)),
    };
    for step in [BlockStep::FirstDay, BlockStep::LastDay, BlockStep::Reason, BlockStep::Confirm] {
        states.push(State::Blocking { step, draft: closing.clone() });
    }
    states.push(State::Blocking { step: BlockStep::FirstDay, draft: BlockDraft::default() });
    states
}

#[test]
fn stored_states_keep_their_json_both_ways() {
    let states = every_kind_of_state();
    let now = serde_json::to_value(&states).unwrap();
    if std::env::var_os("BLESS_STATE").is_some() {
        std::fs::write(FIXTURE, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    let stored = std::fs::read_to_string(FIXTURE).expect("the fixture exists");
    let pinned: serde_json::Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(now, pinned, "the JSON of a stored State changed");
    let read: Vec<State> = serde_json::from_str(&stored).expect("earlier states still read");
    assert_eq!(read, states);
}

/// `Draft.guest` (the guest's id, now taken from the update) was stored by the first version:
/// such a draft still reads, the field ignored.
#[test]
fn a_draft_stored_with_the_old_guest_field_still_reads() {
    let old = r#"{"Booking":{"step":"Guests","draft":{"tariff":"day","bedroom":null,
        "extras":{"sauna":false,"secret_room":false,"second_bedroom":false,"photoshoot":false},
        "guests":null,"start_day":null,"start":null,"finish_day":null,"end":null,"comment":"hi",
        "promo":null,"wine":null,"transfer":null,"contact":null,"month":null,"booking_id":null,
        "guest":9}}}"#;
    let state: State = serde_json::from_str(old).expect("reads");
    let State::Booking { step, draft } = state else { panic!("a booking state") };
    assert_eq!(
        (step, draft.tariff, draft.comment.as_deref()),
        (Step::Guests, Some(TariffId::Day), Some("hi"))
    );
}
