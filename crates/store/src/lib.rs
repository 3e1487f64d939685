//! Mayak's persistence. One code path serves SQLite (the embedded default) and PostgreSQL
//! (for many app instances): SQL text is shared, and the few places where dialects differ
//! are isolated in [`db`] and in the two migration folders.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod bench_data;
pub mod bench_floor;
pub mod cases;
pub mod casework;
pub mod content;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod demo_hotline;
pub mod demo_nrm;
pub mod demo_prevention;
pub mod demo_rehab;
pub mod demo_stats;
pub mod directory;
pub mod drafts;
pub mod error;
pub mod exports;
pub mod groups;
pub mod hotline;
pub mod hotline_channels;
pub mod hotline_checks;
pub mod hotline_public;
pub mod keyring;
pub mod mail;
pub mod migrate;
pub mod orgs;
pub mod persons;
pub mod prevention;
pub mod publication;
pub mod reference;
pub mod referral_stats;
pub mod referrals;
pub mod rehab;
pub mod retention;
pub mod stats;
pub mod trainings;
pub mod vault;

pub use db::{Backend, Store};
pub use error::StoreError;
