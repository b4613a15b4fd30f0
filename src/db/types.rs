//! How domain types are stored: statuses as PostgreSQL enums, money as NUMERIC(12,2), tariff ids
//! as text. Kept here so `domain` stays free of sqlx.

use rust_decimal::{Decimal, prelude::ToPrimitive};
use sqlx::{
    Decode, Encode, Postgres, Type,
    encode::IsNull,
    error::BoxDynError,
    postgres::{PgArgumentBuffer, PgHasArrayType, PgTypeInfo, PgValueRef},
};

use crate::{
    db::gifts::GiftStatus,
    domain::{
        booking::{BookingStatus, ReceiptKind},
        money::Money,
        promo::PromoKind,
        tariff::TariffId,
    },
};

/// A Rust enum stored as a PostgreSQL enum through its text form.
macro_rules! pg_text_enum {
    ($rust:ty, $pg:literal) => {
        impl Type<Postgres> for $rust {
            fn type_info() -> PgTypeInfo {
                PgTypeInfo::with_name($pg)
            }
        }
        impl PgHasArrayType for $rust {
            fn array_type_info() -> PgTypeInfo {
                PgTypeInfo::with_name(concat!("_", $pg))
            }
        }
        impl Encode<'_, Postgres> for $rust {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <&str as Encode<Postgres>>::encode(self.as_str(), buf)
            }
        }
        impl<'r> Decode<'r, Postgres> for $rust {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<Postgres>>::decode(value)?.parse::<$rust>()?)
            }
        }
    };
}

pg_text_enum!(BookingStatus, "booking_status");
pg_text_enum!(ReceiptKind, "receipt_kind");
pg_text_enum!(GiftStatus, "gift_status");
pg_text_enum!(PromoKind, "promo_kind");

impl Type<Postgres> for TariffId {
    fn type_info() -> PgTypeInfo {
        <String as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for TariffId {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <&str as Encode<Postgres>>::encode(self.as_str(), buf)
    }
}

impl<'r> Decode<'r, Postgres> for TariffId {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(<&str as Decode<Postgres>>::decode(value)?.parse::<TariffId>()?)
    }
}

impl Type<Postgres> for Money {
    fn type_info() -> PgTypeInfo {
        <Decimal as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for Money {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <Decimal as Encode<Postgres>>::encode(Decimal::new(self.kopecks(), 2), buf)
    }
}

impl<'r> Decode<'r, Postgres> for Money {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        let decimal = <Decimal as Decode<Postgres>>::decode(value)?;
        let kopecks = (decimal * Decimal::ONE_HUNDRED).trunc();
        if kopecks != decimal * Decimal::ONE_HUNDRED {
            return Err(format!("{decimal} has more than two decimals").into());
        }
        kopecks.to_i64().map(Money::from_kopecks).ok_or_else(|| format!("{decimal} is out of range").into())
    }
}
