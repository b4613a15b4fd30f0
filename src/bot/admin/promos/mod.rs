//! The admins' promo codes (SPEC §6): `/promo_new` creates one step by step, `/promo_list` shows
//! the active ones with Deactivate.

pub(in crate::bot) mod list;
pub(in crate::bot) mod new;
mod screens;

pub use new::{PromoDraft, PromoStep, UseLimit};

use crate::bot::callback::{CallbackData, PromoPress};

/// Presses that belong to a list message (any state), not to the creation steps.
#[must_use]
pub fn is_list_press(data: CallbackData) -> bool {
    matches!(data, CallbackData::Promo(PromoPress::Deactivate(_) | PromoPress::Page(_)))
}
