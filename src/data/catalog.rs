//! Related Microsoft codes that the FAQ does not name (`data/catalog.json`): what each
//! means and where to turn. These are the tool maintainers' summaries of Microsoft's
//! documentation, always shown apart from the helpdesk's answers.

use serde::{Deserialize, Serialize};

use super::faq::Localized;
use super::object::{objects_only, serialize_as_derived};

// Read from JSON objects only: see [`super::object`].
objects_only! {
    "a catalog code": CatalogEntry;
    "the catalog": Catalog;
}
serialize_as_derived!(CatalogEntry, Catalog);

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
#[serde(remote = "Self", deny_unknown_fields)]
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
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Catalog {
    /// What the catalog is and where its facts come from.
    pub about: Localized<String>,
    /// What a person can do, in both languages, by key: one wording shared by every code
    /// that needs it, so a translator finds each once.
    pub actions: std::collections::BTreeMap<String, Localized<String>>,
    pub codes: Vec<CatalogEntry>,
}

impl Catalog {
    pub fn get(&self, code: &str) -> Option<&CatalogEntry> {
        self.codes.iter().find(|c| c.code == code)
    }
}
