//! Categorical microdata: one record per row, every column a small set of values. Columns are
//! dictionary-encoded (`u16` codes, column-major) so a million records of 25 columns take 50 MB.
//! Code 0 of every column is the empty value: "unknown or no", as in the CTDC codebook.

use crate::StatsError;
use std::collections::HashMap;

/// The most distinct values a column may have.
pub const MAX_LEVELS: usize = u16::MAX as usize;

/// A categorical table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    names: Vec<String>,
    levels: Vec<Vec<String>>,
    codes: Vec<Vec<u16>>,
    rows: usize,
}

/// Builds a [`Table`] row by row; the finished table codes each column's values in sorted order.
#[derive(Debug)]
pub struct TableBuilder {
    table: Table,
    index: Vec<HashMap<String, u16>>,
}

impl TableBuilder {
    /// A builder for the named columns.
    pub fn new(names: Vec<String>) -> Self {
        let n = names.len();
        Self {
            table: Table {
                names,
                levels: vec![vec![String::new()]; n],
                codes: vec![Vec::new(); n],
                rows: 0,
            },
            index: vec![HashMap::from([(String::new(), 0u16)]); n],
        }
    }

    /// Appends a record; it must have one value per column.
    pub fn push<S: AsRef<str>>(&mut self, values: &[S]) -> Result<(), StatsError> {
        if values.len() != self.table.names.len() {
            return Err(StatsError::Invalid(format!(
                "a record has {} values but the table has {} columns",
                values.len(),
                self.table.names.len()
            )));
        }
        for (c, v) in values.iter().enumerate() {
            let v = v.as_ref().trim();
            let code = match self.index[c].get(v) {
                Some(code) => *code,
                None => {
                    let next = self.table.levels[c].len();
                    if next >= MAX_LEVELS {
                        return Err(StatsError::Invalid(format!(
                            "column {} has more than {MAX_LEVELS} distinct values; it is not categorical",
                            self.table.names[c]
                        )));
                    }
                    self.table.levels[c].push(v.to_owned());
                    self.index[c].insert(v.to_owned(), next as u16);
                    next as u16
                }
            };
            self.table.codes[c].push(code);
        }
        self.table.rows += 1;
        Ok(())
    }

    /// The finished table, its values coded in sorted order (see [`Table::canonical`]).
    pub fn finish(self) -> Table {
        self.table.canonical()
    }
}

impl Table {
    /// A table from already-encoded columns (`levels[c][0]` must be the empty value).
    pub fn from_codes(
        names: Vec<String>,
        levels: Vec<Vec<String>>,
        codes: Vec<Vec<u16>>,
    ) -> Result<Self, StatsError> {
        let rows = codes.first().map_or(0, Vec::len);
        let consistent = names.len() == levels.len()
            && names.len() == codes.len()
            && codes.iter().all(|c| c.len() == rows)
            && levels
                .iter()
                .all(|l| l.first().is_some_and(String::is_empty))
            && codes
                .iter()
                .zip(&levels)
                .all(|(c, l)| c.iter().all(|&x| (x as usize) < l.len()));
        if !consistent {
            return Err(StatsError::Invalid(
                "the encoded columns are inconsistent".to_owned(),
            ));
        }
        Ok(Self {
            names,
            levels,
            codes,
            rows,
        }
        .canonical())
    }

    /// The same table with every column's values coded in sorted order (the empty value stays
    /// code 0). Codes decide the order in which disclosure control meets cells, and so which
    /// neighbour it hides when several would do: coded by first appearance, the same records
    /// in another order would hide other cells, and two such releases together would show
    /// what each hid.
    fn canonical(mut self) -> Self {
        for c in 0..self.levels.len() {
            let levels = &self.levels[c];
            if levels.windows(2).skip(1).all(|w| w[0] <= w[1]) {
                continue;
            }
            let mut order: Vec<usize> = (1..levels.len()).collect();
            order.sort_by(|a, b| levels[*a].cmp(&levels[*b]));
            let mut recode = vec![0u16; levels.len()];
            let mut sorted = vec![String::new()];
            for (new, old) in order.iter().enumerate() {
                recode[*old] = (new + 1) as u16;
                sorted.push(levels[*old].clone());
            }
            for code in &mut self.codes[c] {
                *code = recode[*code as usize];
            }
            self.levels[c] = sorted;
        }
        self
    }

    /// Column names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// Number of records.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The values of column `c`; index 0 is the empty value.
    pub fn levels(&self, c: usize) -> &[String] {
        &self.levels[c]
    }

    /// The codes of column `c`, one per record.
    pub fn column(&self, c: usize) -> &[u16] {
        &self.codes[c]
    }

    /// Parses CSV (RFC 4180: commas, double-quoted fields, a header line). Every column is
    /// categorical; an empty field means unknown or no.
    pub fn from_csv(bytes: &[u8]) -> Result<Self, StatsError> {
        let text = std::str::from_utf8(bytes).map_err(|e| StatsError::Csv {
            line: 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
            reason: "not UTF-8 text".to_owned(),
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut records = CsvRecords::new(text);
        let header = match records.next_record()? {
            Some(h) if !(h.len() == 1 && h[0].is_empty()) => h,
            _ => {
                return Err(StatsError::Csv {
                    line: 1,
                    reason: "there is no header line".to_owned(),
                });
            }
        };
        let mut seen = std::collections::HashSet::new();
        for name in &header {
            if name.trim().is_empty() {
                return Err(StatsError::Csv {
                    line: 1,
                    reason: "a column has no name".to_owned(),
                });
            }
            if !seen.insert(name.trim()) {
                return Err(StatsError::Csv {
                    line: 1,
                    reason: format!("column {} appears twice", name.trim()),
                });
            }
        }
        let mut b = TableBuilder::new(header.iter().map(|h| h.trim().to_owned()).collect());
        loop {
            let line = records.line;
            let Some(rec) = records.next_record()? else {
                break;
            };
            if records.last_blank {
                continue; // a blank line
            }
            if rec.len() != header.len() {
                return Err(StatsError::Csv {
                    line,
                    reason: format!("{} fields where the header has {}", rec.len(), header.len()),
                });
            }
            b.push(&rec).map_err(|e| StatsError::Csv {
                line,
                reason: e.to_string(),
            })?;
        }
        Ok(b.finish())
    }

    /// Writes the table as CSV with a header line, quoting fields where needed.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.rows * self.width() * 4 + 64);
        let header: Vec<&str> = self.names.iter().map(String::as_str).collect();
        write_csv_row(&mut out, &header);
        let mut row: Vec<&str> = Vec::with_capacity(self.width());
        for r in 0..self.rows {
            row.clear();
            for c in 0..self.width() {
                row.push(&self.levels[c][self.codes[c][r] as usize]);
            }
            write_csv_row(&mut out, &row);
        }
        out
    }
}

/// Appends one CSV line.
pub fn write_csv_row(out: &mut Vec<u8>, fields: &[&str]) {
    // A record of one empty field would be a blank line, which readers skip as no record.
    if let [only] = fields
        && only.is_empty()
    {
        out.extend_from_slice(b"\"\"\n");
        return;
    }
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push(b'"');
            out.extend_from_slice(f.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(f.as_bytes());
        }
    }
    out.push(b'\n');
}

struct CsvRecords<'a> {
    rest: &'a str,
    line: usize,
    /// The last record was an empty line (not `""`, which is one empty field).
    last_blank: bool,
}

impl<'a> CsvRecords<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            rest: text,
            line: 1,
            last_blank: false,
        }
    }

    fn next_record(&mut self) -> Result<Option<Vec<String>>, StatsError> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let start_line = self.line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = self.rest.char_indices().peekable();
        let mut quoted = false;
        let mut at_field_start = true;
        let mut consumed = self.rest.len();
        let mut blank = true;
        while let Some((i, ch)) = chars.next() {
            if ch != '\r' && ch != '\n' {
                blank = false;
            }
            if quoted {
                match ch {
                    '"' if chars.peek().is_some_and(|&(_, c)| c == '"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        self.line += 1;
                        field.push('\n');
                    }
                    c => field.push(c),
                }
                continue;
            }
            match ch {
                '"' if at_field_start => {
                    quoted = true;
                    at_field_start = false;
                }
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                '\r' if chars.peek().is_some_and(|&(_, c)| c == '\n') => {}
                '\n' => {
                    self.line += 1;
                    consumed = i + 1;
                    break;
                }
                c => {
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        if quoted {
            return Err(StatsError::Csv {
                line: start_line,
                reason: "a quoted field is not closed".to_owned(),
            });
        }
        fields.push(field);
        self.rest = &self.rest[consumed..];
        self.last_blank = blank;
        Ok(Some(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trip_keeps_values_quotes_and_empties() {
        let csv = "a,b,c\nx,\"y, z\",\n,\"q\"\"uote\",1\r\n";
        let t = Table::from_csv(csv.as_bytes()).unwrap();
        assert_eq!(t.rows(), 2);
        assert_eq!(t.names(), ["a", "b", "c"]);
        assert_eq!(t.levels(1)[t.column(1)[0] as usize], "y, z");
        assert_eq!(t.levels(1)[t.column(1)[1] as usize], "q\"uote");
        assert_eq!(t.column(2)[0], 0, "empty is code 0");
        let again = Table::from_csv(&t.to_csv()).unwrap();
        assert_eq!(again.to_csv(), t.to_csv());
    }

    #[test]
    fn a_record_of_one_empty_field_survives_the_round_trip() {
        // Found by the stats_csv fuzz target: it was written as a blank line and lost.
        let mut b = TableBuilder::new(vec!["a".to_owned()]);
        b.push(&[""]).unwrap();
        b.push(&["x"]).unwrap();
        let t = b.finish();
        let again = Table::from_csv(&t.to_csv()).unwrap();
        assert_eq!(again.rows(), 2);
        assert_eq!(again.to_csv(), t.to_csv());
    }

    #[test]
    fn csv_errors_name_the_line() {
        let e = Table::from_csv(b"a,b\n1,2\n3\n").unwrap_err();
        assert_eq!(
            e,
            StatsError::Csv {
                line: 3,
                reason: "1 fields where the header has 2".to_owned()
            }
        );
        assert!(matches!(
            Table::from_csv(b"a,a\n"),
            Err(StatsError::Csv { line: 1, .. })
        ));
        assert!(matches!(
            Table::from_csv(b"a\n\"open\n"),
            Err(StatsError::Csv { line: 2, .. })
        ));
        assert!(Table::from_csv(b"").is_err());
    }
}
