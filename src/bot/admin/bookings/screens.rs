//! What `/bookings` shows: a page of a filter, a booking's line, and a booking's details with
//! the actions its status allows.

use chrono::Duration;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::{
    app::App,
    bot::{
        HandlerError,
        approval::{self, status_text, when},
        callback::{AdminAction, BookingAct, BookingsPress, CallbackData, Filter},
        layout::{Screen, day_text},
    },
    db::{self, DbError, booking_lists, bookings::Booking},
    domain::booking::{BookingStatus, Transition},
    i18n::Lang,
};

const PAGE: i64 = 10;

/// One page of a filter: a line per booking, a button per booking, the filters, the arrows.
pub(super) async fn list(app: &App, lang: Lang, filter: Filter, page: u32) -> Result<Screen, HandlerError> {
    let clock = app.clock();
    let today = clock.instant(clock.today().and_hms_opt(0, 0, 0).unwrap_or_default()).unwrap_or(clock.now);
    let week = (today, today + Duration::days(7));
    let offset = i64::from(page) * PAGE;
    let (rows, total) = booking_lists::page(&app.db, filter, clock.now, week, (PAGE, offset)).await?;
    let pages = u32::try_from((total + PAGE - 1) / PAGE).unwrap_or(1).max(1);
    let mut text = app.texts.format(
        lang,
        "admin-bookings-head",
        &[
            ("filter", filter_name(app, lang, filter).into()),
            ("count", total.into()),
            ("page", (page + 1).into()),
            ("pages", pages.into()),
        ],
    );
    for booking in &rows {
        text.push_str("\n\n");
        text.push_str(&line(app, lang, booking));
    }
    let open = |b: &Booking| {
        InlineKeyboardButton::callback(
            format!("#{}", b.id),
            CallbackData::Bookings(BookingsPress::Open(b.id)).encode(),
        )
    };
    let mut keyboard: Vec<Vec<InlineKeyboardButton>> =
        rows.chunks(5).map(|c| c.iter().map(open).collect()).collect();
    let go = |label: String, filter, page| {
        InlineKeyboardButton::callback(
            label,
            CallbackData::Bookings(BookingsPress::List { filter, page }).encode(),
        )
    };
    let mut arrows = Vec::new();
    if page > 0 {
        arrows.push(go("◀️".into(), filter, page - 1));
    }
    if page + 1 < pages {
        arrows.push(go("▶️".into(), filter, page + 1));
    }
    if !arrows.is_empty() {
        keyboard.push(arrows);
    }
    let filters: Vec<_> = Filter::ALL
        .into_iter()
        .map(|f| {
            let name = filter_name(app, lang, f);
            go(if f == filter { format!("• {name} •") } else { name }, f, 0)
        })
        .collect();
    keyboard.extend(filters.chunks(3).map(<[_]>::to_vec));
    Ok(Screen { text, keyboard: InlineKeyboardMarkup::new(keyboard) })
}

fn filter_name(app: &App, lang: Lang, filter: Filter) -> String {
    let id = match filter {
        Filter::Open => "bookings-filter-open",
        Filter::PendingPayment => "bookings-filter-pending",
        Filter::AwaitingApproval => "bookings-filter-awaiting",
        Filter::Confirmed => "bookings-filter-confirmed",
        Filter::ThisWeek => "bookings-filter-week",
    };
    app.texts.get(lang, id)
}

/// "#12 · awaiting approval · 01.06 14:00 → 02.06 12:00 · Day · 3 guests · 800 BYN · +375…".
fn line(app: &App, lang: Lang, booking: &Booking) -> String {
    app.texts.format(
        lang,
        "admin-bookings-line",
        &[
            ("id", booking.id.into()),
            ("status", status_text(app, lang, booking.status).into()),
            ("start", when(app, booking.starts_at).into()),
            ("end", when(app, booking.ends_at).into()),
            ("tariff", app.catalog.tariff(booking.tariff).rules.name(lang == Lang::Ru).to_owned().into()),
            ("guests", booking.guests.into()),
            ("price", app.money(booking.price).into()),
            ("contact", teloxide::utils::html::escape(&booking.contact).into()),
        ],
    )
}

/// Everything about one booking, its recent history and its actions; `confirm_cancel` shows the
/// cancel confirmation instead of the actions.
pub(super) async fn details(
    app: &App,
    lang: Lang,
    id: i64,
    confirm_cancel: bool,
) -> Result<Option<Screen>, HandlerError> {
    let booking = match db::bookings::get(&app.db, id).await {
        Ok(booking) => booking,
        Err(DbError::NotFound) => return Ok(None),
        Err(other) => return Err(other.into()),
    };
    let owner = db::users::owner(&app.db, booking.owner_id).await?;
    let mut text = approval::booking_text(app, lang, &booking, owner.as_ref());
    let history = booking_lists::history(&app.db, id, 8).await?;
    if !history.is_empty() {
        text.push_str("\n\n");
        text.push_str(&app.texts.get(lang, "admin-history"));
        for event in &history {
            let who = match (event.actor_kind.as_str(), event.actor_telegram_id) {
                ("admin", Some(admin)) => format!("admin {admin}"),
                (kind, _) => kind.to_owned(),
            };
            let at = event.at.with_timezone(&app.settings.house.timezone);
            text.push_str(&format!(
                "\n{} {} — {} ({who})",
                day_text(at.date_naive()),
                at.format("%H:%M"),
                event.action
            ));
        }
    }
    let act = |id_text: &str, act| {
        InlineKeyboardButton::callback(
            app.texts.get(lang, id_text),
            CallbackData::Bookings(BookingsPress::Act { booking: id, act }).encode(),
        )
    };
    let back = InlineKeyboardButton::callback(
        app.texts.get(lang, "admin-bookings-back"),
        CallbackData::Bookings(BookingsPress::List { filter: Filter::Open, page: 0 }).encode(),
    );
    if confirm_cancel {
        text = format!("{}\n\n{text}", app.texts.format(lang, "admin-cancel-confirm", &[("id", id.into())]));
        let keep = InlineKeyboardButton::callback(
            app.texts.get(lang, "admin-cancel-keep"),
            CallbackData::Bookings(BookingsPress::Open(id)).encode(),
        );
        let keyboard =
            InlineKeyboardMarkup::new([vec![act("admin-cancel-yes", BookingAct::CancelConfirmed), keep]]);
        return Ok(Some(Screen { text, keyboard }));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    let decidable = matches!(booking.status, BookingStatus::PendingPayment | BookingStatus::AwaitingApproval);
    if decidable {
        rows.push(vec![act("admin-approve", BookingAct::Approve), act("admin-reject", BookingAct::Reject)]);
    }
    let mut more = Vec::new();
    if Transition::Cancel.from().contains(&booking.status) {
        more.push(act("admin-cancel", BookingAct::Cancel));
    }
    if booking.status == BookingStatus::Confirmed {
        more.push(act("admin-complete", BookingAct::Complete));
    }
    if Transition::Cancel.from().contains(&booking.status) {
        more.push(act("admin-change-tariff", BookingAct::ChangeTariff));
        more.push(act("admin-move", BookingAct::Move));
    }
    if booking.receipt_file_id.is_some() {
        more.push(act("admin-receipt", BookingAct::Receipt));
    }
    if !more.is_empty() {
        rows.push(more);
    }
    if matches!(
        booking.status,
        BookingStatus::PendingPayment | BookingStatus::AwaitingApproval | BookingStatus::Confirmed
    ) {
        let edit = |text_id: &str, action| {
            InlineKeyboardButton::callback(
                app.texts.get(lang, text_id),
                CallbackData::Admin { action, booking: id }.encode(),
            )
        };
        rows.push(vec![
            edit("admin-edit-price", AdminAction::EditPrice),
            edit("admin-edit-prepayment", AdminAction::EditPrepayment),
        ]);
    }
    rows.push(vec![back]);
    Ok(Some(Screen { text, keyboard: InlineKeyboardMarkup::new(rows) }))
}
