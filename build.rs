//! `--version` names the FAQ built in, by its date; the stored index of the built-in FAQ
//! (`data/index.bin`) is used only when it was made from the data files built in.

fn main() {
    let read = |name: &str| {
        println!("cargo::rerun-if-changed=data/{name}");
        std::fs::read(format!("data/{name}")).unwrap_or_default()
    };
    let faq = read("faq.json");
    // The top-level "updated" of data/faq.json: the file's first such key.
    let text = String::from_utf8_lossy(&faq);
    let date = text
        .split_once("\"updated\"")
        .and_then(|(_, rest)| rest.split('"').nth(1))
        .unwrap_or("unknown");
    println!("cargo::rustc-env=SPHERE_FAQ_DATE={date}");

    // FNV-1a over the files an index is made from.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for bytes in [faq, read("lexicon.json"), read("catalog.json")] {
        for b in bytes.iter().chain(b"\0") {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo::rustc-env=SPHERE_FAQ_INDEX_DATA={h:016x}");
}
