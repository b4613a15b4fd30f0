//! The money screens: the summary with the price line by line (from `Catalog::quote`, the same
//! function the CLI prints) and the payment screen of a held booking. User text is escaped here.

use teloxide::utils::html;

use super::Draft;
use crate::{
    app::App,
    bot::{
        HandlerError,
        approval::{bedrooms_text, when, wine_text},
        info::extra_name,
    },
    catalog::{Quote, Stay},
    db::bookings::Booking,
    domain::{pricing::BaseKind, stay_options::bedrooms, tariff::Extra},
    i18n::Lang,
};

/// Everything the summary and the hold need from a complete draft.
pub struct Priced<'a> {
    pub stay: Stay,
    pub quote: Quote<'a>,
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: chrono::DateTime<chrono::Utc>,
}

/// Prices the draft; an incomplete draft is an error (the steps before fill it).
pub fn priced<'a>(app: &'a App, draft: &Draft) -> Result<Priced<'a>, HandlerError> {
    let incomplete = || HandlerError::Draft("the summary needs tariff, guests and both times".into());
    let (Some(tariff), Some(guests), Some(start), Some(end)) =
        (draft.tariff, draft.guests, draft.start, draft.end)
    else {
        return Err(incomplete());
    };
    let clock = app.clock();
    let stay = Stay {
        tariff,
        start_date: clock.local(start).date(),
        length: end - start,
        guests,
        extras: draft.extras,
        promo_percent: draft.promo.as_ref().map(|p| p.percent),
        gift: draft.gift.as_ref().map(|g| g.extras),
    };
    Ok(Priced { quote: app.catalog.quote(&stay), stay, start, end })
}

pub fn text(app: &App, lang: Lang, draft: &Draft) -> Result<String, HandlerError> {
    let priced = priced(app, draft)?;
    let tariff = app.catalog.tariff(priced.stay.tariff);
    let extras = tariff.rules.normalise(draft.extras);
    let (white, green) = bedrooms(&tariff.rules, draft.bedroom, draft.extras);
    let mut included: Vec<String> = Vec::new();
    // "Second bedroom" in the extras already says both are the guest's.
    if !(white && green && extras.second_bedroom) {
        included.push(bedrooms_text(app, lang, white, green));
    }
    included.extend(Extra::ALL.into_iter().filter(|e| extras.has(*e)).map(|e| extra_name(app, lang, e)));
    let b = &priced.quote.breakdown;
    let mut lines = vec![app.texts.format(
        lang,
        "summary-head",
        &[
            ("tariff", html::escape(tariff.rules.name(lang == Lang::Ru)).into()),
            ("start", when(app, priced.start).into()),
            ("end", when(app, priced.end).into()),
            ("hours", b.hours.into()),
            ("guests", priced.stay.guests.into()),
            ("included", included.join(", ").into()),
        ],
    )];
    let optional = [
        ("line-comment", draft.comment.clone()),
        ("line-wine", draft.wine.map(|w| wine_text(app, lang, w))),
        ("line-transfer", draft.transfer.clone()),
    ];
    for (id, value) in optional {
        if let Some(value) = value {
            lines.push(app.texts.format(lang, id, &[("text", html::escape(&value).into())]));
        }
    }
    lines.push(String::new());
    let base = match &b.base_kind {
        BaseKind::Standard => app.texts.format(lang, "price-base-hours", &[("hours", b.hours.into())]),
        BaseKind::ExtraHours { extra } => app.texts.format(
            lang,
            "price-base-extra-hours",
            &[("hours", b.hours.into()), ("extra", (*extra).into())],
        ),
        BaseKind::MultiDay { days, extra } => {
            app.texts.format(lang, "price-base-days", &[("days", (*days).into()), ("extra", (*extra).into())])
        }
        BaseKind::DateRule { .. } => {
            let name =
                priced.quote.date_rule.map_or("", |r| if lang == Lang::Ru { &r.name_ru } else { &r.name_en });
            app.texts.format(lang, "price-base-special", &[("name", html::escape(name).into())])
        }
    };
    let line = |what: String, amount: String| {
        app.texts.format(lang, "price-line", &[("what", what.into()), ("amount", amount.into())])
    };
    lines.push(line(base, app.money(b.base)));
    for (extra, amount) in &b.extras {
        lines.push(line(extra_name(app, lang, *extra), app.money(*amount)));
    }
    if let Some((count, amount)) = b.extra_guests {
        lines.push(line(
            app.texts.format(lang, "price-extra-guests", &[("n", count.into())]),
            app.money(amount),
        ));
    }
    if let (Some((percent, amount)), Some(promo)) = (b.discount, &draft.promo) {
        let what = app.texts.format(
            lang,
            "price-discount",
            &[("code", html::escape(&promo.code).into()), ("percent", percent.into())],
        );
        lines.push(line(what, format!("−{}", app.money(amount))));
    }
    if let (Some(credit), Some(gift)) = (b.gift_credit, &draft.gift) {
        let code = crate::domain::codes::display_gift_code(&gift.code);
        let what = app.texts.format(lang, "price-gift", &[("code", code.into())]);
        lines.push(line(what, format!("−{}", app.money(credit))));
    }
    lines.push(app.texts.format(lang, "price-total", &[("amount", app.money(b.total).into())]));
    if b.total == crate::domain::money::Money::ZERO {
        lines.push(app.texts.get(lang, "price-nothing-owed"));
    } else {
        lines.push(prepayment_lines(app, lang, &priced.quote));
    }
    lines.push(String::new());
    lines.push(app.texts.get(lang, "summary-confirm"));
    Ok(lines.join("\n"))
}

fn prepayment_lines(app: &App, lang: Lang, quote: &Quote<'_>) -> String {
    let prepayment = &quote.prepayment;
    let mut text = app.texts.format(
        lang,
        "price-prepayment",
        &[("amount", app.money(prepayment.amount).into()), ("percent", prepayment.percent.into())],
    );
    if let Some(holiday) = prepayment.holiday {
        let name = if lang == Lang::Ru { &holiday.name_ru } else { &holiday.name_en };
        text.push('\n');
        text.push_str(&app.texts.format(lang, "price-holiday", &[("holiday", html::escape(name).into())]));
    }
    text
}

/// The payment screen of a held booking: amounts as stored, the holiday note, bank details,
/// the deadline and what to send.
pub fn payment_text(app: &App, lang: Lang, booking: &Booking) -> String {
    let start_date = app.clock().local(booking.starts_at).date();
    let holiday = app.catalog.prepayment.for_stay(start_date, booking.price).holiday;
    let payment = &app.settings.payment;
    let mut text = app.texts.format(
        lang,
        "payment-screen",
        &[
            ("id", booking.id.into()),
            ("deadline", booking.hold_expires_at.map(|t| when(app, t)).unwrap_or_default().into()),
            ("price", app.money(booking.price).into()),
            ("prepayment", app.money(booking.prepayment).into()),
            ("bank", html::escape(&payment.bank).into()),
            ("card", html::escape(&payment.card_number).into()),
        ],
    );
    if let Some(holiday) = holiday.filter(|_| booking.prepayment == booking.price) {
        let name = if lang == Lang::Ru { &holiday.name_ru } else { &holiday.name_en };
        text.push_str("\n\n");
        text.push_str(&app.texts.format(lang, "price-holiday", &[("holiday", html::escape(name).into())]));
    }
    text.push_str(&payment_tail(app, lang));
    text
}

/// The end of every payment screen (a booking's, a gift's): the optional note under the card,
/// then what to send.
pub(crate) fn payment_tail(app: &App, lang: Lang) -> String {
    let note = app.settings.payment.note.trim();
    let note = if note.is_empty() { String::new() } else { format!("\n\n{}", html::escape(note)) };
    format!("{note}\n\n{}", app.texts.get(lang, "payment-send-receipt"))
}
