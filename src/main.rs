use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = behov::cli::Cli::parse();
    match behov::cli::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("behov: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
