//! Entry point: settings → logging → `startup::run`. Start-up errors are one line on stderr.
//! `secret-house-bot price …` prints a price breakdown instead (no token needed); `--help` and
//! `--version` answer without starting anything.

use std::process::ExitCode;

use secret_house_bot::{cli, health, settings::Settings, startup, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("price") => return cli::price_command(&args[1..]).await,
        Some("--help" | "-h" | "help") => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Some("healthcheck") => {
            return match Settings::load().map_err(|e| e.to_string()).and_then(|s| health::check(&s)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(reason) => fail(&reason, 1),
            };
        }
        Some("--version" | "-V") => {
            println!("secret-house-bot {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Some(other) => return fail(&format!("unknown argument {other:?}; see --help"), 2),
        None => {}
    }
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => return fail(&error, 2),
    };
    // Checked before anything connects, so a missing token fails fast and says so.
    if let Err(error) = settings.telegram.token() {
        return fail(&error, 2);
    }
    telemetry::init(settings.log.format);
    match startup::run(settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error, 1),
    }
}

fn fail(error: &dyn std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("secret-house-bot: {error}");
    ExitCode::from(code)
}
