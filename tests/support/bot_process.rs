//! The real binary as a child process against the fake Bot API: started with a clean
//! environment, its output kept in files, killed and reaped however the test ends.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

pub const BINARY: &str = env!("CARGO_BIN_EXE_secret-house-bot");
/// Shaped like a real token (`<id>:<35 characters>`); it must never show up in the logs.
pub const TOKEN: &str = "123456:AAH-smoke-test-secret-token-0123456";

pub struct BotProcess {
    child: Option<Child>,
    logs: tempfile::TempDir,
    runs: u32,
}

impl BotProcess {
    /// Starts the bot with `TELOXIDE_API_URL`, `DATABASE_URL`, the session store in `store`,
    /// a 1 s long poll, and `extra` variables.
    pub fn start(api_url: &str, database_url: &str, store: &Path, extra: &[(&str, String)]) -> Self {
        let mut process = Self { child: None, logs: tempfile::tempdir().expect("temp dir"), runs: 0 };
        process.spawn(api_url, database_url, store, extra);
        process
    }

    /// Starts it again (after a kill) with the same settings, appending to the same logs.
    pub fn spawn(&mut self, api_url: &str, database_url: &str, store: &Path, extra: &[(&str, String)]) {
        assert!(self.child.is_none(), "the previous run is still there");
        self.runs += 1;
        let log = |name: &str| {
            std::fs::OpenOptions::new().create(true).append(true).open(self.logs.path().join(name)).unwrap()
        };
        let mut command = Command::new(BINARY);
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", api_url)
            .env("DATABASE_URL", database_url)
            .env("BOT__SESSIONS__PATH", store)
            .env("BOT__TELEGRAM__POLLING_TIMEOUT", "1s")
            .env("RUST_LOG", "info")
            .stdout(Stdio::from(log("out")))
            .stderr(Stdio::from(log("err")));
        for (key, value) in extra {
            command.env(key, value);
        }
        self.child = Some(command.spawn().expect("start the bot"));
    }

    pub fn pid(&self) -> i32 {
        self.child.as_ref().expect("running").id() as i32
    }

    /// Sends `signal` (SIGTERM, SIGKILL) to the bot.
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on the pid of a child we own and have not reaped yet.
        let rc = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(rc, 0, "signal delivered");
    }

    /// Waits for the bot to exit; `None` if it is still running after `timeout`.
    pub fn wait(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.as_mut().expect("running").try_wait().expect("poll child") {
                self.child = None;
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// kill -9 and reap.
    pub fn kill9(&mut self) {
        self.signal(libc::SIGKILL);
        self.wait(Duration::from_secs(10)).expect("killed");
    }

    /// Everything the bot printed so far (stdout and stderr, all runs).
    pub fn logs(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.logs.path().join(name)).unwrap_or_default();
        read("out") + &read("err")
    }

    /// Waits until the logs contain `needle`.
    pub fn wait_for_log(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.logs().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub fn log_dir(&self) -> PathBuf {
        self.logs.path().to_owned()
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
