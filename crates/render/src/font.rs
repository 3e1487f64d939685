//! TrueType fonts for PDF: glyph lookup, advance widths, and subsetting (only the glyphs a
//! document uses are embedded; glyph ids stay the same, so no re-mapping is needed).
//!
//! The fonts shipped with Mayak are DejaVu Sans and DejaVu Sans Bold (`fonts/`, licence in
//! `fonts/DejaVu-LICENSE.txt`): free, and complete for Russian, Belarusian and English.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// A parsed TrueType font.
pub struct Font {
    face: ttf_parser::Face<'static>,
    data: &'static [u8],
    name: String,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("name", &self.name).finish()
    }
}

static SANS: OnceLock<Option<Font>> = OnceLock::new();
static SANS_BOLD: OnceLock<Option<Font>> = OnceLock::new();

/// DejaVu Sans, shipped with Mayak (`None` only if the embedded file were damaged; a test
/// guards against that).
pub fn sans() -> Option<&'static Font> {
    SANS.get_or_init(|| Font::parse(include_bytes!("../fonts/DejaVuSans.ttf")))
        .as_ref()
}

/// DejaVu Sans Bold.
pub fn sans_bold() -> Option<&'static Font> {
    SANS_BOLD
        .get_or_init(|| Font::parse(include_bytes!("../fonts/DejaVuSans-Bold.ttf")))
        .as_ref()
}

impl Font {
    /// Parses a TrueType (glyf-outline) font.
    pub fn parse(data: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".to_owned())
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        // Subsetting needs the glyf and loca tables.
        tables(data)?.get(b"glyf")?;
        Some(Self { face, data, name })
    }

    /// The PostScript name.
    pub fn postscript_name(&self) -> &str {
        &self.name
    }

    fn upem(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    /// Glyph ids of the characters of `text` with the characters (0, the missing glyph, for
    /// characters the font lacks).
    pub fn glyphs(&self, text: &str) -> Vec<(u16, char)> {
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| (self.face.glyph_index(c).map_or(0, |g| g.0), c))
            .collect()
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = self
            .glyphs(text)
            .iter()
            .map(|(g, _)| {
                u32::from(
                    self.face
                        .glyph_hor_advance(ttf_parser::GlyphId(*g))
                        .unwrap_or(0),
                )
            })
            .sum();
        units as f32 * size / self.upem()
    }

    /// A glyph's advance in thousandths of the em (PDF's unit for widths).
    pub fn advance_units_per_1000(&self, g: u16) -> i32 {
        let a = f32::from(
            self.face
                .glyph_hor_advance(ttf_parser::GlyphId(g))
                .unwrap_or(0),
        );
        (a * 1000.0 / self.upem()).round() as i32
    }

    fn per_1000(&self, v: i16) -> i32 {
        (f32::from(v) * 1000.0 / self.upem()).round() as i32
    }

    /// Font bounding box in thousandths of the em.
    pub fn bbox_per_1000(&self) -> (i32, i32, i32, i32) {
        let b = self.face.global_bounding_box();
        (
            self.per_1000(b.x_min),
            self.per_1000(b.y_min),
            self.per_1000(b.x_max),
            self.per_1000(b.y_max),
        )
    }

    /// Ascender in thousandths of the em.
    pub fn ascent_per_1000(&self) -> i32 {
        self.per_1000(self.face.ascender())
    }

    /// Descender in thousandths of the em.
    pub fn descent_per_1000(&self) -> i32 {
        self.per_1000(self.face.descender())
    }

    /// A `ToUnicode` CMap for the used glyphs, so text can be extracted and read aloud.
    pub fn to_unicode(&self, used: &BTreeMap<u16, char>) -> String {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let pairs: Vec<(&u16, &char)> = used.iter().filter(|(g, _)| **g != 0).collect();
        for chunk in pairs.chunks(100) {
            let _ = writeln!(s, "{} beginbfchar", chunk.len());
            for (g, c) in chunk {
                let mut utf16 = [0u16; 2];
                let hex: String = c
                    .encode_utf16(&mut utf16)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(s, "<{g:04X}> <{hex}>");
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }

    /// The font reduced to the used glyphs (and the components of composite ones, and the
    /// missing glyph); other glyphs keep their ids but have no outline.
    pub fn subset(&self, used: &BTreeMap<u16, char>) -> Vec<u8> {
        subset(self.data, used.keys().copied()).unwrap_or_else(|| self.data.to_vec())
    }
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

fn tables(data: &[u8]) -> Option<BTreeMap<[u8; 4], &[u8]>> {
    let n = usize::from(be16(data, 4)?);
    let mut out = BTreeMap::new();
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(data, rec + 8)? as usize;
        let len = be32(data, rec + 12)? as usize;
        out.insert(tag, data.get(off..off + len)?);
    }
    Some(out)
}

fn checksum(d: &[u8]) -> u32 {
    d.chunks(4).fold(0u32, |acc, c| {
        let mut b = [0u8; 4];
        b[..c.len()].copy_from_slice(c);
        acc.wrapping_add(u32::from_be_bytes(b))
    })
}

fn subset(data: &[u8], used: impl Iterator<Item = u16>) -> Option<Vec<u8>> {
    let t = tables(data)?;
    let head = t.get(b"head")?;
    let long = be16(head, 50)? == 1;
    let loca = t.get(b"loca")?;
    let glyf = t.get(b"glyf")?;
    let num_glyphs = usize::from(be16(t.get(b"maxp")?, 4)?);
    let offset = |g: usize| -> Option<usize> {
        if long {
            Some(be32(loca, 4 * g)? as usize)
        } else {
            Some(usize::from(be16(loca, 2 * g)?) * 2)
        }
    };
    let glyph = |g: usize| -> Option<&[u8]> { glyf.get(offset(g)?..offset(g + 1)?) };

    // The used glyphs, the missing glyph, and every component of composite glyphs.
    let mut keep: BTreeSet<usize> = used.map(usize::from).filter(|g| *g < num_glyphs).collect();
    keep.insert(0);
    let mut todo: Vec<usize> = keep.iter().copied().collect();
    while let Some(g) = todo.pop() {
        let d = glyph(g)?;
        if d.len() < 10 || (be16(d, 0)? as i16) >= 0 {
            continue;
        }
        let mut at = 10;
        loop {
            let flags = be16(d, at)?;
            let component = usize::from(be16(d, at + 2)?);
            if component < num_glyphs && keep.insert(component) {
                todo.push(component);
            }
            at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            at += if flags & 0x0008 != 0 {
                2
            } else if flags & 0x0040 != 0 {
                4
            } else if flags & 0x0080 != 0 {
                8
            } else {
                0
            };
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (num_glyphs + 1));
    for g in 0..num_glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if keep.contains(&g) {
            new_glyf.extend_from_slice(glyph(g)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    // Long loca offsets; the whole-font checksum adjustment is left at zero (PDF readers
    // do not check it).
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for tag in [
        b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep",
    ] {
        let body = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            _ => match t.get(tag) {
                Some(d) => d.to_vec(),
                None => continue,
            },
        };
        out_tables.push((*tag, body));
    }
    let n = out_tables.len() as u16;
    let mut pow = 1u16;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(pow * 16).to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&(n * 16 - pow * 16).to_be_bytes());
    let mut offset = 12 + 16 * out_tables.len();
    let mut bodies = Vec::new();
    for (tag, body) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(body).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        let mut padded = body.clone();
        while padded.len() % 4 != 0 {
            padded.push(0);
        }
        offset += padded.len();
        bodies.push(padded);
    }
    for b in bodies {
        out.extend_from_slice(&b);
    }
    Some(out)
}
