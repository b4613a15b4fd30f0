//! A two-step teloxide dialogue keeps its state in `SessionStorage`; the store is closed and
//! reopened from disk between the steps (a bot restart), and the dialogue continues.

use std::sync::Arc;

use secret_house_bot::{
    session::SessionStorage,
    store::{StoreOptions, TtlStore},
};
use serde::{Deserialize, Serialize};
use teloxide::{
    dispatching::{
        UpdateHandler,
        dialogue::{self, Dialogue, ErasedStorage, Storage},
    },
    prelude::*,
};
use teloxide_tests::{MockBot, MockMessageText};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
enum Demo {
    #[default]
    AskName,
    AskAge {
        name: String,
    },
}

type DemoDialogue = Dialogue<Demo, ErasedStorage<Demo>>;
type HandlerResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

async fn receive_name(bot: Bot, msg: Message, dialogue: DemoDialogue) -> HandlerResult {
    let name = msg.text().unwrap_or_default().to_owned();
    bot.send_message(msg.chat.id, format!("How old is {name}?")).await?;
    dialogue.update(Demo::AskAge { name }).await?;
    Ok(())
}

async fn receive_age(bot: Bot, msg: Message, dialogue: DemoDialogue, name: String) -> HandlerResult {
    bot.send_message(msg.chat.id, format!("{name} is {}", msg.text().unwrap_or_default())).await?;
    dialogue.exit().await?;
    Ok(())
}

fn schema() -> UpdateHandler<Box<dyn std::error::Error + Send + Sync>> {
    dialogue::enter::<Update, ErasedStorage<Demo>, Demo, _>().branch(
        Update::filter_message()
            .branch(dptree::case![Demo::AskName].endpoint(receive_name))
            .branch(dptree::case![Demo::AskAge { name }].endpoint(receive_age)),
    )
}

fn open(dir: &std::path::Path) -> (Arc<SessionStorage>, Arc<ErasedStorage<Demo>>) {
    let store = Arc::new(TtlStore::open(dir, StoreOptions::default()).expect("open store"));
    let sessions = SessionStorage::new(store, std::time::Duration::from_secs(86_400));
    let erased = <SessionStorage as Storage<Demo>>::erase(sessions.clone());
    (sessions, erased)
}

#[tokio::test]
async fn a_dialogue_survives_reopening_the_store_between_steps() {
    let dir = tempfile::tempdir().unwrap();

    let (sessions, storage) = open(dir.path());
    let mut bot = MockBot::new(MockMessageText::new().text("Alice"), schema());
    bot.dependencies(dptree::deps![storage]);
    bot.dispatch_and_check_last_text("How old is Alice?").await;
    bot.assert_state(Demo::AskAge { name: "Alice".into() }).await;
    drop(bot);
    sessions.close().await.unwrap();
    drop(sessions);

    let (_sessions, storage) = open(dir.path());
    let mut bot = MockBot::new(MockMessageText::new().text("30"), schema());
    bot.dependencies(dptree::deps![storage]);
    bot.dispatch_and_check_last_text("Alice is 30").await;
    assert_eq!(bot.try_get_state::<Demo>().await, None, "the finished dialogue was removed");
}
