//! A minimal fake Telegram Bot API server on 127.0.0.1, for running the real binary end to end.
//! It answers the methods the bot calls at start-up, hands out queued updates through
//! getUpdates, and records every sendMessage.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::{Value, json};

#[derive(Default)]
pub struct FakeApiState {
    updates: Mutex<VecDeque<Value>>,
    sent: Mutex<Vec<Value>>,
    /// When each send arrived (same order as `sent`).
    sent_at: Mutex<Vec<Instant>>,
    /// Failures to answer the next sends with, in order.
    failures: Mutex<VecDeque<Failure>>,
    /// Failures for the next calls of one method (lowercase name), in order.
    method_failures: Mutex<HashMap<String, VecDeque<Failure>>>,
    /// Until then, every send answers this failure (an outage).
    outage: Mutex<Option<(Instant, Failure)>>,
    /// Chats that do not exist for the bot: getChat and sends answer "chat not found".
    unreachable: Mutex<HashSet<i64>>,
    /// Each getChat asked, in order.
    get_chat_calls: Mutex<Vec<i64>>,
    /// Each answerCallbackQuery accepted.
    callback_answers: Mutex<Vec<Value>>,
    /// Each setMyCommands accepted (its parameters).
    command_lists: Mutex<Vec<Value>>,
    /// getMe answers 401 Unauthorized (a revoked or wrong token).
    refuse_token: Mutex<bool>,
    /// How long each accepted send takes (to keep updates in flight).
    send_delay: Mutex<Duration>,
    next_update_id: Mutex<i64>,
}

/// How the fake refuses a send.
#[derive(Debug, Clone, Copy)]
pub enum Failure {
    /// 429 Too Many Requests with `retry_after` seconds.
    RetryAfter(u32),
    /// 403 "bot was blocked by the user".
    Blocked,
    /// A 500 with an HTML page instead of JSON (what a proxy in front of Telegram answers).
    Disconnect,
    /// 502 Bad Gateway as Telegram's own JSON error.
    BadGateway,
}

pub struct FakeApi {
    pub url: String,
    state: Arc<FakeApiState>,
    server: actix_web::dev::ServerHandle,
}

impl FakeApi {
    pub fn start() -> Self {
        let state = Arc::new(FakeApiState::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = state.clone();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let data = web::Data::from(shared);
                let server = HttpServer::new(move || {
                    App::new().app_data(data.clone()).default_service(web::to(handle))
                })
                .workers(1)
                .bind(("127.0.0.1", 0))
                .expect("bind fake API");
                let port = server.addrs()[0].port();
                let server = server.run();
                tx.send((port, server.handle())).expect("report port");
                server.await
            })
        });
        let (port, server) = rx.recv().expect("fake API started");
        Self { url: format!("http://127.0.0.1:{port}/"), state, server }
    }

    /// Queues a private text message from user `chat_id` (private chat ids equal user ids).
    pub fn push_text(&self, chat_id: i64, text: &str) {
        let mut id = self.state.next_update_id.lock().unwrap();
        *id += 1;
        let entities = if text.starts_with('/') {
            let len = text.split_whitespace().next().unwrap_or(text).encode_utf16().count();
            json!([{ "type": "bot_command", "offset": 0, "length": len }])
        } else {
            json!([])
        };
        self.state.updates.lock().unwrap().push_back(json!({
            "update_id": *id,
            "message": {
                "message_id": *id,
                "date": 1_700_000_000,
                "chat": { "id": chat_id, "type": "private", "first_name": "Guest" },
                "from": { "id": chat_id, "is_bot": false, "first_name": "Guest", "language_code": "en" },
                "text": text,
                "entities": entities,
            }
        }));
    }

    fn push_update(&self, build: impl FnOnce(i64) -> Value) {
        let mut id = self.state.next_update_id.lock().unwrap();
        *id += 1;
        self.state.updates.lock().unwrap().push_back(build(*id));
    }

    /// Queues a press of an inline button with `data` on the bot's message `message_id`.
    pub fn push_callback(&self, chat_id: i64, data: &str, message_id: i64) {
        self.push_callback_in(chat_id, chat_id, data, message_id);
    }

    /// A press by user `from` on the bot's message in chat `chat_id` (a group when negative).
    pub fn push_callback_in(&self, from: i64, chat_id: i64, data: &str, message_id: i64) {
        let chat_type = if chat_id < 0 { "supergroup" } else { "private" };
        self.push_update(|id| {
            json!({
                "update_id": id,
                "callback_query": {
                    "id": format!("cq{id}"),
                    "from": { "id": from, "is_bot": false, "first_name": "Guest", "language_code": "en" },
                    "chat_instance": "ci",
                    "data": data,
                    "message": {
                        "message_id": message_id,
                        "date": 1_700_000_000,
                        "chat": { "id": chat_id, "type": chat_type, "first_name": "Guest", "title": "Staff" },
                        "from": { "id": 1, "is_bot": true, "first_name": "Secret House" },
                        "text": "…",
                    }
                }
            })
        });
    }

    /// Queues a photo from user `chat_id`.
    pub fn push_photo(&self, chat_id: i64, file_id: &str) {
        self.push_update(|id| {
            json!({
                "update_id": id,
                "message": {
                    "message_id": id,
                    "date": 1_700_000_000,
                    "chat": { "id": chat_id, "type": "private", "first_name": "Guest" },
                    "from": { "id": chat_id, "is_bot": false, "first_name": "Guest", "language_code": "en" },
                    "photo": [{ "file_id": file_id, "file_unique_id": "u1", "width": 800, "height": 600 }],
                }
            })
        });
    }

    /// Waits until a message, caption or edit to `chat_id` containing `needle` was sent.
    pub fn wait_for(&self, chat_id: i64, needle: &str, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            let found = self
                .state
                .sent
                .lock()
                .unwrap()
                .iter()
                .rev()
                .find(|m| {
                    let matches = |field: &str| m[field].as_str().is_some_and(|text| text.contains(needle));
                    m["chat_id"].as_i64() == Some(chat_id) && (matches("text") || matches("caption"))
                })
                .cloned();
            if let Some(message) = found {
                return Some(message);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    pub fn sent(&self) -> Vec<Value> {
        self.state.sent.lock().unwrap().clone()
    }

    /// Every accepted send with the moment it arrived.
    pub fn sent_with_times(&self) -> Vec<(Value, Instant)> {
        let sent = self.state.sent.lock().unwrap().clone();
        let at = self.state.sent_at.lock().unwrap().clone();
        sent.into_iter().zip(at).collect()
    }

    /// The next send is refused this way.
    pub fn fail_next(&self, failure: Failure) {
        self.state.failures.lock().unwrap().push_back(failure);
    }

    /// The next call of `method` (e.g. "answercallbackquery") is refused this way.
    pub fn fail_next_call(&self, method: &str, failure: Failure) {
        self.state
            .method_failures
            .lock()
            .unwrap()
            .entry(method.to_lowercase())
            .or_default()
            .push_back(failure);
    }

    /// Every send is refused this way for `duration` from now.
    pub fn outage(&self, duration: Duration, failure: Failure) -> Instant {
        let until = Instant::now() + duration;
        *self.state.outage.lock().unwrap() = Some((until, failure));
        until
    }

    /// `chat` answers "chat not found" (the bot was never added / never started) until
    /// [`FakeApi::make_reachable`].
    pub fn make_unreachable(&self, chat: i64) {
        self.state.unreachable.lock().unwrap().insert(chat);
    }

    pub fn make_reachable(&self, chat: i64) {
        self.state.unreachable.lock().unwrap().remove(&chat);
    }

    pub fn get_chat_calls(&self) -> Vec<i64> {
        self.state.get_chat_calls.lock().unwrap().clone()
    }

    /// The parameters of every setMyCommands the bot made.
    pub fn command_lists(&self) -> Vec<Value> {
        self.state.command_lists.lock().unwrap().clone()
    }

    pub fn callback_answers(&self) -> Vec<Value> {
        self.state.callback_answers.lock().unwrap().clone()
    }

    /// Every accepted send takes this long from now on.
    pub fn set_send_delay(&self, delay: Duration) {
        *self.state.send_delay.lock().unwrap() = delay;
    }

    /// getMe answers 401 Unauthorized from now on.
    pub fn refuse_token(&self) {
        *self.state.refuse_token.lock().unwrap() = true;
    }

    /// Sends (messages, photos, documents, edits) accepted for `chat_id`.
    pub fn sent_to(&self, chat_id: i64) -> Vec<Value> {
        self.sent().into_iter().filter(|m| m["chat_id"].as_i64() == Some(chat_id)).collect()
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        drop(self.server.stop(false));
    }
}

async fn handle(req: HttpRequest, body: web::Bytes, state: web::Data<FakeApiState>) -> HttpResponse {
    let method = req.path().rsplit('/').next().unwrap_or("").to_lowercase();
    let content_type =
        req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let params: Value = match content_type.split_once("boundary=") {
        Some((_, boundary)) => multipart_fields(&body, boundary.trim_matches('"')),
        None => serde_json::from_slice(&body).unwrap_or(Value::Null),
    };
    let chat = params["chat_id"].as_i64();
    if let Some(failure) = state.take_failure(&method) {
        return failure_response(failure);
    }
    if method != "getme"
        && method != "getupdates"
        && chat.is_some_and(|c| state.unreachable.lock().unwrap().contains(&c))
    {
        return HttpResponse::BadRequest().json(json!({
            "ok": false, "error_code": 400, "description": "Bad Request: chat not found"
        }));
    }
    let result = match method.as_str() {
        "getme" if *state.refuse_token.lock().unwrap() => {
            return HttpResponse::Unauthorized().json(json!({
                "ok": false, "error_code": 401, "description": "Unauthorized"
            }));
        }
        "getchat" => {
            let id = chat.unwrap_or(0);
            state.get_chat_calls.lock().unwrap().push(id);
            let kind = if id < 0 { "supergroup" } else { "private" };
            json!({ "id": id, "type": kind, "title": "Staff", "first_name": "Admin",
                    "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": {
                        "unlimited_gifts": false, "limited_gifts": false, "unique_gifts": false,
                        "premium_subscription": false } })
        }
        "answercallbackquery" => {
            state.callback_answers.lock().unwrap().push(params.clone());
            json!(true)
        }
        "setmycommands" => {
            state.command_lists.lock().unwrap().push(params.clone());
            json!(true)
        }
        "getme" => json!({
            "id": 1, "is_bot": true, "first_name": "Secret House", "username": "secret_house_test_bot",
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false
        }),
        "getupdates" => {
            let offset = params["offset"].as_i64().unwrap_or(0);
            let pending: Vec<Value> = {
                let mut queue = state.updates.lock().unwrap();
                queue.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
                queue.iter().cloned().collect()
            };
            if pending.is_empty() {
                // A short long-poll, so the bot is not spinning and a stop is noticed quickly.
                actix_web::rt::time::sleep(Duration::from_millis(200)).await;
            }
            json!(pending)
        }
        "sendmessage" | "sendphoto" | "senddocument" | "editmessagetext" | "editmessagecaption" => {
            let delay = *state.send_delay.lock().unwrap();
            if !delay.is_zero() {
                actix_web::rt::time::sleep(delay).await;
            }
            let mut params = params.clone();
            params["method"] = json!(method);
            state.sent.lock().unwrap().push(params.clone());
            state.sent_at.lock().unwrap().push(Instant::now());
            json!({
                "message_id": 1000 + state.sent.lock().unwrap().len() as i64,
                "date": 1_700_000_000,
                "chat": { "id": params["chat_id"], "type": "private", "first_name": "Guest" },
                "from": { "id": 1, "is_bot": true, "first_name": "Secret House" },
                "text": params["text"],
            })
        }
        _ => json!(true),
    };
    HttpResponse::Ok().json(json!({ "ok": true, "result": result }))
}

impl FakeApiState {
    /// The failure this call must answer with, if any: an outage or a queued one for sends,
    /// a queued one for the method.
    fn take_failure(&self, method: &str) -> Option<Failure> {
        if let Some(failure) =
            self.method_failures.lock().unwrap().get_mut(method).and_then(VecDeque::pop_front)
        {
            return Some(failure);
        }
        if !matches!(
            method,
            "sendmessage" | "sendphoto" | "senddocument" | "editmessagetext" | "editmessagecaption"
        ) {
            return None;
        }
        let mut outage = self.outage.lock().unwrap();
        match *outage {
            Some((until, failure)) if Instant::now() < until => return Some(failure),
            Some(_) => *outage = None,
            None => {}
        }
        drop(outage);
        self.failures.lock().unwrap().pop_front()
    }
}

fn failure_response(failure: Failure) -> HttpResponse {
    match failure {
        Failure::RetryAfter(seconds) => HttpResponse::TooManyRequests().json(json!({
            "ok": false, "error_code": 429,
            "description": format!("Too Many Requests: retry after {seconds}"),
            "parameters": { "retry_after": seconds }
        })),
        Failure::Blocked => HttpResponse::Forbidden().json(json!({
            "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"
        })),
        Failure::Disconnect => HttpResponse::InternalServerError().body("<html>oops</html>"),
        Failure::BadGateway => HttpResponse::BadGateway().json(json!({
            "ok": false, "error_code": 502, "description": "Bad Gateway"
        })),
    }
}

/// The text fields of a multipart/form-data body (teloxide sends photos and documents this way):
/// numbers and JSON values are decoded, everything else kept as a string.
fn multipart_fields(body: &[u8], boundary: &str) -> Value {
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text.split(&format!("--{boundary}")) {
        let Some((headers, value)) = part.split_once("\r\n\r\n") else { continue };
        let Some(name) = headers.split("name=\"").nth(1).and_then(|rest| rest.split('"').next()) else {
            continue;
        };
        let value = value.trim_end_matches("\r\n");
        let decoded = serde_json::from_str::<Value>(value)
            .ok()
            .filter(|v| v.is_number() || v.is_object() || v.is_array())
            .unwrap_or_else(|| Value::String(value.to_owned()));
        fields.insert(name.to_owned(), decoded);
    }
    Value::Object(fields)
}
