//! Prices and prepayments from the real config files: every worked example of reference §2.3.3
//! (with the SPEC §3.3 fixes where they change the result), the holiday table, and properties.

use chrono::NaiveDate;
use proptest::prelude::*;
use secret_house_bot::{
    catalog::Catalog,
    domain::{
        money::Money,
        pricing::{BaseKind, PriceInput, date_rule_for, price},
        promo::certificate_value,
        tariff::{Extra, Extras, TariffId},
    },
    settings::PriceList,
};

fn catalog() -> Catalog {
    Catalog::load(std::path::Path::new("/nonexistent"), PriceList::Regular, 6).expect("built-in catalog")
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// An ordinary date: no date rule, no holiday.
const ORDINARY: &str = "2026-12-08";

fn quote(catalog: &Catalog, tariff: TariffId, start: &str, hours: u32, guests: u32, extras: Extras) -> Money {
    price(PriceInput {
        tariff: catalog.tariff(tariff),
        start_date: date(start),
        hours,
        guests,
        extras,
        date_rule: date_rule_for(&catalog.date_rules, date(start)),
        promo_percent: None,
        gift_credit: None,
    })
    .total
}

const SAUNA: Extras = Extras { sauna: true, secret_room: false, second_bedroom: false, photoshoot: false };
const NONE: Extras = Extras { sauna: false, secret_room: false, second_bedroom: false, photoshoot: false };

#[test]
fn worked_examples_of_the_reference() {
    let c = catalog();
    let all12 = Extras { sauna: true, secret_room: true, second_bedroom: true, photoshoot: false };
    let r = |roubles| Money::from_roubles(roubles);
    // DAY 24 h + sauna, 4 guests → 800, prepayment 400.
    assert_eq!(quote(&c, TariffId::Day, ORDINARY, 24, 4, SAUNA), r(800));
    assert_eq!(c.prepayment.for_stay(date(ORDINARY), r(800)).amount, r(400));
    // DAY 36 h → 700 + 12 × 30.
    assert_eq!(quote(&c, TariffId::Day, ORDINARY, 36, 2, NONE), r(1060));
    // DAY 40 h → two days.
    assert_eq!(quote(&c, TariffId::Day, ORDINARY, 40, 2, NONE), r(1100));
    // DAY 39 h: the original charged 700 + 15 × 30 = 1150, more than 48 h. SPEC fix: a remainder
    // never costs more than the next full day → 1100.
    assert_eq!(quote(&c, TariffId::Day, ORDINARY, 39, 2, NONE), r(1100));
    // DAY 15 days: the original fell off the 14-day table into hourly pricing (10 780). SPEC fix:
    // beyond the table each day costs the last daily step (5900 + 400).
    assert_eq!(quote(&c, TariffId::Day, ORDINARY, 360, 2, NONE), r(6300));
    // DAY_FOR_COUPLE 24 h, 3 guests → 500 + 200.
    assert_eq!(quote(&c, TariffId::DayForCouple, ORDINARY, 24, 3, NONE), r(700));
    // HOURS_12 12 h + second bedroom + secret room + sauna → 250 + 70 + 70 + 100; 14 h → +60.
    assert_eq!(quote(&c, TariffId::Hours12, ORDINARY, 12, 2, all12), r(490));
    assert_eq!(quote(&c, TariffId::Hours12, ORDINARY, 14, 2, all12), r(550));
    // WORKER 11 h → 180; 13 h → 180 + 2 × 30 (price only; the time windows are checked elsewhere).
    assert_eq!(quote(&c, TariffId::Worker, ORDINARY, 11, 2, NONE), r(180));
    assert_eq!(quote(&c, TariffId::Worker, ORDINARY, 13, 2, NONE), r(240));
    // 10 % promo on 1060 → 954.
    let promo = price(PriceInput {
        tariff: c.tariff(TariffId::Day),
        start_date: date(ORDINARY),
        hours: 36,
        guests: 2,
        extras: NONE,
        date_rule: None,
        promo_percent: Some(10),
        gift_credit: None,
    });
    assert_eq!((promo.discount, promo.total), (Some((10, r(106))), r(954)));
    // Any tariff starting 31.12–02.01 → 3000 + add-ons, 100 % prepayment naming the holiday.
    for (tariff, start) in
        [(TariffId::Day, "2026-12-31"), (TariffId::Hours12, "2027-01-01"), (TariffId::Worker, "2027-01-02")]
    {
        let total = quote(&c, tariff, start, 12, 2, SAUNA);
        assert_eq!(total, r(3100), "{tariff} from {start}");
        let prepayment = c.prepayment.for_stay(date(start), total);
        assert_eq!((prepayment.percent, prepayment.amount), (100, r(3100)));
        assert!(prepayment.holiday.is_some_and(|h| h.name_ru.contains("Новый год")));
    }
}

#[test]
fn the_breakdown_says_where_each_rouble_comes_from() {
    let c = catalog();
    let breakdown = price(PriceInput {
        tariff: c.tariff(TariffId::DayForCouple),
        start_date: date(ORDINARY),
        hours: 50,
        guests: 4,
        extras: Extras { photoshoot: true, ..SAUNA },
        date_rule: None,
        promo_percent: Some(5),
        gift_credit: None,
    });
    assert_eq!(breakdown.base_kind, BaseKind::MultiDay { days: 2, extra: 2 });
    assert_eq!(breakdown.base, Money::from_roubles(900 + 60));
    assert_eq!(
        breakdown.extras,
        vec![(Extra::Sauna, Money::from_roubles(100)), (Extra::Photoshoot, Money::from_roubles(100))]
    );
    assert_eq!(breakdown.extra_guests, Some((2, Money::from_roubles(400))));
    assert_eq!(breakdown.subtotal, Money::from_roubles(1560));
    assert_eq!(breakdown.discount, Some((5, Money::from_roubles(78))));
    assert_eq!(breakdown.total, Money::from_roubles(1482));
}

#[test]
fn included_extras_are_never_charged() {
    let c = catalog();
    let everything = Extras { sauna: true, secret_room: true, second_bedroom: true, photoshoot: true };
    // Incognito day includes sauna, rooms; its photoshoot is optional and free.
    assert_eq!(quote(&c, TariffId::IncognitoDay, ORDINARY, 24, 6, everything), Money::from_roubles(900));
    // Day includes the secret room and the second bedroom.
    assert_eq!(quote(&c, TariffId::Day, ORDINARY, 24, 6, everything), Money::from_roubles(900));
}

#[test]
fn holidays_set_full_prepayment_only_on_their_start_date() {
    let c = catalog();
    let total = Money::from_roubles(1000);
    let holidays = [
        "2026-12-31",
        "2027-01-01",
        "2027-01-02",
        "2027-01-07",
        "2027-02-14",
        "2027-02-23",
        "2027-03-08",
        "2026-04-21",
        "2027-05-01",
        "2027-05-09",
        "2027-07-03",
        "2026-11-07",
        "2026-12-25",
        "2027-05-11",
    ];
    for day in holidays {
        let p = c.prepayment.for_stay(date(day), total);
        assert_eq!((p.percent, p.amount), (100, total), "{day}");
        assert!(p.holiday.is_some(), "{day} names its holiday");
    }
    for day in ["2026-12-30", "2027-01-03", "2027-04-21", "2026-11-08", ORDINARY] {
        let p = c.prepayment.for_stay(date(day), total);
        assert_eq!((p.percent, p.amount, p.holiday), (50, Money::from_roubles(500), None), "{day}");
    }
}

#[test]
fn a_gift_covers_its_tariff_and_extras_and_the_guest_pays_the_rest() {
    let c = catalog();
    let tariff = c.tariff(TariffId::Hours12);
    let value = certificate_value(tariff, SAUNA, date(ORDINARY));
    assert_eq!(value, Money::from_roubles(350));
    let with_gift = |hours, guests, extras, start: &str| {
        price(PriceInput {
            tariff,
            start_date: date(start),
            hours,
            guests,
            extras,
            date_rule: date_rule_for(&c.date_rules, date(start)),
            promo_percent: None,
            gift_credit: Some(value),
        })
        .total
    };
    assert_eq!(with_gift(12, 2, SAUNA, ORDINARY), Money::ZERO, "fully covered");
    assert_eq!(with_gift(12, 2, NONE, ORDINARY), Money::ZERO, "never negative");
    assert_eq!(with_gift(14, 3, SAUNA, ORDINARY), Money::from_roubles(60 + 70), "extra hours and guest");
    assert_eq!(with_gift(12, 2, SAUNA, "2026-12-31"), Money::from_roubles(3100 - 350), "date rule surcharge");
}

static REGULAR: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(catalog);
static SALE: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(|| {
    Catalog::load(std::path::Path::new("/nonexistent"), PriceList::Sale, 6).expect("built-in catalog")
});

fn extras_strategy() -> impl Strategy<Value = Extras> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(sauna, secret_room, second_bedroom, photoshoot)| Extras {
            sauna,
            secret_room,
            second_bedroom,
            photoshoot,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn price_is_monotone_non_negative_and_prepayment_bounded(
        tariff in prop::sample::select(TariffId::ALL.to_vec()),
        sale in any::<bool>(),
        hours in 1u32..800,
        guests in 1u32..=6,
        extras in extras_strategy(),
        promo in prop::option::of(1u32..=100),
        gift in prop::option::of(0i64..5000),
        start in prop::sample::select(vec![ORDINARY, "2026-12-31", "2027-03-08", "2027-06-15"]),
    ) {
        let c = if sale { &*SALE } else { &*REGULAR };
        let input = PriceInput {
            tariff: c.tariff(tariff),
            start_date: date(start),
            hours,
            guests,
            extras,
            date_rule: date_rule_for(&c.date_rules, date(start)),
            promo_percent: promo,
            gift_credit: gift.map(Money::from_roubles),
        };
        let base = price(input);
        prop_assert!(base.total >= Money::ZERO);
        prop_assert!(base.discount.map_or(Money::ZERO, |(_, d)| d) <= base.subtotal);
        prop_assert!(base.total <= base.subtotal);
        let prepayment = c.prepayment.for_stay(input.start_date, base.total);
        prop_assert!(prepayment.amount <= base.total && prepayment.amount >= Money::ZERO);

        let plain = PriceInput { promo_percent: None, gift_credit: None, ..input };
        let reference = price(plain).total;
        let longer = price(PriceInput { hours: hours + 1, ..plain }).total;
        prop_assert!(longer >= reference, "more hours cost less");
        if guests < 6 {
            let more_guests = price(PriceInput { guests: guests + 1, ..plain }).total;
            prop_assert!(more_guests >= reference, "another guest lowered the price");
        }
        for extra in Extra::ALL {
            let more = price(PriceInput { extras: extras.with(extra, true), ..plain }).total;
            prop_assert!(more >= reference, "adding {:?} lowered the price", extra);
        }
    }
}
