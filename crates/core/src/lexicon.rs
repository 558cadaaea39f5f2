//! The curated search lexicon (`data/lexicon.json`): English stop words and concepts,
//! groups of words and phrases in either language that mean the same thing to someone
//! describing a sign-in problem (削除 / 消した / deleted / threw away …).

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use crate::db::{LoadError, embedded_json};
use crate::lang::has_japanese;
use crate::normalize::{normalize, stem};
use crate::tables::{List, Literal, Str, Strs, list, sorted_find};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// English words that carry no meaning for the search.
    pub stopwords: Vec<String>,
    /// Japanese phrases that carry no meaning for the search (やり方, したい, かも …):
    /// their characters are not turned into bigrams.
    #[serde(default)]
    pub stopphrases: Vec<String>,
    pub concepts: Vec<ConceptFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptFile {
    pub id: String,
    /// What the concept tells about a problem; `context` when not given.
    #[serde(default)]
    pub kind: ConceptKind,
    pub terms: Vec<String>,
}

/// What a concept says about the problem a text describes. Search ranks on the object
/// first and on what went wrong second ([`crate::search`]); the other kinds decide
/// whether the text is about SPHERE at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptKind {
    /// The thing the problem is about: the invitation e-mail, its link, the login ID, the
    /// password, the e-mail address, another signed-in account, the company's own sign-in
    /// screen, Concur …
    Object,
    /// What went wrong with it: not arrived, deleted, forgot, change, expired …
    Problem,
    /// Words that set the scene without deciding between entries (login, error, browser).
    #[default]
    Context,
    /// Names that place a text in SPHERE's world: SPHERE, Azure AD / Entra ID, the
    /// troubleshooting details of Microsoft's error page. (Sony is only context: Sony's
    /// consumer services are look-alikes.)
    Domain,
    /// Other services and other topics (Gmail, LINE, a hotel booking, a wedding
    /// invitation): a text about one of them, with nothing of SPHERE's world in it, is not
    /// a question for this FAQ. Terms of this kind also shadow shorter terms inside them
    /// (ソニー in ソニー銀行).
    Foreign,
}

/// A concept with its terms prepared for matching.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concept {
    /// The token a match adds: `#` and the concept id.
    pub token: Str,
    pub kind: ConceptKind,
    /// English phrases as sequences of stemmed words (of words as written, for a foreign
    /// concept's names).
    pub phrases: List<List<Str>>,
    /// Japanese terms, normalized.
    pub ja_terms: List<Str>,
    /// English terms, normalized but not stemmed (for highlighting).
    pub en_terms: List<Str>,
}

/// The lexicon ready for matching: every term normalized and stemmed, and the tables
/// looked up while analyzing. It is plain data, so the built-in one is made at compile
/// time as static tables (the program's build.rs) and costs nothing at start-up; the
/// lookups are binary searches in sorted tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Compiled {
    /// Sorted.
    pub stopwords: Strs,
    /// Normalized, longest first.
    pub stopphrases: List<Str>,
    pub concepts: List<Concept>,
    /// Every Japanese (or mixed-script) concept term and stop phrase: the patterns
    /// matched over a normalized text.
    pub ja_terms: Strs,
    /// By pattern: its concept, or [`STOP_PHRASE`].
    pub ja_concepts: List<u32>,
    /// English phrases by their first word, sorted by it: (concept, phrase) positions.
    pub phrase_starts: List<(Str, List<(u32, u32)>)>,
}

/// The concept of a Japanese pattern that is a stop phrase.
pub const STOP_PHRASE: u32 = u32::MAX;

/// A lexicon: its tables and the matchers built from them on first use.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    tables: Compiled,
    /// The Japanese patterns in one automaton, for the many texts of the entries when an
    /// index is built; built on first use, as a query does without it.
    ja_matcher: OnceLock<Automaton>,
    /// The same patterns by their first character, for one query: building the automaton
    /// costs more than a query of any length costs to scan this way.
    ja_by_first: OnceLock<FxHashMap<char, Vec<usize>>>,
    /// The stop words and the phrases' first words in hash tables, for the many texts of
    /// an index build (a binary search a word is what one query affords, not 10,000
    /// entries); built on first use, as the automaton.
    batch: OnceLock<Batch>,
}

#[derive(Debug, Clone, Default)]
struct Batch {
    stopwords: rustc_hash::FxHashSet<String>,
    /// First word → position in `phrase_starts`.
    phrase_starts: FxHashMap<String, usize>,
}

impl std::ops::Deref for Lexicon {
    type Target = Compiled;
    fn deref(&self) -> &Compiled {
        &self.tables
    }
}

impl Lexicon {
    pub fn embedded() -> Result<Lexicon, LoadError> {
        Ok(Lexicon::from_file(embedded_json("lexicon.json")?))
    }

    pub fn from_file(file: LexiconFile) -> Lexicon {
        Lexicon::from_compiled(Compiled::from_file(file))
    }

    /// The lexicon over its tables: nothing is built until a match needs it.
    pub fn from_compiled(tables: Compiled) -> Lexicon {
        Lexicon {
            tables,
            ja_matcher: OnceLock::new(),
            ja_by_first: OnceLock::new(),
            batch: OnceLock::new(),
        }
    }

    /// The tables this lexicon was made from (what a prebuilt index stores).
    pub fn into_compiled(self) -> Compiled {
        self.tables
    }

    /// Whether `word` is a stop word; `many` when analyzing many texts (hash tables).
    pub fn is_stopword(&self, word: &str, many: bool) -> bool {
        if many {
            self.batch().stopwords.contains(word)
        } else {
            self.stopwords.find(word).is_some()
        }
    }

    /// The (concept, phrase) positions of the English phrases starting with `word`;
    /// `many` as for [`Lexicon::is_stopword`].
    pub fn phrases_from(&self, word: &str, many: bool) -> &[(u32, u32)] {
        self.phrases_at(self.phrase_start(word, many))
    }

    /// Where the phrases starting with `word` are listed, if any: for
    /// [`Lexicon::phrases_at`]; `many` as for [`Lexicon::is_stopword`].
    pub fn phrase_start(&self, word: &str, many: bool) -> Option<u32> {
        let at = if many {
            self.batch().phrase_starts.get(word).copied()
        } else {
            sorted_find(&self.phrase_starts, word)
        };
        at.map(|i| i as u32)
    }

    /// The (concept, phrase) positions listed at `at` ([`Lexicon::phrase_start`]).
    pub fn phrases_at(&self, at: Option<u32>) -> &[(u32, u32)] {
        at.and_then(|i| self.phrase_starts.get(i as usize))
            .map_or(&[], |(_, phrases)| phrases)
    }

    fn batch(&self) -> &Batch {
        self.batch.get_or_init(|| Batch {
            stopwords: self.stopwords.iter().map(str::to_string).collect(),
            phrase_starts: self
                .phrase_starts
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (w.to_string(), i))
                .collect(),
        })
    }

    /// The concept of a Japanese pattern; `None` for a stop phrase.
    pub fn ja_concept(&self, pattern: usize) -> Option<usize> {
        let c = *self.ja_concepts.get(pattern)?;
        (c != STOP_PHRASE).then_some(c as usize)
    }
}

impl Compiled {
    pub fn from_file(file: LexiconFile) -> Compiled {
        let mut stopwords: Vec<String> = file.stopwords.iter().map(|w| normalize(w)).collect();
        stopwords.sort();
        stopwords.dedup();
        let mut stopphrases: Vec<String> = file
            .stopphrases
            .iter()
            .map(|p| normalize(p))
            .filter(|p| !p.is_empty())
            .collect();
        stopphrases.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let concepts: Vec<Concept> = file
            .concepts
            .into_iter()
            .map(|c| {
                let mut phrases: Vec<Vec<String>> = Vec::new();
                let mut ja_terms = Vec::new();
                let mut en_terms = Vec::new();
                for term in &c.terms {
                    let n = normalize(term);
                    if n.is_empty() {
                        continue;
                    }
                    if has_japanese(&n) {
                        ja_terms.push(n);
                    } else if c.kind == ConceptKind::Foreign {
                        // A name is matched as written: `Teams` is not the `team` of
                        // "Dear SPHERE team".
                        phrases.push(n.split(' ').map(str::to_string).collect());
                        en_terms.push(n);
                    } else {
                        phrases.push(n.split(' ').map(stem).collect());
                        en_terms.push(n);
                    }
                }
                // Longest first, so that a longer phrase claims its words before a shorter one.
                phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
                ja_terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
                Concept {
                    token: format!("#{}", c.id).into(),
                    kind: c.kind,
                    phrases: list(phrases.into_iter().map(list)),
                    ja_terms: list(ja_terms),
                    en_terms: list(en_terms),
                }
            })
            .collect();
        Compiled::new(stopwords, stopphrases, concepts)
    }

    /// The tables of a lexicon whose terms are normalized already. An empty term or stop
    /// phrase would match everywhere and nothing: it is left out of the patterns.
    pub fn new(
        stopwords: Vec<String>,
        stopphrases: Vec<String>,
        concepts: Vec<Concept>,
    ) -> Compiled {
        let mut ja_terms: Vec<&str> = Vec::new();
        let mut ja_concepts = Vec::new();
        let mut starts: FxHashMap<&str, Vec<(u32, u32)>> = FxHashMap::default();
        for (ci, c) in concepts.iter().enumerate() {
            for t in c.ja_terms.iter().filter(|t| !t.is_empty()) {
                ja_terms.push(t);
                ja_concepts.push(ci as u32);
            }
            for (pi, p) in c.phrases.iter().enumerate() {
                if let Some(first) = p.first() {
                    starts
                        .entry(first)
                        .or_default()
                        .push((ci as u32, pi as u32));
                }
            }
        }
        for p in stopphrases.iter().filter(|p| !p.is_empty()) {
            ja_terms.push(p);
            ja_concepts.push(STOP_PHRASE);
        }
        let mut phrase_starts: Vec<(Str, List<(u32, u32)>)> = starts
            .into_iter()
            .map(|(w, at)| (Str::from(w.to_string()), list(at)))
            .collect();
        phrase_starts.sort();
        let ja_terms = Strs::new(ja_terms);
        Compiled {
            stopwords: Strs::new(&stopwords),
            stopphrases: list(stopphrases),
            concepts: list(concepts),
            ja_terms,
            ja_concepts: list(ja_concepts),
            phrase_starts: list(phrase_starts),
        }
    }
}

impl Compiled {
    /// Whether every position in the tables is within bounds (tables read from a file are
    /// checked before they are used).
    pub fn fits(&self) -> bool {
        let concepts = &self.concepts;
        self.ja_terms.fits()
            && self.stopwords.fits()
            && self.ja_concepts.len() == self.ja_terms.len()
            && self
                .ja_concepts
                .iter()
                .all(|&c| c == STOP_PHRASE || (c as usize) < concepts.len())
            && self.phrase_starts.iter().all(|(_, at)| {
                at.iter().all(|&(c, p)| {
                    concepts
                        .get(c as usize)
                        .is_some_and(|c| (p as usize) < c.phrases.len())
                })
            })
    }
}

impl Literal for ConceptKind {
    fn write(&self, out: &mut String) {
        out.push_str(match self {
            ConceptKind::Object => "ConceptKind::Object",
            ConceptKind::Problem => "ConceptKind::Problem",
            ConceptKind::Context => "ConceptKind::Context",
            ConceptKind::Domain => "ConceptKind::Domain",
            ConceptKind::Foreign => "ConceptKind::Foreign",
        });
    }
}

crate::tables::literal_struct!(Concept {
    token,
    kind,
    phrases,
    ja_terms,
    en_terms
});
crate::tables::literal_struct!(Compiled {
    stopwords,
    stopphrases,
    concepts,
    ja_terms,
    ja_concepts,
    phrase_starts
});

/// The Japanese patterns as one automaton, for many texts.
#[derive(Debug, Clone)]
struct Automaton {
    patterns: AhoCorasick,
    /// No pattern is ASCII alone, so a text of ASCII alone holds none.
    none_ascii: bool,
}

impl Lexicon {
    /// Every occurrence of every Japanese pattern in `text` (overlaps included), as byte
    /// range and pattern index, ordered by start and, at one start, longest first. A
    /// one-off text (a query) is scanned character by character against the patterns that
    /// start with that character; many texts (the entries, when building the index) share
    /// one automaton.
    pub fn ja_matches(&self, text: &str, one_off: bool) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        self.ja_matches_into(text, one_off, &mut out);
        out
    }

    /// Builds now what analyzing many texts needs (the automaton of the Japanese
    /// patterns, tables of the stop words and phrase starts), rather than when the first
    /// text comes: an index build can have it made while the file is still being read.
    pub fn prepare_for_many(&self) {
        self.automaton();
        self.batch();
    }

    /// The automaton of the Japanese patterns, for many texts.
    fn automaton(&self) -> &Automaton {
        self.ja_matcher.get_or_init(|| Automaton {
            // Cannot fail: the patterns are a few hundred short literal strings of the
            // built-in lexicon (the automaton refuses only sets far past its limits).
            // A full DFA: built once for an index build, which scans every entry, it
            // took a third fewer instructions per text than the default NFA.
            patterns: AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(self.ja_terms.iter().map(|t| t.as_bytes()))
                .expect("lexicon patterns are plain strings"),
            none_ascii: self.ja_terms.iter().all(|t| !t.is_ascii()),
        })
    }

    /// [`Lexicon::ja_matches`] into `out`, replacing what it held.
    pub fn ja_matches_into(&self, text: &str, one_off: bool, out: &mut Vec<(Range<usize>, usize)>) {
        out.clear();
        if one_off {
            let by_first = self.ja_by_first.get_or_init(|| {
                let mut m: FxHashMap<char, Vec<usize>> = FxHashMap::default();
                for (pi, pat) in self.ja_terms.iter().enumerate() {
                    if let Some(c) = pat.chars().next() {
                        m.entry(c).or_default().push(pi);
                    }
                }
                m
            });
            for (start, c) in text.char_indices() {
                let Some(candidates) = by_first.get(&c) else {
                    continue;
                };
                for &pi in candidates {
                    let pat = self.ja_terms.get(pi);
                    if text[start..].starts_with(pat) {
                        out.push((start..start + pat.len(), pi));
                    }
                }
            }
        } else {
            let automaton = self.automaton();
            // Half the texts of a bilingual FAQ are English: nothing to scan them for.
            if automaton.none_ascii && text.is_ascii() {
                return;
            }
            for m in automaton.patterns.find_overlapping_iter(text) {
                out.push((m.range(), m.pattern().as_usize()));
            }
        }
        out.sort_by_key(|(r, pi)| (r.start, std::cmp::Reverse(r.end), *pi));
    }
}
