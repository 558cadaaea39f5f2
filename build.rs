//! Compile-time work: the built-in FAQ and its search index, and the FAQ's date for
//! --version.
//!
//! The FAQ is read and its index built here by the workspace's core crate, the very code
//! that searches it, and both are written out as Rust statics (`$OUT_DIR/built_in.rs`,
//! included by src/engine.rs): the program starts without parsing JSON, decoding or
//! building anything, and there is no generated file in git to go stale.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use sphere_faq_core::catalog::Catalog;
use sphere_faq_core::db::Faq;
use sphere_faq_core::lexicon::Lexicon;
use sphere_faq_core::search::Prebuilt;
use sphere_faq_core::tables;

fn main() {
    // include_dir! embeds `data/` at compile time, but on stable Rust it cannot tell cargo
    // which files it read; watching the directory makes cargo rebuild when anything under
    // it changes. The core's sources decide the index as much as the data does.
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=crates/core");
    println!("cargo:rerun-if-changed=build.rs");

    // `--version` says which FAQ is built in: its date, read from data/faq.json (the
    // top-level "updated", the file's first such key).
    let faq = std::fs::read_to_string("data/faq.json").unwrap_or_default();
    let date = faq
        .split_once("\"updated\"")
        .and_then(|(_, rest)| rest.split('"').nth(1))
        .unwrap_or("unknown");
    println!("cargo:rustc-env=SPHERE_FAQ_DATE={date}");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (faq, tables) = match built_in() {
        Ok((faq, tables)) => (Some(faq), tables),
        Err(e) => {
            // The program still builds, so that `cargo test` can name the problem in the
            // data precisely; it then reads the data, and builds the index, at run time.
            println!("cargo:warning=the built-in FAQ was not compiled in: {e}");
            (None, Prebuilt::default())
        }
    };
    let mut code = String::from(tables::PREAMBLE);
    code += &tables::static_item("FAQ", "Option<Faq>", &faq);
    code += &tables::static_item("PREBUILT", "Prebuilt", &tables);
    std::fs::write(out.join("built_in.rs"), code).expect("OUT_DIR is writable");
}

/// The built-in FAQ, and its index.
fn built_in() -> Result<(Faq, Prebuilt), String> {
    let faq = Faq::embedded().map_err(|e| e.to_string())?;
    let lexicon = Lexicon::embedded().map_err(|e| e.to_string())?;
    let related: Vec<(String, Vec<String>)> = Catalog::embedded()
        .map_err(|e| e.to_string())?
        .codes
        .into_iter()
        .map(|c| (c.code, c.help))
        .collect();
    let index = Prebuilt::build(&faq, lexicon, &related, inputs());
    Ok((faq, index))
}

/// A hash of everything the index is made from: the data files and the core crate's
/// sources. A `--data` file's persisted index is keyed with it too, so that any change to
/// the analysis, however small, rebuilds those as well (no version to bump by hand).
fn inputs() -> u64 {
    let mut files = Vec::new();
    for dir in ["data", "crates/core/src"] {
        walk(Path::new(dir), &mut files);
    }
    files.push(PathBuf::from("crates/core/Cargo.toml"));
    files.sort();
    let mut h = rustc_hash::FxHasher::default();
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        h.write(f.to_string_lossy().replace('\\', "/").as_bytes());
        h.write_usize(bytes.len());
        h.write(&bytes);
    }
    h.finish()
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}
