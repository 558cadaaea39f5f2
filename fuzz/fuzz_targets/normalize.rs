//! Normalization: no panic on any text, and normalizing twice changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sphere_faq::normalize::normalize;

fuzz_target!(|data: &[u8]| {
    let (text, _) = sphere_faq::input::decode(data);
    let once = normalize(&text);
    assert_eq!(
        normalize(&once),
        once,
        "normalize is not idempotent on {text:?}"
    );
});
