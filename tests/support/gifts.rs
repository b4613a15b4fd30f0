//! Gift certificates for flow tests: one bought and approved directly in the database.

use chrono::{DateTime, Utc};
use secret_house_bot::{
    db::gifts::{self, Gift, NewGift},
    domain::{
        booking::ReceiptKind,
        money::Money,
        tariff::{Extras, TariffId},
    },
};
use sqlx::PgPool;

use super::{bot_env::ADMIN_ID, db_fixtures::user};

/// An approved certificate with `code` (stored form), bought by Telegram user `buyer`.
pub async fn active_gift(
    db: &PgPool,
    buyer: i64,
    (tariff, extras): (TariffId, Extras),
    code: &str,
    expires_at: DateTime<Utc>,
) -> Gift {
    let buyer = user(db, buyer).await;
    let new = NewGift {
        buyer_id: buyer.id,
        tariff,
        extras,
        price: Money::from_roubles(500),
        contact: Some("@buyer".into()),
        receipt_file_id: "receipt".into(),
        receipt_kind: ReceiptKind::Photo,
    };
    let gift = gifts::create(db, &new).await.unwrap();
    let mut conn = db.acquire().await.unwrap();
    gifts::approve_in(&mut conn, gift.id, code, expires_at, ADMIN_ID as i64).await.unwrap().unwrap()
}
