//! Admin decisions on a gift certificate purchase: the receipt reaches the admin chat with the
//! purchase and Approve / Reject; only a presser in `admin.user_ids` is honoured. Approve draws
//! the code from the OS CSPRNG, sets the expiry (`gifts.valid_for`) and queues the code for the
//! buyer; Reject tells the buyer. Each is one guarded UPDATE committed with its notice, so a
//! second press (or a duplicated update) changes nothing, and the message shows the decision.

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
    utils::html,
};

use super::{approval_message, redraw};
use crate::{
    app::{App, AppRef},
    bot::{
        ApprovalMessage, HandlerResult,
        approval::{CAPTION_LIMIT, split_at_line, when},
        callback::CallbackData,
        gifts::words,
        guest::Guest,
    },
    db::{
        self, DbError,
        gifts::{Gift, GiftStatus},
        outbox::{NewNotice, OutboxKind},
        users::User,
    },
    domain::{booking::ReceiptKind, codes::new_gift_code},
    i18n::Lang,
    telegram::Deliver,
};

/// The purchase's receipt for the admin chat, with its data and the decision buttons.
#[must_use]
pub fn purchase_notice(app: &App, gift: &Gift, buyer: Option<&User>, admin_chat: i64) -> NewNotice {
    let (head, _) = split_at_line(&words::for_staff(app, gift, buyer), CAPTION_LIMIT);
    let kind = match gift.receipt_kind {
        Some(ReceiptKind::Document) => OutboxKind::Document,
        _ => OutboxKind::Photo,
    };
    NewNotice {
        chat_id: admin_chat,
        kind,
        body: head,
        file_id: gift.receipt_file_id.clone(),
        reply_markup: serde_json::to_value(keyboard(app, gift)).ok(),
        booking_id: None,
    }
}

/// Approve · Reject while the purchase awaits a decision; nothing after.
fn keyboard(app: &App, gift: &Gift) -> InlineKeyboardMarkup {
    if gift.status != GiftStatus::AwaitingApproval {
        return InlineKeyboardMarkup::default();
    }
    let lang = Lang::default();
    let button = |id: &str, approve| {
        InlineKeyboardButton::callback(
            app.texts.get(lang, id),
            CallbackData::GiftDecision { approve, gift: gift.id }.encode(),
        )
    };
    InlineKeyboardMarkup::new([[button("admin-approve", true), button("admin-reject", false)]])
}

pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    let CallbackData::GiftDecision { approve, gift } = data else { return Ok(()) };
    let lang = guest.lang;
    let admin = i64::try_from(query.from.id.0).unwrap_or(i64::MAX);
    let answer = |text: String| bot.answer_callback_query(query.id.clone()).text(text);
    match decide(&app, gift, approve, admin).await {
        Ok(Ok(decided)) => {
            tracing::info!(gift, status = decided.status.as_str(), "gift certificate purchase decided");
            app.outbox_waker.notify_one();
            let done = app.texts.format(
                lang,
                "admin-done",
                &[("status", status_text(&app, lang, decided.status).into())],
            );
            answer(done).quietly(&app.telegram).await;
            if let Some(message) = query.regular_message() {
                rerender(&bot, &app, &decided, approval_message(message), Some(&query.from.full_name()))
                    .await?;
            }
        }
        Ok(Err(current)) => {
            let text = app.texts.format(
                lang,
                "admin-gift-already",
                &[("status", status_text(&app, lang, current).into())],
            );
            answer(text).quietly(&app.telegram).await;
            // A copy still showing the buttons (decided from another message) is brought up to date.
            let stale = query
                .regular_message()
                .and_then(|m| m.reply_markup())
                .is_some_and(|markup| !markup.inline_keyboard.is_empty());
            if stale && let Some(message) = query.regular_message() {
                let current = db::gifts::get(&app.db, gift).await?;
                rerender(&bot, &app, &current, approval_message(message), None).await?;
            }
        }
        Err(DbError::NotFound) => answer(app.texts.get(lang, "button-outdated")).quietly(&app.telegram).await,
        Err(other) => {
            answer(app.texts.get(lang, "error-internal")).quietly(&app.telegram).await;
            return Err(other.into());
        }
    }
    Ok(())
}

fn status_text(app: &App, lang: Lang, status: GiftStatus) -> String {
    app.texts.get(lang, &format!("gift-status-{}", status.as_str()))
}

/// The decision and the buyer's notice in one transaction. A freshly drawn code that happens to
/// exist already (31¹² codes: practically never) is drawn again in a new transaction.
async fn decide(app: &App, id: i64, approve: bool, admin: i64) -> Result<Result<Gift, GiftStatus>, DbError> {
    for _ in 0..3 {
        let mut tx = app.db.begin().await?;
        let decided = if approve {
            let expires_at =
                app.settings.gifts.valid_for.expiry(chrono::Utc::now(), app.settings.house.timezone);
            match db::gifts::approve_in(&mut tx, id, &new_gift_code(), expires_at, admin).await {
                Err(DbError::Duplicate) => continue,
                other => other?,
            }
        } else {
            db::gifts::reject_in(&mut tx, id, admin).await?
        };
        let Ok(gift) = decided else { return Ok(decided) };
        let buyer = db::users::by_id(&mut *tx, gift.buyer_id).await?;
        match buyer.as_ref().and_then(|b| b.chat_id.map(|chat| (chat, Lang::from_code(&b.language)))) {
            Some((chat, lang)) => {
                db::outbox::enqueue(&mut tx, &buyer_notice(app, &gift, chat, lang)).await?;
            }
            None => tracing::warn!(gift = gift.id, "the buyer has no chat with the bot: not told"),
        }
        tx.commit().await?;
        return Ok(Ok(gift));
    }
    Err(DbError::Duplicate)
}

/// What the buyer hears: the code, what it covers and until when; or that it was rejected.
fn buyer_notice(app: &App, gift: &Gift, chat: i64, lang: Lang) -> NewNotice {
    let text = match gift.status {
        GiftStatus::Active => app.texts.format(
            lang,
            "gift-approved",
            &[
                ("id", gift.id.into()),
                ("code", words::code(gift).into()),
                ("covers", words::covers(app, lang, gift.tariff, gift.extras()).into()),
                ("expires", gift.expires_at.map(|t| when(app, t)).unwrap_or_default().into()),
            ],
        ),
        _ => app.texts.format(lang, "gift-rejected", &[("id", gift.id.into())]),
    };
    NewNotice::text(chat, text, None)
}

/// Shows the purchase's current state on its message; the buttons go once decided.
async fn rerender(
    bot: &Bot,
    app: &App,
    gift: &Gift,
    target: ApprovalMessage,
    decided_by: Option<&str>,
) -> HandlerResult {
    let buyer = db::users::by_id(&app.db, gift.buyer_id).await?;
    let mut text = words::for_staff(app, gift, buyer.as_ref());
    if let Some(admin) = decided_by {
        let lang = Lang::default();
        let status = status_text(app, lang, gift.status);
        let by = app.texts.format(
            lang,
            "admin-by",
            &[("status", status.into()), ("admin", html::escape(admin).into())],
        );
        text = format!("{text}\n\n{by}");
    }
    redraw(bot, app, target, text, keyboard(app, gift)).await
}
