//! The data: the FAQ, the catalog of related codes and the search lexicon, their schemas,
//! their integrity rules, and loading them with errors that name file, line and column.
//! Nothing here depends on the search or the command line.

pub mod catalog;
pub mod faq;
pub mod guide;
pub mod lexicon;
pub mod load;
pub mod object;
pub mod outside;
pub mod rules;
