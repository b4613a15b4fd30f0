//! Builds every part from the settings and runs the bot until SIGINT or SIGTERM, then stops in
//! order: dispatcher (in-flight updates finish) → background tasks → session store flush →
//! database pool. `main` stays a few lines.

use std::{sync::Arc, time::Duration};

use secrecy::ExposeSecret;
use teloxide::{
    dispatching::dialogue::{ErasedStorage, Storage},
    error_handlers::LoggingErrorHandler,
    prelude::*,
};

use tokio_util::sync::CancellationToken;

use crate::{
    app::App,
    bot::{self, State},
    catalog::Catalog,
    db,
    i18n::{Lang, Texts},
    outbox::OutboxSender,
    session::SessionStorage,
    settings::{Settings, SettingsError},
    store::StoreError,
    telegram::{
        Deliver,
        inbox::{self, Inbox, InboxPolling},
        staff::{self, StaffAlerts},
    },
};

/// How long the dispatcher may take to finish in-flight updates after a stop signal. Together
/// with the flush this keeps a stop well inside Docker's default 10 s grace.
const DISPATCHER_STOP_TIMEOUT: Duration = Duration::from_secs(7);

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Locale(#[from] crate::i18n::I18nError),
    #[error(transparent)]
    Catalog(#[from] crate::catalog::CatalogError),
    #[error("cannot connect to PostgreSQL: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot apply database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{source} (sessions.path = {dir})")]
    SessionDir { dir: String, source: StoreError },
    #[error("Telegram refused the bot token: check TELOXIDE_TOKEN (the token @BotFather gave for this bot)")]
    TokenRefused,
    #[error("cannot install the signal handler: {0}")]
    Signal(#[from] std::io::Error),
}

pub async fn run(settings: Settings) -> Result<(), StartupError> {
    // Listening from the very start: a stop signal that arrives while start-up is still busy
    // (connecting, the first run of the jobs…) is kept and honoured, never lost.
    let mut stop = StopSignals::listen()?;
    let token = settings.telegram.token()?.expose_secret().to_owned();
    let texts = Texts::load()?;
    let catalog = Catalog::from_settings(&settings)?;
    // The store first: a wrong or unwritable directory is named before anything connects.
    let sessions = open_sessions(&settings)
        .await
        .map_err(|source| StartupError::SessionDir { dir: session_dir_hint(&settings, &source), source })?;
    let pool = db::pool::connect_with_retry(&settings.database).await?;
    db::MIGRATOR.run(&pool).await?;
    tracing::info!("database migrations applied");

    let background = CancellationToken::new();
    let sweeper = sessions.spawn_sweeper(settings.sessions.cleanup_interval, background.clone());
    let storage: Arc<ErasedStorage<State>> = <SessionStorage as Storage<State>>::erase(sessions.clone());

    let mut tg = Bot::new(token);
    if let Some(url) = settings.telegram.api_url.clone() {
        tracing::info!(api = %url, "using a custom Bot API server");
        tg = tg.set_api_url(url);
    }
    let polling_timeout = settings.telegram.polling_timeout;
    let heartbeat = crate::health::heartbeat_path(&settings);
    let telegram = Arc::new(settings.telegram.edge());
    tokio::select! {
        checked = check_token(&tg) => checked?,
        signal = stop.recv() => {
            tracing::info!(signal, "stopped before Telegram answered");
            sessions.close().await?;
            pool.close().await;
            return Ok(());
        }
    }
    let staff_alerts = Arc::new(StaffAlerts::default());
    staff::check(&tg, &telegram, &settings.admin, &staff_alerts).await;
    let outbox = OutboxSender::new(pool.clone(), tg.clone(), telegram.clone())
        .with_staff(settings.admin.staff_chats(), staff_alerts.clone());
    let outbox_waker = outbox.waker();
    let app = Arc::new(App {
        settings,
        catalog,
        texts,
        db: pool.clone(),
        sessions: sessions.clone(),
        outbox_waker,
        telegram,
        staff_alerts,
        db_health: Arc::default(),
    });
    let db_probe = app.db_health.spawn_probe(pool.clone(), background.clone());
    register_commands(&tg, &app).await;

    if let Err(error) = tg.delete_webhook().deliver(&app.telegram).await {
        tracing::warn!(%error, "could not remove a webhook; polling may be refused while one is set");
    }
    let inbox = Inbox::new(sessions.clone());
    let listener =
        InboxPolling::new(tg.clone(), inbox.clone(), polling_timeout, Some(heartbeat)).await?.into_listener();
    let mut dispatcher = Dispatcher::builder(tg.clone(), inbox::track(inbox, bot::schema()))
        .dependencies(dptree::deps![storage, app.clone()])
        .default_handler(|update| async move {
            tracing::debug!(update_id = update.id.0, "update not handled");
        })
        .error_handler(LoggingErrorHandler::with_custom_text("an update handler failed"))
        .build();
    // The same sender whose waker is in `App`: a committed notice wakes it at once.
    let outbox = outbox.spawn(background.clone());
    // The jobs start with the process: one run now, before the first update is handled (catching
    // up on what a downtime missed), then every `jobs.interval`.
    crate::jobs::run_all(&app, chrono::Utc::now()).await;
    let expiry = crate::jobs::spawn(app.clone(), app.settings.jobs.interval, background.clone());
    // Broadcasts go out beside the dispatcher (a running one resumes after a restart).
    let broadcasts = crate::broadcast::spawn(tg.clone(), app.clone(), background.clone());
    let shutdown = dispatcher.shutdown_token();
    let mut running = tokio::spawn(async move {
        dispatcher
            .dispatch_with_listener(listener, LoggingErrorHandler::with_custom_text("polling failed"))
            .await;
    });
    tracing::info!("bot started");

    tokio::select! {
        signal = stop.recv() => tracing::info!(signal, "stopping"),
        _ = &mut running => tracing::warn!("dispatcher stopped on its own"),
    }
    if let Ok(stopped) = shutdown.shutdown()
        && tokio::time::timeout(DISPATCHER_STOP_TIMEOUT, stopped).await.is_err()
    {
        tracing::warn!("dispatcher did not stop in time; abandoning in-flight updates");
        running.abort();
    }
    background.cancel();
    let _ = sweeper.await;
    let _ = outbox.await;
    let _ = expiry.await;
    let _ = broadcasts.await;
    let _ = db_probe.await;
    if let Err(error) = sessions.close().await {
        tracing::error!(%error, "could not flush the session store");
    }
    pool.close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// Asks Telegram who the bot is. A refused token is fatal; while Telegram cannot be reached
/// this keeps trying (compose restarts would not help) and says so.
async fn check_token(tg: &Bot) -> Result<(), StartupError> {
    let mut wait = Duration::from_secs(1);
    loop {
        match tg.get_me().await {
            Ok(me) => {
                tracing::info!(bot = %me.username(), "connected to Telegram");
                return Ok(());
            }
            Err(teloxide::RequestError::Api(teloxide::ApiError::InvalidToken)) => {
                return Err(StartupError::TokenRefused);
            }
            Err(error) => {
                tracing::warn!(%error, retry_in = ?wait, "cannot reach Telegram; retrying");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        }
    }
}

/// The store directory, and the usual fix when it is not writable (Docker runs the bot as uid
/// 10001, and a bind-mounted host directory is often root's).
fn session_dir_hint(settings: &Settings, error: &StoreError) -> String {
    let dir = settings.sessions.path.display().to_string();
    if error.to_string().contains("Permission denied") {
        format!("{dir}; it must be writable by the bot's user: for a bind mount, `chown -R 10001 <host dir>`")
    } else {
        dir
    }
}

/// Opens the dialogue store off the async workers (it reads and may rewrite files).
async fn open_sessions(settings: &Settings) -> Result<Arc<SessionStorage>, StoreError> {
    let sessions_settings = settings.sessions.clone();
    let sessions = tokio::task::spawn_blocking(move || SessionStorage::open(&sessions_settings))
        .await
        .map_err(|e| StoreError::Failed(format!("the open task failed: {e}")))??;
    Ok(sessions)
}

/// SIGINT (Ctrl-C) and SIGTERM (`docker stop`), listened to from the start of the process: a
/// signal received before anyone waits for it is kept until `recv`.
struct StopSignals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn listen() -> Result<Self, std::io::Error> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self { interrupt: signal(SignalKind::interrupt())?, terminate: signal(SignalKind::terminate())? })
    }

    /// Waits for the next stop signal and names it.
    async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.terminate.recv() => "SIGTERM",
        }
    }
}

/// Publishes the command list in every language. A failure (Telegram unreachable) is logged and
/// start-up goes on: polling has its own retries, and the commands are cosmetic.
async fn register_commands(tg: &Bot, app: &App) {
    use teloxide::types::{BotCommandScope, Recipient};
    let admin = &app.settings.admin;
    // Each admin's private chat, and the admin group: the admins' commands too. Everyone else
    // sees the guests' list only.
    let staff_chats = admin
        .user_ids
        .iter()
        .filter_map(|id| i64::try_from(*id).ok())
        .map(|id| (ChatId(id), true))
        .chain(admin.chat().map(|chat| (chat, false)));
    let scopes: Vec<(Option<ChatId>, bool)> = std::iter::once((None, true))
        .chain(staff_chats.map(|(chat, private)| (Some(chat), private)))
        .collect();
    for (chat, private) in scopes {
        for lang in Lang::ALL {
            let commands = match chat {
                None => bot::command_menu(&app.texts, lang),
                Some(_) => bot::admin_command_menu(&app.texts, lang, private),
            };
            let mut request = tg.set_my_commands(commands);
            if let Some(chat) = chat {
                request = request.scope(BotCommandScope::Chat { chat_id: Recipient::Id(chat) });
            }
            if lang != Lang::default() {
                request = request.language_code(lang.code());
            }
            if let Err(error) = request.await {
                // An admin who never opened the bot (or a group without it) cannot get a list yet.
                tracing::warn!(%error, lang = lang.code(), chat = chat.map(|c| c.0), "could not register the command list");
            }
        }
    }
}
