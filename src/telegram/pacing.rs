//! One pacer for everything the bot sends (guest replies and the staff outbox), so the two
//! never add up past Telegram's limits: about one message a second per private chat (short
//! bursts are fine), about 20 a minute per group, about 30 a second for the whole bot.
//!
//! Each limit is a GCRA ("virtual scheduling") cell: a chat's *theoretical arrival time* moves
//! one interval forward per message, and a message may go while that time is at most
//! `burst - 1` intervals ahead of now. A 429 pushes the chat's time past `retry_after`.

use std::{collections::HashMap, sync::Mutex, time::Duration};

use tokio::time::Instant;

/// The limits, from `[telegram]` settings.
#[derive(Debug, Clone, Copy)]
pub struct Pacing {
    /// Minimum spacing of messages to one group chat (negative chat id).
    pub group: Duration,
    /// Sustained spacing of messages to one private chat…
    pub private: Duration,
    /// …after a burst of this many (a reply and a menu may go together).
    pub private_burst: u32,
    /// Messages a second for the whole bot (0 = no global limit).
    pub global_per_second: u32,
}

impl Pacing {
    /// No pacing at all (tests that are not about pacing).
    pub const NONE: Pacing =
        Pacing { group: Duration::ZERO, private: Duration::ZERO, private_burst: 1, global_per_second: 0 };

    fn cell_for(self, chat: i64) -> Cell {
        if chat < 0 { Cell::new(self.group, 1) } else { Cell::new(self.private, self.private_burst) }
    }

    fn global_cell(self) -> Option<Cell> {
        (self.global_per_second > 0)
            .then(|| Cell::new(Duration::from_secs(1) / self.global_per_second, self.global_per_second))
    }
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    interval: Duration,
    /// How far ahead of now the theoretical arrival time may be for a message to go.
    tolerance: Duration,
}

impl Cell {
    fn new(interval: Duration, burst: u32) -> Self {
        Self { interval, tolerance: interval * burst.max(1).saturating_sub(1) }
    }

    /// How long until a message may go, given the stored arrival time.
    fn wait(self, tat: Option<Instant>, now: Instant) -> Duration {
        let tat = tat.map_or(now, |t| t.max(now));
        tat.saturating_duration_since(now + self.tolerance)
    }

    /// The arrival time after a message sent at `at`.
    fn advance(self, tat: Option<Instant>, at: Instant) -> Instant {
        tat.map_or(at, |t| t.max(at)) + self.interval
    }
}

#[derive(Debug)]
pub struct Pacer {
    pacing: Pacing,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    chats: HashMap<i64, Instant>,
    global: Option<Instant>,
}

/// Chats whose arrival time is in the past are forgotten once the map grows this large.
const PRUNE_AT: usize = 10_000;

impl Pacer {
    #[must_use]
    pub fn new(pacing: Pacing) -> Self {
        Self { pacing, state: Mutex::new(State::default()) }
    }

    #[must_use]
    pub fn pacing(&self) -> Pacing {
        self.pacing
    }

    /// Books the next slot for a message to `chat` (`None`: a request that is not a message,
    /// such as answerCallbackQuery, which only counts globally) and returns how long to wait for
    /// it. Booking first keeps concurrent senders to one chat in order.
    pub fn reserve(&self, chat: Option<i64>) -> Duration {
        let now = Instant::now();
        let mut state = self.lock();
        let chat_wait =
            chat.map_or(Duration::ZERO, |c| self.pacing.cell_for(c).wait(state.chats.get(&c).copied(), now));
        let global_wait = self.pacing.global_cell().map_or(Duration::ZERO, |g| g.wait(state.global, now));
        let wait = chat_wait.max(global_wait);
        self.book(&mut state, chat, now + wait);
        wait
    }

    /// Books a slot for `chat` only if one is free now; otherwise says how long until one is
    /// (the outbox serves another chat meanwhile instead of waiting).
    pub fn try_reserve(&self, chat: i64) -> Result<(), Duration> {
        let now = Instant::now();
        let mut state = self.lock();
        let chat_wait = self.pacing.cell_for(chat).wait(state.chats.get(&chat).copied(), now);
        let global_wait = self.pacing.global_cell().map_or(Duration::ZERO, |g| g.wait(state.global, now));
        let wait = chat_wait.max(global_wait);
        if wait.is_zero() {
            self.book(&mut state, Some(chat), now);
            Ok(())
        } else {
            Err(wait)
        }
    }

    /// Telegram answered 429 for `chat`: nothing goes there for `retry_after`.
    pub fn pause(&self, chat: Option<i64>, retry_after: Duration) {
        let until = Instant::now() + retry_after;
        let mut state = self.lock();
        match chat {
            Some(chat) => {
                let cell = self.pacing.cell_for(chat);
                let paused = until + cell.tolerance;
                let tat = state.chats.entry(chat).or_insert(paused);
                *tat = (*tat).max(paused);
            }
            None => state.global = Some(state.global.map_or(until, |t| t.max(until))),
        }
    }

    fn book(&self, state: &mut State, chat: Option<i64>, at: Instant) {
        if let Some(chat) = chat {
            let cell = self.pacing.cell_for(chat);
            let next = cell.advance(state.chats.get(&chat).copied(), at);
            state.chats.insert(chat, next);
            if state.chats.len() > PRUNE_AT {
                let now = Instant::now();
                state.chats.retain(|_, tat| *tat > now);
            }
        }
        if let Some(global) = self.pacing.global_cell() {
            state.global = Some(global.advance(state.global, at));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacer(private_burst: u32) -> Pacer {
        Pacer::new(Pacing {
            group: Duration::from_secs(3),
            private: Duration::from_secs(1),
            private_burst,
            global_per_second: 0,
        })
    }

    #[tokio::test(start_paused = true)]
    async fn a_private_chat_gets_its_burst_then_one_a_second() {
        let pacer = pacer(3);
        let waits: Vec<_> = (0..5).map(|_| pacer.reserve(Some(7))).collect();
        assert_eq!(waits, [0, 0, 0, 1, 2].map(Duration::from_secs));
        assert_eq!(pacer.reserve(Some(8)), Duration::ZERO, "another chat is not held up");
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_is_strictly_spaced_and_try_reserve_books_nothing_when_busy() {
        let pacer = pacer(3);
        assert_eq!(pacer.try_reserve(-100), Ok(()));
        assert_eq!(pacer.try_reserve(-100), Err(Duration::from_secs(3)));
        assert_eq!(pacer.try_reserve(-100), Err(Duration::from_secs(3)), "a refusal books no slot");
        tokio::time::advance(Duration::from_secs(3)).await;
        assert_eq!(pacer.try_reserve(-100), Ok(()));
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_pauses_the_chat_for_retry_after() {
        let pacer = pacer(3);
        pacer.pause(Some(7), Duration::from_secs(5));
        assert_eq!(pacer.reserve(Some(7)), Duration::from_secs(5));
        assert_eq!(pacer.try_reserve(-1), Ok(()), "other chats go on");
    }

    #[tokio::test(start_paused = true)]
    async fn the_global_limit_spans_chats() {
        let pacer = Pacer::new(Pacing { global_per_second: 2, ..Pacing::NONE });
        let waits: Vec<_> = (1..=4).map(|chat| pacer.reserve(Some(chat))).collect();
        assert_eq!(waits, [0, 0, 500, 1000].map(Duration::from_millis));
    }
}
