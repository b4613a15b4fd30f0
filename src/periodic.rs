//! The one loop behind every background task that runs on a period (jobs, the dialogue sweeper,
//! the database probe): a tick, then the next after `period`, until shutdown. A tick is awaited
//! before the next one starts, so a slow run never overlaps itself; shutdown waits for the tick
//! in progress, never for the next period.

use std::{future::Future, time::Duration};

use tokio::{task::JoinHandle, time::MissedTickBehavior};
use tokio_util::sync::CancellationToken;

/// When the first tick runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum First {
    /// At once (a job that should catch up right after a start).
    Now,
    /// After one period (what start-up already did once).
    AfterPeriod,
}

/// Spawns `tick` every `period` until `stop` is cancelled.
pub fn spawn_every<F, Fut>(
    period: Duration,
    first: First,
    stop: CancellationToken,
    mut tick: F,
) -> JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(period);
        // After a long tick, go on at the period instead of catching up with a burst.
        ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
        if first == First::AfterPeriod {
            ticker.tick().await;
        }
        loop {
            tokio::select! {
                () = stop.cancelled() => break,
                _ = ticker.tick() => tick().await,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    };

    use super::*;

    async fn ticks_within(first: First, elapsed: Duration) -> u32 {
        let count = Arc::new(AtomicU32::new(0));
        let stop = CancellationToken::new();
        let counter = count.clone();
        let task = spawn_every(Duration::from_secs(60), first, stop.clone(), move || {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        tokio::time::sleep(elapsed).await;
        stop.cancel();
        task.await.unwrap();
        count.load(Ordering::SeqCst)
    }

    #[tokio::test(start_paused = true)]
    async fn ticks_on_the_period_from_the_chosen_start_and_stop_on_cancel() {
        assert_eq!(ticks_within(First::Now, Duration::from_secs(150)).await, 3, "0, 60, 120 s");
        assert_eq!(ticks_within(First::AfterPeriod, Duration::from_secs(150)).await, 2, "60, 120 s");
        assert_eq!(ticks_within(First::AfterPeriod, Duration::from_secs(30)).await, 0);
    }
}
