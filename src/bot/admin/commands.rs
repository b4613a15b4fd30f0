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
    /// Open bookings by filter, each with its details and actions.
    Bookings,
    /// The key-box code: shown masked, changed (in a private chat).
    Keybox,
    /// Bookings, revenue, occupancy, users, gifts and promo codes for a period.
    Stats,
    /// Create a promo code step by step (in a private chat).
    #[command(rename = "promo_new")]
    PromoNew,
    /// The active promo codes, with Deactivate.
    #[command(rename = "promo_list")]
    PromoList,
    /// A message to all guests, or those with or without bookings (in a private chat).
    Broadcast,
    /// Take a booking by hand: a phone or walk-in guest (in a private chat).
    #[command(rename = "add_booking")]
    AddBooking,
    /// Closed dates: list, open again, close new ones (in a private chat).
    Block,
}

/// The admins' commands and their texts: the one list behind their command menu.
pub const ADMIN_COMMANDS: [(&str, &str); 9] = [
    ("pending", "admin-command-pending"),
    ("bookings", "admin-command-bookings"),
    ("keybox", "admin-command-keybox"),
    ("stats", "admin-command-stats"),
    ("promo_new", "admin-command-promo-new"),
    ("promo_list", "admin-command-promo-list"),
    ("broadcast", "admin-command-broadcast"),
    ("add_booking", "admin-command-add-booking"),
    ("block", "admin-command-block"),
];

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
    dialogue: super::super::BotDialogue,
) -> HandlerResult {
    match command {
        AdminCommand::Pending => pending(&bot, &msg, &app, guest.lang).await,
        AdminCommand::Bookings => super::bookings::command(&bot, &msg, &app, guest.lang).await,
        AdminCommand::Keybox => super::keybox::show(&bot, &msg, &app, guest.lang).await,
        AdminCommand::Stats => super::stats::command(&bot, &msg, &app, guest.lang).await,
        AdminCommand::PromoNew => {
            let turn = super::super::turn::Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
            super::promos::new::command(turn, &msg).await
        }
        AdminCommand::PromoList => super::promos::list::command(&bot, &msg, &app, guest.lang).await,
        AdminCommand::Broadcast => {
            let turn = super::super::turn::Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
            super::broadcast::command(turn, &msg).await
        }
        AdminCommand::AddBooking => {
            let turn = super::super::turn::Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
            super::calendar::add_booking(turn, &msg).await
        }
        AdminCommand::Block => {
            let turn = super::super::turn::Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
            super::calendar::block(turn, &msg).await
        }
    }
}

/// `/pending`: each booking awaiting approval gets its approval message (receipt, booking,
/// buttons — or the nothing-owed text) again in this chat, and so does each gift certificate
/// purchase awaiting a decision — for a receipt that reached no one while the admin chat was
/// misconfigured, or one buried in the chat. Sent through the outbox like the originals.
async fn pending(bot: &Bot, msg: &Message, app: &App, lang: Lang) -> HandlerResult {
    let waiting =
        db::bookings::list_by_status(&app.db, &[BookingStatus::AwaitingApproval], PENDING_AT_ONCE, 0).await?;
    let gifts = db::gifts::awaiting_approval(&app.db, PENDING_AT_ONCE).await?;
    let count = waiting.len() + gifts.len();
    let text = if count == 0 {
        app.texts.get(lang, "admin-pending-none")
    } else {
        queue_approvals(app, msg.chat.id, &waiting, &gifts).await?;
        app.outbox_waker.notify_one();
        app.texts.format(lang, "admin-pending", &[("count", count.into())])
    };
    bot.send_message(msg.chat.id, text).deliver(&app.telegram).await?;
    Ok(())
}

async fn queue_approvals(
    app: &App,
    chat: ChatId,
    bookings: &[db::bookings::Booking],
    gifts: &[db::gifts::Gift],
) -> Result<(), DbError> {
    let mut tx = app.db.begin().await?;
    for booking in bookings {
        let owner = db::users::owner(&mut *tx, booking.owner_id).await?;
        let notices = match booking.receipt_file_id.as_deref().zip(booking.receipt_kind) {
            Some(file) => approval::receipt_notices(app, booking, owner.as_ref(), chat.0, None, file),
            // Nothing was owed (a certificate or a 100 % code): the approval text without a receipt.
            None => vec![approval::no_payment_notice(app, booking, owner.as_ref(), chat.0)],
        };
        for notice in notices {
            db::outbox::enqueue(&mut tx, &notice).await?;
        }
    }
    for gift in gifts {
        let buyer = db::users::by_id(&mut *tx, gift.buyer_id).await?;
        db::outbox::enqueue(&mut tx, &super::gifts::purchase_notice(app, gift, buyer.as_ref(), chat.0))
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_menu_lists_every_admin_command() {
        let parsed: Vec<String> = AdminCommand::bot_commands()
            .into_iter()
            .map(|c| c.command.trim_start_matches('/').to_owned())
            .collect();
        let listed: Vec<&str> = ADMIN_COMMANDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(parsed, listed);
    }
}
