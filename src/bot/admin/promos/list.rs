//! `/promo_list`: the active codes, ten a page, each with its uses and limit, window, discount
//! and tariffs, and a Deactivate button. Deactivating is one guarded UPDATE: a second press says
//! "already", the list is redrawn either way.

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::screens::line;
use crate::{
    app::{App, AppRef},
    bot::{
        HandlerError, HandlerResult,
        callback::{CallbackData, PromoPress},
        guest::Guest,
        layout::{Screen, Target, show},
        reply,
    },
    db::{self, promos::Promo},
    domain::tariff::TariffId,
    i18n::Lang,
    telegram::Deliver,
};

const PAGE: usize = 10;

pub(in crate::bot::admin) async fn command(bot: &Bot, msg: &Message, app: &App, lang: Lang) -> HandlerResult {
    let (text, keyboard) = page(app, lang, 0).await?;
    show(bot, app, Target::Chat(msg.chat.id), Screen { text, keyboard }).await
}

/// Deactivate or another page, pressed on a list message (admins only: the gate let it through).
pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    let lang = guest.lang;
    let (page_number, answer) = match data {
        CallbackData::Promo(PromoPress::Page(n)) => (n, None),
        CallbackData::Promo(PromoPress::Deactivate(id)) => {
            let done = db::promos::deactivate(&app.db, id).await?;
            tracing::info!(admin = query.from.id.0, promo = id, done, "promo code deactivation");
            (0, Some(if done { "promo-deactivated" } else { "promo-already-inactive" }))
        }
        _ => return Ok(()),
    };
    let request = bot.answer_callback_query(query.id.clone());
    match answer {
        Some(id) => request.text(app.texts.get(lang, id)).quietly(&app.telegram).await,
        None => request.quietly(&app.telegram).await,
    }
    let (text, keyboard) = page(&app, lang, page_number as usize).await?;
    reply::show(&bot, &app.telegram, &query, text, keyboard).await
}

async fn page(app: &App, lang: Lang, number: usize) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let active = db::promos::list_active(&app.db).await?;
    if active.is_empty() {
        return Ok((app.texts.get(lang, "promo-list-empty"), InlineKeyboardMarkup::default()));
    }
    let pages = active.len().div_ceil(PAGE);
    let number = number.min(pages - 1);
    let shown = &active[number * PAGE..active.len().min((number + 1) * PAGE)];
    let head = app.texts.format(
        lang,
        "promo-list-head",
        &[("count", active.len().into()), ("page", (number + 1).into()), ("pages", pages.into())],
    );
    let lines: Vec<String> = shown.iter().map(|p| promo_line(app, lang, p)).collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = shown
        .iter()
        .map(|p| {
            let label = app.texts.format(lang, "promo-deactivate", &[("code", p.code.clone().into())]);
            vec![InlineKeyboardButton::callback(
                label,
                CallbackData::Promo(PromoPress::Deactivate(p.id)).encode(),
            )]
        })
        .collect();
    let mut arrows = Vec::new();
    let arrow = |label: &str, to: usize| {
        InlineKeyboardButton::callback(
            label.to_owned(),
            CallbackData::Promo(PromoPress::Page(to as u32)).encode(),
        )
    };
    if number > 0 {
        arrows.push(arrow("◀️", number - 1));
    }
    if number + 1 < pages {
        arrows.push(arrow("▶️", number + 1));
    }
    if !arrows.is_empty() {
        rows.push(arrows);
    }
    Ok((format!("{head}\n\n{}", lines.join("\n\n")), InlineKeyboardMarkup::new(rows)))
}

fn promo_line(app: &App, lang: Lang, promo: &Promo) -> String {
    let tariffs: Vec<TariffId> = promo
        .tariffs
        .iter()
        .flatten()
        .filter_map(|name| TariffId::ALL.into_iter().find(|id| id.as_str() == name))
        .collect();
    let count = |n: i32| u32::try_from(n).unwrap_or(0);
    line(
        app,
        lang,
        &promo.code,
        promo.kind,
        (promo.valid_from, promo.valid_to),
        count(promo.discount_percent),
        &tariffs,
        (count(promo.uses), promo.max_uses.map(count)),
    )
}
