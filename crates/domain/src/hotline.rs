//! The safe-travel hotline: what a consultation record must satisfy, the hotline's working
//! hours, and the secrets of online requests (ticket codes, proof-of-work). Codes of channels,
//! topics, caller types and regions are reference lists checked by the caller against the
//! database; the rules that need no database live here.

use crate::validate::{FieldError, FieldErrors};
use time::{OffsetDateTime, UtcOffset};

/// Longest question or answer kept.
pub const MAX_TEXT: usize = 4000;
/// Longest call recorded, in minutes.
pub const MAX_DURATION_MINUTES: i32 = 480;
/// Most topics one consultation may carry.
pub const MAX_TOPICS: usize = 8;

macro_rules! outcomes {
    ($($variant:ident => $code:literal;)*) => {
        /// How a consultation ended (list `hotline_outcome`, closed: rules depend on it).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum Outcome { $(#[doc = $code] #[serde(rename = $code)] $variant,)* }

        impl Outcome {
            /// Every outcome.
            pub const ALL: &'static [Outcome] = &[$(Outcome::$variant,)*];
            /// Stable code.
            pub fn code(self) -> &'static str {
                match self { $(Outcome::$variant => $code,)* }
            }
            /// Parses a code.
            pub fn parse(code: &str) -> Option<Outcome> {
                match code { $($code => Some(Outcome::$variant),)* _ => None }
            }
        }
    };
}

outcomes! {
    InformationGiven => "InformationGiven";
    ReferredToPartner => "ReferredToPartner";
    EscalatedToCase => "EscalatedToCase";
    PoliceInformed => "PoliceInformed";
}

/// A consultation as a form or the API sends it, before any check.
#[derive(Debug, Clone, Default)]
pub struct ConsultationInput {
    /// Channel code (list `hotline_channel`).
    pub channel: String,
    /// When the call or message began.
    pub started_at: Option<OffsetDateTime>,
    /// Length in minutes, as typed.
    pub duration_minutes: Option<i32>,
    /// Topic codes (list `hotline_topic`), at least one.
    pub topics: Vec<String>,
    /// Outcome code.
    pub outcome: String,
    /// The partner organisation the caller was referred to.
    pub referred_to: Option<i64>,
    /// The question, in the consultant's words.
    pub question: String,
    /// The answer given.
    pub answer: String,
    /// The caller's phone number or Viber id, only to link repeat calls.
    pub caller_contact: String,
    /// The caller agreed that their number links their consultations.
    pub repeat_consent: bool,
}

/// What the rules without a database accept: trimmed, de-duplicated, outcome parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedConsultation {
    /// Channel code.
    pub channel: String,
    /// Start.
    pub started_at: OffsetDateTime,
    /// Minutes.
    pub duration_minutes: Option<i32>,
    /// Topics, de-duplicated, in the order given.
    pub topics: Vec<String>,
    /// Outcome.
    pub outcome: Outcome,
    /// Partner referred to.
    pub referred_to: Option<i64>,
    /// Question.
    pub question: String,
    /// Answer.
    pub answer: String,
    /// The normalised contact to hash, only when the caller consented.
    pub caller_contact: Option<String>,
}

/// Checks a consultation. `now` bounds the start (a call cannot start in the future; five
/// minutes of clock skew are allowed).
pub fn check(
    input: &ConsultationInput,
    now: OffsetDateTime,
) -> Result<CheckedConsultation, FieldErrors> {
    let mut e = FieldErrors::default();
    let channel = input.channel.trim().to_owned();
    if channel.is_empty() {
        e.push(FieldError::required("channel"));
    }
    match input.started_at {
        None => e.push(FieldError::required("started_at")),
        Some(t) if t > now + time::Duration::minutes(5) || t.year() < 2000 => {
            e.push(FieldError::new("started_at", "date_out_of_range"));
        }
        Some(_) => {}
    }
    if let Some(d) = input.duration_minutes
        && !(0..=MAX_DURATION_MINUTES).contains(&d)
    {
        e.push(
            FieldError::new("duration_minutes", "number_range")
                .with("min", "0")
                .with("max", MAX_DURATION_MINUTES.to_string()),
        );
    }
    let mut topics: Vec<String> = Vec::new();
    for t in &input.topics {
        let t = t.trim();
        if !t.is_empty() && !topics.iter().any(|x| x == t) {
            topics.push(t.to_owned());
        }
    }
    if topics.is_empty() {
        e.push(FieldError::new("topics", "choose_one"));
    } else if topics.len() > MAX_TOPICS {
        e.push(FieldError::new("topics", "too_many").with("max", MAX_TOPICS.to_string()));
    }
    let outcome = match input.outcome.trim() {
        "" => {
            e.push(FieldError::required("outcome"));
            None
        }
        code => {
            let o = Outcome::parse(code);
            if o.is_none() {
                e.push(FieldError::unknown_code("outcome"));
            }
            o
        }
    };
    if outcome == Some(Outcome::ReferredToPartner) && input.referred_to.is_none() {
        e.push(FieldError::new("referred_to", "required_for_referral"));
    }
    let question = text("question", &input.question, true, &mut e);
    let answer = text("answer", &input.answer, false, &mut e);
    let contact = input.caller_contact.trim();
    let caller_contact = if contact.is_empty() {
        None
    } else if !input.repeat_consent {
        e.push(FieldError::new("caller_contact", "needs_caller_consent"));
        None
    } else {
        let n = normalise_contact(contact);
        if n.is_none() {
            e.push(FieldError::new("caller_contact", "contact_format"));
        }
        n
    };
    match (input.started_at, outcome) {
        (Some(started_at), Some(outcome)) if e.is_empty() => Ok(CheckedConsultation {
            channel,
            started_at,
            duration_minutes: input.duration_minutes,
            topics,
            outcome,
            referred_to: input.referred_to,
            question,
            answer,
            caller_contact,
        }),
        _ => Err(e),
    }
}

/// Checks a free text: trimmed, at most [`MAX_TEXT`] characters, no control characters other
/// than line breaks and tabs.
pub fn text(field: &'static str, raw: &str, required: bool, e: &mut FieldErrors) -> String {
    let v = raw.trim();
    if v.is_empty() {
        if required {
            e.push(FieldError::required(field));
        }
        return String::new();
    }
    if v.chars().count() > MAX_TEXT {
        e.push(FieldError::too_long(field, MAX_TEXT));
    } else if v
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        e.push(FieldError::new(field, "control_chars"));
    }
    v.replace("\r\n", "\n")
}

/// A phone number (5–15 digits, Belarusian national form made international), an e-mail
/// address (lower-cased) or a Viber id (the opaque id of the Viber bot API, kept as given),
/// normalised for the keyed hash; `None` when it is none of them.
pub fn normalise_contact(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let phone_like = raw
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
    if phone_like {
        let digits = crate::crypto::normalise_phone(raw);
        return (5..=15)
            .contains(&digits.len())
            .then(|| format!("tel:{digits}"));
    }
    if let Some((local, domain)) = raw.split_once('@') {
        let ok = raw.len() <= 254
            && !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !raw
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';'))
            && !domain.contains('@');
        return ok.then(|| format!("email:{}", raw.to_lowercase()));
    }
    let viber_like = raw.len() <= 64
        && raw.len() >= 8
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_'));
    viber_like.then(|| format!("viber:{raw}"))
}

/// The hotline's working hours in its own time zone, e.g. 08:00–20:00 at UTC+3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingHours {
    /// Opening, minutes after local midnight.
    pub open: u16,
    /// Closing, minutes after local midnight.
    pub close: u16,
    /// The hotline's time zone.
    pub offset: UtcOffset,
}

impl Default for WorkingHours {
    fn default() -> Self {
        Self {
            open: 8 * 60,
            close: 20 * 60,
            offset: UtcOffset::from_hms(3, 0, 0).unwrap_or(UtcOffset::UTC),
        }
    }
}

impl WorkingHours {
    /// Parses `HH:MM-HH:MM` and an offset such as `+03:00`.
    pub fn parse(hours: &str, offset: &str) -> Result<Self, String> {
        let bad = || format!("{hours:?} is not a range of working hours such as 08:00-20:00");
        let (a, b) = hours.split_once('-').ok_or_else(bad)?;
        let minutes = |s: &str| -> Option<u16> {
            let (h, m) = s.trim().split_once(':')?;
            let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
            (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
        };
        let (open, close) = (minutes(a).ok_or_else(bad)?, minutes(b).ok_or_else(bad)?);
        if open >= close {
            return Err(bad());
        }
        let off = parse_offset(offset)
            .ok_or_else(|| format!("{offset:?} is not a UTC offset such as +03:00"))?;
        Ok(Self {
            open,
            close,
            offset: off,
        })
    }

    /// True while consultants answer.
    pub fn is_open(&self, at: OffsetDateTime) -> bool {
        let local = at.to_offset(self.offset);
        let m = u16::from(local.hour()) * 60 + u16::from(local.minute());
        (self.open..self.close).contains(&m)
    }

    /// `08:00–20:00`, for pages.
    pub fn display(&self) -> String {
        format!(
            "{:02}:{:02}–{:02}:{:02}",
            self.open / 60,
            self.open % 60,
            self.close / 60,
            self.close % 60
        )
    }
}

/// The hotline's numbers by channel code, e.g. `NationalLine=8 801 201 5555; ShortNumber=113`
/// (configuration: a country sets its own lines).
pub fn parse_numbers(raw: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (channel, number) = part.split_once('=').ok_or_else(|| {
            format!("{part:?} is not CHANNEL=NUMBER, such as NationalLine=8 801 201 5555")
        })?;
        let (channel, number) = (channel.trim(), number.trim());
        if crate::ReferenceCode::parse(channel).is_err() || number.is_empty() || number.len() > 40 {
            return Err(format!(
                "{part:?} is not CHANNEL=NUMBER, such as NationalLine=8 801 201 5555"
            ));
        }
        out.push((channel.to_owned(), number.to_owned()));
    }
    Ok(out)
}

/// The numbers of the presentation's hotline, the default configuration.
pub const DEFAULT_NUMBERS: &str =
    "NationalLine=8 801 201 5555; InternationalLine=+375 162 21 8888; ShortNumber=113";

/// Parses `+03:00`, `-05:30` or `Z`.
pub fn parse_offset(s: &str) -> Option<UtcOffset> {
    let s = s.trim();
    if s == "Z" || s == "UTC" {
        return Some(UtcOffset::UTC);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1i8, &s[1..]),
        b'-' => (-1i8, &s[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

/// The alphabet of ticket codes (Crockford's base 32: no I, L, O, U).
const TICKET_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh ticket code of 80 random bits, e.g. `K7Q2-9XMV-3HPA-W8RT`: the only key to an
/// online request's answer.
pub fn new_ticket(rng: &dyn crate::Random) -> String {
    let mut b = [0u8; 16];
    rng.fill(&mut b);
    let mut out = String::new();
    for (i, byte) in b.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(TICKET_ALPHABET[usize::from(byte & 31)]));
    }
    out
}

/// A ticket as typed, normalised: case, spaces and dashes ignored, and the letters people
/// confuse with digits read as those digits. `None` when it cannot be a ticket.
pub fn normalise_ticket(raw: &str) -> Option<String> {
    let mut out = String::new();
    for c in raw.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !TICKET_ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
            return None;
        }
        out.push(c);
    }
    (out.len() == 16).then_some(out)
}

/// The digest stored for a ticket (SHA-256 of its normalised form).
pub fn ticket_digest(ticket: &str) -> String {
    crate::token::digest(&normalise_ticket(ticket).unwrap_or_default())
}

/// The proof-of-work of the public form: a SHA-256 of `challenge:nonce` whose hex starts
/// with `difficulty` zero digits. A browser finds one in well under a second; a flood of
/// requests costs the sender that much each.
pub fn proof_ok(challenge: &str, nonce: &str, difficulty: usize) -> bool {
    nonce.len() <= 20
        && nonce.chars().all(|c| c.is_ascii_digit())
        && crate::token::digest(&format!("{challenge}:{nonce}"))
            .bytes()
            .take(difficulty)
            .all(|b| b == b'0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn input() -> ConsultationInput {
        ConsultationInput {
            channel: "NationalLine".into(),
            started_at: Some(datetime!(2026-03-02 10:00 UTC)),
            duration_minutes: Some(7),
            topics: vec!["PassportAndVisa".into(), " PassportAndVisa".into()],
            outcome: "InformationGiven".into(),
            question: "  How long does a Schengen visa take? ".into(),
            ..Default::default()
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-03-02 12:00 UTC);

    #[test]
    fn a_plain_call_passes_trimmed_and_deduplicated() {
        let c = check(&input(), NOW).unwrap_or_else(|e| unreachable!("{e:?}"));
        assert_eq!(c.topics, vec!["PassportAndVisa".to_owned()]);
        assert_eq!(c.question, "How long does a Schengen visa take?");
        assert_eq!(c.outcome, Outcome::InformationGiven);
        assert_eq!(c.caller_contact, None);
    }

    fn fields(i: &ConsultationInput) -> Vec<(String, &'static str)> {
        check(i, NOW)
            .err()
            .map(|e| e.0.into_iter().map(|f| (f.field, f.code)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn every_rule_names_its_field() {
        let bad = ConsultationInput {
            channel: " ".into(),
            started_at: Some(datetime!(2026-03-03 10:00 UTC)),
            duration_minutes: Some(481),
            topics: vec![],
            outcome: "Nonsense".into(),
            question: "x".repeat(MAX_TEXT + 1),
            answer: "a\u{7}b".into(),
            caller_contact: "+375 29 111-22-33".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(&bad),
            vec![
                ("channel".into(), "required"),
                ("started_at".into(), "date_out_of_range"),
                ("duration_minutes".into(), "number_range"),
                ("topics".into(), "choose_one"),
                ("outcome".into(), "unknown_code"),
                ("question".into(), "too_long"),
                ("answer".into(), "control_chars"),
                ("caller_contact".into(), "needs_caller_consent"),
            ]
        );
        let referral = ConsultationInput {
            outcome: "ReferredToPartner".into(),
            ..input()
        };
        assert_eq!(
            fields(&referral),
            vec![("referred_to".into(), "required_for_referral")]
        );
        let many = ConsultationInput {
            topics: (0..9).map(|i| format!("T{i}")).collect(),
            ..input()
        };
        assert_eq!(fields(&many), vec![("topics".into(), "too_many")]);
    }

    #[test]
    fn repeat_callers_are_linked_only_with_consent() {
        let with = ConsultationInput {
            caller_contact: "8 029 111-22-33".into(),
            repeat_consent: true,
            ..input()
        };
        let c = check(&with, NOW).unwrap_or_else(|e| unreachable!("{e:?}"));
        assert_eq!(c.caller_contact.as_deref(), Some("tel:375291112233"));
        assert_eq!(
            normalise_contact("0123456789AbCdEf==").as_deref(),
            Some("viber:0123456789AbCdEf==")
        );
        assert_eq!(normalise_contact("12"), None);
        assert_eq!(normalise_contact("not a phone!"), None);
        // E-mail senders (the e-mail channel) are compared without regard to case.
        assert_eq!(
            normalise_contact(" Olga.K@Example.BY ").as_deref(),
            Some("email:olga.k@example.by")
        );
        for bad in [
            "@example.by",
            "a@b",
            "a@.by",
            "a@b.",
            "a b@c.by",
            "a@b@c.by",
            "<a@b.by>",
        ] {
            assert_eq!(normalise_contact(bad), None, "{bad}");
        }
    }

    #[test]
    fn tickets_are_random_typeable_and_forgiving() {
        let rng = crate::SplitMix64::new(9);
        let a = new_ticket(&rng);
        let b = new_ticket(&rng);
        assert_ne!(a, b);
        assert_eq!(a.len(), 19);
        assert_eq!(
            normalise_ticket(&a.to_lowercase().replace('-', " ")),
            normalise_ticket(&a)
        );
        assert_eq!(
            normalise_ticket("oooo-iiii-llll-0000").as_deref(),
            Some("0000111111110000")
        );
        assert_eq!(normalise_ticket("short"), None);
        assert_eq!(normalise_ticket("UUUU-0000-0000-0000"), None);
        assert_eq!(ticket_digest(&a), ticket_digest(&a.to_lowercase()));
        assert_ne!(ticket_digest(&a), ticket_digest(&b));
    }

    #[test]
    fn proof_of_work_is_checked() {
        let nonce = (0..100_000u32)
            .map(|n| n.to_string())
            .find(|n| proof_ok("abc", n, 3))
            .unwrap_or_default();
        assert!(proof_ok("abc", &nonce, 3));
        assert_eq!(
            proof_ok("abd", &nonce, 3),
            crate::token::digest(&format!("abd:{nonce}")).starts_with("000")
        );
        assert!(!proof_ok("abc", "x1", 1));
        assert!(!proof_ok("abc", &"1".repeat(21), 0));
    }

    #[test]
    fn working_hours_are_configuration() {
        let h = WorkingHours::parse("08:00-20:00", "+03:00").unwrap_or_default();
        assert!(h.is_open(datetime!(2026-03-02 05:00 UTC)), "08:00 in Minsk");
        assert!(
            !h.is_open(datetime!(2026-03-02 17:00 UTC)),
            "20:00 in Minsk"
        );
        assert!(!h.is_open(datetime!(2026-03-02 04:59 UTC)));
        assert_eq!(h.display(), "08:00–20:00");
        assert!(WorkingHours::parse("20:00-08:00", "+03:00").is_err());
        assert!(WorkingHours::parse("8-20", "+03:00").is_err());
        assert!(WorkingHours::parse("08:00-20:00", "Minsk").is_err());
        assert_eq!(
            parse_offset("-05:30").map(|o| o.whole_minutes()),
            Some(-330)
        );
        let n = parse_numbers(DEFAULT_NUMBERS).unwrap_or_default();
        assert_eq!(n[2], ("ShortNumber".to_owned(), "113".to_owned()));
        assert!(parse_numbers("NationalLine").is_err());
        assert!(parse_numbers("Bad Code=1").is_err());
    }
}
