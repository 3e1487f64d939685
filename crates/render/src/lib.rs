//! Document rendering for Mayak, kept apart from the web layer so that other modules (the
//! statistics reports) can reuse it: a small PDF writer with embedded TrueType subsets
//! ([`pdf`], [`font`]), and SVG charts ([`svg`]). Pure functions: no I/O, no clock.

pub mod font;
pub mod pdf;
pub mod svg;

pub use pdf::{Align, Document, Rgb};

/// What a certificate of training says, already in the participant's language.
#[derive(Debug, Clone, Default)]
pub struct Certificate {
    /// Heading, e.g. "Certificate".
    pub heading: String,
    /// "This certifies that".
    pub certifies: String,
    /// The participant's full name.
    pub name: String,
    /// "completed the training".
    pub completed: String,
    /// Course title.
    pub course: String,
    /// Dates and place, in one line.
    pub when_where: String,
    /// Organiser's name.
    pub organiser: String,
    /// "Trainers: …".
    pub trainers: String,
    /// "Certificate No. …".
    pub number: String,
}

/// Renders a certificate on one A4 landscape page; `None` when the embedded fonts cannot
/// be read (a build defect that tests catch).
pub fn certificate(c: &Certificate) -> Option<Vec<u8>> {
    let regular = font::sans()?;
    let bold = font::sans_bold()?;
    let (w, h) = (pdf::A4.1, pdf::A4.0);
    let mut d = Document::new(&format!("{} — {}", c.heading, c.name), &[regular, bold]);
    d.page(w, h);
    let navy = Rgb(0.09, 0.2, 0.42);
    let grey = Rgb(0.25, 0.25, 0.25);
    d.rect(28.0, 28.0, w - 56.0, h - 56.0, 3.0, navy);
    d.rect(36.0, 36.0, w - 72.0, h - 72.0, 0.8, navy);
    let cx = w / 2.0;
    d.text(1, 40.0, cx, h - 130.0, Align::Center, &c.heading, navy);
    d.text(0, 16.0, cx, h - 185.0, Align::Center, &c.certifies, grey);
    d.text(
        1,
        28.0,
        cx,
        h - 230.0,
        Align::Center,
        &c.name,
        Rgb(0.0, 0.0, 0.0),
    );
    d.line(cx - 220.0, h - 242.0, cx + 220.0, h - 242.0, 0.6, grey);
    d.text(0, 16.0, cx, h - 275.0, Align::Center, &c.completed, grey);
    let y = d.paragraph(
        1,
        20.0,
        cx,
        h - 310.0,
        w - 180.0,
        Align::Center,
        &c.course,
        navy,
    );
    let y = d.paragraph(
        0,
        14.0,
        cx,
        y - 8.0,
        w - 180.0,
        Align::Center,
        &c.when_where,
        grey,
    );
    d.paragraph(
        0,
        12.0,
        cx,
        y - 4.0,
        w - 180.0,
        Align::Center,
        &c.trainers,
        grey,
    );
    d.paragraph(
        0,
        13.0,
        70.0,
        100.0,
        w - 360.0,
        Align::Left,
        &c.organiser,
        grey,
    );
    d.text(0, 11.0, w - 70.0, 60.0, Align::Right, &c.number, grey);
    Some(d.finish())
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_parse_and_cover_belarusian() {
        let f = font::sans().expect("regular font");
        assert!(font::sans_bold().is_some());
        for (g, c) in f.glyphs("Сертыфікат ўдзельніка: Ёё Іі Ўў ґ") {
            assert!(g != 0 || c == ' ', "missing glyph for {c}");
        }
    }

    #[test]
    fn a_certificate_is_a_small_pdf_with_a_font_subset() {
        let pdf = certificate(&Certificate {
            heading: "Сертыфікат".into(),
            name: "Алеся Ўладзіміраўна Іванова".into(),
            course: "Абарона дзяцей ад сэксуальнай эксплуатацыі".into(),
            ..Default::default()
        })
        .expect("pdf");
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        // Two subset fonts instead of 1.4 MB of whole fonts.
        assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
    }
}
