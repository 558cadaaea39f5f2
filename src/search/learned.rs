//! The decision learned from the corpus: the model's probabilities blended with the
//! ranking's scores. The blend's few numbers are chosen by cross-validation on the corpus
//! (`examples/train.rs`) and stored with the model; nothing here is set per query.

use super::Index;
use super::abstain::{Confidence, Decision, FOLLOWER_RATIO, Reason};
use super::features::features;
use super::model::{Blend, Model};
use super::rank::{Query, Scores};
use crate::data::faq::{Entry, Faq};

/// The model over one FAQ: which class each entry is.
pub struct Learned {
    pub model: Model<'static>,
    /// By entry: its class.
    entry_class: Vec<usize>,
    /// The classes that are no entry: off-topic and the outside topics.
    other: Vec<usize>,
}

/// What identifies an entry's meaning to the model: its question in both languages.
pub fn question(e: &Entry) -> String {
    format!("{}\n{}", e.question.ja, e.question.en)
}

/// What the model says of one text, before the blend.
pub struct Reading {
    /// By entry: the model's probability.
    pub entry: Vec<f32>,
    /// Off-topic or outside the FAQ, all told.
    pub off: f32,
    /// The most likely class that is no entry (`-` or an outside topic).
    pub other: String,
}

impl Learned {
    /// The model for this FAQ, when it learned every entry of it, by id and question (a
    /// model learned before an entry was added or changed is not used: `cargo run
    /// --release --example train` renews it).
    pub fn new(model: Model<'static>, faq: &Faq) -> Option<Learned> {
        let entry_class = faq
            .entries
            .iter()
            .map(|e| {
                let c = model.classes.iter().position(|c| *c == e.id)?;
                (model.questions[c] == question(e)).then_some(c)
            })
            .collect::<Option<Vec<usize>>>()?;
        let other = (0..model.classes.len())
            .filter(|c| !entry_class.contains(c))
            .collect();
        Some(Learned {
            model,
            entry_class,
            other,
        })
    }

    pub fn read(&self, index: &Index, text: &str) -> Reading {
        let p = self.model.predict(&features(index, text));
        let best_other = self
            .other
            .iter()
            .copied()
            .max_by(|&x, &y| p[x].total_cmp(&p[y]));
        Reading {
            entry: self.entry_class.iter().map(|&c| p[c]).collect(),
            off: self.other.iter().map(|&c| p[c]).sum(),
            other: best_other.map_or_else(String::new, |c| self.model.classes[c].clone()),
        }
    }
}

/// The blended decision. A code decides as the ranking says, but for a bare number
/// (SPHERE's `1014`), which decides only where the text is not about another product.
pub(super) fn decide(
    r: &Reading,
    q: &Query,
    s: &Scores,
    rules: Decision,
    b: &Blend,
    limit: usize,
    has_codes: &[bool],
) -> Decision {
    if q.code && !(q.numeric_code && r.off >= b.off_topic) {
        return rules;
    }
    let off_topic = match rules {
        Decision::Answer { .. } => b.off_topic_answered,
        Decision::Abstain(_) => b.off_topic,
    };
    if r.off >= off_topic {
        // "Another service" only when the text names one: the model's doubt about
        // 「ログインできないでう」 is no reason to tell its writer it asked about something else.
        return Decision::Abstain(if r.other != super::corpus::OFF_TOPIC {
            Reason::OutsideFaq
        } else if q.foreign {
            Reason::OtherService
        } else if s.ranked.is_empty() {
            Reason::NoSubject
        } else {
            Reason::Weak
        });
    }
    // A text that names nothing the FAQ is about, nor SPHERE's world ("what time is
    // it") is not answered on the model's word alone.
    let names_nothing = q.objects.is_empty()
        && q.problems.is_empty()
        && q.context.is_empty()
        && !q.domain
        && !q.negated;
    if names_nothing {
        return rules;
    }
    let best_total = s.ranked.first().map_or(0.0, |&d| s.total[d]);
    let blended: Vec<f32> = (0..r.entry.len())
        .map(|d| {
            let rank = if best_total > 0.0 {
                (s.total[d] / best_total) as f32
            } else {
                0.0
            };
            r.entry[d] + b.ranking * rank
        })
        .collect();
    let mut ranked: Vec<usize> = (0..blended.len()).collect();
    ranked.sort_by(|&x, &y| blended[y].total_cmp(&blended[x]).then(x.cmp(&y)));
    let top = ranked[0];
    // Candidates for a vague query ("I can't log in"): the model's likeliest entries for
    // people without a code (the ranking's order follows incidental words: うまくいき).
    let vague_candidates = |n: usize| -> Vec<usize> {
        let mut by_model: Vec<usize> = (0..r.entry.len()).filter(|&d| !has_codes[d]).collect();
        by_model.sort_by(|&x, &y| r.entry[y].total_cmp(&r.entry[x]).then(x.cmp(&y)));
        by_model.truncate(n.min(limit));
        by_model
    };
    if blended[top] < b.answer {
        // Too little to pick one entry: a vague query is shown as many candidates as the
        // ranking found; anything else is not answered.
        return match rules {
            Decision::Answer {
                confidence: Confidence::Vague,
                entries,
            } => Decision::Answer {
                confidence: Confidence::Vague,
                entries: vague_candidates(entries.len()),
            },
            Decision::Abstain(_) => rules,
            Decision::Answer { .. } => Decision::Abstain(Reason::Weak),
        };
    }
    // The runners-up: those the blend finds near the best, and those the ranking did.
    let floor = blended[top] * FOLLOWER_RATIO as f32;
    let ranking_followers: &[usize] = match &rules {
        Decision::Answer { entries, .. } => entries,
        Decision::Abstain(_) => &[],
    };
    let entries: Vec<usize> = ranked
        .iter()
        .copied()
        .filter(|&d| d == top || blended[d] >= floor || ranking_followers.contains(&d))
        .take(limit)
        .collect();
    let vague = matches!(
        rules,
        Decision::Answer {
            confidence: Confidence::Vague,
            ..
        }
    );
    // High: the model is sure, and the ranking, read independently, puts the same entry
    // first.
    let agree = ranking_followers.first() == Some(&top);
    let confidence = if r.entry[top] >= b.high && agree {
        Confidence::High
    } else if vague {
        Confidence::Vague
    } else {
        Confidence::Close
    };
    Decision::Answer {
        entries: if confidence == Confidence::Vague {
            vague_candidates(entries.len())
        } else {
            entries
        },
        confidence,
    }
}
