use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Interviews are personal data: every file behov or a library it uses creates (the search
    // index, logs, panic reports) is readable by its owner only.
    // SAFETY: umask only sets the process's file-creation mask; no other thread runs yet.
    unsafe {
        libc::umask(0o077);
    }
    let cli = behov::cli::Cli::parse();
    match behov::cli::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("behov: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
