//! Where records go, and how progress and problems are shown.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// JSON Lines to stdout or a file.
pub fn writer(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        Some(p) => {
            let f = File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
            Box::new(BufWriter::with_capacity(1 << 16, f))
        }
    })
}

/// A spinner with counts and rate on stderr, hidden when stderr is not a terminal.
pub fn progress(enabled: bool) -> ProgressBar {
    let bar = if enabled && io::stderr().is_terminal() {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8))
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}) {elapsed} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Prints a problem with one input without breaking the progress bar.
pub fn report(bar: &ProgressBar, message: &str) {
    bar.suspend(|| {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("attache: {message}");
        }
    });
}

/// Whether an IO error means the reader of our output went away (`| head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Removes trailing whitespace at the end of `s`.
pub fn strip_trailing(s: &mut String) {
    let keep = s.trim_end().len();
    s.truncate(keep);
}
