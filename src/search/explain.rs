//! What a ranked entry matched: the query's words behind it, as typed, and the terms to
//! emphasize in its text. Results carry these, so the printers never call back into search.

use super::analysis::TermKind;
use super::rank::{Query, Scores};
use super::{Hit, Index};
use crate::data::lexicon::ConceptKind;

impl Index {
    /// The hit for entry `d`: its scores and what it matched.
    pub(super) fn hit(&self, q: &Query, s: &Scores, d: usize) -> Hit {
        let mut matched: Vec<String> = Vec::new();
        let mut highlight: Vec<String> = Vec::new();
        for (t, &id) in q.terms.iter().zip(&q.ids) {
            let found = match t.kind {
                TermKind::Code => {
                    // A Code term's token is `code:` and the code (analysis.rs makes it so).
                    let code = &t.token["code:".len()..];
                    self.code_owner.get(code) == Some(&d)
                        || self.related(code).is_some_and(|r| r.contains(&(d as u32)))
                }
                _ => id.is_some_and(|id| {
                    self.postings(id)
                        .binary_search_by_key(&(d as u32), |p| p.doc)
                        .is_ok()
                }),
            };
            // SPHERE's own names and other services decide whether to answer, not which
            // entry: they are not what an entry matched.
            if !found
                || matches!(
                    t.kind,
                    TermKind::Concept(ConceptKind::Domain | ConceptKind::Foreign)
                )
            {
                continue;
            }
            if !matched.iter().any(|m| **m == *t.surface) {
                matched.push(t.surface.to_string());
            }
            match t.kind {
                TermKind::Code => {}
                // A query's 消した matches the answer's 破棄: emphasize every term of it.
                TermKind::Concept(_) => {
                    if let Some(c) = self.concept(&t.token) {
                        let c = &self.analyzer.lexicon.concepts[c as usize];
                        highlight.extend(c.ja_terms.iter().map(|t| t.to_string()));
                        highlight.extend(c.en_terms.iter().map(|t| t.to_string()));
                    }
                }
                TermKind::Word | TermKind::Bigram => {
                    if t.token.chars().count() >= 2 {
                        highlight.push(t.token.clone());
                    }
                }
            }
        }
        highlight.sort();
        highlight.dedup();
        Hit {
            entry: d,
            score: s.total[d],
            coverage: s.coverage[d],
            matched,
            highlight,
        }
    }
}
