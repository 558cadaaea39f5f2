//! The curated search lexicon (`data/lexicon.json`): English stop words and concepts,
//! groups of words and phrases in either language that mean the same thing to someone
//! describing a sign-in problem (削除 / 消した / deleted / threw away …).

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use serde::Deserialize;

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
    pub terms: Vec<String>,
}

/// A concept with its terms prepared for matching.
#[derive(Debug, Clone)]
pub struct Concept {
    /// The token a match adds: `#` and the concept id.
    pub token: String,
    /// English phrases as sequences of stemmed words.
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
    /// Every Japanese concept term and stop phrase in one automaton, so a text is scanned
    /// once whatever the size of the lexicon.
    pub ja_matcher: AhoCorasick,
    pub ja_patterns: Vec<JaPattern>,
    /// English phrases by their first (stemmed) word: (concept, phrase) positions.
    pub phrases_by_first: HashMap<String, Vec<(usize, usize)>>,
    pub stopwords: std::collections::HashSet<String>,
    /// Normalized, longest first.
    pub stopphrases: Vec<String>,
    pub concepts: Vec<Concept>,
}

impl Lexicon {
    pub fn embedded() -> Result<Lexicon, LoadError> {
        Ok(Lexicon::from_file(embedded_json("lexicon.json")?))
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
                    phrases,
                    ja_terms,
                    en_terms,
                }
            })
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut ja_patterns = Vec::new();
        let mut phrases_by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (ci, c) in concepts.iter().enumerate() {
            for t in &c.ja_terms {
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
        for p in &stopphrases {
            patterns.push(p.clone());
            ja_patterns.push(JaPattern { concept: None });
        }
        let ja_matcher = AhoCorasick::new(&patterns).expect("lexicon patterns are plain strings");
        Lexicon {
            ja_matcher,
            ja_patterns,
            phrases_by_first,
            stopwords,
            stopphrases,
            concepts,
        }
    }
}
