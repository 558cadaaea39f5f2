//! Tables that are either static or built at run time: a search index and the lexicon are
//! plain data (strings, numbers, lists of them), held as `Cow`s. The built-in FAQ's are
//! written out as Rust statics at compile time ([`Literal`], used by the program's
//! build.rs), so a search starts without decoding or allocating anything; those of a
//! `--data` file are built, or read back from its persisted copy, into owned vectors.
//! Lookups are binary searches in sorted tables, which work the same on both.

use std::borrow::Cow;
use std::fmt::Write;

/// A string of a table.
pub type Str = Cow<'static, str>;
/// A list of a table.
pub type List<T> = Cow<'static, [T]>;

/// An owned list from anything that converts into its items.
pub fn list<T: Clone, I: Into<T>>(items: impl IntoIterator<Item = I>) -> List<T> {
    Cow::Owned(items.into_iter().map(Into::into).collect())
}

/// What a sorted table is sorted by.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Str {
    fn key(&self) -> &str {
        self
    }
}

impl<T> Keyed for (Str, T) {
    fn key(&self) -> &str {
        &self.0
    }
}

/// The position of `key` in a table sorted by key.
pub fn sorted_find<T: Keyed>(table: &[T], key: &str) -> Option<usize> {
    table.binary_search_by(|item| item.key().cmp(key)).ok()
}

/// A value written as a Rust constant expression, for the build script's static tables.
/// The expression names the types it builds without a path and borrowed lists and
/// strings as `B(…)`: the generated file imports them (`Prebuilt::to_rust`).
pub trait Literal {
    fn write(&self, out: &mut String);
}

macro_rules! display_literal {
    ($($t:ty),*) => {$(
        impl Literal for $t {
            fn write(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
display_literal!(u16, u32, u64, usize, bool);

macro_rules! float_literal {
    ($($t:ty),*) => {$(
        impl Literal for $t {
            fn write(&self, out: &mut String) {
                // Debug always writes a float literal ("1.0", "2.5e-7"); the tables hold
                // counts and their averages, never a NaN or an infinity.
                assert!(self.is_finite(), "a table holds a finite number");
                let _ = write!(out, "{self:?}");
            }
        }
    )*};
}
float_literal!(f32, f64);

impl Literal for Str {
    fn write(&self, out: &mut String) {
        // Debug quotes and escapes a string the way a Rust literal does.
        let _ = write!(out, "B({:?})", self.as_ref());
    }
}

impl<T: Literal + Clone> Literal for List<T> {
    fn write(&self, out: &mut String) {
        out.push_str("B(&[");
        for item in self.iter() {
            item.write(out);
            out.push(',');
        }
        out.push_str("])");
    }
}

impl<A: Literal, B: Literal> Literal for (A, B) {
    fn write(&self, out: &mut String) {
        out.push('(');
        self.0.write(out);
        out.push(',');
        self.1.write(out);
        out.push(')');
    }
}

impl<T: Literal, const N: usize> Literal for [T; N] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for item in self {
            item.write(out);
            out.push(',');
        }
        out.push(']');
    }
}

/// [`Literal`] for a struct, field by field. A field left out of the list makes the
/// generated code fail to compile (a missing field), never a silently wrong table.
macro_rules! literal_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::tables::Literal for $ty {
            fn write(&self, out: &mut String) {
                out.push_str(concat!(stringify!($ty), "{"));
                $(
                    out.push_str(concat!(stringify!($field), ":"));
                    $crate::tables::Literal::write(&self.$field, out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    };
}
pub(crate) use literal_struct;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_find_finds_every_key_and_nothing_else() {
        let table: List<Str> = list(["a", "ab", "b", "日本"]);
        for (i, k) in table.iter().enumerate() {
            assert_eq!(sorted_find(&table, k), Some(i));
        }
        assert_eq!(sorted_find(&table, "c"), None);
        assert_eq!(sorted_find(&table, ""), None);
    }

    #[test]
    fn literals_are_rust_expressions() {
        let mut out = String::new();
        let l: List<(Str, List<u32>)> = list([(Str::from("a\"\\\n"), list([1u32, 2]))]);
        l.write(&mut out);
        assert_eq!(out, r#"B(&[(B("a\"\\\n"),B(&[1,2,])),])"#);
        out.clear();
        [1.0f32, 0.25, 3e-7].write(&mut out);
        assert_eq!(out, "[1.0,0.25,3e-7,]");
    }
}
