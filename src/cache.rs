//! The persisted index of a `--data` database, so that only its first use pays for
//! analyzing every entry (issue 12: 10,000 entries took 0.8 s at every start).
//!
//! One file per database path, in the user's cache directory: `$SPHERE_FAQ_CACHE`, else
//! `%LOCALAPPDATA%\sphere-faq\cache` on Windows, `$XDG_CACHE_HOME/sphere-faq` or
//! `~/.cache/sphere-faq` elsewhere. It is written when the index is first built (to a temporary
//! name, then renamed, so a reader never sees half a file) and trusted only when it was
//! built from the same bytes of the database, by the same analyzer, lexicon and catalog:
//! [`Key::inputs`] is a hash of all of them, checked at every load. A stale, broken or
//! unreadable file is rebuilt; a cache that cannot be written is skipped in silence (the
//! search is answered all the same).

use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// The environment variable that chooses the cache directory; set but empty, no cache.
pub const ENV: &str = "SPHERE_FAQ_CACHE";

/// Marks a persisted index and its format.
const MAGIC: &[u8; 8] = b"SPHFAQi1";

/// Where the persisted index of one database lives, and what it must have been built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub file: PathBuf,
    pub inputs: u64,
}

impl Key {
    /// The key of the database at `path` whose bytes hash to `content` (see [`hash`]);
    /// `None` when there is no cache directory.
    pub fn new(path: &Path, content: u64) -> Option<Key> {
        let dir = dir()?;
        // Named by the absolute path: one file per database, replaced when it changes.
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let mut h = rustc_hash::FxHasher::default();
        h.write(absolute.as_os_str().as_encoded_bytes());
        let mut inputs = rustc_hash::FxHasher::default();
        inputs.write_u64(content);
        inputs.write_u64(crate::engine::embedded_inputs());
        Some(Key {
            file: dir.join(format!("{:016x}.idx", h.finish())),
            inputs: inputs.finish(),
        })
    }

    /// The persisted bytes, when the file is there, is a persisted index and was built
    /// from these inputs. The caller still checks that it fits the database.
    pub fn load(&self) -> Option<crate::search::Prebuilt> {
        let bytes = std::fs::read(&self.file).ok()?;
        let body = bytes.strip_prefix(MAGIC)?;
        let prebuilt = crate::search::Prebuilt::from_bytes(body)?;
        (prebuilt.inputs == self.inputs).then_some(prebuilt)
    }

    /// Writes the index; an error is returned for the caller to ignore or report.
    pub fn store(&self, prebuilt: &crate::search::Prebuilt) -> std::io::Result<()> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut bytes = MAGIC.to_vec();
        bytes.extend(prebuilt.to_bytes());
        // A name of this process's own, then one rename: two programs indexing the same
        // database at once each write whole files, and a reader sees one of them whole.
        let tmp = self
            .file
            .with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &self.file).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

/// A hash of a database file's bytes.
pub use crate::db::content_hash as hash;

/// The cache directory, if there is one.
pub fn dir() -> Option<PathBuf> {
    dir_with(|k| std::env::var_os(k))
}

fn dir_with(get: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    // Only absolute directories: a relative one would scatter caches over working folders.
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    if let Some(v) = get(ENV) {
        return absolute(v);
    }
    if cfg!(windows) {
        return get("LOCALAPPDATA")
            .and_then(absolute)
            .map(|d| d.join("sphere-faq").join("cache"));
    }
    get("XDG_CACHE_HOME")
        .and_then(absolute)
        .or_else(|| get("HOME").and_then(absolute).map(|h| h.join(".cache")))
        .map(|d| d.join("sphere-faq"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_cache_directory() {
        assert_eq!(
            dir_with(env(&[(ENV, "/c"), ("HOME", "/h")])),
            Some(PathBuf::from("/c"))
        );
        // Set but empty (or relative): no cache at all.
        assert_eq!(dir_with(env(&[(ENV, ""), ("HOME", "/h")])), None);
        assert_eq!(dir_with(env(&[(ENV, "rel"), ("HOME", "/h")])), None);
        assert_eq!(
            dir_with(env(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/sphere-faq"))
        );
        assert_eq!(
            dir_with(env(&[("XDG_CACHE_HOME", "x"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.cache/sphere-faq"))
        );
        assert_eq!(dir_with(env(&[])), None);
    }

    #[cfg(windows)]
    #[test]
    fn the_cache_directory() {
        assert_eq!(
            dir_with(env(&[("LOCALAPPDATA", r"C:\Users\u\AppData\Local")])),
            Some(PathBuf::from(r"C:\Users\u\AppData\Local\sphere-faq\cache"))
        );
        assert_eq!(dir_with(env(&[(ENV, "")])), None);
    }
}
