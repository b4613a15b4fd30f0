//! Codes handed to guests (a feedback reward's promo code; gift certificates next): long enough
//! not to be guessed, from an alphabet without look-alikes (no 0/o, 1/l/i), drawn from the
//! generator the caller passes — a CSPRNG in production (`rand::rng()`), a seeded one in tests.

use rand::Rng;

/// Lower-case letters and digits that cannot be mistaken for one another.
pub const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// `len` characters from [`ALPHABET`].
#[must_use]
pub fn random_code(rng: &mut impl Rng, len: usize) -> String {
    (0..len).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect()
}

#[cfg(test)]
mod tests {
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
}
