//! Database loading: any bytes as a --data file give a database that passed every rule,
//! or a load error; never a panic. A database that loads can be searched.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sphere_faq::{Engine, Faq};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(faq) = Faq::from_json("fuzz.json", text) {
        assert!(faq.problems().is_empty());
        if let Ok(engine) = Engine::with_faq(faq) {
            let _ = engine.index().search("password reset", 4);
            let _ = engine.code("AADSTS50020 1014");
        }
    }
    let _ = sphere_faq::data::load::expect_object("fuzz.json", text);
});
