//! A small PDF 1.7 writer: pages with text, lines and rectangles, text in embedded TrueType
//! fonts so that Cyrillic and Belarusian letters (і, ў) print and can be searched and copied.
//!
//! Each font is embedded as a subset (only the glyphs used, glyph ids unchanged) in a Type 0
//! font with `Identity-H` encoding and a `ToUnicode` map, which is what lets `pdftotext` and
//! screen readers recover the text. Streams are compressed with Flate.

use crate::font::Font;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

/// A colour, red/green/blue from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

/// Horizontal alignment of a line of text at its x position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// x is the left edge.
    Left,
    /// x is the centre.
    Center,
    /// x is the right edge.
    Right,
}

#[derive(Debug, Clone)]
enum Op {
    Text {
        font: usize,
        size: f32,
        x: f32,
        y: f32,
        glyphs: Vec<u16>,
        colour: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
        colour: Rgb,
    },
}

/// One page; coordinates in points from the bottom-left corner.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    ops: Vec<Op>,
}

/// A4 portrait, in points.
pub const A4: (f32, f32) = (595.28, 841.89);

/// A document being built: fonts, pages, and a title for its metadata.
#[derive(Debug)]
pub struct Document<'f> {
    fonts: Vec<&'f Font>,
    used: Vec<BTreeMap<u16, char>>,
    pages: Vec<Page>,
    title: String,
}

impl<'f> Document<'f> {
    /// A new document with a title (shown by viewers) and the fonts its text uses.
    pub fn new(title: &str, fonts: &[&'f Font]) -> Self {
        Self {
            fonts: fonts.to_vec(),
            used: vec![BTreeMap::new(); fonts.len()],
            pages: Vec::new(),
            title: title.to_owned(),
        }
    }

    /// Starts a new page of the given size; drawing calls go to the last page.
    pub fn page(&mut self, width: f32, height: f32) {
        self.pages.push(Page {
            width,
            height,
            ops: Vec::new(),
        });
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.page(A4.0, A4.1);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].ops
    }

    /// Width of `text` in points in font `font` at `size`.
    pub fn text_width(&self, font: usize, size: f32, text: &str) -> f32 {
        self.fonts.get(font).map_or(0.0, |f| f.width(text, size))
    }

    /// Draws one line of text. Characters the font lacks print as its "missing" glyph.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        font: usize,
        size: f32,
        x: f32,
        y: f32,
        align: Align,
        text: &str,
        colour: Rgb,
    ) {
        let Some(f) = self.fonts.get(font).copied() else {
            return;
        };
        let pairs = f.glyphs(text);
        let w = f.width(text, size);
        let x = match align {
            Align::Left => x,
            Align::Center => x - w / 2.0,
            Align::Right => x - w,
        };
        self.used[font].extend(pairs.iter().copied());
        let glyphs = pairs.iter().map(|p| p.0).collect();
        self.ops().push(Op::Text {
            font,
            size,
            x,
            y,
            glyphs,
            colour,
        });
    }

    /// Draws text wrapped to `max_width`, line by line downwards from `y`; returns the y below
    /// the last line.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        font: usize,
        size: f32,
        x: f32,
        y: f32,
        max_width: f32,
        align: Align,
        text: &str,
        colour: Rgb,
    ) -> f32 {
        let mut y = y;
        for line in self.wrap(font, size, max_width, text) {
            self.text(font, size, x, y, align, &line, colour);
            y -= size * 1.35;
        }
        y
    }

    /// Splits text into lines no wider than `max_width` (at spaces; long words stay whole).
    pub fn wrap(&self, font: usize, size: f32, max_width: f32, text: &str) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.text_width(font, size, &candidate) > max_width {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_owned();
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Draws a straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, colour: Rgb) {
        self.ops().push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            colour,
        });
    }

    /// Draws a rectangle's outline.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32, colour: Rgb) {
        self.ops().push(Op::Rect {
            x,
            y,
            w,
            h,
            width,
            colour,
        });
    }

    /// The finished PDF file.
    pub fn finish(mut self) -> Vec<u8> {
        if self.pages.is_empty() {
            self.page(A4.0, A4.1);
        }
        let mut w = Writer::default();
        w.out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
        // Object numbers: 1 catalog, 2 page tree, 3 info, then fonts (5 objects each), then
        // pages (2 objects each: page and contents).
        let font_base = 4;
        let page_base = font_base + 5 * self.fonts.len();
        let kids: Vec<String> = (0..self.pages.len())
            .map(|i| format!("{} 0 R", page_base + 2 * i))
            .collect();
        w.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
        w.object(
            2,
            &format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.join(" "),
                self.pages.len()
            ),
        );
        w.object(
            3,
            &format!(
                "<< /Title {} /Producer (Mayak) >>",
                utf16_string(&self.title)
            ),
        );
        let mut font_res = String::new();
        for (i, font) in self.fonts.iter().enumerate() {
            let n = font_base + 5 * i;
            let _ = write!(font_res, "/F{i} {n} 0 R ");
            let used = &self.used[i];
            let name = format!(
                "MAYAK{}+{}",
                (b'A' + i as u8) as char,
                font.postscript_name()
            );
            w.object(
                n,
                &format!(
                    "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
                     /DescendantFonts [{} 0 R] /ToUnicode {} 0 R >>",
                    n + 1,
                    n + 4
                ),
            );
            let mut widths = String::new();
            for g in used.keys() {
                let _ = write!(widths, "{g} [{}] ", font.advance_units_per_1000(*g));
            }
            w.object(
                n + 1,
                &format!(
                    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} \
                     /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                     /FontDescriptor {} 0 R /DW 500 /W [{widths}] /CIDToGIDMap /Identity >>",
                    n + 2
                ),
            );
            let (x0, y0, x1, y1) = font.bbox_per_1000();
            w.object(
                n + 2,
                &format!(
                    "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{x0} {y0} {x1} {y1}] \
                     /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 {} 0 R >>",
                    font.ascent_per_1000(),
                    font.descent_per_1000(),
                    font.ascent_per_1000(),
                    n + 3
                ),
            );
            let subset = font.subset(used);
            w.stream(n + 3, &format!("/Length1 {}", subset.len()), &subset);
            w.stream(n + 4, "", font.to_unicode(used).as_bytes());
        }
        for (i, page) in self.pages.iter().enumerate() {
            let n = page_base + 2 * i;
            w.object(
                n,
                &format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.2} {:.2}] \
                     /Resources << /Font << {font_res}>> >> /Contents {} 0 R >>",
                    page.width,
                    page.height,
                    n + 1
                ),
            );
            w.stream(n + 1, "", content(page).as_bytes());
        }
        w.finish(3)
    }
}

fn content(page: &Page) -> String {
    let mut s = String::new();
    for op in &page.ops {
        match op {
            Op::Text {
                font,
                size,
                x,
                y,
                glyphs,
                colour,
            } => {
                let hex: String = glyphs.iter().map(|g| format!("{g:04X}")).collect();
                let _ = writeln!(
                    s,
                    "BT {:.3} {:.3} {:.3} rg /F{font} {size:.2} Tf {x:.2} {y:.2} Td <{hex}> Tj ET",
                    colour.0, colour.1, colour.2
                );
            }
            Op::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                colour,
            } => {
                let _ = writeln!(
                    s,
                    "{:.3} {:.3} {:.3} RG {width:.2} w {x1:.2} {y1:.2} m {x2:.2} {y2:.2} l S",
                    colour.0, colour.1, colour.2
                );
            }
            Op::Rect {
                x,
                y,
                w,
                h,
                width,
                colour,
            } => {
                let _ = writeln!(
                    s,
                    "{:.3} {:.3} {:.3} RG {width:.2} w {x:.2} {y:.2} {w:.2} {h:.2} re S",
                    colour.0, colour.1, colour.2
                );
            }
        }
    }
    s
}

/// A PDF text string in UTF-16BE with a byte-order mark, so any script survives.
fn utf16_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push('>');
    out
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    offsets: Vec<(usize, usize)>,
}

impl Writer {
    fn object(&mut self, n: usize, body: &str) {
        self.offsets.push((n, self.out.len()));
        self.out
            .extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
    }

    fn stream(&mut self, n: usize, extra: &str, data: &[u8]) {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let packed: Vec<u8> = enc
            .write_all(data)
            .and_then(|()| enc.finish())
            .unwrap_or_default();
        self.offsets.push((n, self.out.len()));
        self.out.extend_from_slice(
            format!(
                "{n} 0 obj\n<< /Length {} /Filter /FlateDecode {extra} >>\nstream\n",
                packed.len()
            )
            .as_bytes(),
        );
        self.out.extend_from_slice(&packed);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn finish(mut self, info: usize) -> Vec<u8> {
        self.offsets.sort_unstable();
        let size = self.offsets.last().map_or(0, |o| o.0) + 1;
        let xref = self.out.len();
        let mut table = format!("xref\n0 {size}\n0000000000 65535 f \n");
        let mut next = 1;
        for (n, off) in &self.offsets {
            while next < *n {
                table.push_str("0000000000 65535 f \n");
                next += 1;
            }
            let _ = writeln!(table, "{off:010} 00000 n ");
            next = n + 1;
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {size} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.out.extend_from_slice(table.as_bytes());
        self.out
    }
}
