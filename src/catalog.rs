//! The house's business data, loaded once at start-up from `config/`: tariffs, the active price
//! list, holiday prepayment rules and date price rules. Each file is compiled in; a file of the
//! same name in the config directory replaces it (so the owner edits prices without a rebuild).
//! Every error names the file and the field.

use std::{
    collections::BTreeMap,
    fmt,
    path::{Path, PathBuf},
};

use serde::{Deserialize, de::DeserializeOwned};

use crate::{
    domain::{
        prepayment::{Prepayment, PrepaymentRules},
        pricing::{DatePriceRule, PriceBreakdown, PriceInput, date_rule_for, price, stay_hours},
        tariff::{Extras, Tariff, TariffId, TariffPrices, TariffRules},
    },
    settings::{PriceList, Settings},
};

const TARIFFS: (&str, &str) = ("tariffs.toml", include_str!("../config/tariffs.toml"));
const PRICES: (&str, &str) = ("prices.toml", include_str!("../config/prices.toml"));
const HOLIDAYS: (&str, &str) = ("holidays.toml", include_str!("../config/holidays.toml"));
const DATE_PRICES: (&str, &str) = ("date_prices.toml", include_str!("../config/date_prices.toml"));

#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct CatalogError {
    file: String,
    message: String,
}

/// Everything pricing and the pickers need, validated.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// In menu order.
    pub tariffs: Vec<Tariff>,
    pub price_list: PriceList,
    pub prepayment: PrepaymentRules,
    pub date_rules: Vec<DatePriceRule>,
    pub capacity: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TariffsFile {
    tariff: Vec<TariffRules>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PricesFile {
    // String keys, so an error path can name them (`regular.day.price`).
    regular: BTreeMap<String, TariffPrices>,
    sale: BTreeMap<String, TariffPrices>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatePricesFile {
    #[serde(default)]
    rule: Vec<DatePriceRule>,
}

impl Catalog {
    pub fn from_settings(settings: &Settings) -> Result<Self, CatalogError> {
        Self::load(&settings.config_dir, settings.pricing.price_list, settings.house.capacity)
    }

    pub fn load(config_dir: &Path, price_list: PriceList, capacity: u32) -> Result<Self, CatalogError> {
        let (tariffs_file, tariffs): (_, TariffsFile) = read(config_dir, TARIFFS)?;
        let (prices_file, prices): (_, PricesFile) = read(config_dir, PRICES)?;
        let (holidays_file, prepayment): (_, PrepaymentRules) = read(config_dir, HOLIDAYS)?;
        let (dates_file, dates): (_, DatePricesFile) = read(config_dir, DATE_PRICES)?;

        let fail = |file: &Location, message: String| CatalogError { file: file.to_string(), message };
        let mut list = match price_list {
            PriceList::Regular => prices.regular,
            PriceList::Sale => prices.sale,
        };
        if let Some(unknown) = list.keys().find(|key| key.parse::<TariffId>().is_err()) {
            return Err(fail(&prices_file, format!("{}.{unknown}: not a tariff", price_list.as_str())));
        }
        let mut seen = Vec::new();
        let mut resolved = Vec::new();
        for rules in tariffs.tariff {
            if seen.contains(&rules.id) {
                return Err(fail(&tariffs_file, format!("tariff {}: listed twice", rules.id)));
            }
            seen.push(rules.id);
            let prices = list.remove(rules.id.as_str()).ok_or_else(|| {
                fail(&prices_file, format!("{}.{}: missing", price_list.as_str(), rules.id))
            })?;
            let tariff = Tariff::new(rules, prices);
            // The check spans the tariff's rules and its prices: both files are named, so an
            // override of either one is not blamed on the other.
            tariff.validate(capacity).map_err(|message| CatalogError {
                file: format!("{tariffs_file} with {prices_file}"),
                message: format!("tariff {} ({} prices): {message}", tariff.id(), price_list.as_str()),
            })?;
            resolved.push(tariff);
        }
        if let Some(missing) = TariffId::ALL.into_iter().find(|id| !seen.contains(id)) {
            return Err(fail(&tariffs_file, format!("tariff {missing}: missing")));
        }
        prepayment.validate().map_err(|message| fail(&holidays_file, message))?;
        if let Some(rule) = dates.rule.iter().find(|r| r.from > r.to) {
            return Err(fail(&dates_file, format!("rule {}: `from` is after `to`", rule.id)));
        }
        Ok(Self { tariffs: resolved, price_list, prepayment, date_rules: dates.rule, capacity })
    }

    #[must_use]
    pub fn tariff(&self, id: TariffId) -> &Tariff {
        self.tariffs.iter().find(|t| t.id() == id).expect("load() checked every tariff is present")
    }

    /// Prices a stay exactly as every screen and the CLI show it: the tariff's extras normalised,
    /// the date rule and the prepayment chosen by the local start date.
    #[must_use]
    pub fn quote(&self, stay: &Stay) -> Quote<'_> {
        let tariff = self.tariff(stay.tariff);
        let date_rule = date_rule_for(&self.date_rules, stay.start_date);
        let breakdown = price(PriceInput {
            tariff,
            start_date: stay.start_date,
            hours: stay_hours(stay.length),
            guests: stay.guests,
            extras: tariff.rules.normalise(stay.extras),
            date_rule,
            promo_percent: stay.promo_percent,
            gift_credit: stay
                .gift
                .map(|covered| crate::domain::promo::certificate_value(tariff, covered, stay.start_date)),
        });
        let prepayment = self.prepayment.for_stay(stay.start_date, breakdown.total);
        Quote { breakdown, prepayment, date_rule }
    }
}

/// What a stay is priced from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stay {
    pub tariff: TariffId,
    /// The local (house time zone) date the stay starts on.
    pub start_date: chrono::NaiveDate,
    pub length: chrono::TimeDelta,
    pub guests: u32,
    pub extras: Extras,
    pub promo_percent: Option<u32>,
    /// The extras a gift certificate for this tariff covers: it pays for the tariff's standard
    /// stay with them, at today's prices; the rest (extra hours and guests, other extras, a date
    /// rule's surcharge) is what the guest owes.
    pub gift: Option<Extras>,
}

/// A priced stay.
#[derive(Debug, Clone)]
pub struct Quote<'a> {
    pub breakdown: PriceBreakdown,
    pub prepayment: Prepayment<'a>,
    pub date_rule: Option<&'a DatePriceRule>,
}

/// Where a file was read from: the config directory or the compiled-in default.
enum Location {
    Disk(PathBuf),
    Builtin(&'static str),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Disk(path) => write!(f, "{}", path.display()),
            Location::Builtin(name) => write!(f, "config/{name} (built in)"),
        }
    }
}

fn read<T: DeserializeOwned>(
    config_dir: &Path,
    (name, builtin): (&'static str, &'static str),
) -> Result<(Location, T), CatalogError> {
    let path = config_dir.join(name);
    let (location, text) = match std::fs::read_to_string(&path) {
        Ok(text) => (Location::Disk(path), text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            (Location::Builtin(name), builtin.to_owned())
        }
        Err(error) => {
            return Err(CatalogError { file: path.display().to_string(), message: error.to_string() });
        }
    };
    let parsed = toml::de::Deserializer::parse(&text)
        .map_err(|e| e.to_string())
        .and_then(|de| serde_path_to_error::deserialize(de).map_err(|e| describe(&e)));
    match parsed {
        Ok(value) => Ok((location, value)),
        Err(message) => Err(CatalogError { file: location.to_string(), message }),
    }
}

/// `regular.day.price: invalid type: …` on one line.
fn describe(error: &serde_path_to_error::Error<toml::de::Error>) -> String {
    let inner = error.inner().message().replace('\n', " ");
    match error.path().to_string().as_str() {
        "." | "" => inner,
        path => format!("{path}: {inner}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_with(file: &str, content: &str) -> Result<Catalog, CatalogError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(file), content).unwrap();
        Catalog::load(dir.path(), PriceList::Regular, 6)
    }

    #[test]
    fn the_built_in_files_load_for_both_price_lists() {
        for list in [PriceList::Regular, PriceList::Sale] {
            let catalog = Catalog::load(Path::new("/nonexistent"), list, 6).expect("built-in data is valid");
            assert_eq!(catalog.tariffs.len(), 7);
            assert_eq!(catalog.prepayment.holidays.len(), 14);
        }
    }

    #[test]
    fn errors_name_the_file_and_the_field() {
        let prices = PRICES.1.replacen("price = 700", "price = \"seven hundred\"", 1);
        let error = load_with("prices.toml", &prices).unwrap_err().to_string();
        assert!(error.contains("prices.toml") && error.contains("regular.day.price"), "{error}");

        let prices = PRICES.1.replacen("multi_day = [700, 1100", "multi_day = [700, 1000, 900", 1);
        let error = load_with("prices.toml", &prices).unwrap_err().to_string();
        assert!(error.contains("tariff day") && error.contains("multi_day"), "{error}");

        let tariffs = TARIFFS.1.replacen("sauna = \"optional\"", "sauna = \"maybe\"", 1);
        let error = load_with("tariffs.toml", &tariffs).unwrap_err().to_string();
        assert!(error.contains("tariffs.toml") && error.contains("tariff[0].sauna"), "{error}");

        let holidays = HOLIDAYS.1.replacen("date = \"12-31\"", "date = \"13-31\"", 1);
        let error = load_with("holidays.toml", &holidays).unwrap_err().to_string();
        assert!(error.contains("holidays.toml") && error.contains("holiday[0].date"), "{error}");

        let error = load_with("tariffs.toml", "tariff = []").unwrap_err().to_string();
        assert!(error.contains("missing"), "{error}");
    }
}
