//! Admin decisions on a booking from its approval message: Approve, Reject, Edit price, Edit
//! prepayment. Authorised by the *pressing user's* id (`admin.user_ids`), never by the chat the
//! button is in (fixes S1/S2: a forged callback from a guest changes nothing). Every action is a
//! guarded transition, so a second press or a duplicated update changes nothing and says so.

use crate::telegram::Deliver;
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{ForceReply, InlineKeyboardMarkup, MessageId, ParseMode},
};

use super::{
    AmountField, ApprovalMessage, BotDialogue, HandlerResult, State, approval,
    callback::{AdminAction, CallbackData},
    guest::Guest,
};
use crate::{
    app::{App, AppRef},
    db::{
        self, DbError,
        booking_changes::{self, Edit, Guard},
        bookings::Booking,
        outbox::{NewNotice, OutboxKind},
    },
    domain::{
        booking::{Actor, BookingStatus, Transition},
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
    dialogue: BotDialogue,
) -> HandlerResult {
    let CallbackData::Admin { action, booking } = data else { return Ok(()) };
    let lang = guest.lang;
    if !app.settings.admin.is_admin(query.from.id) {
        tracing::warn!(user = query.from.id.0, booking, ?action, "admin button pressed by a non-admin");
        bot.answer_callback_query(query.id.clone())
            .text(app.texts.get(lang, "admin-not-allowed"))
            .show_alert(true)
            .quietly(&app.telegram)
            .await;
        return Ok(());
    }
    let actor = Actor::Admin { telegram_id: i64::try_from(query.from.id.0).unwrap_or(i64::MAX) };
    let transition = match action {
        AdminAction::Approve => Transition::Approve,
        AdminAction::Reject => Transition::Reject,
        AdminAction::EditPrice | AdminAction::EditPrepayment => {
            let field =
                if action == AdminAction::EditPrice { AmountField::Price } else { AmountField::Prepayment };
            bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
            let message = query.regular_message().map(|m| ApprovalMessage {
                chat_id: m.chat.id.0,
                message_id: m.id.0,
                caption: m.caption().is_some(),
            });
            dialogue
                .update(State::AdminEdit { booking_id: booking, field, admin_id: query.from.id.0, message })
                .await?;
            let chat = query.regular_message().map_or(ChatId(query.from.id.0 as i64), |m| m.chat.id);
            let prompt = app.texts.format(
                lang,
                "admin-enter-amount",
                &[("id", booking.into()), ("field", field.as_str().into())],
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
    let inform = app.settings.admin.inform_chat();
    let decided =
        booking_changes::transition_notifying(&app.db, booking, transition, actor, Guard::default(), |b| {
            match (transition, inform) {
                (Transition::Approve, Some(chat)) => vec![inform_notice(&app, b, chat.0)],
                _ => Vec::new(),
            }
        })
        .await;
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
            tell_guest_decision(&bot, &app, &booking).await;
            booking
        }
        Err(DbError::WrongStatus { current }) => {
            let text = app.texts.format(
                lang,
                "admin-already",
                &[("status", approval::status_text(&app, lang, current).into())],
            );
            bot.answer_callback_query(query.id.clone()).text(text).quietly(&app.telegram).await;
            db::bookings::get(&app.db, booking).await?
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
        let target = ApprovalMessage {
            chat_id: message.chat.id.0,
            message_id: message.id.0,
            caption: message.caption().is_some(),
        };
        let admin = query.from.full_name();
        rerender(&bot, &app, lang, &booking, target, Some(&admin)).await?;
    }
    Ok(())
}

/// The amount an admin types after "Edit price" / "Edit prepayment". Other people's messages in
/// the admin group are ignored; `/cancel` abandons the edit.
pub(super) async fn on_amount(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (booking_id, field, admin_id, message): (i64, AmountField, u64, Option<ApprovalMessage>),
) -> HandlerResult {
    if msg.from.as_ref().map(|u| u.id.0) != Some(admin_id) {
        return Ok(());
    }
    let lang = guest.lang;
    let say = |text: String| bot.send_message(msg.chat.id, text);
    // While the edit still waits, the answer asks for a reply again (see `amount_reply`).
    let ask = |text: String| bot.send_message(msg.chat.id, text).reply_markup(amount_reply());
    let text = msg.text().unwrap_or_default().trim();
    // Any command abandons the edit, so an admin can never be stuck in it.
    if text.starts_with('/') {
        dialogue.exit().await?;
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
    let booking = match booking_changes::edit(&app.db, booking_id, edit, actor).await {
        Ok(booking) => booking,
        Err(DbError::PrepaymentAbovePrice) => {
            let price =
                db::bookings::get(&app.db, booking_id).await.map(|b| b.price.to_string()).unwrap_or_default();
            ask(app.texts.format(lang, "admin-prepayment-too-high", &[("price", price.into())]))
                .deliver(&app.telegram)
                .await?;
            return Ok(());
        }
        Err(DbError::WrongStatus { current }) => {
            dialogue.exit().await?;
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
            dialogue.exit().await?;
            say(app.texts.get(lang, "button-outdated")).deliver(&app.telegram).await?;
            return Ok(());
        }
        Err(other) => {
            // Keep waiting: the admin can type the amount again once the database is back.
            say(app.texts.get(lang, "error-internal")).deliver(&app.telegram).await?;
            return Err(other.into());
        }
    };
    dialogue.exit().await?;
    let saved = app.texts.format(
        lang,
        "admin-amount-saved",
        &[("id", booking.id.into()), ("field", field.as_str().into()), ("amount", amount.to_string().into())],
    );
    say(saved).deliver(&app.telegram).await?;
    tell_guest_amount(&bot, &app, &booking, field, amount).await;
    if let Some(message) = message {
        rerender(&bot, &app, lang, &booking, message, None).await?;
    }
    Ok(())
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
    let owner = db::users::by_id(&app.db, booking.owner_id).await?;
    let mut text = approval::booking_text(app, lang, booking, owner.as_ref());
    if let Some(admin) = decided_by {
        let status = approval::status_text(app, lang, booking.status);
        let by = teloxide::utils::html::escape(admin);
        text = format!(
            "{text}\n\n{}",
            app.texts.format(lang, "admin-by", &[("status", status.into()), ("admin", by.into())])
        );
    }
    let markup: InlineKeyboardMarkup = approval::keyboard(app, lang, booking);
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

fn inform_notice(app: &App, booking: &Booking, chat: i64) -> NewNotice {
    let lang = Lang::default();
    let body = app.texts.format(
        lang,
        "inform-confirmed",
        &[
            ("id", booking.id.into()),
            ("tariff", app.catalog.tariff(booking.tariff).rules.name(true).to_owned().into()),
            ("start", approval::when(app, booking.starts_at).into()),
            ("end", approval::when(app, booking.ends_at).into()),
            ("guests", booking.guests.into()),
            ("price", booking.price.to_string().into()),
        ],
    );
    NewNotice {
        chat_id: chat,
        kind: OutboxKind::Text,
        body,
        file_id: None,
        reply_markup: None,
        booking_id: Some(booking.id),
    }
}

/// Tells the guest, in their language. A guest who blocked the bot is logged, not retried.
async fn tell_guest(bot: &Bot, app: &App, booking: &Booking, text_for: impl Fn(Lang) -> String) {
    let owner = match db::users::by_id(&app.db, booking.owner_id).await {
        Ok(Some(owner)) => owner,
        other => {
            tracing::error!(booking = booking.id, ?other, "cannot find the guest to tell");
            return;
        }
    };
    let Some(chat) = owner.chat_id else { return };
    let lang = Lang::from_code(&owner.language);
    if let Err(error) = bot.send_message(ChatId(chat), text_for(lang)).deliver(&app.telegram).await {
        tracing::warn!(booking = booking.id, %error, "could not tell the guest");
    }
}

async fn tell_guest_decision(bot: &Bot, app: &App, booking: &Booking) {
    let id = match booking.status {
        BookingStatus::Confirmed => "guest-approved",
        BookingStatus::Rejected => "guest-rejected",
        _ => return,
    };
    tell_guest(bot, app, booking, |lang| {
        app.texts.format(
            lang,
            id,
            &[
                ("id", booking.id.into()),
                ("price", booking.price.to_string().into()),
                ("prepayment", booking.prepayment.to_string().into()),
            ],
        )
    })
    .await;
}

async fn tell_guest_amount(bot: &Bot, app: &App, booking: &Booking, field: AmountField, amount: Money) {
    tell_guest(bot, app, booking, |lang| {
        app.texts.format(
            lang,
            "guest-amount-changed",
            &[
                ("id", booking.id.into()),
                ("field", field.as_str().into()),
                ("amount", amount.to_string().into()),
            ],
        )
    })
    .await;
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
