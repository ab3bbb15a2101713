use std::path::PathBuf;
use std::process::ExitCode;
use crate::cli::Failure;
use crate::model::Lang;
pub fn run(dir: Option<PathBuf>, _lang: Option<Lang>) -> Result<ExitCode, Failure> {
    println!("{}", dir.map(|d| d.display().to_string()).unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}
