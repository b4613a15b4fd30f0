//! Codes handed to guests: a feedback reward's promo code and gift certificate codes. Long enough
//! not to be guessed, from an alphabet without look-alikes (no 0/o, 1/l/i), drawn from the
//! generator the caller passes — the OS CSPRNG or a CSPRNG seeded from it in production, a seeded
//! one in tests.

use rand::{Rng, TryRngCore, rngs::OsRng};

/// Lower-case letters and digits that cannot be mistaken for one another.
pub const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Characters of a gift certificate code: 31¹² ≈ 8·10¹⁷ codes, against five guesses per ten
/// minutes per guest.
pub const GIFT_CODE_LEN: usize = 12;

/// `len` characters from [`ALPHABET`].
#[must_use]
pub fn random_code(rng: &mut impl Rng, len: usize) -> String {
    (0..len).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect()
}

/// A new gift certificate code from the operating system's CSPRNG, stored upper-case.
#[must_use]
pub fn new_gift_code() -> String {
    gift_code_from(&mut OsRng.unwrap_err())
}

/// A gift certificate code from `rng` (tests pass a seeded one).
#[must_use]
pub fn gift_code_from(rng: &mut impl Rng) -> String {
    random_code(rng, GIFT_CODE_LEN).to_uppercase()
}

/// A typed certificate code as stored: case, spaces and dashes do not matter ("abcd-efgh jkmn"
/// is "ABCDEFGHJKMN"). `None` for text that cannot be a code at all (other characters, or far
/// too long), so the database is never asked about it.
#[must_use]
pub fn normalise_gift_code(typed: &str) -> Option<String> {
    // Phones turn a typed "-" into a dash of another width; all of them separate groups.
    let separator = |c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '—' | '−' | '_');
    let code: String = typed
        .chars()
        .filter(|c| !separator(*c))
        .collect::<String>()
        .to_uppercase()
        .chars()
        .map(latin)
        .collect();
    let plausible = !code.is_empty() && code.len() <= 32 && code.bytes().all(|b| b.is_ascii_alphanumeric());
    plausible.then_some(code)
}

/// A Cyrillic capital that looks like a Latin one (a code typed on a Russian keyboard layout,
/// or autocorrected) read as that Latin letter.
fn latin(c: char) -> char {
    const LOOK_ALIKES: [(char, char); 11] = [
        ('А', 'A'),
        ('В', 'B'),
        ('С', 'C'),
        ('Е', 'E'),
        ('Н', 'H'),
        ('К', 'K'),
        ('М', 'M'),
        ('Р', 'P'),
        ('Т', 'T'),
        ('Х', 'X'),
        ('У', 'Y'),
    ];
    LOOK_ALIKES.iter().find(|(cyrillic, _)| *cyrillic == c).map_or(c, |(_, latin)| *latin)
}

/// A stored code as guests read it: groups of four, "ABCD-EFGH-JKMN".
#[must_use]
pub fn display_gift_code(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn codes_use_only_the_alphabet_and_differ() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let codes: std::collections::HashSet<String> = (0..1000).map(|_| random_code(&mut rng, 10)).collect();
        assert_eq!(codes.len(), 1000, "no repeats in a thousand");
        assert!(codes.iter().all(|c| c.len() == 10 && c.bytes().all(|b| ALPHABET.contains(&b))));
        for look_alike in [b'0', b'o', b'1', b'l', b'i'] {
            assert!(!ALPHABET.contains(&look_alike));
        }
    }

    #[test]
    fn gift_codes_are_long_upper_case_and_from_the_os() {
        let codes: std::collections::HashSet<String> = (0..200).map(|_| new_gift_code()).collect();
        assert_eq!(codes.len(), 200);
        for code in &codes {
            assert_eq!(code.len(), GIFT_CODE_LEN);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b.to_ascii_lowercase())), "{code}");
            assert!(!code.contains(['O', '0', 'I', '1', 'L']), "{code}");
        }
    }

    #[test]
    fn typed_codes_ignore_case_spaces_and_dashes() {
        assert_eq!(normalise_gift_code(" abcd-efgh jkmn ").as_deref(), Some("ABCDEFGHJKMN"));
        assert_eq!(normalise_gift_code("abcd–efgh—jkmn").as_deref(), Some("ABCDEFGHJKMN"), "phone dashes");
        assert_eq!(
            normalise_gift_code("КМНР-2345-авсе").as_deref(),
            Some("KMHP2345ABCE"),
            "Cyrillic look-alikes"
        );
        assert_eq!(normalise_gift_code("DROP TABLE;"), None);
        assert_eq!(normalise_gift_code(" - "), None);
        assert_eq!(normalise_gift_code(&"A".repeat(40)), None);
        assert_eq!(display_gift_code("ABCDEFGHJKMN"), "ABCD-EFGH-JKMN");
    }

    proptest! {
        #[test]
        fn a_displayed_code_reads_back_as_itself(seed in any::<u64>()) {
            let code = gift_code_from(&mut rand::rngs::StdRng::seed_from_u64(seed));
            let shown = display_gift_code(&code);
            prop_assert_eq!(normalise_gift_code(&shown), Some(code.clone()));
            prop_assert_eq!(normalise_gift_code(&shown.to_lowercase().replace('-', " ")), Some(code));
        }
    }
}
