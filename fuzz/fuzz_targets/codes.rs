//! Code extraction: any bytes, decoded as standard input is, give canonical codes or none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sphere_faq::codes;

fuzz_target!(|data: &[u8]| {
    let (text, _) = sphere_faq::input::decode(data);
    for code in codes::extract(&text, ["1014"]) {
        // Whatever is found is a code in its canonical spelling.
        assert_eq!(
            codes::canonical(&code).as_deref(),
            Some(code.as_str()),
            "{text:?}"
        );
        let _ = codes::number(&code);
    }
    let _ = codes::canonical(&text);
    let _ = codes::number(&text);
});
