//! "Change tariff" on a booking's details (`/bookings`): the tariffs → the price for the same
//! dates, guests and extras under the new tariff (the one pricing function, the booking's promo
//! code kept) next to the current one → "Change" → one guarded edit with its audit row, the
//! prepayment kept (never above the new price), the guest told in the same transaction. A
//! booking paid with a gift certificate keeps its tariff (the certificate is for that tariff).

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::{
    app::App,
    bot::{
        HandlerError,
        callback::{BookingsPress, CallbackData},
        layout::Screen,
    },
    catalog::Stay,
    db::{
        self, DbError,
        booking_changes::{self, Edit},
        bookings::Booking,
        outbox::NewNotice,
    },
    domain::{booking::Actor, money::Money, tariff::TariffId},
    i18n::Lang,
};

/// The booking's price under `tariff` (same dates, guests, extras and promo code).
async fn price_under(app: &App, booking: &Booking, tariff: TariffId) -> Result<Money, DbError> {
    let promo_percent = match booking.promocode_id {
        Some(id) => db::promos::percent_of(&app.db, id).await?,
        None => None,
    };
    let stay = Stay {
        tariff,
        start_date: app.clock().local(booking.starts_at).date(),
        length: booking.ends_at - booking.starts_at,
        guests: u32::try_from(booking.guests).unwrap_or(1),
        extras: booking.extras(),
        promo_percent,
        gift: None,
    };
    Ok(app.catalog.quote(&stay).breakdown.total)
}

fn back(app: &App, lang: Lang, id: i64) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(
        app.texts.get(lang, "admin-cancel-keep"),
        CallbackData::Bookings(BookingsPress::Open(id)).encode(),
    )
}

/// The other tariffs, or why the tariff cannot change.
pub(super) fn choices(app: &App, lang: Lang, booking: &Booking) -> Screen {
    if booking.gift_certificate_id.is_some() {
        return Screen {
            text: app.texts.get(lang, "admin-tariff-gift"),
            keyboard: InlineKeyboardMarkup::new([[back(app, lang, booking.id)]]),
        };
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = app
        .catalog
        .tariffs
        .iter()
        .filter(|t| t.id() != booking.tariff)
        .map(|t| {
            let data = CallbackData::Bookings(BookingsPress::Tariff { booking: booking.id, tariff: t.id() });
            vec![InlineKeyboardButton::callback(t.rules.name(lang == Lang::Ru).to_owned(), data.encode())]
        })
        .collect();
    rows.push(vec![back(app, lang, booking.id)]);
    let text = app.texts.format(lang, "admin-tariff-pick", &[("id", booking.id.into())]);
    Screen { text, keyboard: InlineKeyboardMarkup::new(rows) }
}

/// The price now and under `tariff`, with "Change".
pub(super) async fn confirm(
    app: &App,
    lang: Lang,
    booking: &Booking,
    tariff: TariffId,
) -> Result<Screen, HandlerError> {
    let new_price = price_under(app, booking, tariff).await?;
    let name = |id: TariffId| app.catalog.tariff(id).rules.name(lang == Lang::Ru).to_owned();
    let text = app.texts.format(
        lang,
        "admin-tariff-confirm",
        &[
            ("id", booking.id.into()),
            ("old_tariff", name(booking.tariff).into()),
            ("new_tariff", name(tariff).into()),
            ("old_price", app.money(booking.price).into()),
            ("new_price", app.money(new_price).into()),
            ("prepayment", app.money(booking.prepayment.min(new_price)).into()),
        ],
    );
    let change = InlineKeyboardButton::callback(
        app.texts.get(lang, "admin-tariff-change"),
        CallbackData::Bookings(BookingsPress::TariffConfirmed { booking: booking.id, tariff }).encode(),
    );
    Ok(Screen { text, keyboard: InlineKeyboardMarkup::new([vec![change, back(app, lang, booking.id)]]) })
}

/// Applies the change (priced again now) and tells the guest, in one transaction.
pub(super) async fn apply(
    app: &App,
    booking: &Booking,
    tariff: TariffId,
    admin: i64,
) -> Result<Booking, DbError> {
    if booking.gift_certificate_id.is_some() {
        return Err(DbError::Unchanged);
    }
    let price = price_under(app, booking, tariff).await?;
    let mut tx = app.db.begin().await?;
    let edit = Edit::Tariff { tariff, price, prepayment: booking.prepayment };
    let after =
        booking_changes::edit_in(&mut tx, booking.id, edit, Actor::Admin { telegram_id: admin }).await?;
    let owner = db::users::owner(&mut *tx, after.owner_id).await?;
    if let Some((chat, lang)) = owner.and_then(|o| Some((o.chat_id?, Lang::from_code(&o.language)))) {
        let text = app.texts.format(
            lang,
            "guest-tariff-changed",
            &[
                ("id", after.id.into()),
                ("tariff", app.catalog.tariff(tariff).rules.name(lang == Lang::Ru).to_owned().into()),
                ("price", app.money(after.price).into()),
                ("prepayment", app.money(after.prepayment).into()),
            ],
        );
        db::outbox::enqueue(&mut tx, &NewNotice::text(chat, text, Some(after.id))).await?;
    }
    tx.commit().await?;
    Ok(after)
}
