//! Prevention and capacity building: the rules of campaigns, trainings and self-check quizzes.
//! Texts visitors read are kept in the three interface languages ([`Text3`]); quiz scoring
//! and the knowledge gain of a training are pure functions here.

use crate::Lang;
use crate::validate::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Longest short text (titles, names, places).
pub const MAX_SHORT: usize = 200;
/// Longest long text (summaries, advice, page bodies).
pub const MAX_LONG: usize = 10_000;

/// A text in Russian, Belarusian and English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text3 {
    /// Russian.
    pub ru: String,
    /// Belarusian.
    pub be: String,
    /// English.
    pub en: String,
}

impl Text3 {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::Be => &self.be,
            Lang::En => &self.en,
        }
    }

    /// Validates the three versions of field `name` (errors name `name_ru`, `name_be`,
    /// `name_en`): each required, at most `max` characters, no control characters except
    /// line breaks when `multiline`.
    pub fn parse(
        name: &str,
        [ru, be, en]: [&str; 3],
        max: usize,
        multiline: bool,
        errors: &mut FieldErrors,
    ) -> Text3 {
        let mut one = |lang: &str, raw: &str| {
            let field = format!("{name}_{lang}");
            errors
                .check(text(&field, raw, max, multiline, true))
                .unwrap_or_default()
        };
        Text3 {
            ru: one("ru", ru),
            be: one("be", be),
            en: one("en", en),
        }
    }
}

/// Validates one text field: trimmed, required or not, length, control characters.
pub fn text(
    field: &str,
    raw: &str,
    max: usize,
    multiline: bool,
    required: bool,
) -> Result<String, FieldError> {
    let v = raw.trim();
    if v.is_empty() && required {
        return Err(FieldError::required(field));
    }
    if v.chars().count() > max {
        return Err(FieldError::too_long(field, max));
    }
    if v.chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(FieldError::new(field, "control_chars"));
    }
    Ok(v.replace("\r\n", "\n"))
}

/// Parses a whole number in `min..=max` (empty is `None`, or `required` when it must be given).
pub fn number(
    field: &str,
    raw: &str,
    min: i64,
    max: i64,
    required: bool,
) -> Result<Option<i64>, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return if required {
            Err(FieldError::required(field))
        } else {
            Ok(None)
        };
    }
    let n: i64 = v
        .replace([' ', '\u{a0}'], "")
        .parse()
        .map_err(|_| FieldError::new(field, "number_format"))?;
    if n < min || n > max {
        return Err(FieldError::new(field, "number_range")
            .with("min", min.to_string())
            .with("max", max.to_string()));
    }
    Ok(Some(n))
}

/// A quiz slug: 2–60 lowercase Latin letters, digits and hyphens (it appears in public URLs).
pub fn slug(field: &str, raw: &str) -> Result<String, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(FieldError::required(field));
    }
    if v.len() > 60 {
        return Err(FieldError::too_long(field, 60));
    }
    if v.len() < 2
        || !v
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(FieldError::new(field, "slug_chars"));
    }
    Ok(v.to_owned())
}

/// A score band of a quiz: visitors whose score is in `min..=max` get its advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// Lowest score of the band.
    pub min: i64,
    /// Highest score of the band.
    pub max: i64,
}

/// Checks a new band against the quiz's existing ones: `min ≤ max`, no overlap.
pub fn check_band(new: Band, existing: &[Band]) -> Result<(), FieldError> {
    if new.min > new.max {
        return Err(FieldError::new("max_score", "band_order"));
    }
    if existing
        .iter()
        .any(|b| new.min <= b.max && b.min <= new.max)
    {
        return Err(FieldError::new("min_score", "band_overlap"));
    }
    Ok(())
}

/// The index of the band a score falls in.
pub fn band_for(score: i64, bands: &[Band]) -> Option<usize> {
    bands.iter().position(|b| b.min <= score && score <= b.max)
}

/// Why a quiz cannot be published yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuizProblem {
    /// It has no question.
    NoQuestions,
    /// A question has fewer than two answers.
    QuestionWithoutChoice,
    /// Some reachable score has no advice band.
    ScoreWithoutAdvice,
}

impl QuizProblem {
    /// Stable code, also the message key suffix.
    pub fn code(self) -> &'static str {
        match self {
            QuizProblem::NoQuestions => "no_questions",
            QuizProblem::QuestionWithoutChoice => "question_without_choice",
            QuizProblem::ScoreWithoutAdvice => "score_without_advice",
        }
    }
}

/// What keeps a quiz from being published: every question needs two answers or more, and
/// every score a visitor can reach needs advice. `questions` holds each question's answer
/// points.
pub fn publish_problems(questions: &[Vec<i64>], bands: &[Band]) -> Vec<QuizProblem> {
    let mut out = Vec::new();
    if questions.is_empty() {
        out.push(QuizProblem::NoQuestions);
        return out;
    }
    if questions.iter().any(|q| q.len() < 2) {
        out.push(QuizProblem::QuestionWithoutChoice);
        return out;
    }
    // Every reachable total, by dynamic programming over the questions (scores are small).
    let mut reachable = std::collections::BTreeSet::from([0i64]);
    for q in questions {
        let mut next = std::collections::BTreeSet::new();
        for s in &reachable {
            for p in q {
                next.insert(s + p);
            }
        }
        reachable = next;
        if reachable.len() > 100_000 {
            break;
        }
    }
    if reachable.iter().any(|s| band_for(*s, bands).is_none()) {
        out.push(QuizProblem::ScoreWithoutAdvice);
    }
    out
}

/// The knowledge gain of one participant, in percentage points of the test's maximum.
pub fn knowledge_gain(pre: i64, post: i64, max_score: i64) -> Option<f64> {
    if max_score <= 0 {
        return None;
    }
    Some((post - pre) as f64 * 100.0 / max_score as f64)
}

/// The average gain over participants who took both tests.
pub fn average_gain(scores: &[(Option<i64>, Option<i64>)], max_score: i64) -> Option<f64> {
    let gains: Vec<f64> = scores
        .iter()
        .filter_map(|(pre, post)| knowledge_gain((*pre)?, (*post)?, max_score))
        .collect();
    if gains.is_empty() {
        None
    } else {
        Some(gains.iter().sum::<f64>() / gains.len() as f64)
    }
}

/// Reads a sex as people write it in participant lists (codes, or the usual words and
/// letters in the three languages) and gives the list code.
pub fn sex_code(raw: &str) -> Option<&'static str> {
    let v = raw.trim().to_lowercase();
    match v.as_str() {
        "male" | "m" | "м" | "муж" | "мужской" | "мужчына" | "мужчынскі" | "man" => {
            Some("Male")
        }
        "female" | "f" | "ж" | "жен" | "женский" | "жанчына" | "жаночы" | "woman" | "w" => {
            Some("Female")
        }
        "transgendernonconforming" => Some("TransgenderNonConforming"),
        "unknown" | "" => None,
        _ => None,
    }
}

/// Reads yes/no as people write it (for "member of a multidisciplinary group").
pub fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "y" | "1" | "true" | "да" | "так" | "+" | "x" => Some(true),
        "no" | "n" | "0" | "false" | "нет" | "не" | "-" | "" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_must_not_overlap_and_every_score_needs_advice() {
        let bands = [Band { min: 0, max: 2 }, Band { min: 3, max: 5 }];
        assert_eq!(
            check_band(Band { min: 2, max: 4 }, &bands),
            Err(FieldError::new("min_score", "band_overlap"))
        );
        assert!(check_band(Band { min: 6, max: 9 }, &bands).is_ok());
        assert!(check_band(Band { min: 9, max: 6 }, &[]).is_err());
        assert_eq!(band_for(4, &bands), Some(1));
        assert_eq!(band_for(6, &bands), None);
        // Three questions worth 0 or 2 points reach 0, 2, 4, 6: 6 has no advice.
        let q = vec![vec![0, 2]; 3];
        assert_eq!(
            publish_problems(&q, &bands),
            vec![QuizProblem::ScoreWithoutAdvice]
        );
        assert!(publish_problems(&q, &[Band { min: 0, max: 6 }]).is_empty());
        assert_eq!(
            publish_problems(&[vec![1]], &bands),
            vec![QuizProblem::QuestionWithoutChoice]
        );
        assert_eq!(
            publish_problems(&[], &bands),
            vec![QuizProblem::NoQuestions]
        );
    }

    #[test]
    fn knowledge_gain_is_in_points_of_the_maximum() {
        assert_eq!(knowledge_gain(8, 17, 20), Some(45.0));
        assert_eq!(knowledge_gain(8, 17, 0), None);
        let avg = average_gain(
            &[(Some(10), Some(15)), (Some(5), Some(20)), (None, Some(3))],
            20,
        );
        assert_eq!(avg, Some(50.0));
        assert_eq!(average_gain(&[(None, None)], 20), None);
    }

    #[test]
    fn participant_lists_are_read_as_people_write_them() {
        assert_eq!(sex_code("Ж"), Some("Female"));
        assert_eq!(sex_code("male"), Some("Male"));
        assert_eq!(sex_code("?"), None);
        assert_eq!(yes_no("да"), Some(true));
        assert_eq!(yes_no(""), Some(false));
        assert_eq!(yes_no("maybe"), None);
        assert!(number("n", "12 000", 0, 1_000_000, true).is_ok());
        assert_eq!(
            number("n", "abc", 0, 10, true).unwrap_err().code,
            "number_format"
        );
        assert_eq!(
            number("n", "11", 0, 10, true).unwrap_err().code,
            "number_range"
        );
        assert_eq!(slug("s", "Safe Job").unwrap_err().code, "slug_chars");
    }

    #[test]
    fn texts_come_in_three_languages() {
        let mut e = FieldErrors::default();
        let t = Text3::parse("title", ["Тест", "", "Test"], 10, false, &mut e);
        assert_eq!(t.get(Lang::En), "Test");
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "title_be");
    }
}
