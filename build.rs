//! `--version` names the FAQ built in, by its date; and the stored index of the built-in
//! FAQ (`data/index.bin`) is used only when made from the data and code built in.

use std::path::Path;

/// What the index is made from: the data it indexes, and the code that reads text into
/// terms (the search, the data's types, normalization, codes, languages). A change to
/// any of them makes the program build the index at start until `cargo run --release
/// --example train -- --index` stores it again (`cargo test` says so).
const INDEX_INPUTS: [&str; 8] = [
    "data/faq.json",
    "data/lexicon.json",
    "data/catalog.json",
    "src/search",
    "src/data",
    "src/normalize.rs",
    "src/codes.rs",
    "src/lang.rs",
];

fn main() {
    let faq = std::fs::read_to_string("data/faq.json").unwrap_or_default();
    // The top-level "updated" of data/faq.json: the file's first such key.
    let date = faq
        .split_once("\"updated\"")
        .and_then(|(_, rest)| rest.split('"').nth(1))
        .unwrap_or("unknown");
    println!("cargo::rustc-env=SPHERE_FAQ_DATE={date}");

    // FNV-1a over every input, in path order, carriage returns left out (a Windows
    // checkout's line ends change nothing).
    let mut files = Vec::new();
    for input in INDEX_INPUTS {
        println!("cargo::rerun-if-changed={input}");
        collect(Path::new(input), &mut files);
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let name = file.to_string_lossy().replace('\\', "/");
        for b in name.bytes().chain(bytes).filter(|&b| b != b'\r').chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo::rustc-env=SPHERE_FAQ_INDEX_DATA={h:016x}");
}

/// The file, or the files of the directory, recursively.
fn collect(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(dir) => {
            for e in dir.flatten() {
                collect(&e.path(), out);
            }
        }
        Err(_) => out.push(path.to_path_buf()),
    }
}
