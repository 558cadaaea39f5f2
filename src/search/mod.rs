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
//! - [`learned`]: the model learned from the labelled corpus ([`model`], [`features`],
//!   [`corpus`]) blended with that ranking and decision;
//! - [`explain`]: what each result matched, carried in the result.

mod abstain;
mod analysis;
pub mod corpus;
mod explain;
pub mod features;
mod index;
pub mod learned;
pub mod lexicon;
pub mod model;
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
    /// When the text is about a topic outside the FAQ (`reason` says `outside_faq`):
    /// which (`mfa`, `otp`, `conditional_access` …).
    pub topic: Option<String>,
}

/// A query read and ranked, and what the model says of it: everything a decision needs.
pub struct Prepared {
    q: rank::Query,
    s: rank::Scores,
    rules: Decision,
    reading: Option<learned::Reading>,
    limit: usize,
    /// By entry: whether it answers a code (no candidate for a vague query).
    has_codes: Vec<bool>,
}

impl Prepared {
    /// The entries answered, best first, how sure, and the outside topic if any.
    pub fn decide(&self, blend: Option<&model::Blend>) -> (Vec<usize>, Confidence, Option<String>) {
        match self.decision(blend) {
            (
                Decision::Answer {
                    confidence,
                    entries,
                },
                _,
            ) => (entries, confidence, None),
            (Decision::Abstain(_), topic) => (Vec::new(), Confidence::None, topic),
        }
    }

    fn decision(&self, blend: Option<&model::Blend>) -> (Decision, Option<String>) {
        match (&self.reading, blend) {
            (Some(r), Some(b)) => {
                let d = learned::decide(
                    r,
                    &self.q,
                    &self.s,
                    self.rules.clone(),
                    b,
                    self.limit,
                    &self.has_codes,
                );
                let topic =
                    matches!(d, Decision::Abstain(Reason::OutsideFaq)).then(|| r.other.clone());
                (d, topic)
            }
            _ => (self.rules.clone(), None),
        }
    }
}

impl Index {
    /// Ranks every entry for `query`; `limit` caps the answered entries.
    pub fn search(&self, query: &str, limit: usize) -> Outcome {
        self.search_with(query, limit, Abstain::default())
    }

    /// [`Index::search`] with other abstention thresholds (for calibration).
    pub fn search_with(&self, query: &str, limit: usize, abstain: Abstain) -> Outcome {
        let p = self.prepare(query, limit, abstain, self.learned.as_ref());
        let (decision, topic) = p.decision(self.learned.as_ref().map(|l| &l.model.blend));
        let (q, s) = (&p.q, &p.s);
        match decision {
            Decision::Answer {
                confidence,
                entries,
            } => Outcome {
                hits: entries.into_iter().map(|d| self.hit(q, s, d)).collect(),
                confidence,
                reason: None,
                best_rejected: None,
                topic,
            },
            Decision::Abstain(reason) => Outcome {
                hits: Vec::new(),
                confidence: Confidence::None,
                reason: Some(reason),
                best_rejected: s.ranked.first().map(|&d| self.hit(q, s, d)),
                topic,
            },
        }
    }

    /// Reads and ranks a query, and has `learned` read it, for [`Prepared::decide`].
    pub fn prepare(
        &self,
        query: &str,
        limit: usize,
        abstain: Abstain,
        learned: Option<&learned::Learned>,
    ) -> Prepared {
        // A whole message is read first: its quoted history, signature and disclaimer
        // are set aside, as the helpdesk reads a mail.
        let query = &crate::message::problem(query);
        let q = self.read(query);
        let s = self.score(&q);
        let limit = limit.max(1);
        let rules = self.decide(&q, &s, limit, abstain);
        let reading = learned.map(|l| l.read(self, query));
        Prepared {
            q,
            s,
            rules,
            reading,
            limit,
            has_codes: self.has_codes.clone(),
        }
    }

    /// The terms a query is turned into, for explaining a ranking (`eval --explain`).
    pub fn query_terms(&self, query: &str) -> Vec<Term> {
        self.read(query).terms
    }
}
