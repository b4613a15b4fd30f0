//! Moving one of the guest's confirmed bookings to new dates (SPEC §2.5): the wizard's date steps
//! (`bot::dates`) with this booking's own interval not busy, then a confirmation with the new
//! price (`confirm`). The chat's state is `State::Move { step, draft }`; every step has Back and
//! Menu, and a restart continues where the guest was.

mod confirm;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use teloxide::{prelude::*, types::InlineKeyboardMarkup};

use crate::telegram::Deliver;

use super::{
    BotDialogue, HandlerError, HandlerResult, State, approval,
    callback::{CallbackData, Mine},
    dates::{self, DatePress, DateStep, Dates},
    guest::Guest,
    info,
    layout::{Screen, Target, footer, show},
    menu,
    own_bookings::{self, Choice, answer, outdated},
    pickers::{Pickers, Viewer},
    turn::Turn,
};
use crate::{
    app::AppRef,
    db::{self, DbError},
    domain::tariff::TariffId,
};

/// Where the move is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Dates(DateStep),
    /// The new dates are picked: the price and "Yes, move it".
    Confirm,
}

/// What the move is about and the new dates picked so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveDraft {
    pub booking: i64,
    /// The booking's tariff: its time rules shape the pickers.
    pub tariff: TariffId,
    /// The booking's dates when the move began (shown on every step).
    pub was: (DateTime<Utc>, DateTime<Utc>),
    pub dates: Dates,
    /// An admin moving it from `/bookings`: any open booking, no move limit, the guest told.
    /// (Written only when set, so drafts stored before it read and write as they did.)
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_admin: bool,
}

/// The guest's bookings that can be moved, a button each; or a friendly "nothing to move".
pub(super) async fn list(turn: Turn<'_>, target: Target<'_>, owner: i64) -> HandlerResult {
    let choice =
        Choice { applies: own_bookings::can_move, pick: "move-pick", none: "move-none", press: Mine::Move };
    own_bookings::show_choice(turn, target, owner, choice).await
}

/// "Move #N": the check-in calendar, if the booking is the presser's, confirmed, not started and
/// has moves left; out of moves → "please contact the admin".
pub(super) async fn begin(turn: Turn<'_>, query: &CallbackQuery, owner: i64, id: i64) -> HandlerResult {
    let booking = match db::bookings::get_owned(&turn.app.db, id, owner).await {
        Ok(booking) if own_bookings::can_move(&booking, Utc::now()) => booking,
        Ok(_) | Err(DbError::NotFound) => return outdated(turn, query).await,
        Err(other) => return Err(other.into()),
    };
    answer(turn, query).await;
    if own_bookings::moves_left(turn, &booking) == 0 {
        return no_moves_left(turn, Target::Query(query)).await;
    }
    go(turn, Target::Query(query), Step::Dates(DateStep::StartDate), MoveDraft::of(&booking, false), None)
        .await
}

impl MoveDraft {
    /// A move of `booking` that has not picked anything yet.
    fn of(booking: &db::bookings::Booking, by_admin: bool) -> Self {
        MoveDraft {
            booking: booking.id,
            tariff: booking.tariff,
            was: (booking.starts_at, booking.ends_at),
            dates: Dates::default(),
            by_admin,
        }
    }
}

/// "Move" on a booking's details (`/bookings`, admins only — the gate checked the presser): the
/// same date steps for any booking still open, without the guests' move limit.
pub(in crate::bot) async fn begin_for_admin(turn: Turn<'_>, query: &CallbackQuery, id: i64) -> HandlerResult {
    let booking = match db::bookings::get(&turn.app.db, id).await {
        Ok(booking) if confirm::admin_can_move(&booking, Utc::now()) => booking,
        Ok(_) | Err(DbError::NotFound) => return outdated_for_admin(turn, query).await,
        Err(other) => return Err(other.into()),
    };
    answer(turn, query).await;
    go(turn, Target::Query(query), Step::Dates(DateStep::StartDate), MoveDraft::of(&booking, true), None)
        .await
}

/// "This button is outdated" for an admin: nothing else (their chat may be the staff group).
async fn outdated_for_admin(turn: Turn<'_>, query: &CallbackQuery) -> HandlerResult {
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(turn.text("button-outdated"))
        .quietly(&turn.app.telegram)
        .await;
    Ok(())
}

/// The booking was moved as often as guests may: the admin can still do it.
async fn no_moves_left(turn: Turn<'_>, target: Target<'_>) -> HandlerResult {
    menu::reset(turn.dialogue).await?;
    let (app, lang) = (turn.app, turn.lang());
    let contact = teloxide::types::InlineKeyboardButton::url(
        app.texts.get(lang, "menu-contact-admin"),
        app.settings.house.admin_contact_url.clone(),
    );
    let keyboard = InlineKeyboardMarkup::new([vec![contact], vec![info::menu_button(app, lang)]]);
    show(turn.bot, app, target, Screen { text: turn.text("move-no-moves"), keyboard }).await
}

/// Stores the step and shows it, optionally under a one-line notice.
async fn go(
    turn: Turn<'_>,
    target: Target<'_>,
    step: Step,
    draft: MoveDraft,
    notice: Option<&str>,
) -> HandlerResult {
    let mut screen = render(turn, step, &draft).await?;
    turn.dialogue.update(State::Move { step, draft }).await?;
    if let Some(id) = notice {
        screen.text = format!("{}\n\n{}", turn.text(id), screen.text);
    }
    // A notice answers a message or a refusal: the screen goes below it, as a new message.
    let target = if notice.is_some() { Target::Chat(turn.chat()) } else { target };
    show(turn.bot, turn.app, target, screen).await
}

fn pickers<'a>(
    turn: Turn<'a>,
    clock: &'a crate::domain::tariff_rules::HouseClock,
    draft: &MoveDraft,
) -> Pickers<'a> {
    // An admin sees the calendar as everyone does, this booking aside.
    let guest = if draft.by_admin { None } else { turn.guest.user_id };
    let viewer = Viewer { guest, exclude: Some(draft.booking) };
    Pickers { app: turn.app, clock, tariff: turn.app.catalog.tariff(draft.tariff), viewer }
}

async fn render(turn: Turn<'_>, step: Step, draft: &MoveDraft) -> Result<Screen, HandlerError> {
    let (app, lang) = (turn.app, turn.lang());
    let head = app.texts.format(
        lang,
        "move-head",
        &[
            ("id", draft.booking.into()),
            ("start", approval::when(app, draft.was.0).into()),
            ("end", approval::when(app, draft.was.1).into()),
        ],
    );
    let mut screen = match step {
        Step::Dates(date_step) => {
            let clock = app.clock();
            let pickers = pickers(turn, &clock, draft);
            dates::screen(app, lang, &pickers, date_step, &draft.dates, footer(app, lang, true)).await?
        }
        Step::Confirm => confirm::screen(turn, draft).await?,
    };
    screen.text = format!("{head}\n\n{}", screen.text);
    Ok(screen)
}

/// A press while moving.
pub async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, MoveDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    // A move an admin began is pressed on by admins only (it may be in the staff group).
    if draft.by_admin && !app.settings.admin.is_admin(query.from.id) {
        return super::admin::refuse(bot, query, data, app, guest).await;
    }
    let result = press(turn, &query, data, step, draft).await;
    turn.settle(&query, result).await
}

async fn press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    data: CallbackData,
    step: Step,
    draft: MoveDraft,
) -> HandlerResult {
    let target = Target::Query(query);
    match (step, data) {
        (_, CallbackData::Noop) => {
            answer(turn, query).await;
            Ok(())
        }
        (_, CallbackData::Menu) => {
            answer(turn, query).await;
            menu::leave_to_menu(turn, target).await
        }
        (_, CallbackData::Back) => {
            answer(turn, query).await;
            let previous = match step {
                Step::Dates(DateStep::StartDate) => None,
                Step::Dates(DateStep::StartTime) => Some(DateStep::StartDate),
                Step::Dates(DateStep::FinishDate) => Some(DateStep::StartTime),
                Step::Dates(DateStep::FinishTime) => Some(DateStep::FinishDate),
                Step::Confirm => Some(DateStep::FinishTime),
            };
            match previous {
                Some(previous) => {
                    let draft = MoveDraft { dates: Dates { month: None, ..draft.dates }, ..draft };
                    go(turn, target, Step::Dates(previous), draft, None).await
                }
                None if draft.by_admin => {
                    turn.dialogue.exit().await?;
                    super::admin::bookings::show_details(turn, target, draft.booking).await
                }
                None => {
                    turn.dialogue.exit().await?;
                    let Some(owner) = turn.guest.user_id else { return Err(HandlerError::GuestUnknown) };
                    list(turn, target, owner).await
                }
            }
        }
        (Step::Dates(date_step), CallbackData::Picker(button)) => {
            let clock = turn.app.clock();
            let pressed =
                dates::press(&pickers(turn, &clock, &draft), date_step, draft.dates.clone(), button).await?;
            match pressed {
                DatePress::Show(shown, dates) => {
                    answer(turn, query).await;
                    go(turn, target, Step::Dates(shown), MoveDraft { dates, ..draft }, None).await
                }
                DatePress::Picked(dates) => {
                    answer(turn, query).await;
                    go(turn, target, Step::Confirm, MoveDraft { dates, ..draft }, None).await
                }
                DatePress::Explain(id) => {
                    turn.bot
                        .answer_callback_query(query.id.clone())
                        .text(turn.text(id))
                        .quietly(&turn.app.telegram)
                        .await;
                    Ok(())
                }
                DatePress::Outdated => outdated_step(turn, query, step, draft).await,
            }
        }
        (Step::Confirm, CallbackData::Mine(Mine::MoveConfirmed(id))) if id == draft.booking => {
            confirm::commit(turn, query, draft).await
        }
        _ => outdated_step(turn, query, step, draft).await,
    }
}

/// A button that is not for this step: "outdated", and the current step again below.
async fn outdated_step(turn: Turn<'_>, query: &CallbackQuery, step: Step, draft: MoveDraft) -> HandlerResult {
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(turn.text("button-outdated-step"))
        .quietly(&turn.app.telegram)
        .await;
    go(turn, Target::Query(query), step, draft, Some("button-outdated-step")).await
}

/// A message while moving: the current step again, under "use the buttons".
pub async fn on_message(
    bot: Bot,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, MoveDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = go(turn, Target::Chat(turn.chat()), step, draft, Some("self-service-use-buttons")).await;
    turn.recover(result).await
}

/// A button that does not decode while moving: "outdated", and the current step again.
pub async fn on_unknown_callback(
    bot: Bot,
    query: CallbackQuery,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, MoveDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = outdated_step(turn, &query, step, draft).await;
    turn.recover(result).await
}
