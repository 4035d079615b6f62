//! The HTTP API over the fixture records: every route's status and JSON shape,
//! the errors, limits, auth and XSS safety.

use std::sync::Arc;

use attache_model::DocumentRecord;
use attache_server::{IngestItem, MemorySource, OPENAPI, ROUTES, ServerConfig, router};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const RECORDS: &str = include_str!("fixtures/records.jsonl");

fn records() -> Vec<DocumentRecord> {
    RECORDS.lines().map(|l| serde_json::from_str(l).expect("fixture record")).collect()
}

/// A stand-in for the pipeline: the first fixture record with the item's id and text.
fn fake_analyzer() -> attache_server::Analyzer {
    let template = records().remove(0);
    Box::new(move |item: &IngestItem| {
        if item.text.contains("FAIL") {
            return Err("cannot analyse".into());
        }
        let mut r = template.clone();
        r.doc = item.doc.clone();
        r.body = item.text.clone();
        r.published = item.published.clone();
        Ok(r)
    })
}

fn app_with(token: Option<&str>, max_body: usize) -> axum::Router {
    let source = MemorySource::from_records(records()).with_analyzer(fake_analyzer());
    router(Arc::new(source), ServerConfig { token: token.map(str::to_owned), max_body })
}

fn app() -> axum::Router {
    app_with(Some("s3cret"), 10 * 1024 * 1024)
}

async fn send(app: axum::Router, req: Request<Body>) -> (StatusCode, Value, axum::http::HeaderMap) {
    let resp = app.oneshot(req).await.expect("response");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, json, headers)
}

async fn get(uri: &str) -> (StatusCode, Value) {
    let (s, v, _) = send(app(), Request::get(uri).body(Body::empty()).expect("request")).await;
    (s, v)
}

fn post(uri: &str, token: Option<&str>, body: String) -> Request<Body> {
    let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    req.body(Body::from(body)).expect("request")
}

fn assert_error(status: StatusCode, body: &Value, want: StatusCode, code: &str) {
    assert_eq!(status, want, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

#[tokio::test]
async fn docs_list_newest_first_with_duplicate_groups() {
    let (s, v) = get("/api/docs").await;
    assert_eq!(s, StatusCode::OK);
    let docs: Vec<&str> = items(&v).iter().map(|d| d["doc"].as_str().expect("doc")).collect();
    assert_eq!(docs, ["fx-hostile", "fx-un-copy", "fx-un", "fx-seoul", "fx-berlin"]);
    assert_eq!(v["next_cursor"], Value::Null);
    let un = &items(&v)[2];
    for key in ["title", "published", "source", "url", "event_count", "duplicate_group"] {
        assert!(un.get(key).is_some(), "{key} missing in {un}");
    }
    assert_eq!(un["duplicate_group"], "fx-un");
    assert_eq!(items(&v)[1]["duplicate_group"], "fx-un");
    assert_eq!(items(&v)[4]["duplicate_group"], Value::Null);

    let (_, v) = get("/api/docs?source=fixture%20daily&from=2023-08&to=2023-08").await;
    assert_eq!(items(&v).len(), 1);
    let (_, v) = get("/api/docs?text=flood%20engineers").await;
    assert_eq!(items(&v)[0]["doc"], "fx-berlin");
}

#[tokio::test]
async fn pagination_follows_cursors() {
    let (_, v) = get("/api/docs?limit=2").await;
    assert_eq!(items(&v).len(), 2);
    let mut seen: Vec<String> = items(&v).iter().map(|d| d["doc"].to_string()).collect();
    let mut cursor = v["next_cursor"].as_str().expect("cursor").to_owned();
    loop {
        let (_, v) = get(&format!("/api/docs?limit=2&cursor={cursor}")).await;
        seen.extend(items(&v).iter().map(|d| d["doc"].to_string()));
        match v["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    let (s, v) = get("/api/docs?cursor=nonsense").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn document_view_has_record_and_placed_annotations() {
    let (s, v) = get("/api/docs/fx-berlin").await;
    assert_eq!(s, StatusCode::OK);
    let record = &v["record"];
    assert_eq!(record["doc"], "fx-berlin");
    let body = record["body"].as_str().expect("body");
    let anns = v["annotations"].as_array().expect("annotations");
    assert_eq!(v["unlocated"], 0, "{v}");
    for kind in ["actor", "timex", "evidence"] {
        assert!(anns.iter().any(|a| a["kind"] == kind), "no {kind} annotation");
    }
    for a in anns {
        let (s, e) = (a["start"].as_u64().expect("start") as usize, a["end"].as_u64().expect("end") as usize);
        let text = &body[s..e];
        if a["kind"] == "actor" {
            let actor = &record["actors"][a["actor"].as_u64().expect("actor index") as usize];
            assert!(actor["mentions"].as_array().expect("mentions").iter().any(|m| m["text"] == text), "{text}");
        }
    }
    let evidence = anns.iter().find(|a| a["kind"] == "evidence").expect("evidence");
    let (s, e) = (evidence["start"].as_u64().unwrap_or(0) as usize, evidence["end"].as_u64().unwrap_or(0) as usize);
    assert!(body[s..e].starts_with("BERLIN -- German Foreign Minister"), "{}", &body[s..e]);
    assert!(evidence["events"].as_array().is_some_and(|e| !e.is_empty()));
}

#[tokio::test]
async fn unknown_document_is_404() {
    let (s, v) = get("/api/docs/no-such-doc").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found");
    let (s, v) = get("/api/nothing-here").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn events_filters() {
    let (s, v) = get("/api/events").await;
    assert_eq!(s, StatusCode::OK);
    let all = items(&v);
    assert!(all.len() >= 8, "{}", all.len());
    let e = &all[0];
    for key in ["id", "event", "sources"] {
        assert!(e.get(key).is_some(), "{key} missing in {e}");
    }
    for key in ["event", "actor", "recipient", "date", "status", "evidence"] {
        assert!(e["event"].get(key).is_some(), "event.{key} missing");
    }
    assert_eq!(e["sources"][0]["doc"].as_str().map(|d| d.starts_with("fx-")), Some(true));
    // Newest first.
    let dates: Vec<&str> =
        all.iter().filter_map(|e| e["event"]["date"].as_str()).filter(|d| !d.contains('W')).collect();
    assert!(dates.windows(2).all(|w| w[0][..7] >= w[1][..7]), "{dates:?}");

    let (_, v) = get("/api/events?type=accuse,reject").await;
    assert!(items(&v).iter().all(|e| e["event"]["event"] == "ACCUSE" || e["event"]["event"] == "REJECT"));
    assert!(items(&v).len() >= 3);
    let (_, v) = get("/api/events?actor=baerbock").await;
    assert_eq!(items(&v).len(), 3);
    let (_, v) = get("/api/events?country=prk&from=2023-08-19&to=2023-08-19").await;
    assert!(items(&v).iter().all(|e| e["event"]["date"] == "2023-08-19"));
    assert!(!items(&v).is_empty());
    let (_, v) = get("/api/events?text=resolution&status=asserted").await;
    assert_eq!(items(&v).len(), 2, "the UN article and its copy");
    assert!(items(&v).iter().any(|e| e["sources"][0]["duplicate"] == true));
}

#[tokio::test]
async fn bad_filters_are_400() {
    for uri in [
        "/api/events?from=2023-13-01",
        "/api/events?to=last%20week",
        "/api/events?from=2023-09&to=2023-08",
        "/api/events?type=HUG",
        "/api/events?status=maybe",
        "/api/events?country=Germany",
        "/api/events?limit=0",
        "/api/events?limit=ten",
        "/api/docs?from=2023-02-30",
        "/api/actors?kind=alien",
        "/api/search",
        "/api/timeline",
    ] {
        let (s, v) = get(uri).await;
        assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
    }
}

#[tokio::test]
async fn limit_is_capped() {
    let many: Vec<DocumentRecord> = (0..600)
        .map(|i| {
            let mut r = records().remove(2);
            r.doc = format!("copy-{i}");
            r.body = format!("{} {i}", r.body);
            r
        })
        .collect();
    let app = router(Arc::new(MemorySource::from_records(many)), ServerConfig::default());
    let (_, v, _) = send(app.clone(), Request::get("/api/events?limit=100000").body(Body::empty()).expect("req")).await;
    assert_eq!(items(&v).len(), attache_server::MAX_PAGE);
    assert!(v["next_cursor"].is_string());
    let (_, v, _) = send(app, Request::get("/api/docs").body(Body::empty()).expect("req")).await;
    assert_eq!(items(&v).len(), attache_server::DEFAULT_PAGE);
}

#[tokio::test]
async fn timeline_is_oldest_first_between_two_actors() {
    let (s, v) = get("/api/timeline?a=Annalena%20Baerbock").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(items(&v).len(), 3);
    let dates: Vec<&str> = items(&v).iter().filter_map(|e| e["event"]["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let (_, v) = get("/api/timeline?a=annalena%20baerbock&b=Catherine%20Colonna").await;
    assert_eq!(items(&v).len(), 2);
    let (_, v) = get("/api/timeline?a=Annalena%20Baerbock&b=Catherine%20Colonna&type=AGREE").await;
    assert_eq!(items(&v).len(), 1);
    let (_, v) = get("/api/timeline?a=Nobody").await;
    assert!(items(&v).is_empty());
}

#[tokio::test]
async fn actors_with_offices() {
    let (s, v) = get("/api/actors").await;
    assert_eq!(s, StatusCode::OK);
    let first = &items(&v)[0];
    for key in ["name", "kind", "country", "sector", "offices", "event_count", "doc_count", "first_seen", "last_seen"] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    let counts: Vec<u64> = items(&v).iter().filter_map(|a| a["event_count"].as_u64()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));

    let (_, v) = get("/api/actors?name=annalena%20baerbock").await;
    let a = &items(&v)[0];
    assert_eq!(a["name"], "Annalena Baerbock");
    assert_eq!(a["kind"], "person");
    assert_eq!(a["country"], "DEU");
    assert_eq!(a["event_count"], 3);
    assert_eq!(a["first_seen"], "2023-06-14");
    let office = &a["offices"][0];
    assert_eq!(office["title"], "Foreign Minister");
    assert_eq!(office["from"], "2023-06-14");

    let (_, v) = get("/api/actors?q=korea&kind=country").await;
    assert!(items(&v).iter().all(|a| a["kind"] == "country"));
    let (_, v) = get("/api/actors?country=AUT").await;
    assert!(items(&v).iter().any(|a| a["name"] == "Alexander Schallenberg"));
}

#[tokio::test]
async fn search_finds_sentences() {
    let (s, v) = get("/api/search?q=general%20strike").await;
    assert_eq!(s, StatusCode::OK);
    let hit = &items(&v)[0];
    assert_eq!(hit["doc"], "fx-seoul");
    assert!(hit["snippet"].as_str().is_some_and(|s| s.contains("general strike")));
    for key in ["title", "published", "sentence", "score"] {
        assert!(hit.get(key).is_some(), "{key} missing");
    }
    let (_, v) = get("/api/search?q=zebra").await;
    assert!(items(&v).is_empty());
}

#[tokio::test]
async fn ingest_needs_a_configured_token() {
    let body = r#"[{"doc": "new-1", "text": "Kim met Moon."}]"#.to_owned();
    let (s, v, _) = send(app_with(None, 1024), post("/api/ingest", Some("s3cret"), body.clone())).await;
    assert_error(s, &v, StatusCode::FORBIDDEN, "ingest_disabled");
    let (s, v, h) = send(app(), post("/api/ingest", None, body.clone())).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED, "missing_token");
    assert_eq!(h.get(header::WWW_AUTHENTICATE).map(|h| h.as_bytes()), Some(&b"Bearer"[..]));
    let (s, v, _) = send(app(), post("/api/ingest", Some("wrong"), body.clone())).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn ingest_adds_replaces_and_reports_failures() {
    let app = app();
    let body = r#"{"documents": [
        {"doc": "new-1", "text": "Kim met Moon in Seoul.", "published": "2024-01-02", "source": "Test"},
        {"doc": "fx-seoul", "text": "Replaced text."},
        {"doc": "bad", "text": "FAIL"}
    ]}"#;
    let (s, v, _) = send(app.clone(), post("/api/ingest", Some("s3cret"), body.to_owned())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["added"].as_u64(), v["replaced"].as_u64(), v["failed"].as_u64()), (Some(1), Some(1), Some(1)));
    assert_eq!(v["documents"][2]["status"], "failed");
    assert_eq!(v["documents"][2]["error"], "cannot analyse");
    let (s, v, _) = send(app.clone(), Request::get("/api/docs/new-1").body(Body::empty()).expect("req")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["record"]["body"], "Kim met Moon in Seoul.");
    let (_, v, _) = send(app.clone(), Request::get("/api/docs/fx-seoul").body(Body::empty()).expect("req")).await;
    assert_eq!(v["record"]["body"], "Replaced text.");

    for bad in
        ["[]", "{", r#"[{"doc": "", "text": "x"}]"#, r#"[{"doc": "x"}]"#, r#"[{"doc": "x", "text": "y", "evil": 1}]"#]
    {
        let (s, v, _) = send(app.clone(), post("/api/ingest", Some("s3cret"), bad.to_owned())).await;
        assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
    }
}

#[tokio::test]
async fn read_only_source_answers_503() {
    let app = router(
        Arc::new(MemorySource::from_records(records())),
        ServerConfig { token: Some("t".into()), max_body: 1024 },
    );
    let (s, v, _) = send(app, post("/api/ingest", Some("t"), r#"[{"doc": "a", "text": "b"}]"#.into())).await;
    assert_error(s, &v, StatusCode::SERVICE_UNAVAILABLE, "unavailable");
}

#[tokio::test]
async fn too_large_body_is_413() {
    let text = "x".repeat(4096);
    let body = format!(r#"[{{"doc": "big", "text": "{text}"}}]"#);
    let (s, v, _) = send(app_with(Some("t"), 1024), post("/api/ingest", Some("t"), body)).await;
    assert_error(s, &v, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
}

#[tokio::test]
async fn markup_in_articles_comes_back_as_json_strings() {
    let (s, v, h) = send(app(), Request::get("/api/docs/fx-hostile").body(Body::empty()).expect("req")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE].to_str().is_ok_and(|c| c.starts_with("application/json")));
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(v["record"]["title"].as_str().is_some_and(|t| t.contains("<script>alert(1)</script>")));
    assert!(v["record"]["body"].as_str().is_some_and(|t| t.contains("<img src=x onerror=alert(4)>")));
}

#[tokio::test]
async fn page_and_assets_are_served_with_a_strict_policy() {
    for (uri, kind) in [("/", "text/html"), ("/assets/app.js", "text/javascript"), ("/assets/style.css", "text/css")] {
        let (s, _, h) = send(app(), Request::get(uri).body(Body::empty()).expect("req")).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert!(h[header::CONTENT_TYPE].to_str().is_ok_and(|c| c.starts_with(kind)), "{uri}");
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap_or("");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    }
}

/// The page's script never hands data to an HTML parser: no `innerHTML`,
/// `outerHTML`, `insertAdjacentHTML`, `document.write` or `eval`.
#[test]
fn page_script_never_parses_html() {
    let js = include_str!("../assets/app.js");
    for bad in
        ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('on"]
    {
        assert!(!js.contains(bad), "app.js uses {bad}");
    }
    let html = include_str!("../assets/index.html");
    assert!(!html.contains("<script>"), "inline script in index.html");
}

#[tokio::test]
async fn openapi_lists_every_route_and_parameter() {
    let (s, v) = get("/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v, serde_json::from_str::<Value>(OPENAPI).expect("openapi json"));
    assert!(v["openapi"].as_str().is_some_and(|o| o.starts_with("3.1")));
    for route in ROUTES {
        let (method, path) = route.split_once(' ').expect("route");
        let op = &v["paths"][path][method.to_lowercase()];
        assert!(op.is_object(), "{route} missing from openapi.json");
    }
    let params = |path: &str| -> Vec<String> {
        v["paths"][path]["get"]["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        if let Some(r) = p["$ref"].as_str() {
                            let name = r.rsplit('/').next().unwrap_or("");
                            v["components"]["parameters"][name]["name"].as_str().unwrap_or("").to_owned()
                        } else {
                            p["name"].as_str().unwrap_or("").to_owned()
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let expect: &[(&str, &[&str])] = &[
        ("/api/docs", &["source", "from", "to", "text", "limit", "cursor"]),
        ("/api/docs/{id}", &["id"]),
        ("/api/events", &["actor", "country", "type", "from", "to", "status", "text", "limit", "cursor"]),
        ("/api/timeline", &["a", "b", "actor", "country", "type", "from", "to", "status", "text", "limit", "cursor"]),
        ("/api/actors", &["name", "q", "country", "kind", "limit", "cursor"]),
        ("/api/search", &["q", "limit", "cursor"]),
    ];
    for (path, want) in expect {
        let got = params(path);
        for w in *want {
            assert!(got.iter().any(|g| g == w), "{path}: parameter {w} missing (has {got:?})");
        }
    }
}
