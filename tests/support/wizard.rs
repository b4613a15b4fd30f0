//! Driving the booking wizard through `bot::schema()` with MockBot: one guest, one chat, real
//! store, real PostgreSQL. A `Plan` says what the guest answers at each step; `walk` reads the
//! stored state before every update and does what the plan says for that step.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use secret_house_bot::{
    app::App,
    bot::{
        self, HandlerError, State,
        booking::{Draft, Step},
        callback::{CallbackData, Picker, Skippable, Wizard as W},
    },
    domain::{
        money::Money,
        pricing::date_rule_for,
        stay_options::{Bedroom, Wine},
        tariff::{Extra, TariffId},
    },
};
use teloxide::types::{ChatId, InlineKeyboardButtonKind, InlineKeyboardMarkup};
use teloxide_tests::{MockBot, MockMessagePhoto, MockMessageText, mock_bot::DistributionKey};

use super::bot_env::BotEnv;

pub type TestBot = MockBot<HandlerError, DistributionKey>;

/// What the guest answers.
#[derive(Debug, Clone)]
pub struct Plan {
    pub tariff: TariffId,
    pub start: DateTime<Utc>,
    pub hours: i64,
    pub guests: u32,
    /// Optional extras answered "yes" (the others "no").
    pub extras: Vec<Extra>,
    pub bedroom: Bedroom,
    pub comment: Option<String>,
    pub promo: Option<String>,
    pub wine: Wine,
    pub transfer: Option<String>,
    pub contact: String,
    /// A gift certificate's code: "Gift certificate" instead of the tariff, then the code.
    pub gift: Option<String>,
}

impl Plan {
    pub fn new(app: &App, tariff: TariffId, start: DateTime<Utc>, hours: i64) -> Self {
        let rules = &app.catalog.tariff(tariff).rules;
        Plan {
            tariff,
            start,
            hours,
            guests: (rules.included_guests + 1).min(app.settings.house.capacity),
            extras: rules.optional_extras().take(1).collect(),
            bedroom: Bedroom::Green,
            comment: None,
            promo: None,
            wine: Wine::RedDry,
            transfer: Some("ул. Ленина, 1, кв. 5".into()),
            contact: "+375 (29) 123-45-67".into(),
            gift: None,
        }
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::hours(self.hours)
    }
}

/// What the guest does at one step.
pub enum Action {
    Press(CallbackData),
    Type(String),
}

pub fn action(app: &App, plan: &Plan, step: Step) -> Action {
    let local = |t: DateTime<Utc>| t.with_timezone(&app.settings.house.timezone).naive_local();
    match step {
        Step::Tariff if plan.gift.is_some() => Action::Press(CallbackData::Wizard(W::GiftEntry)),
        Step::Tariff => Action::Press(CallbackData::Wizard(W::Tariff(plan.tariff))),
        Step::GiftCode => Action::Type(plan.gift.clone().unwrap_or_default()),
        Step::Bedroom => Action::Press(CallbackData::Wizard(W::Bedroom(plan.bedroom))),
        Step::Extra(extra) => {
            Action::Press(CallbackData::Wizard(W::Extra { extra, on: plan.extras.contains(&extra) }))
        }
        Step::Guests => Action::Press(CallbackData::Wizard(W::Guests(plan.guests))),
        Step::StartDate => Action::Press(CallbackData::Picker(Picker::Day(local(plan.start).date()))),
        Step::StartTime => Action::Press(CallbackData::Picker(Picker::Hour(local(plan.start).hour()))),
        Step::FinishDate => Action::Press(CallbackData::Picker(Picker::Day(local(plan.end()).date()))),
        Step::FinishTime => Action::Press(CallbackData::Picker(Picker::Hour(local(plan.end()).hour()))),
        Step::Comment => match &plan.comment {
            Some(text) => Action::Type(text.clone()),
            None => Action::Press(CallbackData::Wizard(W::Skip(Skippable::Comment))),
        },
        Step::Promo => match &plan.promo {
            Some(code) => Action::Type(code.clone()),
            None => Action::Press(CallbackData::Wizard(W::Skip(Skippable::Promo))),
        },
        Step::Wine => Action::Press(CallbackData::Wizard(W::Wine(plan.wine))),
        Step::Transfer => match &plan.transfer {
            Some(address) => Action::Type(address.clone()),
            None => Action::Press(CallbackData::Wizard(W::Skip(Skippable::Transfer))),
        },
        Step::Summary => Action::Press(CallbackData::Wizard(W::Confirm)),
        Step::Contact => Action::Type(plan.contact.clone()),
        Step::Payment => Action::Type("where do I pay?".into()),
    }
}

pub struct Wizard {
    pub env: BotEnv,
    pub bot: TestBot,
    /// Who types and presses, in their private chat: `None` for MockBot's default guest.
    pub user: Option<u64>,
}

impl Wizard {
    pub fn new(env: BotEnv) -> Self {
        let mut bot = MockBot::new(MockMessageText::new().text("/book"), bot::schema());
        bot.dependencies(env.deps());
        Wizard { env, bot, user: None }
    }

    /// The wizard driven by `user` in their private chat, opened with `first` (e.g. an admin's
    /// `/add_booking`).
    pub fn as_user(env: BotEnv, user: u64, first: &str) -> Self {
        let mut bot = MockBot::new(super::staff::private_text(first, user), bot::schema());
        bot.dependencies(env.deps());
        Wizard { env, bot, user: Some(user) }
    }

    /// The bot stopped and started again on the same store directory and database (the dialogue
    /// store closed and reopened, a new dispatcher): what a restart does to an open chat.
    pub async fn restart(self, db: &sqlx::PgPool) -> Wizard {
        let Wizard { env, bot, user } = self;
        drop(bot);
        env.sessions.close().await.expect("close the store");
        let dir = env.dir;
        drop(env.app);
        drop(env.storage);
        drop(env.sessions);
        let env = BotEnv::with_dir(db.clone(), dir);
        match user {
            // Not dispatched: it only names the chat whose state `step` reads.
            Some(user) => Wizard::as_user(env, user, "/start"),
            None => Wizard::new(env),
        }
    }

    pub async fn send(&mut self, text: &str) -> String {
        match self.user {
            Some(user) => self.bot.update(super::staff::private_text(text, user)),
            None => self.bot.update(MockMessageText::new().text(text)),
        }
        self.bot.dispatch().await;
        self.screen()
    }

    pub async fn press(&mut self, data: CallbackData) -> String {
        match self.user {
            Some(user) => self.bot.update(super::staff::private_press(data, user)),
            None => self.bot.update(teloxide_tests::MockCallbackQuery::new().data(data.encode())),
        }
        self.bot.dispatch().await;
        self.screen()
    }

    /// A press with raw callback data (garbled or forged payloads).
    pub async fn press_raw(&mut self, data: &str) -> String {
        self.bot.update(teloxide_tests::MockCallbackQuery::new().data(data));
        self.bot.dispatch().await;
        self.screen()
    }

    pub async fn photo(&mut self) -> String {
        self.bot.update(MockMessagePhoto::new());
        self.bot.dispatch().await;
        self.screen()
    }

    /// A PDF receipt sent as a file.
    pub async fn document(&mut self) -> String {
        self.document_as("receipt.pdf", Some("application/pdf")).await
    }

    /// A file with this name and (Telegram's) MIME type.
    pub async fn document_as(&mut self, name: &str, mime: Option<&str>) -> String {
        let mut document = teloxide_tests::MockMessageDocument::new().file_name(name.to_owned());
        if let Some(mime) = mime {
            document = document.mime_type(mime.parse::<mime::Mime>().expect("a MIME type"));
        }
        self.bot.update(document);
        self.bot.dispatch().await;
        self.screen()
    }

    pub async fn act(&mut self, action: Action) -> String {
        match action {
            Action::Press(data) => self.press(data).await,
            Action::Type(text) => self.send(&text).await,
        }
    }

    pub async fn state(&self) -> State {
        self.bot.get_state::<State>().await
    }

    pub async fn step(&self) -> Option<(Step, Draft)> {
        match self.state().await {
            State::Booking { step, draft } => Some((step, draft)),
            _ => None,
        }
    }

    /// Follows `plan` from wherever the chat is until it reaches `until` (or leaves the wizard).
    pub async fn walk(&mut self, plan: &Plan, until: Step) {
        for _ in 0..40 {
            let Some((step, _)) = self.step().await else { panic!("left the wizard: {}", self.screen()) };
            if step == until {
                return;
            }
            let action = action(&self.env.app, plan, step);
            self.act(action).await;
            let after = self.step().await.map(|(s, _)| s);
            assert_ne!(after, Some(step), "stuck at {step:?}: {}", self.screen());
        }
        panic!("never reached {until:?}");
    }

    /// The text of the last screen: the last edited message, else the last sent one.
    pub fn screen(&self) -> String {
        let responses = self.bot.get_responses();
        let sent = responses.sent_messages.last().and_then(|m| m.text().or(m.caption())).map(str::to_owned);
        let edited = responses.edited_messages_text.last().and_then(|e| e.message.text()).map(str::to_owned);
        edited.or(sent).unwrap_or_default()
    }

    /// The keyboard of the last screen.
    pub fn keyboard(&self) -> Option<InlineKeyboardMarkup> {
        let responses = self.bot.get_responses();
        let edited = responses.edited_messages_text.last().and_then(|e| e.message.reply_markup().cloned());
        edited.or_else(|| responses.sent_messages.last().and_then(|m| m.reply_markup().cloned()))
    }

    /// The callback data of every button of the last screen.
    pub fn buttons(&self) -> Vec<CallbackData> {
        self.keyboard()
            .map(|k| {
                k.inline_keyboard
                    .iter()
                    .flatten()
                    .filter_map(|b| match &b.kind {
                        InlineKeyboardButtonKind::CallbackData(data) => CallbackData::decode(data),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The text the last callback was answered with.
    pub fn answer(&self) -> Option<String> {
        self.bot.get_responses().answered_callback_queries.last().and_then(|a| a.text.clone())
    }

    pub fn chat(&self) -> ChatId {
        ChatId(self.user.unwrap_or(teloxide_tests::MockUser::ID) as i64)
    }
}

/// A wizard opened with /book and a plan for `tariff` on an ordinary `weekday`.
pub async fn open(
    db: &sqlx::PgPool,
    tariff: TariffId,
    weekday: Weekday,
    hour: u32,
    hours: i64,
) -> (Wizard, Plan) {
    let env = BotEnv::new(db.clone());
    let start = local(&env.app, ordinary_day(&env.app, weekday), hour);
    let plan = Plan::new(&env.app, tariff, start, hours);
    let mut w = Wizard::new(env);
    w.bot.dispatch().await;
    (w, plan)
}

/// A Russian text of the bot (the test chat's language).
pub fn ru(w: &Wizard, id: &str) -> String {
    w.env.app.texts.get(secret_house_bot::i18n::Lang::Ru, id)
}

/// The first day, two weeks ahead or later, on `weekday` with no holiday and no date price.
pub fn ordinary_day(app: &App, weekday: Weekday) -> NaiveDate {
    ordinary_day_in(&app.catalog, app.clock().today(), weekday)
}

/// The built-in catalog and today's house date under the default settings (what a bot started
/// without a config directory uses), for tests that run the real binary.
pub fn default_catalog_and_today() -> (secret_house_bot::catalog::Catalog, NaiveDate) {
    let settings = secret_house_bot::settings::Settings::load_from_env(std::collections::HashMap::from([(
        "BOT_CONFIG_DIR".into(),
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/empty-config").into(),
    )]))
    .expect("default settings");
    let catalog = secret_house_bot::catalog::Catalog::from_settings(&settings).unwrap();
    (catalog, settings.house_clock(Utc::now()).today())
}

/// [`ordinary_day`] under the default settings.
pub fn default_ordinary_day(weekday: Weekday) -> NaiveDate {
    let (catalog, today) = default_catalog_and_today();
    ordinary_day_in(&catalog, today, weekday)
}

pub fn ordinary_day_in(
    catalog: &secret_house_bot::catalog::Catalog,
    today: NaiveDate,
    weekday: Weekday,
) -> NaiveDate {
    (14..150)
        .map(|d| today + Duration::days(d))
        .find(|day| {
            day.weekday() == weekday
                && catalog.prepayment.for_stay(*day, Money::from_roubles(100)).holiday.is_none()
                && date_rule_for(&catalog.date_rules, *day).is_none()
                && date_rule_for(&catalog.date_rules, day.succ_opt().unwrap()).is_none()
        })
        .expect("an ordinary day")
}

/// The first holiday (100 % prepayment) at least two days ahead.
pub fn holiday(app: &App) -> NaiveDate {
    let today = app.clock().today();
    (2..180)
        .map(|d| today + Duration::days(d))
        .find(|day| app.catalog.prepayment.for_stay(*day, Money::from_roubles(100)).holiday.is_some())
        .expect("a holiday within the horizon")
}

/// The instant of a local time at the house.
pub fn local(app: &App, day: NaiveDate, hour: u32) -> DateTime<Utc> {
    app.clock().instant(day.and_hms_opt(hour, 0, 0).unwrap()).expect("exists")
}

/// The test chat's guest (MockBot's user), as the bot will identify them.
pub async fn me(db: &sqlx::PgPool) -> secret_house_bot::db::users::User {
    super::db_fixtures::user(db, teloxide_tests::MockUser::ID as i64).await
}

/// `n` days from now (negative: ago).
pub fn days(n: i64) -> DateTime<Utc> {
    Utc::now() + Duration::days(n)
}
