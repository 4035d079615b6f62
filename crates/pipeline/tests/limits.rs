//! Per-document limits: the time budget, long sentences.

use std::time::Duration;

use attache_model::{Document, Format, SourceMeta, Stage, StageError};
use attache_pipeline::{Limits, Pipeline, PipelineConfig};

#[derive(Debug)]
struct Slow(&'static str);

impl Stage for Slow {
    fn name(&self) -> &'static str {
        self.0
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        std::thread::sleep(Duration::from_millis(30));
        doc.diagnostics.push(attache_model::Diagnostic::info("ran", self.0));
        Ok(())
    }
}

fn doc(text: &str) -> Document {
    let meta = SourceMeta { doc: "d".into(), origin: "d.txt".into(), ..SourceMeta::default() };
    Document::new(meta, text.to_owned(), Format::Text)
}

#[test]
fn time_budget_stops_between_stages_and_keeps_what_was_done() {
    let stages: Vec<Box<dyn Stage>> = vec![Box::new(Slow("first")), Box::new(Slow("second")), Box::new(Slow("third"))];
    let pipeline = Pipeline::from_stages(stages, &Limits { time_budget_ms: 1 });
    let mut d = doc("Some text.");
    assert!(pipeline.run(&mut d).is_ok(), "a time limit is not an error");
    let codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(codes, vec!["ran", "time-limit"], "only the first stage ran");
    let msg = &d.diagnostics[1].message;
    assert!(msg.contains("in stage first") && msg.contains("second, third"), "{msg}");
    assert!(d.deadline.is_none(), "the deadline does not outlive the run");
}

#[test]
fn no_budget_means_no_limit() {
    let stages: Vec<Box<dyn Stage>> = vec![Box::new(Slow("a")), Box::new(Slow("b"))];
    let pipeline = Pipeline::from_stages(stages, &Limits { time_budget_ms: 0 });
    let mut d = doc("x");
    assert!(pipeline.run(&mut d).is_ok());
    assert_eq!(d.diagnostics.len(), 2);
}

#[test]
fn a_long_sentence_is_cut_and_said_so() {
    let text = "the minister met officials and ".repeat(2_000);
    let pipeline = Pipeline::new(&PipelineConfig::default());
    let mut d = doc(&text);
    assert!(pipeline.run(&mut d).is_ok());
    assert!(d.diagnostics.iter().any(|x| x.code == "long-sentence"), "{:?}", d.diagnostics);
    assert!(d.sentences.len() >= 15, "{} sentences", d.sentences.len());
    for s in &d.sentences {
        assert!(s.span.len() <= 4096 && d.text.is_char_boundary(s.span.start) && d.text.is_char_boundary(s.span.end));
    }
}

#[test]
fn limits_are_config_data() {
    let c: PipelineConfig =
        serde_json::from_str(r#"{"limits": {"time_budget_ms": 5}, "clean": {"max_sentence_bytes": 100}}"#)
            .expect("parses");
    assert_eq!(c.limits.time_budget_ms, 5);
    assert_eq!(c.clean.max_sentence_bytes, 100);
    assert_eq!(PipelineConfig::default().limits.time_budget_ms, attache_pipeline::DEFAULT_TIME_BUDGET_MS);
}
