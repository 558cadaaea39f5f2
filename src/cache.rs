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
//! search is answered all the same). A later use reads it in part, and the database
//! only where the entries it shows are (see `Head`).

use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::db::{Contact, Faq, Localized, Origin, Outline, Span};
use crate::search::{Index, Posting, Prebuilt, StoredPostings, Unlaid};
use crate::tables::Str;

/// The environment variable that chooses the cache directory; set but empty, no cache.
pub const ENV: &str = "SPHERE_FAQ_CACHE";

/// Marks a persisted index and its format.
const MAGIC: &[u8; 8] = b"SPHFAQi3";

/// The magic and the inputs the index was built from.
const HEADER: usize = 8 + 8;

/// After the head, the file's last bytes: the head's length.
const FOOTER: usize = 8;

/// Where the persisted index of one database lives, and what it must have been built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub file: PathBuf,
    pub inputs: u64,
}

/// A persisted index, after its fixed header and the postings: everything of the
/// database and its index but the postings and the entries' text, in one postcard
/// message, and then its length. The postings, [`crate::search::Posting::SIZE`] bytes
/// each, are read a token at a time; an entry's text is read from the database at its
/// span when it is shown. So a later use of a database of 100,000 entries (200 MB) reads
/// a few megabytes, not the file and 14 million postings. (The head comes last so that
/// a first use writes the postings while another core makes the head.)
#[derive(Serialize, Deserialize)]
struct Head {
    title: Localized<Str>,
    updated: Str,
    contact: Contact,
    outlines: Vec<Outline>,
    spans: Vec<Span>,
    /// With no postings.
    tables: Prebuilt,
}

/// [`Head`] as it is written, borrowing what it can.
#[derive(Serialize)]
struct HeadOut<'a> {
    title: &'a Localized<Str>,
    updated: &'a Str,
    contact: &'a Contact,
    outlines: Vec<Outline>,
    spans: &'a [Span],
    tables: &'a Prebuilt,
}

/// A database read back through its persisted index.
pub struct Loaded {
    /// Its entries are [`Outline::stub`]s until read from `spans`.
    pub faq: Faq,
    pub spans: Vec<Span>,
    pub index: Index,
}

impl Key {
    /// The key, in the cache directory `dir`, of the database at `path` whose bytes hash
    /// to `content` ([`crate::db::content_hash`], [`crate::db::file_hash`]).
    pub fn new(dir: &Path, path: &Path, content: u64) -> Key {
        let mut inputs = rustc_hash::FxHasher::default();
        inputs.write_u64(content);
        inputs.write_u64(crate::engine::embedded_inputs());
        Key {
            file: file_for(dir, path),
            inputs: inputs.finish(),
        }
    }

    /// The database at `path`, whose bytes hash to `content`, read back through its
    /// persisted index: when the file is there, is a persisted index of this format,
    /// was built from these inputs and fits together. Anything else is `None`, and
    /// the caller reads the database whole.
    pub fn load(&self, path: &Path, content: u64) -> Option<Loaded> {
        use std::io::{Seek, SeekFrom};
        let mut file = std::fs::File::open(&self.file).ok()?;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        if &header[..8] != MAGIC || header[8..] != self.inputs.to_le_bytes() {
            return None;
        }
        let len = file.metadata().ok()?.len();
        let mut footer = [0u8; FOOTER];
        file.seek(SeekFrom::Start(len.checked_sub(FOOTER as u64)?))
            .ok()?;
        file.read_exact(&mut footer).ok()?;
        let head_len = u64::from_le_bytes(footer);
        let head_at = len
            .checked_sub(FOOTER as u64)?
            .checked_sub(head_len)
            .filter(|&at| at >= HEADER as u64)?;
        let mut head = vec![0u8; usize::try_from(head_len).ok()?];
        file.seek(SeekFrom::Start(head_at)).ok()?;
        file.read_exact(&mut head).ok()?;
        let head: Head = postcard::from_bytes(&head).ok()?;
        if head.spans.len() != head.outlines.len() {
            return None;
        }
        let faq = Faq {
            title: head.title,
            updated: head.updated,
            contact: head.contact,
            entries: head.outlines.into_iter().map(Outline::stub).collect(),
            origin: Origin::File(path.display().to_string()),
            content: Some(content),
        };
        let count = head.tables.posting_total();
        // The postings must fill what lies between the header and the head.
        let postings =
            StoredPostings::new(file, HEADER as u64, count).filter(|p| p.end() == head_at)?;
        let index = Index::with_stored_postings(&faq, head.tables, postings)?;
        Some(Loaded {
            faq,
            spans: head.spans,
            index,
        })
    }

    /// Writes the index of `faq`, whose entries are at `spans` of its file, and gives
    /// back its postings as read from the file written (through the file handle written,
    /// whatever is renamed in the meantime); an error is returned for the caller to ignore
    /// or report.
    pub fn store(
        &self,
        faq: &Faq,
        spans: &[Span],
        built: &Unlaid,
    ) -> std::io::Result<StoredPostings> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let head = || {
            let head = HeadOut {
                title: &faq.title,
                updated: &faq.updated,
                contact: &faq.contact,
                outlines: faq.entries.iter().map(Outline::of).collect(),
                spans,
                tables: &built.tables,
            };
            // Cannot fail: plain data (strings, numbers, vectors) into a growing Vec.
            postcard::to_stdvec(&head).map_err(std::io::Error::other)
        };
        // A name of this process's own, then one rename: two programs indexing the same
        // database at once each write whole files, and a reader sees one of them whole.
        let tmp = self
            .file
            .with_extension(format!("tmp{}", std::process::id()));
        let count = built.tables.posting_total();
        let written = (|| {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(&tmp)?;
            // The head is made on another core while this one writes the postings (at
            // 10,000 entries, 3 ms beside 11).
            let large = count * Posting::SIZE as u64 >= sphere_faq_core::par::LARGE_FILE as u64;
            let (head, postings) = sphere_faq_core::par::join(large, head, || {
                file.write_all(&[MAGIC.as_slice(), &self.inputs.to_le_bytes()].concat())?;
                // The postings, as the runs keep them, a few thousand to a write.
                let mut chunk = Vec::with_capacity(CHUNK);
                for some in built.postings() {
                    if chunk.len() + std::mem::size_of_val(some) > CHUNK {
                        file.write_all(&chunk)?;
                        chunk.clear();
                    }
                    chunk.extend_from_slice(some.as_flattened());
                }
                file.write_all(&chunk)
            });
            postings?;
            let head = head?;
            file.write_all(&head)?;
            file.write_all(&(head.len() as u64).to_le_bytes())?;
            let len = file.metadata()?.len();
            StoredPostings::new(file, HEADER as u64, count)
                .filter(|p| p.end() + (head.len() + FOOTER) as u64 == len)
                .ok_or_else(|| {
                    std::io::Error::other("the index written is not the length it should be")
                })
        })();
        written
            .and_then(|postings| std::fs::rename(&tmp, &self.file).map(|()| postings))
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            })
    }
}

/// The bytes of postings written at a time.
const CHUNK: usize = 1 << 16;

/// Where in the cache directory `dir` the persisted index of the database at `path` is
/// kept: one file per database, named by its absolute path, replaced when it changes.
pub fn file_for(dir: &Path, path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut h = rustc_hash::FxHasher::default();
    h.write(absolute.as_os_str().as_encoded_bytes());
    dir.join(format!("{:016x}.idx", h.finish()))
}

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
