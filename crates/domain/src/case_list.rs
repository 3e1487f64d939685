//! How a case list is ordered and paged: the orders a user may choose and the keyset cursor
//! that continues a list after its last row. A cursor holds the last row's sort key and id, so
//! the next page is found by an index seek whatever page it is (no OFFSET).

use time::{Date, OffsetDateTime};

/// An order of the case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CaseSort {
    /// Newest first, by registration in Mayak (the default).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Latest registration date first.
    RegisteredDesc,
    /// Earliest registration date first.
    RegisteredAsc,
    /// Case code, alphabetically (region, then year, then number).
    Code,
    /// Most recently changed first.
    Updated,
}

impl CaseSort {
    /// Every order, as the list offers them.
    pub const ALL: &'static [CaseSort] = &[
        CaseSort::Newest,
        CaseSort::Oldest,
        CaseSort::RegisteredDesc,
        CaseSort::RegisteredAsc,
        CaseSort::Code,
        CaseSort::Updated,
    ];

    /// Stable code, as URLs and the API carry it.
    pub fn code(self) -> &'static str {
        match self {
            CaseSort::Newest => "newest",
            CaseSort::Oldest => "oldest",
            CaseSort::RegisteredDesc => "registered_desc",
            CaseSort::RegisteredAsc => "registered_asc",
            CaseSort::Code => "code",
            CaseSort::Updated => "updated",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<CaseSort> {
        CaseSort::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// True when the first row is the greatest.
    pub fn descending(self) -> bool {
        matches!(
            self,
            CaseSort::Newest | CaseSort::RegisteredDesc | CaseSort::Updated
        )
    }

    /// The default order for a list filtered this way: a list narrowed to a date range or to
    /// a code prefix is read in that column's order, which is also the order its index can
    /// deliver without reading every newer case first.
    pub fn default_for(has_date_range: bool, has_code_prefix: bool) -> CaseSort {
        if has_code_prefix {
            CaseSort::Code
        } else if has_date_range {
            CaseSort::RegisteredDesc
        } else {
            CaseSort::Newest
        }
    }
}

/// The sort key of the last row of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    /// The order is by id alone.
    Id,
    /// Registration date.
    Registered(Date),
    /// Case code.
    Code(String),
    /// Last change, to the microsecond.
    Updated(OffsetDateTime),
}

/// Where the next page starts: after the row with this key and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCursor {
    /// The row's sort key.
    pub key: SortKey,
    /// The row's id (breaks ties).
    pub id: i64,
}

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl CaseCursor {
    /// The text form carried in URLs (`after=`): `ID`, `DATE~ID`, `CODE~ID` or `MICROS~ID`.
    /// It holds nothing but what the list row shows already.
    pub fn encode(&self) -> String {
        match &self.key {
            SortKey::Id => self.id.to_string(),
            SortKey::Registered(d) => {
                format!("{}~{}", d.format(DATE).unwrap_or_default(), self.id)
            }
            SortKey::Code(c) => format!("{c}~{}", self.id),
            SortKey::Updated(t) => format!("{}~{}", t.unix_timestamp_nanos() / 1000, self.id),
        }
    }

    /// Parses the text form for a list in `sort` order; `None` when it does not fit the order.
    pub fn parse(sort: CaseSort, text: &str) -> Option<CaseCursor> {
        let split = || {
            let (key, id) = text.rsplit_once('~')?;
            let id: i64 = id.parse().ok().filter(|i| *i > 0)?;
            Some((key, id))
        };
        let key_and_id = match sort {
            CaseSort::Newest | CaseSort::Oldest => {
                let id: i64 = text.parse().ok().filter(|i| *i > 0)?;
                (SortKey::Id, id)
            }
            CaseSort::RegisteredDesc | CaseSort::RegisteredAsc => {
                let (key, id) = split()?;
                (SortKey::Registered(Date::parse(key, DATE).ok()?), id)
            }
            CaseSort::Code => {
                let (key, id) = split()?;
                let ok = !key.is_empty()
                    && key.len() <= 32
                    && key
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
                if !ok {
                    return None;
                }
                (SortKey::Code(key.to_owned()), id)
            }
            CaseSort::Updated => {
                let (key, id) = split()?;
                let micros: i128 = key.parse().ok()?;
                let at =
                    OffsetDateTime::from_unix_timestamp_nanos(micros.checked_mul(1000)?).ok()?;
                (SortKey::Updated(at), id)
            }
        };
        Some(CaseCursor {
            key: key_and_id.0,
            id: key_and_id.1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_codes_round_trip() {
        for s in CaseSort::ALL {
            assert_eq!(CaseSort::parse(s.code()), Some(*s));
        }
        assert_eq!(CaseSort::parse("id; DROP TABLE"), None);
    }

    #[test]
    fn cursors_round_trip_in_their_own_order_only() {
        let cases = [
            (CaseSort::Newest, SortKey::Id),
            (CaseSort::Oldest, SortKey::Id),
            (
                CaseSort::RegisteredDesc,
                SortKey::Registered(time::macros::date!(2020 - 02 - 29)),
            ),
            (CaseSort::Code, SortKey::Code("BR-2026-00042".to_owned())),
            (
                CaseSort::Updated,
                SortKey::Updated(time::macros::datetime!(2026-03-02 09:00:00.123456 UTC)),
            ),
        ];
        for (sort, key) in cases {
            let c = CaseCursor { key, id: 77 };
            let text = c.encode();
            assert_eq!(CaseCursor::parse(sort, &text), Some(c.clone()), "{text}");
        }
        assert_eq!(CaseCursor::parse(CaseSort::Newest, "2020-01-01~5"), None);
        assert_eq!(CaseCursor::parse(CaseSort::Code, "br-2026'~5"), None);
        assert_eq!(
            CaseCursor::parse(CaseSort::RegisteredAsc, "2020-13-01~5"),
            None
        );
        assert_eq!(CaseCursor::parse(CaseSort::Newest, "-3"), None);
        assert_eq!(
            CaseCursor::parse(CaseSort::Updated, "99999999999999999999999~1"),
            None
        );
    }

    #[test]
    fn narrowed_lists_default_to_their_column() {
        assert_eq!(CaseSort::default_for(false, false), CaseSort::Newest);
        assert_eq!(CaseSort::default_for(true, false), CaseSort::RegisteredDesc);
        assert_eq!(CaseSort::default_for(true, true), CaseSort::Code);
    }
}
