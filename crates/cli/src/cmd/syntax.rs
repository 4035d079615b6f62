//! `attache syntax`: train, evaluate and run the tagger and parser
//! (the model code is in `attache-syntax`; this is the thin layer over it).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use attache_model::{Document, SourceMeta};
use attache_syntax::eval::evaluate;
use attache_syntax::train::{Progress, TrainConfig};
use attache_syntax::{GoldSentence, Model, conllu_sentence, read_conllu};
use indicatif::{ProgressBar, ProgressStyle};

/// The POS tagger and dependency parser.
#[derive(Debug, clap::Subcommand)]
pub enum Syntax {
    /// Train a model on CoNLL-U (UD) treebanks.
    Train(TrainArgs),
    /// Score a model on a CoNLL-U treebank with gold words: UPOS, UAS, LAS
    /// (CoNLL 2018 counting: every word, LAS on the universal relation).
    Eval(EvalArgs),
    /// Raw text in, CoNLL-U out (byte offsets of each word in MISC as
    /// `Offset=START:END`); no FILE reads stdin.
    Parse(ParseArgs),
    /// The shipped model: provenance, size, load time and resident memory.
    Info(InfoArgs),
}

#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    #[arg(long, value_name = "FILE.conllu")]
    train: PathBuf,
    /// Scored after each parser epoch; the best epoch by LAS is kept.
    #[arg(long, value_name = "FILE.conllu")]
    dev: Option<PathBuf>,
    #[arg(long, value_name = "MODEL")]
    out: PathBuf,
    #[arg(long, value_name = "N", default_value_t = TrainConfig::default().tagger_epochs)]
    tagger_epochs: usize,
    #[arg(long, value_name = "N", default_value_t = TrainConfig::default().parser_epochs)]
    parser_epochs: usize,
    /// Jackknife folds for the parser's training tags (1: gold tags).
    #[arg(long, value_name = "N", default_value_t = TrainConfig::default().folds)]
    folds: usize,
    /// Tagger feature rows updated fewer times than this are dropped.
    #[arg(long, value_name = "N", default_value_t = TrainConfig::default().tagger_prune)]
    tagger_prune: u32,
    /// Parser feature rows updated fewer times than this are dropped (size and memory).
    #[arg(long, value_name = "N", default_value_t = TrainConfig::default().parser_prune)]
    parser_prune: u32,
    /// Train on the first N sentences only (a smoke test).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    #[arg(long, value_name = "N", default_value_t = TrainConfig::default().seed)]
    seed: u64,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    #[arg(value_name = "FILE.conllu")]
    file: PathBuf,
    /// A model file (default: the shipped one).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// A model file (default: the shipped one).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
}

pub fn run(cmd: Syntax) -> anyhow::Result<ExitCode> {
    match cmd {
        Syntax::Train(a) => train(a),
        Syntax::Eval(a) => eval(a),
        Syntax::Parse(a) => parse(a),
        Syntax::Info(a) => info(&a),
    }
}

fn read_treebank(path: &Path) -> anyhow::Result<Vec<GoldSentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let sents = read_conllu(&text, &path.display().to_string())?;
    anyhow::ensure!(!sents.is_empty(), "{}: no sentences", path.display());
    Ok(sents)
}

fn load_model(path: Option<&Path>) -> anyhow::Result<std::borrow::Cow<'static, Model>> {
    match path {
        None => Ok(std::borrow::Cow::Borrowed(Model::embedded())),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            let m = Model::from_bytes(&bytes).with_context(|| format!("{}", p.display()))?;
            Ok(std::borrow::Cow::Owned(m))
        }
    }
}

#[allow(clippy::print_stderr)]
fn train(a: TrainArgs) -> anyhow::Result<ExitCode> {
    let mut train = read_treebank(&a.train)?;
    if let Some(n) = a.limit {
        train.truncate(n);
    }
    let dev = a.dev.as_deref().map(read_treebank).transpose()?;
    let config = TrainConfig {
        tagger_epochs: a.tagger_epochs,
        parser_epochs: a.parser_epochs,
        folds: a.folds,
        seed: a.seed,
        tagger_prune: a.tagger_prune,
        parser_prune: a.parser_prune,
        ..TrainConfig::default()
    };
    let name = |p: &Path| p.file_name().map_or_else(|| p.display().to_string(), |f| f.to_string_lossy().into_owned());
    let provenance = format!(
        "attache {} syntax model; train {}{}; UD English EWT annotations CC BY-SA 4.0",
        env!("CARGO_PKG_VERSION"),
        name(&a.train),
        a.dev.as_deref().map(|d| format!(", dev {}", name(d))).unwrap_or_default()
    );
    let bar = ProgressBar::new(config.parser_epochs as u64 + 1);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}") {
        bar.set_style(style);
    }
    bar.set_message("taggers (jackknife)");
    let model = attache_syntax::train::train(&train, dev.as_deref(), &config, &provenance, |p| match p {
        Progress::Tagger { fold: None, .. } => {
            bar.inc(1);
            bar.set_message("parser");
        }
        Progress::Tagger { .. } => {}
        Progress::ParserEpoch { epoch, epochs, dev, seconds } => {
            bar.inc(1);
            let scores =
                dev.map_or(String::new(), |s| format!(" dev UPOS {:.4} UAS {:.4} LAS {:.4}", s.upos, s.uas, s.las));
            bar.suspend(|| eprintln!("epoch {}/{epochs} ({seconds:.1}s){scores}", epoch + 1));
        }
    })?;
    bar.finish_and_clear();
    let bytes = model.to_bytes();
    let tmp = a.out.with_extension("tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &a.out).with_context(|| format!("cannot write {}", a.out.display()))?;
    eprintln!("{}\nwrote {} ({:.1} MB)", model.provenance, a.out.display(), bytes.len() as f64 / 1e6);
    Ok(ExitCode::SUCCESS)
}

/// Resident memory of this process in bytes, all and anonymous (heap, not
/// file-backed pages such as the binary's embedded model); Linux only.
fn resident() -> Option<(u64, u64)> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let f: Vec<u64> = statm.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    Some((f.get(1)? * 4096, f.get(1)?.saturating_sub(*f.get(2)?) * 4096))
}

#[allow(clippy::print_stdout)]
fn info(a: &InfoArgs) -> anyhow::Result<ExitCode> {
    let before = resident();
    let started = std::time::Instant::now();
    let model = Model::embedded();
    let load = started.elapsed().as_secs_f64();
    // The embedded bytes are mapped with the binary; count them as resident once read.
    let after = resident();
    let mb = |b: u64| b as f64 / 1_048_576.0;
    let delta = before.zip(after).map(|(b, a)| (mb(a.0.saturating_sub(b.0)), mb(a.1.saturating_sub(b.1))));
    let file = Model::embedded_bytes() as f64 / 1_048_576.0;
    if a.json {
        println!(
            "{}",
            serde_json::json!({"provenance": model.provenance, "file_mb": file, "load_s": load,
                "resident_mb": delta.map(|d| d.0), "heap_mb": delta.map(|d| d.1)})
        );
    } else {
        println!("{}", model.provenance);
        let (tr, te, pr, pe) = model.size();
        println!("model file {file:.1} MB, decoded in {load:.3} s");
        println!("tagger {tr} feature rows, {te} weights; parser {pr} feature rows, {pe} weights");
        match delta {
            Some((all, heap)) => println!(
                "resident memory of the model: {all:.1} MB, of which {heap:.1} MB decoded tables (heap) and the rest \
                 the embedded file's pages (the process: {:.1} MB)",
                after.map_or(0.0, |a| mb(a.0))
            ),
            None => println!("resident memory: not measurable here (no /proc)"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::print_stdout)]
fn eval(a: EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = read_treebank(&a.file)?;
    let model = load_model(a.model.as_deref())?;
    let s = evaluate(&model, &gold);
    if a.json {
        println!(
            "{}",
            serde_json::json!({"sentences": s.sentences, "words": s.words, "upos": s.upos, "uas": s.uas, "las": s.las,
                "xpos": s.xpos, "lemma": s.lemma, "words_per_s": s.words_per_s})
        );
    } else {
        println!("{} sentences, {} words", s.sentences, s.words);
        println!(
            "UPOS  {:.4}\nXPOS  {:.4}\nLemma {:.4}\nUAS   {:.4}\nLAS   {:.4}",
            s.upos, s.xpos, s.lemma, s.uas, s.las
        );
        println!("{:.0} words/s (tagging, lemmas and parsing, one thread)", s.words_per_s);
    }
    Ok(ExitCode::SUCCESS)
}

fn parse(a: ParseArgs) -> anyhow::Result<ExitCode> {
    let model = load_model(a.model.as_deref())?;
    let mut inputs: Vec<(String, String)> = Vec::new();
    if a.files.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("cannot read stdin")?;
        inputs.push(("stdin".to_owned(), s));
    }
    for f in &a.files {
        let bytes = std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?;
        let text = String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8 text", f.display()))?;
        inputs.push((f.display().to_string(), text));
    }
    let config = attache_pipeline::PipelineConfig::default();
    let stages: Vec<Box<dyn attache_model::Stage>> = vec![
        Box::new(attache_clean::Cleaner::new(config.clean.clone())),
        Box::new(attache_clean::SentenceSplitter::new(&config.clean)),
    ];
    let pipeline = attache_pipeline::Pipeline::from_stages(stages, &config.limits);
    let mut out = std::io::stdout().lock();
    for (name, text) in inputs {
        let id = Path::new(&name).file_stem().map_or(name.clone(), |s| s.to_string_lossy().into_owned());
        let format = attache_ingest::sniff_format(text.as_bytes());
        let mut doc = Document::new(SourceMeta { origin: name.clone(), ..SourceMeta::default() }, text, format);
        pipeline.run(&mut doc)?;
        let Some(article) = &doc.article else { continue };
        writeln!(out, "# newdoc id = {id}")?;
        for (i, s) in doc.sentences.iter().enumerate() {
            let sent = article.body.as_str().get(s.body.clone()).unwrap_or("");
            let parsed = model.parse_sentence(article, s.body.clone());
            if parsed.is_empty() {
                continue;
            }
            // Offsets into the input, through the cleaner's alignment.
            let block = conllu_sentence(&format!("{id}-{}", i + 1), sent, &parsed, |a, b| {
                let span = article.body.to_original(s.body.start + a..s.body.start + b);
                (span.start, span.end)
            });
            if let Err(e) = out.write_all(block.as_bytes()) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(ExitCode::SUCCESS);
                }
                return Err(e.into());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
