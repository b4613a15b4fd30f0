//! The codec's contract: every variant round-trips within 64 bytes, buttons already sent keep
//! their meaning, and nothing foreign decodes.

use proptest::prelude::*;

use super::{
    codes::{
        BEDROOM_CODES, BOOKING_ACT_CODES, EXTRA_CODES, FILTER_CODES, SKIPPABLE_CODES, TARIFF_CODES,
        WINE_CODES,
    },
    *,
};
use crate::domain::{
    promo::PromoKind,
    stay_options::{Bedroom, Wine},
    tariff::{Extra, TariffId},
};

fn every_variant() -> Vec<CallbackData> {
    let mut all = vec![
        CallbackData::Menu,
        CallbackData::Prices,
        CallbackData::FreeDates,
        CallbackData::Language(Lang::Ru),
        CallbackData::Language(Lang::En),
        CallbackData::KeyboxChange,
        CallbackData::KeyboxCancel,
    ];
    all.extend(
        [(2026, 1), (2026, 12), (9999, 12)].map(|(year, month)| CallbackData::FreeDatesMonth { year, month }),
    );
    all.extend(
        [(2026, 1), (9999, 12)]
            .map(|(year, month)| CallbackData::Picker(Picker::CalendarMonth { year, month })),
    );
    let day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    all.extend([
        CallbackData::Picker(Picker::Day(day)),
        CallbackData::Picker(Picker::DayUnavailable(day)),
        CallbackData::Noop,
    ]);
    all.extend(
        (0..24)
            .flat_map(|h| [CallbackData::Picker(Picker::Hour(h)), CallbackData::Picker(Picker::HourBusy(h))]),
    );
    all.extend([
        CallbackData::Book,
        CallbackData::Back,
        CallbackData::Wizard(Wizard::Confirm),
        CallbackData::Wizard(Wizard::UseContact),
        CallbackData::Wizard(Wizard::GiftEntry),
        CallbackData::Wizard(Wizard::KeepGift),
        CallbackData::GiftShop,
    ]);
    all.extend(Period::ALL.map(CallbackData::Stats));
    all.extend(
        [
            PromoPress::Generate,
            PromoPress::Kind(PromoKind::BookingDates),
            PromoPress::Kind(PromoKind::UsagePeriod),
            PromoPress::AllTariffs,
            PromoPress::TariffsDone,
            PromoPress::Unlimited,
            PromoPress::Create,
            PromoPress::Cancel,
            PromoPress::Deactivate(i64::MAX),
            PromoPress::Page(9999),
        ]
        .map(CallbackData::Promo),
    );
    all.extend(TariffId::ALL.map(|t| CallbackData::Promo(PromoPress::Tariff(t))));
    for (filter, _) in FILTER_CODES {
        all.extend([0, 9999].map(|page| CallbackData::Bookings(BookingsPress::List { filter, page })));
    }
    all.push(CallbackData::Bookings(BookingsPress::Open(i64::MAX)));
    for tariff in TariffId::ALL {
        all.push(CallbackData::Bookings(BookingsPress::Tariff { booking: i64::MAX, tariff }));
        all.push(CallbackData::Bookings(BookingsPress::TariffConfirmed { booking: i64::MAX, tariff }));
    }
    all.extend(Audience::ALL.map(|a| CallbackData::Broadcast(BroadcastPress::Audience(a))));
    all.extend(
        [BroadcastPress::Send, BroadcastPress::Cancel, BroadcastPress::Stop(i64::MAX)]
            .map(CallbackData::Broadcast),
    );
    all.extend(
        crate::domain::booking::BookingSource::BY_HAND.map(|s| CallbackData::Staff(StaffPress::ByHand(s))),
    );
    all.extend(
        [
            StaffPress::BlockNew,
            StaffPress::BlockRemove(i64::MAX),
            StaffPress::BlockNoReason,
            StaffPress::BlockCreate,
            StaffPress::BlockCancel,
        ]
        .map(CallbackData::Staff),
    );
    for (act, _) in BOOKING_ACT_CODES {
        all.push(CallbackData::Bookings(BookingsPress::Act { booking: i64::MAX, act }));
    }
    all.extend(TariffId::ALL.map(|v| CallbackData::Wizard(Wizard::Tariff(v))));
    all.extend(
        Extra::ALL
            .iter()
            .flat_map(|&extra| [true, false].map(|on| CallbackData::Wizard(Wizard::Extra { extra, on }))),
    );
    all.extend(Bedroom::ALL.map(|v| CallbackData::Wizard(Wizard::Bedroom(v))));
    all.extend((1..=20).map(|v| CallbackData::Wizard(Wizard::Guests(v))));
    all.extend(SKIPPABLE_CODES.map(|(s, _)| CallbackData::Wizard(Wizard::Skip(s))));
    all.extend(SKIPPABLE_CODES.map(|(s, _)| CallbackData::Wizard(Wizard::Keep(s))));
    all.extend(Wine::ALL.map(|v| CallbackData::Wizard(Wizard::Wine(v))));
    for id in [1, i64::MAX] {
        all.extend(
            [
                Mine::Pay(id),
                Mine::Cancel(id),
                Mine::CancelConfirmed(id),
                Mine::Move(id),
                Mine::MoveConfirmed(id),
                Mine::Feedback(id),
            ]
            .map(CallbackData::Mine),
        );
    }
    all.extend(
        [Mine::List { page: 0 }, Mine::List { page: 9999 }, Mine::CancelList, Mine::MoveList]
            .map(CallbackData::Mine),
    );
    for question in 0..FeedbackPress::RATINGS {
        all.extend((1..=10).map(|score| CallbackData::Feedback(FeedbackPress::Rate { question, score })));
    }
    all.extend(
        (0..FeedbackPress::TEXTS).map(|question| CallbackData::Feedback(FeedbackPress::Skip { question })),
    );
    for approve in [true, false] {
        all.extend([1, i64::MAX].map(|gift| CallbackData::GiftDecision { approve, gift }));
    }
    for action in AdminAction::CODES.map(|(a, _)| a) {
        all.push(CallbackData::Admin { action, booking: i64::MAX });
    }
    all
}

#[test]
fn every_variant_fits_in_64_bytes_and_round_trips() {
    for data in every_variant() {
        let encoded = data.encode();
        assert!(encoded.len() <= 64 && encoded.is_ascii(), "{encoded}");
        assert_eq!(CallbackData::decode(&encoded), Some(data), "{encoded}");
    }
}

#[test]
fn every_value_has_exactly_one_code() {
    fn check<T: PartialEq + Copy + std::fmt::Debug>(all: &[T], table: &[(T, char)]) {
        assert_eq!(all.len(), table.len(), "{all:?}");
        for item in all {
            assert_eq!(table.iter().filter(|(v, _)| v == item).count(), 1, "{item:?}");
        }
        let codes: std::collections::HashSet<_> = table.iter().map(|(_, c)| c).collect();
        assert_eq!(codes.len(), table.len(), "codes are unique");
    }
    check(&TariffId::ALL, &TARIFF_CODES);
    check(&Extra::ALL, &EXTRA_CODES);
    check(&Bedroom::ALL, &BEDROOM_CODES);
    check(&Wine::ALL, &WINE_CODES);
    check(&crate::domain::booking::BookingSource::BY_HAND, &super::codes::SOURCE_CODES);
}

/// Buttons already in guests' chats must keep their meaning: these strings are what earlier
/// versions sent. A change here is a break of every open chat; add, never edit.
#[test]
fn sent_buttons_keep_their_meaning() {
    let golden = [
        ("1m", CallbackData::Menu),
        ("1p", CallbackData::Prices),
        ("1f", CallbackData::FreeDates),
        ("1f202701", CallbackData::FreeDatesMonth { year: 2027, month: 1 }),
        ("1lru", CallbackData::Language(Lang::Ru)),
        ("1len", CallbackData::Language(Lang::En)),
        ("1aA42", CallbackData::Admin { action: AdminAction::Approve, booking: 42 }),
        ("1aR42", CallbackData::Admin { action: AdminAction::Reject, booking: 42 }),
        ("1aP42", CallbackData::Admin { action: AdminAction::EditPrice, booking: 42 }),
        ("1aD42", CallbackData::Admin { action: AdminAction::EditPrepayment, booking: 42 }),
        ("1n", CallbackData::Noop),
        ("1c202702", CallbackData::Picker(Picker::CalendarMonth { year: 2027, month: 2 })),
        ("1d20270305", CallbackData::Picker(Picker::Day(NaiveDate::from_ymd_opt(2027, 3, 5).unwrap()))),
        (
            "1D20270305",
            CallbackData::Picker(Picker::DayUnavailable(NaiveDate::from_ymd_opt(2027, 3, 5).unwrap())),
        ),
        ("1h09", CallbackData::Picker(Picker::Hour(9))),
        ("1H23", CallbackData::Picker(Picker::HourBusy(23))),
        ("1b", CallbackData::Book),
        ("1<", CallbackData::Back),
        ("1t0", CallbackData::Wizard(Wizard::Tariff(TariffId::Day))),
        ("1t1", CallbackData::Wizard(Wizard::Tariff(TariffId::DayForCouple))),
        ("1t2", CallbackData::Wizard(Wizard::Tariff(TariffId::Hours12))),
        ("1t3", CallbackData::Wizard(Wizard::Tariff(TariffId::Worker))),
        ("1t4", CallbackData::Wizard(Wizard::Tariff(TariffId::IncognitoDay))),
        ("1t5", CallbackData::Wizard(Wizard::Tariff(TariffId::IncognitoHours))),
        ("1t6", CallbackData::Wizard(Wizard::Tariff(TariffId::IncognitoWorker))),
        ("1e01", CallbackData::Wizard(Wizard::Extra { extra: Extra::Sauna, on: true })),
        ("1e10", CallbackData::Wizard(Wizard::Extra { extra: Extra::SecretRoom, on: false })),
        ("1e21", CallbackData::Wizard(Wizard::Extra { extra: Extra::SecondBedroom, on: true })),
        ("1e30", CallbackData::Wizard(Wizard::Extra { extra: Extra::Photoshoot, on: false })),
        ("1r0", CallbackData::Wizard(Wizard::Bedroom(Bedroom::White))),
        ("1r1", CallbackData::Wizard(Wizard::Bedroom(Bedroom::Green))),
        ("1g03", CallbackData::Wizard(Wizard::Guests(3))),
        ("1s0", CallbackData::Wizard(Wizard::Skip(Skippable::Comment))),
        ("1s1", CallbackData::Wizard(Wizard::Skip(Skippable::Promo))),
        ("1s2", CallbackData::Wizard(Wizard::Skip(Skippable::Transfer))),
        ("1v0", CallbackData::Wizard(Wizard::Keep(Skippable::Comment))),
        ("1v1", CallbackData::Wizard(Wizard::Keep(Skippable::Promo))),
        ("1v2", CallbackData::Wizard(Wizard::Keep(Skippable::Transfer))),
        ("1w0", CallbackData::Wizard(Wizard::Wine(Wine::None))),
        ("1w1", CallbackData::Wizard(Wizard::Wine(Wine::WhiteSweet))),
        ("1w2", CallbackData::Wizard(Wizard::Wine(Wine::WhiteSemiSweet))),
        ("1w3", CallbackData::Wizard(Wizard::Wine(Wine::WhiteDry))),
        ("1w4", CallbackData::Wizard(Wizard::Wine(Wine::WhiteSemiDry))),
        ("1w5", CallbackData::Wizard(Wizard::Wine(Wine::RedSweet))),
        ("1w6", CallbackData::Wizard(Wizard::Wine(Wine::RedSemiSweet))),
        ("1w7", CallbackData::Wizard(Wizard::Wine(Wine::RedDry))),
        ("1w8", CallbackData::Wizard(Wizard::Wine(Wine::RedSemiDry))),
        ("1k", CallbackData::Wizard(Wizard::Confirm)),
        ("1u", CallbackData::Wizard(Wizard::UseContact)),
        ("1oL0", CallbackData::Mine(Mine::List { page: 0 })),
        ("1oL12", CallbackData::Mine(Mine::List { page: 12 })),
        ("1oP42", CallbackData::Mine(Mine::Pay(42))),
        ("1oc", CallbackData::Mine(Mine::CancelList)),
        ("1oC42", CallbackData::Mine(Mine::Cancel(42))),
        ("1oY42", CallbackData::Mine(Mine::CancelConfirmed(42))),
        ("1om", CallbackData::Mine(Mine::MoveList)),
        ("1oM42", CallbackData::Mine(Mine::Move(42))),
        ("1oK42", CallbackData::Mine(Mine::MoveConfirmed(42))),
        ("1oF42", CallbackData::Mine(Mine::Feedback(42))),
        ("1K", CallbackData::KeyboxChange),
        ("1qR010", CallbackData::Feedback(FeedbackPress::Rate { question: 0, score: 10 })),
        ("1qR507", CallbackData::Feedback(FeedbackPress::Rate { question: 5, score: 7 })),
        ("1qS2", CallbackData::Feedback(FeedbackPress::Skip { question: 2 })),
        ("1Kx", CallbackData::KeyboxCancel),
        ("1y", CallbackData::Wizard(Wizard::GiftEntry)),
        ("1Y", CallbackData::Wizard(Wizard::KeepGift)),
        ("1G", CallbackData::GiftShop),
        ("1GA42", CallbackData::GiftDecision { approve: true, gift: 42 }),
        ("1GR42", CallbackData::GiftDecision { approve: false, gift: 42 }),
        ("1Ta", CallbackData::Stats(Period::AllTime)),
        ("1Ty", CallbackData::Stats(Period::ThisYear)),
        ("1Tm", CallbackData::Stats(Period::ThisMonth)),
        ("1Pg", CallbackData::Promo(PromoPress::Generate)),
        ("1Pku", CallbackData::Promo(PromoPress::Kind(PromoKind::UsagePeriod))),
        ("1Pt3", CallbackData::Promo(PromoPress::Tariff(TariffId::Worker))),
        ("1Pc", CallbackData::Promo(PromoPress::Create)),
        ("1PD42", CallbackData::Promo(PromoPress::Deactivate(42))),
        ("1PL2", CallbackData::Promo(PromoPress::Page(2))),
        ("1BLo0", CallbackData::Bookings(BookingsPress::List { filter: Filter::Open, page: 0 })),
        ("1BLt12", CallbackData::Bookings(BookingsPress::List { filter: Filter::ThisWeek, page: 12 })),
        ("1BO42", CallbackData::Bookings(BookingsPress::Open(42))),
        ("1Rab", CallbackData::Broadcast(BroadcastPress::Audience(Audience::WithBookings))),
        ("1Rs", CallbackData::Broadcast(BroadcastPress::Send)),
        ("1BT342", CallbackData::Bookings(BookingsPress::Tariff { booking: 42, tariff: TariffId::Worker })),
        (
            "1BY042",
            CallbackData::Bookings(BookingsPress::TariffConfirmed { booking: 42, tariff: TariffId::Day }),
        ),
        ("1RS7", CallbackData::Broadcast(BroadcastPress::Stop(7))),
        ("1Shw", CallbackData::Staff(StaffPress::ByHand(crate::domain::booking::BookingSource::WalkIn))),
        ("1Sr42", CallbackData::Staff(StaffPress::BlockRemove(42))),
        ("1Sc", CallbackData::Staff(StaffPress::BlockCreate)),
        (
            "1BAC42",
            CallbackData::Bookings(BookingsPress::Act { booking: 42, act: BookingAct::CancelConfirmed }),
        ),
    ];
    for (encoded, data) in golden {
        assert_eq!(data.encode(), encoded, "{data:?}");
        assert_eq!(CallbackData::decode(encoded), Some(data), "{encoded}");
    }
}

#[test]
fn foreign_and_forged_payloads_do_not_decode() {
    for forged in [
        "",
        "1",
        "2m",
        "m",
        "1x",
        "1f2026",
        "1f202613",
        "1f2026001",
        "1lde",
        "1m ",
        "booking_1_chatid_1",
        "1t7",
        "1t",
        "1GX42",
        "1GA",
        "1GA-1",
        "1yy",
        "1T",
        "1Tx",
        "1P",
        "1Pkz",
        "1PD",
        "1PL",
        "1B",
        "1BL",
        "1BLo",
        "1BLx1",
        "1BO",
        "1BAz42",
        "1BAa",
        "1R",
        "1Raz",
        "1RS",
        "1t00",
        "1e41",
        "1e02",
        "1r2",
        "1g00",
        "1g21",
        "1g7",
        "1s3",
        "1v3",
        "1v",
        "1w9",
        "1k1",
        "1h24",
        "1d20261301",
        "1aX1",
        "1aA",
        "1aA-1",
        "1o",
        "1oL",
        "1oL12345",
        "1oLx",
        "1oP",
        "1oP-5",
        "1oC99999999999999999999",
        "1oY4a",
        "1oc1",
        "1oZ1",
        "1Ky",
        "1qR600",
        "1qR000",
        "1qR011",
        "1qR61",
        "1qS3",
        "1qX1",
        "1KK",
    ] {
        assert_eq!(CallbackData::decode(forged), None, "{forged:?}");
    }
}

proptest! {
    #[test]
    fn decoding_never_panics(data in ".{0,70}") {
        let _ = CallbackData::decode(&data);
    }

    #[test]
    fn months_round_trip(year in 2000i32..=9999, month in 1u32..=12) {
        let data = CallbackData::FreeDatesMonth { year, month };
        prop_assert_eq!(CallbackData::decode(&data.encode()), Some(data));
    }
}
