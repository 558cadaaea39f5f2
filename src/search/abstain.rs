//! Whether to answer, and how sure the answer is. A search answers when the best entry is
//! about what the query is about (its object), with enough evidence; it says nothing for a
//! query about another service or topic; and for a vague query ("I can't log in"), or one
//! whose two best entries are close, it says so and shows the few likely entries.

use serde::Serialize;

use super::Index;
use super::rank::{Query, RELATED_BOOST, Scores};

/// Thresholds of the rule, calibrated on the query files under `tests/fixtures/` with
/// `cargo run --release --example eval -- --sweep`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Abstain {
    /// The least total score of an answer.
    pub min_score: f64,
}

pub const MIN_SCORE: f64 = 2.0;

impl Default for Abstain {
    fn default() -> Abstain {
        Abstain {
            min_score: MIN_SCORE,
        }
    }
}

/// Entries after the first are listed only if they reach this share of the best score.
pub const FOLLOWER_RATIO: f64 = 0.25;
/// The second entry is close to the first when it reaches this share of its score.
const CLOSE_RATIO: f64 = 0.8;
/// How many entries a vague query shows.
const VAGUE_SHOWN: usize = 4;

/// How sure an answer is; JSON's `confidence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A code in the query decided.
    Code,
    /// One entry answers.
    High,
    /// The best entries are close: the first is likely, the others may be meant.
    Close,
    /// The query says too little to pick one entry ("I can't log in"): likely entries.
    Vague,
    /// Nothing in the FAQ answers.
    None,
}

/// Why a search answered nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// It is about another service or topic (Gmail, a hotel booking), not SPHERE's.
    OtherService,
    /// It names nothing an entry is about.
    NoSubject,
    /// The best entry's evidence is too weak.
    Weak,
    /// It is a guest sign-in problem of SPHERE's world that the FAQ does not cover
    /// (`Outcome::topic` says which).
    OutsideFaq,
}

#[derive(Clone)]
pub(super) enum Decision {
    Answer {
        confidence: Confidence,
        entries: Vec<usize>,
    },
    Abstain(Reason),
}

/// Context concepts that, alone, say something went wrong with signing in.
const TROUBLE: [&str; 2] = ["#login", "#error"];

impl Index {
    fn is_trouble(&self, concept: u32) -> bool {
        TROUBLE.contains(
            &self.analyzer.lexicon.concepts[concept as usize]
                .token
                .as_ref(),
        )
    }

    pub(super) fn decide(&self, q: &Query, s: &Scores, limit: usize, a: Abstain) -> Decision {
        let Some(&best) = s.ranked.first() else {
            return Decision::Abstain(if q.foreign && !q.domain {
                Reason::OtherService
            } else {
                Reason::NoSubject
            });
        };
        let followers = |min: f64| -> Vec<usize> {
            let floor = s.total[best] * FOLLOWER_RATIO;
            s.ranked
                .iter()
                .copied()
                .filter(|&d| s.total[d] >= floor.max(min))
                .take(limit)
                .collect()
        };
        if q.code {
            if s.total[best] >= RELATED_BOOST / 4.0 {
                // A code of the catalog only points to the entries that help with it:
                // they are not the FAQ's answer to that code.
                return Decision::Answer {
                    confidence: if q.faq_code {
                        Confidence::Code
                    } else {
                        Confidence::Close
                    },
                    entries: followers(0.0),
                };
            }
            return Decision::Abstain(Reason::Weak);
        }
        // Another service's password or invitation is not SPHERE's, however many words it
        // shares with the FAQ.
        if q.foreign && !q.domain {
            return Decision::Abstain(Reason::OtherService);
        }
        if s.objects[best] > 0 {
            if s.total[best] < a.min_score {
                return Decision::Abstain(Reason::Weak);
            }
            let entries = followers(a.min_score);
            let close = entries.get(1).is_some_and(|&second| {
                s.objects[second] > 0
                    && s.total[second] >= CLOSE_RATIO * s.total[best]
                    && !self.see_also[best].contains(&second)
                    && !self.see_also[second].contains(&best)
            });
            return Decision::Answer {
                confidence: if close {
                    Confidence::Close
                } else {
                    Confidence::High
                },
                entries,
            };
        }
        // The query names no object any entry is about. When it says that something
        // went wrong with signing in to SPHERE, without saying what, several entries may
        // answer: show them. Otherwise it is not a question for this FAQ.
        let signing_in = q.context.iter().any(|&c| self.is_trouble(c));
        let trouble = signing_in || (q.domain && !q.problems.is_empty());
        if q.objects.is_empty() && trouble {
            // An entry that answers a code is for people who have that code.
            let entries: Vec<usize> = s
                .ranked
                .iter()
                .copied()
                .filter(|&d| !self.has_codes[d])
                .take(VAGUE_SHOWN)
                .collect();
            if entries.len() >= 2 {
                return Decision::Answer {
                    confidence: Confidence::Vague,
                    entries,
                };
            }
        }
        Decision::Abstain(Reason::NoSubject)
    }
}
