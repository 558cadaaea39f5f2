//! The integration tests: one test program with a shared harness (`common`), each file a
//! module of it.

mod cli;
mod code_paste;
mod common;
mod completion;
mod data_file;
mod data_integrity;
mod eval_floor;
mod guide;
mod hardening;
mod learned;
mod maintainer;
mod properties;
mod search;
mod snapshots;
mod structure;
mod triage;
mod windows;
