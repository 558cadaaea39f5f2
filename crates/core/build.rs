// include_dir! embeds the project's `data/` at compile time, but on stable Rust it cannot
// tell cargo which files it read, so a changed data file would not rebuild this crate.
// Watching the directory here makes cargo rebuild whenever anything under it changes.
fn main() {
    println!("cargo:rerun-if-changed=../../data");
}
