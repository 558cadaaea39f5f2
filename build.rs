// include_dir! embeds `data/` at compile time, but on stable Rust it cannot tell cargo
// which files it read, so a file added to `data/` would not trigger a rebuild. Watching
// the directory here makes cargo rebuild whenever anything under it changes.
fn main() {
    println!("cargo:rerun-if-changed=data");
    // `--version` says which FAQ is built in: its date, read from data/faq.json (the
    // top-level "updated", the file's first such key).
    let faq = std::fs::read_to_string("data/faq.json").unwrap_or_default();
    let date = faq
        .split_once("\"updated\"")
        .and_then(|(_, rest)| rest.split('"').nth(1))
        .unwrap_or("unknown");
    println!("cargo:rustc-env=SPHERE_FAQ_DATE={date}");
}
