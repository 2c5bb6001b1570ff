//! Markdown-lite (§11): the narration's paragraphs, lists and preformatted blocks, and the inline
//! markup of narration, hints and fail texts. Everything is plain text in a fixed set of
//! elements; nothing is ever HTML. One left-to-right pass, linear in the text: each marker finds
//! its closer in a table of next positions built beforehand.

#[cfg(feature = "serde")]
use serde::Serialize;

/// A block of narration.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Block {
    /// Consecutive lines joined with a space.
    Paragraph(Vec<Inline>),
    /// `- ` items.
    List(Vec<Vec<Inline>>),
    /// The lines between two ```` ``` ```` lines, verbatim.
    Pre(Vec<String>),
}

/// Inline text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `` `code` ``: literal.
    Code(String),
    /// `*em*`.
    Em(Vec<Inline>),
    /// `**strong**`.
    Strong(Vec<Inline>),
    /// `[text](https://…)`: only `https://` links are links.
    Link {
        /// The link's text.
        text: String,
        /// Its address, always `https://…`.
        url: String,
    },
}

/// The blocks of a narration's lines (each the text after `>`).
pub fn blocks(lines: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<&str>> = Vec::new();
    let mut pre: Option<Vec<String>> = None;
    let flush = |out: &mut Vec<Block>, para: &mut Vec<&str>, items: &mut Vec<Vec<&str>>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(inline(&join(para))));
            para.clear();
        }
        if !items.is_empty() {
            out.push(Block::List(
                items.iter().map(|i| inline(&join(i))).collect(),
            ));
            items.clear();
        }
    };
    for &line in lines {
        if let Some(p) = pre.as_mut() {
            if line == "```" {
                out.push(Block::Pre(pre.take().unwrap_or_default()));
            } else {
                p.push(line.to_owned());
            }
            continue;
        }
        if line == "```" {
            flush(&mut out, &mut para, &mut items);
            pre = Some(Vec::new());
        } else if line.trim().is_empty() {
            flush(&mut out, &mut para, &mut items);
        } else if let Some(item) = line.strip_prefix("- ") {
            if !para.is_empty() {
                out.push(Block::Paragraph(inline(&join(&para))));
                para.clear();
            }
            items.push(vec![item]);
        } else if let Some(last) = items.last_mut() {
            last.push(line);
        } else {
            para.push(line);
        }
    }
    flush(&mut out, &mut para, &mut items);
    if let Some(p) = pre {
        // Unclosed: the parser refuses it; shown as it is all the same.
        out.push(Block::Pre(p));
    }
    out
}

fn join(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim_start())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Positions of the next occurrence of each marker, from each index.
struct Next {
    backtick: Vec<usize>,
    star2: Vec<usize>,
    star1: Vec<usize>,
    close_bracket: Vec<usize>,
    close_paren: Vec<usize>,
}

impl Next {
    fn new(c: &[char]) -> Self {
        let n = c.len();
        let mut next = Next {
            backtick: vec![n; n + 1],
            star2: vec![n; n + 1],
            star1: vec![n; n + 1],
            close_bracket: vec![n; n + 1],
            close_paren: vec![n; n + 1],
        };
        for i in (0..n).rev() {
            let escaped = i > 0 && c[i - 1] == '\\' && !(i > 1 && c[i - 2] == '\\');
            next.backtick[i] = if c[i] == '`' { i } else { next.backtick[i + 1] };
            let star = c[i] == '*' && !escaped;
            let double = star && c.get(i + 1) == Some(&'*');
            next.star2[i] = if double { i } else { next.star2[i + 1] };
            let single = star && c.get(i + 1) != Some(&'*') && !(i > 0 && c[i - 1] == '*');
            next.star1[i] = if single { i } else { next.star1[i + 1] };
            next.close_bracket[i] = if c[i] == ']' && !escaped {
                i
            } else {
                next.close_bracket[i + 1]
            };
            next.close_paren[i] = if c[i] == ')' && !escaped {
                i
            } else {
                next.close_paren[i + 1]
            };
        }
        next
    }
}

/// A link found by the inline pass: its address and where the address starts (in characters).
pub(crate) struct FoundLink {
    pub url: String,
    pub at: usize,
}

/// Parses inline markup.
pub fn inline(text: &str) -> Vec<Inline> {
    inline_with_links(text).0
}

/// Parses inline markup; also returns every `[text](address)` pair, links refused included.
pub(crate) fn inline_with_links(text: &str) -> (Vec<Inline>, Vec<FoundLink>) {
    let c: Vec<char> = text.chars().collect();
    let next = Next::new(&c);
    let mut links = Vec::new();
    let out = span(&c, 0, c.len(), &next, 0, &mut links);
    (out, links)
}

/// Inline content of `c[from..to]`. `depth` 0 allows strong and em; inside strong only em and
/// code; inside em only code.
fn span(
    c: &[char],
    from: usize,
    to: usize,
    next: &Next,
    depth: u8,
    links: &mut Vec<FoundLink>,
) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = from;
    let push_text = |out: &mut Vec<Inline>, text: &mut String| {
        if !text.is_empty() {
            out.push(Inline::Text(core::mem::take(text)));
        }
    };
    while i < to {
        let ch = c[i];
        match ch {
            '\\' if i + 1 < to && "`*[]()\\".contains(c[i + 1]) => {
                text.push(c[i + 1]);
                i += 2;
                continue;
            }
            '`' => {
                let close = next.backtick[i + 1];
                if close < to {
                    push_text(&mut out, &mut text);
                    out.push(Inline::Code(c[i + 1..close].iter().collect()));
                    i = close + 1;
                    continue;
                }
            }
            '*' if depth == 0 && c.get(i + 1) == Some(&'*') => {
                let close = next.star2[i + 2];
                if close < to && close > i + 2 {
                    push_text(&mut out, &mut text);
                    out.push(Inline::Strong(span(c, i + 2, close, next, 1, links)));
                    i = close + 2;
                    continue;
                }
            }
            '*' if depth < 2 && c.get(i + 1) != Some(&'*') && !(i > 0 && c[i - 1] == '*') => {
                let close = next.star1[i + 1];
                if close < to && close > i + 1 {
                    push_text(&mut out, &mut text);
                    out.push(Inline::Em(span(c, i + 1, close, next, 2, links)));
                    i = close + 1;
                    continue;
                }
            }
            '[' if depth == 0 => {
                let close = next.close_bracket[i + 1];
                if close + 1 < to && c[close + 1] == '(' {
                    let end = next.close_paren[close + 2];
                    if end < to {
                        let url: String = c[close + 2..end].iter().collect();
                        links.push(FoundLink {
                            url: url.clone(),
                            at: close + 2,
                        });
                        if url.starts_with("https://") && !url.contains(char::is_whitespace) {
                            push_text(&mut out, &mut text);
                            out.push(Inline::Link {
                                text: unescape(&c[i + 1..close]),
                                url,
                            });
                            i = end + 1;
                            continue;
                        }
                    }
                }
            }
            _ => {}
        }
        text.push(ch);
        i += 1;
    }
    push_text(&mut out, &mut text);
    out
}

fn unescape(c: &[char]) -> String {
    let mut s = String::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '\\' && i + 1 < c.len() && "`*[]()\\".contains(c[i + 1]) {
            i += 1;
        }
        s.push(c[i]);
        i += 1;
    }
    s
}

/// Problems in one line of inline text starting at `col0`: links that are not `https://`.
pub(crate) fn check_inline(text: &str, col0: u32) -> Vec<(u32, String)> {
    let (_, links) = inline_with_links(text);
    let mut seen = Vec::new();
    links
        .into_iter()
        .filter(|l| !l.url.starts_with("https://"))
        .filter(|l| {
            let new = !seen.contains(&l.at);
            seen.push(l.at);
            new
        })
        .map(|l| {
            (
                col0 + l.at as u32,
                format!("links must start with https://, found {:?}", l.url),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup() {
        assert_eq!(
            inline("a `x*y` **b *c* d** [RFC](https://example.test/) \\*d\\*"),
            vec![
                Inline::Text("a ".into()),
                Inline::Code("x*y".into()),
                Inline::Text(" ".into()),
                Inline::Strong(vec![
                    Inline::Text("b ".into()),
                    Inline::Em(vec![Inline::Text("c".into())]),
                    Inline::Text(" d".into())
                ]),
                Inline::Text(" ".into()),
                Inline::Link {
                    text: "RFC".into(),
                    url: "https://example.test/".into()
                },
                Inline::Text(" *d*".into()),
            ]
        );
        assert_eq!(inline("a * b"), vec![Inline::Text("a * b".into())]);
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            vec![Inline::Text("[x](javascript:alert(1))".into())]
        );
        assert_eq!(
            check_inline("See [RFC 5321](http://www.rfc-editor.org/rfc/rfc5321)", 3)[0].0,
            18
        );
    }

    #[test]
    fn blocks_and_lists() {
        let b = blocks(&[
            "one", "two", "", "- a", "  more", "- b", "```", "  pre", "```",
        ]);
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec![Inline::Text("one two".into())]),
                Block::List(vec![
                    vec![Inline::Text("a more".into())],
                    vec![Inline::Text("b".into())]
                ]),
                Block::Pre(vec!["  pre".into()]),
            ]
        );
    }

    #[test]
    fn many_markers_stay_linear() {
        let text = "*[`".repeat(20_000);
        assert!(!inline(&text).is_empty());
    }
}
