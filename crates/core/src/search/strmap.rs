//! A map from the strings an index build meets millions of times: words and bigrams.

use rustc_hash::FxHashMap;

/// A map from strings. A string of at most 7 bytes (most words, every bigram) is keyed by
/// one integer, its bytes and its length: hashed and compared as one number, no string
/// hashed, compared or kept.
pub struct StrMap<V> {
    short: FxHashMap<u64, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> StrMap<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        match short_key(key) {
            Some(k) => self.short.get(&k),
            None => self.long.get(key),
        }
    }

    /// Sets the value of `key`, and gives it back.
    pub fn insert(&mut self, key: &str, value: V) -> &mut V {
        match short_key(key) {
            Some(k) => self.short.entry(k).insert_entry(value).into_mut(),
            None => self.long.entry(key.into()).insert_entry(value).into_mut(),
        }
    }
}

/// A string of at most 7 bytes as one integer: its bytes and its length, so that no two
/// strings share a key. Read as two words that overlap, not copied: a copy of a few
/// bytes was a call to `memcpy` for every token.
fn short_key(token: &str) -> Option<u64> {
    let b = token.as_bytes();
    let n = b.len();
    let bytes = match n {
        0..=3 => b.iter().rev().fold(0, |key, &x| key << 8 | u64::from(x)),
        4..=7 => {
            let word = |at: usize| b[at..at + 4].try_into().map(u32::from_le_bytes);
            let (low, high) = (word(0).ok()?, word(n - 4).ok()?);
            u64::from(low) | u64::from(high) << (8 * (n - 4))
        }
        _ => return None,
    };
    Some(bytes | (n as u64) << 56)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys are the string's bytes, then its length in the last byte: distinct for
    /// distinct strings, a prefix and a string padded with zero bytes among them.
    #[test]
    fn short_keys_are_bytes_and_length() {
        let tokens = [
            "",
            "\0",
            "\0\0",
            "a",
            "a\0",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "ろぐ",
            "ぐい",
            "ろ",
            "日本x",
            "\0\0\0\0\0\0\0",
        ];
        let mut keys = Vec::new();
        for t in tokens {
            let mut want = [0u8; 8];
            want[..t.len()].copy_from_slice(t.as_bytes());
            want[7] = t.len() as u8;
            assert_eq!(short_key(t), Some(u64::from_le_bytes(want)), "{t:?}");
            keys.push(short_key(t));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), tokens.len());
        assert_eq!(short_key("abcdefgh"), None);
    }

    #[test]
    fn short_and_long_keys_are_kept_apart() {
        let mut map = StrMap::default();
        for (i, k) in ["a", "abcdefg", "abcdefgh", "パスワード", ""]
            .into_iter()
            .enumerate()
        {
            assert_eq!(map.get(k), None);
            *map.insert(k, i) += 10;
        }
        for (i, k) in ["a", "abcdefg", "abcdefgh", "パスワード", ""]
            .into_iter()
            .enumerate()
        {
            assert_eq!(map.get(k), Some(&(i + 10)), "{k:?}");
        }
        assert_eq!(map.get("abcdefghi"), None);
    }
}
