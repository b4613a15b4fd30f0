//! What each step of the purchase shows. The extra questions and the contact step are worded as
//! in the booking wizard (the same texts), the price comes from the one pricing function.

use teloxide::{types::InlineKeyboardButton, utils::html};

use super::{GiftDraft, GiftStep};
use crate::{
    app::App,
    bot::{
        HandlerError,
        booking::{contact_question, extra_question, payment_tail},
        callback::{CallbackData, Wizard},
        info::extra_name,
        layout::{Screen, button, footer, keyboard, missing},
    },
    domain::{
        pricing::PriceBreakdown,
        promo::certificate_price,
        tariff::{Extras, TariffId},
    },
    i18n::Lang,
};

/// A certificate's price: the tariff's standard stay with the chosen extras, at today's prices.
pub(super) fn price(app: &App, tariff: TariffId, extras: Extras) -> PriceBreakdown {
    certificate_price(app.catalog.tariff(tariff), extras, app.clock().today())
}

pub(super) fn render(
    app: &App,
    lang: Lang,
    step: GiftStep,
    draft: &GiftDraft,
    back: bool,
) -> Result<Screen, HandlerError> {
    let footer = footer(app, lang, back);
    let screen = |text: String, rows| Screen { text, keyboard: keyboard(rows, footer.clone()) };
    let tariff = || draft.tariff.ok_or_else(|| missing("tariff"));
    Ok(match step {
        GiftStep::Tariff => {
            let rows = app
                .settings
                .gifts
                .tariffs
                .iter()
                .map(|id| {
                    let tariff = app.catalog.tariff(*id);
                    let label = format!(
                        "{} — {}",
                        tariff.rules.name(lang == Lang::Ru),
                        app.money(tariff.prices.price)
                    );
                    vec![InlineKeyboardButton::callback(
                        label,
                        CallbackData::Wizard(Wizard::Tariff(*id)).encode(),
                    )]
                })
                .collect();
            screen(app.texts.get(lang, "gift-pick-tariff"), rows)
        }
        GiftStep::Extra(extra) => {
            let (question, rows) = extra_question(app, lang, app.catalog.tariff(tariff()?), extra);
            screen(question, rows)
        }
        GiftStep::Summary => screen(
            summary(app, lang, tariff()?, draft.extras),
            vec![vec![button(app, lang, "booking-confirm", CallbackData::Wizard(Wizard::Confirm))]],
        ),
        GiftStep::Contact => {
            let (question, rows) = contact_question(app, lang, draft.contact.clone());
            screen(question, rows)
        }
        GiftStep::Payment => {
            let payment = &app.settings.payment;
            let mut text = app.texts.format(
                lang,
                "gift-payment-screen",
                &[
                    ("price", app.money(price(app, tariff()?, draft.extras).total).into()),
                    ("bank", html::escape(&payment.bank).into()),
                    ("card", html::escape(&payment.card_number).into()),
                ],
            );
            text.push_str(&payment_tail(app, lang));
            screen(text, Vec::new())
        }
    })
}

/// What the certificate covers, its price line by line, and how it is used.
fn summary(app: &App, lang: Lang, tariff: TariffId, extras: Extras) -> String {
    let b = price(app, tariff, extras);
    let line = |what: String, amount| {
        app.texts.format(lang, "price-line", &[("what", what.into()), ("amount", app.money(amount).into())])
    };
    let hours = app.texts.format(lang, "price-base-hours", &[("hours", b.hours.into())]);
    let mut lines = vec![
        app.texts.format(
            lang,
            "gift-summary-head",
            &[("covers", super::words::covers(app, lang, tariff, extras).into())],
        ),
        String::new(),
        line(hours, b.base),
    ];
    lines.extend(b.extras.iter().map(|(extra, amount)| line(extra_name(app, lang, *extra), *amount)));
    lines.push(app.texts.format(lang, "price-total", &[("amount", app.money(b.total).into())]));
    lines.push(String::new());
    lines.push(app.texts.format(
        lang,
        "gift-summary-how",
        &[("valid", super::words::validity(app, lang).into())],
    ));
    lines.join("\n")
}
