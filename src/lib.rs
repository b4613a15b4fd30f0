//! The Secret House booking bot as a library: `main.rs` only wires these together, and the
//! integration tests drive the same pieces.

pub mod app;
pub mod bot;
pub mod broadcast;
pub mod catalog;
pub mod cli;
pub mod db;
pub mod domain;
pub mod health;
pub mod i18n;
pub mod jobs;
pub mod outbox;
pub mod periodic;
pub mod session;
pub mod settings;
pub mod startup;
pub mod store;
pub mod telegram;
pub mod telemetry;
