//! The regular expressions of [`crate::patterns`], searched as the DFAs the build script
//! compiled them to: no pattern is parsed or compiled when the program runs.

use regex_automata::dfa::{Automaton, dense, regex::Regex, sparse};

/// A pattern's forward and reverse sparse DFAs: leftmost-first matches, as the regex
/// crate's.
pub type Matcher = Regex<sparse::DFA<&'static [u8]>>;

/// The same as dense DFAs: four times the bytes, several times faster to search.
pub type DenseMatcher = Regex<dense::DFA<&'static [u32]>>;

/// Bytes aligned for a dense DFA, as `include_bytes!` does not align them.
#[repr(C)]
pub struct Aligned<B: ?Sized> {
    pub _align: [u32; 0],
    pub bytes: B,
}

/// The matcher of a pattern of [`crate::patterns::COMPILED`], by its name there:
/// `compiled!("name")` sparse, `compiled!("name", dense)` dense.
macro_rules! compiled {
    ($name:literal) => {
        $crate::matcher::load(
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".sparse.fwd")),
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".sparse.rev")),
        )
    };
    ($name:literal, dense) => {{
        static FWD: &$crate::matcher::Aligned<[u8]> = &$crate::matcher::Aligned {
            _align: [],
            bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".dense.fwd")),
        };
        static REV: &$crate::matcher::Aligned<[u8]> = &$crate::matcher::Aligned {
            _align: [],
            bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".dense.rev")),
        };
        $crate::matcher::load_dense(&FWD.bytes, &REV.bytes)
    }};
}
pub(crate) use compiled;

/// A matcher from its tables. Cannot fail: they were written by this crate's build
/// script with this very version of regex-automata, for this target's byte order (and
/// the unit tests load every one). Reading them checks them, so bytes that were not a
/// DFA would stop here rather than be searched.
pub fn load(fwd: &'static [u8], rev: &'static [u8]) -> Matcher {
    let dfa = |bytes: &'static [u8]| {
        sparse::DFA::from_bytes(bytes)
            .expect("the build script's DFA tables")
            .0
    };
    Regex::builder().build_from_dfas(dfa(fwd), dfa(rev))
}

/// [`load`] for dense tables (aligned: see [`Aligned`]).
pub fn load_dense(fwd: &'static [u8], rev: &'static [u8]) -> DenseMatcher {
    let dfa = |bytes: &'static [u8]| {
        dense::DFA::from_bytes(bytes)
            .expect("the build script's DFA tables")
            .0
    };
    Regex::builder().build_from_dfas(dfa(fwd), dfa(rev))
}

/// The start and end of every match, leftmost first, not overlapping.
pub fn spans<'t, A: Automaton>(
    m: &'t Regex<A>,
    text: &'t str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
    m.find_iter(text).map(|m| m.range())
}

/// Where the number ends a match of a pattern whose group is a number it ends with
/// ([`crate::patterns::LABELLED_PATTERN`], [`crate::patterns::ERROR_URL_PATTERN`]): the
/// digits at its end, at most `max` of them.
pub fn trailing_number(
    text: &str,
    span: std::ops::Range<usize>,
    max: usize,
) -> std::ops::Range<usize> {
    let digits = text[span.clone()]
        .bytes()
        .rev()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    span.end - digits..span.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compiled_pattern_loads_and_matches() {
        let m = compiled!("not_a_code", dense);
        let found: Vec<(usize, usize)> = spans(&m, "SEE HTTPS://A.B/C?D=1 NOW")
            .map(|r| (r.start, r.end))
            .collect();
        assert_eq!(found, [(4, 21)]);
        let m = compiled!("labelled");
        let text = "X ERROR CODE: 50020.";
        let span = spans(&m, text).next().unwrap();
        assert_eq!(&text[trailing_number(text, span, 8)], "50020");
        let m = compiled!("error_url");
        let text = "LOGIN.MICROSOFTONLINE.COM/ERROR?CODE=123456789";
        let span = spans(&m, text).next().unwrap();
        assert_eq!(&text[trailing_number(text, span, 8)], "12345678");
        let m = compiled!("unbroken_codes");
        let found: Vec<(usize, usize)> = spans(&m, "はAADSTS50020。")
            .map(|r| (r.start, r.end))
            .collect();
        assert_eq!(found, [(3, 14)]);
    }
}
