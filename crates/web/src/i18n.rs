//! Message catalogs in Fluent format, one per language, embedded in the binary. Every string a
//! person reads comes from here; a test fails when a key lacks a translation.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use mayak_domain::Lang;
use std::sync::Arc;

/// The Fluent sources, by language: the core catalog and one file per area (so that work on
/// different areas touches different files). A key defined twice in one language is refused
/// when the catalogs load.
pub const SOURCES: [(Lang, &[&str]); 3] = [
    (
        Lang::Ru,
        &[
            include_str!("../locales/ru.ftl"),
            include_str!("../locales/nrm/ru.ftl"),
            include_str!("../locales/hotline/ru.ftl"),
            include_str!("../locales/statistics/ru.ftl"),
            include_str!("../locales/publication/ru.ftl"),
            include_str!("../locales/reliability/ru.ftl"),
            include_str!("../locales/directory/ru.ftl"),
            include_str!("../locales/groups/ru.ftl"),
        ],
    ),
    (
        Lang::Be,
        &[
            include_str!("../locales/be.ftl"),
            include_str!("../locales/nrm/be.ftl"),
            include_str!("../locales/hotline/be.ftl"),
            include_str!("../locales/statistics/be.ftl"),
            include_str!("../locales/publication/be.ftl"),
            include_str!("../locales/reliability/be.ftl"),
            include_str!("../locales/directory/be.ftl"),
            include_str!("../locales/groups/be.ftl"),
        ],
    ),
    (
        Lang::En,
        &[
            include_str!("../locales/en.ftl"),
            include_str!("../locales/nrm/en.ftl"),
            include_str!("../locales/hotline/en.ftl"),
            include_str!("../locales/statistics/en.ftl"),
            include_str!("../locales/publication/en.ftl"),
            include_str!("../locales/reliability/en.ftl"),
            include_str!("../locales/directory/en.ftl"),
            include_str!("../locales/groups/en.ftl"),
        ],
    ),
];

/// The three catalogs, loaded once at start-up.
pub struct Catalogs {
    bundles: [FluentBundle<FluentResource>; 3],
}

impl std::fmt::Debug for Catalogs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Catalogs")
    }
}

/// A catalog failed to parse: a defect of the build, caught by tests.
#[derive(Debug, thiserror::Error)]
#[error("message catalog {lang} is malformed: {detail}")]
pub struct CatalogError {
    lang: &'static str,
    detail: String,
}

impl Catalogs {
    /// Parses the embedded catalogs.
    pub fn load() -> Result<Arc<Self>, CatalogError> {
        let mk =
            |lang: Lang, srcs: &[&str]| -> Result<FluentBundle<FluentResource>, CatalogError> {
                let err = |detail: String| CatalogError {
                    lang: lang.code(),
                    detail,
                };
                let langid = lang
                    .code()
                    .parse()
                    .map_err(|e| err(format!("bad language tag: {e:?}")))?;
                let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                // Unicode isolation marks would end up inside HTML attributes and test strings.
                bundle.set_use_isolating(false);
                for src in srcs {
                    let res = FluentResource::try_new((*src).to_owned())
                        .map_err(|(_, errs)| err(format!("{errs:?}")))?;
                    bundle
                        .add_resource(res)
                        .map_err(|e| err(format!("{e:?}")))?;
                }
                Ok(bundle)
            };
        Ok(Arc::new(Self {
            bundles: [
                mk(Lang::Ru, SOURCES[0].1)?,
                mk(Lang::Be, SOURCES[1].1)?,
                mk(Lang::En, SOURCES[2].1)?,
            ],
        }))
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Ru => &self.bundles[0],
            Lang::Be => &self.bundles[1],
            Lang::En => &self.bundles[2],
        }
    }

    /// The message `key` in `lang` with arguments. A missing key shows as the key itself,
    /// which the catalog test prevents from ever shipping.
    pub fn format(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// True when `key` exists in `lang`.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }
}

/// The catalogs bound to one request's language, as templates use them.
#[derive(Clone)]
pub struct Tr {
    /// The request's language.
    pub lang: Lang,
    catalogs: Arc<Catalogs>,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tr({})", self.lang.code())
    }
}

impl Tr {
    /// Binds the catalogs to a language.
    pub fn new(lang: Lang, catalogs: Arc<Catalogs>) -> Self {
        Self { lang, catalogs }
    }

    /// A message without arguments.
    pub fn t(&self, key: &str) -> String {
        self.catalogs.format(self.lang, key, &[])
    }

    /// A message with one numeric argument, e.g. for plurals.
    pub fn tn(&self, key: &str, name: &str, n: impl Count) -> String {
        // Variants are chosen by `$plural`, a CLDR category Mayak computes (see
        // `Lang::plural_category`); `$<name>` carries the number to show.
        let n = n.count();
        let category = self.lang.plural_category(n);
        self.catalogs.format(
            self.lang,
            key,
            &[
                (name, FluentValue::from(n)),
                ("plural", FluentValue::from(category)),
            ],
        )
    }

    /// A message with text arguments.
    pub fn ts(&self, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(*v)))
            .collect();
        self.catalogs.format(self.lang, key, &args)
    }

    /// The language code, for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

/// Every message key defined in a Fluent source.
pub fn keys(src: &str) -> Vec<String> {
    src.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

/// Something that can be counted in a plural message (templates pass references).
pub trait Count {
    /// The number.
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl Count for u64 {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}
