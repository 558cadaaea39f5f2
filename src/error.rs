//! Why a command could not do its work (exit status 2), as opposed to finding nothing, and
//! the one place that tells the user: one sanitized line on stderr, in their language.

use std::io::{self, Write};

use crate::data::load::{LoadError, io_reason};
use crate::exit::Exit;
use crate::lang::Lang;
use crate::messages::{self, Problem};
use crate::text::clean_line;

#[derive(Debug)]
pub enum Error {
    /// Writing the output failed.
    Io(io::Error),
    /// A data file could not be used.
    Data(LoadError),
    /// A database file with problems, every one of them to be listed (`check`).
    Invalid(LoadError),
    /// The input or the command line.
    Input(Problem),
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Error {
        Error::Data(e)
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Error {
        Error::Input(p)
    }
}

/// Tells the user what went wrong and gives the exit status. The reader of the output
/// going away (`sphere-faq list | head -1`) is no error: nobody is left to tell, so the
/// program ends quietly, as ripgrep does (Rust ignores SIGPIPE: it arrives as EPIPE).
pub fn report(error: &Error, lang: Lang) -> Exit {
    let msg = match error {
        Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => return Exit::Answered,
        Error::Io(e) => Problem::CannotWrite(io_reason(e)).text(lang).into_owned(),
        Error::Data(e) => e.to_string(),
        Error::Invalid(e) => {
            // Every problem on its own line, as compilers do: file:line: reason.
            let mut err = io::stderr().lock();
            for line in e.lines() {
                let _ = writeln!(err, "{}", clean_line(&line));
            }
            Problem::DatabaseInvalid(e.path().to_string())
                .text(lang)
                .into_owned()
        }
        Error::Input(p) => p.text(lang).into_owned(),
    };
    let _ = writeln!(
        io::stderr(),
        "sphere-faq: {}: {}",
        messages::ERROR.get(lang),
        clean_line(&msg)
    );
    Exit::Error
}
