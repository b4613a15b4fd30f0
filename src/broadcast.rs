//! The broadcast sender (SPEC §6, fixes the original's P2: a broadcast froze the bot for every
//! guest). A background task, apart from the dispatcher, sends the running broadcast one
//! recipient at a time through the shared pacer — so guest replies interleave and Telegram's
//! limits (≈ 25 messages a second overall, `retry_after`) hold — and edits its progress into the
//! admin's message every few seconds. Each recipient is marked before the send and given its
//! outcome after: a restart resumes where it stopped and nobody gets the message twice. A
//! blocked bot marks the user inactive. Stop (the admin's button) ends it between two messages.

use std::time::{Duration, Instant};

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId},
};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::{
    app::{App, AppRef},
    bot::callback::CallbackData,
    db::{self, DbResult, broadcasts::Broadcast},
    i18n::Lang,
    periodic::{First, spawn_every},
    telegram::{Deliver, staff::is_unreachable},
};

/// How often the task looks for a running broadcast (one just confirmed starts within this).
const LOOK_EVERY: Duration = Duration::from_secs(2);
/// How often the admin's progress message is edited.
const PROGRESS_EVERY: Duration = Duration::from_secs(3);

pub fn spawn(bot: Bot, app: AppRef, stop: CancellationToken) -> JoinHandle<()> {
    let inner_stop = stop.clone();
    spawn_every(LOOK_EVERY, First::Now, stop, move || {
        let (bot, app, stop) = (bot.clone(), app.clone(), inner_stop.clone());
        async move {
            if let Err(error) = send_running(&bot, &app, &stop).await {
                tracing::error!(%error, "broadcast sending failed; resumed on the next look");
            }
        }
    })
}

/// Sends the running broadcast, if any, until it is done, stopped, or the process stops.
pub async fn send_running(bot: &Bot, app: &App, stop: &CancellationToken) -> DbResult<()> {
    let Some(broadcast) = db::broadcasts::running(&app.db).await? else { return Ok(()) };
    let interrupted = db::broadcasts::close_interrupted(&app.db, broadcast.id).await?;
    if interrupted > 0 {
        tracing::warn!(
            broadcast = broadcast.id,
            interrupted,
            "recipients left mid-send by a stop: not sent again"
        );
    }
    tracing::info!(broadcast = broadcast.id, "broadcast sending");
    let mut shown = Instant::now();
    loop {
        if stop.is_cancelled() {
            return Ok(());
        }
        // Nothing left to take: all tried, or stopped by the admin meanwhile.
        let Some((user_id, chat_id)) = db::broadcasts::take_next(&app.db, broadcast.id).await? else { break };
        let outcome = match send_one(bot, app, &broadcast, ChatId(chat_id)).await {
            Ok(()) => "sent",
            Err(error) if is_unreachable(&error) => "blocked",
            Err(error) => {
                tracing::warn!(broadcast = broadcast.id, user_id, %error, "a broadcast message failed");
                "failed"
            }
        };
        let mut conn = app.db.acquire().await?;
        db::broadcasts::record_outcome(&mut conn, broadcast.id, user_id, outcome).await?;
        if shown.elapsed() >= PROGRESS_EVERY {
            show_progress(bot, app, &broadcast, false).await?;
            shown = Instant::now();
        }
    }
    // `finish` only ends a running one: a stopped broadcast stays "cancelled".
    db::broadcasts::finish(&app.db, broadcast.id, "done").await?;
    let done = db::broadcasts::progress(&app.db, broadcast.id).await?;
    tracing::info!(
        broadcast = broadcast.id,
        sent = done.sent,
        blocked = done.blocked,
        failed = done.failed,
        "broadcast done"
    );
    show_progress(bot, app, &broadcast, true).await
}

async fn send_one(
    bot: &Bot,
    app: &App,
    broadcast: &Broadcast,
    chat: ChatId,
) -> Result<(), teloxide::RequestError> {
    send_content(bot, app, chat, &broadcast.body, broadcast.photo_file_id.as_deref()).await
}

/// A broadcast's content to one chat: the text, or the photo with its caption. The admin's text
/// goes as typed (no parse mode), so nothing in it can break the markup. Also the preview.
pub async fn send_content(
    bot: &Bot,
    app: &App,
    chat: ChatId,
    text: &str,
    photo: Option<&str>,
) -> Result<(), teloxide::RequestError> {
    match photo {
        Some(photo) => {
            let mut request = bot.send_photo(chat, InputFile::file_id(photo.to_owned().into()));
            if !text.is_empty() {
                request = request.caption(text.to_owned());
            }
            request.deliver(&app.telegram).await.map(drop)
        }
        None => bot.send_message(chat, text.to_owned()).deliver(&app.telegram).await.map(drop),
    }
}

/// Edits the admin's progress message: counts, and Stop while it runs.
async fn show_progress(bot: &Bot, app: &App, broadcast: &Broadcast, finished: bool) -> DbResult<()> {
    let Some(current) = db::broadcasts::get(&app.db, broadcast.id).await? else { return Ok(()) };
    let Some(message) = current.progress_message_id else { return Ok(()) };
    let text = progress_text(app, &current).await?;
    let mut request = bot.edit_message_text(ChatId(current.progress_chat_id), MessageId(message), text);
    if !finished {
        request = request.reply_markup(stop_keyboard(app, current.id));
    }
    if let Err(error) = request.deliver(&app.telegram).await {
        tracing::debug!(%error, "progress not redrawn");
    }
    Ok(())
}

/// "Broadcast #3 (all): 120 of 1000 sent, 2 blocked, 0 failed" and how it stands.
pub async fn progress_text(app: &App, broadcast: &Broadcast) -> DbResult<String> {
    let p = db::broadcasts::progress(&app.db, broadcast.id).await?;
    let lang = Lang::default();
    Ok(app.texts.format(
        lang,
        "broadcast-progress",
        &[
            ("id", broadcast.id.into()),
            ("status", broadcast.status.clone().into()),
            ("sent", p.sent.into()),
            ("total", p.total.into()),
            ("blocked", p.blocked.into()),
            ("failed", p.failed.into()),
        ],
    ))
}

pub fn stop_keyboard(app: &App, id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        app.texts.get(Lang::default(), "broadcast-stop"),
        CallbackData::Broadcast(crate::bot::callback::BroadcastPress::Stop(id)).encode(),
    )]])
}
