//! Mayak's privacy-preserving statistics. Pure: tables arrive as values or byte buffers and
//! leave the same way; randomness is a [`mayak_domain::Random`] passed in; no I/O, no async.
//!
//! - [`table`]: categorical microdata, dictionary-encoded by column, read from and written to CSV.
//! - [`marginals`]: every 0- to k-way cross-tabulation (the "reporting length" k) in one pass.
//! - [`sdc`]: statistical disclosure control — cells under a threshold suppressed, and
//!   complementary suppression checked by exact linear algebra so no suppressed cell can be
//!   recomputed from the published cells and margins.
//! - [`dp`]: differential privacy — discrete Laplace and discrete Gaussian noise, (ε, δ) and
//!   zCDP accounting, a budget ledger's arithmetic.
//! - [`synth`]: DP synthetic microdata seeded by noisy thresholded marginals.
//! - [`utility`]: how far synthetic data are from the real ones (marginal errors, rare combinations).
//! - [`ctdc`]: the CTDC codebook shape and a generator of CTDC-shaped benchmark tables.
//! - [`htcds`]: the HTCDS case data export's fields and its CSV.

pub mod ctdc;
pub mod dp;
pub mod error;
pub mod htcds;
pub mod marginals;
pub mod sdc;
pub mod synth;
pub mod table;
pub mod utility;

pub use error::StatsError;
pub use marginals::Marginals;
pub use table::Table;
