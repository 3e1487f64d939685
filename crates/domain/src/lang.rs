//! The three languages of the user interface.

use serde::{Deserialize, Serialize};

/// A user-interface language. Russian is the default, as in the presentation Mayak follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Russian.
    #[default]
    Ru,
    /// Belarusian.
    Be,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, in the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Ru, Lang::Be, Lang::En];

    /// The BCP 47 tag (`ru`, `be`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Be => "be",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::Be => "Беларуская",
            Lang::En => "English",
        }
    }

    /// The CLDR plural category of an integer in this language: `one`, `few`, `many` or
    /// `other`. Mayak computes it itself because the Belarusian rule of intl_pluralrules 7.0
    /// ignores the last digit (it files 22 under "other" instead of "few").
    pub fn plural_category(self, n: i64) -> &'static str {
        let n = n.unsigned_abs();
        match self {
            Lang::En => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Lang::Ru | Lang::Be => {
                let (m10, m100) = (n % 10, n % 100);
                if m10 == 1 && m100 != 11 {
                    "one"
                } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                    "few"
                } else {
                    "many"
                }
            }
        }
    }

    /// Parses a tag such as `be`, `be-BY` or `EN`; `None` for languages Mayak does not speak.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Some(Lang::Ru),
            "be" => Some(Lang::Be),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the best language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(_, bq)| q > bq)
            {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags() {
        assert_eq!(Lang::parse("be-BY"), Some(Lang::Be));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn plural_categories_follow_cldr() {
        let cat =
            |l: Lang, ns: &[i64]| ns.iter().map(|n| l.plural_category(*n)).collect::<Vec<_>>();
        assert_eq!(
            cat(Lang::Ru, &[1, 2, 5, 11, 12, 21, 22, 25, 111, 0]),
            [
                "one", "few", "many", "many", "many", "one", "few", "many", "many", "many"
            ]
        );
        assert_eq!(
            cat(Lang::Be, &[1, 3, 14, 22, 101, 104]),
            ["one", "few", "many", "few", "one", "few"]
        );
        assert_eq!(cat(Lang::En, &[0, 1, 2]), ["other", "one", "other"]);
    }

    #[test]
    fn accept_language_respects_quality() {
        assert_eq!(
            Lang::from_accept_language("de-DE,en;q=0.5,be;q=0.9"),
            Some(Lang::Be)
        );
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(
            Lang::from_accept_language("ru;q=0, en;q=0.1"),
            Some(Lang::En)
        );
    }
}
