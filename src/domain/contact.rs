//! The contact a guest leaves on a booking: a Belarusian phone number or a Telegram username.
//! It is data only; guests are identified by their Telegram user id, never by this.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    #[error("not a Belarusian phone number (+375 and 9 digits)")]
    BadPhone,
    #[error("not a Telegram username (@ and 5–32 letters, digits or _)")]
    BadUsername,
}

impl Contact {
    /// Accepts `+375 (29) 123-45-67`, `375291234567`, `80291234567` (local trunk prefix) →
    /// `+375291234567`; and `@user_name` (5–32 of `[A-Za-z0-9_]`) → `@user_name`.
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let text = input.trim();
        if let Some(name) = text.strip_prefix('@') {
            let valid = (5..=32).contains(&name.len())
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            return if valid { Ok(Self(format!("@{name}"))) } else { Err(ContactError::BadUsername) };
        }
        let plus = text.starts_with('+');
        let body = text.strip_prefix('+').unwrap_or(text);
        if !body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')')) {
            return Err(ContactError::BadPhone);
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        let national = match (plus, digits.len()) {
            (_, 12) if digits.starts_with("375") => &digits[3..],
            (false, 11) if digits.starts_with("80") => &digits[2..],
            _ => return Err(ContactError::BadPhone),
        };
        Ok(Self(format!("+375{national}")))
    }

    /// A guest the staff took by hand: an optional name (≤ 100 characters) before the phone
    /// number or username, as [`Contact::parse`] takes it — `Анна, +375 29 123-45-67` →
    /// `Анна +375291234567`.
    pub fn parse_named(input: &str) -> Result<Self, ContactError> {
        let text = input.trim();
        let at = text.find(|c: char| c == '+' || c == '@' || c.is_ascii_digit()).unwrap_or(text.len());
        let (name, contact) = text.split_at(at);
        let contact = Self::parse(contact)?;
        let name = name.trim().trim_end_matches([',', ';', ':', '-', '—']).trim();
        if name.chars().count() > 100 {
            return Err(ContactError::BadPhone);
        }
        Ok(if name.is_empty() { contact } else { Self(format!("{name} {}", contact.0)) })
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_every_usual_form_normalise() {
        for input in
            ["+375291234567", "+375 (29) 123-45-67", " 375 29 1234567 ", "80291234567", "8 029 123 45 67"]
        {
            assert_eq!(Contact::parse(input).map(|c| c.0), Ok("+375291234567".into()), "{input}");
        }
    }

    #[test]
    fn wrong_phones_are_refused() {
        for input in
            ["+37529123456", "+3752912345678", "+48291234567", "291234567", "+375 29 123 45 6x", "", "+"]
        {
            assert_eq!(Contact::parse(input), Err(ContactError::BadPhone), "{input}");
        }
    }

    #[test]
    fn a_name_may_come_before_the_contact_of_a_guest_taken_by_hand() {
        for (input, stored) in [
            ("Анна, +375 29 123-45-67", "Анна +375291234567"),
            ("  Anna Smith — 80291234567 ", "Anna Smith +375291234567"),
            ("@Guest_42", "@Guest_42"),
            ("Иван @ivan_petrov", "Иван @ivan_petrov"),
        ] {
            assert_eq!(Contact::parse_named(input).map(|c| c.0), Ok(stored.into()), "{input}");
        }
        for input in ["Анна", "Анна +37529", "", &format!("{} +375291234567", "a".repeat(101))] {
            assert!(Contact::parse_named(input).is_err(), "{input}");
        }
    }

    #[test]
    fn usernames() {
        assert_eq!(Contact::parse("@Guest_42").map(|c| c.0), Ok("@Guest_42".into()));
        for input in ["@abcd", "@has space", "@кириллица", &format!("@{}", "a".repeat(33))] {
            assert_eq!(Contact::parse(input), Err(ContactError::BadUsername), "{input}");
        }
    }
}
