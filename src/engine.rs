//! The loaded databases and the questions asked of them: a code lookup that understands
//! pasted text, and symptom search. The binary, the tests, the evaluation and the
//! benchmarks all go through here.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::codes;
use crate::data::catalog::{Catalog, CatalogEntry};
use crate::data::faq::Faq;
use crate::data::faq::{Entry, Localized};
use crate::data::guide::{Guide, Node};
use crate::data::load::LoadError;
use crate::data::outside::{Outside, Topic as OutsideTopic};
use crate::search::lexicon::Lexicon;
use crate::search::model::Model;
use crate::search::{Index, Outcome};

pub struct Engine {
    pub faq: Faq,
    /// Whether `faq` is the built-in FAQ, whose index is stored.
    builtin: bool,
    /// Loaded on first use: a code the FAQ answers never needs it.
    catalog: OnceLock<Catalog>,
    /// Built on first use, with the lexicon: a clean code lookup needs neither.
    index: OnceLock<Index>,
    /// The catalog's codes, made on first use.
    catalog_table: OnceLock<HashMap<String, usize>>,
    faq_table: OnceLock<HashMap<String, usize>>,
    outside: OnceLock<Outside>,
    guide: OnceLock<Result<Guide, LoadError>>,
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
    /// A bare number the FAQ answers (1014) in a text about another product: that
    /// product's code, not SPHERE's.
    Elsewhere,
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
    /// Whether any code is known, or the search for a text with none answered.
    pub fn found(&self) -> bool {
        self.items
            .iter()
            .any(|i| matches!(i.kind, CodeKind::Faq(_) | CodeKind::Related(_)))
            || self.fallback.as_ref().is_some_and(|o| !o.hits.is_empty())
    }
}

impl Engine {
    /// The embedded FAQ, lexicon and catalog.
    pub fn load() -> Result<Engine, LoadError> {
        let mut engine = Engine::with_faq(Faq::embedded()?)?;
        engine.builtin = true;
        Ok(engine)
    }

    /// The embedded lexicon and catalog over a given FAQ.
    pub fn with_faq(faq: Faq) -> Result<Engine, LoadError> {
        Ok(Engine {
            faq,
            builtin: false,
            catalog: OnceLock::new(),
            index: OnceLock::new(),
            catalog_table: OnceLock::new(),
            faq_table: OnceLock::new(),
            outside: OnceLock::new(),
            guide: OnceLock::new(),
        })
    }

    /// A database file, read whole and checked, for search and code lookup.
    pub fn open(path: &std::path::Path) -> Result<Engine, LoadError> {
        Engine::with_faq(Faq::from_file(path)?)
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

    /// The topics outside the FAQ. Compiled in and checked by the tests; should they ever
    /// fail to load, the search says only that nothing in the FAQ answers.
    pub fn outside(&self) -> &Outside {
        self.outside.get_or_init(|| {
            Outside::embedded().unwrap_or_else(|_| Outside {
                about: Default::default(),
                topics: Vec::new(),
                helpdesk: Default::default(),
            })
        })
    }

    /// The questions of guided mode, compiled in and checked by the tests. Should they
    /// ever fail to load, guided mode says so and a vague search asks no question.
    pub fn guide(&self) -> Result<&Guide, LoadError> {
        self.guide
            .get_or_init(Guide::embedded)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The guide's question for a vague search whose candidates are `entries`, when
    /// every entry it leads to is in this FAQ.
    pub fn clarify(&self, entries: &[&Entry]) -> Option<&Node> {
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        self.guide().ok()?.clarify(&ids).filter(|n| {
            n.choices.iter().all(|c| {
                c.entry
                    .as_deref()
                    .is_some_and(|e| self.faq.entry(e).is_some())
            })
        })
    }

    /// The search index, made the first time it is needed: the built-in FAQ's is read
    /// from `data/index.bin` when that was made from the data and code built in.
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let stored = self.builtin.then(|| Index::from_bytes(INDEX, INDEX_DATA));
            let index = stored.flatten().unwrap_or_else(|| self.build_index());
            match Model::from_bytes(MODEL) {
                Some(model) => index.with_model(&self.faq, model),
                None => index,
            }
        })
    }

    /// The search index built from the data, without the model: what `data/index.bin`
    /// stores for the built-in FAQ (`cargo run --release --example train` writes it).
    pub fn build_index(&self) -> Index {
        let related: Vec<(String, Vec<String>)> = self
            .catalog()
            .codes
            .iter()
            .map(|c| (c.code.clone(), c.help.clone()))
            .collect();
        Index::new(&self.faq, search_lexicon(), &related)
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

    fn classify(&self, code: &str) -> CodeItem {
        let code = if code.bytes().all(|b| b.is_ascii_digit()) {
            codes::resolve_bare(code, self.known_codes())
        } else {
            code.to_string()
        };
        // The FAQ's codes first: a code it answers never loads the catalog.
        let kind = if let Some(&i) = self.faq_table().get(code.as_str()) {
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

    /// The FAQ's codes and the positions of their entries, made once, so that a paste of
    /// many codes against a large data file costs one lookup each.
    fn faq_table(&self) -> &HashMap<String, usize> {
        self.faq_table.get_or_init(|| {
            let mut table = HashMap::new();
            for (i, e) in self.faq.entries.iter().enumerate() {
                for c in &e.codes {
                    table.entry(c.clone()).or_insert(i);
                }
            }
            table
        })
    }

    /// The catalog's codes and their positions, made once, so that a paste of many codes
    /// costs one lookup each.
    fn catalog_table(&self) -> &HashMap<String, usize> {
        self.catalog_table.get_or_init(|| {
            let mut table = HashMap::new();
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
        // Codes of the sender's own words: not of quoted history or a signature (a
        // street number of 1014 is no error code). A code typed alone needs no reading.
        let read;
        let text = if codes::canonical(text).is_some() {
            text
        } else {
            read = crate::message::problem(text);
            &read
        };
        // Two spellings can name one code (`50020` and `AADSTS50020`): each once.
        let items: Vec<CodeItem> = codes::extract(text, self.numeric_codes())
            .into_iter()
            .map(|c| self.classify(&c))
            .collect();
        let mut items = codes::first_of_each(items, |i| &i.code);
        // A bare number of SPHERE's (1014) in a text about another product (a printer, a
        // CDN) is that product's code: the model reads the whole text to tell.
        let bare = |i: &CodeItem| i.code.bytes().all(|b| b.is_ascii_digit());
        if items
            .iter()
            .any(|i| bare(i) && matches!(i.kind, CodeKind::Faq(_)))
            && codes::canonical(text).is_none()
            && self
                .index()
                .about_something_else(crate::text::head(text, crate::input::MAX_QUERY_BYTES))
        {
            for i in items.iter_mut().filter(|i| bare(i)) {
                i.kind = CodeKind::Elsewhere;
            }
        }
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
                .search(crate::text::head(text, crate::input::MAX_QUERY_BYTES), 4)
        });
        CodeAnswer {
            items,
            fallback,
            text: text.to_string(),
        }
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
                CodeKind::Unknown { .. } | CodeKind::Elsewhere => {}
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

/// The model learned from the corpus (`cargo run --release --example train` writes it).
static MODEL: &[u8] = include_bytes!("../data/model.bin");

/// The built-in FAQ's index (`cargo run --release --example train` writes it): building it at
/// every start was 26 of a search's 32 million instructions, ten times `--version`'s
/// whole run. Used only when made from the data and code built in, whose hash build.rs
/// gives.
static INDEX: &[u8] = include_bytes!("../data/index.bin");
/// A hash of what the built-in index is made from: the data files it indexes and the code
/// that reads text (build.rs lists them).
pub const INDEX_DATA: &str = env!("SPHERE_FAQ_INDEX_DATA");

/// The lexicon an index is built with. Checked by the tests; should it ever fail to load,
/// search still works on the FAQ's own words rather than stopping.
fn search_lexicon() -> Lexicon {
    Lexicon::embedded().unwrap_or_else(|e| {
        eprintln!("sphere-faq: warning: the built-in search lexicon is unusable ({e}); searching without it");
        Lexicon::from_file(crate::data::lexicon::LexiconFile::default())
    })
}

/// A search's outcome with everything the printers need resolved: they take this and the
/// FAQ's contact, and never look anything up.
pub struct Searched<'a> {
    pub query: &'a str,
    pub outcome: Outcome,
    /// By hit: its entry.
    pub entries: Vec<&'a Entry>,
    /// For a topic outside the FAQ: its note, and whose words the notes are.
    pub outside: Option<(&'a OutsideTopic, &'a Localized<String>)>,
    /// For a vague query: the guide's question that picks one entry.
    pub clarify: Option<&'a Node>,
    /// Nothing answered, and the text holds SPHERE's bare code (`1014`) as another
    /// product's: that code, so the answer says so as `code` does.
    pub elsewhere: Option<String>,
    pub faq: &'a Faq,
}

/// One code found, resolved.
pub enum Resolved<'a> {
    /// The FAQ entry that answers it.
    Faq(&'a Entry),
    /// A related code of the catalog: its facts, what the person can do, the FAQ entries
    /// that help (closest first), and what the catalog is.
    Related {
        facts: &'a CatalogEntry,
        action: Option<&'a Localized<String>>,
        helps: Vec<&'a Entry>,
        about: &'a Localized<String>,
    },
    /// Known to neither; the nearest known codes.
    Unknown(&'a [String]),
    /// A bare number of SPHERE's in a text about another product.
    Elsewhere,
}

/// The answer to `sphere-faq code`, resolved for the printers.
pub struct CodeView<'a> {
    pub codes: Vec<(&'a str, Resolved<'a>)>,
    /// When the text held no code: the symptom search made instead.
    pub fallback: Option<Searched<'a>>,
    /// The FAQ entries the answer points to, best first, each once.
    pub results: Vec<&'a Entry>,
    pub found: bool,
    pub faq: &'a Faq,
}

impl Engine {
    /// Searches `query` and resolves the outcome for the printers.
    pub fn search<'a>(&'a self, query: &'a str, limit: usize) -> Searched<'a> {
        self.resolve_search(query, self.index().search(query, limit))
    }

    fn resolve_search<'a>(&'a self, query: &'a str, outcome: Outcome) -> Searched<'a> {
        let entries: Vec<&Entry> = outcome
            .hits
            .iter()
            .map(|h| &self.faq.entries[h.entry])
            .collect();
        let clarify = (outcome.confidence == crate::search::Confidence::Vague)
            .then(|| self.clarify(&entries))
            .flatten();
        let outside = outcome
            .topic
            .as_deref()
            .and_then(|t| self.outside().topic(t))
            .map(|t| (t, &self.outside().about));
        // Only an unanswered text with digits can hold one: no second reading otherwise.
        let elsewhere =
            (entries.is_empty() && outside.is_none() && query.contains(char::is_numeric))
                .then(|| {
                    let items = self.code_items(query);
                    items
                        .into_iter()
                        .find(|i| matches!(i.kind, CodeKind::Elsewhere))
                        .map(|i| i.code)
                })
                .flatten();
        Searched {
            query,
            outcome,
            entries,
            outside,
            clarify,
            elsewhere,
            faq: &self.faq,
        }
    }

    /// A code answer resolved for the printers.
    pub fn view<'a>(&'a self, answer: &'a CodeAnswer) -> CodeView<'a> {
        let catalog = self.catalog();
        let codes = answer
            .items
            .iter()
            .map(|item| {
                let r = match &item.kind {
                    CodeKind::Faq(i) => Resolved::Faq(&self.faq.entries[*i]),
                    CodeKind::Related(r) => {
                        let facts = &catalog.codes[*r];
                        Resolved::Related {
                            facts,
                            action: catalog.actions.get(&facts.action),
                            helps: facts
                                .help
                                .iter()
                                .filter_map(|id| self.faq.entry(id))
                                .collect(),
                            about: &catalog.about,
                        }
                    }
                    CodeKind::Unknown { nearest } => Resolved::Unknown(nearest),
                    CodeKind::Elsewhere => Resolved::Elsewhere,
                };
                (item.code.as_str(), r)
            })
            .collect();
        CodeView {
            codes,
            fallback: answer
                .fallback
                .clone()
                .map(|o| self.resolve_search(&answer.text, o)),
            results: self
                .code_results(answer)
                .into_iter()
                .map(|i| &self.faq.entries[i])
                .collect(),
            found: answer.found(),
            faq: &self.faq,
        }
    }
}
