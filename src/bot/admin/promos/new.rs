//! `/promo_new` (SPEC §6, reference §2.9), in an admin's private chat: code (typed or generated)
//! → kind (booking dates · usage dates) → validity window → discount 1–100 % → tariffs
//! (multi-select, or all) → maximum uses (or unlimited) → summary → Create. Every typed value is
//! checked (`domain::promo_input`) and explained; Back and Cancel on every step; an active code
//! of the same name is refused at the code step and again by the database on Create.

use serde::{Deserialize, Serialize};
use teloxide::prelude::*;

use super::screens;
use crate::{
    bot::{
        BotDialogue, HandlerResult, State,
        callback::{CallbackData, PromoPress},
        guest::Guest,
        layout::{Target, show},
        turn::Turn,
    },
    db::{self, DbError, promos::NewPromo},
    domain::{
        codes::random_code,
        promo::PromoKind,
        promo_input::{self, PromoInputError},
        tariff::TariffId,
    },
    telegram::Deliver,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromoStep {
    Code,
    Kind,
    Dates,
    Percent,
    Tariffs,
    MaxUses,
    Confirm,
}

impl PromoStep {
    const ORDER: [PromoStep; 7] = [
        PromoStep::Code,
        PromoStep::Kind,
        PromoStep::Dates,
        PromoStep::Percent,
        PromoStep::Tariffs,
        PromoStep::MaxUses,
        PromoStep::Confirm,
    ];

    fn next(self) -> PromoStep {
        let i = Self::ORDER.iter().position(|s| *s == self).unwrap_or(0);
        Self::ORDER.get(i + 1).copied().unwrap_or(self)
    }

    fn before(self) -> Option<PromoStep> {
        let i = Self::ORDER.iter().position(|s| *s == self)?;
        i.checked_sub(1).map(|i| Self::ORDER[i])
    }
}

/// The code being created. `tariffs` empty means every tariff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromoDraft {
    pub code: Option<String>,
    pub kind: Option<PromoKind>,
    pub window: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub percent: Option<u32>,
    pub tariffs: Vec<TariffId>,
    pub max_uses: Option<UseLimit>,
}

/// The answer to "how many uses?" (an enum, not `Option<Option<_>>`, whose "unlimited" would
/// read back from the stored JSON as "not answered yet").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UseLimit {
    Unlimited,
    AtMost(u32),
}

impl UseLimit {
    #[must_use]
    pub fn max(self) -> Option<u32> {
        match self {
            UseLimit::Unlimited => None,
            UseLimit::AtMost(n) => Some(n),
        }
    }
}

/// `/promo_new`: in private only (the steps take typed answers, which a bot in a group does not
/// receive unless they reply to it).
pub(in crate::bot::admin) async fn command(turn: Turn<'_>, msg: &Message) -> HandlerResult {
    if !super::super::in_private(turn, msg, "promo-new-private-only").await? {
        return Ok(());
    }
    go(turn, Target::Chat(msg.chat.id), PromoStep::Code, PromoDraft::default(), None).await
}

async fn go(
    turn: Turn<'_>,
    target: Target<'_>,
    step: PromoStep,
    draft: PromoDraft,
    notice: Option<&str>,
) -> HandlerResult {
    let screen = screens::step(turn.app, turn.lang(), step, &draft);
    turn.dialogue.update(State::PromoNew { step, draft }).await?;
    let notice = notice.map(|id| turn.text(id));
    crate::bot::layout::show_under(turn.bot, turn.app, target, turn.chat(), screen, notice).await
}

pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: crate::app::AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (PromoStep, PromoDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    // Only admins ever start this; one removed from `admin.user_ids` meanwhile is stopped here.
    if !app.settings.admin.is_admin(query.from.id) {
        return super::super::refuse(bot, query, data, app, guest).await;
    }
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let result = press(turn, &query, data, step, draft).await;
    turn.recover(result).await
}

async fn press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    data: CallbackData,
    step: PromoStep,
    mut draft: PromoDraft,
) -> HandlerResult {
    let target = Target::Query(query);
    let next = |draft| go(turn, target, step.next(), draft, None);
    match (step, data) {
        (_, CallbackData::Promo(PromoPress::Cancel) | CallbackData::Menu) => {
            leave(turn, target, "cancelled").await
        }
        (_, CallbackData::Back) => match step.before() {
            Some(previous) => go(turn, target, previous, draft, None).await,
            None => leave(turn, target, "cancelled").await,
        },
        (PromoStep::Code, CallbackData::Promo(PromoPress::Generate)) => {
            draft.code = Some(format!("promo-{}", random_code(&mut rand::rng(), 6)));
            next(draft).await
        }
        (PromoStep::Kind, CallbackData::Promo(PromoPress::Kind(kind))) => {
            draft.kind = Some(kind);
            next(draft).await
        }
        (PromoStep::Tariffs, CallbackData::Promo(PromoPress::Tariff(id))) => {
            match draft.tariffs.iter().position(|t| *t == id) {
                Some(i) => {
                    draft.tariffs.remove(i);
                }
                None => draft.tariffs.push(id),
            }
            go(turn, target, step, draft, None).await
        }
        (PromoStep::Tariffs, CallbackData::Promo(PromoPress::AllTariffs)) => {
            draft.tariffs.clear();
            next(draft).await
        }
        (PromoStep::Tariffs, CallbackData::Promo(PromoPress::TariffsDone)) if draft.tariffs.is_empty() => {
            go(turn, target, step, draft, Some("promo-no-tariffs")).await
        }
        (PromoStep::Tariffs, CallbackData::Promo(PromoPress::TariffsDone)) => next(draft).await,
        (PromoStep::MaxUses, CallbackData::Promo(PromoPress::Unlimited)) => {
            draft.max_uses = Some(UseLimit::Unlimited);
            next(draft).await
        }
        (PromoStep::Confirm, CallbackData::Promo(PromoPress::Create)) => create(turn, target, draft).await,
        _ => go(turn, target, step, draft, Some("button-outdated-step")).await,
    }
}

/// Writes the code. A name taken meanwhile sends the admin back to the code step.
async fn create(turn: Turn<'_>, target: Target<'_>, draft: PromoDraft) -> HandlerResult {
    let (Some(code), Some(kind), Some((valid_from, valid_to)), Some(percent), Some(max_uses)) =
        (draft.code.clone(), draft.kind, draft.window, draft.percent, draft.max_uses)
    else {
        return Err(crate::bot::HandlerError::Draft("a promo summary without every answer".into()));
    };
    let new = NewPromo {
        code,
        kind,
        valid_from,
        valid_to,
        discount_percent: percent,
        tariffs: (!draft.tariffs.is_empty()).then(|| draft.tariffs.clone()),
        max_uses: max_uses.max(),
        created_by: Some(turn.chat().0),
    };
    match db::promos::create(&turn.app.db, &new).await {
        Ok(promo) => {
            tracing::info!(admin = turn.chat().0, promo = promo.id, "promo code created");
            turn.dialogue.exit().await?;
            let text = turn.app.texts.format(turn.lang(), "promo-created", &[("code", promo.code.into())]);
            turn.bot.send_message(turn.chat(), text).deliver(&turn.app.telegram).await?;
            Ok(())
        }
        Err(DbError::Duplicate) => {
            go(turn, target, PromoStep::Code, PromoDraft { code: None, ..draft }, Some("promo-code-taken"))
                .await
        }
        Err(other) => Err(other.into()),
    }
}

async fn leave(turn: Turn<'_>, target: Target<'_>, notice: &str) -> HandlerResult {
    turn.dialogue.exit().await?;
    let screen = crate::bot::layout::Screen {
        text: turn.text(notice),
        keyboard: teloxide::types::InlineKeyboardMarkup::default(),
    };
    show(turn.bot, turn.app, target, screen).await
}

/// A typed answer on a text step; anything else is explained and the step shown again.
pub(in crate::bot) async fn on_message(
    bot: Bot,
    msg: Message,
    app: crate::app::AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (PromoStep, PromoDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    if super::super::left_unless_admin(turn, &msg).await? {
        return Ok(());
    }
    let result = typed(turn, &msg, step, draft).await;
    turn.recover(result).await
}

async fn typed(turn: Turn<'_>, msg: &Message, step: PromoStep, mut draft: PromoDraft) -> HandlerResult {
    let target = Target::Chat(msg.chat.id);
    let again = |notice: &'static str, draft| go(turn, target, step, draft, Some(notice));
    let Some(text) = msg.text() else { return again("booking-text-expected", draft).await };
    let today = turn.app.clock().today();
    let checked = match step {
        PromoStep::Code => match promo_input::code(text) {
            Ok(code) if db::promos::find_active(&turn.app.db, &code).await?.is_some() => {
                return again("promo-code-taken", draft).await;
            }
            Ok(code) => {
                draft.code = Some(code);
                Ok(())
            }
            Err(error) => Err(error),
        },
        PromoStep::Dates => promo_input::window(text, today).map(|w| draft.window = Some(w)),
        PromoStep::Percent => promo_input::percent(text).map(|p| draft.percent = Some(p)),
        PromoStep::MaxUses => promo_input::max_uses(text).map(|n| draft.max_uses = Some(UseLimit::AtMost(n))),
        PromoStep::Kind | PromoStep::Tariffs | PromoStep::Confirm => {
            return again("booking-use-buttons", draft).await;
        }
    };
    match checked {
        Ok(()) => go(turn, target, step.next(), draft, None).await,
        Err(error) => again(input_error(error), draft).await,
    }
}

fn input_error(error: PromoInputError) -> &'static str {
    match error {
        PromoInputError::BadCode => "promo-bad-code",
        PromoInputError::BadDates => "promo-bad-dates",
        PromoInputError::DatesReversed => "promo-dates-reversed",
        PromoInputError::DatesPast => "promo-dates-past",
        PromoInputError::BadPercent => "promo-bad-percent",
        PromoInputError::BadMaxUses => "promo-bad-max-uses",
    }
}
