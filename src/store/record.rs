//! One line of the log or the snapshot: `<crc32 as 8 hex digits> <json>\n`.
//!
//! The JSON stays readable (`{"op":"set","key":"dialogue:42","exp":1767225600000,"val":{…}}`,
//! `{"op":"del","key":"dialogue:42"}`), and the checksum covers exactly the JSON bytes, so a torn
//! or flipped line is always detected. Expiry is absolute (unix milliseconds), so replaying an old
//! log after downtime expires entries correctly.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

/// A decoded record, borrowing from the line it came from.
#[derive(Debug)]
pub enum Record<'a> {
    Set {
        key: Cow<'a, str>,
        exp: i64,
        val: &'a RawValue,
    },
    Del {
        key: Cow<'a, str>,
    },
    /// First line of a snapshot: which log generation continues it.
    Snapshot {
        format: u32,
        log_generation: u64,
    },
    /// Last line of a snapshot: proves it was written completely.
    End {
        count: u64,
    },
}

/// The wire shape. serde cannot borrow a `RawValue` through an internally tagged enum, so the
/// line is read into this flat struct and checked into a [`Record`].
#[derive(Deserialize)]
struct Wire<'a> {
    op: &'a str,
    #[serde(borrow, default)]
    key: Option<Cow<'a, str>>,
    exp: Option<i64>,
    #[serde(borrow, default)]
    val: Option<&'a RawValue>,
    format: Option<u32>,
    log_generation: Option<u64>,
    count: Option<u64>,
}

impl<'a> Wire<'a> {
    fn into_record(self) -> Option<Record<'a>> {
        Some(match self.op {
            "set" => Record::Set { key: self.key?, exp: self.exp?, val: self.val? },
            "del" => Record::Del { key: self.key? },
            "snapshot" => Record::Snapshot { format: self.format?, log_generation: self.log_generation? },
            "end" => Record::End { count: self.count? },
            _ => return None,
        })
    }
}

/// Why a line could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum LineError {
    /// The checksum prefix is missing or not hex.
    Malformed,
    /// The JSON does not match its checksum: the line was damaged.
    Checksum,
    /// The checksum matches but the JSON is not a record (a bug or a foreign file).
    Json,
}

pub const SNAPSHOT_FORMAT: u32 = 1;

#[must_use]
pub fn encode_set(key: &str, expires_at_ms: i64, value: &RawValue) -> String {
    let key = serde_json::to_string(key).expect("a string always serialises");
    frame(&format!(r#"{{"op":"set","key":{key},"exp":{expires_at_ms},"val":{}}}"#, value.get()))
}

#[must_use]
pub fn encode_del(key: &str) -> String {
    let key = serde_json::to_string(key).expect("a string always serialises");
    frame(&format!(r#"{{"op":"del","key":{key}}}"#))
}

#[must_use]
pub fn encode_snapshot_header(log_generation: u64) -> String {
    frame(&format!(r#"{{"op":"snapshot","format":{SNAPSHOT_FORMAT},"log_generation":{log_generation}}}"#))
}

#[must_use]
pub fn encode_snapshot_end(count: u64) -> String {
    frame(&format!(r#"{{"op":"end","count":{count}}}"#))
}

/// Decodes one line (without its trailing newline).
pub fn decode(line: &[u8]) -> Result<Record<'_>, LineError> {
    let (crc_hex, json) = match line.split_first_chunk::<8>() {
        Some((crc, rest)) if rest.first() == Some(&b' ') => (crc, &rest[1..]),
        _ => return Err(LineError::Malformed),
    };
    // Exactly the form `frame` writes (lowercase), so a flipped case bit is damage too.
    if !crc_hex.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(LineError::Malformed);
    }
    let crc_text = std::str::from_utf8(crc_hex).map_err(|_| LineError::Malformed)?;
    let expected = u32::from_str_radix(crc_text, 16).map_err(|_| LineError::Malformed)?;
    if crc32fast::hash(json) != expected {
        return Err(LineError::Checksum);
    }
    let json = std::str::from_utf8(json).map_err(|_| LineError::Json)?;
    let wire: Wire<'_> = serde_json::from_str(json).map_err(|_| LineError::Json)?;
    wire.into_record().ok_or(LineError::Json)
}

fn frame(json: &str) -> String {
    format!("{:08x} {json}\n", crc32fast::hash(json.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> Box<RawValue> {
        RawValue::from_string(json.to_owned()).unwrap()
    }

    #[test]
    fn set_round_trips_with_awkward_keys_and_values() {
        let value = raw(r#"{"name":"Анна \"Q\"\n","n":[1,2]}"#);
        let line = encode_set("dialogue:-100\"x", 1_700_000_000_123, &value);
        assert!(line.ends_with('\n'));
        match decode(line.trim_end_matches('\n').as_bytes()).unwrap() {
            Record::Set { key, exp, val } => {
                assert_eq!(key, "dialogue:-100\"x");
                assert_eq!(exp, 1_700_000_000_123);
                assert_eq!(val.get(), value.get());
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn every_single_byte_flip_is_detected() {
        let line = encode_set("k", 5, &raw(r#"{"a":1}"#));
        let body = line.trim_end_matches('\n').as_bytes().to_vec();
        for i in 0..body.len() {
            let mut damaged = body.clone();
            damaged[i] ^= 0x20;
            assert!(decode(&damaged).is_err(), "flip at {i} went unnoticed");
        }
    }

    #[test]
    fn truncated_lines_are_rejected() {
        let line = encode_del("some-key");
        let body = line.trim_end_matches('\n').as_bytes();
        for len in 0..body.len() {
            assert!(decode(&body[..len]).is_err(), "prefix of {len} bytes accepted");
        }
        assert!(matches!(decode(body), Ok(Record::Del { .. })));
    }
}
