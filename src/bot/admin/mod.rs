//! Admin decisions on a booking from its approval message: Approve, Reject, Edit price, Edit
//! prepayment. Authorised by the *pressing user's* id (`admin.user_ids`), never by the chat the
//! button is in — the schema's admin gate refuses everyone else before these handlers run
//! (`refuse`; fixes S1/S2: a forged callback from a guest changes nothing). Every action is a
//! guarded transition, so a second press or a duplicated update changes nothing and says so.

pub mod bookings;
pub mod broadcast;
pub mod calendar;
pub(super) mod commands;
mod gate;
pub(super) mod gifts;
pub(super) mod keybox;
pub(super) mod pending;
pub mod promos;
pub(super) mod router;
pub(super) mod stats;
mod tariff_change;
mod tell;

use gate::{in_private, left_unless_admin, not_allowed};
pub(in crate::bot) use gate::{refuse, settle_staff_press};

use pending::PendingEdit;
use tell::{guest_amount_notice, guest_decision_notice, inform_notice};

use crate::telegram::Deliver;
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{ForceReply, InlineKeyboardMarkup, MessageId, ParseMode},
};

use super::{
    AmountField, ApprovalMessage, HandlerResult, approval,
    callback::{AdminAction, CallbackData},
    guest::Guest,
};
use crate::{
    app::{App, AppRef},
    db::{
        self, DbError,
        booking_changes::{self, Edit, Guard},
        bookings::Booking,
    },
    domain::{
        booking::{Actor, Transition},
        money::Money,
    },
    i18n::Lang,
};

pub(super) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    let CallbackData::Admin { action, booking } = data else { return Ok(()) };
    let lang = guest.lang;
    let actor = Actor::Admin { telegram_id: i64::try_from(query.from.id.0).unwrap_or(i64::MAX) };
    let transition = match action {
        AdminAction::Approve => Transition::Approve,
        AdminAction::Reject => Transition::Reject,
        AdminAction::EditPrice | AdminAction::EditPrepayment => {
            let field =
                if action == AdminAction::EditPrice { AmountField::Price } else { AmountField::Prepayment };
            bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
            let message = query.regular_message().map(approval_message);
            let chat = query.regular_message().map_or(ChatId(query.from.id.0 as i64), |m| m.chat.id);
            let edit = PendingEdit {
                booking_id: booking,
                field,
                chat_id: chat.0,
                message,
                admin_id: query.from.id.0,
            };
            pending::put(&app, edit).await?;
            let prompt = app.texts.format(
                lang,
                "admin-enter-amount",
                &[
                    ("id", booking.into()),
                    ("field", field.as_str().into()),
                    ("currency", app.settings.pricing.currency.clone().into()),
                ],
            );
            let admin = mention(&query.from);
            bot.send_message(chat, format!("{admin}, {prompt}"))
                .parse_mode(ParseMode::Html)
                .reply_markup(amount_reply())
                .deliver(&app.telegram)
                .await?;
            return Ok(());
        }
    };
    let decided = decide(&app, booking, transition, actor).await;
    let booking = match decided {
        Ok(booking) => {
            bot.answer_callback_query(query.id.clone())
                .text(app.texts.format(
                    lang,
                    "admin-done",
                    &[("status", approval::status_text(&app, lang, booking.status).into())],
                ))
                .quietly(&app.telegram)
                .await;
            app.outbox_waker.notify_one();
            booking
        }
        Err(DbError::WrongStatus { current }) => {
            let text = app.texts.format(
                lang,
                "admin-already",
                &[("status", approval::status_text(&app, lang, current).into())],
            );
            bot.answer_callback_query(query.id.clone()).text(text).quietly(&app.telegram).await;
            // A second press on a message already showing the decision changes nothing (and
            // redrawing it would only be refused as "not modified"). A message that still
            // shows the buttons — decided elsewhere — is brought up to date, without a name.
            let stale = query
                .regular_message()
                .and_then(|m| m.reply_markup())
                .is_some_and(|markup| !markup.inline_keyboard.is_empty());
            if stale && let Some(message) = query.regular_message() {
                let booking = db::bookings::get(&app.db, booking).await?;
                rerender(&bot, &app, lang, &booking, approval_message(message), None).await?;
            }
            return Ok(());
        }
        Err(DbError::NotFound) => {
            bot.answer_callback_query(query.id.clone())
                .text(app.texts.get(lang, "button-outdated"))
                .quietly(&app.telegram)
                .await;
            return Ok(());
        }
        Err(other) => {
            bot.answer_callback_query(query.id.clone())
                .text(app.texts.get(lang, "error-internal"))
                .quietly(&app.telegram)
                .await;
            return Err(other.into());
        }
    };
    if let Some(message) = query.regular_message() {
        let admin = query.from.full_name();
        rerender(&bot, &app, lang, &booking, approval_message(message), Some(&admin)).await?;
    }
    Ok(())
}

/// Where the pressed approval message is (to redraw it).
fn approval_message(message: &Message) -> ApprovalMessage {
    ApprovalMessage {
        chat_id: message.chat.id.0,
        message_id: message.id.0,
        caption: message.caption().is_some(),
    }
}

/// The amount an admin types after "Edit price" / "Edit prepayment" (the schema routes here only
/// that admin's messages in that chat; everyone else is answered as usual). Any command abandons
/// the edit.
pub(super) async fn on_amount(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
    edit: PendingEdit,
) -> HandlerResult {
    let PendingEdit { booking_id, field, admin_id, message, .. } = edit;
    let done = || pending::clear(&app, admin_id);
    let lang = guest.lang;
    let say = |text: String| bot.send_message(msg.chat.id, text);
    // While the edit still waits, the answer asks for a reply again (see `amount_reply`).
    let ask = |text: String| bot.send_message(msg.chat.id, text).reply_markup(amount_reply());
    let text = msg.text().unwrap_or_default().trim();
    // Any command abandons the edit, so an admin can never be stuck in it.
    if text.starts_with('/') {
        done().await?;
        say(app.texts.get(lang, "cancelled")).deliver(&app.telegram).await?;
        return Ok(());
    }
    let Ok(amount) = text.parse::<Money>() else {
        ask(app.texts.get(lang, "admin-bad-amount")).deliver(&app.telegram).await?;
        return Ok(());
    };
    let edit = match field {
        AmountField::Price => Edit::Price(amount),
        AmountField::Prepayment => Edit::Prepayment(amount),
    };
    let actor = Actor::Admin { telegram_id: i64::try_from(admin_id).unwrap_or(i64::MAX) };
    let booking = match edit_telling_the_guest(&app, booking_id, edit, actor, (field, amount)).await {
        Ok(booking) => booking,
        Err(DbError::PrepaymentAbovePrice { price }) => {
            let price = app.money(price);
            ask(app.texts.format(lang, "admin-prepayment-too-high", &[("price", price.into())]))
                .deliver(&app.telegram)
                .await?;
            return Ok(());
        }
        // The same amount again: no audit row, no "the price is now…" to the guest.
        Err(DbError::Unchanged) => {
            done().await?;
            let text = app.texts.format(
                lang,
                "admin-amount-unchanged",
                &[
                    ("id", booking_id.into()),
                    ("field", field.as_str().into()),
                    ("amount", app.money(amount).into()),
                ],
            );
            say(text).deliver(&app.telegram).await?;
            return Ok(());
        }
        Err(DbError::WrongStatus { current }) => {
            done().await?;
            say(app.texts.format(
                lang,
                "admin-already",
                &[("status", approval::status_text(&app, lang, current).into())],
            ))
            .deliver(&app.telegram)
            .await?;
            return Ok(());
        }
        Err(DbError::NotFound) => {
            done().await?;
            say(app.texts.get(lang, "button-outdated")).deliver(&app.telegram).await?;
            return Ok(());
        }
        Err(other) => {
            // Keep waiting: the admin can type the amount again once the database is back.
            say(app.texts.get(lang, "error-internal")).deliver(&app.telegram).await?;
            return Err(other.into());
        }
    };
    done().await?;
    let saved = app.texts.format(
        lang,
        "admin-amount-saved",
        &[("id", booking.id.into()), ("field", field.as_str().into()), ("amount", app.money(amount).into())],
    );
    say(saved).deliver(&app.telegram).await?;
    app.outbox_waker.notify_one();
    if let Some(message) = message {
        rerender(&bot, &app, lang, &booking, message, None).await?;
    }
    Ok(())
}

/// The decision, its audit row and what it tells the guest and the inform chat, in one
/// transaction: all of it happens, or none. Also the staff's Cancel and Complete (`/bookings`).
pub(super) async fn decide(
    app: &App,
    id: i64,
    transition: Transition,
    actor: Actor,
) -> Result<Booking, DbError> {
    let mut tx = app.db.begin().await?;
    let booking = booking_changes::transition_in(&mut tx, id, transition, actor, Guard::default()).await?;
    let owner = db::users::owner(&mut *tx, booking.owner_id).await?;
    let mut notices: Vec<_> = guest_decision_notice(app, owner.as_ref(), &booking).into_iter().collect();
    if let (Transition::Approve | Transition::Cancel, Some(chat)) =
        (transition, app.settings.admin.inform_chat())
    {
        notices.push(inform_notice(app, &booking, chat.0));
    }
    for notice in &notices {
        db::outbox::enqueue(&mut tx, notice).await?;
    }
    // Approved after the instructions' moment (a stay that starts soon): they go now, after the
    // "confirmed" notice; `queue_in` makes sure the job does not send them again.
    if transition == Transition::Approve
        && crate::jobs::instructions::due_at(app, &booking) <= chrono::Utc::now()
    {
        crate::jobs::instructions::queue_in(&mut tx, app, &booking, owner.as_ref()).await?;
    }
    tx.commit().await?;
    Ok(booking)
}

/// An amount edit and the guest's notice of it, in one transaction.
async fn edit_telling_the_guest(
    app: &App,
    id: i64,
    edit: Edit,
    actor: Actor,
    (field, amount): (AmountField, Money),
) -> Result<Booking, DbError> {
    let mut tx = app.db.begin().await?;
    let booking = booking_changes::edit_in(&mut tx, id, edit, actor).await?;
    let owner = db::users::owner(&mut *tx, booking.owner_id).await?;
    if let Some(notice) = guest_amount_notice(app, owner.as_ref(), &booking, field, amount) {
        db::outbox::enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    Ok(booking)
}

/// Shows the booking's current state on its approval message; the buttons go once decided.
async fn rerender(
    bot: &Bot,
    app: &App,
    lang: Lang,
    booking: &Booking,
    target: ApprovalMessage,
    decided_by: Option<&str>,
) -> HandlerResult {
    let owner = db::users::owner(&app.db, booking.owner_id).await?;
    let mut text = approval::booking_text(app, lang, booking, owner.as_ref());
    if let Some(admin) = decided_by {
        let status = approval::status_text(app, lang, booking.status);
        let by = teloxide::utils::html::escape(admin);
        text = format!(
            "{text}\n\n{}",
            app.texts.format(lang, "admin-by", &[("status", status.into()), ("admin", by.into())])
        );
    }
    redraw(bot, app, target, text, approval::keyboard(app, lang, booking)).await
}

/// Puts `text` and `markup` on a staff message: its caption (a receipt) or its text. An
/// unchanged message is not an error.
async fn redraw(
    bot: &Bot,
    app: &App,
    target: ApprovalMessage,
    text: String,
    markup: InlineKeyboardMarkup,
) -> HandlerResult {
    let (chat, id) = (ChatId(target.chat_id), MessageId(target.message_id));
    let result = if target.caption {
        // Cut where `receipt_notices` cut, at a line break, so no tag or `&amp;` is split.
        let (head, _) = approval::split_at_line(&text, approval::CAPTION_LIMIT);
        bot.edit_message_caption(chat, id)
            .caption(head)
            .parse_mode(ParseMode::Html)
            .reply_markup(markup)
            .deliver(&app.telegram)
            .await
            .map(drop)
    } else {
        bot.edit_message_text(chat, id, text)
            .parse_mode(ParseMode::Html)
            .reply_markup(markup)
            .deliver(&app.telegram)
            .await
            .map(drop)
    };
    match result {
        Ok(()) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// The amount is asked for with a forced reply: in a group with privacy mode on (Telegram's
/// default) a bot receives only commands and replies to its own messages, so a plain typed
/// "750" would never arrive. `selective` shows the reply field only to the mentioned admin.
fn amount_reply() -> ForceReply {
    ForceReply::new().selective()
}

/// A mention of the pressing admin (for `selective`), with the name escaped.
fn mention(user: &teloxide::types::User) -> String {
    format!("<a href=\"tg://user?id={}\">{}</a>", user.id.0, teloxide::utils::html::escape(&user.first_name))
}
