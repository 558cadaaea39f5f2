//! The curated search lexicon as written (`data/lexicon.json`): English stop words and
//! concepts, groups of words and phrases in either language that mean the same thing to
//! someone describing a sign-in problem (削除 / 消した / deleted / threw away …). The
//! search prepares it for matching ([`crate::search::lexicon`]).

use serde::{Deserialize, Serialize};

use super::object::objects_only;

// Read from JSON objects only: see [`super::object`].
objects_only! {
    "the lexicon": LexiconFile;
    "a concept": ConceptFile;
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct LexiconFile {
    /// English words that carry no meaning for the search.
    pub stopwords: Vec<String>,
    /// Japanese phrases that carry no meaning for the search (やり方, したい, かも …):
    /// their characters are not turned into bigrams.
    #[serde(default)]
    pub stopphrases: Vec<String>,
    pub concepts: Vec<ConceptFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct ConceptFile {
    pub id: String,
    /// What the concept tells about a problem; `context` when not given.
    #[serde(default)]
    pub kind: ConceptKind,
    pub terms: Vec<String>,
}

/// What a concept says about the problem a text describes. Search ranks on the object
/// first and on what went wrong second ([`crate::search`]); the other kinds decide
/// whether the text is about SPHERE at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptKind {
    /// The thing the problem is about: the invitation e-mail, its link, the login ID, the
    /// password, the e-mail address, another signed-in account, the company's own sign-in
    /// screen, Concur …
    Object,
    /// What went wrong with it: not arrived, deleted, forgot, change, expired …
    Problem,
    /// Words that set the scene without deciding between entries (login, error, browser).
    #[default]
    Context,
    /// Names that place a text in SPHERE's world: SPHERE, Azure AD / Entra ID, the
    /// troubleshooting details of Microsoft's error page. (Sony is only context: Sony's
    /// consumer services are look-alikes.)
    Domain,
    /// Other services and other topics (Gmail, LINE, a hotel booking, a wedding
    /// invitation): a text about one of them, with nothing of SPHERE's world in it, is not
    /// a question for this FAQ. Terms of this kind also shadow shorter terms inside them
    /// (ソニー in ソニー銀行).
    Foreign,
}
