//! Search and code lookup over the built-in FAQ: no panic on any query, and what comes
//! back is consistent (entries that exist, each once). The order is the learned blend's,
//! not the ranking score's.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sphere_faq::Engine;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::load().expect("the built-in FAQ loads"));

fuzz_target!(|data: &[u8]| {
    let (text, _) = sphere_faq::input::decode(data);
    // The command line refuses longer queries; search what it would accept.
    let mut end = text.len().min(sphere_faq::input::MAX_QUERY_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let outcome = ENGINE.index().search(text, 4);
    for (i, h) in outcome.hits.iter().enumerate() {
        assert!(h.entry < ENGINE.faq.entries.len());
        assert!(outcome.hits[..i].iter().all(|o| o.entry != h.entry));
    }
    let answer = ENGINE.code(text);
    for i in ENGINE.code_results(&answer) {
        assert!(i < ENGINE.faq.entries.len());
    }
});
