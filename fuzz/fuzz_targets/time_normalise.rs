#![no_main]
//! The time tagger on arbitrary text against arbitrary publication dates
//! (well-formed, impossible like 2021-02-31 or month 0, and free text).

use attache_time::{Dct, TagOptions, tag};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 5 {
        return;
    }
    let (head, rest) = data.split_at(5);
    let text = String::from_utf8_lossy(rest);
    let dct_text = match head[0] % 4 {
        0 => None,
        1 => Some(format!(
            "{:04}-{:02}-{:02}",
            u16::from_le_bytes([head[1], head[2]]) % 10_000,
            head[3] % 14,
            head[4] % 33
        )),
        2 => Some(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
            1900 + u16::from(head[1]),
            1 + head[2] % 12,
            1 + head[3] % 31,
            head[4] % 25,
            head[4] % 61
        )),
        _ => text.lines().next().map(str::to_owned),
    };
    let dct = dct_text.as_deref().and_then(Dct::parse);
    for anchor_on_text in [false, true] {
        let tagged = tag(&text, &TagOptions { dct, anchor_on_text });
        for t in &tagged {
            attache_fuzz::check_range(&text, &t.range, "timex");
            assert!(t.range.start < t.range.end, "empty timex");
            assert!(!t.value.is_empty(), "empty value");
            assert!(t.value.is_ascii(), "non-ASCII TIMEX3 value {:?}", t.value);
        }
    }
    let simple = attache_time::tag_text(&text, dct_text.as_deref());
    for (r, _, v) in &simple {
        attache_fuzz::check_range(&text, r, "timex");
        assert!(!v.is_empty());
    }
});
