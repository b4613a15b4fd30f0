//! The wizard's gift certificate step (SPEC §2.2): the typed code is checked exactly (case,
//! spaces and dashes aside); every refusal says why without hinting at near misses; five wrong
//! codes in ten minutes pause the guest's tries (guessing defence, counted in PostgreSQL so a
//! restart does not reset it).

use chrono::{Duration, Utc};

use super::{AppliedGift, Draft};
use crate::{
    app::App,
    bot::{HandlerError, gifts::words},
    db::{gift_attempts, gifts},
    domain::codes::normalise_gift_code,
    i18n::Lang,
};

/// Wrong codes allowed within [`WINDOW`] before the pause.
const WRONG_LIMIT: usize = 5;
const WINDOW: Duration = Duration::minutes(10);

/// A code the guest typed, checked: the draft for the certificate's tariff and a notice saying
/// what it covers, or the refusal to show (already formatted).
pub(super) async fn check(
    app: &App,
    lang: Lang,
    (telegram_id, user_id): (i64, i64),
    draft: &Draft,
    typed: &str,
) -> Result<Result<(Draft, String), String>, HandlerError> {
    let now = Utc::now();
    let wrong = gift_attempts::since(&app.db, telegram_id, now - WINDOW).await?;
    if wrong.len() >= WRONG_LIMIT {
        // Free again once fewer than five wrong codes lie within the last ten minutes.
        let free_at = wrong[wrong.len() - WRONG_LIMIT] + WINDOW;
        let minutes = ((free_at - now).num_seconds().max(1) + 59) / 60;
        tracing::warn!(telegram_id, "gift code tries paused after repeated wrong codes");
        return Ok(Err(app.texts.format(lang, "gift-code-pause", &[("minutes", minutes.into())])));
    }
    let Some(code) = normalise_gift_code(typed) else {
        // Not even shaped like a code (a sentence, an emoji): explained, not counted as a guess.
        return Ok(Err(app.texts.get(lang, "gift-code-unknown")));
    };
    match gifts::redeemable(&app.db, &code, user_id, now).await? {
        Ok(gift) => {
            let applied = AppliedGift { id: gift.id, code, extras: gift.extras() };
            let notice = app.texts.format(
                lang,
                "gift-code-accepted",
                &[("covers", words::covers(app, lang, gift.tariff, gift.extras()).into())],
            );
            Ok(Ok((draft.for_gift(gift.tariff, applied), notice)))
        }
        Err(refusal) => {
            gift_attempts::record(&app.db, telegram_id).await?;
            tracing::info!(telegram_id, ?refusal, "a gift code was refused");
            Ok(Err(app.texts.get(lang, crate::bot::wording::gift_refusal(refusal))))
        }
    }
}
