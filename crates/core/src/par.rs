//! Work split over the cores: the first use of a large database reads, parses and
//! analyzes tens of thousands of entries, each on its own.

/// `f` over consecutive runs of `items`, each at least `min` long (a thread costs more
/// than a few hundred small items save), on at most `threads` threads, the first run on
/// the calling thread. `f` is given where its run starts in `items`. The results come
/// back in the order of the runs; a panic in one is resumed here.
pub fn map_runs<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    min: usize,
    f: impl Fn(usize, &[T]) -> R + Sync,
) -> Vec<R> {
    let per_run = items.len().div_ceil(threads.max(1)).max(min).max(1);
    std::thread::scope(|scope| {
        let f = &f;
        let mut runs = items.chunks(per_run).enumerate();
        let here = runs.next();
        let others: Vec<_> = runs
            .map(|(k, run)| scope.spawn(move || f(k * per_run, run)))
            .collect();
        here.map(|(_, run)| f(0, run))
            .into_iter()
            .chain(others.into_iter().map(|h| match h.join() {
                Ok(r) => r,
                Err(panic) => std::panic::resume_unwind(panic),
            }))
            .collect()
    })
}

/// The size from which a data file is large enough that work on it is worth a thread
/// (starting one costs tens of microseconds; a file of this size takes milliseconds a pass).
pub const LARGE_FILE: usize = 1 << 20;

/// `a` and `b`, `a` on another thread when `parallel` (and one can be had), `b` on this
/// one; a panic in `a` is resumed here.
pub fn join<A: Send, B>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if !parallel || threads() < 2 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        match a.join() {
            Ok(a) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The threads to use: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_gives_both_in_order() {
        for parallel in [false, true] {
            assert_eq!(join(parallel, || 1, || "b"), (1, "b"));
        }
    }

    #[test]
    fn runs_cover_the_items_in_order() {
        let items: Vec<usize> = (0..1234).collect();
        for (threads, min) in [(1, 1), (3, 1), (3, 500), (8, 100), (2, 5000)] {
            let runs = map_runs(&items, threads, min, |start, run| {
                assert_eq!(run[0], start);
                run.to_vec()
            });
            assert!(runs.len() <= threads.max(1), "{threads} {min}");
            assert!(
                runs.iter()
                    .all(|r| r.len() >= min.min(items.len()) || r == runs.last().unwrap())
            );
            assert_eq!(runs.concat(), items, "{threads} {min}");
        }
        assert!(map_runs(&[] as &[u8], 4, 1, |_, r| r.len()).is_empty());
    }
}
