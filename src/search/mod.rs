//! Symptom search: what a text (a short query, a long e-mail, a chat message, in Japanese
//! or English) is about, and which FAQ entry answers it.
//!
//! A query walks straight through:
//! - [`analysis`]: the text becomes terms: codes, lexicon concepts of each kind (the object
//!   of a problem, what went wrong, context, SPHERE's own names, other services), English
//!   words with light stemming and careful typo correction, Japanese bigrams;
//! - [`index`]: every entry's terms by field, and its topic (object and what went wrong);
//! - [`rank`]: BM25F weighted by what each term says, plus a topic score; a code decides;
//! - [`abstain`]: answer, say the query is vague or close, or answer nothing;
//! - [`explain`]: what each result matched, carried in the result.

mod abstain;
mod analysis;
mod explain;
mod index;
pub mod lexicon;
mod rank;

pub use abstain::{Abstain, Confidence, FOLLOWER_RATIO, MIN_SCORE, Reason};
pub use analysis::{Analyzer, Term, TermKind};
pub use index::{Index, Posting, Topic};
pub use rank::{CODE_BOOST, RELATED_BOOST};

use abstain::Decision;

/// One ranked entry.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Position of the entry in `Faq::entries`.
    pub entry: usize,
    pub score: f64,
    /// Share of the query's known, meaningful weight that the entry matched (0..1).
    pub coverage: f64,
    /// The query's words that matched, in query order.
    pub matched: Vec<String>,
    /// Normalized terms to emphasize in the entry's text.
    pub highlight: Vec<String>,
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Entries that answer, best first; empty when the search abstains.
    pub hits: Vec<Hit>,
    /// How sure the answer is (`None` when there is none).
    pub confidence: Confidence,
    /// Why nothing was answered.
    pub reason: Option<Reason>,
    /// The best candidate even when it was not answered (for evaluation).
    pub best_rejected: Option<Hit>,
}

impl Index {
    /// Ranks every entry for `query`; `limit` caps the answered entries.
    pub fn search(&self, query: &str, limit: usize) -> Outcome {
        self.search_with(query, limit, Abstain::default())
    }

    /// [`Index::search`] with other abstention thresholds (for calibration).
    pub fn search_with(&self, query: &str, limit: usize, abstain: Abstain) -> Outcome {
        let q = self.read(query);
        let s = self.score(&q);
        match self.decide(&q, &s, limit.max(1), abstain) {
            Decision::Answer {
                confidence,
                entries,
            } => Outcome {
                hits: entries.into_iter().map(|d| self.hit(&q, &s, d)).collect(),
                confidence,
                reason: None,
                best_rejected: None,
            },
            Decision::Abstain(reason) => Outcome {
                hits: Vec::new(),
                confidence: Confidence::None,
                reason: Some(reason),
                best_rejected: s.ranked.first().map(|&d| self.hit(&q, &s, d)),
            },
        }
    }

    /// The terms a query is turned into, for explaining a ranking (`eval --explain`).
    pub fn query_terms(&self, query: &str) -> Vec<Term> {
        self.read(query).terms
    }
}
