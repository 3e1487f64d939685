//! The `mayak` binary. Everything it does lives in the `mayak_cli` library so tests can run it.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    mayak_cli::main_with_args(std::env::args_os()).await
}
