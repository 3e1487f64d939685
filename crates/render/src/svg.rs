//! Server-rendered SVG charts: no script, no inline style (colours are presentation
//! attributes), a title and description for screen readers. Pages show the same figures in
//! a table next to each chart.

use std::fmt::Write as _;

/// Escapes text for XML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Colours of the series, with contrast of at least 3:1 against white (WCAG 1.4.11).
pub const PALETTE: [&str; 6] = [
    "#1f5fa8", "#b3541e", "#2e7d32", "#6a3d9a", "#8c6d00", "#c2185b",
];

/// A horizontal bar chart: one bar per label, its value written beside it. `id` makes the
/// title's id unique in the page.
pub fn bar_chart(id: &str, title: &str, bars: &[(String, f64)], unit: &str) -> String {
    let row = 28.0;
    let label_w = 230.0;
    let bar_w = 300.0;
    let width = label_w + bar_w + 110.0;
    let height = row * bars.len().max(1) as f64 + 10.0;
    let max = bars.iter().map(|b| b.1).fold(0.0_f64, f64::max);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{}</title>",
        escape(title)
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let w = if max > 0.0 { value / max * bar_w } else { 0.0 };
        let shown = if value.fract() == 0.0 {
            group(*value as i64)
        } else {
            format!("{value:.1}")
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"#222\">{}</text>\
             <rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{}\" font-size=\"13\" fill=\"#222\">{}{}</text>",
            label_w - 8.0,
            y + 17.0,
            escape(&truncate(label, 34)),
            y + 4.0,
            row - 8.0,
            PALETTE[i % PALETTE.len()],
            label_w + w + 6.0,
            y + 17.0,
            shown,
            escape(unit)
        );
    }
    s.push_str("</svg>");
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// A number with thin spaces between thousands: 500 000.
pub fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 { format!("−{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels_and_scale_bars() {
        let svg = bar_chart(
            "c1",
            "Reach <2026>",
            &[
                ("Videos & articles".into(), 500_000.0),
                ("Leaflets".into(), 250_000.0),
            ],
            "",
        );
        assert!(svg.contains("<title id=\"c1-t\">Reach &lt;2026&gt;</title>"));
        assert!(svg.contains("Videos &amp; articles"));
        assert!(svg.contains("width=\"300.0\"") && svg.contains("width=\"150.0\""));
        assert!(svg.contains("500\u{202f}000"));
        assert!(!svg.contains("style="));
    }
}
