#![no_main]
//! The WARC reader (sniffed from `WARC/`, gzip members included) and decoding
//! of each record, on arbitrary bytes.

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    attache_fuzz::read_all(data, "fuzz.warc");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    if gz.write_all(data).is_ok()
        && let Ok(bytes) = gz.finish()
    {
        attache_fuzz::read_all(&bytes, "fuzz.warc.gz");
    }
});
