//! Related Microsoft codes that the FAQ does not name (`data/catalog.json`): what each
//! means and where to turn. These are the tool maintainers' summaries of Microsoft's
//! documentation, always shown apart from the helpdesk's answers.

use serde::{Deserialize, Serialize};

use crate::codes;
use crate::db::{Faq, LoadError, Localized, embedded_json};

/// Who can help with a catalog code besides the FAQ entries it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contact {
    /// Nobody beyond the FAQ entries.
    None,
    /// The SPHERE helpdesk (the inviting side must act).
    Helpdesk,
    /// The user's own organization's administrator.
    Admin,
    /// Either, depending on whose policy it is.
    HelpdeskOrAdmin,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    pub code: String,
    pub meaning: Localized<String>,
    /// FAQ entries that help, closest first.
    pub help: Vec<String>,
    pub contact: Contact,
    /// What the person can do: a key of [`Catalog::actions`].
    pub action: String,
    /// Where the meaning was read, and when.
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// What the catalog is and where its facts come from.
    pub about: Localized<String>,
    /// What a person can do, in both languages, by key: one wording shared by every code
    /// that needs it, so a translator finds each once.
    pub actions: std::collections::BTreeMap<String, Localized<String>>,
    pub codes: Vec<CatalogEntry>,
}

impl Catalog {
    pub fn embedded() -> Result<Catalog, LoadError> {
        embedded_json("catalog.json")
    }

    pub fn get(&self, code: &str) -> Option<&CatalogEntry> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// What the person can do about a code, in one language.
    pub fn action(&self, c: &CatalogEntry, lang: crate::lang::Lang) -> Option<&str> {
        self.actions.get(&c.action).map(|a| a.get(lang).as_str())
    }

    /// Integrity against the FAQ: canonical codes, each once, none that the FAQ itself
    /// answers, both languages, and every FAQ reference resolving.
    pub fn problems(&self, faq: &Faq) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for c in &self.codes {
            if codes::canonical(&c.code).as_deref() != Some(c.code.as_str()) {
                problems.push(format!("catalog: {:?} is not a canonical code", c.code));
            }
            if !seen.insert(c.code.as_str()) {
                problems.push(format!("catalog: {} is listed twice", c.code));
            }
            if let Some(e) = faq.entry_for_code(&c.code) {
                problems.push(format!(
                    "catalog: {} is answered by the FAQ ({})",
                    c.code, e.id
                ));
            }
            for (lang, m) in c.meaning.both() {
                if m.trim().is_empty() {
                    problems.push(format!(
                        "catalog: {} has no meaning in {}",
                        c.code,
                        lang.code()
                    ));
                }
            }
            for id in &c.help {
                if faq.entry(id).is_none() {
                    problems.push(format!(
                        "catalog: {} refers to {id}, which does not exist",
                        c.code
                    ));
                }
            }
            if !self.actions.contains_key(&c.action) {
                problems.push(format!(
                    "catalog: {} has the action {:?}, which is not among the actions",
                    c.code, c.action
                ));
            }
            if c.source.trim().is_empty() {
                problems.push(format!("catalog: {} has no source", c.code));
            }
        }
        for (key, text) in &self.actions {
            for (lang, t) in text.both() {
                if t.trim().is_empty() {
                    problems.push(format!(
                        "catalog: action {key} has no text in {}",
                        lang.code()
                    ));
                }
            }
        }
        problems
    }
}
