//! Import errors, each one sentence that says what is wrong with the file and that nothing
//! was written.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds no text that could be read as a transcript")]
    NoText,
    #[error(
        "the file is not a transcript behov reads (.docx, .vtt, .srt, .txt or .md); if it is one, name its format with --as"
    )]
    UnknownFormat,
    #[error("the file is not text: it holds binary data (an image, a program or a damaged file?)")]
    Binary,
    #[error("the file is not a Word document (.docx): {0}")]
    NotDocx(String),
    #[error(
        "the Word document is password-protected or encrypted; save an unprotected copy and import that"
    )]
    Encrypted,
    #[error("the Word document is damaged: {0}")]
    DamagedDocx(String),
    #[error("{0}")]
    NotVtt(String),
    #[error("{0}")]
    Table(String),
}

pub type Result<T> = std::result::Result<T, Error>;
