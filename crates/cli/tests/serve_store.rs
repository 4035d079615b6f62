//! `attache serve --db` over a knowledge base with the seeds ingested: the
//! timeline of the seeds' two diplomats, exact highlights, search hits with
//! sentence offsets, the 400/404 mapping, and ingest with and without the token.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// A running `attache serve --db` over a temp knowledge base with the seeds.
struct Server {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(token: Option<&str>) -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("kb.db");
        let db = db.to_str().expect("utf-8 path");
        let seeds = common::shared().join("seeds");
        let out = common::attache(&["ingest", "-q", "--db", db, seeds.to_str().expect("utf-8 path")]);
        assert!(out.status.success(), "ingest failed: {}", common::stderr(&out));
        let mut args = vec!["serve", "--db", db, "--port", "0"];
        if let Some(t) = token {
            args.extend(["--token", t]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
            .args(&args)
            .env_remove("ATTACHE_TOKEN")
            .stderr(Stdio::piped())
            .spawn()
            .expect("attache serve starts");
        let mut line = String::new();
        BufReader::new(child.stderr.take().expect("stderr")).read_line(&mut line).expect("a start-up line");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        assert!(line.contains("articles"), "{line}");
        Server { child, addr, _dir: dir }
    }

    /// One request; the status and the JSON body.
    fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&Value>) -> (u16, Value) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut req = format!("{method} {path} HTTP/1.0\r\nHost: {}\r\nContent-Length: {}\r\n", self.addr, body.len());
        if method == "POST" {
            req.push_str("Content-Type: application/json\r\n");
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        req.push_str(&body);
        s.write_all(req.as_bytes()).expect("send");
        let mut raw = String::new();
        s.read_to_string(&mut raw).expect("answer");
        let (head, body) = raw.split_once("\r\n\r\n").expect("a head and a body");
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).expect("a status");
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    fn get(&self, path: &str) -> (u16, Value) {
        self.call("GET", path, &[], None)
    }
}

fn dates_and_types(events: &Value) -> Vec<(String, String)> {
    events["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| {
            (
                e["event"]["date"].as_str().unwrap_or("").to_owned(),
                e["event"]["event"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn timeline_documents_and_search_from_the_store() {
    let s = Server::start(None);
    let (status, tl) = s.get("/api/timeline?a=Choi%20Jong-kun&b=Wendy%20Sherman");
    assert_eq!(status, 200, "{tl}");
    let got = dates_and_types(&tl);
    assert!(got.contains(&("2021-11-16".into(), "CONSULT".into())), "no 2021-11-16 meeting: {got:?}");
    assert!(got.iter().any(|(d, _)| d == "2022-01-19"), "no 2022-01-19 call: {got:?}");
    let days: Vec<&String> = got.iter().map(|(d, _)| d).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "timeline not oldest first: {days:?}");
    // One side only, names case-insensitive.
    let (status, one) = s.get("/api/timeline?a=wendy%20sherman");
    assert_eq!(status, 200);
    assert!(dates_and_types(&one).len() >= got.len());

    // Events newest first.
    let (_, ev) = s.get("/api/events?limit=500");
    // (Week dates sort by their Monday: left out of this string comparison.)
    let days: Vec<String> =
        dates_and_types(&ev).into_iter().map(|(d, _)| d).filter(|d| !d.is_empty() && !d.contains('W')).collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "events not newest first: {days:?}");
    let (_, consult) = s.get("/api/events?type=consult");
    assert!(dates_and_types(&consult).iter().all(|(_, t)| t == "CONSULT"));

    // The meeting's article: every annotation placed exactly, evidence included.
    let doc = tl["items"][0]["sources"][0]["doc"].as_str().expect("a source doc").to_owned();
    let (status, view) = s.get(&format!("/api/docs/{doc}"));
    assert_eq!(status, 200);
    assert_eq!(view["placement"], "offsets", "{}", view["placement"]);
    assert_eq!(view["unlocated"], 0);
    let body = view["record"]["body"].as_str().expect("body");
    let anns = view["annotations"].as_array().expect("annotations");
    for a in anns.iter().filter(|a| a["kind"] == "actor") {
        let (st, en) = (a["start"].as_u64().expect("start") as usize, a["end"].as_u64().expect("end") as usize);
        assert!(!body[st..en].trim().is_empty());
    }
    assert!(anns.iter().any(|a| a["kind"] == "evidence"), "no evidence highlighted");

    // Search hits carry the sentence's offsets; the document view marks them.
    let (status, hits) = s.get("/api/search?q=Sherman");
    assert_eq!(status, 200, "{hits}");
    let hit = &hits["items"][0];
    assert!(!hit["snippet"].as_str().expect("snippet").contains('['), "{hit}");
    let (start, end) =
        (hit["sentence"]["start"].as_u64().expect("start"), hit["sentence"]["end"].as_u64().expect("end"));
    let (status, view) = s.get(&format!("/api/docs/{}?hit={start}-{end}", hit["doc"].as_str().expect("doc")));
    assert_eq!(status, 200);
    let marked: Vec<&Value> =
        view["annotations"].as_array().expect("annotations").iter().filter(|a| a["kind"] == "hit").collect();
    assert_eq!(marked.len(), 1, "{view}");

    // Actors: a profile by exact name.
    let (status, actors) = s.get("/api/actors?name=Wendy%20Sherman&limit=1");
    assert_eq!(status, 200);
    assert_eq!(actors["items"][0]["name"], "Wendy Sherman");
    assert!(actors["items"][0]["event_count"].as_u64().expect("count") >= 2);

    // Docs newest first.
    let (_, docs) = s.get("/api/docs");
    let published: Vec<&str> =
        docs["items"].as_array().expect("items").iter().filter_map(|d| d["published"].as_str()).collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "{published:?}");
}

#[test]
fn store_errors_map_to_http_statuses() {
    let s = Server::start(None);
    for (path, status, code) in [
        ("/api/docs/no-such-doc", 404, "not_found"),
        ("/api/events?cursor=zz", 400, "bad_request"),
        ("/api/docs?cursor=1:2:3", 400, "bad_request"),
        ("/api/actors?cursor=o:x", 400, "bad_request"),
        ("/api/search?q=%22unterminated", 400, "bad_request"),
        ("/api/search?q=text:%20NEAR(", 400, "bad_request"),
        ("/api/docs/x?hit=9-3", 400, "bad_request"),
        ("/api/timeline?a=Choi%20Jong-kun&cursor=nope", 400, "bad_request"),
    ] {
        let (got, body) = s.get(path);
        assert_eq!((got, body["error"]["code"].as_str()), (status, Some(code)), "{path}: {body}");
    }
    // Without a token ingest is disabled.
    let item = json!([{"doc": "t-1", "text": "Seoul, Jan. 3 -- Nobody met anybody."}]);
    let (got, _) = s.call("POST", "/api/ingest", &[], Some(&item));
    assert_eq!(got, 403);
}

#[test]
fn ingest_writes_only_with_the_token() {
    let s = Server::start(Some("s3cret"));
    let text = "SEOUL, March 2 (Yonhap) -- South Korean Foreign Minister Chung Eui-yong met \
                Japanese Foreign Minister Yoshimasa Hayashi in Seoul on Tuesday to discuss North Korea.\n\n\
                The two ministers agreed to cooperate closely, the ministry said.";
    let item = json!([{"doc": "posted-1", "text": text, "published": "2022-03-02", "source": "Yonhap"}]);
    for headers in [vec![], vec![("Authorization", "Bearer wrong")]] {
        let (got, body) = s.call("POST", "/api/ingest", &headers, Some(&item));
        assert_eq!(got, 401, "{body}");
        assert_eq!(s.get("/api/docs/posted-1").0, 404, "written without the token");
    }
    let auth = [("Authorization", "Bearer s3cret")];
    let (got, report) = s.call("POST", "/api/ingest", &auth, Some(&item));
    assert_eq!(got, 200, "{report}");
    assert_eq!((report["added"].as_u64(), report["failed"].as_u64()), (Some(1), Some(0)), "{report}");
    let (got, view) = s.get("/api/docs/posted-1");
    assert_eq!(got, 200);
    assert_eq!(view["placement"], "offsets");
    assert!(view["record"]["events"].as_array().is_some_and(|e| !e.is_empty()), "no events coded: {view}");
    let (_, tl) = s.get("/api/timeline?a=Chung%20Eui-yong");
    assert!(!tl["items"].as_array().expect("items").is_empty(), "the new events are not in the timeline: {tl}");
    // The same article again: unchanged; a new text: replaced.
    let (_, again) = s.call("POST", "/api/ingest", &auth, Some(&item));
    assert_eq!(again["documents"][0]["status"], "unchanged", "{again}");
    let changed = json!({"documents": [{"doc": "posted-1", "text": format!("{text}\n\nMore talks are planned.")}]});
    let (_, replaced) = s.call("POST", "/api/ingest", &auth, Some(&changed));
    assert_eq!(replaced["replaced"], 1, "{replaced}");
}
