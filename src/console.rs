//! A program double-clicked in Explorer gets a console of its own, which closes with it:
//! the answer would flash and vanish. Then, and only then, it waits for Enter.

use std::io::{self, IsTerminal, Write};

use crate::lang::Lang;
use crate::messages;

/// Whether to wait for Enter before exiting: only when the console holds this process
/// alone (Explorer started it; a shell would be attached too) and Enter can be typed.
pub fn wait_before_exit(console_processes: u32, stdin_is_terminal: bool) -> bool {
    console_processes == 1 && stdin_is_terminal
}

/// How many processes share this console (Windows); 0 elsewhere, where none ever waits.
fn console_processes() -> u32 {
    #[cfg(windows)]
    {
        #[link(name = "kernel32")]
        unsafe extern "system" {
            fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        }
        let mut list = [0u32; 4];
        // SAFETY: the buffer holds `count` u32s; the call writes at most that many and
        // returns the total (0 on failure).
        unsafe { GetConsoleProcessList(list.as_mut_ptr(), list.len() as u32) }
    }
    #[cfg(not(windows))]
    {
        0
    }
}

/// Says "Press Enter to close" and waits for a line, when [`wait_before_exit`].
pub fn pause_if_alone(lang: Lang) {
    if wait_before_exit(console_processes(), io::stdin().is_terminal()) {
        let _ = write!(io::stdout(), "\n{} ", messages::PRESS_ENTER.get(lang));
        let _ = io::stdout().flush();
        crate::guide::Input::stdin().line();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_only_alone_on_a_console() {
        assert!(wait_before_exit(1, true));
        assert!(!wait_before_exit(2, true), "started from a shell");
        assert!(!wait_before_exit(1, false), "input from a pipe or a file");
        assert!(!wait_before_exit(0, true), "no console (or not Windows)");
    }
}
