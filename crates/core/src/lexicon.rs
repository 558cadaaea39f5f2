//! The curated search lexicon (`data/lexicon.json`): English stop words and concepts,
//! groups of words and phrases in either language that mean the same thing to someone
//! describing a sign-in problem (削除 / 消した / deleted / threw away …).

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use crate::db::{LoadError, embedded_json};
use crate::lang::has_japanese;
use crate::normalize::{normalize, stem};

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
    pub token: String,
    pub kind: ConceptKind,
    /// English phrases as sequences of stemmed words (of words as written, for a foreign
    /// concept's names).
    pub phrases: Vec<Vec<String>>,
    /// Japanese terms, normalized.
    pub ja_terms: Vec<String>,
    /// English terms, normalized but not stemmed (for highlighting).
    pub en_terms: Vec<String>,
}

/// A Japanese (or mixed-script) pattern: a concept's term, or a stop phrase (`None`).
#[derive(Debug, Clone)]
pub struct JaPattern {
    pub concept: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Every Japanese (or mixed-script) concept term and stop phrase, normalized.
    pub ja_terms: Vec<String>,
    pub ja_patterns: Vec<JaPattern>,
    /// The same patterns in one automaton, for the many texts of the entries when an
    /// index is built; built on first use, as a query does without it.
    ja_matcher: OnceLock<AhoCorasick>,
    /// The same patterns by their first character, for one query: building the automaton
    /// costs more than a query of any length costs to scan this way.
    ja_by_first: OnceLock<FxHashMap<char, Vec<usize>>>,
    /// English phrases by their first (stemmed) word: (concept, phrase) positions.
    pub phrases_by_first: FxHashMap<String, Vec<(usize, usize)>>,
    pub stopwords: FxHashSet<String>,
    /// Normalized, longest first.
    pub stopphrases: Vec<String>,
    pub concepts: Vec<Concept>,
}

impl Lexicon {
    pub fn embedded() -> Result<Lexicon, LoadError> {
        Ok(Lexicon::from_file(embedded_json("lexicon.json")?))
    }

    pub fn from_file(file: LexiconFile) -> Lexicon {
        Lexicon::from_compiled(Compiled::from_file(file))
    }

    /// The normalized form this lexicon was made from (what the prebuilt index ships).
    pub fn compiled(&self) -> Compiled {
        let mut stopwords: Vec<String> = self.stopwords.iter().cloned().collect();
        stopwords.sort();
        Compiled {
            stopwords,
            stopphrases: self.stopphrases.clone(),
            concepts: self.concepts.clone(),
        }
    }

    /// The lexicon from its normalized form: only the lookup structures are built.
    pub fn from_compiled(c: Compiled) -> Lexicon {
        let Compiled {
            stopwords,
            stopphrases,
            concepts,
        } = c;
        let stopwords = stopwords.into_iter().collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut ja_patterns = Vec::new();
        let mut phrases_by_first: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
        for (ci, c) in concepts.iter().enumerate() {
            // An empty pattern would match everywhere and nothing: left out.
            for t in c.ja_terms.iter().filter(|t| !t.is_empty()) {
                patterns.push(t.clone());
                ja_patterns.push(JaPattern { concept: Some(ci) });
            }
            for (pi, p) in c.phrases.iter().enumerate() {
                if let Some(first) = p.first() {
                    phrases_by_first
                        .entry(first.clone())
                        .or_default()
                        .push((ci, pi));
                }
            }
        }
        for p in stopphrases.iter().filter(|p| !p.is_empty()) {
            patterns.push(p.clone());
            ja_patterns.push(JaPattern { concept: None });
        }
        Lexicon {
            ja_terms: patterns,
            ja_matcher: OnceLock::new(),
            ja_by_first: OnceLock::new(),
            ja_patterns,
            phrases_by_first,
            stopwords,
            stopphrases,
            concepts,
        }
    }
}

/// A lexicon with every term normalized and stemmed: the costly half of loading one,
/// which the prebuilt index stores so that a search at start-up skips it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compiled {
    /// Sorted.
    pub stopwords: Vec<String>,
    pub stopphrases: Vec<String>,
    pub concepts: Vec<Concept>,
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
                let mut phrases = Vec::new();
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
                phrases.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
                ja_terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
                Concept {
                    token: format!("#{}", c.id),
                    kind: c.kind,
                    phrases,
                    ja_terms,
                    en_terms,
                }
            })
            .collect();
        Compiled {
            stopwords,
            stopphrases,
            concepts,
        }
    }
}

impl Lexicon {
    /// Every occurrence of every Japanese pattern in `text` (overlaps included), as byte
    /// range and pattern index, ordered by start and, at one start, longest first. A
    /// one-off text (a query) is scanned character by character against the patterns that
    /// start with that character; many texts (the entries, when building the index) share
    /// one automaton.
    pub fn ja_matches(&self, text: &str, one_off: bool) -> Vec<(Range<usize>, usize)> {
        let mut out: Vec<(Range<usize>, usize)> = Vec::new();
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
                    let pat = &self.ja_terms[pi];
                    if text[start..].starts_with(pat.as_str()) {
                        out.push((start..start + pat.len(), pi));
                    }
                }
            }
        } else {
            let matcher = self.ja_matcher.get_or_init(|| {
                // Cannot fail: the patterns are a few hundred short literal strings of the
                // built-in lexicon (the automaton refuses only sets far past its limits).
                AhoCorasick::new(&self.ja_terms).expect("lexicon patterns are plain strings")
            });
            for m in matcher.find_overlapping_iter(text) {
                out.push((m.range(), m.pattern().as_usize()));
            }
        }
        out.sort_by_key(|(r, pi)| (r.start, std::cmp::Reverse(r.end), *pi));
        out
    }
}
