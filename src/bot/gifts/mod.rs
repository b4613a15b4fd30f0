//! Buying a gift certificate (SPEC §2.6, reference §1.7): tariff (those in `gifts.tariffs`) →
//! the optional extras that tariff offers → the price, line by line, from the one pricing
//! function → the buyer's contact → the payment screen → the receipt. The receipt writes the
//! purchase (awaiting approval, no code yet) and queues it for the admins in one transaction;
//! the code is drawn when an admin approves (`admin::gifts`). `State::GiftShop` keeps the draft,
//! so a restart continues where the buyer was; every step has Back and Menu.

mod screens;
pub mod words;

use serde::{Deserialize, Serialize};
use teloxide::{prelude::*, types::InlineKeyboardMarkup};

use super::{
    BotDialogue, HandlerError, HandlerResult, State,
    booking::{Receipt, receipt_file},
    callback::{CallbackData, Wizard},
    guest::Guest,
    info,
    layout::{Target, show_under},
    menu,
    turn::Turn,
};
use crate::{
    app::{App, AppRef},
    db::{self, DbError, gifts::NewGift},
    domain::{
        booking::ReceiptKind,
        contact::Contact,
        tariff::{Extra, Extras, TariffId},
    },
    telegram::Deliver,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GiftStep {
    Tariff,
    Extra(Extra),
    Summary,
    Contact,
    /// Waiting for the receipt.
    Payment,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftDraft {
    pub tariff: Option<TariffId>,
    /// The optional extras the buyer said yes to.
    pub extras: Extras,
    pub contact: Option<String>,
}

impl GiftDraft {
    /// The purchase's steps for the chosen tariff.
    fn steps(&self, app: &App) -> Vec<GiftStep> {
        let mut steps = vec![GiftStep::Tariff];
        if let Some(id) = self.tariff {
            steps.extend(app.catalog.tariff(id).rules.optional_extras().map(GiftStep::Extra));
            steps.extend([GiftStep::Summary, GiftStep::Contact, GiftStep::Payment]);
        }
        steps
    }

    fn after(&self, app: &App, step: GiftStep) -> GiftStep {
        let steps = self.steps(app);
        steps.iter().position(|s| *s == step).and_then(|i| steps.get(i + 1)).copied().unwrap_or(step)
    }

    fn before(&self, app: &App, step: GiftStep) -> Option<GiftStep> {
        let steps = self.steps(app);
        steps.iter().position(|s| *s == step).and_then(|i| i.checked_sub(1)).map(|i| steps[i])
    }
}

/// "Buy a gift certificate" on the menu: the tariff list.
pub(super) async fn start(turn: Turn<'_>, target: Target<'_>) -> HandlerResult {
    go(turn, target, GiftStep::Tariff, GiftDraft::default(), None).await
}

/// Stores the step and shows it, optionally under a notice (why the buyer is here again).
async fn go(
    turn: Turn<'_>,
    target: Target<'_>,
    step: GiftStep,
    draft: GiftDraft,
    notice: Option<&str>,
) -> HandlerResult {
    let back = step != GiftStep::Tariff;
    let screen = screens::render(turn.app, turn.lang(), step, &draft, back)?;
    turn.dialogue.update(State::GiftShop { step, draft }).await?;
    let notice = notice.map(|id| turn.text(id));
    show_under(turn.bot, turn.app, target, turn.chat(), screen, notice).await
}

pub(super) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (GiftStep, GiftDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = press(turn, &query, data, step, draft).await;
    turn.settle(&query, result).await
}

async fn press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    data: CallbackData,
    step: GiftStep,
    mut draft: GiftDraft,
) -> HandlerResult {
    let app = turn.app;
    let target = Target::Query(query);
    let next = match (step, data) {
        (_, CallbackData::Menu) | (GiftStep::Tariff, CallbackData::Back) => {
            turn.bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
            return menu::leave_to_menu(turn, target).await;
        }
        (_, CallbackData::Noop) => None,
        (_, CallbackData::Back) => draft.before(app, step),
        (GiftStep::Tariff, CallbackData::Wizard(Wizard::Tariff(id)))
            if app.settings.gifts.tariffs.contains(&id) =>
        {
            if draft.tariff != Some(id) {
                draft = GiftDraft { tariff: Some(id), contact: draft.contact, ..GiftDraft::default() };
            }
            Some(draft.after(app, step))
        }
        (GiftStep::Extra(asked), CallbackData::Wizard(Wizard::Extra { extra, on })) if asked == extra => {
            draft.extras = draft.extras.with(extra, on);
            Some(draft.after(app, step))
        }
        (GiftStep::Summary, CallbackData::Wizard(Wizard::Confirm)) => {
            if draft.contact.is_none()
                && let Some(owner) = turn.guest.user_id
            {
                draft.contact = db::bookings::last_contact(&app.db, owner).await?;
            }
            Some(GiftStep::Contact)
        }
        (GiftStep::Contact, CallbackData::Wizard(Wizard::UseContact)) if draft.contact.is_some() => {
            Some(GiftStep::Payment)
        }
        _ => {
            turn.bot
                .answer_callback_query(query.id.clone())
                .text(turn.text("button-outdated-step"))
                .quietly(&app.telegram)
                .await;
            return go(turn, target, step, draft, Some("button-outdated-step")).await;
        }
    };
    turn.bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    match next {
        Some(next) => go(turn, target, next, draft, None).await,
        None => Ok(()),
    }
}

/// A button the purchase cannot read at all: "outdated", and the current step again.
pub(super) async fn on_unknown_callback(
    bot: Bot,
    query: CallbackQuery,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (GiftStep, GiftDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    bot.answer_callback_query(query.id.clone())
        .text(turn.text("button-outdated-step"))
        .quietly(&app.telegram)
        .await;
    let result = go(turn, Target::Query(&query), step, draft, Some("button-outdated-step")).await;
    turn.recover(result).await
}

/// A message: the contact on the contact step, the receipt on the payment step; anything else
/// is answered with what the step expects, the draft untouched.
pub(super) async fn on_message(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (GiftStep, GiftDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = typed(turn, &msg, step, draft).await;
    turn.recover(result).await
}

async fn typed(turn: Turn<'_>, msg: &Message, step: GiftStep, mut draft: GiftDraft) -> HandlerResult {
    let target = Target::Chat(msg.chat.id);
    let again = |notice: &'static str, draft: GiftDraft| go(turn, target, step, draft, Some(notice));
    match step {
        GiftStep::Payment => match receipt_file(msg) {
            Receipt::File(file, kind) => take_receipt(turn, msg, &draft, (file, kind)).await,
            Receipt::WrongFile => again("receipt-wrong-file", draft).await,
            Receipt::None => again("receipt-expected", draft).await,
        },
        GiftStep::Contact => {
            let shared = msg.contact().map(|c| c.phone_number.clone());
            let Some(text) = msg.text().or(shared.as_deref()).map(str::trim) else {
                return again("booking-text-expected", draft).await;
            };
            match Contact::parse(text) {
                Ok(contact) => {
                    draft.contact = Some(contact.as_str().to_owned());
                    go(turn, target, GiftStep::Payment, draft, None).await
                }
                Err(error) => again(crate::bot::wording::contact_error(error), draft).await,
            }
        }
        _ => again("booking-use-buttons", draft).await,
    }
}

/// The receipt: the purchase is written and queued for the admins in one transaction, the
/// purchase flow ends, and the buyer is told what happens next. A failure keeps the payment
/// step (the buyer sends the receipt again).
async fn take_receipt(
    turn: Turn<'_>,
    msg: &Message,
    draft: &GiftDraft,
    (file, kind): (String, ReceiptKind),
) -> HandlerResult {
    let app = turn.app;
    let Some(buyer_id) = turn.guest.user_id else { return Err(HandlerError::GuestUnknown) };
    let Some(tariff) = draft.tariff else {
        return Err(HandlerError::Draft("gift payment without a tariff".into()));
    };
    let price = screens::price(app, tariff, draft.extras).total;
    let new = NewGift {
        buyer_id,
        tariff,
        extras: app.catalog.tariff(tariff).rules.normalise(draft.extras),
        price,
        contact: draft.contact.clone(),
        receipt_file_id: file,
        receipt_kind: kind,
    };
    let gift = record_and_notify(app, &new).await?;
    tracing::info!(gift = gift.id, %tariff, "gift certificate purchase sent to the admins");
    app.outbox_waker.notify_one();
    turn.dialogue.exit().await?;
    let text = app.texts.format(turn.lang(), "gift-receipt-thanks", &[("id", gift.id.into())]);
    turn.bot
        .send_message(msg.chat.id, text)
        .parse_mode(teloxide::types::ParseMode::Html)
        .reply_markup(InlineKeyboardMarkup::new([[info::menu_button(app, turn.lang())]]))
        .deliver(&app.telegram)
        .await?;
    Ok(())
}

async fn record_and_notify(app: &App, new: &NewGift) -> Result<db::gifts::Gift, DbError> {
    let mut tx = app.db.begin().await?;
    let gift = db::gifts::create(&mut *tx, new).await?;
    let buyer = db::users::by_id(&mut *tx, gift.buyer_id).await?;
    match app.settings.admin.chat() {
        Some(chat) => {
            let notice = super::admin::gifts::purchase_notice(app, &gift, buyer.as_ref(), chat.0);
            db::outbox::enqueue(&mut tx, &notice).await?;
        }
        None => tracing::error!(gift = gift.id, "admin.chat_id is not set: the purchase reaches no one"),
    }
    tx.commit().await?;
    Ok(gift)
}
