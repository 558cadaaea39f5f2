//! The search lexicon prepared for matching: every term normalized and stemmed, the
//! Japanese terms listed by their first character.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::data::lexicon::{ConceptFile, ConceptKind, LexiconFile};
use crate::data::load::LoadError;
use crate::lang::has_japanese;
use crate::normalize::{normalize, stem};

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

/// The lexicon ready for matching: every term normalized and stemmed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Lexicon {
    #[serde(serialize_with = "sorted_set")]
    stopwords: FxHashSet<String>,
    pub concepts: Vec<Concept>,
    /// Every Japanese (or mixed-script) concept term and stop phrase: the patterns.
    ja: Vec<String>,
    /// By first character: the patterns of `ja` that start with it.
    #[serde(serialize_with = "sorted_map")]
    ja_first: FxHashMap<char, Vec<u32>>,
    /// The ASCII characters that some pattern of `ja` starts with, as bits.
    ja_ascii_first: u128,
    /// By pattern of `ja`: its concept, or `None` for a stop phrase.
    ja_concepts: Vec<Option<usize>>,
    /// English phrases by their first word: (concept, phrase) positions.
    phrase_starts: Vec<Vec<(u32, u32)>>,
    /// A first word's place in `phrase_starts`.
    #[serde(serialize_with = "sorted_map")]
    phrase_index: FxHashMap<String, u32>,
}

/// A hash table written in the order of its keys: the stored index is the same bytes on
/// every machine (a table's own order depends on the processor).
pub(super) fn sorted_map<K: Ord + Serialize, V: Serialize, S: serde::Serializer>(
    map: &FxHashMap<K, V>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut pairs: Vec<_> = map.iter().collect();
    pairs.sort_by(|a, b| a.0.cmp(b.0));
    s.collect_map(pairs)
}

/// A hash set written in order, as [`sorted_map`].
fn sorted_set<K: Ord + Serialize, S: serde::Serializer>(
    set: &FxHashSet<K>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut keys: Vec<_> = set.iter().collect();
    keys.sort();
    s.collect_seq(keys)
}

impl Lexicon {
    pub fn embedded() -> Result<Lexicon, LoadError> {
        Ok(Lexicon::from_file(LexiconFile::embedded()?))
    }

    pub fn from_file(file: LexiconFile) -> Lexicon {
        let stopwords = file.stopwords.iter().map(|w| normalize(w)).collect();
        let mut stopphrases: Vec<String> = file
            .stopphrases
            .iter()
            .map(|p| normalize(p))
            .filter(|p| !p.is_empty())
            .collect();
        stopphrases.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let concepts: Vec<Concept> = file.concepts.into_iter().map(Concept::from_file).collect();

        // An empty term would match everywhere and nothing: it is not a pattern.
        let mut ja: Vec<String> = Vec::new();
        let mut ja_concepts = Vec::new();
        let mut phrase_starts: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut phrase_index: FxHashMap<String, u32> = FxHashMap::default();
        for (ci, c) in concepts.iter().enumerate() {
            for t in c.ja_terms.iter().filter(|t| !t.is_empty()) {
                ja.push(t.clone());
                ja_concepts.push(Some(ci));
            }
            for (pi, p) in c.phrases.iter().enumerate() {
                if let Some(first) = p.first() {
                    let at = *phrase_index.entry(first.clone()).or_insert_with(|| {
                        phrase_starts.push(Vec::new());
                        phrase_starts.len() as u32 - 1
                    });
                    phrase_starts[at as usize].push((ci as u32, pi as u32));
                }
            }
        }
        for p in stopphrases {
            ja.push(p);
            ja_concepts.push(None);
        }
        let mut ja_first: FxHashMap<char, Vec<u32>> = FxHashMap::default();
        let mut ja_ascii_first = 0u128;
        for (pi, p) in ja.iter().enumerate() {
            if let Some(c) = p.chars().next() {
                ja_first.entry(c).or_default().push(pi as u32);
                if c.is_ascii() {
                    ja_ascii_first |= 1 << c as u32;
                }
            }
        }
        Lexicon {
            stopwords,
            concepts,
            ja,
            ja_first,
            ja_ascii_first,
            ja_concepts,
            phrase_starts,
            phrase_index,
        }
    }

    /// Whether `word` is a stop word.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// The (concept, phrase) positions of the English phrases starting with `word`.
    pub fn phrases_from(&self, word: &str) -> &[(u32, u32)] {
        self.phrases_at(self.phrase_start(word))
    }

    /// Where the phrases starting with `word` are listed, if any: for
    /// [`Lexicon::phrases_at`].
    pub fn phrase_start(&self, word: &str) -> Option<u32> {
        self.phrase_index.get(word).copied()
    }

    /// The (concept, phrase) positions listed at `at` ([`Lexicon::phrase_start`]).
    pub fn phrases_at(&self, at: Option<u32>) -> &[(u32, u32)] {
        at.and_then(|i| self.phrase_starts.get(i as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The concept of a Japanese pattern; `None` for a stop phrase.
    pub fn ja_concept(&self, pattern: usize) -> Option<usize> {
        self.ja_concepts.get(pattern).copied().flatten()
    }

    /// Every occurrence of every Japanese pattern in `text` (overlaps included), as byte
    /// range and pattern index, ordered by start and, at one start, longest first.
    pub fn ja_matches(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        // A plain loop over the few patterns that start with each character: building an
        // Aho-Corasick automaton of these ~460 terms took 5 million instructions, a
        // seventh of a search's start-up, more than this loop takes on a search's text.
        let mut out: Vec<(Range<usize>, usize)> = Vec::new();
        for (start, c) in text.char_indices() {
            // fast track for ascii: most of an English answer starts no pattern.
            if c.is_ascii() && self.ja_ascii_first & (1 << c as u32) == 0 {
                continue;
            }
            for &pi in self.ja_first.get(&c).map_or(&[][..], Vec::as_slice) {
                let p = &self.ja[pi as usize];
                if text[start..].starts_with(p.as_str()) {
                    out.push((start..start + p.len(), pi as usize));
                }
            }
        }
        out.sort_by_key(|(r, pi)| (r.start, std::cmp::Reverse(r.end), *pi));
        out
    }
}

impl Concept {
    fn from_file(c: ConceptFile) -> Concept {
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
            token: format!("#{}", c.id),
            kind: c.kind,
            phrases,
            ja_terms,
            en_terms,
        }
    }
}
