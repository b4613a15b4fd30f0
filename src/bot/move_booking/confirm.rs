//! The end of a move: the new dates priced by the one pricing function with the booking's own
//! tariff, extras, guests and promo percent (`domain::moving` decides what the guest pays), and
//! the move itself — dates, price, `date_changes + 1`, the audit row and the staff notices in one
//! transaction, with the exclusion constraint (cleaning buffer included) as the guarantee.

use chrono::{Duration, Utc};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{MoveDraft, Step, go, no_moves_left};
use crate::{
    app::App,
    bot::{
        HandlerError, HandlerResult, approval,
        callback::{CallbackData, Mine},
        dates::{DateStep, Dates},
        layout::{Screen, Target, footer, missing, show},
        menu,
        notices::{self, GuestChange},
        own_bookings::{self, answer, outdated},
        turn::Turn,
        wording,
    },
    catalog::Stay,
    db::{
        self, DbError,
        booking_changes::{self, Guard, Move},
        bookings::Booking,
        outbox::NewNotice,
    },
    domain::{
        booking::Actor,
        moving::{MovedPrice, PriceChange, moved_price},
        tariff_rules::check_stay,
    },
    i18n::Lang,
};

/// The new price of `booking` on `start..end`.
async fn reprice(
    app: &App,
    booking: &Booking,
    (start, end): (chrono::DateTime<Utc>, chrono::DateTime<Utc>),
) -> Result<MovedPrice, HandlerError> {
    let promo_percent = match booking.promocode_id {
        Some(id) => db::promos::percent_of(&app.db, id).await?,
        None => None,
    };
    // A certificate keeps covering what it covers on the new dates.
    let gift = match booking.gift_certificate_id {
        Some(id) => Some(db::gifts::get(&app.db, id).await?.extras()),
        None => None,
    };
    let stay = Stay {
        tariff: booking.tariff,
        start_date: app.clock().local(start).date(),
        length: end - start,
        guests: u32::try_from(booking.guests).unwrap_or(1),
        extras: booking.extras(),
        promo_percent,
        gift,
    };
    let quoted = app.catalog.quote(&stay).breakdown.total;
    Ok(moved_price(booking.price, quoted, booking.prepayment))
}

/// Whether an admin may move `booking` now: still blocking the house and not over.
#[must_use]
pub(super) fn admin_can_move(booking: &Booking, now: chrono::DateTime<Utc>) -> bool {
    booking.status.blocks_the_house() && booking.ends_at > now
}

/// The booking being moved: the guest's own, or any for an admin.
async fn moving(turn: Turn<'_>, draft: &MoveDraft) -> Result<Booking, DbError> {
    if draft.by_admin {
        return db::bookings::get(&turn.app.db, draft.booking).await;
    }
    let Some(owner) = turn.guest.user_id else { return Err(DbError::NotFound) };
    db::bookings::get_owned(&turn.app.db, draft.booking, owner).await
}

/// Old and new dates, the price change and "Yes, move it".
pub(super) async fn screen(turn: Turn<'_>, draft: &MoveDraft) -> Result<Screen, HandlerError> {
    let (app, lang) = (turn.app, turn.lang());
    let Some(new) = draft.dates.stay() else { return Err(missing("new dates")) };
    let booking = moving(turn, draft).await?;
    let moved = reprice(app, &booking, new).await?;
    let text = format!(
        "{}\n\n{}",
        app.texts.format(
            lang,
            "move-confirm",
            &[("start", approval::when(app, new.0).into()), ("end", approval::when(app, new.1).into())],
        ),
        price_text(turn, &booking, &moved),
    );
    let yes = app.texts.format(lang, "move-yes", &[("id", draft.booking.into())]);
    let keyboard = InlineKeyboardMarkup::new([
        vec![InlineKeyboardButton::callback(
            yes,
            CallbackData::Mine(Mine::MoveConfirmed(draft.booking)).encode(),
        )],
        footer(app, lang, true),
    ]);
    Ok(Screen { text, keyboard })
}

fn price_text(turn: Turn<'_>, booking: &Booking, moved: &MovedPrice) -> String {
    let (app, lang) = (turn.app, turn.lang());
    let more = match moved.change {
        PriceChange::More { more } => app.money(more),
        PriceChange::Same | PriceChange::Less => String::new(),
    };
    let args = [
        ("old", app.money(booking.price).into()),
        ("price", app.money(moved.price).into()),
        ("prepayment", app.money(booking.prepayment).into()),
        ("due", app.money(moved.due).into()),
        ("more", more.into()),
    ];
    let id = match moved.change {
        PriceChange::Same => "move-price-same",
        PriceChange::More { .. } => "move-price-more",
        PriceChange::Less => "move-price-less",
    };
    app.texts.format(lang, id, &args)
}

/// "Yes, move it": checked again now (the stay rules, the slot, the booking's status and moves),
/// then written with its notices. A slot taken meanwhile sends the guest back to the calendar.
pub(super) async fn commit(turn: Turn<'_>, query: &CallbackQuery, draft: MoveDraft) -> HandlerResult {
    let app = turn.app;
    let Some((start, end)) = draft.dates.stay() else { return Err(missing("new dates")) };
    let now = Utc::now();
    let movable =
        |b: &Booking| if draft.by_admin { admin_can_move(b, now) } else { own_bookings::can_move(b, now) };
    let before = match moving(turn, &draft).await {
        Ok(booking) if movable(&booking) => booking,
        Ok(_) | Err(DbError::NotFound) => return outdated(turn, query).await,
        Err(other) => return Err(other.into()),
    };
    answer(turn, query).await;
    let target = Target::Query(query);
    if !draft.by_admin && own_bookings::moves_left(turn, &before) == 0 {
        return no_moves_left(turn, target).await;
    }
    let again = |notice: &'static str| {
        let draft = MoveDraft { dates: Dates::default(), ..draft.clone() };
        go(turn, target, Step::Dates(DateStep::StartDate), draft, Some(notice))
    };
    let guests = u32::try_from(before.guests).unwrap_or(1);
    if let Err(rejection) =
        check_stay(&app.catalog.tariff(before.tariff).rules, &app.clock(), start, end, guests)
    {
        return again(wording::stay_rejection(rejection)).await;
    }
    let moved = reprice(app, &before, (start, end)).await?;
    let change = Move {
        starts_at: start,
        ends_at: end,
        blocked_until: end + Duration::hours(i64::from(app.settings.booking.cleaning_hours)),
        price: moved.price,
        prepayment: before.prepayment,
        // Admins move without the guests' limit.
        max_moves: (!draft.by_admin).then_some(app.settings.booking.max_customer_moves),
    };
    let actor = if draft.by_admin {
        Actor::Admin { telegram_id: i64::try_from(query.from.id.0).unwrap_or(i64::MAX) }
    } else {
        Actor::Guest { telegram_id: turn.chat().0 }
    };
    let after = match move_telling_staff(app, &before, change, actor).await {
        Ok(after) => after,
        Err(DbError::SlotTaken) => return again("move-slot-taken").await,
        Err(DbError::TooManyMoves) => return no_moves_left(turn, target).await,
        Err(DbError::NotFound | DbError::WrongStatus { .. } | DbError::AlreadyStarted) => {
            turn.dialogue.exit().await?;
            return menu::outdated(turn.bot, query, app, turn.lang()).await;
        }
        Err(other) => return Err(other.into()),
    };
    app.outbox_waker.notify_one();
    turn.dialogue.exit().await?;
    if draft.by_admin {
        tracing::info!(booking = after.id, admin = query.from.id.0, "moved by an admin");
        return crate::bot::admin::bookings::show_details(turn, target, after.id).await;
    }
    tracing::info!(booking = after.id, "moved by the guest");
    let lang = turn.lang();
    let done = app.texts.format(
        lang,
        "move-done",
        &[
            ("id", after.id.into()),
            ("start", approval::when(app, after.starts_at).into()),
            ("end", approval::when(app, after.ends_at).into()),
            ("price", app.money(after.price).into()),
            ("due", app.money(moved.due).into()),
        ],
    );
    let text = format!("{done}\n\n{}", menu::welcome_text(app, lang, None));
    show(turn.bot, app, target, Screen { text, keyboard: menu::keyboard(app, lang) }).await
}

async fn move_telling_staff(
    app: &App,
    before: &Booking,
    change: Move,
    actor: Actor,
) -> Result<Booking, DbError> {
    let mut tx = app.db.begin().await?;
    let by_admin = matches!(actor, Actor::Admin { .. });
    let guard = if by_admin {
        Guard::default()
    } else {
        // A guest moves only their own booking (one taken by hand has no owner: no guest's).
        Guard { owner_id: Some(before.owner_id.ok_or(DbError::NotFound)?), not_started_at: Some(Utc::now()) }
    };
    let after = booking_changes::move_dates_in(&mut tx, before.id, change, actor, guard).await?;
    let user = db::users::owner(&mut *tx, before.owner_id).await?;
    if by_admin
        && let Some((chat, lang)) =
            user.as_ref().and_then(|u| Some((u.chat_id?, Lang::from_code(&u.language))))
    {
        let text = app.texts.format(
            lang,
            "guest-moved-by-admin",
            &[
                ("id", after.id.into()),
                ("start", approval::when(app, after.starts_at).into()),
                ("end", approval::when(app, after.ends_at).into()),
                ("price", app.money(after.price).into()),
            ],
        );
        db::outbox::enqueue(&mut tx, &NewNotice::text(chat, text, Some(after.id))).await?;
    }
    for notice in notices::for_staff(app, &after, user.as_ref(), &GuestChange::Moved { before, by_admin }) {
        db::outbox::enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    Ok(after)
}
