//! The core of `sphere-faq`: the FAQ's schema and embedded data, the rules every copy
//! must satisfy, code recognition, and the search analysis and index.
//!
//! It is its own crate so that the program's build script can use it too: the index of
//! the built-in FAQ is built at compile time by this very code (see the program's
//! `build.rs`), never kept as a generated file.

pub mod catalog;
pub mod codes;
pub mod db;
pub mod encoding;
pub mod lang;
pub mod lexicon;
pub mod matcher;
pub mod normalize;
pub mod par;
pub mod patterns;
pub mod rules;
pub mod search;
pub mod tables;
