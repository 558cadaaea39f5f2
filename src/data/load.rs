//! Reading the data files: the copies built in (`data/`), a `--data` file, and the errors
//! of both with the file, line and column. The loader checks every file it reads with
//! [`super::rules`].

use std::fmt;

use super::catalog::Catalog;
use super::faq::{Faq, Origin};
use super::guide::Guide;
use super::lexicon::LexiconFile;
use super::outside::Outside;
use super::rules::{self, Kind};

/// The data files compiled in, by name. (Named one by one: `data/` also holds the corpus,
/// which the program does not need.)
pub const EMBEDDED: [(&str, &str); 5] = [
    ("faq.json", include_str!("../../data/faq.json")),
    ("catalog.json", include_str!("../../data/catalog.json")),
    ("lexicon.json", include_str!("../../data/lexicon.json")),
    ("outside.json", include_str!("../../data/outside.json")),
    ("guide.json", include_str!("../../data/guide.json")),
];

/// Why a database could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The file could not be read.
    Io { path: String, reason: String },
    /// Not JSON of the schema; `line` and `column` are 1-based, as editors count.
    Parse {
        path: String,
        line: usize,
        column: usize,
        reason: String,
    },
    /// Valid JSON that breaks the integrity rules: every problem found.
    Invalid { path: String, problems: Vec<String> },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, reason } => write!(f, "{path}: {reason}"),
            LoadError::Parse {
                path,
                line,
                column,
                reason,
            } => write!(f, "{path}:{line}:{column}: {reason}"),
            LoadError::Invalid { path, problems } => match problems.as_slice() {
                [one] => write!(f, "{path}:{one}"),
                _ => write!(f, "{path}: {} problems", problems.len()),
            },
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Parse { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }

    /// One line per problem, each starting with the file (and line where known).
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Invalid { path, problems } => {
                problems.iter().map(|p| format!("{path}:{p}")).collect()
            }
            other => vec![other.to_string()],
        }
    }

    /// The same error about a file named otherwise (`SPHERE_FAQ_DATA=faq.json`).
    pub fn named(mut self, name: String) -> LoadError {
        match &mut self {
            LoadError::Io { path, .. }
            | LoadError::Parse { path, .. }
            | LoadError::Invalid { path, .. } => *path = name,
        }
        self
    }

    /// The error on one line: for a file with several problems, the first and how many.
    pub fn summary(self) -> LoadError {
        match self {
            LoadError::Invalid { path, problems } if problems.len() > 1 => {
                let n = problems.len();
                let first = problems[0].clone();
                LoadError::Invalid {
                    problems: vec![format!(
                        "{first} (and {} more; run `sphere-faq check {path}`)",
                        n - 1
                    )],
                    path,
                }
            }
            other => other,
        }
    }
}

/// Name under which the embedded database reports errors.
pub const EMBEDDED_NAME: &str = "<embedded>/faq.json";

impl Faq {
    /// The FAQ compiled into the binary. Its integrity rules are checked by the tests
    /// (tests/data_integrity.rs) rather than at every start.
    pub fn embedded() -> Result<Faq, LoadError> {
        embedded_json("faq.json")
    }

    /// Reads and validates a database file in the embedded schema. The catalog or the
    /// lexicon given instead is named as what it is.
    pub fn from_file(path: &std::path::Path) -> Result<Faq, LoadError> {
        let file = DataFile::read(path)?;
        let kind = file.kind()?;
        if kind != Kind::Faq {
            return Err(LoadError::Invalid {
                path: file.name,
                problems: vec![format!(
                    " this is {}, not an FAQ database; --data takes a file in the schema of data/faq.json",
                    kind.what()
                )],
            });
        }
        let mut faq = Faq::from_json(&file.name, file.text())?;
        faq.origin = Origin::File(file.name);
        Ok(faq)
    }

    /// Parses and validates JSON text; `name` is used in error messages.
    pub fn from_json(name: &str, text: &str) -> Result<Faq, LoadError> {
        expect_object(name, text)?;
        let faq: Faq = serde_json::from_str(text).map_err(|e| parse_error(name, text, &e))?;
        let lexicon = LexiconFile::embedded()?;
        let located = rules::faq_located(&faq, &lexicon);
        if located.is_empty() {
            return Ok(faq);
        }
        let lines = Lines::of(text);
        let problems = located
            .into_iter()
            .map(|(place, p)| match lines.of_place(place) {
                Some(l) => format!("{l}: {p}"),
                None => format!(" {p}"),
            })
            .collect();
        Err(LoadError::Invalid {
            path: name.to_string(),
            problems,
        })
    }
}

impl Faq {
    /// Every violation of the integrity rules ([`rules::faq`]) against the built-in
    /// lexicon, in a stable order; empty when the data is sound.
    pub fn problems(&self) -> Vec<String> {
        match LexiconFile::embedded() {
            Ok(lexicon) => rules::faq(self, &lexicon),
            Err(e) => vec![format!("the built-in lexicon is unusable: {e}")],
        }
    }
}

impl Catalog {
    pub fn embedded() -> Result<Catalog, LoadError> {
        embedded_json("catalog.json")
    }
}

impl Outside {
    pub fn embedded() -> Result<Outside, LoadError> {
        embedded_json("outside.json")
    }
}

impl Guide {
    /// The questions of guided mode, as built in; checked by the tests like the FAQ.
    pub fn embedded() -> Result<Guide, LoadError> {
        embedded_json("guide.json")
    }

    /// Parses a guide and holds it to [`rules::guide`] against `faq`, each problem at the
    /// line of its node (the n-th `"id"` key is the n-th node's) as `file:line: problem`.
    pub fn from_json(name: &str, text: &str, faq: &Faq) -> Result<Guide, LoadError> {
        expect_object(name, text)?;
        let guide: Guide = serde_json::from_str(text).map_err(|e| parse_error(name, text, &e))?;
        let located = rules::guide(&guide, faq);
        if located.is_empty() {
            return Ok(guide);
        }
        let lines = Lines::of(text);
        let problems = located
            .into_iter()
            .map(|(node, p)| match node.and_then(|i| lines.entries.get(i)) {
                Some(l) => format!("{l}: {p}"),
                None => format!(" {p}"),
            })
            .collect();
        Err(LoadError::Invalid {
            path: name.to_string(),
            problems,
        })
    }
}

impl LexiconFile {
    /// The built-in lexicon as written.
    pub fn embedded() -> Result<LexiconFile, LoadError> {
        embedded_json("lexicon.json")
    }
}

/// Every problem of the three built-in files, each against the others.
pub fn embedded_problems() -> Result<Vec<String>, LoadError> {
    let faq_data: Faq = embedded_json("faq.json")?;
    let lexicon_data = LexiconFile::embedded()?;
    let catalog_data = Catalog::embedded()?;
    let mut out = rules::faq(&faq_data, &lexicon_data);
    out.extend(rules::lexicon(&lexicon_data));
    out.extend(rules::catalog(&catalog_data, &faq_data));
    out.extend(rules::outside(&Outside::embedded()?, &faq_data));
    out.extend(
        rules::guide(&Guide::embedded()?, &faq_data)
            .into_iter()
            .map(|(_, p)| p),
    );
    Ok(out)
}

/// Where things start in an FAQ file's text, to give each problem its line: each entry's
/// `"id"` key (the n-th is entries[n]: only entries have one; in a guide, nodes), and
/// `"contact"`.
struct Lines {
    entries: Vec<usize>,
    contact: Option<usize>,
}

impl Lines {
    /// One pass over the text, counting lines as it goes: linear in the file however
    /// many entries or problems it has.
    fn of(text: &str) -> Lines {
        let mut entries = Vec::new();
        let mut contact = None;
        let mut line = 1;
        let mut counted = 0;
        for (i, _) in text.match_indices('"') {
            let rest = &text[i..];
            let key = if rest.starts_with("\"id\"") {
                Some(("id", 4))
            } else if rest.starts_with("\"contact\"") {
                Some(("contact", 9))
            } else {
                None
            };
            let Some((name, len)) = key else { continue };
            if !rest[len..].trim_start().starts_with(':') {
                continue;
            }
            line += text[counted..i].bytes().filter(|&b| b == b'\n').count();
            counted = i;
            match name {
                "id" => entries.push(line),
                _ => contact = contact.or(Some(line)),
            }
        }
        Lines { entries, contact }
    }

    fn of_place(&self, place: rules::Place) -> Option<usize> {
        match place {
            rules::Place::Entry(i) => self.entries.get(i).copied(),
            rules::Place::Contact => self.contact,
            rules::Place::File => Some(1),
        }
    }
}

/// A database must be a JSON object: serde would also read a struct from an array of its
/// fields in order, which no one writes on purpose.
pub fn expect_object(name: &str, text: &str) -> Result<(), LoadError> {
    let first = text.trim_start().chars().next();
    if first == Some('{') {
        return Ok(());
    }
    let at = text.len() - text.trim_start().len();
    let (line, column) = line_col(&text.as_bytes()[..at]);
    Err(LoadError::Parse {
        path: name.to_string(),
        line,
        column,
        reason: "expected a JSON object ({ … }) in the schema of the data files".into(),
    })
}

/// The largest data file read: 8 MiB, about 3,900 entries of the built-in FAQ's size
/// (a helpdesk's file has tens to hundreds). Within it every command answers in under a
/// second and 100 MB (examples/bench.rs); anything larger is not a helpdesk's FAQ.
pub const MAX_DATA_BYTES: u64 = 8 * 1024 * 1024;

/// The size of a data file, if it is one: a regular file of at most [`MAX_DATA_BYTES`].
fn regular_file(path: &std::path::Path) -> Result<u64, LoadError> {
    let name = path.display().to_string();
    let io = |reason: String| LoadError::Io {
        path: name.clone(),
        reason,
    };
    // Only a regular file: reading a FIFO would wait for ever and /dev/zero would never
    // end. (The path is followed, so a link to a file is fine.)
    let meta = std::fs::metadata(path).map_err(|e| io(io_reason(&e)))?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        return Err(io(format!("{what}; give the path of a JSON file")));
    }
    if meta.len() > MAX_DATA_BYTES {
        return Err(io(format!(
            "{} bytes; a data file is at most {MAX_DATA_BYTES} bytes",
            meta.len()
        )));
    }
    Ok(meta.len())
}

/// A data file's bytes, read whole.
pub fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>, LoadError> {
    let name = path.display().to_string();
    let len = regular_file(path)?;
    let file = std::fs::File::open(path).map_err(|e| LoadError::Io {
        path: name.clone(),
        reason: io_reason(&e),
    })?;
    read_whole(file, len, &name)
}

/// The bytes of a file of `len` bytes when it was looked at, read to its end (at most
/// [`MAX_DATA_BYTES`]). One that is shorter by then was changed while it was read (saved
/// again by an editor, truncated): said so, rather than a parse error at its new end. One
/// that is longer is read as it is (Linux's /proc files say they are empty).
pub fn read_whole(reader: impl std::io::Read, len: u64, name: &str) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io = |reason: String| LoadError::Io {
        path: name.to_string(),
        reason,
    };
    let changed = || io("the file changed while it was read; try again".to_string());
    let mut bytes = Vec::with_capacity(len.min(MAX_DATA_BYTES) as usize);
    match reader.take(MAX_DATA_BYTES + 1).read_to_end(&mut bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Err(changed()),
        Err(e) => return Err(io(io_reason(&e))),
        Ok(_) => {}
    }
    if bytes.len() as u64 > MAX_DATA_BYTES {
        return Err(io(format!(
            "more than {MAX_DATA_BYTES} bytes; a data file is at most that"
        )));
    }
    if (bytes.len() as u64) < len {
        return Err(changed());
    }
    Ok(bytes)
}

/// A data file read whole and decoded, and which of the data files it is: what `check`
/// and `--data` both start from, in the same steps, so that both report the same first
/// error of the same file.
#[derive(Debug)]
pub struct DataFile {
    /// The path as errors name it.
    pub name: String,
    text: String,
    /// Where the text starts: after a byte order mark.
    start: usize,
}

impl DataFile {
    /// Reads a data file: a regular file of at most [`MAX_DATA_BYTES`], in UTF-8 ([`decode`]).
    pub fn read(path: &std::path::Path) -> Result<DataFile, LoadError> {
        let name = path.display().to_string();
        let bytes = read_bytes(path)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let bom = if e.as_bytes().starts_with(BOM) { 3 } else { 0 };
            not_utf8(
                &name,
                &e.as_bytes()[bom..],
                e.utf8_error().valid_up_to() - bom,
            )
        })?;
        let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        Ok(DataFile { name, text, start })
    }

    /// The text, without a byte order mark.
    pub fn text(&self) -> &str {
        &self.text[self.start..]
    }

    /// Which data file this is, by its shape ([`Kind::of`]); a JSON object is required and
    /// the whole text is parsed, so a syntax error anywhere is found here first.
    pub fn kind(&self) -> Result<Kind, LoadError> {
        expect_object(&self.name, self.text())?;
        Kind::of(self.text()).map_err(|e| parse_error(&self.name, self.text(), &e))
    }

    /// The file in the schema of `T`, with the place of the first error.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, LoadError> {
        serde_json::from_str(self.text()).map_err(|e| parse_error(&self.name, self.text(), &e))
    }
}

/// A data file's bytes as text ([`read_bytes`]): UTF-8 required, a byte order mark
/// (Notepad's "UTF-8 with BOM") skipped. A file in another encoding is named in the error,
/// with the line and column of the first byte that is not UTF-8.
pub fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| not_utf8(name, bytes, e.valid_up_to()))
}

/// UTF-8's byte order mark, which Notepad writes ("UTF-8 with BOM").
const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The error of a data file that is not UTF-8 (`bytes` after any byte order mark; valid
/// up to `valid_up_to`): the encoding it is in when it can be told, where it stops being
/// UTF-8.
fn not_utf8(name: &str, bytes: &[u8], valid_up_to: usize) -> LoadError {
    use crate::encoding::{Encoding, sniff};
    let encoding = sniff(bytes);
    let (line, column) = line_col(&bytes[..valid_up_to]);
    let reason = match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => format!(
            "the file is {}, not UTF-8; save it as UTF-8",
            encoding.name()
        ),
        _ if !encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes).1 => {
            format!(
                "the file is not UTF-8 (it reads as {}); save it as UTF-8",
                Encoding::ShiftJis.name()
            )
        }
        _ => "the file is not valid UTF-8".to_string(),
    };
    LoadError::Parse {
        path: name.to_string(),
        line,
        column,
        reason,
    }
}

/// A JSON parse error of the file `name`, whose text is `text`, with its line and column.
pub fn parse_error(name: &str, text: &str, e: &serde_json::Error) -> LoadError {
    LoadError::Parse {
        path: name.to_string(),
        line: e.line(),
        column: char_column(text, e.line(), e.column()),
        reason: strip_position(&e.to_string()),
    }
}

/// serde_json counts a column in bytes (the bytes of its line read so far); editors, and
/// the errors of [`decode`], count characters: `あ` is one column, not three.
pub fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(of_line) = line.checked_sub(1).and_then(|n| text.split('\n').nth(n)) else {
        return byte_column;
    };
    of_line
        .char_indices()
        .take_while(|&(i, _)| i < byte_column)
        .count()
}

/// Parses one of the embedded data files (`lexicon.json`, `catalog.json`).
pub fn embedded_json<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, LoadError> {
    let (_, text) = EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| LoadError::Io {
            path: format!("<embedded>/{name}"),
            reason: "missing from the build".into(),
        })?;
    serde_json::from_str(text).map_err(|e| parse_error(&format!("<embedded>/{name}"), text, &e))
}

/// serde_json appends " at line L column C" to its messages; we print the position first.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn line_col(valid: &[u8]) -> (usize, usize) {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[start..]).chars().count() + 1;
    (line, column)
}

/// An io::Error's message without Rust's " (os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A problem inside an entry is reported at its line and column in the file, though
    /// the entry is parsed on its own.
    #[test]
    fn an_error_inside_an_entry_has_its_place_in_the_file() {
        let text = "{\n  \"title\": {\"ja\": \"t\", \"en\": \"t\"},\n  \"updated\": \"2024-01-01\",\n  \"contact\": {\"name\": {}, \"hours\": {}, \"email\": \"a@b.c\"},\n  \"entries\": [\n    {\"id\": \"Q1\",\n     \"oops\": 1}\n  ]\n}\n";
        match Faq::from_json("f.json", text) {
            Err(LoadError::Parse {
                line,
                column,
                reason,
                ..
            }) => {
                assert_eq!((line, column), (7, 11), "{reason}");
                assert!(reason.contains("oops"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}
