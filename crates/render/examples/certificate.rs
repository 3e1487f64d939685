//! Writes a sample certificate to the path given (to look at it: `pdftoppm -png`).
#![allow(clippy::expect_used)]

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "certificate.pdf".into());
    let pdf = mayak_render::certificate(&mayak_render::Certificate {
        heading: "Сертыфікат".into(),
        certifies: "Гэты сертыфікат пацвярджае, што".into(),
        name: "Алеся Ўладзіміраўна Іванова".into(),
        completed: "прайшла навучанне".into(),
        course: "Абарона дзяцей ад сэксуальнай эксплуатацыі: выяўленне, перанакіраванне, падтрымка"
            .into(),
        when_where: "12–14 кастрычніка 2026 г., Мінск".into(),
        organiser: "Міжнародны навучальны цэнтр па міграцыі і процідзеянні гандлю людзьмі".into(),
        trainers: "Трэнеры: Павел Настаўнікаў, Ірына Лекцыева".into(),
        number: "Сертыфікат № TC-2026-00042".into(),
    })
    .expect("fonts");
    std::fs::write(&path, pdf).expect("write");
}
