//! The texts the code asks for exist, and the texts use only variables the code passes: a typo
//! in either place fails here instead of showing a guest a raw id or a "{$prcie}" hole.
//! The code is read as text (like a linter would): every kebab-case string literal in `src/` is
//! a message id unless it is one of the domain's stored values listed below.

use std::{collections::BTreeSet, path::Path};

use secret_house_bot::{
    db::gifts::GiftStatus,
    domain::{booking::BookingStatus, stay_options::Wine, tariff::TariffId},
    i18n::{Lang, Texts},
};

fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// String literals such as "booking-ask-comment" (lower-case words joined by '-').
fn kebab_literals(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in source.split('"').skip(1).step_by(2) {
        let words: Vec<&str> = piece.split('-').collect();
        let word = |w: &&str| {
            !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if words.len() > 1 && words.iter().all(word) && piece.starts_with(|c: char| c.is_ascii_lowercase()) {
            found.insert(piece.to_owned());
        }
    }
    found
}

fn ids(lang: Lang) -> BTreeSet<String> {
    Texts::message_ids(lang).into_iter().collect()
}

#[test]
fn every_text_id_in_the_code_exists_in_both_languages() {
    // Kebab-case values that are not texts: stored ids of the domain, a thread name, test data.
    let mut not_texts: BTreeSet<String> = TariffId::ALL.iter().map(|t| t.as_str().to_owned()).collect();
    not_texts.extend(Wine::ALL.iter().map(|w| w.as_str().to_owned()));
    not_texts.extend(
        ["session-store-writer", "hunter2-password", "very-secret-token", "some-key", "kebab-case"]
            .map(String::from),
    );
    let mut checked = 0;
    for (file, source) in sources() {
        for literal in kebab_literals(&source) {
            if not_texts.contains(&literal) {
                continue;
            }
            for lang in Lang::ALL {
                assert!(ids(lang).contains(&literal), "{file}: text {literal:?} is missing in {lang:?}");
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "the scan found the texts ({checked})");
}

#[test]
fn ids_built_at_run_time_exist_for_every_value() {
    let mut built: Vec<String> = Vec::new();
    built.extend(Wine::ALL.iter().map(|w| format!("wine-{}", w.as_str())));
    built.extend(BookingStatus::ALL.iter().map(|s| format!("status-{}", s.as_str())));
    built.extend((1..=12).map(|m| format!("month-{m}")));
    built.extend(GiftStatus::ALL.iter().map(|s| format!("gift-status-{}", s.as_str())));
    for lang in Lang::ALL {
        for id in &built {
            assert!(ids(lang).contains(id), "{id} is missing in {lang:?}");
        }
    }
}

/// `{ $name }` references in one message source.
fn variables(message: &str) -> BTreeSet<String> {
    message
        .split("$")
        .skip(1)
        .map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
        .collect()
}

/// Each message's source text (its value and variants), by id.
fn messages(lang: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}/bot.ftl"));
    let source = std::fs::read_to_string(path).unwrap();
    let mut out: Vec<(String, String)> = Vec::new();
    for line in source.lines() {
        let head = line.split_once(" = ").or_else(|| line.strip_suffix(" =").map(|id| (id, "")));
        match head {
            Some((id, rest)) if !line.starts_with([' ', '#']) && !id.contains(' ') => {
                out.push((id.to_owned(), rest.to_owned()));
            }
            _ if line.starts_with(' ') || line.starts_with('}') => {
                if let Some(last) = out.last_mut() {
                    last.1.push('\n');
                    last.1.push_str(line);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn texts_use_only_variables_the_code_passes_and_both_languages_agree() {
    // Every argument name the code passes to a text: `("name", value)` pairs in `src/`.
    let mut passed = BTreeSet::new();
    for (_, source) in sources() {
        for piece in source.split("(\"").skip(1) {
            if let Some((name, rest)) = piece.split_once('"')
                && rest.starts_with(',')
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                passed.insert(name.to_owned());
            }
        }
    }
    let ru = messages("ru");
    let en: std::collections::BTreeMap<String, String> = messages("en").into_iter().collect();
    assert!(ru.len() > 100, "messages parsed: {}", ru.len());
    for (id, text) in &ru {
        let used = variables(text);
        for variable in &used {
            assert!(passed.contains(variable), "ru {id}: ${variable} is never passed by the code");
        }
        let english = en.get(id).unwrap_or_else(|| panic!("{id} missing in en"));
        assert_eq!(variables(english), used, "{id}: the two languages use different variables");
    }
}
