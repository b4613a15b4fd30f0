//! Everything `bot::schema()` needs, built from real parts: settings loaded the production way,
//! the real session store in a temp dir, and a real PostgreSQL pool (from `#[sqlx::test]`).

use std::{collections::HashMap, sync::Arc};

use secret_house_bot::{
    app::App,
    bot::State,
    i18n::{Lang, Texts},
    session::SessionStorage,
    settings::Settings,
    store::{StoreOptions, TtlStore},
    telegram::{Edge, Pacing, RetryPolicy},
};
use sqlx::PgPool;
use teloxide::dispatching::dialogue::{ErasedStorage, Storage};

pub const ADMIN_ID: u64 = 900_001;
pub const ADMIN_CHAT_ID: i64 = -100_900;
pub const INFORM_CHAT_ID: i64 = -100_901;

pub struct BotEnv {
    pub app: Arc<App>,
    pub storage: Arc<ErasedStorage<State>>,
    pub sessions: Arc<SessionStorage>,
    pub dir: tempfile::TempDir,
}

pub fn settings(extra: &[(&str, &str)]) -> Settings {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("BOT_CONFIG_DIR".into(), concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/empty-config").into()),
        ("BOT__ADMIN__USER_IDS".into(), ADMIN_ID.to_string()),
        ("BOT__ADMIN__CHAT_ID".into(), ADMIN_CHAT_ID.to_string()),
        ("BOT__ADMIN__INFORM_CHAT_ID".into(), INFORM_CHAT_ID.to_string()),
    ]);
    vars.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    Settings::load_from_env(vars).expect("test settings load")
}

/// A pool on the same test database whose connections never outlive one use. MockBot runs every
/// dispatch in a fresh Tokio runtime and shuts it down afterwards; a pooled connection opened in
/// one dispatch would be dead in the next ("Tokio context … is being shutdown"). Production
/// runs in one runtime and uses the normal pool.
fn per_dispatch_pool(db: &PgPool) -> PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(8)
        .after_release(|_, _| Box::pin(async { Ok(false) }))
        .connect_lazy_with((*db.connect_options()).clone())
}

impl BotEnv {
    pub fn new(db: PgPool) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::with_dir(db, dir)
    }

    /// Opens the store in an existing directory (to simulate a restart).
    pub fn with_dir(db: PgPool, dir: tempfile::TempDir) -> Self {
        let store = TtlStore::open(dir.path(), StoreOptions::default()).expect("open store");
        let sessions = SessionStorage::new(Arc::new(store), std::time::Duration::from_secs(5 * 86_400));
        let storage = <SessionStorage as Storage<State>>::erase(sessions.clone());
        let settings = settings(&[]);
        let catalog = secret_house_bot::catalog::Catalog::from_settings(&settings).expect("catalog");
        let app = Arc::new(App {
            settings,
            catalog,
            texts: Texts::load().expect("locales"),
            db: per_dispatch_pool(&db),
            sessions: sessions.clone(),
            outbox_waker: Arc::new(tokio::sync::Notify::new()),
            // No pacing: MockBot dispatches faster than one message a second per chat.
            telegram: Arc::new(Edge::new(Pacing::NONE, RetryPolicy::new(std::time::Duration::from_secs(5)))),
            staff_alerts: Arc::default(),
            db_health: Arc::default(),
        });
        Self { app, storage, sessions, dir }
    }

    pub fn deps(&self) -> teloxide::dptree::di::DependencyMap {
        teloxide::dptree::deps![self.storage.clone(), self.app.clone()]
    }

    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.app.texts.get(lang, id)
    }
}

/// The text of the last message the bot sent in the last dispatch.
pub fn last_sent_text(
    bot: &teloxide_tests::MockBot<
        secret_house_bot::bot::HandlerError,
        teloxide_tests::mock_bot::DistributionKey,
    >,
) -> String {
    let responses = bot.get_responses();
    let message = responses.sent_messages.last().expect("the bot answered");
    message.text().expect("a text message").to_owned()
}
