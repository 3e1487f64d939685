//! The statistics layer's one error type.

/// Why a statistics operation refused to run.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum StatsError {
    /// The CSV input is malformed.
    #[error("CSV line {line}: {reason}")]
    Csv {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A parameter is out of range.
    #[error("{0}")]
    Invalid(String),
    /// A cross-tabulation would be too large to hold.
    #[error(
        "the table of columns {columns} would have {cells} cells; reduce the reporting length or group the values of high-cardinality columns"
    )]
    TooLarge {
        /// The columns, comma-separated.
        columns: String,
        /// How many cells.
        cells: u128,
    },
    /// A release would spend more privacy budget than is left.
    #[error(
        "the release needs ε = {need_epsilon}, δ = {need_delta:e} but only ε = {left_epsilon}, δ = {left_delta:e} remain of this dataset's budget"
    )]
    BudgetExceeded {
        /// ε asked for.
        need_epsilon: f64,
        /// δ asked for.
        need_delta: f64,
        /// ε left.
        left_epsilon: f64,
        /// δ left.
        left_delta: f64,
    },
}
