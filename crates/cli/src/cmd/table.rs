//! Query results as a table (terminal), JSON Lines (pipe) or CSV.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    Table,
    Jsonl,
    Csv,
}

/// The format asked for, else a table on a terminal and JSON Lines in a pipe.
pub fn choose(asked: Option<OutFormat>) -> OutFormat {
    asked.unwrap_or(if io::stdout().is_terminal() { OutFormat::Table } else { OutFormat::Jsonl })
}

/// A row type: its columns for tables and CSV; JSON Lines use serde.
pub trait Row: Serialize {
    fn headers() -> &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

fn clip(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut out: String = one_line.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Writes `rows` in `format`; a header comes first for tables and CSV.
pub fn write<R: Row>(out: &mut dyn Write, format: OutFormat, rows: &[R]) -> anyhow::Result<()> {
    match format {
        OutFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
        }
        OutFormat::Csv => {
            writeln!(out, "{}", R::headers().join(","))?;
            for r in rows {
                writeln!(out, "{}", r.cells().iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","))?;
            }
        }
        OutFormat::Table => {
            let cells: Vec<Vec<String>> =
                rows.iter().map(|r| r.cells().iter().map(|c| clip(c, 60)).collect()).collect();
            let mut widths: Vec<usize> = R::headers().iter().map(|h| h.chars().count()).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |out: &mut dyn Write, row: &[String]| -> io::Result<()> {
                let mut s = String::new();
                for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
                    if i > 0 {
                        s.push_str("  ");
                    }
                    s.push_str(c);
                    s.extend(std::iter::repeat_n(' ', w.saturating_sub(c.chars().count())));
                }
                writeln!(out, "{}", s.trim_end())
            };
            line(out, &R::headers().iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())?;
            for row in &cells {
                line(out, row)?;
            }
        }
    }
    Ok(())
}
