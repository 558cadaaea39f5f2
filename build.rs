// include_dir! embeds `data/` at compile time, but on stable Rust it cannot tell cargo
// which files it read, so a file added to `data/` would not trigger a rebuild. Watching
// the directory here makes cargo rebuild whenever anything under it changes.
fn main() {
    println!("cargo:rerun-if-changed=data");
}
