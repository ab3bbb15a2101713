use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use behov::cli::Cli;

fn main() -> ExitCode {
    // Interviews are personal data: every file behov or a library it uses creates (the search
    // index, logs, panic reports) is readable by its owner only.
    // SAFETY: umask only sets the process's file-creation mask; no other thread runs yet.
    unsafe {
        libc::umask(0o077);
    }
    let cli = parse(std::env::args_os().collect());
    match behov::cli::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("behov: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// The command line; `behov DIR`, a folder where a subcommand would be, is `behov open DIR`.
fn parse(args: Vec<OsString>) -> Cli {
    match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) if error.kind() == ErrorKind::InvalidSubcommand => {
            let word = match error.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(word)) => word.clone(),
                _ => error.exit(),
            };
            let Some(at) = args
                .iter()
                .position(|a| a.to_str() == Some(word.as_str()) && Path::new(a).is_dir())
            else {
                error.exit()
            };
            let mut args = args;
            args.insert(at, "open".into());
            Cli::parse_from(args)
        }
        Err(error) => error.exit(),
    }
}
