//! User-facing texts, in Fluent files under `locales/` (Russian default, English), compiled into
//! the binary. Fluent brings CLDR plural rules, so "1 гость / 2 гостя / 5 гостей" comes out right.

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

const RU_FTL: &str = include_str!("../locales/ru/bot.ftl");
const EN_FTL: &str = include_str!("../locales/en/bot.ftl");

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// Picks the language for a Telegram client's `language_code`: Russian for clients set to
    /// Russian or a neighbouring language most guests read Russian in (and when unknown),
    /// English for everyone else.
    #[must_use]
    pub fn from_telegram(code: Option<&str>) -> Self {
        let primary = code.unwrap_or("").split(['-', '_']).next().unwrap_or("").to_lowercase();
        match primary.as_str() {
            "" | "ru" | "be" | "uk" | "kk" => Lang::Ru,
            _ => Lang::En,
        }
    }

    /// The language stored for a user (`users.language`); anything unknown is the default.
    #[must_use]
    pub fn from_code(code: &str) -> Self {
        Lang::ALL.into_iter().find(|lang| lang.code() == code).unwrap_or_default()
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("locale {lang}: {message}")]
pub struct I18nError {
    lang: &'static str,
    message: String,
}

/// Both bundles, loaded once at start-up and shared read-only.
pub struct Texts {
    ru: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Texts { ru, en }")
    }
}

impl Texts {
    /// Parses the embedded locale files; any syntax error is reported with its language.
    pub fn load() -> Result<Self, I18nError> {
        Ok(Self { ru: bundle(langid!("ru"), RU_FTL, "ru")?, en: bundle(langid!("en"), EN_FTL, "en")? })
    }

    /// A message without variables.
    #[must_use]
    pub fn get(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, &[])
    }

    /// A message with variables. A message missing from one language falls back to the other
    /// (and is logged), so a guest never sees an empty reply.
    #[must_use]
    pub fn format(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let fallback = match lang {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        };
        for candidate in [lang, fallback] {
            let bundle = self.bundle(candidate);
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                tracing::warn!(message_id = id, lang = candidate.code(), "missing text");
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(message_id = id, ?errors, "text formatted with errors");
            }
            return text.into_owned();
        }
        id.to_owned()
    }

    /// Every message id of one language (for the locale consistency test).
    pub fn message_ids(lang: Lang) -> Vec<String> {
        let source = match lang {
            Lang::Ru => RU_FTL,
            Lang::En => EN_FTL,
        };
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

fn bundle(
    id: LanguageIdentifier,
    source: &str,
    lang: &'static str,
) -> Result<FluentBundle<FluentResource>, I18nError> {
    let resource = FluentResource::try_new(source.to_owned())
        .map_err(|(_, errors)| I18nError { lang, message: format!("syntax errors: {errors:?}") })?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around variables would show up as stray characters in Telegram.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| I18nError { lang, message: format!("duplicate messages: {errors:?}") })?;
    Ok(bundle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locales_define_the_same_messages() {
        let mut ru = Texts::message_ids(Lang::Ru);
        let mut en = Texts::message_ids(Lang::En);
        ru.sort();
        en.sort();
        assert!(!ru.is_empty());
        assert_eq!(ru, en);
    }

    #[test]
    fn every_message_formats_without_leftover_placeholders() {
        let texts = Texts::load().expect("locales parse");
        for lang in Lang::ALL {
            for id in Texts::message_ids(lang) {
                let text = texts.format(lang, &id, &[("house", "H".into())]);
                assert!(!text.trim().is_empty(), "{id} is empty in {lang:?}");
                assert_ne!(text, id, "{id} did not resolve in {lang:?}");
            }
        }
    }

    #[test]
    fn language_is_chosen_from_the_telegram_client() {
        assert_eq!(Lang::from_telegram(None), Lang::Ru);
        assert_eq!(Lang::from_telegram(Some("ru")), Lang::Ru);
        assert_eq!(Lang::from_telegram(Some("be-BY")), Lang::Ru);
        assert_eq!(Lang::from_telegram(Some("en")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("de")), Lang::En);
    }

    #[test]
    fn russian_plural_rules_apply() {
        let source =
            "guests = { $n ->\n    [one] { $n } гость\n    [few] { $n } гостя\n   *[many] { $n } гостей\n}\n";
        let mut bundle = FluentBundle::new_concurrent(vec![langid!("ru")]);
        bundle.set_use_isolating(false);
        bundle.add_resource(FluentResource::try_new(source.to_owned()).unwrap()).unwrap();
        let pattern = bundle.get_message("guests").unwrap().value().unwrap();
        let render = |n: i64| {
            let mut args = FluentArgs::new();
            args.set("n", n);
            bundle.format_pattern(pattern, Some(&args), &mut vec![]).into_owned()
        };
        assert_eq!(render(1), "1 гость");
        assert_eq!(render(3), "3 гостя");
        assert_eq!(render(5), "5 гостей");
        assert_eq!(render(21), "21 гость");
    }
}
