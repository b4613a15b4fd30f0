//! What the promo code screens show: each `/promo_new` step, and a code as a line of
//! `/promo_list` or the summary.

use teloxide::{
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
    utils::html,
};

use super::new::{PromoDraft, PromoStep};
use crate::{
    app::App,
    bot::{
        callback::{CallbackData, PromoPress},
        layout::{Screen, button, day_text},
    },
    domain::{promo::PromoKind, tariff::TariffId},
    i18n::Lang,
};

pub(super) fn step(app: &App, lang: Lang, step: PromoStep, draft: &PromoDraft) -> Screen {
    let press = |id: &str, p: PromoPress| button(app, lang, id, CallbackData::Promo(p));
    let (id, mut rows): (&str, Vec<Vec<InlineKeyboardButton>>) = match step {
        PromoStep::Code => ("promo-ask-code", vec![vec![press("promo-generate", PromoPress::Generate)]]),
        PromoStep::Kind => (
            "promo-ask-kind",
            vec![
                vec![press("promo-kind-booking_dates", PromoPress::Kind(PromoKind::BookingDates))],
                vec![press("promo-kind-usage_period", PromoPress::Kind(PromoKind::UsagePeriod))],
            ],
        ),
        PromoStep::Dates => ("promo-ask-dates", Vec::new()),
        PromoStep::Percent => ("promo-ask-percent", Vec::new()),
        PromoStep::Tariffs => {
            let mut rows: Vec<Vec<InlineKeyboardButton>> = app
                .catalog
                .tariffs
                .iter()
                .map(|t| {
                    let mark = if draft.tariffs.contains(&t.id()) { "✅ " } else { "▫️ " };
                    let label = format!("{mark}{}", t.rules.name(lang == Lang::Ru));
                    vec![InlineKeyboardButton::callback(
                        label,
                        CallbackData::Promo(PromoPress::Tariff(t.id())).encode(),
                    )]
                })
                .collect();
            rows.push(vec![
                press("promo-all-tariffs", PromoPress::AllTariffs),
                press("promo-tariffs-done", PromoPress::TariffsDone),
            ]);
            ("promo-ask-tariffs", rows)
        }
        PromoStep::MaxUses => {
            ("promo-ask-max-uses", vec![vec![press("promo-unlimited", PromoPress::Unlimited)]])
        }
        PromoStep::Confirm => ("promo-confirm", vec![vec![press("promo-create", PromoPress::Create)]]),
    };
    let mut text = app.texts.get(lang, id);
    if step == PromoStep::Confirm {
        text = format!("{}\n\n{text}", summary(app, lang, draft));
    }
    rows.push(vec![
        button(app, lang, "booking-back", CallbackData::Back),
        press("promo-cancel", PromoPress::Cancel),
    ]);
    Screen { text, keyboard: InlineKeyboardMarkup::new(rows) }
}

/// The tariffs a code is for, in words ("all tariffs" when none is named).
pub(super) fn tariff_names(app: &App, lang: Lang, tariffs: &[TariffId]) -> String {
    if tariffs.is_empty() {
        return app.texts.get(lang, "promo-all-tariffs");
    }
    tariffs
        .iter()
        .map(|id| app.catalog.tariff(*id).rules.name(lang == Lang::Ru).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One code as the staff read it (HTML).
#[allow(clippy::too_many_arguments)]
pub(super) fn line(
    app: &App,
    lang: Lang,
    code: &str,
    kind: PromoKind,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    percent: u32,
    tariffs: &[TariffId],
    (uses, max_uses): (u32, Option<u32>),
) -> String {
    app.texts.format(
        lang,
        "promo-line",
        &[
            ("code", html::escape(code).into()),
            ("percent", percent.into()),
            ("kind", app.texts.get(lang, &format!("promo-kind-{}", kind.as_str())).into()),
            ("from", day_text(from).into()),
            ("to", day_text(to).into()),
            ("tariffs", html::escape(&tariff_names(app, lang, tariffs)).into()),
            ("uses", uses.into()),
            ("max", max_uses.map_or_else(|| "∞".to_owned(), |m| m.to_string()).into()),
        ],
    )
}

fn summary(app: &App, lang: Lang, draft: &PromoDraft) -> String {
    match (&draft.code, draft.kind, draft.window, draft.percent, draft.max_uses) {
        (Some(code), Some(kind), Some(window), Some(percent), Some(max)) => {
            line(app, lang, code, kind, window, percent, &draft.tariffs, (0, max.max()))
        }
        _ => String::new(),
    }
}
