//! `mayak report`: the annual report of a year, as the dashboards' "Download the report"
//! makes it (the same function builds both), written to a file.

use crate::config::{DbArgs, FileConfig};
use crate::say;
use mayak_domain::{Clock, Lang};
use mayak_web::report::{Format, Report};
use std::path::PathBuf;

/// `mayak report` options.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The year reported on
    #[arg(long, value_name = "YYYY")]
    pub year: i32,
    /// Language of the report: ru, be or en
    #[arg(long, default_value = "ru", value_name = "LANG")]
    pub lang: String,
    /// pdf, xlsx or csv
    #[arg(long, default_value = "pdf", value_name = "FORMAT")]
    pub format: String,
    /// Where to write the report
    #[arg(long, value_name = "FILE")]
    pub output: PathBuf,
    /// Cells counting fewer people than this are hidden, as in `mayak serve`; 11 to 1000
    /// [default: the file's [statistics] disclosure_threshold, or 11]
    #[arg(long, env = "MAYAK_DISCLOSURE_THRESHOLD", value_name = "N")]
    pub disclosure_threshold: Option<i64>,
}

/// Writes the annual report.
pub async fn report(args: ReportArgs, file: &FileConfig, clock: &dyn Clock) -> Result<(), String> {
    let lang = Lang::ALL
        .iter()
        .copied()
        .find(|l| l.code() == args.lang.trim())
        .ok_or_else(|| format!("--lang {}: choose ru, be or en", args.lang))?;
    let format = Format::parse(&args.format)
        .ok_or_else(|| format!("--format {}: choose pdf, xlsx or csv", args.format))?;
    let this_year = clock.now().year();
    if mayak_web::pages::statistics::parse_year("year", &args.year.to_string(), this_year).is_err()
    {
        return Err(format!(
            "--year {}: give a year from {} to {this_year}",
            args.year,
            mayak_web::pages::statistics::FIRST_YEAR
        ));
    }
    let catalogs = mayak_web::Catalogs::load().map_err(|e| format!("message catalogs: {e}"))?;
    let cfg = args.db.resolve(file)?;
    let threshold = crate::config::disclosure_threshold(args.disclosure_threshold, file)?;
    let store = crate::open(&cfg, clock).await?;
    let built = Report::build(
        &store,
        threshold,
        catalogs,
        lang,
        args.year,
        clock.now().date(),
    )
    .await;
    store.close().await;
    let bytes = built
        .and_then(|r| r.render(format))
        .map_err(|e| format!("cannot make the report: {e}"))?;
    std::fs::write(&args.output, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?;
    say!(
        "wrote the {} report for {} ({} bytes) to {}",
        format.extension().to_uppercase(),
        args.year,
        bytes.len(),
        args.output.display()
    );
    Ok(())
}
