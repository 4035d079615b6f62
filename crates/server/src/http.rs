//! Routes, request validation, error bodies and the embedded page.

use std::sync::Arc;

use attache_model::{ActorKind, EventStatus};
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::source::{ActorQuery, DocQuery, EventQuery, IngestItem, KbSource, Offsets, SourceError};
use crate::{DEFAULT_PAGE, MAX_PAGE, OPENAPI, ServerConfig, dates, locate_with};

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");

/// The 16 PLOVER event types.
const EVENT_TYPES: [&str; 16] = attache_model::PLOVER_TYPES;

/// The page may load only its own scripts and styles, and talk only to its origin.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

#[derive(Clone)]
struct AppState {
    source: Arc<dyn KbSource>,
    config: Arc<ServerConfig>,
}

/// An error answered as `{"error": {"code": ..., "message": ...}}`.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into() }
    }
    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
}

impl From<SourceError> for ApiError {
    fn from(e: SourceError) -> Self {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = match &e {
            SourceError::NotFound(m) | SourceError::BadRequest(m) | SourceError::Unavailable(m) => m.clone(),
            SourceError::Internal(m) => m.clone(),
        };
        Self::new(status, e.code(), message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": { "code": self.code, "message": self.message } });
        let mut resp = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

type ApiResult = Result<Response, ApiError>;

/// The API and the page over `source`.
pub fn router(source: Arc<dyn KbSource>, config: ServerConfig) -> Router {
    let max_body = config.max_body;
    let state = AppState { source, config: Arc::new(config) };
    let ingest = Router::new()
        .route("/api/ingest", post(ingest))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token));
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/style.css", get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }))
        .route("/api/openapi.json", get(|| async { asset("application/json", OPENAPI) }))
        .route("/api/docs", get(docs))
        .route("/api/docs/{id}", get(document))
        .route("/api/events", get(events))
        .route("/api/timeline", get(timeline))
        .route("/api/actors", get(actors))
        .route("/api/search", get(search))
        .merge(ingest)
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed")
        })
        .layer(DefaultBodyLimit::max(max_body))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

fn json<T: serde::Serialize>(value: &T) -> Response {
    axum::Json(value).into_response()
}

/// Runs a source call on the blocking pool.
async fn call<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&dyn KbSource) -> Result<T, SourceError> + Send + 'static,
{
    let source = state.source.clone();
    tokio::task::spawn_blocking(move || f(source.as_ref()))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", format!("query failed: {e}")))?
        .map_err(ApiError::from)
}

/// Query parameters, all as strings so that every error is ours (and JSON).
fn params<T: DeserializeOwned>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t).map_err(|e| ApiError::bad(e.body_text()))
}

fn limit(raw: Option<&str>) -> Result<usize, ApiError> {
    match raw {
        None | Some("") => Ok(DEFAULT_PAGE),
        Some(s) => match s.parse::<usize>() {
            Ok(0) | Err(_) => Err(ApiError::bad(format!("limit must be a positive integer, not '{s}'"))),
            Ok(n) => Ok(n.min(MAX_PAGE)),
        },
    }
}

fn date(raw: Option<String>) -> Result<Option<String>, ApiError> {
    raw.filter(|s| !s.is_empty()).map(|s| dates::validate(&s).map_err(ApiError::bad)).transpose()
}

fn nonempty(raw: Option<String>) -> Option<String> {
    raw.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn country(raw: Option<String>) -> Result<Option<String>, ApiError> {
    nonempty(raw)
        .map(|c| {
            if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
                Ok(c.to_ascii_uppercase())
            } else {
                Err(ApiError::bad(format!("country must be an ISO 3166-1 alpha-3 code, not '{c}'")))
            }
        })
        .transpose()
}

#[derive(Debug, Deserialize)]
struct DocParams {
    source: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

async fn docs(State(state): State<AppState>, q: Result<Query<DocParams>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let query = DocQuery {
        source: nonempty(p.source),
        from: date(p.from)?,
        to: date(p.to)?,
        text: nonempty(p.text),
        limit: limit(p.limit.as_deref())?,
        cursor: p.cursor,
    };
    let page = call(&state, move |s| s.docs(&query)).await?;
    Ok(json(&page))
}

#[derive(Debug, Deserialize)]
struct DocViewParams {
    /// `START-END`: original byte offsets to mark (a search hit's sentence).
    hit: Option<String>,
}

async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<DocViewParams>, QueryRejection>,
) -> ApiResult {
    let hit = match nonempty(params(q)?.hit) {
        None => None,
        Some(h) => {
            let parsed = h.split_once('-').and_then(|(s, e)| Some((s.parse().ok()?, e.parse().ok()?)));
            match parsed {
                Some((start, end)) if start < end => Some(Offsets { start, end }),
                _ => return Err(ApiError::bad(format!("hit must be START-END byte offsets, not '{h}'"))),
            }
        }
    };
    let key = id.clone();
    match call(&state, move |s| s.document_with_map(&key)).await? {
        Some((record, map)) => Ok(json(&locate_with(record, map.as_deref(), hit))),
        None => Err(ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("no document '{id}'"))),
    }
}

#[derive(Debug, Deserialize)]
struct EventParams {
    actor: Option<String>,
    country: Option<String>,
    #[serde(alias = "type")]
    event_type: Option<String>,
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
    text: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
    // Timeline only.
    a: Option<String>,
    b: Option<String>,
}

fn event_query(p: EventParams) -> Result<EventQuery, ApiError> {
    let mut event_types = Vec::new();
    for t in p.event_type.as_deref().unwrap_or("").split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let t = t.to_ascii_uppercase();
        if !EVENT_TYPES.contains(&t.as_str()) {
            return Err(ApiError::bad(format!("unknown event type '{t}': use one of {}", EVENT_TYPES.join(", "))));
        }
        event_types.push(t);
    }
    let status = nonempty(p.status)
        .map(|s| {
            serde_json::from_value::<EventStatus>(serde_json::Value::String(s.to_ascii_lowercase())).map_err(|_| {
                ApiError::bad(format!("unknown status '{s}': use asserted, future, hypothetical or negated"))
            })
        })
        .transpose()?;
    let (from, to) = (date(p.from)?, date(p.to)?);
    if let (Some(f), Some(t)) = (&from, &to)
        && f[..f.len().min(t.len())] > t[..f.len().min(t.len())]
    {
        return Err(ApiError::bad(format!("from ({f}) is after to ({t})")));
    }
    Ok(EventQuery {
        actor: nonempty(p.actor),
        country: country(p.country)?,
        event_types,
        from,
        to,
        status,
        text: nonempty(p.text),
        limit: limit(p.limit.as_deref())?,
        cursor: p.cursor,
    })
}

async fn events(State(state): State<AppState>, q: Result<Query<EventParams>, QueryRejection>) -> ApiResult {
    let query = event_query(params(q)?)?;
    let page = call(&state, move |s| s.events(&query)).await?;
    Ok(json(&page))
}

async fn timeline(State(state): State<AppState>, q: Result<Query<EventParams>, QueryRejection>) -> ApiResult {
    let mut p = params(q)?;
    let a = nonempty(p.a.take()).ok_or_else(|| ApiError::bad("parameter 'a' (an actor name) is required"))?;
    let b = nonempty(p.b.take());
    let query = event_query(p)?;
    let page = call(&state, move |s| s.timeline(&a, b.as_deref(), &query)).await?;
    Ok(json(&page))
}

#[derive(Debug, Deserialize)]
struct ActorParams {
    name: Option<String>,
    q: Option<String>,
    country: Option<String>,
    kind: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

async fn actors(State(state): State<AppState>, q: Result<Query<ActorParams>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let kind = nonempty(p.kind)
        .map(|k| {
            serde_json::from_value::<ActorKind>(serde_json::Value::String(k.to_ascii_lowercase())).map_err(|_| {
                ApiError::bad(format!("unknown kind '{k}': use person, government, country, organisation or group"))
            })
        })
        .transpose()?;
    let query = ActorQuery {
        name: nonempty(p.name),
        q: nonempty(p.q),
        country: country(p.country)?,
        kind,
        limit: limit(p.limit.as_deref())?,
        cursor: p.cursor,
    };
    let page = call(&state, move |s| s.actors(&query)).await?;
    Ok(json(&page))
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

async fn search(State(state): State<AppState>, q: Result<Query<SearchParams>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let text = nonempty(p.q).ok_or_else(|| ApiError::bad("parameter 'q' is required"))?;
    let n = limit(p.limit.as_deref())?;
    let cursor = p.cursor;
    let page = call(&state, move |s| s.search(&text, n, cursor.as_deref())).await?;
    Ok(json(&page))
}

/// The body of `POST /api/ingest`: a list of articles, bare or as `{"documents": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum IngestBody {
    List(Vec<IngestItem>),
    Wrapped { documents: Vec<IngestItem> },
}

async fn ingest(State(state): State<AppState>, body: Result<Bytes, BytesRejection>) -> ApiResult {
    let bytes = body.map_err(|e| {
        let status = e.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "payload_too_large" } else { "bad_request" };
        ApiError::new(status, code, e.body_text())
    })?;
    let items = match serde_json::from_slice::<IngestBody>(&bytes) {
        Ok(IngestBody::List(items) | IngestBody::Wrapped { documents: items }) => items,
        Err(e) => {
            return Err(ApiError::bad(format!(
                "the body must be a JSON array of {{doc, text, published?, url?, source?, title?}}: {e}"
            )));
        }
    };
    if items.is_empty() {
        return Err(ApiError::bad("no documents to ingest"));
    }
    if let Some(i) = items.iter().find(|i| i.doc.trim().is_empty()) {
        return Err(ApiError::bad(format!("a document has an empty 'doc' id (text starts {:?})", prefix(&i.text))));
    }
    let report = call(&state, move |s| s.ingest(items)).await?;
    Ok(json(&report))
}

fn prefix(s: &str) -> &str {
    let mut end = s.len().min(40);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Ingest needs a configured token (else 403) and `Authorization: Bearer <token>` (else 401).
async fn require_token(State(state): State<AppState>, headers: HeaderMap, request: Request, next: Next) -> Response {
    let Some(token) = state.config.token.as_deref() else {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest_disabled",
            "ingest is disabled: start the server with a token",
        )
        .into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => next.run(request).await,
        Some(_) => {
            ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token", "the bearer token is wrong").into_response()
        }
        None => ApiError::new(StatusCode::UNAUTHORIZED, "missing_token", "send Authorization: Bearer <token>")
            .into_response(),
    }
}

/// Compares without stopping at the first difference (the length still shows).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
