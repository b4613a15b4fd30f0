//! Helpers shared by the integration tests. Each test binary includes this with `mod support;`
//! and may use only part of it.
#![allow(dead_code)]

pub mod bot_env;
pub mod bot_process;
pub mod db_fixtures;
pub mod fake_api;
pub mod gifts;
pub mod logs;
pub mod staff;
pub mod tcp_proxy;
pub mod wizard;

use sqlx::{Connection, Executor, PgConnection};

/// The server `scripts/test.sh` prepared. Tests need a real PostgreSQL, never a mock.
pub fn database_url() -> String {
    std::env::var("DATABASE_URL")
        .expect("DATABASE_URL is not set: run the tests with scripts/test.sh, which provides PostgreSQL")
}

/// A fresh, empty database on the test server, dropped by [`TestDatabase::drop_now`].
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    pub async fn create(prefix: &str) -> Self {
        let name = format!("{prefix}_{}_{}", std::process::id(), rand::random::<u32>());
        let mut admin = PgConnection::connect(&database_url()).await.expect("connect to test server");
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
        let mut url = url::Url::parse(&database_url()).expect("DATABASE_URL is a URL");
        url.set_path(&name);
        Self { name, url: url.to_string() }
    }

    pub async fn drop_now(self) {
        let mut admin = PgConnection::connect(&database_url()).await.expect("connect to test server");
        admin
            .execute(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name).as_str())
            .await
            .expect("drop test database");
    }
}
