//! The after-stay questionnaire (SPEC §2.9, reference §1.12): opened by the completion job's
//! "Leave feedback" button, only by the booking's owner, once per booking. Six ratings 1–10 (buttons)
//! then three optional texts (≤ 1000 characters, Skip), Back between questions, the answers kept
//! in `State::Feedback` (a restart continues). On the last answer the feedback, its audit row, the
//! admins' notice and the guest's personal promo code (10 %, 90 days, single use, a CSPRNG name)
//! are committed together; the database keeps it to one per booking.

use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
    utils::html,
};

use super::{
    BotDialogue, HandlerError, HandlerResult, State,
    callback::{CallbackData, FeedbackPress},
    guest::Guest,
    layout::{Screen, Target, footer, show},
    menu,
    own_bookings::{answer, outdated},
    turn::Turn,
};
use crate::{
    app::{App, AppRef},
    db::{
        self, DbError,
        bookings::Booking,
        feedback::NewFeedback,
        promos::{NewPromo, Promo},
    },
    domain::{
        booking::{Actor, BookingStatus},
        codes::random_code,
        promo::PromoKind,
    },
    i18n::Lang,
    telegram::Deliver,
};

/// The longest text answer kept (the database's limit too).
pub const TEXT_CHARS: usize = 1000;
/// The reward: this discount, usable this long, once.
const REWARD_PERCENT: u32 = 10;
const REWARD_DAYS: i64 = 90;

/// The answers so far; the question asked next follows from how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackDraft {
    pub booking: i64,
    pub ratings: Vec<u8>,
    pub texts: Vec<Option<String>>,
}

/// The question the draft waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    Rating(u8),
    Text(u8),
}

impl FeedbackDraft {
    fn question(&self) -> Question {
        match u8::try_from(self.ratings.len()).unwrap_or(u8::MAX) {
            n if n < FeedbackPress::RATINGS => Question::Rating(n),
            _ => Question::Text(u8::try_from(self.texts.len()).unwrap_or(u8::MAX)),
        }
    }

    /// Back: the last answer taken away. `false` on the first question.
    fn back(&mut self) -> bool {
        self.texts.pop().is_some() || self.ratings.pop().is_some()
    }
}

/// Whether `booking` can get feedback from its owner now.
fn open_for_feedback(booking: &Booking) -> bool {
    let finished = booking.status == BookingStatus::Completed
        || (booking.status == BookingStatus::Confirmed && booking.ends_at <= Utc::now());
    finished && !booking.feedback_submitted
}

/// "Leave feedback" pressed (`Mine::Feedback`): the first question, if the booking is the
/// presser's and waits for feedback.
pub(super) async fn begin(turn: Turn<'_>, query: &CallbackQuery, owner: i64, id: i64) -> HandlerResult {
    let booking = match db::bookings::get_owned(&turn.app.db, id, owner).await {
        Ok(booking) => booking,
        Err(DbError::NotFound) => return outdated(turn, query).await,
        Err(other) => return Err(other.into()),
    };
    if booking.feedback_submitted {
        return already_left(turn, query).await;
    }
    if !open_for_feedback(&booking) {
        return outdated(turn, query).await;
    }
    answer(turn, query).await;
    go(turn, Target::Query(query), FeedbackDraft { booking: id, ..FeedbackDraft::default() }, None).await
}

async fn already_left(turn: Turn<'_>, query: &CallbackQuery) -> HandlerResult {
    let text = turn.text("feedback-already");
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(text)
        .show_alert(true)
        .quietly(&turn.app.telegram)
        .await;
    Ok(())
}

/// Stores the draft and shows its question, optionally under a notice.
async fn go(turn: Turn<'_>, target: Target<'_>, draft: FeedbackDraft, notice: Option<&str>) -> HandlerResult {
    let mut screen = screen(turn.app, turn.lang(), &draft);
    turn.dialogue.update(State::Feedback { draft }).await?;
    if let Some(id) = notice {
        screen.text = format!("{}\n\n{}", turn.text(id), screen.text);
    }
    let target = if notice.is_some() { Target::Chat(turn.chat()) } else { target };
    show(turn.bot, turn.app, target, screen).await
}

fn screen(app: &App, lang: Lang, draft: &FeedbackDraft) -> Screen {
    let total = FeedbackPress::RATINGS + FeedbackPress::TEXTS;
    let (number, id, rows) = match draft.question() {
        Question::Rating(question) => {
            let button = |score: u8| {
                let data = CallbackData::Feedback(FeedbackPress::Rate { question, score });
                InlineKeyboardButton::callback(score.to_string(), data.encode())
            };
            let rows = vec![(1..=5).map(button).collect(), (6..=10).map(button).collect()];
            (question + 1, format!("feedback-rating-{question}"), rows)
        }
        Question::Text(question) => {
            let skip = CallbackData::Feedback(FeedbackPress::Skip { question });
            let rows = vec![vec![InlineKeyboardButton::callback(
                app.texts.get(lang, "booking-skip"),
                skip.encode(),
            )]];
            (FeedbackPress::RATINGS + question + 1, format!("feedback-text-{question}"), rows)
        }
    };
    let head = app.texts.format(lang, "feedback-head", &[("n", number.into()), ("total", total.into())]);
    let text = format!("{head}\n{}", app.texts.get(lang, &id));
    Screen { text, keyboard: InlineKeyboardMarkup::new(rows.into_iter().chain([footer(app, lang, true)])) }
}

/// A press while answering.
pub async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    draft: FeedbackDraft,
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = press(turn, &query, data, draft).await;
    turn.settle(&query, result).await
}

async fn press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    data: CallbackData,
    mut draft: FeedbackDraft,
) -> HandlerResult {
    let target = Target::Query(query);
    match (draft.question(), data) {
        (_, CallbackData::Noop) => {
            answer(turn, query).await;
            Ok(())
        }
        (_, CallbackData::Menu) => {
            answer(turn, query).await;
            turn.dialogue.exit().await?;
            let (app, lang) = (turn.app, turn.lang());
            let screen =
                Screen { text: menu::welcome_text(app, lang, None), keyboard: menu::keyboard(app, lang) };
            show(turn.bot, app, target, screen).await
        }
        (_, CallbackData::Back) => {
            answer(turn, query).await;
            if draft.back() {
                go(turn, target, draft, None).await
            } else {
                turn.dialogue.exit().await?;
                let (app, lang) = (turn.app, turn.lang());
                let screen =
                    Screen { text: menu::welcome_text(app, lang, None), keyboard: menu::keyboard(app, lang) };
                show(turn.bot, app, target, screen).await
            }
        }
        (Question::Rating(asked), CallbackData::Feedback(FeedbackPress::Rate { question, score }))
            if asked == question =>
        {
            answer(turn, query).await;
            draft.ratings.push(score);
            go(turn, target, draft, None).await
        }
        (Question::Text(asked), CallbackData::Feedback(FeedbackPress::Skip { question }))
            if asked == question =>
        {
            answer(turn, query).await;
            draft.texts.push(None);
            next_or_submit(turn, target, draft).await
        }
        _ => outdated_question(turn, query, draft).await,
    }
}

/// A button that is not for this question (or does not decode): "outdated", and the current
/// question again below; the answers so far are kept.
async fn outdated_question(turn: Turn<'_>, query: &CallbackQuery, draft: FeedbackDraft) -> HandlerResult {
    let text = turn.text("button-outdated-step");
    turn.bot.answer_callback_query(query.id.clone()).text(text).quietly(&turn.app.telegram).await;
    go(turn, Target::Query(query), draft, Some("button-outdated-step")).await
}

/// A button that does not decode while answering.
pub async fn on_unknown_callback(
    bot: Bot,
    query: CallbackQuery,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    draft: FeedbackDraft,
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = outdated_question(turn, &query, draft).await;
    turn.settle(&query, result).await
}

/// A message while answering: the text of a text question, or "use the buttons".
pub async fn on_message(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    mut draft: FeedbackDraft,
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let target = Target::Chat(msg.chat.id);
    let result = match (draft.question(), msg.text().map(str::trim)) {
        (Question::Rating(_), _) => go(turn, target, draft, Some("booking-use-buttons")).await,
        (Question::Text(_), None) => go(turn, target, draft, Some("booking-text-expected")).await,
        (Question::Text(_), Some(text)) if text.starts_with('/') => {
            go(turn, target, draft, Some("booking-unknown-command")).await
        }
        (Question::Text(_), Some(text)) if text.chars().count() > TEXT_CHARS => {
            go(turn, target, draft, Some("feedback-too-long")).await
        }
        (Question::Text(_), Some(text)) => {
            draft.texts.push((!text.is_empty()).then(|| text.to_owned()));
            next_or_submit(turn, target, draft).await
        }
    };
    turn.recover(result).await
}

async fn next_or_submit(turn: Turn<'_>, target: Target<'_>, draft: FeedbackDraft) -> HandlerResult {
    if draft.texts.len() < usize::from(FeedbackPress::TEXTS) {
        return go(turn, target, draft, None).await;
    }
    let Some(owner) = turn.guest.user_id else { return Err(HandlerError::GuestUnknown) };
    let (app, lang) = (turn.app, turn.lang());
    let notice = match submit(turn, owner, &draft).await {
        Ok(promo) => {
            app.outbox_waker.notify_one();
            tracing::info!(booking = draft.booking, "feedback left");
            let until = promo.valid_to.format("%d.%m.%Y").to_string();
            app.texts.format(lang, "feedback-thanks", &[("code", promo.code.into()), ("until", until.into())])
        }
        Err(DbError::Duplicate) => turn.text("feedback-already"),
        Err(DbError::NotFound) => turn.text("button-outdated"),
        Err(other) => return Err(other.into()),
    };
    turn.dialogue.exit().await?;
    let screen = Screen {
        text: format!("{notice}\n\n{}", menu::welcome_text(app, lang, None)),
        keyboard: menu::keyboard(app, lang),
    };
    show(turn.bot, app, target, screen).await
}

/// The feedback, its audit row, the reward code and the admins' notice, in one transaction.
async fn submit(turn: Turn<'_>, owner: i64, draft: &FeedbackDraft) -> Result<Promo, DbError> {
    let app = turn.app;
    let ratings: [u8; 6] = draft.ratings.clone().try_into().map_err(|_| DbError::NotFound)?;
    let text = |i: usize| draft.texts.get(i).cloned().flatten();
    let feedback = NewFeedback { ratings, liked_most: text(0), to_improve: text(1), public_review: text(2) };
    let mut tx = app.db.begin().await?;
    let actor = Actor::Guest { telegram_id: turn.chat().0 };
    let saved = db::feedback::insert_in(&mut tx, draft.booking, owner, &feedback, actor).await?;
    let today = app.clock().today();
    let reward = NewPromo {
        code: format!("thanks-{}", random_code(&mut rand::rng(), 10)),
        kind: PromoKind::UsagePeriod,
        valid_from: today,
        valid_to: today + Duration::days(REWARD_DAYS),
        discount_percent: REWARD_PERCENT,
        tariffs: None,
        max_uses: Some(1),
        created_by: None,
    };
    let promo = db::promos::create(&mut *tx, &reward).await?;
    if let Some(chat) = app.settings.admin.chat() {
        let user = db::users::by_id(&mut *tx, owner).await?;
        let body = staff_text(app, saved.booking_id, user.as_ref(), &feedback);
        db::outbox::enqueue(&mut tx, &db::outbox::NewNotice::text(chat.0, body, Some(saved.booking_id)))
            .await?;
    }
    tx.commit().await?;
    Ok(promo)
}

/// The answers as the admins read them (Russian; the guest's texts escaped).
fn staff_text(app: &App, booking: i64, user: Option<&db::users::User>, feedback: &NewFeedback) -> String {
    let lang = Lang::default();
    let guest = user.and_then(|u| u.username.clone().map(|n| format!("@{n}")).or(u.first_name.clone()));
    let mut lines = vec![app.texts.format(
        lang,
        "staff-feedback",
        &[("id", booking.into()), ("guest", html::escape(&guest.unwrap_or_default()).into())],
    )];
    for (i, score) in feedback.ratings.iter().enumerate() {
        lines.push(format!("{}: {score}/10", app.texts.get(lang, &format!("feedback-short-{i}"))));
    }
    let texts = [&feedback.liked_most, &feedback.to_improve, &feedback.public_review];
    for (i, text) in texts.into_iter().enumerate() {
        if let Some(text) = text {
            lines.push(format!(
                "{}: {}",
                app.texts.get(lang, &format!("feedback-short-text-{i}")),
                html::escape(text)
            ));
        }
    }
    lines.join("\n")
}
