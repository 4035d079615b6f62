//! `attache explain`: why an event was coded as it was.

use std::fmt::Write as _;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use attache_ingest::InputConfig;
use attache_model::{DocumentRecord, EventRecord, ParticipantRecord};
use attache_pipeline::{Pipeline, PipelineConfig};

use super::{batch, output};

/// Explain an event: the rules that fired, who its participants are and where
/// the text names them, where its date and place come from, and its evidence.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article (a file, or a folder with its manifest.jsonl).
    #[arg(value_name = "PATH")]
    path: PathBuf,
    /// The event: its id (`DOC#N`), or `N` for the N-th event of the first
    /// article; omit it to list the article's events.
    #[arg(value_name = "EVENT")]
    event: Option<String>,
    /// Print the event and the article's actors it involves as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(&PipelineConfig { words_in_records: true, ..PipelineConfig::default() });
    let config = InputConfig::default();
    let mut records: Vec<DocumentRecord> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    batch::run_pipeline_with_text(std::slice::from_ref(&args.path), &config, &pipeline, |result| {
        match result {
            Ok((r, text)) => {
                records.push(r);
                texts.push(text);
            }
            Err(message) => bail!(message),
        }
        Ok(ControlFlow::Continue(()))
    })?;
    let Some(first) = records.first() else { bail!("{}: no article found", args.path.display()) };
    let Some(wanted) = &args.event else {
        print(&list(&records));
        return Ok(ExitCode::SUCCESS);
    };
    let found = match wanted.parse::<usize>() {
        Ok(n) => first.events.get(n.wrapping_sub(1)).map(|e| (first, e)),
        Err(_) => records.iter().find_map(|r| r.events.iter().find(|e| &e.id == wanted).map(|e| (r, e))),
    };
    let (record, event) = found
        .with_context(|| format!("no event {wanted} in {} (run without EVENT to list them)", args.path.display()))?;
    let text =
        records.iter().position(|r| std::ptr::eq(r, record)).and_then(|i| texts.get(i)).map_or("", String::as_str);
    if args.json {
        let actors: Vec<_> = record
            .actors
            .iter()
            .filter(|a| event.actor.iter().chain(&event.recipient).any(|p| p.name == a.name))
            .collect();
        print(&serde_json::to_string_pretty(&serde_json::json!({ "event": event, "actors": actors }))?);
    } else {
        print(&explain(record, event, text));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the explanation; a reader that stops early (`| head`) is not an error.
fn print(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", s.trim_end()).and_then(|()| out.flush());
}

fn list(records: &[DocumentRecord]) -> String {
    let mut out = String::new();
    for r in records {
        for e in &r.events {
            let names = |ps: &[ParticipantRecord]| ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                out,
                "{:<28} {:<9} {:<12} {:<10} {} -> {}",
                e.id,
                e.event,
                e.date.as_deref().unwrap_or("-"),
                format!("{:?}", e.status).to_lowercase(),
                names(&e.actor),
                names(&e.recipient)
            );
        }
    }
    if out.is_empty() {
        out.push_str("no events\n");
    }
    out
}

fn participant(record: &DocumentRecord, p: &ParticipantRecord) -> String {
    let codes = [p.country.as_deref(), p.sector.as_deref(), p.title.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = format!("{} ({codes})", p.name);
    if let Some(a) = record.actors.iter().find(|a| a.name == p.name) {
        let mut seen: Vec<&str> = Vec::new();
        for m in &a.mentions {
            if !seen.contains(&m.text.as_str()) {
                seen.push(&m.text);
            }
        }
        let _ = write!(
            s,
            "\n             named {} time(s): {}",
            a.mentions.len(),
            seen.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ")
        );
    }
    s
}

fn explain(record: &DocumentRecord, e: &EventRecord, text: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  {}{}  CAMEO {}  status {}  confidence {:.2}",
        e.id,
        e.event,
        e.mode.as_ref().map(|m| format!(" ({m})")).unwrap_or_default(),
        e.cameo.as_deref().unwrap_or("-"),
        format!("{:?}", e.status).to_lowercase(),
        e.confidence
    );
    let _ = writeln!(out, "article    {} ({})", record.doc, record.origin);
    let _ = writeln!(out, "rules      {}", e.rule.replace("; ", "\n           "));
    for (label, ps) in [("actor", &e.actor), ("recipient", &e.recipient)] {
        if ps.is_empty() {
            let _ = writeln!(out, "{label:<10} -");
        }
        for p in ps {
            let _ = writeln!(out, "{label:<10} {}", participant(record, p));
        }
    }
    let _ = writeln!(
        out,
        "date       {}  ({})",
        e.date.as_deref().unwrap_or("none"),
        e.date_text.as_deref().unwrap_or("no time expression")
    );
    if let Some(l) = &e.location {
        let _ = writeln!(out, "place      {} ({})", l.name, l.country.as_deref().unwrap_or("-"));
    }
    if !e.contexts.is_empty() {
        let _ = writeln!(out, "contexts   {}", e.contexts.join(", "));
    }
    if !e.topics.is_empty() {
        let _ = writeln!(out, "topics     {}", e.topics.join(", "));
    }
    let _ = writeln!(out, "evidence");
    for ev in &e.evidence {
        let _ = writeln!(out, "  [{}..{}] {}", ev.start, ev.end, ev.text);
    }
    // The parse of the sentences the evidence is in.
    for ev in &e.evidence {
        for s in record.sentences.iter().filter(|s| s.start <= ev.start && ev.start < s.end && !s.words.is_empty()) {
            let _ = writeln!(out, "parse of [{}..{}]", s.start, s.end);
            for (i, w) in s.words.iter().enumerate() {
                let form = text.get(w.start..w.end).unwrap_or("?");
                let head = match w.head {
                    0 => "ROOT".to_owned(),
                    h => s
                        .words
                        .get(h - 1)
                        .and_then(|hw| text.get(hw.start..hw.end))
                        .map_or(String::new(), |f| format!("{h} {f}")),
                };
                let mark = if w.start >= ev.start && w.end <= ev.end { "*" } else { " " };
                let _ = writeln!(
                    out,
                    " {mark}{:>3} {form:<18} {:<6} {:<14} <-{:<12} {head}",
                    i + 1,
                    w.upos,
                    w.lemma,
                    w.deprel
                );
            }
        }
    }
    let _ = writeln!(out, "(published {})", record.published.as_deref().unwrap_or("unknown"));
    output::strip_trailing(&mut out);
    out
}
