//! The loaded databases and the questions asked of them: a code lookup that understands
//! pasted text, and symptom search. The binary, the tests, the evaluation and the
//! benchmarks all go through here.

use crate::cache;
use crate::catalog::{Catalog, CatalogEntry};
use crate::codes;
use crate::db::{Faq, LoadError, Span};
use crate::lexicon::Lexicon;
use crate::search::{Index, Outcome, Prebuilt, Unlaid};

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

pub struct Engine {
    pub faq: Faq,
    /// Loaded on first use: a code the FAQ answers never needs it.
    catalog: OnceLock<Catalog>,
    /// The FAQ is the embedded one, so the index made at compile time fits it.
    embedded: bool,
    /// Built on first use, with the lexicon: a clean code lookup needs neither.
    index: OnceLock<Index>,
    /// The catalog's codes, made on first use.
    catalog_table: OnceLock<FxHashMap<String, usize>>,
    /// For a database file: where it is and each entry's place in it.
    file: Option<DataFile>,
    /// Where the index of a database file is persisted, if anywhere.
    cache_dir: Option<std::path::PathBuf>,
}

/// A database file the engine answers from.
struct DataFile {
    path: std::path::PathBuf,
    /// Each entry's place in the file.
    spans: Vec<Span>,
    /// Read back through its persisted index: the entries not yet read are stubs, whose
    /// text [`Engine::read_entries`] reads before they are shown. Empty when the file
    /// was read whole.
    unread: Vec<bool>,
}

/// Whether a command found what it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Yes,
    No,
}

/// What one code in the input turned out to be.
#[derive(Debug, Clone)]
pub enum CodeKind {
    /// Answered by this FAQ entry (position in `Faq::entries`).
    Faq(usize),
    /// Not in the FAQ, but in the catalog of related codes (position in `Catalog::codes`).
    Related(usize),
    /// Known to neither; the nearest known codes, nearest first.
    Unknown { nearest: Vec<String> },
}

#[derive(Debug, Clone)]
pub struct CodeItem {
    pub code: String,
    pub kind: CodeKind,
}

/// The answer to `sphere-faq code`.
#[derive(Debug, Clone)]
pub struct CodeAnswer {
    /// Every code found, in order of appearance.
    pub items: Vec<CodeItem>,
    /// When the text held no code at all: the symptom search made instead.
    pub fallback: Option<Outcome>,
    /// The text searched by the fallback.
    pub text: String,
}

impl CodeAnswer {
    pub fn found(&self) -> Found {
        let any = self
            .items
            .iter()
            .any(|i| !matches!(i.kind, CodeKind::Unknown { .. }))
            || self.fallback.as_ref().is_some_and(|o| !o.hits.is_empty());
        if any { Found::Yes } else { Found::No }
    }
}

impl Engine {
    /// The embedded FAQ, lexicon and catalog.
    pub fn load() -> Result<Engine, LoadError> {
        let mut engine = Engine::with_faq(built_in_faq()?)?;
        engine.embedded = true;
        Ok(engine)
    }

    /// The embedded lexicon and catalog over a given FAQ.
    pub fn with_faq(faq: Faq) -> Result<Engine, LoadError> {
        Ok(Engine {
            faq,
            embedded: false,
            catalog: OnceLock::new(),
            index: OnceLock::new(),
            catalog_table: OnceLock::new(),
            file: None,
            cache_dir: None,
        })
    }

    /// A database file, for search and code lookup. When its index was persisted by an
    /// earlier use from these very bytes (cache.rs), only that index's head is read:
    /// the file is hashed, not parsed, and the entries shown are read from it later
    /// ([`Engine::read_entries`]). Otherwise the file is read whole and checked, and its
    /// index built on first use and persisted.
    pub fn open(path: &std::path::Path) -> Result<Engine, LoadError> {
        Engine::open_in(path, cache::dir())
    }

    /// [`Engine::open`] with the cache directory given: `None`, no persisted index.
    pub fn open_in(
        path: &std::path::Path,
        cache_dir: Option<std::path::PathBuf>,
    ) -> Result<Engine, LoadError> {
        // The file is hashed only when it has a persisted index to check.
        if let Some(dir) = cache_dir
            .as_deref()
            .filter(|dir| cache::file_for(dir, path).is_file())
        {
            let content = crate::db::file_hash(path)?;
            if let Some(loaded) = cache::Key::new(dir, path, content).load(path, content) {
                let unread = vec![true; loaded.faq.entries.len()];
                let mut engine = Engine::with_faq(loaded.faq)?;
                let _ = engine.index.set(loaded.index);
                engine.file = Some(DataFile {
                    path: path.to_path_buf(),
                    spans: loaded.spans,
                    unread,
                });
                engine.cache_dir = cache_dir;
                return Ok(engine);
            }
        }
        let (faq, spans) = Faq::from_file_with_spans(path)?;
        let mut engine = Engine::with_faq(faq)?;
        engine.file = Some(DataFile {
            path: path.to_path_buf(),
            spans,
            unread: Vec::new(),
        });
        engine.cache_dir = cache_dir;
        Ok(engine)
    }

    /// Reads the text of these entries, and of the entries they refer to, when the
    /// database was read back through its persisted index: what is shown must be the
    /// entries themselves, not their stubs. Nothing to do otherwise.
    pub fn read_entries(
        &mut self,
        positions: impl IntoIterator<Item = usize>,
    ) -> Result<(), LoadError> {
        if self.file.as_ref().is_none_or(|f| f.unread.is_empty()) {
            return Ok(());
        }
        let mut wanted: Vec<usize> = positions.into_iter().collect();
        // The index read back with the database (`open`) has every reference as a
        // position already.
        let index = self.index();
        let referred: Vec<usize> = wanted
            .iter()
            .flat_map(|&i| index.referred(i))
            .copied()
            .collect();
        wanted.extend(referred);
        let (Some(file), entries) = (self.file.as_mut(), self.faq.entries.to_mut()) else {
            return Ok(());
        };
        for i in wanted {
            if std::mem::take(&mut file.unread[i]) {
                entries[i] = crate::db::read_entry(&file.path, file.spans[i], &entries[i].id)?;
            }
        }
        Ok(())
    }

    /// The catalog of related codes. Compiled in and checked by the tests; should it ever
    /// fail to load, code lookup goes on without it.
    pub fn catalog(&self) -> &Catalog {
        self.catalog.get_or_init(|| {
            Catalog::embedded().unwrap_or_else(|e| {
                eprintln!("sphere-faq: warning: the built-in code catalog is unusable ({e}); going on without it");
                Catalog {
                    about: Default::default(),
                    actions: Default::default(),
                    codes: Vec::new(),
                }
            })
        })
    }

    /// The search index, built the first time it is needed.
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            // The embedded FAQ's index was made at compile time (build.rs): static tables,
            // nothing to decode or check. (Should build.rs not have made them, because the
            // data did not load then, it is built here like any other.)
            if self.embedded
                && let Some(index) = Index::from_compiled_in(&self.faq, built::PREBUILT.clone())
            {
                return index;
            }
            // A file given with --data whose persisted index was read by `open` has it
            // set already; here it is built, and persisted for the next run.
            let key = self.cache_key();
            let built = self.build_unlaid(key.as_ref().map_or(0, |k| k.inputs));
            // Persisted, the postings are read back from the file as the search needs
            // them, as at any later use, rather than laid out in memory as well. A cache
            // that cannot be written costs the next run time, nothing else.
            let stored = (key.zip(self.file.as_ref()))
                .and_then(|(key, file)| key.store(&self.faq, &file.spans, &built).ok());
            // Tables just built from this FAQ always fit it.
            let index = match stored {
                Some(postings) => Index::with_stored_postings(&self.faq, built.tables, postings),
                None => Index::from_prebuilt(&self.faq, built.lay()),
            };
            index.unwrap_or_else(|| Index::new(&self.faq, Lexicon::default(), &[]))
        })
    }

    /// Where the index of a --data file is persisted, when there is a cache directory.
    pub fn cache_key(&self) -> Option<cache::Key> {
        match (&self.file, &self.cache_dir, self.faq.content) {
            (Some(file), Some(dir), Some(content)) => {
                Some(cache::Key::new(dir, &file.path, content))
            }
            _ => None,
        }
    }

    /// Analyzes every entry: the index of a FAQ that comes with none.
    pub fn build_tables(&self, inputs: u64) -> Prebuilt {
        self.build_unlaid(inputs).lay()
    }

    /// [`Engine::build_tables`], the postings not yet laid out.
    fn build_unlaid(&self, inputs: u64) -> Unlaid {
        let related: Vec<(String, Vec<String>)> = self
            .catalog()
            .codes
            .iter()
            .map(|c| (c.code.clone(), c.help.clone()))
            .collect();
        Unlaid::new(&self.faq, search_lexicon(), &related, inputs)
    }

    /// Every code known to the FAQ or the catalog.
    pub fn known_codes(&self) -> Vec<&str> {
        self.faq
            .codes()
            .map(|(c, _)| c)
            .chain(self.catalog().codes.iter().map(|c| c.code.as_str()))
            .collect()
    }

    fn numeric_codes(&self) -> Vec<&str> {
        self.faq
            .codes()
            .map(|(c, _)| c)
            .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
            .collect()
    }

    /// Classifies one canonical code (a bare number is first resolved against the known
    /// codes), with the nearest known codes when it is unknown.
    pub fn lookup(&self, code: &str) -> CodeItem {
        let mut item = self.classify(code);
        self.suggest(&mut item);
        item
    }

    fn classify(&self, code: &str) -> CodeItem {
        let code = if code.bytes().all(|b| b.is_ascii_digit()) {
            codes::resolve_bare(code, self.known_codes())
        } else {
            code.to_string()
        };
        // The FAQ's few codes first: a code it answers never loads the catalog.
        let kind = if let Some(i) = self
            .faq
            .entries
            .iter()
            .position(|e| e.codes.iter().any(|c| *c == code))
        {
            CodeKind::Faq(i)
        } else if let Some(&i) = self.catalog_table().get(code.as_str()) {
            CodeKind::Related(i)
        } else {
            CodeKind::Unknown {
                nearest: Vec::new(),
            }
        };
        CodeItem { code, kind }
    }

    /// The catalog's codes and their positions, made once, so that a paste of many codes
    /// costs one lookup each.
    fn catalog_table(&self) -> &FxHashMap<String, usize> {
        self.catalog_table.get_or_init(|| {
            let mut table = FxHashMap::default();
            for (i, c) in self.catalog().codes.iter().enumerate() {
                table.entry(c.code.clone()).or_insert(i);
            }
            table
        })
    }

    /// The nearest known codes of an unknown code, for "did you mean".
    fn suggest(&self, item: &mut CodeItem) {
        if let CodeKind::Unknown { nearest } = &mut item.kind {
            *nearest = codes::nearest(&item.code, self.known_codes(), 3);
        }
    }

    /// Answers `sphere-faq code`: every code in the text, or a symptom search when it holds none.
    pub fn code(&self, text: &str) -> CodeAnswer {
        self.answer_codes(self.code_items(text), text)
    }

    /// Every code in the text, classified, in order of appearance, each once (two
    /// spellings can resolve to one code: a set keeps this linear in a long paste).
    /// Only the first [`SUGGESTED_CODES`] unknown codes get suggestions: a log of
    /// thousands of codes is not a typo, and each costs a comparison with every known code.
    pub fn code_items(&self, text: &str) -> Vec<CodeItem> {
        // Two spellings can name one code (`50020` and `AADSTS50020`): each once.
        let items: Vec<CodeItem> = codes::extract(text, self.numeric_codes())
            .into_iter()
            .map(|c| self.classify(&c))
            .collect();
        let mut items = codes::first_of_each(items, |i| &i.code);
        for item in items
            .iter_mut()
            .filter(|i| matches!(i.kind, CodeKind::Unknown { .. }))
            .take(SUGGESTED_CODES)
        {
            self.suggest(item);
        }
        items
    }

    /// The answer to `sphere-faq code` for the codes already found in `text`.
    pub fn answer_codes(&self, items: Vec<CodeItem>, text: &str) -> CodeAnswer {
        // A long paste with no code is searched by its beginning, where the message is.
        let fallback = items.is_empty().then(|| {
            self.index()
                .search(head(text, crate::input::MAX_QUERY_BYTES), 4)
        });
        CodeAnswer {
            items,
            fallback,
            text: text.to_string(),
        }
    }

    pub fn related(&self, i: usize) -> &CatalogEntry {
        &self.catalog().codes[i]
    }

    /// The FAQ entries a code answer points to, best first, without repeats.
    pub fn code_results(&self, answer: &CodeAnswer) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut push = |i: usize| {
            if !out.contains(&i) {
                out.push(i);
            }
        };
        for item in &answer.items {
            match &item.kind {
                CodeKind::Faq(i) => push(*i),
                CodeKind::Related(r) => {
                    for id in &self.catalog().codes[*r].help {
                        if let Some(i) = self.faq.entries.iter().position(|e| &e.id == id) {
                            push(i);
                        }
                    }
                }
                CodeKind::Unknown { .. } => {}
            }
        }
        if let Some(o) = &answer.fallback {
            for h in &o.hits {
                push(h.entry);
            }
        }
        out
    }
}

/// How many unknown codes of one text get "did you mean" suggestions.
pub const SUGGESTED_CODES: usize = 10;

/// At most `max` bytes of `text`, cut on a character boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The built-in FAQ and its index, read and built by build.rs with the core crate and
/// written out as statics (`tables::Literal`).
#[allow(clippy::all)]
mod built {
    include!(concat!(env!("OUT_DIR"), "/built_in.rs"));
}

/// The lexicon an index is built with: the one compiled in with the built-in index,
/// already normalized; only when build.rs could not make it, lexicon.json read and
/// normalized here. Should that fail too, search still works on the FAQ's own words
/// rather than stopping.
fn search_lexicon() -> Lexicon {
    let compiled = &built::PREBUILT.lexicon;
    if compiled.concepts.is_empty() {
        Lexicon::embedded().unwrap_or_else(|e| {
            eprintln!("sphere-faq: warning: the built-in search lexicon is unusable ({e}); searching without it");
            Lexicon::from_file(crate::lexicon::LexiconFile::default())
        })
    } else {
        Lexicon::from_compiled(compiled.clone())
    }
}

/// The built-in FAQ: the compiled-in copy, a few pointers to copy; should build.rs have
/// failed to read data/faq.json, that file's error.
pub fn built_in_faq() -> Result<Faq, LoadError> {
    match &built::FAQ {
        Some(faq) => Ok(faq.clone()),
        None => Faq::embedded(),
    }
}

/// The built-in FAQ's index as compiled in.
pub fn built_in_tables() -> &'static Prebuilt {
    &built::PREBUILT
}

/// A hash of everything the built-in index is made from (the data files and the core
/// crate's sources, hashed by build.rs); the key of a --data file's persisted index
/// includes it, so a new lexicon, catalog or analyzer rebuilds that too.
pub fn embedded_inputs() -> u64 {
    built::PREBUILT.inputs
}
