//! Where records go, and how progress and problems are shown.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
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

/// Where an output goes: stdout, or a file that appears only when complete.
///
/// A file is written to a temporary `.NAME.XXXXXX.part` in the same folder and
/// renamed over `NAME` by [`Sink::commit`] (after an `fsync`): a run that fails
/// or is killed never leaves a truncated file at `NAME`, only the previous one
/// (or none). An error drops the temporary file; a `SIGKILL` leaves it behind.
pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File { out: BufWriter<tempfile::NamedTempFile>, path: PathBuf },
}

impl Sink {
    pub fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        let Some(path) = path else { return Ok(Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout()))) };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = path.file_name().with_context(|| format!("{} is not a file name", path.display()))?;
        let prefix = format!(".{}.", name.to_string_lossy());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".part");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Like File::create: 0666 less the umask (tempfile's default is 0600).
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Sink::File { out: BufWriter::with_capacity(1 << 16, tmp), path: path.to_owned() })
    }

    /// Flushes, and puts a file in place.
    pub fn commit(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut out) => Ok(out.flush()?),
            Sink::File { out, path } => {
                let tmp = out
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                tmp.as_file().sync_all().with_context(|| format!("cannot write {}", path.display()))?;
                tmp.persist(&path).map_err(|e| e.error).with_context(|| format!("cannot write {}", path.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { out, .. } => out.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::File { out, .. } => out.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { out, .. } => out.flush(),
        }
    }
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
