//! The questions of guided mode (`data/guide.json`): numbered questions in both languages
//! whose choices lead to another question, to an FAQ entry, or to the user's own words.
//! They only route: every answer is an FAQ entry or the search's. Checked by
//! [`super::rules::guide`].

use serde::{Deserialize, Serialize};

use super::faq::Localized;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// The id of the first question.
    pub start: String,
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub question: Localized<String>,
    pub choices: Vec<Choice>,
}

/// One numbered answer. Exactly one of `next`, `entry` and `ask` says where it leads.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: Localized<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<Ask>,
}

/// What a choice asks the user for instead of another question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ask {
    /// A pasted error page or a code: the code path answers it.
    Paste,
    /// The problem in the user's own words: the search answers it.
    Text,
    /// The other language.
    Language,
}

/// Where a choice leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Next(&'a str),
    Entry(&'a str),
    Ask(Ask),
}

impl Choice {
    /// Where the choice leads: `None` when it names no target or more than one.
    pub fn target(&self) -> Option<Target<'_>> {
        match (&self.next, &self.entry, self.ask) {
            (Some(n), None, None) => Some(Target::Next(n)),
            (None, Some(e), None) => Some(Target::Entry(e)),
            (None, None, Some(a)) => Some(Target::Ask(a)),
            _ => None,
        }
    }
}

impl Guide {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The question to ask when a search is vague: the node whose choices all lead to an
    /// entry and share the most entries with the search's candidates (the first on a
    /// tie), if any does.
    pub fn clarify(&self, candidates: &[&str]) -> Option<&Node> {
        let mut best: Option<(&Node, usize)> = None;
        for n in &self.nodes {
            let entries: Option<Vec<&str>> = n
                .choices
                .iter()
                .map(|c| match c.target() {
                    Some(Target::Entry(e)) => Some(e),
                    _ => None,
                })
                .collect();
            let Some(entries) = entries else { continue };
            let shared = entries.iter().filter(|e| candidates.contains(e)).count();
            if shared > 0 && best.is_none_or(|(_, s)| shared > s) {
                best = Some((n, shared));
            }
        }
        best.map(|(n, _)| n)
    }
}
