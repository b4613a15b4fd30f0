//! The pure core: tariffs, prices, prepayment, time rules, availability, contacts, promo codes.
//! No I/O, no teloxide, no sqlx; every number comes from the catalog (`config/`).

pub mod availability;
pub mod booking;
pub mod codes;
pub mod contact;
pub mod money;
pub mod moving;
pub mod periods;
pub mod prepayment;
pub mod pricing;
pub mod promo;
pub mod promo_input;
pub mod stay_jobs;
pub mod stay_options;
pub mod tariff;
pub mod tariff_rules;
