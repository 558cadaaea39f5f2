//! Compiles the regular expressions of src/patterns.rs to DFAs, once, at build time, and
//! has cargo rebuild the crate when `data/` changes.
//!
//! With the `regex` crate the program carried a regex parser and compiler (regex-syntax,
//! regex-automata's NFA compiler, its meta engine: 0.37 MB of a release binary kept to
//! 3 MiB) to compile four constant patterns at every start. regex-automata, the regex
//! crate's engine, can instead build a pattern's forward and reverse DFAs here and
//! serialize them; the program reads those tables with its `dfa-search` feature alone
//! (see src/matcher.rs), which is also the fastest search it has. Each pattern's tables
//! are written both sparse and dense; the program embeds the ones it names: sparse
//! (5-16 KB each) but for NOT_A_CODE, which scans every byte of a paste and is dense
//! (182 KB), since as sparse tables the 1 MiB pastes took 8-17 ms longer.

use std::path::PathBuf;

use regex_automata::dfa::{dense, regex::Regex};

include!("src/patterns.rs");

fn main() {
    // include_dir! embeds the project's `data/` at compile time, but on stable Rust it
    // cannot tell cargo which files it read, so a changed data file would not rebuild
    // this crate. Watching the directory here makes cargo rebuild whenever anything
    // under it changes.
    println!("cargo::rerun-if-changed=../../data");
    println!("cargo::rerun-if-changed=src/patterns.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The tables are read on the target, in its byte order.
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    for (name, pattern) in COMPILED {
        let re = Regex::builder()
            .dense(dense::Config::new().minimize(true))
            .build_sparse(pattern)
            .unwrap_or_else(|e| panic!("pattern {name}: {e}"));
        for (part, dfa) in [("fwd", re.forward()), ("rev", re.reverse())] {
            let bytes = if big {
                dfa.to_bytes_big_endian()
            } else {
                dfa.to_bytes_little_endian()
            };
            std::fs::write(out.join(format!("{name}.sparse.{part}")), bytes)
                .expect("OUT_DIR is writable");
        }
        let dense = Regex::builder()
            .dense(dense::Config::new().minimize(true))
            .build(pattern)
            .unwrap_or_else(|e| panic!("pattern {name}: {e}"));
        for (part, dfa) in [("fwd", dense.forward()), ("rev", dense.reverse())] {
            let (bytes, pad) = if big {
                dfa.to_bytes_big_endian()
            } else {
                dfa.to_bytes_little_endian()
            };
            std::fs::write(out.join(format!("{name}.dense.{part}")), &bytes[pad..])
                .expect("OUT_DIR is writable");
        }
    }
}
