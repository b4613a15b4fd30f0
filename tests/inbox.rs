//! The update inbox over the real session store in a temp dir: a batch is durable before it is
//! confirmed, a batch seen again is not handed out twice, and after a crash every unfinished
//! update is replayed in order — a started one from the dialogue state it began in.

use std::{sync::Arc, time::Duration};

use secret_house_bot::{
    bot::State,
    session::SessionStorage,
    store::{StoreOptions, TtlStore},
    telegram::inbox::Inbox,
};
use teloxide::{
    dispatching::dialogue::Storage,
    types::{ChatId, Update},
};

const CHAT: i64 = 7;

fn update(id: u32, text: &str) -> Update {
    // From a string, as getUpdates does: teloxide's `UpdateKind` does not decode from a `Value`.
    serde_json::from_str(
        &serde_json::json!({
            "update_id": id,
            "message": {
                "message_id": id, "date": 1_700_000_000, "text": text,
                "chat": { "id": CHAT, "type": "private", "first_name": "Guest" },
                "from": { "id": CHAT, "is_bot": false, "first_name": "Guest" },
            }
        })
        .to_string(),
    )
    .expect("an update")
}

fn open(dir: &std::path::Path) -> (Arc<SessionStorage>, Arc<Inbox>) {
    let store = TtlStore::open(dir, StoreOptions::default()).expect("open store");
    let sessions = SessionStorage::new(Arc::new(store), Duration::from_secs(86_400));
    (sessions.clone(), Inbox::new(sessions))
}

async fn state(sessions: &Arc<SessionStorage>) -> Option<State> {
    <SessionStorage as Storage<State>>::get_dialogue(sessions.clone(), ChatId(CHAT)).await.unwrap()
}

#[tokio::test]
async fn a_crash_replays_unfinished_updates_from_the_state_they_began_in() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (sessions, inbox) = open(dir.path());
        let fresh = inbox
            .receive(vec![update(10, "first"), update(11, "second"), update(12, "third")])
            .await
            .unwrap();
        assert_eq!(fresh.iter().map(|u| u.id.0).collect::<Vec<_>>(), [10, 11, 12]);
        assert_eq!(inbox.watermark(), Some(12));
        // Telegram hands the same batch out again (its offset was not confirmed): nothing new.
        assert!(inbox.receive(vec![update(11, "second"), update(12, "third")]).await.unwrap().is_empty());

        // Update 10 is handled to the end; 11 starts, advances the dialogue, and the process dies.
        inbox.start(&fresh[0]).await.unwrap();
        inbox.finish(fresh[0].id).await.unwrap();
        <SessionStorage as Storage<State>>::update_dialogue(sessions.clone(), ChatId(CHAT), State::Menu)
            .await
            .unwrap();
        inbox.start(&fresh[1]).await.unwrap();
        let advanced = State::Booking {
            step: secret_house_bot::bot::booking::Step::Guests,
            draft: secret_house_bot::bot::booking::Draft::default(),
        };
        <SessionStorage as Storage<State>>::update_dialogue(sessions.clone(), ChatId(CHAT), advanced.clone())
            .await
            .unwrap();
        assert_eq!(state(&sessions).await, Some(advanced));
        // No close, no finish: a kill.
    }
    let (sessions, inbox) = open(dir.path());
    let replayed = inbox.replay().await.unwrap();
    assert_eq!(replayed.iter().map(|u| u.id.0).collect::<Vec<_>>(), [11, 12], "unfinished ones, in order");
    assert_eq!(replayed[0], update(11, "second"), "the update comes back as it was received");
    assert_eq!(state(&sessions).await, Some(State::Menu), "11 runs again from the state it began in");
    assert_eq!(inbox.watermark(), Some(12), "the watermark survives, so the offset stays confirmed");

    // Handled this time: nothing is left to replay after the next restart.
    for update in &replayed {
        inbox.start(update).await.unwrap();
        inbox.finish(update.id).await.unwrap();
    }
    sessions.close().await.unwrap();
    drop((sessions, inbox));
    let (_sessions, inbox) = open(dir.path());
    assert!(inbox.replay().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_chat_without_a_stored_state_is_replayed_without_one() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (sessions, inbox) = open(dir.path());
        let fresh = inbox.receive(vec![update(1, "/book")]).await.unwrap();
        inbox.start(&fresh[0]).await.unwrap();
        <SessionStorage as Storage<State>>::update_dialogue(sessions.clone(), ChatId(CHAT), State::Menu)
            .await
            .unwrap();
    }
    let (sessions, inbox) = open(dir.path());
    assert_eq!(inbox.replay().await.unwrap().len(), 1);
    assert_eq!(state(&sessions).await, None, "the state the update created is undone before the replay");
}
