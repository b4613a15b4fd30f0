//! Button presses inside the wizard. A press is honoured only when it belongs to the current
//! step (SPEC §1); days and hours are re-checked against the database at the press, so a slot
//! taken since the screen was drawn is refused with an explanation, never acted on.

use crate::telegram::Deliver;
use teloxide::prelude::*;

use super::{Draft, Step, Turn, hold, layout, typed};
use crate::{
    app::{App, AppRef},
    bot::{
        BotDialogue, HandlerError, HandlerResult,
        callback::{CallbackData, Skippable, Wizard},
        dates::{self, DatePress},
        guest::Guest,
        menu,
        pickers::{Pickers, Viewer},
    },
    db,
};

/// What a press leads to.
enum Press {
    /// Move to (or redraw) a step with the updated draft.
    Go(Step, Draft),
    /// Answer with an explanation; nothing changes.
    Explain(&'static str),
    /// Show a step again under a notice (e.g. a kept promo code that no longer applies).
    Again(Step, Draft, &'static str),
    /// Not for this step: "outdated", and the current step again.
    Outdated,
    Menu,
    Hold(Draft),
    Nothing,
}

pub async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, Draft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = press(turn, &query, data, step, draft).await;
    turn.settle(&query, result).await
}

async fn press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    data: CallbackData,
    step: Step,
    draft: Draft,
) -> HandlerResult {
    let Turn { bot, app, dialogue, .. } = turn;
    let lang = turn.lang();
    let target = layout::Target::Query(query);
    let decided = decide(app, turn.guest, step, draft.clone(), data).await;
    let answer = |text: Option<String>| {
        let request = bot.answer_callback_query(query.id.clone());
        match text {
            Some(text) => request.text(text),
            None => request,
        }
    };
    match decided? {
        Press::Go(next, draft) => {
            answer(None).quietly(&app.telegram).await;
            turn.go(target, next, draft, None).await
        }
        Press::Explain(id) => {
            answer(Some(app.texts.get(lang, id))).quietly(&app.telegram).await;
            Ok(())
        }
        Press::Again(step, draft, notice) => {
            answer(None).quietly(&app.telegram).await;
            turn.go(target, step, draft, Some(notice)).await
        }
        Press::Outdated => outdated(turn, query, (step, draft)).await,
        Press::Menu => {
            answer(None).quietly(&app.telegram).await;
            dialogue.exit().await?;
            let text = menu::welcome_text(app, lang, None);
            crate::bot::reply::show(bot, &app.telegram, query, text, menu::keyboard(app, lang)).await
        }
        Press::Hold(draft) => {
            answer(None).quietly(&app.telegram).await;
            hold::place(turn, target, draft).await
        }
        Press::Nothing => {
            answer(None).quietly(&app.telegram).await;
            Ok(())
        }
    }
}

async fn decide(
    app: &App,
    guest: Guest,
    step: Step,
    mut draft: Draft,
    data: CallbackData,
) -> Result<Press, HandlerError> {
    let rules = draft.tariff.map(|id| &app.catalog.tariff(id).rules);
    let next = |draft: Draft| {
        let rules = draft.tariff.map(|id| &app.catalog.tariff(id).rules);
        match rules {
            Some(rules) => Press::Go(step.after(rules, &draft), Draft { month: None, ..draft }),
            None => Press::Outdated,
        }
    };
    let clock = app.clock();
    let viewer = Viewer { guest: draft.viewer(guest), exclude: None };
    let picker = |tariff| Pickers { app, clock: &clock, tariff, viewer };
    Ok(match (step, data) {
        (_, CallbackData::Menu) => Press::Menu,
        (_, CallbackData::Noop) => Press::Nothing,
        (_, CallbackData::Back) => match step.before(rules, &draft) {
            // Back to the tariff list: a certificate's choices go with it.
            Some(Step::Tariff) if draft.gift.is_some() => Press::Go(Step::Tariff, draft.without_tariff()),
            Some(previous) => Press::Go(previous, Draft { month: None, ..draft }),
            None if step == Step::Tariff => Press::Menu,
            None => Press::Outdated,
        },
        (Step::Tariff, CallbackData::Wizard(Wizard::Tariff(id))) => {
            let draft = draft.for_tariff(id);
            Press::Go(Step::Tariff.after(&app.catalog.tariff(id).rules, &draft), draft)
        }
        (Step::Tariff, CallbackData::Wizard(Wizard::GiftEntry)) if draft.by_hand.is_none() => {
            Press::Go(Step::GiftCode, draft.without_tariff())
        }
        (Step::GiftCode, CallbackData::Wizard(Wizard::KeepGift)) if draft.gift.is_some() => next(draft),
        (Step::Bedroom, CallbackData::Wizard(Wizard::Bedroom(bedroom))) => {
            next(Draft { bedroom: Some(bedroom), ..draft })
        }
        (Step::Extra(asked), CallbackData::Wizard(Wizard::Extra { extra, on })) if asked == extra => {
            next(Draft { extras: draft.extras.with(extra, on), ..draft })
        }
        (Step::Guests, CallbackData::Wizard(Wizard::Guests(n))) if n <= app.settings.house.capacity => {
            next(Draft { guests: Some(n), ..draft })
        }
        (step, CallbackData::Picker(button)) => {
            let (Some(date_step), Some(tariff)) =
                (step.date_step(), draft.tariff.map(|id| app.catalog.tariff(id)))
            else {
                return Ok(Press::Outdated);
            };
            match dates::press(&picker(tariff), date_step, draft.dates(), button).await? {
                DatePress::Show(shown, dates) => Press::Go(shown.into(), draft.with_dates(dates)),
                DatePress::Picked(dates) => next(draft.with_dates(dates)),
                DatePress::Explain(id) => Press::Explain(id),
                DatePress::Outdated => Press::Outdated,
            }
        }
        (Step::Comment, CallbackData::Wizard(Wizard::Skip(Skippable::Comment))) => {
            next(Draft { comment: None, ..draft })
        }
        (Step::Promo, CallbackData::Wizard(Wizard::Skip(Skippable::Promo))) => {
            next(Draft { promo: None, ..draft })
        }
        (Step::Transfer, CallbackData::Wizard(Wizard::Skip(Skippable::Transfer))) => {
            next(Draft { transfer: None, ..draft })
        }
        (Step::Comment, CallbackData::Wizard(Wizard::Keep(Skippable::Comment)))
            if draft.comment.is_some() =>
        {
            next(draft)
        }
        (Step::Transfer, CallbackData::Wizard(Wizard::Keep(Skippable::Transfer)))
            if draft.transfer.is_some() =>
        {
            next(draft)
        }
        (Step::Promo, CallbackData::Wizard(Wizard::Keep(Skippable::Promo))) => {
            // The dates may have changed since the code was accepted: check it again.
            let Some(code) = draft.promo.as_ref().map(|p| p.code.clone()) else { return Ok(Press::Outdated) };
            match typed::check_promo(app, &draft, &code).await? {
                Ok(promo) => next(Draft { promo: Some(promo), ..draft }),
                Err(reason) => Press::Again(Step::Promo, Draft { promo: None, ..draft }, reason),
            }
        }
        (Step::Wine, CallbackData::Wizard(Wizard::Wine(wine))) => next(Draft { wine: Some(wine), ..draft }),
        (Step::Summary, CallbackData::Wizard(Wizard::Confirm)) => {
            // The admin taking a booking by hand types the guest's contact, not their own.
            if draft.contact.is_none()
                && draft.by_hand.is_none()
                && let Some(owner) = guest.user_id
            {
                draft.contact = db::bookings::last_contact(&app.db, owner).await?;
            }
            next(draft)
        }
        (Step::Contact, CallbackData::Wizard(Wizard::UseContact)) if draft.contact.is_some() => {
            Press::Hold(draft)
        }
        _ => Press::Outdated,
    })
}

/// A button the wizard cannot read at all (an old bot's payload, a garbled or forged one):
/// "outdated", and the current step again — the wizard stays where it was.
pub async fn on_unknown_callback(
    bot: Bot,
    query: CallbackQuery,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, Draft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    turn.recover(outdated(turn, &query, (step, draft)).await).await
}

/// "This button is outdated" on the spinner, and the current step shown again below.
async fn outdated(turn: Turn<'_>, query: &CallbackQuery, (step, draft): (Step, Draft)) -> HandlerResult {
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(turn.app.texts.get(turn.lang(), "button-outdated-step"))
        .quietly(&turn.app.telegram)
        .await;
    turn.go(layout::Target::Query(query), step, draft, Some("button-outdated-step")).await
}
