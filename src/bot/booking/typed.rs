//! Messages inside the wizard: the text steps (comment, promo code, transfer address, contact),
//! the receipt on the payment screen, and everything sent where it does not fit — each answered
//! with what the step expects and the step shown again, the draft untouched.

use teloxide::prelude::*;

use super::{AppliedPromo, Draft, Step, Turn, hold, hold::Receipt, layout::Target};
use crate::{
    app::{App, AppRef},
    bot::{BotDialogue, HandlerResult, guest::Guest},
    db::promos::{self, PromoError},
    domain::{
        contact::Contact,
        promo::PromoUse,
        stay_options::{AddressError, transfer_address},
    },
};

/// Longest comment kept (Telegram allows 4096 per message; the admin caption has to carry it).
pub const COMMENT_CHARS: usize = 1000;

pub async fn on_message(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, Draft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    turn.recover(typed(turn, &msg, step, draft).await).await
}

async fn typed(turn: Turn<'_>, msg: &Message, step: Step, mut draft: Draft) -> HandlerResult {
    let Turn { bot, app, guest, dialogue } = turn;
    let lang = guest.lang;
    let target = Target::Chat(msg.chat.id);
    let again = |notice: &'static str, draft: Draft| turn.go(target, step, draft, Some(notice));
    if step == Step::Payment {
        return match (hold::receipt_file(msg), draft.booking_id, guest.user_id) {
            (Receipt::File(file, kind), Some(booking), Some(owner)) => {
                // Leave the wizard only once the receipt is recorded: a failure keeps the payment
                // step, and the guest sends it again.
                hold::take_receipt(bot, msg, app, lang, owner, booking, (file, kind)).await?;
                dialogue.exit().await?;
                Ok(())
            }
            (Receipt::WrongFile, _, _) => again("receipt-wrong-file", draft).await,
            (Receipt::None, _, _) => again("receipt-expected", draft).await,
            // The database was unreachable when the update came in: the guest may retry.
            (Receipt::File(..), Some(_), None) => Err(crate::bot::HandlerError::GuestUnknown),
            (Receipt::File(..), None, _) => {
                Err(crate::bot::HandlerError::Draft("payment step without a booking".into()))
            }
        };
    }
    if !step.takes_text() {
        return again("booking-use-buttons", draft).await;
    }
    // A contact shared with Telegram's button counts as typed.
    let shared = msg.contact().map(|c| c.phone_number.clone());
    let Some(text) = msg.text().or(shared.as_deref().filter(|_| step == Step::Contact)).map(str::trim) else {
        return again("booking-text-expected", draft).await;
    };
    if text.starts_with('/') {
        // Known commands were handled before; this one is a typo, not a comment or a code.
        return again("booking-unknown-command", draft).await;
    }
    let next = |draft: Draft| {
        let rules = draft.tariff.map(|id| &app.catalog.tariff(id).rules);
        rules.map_or(Step::Tariff, |rules| step.after(rules, &draft))
    };
    match step {
        Step::GiftCode => {
            let Some(user_id) = guest.user_id else { return Err(crate::bot::HandlerError::GuestUnknown) };
            let who = (turn.chat().0, user_id);
            match super::gift_code::check(app, lang, who, &draft, text).await? {
                Ok((draft, accepted)) => {
                    turn.go_under(target, next(draft.clone()), draft, Some(accepted)).await
                }
                Err(refusal) => turn.go_under(target, step, draft, Some(refusal)).await,
            }
        }
        Step::Comment => {
            if text.chars().count() > COMMENT_CHARS {
                return again("booking-comment-too-long", draft).await;
            }
            draft.comment = (!text.is_empty()).then(|| text.to_owned());
            turn.go(target, next(draft.clone()), draft, None).await
        }
        Step::Promo => match check_promo(app, &draft, text).await? {
            Ok(promo) => {
                draft.promo = Some(promo);
                turn.go(target, next(draft.clone()), draft, Some("promo-applied")).await
            }
            Err(reason) => again(reason, draft).await,
        },
        Step::Transfer => match transfer_address(text) {
            Ok(address) => {
                draft.transfer = Some(address);
                turn.go(target, next(draft.clone()), draft, None).await
            }
            Err(AddressError::TooShort) => again("transfer-too-short", draft).await,
            Err(AddressError::TooLong) => again("transfer-too-long", draft).await,
        },
        // The staff taking a booking by hand type the guest's name too.
        Step::Contact => {
            match if draft.by_hand.is_some() { Contact::parse_named(text) } else { Contact::parse(text) } {
                Ok(contact) => {
                    draft.contact = Some(contact.as_str().to_owned());
                    hold::place(turn, target, draft).await
                }
                Err(error) => again(crate::bot::wording::contact_error(error), draft).await,
            }
        }
        _ => again("booking-use-buttons", draft).await,
    }
}

/// Checks a typed code for this draft without spending it (the use is counted by the hold).
pub(super) async fn check_promo(
    app: &App,
    draft: &Draft,
    code: &str,
) -> Result<Result<AppliedPromo, &'static str>, crate::bot::HandlerError> {
    let (Some(tariff), Some(start)) = (draft.tariff, draft.start) else {
        return Err(crate::bot::HandlerError::Draft("promo step before the dates".into()));
    };
    let clock = app.clock();
    let usage = PromoUse {
        tariff,
        stay_start: clock.local(start).date(),
        today: clock.today(),
        horizon_end: clock.horizon_end(),
    };
    Ok(match promos::check(&app.db, code, usage).await? {
        Ok((promo, percent)) => Ok(AppliedPromo { id: promo.id, code: promo.code, percent }),
        Err(PromoError::NotFound) => Err("promo-not-found"),
        Err(PromoError::Rejected(rejection)) => Err(crate::bot::wording::promo_rejection(rejection)),
    })
}
