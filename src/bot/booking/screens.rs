//! What each wizard step shows: its text and its buttons (the date steps' calendars are in
//! `calendar`, from the shared pickers' data).

use teloxide::{types::InlineKeyboardButton, utils::html};

use super::{
    Draft, Step, Turn,
    layout::{Screen, button, footer, keyboard, missing},
    summary,
};
use crate::{
    app::App,
    bot::{
        HandlerError, approval,
        callback::{CallbackData, Skippable, Wizard},
        dates,
        pickers::{Pickers, Viewer},
    },
    db,
    domain::{
        stay_options::{Bedroom, Wine},
        tariff::Extra,
    },
    i18n::Lang,
};

/// The screen of `step` for `draft`, as this guest sees it (their own unpaid hold is not busy).
pub(super) async fn render(turn: Turn<'_>, step: Step, draft: &Draft) -> Result<Screen, HandlerError> {
    let (app, lang, me) = (turn.app, turn.lang(), draft.viewer(turn.guest));
    let text = |id: &str| app.texts.get(lang, id);
    let tariff = draft.tariff.map(|id| app.catalog.tariff(id));
    let back = step.before(tariff.map(|t| &t.rules), draft).is_some();
    let clock = app.clock();
    if step == Step::GiftCode {
        return Ok(gift_code_screen(app, lang, draft));
    }
    let Some(tariff) = tariff else { return Ok(tariff_screen(app, lang, draft)) };
    let pickers = Pickers { app, clock: &clock, tariff, viewer: Viewer { guest: me, exclude: None } };
    let footer = footer(app, lang, back);
    let screen = |text: String, rows| Screen { text, keyboard: keyboard(rows, footer.clone()) };
    Ok(match step {
        Step::Tariff => tariff_screen(app, lang, draft),
        Step::GiftCode => gift_code_screen(app, lang, draft),
        Step::Bedroom => screen(
            text("booking-pick-bedroom"),
            vec![
                Bedroom::ALL
                    .map(|b| button(app, lang, bedroom_text_id(b), CallbackData::Wizard(Wizard::Bedroom(b))))
                    .to_vec(),
            ],
        ),
        Step::Extra(extra) => {
            let (question, rows) = extra_question(app, lang, tariff, extra);
            screen(question, rows)
        }
        Step::Guests => {
            let capacity = app.settings.house.capacity;
            let all_included = tariff.rules.included_guests >= capacity
                || tariff.prices.extra_guest == crate::domain::money::Money::ZERO;
            let id = if all_included { "booking-pick-guests-included" } else { "booking-pick-guests" };
            let args = [
                ("included", tariff.rules.included_guests.into()),
                ("price", app.money(tariff.prices.extra_guest).into()),
                ("max", capacity.into()),
            ];
            let buttons: Vec<_> = (1..=capacity)
                .map(|n| {
                    InlineKeyboardButton::callback(
                        n.to_string(),
                        CallbackData::Wizard(Wizard::Guests(n)).encode(),
                    )
                })
                .collect();
            screen(app.texts.format(lang, id, &args), buttons.chunks(3).map(<[_]>::to_vec).collect())
        }
        Step::StartDate | Step::StartTime | Step::FinishDate | Step::FinishTime => {
            let Some(date_step) = step.date_step() else { return Err(missing("date step")) };
            return dates::screen(app, lang, &pickers, date_step, &draft.dates(), footer).await;
        }
        Step::Comment => {
            let (body, rows) = optional_text(app, lang, Skippable::Comment, draft.comment.clone());
            screen(body, rows)
        }
        Step::Promo => {
            let applied = draft.promo.as_ref().map(|p| format!("{} (−{} %)", p.code, p.percent));
            let (body, rows) = optional_text(app, lang, Skippable::Promo, applied);
            screen(body, rows)
        }
        Step::Wine => screen(
            text("booking-ask-wine"),
            Wine::ALL
                .chunks(2)
                .map(|pair| {
                    pair.iter()
                        .map(|w| {
                            InlineKeyboardButton::callback(
                                approval::wine_text(app, lang, *w),
                                CallbackData::Wizard(Wizard::Wine(*w)).encode(),
                            )
                        })
                        .collect()
                })
                .collect(),
        ),
        Step::Transfer => {
            let (body, rows) = optional_text(app, lang, Skippable::Transfer, draft.transfer.clone());
            screen(body, rows)
        }
        Step::Summary => screen(
            summary::text(app, lang, draft)?,
            vec![vec![button(app, lang, "booking-confirm", CallbackData::Wizard(Wizard::Confirm))]],
        ),
        Step::Contact => {
            // Prefilled from the guest's last booking when the step is entered.
            let (question, rows) = contact_question(app, lang, draft.contact.clone());
            let question = if draft.by_hand.is_some() { text("by-hand-ask-contact") } else { question };
            screen(question, rows)
        }
        Step::Payment => {
            let Some(id) = draft.booking_id else { return Err(missing("booking")) };
            let booking = db::bookings::get(&app.db, id).await?;
            screen(summary::payment_text(app, lang, &booking), Vec::new())
        }
    })
}

/// "Add the sauna for 100 BYN?" with Yes / No — the wizard's question, also the gift purchase's.
pub(crate) fn extra_question(
    app: &App,
    lang: Lang,
    tariff: &crate::domain::tariff::Tariff,
    extra: Extra,
) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let price = app.money(tariff.prices.extra_price(extra));
    // One question per extra: each language declines the name its own way.
    let id = match extra {
        Extra::Sauna => "booking-ask-sauna",
        Extra::SecretRoom => "booking-ask-secret-room",
        Extra::SecondBedroom => "booking-ask-second-bedroom",
        Extra::Photoshoot => "booking-ask-photoshoot",
    };
    let rows = vec![vec![
        button(app, lang, "booking-yes", CallbackData::Wizard(Wizard::Extra { extra, on: true })),
        button(app, lang, "booking-no", CallbackData::Wizard(Wizard::Extra { extra, on: false })),
    ]];
    (app.texts.format(lang, id, &[("price", price.into())]), rows)
}

/// The contact question, with "Use <contact>" when one is known — the wizard's and the gift
/// purchase's.
pub(crate) fn contact_question(
    app: &App,
    lang: Lang,
    known: Option<String>,
) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let rows = known
        .map(|contact| {
            let label = app.texts.format(lang, "booking-use-contact", &[("contact", contact.into())]);
            vec![vec![InlineKeyboardButton::callback(
                label,
                CallbackData::Wizard(Wizard::UseContact).encode(),
            )]]
        })
        .unwrap_or_default();
    (app.texts.get(lang, "booking-ask-contact"), rows)
}

/// An optional text step: its question, and the answer given so far with "Keep" (go on with it)
/// and "Remove", or just "Skip" — so coming back to the step (Back, or after "this time was just
/// taken, the rest is kept") never loses or silently drops what the guest typed.
fn optional_text(
    app: &App,
    lang: Lang,
    step: Skippable,
    current: Option<String>,
) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let (question, skip, remove, now) = match step {
        Skippable::Comment => {
            ("booking-ask-comment", "booking-skip", "booking-remove-comment", "booking-current-comment")
        }
        Skippable::Promo => {
            ("booking-ask-promo", "booking-skip", "booking-remove-promo", "booking-current-promo")
        }
        Skippable::Transfer => {
            ("booking-ask-transfer", "booking-no-transfer", "booking-no-transfer", "booking-current-transfer")
        }
    };
    let mut body = app.texts.get(lang, question);
    let Some(current) = current else {
        return (body, vec![vec![button(app, lang, skip, CallbackData::Wizard(Wizard::Skip(step)))]]);
    };
    body.push_str("\n\n");
    body.push_str(&app.texts.format(lang, now, &[("text", html::escape(&current).into())]));
    let rows = vec![vec![
        button(app, lang, "booking-keep", CallbackData::Wizard(Wizard::Keep(step))),
        button(app, lang, remove, CallbackData::Wizard(Wizard::Skip(step))),
    ]];
    (body, rows)
}

/// The tariffs with their base prices from the active price list, and "Gift certificate" (not
/// for a booking taken by hand).
fn tariff_screen(app: &App, lang: Lang, draft: &Draft) -> Screen {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = app
        .catalog
        .tariffs
        .iter()
        .map(|t| {
            let label = format!("{} — {}", t.rules.name(lang == Lang::Ru), app.money(t.prices.price));
            vec![InlineKeyboardButton::callback(label, CallbackData::Wizard(Wizard::Tariff(t.id())).encode())]
        })
        .collect();
    if draft.by_hand.is_none() {
        rows.push(vec![button(app, lang, "booking-gift-tariff", CallbackData::Wizard(Wizard::GiftEntry))]);
    }
    Screen {
        text: app.texts.get(lang, "booking-pick-tariff"),
        keyboard: keyboard(rows, footer(app, lang, false)),
    }
}

/// "Type the certificate's code", with the accepted one and "Keep" when there is one.
fn gift_code_screen(app: &App, lang: Lang, draft: &Draft) -> Screen {
    let mut text = app.texts.get(lang, "booking-ask-gift-code");
    let mut rows = Vec::new();
    if let Some(gift) = &draft.gift {
        let code = crate::domain::codes::display_gift_code(&gift.code);
        text.push_str("\n\n");
        text.push_str(&app.texts.format(lang, "booking-current-gift", &[("code", code.into())]));
        rows.push(vec![button(app, lang, "booking-keep", CallbackData::Wizard(Wizard::KeepGift))]);
    }
    Screen { text, keyboard: keyboard(rows, footer(app, lang, true)) }
}

pub fn bedroom_text_id(bedroom: Bedroom) -> &'static str {
    match bedroom {
        Bedroom::White => "bedroom-white",
        Bedroom::Green => "bedroom-green",
    }
}
