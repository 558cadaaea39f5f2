//! Topics of the FAQ's world that the FAQ does not cover (`data/outside.json`): guest
//! sign-in problems people bring to the helpdesk since 2024 (MFA, one-time passcodes,
//! Conditional Access …). Each says who can help, with its public source: the tool
//! maintainers' summary, always shown apart from the helpdesk's answers.

use serde::{Deserialize, Serialize};

use super::faq::Localized;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outside {
    /// What these notes are and whose words they are.
    pub about: Localized<String>,
    pub topics: Vec<Topic>,
    /// The advice of the block for the helpdesk (`helpdesk.rs`), with its source.
    #[serde(default)]
    pub helpdesk: HelpdeskNote,
}

/// Microsoft's advice for a failed sign-in that the helpdesk will look into: shown apart
/// from the FAQ's words, under the ids read from a pasted error page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpdeskNote {
    pub note: Localized<String>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The name the search's model knows it by (`mfa`, `otp` …).
    pub id: String,
    pub title: Localized<String>,
    /// What it is, in a few sentences.
    pub note: Localized<String>,
    /// Who can help.
    pub who: Localized<String>,
    /// Where the note comes from.
    pub source: String,
}

impl Outside {
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}
