//! The exit statuses: the contract scripts rely on. `--help`, the manual page and the
//! README's table are written from [`Exit::ALL`].

use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// An answer was printed.
    Answered = 0,
    /// Nothing found: an unknown code or id, no entry matches the search.
    NotFound = 1,
    /// A usage error, unreadable input, or an invalid data file.
    Error = 2,
}

impl Exit {
    pub const ALL: [Exit; 3] = [Exit::Answered, Exit::NotFound, Exit::Error];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// What the status means, in one line.
    pub fn meaning(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Exit::Answered, Lang::En) => "an answer was printed",
            (Exit::Answered, Lang::Ja) => "回答を表示した",
            (Exit::NotFound, Lang::En) => {
                "nothing found (unknown code or id, no matching entry, guided mode left)"
            }
            (Exit::NotFound, Lang::Ja) => {
                "見つからなかった（不明なコードや番号、当てはまる項目なし、案内を終了）"
            }
            (Exit::Error, Lang::En) => "usage error, unreadable input or invalid data file",
            (Exit::Error, Lang::Ja) => "使い方の誤り、読めない入力、問題のあるデータファイル",
        }
    }

    /// [`Exit::Answered`] when something was found, else [`Exit::NotFound`].
    pub fn found(found: bool) -> Exit {
        if found {
            Exit::Answered
        } else {
            Exit::NotFound
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(e.code())
    }
}
