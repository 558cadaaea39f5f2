//! The data files' structs are read from JSON objects only. serde's derived code also
//! reads a struct from an array of its fields in order (`["Q1", [], {…}, …]` as an entry),
//! which no one writes on purpose and which would pass unseen: a field moved or added
//! would silently shift every value into the wrong place.
//!
//! Each struct derives its code with `#[serde(remote = "Self")]`, which makes it inherent
//! functions instead of the trait impls; [`objects_only!`] writes the impls around them,
//! reading through `deserialize_map`, which refuses an array with its line and column.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, MapAccess, Visitor};

/// A struct of the data files whose derived code is an inherent `deserialize`.
pub trait FromObject<'de>: Sized {
    /// What the value is, for an error: "an entry".
    const WHAT: &'static str;

    /// The derived code, given the object's fields.
    fn from_fields<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// Reads `T` from a JSON object, and only from one.
pub fn object<'de, T: FromObject<'de>, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    struct Fields<T>(PhantomData<T>);

    impl<'de, T: FromObject<'de>> Visitor<'de> for Fields<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{} as a JSON object ({{ … }})", T::WHAT)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_fields(MapAccessDeserializer::new(map))
        }
    }

    d.deserialize_map(Fields(PhantomData))
}

/// `Deserialize` from objects only for structs that derive it with
/// `#[serde(remote = "Self")]`: `objects_only!("an entry": Entry; …)`. A type parameter
/// is written `Localized<T>` and must be `Default`.
macro_rules! objects_only {
    ($($what:literal: $t:ident $(<$g:ident>)?;)*) => {$(
        impl<'de $(, $g: Default + serde::Deserialize<'de>)?> $crate::data::object::FromObject<'de>
            for $t $(<$g>)?
        {
            const WHAT: &'static str = $what;

            fn from_fields<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t $(<$g>)?>::deserialize(d)
            }
        }

        impl<'de $(, $g: Default + serde::Deserialize<'de>)?> serde::Deserialize<'de>
            for $t $(<$g>)?
        {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::data::object::object(d)
            }
        }
    )*};
}

/// `Serialize` as derived, for structs that derive it with `#[serde(remote = "Self")]`
/// (the attribute is shared by both derives): `serialize_as_derived!(Entry, …)`.
macro_rules! serialize_as_derived {
    ($($t:ident $(<$g:ident>)?),* $(,)?) => {$(
        impl$(<$g: Default + serde::Serialize>)? serde::Serialize for $t $(<$g>)? {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$t $(<$g>)?>::serialize(self, s)
            }
        }
    )*};
}

pub(crate) use {objects_only, serialize_as_derived};
