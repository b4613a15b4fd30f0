//! What an admin types when creating a promo code (`/promo_new`), checked: the code's name, the
//! validity window ("01.06.2030 – 30.06.2030"), the discount and the maximum number of uses.

use chrono::NaiveDate;

/// Why a typed value is refused (each has its own explanation in the bot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromoInputError {
    /// Not 3–30 letters, digits, `-` or `_`.
    BadCode,
    /// Not `dd.mm.yyyy` or `dd.mm.yyyy – dd.mm.yyyy`.
    BadDates,
    /// The window ends before it starts.
    DatesReversed,
    /// The window is over already.
    DatesPast,
    /// Not a whole number 1–100.
    BadPercent,
    /// Not a whole number 1–100000.
    BadMaxUses,
}

/// A code as stored: lower case, 3–30 of `a–z 0–9 - _` (Cyrillic letters too: guests type
/// what they are given).
pub fn code(text: &str) -> Result<String, PromoInputError> {
    let code = text.trim().to_lowercase();
    let length = code.chars().count();
    let allowed = code.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if (3..=30).contains(&length) && allowed { Ok(code) } else { Err(PromoInputError::BadCode) }
}

/// One day, or two separated by a dash of any width; the window must not be over by `today`.
pub fn window(text: &str, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), PromoInputError> {
    let day =
        |s: &str| NaiveDate::parse_from_str(s.trim(), "%d.%m.%Y").map_err(|_| PromoInputError::BadDates);
    let parts: Vec<&str> = text.split(['-', '–', '—']).collect();
    let (from, to) = match parts.as_slice() {
        [one] => (day(one)?, day(one)?),
        [from, to] => (day(from)?, day(to)?),
        _ => return Err(PromoInputError::BadDates),
    };
    if to < from {
        return Err(PromoInputError::DatesReversed);
    }
    if to < today {
        return Err(PromoInputError::DatesPast);
    }
    Ok((from, to))
}

pub fn percent(text: &str) -> Result<u32, PromoInputError> {
    let text = text.trim().trim_end_matches('%').trim();
    text.parse().ok().filter(|p| (1..=100).contains(p)).ok_or(PromoInputError::BadPercent)
}

pub fn max_uses(text: &str) -> Result<u32, PromoInputError> {
    text.trim().parse().ok().filter(|n| (1..=100_000).contains(n)).ok_or(PromoInputError::BadMaxUses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn codes_are_short_words_stored_lower_case() {
        assert_eq!(code(" Summer_30 "), Ok("summer_30".into()));
        assert_eq!(code("ЛЕТО_2030"), Ok("лето_2030".into()));
        for bad in ["ab", "two words", "50%", &"x".repeat(31), ""] {
            assert_eq!(code(bad), Err(PromoInputError::BadCode), "{bad:?}");
        }
    }

    #[test]
    fn windows_read_one_or_two_days_and_must_not_be_over() {
        let today = day("2030-05-10");
        assert_eq!(window("01.06.2030 - 30.06.2030", today), Ok((day("2030-06-01"), day("2030-06-30"))));
        assert_eq!(window("01.06.2030–30.06.2030", today), Ok((day("2030-06-01"), day("2030-06-30"))));
        assert_eq!(window("12.05.2030", today), Ok((day("2030-05-12"), day("2030-05-12"))));
        assert_eq!(
            window("01.05.2030 — 10.05.2030", today),
            Ok((day("2030-05-01"), day("2030-05-10"))),
            "ends today"
        );
        assert_eq!(window("30.06.2030 - 01.06.2030", today), Err(PromoInputError::DatesReversed));
        assert_eq!(window("01.04.2030 - 09.05.2030", today), Err(PromoInputError::DatesPast));
        for bad in ["June", "2030-06-01", "31.02.2030", "01.06.2030 - 02.06.2030 - 03.06.2030"] {
            assert_eq!(window(bad, today), Err(PromoInputError::BadDates), "{bad:?}");
        }
    }

    #[test]
    fn percent_and_uses_are_bounded_whole_numbers() {
        assert_eq!((percent("15"), percent("100 %"), percent("1")), (Ok(15), Ok(100), Ok(1)));
        for bad in ["0", "101", "12.5", "ten", "-5"] {
            assert_eq!(percent(bad), Err(PromoInputError::BadPercent), "{bad:?}");
        }
        assert_eq!(max_uses(" 20 "), Ok(20));
        for bad in ["0", "100001", "many"] {
            assert_eq!(max_uses(bad), Err(PromoInputError::BadMaxUses), "{bad:?}");
        }
    }
}
