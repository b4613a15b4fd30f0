//! `secret-house-bot price …`: the price breakdown the bot shows, for support and the manual
//! testing guide. Needs no token and no database (a promo *code* is looked up in the database
//! when `DATABASE_URL` is reachable; `--promo 10%` applies a percent directly).

use std::process::ExitCode;

use chrono::NaiveDateTime;

use crate::{
    catalog::{Catalog, Stay},
    domain::{
        pricing::{BaseKind, PriceBreakdown},
        tariff::{Extra, Extras, TariffId},
        tariff_rules::check_stay,
    },
    settings::Settings,
};

/// `secret-house-bot --help`.
pub const USAGE: &str = "\
The Secret House booking bot (Telegram).

usage:
  secret-house-bot                 run the bot (settings: config/default.toml, BOT_CONFIG_DIR/local.toml,
                                   BOT__SECTION__KEY variables; TELOXIDE_TOKEN and DATABASE_URL required)
  secret-house-bot price ...       print a price breakdown (see `secret-house-bot price --help`)
  secret-house-bot healthcheck     exit 0 while the running bot hears from Telegram (Docker healthcheck)
  secret-house-bot --version       print the version
  secret-house-bot --help          print this help

See README.md for every setting.
";

pub const PRICE_USAGE: &str = "usage: secret-house-bot price --tariff <day|day-for-couple|hours-12|worker|incognito-day|incognito-hours|incognito-worker> --from <YYYY-MM-DDTHH:MM> --to <YYYY-MM-DDTHH:MM> --guests N [--sauna] [--secret-room] [--second-bedroom] [--photoshoot] [--promo CODE|N%]";

/// The parsed command line of `price`.
#[derive(Debug, PartialEq, Eq)]
pub struct PriceArgs {
    pub tariff: TariffId,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub guests: u32,
    pub extras: Extras,
    pub promo: Option<String>,
}

pub fn parse_price_args(args: &[String]) -> Result<PriceArgs, String> {
    let (mut tariff, mut from, mut to, mut guests, mut promo) = (None, None, None, None, None);
    let mut extras = Extras::default();
    let mut args = args.iter();
    let time = |s: &str| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .map_err(|_| format!("{s:?} is not YYYY-MM-DDTHH:MM"))
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--tariff" => tariff = Some(value()?.parse::<TariffId>()?),
            "--from" => from = Some(time(value()?)?),
            "--to" => to = Some(time(value()?)?),
            "--guests" => {
                guests = Some(value()?.parse::<u32>().map_err(|_| "--guests takes a number".to_owned())?)
            }
            "--promo" => promo = Some(value()?.clone()),
            "--sauna" => extras.sauna = true,
            "--secret-room" => extras.secret_room = true,
            "--second-bedroom" => extras.second_bedroom = true,
            "--photoshoot" => extras.photoshoot = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let missing = |name: &str| format!("{name} is required");
    Ok(PriceArgs {
        tariff: tariff.ok_or_else(|| missing("--tariff"))?,
        from: from.ok_or_else(|| missing("--from"))?,
        to: to.ok_or_else(|| missing("--to"))?,
        guests: guests.ok_or_else(|| missing("--guests"))?,
        extras,
        promo,
    })
}

/// Runs `price`; the `promo_percent` resolver turns a code into a percent (database lookup).
pub async fn run_price(args: &[String], settings: &Settings) -> Result<String, String> {
    let args = parse_price_args(args)?;
    let catalog = Catalog::from_settings(settings).map_err(|e| e.to_string())?;
    let clock = settings.house_clock(chrono::Utc::now());
    let tariff = catalog.tariff(args.tariff);
    let instant = |t: NaiveDateTime| {
        clock.instant(t).ok_or_else(|| format!("{t} does not exist in the house time zone"))
    };
    let (start, end) = (instant(args.from)?, instant(args.to)?);
    check_stay(&tariff.rules, &clock, start, end, args.guests)
        .map_err(|reason| format!("refused: {reason}"))?;

    let promo_percent = match args.promo.as_deref() {
        None => None,
        Some(text) if text.ends_with('%') => Some(
            text.trim_end_matches('%')
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=100).contains(p))
                .ok_or("--promo N% takes 1–100")?,
        ),
        Some(code) => Some(
            crate::db::promos::percent_for_cli(settings, code, args.tariff, args.from.date(), &clock).await?,
        ),
    };
    let quote = catalog.quote(&Stay {
        tariff: args.tariff,
        start_date: args.from.date(),
        length: end - start,
        guests: args.guests,
        extras: args.extras,
        promo_percent,
        gift: None,
    });
    let (breakdown, prepayment, date_rule) = (&quote.breakdown, &quote.prepayment, quote.date_rule);
    let hours = breakdown.hours;
    let mut out = format!(
        "tariff: {} ({}), {} price list\nstay: {} – {} ({} h), {} guests\n",
        tariff.rules.name_en,
        tariff.id(),
        catalog.price_list.as_str(),
        args.from.format("%Y-%m-%d %H:%M"),
        args.to.format("%Y-%m-%d %H:%M"),
        hours,
        args.guests
    );
    out.push_str(&render(breakdown, date_rule.map(|r| r.name_en.as_str())));
    let holiday = prepayment.holiday.map(|h| format!(", {}", h.name_en)).unwrap_or_default();
    out.push_str(&format!("prepayment: {} ({}%{holiday})\n", prepayment.amount, prepayment.percent));
    Ok(out)
}

/// The breakdown, line by line, ending with `total: <amount>`.
#[must_use]
pub fn render(b: &PriceBreakdown, date_rule_name: Option<&str>) -> String {
    let base_note = match &b.base_kind {
        BaseKind::Standard => format!("{} h", b.hours),
        BaseKind::ExtraHours { extra } => format!("{} h, of which {extra} extra", b.hours),
        BaseKind::MultiDay { days: 1, extra } => format!("1 day + {extra} h"),
        BaseKind::MultiDay { days, extra } => format!("{days} days + {extra} h"),
        BaseKind::DateRule { .. } => format!("special price: {}", date_rule_name.unwrap_or("date rule")),
    };
    let mut out = format!("base: {} ({base_note})\n", b.base);
    for (extra, amount) in &b.extras {
        let name = match extra {
            Extra::Sauna => "sauna",
            Extra::SecretRoom => "secret room",
            Extra::SecondBedroom => "second bedroom",
            Extra::Photoshoot => "photoshoot",
        };
        out.push_str(&format!("{name}: {amount}\n"));
    }
    if let Some((count, amount)) = b.extra_guests {
        out.push_str(&format!("extra guests ({count}): {amount}\n"));
    }
    if let Some((percent, amount)) = b.discount {
        out.push_str(&format!("promo discount {percent}%: -{amount}\n"));
    }
    if let Some(credit) = b.gift_credit {
        out.push_str(&format!("gift certificate: -{credit}\n"));
    }
    out.push_str(&format!("total: {}\n", b.total));
    out
}

/// Entry from `main`: prints the breakdown, or the reason on stderr with exit code 1.
pub async fn price_command(args: &[String]) -> ExitCode {
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("secret-house-bot: {error}");
            return ExitCode::from(2);
        }
    };
    match run_price(args, &settings).await {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("secret-house-bot price: {reason}");
            if !reason.starts_with("refused") {
                eprintln!("{PRICE_USAGE}");
            }
            ExitCode::FAILURE
        }
    }
}
