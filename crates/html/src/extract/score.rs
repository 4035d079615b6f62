//! Choosing the article's container, in the manner of Readability.

use super::analysis::{Analysis, KEEP, is_container};
use crate::HtmlConfig;
use crate::dom::{NONE, NodeId};
use crate::patterns;
use crate::tag::{AttrName, Tag};

/// Readability-style scores; returns the chosen container elements in order.
pub(super) fn choose_container(a: &Analysis<'_>, cfg: &HtmlConfig, use_unlikely: bool) -> Vec<NodeId> {
    choose_container_scored(a, cfg, use_unlikely, &mut None)
}

pub(super) fn choose_container_scored(
    a: &Analysis<'_>,
    cfg: &HtmlConfig,
    use_unlikely: bool,
    explain: &mut Option<Vec<(f32, NodeId)>>,
) -> Vec<NodeId> {
    let dom = &a.dom;
    let n = dom.nodes.len();
    let mut score = vec![f32::NAN; n];
    // Class/id weights (applied at the end, bounded by the content score so
    // that a well-named element cannot win on its name alone).
    let weight = |id: NodeId| {
        let h = a.hints[id as usize];
        let mut w: f32 = 0.0;
        if h & patterns::POSITIVE != 0 {
            w += 25.0;
        }
        if h & patterns::BODY != 0 {
            w += 25.0;
        }
        if h & (patterns::NEGATIVE | patterns::BYLINE | patterns::META) != 0 {
            w -= 25.0;
        }
        w
    };
    let prior = |id: NodeId| match a.tag(id) {
        Some(Tag::Div | Tag::Article | Tag::Main | Tag::Section) => 5.0,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
        Some(Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form) => -3.0,
        Some(t) if t.is_heading() || t == Tag::Th => -5.0,
        _ => 0.0,
    };
    for id in 1..n as NodeId {
        let i = id as usize;
        let Some(tag) = a.tag(id) else { continue };
        if a.dropped[i] != KEEP || (use_unlikely && a.unlikely[i]) || !is_container(tag) {
            continue;
        }
        if matches!(tag, Tag::Li | Tag::Dt | Tag::Dd | Tag::Ul | Tag::Ol | Tag::Table | Tag::Tr | Tag::Th)
            || tag.is_heading()
        {
            continue;
        }
        let own = a.own[i];
        if (own as usize) < cfg.min_paragraph_chars || a.own_link[i] as f32 > own as f32 * 0.5 {
            continue;
        }
        let s = 1.0 + a.own_commas[i] as f32 + (own as f32 / 100.0).min(3.0);
        // Give it to block ancestors. Loose text in a container (not in a <p>)
        // counts as a paragraph of that container, as Readability wraps it.
        let mut p = if matches!(tag, Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote) { dom.node(id).parent } else { id };
        let mut level = 0;
        while p != NONE && p != 0 && level < 5 {
            if dom.tag(p).is_some_and(is_container) {
                if score[p as usize].is_nan() {
                    score[p as usize] = 0.0;
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                score[p as usize] += s / div;
                level += 1;
            }
            p = dom.node(p).parent;
        }
    }
    // Final scores and the best.
    let mut best = NONE;
    let mut best_score = f32::MIN;
    let mut ranked: Vec<(f32, NodeId)> = Vec::new();
    for (i, sc) in score.iter_mut().enumerate().skip(1) {
        if sc.is_nan() {
            continue;
        }
        let content = *sc;
        let w = weight(i as NodeId).clamp(-content, content);
        *sc = (prior(i as NodeId) + content + w) * (1.0 - a.link_density(i as NodeId));
        ranked.push((*sc, i as NodeId));
        if *sc > best_score {
            best_score = *sc;
            best = i as NodeId;
        }
    }
    if best == NONE {
        return vec![];
    }
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0));
    if let Some(e) = explain {
        e.extend(ranked.iter().take(12));
    }
    // When several of the top candidates share an ancestor with the best, the
    // article is split across them: take that ancestor.
    let ancestors = |id: NodeId| {
        let mut v = Vec::new();
        let mut p = dom.node(id).parent;
        while p != NONE && p != 0 {
            v.push(p);
            p = dom.node(p).parent;
        }
        v
    };
    let best_anc = ancestors(best);
    let alternatives: Vec<NodeId> =
        ranked.iter().skip(1).take(5).filter(|(s, _)| *s >= best_score * 0.75).map(|&(_, id)| id).collect();
    if alternatives.len() >= 3 {
        for &anc in &best_anc {
            let count = alternatives.iter().filter(|&&alt| ancestors(alt).contains(&anc)).count();
            if count >= 3 {
                best = anc;
                break;
            }
        }
    }
    // Climb while the parent scores better.
    let mut last = if score[best as usize].is_nan() { 0.0 } else { score[best as usize] };
    let threshold = last / 3.0;
    let mut p = dom.node(best).parent;
    while p != NONE && p != 0 && a.tag(p) != Some(Tag::Body) {
        let ps = score[p as usize];
        if ps.is_nan() {
            p = dom.node(p).parent;
            continue;
        }
        if ps < threshold {
            break;
        }
        if ps > last {
            best = p;
            break;
        }
        last = ps;
        p = dom.node(p).parent;
    }
    // An only child stands for its parent.
    loop {
        let parent = dom.node(best).parent;
        if parent == NONE || parent == 0 || a.tag(parent) == Some(Tag::Body) {
            break;
        }
        let elems = dom.children(parent).filter(|&c| a.tag(c).is_some() || a.text[c as usize] > 0).count();
        if elems != 1 {
            break;
        }
        best = parent;
    }
    // The best score in each subtree: a sibling whose wrappers score little
    // may still hold a strong paragraph container (an article split by figures).
    let mut sub_max: Vec<f32> = score.iter().map(|s| if s.is_nan() { 0.0 } else { *s }).collect();
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        if p != NONE as usize && sub_max[i] > sub_max[p] {
            sub_max[p] = sub_max[i];
        }
    }
    let deep_threshold = (sub_max[best as usize] * 0.25).max(10.0);
    // Siblings.
    let best_score = if score[best as usize].is_nan() { 0.0 } else { score[best as usize] };
    let threshold = (best_score * cfg.sibling_share).max(10.0);
    let parent = dom.node(best).parent;
    if parent == NONE {
        return vec![best];
    }
    let best_class = dom.attr(best, AttrName::Class).unwrap_or("");
    let mut out = Vec::new();
    for c in dom.children(parent) {
        if c == best {
            out.push(c);
            continue;
        }
        let ci = c as usize;
        if a.dropped[ci] != KEEP || a.tag(c).is_none() || (use_unlikely && a.unlikely[ci]) {
            continue;
        }
        let mut bonus = 0.0;
        if !best_class.is_empty() && dom.attr(c, AttrName::Class) == Some(best_class) {
            bonus = best_score * 0.2;
        }
        if (!score[ci].is_nan() && score[ci] + bonus >= threshold)
            || (sub_max[ci] >= deep_threshold && a.link_density(c) < 0.3)
        {
            out.push(c);
        } else if a.tag(c) == Some(Tag::P) {
            let len = a.text[ci];
            let ld = a.link_density(c);
            if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(a, c)) {
                out.push(c);
            }
        }
    }
    out
}

pub(super) fn ends_sentence(a: &Analysis<'_>, id: NodeId) -> bool {
    let n = a.dom.node(id);
    let s = a.dom.src[n.start as usize..n.end as usize].trim_end();
    let s = s.strip_suffix("</p>").or_else(|| s.strip_suffix("</P>")).unwrap_or(s).trim_end();
    s.ends_with('.')
}
