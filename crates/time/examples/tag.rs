//! Tags the text on standard input: `cargo run -p attache-time --example tag -- [DCT]`.
//! Prints one line per expression: byte range, type, value, mod, anchor, text.

use std::io::Read;

use attache_time::{Dct, TagOptions, tag};

#[allow(clippy::print_stdout)]
fn main() -> std::io::Result<()> {
    let dct = std::env::args().nth(1);
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let opts = TagOptions { dct: dct.as_deref().and_then(Dct::parse), anchor_on_text: true };
    for t in tag(&text, &opts) {
        println!(
            "{}..{}\t{:?}\t{}\t{}\t{}\t{}",
            t.range.start,
            t.range.end,
            t.kind,
            t.value,
            t.modifier.as_deref().unwrap_or("-"),
            t.anchor,
            &text[t.range.clone()]
        );
    }
    Ok(())
}
