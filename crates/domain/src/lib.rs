//! Mayak's domain: the vocabulary of a counter-trafficking response and the rules that hold
//! regardless of storage or transport. Nothing here performs I/O, talks to a database or
//! reads the system clock: time and randomness arrive as parameters.

pub mod access;
pub mod account;
pub mod case;
pub mod case_list;
pub mod clock;
pub mod crypto;
pub mod hotline;
pub mod hotline_checks;
pub mod lang;
pub mod password;
pub mod person;
pub mod prevention;
pub mod reference;
pub mod referral;
pub mod rehab;
pub mod role;
pub mod screening;
pub mod token;
pub mod totp;
pub mod validate;
pub mod viber;

pub use clock::{Clock, FixedClock, Random, SplitMix64, SystemClock};
pub use lang::Lang;
pub use reference::{ListKind, ReferenceCode};
pub use role::Role;
pub use validate::{FieldError, FieldErrors};
