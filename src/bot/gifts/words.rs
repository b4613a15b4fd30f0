//! How a gift certificate is written, the same for the buyer, the admins and the guest who
//! redeems it: what it covers, and its code.

use teloxide::utils::html;

use crate::{
    app::App,
    bot::{
        approval::{person, when},
        info::extra_name,
    },
    db::gifts::Gift,
    domain::{
        codes::display_gift_code,
        tariff::{Extra, Extras, TariffId},
    },
    i18n::Lang,
    settings::Validity,
};

/// "«12 hours»: 12 h for 2 guests; sauna, secret room" (HTML).
#[must_use]
pub fn covers(app: &App, lang: Lang, tariff: TariffId, extras: Extras) -> String {
    let tariff = app.catalog.tariff(tariff);
    let extras = tariff.rules.normalise(extras);
    let names: Vec<String> =
        Extra::ALL.into_iter().filter(|e| extras.has(*e)).map(|e| extra_name(app, lang, e)).collect();
    app.texts.format(
        lang,
        "gift-covers",
        &[
            ("tariff", html::escape(tariff.rules.name(lang == Lang::Ru)).into()),
            ("hours", tariff.rules.duration_hours.into()),
            ("guests", tariff.rules.included_guests.into()),
            (
                "extras",
                if names.is_empty() { String::new() } else { format!("; {}", names.join(", ")) }.into(),
            ),
        ],
    )
}

/// How long a certificate stays valid after approval ("3 months"), from `gifts.valid_for`.
#[must_use]
pub fn validity(app: &App, lang: Lang) -> String {
    match app.settings.gifts.valid_for {
        Validity::Months(n) => app.texts.format(lang, "gift-valid-months", &[("n", n.into())]),
        Validity::Exactly(length) => {
            app.texts.format(lang, "gift-valid-days", &[("n", (length.as_secs() / 86_400).into())])
        }
    }
}

/// The certificate's code as guests type it ("ABCD-EFGH-JKMN"); "—" before approval.
#[must_use]
pub fn code(gift: &Gift) -> String {
    gift.code.as_deref().map_or_else(|| "—".to_owned(), display_gift_code)
}

/// The staff's view of a purchase (HTML): number, status, buyer, what it covers, price, and
/// code and expiry once approved.
#[must_use]
pub fn for_staff(app: &App, gift: &Gift, buyer: Option<&crate::db::users::User>) -> String {
    let lang = Lang::default();
    app.texts.format(
        lang,
        "admin-gift",
        &[
            ("id", gift.id.into()),
            ("status", app.texts.get(lang, &format!("gift-status-{}", gift.status.as_str())).into()),
            ("buyer", person(buyer).into()),
            ("contact", html::escape(gift.contact.as_deref().unwrap_or("—")).into()),
            ("covers", covers(app, lang, gift.tariff, gift.extras()).into()),
            ("price", app.money(gift.price).into()),
            ("code", code(gift).into()),
            ("expires", gift.expires_at.map_or_else(|| "—".to_owned(), |t| when(app, t)).into()),
        ],
    )
}
