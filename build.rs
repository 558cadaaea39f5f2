//! `--version` names the FAQ built in, by its date.

fn main() {
    println!("cargo::rerun-if-changed=data/faq.json");
    // The top-level "updated" of data/faq.json: the file's first such key.
    let faq = std::fs::read_to_string("data/faq.json").unwrap_or_default();
    let date = faq
        .split_once("\"updated\"")
        .and_then(|(_, rest)| rest.split('"').nth(1))
        .unwrap_or("unknown");
    println!("cargo::rustc-env=SPHERE_FAQ_DATE={date}");
}
