//! The curated search lexicon (`data/lexicon.json`): English stop words and concepts,
//! groups of words and phrases in either language that mean the same thing to someone
//! describing a sign-in problem (削除 / 消した / deleted / threw away …).

use serde::Deserialize;

use crate::db::{LoadError, embedded_json};
use crate::lang::has_japanese;
use crate::normalize::{normalize, stem};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    pub stopwords: Vec<String>,
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

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub stopwords: std::collections::HashSet<String>,
    pub concepts: Vec<Concept>,
}

impl Lexicon {
    pub fn embedded() -> Result<Lexicon, LoadError> {
        Ok(Lexicon::from_file(embedded_json("lexicon.json")?))
    }

    pub fn from_file(file: LexiconFile) -> Lexicon {
        let stopwords = file.stopwords.iter().map(|w| normalize(w)).collect();
        let concepts = file
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
        Lexicon {
            stopwords,
            concepts,
        }
    }
}
