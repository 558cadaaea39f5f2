//! `sphere-faq`: the SPHERE Azure AD / Microsoft Entra ID guest sign-in FAQ, embedded,
//! with code lookup and symptom search in Japanese and English.
//!
//! The binary (`src/main.rs`), the tests and the evaluation (`examples/eval.rs`) all use
//! this library.

pub mod app;
pub mod args;
pub mod candidates;
pub mod cli;
pub mod codes;
pub mod completion;
pub mod console;
pub mod data;
pub mod encoding;
pub mod engine;
pub mod error;
pub mod eval;
pub mod exit;
pub mod guide;
pub mod helpdesk;
pub mod input;
pub mod json;
pub mod lang;
pub mod learn;
pub mod mail;
pub mod message;
pub mod messages;
pub mod normalize;
pub mod render;
pub mod search;
pub mod text;
pub mod triage;

pub use data::faq::Faq;
pub use engine::Engine;
pub use lang::Lang;
pub use message::Reading;
