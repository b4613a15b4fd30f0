//! `/broadcast` (SPEC §6), in an admin's private chat: the audience (all · with bookings ·
//! without) → the message (text, or a photo with a caption) → a preview with the recipient count
//! → Send. Send writes the broadcast and its recipients in one transaction (one at a time: a
//! second is refused while one runs) and posts the progress message with Stop; the sending is
//! `crate::broadcast`'s background task, so guests are served meanwhile.

use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{
    app::{App, AppRef},
    bot::{
        BotDialogue, HandlerResult, State,
        callback::{Audience, BroadcastPress, CallbackData},
        guest::Guest,
        layout::{Screen, Target, button, show},
        turn::Turn,
    },
    db::{self, DbError},
    telegram::Deliver,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BroadcastStep {
    Audience,
    Message,
    Preview,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BroadcastDraft {
    pub audience: Option<Audience>,
    pub text: String,
    pub photo: Option<String>,
}

pub(in crate::bot::admin) async fn command(turn: Turn<'_>, msg: &Message) -> HandlerResult {
    if !super::in_private(turn, msg, "broadcast-private-only").await? {
        return Ok(());
    }
    go(turn, Target::Chat(msg.chat.id), BroadcastStep::Audience, BroadcastDraft::default()).await
}

async fn go(turn: Turn<'_>, target: Target<'_>, step: BroadcastStep, draft: BroadcastDraft) -> HandlerResult {
    let screen = screen(turn.app, turn, step, &draft).await?;
    turn.dialogue.update(State::Broadcast { step, draft }).await?;
    show(turn.bot, turn.app, target, screen).await
}

async fn screen(
    app: &App,
    turn: Turn<'_>,
    step: BroadcastStep,
    draft: &BroadcastDraft,
) -> Result<Screen, crate::bot::HandlerError> {
    let lang = turn.lang();
    let press = |id: &str, p| button(app, lang, id, CallbackData::Broadcast(p));
    let cancel = vec![press("promo-cancel", BroadcastPress::Cancel)];
    Ok(match step {
        BroadcastStep::Audience => {
            let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
            for audience in Audience::ALL {
                let size = db::broadcasts::audience_size(&app.db, audience).await?;
                let label = app.texts.format(
                    lang,
                    &format!("broadcast-audience-{}", audience.as_str()),
                    &[("count", size.into())],
                );
                rows.push(vec![InlineKeyboardButton::callback(
                    label,
                    CallbackData::Broadcast(BroadcastPress::Audience(audience)).encode(),
                )]);
            }
            rows.push(cancel);
            Screen {
                text: app.texts.get(lang, "broadcast-ask-audience"),
                keyboard: InlineKeyboardMarkup::new(rows),
            }
        }
        BroadcastStep::Message => Screen {
            text: app.texts.get(lang, "broadcast-ask-message"),
            keyboard: InlineKeyboardMarkup::new([
                vec![button(app, lang, "booking-back", CallbackData::Back)],
                cancel,
            ]),
        },
        BroadcastStep::Preview => {
            let audience = draft.audience.unwrap_or(Audience::All);
            let size = db::broadcasts::audience_size(&app.db, audience).await?;
            Screen {
                text: app.texts.format(lang, "broadcast-preview", &[("count", size.into())]),
                keyboard: InlineKeyboardMarkup::new([
                    vec![press("broadcast-send", BroadcastPress::Send)],
                    vec![
                        button(app, lang, "booking-back", CallbackData::Back),
                        press("promo-cancel", BroadcastPress::Cancel),
                    ],
                ]),
            }
        }
    })
}

pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, mut draft): (BroadcastStep, BroadcastDraft),
) -> HandlerResult {
    if !app.settings.admin.is_admin(query.from.id) {
        return super::refuse(bot, query, data, app, guest).await;
    }
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let target = Target::Query(&query);
    let result = match (step, data) {
        (_, CallbackData::Broadcast(BroadcastPress::Cancel) | CallbackData::Menu) => {
            dialogue.exit().await?;
            let screen = Screen { text: turn.text("cancelled"), keyboard: InlineKeyboardMarkup::default() };
            show(&bot, &app, target, screen).await
        }
        (BroadcastStep::Message, CallbackData::Back) => {
            go(turn, target, BroadcastStep::Audience, draft).await
        }
        (BroadcastStep::Preview, CallbackData::Back) => go(turn, target, BroadcastStep::Message, draft).await,
        (BroadcastStep::Audience, CallbackData::Broadcast(BroadcastPress::Audience(audience))) => {
            draft.audience = Some(audience);
            go(turn, target, BroadcastStep::Message, draft).await
        }
        (BroadcastStep::Preview, CallbackData::Broadcast(BroadcastPress::Send)) => {
            send(turn, &query, draft).await
        }
        _ => go(turn, Target::Chat(turn.chat()), step, draft).await,
    };
    turn.recover(result).await
}

/// The broadcast and its recipients written; the progress message posted with Stop.
async fn send(turn: Turn<'_>, query: &CallbackQuery, draft: BroadcastDraft) -> HandlerResult {
    let (app, chat) = (turn.app, turn.chat());
    let audience = draft.audience.unwrap_or(Audience::All);
    let admin = i64::try_from(query.from.id.0).unwrap_or(i64::MAX);
    let mut tx = app.db.begin().await?;
    let started =
        db::broadcasts::start_in(&mut tx, admin, audience, (&draft.text, draft.photo.as_deref()), chat.0)
            .await;
    let (broadcast, count) = match started {
        Ok(started) => started,
        Err(DbError::Duplicate) => {
            turn.bot
                .send_message(chat, turn.text("broadcast-already-running"))
                .deliver(&app.telegram)
                .await?;
            return Ok(());
        }
        Err(other) => return Err(other.into()),
    };
    tx.commit().await?;
    tracing::info!(broadcast = broadcast.id, admin, count, audience = audience.as_str(), "broadcast started");
    turn.dialogue.exit().await?;
    let text = crate::broadcast::progress_text(app, &broadcast).await?;
    let progress = turn
        .bot
        .send_message(chat, text)
        .reply_markup(crate::broadcast::stop_keyboard(app, broadcast.id))
        .deliver(&app.telegram)
        .await?;
    db::broadcasts::set_progress_message(&app.db, broadcast.id, progress.id.0).await?;
    Ok(())
}

/// The message to send (text, or a photo with its caption); the preview shows it as guests will
/// see it, followed by the count and Send.
pub(in crate::bot) async fn on_message(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, mut draft): (BroadcastStep, BroadcastDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    if super::left_unless_admin(turn, &msg).await? {
        return Ok(());
    }
    let target = Target::Chat(msg.chat.id);
    if step != BroadcastStep::Message {
        bot.send_message(msg.chat.id, turn.text("booking-use-buttons")).deliver(&app.telegram).await?;
        return Ok(());
    }
    let photo = msg
        .photo()
        .and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
        .map(|p| p.file.id.0.clone());
    let text = msg.text().or(msg.caption()).unwrap_or_default().trim().to_owned();
    let too_long = if photo.is_some() { text.chars().count() > 1024 } else { text.chars().count() > 4096 };
    if (photo.is_none() && text.is_empty()) || too_long {
        let id = if too_long { "broadcast-too-long" } else { "broadcast-text-or-photo" };
        bot.send_message(msg.chat.id, turn.text(id)).deliver(&app.telegram).await?;
        return Ok(());
    }
    draft.text = text;
    draft.photo = photo;
    // The preview: the message exactly as it will go out.
    crate::broadcast::send_content(&bot, &app, msg.chat.id, &draft.text, draft.photo.as_deref()).await?;
    let outcome = go(turn, target, BroadcastStep::Preview, draft).await;
    turn.recover(outcome).await
}

/// Stop on the progress message (any state): the broadcast ends before its next message.
pub(in crate::bot) async fn on_stop(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    let CallbackData::Broadcast(BroadcastPress::Stop(id)) = data else { return Ok(()) };
    let stopped = db::broadcasts::finish(&app.db, id, "cancelled").await?;
    tracing::info!(broadcast = id, admin = query.from.id.0, stopped, "broadcast stop pressed");
    let answer = if stopped { "broadcast-stopped" } else { "broadcast-not-running" };
    bot.answer_callback_query(query.id.clone())
        .text(app.texts.get(guest.lang, answer))
        .quietly(&app.telegram)
        .await;
    Ok(())
}
