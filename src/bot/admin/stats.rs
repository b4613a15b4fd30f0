//! `/stats` (SPEC §6): this month's figures with buttons for this year and all time, computed
//! by `db::stats` for bounds taken at midnight in the house time zone. Admins only: the command
//! is in the admins' branch, the buttons behind the schema's admin gate.

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{
    app::{App, AppRef},
    bot::{
        HandlerResult,
        approval::status_text,
        callback::CallbackData,
        guest::Guest,
        layout::{Screen, Target, show},
        reply,
    },
    db::{self, stats::Stats},
    domain::periods::Period,
    i18n::Lang,
    telegram::Deliver,
};

pub(super) async fn command(bot: &Bot, msg: &Message, app: &App, lang: Lang) -> HandlerResult {
    let (text, keyboard) = screen(app, lang, Period::ThisMonth).await?;
    show(bot, app, Target::Chat(msg.chat.id), Screen { text, keyboard }).await
}

pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    let CallbackData::Stats(period) = data else { return Ok(()) };
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let (text, keyboard) = screen(&app, guest.lang, period).await?;
    reply::show(&bot, &app.telegram, &query, text, keyboard).await
}

async fn screen(
    app: &App,
    lang: Lang,
    period: Period,
) -> Result<(String, InlineKeyboardMarkup), crate::bot::HandlerError> {
    let (from, to) = period.bounds(&app.clock());
    let stats = db::stats::for_period(&app.db, from, to).await?;
    let buttons = Period::ALL
        .into_iter()
        .map(|p| {
            let label = period_name(app, lang, p);
            let label = if p == period { format!("• {label} •") } else { label };
            InlineKeyboardButton::callback(label, CallbackData::Stats(p).encode())
        })
        .collect::<Vec<_>>();
    Ok((text(app, lang, period, &stats), InlineKeyboardMarkup::new([buttons])))
}

fn period_name(app: &App, lang: Lang, period: Period) -> String {
    let id = match period {
        Period::AllTime => "stats-all-time",
        Period::ThisYear => "stats-this-year",
        Period::ThisMonth => "stats-this-month",
    };
    app.texts.get(lang, id)
}

/// The figures as the staff read them (HTML; nothing user-typed in it).
#[must_use]
pub fn text(app: &App, lang: Lang, period: Period, stats: &Stats) -> String {
    let by_status: Vec<String> = stats
        .bookings_by_status
        .iter()
        .map(|(status, n)| format!("{} {n}", status_text(app, lang, *status)))
        .collect();
    let total: i64 = stats.bookings_by_status.iter().map(|(_, n)| n).sum();
    let dash = || "—".to_owned();
    app.texts.format(
        lang,
        "admin-stats",
        &[
            ("period", period_name(app, lang, period).into()),
            ("total", total.into()),
            ("by_status", if by_status.is_empty() { dash() } else { by_status.join(", ") }.into()),
            ("confirmed", app.money(stats.revenue_confirmed).into()),
            ("completed", app.money(stats.revenue_completed).into()),
            ("average", stats.average_price.map_or_else(dash, |m| app.money(m)).into()),
            ("guests", stats.guests.into()),
            ("hours", stats.hours_sold.into()),
            ("occupancy", stats.occupancy_percent.map_or_else(dash, |p| format!("{p:.1} %")).into()),
            ("users", stats.users_total.into()),
            ("with_bookings", stats.users_with_bookings.into()),
            ("active", stats.users_active.into()),
            ("gifts_sold", stats.gifts_sold.into()),
            ("gifts_redeemed", stats.gifts_redeemed.into()),
            ("gifts_revenue", app.money(stats.gifts_revenue).into()),
            ("promo", stats.promo_uses.into()),
        ],
    )
}
