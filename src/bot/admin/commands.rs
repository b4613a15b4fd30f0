//! The admins' own commands: a branch of `schema()` that only users in `admin.user_ids` reach
//! (in private or in the admin chat); anyone else's `/pending` is an unknown command like any
//! other. Registered in Telegram's command menu only for the admins' chats (`startup`).

use teloxide::{prelude::*, utils::command::BotCommands};

use super::super::{HandlerResult, approval, guest::Guest};
use crate::{
    app::{App, AppRef},
    db::{self, DbError},
    domain::booking::BookingStatus,
    i18n::Lang,
    telegram::Deliver,
};

#[derive(Debug, Clone, PartialEq, Eq, BotCommands)]
#[command(rename_rule = "lowercase")]
pub enum AdminCommand {
    /// The bookings waiting for a decision, their approval messages again.
    Pending,
    /// The key-box code: shown masked, changed (in a private chat).
    Keybox,
}

/// The admins' commands and their texts: the one list behind their command menu.
pub const ADMIN_COMMANDS: [(&str, &str); 2] =
    [("pending", "admin-command-pending"), ("keybox", "admin-command-keybox")];

/// At most this many approval messages are sent again at once.
const PENDING_AT_ONCE: i64 = 20;

/// Whether a message comes from an admin (the branch's filter).
pub(in crate::bot) fn from_admin(msg: &Message, app: &App) -> bool {
    msg.from.as_ref().is_some_and(|user| app.settings.admin.is_admin(user.id))
}

pub(in crate::bot) async fn on_command(
    bot: Bot,
    msg: Message,
    command: AdminCommand,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    match command {
        AdminCommand::Pending => pending(&bot, &msg, &app, guest.lang).await,
        AdminCommand::Keybox => super::keybox::show(&bot, &msg, &app, guest.lang).await,
    }
}

/// `/pending`: each booking awaiting approval gets its approval message (receipt, booking,
/// buttons) again in this chat — for a receipt that reached no one while the admin chat was
/// misconfigured, or one buried in the chat. Sent through the outbox like the originals.
async fn pending(bot: &Bot, msg: &Message, app: &App, lang: Lang) -> HandlerResult {
    let waiting =
        db::bookings::list_by_status(&app.db, &[BookingStatus::AwaitingApproval], PENDING_AT_ONCE, 0).await?;
    let text = if waiting.is_empty() {
        app.texts.get(lang, "admin-pending-none")
    } else {
        queue_approvals(app, msg.chat.id, &waiting).await?;
        app.outbox_waker.notify_one();
        app.texts.format(lang, "admin-pending", &[("count", waiting.len().into())])
    };
    bot.send_message(msg.chat.id, text).deliver(&app.telegram).await?;
    Ok(())
}

async fn queue_approvals(app: &App, chat: ChatId, bookings: &[db::bookings::Booking]) -> Result<(), DbError> {
    let mut tx = app.db.begin().await?;
    for booking in bookings {
        let Some((file, kind)) = booking.receipt_file_id.as_deref().zip(booking.receipt_kind) else {
            continue;
        };
        let owner = db::users::by_id(&mut *tx, booking.owner_id).await?;
        for notice in approval::receipt_notices(app, booking, owner.as_ref(), chat.0, None, (file, kind)) {
            db::outbox::enqueue(&mut tx, &notice).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
