//! The FAQ database: its schema, the copy embedded from `data/`, loading another copy
//! from a file, and the integrity rules every copy must satisfy.

use std::fmt;

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::tables::{List, Literal, Str, literal_struct};

/// Everything under the project's `data/`, compiled in (build.rs makes cargo watch it).
pub static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../data");

/// A value written in both languages.
/// A missing language parses as empty, so that `check` can list every entry that lacks
/// one instead of stopping at the first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized<T: Default> {
    #[serde(default)]
    pub ja: T,
    #[serde(default)]
    pub en: T,
}

impl<T: Default> Localized<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    pub fn both(&self) -> [(Lang, &T); 2] {
        [(Lang::Ja, &self.ja), (Lang::En, &self.en)]
    }
}

/// The helpdesk the FAQ sends people to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Localized<Str>,
    pub hours: Localized<Str>,
    pub email: Str,
}

/// A remark added by the maintainers of this tool, not the helpdesk's text: shown apart
/// from the answer, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub ja: Str,
    pub en: Str,
    pub source: Str,
}

impl Note {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// One question of the FAQ with its answer in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `Q1` .. `Qn`.
    pub id: Str,
    /// Error codes this entry answers, in canonical spelling (`AADSTS50020`, `AADB2B_0001`).
    #[serde(default)]
    pub codes: List<Str>,
    #[serde(default)]
    pub question: Localized<Str>,
    /// The answer, one element per line; an empty element separates paragraphs.
    #[serde(default)]
    pub answer: Localized<List<Str>>,
    /// Other entries the answer refers to.
    #[serde(default)]
    pub see_also: List<Str>,
    /// The answer tells people to contact the SPHERE helpdesk.
    #[serde(default)]
    pub contact_helpdesk: bool,
    /// Search keywords: how people describe this problem, beyond the FAQ's own words.
    #[serde(default)]
    pub keywords: Localized<List<Str>>,
    /// What the entry is about for search: lexicon concept ids of the object of the
    /// problem it answers and of what went wrong. Without it, search reads them from the
    /// question and keywords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<TopicIds>,
    /// Maintainers' notes (not the helpdesk's words).
    #[serde(default)]
    pub notes: List<Note>,
}

/// An entry's topic, as lexicon concept ids (`invitation`, `not_arrive`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicIds {
    #[serde(default)]
    pub objects: List<Str>,
    #[serde(default)]
    pub problems: List<Str>,
}

impl Entry {
    pub fn answer_text(&self, lang: Lang) -> String {
        self.answer.get(lang).join("\n")
    }
}

/// The whole FAQ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub title: Localized<Str>,
    /// Date of the FAQ page this data was taken from.
    pub updated: Str,
    pub contact: Contact,
    pub entries: List<Entry>,
    /// Where this copy was read from: not part of the file.
    #[serde(skip)]
    pub origin: Origin,
    /// For a file: a hash of its bytes, which its persisted index must have been built
    /// from (`cache`).
    #[serde(skip)]
    pub content: Option<u64>,
}

/// Where the FAQ in use comes from, so that every output can say which FAQ answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origin {
    /// The copy compiled into the binary.
    #[default]
    BuiltIn,
    /// A file given with `--data` or `SPHERE_FAQ_DATA`.
    File(String),
}

impl Faq {
    /// Which FAQ this is, in one line: its date and where it comes from.
    pub fn describe(&self, lang: Lang) -> String {
        let n = self.entries.len();
        match (&self.origin, lang) {
            (Origin::BuiltIn, Lang::Ja) => {
                format!("{}（{}版、組み込み、{n}項目）", self.title.ja, self.updated)
            }
            (Origin::BuiltIn, Lang::En) => {
                format!(
                    "{} of {} (built in, {n} entries)",
                    self.title.en, self.updated
                )
            }
            (Origin::File(path), Lang::Ja) => format!(
                "{}（{}版、ファイル {path}、{n}項目）",
                self.title.ja, self.updated
            ),
            (Origin::File(path), Lang::En) => format!(
                "{} of {} (file {path}, {n} entries)",
                self.title.en, self.updated
            ),
        }
    }
}

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

impl<T: Literal + Default> Literal for Localized<T> {
    fn write(&self, out: &mut String) {
        out.push_str("Localized{ja:");
        self.ja.write(out);
        out.push_str(",en:");
        self.en.write(out);
        out.push('}');
    }
}

impl Literal for Origin {
    /// Only the built-in FAQ is written out as a static.
    fn write(&self, out: &mut String) {
        assert_eq!(
            *self,
            Origin::BuiltIn,
            "only the built-in FAQ is compiled in"
        );
        out.push_str("Origin::BuiltIn");
    }
}

literal_struct!(Contact { name, hours, email });
literal_struct!(Note { ja, en, source });
literal_struct!(TopicIds { objects, problems });
literal_struct!(Entry {
    id,
    codes,
    question,
    answer,
    see_also,
    contact_helpdesk,
    keywords,
    topic,
    notes
});
literal_struct!(Faq {
    title,
    updated,
    contact,
    entries,
    origin,
    content
});

/// Name under which the embedded database reports errors.
pub const EMBEDDED_NAME: &str = "<embedded>/faq.json";

impl Faq {
    /// The FAQ compiled into the binary. Its integrity rules are checked by the tests
    /// (tests/data_integrity.rs) rather than at every start.
    pub fn embedded() -> Result<Faq, LoadError> {
        embedded_json("faq.json")
    }

    /// Reads and validates a database file in the embedded schema.
    pub fn from_file(path: &std::path::Path) -> Result<Faq, LoadError> {
        Faq::from_file_with_spans(path).map(|(faq, _)| faq)
    }

    /// [`Faq::from_file`], with where each entry's text is in the file: what a persisted
    /// index keeps, to read back only the entries it shows.
    pub fn from_file_with_spans(path: &std::path::Path) -> Result<(Faq, Vec<Span>), LoadError> {
        let bytes = read_bytes(path)?;
        let name = path.display().to_string();
        // The hash that keys the persisted index, on another core while this one checks
        // that the text is UTF-8 (at 10,000 entries, 4 and 3 ms).
        let (content, text) = crate::par::join(
            bytes.len() >= crate::par::LARGE_FILE,
            || content_hash(&bytes),
            || decode(&name, &bytes),
        );
        let (text, bom) = text?;
        let (mut faq, mut spans) = Faq::parse(&name, text)?;
        for s in &mut spans {
            s.start += bom as u64;
        }
        faq.origin = Origin::File(name);
        faq.content = Some(content);
        Ok((faq, spans))
    }

    /// Parses and validates JSON text; `name` is used in error messages.
    pub fn from_json(name: &str, text: &str) -> Result<Faq, LoadError> {
        Faq::parse(name, text).map(|(faq, _)| faq)
    }

    /// Parses and validates JSON text, with each entry's span in it.
    fn parse(name: &str, text: &str) -> Result<(Faq, Vec<Span>), LoadError> {
        expect_object(name, text)?;
        // The entries are first taken as raw JSON, to learn where each is; then parsed.
        let file: FaqFile = serde_json::from_str(text).map_err(|e| parse_error(name, &e))?;
        // Entry after entry, on every core for a large file; the first error in the file
        // is the first of the first run that has one.
        let runs = crate::par::map_runs(&file.entries, crate::par::threads(), 1000, |_, run| {
            run.iter()
                .map(|raw| {
                    let raw = raw.get();
                    let start = raw.as_ptr() as usize - text.as_ptr() as usize;
                    let entry: Entry = serde_json::from_str(raw)
                        .map_err(|e| parse_error_within(name, &text[..start], &e))?;
                    let span = Span {
                        start: start as u64,
                        len: raw.len() as u32,
                    };
                    Ok((entry, span))
                })
                .collect::<Result<Vec<(Entry, Span)>, LoadError>>()
        });
        let mut entries = Vec::with_capacity(file.entries.len());
        let mut spans = Vec::with_capacity(file.entries.len());
        for run in runs {
            for (entry, span) in run? {
                entries.push(entry);
                spans.push(span);
            }
        }
        let faq = Faq {
            title: file.title,
            updated: file.updated,
            contact: file.contact,
            entries: entries.into(),
            origin: Origin::default(),
            content: None,
        };
        let lexicon = crate::rules::embedded_lexicon()?;
        let located = crate::rules::faq_located(&faq, &lexicon);
        // Lines only for a file with problems: a sound file is not scanned again.
        let lines = (!located.is_empty()).then(|| Lines::of(text));
        let problems: Vec<String> = located
            .into_iter()
            .map(
                |(place, p)| match lines.as_ref().and_then(|l| l.of_place(place)) {
                    Some(l) => format!("{l}: {p}"),
                    None => format!(" {p}"),
                },
            )
            .collect();
        if problems.is_empty() {
            Ok((faq, spans))
        } else {
            Err(LoadError::Invalid {
                path: name.to_string(),
                problems,
            })
        }
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The entry that answers a canonical code.
    pub fn entry_for_code(&self, code: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.codes.iter().any(|c| c == code))
    }

    /// All codes the FAQ answers, in entry order.
    pub fn codes(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries
            .iter()
            .flat_map(|e| e.codes.iter().map(move |c| (c.as_ref(), e)))
    }

    /// Every violation of the integrity rules ([`crate::rules::faq`]) against the built-in
    /// lexicon, in a stable order; empty when the data is sound.
    pub fn problems(&self) -> Vec<String> {
        match crate::rules::embedded_lexicon() {
            Ok(lexicon) => crate::rules::faq(self, &lexicon),
            Err(e) => vec![format!("the built-in lexicon is unusable: {e}")],
        }
    }
}

/// A hash of a file's bytes: what a persisted index must have been built from. Fed in
/// blocks of 64 KiB, so that [`file_hash`], which reads the file a block
/// at a time, gives the same hash without holding the file.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for block in bytes.chunks(HASH_BLOCK) {
        h.write(block);
    }
    h.write_u64(bytes.len() as u64);
    h.finish()
}

/// The blocks [`content_hash`] hashes.
const HASH_BLOCK: usize = 64 * 1024;

/// [`content_hash`] of a file, read a block at a time: a database's later uses hash its
/// bytes (to trust its persisted index) without reading it into memory, which at 100,000
/// entries is 200 MB.
pub fn file_hash(path: &std::path::Path) -> Result<u64, LoadError> {
    use std::hash::Hasher;
    use std::io::Read;
    regular_file(path)?;
    let name = path.display().to_string();
    let io = |e: std::io::Error| LoadError::Io {
        path: name.clone(),
        reason: io_reason(&e),
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut h = rustc_hash::FxHasher::default();
    let mut block = vec![0u8; HASH_BLOCK];
    let mut total = 0u64;
    loop {
        // A whole block, as content_hash cuts them, unless the file ends first.
        let mut filled = 0;
        while filled < HASH_BLOCK {
            match file.read(&mut block[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io(e)),
            }
        }
        if filled > 0 {
            h.write(&block[..filled]);
            total += filled as u64;
        }
        if filled < HASH_BLOCK {
            break;
        }
    }
    h.write_u64(total);
    Ok(h.finish())
}

/// Where one entry's JSON text is in its file, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: u64,
    pub len: u32,
}

/// One entry read back from its span of a database file that was read whole before.
/// `id` is the entry expected there: a file changed since is an error, not another entry.
pub fn read_entry(path: &std::path::Path, span: Span, id: &str) -> Result<Entry, LoadError> {
    use std::io::{Read, Seek, SeekFrom};
    let name = path.display().to_string();
    let changed = || LoadError::Io {
        path: name.clone(),
        reason: "the file changed while it was read; run the command again".into(),
    };
    let mut bytes = vec![0u8; span.len as usize];
    std::fs::File::open(path)
        .and_then(|mut f| {
            f.seek(SeekFrom::Start(span.start))?;
            f.read_exact(&mut bytes)
        })
        .map_err(|e| LoadError::Io {
            path: name.clone(),
            reason: io_reason(&e),
        })?;
    let entry: Entry = serde_json::from_slice(&bytes).map_err(|_| changed())?;
    if entry.id != id {
        return Err(changed());
    }
    Ok(entry)
}

/// What search and code lookup need of an entry without its text: its id, its codes and
/// the entries it refers to. A persisted index keeps these, and a database read back
/// through it holds them as [`Outline::stub`] entries until its text is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    pub id: Str,
    pub codes: List<Str>,
    pub see_also: List<Str>,
}

impl Outline {
    pub fn of(e: &Entry) -> Outline {
        Outline {
            id: e.id.clone(),
            codes: e.codes.clone(),
            see_also: e.see_also.clone(),
        }
    }

    /// An entry with only this outline: no question, answer or keywords until read.
    pub fn stub(self) -> Entry {
        Entry {
            id: self.id,
            codes: self.codes,
            question: Localized::default(),
            answer: Localized::default(),
            see_also: self.see_also,
            contact_helpdesk: false,
            keywords: Localized::default(),
            topic: None,
            notes: List::default(),
        }
    }
}

/// A database file as first parsed: the entries kept as their JSON text, to learn where
/// each is before parsing it. The same fields as [`Faq`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqFile<'a> {
    title: Localized<Str>,
    updated: Str,
    contact: Contact,
    #[serde(borrow)]
    entries: Vec<&'a serde_json::value::RawValue>,
}

/// Where things start in an FAQ file's text, to give each problem its line: each entry's
/// `"id"` key (the n-th is entries[n]: only entries have one), and `"contact"`.
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

    fn of_place(&self, place: crate::rules::Place) -> Option<usize> {
        match place {
            crate::rules::Place::Entry(i) => self.entries.get(i).copied(),
            crate::rules::Place::Contact => self.contact,
            crate::rules::Place::File => Some(1),
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

/// The largest data file read. The built-in FAQ is 40 KB and 100,000 entries about 200 MB;
/// anything larger is not a database.
pub const MAX_DATA_BYTES: u64 = 256 * 1024 * 1024;

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
    use std::io::Read;
    let name = path.display().to_string();
    let io = |reason: String| LoadError::Io {
        path: name.clone(),
        reason,
    };
    let len = regular_file(path)?;
    if len >= crate::par::LARGE_FILE as u64
        && let Some(bytes) = read_halves(path, len)
    {
        return Ok(bytes);
    }
    let mut bytes = Vec::with_capacity(len as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_DATA_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_DATA_BYTES {
        return Err(io(format!(
            "more than {MAX_DATA_BYTES} bytes; a data file is at most that"
        )));
    }
    Ok(bytes)
}

/// The `len` bytes of a large file, read in two halves, on two cores when there are two.
/// Most of reading a file the system has cached is making the pages of memory it goes
/// into; two cores make them side by side (at 10,000 entries, 21 MB: 14.5 ms read on one,
/// 10 ms on two). `None` if the file is not `len` bytes long now or cannot be read so:
/// the caller reads it the plain way, and reports what goes wrong.
fn read_halves(path: &std::path::Path, len: u64) -> Option<Vec<u8>> {
    use std::io::{Read, Seek};
    let len = usize::try_from(len).ok()?;
    let mut bytes = vec![0u8; len];
    let (first, second) = bytes.split_at_mut(len / 2);
    let at = first.len() as u64;
    let mut a = std::fs::File::open(path).ok()?;
    let mut b = std::fs::File::open(path).ok()?;
    let (later, earlier) = crate::par::join(
        true,
        move || -> std::io::Result<bool> {
            b.seek(std::io::SeekFrom::Start(at))?;
            b.read_exact(second)?;
            // The file must end there: one that grew is read the plain way.
            Ok(b.read(&mut [0u8])? == 0)
        },
        move || a.read_exact(first),
    );
    (earlier.is_ok() && later.ok()?).then_some(bytes)
}

/// A data file's bytes as text ([`read_bytes`]): UTF-8 required, a byte order mark
/// (Notepad's "UTF-8 with BOM") skipped, whose length is given. A file in another
/// encoding is named in the error, with the line and column of the first byte that is
/// not UTF-8.
pub fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<(&'a str, usize), LoadError> {
    use crate::encoding::{Encoding, sniff};
    let name = name.to_string();
    // Validated once, with SIMD (21 MB: 2.3 to 3.4 ms, std's took 9.2 to 9.7): the
    // encoding is only sniffed when the bytes are not UTF-8, to name it.
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let bytes = &bytes[bom..];
    // The fast check first; std's says where the first bad byte is.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok((text, bom));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let encoding = sniff(bytes);
        let (line, column) = line_col(&bytes[..e.valid_up_to()]);
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
            path: name,
            line,
            column,
            reason,
        }
    })?;
    Ok((text, bom))
}

/// A JSON parse error of the file `name`, with its line and column.
pub fn parse_error(name: &str, e: &serde_json::Error) -> LoadError {
    LoadError::Parse {
        path: name.to_string(),
        line: e.line(),
        column: e.column(),
        reason: strip_position(&e.to_string()),
    }
}

/// A JSON parse error in a part of the file `name` that starts after `before`, with its
/// line and column in the file.
fn parse_error_within(name: &str, before: &str, e: &serde_json::Error) -> LoadError {
    let (line, column) = line_col(before.as_bytes());
    match parse_error(name, e) {
        LoadError::Parse {
            path,
            line: l,
            column: c,
            reason,
        } => LoadError::Parse {
            path,
            line: line + l - 1,
            column: if l == 1 { column + c - 1 } else { c },
            reason,
        },
        other => other,
    }
}

/// Parses one of the embedded data files (`lexicon.json`, `catalog.json`).
pub fn embedded_json<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, LoadError> {
    let file = DATA.get_file(name).ok_or_else(|| LoadError::Io {
        path: format!("<embedded>/{name}"),
        reason: "missing from the build".into(),
    })?;
    // from_slice checks UTF-8 as it parses: no separate pass over the file.
    serde_json::from_slice(file.contents()).map_err(|e| LoadError::Parse {
        path: format!("<embedded>/{name}"),
        line: e.line(),
        column: e.column(),
        reason: strip_position(&e.to_string()),
    })
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

    /// A file hashed a block at a time hashes as its bytes in memory do, whatever its
    /// length against the blocks.
    #[test]
    fn a_file_hashes_as_its_bytes() {
        let dir = std::env::temp_dir().join(format!("sphere-faq-hash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut seen = Vec::new();
        for len in [
            0,
            1,
            7,
            HASH_BLOCK - 1,
            HASH_BLOCK,
            HASH_BLOCK + 1,
            3 * HASH_BLOCK + 5,
        ] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let path = dir.join(format!("{len}.bin"));
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(
                file_hash(&path).unwrap(),
                content_hash(&bytes),
                "{len} bytes"
            );
            seen.push(content_hash(&bytes));
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 7, "different files, different hashes");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A large file is read in two halves: its bytes, whatever their number; one whose
    /// length is not what was asked for is left to the plain read.
    #[test]
    fn a_large_file_is_read_whole_in_halves() {
        let dir = std::env::temp_dir().join(format!("sphere-faq-halves-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for len in [crate::par::LARGE_FILE, crate::par::LARGE_FILE * 3 + 7] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let path = dir.join(format!("{len}.bin"));
            std::fs::write(&path, &bytes).unwrap();
            assert!(read_bytes(&path).unwrap() == bytes, "{len} bytes");
            if crate::par::threads() > 1 {
                assert!(read_halves(&path, len as u64).unwrap() == bytes);
            }
            // Grown or shrunk since its length was taken.
            assert!(read_halves(&path, len as u64 - 1).is_none());
            assert!(read_halves(&path, len as u64 + 1).is_none());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A large file is parsed on every core, a run of entries each: of two broken
    /// entries, in different runs, the first in the file is the one reported, at its line.
    #[test]
    fn the_first_broken_entry_of_a_large_file_is_reported() {
        let entry = |i: usize, broken: bool| {
            let extra = if broken { ", \"oops\": 1" } else { "" };
            format!("    {{\"id\": \"Q{i}\"{extra}}}")
        };
        let entries: Vec<String> = (1..=2500)
            .map(|i| entry(i, i == 700 || i == 2100))
            .collect();
        let text = format!(
            "{{\n  \"title\": {{}},\n  \"updated\": \"2024-01-01\",\n  \"contact\": {{\"name\": {{}}, \"hours\": {{}}, \"email\": \"a@b.c\"}},\n  \"entries\": [\n{}\n  ]\n}}\n",
            entries.join(",\n")
        );
        match Faq::parse("f.json", &text) {
            // Entry n is on line 5 + n.
            Err(LoadError::Parse { line, reason, .. }) => {
                assert_eq!(line, 705, "{reason}");
                assert!(reason.contains("oops"), "{reason}");
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
    }

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
