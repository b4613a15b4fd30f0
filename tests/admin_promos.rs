//! `/promo_new` and `/promo_list` through `bot::schema()` with MockBot, the real store and real
//! PostgreSQL: every step's validation, Back, Cancel, a duplicate name, a restart in the middle,
//! the created row exactly; the list with uses and Deactivate (twice); guests refused.

mod support;

use chrono::NaiveDate;
use secret_house_bot::{
    bot::{
        self, PromoDraft, PromoStep, State, UseLimit,
        callback::{CallbackData, PromoPress},
    },
    db::promos::{self, NewPromo},
    domain::{promo::PromoKind, tariff::TariffId},
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_ID, BotEnv, last_sent_text},
    staff::{private_press, private_text},
};
use teloxide::types::{ChatId, InlineKeyboardButtonKind};
use teloxide_tests::{MockBot, MockGroupChat, MockMessageText};

type Bot = MockBot<bot::HandlerError, teloxide_tests::mock_bot::DistributionKey>;

const GUEST: u64 = 4_321;

struct Admin {
    env: BotEnv,
    bot: Bot,
}

impl Admin {
    fn new(db: &PgPool) -> Self {
        Self::with_env(BotEnv::new(db.clone()))
    }

    fn with_env(env: BotEnv) -> Self {
        let mut bot = MockBot::new(private_text("/start", ADMIN_ID), bot::schema());
        bot.dependencies(env.deps());
        Admin { env, bot }
    }

    async fn say(&mut self, text: &str) -> String {
        self.bot.update(private_text(text, ADMIN_ID));
        self.bot.dispatch().await;
        self.screen()
    }

    async fn tap(&mut self, press: PromoPress) -> String {
        self.tap_as(CallbackData::Promo(press), ADMIN_ID).await
    }

    async fn tap_as(&mut self, data: CallbackData, from: u64) -> String {
        self.bot.update(private_press(data, from));
        self.bot.dispatch().await;
        self.screen()
    }

    fn screen(&self) -> String {
        let responses = self.bot.get_responses();
        let edited = responses.edited_messages_text.last().and_then(|e| e.message.text()).map(str::to_owned);
        let sent = responses.sent_messages.last().and_then(|m| m.text()).map(str::to_owned);
        edited.or(sent).unwrap_or_default()
    }

    fn buttons(&self) -> Vec<CallbackData> {
        let responses = self.bot.get_responses();
        let edited = responses.edited_messages_text.last().and_then(|e| e.message.reply_markup().cloned());
        let markup =
            edited.or_else(|| responses.sent_messages.last().and_then(|m| m.reply_markup().cloned()));
        markup
            .into_iter()
            .flat_map(|m| m.inline_keyboard.into_iter().flatten())
            .filter_map(|b| match b.kind {
                InlineKeyboardButtonKind::CallbackData(data) => CallbackData::decode(&data),
                _ => None,
            })
            .collect()
    }

    async fn state(&self) -> Option<(PromoStep, PromoDraft)> {
        match self.env.storage.clone().get_dialogue(ChatId(ADMIN_ID as i64)).await.unwrap() {
            Some(State::PromoNew { step, draft }) => Some((step, draft)),
            _ => None,
        }
    }

    fn ru(&self, id: &str) -> String {
        self.env.text(Lang::Ru, id)
    }
}

async fn summer(db: &PgPool) {
    promos::create(
        db,
        &NewPromo {
            code: "summer".into(),
            kind: PromoKind::BookingDates,
            valid_from: NaiveDate::from_ymd_opt(2030, 6, 1).unwrap(),
            valid_to: NaiveDate::from_ymd_opt(2030, 8, 31).unwrap(),
            discount_percent: 10,
            tariffs: None,
            max_uses: None,
            created_by: Some(1),
        },
    )
    .await
    .unwrap();
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_admin_creates_a_promo_code_step_by_step_with_every_answer_checked(db: PgPool) {
    summer(&db).await;
    let mut a = Admin::new(&db);
    let first = a.say("/promo_new").await;
    assert!(first.starts_with(&a.ru("promo-ask-code")), "{first}");
    for (typed, refusal) in
        [("ab", "promo-bad-code"), ("two words", "promo-bad-code"), ("SUMMER", "promo-code-taken")]
    {
        let answer = a.say(typed).await;
        assert!(answer.starts_with(&a.ru(refusal)), "{typed}: {answer}");
    }
    a.say("Winter-30").await;
    assert_eq!(a.state().await.map(|(s, d)| (s, d.code)), Some((PromoStep::Kind, Some("winter-30".into()))));
    let typed = a.say("usage").await;
    assert!(typed.starts_with(&a.ru("booking-use-buttons")), "{typed}");
    a.tap(PromoPress::Kind(PromoKind::UsagePeriod)).await;
    for (typed, refusal) in [
        ("June", "promo-bad-dates"),
        ("31.12.2030 - 01.12.2030", "promo-dates-reversed"),
        ("01.01.2020 - 31.01.2020", "promo-dates-past"),
    ] {
        let answer = a.say(typed).await;
        assert!(answer.starts_with(&a.ru(refusal)), "{typed}: {answer}");
    }
    a.say("01.12.2030 – 31.12.2030").await;
    for bad in ["0", "101", "12.5"] {
        assert!(a.say(bad).await.starts_with(&a.ru("promo-bad-percent")), "{bad}");
    }
    a.say("15").await;
    assert_eq!(a.state().await.map(|(s, _)| s), Some(PromoStep::Tariffs));
    // A restart here: the answers so far are kept.
    a.env.sessions.close().await.unwrap();
    let Admin { env, bot } = a;
    drop(bot);
    let dir = env.dir;
    drop(env.app);
    drop(env.storage);
    drop(env.sessions);
    let mut a = Admin::with_env(BotEnv::with_dir(db.clone(), dir));
    let (kept_step, kept) = a.state().await.expect("still creating");
    assert_eq!(
        (kept_step, kept.percent, kept.kind),
        (PromoStep::Tariffs, Some(15), Some(PromoKind::UsagePeriod))
    );
    let none = a.tap(PromoPress::TariffsDone).await;
    assert!(none.starts_with(&a.ru("promo-no-tariffs")), "{none}");
    a.tap(PromoPress::Tariff(TariffId::Day)).await;
    a.tap(PromoPress::Tariff(TariffId::Worker)).await;
    let toggled = a.tap(PromoPress::Tariff(TariffId::Worker)).await;
    assert!(toggled.starts_with(&a.ru("promo-ask-tariffs")), "{toggled}");
    a.tap(PromoPress::TariffsDone).await;
    assert!(a.say("many").await.starts_with(&a.ru("promo-bad-max-uses")));
    let summary = a.say("20").await;
    assert!(
        summary.contains("winter-30") && summary.contains("15 %") && summary.contains("01.12.2030"),
        "{summary}"
    );
    assert!(summary.contains("из 20"), "{summary}");
    // Back goes to the previous step with the answers kept.
    a.tap_as(CallbackData::Back, ADMIN_ID).await;
    assert_eq!(
        a.state().await.map(|(s, d)| (s, d.max_uses)),
        Some((PromoStep::MaxUses, Some(UseLimit::AtMost(20))))
    );
    a.tap(PromoPress::Unlimited).await;
    let created = a.tap(PromoPress::Create).await;
    assert!(
        created.starts_with(&a.env.app.texts.format(
            Lang::Ru,
            "promo-created",
            &[("code", "winter-30".into())]
        )),
        "{created}"
    );
    assert_eq!(a.state().await, None, "done");
    let row = promos::find_active(&db, "WINTER-30").await.unwrap().expect("created");
    assert_eq!(
        (
            row.kind,
            row.valid_from,
            row.valid_to,
            row.discount_percent,
            row.max_uses,
            row.uses,
            row.created_by
        ),
        (
            PromoKind::UsagePeriod,
            NaiveDate::from_ymd_opt(2030, 12, 1).unwrap(),
            NaiveDate::from_ymd_opt(2030, 12, 31).unwrap(),
            15,
            None,
            0,
            Some(ADMIN_ID as i64)
        )
    );
    assert_eq!(row.tariffs, Some(vec!["day".to_owned()]));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn cancel_generate_a_taken_name_at_create_and_the_group_and_guests(db: PgPool) {
    let mut a = Admin::new(&db);
    a.say("/promo_new").await;
    a.tap(PromoPress::Generate).await;
    let generated = a.state().await.and_then(|(_, d)| d.code).expect("a generated name");
    assert!(generated.starts_with("promo-") && generated.len() == 12, "{generated}");
    a.tap(PromoPress::Kind(PromoKind::BookingDates)).await;
    a.say("01.06.2030 - 30.06.2030").await;
    a.say("100").await;
    a.tap(PromoPress::AllTariffs).await;
    a.say("1").await;
    assert_eq!(a.state().await.map(|(s, _)| s), Some(PromoStep::Confirm));
    // Another admin creates a code of the same name first.
    promos::create(
        &db,
        &NewPromo {
            code: generated.clone(),
            kind: PromoKind::BookingDates,
            valid_from: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            valid_to: NaiveDate::from_ymd_opt(2030, 2, 1).unwrap(),
            discount_percent: 5,
            tariffs: None,
            max_uses: None,
            created_by: Some(2),
        },
    )
    .await
    .unwrap();
    let taken = a.tap(PromoPress::Create).await;
    assert!(taken.starts_with(&a.ru("promo-code-taken")), "{taken}");
    assert_eq!(
        a.state().await.map(|(s, d)| (s, d.code, d.percent)),
        Some((PromoStep::Code, None, Some(100)))
    );
    let cancelled = a.tap(PromoPress::Cancel).await;
    assert_eq!(cancelled, a.ru("cancelled"));
    assert_eq!(a.state().await, None);
    // A creation button of an old message: outdated, nothing created.
    a.tap(PromoPress::Create).await;
    assert_eq!(promos::list_active(&db).await.unwrap().len(), 1);

    // In the admin group: only in private.
    let group = MockGroupChat::new().id(support::bot_env::ADMIN_CHAT_ID).build();
    a.bot
        .update(MockMessageText::new().text("/promo_new").chat(group).from(support::staff::person(ADMIN_ID)));
    a.bot.dispatch().await;
    assert_eq!(last_sent_text(&a.bot), a.ru("promo-new-private-only"));
    // A guest: the command is unknown, a forged Create refused.
    a.bot.update(private_text("/promo_new", GUEST));
    a.bot.dispatch().await;
    assert!(last_sent_text(&a.bot).starts_with(&a.ru("unknown-input")));
    a.tap_as(CallbackData::Promo(PromoPress::Create), GUEST).await;
    let answer = a.bot.get_responses().answered_callback_queries.last().and_then(|q| q.text.clone());
    assert_eq!(answer, Some(a.ru("admin-not-allowed")));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_list_shows_uses_and_pages_and_deactivates_once(db: PgPool) {
    let mut a = Admin::new(&db);
    assert_eq!(a.say("/promo_list").await, a.ru("promo-list-empty"));
    for i in 0..12 {
        let new = NewPromo {
            code: format!("code-{i:02}"),
            kind: PromoKind::BookingDates,
            valid_from: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            valid_to: NaiveDate::from_ymd_opt(2030, 12, 1 + i).unwrap(),
            discount_percent: 10 + i,
            tariffs: (i == 0).then(|| vec![TariffId::Day, TariffId::Worker]),
            max_uses: (i == 0).then_some(5),
            created_by: None,
        };
        promos::create(&db, &new).await.unwrap();
    }
    sqlx::query("UPDATE promocodes SET uses = 3 WHERE code = 'code-00'").execute(&db).await.unwrap();
    let list = a.say("/promo_list").await;
    assert!(
        list.contains("12")
            && list.contains("code-00")
            && list.contains("code-09")
            && !list.contains("code-10"),
        "{list}"
    );
    assert!(list.contains("использован 3 из 5") && list.contains("Суточно от 3 человек, Рабочий"), "{list}");
    let buttons = a.buttons();
    assert!(buttons.contains(&CallbackData::Promo(PromoPress::Page(1))), "{buttons:?}");
    let second = a.tap(PromoPress::Page(1)).await;
    assert!(
        second.contains("code-10") && second.contains("code-11") && !second.contains("code-00"),
        "{second}"
    );
    let id = promos::find_active(&db, "code-11").await.unwrap().unwrap().id;
    // A guest's forged Deactivate: refused, still active.
    a.tap_as(CallbackData::Promo(PromoPress::Deactivate(id)), GUEST).await;
    assert!(promos::find_active(&db, "code-11").await.unwrap().is_some());
    a.tap(PromoPress::Deactivate(id)).await;
    let answer =
        |a: &Admin| a.bot.get_responses().answered_callback_queries.last().and_then(|q| q.text.clone());
    assert_eq!(answer(&a), Some(a.ru("promo-deactivated")));
    assert!(promos::find_active(&db, "code-11").await.unwrap().is_none());
    assert!(!a.screen().contains("code-11"), "redrawn without it: {}", a.screen());
    a.tap(PromoPress::Deactivate(id)).await;
    assert_eq!(answer(&a), Some(a.ru("promo-already-inactive")));
}
