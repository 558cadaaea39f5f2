//! The FAQ's schema: what `data/faq.json` and a `--data` file hold. Loading and checking
//! a file is [`super::load`]'s.

use serde::{Deserialize, Serialize};

use super::object::{objects_only, serialize_as_derived};
use crate::lang::Lang;

// Every struct of the file is read from a JSON object only (an entry written as an array
// of its fields is refused): see [`super::object`].
objects_only! {
    "a text in both languages": Localized<T>;
    "the contact": Contact;
    "a note": Note;
    "an entry": Entry;
    "a topic": TopicIds;
    "the FAQ": Faq;
}
serialize_as_derived!(Localized<T>, Contact, Note, Entry, TopicIds, Faq);

/// A value written in both languages.
/// A missing language parses as empty, so that `check` can list every entry that lacks
/// one instead of stopping at the first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Localized<T: Default> {
    #[serde(default)]
    pub ja: T,
    #[serde(default)]
    pub en: T,
}

impl<T: Default> Localized<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    pub fn both(&self) -> [(Lang, &T); 2] {
        [(Lang::Ja, &self.ja), (Lang::En, &self.en)]
    }
}

/// The helpdesk the FAQ sends people to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Contact {
    pub name: Localized<String>,
    pub hours: Localized<String>,
    pub email: String,
}

/// A remark added by the maintainers of this tool, not the helpdesk's text: shown apart
/// from the answer, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Note {
    pub ja: String,
    pub en: String,
    pub source: String,
}

impl Note {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// One question of the FAQ with its answer in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Entry {
    /// `Q1` .. `Qn`.
    pub id: String,
    /// Error codes this entry answers, in canonical spelling (`AADSTS50020`, `AADB2B_0001`).
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub question: Localized<String>,
    /// The answer, one element per line; an empty element separates paragraphs.
    #[serde(default)]
    pub answer: Localized<Vec<String>>,
    /// Other entries the answer refers to.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// The answer tells people to contact the SPHERE helpdesk.
    #[serde(default)]
    pub contact_helpdesk: bool,
    /// Search keywords: how people describe this problem, beyond the FAQ's own words.
    #[serde(default)]
    pub keywords: Localized<Vec<String>>,
    /// What the entry is about for search: lexicon concept ids of the object of the
    /// problem it answers and of what went wrong. Without it, search reads them from the
    /// question and keywords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<TopicIds>,
    /// Maintainers' notes (not the helpdesk's words).
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// An entry's topic, as lexicon concept ids (`invitation`, `not_arrive`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct TopicIds {
    #[serde(default)]
    pub objects: Vec<String>,
    #[serde(default)]
    pub problems: Vec<String>,
}

impl Entry {
    pub fn answer_text(&self, lang: Lang) -> String {
        self.answer.get(lang).join("\n")
    }
}

/// The whole FAQ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Faq {
    pub title: Localized<String>,
    /// Date of the FAQ page this data was taken from.
    pub updated: String,
    pub contact: Contact,
    pub entries: Vec<Entry>,
    /// Where this copy was read from: not part of the file.
    #[serde(skip)]
    pub origin: Origin,
}

/// Where the FAQ in use comes from, so that every output can say which FAQ answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origin {
    /// The copy compiled into the binary.
    #[default]
    BuiltIn,
    /// A file given with `--data` or `SPHERE_FAQ_DATA`.
    File(String),
}

impl Faq {
    /// Which FAQ this is, in one line: its date and where it comes from.
    pub fn describe(&self, lang: Lang) -> String {
        let n = self.entries.len();
        match (&self.origin, lang) {
            (Origin::BuiltIn, Lang::Ja) => {
                format!("{}（{}版、組み込み、{n}項目）", self.title.ja, self.updated)
            }
            (Origin::BuiltIn, Lang::En) => {
                format!(
                    "{} of {} (built in, {n} entries)",
                    self.title.en, self.updated
                )
            }
            (Origin::File(path), Lang::Ja) => format!(
                "{}（{}版、ファイル {path}、{n}項目）",
                self.title.ja, self.updated
            ),
            (Origin::File(path), Lang::En) => format!(
                "{} of {} (file {path}, {n} entries)",
                self.title.en, self.updated
            ),
        }
    }
}

impl Faq {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The entry that answers a canonical code.
    pub fn entry_for_code(&self, code: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.codes.iter().any(|c| c == code))
    }

    /// All codes the FAQ answers, in entry order.
    pub fn codes(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries
            .iter()
            .flat_map(|e| e.codes.iter().map(move |c| (c.as_ref(), e)))
    }
}
