//! Ordered, bounded parallel map: documents are processed on a rayon pool, at most `window` at a
//! time, and handed back in input order as soon as the next one in line is ready. Memory stays
//! bounded by the window, not by the number of inputs, and one slow document only holds up
//! the output, not the workers.

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

/// A rayon pool with `threads` workers (0 = one per core).
pub fn pool(threads: usize) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("hearsay-{i}"))
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start {threads} threads: {e}"))
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Silence the default panic message (a panicking document is reported as one line by the
/// caller), unless `RUST_BACKTRACE` asks for details.
pub fn quiet_panics() {
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        panic::set_hook(Box::new(|_| {}));
    }
}

/// Run `work` over `items` on `pool`, at most `window` items in flight, and call `emit` with
/// each result in input order. A panic inside `work` becomes `Err(message)` for that item.
/// When `emit` returns `false` no further items are started (those in flight are finished and
/// dropped).
pub fn ordered_map<T, R, W, E>(
    pool: &rayon::ThreadPool,
    items: &[T],
    window: usize,
    work: W,
    mut emit: E,
) where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(usize, Result<R, String>) -> bool,
{
    let window = window.max(1);
    let work = &work;
    pool.in_place_scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Result<R, String>)>();
        let mut pending: BTreeMap<usize, Result<R, String>> = BTreeMap::new();
        let (mut next_start, mut next_emit) = (0usize, 0usize);
        'outer: while next_emit < items.len() {
            while next_start < items.len() && next_start < next_emit + window {
                let (i, item, tx) = (next_start, &items[next_start], tx.clone());
                scope.spawn(move |_| {
                    let r = panic::catch_unwind(AssertUnwindSafe(|| work(item)))
                        .map_err(|p| panic_message(&*p));
                    let _ = tx.send((i, r));
                });
                next_start += 1;
            }
            // Every spawned job sends exactly once (panics are caught), and `tx` is alive here,
            // so this only fails if a job was lost, which would be a bug.
            let (i, r) = rx.recv().expect("a worker dropped its result");
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next_emit) {
                let i = next_emit;
                next_emit += 1;
                if !emit(i, r) {
                    break 'outer;
                }
            }
        }
    });
}

/// How [`ordered_map_batched`] groups items: at most `max` of them and, past the first, at
/// most `budget` bytes by `size`.
pub struct Batching<'a, T> {
    pub max: usize,
    pub budget: u64,
    pub size: &'a dyn Fn(&T) -> u64,
}

/// [`ordered_map`] over batches: `work` gets runs of consecutive items grouped by `batching`
/// and returns one result per item
/// (so that it can run the pipeline stage by stage over all of them, see
/// `hearsay::Pipeline::process_batch`); `emit` still sees each item's result in input order.
/// A batch that panics is run again one item at a time, so a panic fails only its own item.
pub fn ordered_map_batched<T, R, W, E>(
    pool: &rayon::ThreadPool,
    items: &[T],
    batching: Batching<'_, T>,
    window: usize,
    work: W,
    mut emit: E,
) where
    T: Sync,
    R: Send,
    W: Fn(&[T]) -> Vec<R> + Sync,
    E: FnMut(usize, Result<R, String>) -> bool,
{
    let Batching { max, budget, size } = batching;
    let mut chunks: Vec<&[T]> = Vec::new();
    let mut rest = items;
    while !rest.is_empty() {
        let mut n = 1;
        let mut bytes = size(&rest[0]);
        while n < rest.len() && n < max {
            bytes = bytes.saturating_add(size(&rest[n]));
            if bytes > budget {
                break;
            }
            n += 1;
        }
        let (chunk, tail) = rest.split_at(n);
        chunks.push(chunk);
        rest = tail;
    }
    let starts: Vec<usize> = chunks
        .iter()
        .scan(0, |at, c| {
            let s = *at;
            *at += c.len();
            Some(s)
        })
        .collect();
    let run = |chunk: &[T]| -> Vec<Result<R, String>> {
        let all = panic::catch_unwind(AssertUnwindSafe(|| work(chunk)));
        match all {
            Ok(rs) if rs.len() == chunk.len() => rs.into_iter().map(Ok).collect(),
            _ => chunk
                .iter()
                .map(|item| {
                    panic::catch_unwind(AssertUnwindSafe(|| work(std::slice::from_ref(item))))
                        .map_err(|p| panic_message(&*p))
                        .and_then(|mut r| r.pop().ok_or_else(|| "no result".to_string()))
                })
                .collect(),
        }
    };
    ordered_map(
        pool,
        &chunks,
        window,
        |c| run(c),
        |k, results| {
            // `run` catches every panic itself.
            let results =
                results.unwrap_or_else(|p| (0..chunks[k].len()).map(|_| Err(p.clone())).collect());
            for (j, r) in results.into_iter().enumerate() {
                if !emit(starts[k] + j, r) {
                    return false;
                }
            }
            true
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_reports_panics() {
        let items: Vec<u64> = (0..200).collect();
        let pool = pool(4).unwrap();
        let mut seen = Vec::new();
        ordered_map(
            &pool,
            &items,
            8,
            |&x| {
                // Uneven work so results arrive out of order.
                std::thread::sleep(std::time::Duration::from_micros((x * 37) % 500));
                if x == 13 {
                    panic!("unlucky {x}");
                }
                x * 2
            },
            |i, r| {
                seen.push((i, r));
                true
            },
        );
        assert_eq!(seen.len(), 200);
        for (k, (i, r)) in seen.iter().enumerate() {
            assert_eq!(*i, k);
            if k == 13 {
                assert_eq!(r.as_ref().unwrap_err(), "unlucky 13");
            } else {
                assert_eq!(*r.as_ref().unwrap(), 2 * k as u64);
            }
        }
    }

    #[test]
    fn batches_keep_order_and_isolate_panics() {
        let items: Vec<u64> = (0..103).collect();
        let pool = pool(3).unwrap();
        let mut seen = Vec::new();
        ordered_map_batched(
            &pool,
            &items,
            Batching {
                max: 8,
                budget: 1000,
                size: &|&x| if x == 20 { 5000 } else { 100 },
            },
            4,
            |xs: &[u64]| {
                assert!(xs.len() <= 8);
                // item 20 is too large to share a batch
                assert!(xs.len() == 1 || !xs.contains(&20));
                xs.iter()
                    .map(|&x| {
                        if x == 42 {
                            panic!("unlucky {x}");
                        }
                        x * 3
                    })
                    .collect()
            },
            |i, r| {
                seen.push((i, r));
                i < 70
            },
        );
        assert_eq!(seen.len(), 71);
        for (k, (i, r)) in seen.iter().enumerate() {
            assert_eq!(*i, k);
            if k == 42 {
                assert_eq!(r.as_ref().unwrap_err(), "unlucky 42");
            } else {
                assert_eq!(*r.as_ref().unwrap(), 3 * k as u64);
            }
        }
    }

    #[test]
    fn stops_early_and_works_on_one_thread() {
        let items: Vec<u32> = (0..1000).collect();
        let pool = pool(1).unwrap();
        let mut n = 0;
        ordered_map(
            &pool,
            &items,
            4,
            |&x| x,
            |_, _| {
                n += 1;
                n < 10
            },
        );
        assert_eq!(n, 10);
    }
}
