//! The annual report: every dashboard section's figures for one year, in Russian, Belarusian
//! or English, as PDF (`mayak-render`: embedded DejaVu subsets, so Cyrillic text can be
//! searched and copied; bar charts drawn into the page beside the numbers), XLSX or CSV.
//! Built from [`crate::dashboard::all`], the function the dashboards use, so the report and
//! the dashboard of the same year show the same figures and hide the same cells.

use crate::dashboard::{self, Figure, Figures, Filter, Names, Section};
use crate::i18n::{Catalogs, Tr};
use mayak_domain::Lang;
use mayak_render::pdf::{A4, Align, Document, Rgb};
use mayak_store::Store;
use std::sync::Arc;
use time::Date;

/// A report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A PDF document.
    Pdf,
    /// An Excel workbook.
    Xlsx,
    /// Comma-separated values (UTF-8 with a byte-order mark, for spreadsheet programs).
    Csv,
}

impl Format {
    /// The format of a name (`pdf`, `xlsx`, `csv`).
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// Media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The figures could not be made.
    #[error(transparent)]
    Figures(#[from] dashboard::DashboardError),
    /// The workbook could not be written.
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
    /// The embedded fonts could not be read (a build defect).
    #[error("the embedded fonts cannot be read")]
    Fonts,
}

impl From<mayak_store::StoreError> for ReportError {
    fn from(e: mayak_store::StoreError) -> Self {
        ReportError::Figures(e.into())
    }
}

impl From<ReportError> for crate::error::PageError {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::Figures(f) => f.into(),
            other => {
                tracing::error!(error = %other, "cannot render the annual report");
                crate::error::PageError::Internal
            }
        }
    }
}

/// A report's content: the figures and their names in one language.
pub struct Report {
    /// The year.
    pub year: i32,
    /// Every section's figures for the year.
    pub figures: Vec<Figures>,
    /// The disclosure threshold the figures were protected with.
    pub threshold: u32,
    names: Names,
}

/// One line of a report table: section, table, code, name, shown value (empty when hidden).
pub struct Line {
    /// Section title.
    pub section: String,
    /// Table title.
    pub table: String,
    /// The code (empty = not recorded; `total` for the total).
    pub code: String,
    /// The code's name.
    pub label: String,
    /// The figure.
    pub figure: Figure,
}

impl Report {
    /// Gathers the figures of `year` in `lang`, hiding cells under `threshold` (the
    /// configured disclosure threshold, as the dashboards do).
    pub async fn build(
        store: &Store,
        threshold: u32,
        catalogs: Arc<Catalogs>,
        lang: Lang,
        year: i32,
        today: Date,
    ) -> Result<Report, ReportError> {
        let filter = Filter {
            year: Some(year),
            region: None,
        };
        let figures = dashboard::all(store, threshold, &filter, today).await?;
        let names = Names::load(store, Tr::new(lang, catalogs)).await?;
        Ok(Report {
            year,
            figures,
            threshold,
            names,
        })
    }

    /// The report's title.
    pub fn title(&self) -> String {
        self.names.ts(
            "stats-report-heading",
            &[("year", self.year.to_string().as_str())],
        )
    }

    /// Every figure as a line: for each section its total, then each table's rows and total.
    pub fn lines(&self) -> Vec<Line> {
        let n = &self.names;
        let mut out = Vec::new();
        for f in &self.figures {
            let section = n.t(&f.section.title_key());
            out.push(Line {
                section: section.clone(),
                table: n.t(f.unit),
                code: "total".to_owned(),
                label: n.t("stats-total"),
                figure: f.total,
            });
            for b in &f.breakdowns {
                let table = n.t(b.title);
                for (code, fig) in &b.rows {
                    out.push(Line {
                        section: section.clone(),
                        table: table.clone(),
                        code: code.clone(),
                        label: n.of(b.naming, code),
                        figure: *fig,
                    });
                }
                out.push(Line {
                    section: section.clone(),
                    table,
                    code: "total".to_owned(),
                    label: n.t(b.total_label()),
                    figure: b.total,
                });
            }
        }
        out
    }

    fn measures(&self, f: &Figures) -> Vec<(String, String)> {
        f.measures
            .iter()
            .map(|m| (self.names.t(m.title), self.names.measure(m)))
            .collect()
    }

    /// The CSV file: section, table, code, label, value (the suppression mark when hidden).
    pub fn csv(&self) -> Vec<u8> {
        let n = &self.names;
        let mut out = b"\xef\xbb\xbf".to_vec();
        let head = [
            n.t("stats-col-section"),
            n.t("stats-col-table"),
            n.t("stats-col-code"),
            n.t("stats-col-label"),
            n.t("stats-col-value"),
        ];
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        mayak_stats::table::write_csv_row(&mut out, &head);
        for l in self.lines() {
            let value = match l.figure {
                Figure::Count(c) => c.to_string(),
                Figure::Suppressed => n.t("stats-suppressed-mark"),
            };
            let (section, table, label) = (safe(&l.section), safe(&l.table), safe(&l.label));
            mayak_stats::table::write_csv_row(
                &mut out,
                &[&section, &table, &l.code, &label, &value],
            );
        }
        for f in &self.figures {
            let section = n.t(&f.section.title_key());
            for (name, value) in self.measures(f) {
                mayak_stats::table::write_csv_row(&mut out, &[&section, &name, "", &name, &value]);
            }
        }
        out
    }

    /// The XLSX workbook: a sheet per section (numbers as numbers, hidden cells as the mark),
    /// and a first sheet explaining the suppression.
    pub fn xlsx(&self) -> Result<Vec<u8>, ReportError> {
        self.xlsx_inner()
            .map_err(|e| ReportError::Xlsx(e.to_string()))
    }

    fn xlsx_inner(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let n = &self.names;
        let mut book = rust_xlsxwriter::Workbook::new();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let title = rust_xlsxwriter::Format::new().set_bold().set_font_size(14);
        let about = book.add_worksheet();
        about.set_name(sheet_name(&n.t("stats-report-about")))?;
        about.write_string_with_format(0, 0, self.title(), &title)?;
        about.write_string(
            2,
            0,
            n.ts(
                "stats-suppression-note",
                &[("threshold", self.threshold.to_string().as_str())],
            ),
        )?;
        about.set_column_width(0, 100)?;
        for f in &self.figures {
            let sheet = book.add_worksheet();
            sheet.set_name(sheet_name(&n.t(&f.section.title_key())))?;
            sheet.set_column_width(0, 48)?;
            sheet.set_column_width(1, 16)?;
            let mut r: u32 = 0;
            sheet.write_string_with_format(r, 0, n.t(&f.section.title_key()), &title)?;
            r += 2;
            sheet.write_string_with_format(r, 0, n.t(f.unit), &bold)?;
            write_figure(sheet, r, 1, f.total, n)?;
            r += 1;
            for (name, value) in self.measures(f) {
                sheet.write_string(r, 0, name)?;
                sheet.write_string(r, 1, value)?;
                r += 1;
            }
            for b in &f.breakdowns {
                r += 1;
                sheet.write_string_with_format(r, 0, n.t(b.title), &bold)?;
                r += 1;
                for (code, fig) in &b.rows {
                    sheet.write_string(r, 0, n.of(b.naming, code))?;
                    write_figure(sheet, r, 1, *fig, n)?;
                    r += 1;
                }
                sheet.write_string_with_format(r, 0, n.t(b.total_label()), &bold)?;
                write_figure(sheet, r, 1, b.total, n)?;
                r += 1;
            }
        }
        book.save_to_buffer()
    }

    /// The PDF document: a title page note, then each section with its key figures, and each
    /// table as a bar chart with the numbers written beside the bars.
    pub fn pdf(&self) -> Result<Vec<u8>, ReportError> {
        let regular = mayak_render::font::sans().ok_or(ReportError::Fonts)?;
        let bold = mayak_render::font::sans_bold().ok_or(ReportError::Fonts)?;
        let n = &self.names;
        let title = self.title();
        let mut p = Pdf {
            d: Document::new(&title, &[regular, bold]),
            y: 0.0,
            page: 0,
            footer: title.clone(),
        };
        p.new_page();
        let navy = Rgb(0.09, 0.2, 0.42);
        let black = Rgb(0.0, 0.0, 0.0);
        let grey = Rgb(0.3, 0.3, 0.3);
        p.y = p.d.paragraph(
            1,
            18.0,
            MARGIN,
            p.y,
            A4.0 - 2.0 * MARGIN,
            Align::Left,
            &title,
            navy,
        );
        p.y -= 6.0;
        p.y = p.d.paragraph(
            0,
            9.5,
            MARGIN,
            p.y,
            A4.0 - 2.0 * MARGIN,
            Align::Left,
            &n.ts(
                "stats-suppression-note",
                &[("threshold", self.threshold.to_string().as_str())],
            ),
            grey,
        );
        for f in &self.figures {
            p.need(80.0);
            p.y -= 14.0;
            p.d.text(
                1,
                15.0,
                MARGIN,
                p.y,
                Align::Left,
                &n.t(&f.section.title_key()),
                navy,
            );
            p.y -= 18.0;
            p.d.text(
                0,
                10.5,
                MARGIN,
                p.y,
                Align::Left,
                &format!("{}: {}", n.t(f.unit), n.figure(f.total)),
                black,
            );
            p.y -= 14.0;
            for (name, value) in self.measures(f) {
                p.d.text(
                    0,
                    10.5,
                    MARGIN,
                    p.y,
                    Align::Left,
                    &format!("{name}: {value}"),
                    black,
                );
                p.y -= 14.0;
            }
            if f.section == Section::Campaigns {
                p.d.paragraph(
                    0,
                    8.5,
                    MARGIN,
                    p.y,
                    A4.0 - 2.0 * MARGIN,
                    Align::Left,
                    &n.t("stats-not-regional"),
                    grey,
                );
                p.y -= 12.0;
            }
            for b in &f.breakdowns {
                p.table(n, b);
            }
        }
        Ok(p.d.finish())
    }

    /// The file name: `mayak-report-2026-ru.pdf`.
    pub fn file_name(&self, format: Format) -> String {
        format!(
            "mayak-report-{}-{}.{}",
            self.year,
            self.names.lang().code(),
            format.extension()
        )
    }

    /// The report in a format.
    pub fn render(&self, format: Format) -> Result<Vec<u8>, ReportError> {
        match format {
            Format::Pdf => self.pdf(),
            Format::Xlsx => self.xlsx(),
            Format::Csv => Ok(self.csv()),
        }
    }
}

/// A text cell that spreadsheet programs will not read as a formula.
fn safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// A sheet name as Excel allows it: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &str) -> String {
    s.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn write_figure(
    sheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    f: Figure,
    n: &Names,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    match f {
        Figure::Count(v) => sheet.write_number(r, c, v as f64)?,
        Figure::Suppressed => sheet.write_string(r, c, n.t("stats-suppressed-mark"))?,
    };
    Ok(())
}

const MARGIN: f32 = 50.0;

/// A PDF being laid out top to bottom.
struct Pdf<'f> {
    d: Document<'f>,
    y: f32,
    page: usize,
    footer: String,
}

impl Pdf<'_> {
    fn new_page(&mut self) {
        self.d.page(A4.0, A4.1);
        self.page += 1;
        self.y = A4.1 - MARGIN;
        let grey = Rgb(0.4, 0.4, 0.4);
        self.d.text(
            0,
            8.0,
            MARGIN,
            30.0,
            Align::Left,
            &self.footer.clone(),
            grey,
        );
        self.d.text(
            0,
            8.0,
            A4.0 - MARGIN,
            30.0,
            Align::Right,
            &self.page.to_string(),
            grey,
        );
    }

    fn need(&mut self, h: f32) {
        if self.y - h < MARGIN + 10.0 {
            self.new_page();
        }
    }

    /// A table as a horizontal bar chart: label, bar, number (or the suppression mark).
    fn table(&mut self, n: &Names, b: &dashboard::Breakdown) {
        let row = 13.0;
        self.need(30.0 + row * 2.0);
        self.y -= 10.0;
        let navy = Rgb(0.09, 0.2, 0.42);
        let black = Rgb(0.0, 0.0, 0.0);
        let grey = Rgb(0.35, 0.35, 0.35);
        self.d
            .text(1, 11.0, MARGIN, self.y, Align::Left, &n.t(b.title), navy);
        self.y -= row + 2.0;
        let label_w = 210.0;
        let bar_w = A4.0 - 2.0 * MARGIN - label_w - 70.0;
        let max = b
            .rows
            .iter()
            .filter_map(|r| r.1.value())
            .max()
            .unwrap_or(0)
            .max(1) as f32;
        let colour = Rgb(0.12, 0.37, 0.66);
        let mut rows: Vec<(String, Figure)> = b
            .rows
            .iter()
            .map(|(c, f)| (n.of(b.naming, c), *f))
            .collect();
        rows.push((n.t(b.total_label()), b.total));
        let last = rows.len() - 1;
        for (i, (label, fig)) in rows.into_iter().enumerate() {
            self.need(row);
            let font = if i == last { 1 } else { 0 };
            let shown = fit(&self.d, font, 9.0, label_w - 8.0, &label);
            self.d
                .text(font, 9.0, MARGIN, self.y, Align::Left, &shown, black);
            let x = MARGIN + label_w;
            match fig {
                Figure::Count(v) if i != last => {
                    let w = v as f32 / max * bar_w;
                    if w > 0.0 {
                        // A thick line is a filled bar.
                        self.d
                            .line(x, self.y + 3.0, x + w, self.y + 3.0, 8.0, colour);
                    }
                    self.d.text(
                        0,
                        9.0,
                        x + w + 4.0,
                        self.y,
                        Align::Left,
                        &n.figure(fig),
                        black,
                    );
                }
                _ => {
                    self.d
                        .text(font, 9.0, x, self.y, Align::Left, &n.figure(fig), grey);
                }
            }
            self.y -= row;
        }
    }
}

/// `s`, cut with an ellipsis where it would be wider than `width`.
fn fit(d: &Document<'_>, font: usize, size: f32, width: f32, s: &str) -> String {
    if d.text_width(font, size, s) <= width {
        return s.to_owned();
    }
    let mut t: String = s.to_owned();
    while !t.is_empty() && d.text_width(font, size, &format!("{t}…")) > width {
        t.pop();
    }
    format!("{}…", t.trim_end())
}
