//! `sphere-faq`: the SPHERE Azure AD / Microsoft Entra ID guest sign-in FAQ, embedded,
//! with code lookup and symptom search in Japanese and English.
//!
//! The binary (`src/main.rs`), the tests, the evaluation (`examples/eval.rs`) and the
//! benchmarks all use this library.

pub mod app;
pub mod cache;
pub mod cli;
pub mod completion;
pub mod engine;
pub mod eval;
pub mod input;
pub mod json;
pub mod messages;
pub mod render;
pub mod text;

// The data, its rules and the search live in the workspace's core crate, which the build
// script uses too; they are re-exported under their old paths.
pub use sphere_faq_core::{
    catalog, codes, db, lang, lexicon, normalize, patterns, rules, search, tables,
};

pub use db::Faq;
pub use engine::Engine;
pub use lang::Lang;
