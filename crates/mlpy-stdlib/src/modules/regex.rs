//! `regex` (stdlib.md §5): Python `re` semantics on `fancy-regex`, with `Pattern` and `Match`
//! host objects.
//!
//! Owns: the translation of Python-only syntax to fancy-regex syntax (`(?P<n>…)` → `(?<n>…)`,
//! `(?P=n)` → `\k<n>`, `\Z` → `\z`, Python's `$` (end or before a final newline), literal `{`
//! that is not a quantifier, `{,n}`, octal escapes, `(?#…)` comments, literal `[`/`&`/`~`
//! in classes, `ASCII` classes, `\s` with U+001C..U+001F), Python's match iteration rules
//! (empty matches allowed next to a previous match, never twice at one position), replacement
//! templates (`\1`, `\g<n>`, `\g<name>`, escapes), `split` with groups, and char (not byte)
//! positions.
//!
//! Invariants: fancy-regex runs patterns without look-around or back-references entirely on
//! the linear-time `regex` crate; backtracking ones run with a backtrack limit, and a search
//! that hits it charges the limit as fuel and retries with a larger one, so catastrophic
//! backtracking ends in `FuelExhausted`/`Timeout` (or, past the largest limit, a catchable
//! `RuntimeError`). Every search charges fuel for the text it scans before running.

use super::support::{add_all, arity, def, int_arg, new_array, opt, str_object};
use mlpy_vm::heap::{HeapObject, HostObject};
use mlpy_vm::text::str_repr;
use mlpy_vm::{NativeCtx, NativeRegistry, RtError, RtResult, Value};
use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

const COMPILE: &[&str] = &["regex.compile"];
const MATCH: &[&str] = &["regex.match"];

const IGNORECASE: i64 = 2;
const MULTILINE: i64 = 8;
const DOTALL: i64 = 16;
const UNICODE: i64 = 32;
const VERBOSE: i64 = 64;
const ASCII: i64 = 256;

/// First backtrack limit; multiplied by 4 per retry up to [`MAX_BACKTRACK`].
const FIRST_BACKTRACK: usize = 1_000_000;
const MAX_BACKTRACK: usize = 256_000_000;
/// Compiled patterns kept per run for the module-level functions (cleared when full).
const CACHE_SIZE: usize = 256;

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_all(
        reg,
        "regex",
        "Regular expressions (Python re dialect)",
        &[
            def("compile", compile, COMPILE, "Compile a regex pattern"),
            def(
                "search",
                search,
                MATCH,
                "Search for pattern anywhere in string",
            ),
            def(
                "match",
                match_,
                MATCH,
                "Match pattern at the start of string",
            ),
            def(
                "fullmatch",
                fullmatch,
                MATCH,
                "Match entire string against pattern",
            ),
            def("test", test, MATCH, "Test if pattern matches text"),
            def(
                "findall",
                findall,
                MATCH,
                "Find all non-overlapping matches",
            ),
            def(
                "finditer",
                finditer,
                MATCH,
                "Find all matches as Match objects",
            ),
            def("count", count, MATCH, "Count non-overlapping matches"),
            def("split", split, MATCH, "Split string by pattern"),
            def("sub", sub, MATCH, "Replace matches with replacement"),
            def("subn", subn, MATCH, "Replace matches and return count"),
            def("escape", escape, &[], "Escape regex metacharacters"),
            def("isValid", is_valid, &[], "Check if a pattern is valid"),
            def(
                "IGNORECASE",
                flag_ignorecase,
                &[],
                "Flag: case-insensitive matching",
            ),
            def(
                "MULTILINE",
                flag_multiline,
                &[],
                "Flag: ^ and $ match at line breaks",
            ),
            def("DOTALL", flag_dotall, &[], "Flag: . matches newlines"),
            def(
                "UNICODE",
                flag_unicode,
                &[],
                "Flag: Unicode matching (default)",
            ),
            def("VERBOSE", flag_verbose, &[], "Flag: verbose patterns"),
            def("ASCII", flag_ascii, &[], "Flag: ASCII-only \\d \\w \\s"),
        ],
    );
    let pattern_methods: &[(&str, mlpy_vm::NativeFn, &str)] = &[
        ("search", p_search, "Search for pattern anywhere in string"),
        ("match", p_match, "Match pattern at the start"),
        ("fullmatch", p_fullmatch, "Match the whole string"),
        ("findall", p_findall, "Find all non-overlapping matches"),
        ("finditer", p_finditer, "Find all matches as Match objects"),
        ("split", p_split, "Split string by pattern"),
        ("sub", p_sub, "Replace matches with replacement"),
        ("subn", p_subn, "Replace matches and return count"),
        ("test", p_test, "Test if pattern matches text"),
        ("count", p_count, "Count non-overlapping matches"),
        ("getPattern", p_get_pattern, "Pattern source string"),
        ("getFlags", p_get_flags, "Pattern flags"),
        ("toString", p_to_string, "String representation"),
    ];
    for &(name, f, doc) in pattern_methods {
        reg.add_method("Pattern", name, def(name, f, &[], doc));
    }
    reg.add_property(
        "Pattern",
        "pattern",
        def("pattern", p_get_pattern, &[], "Pattern source string"),
    );
    let match_methods: &[(&str, mlpy_vm::NativeFn, &str)] = &[
        ("group", m_group, "Matched text or captured group"),
        ("groups", m_groups, "All captured groups"),
        ("groupDict", m_group_dict, "Named groups as object"),
        ("start", m_start, "Start position of a group"),
        ("end", m_end, "End position of a group"),
        ("span", m_span, "[start, end] of a group"),
        ("value", m_value, "Full matched text"),
        ("lastGroup", m_last_group, "Name of the last matched group"),
        (
            "groupCount",
            m_group_count,
            "Number of groups in the pattern",
        ),
        ("expand", m_expand, "Expand a template with the groups"),
        ("toString", m_to_string, "String representation"),
    ];
    for &(name, f, doc) in match_methods {
        reg.add_method("Match", name, def(name, f, &[], doc));
    }
}

// ---- translation -----------------------------------------------------------------------------

fn is_quantifier_brace(p: &[char], i: usize) -> Option<usize> {
    // `{m}`, `{m,}`, `{m,n}`, `{,n}` starting at p[i] == '{'; returns the index of '}'.
    let mut j = i + 1;
    let digits = |j: &mut usize| {
        let s = *j;
        while *j < p.len() && p[*j].is_ascii_digit() {
            *j += 1;
        }
        *j > s
    };
    let lo = digits(&mut j);
    if j < p.len() && p[j] == ',' {
        j += 1;
        let hi = digits(&mut j);
        if !lo && !hi {
            return None;
        }
    } else if !lo {
        return None;
    }
    (j < p.len() && p[j] == '}').then_some(j)
}

/// Translates a Python `re` pattern into fancy-regex syntax (see the module doc).
fn translate(pattern: &str, flags: i64) -> String {
    let p: Vec<char> = pattern.chars().collect();
    let ascii = flags & ASCII != 0;
    let mut multiline = flags & MULTILINE != 0;
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = 0;
    while i < p.len() {
        let c = p[i];
        if c == '\\' && i + 1 < p.len() {
            let e = p[i + 1];
            i += 2;
            match e {
                'Z' if !in_class => out.push_str(r"\z"),
                'd' | 'w' | 's' | 'D' | 'W' | 'S' if ascii => {
                    let set = match e.to_ascii_lowercase() {
                        'd' => "0-9",
                        'w' => "0-9A-Za-z_",
                        _ => r" \t\n\r\x0B\x0C",
                    };
                    let neg = e.is_ascii_uppercase();
                    match (in_class, neg) {
                        (true, false) => out.push_str(set),
                        (true, true) => out.push_str(&format!("[^{set}]")),
                        (false, false) => out.push_str(&format!("[{set}]")),
                        (false, true) => out.push_str(&format!("[^{set}]")),
                    }
                }
                // Python's `\s` (str.isspace) also covers the separators U+001C..U+001F.
                's' if in_class => out.push_str(r"\s\x1C-\x1F"),
                's' => out.push_str(r"[\s\x1C-\x1F]"),
                'S' => out.push_str(r"[^\s\x1C-\x1F]"),
                '0'..='7' if e == '0' || in_class => {
                    // Octal escape: up to three octal digits.
                    let mut v = e.to_digit(8).unwrap_or(0);
                    let mut n = 1;
                    while n < 3 && i < p.len() && p[i].is_digit(8) {
                        v = v * 8 + p[i].to_digit(8).unwrap_or(0);
                        i += 1;
                        n += 1;
                    }
                    out.push_str(&format!(r"\x{{{v:x}}}"));
                }
                _ => {
                    out.push('\\');
                    out.push(e);
                }
            }
            continue;
        }
        if in_class {
            match c {
                ']' if i > class_start => {
                    in_class = false;
                    out.push(']');
                }
                '[' | '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                out.push('[');
                i += 1;
                if i < p.len() && p[i] == '^' {
                    out.push('^');
                    i += 1;
                }
                // A `]` right after `[` or `[^` is a literal.
                class_start = i + 1;
                if i < p.len() && p[i] == ']' {
                    out.push_str(r"\]");
                    i += 1;
                }
                continue;
            }
            '(' if p.get(i + 1) == Some(&'?') => {
                let rest: String = p[i + 2..p.len().min(i + 4)].iter().collect();
                if rest.starts_with("P<") {
                    out.push_str("(?<");
                    i += 4;
                } else if rest.starts_with("P=") {
                    let close = p[i..].iter().position(|&x| x == ')').map(|k| i + k);
                    match close {
                        Some(k) => {
                            let name: String = p[i + 4..k].iter().collect();
                            out.push_str(&format!(r"\k<{name}>"));
                            i = k + 1;
                        }
                        None => {
                            out.push_str("(?P=");
                            i += 4;
                        }
                    }
                } else if rest.starts_with('#') {
                    match p[i..].iter().position(|&x| x == ')') {
                        Some(k) => i += k + 1,
                        None => {
                            out.push_str("(?#");
                            i += 3;
                        }
                    }
                } else {
                    // Inline flags at the start of a group: note `m` for `$`.
                    let mut k = i + 2;
                    while k < p.len() && p[k].is_ascii_alphabetic() {
                        if p[k] == 'm' {
                            multiline = true;
                        }
                        k += 1;
                    }
                    out.push_str("(?");
                    i += 2;
                }
                continue;
            }
            '$' if !multiline => out.push_str(r"(?=\n?\z)"),
            '{' => match is_quantifier_brace(&p, i) {
                Some(end) if i > 0 => {
                    let body: String = p[i..=end].iter().collect();
                    if body.starts_with("{,") {
                        out.push_str("{0");
                        out.push_str(&body[1..]);
                    } else {
                        out.push_str(&body);
                    }
                    i = end + 1;
                    continue;
                }
                _ => out.push_str(r"\{"),
            },
            '}' => out.push_str(r"\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    let mut prefix = String::new();
    for (bit, ch) in [
        (IGNORECASE, 'i'),
        (MULTILINE, 'm'),
        (DOTALL, 's'),
        (VERBOSE, 'x'),
    ] {
        if flags & bit != 0 {
            prefix.push(ch);
        }
    }
    if prefix.is_empty() {
        out
    } else {
        format!("(?{prefix}){out}")
    }
}

// ---- compiled patterns -----------------------------------------------------------------------

/// A compiled pattern: the searching regex, the anchored-at-end variant for `fullmatch`, and
/// group metadata.
struct Compiled {
    source: String,
    flags: i64,
    translated: String,
    search: fancy_regex::Regex,
    full: fancy_regex::Regex,
    /// Name of each group (index 0 = whole match).
    names: Vec<Option<String>>,
}

fn build(pattern: &str, limit: usize) -> Result<fancy_regex::Regex, Box<fancy_regex::Error>> {
    fancy_regex::RegexBuilder::new(pattern)
        .backtrack_limit(limit)
        .build()
        .map_err(Box::new)
}

/// The `fullmatch` variant: the pattern anchored at the end. In verbose mode a newline ends a
/// trailing `# comment` before the closing parenthesis.
fn full_source(translated: &str) -> String {
    let verbose = translated.starts_with("(?")
        && translated[2..]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .any(|c| c == 'x');
    let end = if verbose { "\n" } else { "" };
    format!(r"(?:{translated}{end})\z")
}

fn compile_pattern(source: &str, flags: i64) -> RtResult<Compiled> {
    let translated = translate(source, flags);
    let invalid = |e: Box<fancy_regex::Error>| {
        RtError::value_error(format!("Invalid regex pattern '{source}': {e}"))
    };
    let search = build(&translated, FIRST_BACKTRACK).map_err(invalid)?;
    let full = build(&full_source(&translated), FIRST_BACKTRACK).map_err(invalid)?;
    let names = search
        .capture_names()
        .map(|n| n.map(str::to_string))
        .collect();
    Ok(Compiled {
        source: source.to_string(),
        flags,
        translated,
        search,
        full,
        names,
    })
}

/// Per-run cache of compiled patterns for the module-level functions.
#[derive(Default)]
struct Cache(HashMap<(String, i64), Arc<Compiled>>);

fn flags_arg(ctx: &NativeCtx<'_>, v: Value) -> RtResult<i64> {
    match v {
        Value::Null => Ok(0),
        v => Ok(int_arg(ctx.heap_ref(), v)?.saturating()),
    }
}

fn str_arg(ctx: &NativeCtx<'_>, func: &str, v: Value) -> RtResult<String> {
    match ctx.str_of(v) {
        Some(s) => Ok(s.to_string()),
        None => Err(RtError::type_error(format!(
            "{func}() expected string, got '{}'",
            v.type_name(ctx.heap_ref())
        ))),
    }
}

/// The compiled pattern for a module-level call (cached).
fn cached(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    pattern: Value,
    flags: Value,
) -> RtResult<Arc<Compiled>> {
    let src = str_arg(ctx, func, pattern)?;
    let flags = flags_arg(ctx, flags)?;
    let key = (src, flags);
    if let Some(c) = ctx
        .host_data_or_insert_with(Cache::default)
        .and_then(|c| c.0.get(&key).cloned())
    {
        return Ok(c);
    }
    ctx.charge(10 * key.0.len() as u64 + 10)?;
    let c = Arc::new(compile_pattern(&key.0, flags)?);
    if let Some(cache) = ctx.host_data_or_insert_with(Cache::default) {
        if cache.0.len() >= CACHE_SIZE {
            cache.0.clear();
        }
        cache.0.insert(key, c.clone());
    }
    Ok(c)
}

/// Runs `f` on the pattern's regex. A search that hits the backtrack limit is retried with a
/// limit four times larger, whose full cost is charged as fuel before the retry (so the fuel
/// and time limits stop catastrophic backtracking); past [`MAX_BACKTRACK`] it fails with a
/// catchable `RuntimeError`.
fn run<T>(
    ctx: &mut NativeCtx<'_>,
    c: &Compiled,
    full: bool,
    f: impl Fn(&fancy_regex::Regex) -> Result<T, Box<fancy_regex::Error>>,
) -> RtResult<T> {
    let mut limit = FIRST_BACKTRACK;
    let mut owned: Option<fancy_regex::Regex> = None;
    loop {
        let re = owned
            .as_ref()
            .unwrap_or(if full { &c.full } else { &c.search });
        match f(re).map_err(|e| *e) {
            Ok(v) => return Ok(v),
            Err(fancy_regex::Error::RuntimeError(_)) if limit < MAX_BACKTRACK => {
                limit = limit.saturating_mul(4).min(MAX_BACKTRACK);
                ctx.charge(limit as u64)?;
                let src = if full {
                    full_source(&c.translated)
                } else {
                    c.translated.clone()
                };
                owned = Some(build(&src, limit).map_err(|e| RtError::value_error(e.to_string()))?);
            }
            Err(fancy_regex::Error::RuntimeError(_)) => {
                return Err(RtError::runtime_error(
                    "regex match exceeded the backtracking limit",
                ))
            }
            Err(e) => return Err(RtError::value_error(e.to_string())),
        }
    }
}

// ---- matching --------------------------------------------------------------------------------

/// Byte offset ↔ char index conversion for one text.
struct Positions {
    /// `None` for ASCII text (byte offset == char index).
    char_at_byte: Option<Vec<u32>>,
    byte_at_char: Option<Vec<u32>>,
    len_bytes: usize,
}

impl Positions {
    fn new(text: &str) -> Positions {
        if text.is_ascii() {
            return Positions {
                char_at_byte: None,
                byte_at_char: None,
                len_bytes: text.len(),
            };
        }
        let mut cab = vec![0u32; text.len() + 1];
        let mut bac = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        for (b, _) in text.char_indices() {
            cab[b] = n;
            bac.push(b as u32);
            n += 1;
        }
        cab[text.len()] = n;
        bac.push(text.len() as u32);
        Positions {
            char_at_byte: Some(cab),
            byte_at_char: Some(bac),
            len_bytes: text.len(),
        }
    }
    fn char_of(&self, b: usize) -> usize {
        self.char_at_byte.as_ref().map_or(b, |t| t[b] as usize)
    }
    fn len_chars(&self) -> usize {
        self.char_of(self.len_bytes)
    }
    /// The byte offset of char index `c` (clamped to the text).
    fn byte_of(&self, c: usize) -> usize {
        match &self.byte_at_char {
            None => c.min(self.len_bytes),
            Some(t) => t.get(c).map_or(self.len_bytes, |&b| b as usize),
        }
    }
    /// Byte offset of the char after the one at byte `b`.
    fn next_char(&self, b: usize) -> usize {
        self.byte_of(self.char_of(b) + 1)
    }
}

/// The position tables of `text`, after checking their size against the heap budget.
fn positions(ctx: &mut NativeCtx<'_>, text: &str) -> RtResult<Positions> {
    if !text.is_ascii() {
        ctx.heap_ref().check(8 * (text.len() + 1))?;
    }
    Ok(Positions::new(text))
}

/// A match: byte spans of every group (`None` = did not participate).
#[derive(Clone)]
struct Found {
    spans: Vec<Option<(usize, usize)>>,
}

impl Found {
    fn whole(&self) -> (usize, usize) {
        self.spans.first().copied().flatten().unwrap_or((0, 0))
    }
}

fn found_of(caps: &fancy_regex::Captures<'_>) -> Found {
    Found {
        spans: (0..caps.len())
            .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
            .collect(),
    }
}

/// What a search is restricted to: `text[..end]`, starting at byte `start`.
struct Subject<'t> {
    text: &'t str,
    start: usize,
}

/// A string argument searched between Python's `pos` and `endpos` (char indices, `Null` for the
/// ends): the text, its position tables, and that range as byte offsets.
struct Searched {
    text: Arc<str>,
    at: Positions,
    start: usize,
    end: usize,
}

impl Searched {
    /// The string argument `text` of `func`, searched from `pos` to `endpos`.
    fn new(
        ctx: &mut NativeCtx<'_>,
        func: &str,
        text: Value,
        pos: Value,
        endpos: Value,
    ) -> RtResult<Searched> {
        let text: Arc<str> = Arc::from(str_arg(ctx, func, text)?);
        let at = positions(ctx, &text)?;
        let n = at.len_chars() as i64;
        let clamp = |v: Value, default: i64| -> RtResult<usize> {
            Ok(match v {
                Value::Null => default,
                v => int_arg(ctx.heap_ref(), v)?.saturating().clamp(0, n),
            } as usize)
        };
        let p = clamp(pos, 0)?;
        let e = clamp(endpos, n)?.max(p);
        let (start, end) = (at.byte_of(p), at.byte_of(e));
        Ok(Searched {
            text,
            at,
            start,
            end,
        })
    }

    fn subject(&self) -> Subject<'_> {
        Subject {
            text: &self.text[..self.end],
            start: self.start,
        }
    }
}

/// The kind of single search.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Search,
    Match,
    Full,
}

fn find_one(
    ctx: &mut NativeCtx<'_>,
    c: &Compiled,
    s: &Subject<'_>,
    mode: Mode,
) -> RtResult<Option<Found>> {
    ctx.charge(1 + (s.text.len() - s.start.min(s.text.len())) as u64)?;
    let found = run(ctx, c, mode == Mode::Full, |re| {
        Ok(re
            .captures_from_pos(s.text, s.start)
            .map_err(Box::new)?
            .map(|caps| found_of(&caps)))
    })?;
    Ok(found.filter(|f| mode == Mode::Search || f.whole().0 == s.start))
}

/// Every match of Python's `finditer` within the subject (at most `limit` when non-zero).
fn find_all(
    ctx: &mut NativeCtx<'_>,
    c: &Compiled,
    s: &Subject<'_>,
    at: &Positions,
    limit: usize,
) -> RtResult<Vec<Found>> {
    ctx.charge(1 + s.text.len() as u64)?;
    let mut out = Vec::new();
    let mut pos = s.start;
    let mut last_empty: Option<usize> = None;
    while pos <= s.text.len() {
        if limit != 0 && out.len() >= limit {
            break;
        }
        let found = run(ctx, c, false, |re| {
            Ok(re
                .captures_from_pos(s.text, pos)
                .map_err(Box::new)?
                .map(|caps| found_of(&caps)))
        })?;
        let Some(f) = found else { break };
        let (a, b) = f.whole();
        if a == b && last_empty == Some(a) {
            if a >= s.text.len() {
                break;
            }
            pos = at.next_char(a).max(a + 1);
            continue;
        }
        ctx.charge(f.spans.len() as u64)?;
        last_empty = (a == b).then_some(b);
        pos = b;
        out.push(f);
    }
    Ok(out)
}

// ---- host objects ----------------------------------------------------------------------------

struct PatternObj(Arc<Compiled>);

impl HostObject for PatternObj {
    fn class_name(&self) -> &str {
        "Pattern"
    }
    fn heap_size(&self) -> usize {
        16 * (self.0.source.len() + self.0.translated.len())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

struct MatchObj {
    re: Arc<Compiled>,
    text: Arc<str>,
    found: Found,
    /// Char spans of the groups.
    chars: Vec<Option<(usize, usize)>>,
}

impl HostObject for MatchObj {
    fn class_name(&self) -> &str {
        "Match"
    }
    fn heap_size(&self) -> usize {
        self.chars.len() * 32
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl MatchObj {
    fn group_text(&self, i: usize) -> Option<&str> {
        let (a, b) = self.found.spans.get(i).copied().flatten()?;
        self.text.get(a..b)
    }
    /// Index of a group given by number or name.
    fn index(&self, ctx: &NativeCtx<'_>, g: Value) -> Option<usize> {
        match g {
            Value::Str(_) => {
                let name = ctx.str_of(g)?;
                self.re
                    .names
                    .iter()
                    .position(|n| n.as_deref() == Some(name))
            }
            v => {
                let i = int_arg(ctx.heap_ref(), v).ok()?.saturating();
                (0..self.found.spans.len() as i64)
                    .contains(&i)
                    .then_some(i as usize)
            }
        }
    }
}

fn new_match(
    ctx: &mut NativeCtx<'_>,
    re: &Arc<Compiled>,
    text: &Arc<str>,
    at: &Positions,
    f: Found,
) -> RtResult<Value> {
    let chars = f
        .spans
        .iter()
        .map(|s| s.map(|(a, b)| (at.char_of(a), at.char_of(b))))
        .collect();
    let obj = MatchObj {
        re: re.clone(),
        text: text.clone(),
        found: f,
        chars,
    };
    let v = ctx.heap().alloc_host(Box::new(obj))?;
    ctx.keep(v);
    Ok(v)
}

fn new_pattern(ctx: &mut NativeCtx<'_>, c: Arc<Compiled>) -> RtResult<Value> {
    Ok(ctx.heap().alloc_host(Box::new(PatternObj(c)))?)
}

/// The compiled pattern of a `Pattern` receiver.
fn pattern_of(ctx: &NativeCtx<'_>, v: Value) -> RtResult<Arc<Compiled>> {
    if let Value::Other(g) = v {
        if let HeapObject::Host(h) = ctx.heap_ref().get(g) {
            if let Some(p) = h.as_any().downcast_ref::<PatternObj>() {
                return Ok(p.0.clone());
            }
        }
    }
    Err(RtError::type_error("expected a Pattern"))
}

/// Runs `f` on a `Match` receiver.
fn with_match<T>(ctx: &NativeCtx<'_>, v: Value, f: impl FnOnce(&MatchObj) -> T) -> RtResult<T> {
    if let Value::Other(g) = v {
        if let HeapObject::Host(h) = ctx.heap_ref().get(g) {
            if let Some(m) = h.as_any().downcast_ref::<MatchObj>() {
                return Ok(f(m));
            }
        }
    }
    Err(RtError::type_error("expected a Match"))
}

// ---- operations shared by module functions and Pattern methods -------------------------------

fn op_single(
    ctx: &mut NativeCtx<'_>,
    c: &Arc<Compiled>,
    text: Value,
    pos: Value,
    endpos: Value,
    mode: Mode,
) -> RtResult<Value> {
    let t = Searched::new(ctx, "search", text, pos, endpos)?;
    match find_one(ctx, c, &t.subject(), mode)? {
        Some(f) => new_match(ctx, c, &t.text, &t.at, f),
        None => Ok(Value::Null),
    }
}

fn op_test(ctx: &mut NativeCtx<'_>, c: &Arc<Compiled>, text: Value) -> RtResult<Value> {
    let t = str_arg(ctx, "test", text)?;
    let s = Subject { text: &t, start: 0 };
    Ok(Value::Bool(find_one(ctx, c, &s, Mode::Search)?.is_some()))
}

fn op_findall(
    ctx: &mut NativeCtx<'_>,
    c: &Arc<Compiled>,
    text: Value,
    pos: Value,
    endpos: Value,
) -> RtResult<Value> {
    let t = Searched::new(ctx, "findall", text, pos, endpos)?;
    let all = find_all(ctx, c, &t.subject(), &t.at, 0)?;
    let groups = c.names.len() - 1;
    let mut out = Vec::with_capacity(all.len());
    for f in all {
        let piece = |i: usize| f.spans[i].map_or("", |(a, b)| &t.text[a..b]);
        let v = match groups {
            0 => ctx.alloc_str(piece(0))?,
            1 => ctx.alloc_str(piece(1))?,
            n => {
                let mut parts = Vec::with_capacity(n);
                for i in 1..=n {
                    parts.push(ctx.alloc_str(piece(i))?);
                }
                ctx.heap().alloc_tuple(parts)?
            }
        };
        out.push(v);
    }
    new_array(ctx, out)
}

fn op_finditer(
    ctx: &mut NativeCtx<'_>,
    c: &Arc<Compiled>,
    text: Value,
    pos: Value,
    endpos: Value,
) -> RtResult<Value> {
    let t = Searched::new(ctx, "finditer", text, pos, endpos)?;
    let all = find_all(ctx, c, &t.subject(), &t.at, 0)?;
    let mut out = Vec::with_capacity(all.len());
    for f in all {
        out.push(new_match(ctx, c, &t.text, &t.at, f)?);
    }
    new_array(ctx, out)
}

fn op_count(ctx: &mut NativeCtx<'_>, c: &Arc<Compiled>, text: Value) -> RtResult<Value> {
    let t = Searched::new(ctx, "count", text, Value::Null, Value::Null)?;
    let all = find_all(ctx, c, &t.subject(), &t.at, 0)?;
    Ok(Value::Int(all.len() as i64))
}

/// A `count`/`maxsplit` argument: `Some(0)` = unlimited, `None` = negative (as in Python,
/// no replacement or split at all).
fn count_arg(ctx: &NativeCtx<'_>, v: Value) -> RtResult<Option<usize>> {
    Ok(match v {
        Value::Null => Some(0),
        v => usize::try_from(int_arg(ctx.heap_ref(), v)?.saturating()).ok(),
    })
}

fn op_split(
    ctx: &mut NativeCtx<'_>,
    c: &Arc<Compiled>,
    text: Value,
    maxsplit: Value,
) -> RtResult<Value> {
    let t = str_arg(ctx, "split", text)?;
    let Some(limit) = count_arg(ctx, maxsplit)? else {
        let whole = ctx.alloc_str(&t)?;
        return new_array(ctx, vec![whole]);
    };
    let at = positions(ctx, &t)?;
    let s = Subject { text: &t, start: 0 };
    let all = find_all(ctx, c, &s, &at, limit)?;
    let mut out = Vec::new();
    let mut last = 0;
    for f in all {
        let (a, b) = f.whole();
        out.push(ctx.alloc_str(&t[last..a])?);
        for g in &f.spans[1..] {
            out.push(match g {
                Some((x, y)) => ctx.alloc_str(&t[*x..*y])?,
                None => Value::Null,
            });
        }
        last = b;
    }
    out.push(ctx.alloc_str(&t[last..])?);
    new_array(ctx, out)
}

/// One piece of a parsed replacement template.
enum Piece {
    Lit(String),
    Group(usize),
}

/// Parses a Python replacement template (`sre_parse.parse_template`).
fn parse_template(c: &Compiled, tpl: &str) -> RtResult<Vec<Piece>> {
    let p: Vec<char> = tpl.chars().collect();
    let groups = c.names.len();
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let err = |m: String| RtError::value_error(m);
    let group_ref = |n: usize, at: usize| {
        if n < groups {
            Ok(Piece::Group(n))
        } else {
            Err(err(format!("invalid group reference {n} at position {at}")))
        }
    };
    while i < p.len() {
        let ch = p[i];
        if ch != '\\' {
            lit.push(ch);
            i += 1;
            continue;
        }
        let start = i;
        let Some(&e) = p.get(i + 1) else {
            return Err(err(format!(
                "bad escape (end of pattern) at position {start}"
            )));
        };
        i += 2;
        let piece = match e {
            'g' => {
                if p.get(i) != Some(&'<') {
                    return Err(err(format!("missing < at position {i}")));
                }
                let Some(close) = p[i..].iter().position(|&x| x == '>') else {
                    return Err(err(format!(
                        "missing >, unterminated name at position {}",
                        i + 1
                    )));
                };
                let name: String = p[i + 1..i + close].iter().collect();
                i += close + 1;
                if name.is_empty() {
                    return Err(err(format!("missing group name at position {}", start + 3)));
                }
                if let Ok(n) = name.parse::<usize>() {
                    group_ref(n, start + 3)?
                } else {
                    match c.names.iter().position(|n| n.as_deref() == Some(&name)) {
                        Some(n) => Piece::Group(n),
                        None if name.chars().all(|x| x.is_alphanumeric() || x == '_') => {
                            return Err(RtError::new(
                                mlpy_vm::ErrorKind::IndexError,
                                format!("unknown group name '{name}'"),
                            ))
                        }
                        None => {
                            return Err(err(format!(
                                "bad character in group name '{name}' at position {}",
                                start + 3
                            )))
                        }
                    }
                }
            }
            '0' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && p.get(i).is_some_and(|x| x.is_digit(8)) {
                    v = v * 8 + p[i].to_digit(8).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                Piece::Lit(char::from_u32(v).unwrap_or('\0').to_string())
            }
            '1'..='9' => {
                let d1 = e.to_digit(10).unwrap_or(0);
                match p.get(i).and_then(|x| x.to_digit(10)) {
                    Some(d2) => {
                        let octal =
                            e <= '7' && p[i] <= '7' && p.get(i + 1).is_some_and(|x| x.is_digit(8));
                        if octal {
                            let v = d1 * 64 + d2 * 8 + p[i + 1].to_digit(8).unwrap_or(0);
                            i += 2;
                            if v > 0o377 {
                                return Err(err(format!(
                                    "octal escape value \\{e}{}{} outside of range 0-0o377 at position {start}",
                                    p[i - 2],
                                    p[i - 1]
                                )));
                            }
                            Piece::Lit(char::from_u32(v).unwrap_or('\0').to_string())
                        } else {
                            i += 1;
                            group_ref((d1 * 10 + d2) as usize, start + 1)?
                        }
                    }
                    None => group_ref(d1 as usize, start + 1)?,
                }
            }
            'n' => Piece::Lit("\n".into()),
            't' => Piece::Lit("\t".into()),
            'r' => Piece::Lit("\r".into()),
            'f' => Piece::Lit("\u{c}".into()),
            'v' => Piece::Lit("\u{b}".into()),
            'a' => Piece::Lit("\u{7}".into()),
            'b' => Piece::Lit("\u{8}".into()),
            '\\' => Piece::Lit("\\".into()),
            x if x.is_ascii_alphanumeric() => {
                return Err(err(format!("bad escape \\{x} at position {start}")))
            }
            x => Piece::Lit(format!("\\{x}")),
        };
        match piece {
            Piece::Lit(s) => lit.push_str(&s),
            g => {
                if !lit.is_empty() {
                    out.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                out.push(g);
            }
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}

fn expand_into(pieces: &[Piece], text: &str, f: &Found, out: &mut String) {
    for p in pieces {
        match p {
            Piece::Lit(s) => out.push_str(s),
            Piece::Group(i) => {
                if let Some((a, b)) = f.spans.get(*i).copied().flatten() {
                    out.push_str(&text[a..b]);
                }
            }
        }
    }
}

/// `sub`/`subn`: the new text and the number of replacements. A callable replacement is
/// called with the `Match` and must return a string.
fn op_sub(
    ctx: &mut NativeCtx<'_>,
    c: &Arc<Compiled>,
    repl: Value,
    text: Value,
    count: Value,
) -> RtResult<(String, usize)> {
    let t: Arc<str> = Arc::from(str_arg(ctx, "sub", text)?);
    let pieces = if repl.is_callable() {
        None
    } else {
        Some(parse_template(c, &str_arg(ctx, "sub", repl)?)?)
    };
    let Some(limit) = count_arg(ctx, count)? else {
        return Ok((t.to_string(), 0));
    };
    let at = positions(ctx, &t)?;
    let s = Subject { text: &t, start: 0 };
    let all = find_all(ctx, c, &s, &at, limit)?;
    let n = all.len();
    let mut out = String::with_capacity(t.len());
    let mut last = 0;
    for f in all {
        let (a, b) = f.whole();
        out.push_str(&t[last..a]);
        match &pieces {
            Some(p) => expand_into(p, &t, &f, &mut out),
            None => {
                let m = new_match(ctx, c, &t, &at, f)?;
                let r = ctx.call(repl, &[m])?;
                match ctx.str_of(r) {
                    Some(s) => out.push_str(s),
                    None => {
                        return Err(RtError::type_error(format!(
                            "expected str instance, {} found",
                            r.type_name(ctx.heap_ref())
                        )))
                    }
                }
            }
        }
        ctx.heap_ref().check(out.len())?;
        last = b;
    }
    out.push_str(&t[last..]);
    ctx.charge(out.len() as u64 / 16)?;
    Ok((out, n))
}

fn subn_result(ctx: &mut NativeCtx<'_>, (s, n): (String, usize)) -> RtResult<Value> {
    let r = ctx.alloc_str(&s)?;
    str_object(ctx, &[("result", r), ("count", Value::Int(n as i64))])
}

// ---- module functions ------------------------------------------------------------------------

fn compile(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("compile", args, 1, 2)?;
    let c = cached(ctx, "compile", args[0], opt(args, 1))?;
    new_pattern(ctx, c)
}

fn search(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("search", args, 2, 3)?;
    let c = cached(ctx, "search", args[0], opt(args, 2))?;
    op_single(ctx, &c, args[1], Value::Null, Value::Null, Mode::Search)
}

fn match_(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("match", args, 2, 3)?;
    let c = cached(ctx, "match", args[0], opt(args, 2))?;
    op_single(ctx, &c, args[1], Value::Null, Value::Null, Mode::Match)
}

fn fullmatch(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("fullmatch", args, 2, 3)?;
    let c = cached(ctx, "fullmatch", args[0], opt(args, 2))?;
    op_single(ctx, &c, args[1], Value::Null, Value::Null, Mode::Full)
}

fn test(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("test", args, 2, 3)?;
    let c = cached(ctx, "test", args[0], opt(args, 2))?;
    op_test(ctx, &c, args[1])
}

fn findall(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("findall", args, 2, 3)?;
    let c = cached(ctx, "findall", args[0], opt(args, 2))?;
    op_findall(ctx, &c, args[1], Value::Null, Value::Null)
}

fn finditer(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("finditer", args, 2, 3)?;
    let c = cached(ctx, "finditer", args[0], opt(args, 2))?;
    op_finditer(ctx, &c, args[1], Value::Null, Value::Null)
}

fn count(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("count", args, 2, 3)?;
    let c = cached(ctx, "count", args[0], opt(args, 2))?;
    op_count(ctx, &c, args[1])
}

fn split(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("split", args, 2, 4)?;
    let c = cached(ctx, "split", args[0], opt(args, 3))?;
    op_split(ctx, &c, args[1], opt(args, 2))
}

fn sub(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("sub", args, 3, 5)?;
    let c = cached(ctx, "sub", args[0], opt(args, 4))?;
    let (s, _) = op_sub(ctx, &c, args[1], args[2], opt(args, 3))?;
    ctx.alloc_str(&s)
}

fn subn(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("subn", args, 3, 5)?;
    let c = cached(ctx, "subn", args[0], opt(args, 4))?;
    let r = op_sub(ctx, &c, args[1], args[2], opt(args, 3))?;
    subn_result(ctx, r)
}

fn escape(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("escape", args, 1, 1)?;
    let t = str_arg(ctx, "escape", args[0])?;
    ctx.charge(1 + t.len() as u64 / 16)?;
    let mut out = String::with_capacity(t.len() * 2);
    for ch in t.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\u{b}\u{c}".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    ctx.alloc_str(&out)
}

fn is_valid(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("isValid", args, 1, 1)?;
    let Some(src) = ctx.str_of(args[0]).map(str::to_string) else {
        return Ok(Value::Bool(false));
    };
    ctx.charge(10 * src.len() as u64 + 10)?;
    Ok(Value::Bool(compile_pattern(&src, 0).is_ok()))
}

fn flag(args: &[Value], name: &str, v: i64) -> RtResult<Value> {
    arity(name, args, 0, 0)?;
    Ok(Value::Int(v))
}
fn flag_ignorecase(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    flag(args, "IGNORECASE", IGNORECASE)
}
fn flag_multiline(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    flag(args, "MULTILINE", MULTILINE)
}
fn flag_dotall(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    flag(args, "DOTALL", DOTALL)
}
fn flag_unicode(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    flag(args, "UNICODE", UNICODE)
}
fn flag_verbose(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    flag(args, "VERBOSE", VERBOSE)
}
fn flag_ascii(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    flag(args, "ASCII", ASCII)
}

// ---- Pattern methods (args[0] is the receiver) ---------------------------------------------

fn p_single(ctx: &mut NativeCtx<'_>, args: &[Value], name: &str, mode: Mode) -> RtResult<Value> {
    margs(args, name, 1, 3)?;
    let c = pattern_of(ctx, args[0])?;
    op_single(ctx, &c, args[1], opt(args, 2), opt(args, 3), mode)
}

fn p_search(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    p_single(ctx, args, "search", Mode::Search)
}
fn p_match(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    p_single(ctx, args, "match", Mode::Match)
}
fn p_fullmatch(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    p_single(ctx, args, "fullmatch", Mode::Full)
}

/// The method's own arguments (after the receiver), arity-checked.
fn margs<'a>(args: &'a [Value], name: &str, min: usize, max: usize) -> RtResult<&'a [Value]> {
    let Some((_, rest)) = args.split_first() else {
        return Err(RtError::type_error(format!("{name}() needs a receiver")));
    };
    arity(name, rest, min, max)?;
    Ok(rest)
}

fn p_findall(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "findall", 1, 3)?;
    let c = pattern_of(ctx, args[0])?;
    op_findall(ctx, &c, a[0], opt(a, 1), opt(a, 2))
}

fn p_finditer(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "finditer", 1, 3)?;
    let c = pattern_of(ctx, args[0])?;
    op_finditer(ctx, &c, a[0], opt(a, 1), opt(a, 2))
}

fn p_split(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "split", 1, 2)?;
    let c = pattern_of(ctx, args[0])?;
    op_split(ctx, &c, a[0], opt(a, 1))
}

fn p_sub(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "sub", 2, 3)?;
    let c = pattern_of(ctx, args[0])?;
    let (s, _) = op_sub(ctx, &c, a[0], a[1], opt(a, 2))?;
    ctx.alloc_str(&s)
}

fn p_subn(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "subn", 2, 3)?;
    let c = pattern_of(ctx, args[0])?;
    let r = op_sub(ctx, &c, a[0], a[1], opt(a, 2))?;
    subn_result(ctx, r)
}

fn p_test(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "test", 1, 1)?;
    let c = pattern_of(ctx, args[0])?;
    op_test(ctx, &c, a[0])
}

fn p_count(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "count", 1, 1)?;
    let c = pattern_of(ctx, args[0])?;
    op_count(ctx, &c, a[0])
}

fn p_get_pattern(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    margs(args, "getPattern", 0, 0)?;
    let c = pattern_of(ctx, args[0])?;
    ctx.alloc_str(&c.source)
}

fn p_get_flags(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    margs(args, "getFlags", 0, 0)?;
    Ok(Value::Int(pattern_of(ctx, args[0])?.flags))
}

fn p_to_string(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    margs(args, "toString", 0, 0)?;
    let c = pattern_of(ctx, args[0])?;
    let names: Vec<&str> = [
        (IGNORECASE, "IGNORECASE"),
        (MULTILINE, "MULTILINE"),
        (DOTALL, "DOTALL"),
        (VERBOSE, "VERBOSE"),
    ]
    .iter()
    .filter(|(bit, _)| c.flags & bit != 0)
    .map(|&(_, n)| n)
    .collect();
    let mut s = format!("Pattern({}", str_repr(&c.source));
    if !names.is_empty() {
        s.push_str(", flags=");
        s.push_str(&names.join(" | "));
    }
    s.push(')');
    ctx.alloc_str(&s)
}

// ---- Match methods ---------------------------------------------------------------------------

fn m_group(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "group", 0, 1)?;
    let g = a.first().copied().unwrap_or(Value::Int(0));
    let text = with_match(ctx, args[0], |m| {
        m.index(ctx, g)
            .and_then(|i| m.group_text(i))
            .map(str::to_string)
    })?;
    match text {
        Some(t) => ctx.alloc_str(&t),
        None => Ok(Value::Null),
    }
}

/// Group texts 1..n (`default` for non-participating groups).
fn group_texts(ctx: &NativeCtx<'_>, recv: Value) -> RtResult<Vec<Option<String>>> {
    with_match(ctx, recv, |m| {
        (1..m.found.spans.len())
            .map(|i| m.group_text(i).map(str::to_string))
            .collect()
    })
}

fn m_groups(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "groups", 0, 1)?;
    let default = opt(a, 0);
    let texts = group_texts(ctx, args[0])?;
    let mut out = Vec::with_capacity(texts.len());
    for t in texts {
        out.push(match t {
            Some(s) => ctx.alloc_str(&s)?,
            None => default,
        });
    }
    new_array(ctx, out)
}

fn m_group_dict(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "groupDict", 0, 1)?;
    let default = opt(a, 0);
    let named: Vec<(String, Option<String>)> = with_match(ctx, args[0], |m| {
        m.re.names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.clone().map(|n| (n, m.group_text(i).map(str::to_string))))
            .collect()
    })?;
    let mut pairs = Vec::with_capacity(named.len());
    for (k, v) in named {
        let kv = ctx.alloc_str(&k)?;
        let vv = match v {
            Some(s) => ctx.alloc_str(&s)?,
            None => default,
        };
        pairs.push((kv, vv));
    }
    mlpy_vm::methods::object_from_pairs(ctx.heap(), &pairs)
}

/// The char span of a group (`None` for an invalid or non-participating group).
fn span_of(ctx: &NativeCtx<'_>, args: &[Value], name: &str) -> RtResult<Option<(usize, usize)>> {
    let a = margs(args, name, 0, 1)?;
    let g = a.first().copied().unwrap_or(Value::Int(0));
    with_match(ctx, args[0], |m| m.index(ctx, g).and_then(|i| m.chars[i]))
}

fn m_start(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(
        span_of(ctx, args, "start")?.map_or(-1, |s| s.0 as i64),
    ))
}

fn m_end(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(
        span_of(ctx, args, "end")?.map_or(-1, |s| s.1 as i64),
    ))
}

fn m_span(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let (a, b) = span_of(ctx, args, "span")?.map_or((-1, -1), |(a, b)| (a as i64, b as i64));
    new_array(ctx, vec![Value::Int(a), Value::Int(b)])
}

fn m_value(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    margs(args, "value", 0, 0)?;
    let t = with_match(ctx, args[0], |m| m.group_text(0).unwrap_or("").to_string())?;
    ctx.alloc_str(&t)
}

fn m_last_group(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    margs(args, "lastGroup", 0, 0)?;
    // Python's lastindex: the group that closed last (latest end; the outer one on ties).
    let name = with_match(ctx, args[0], |m| {
        let mut best: Option<(usize, usize, usize)> = None;
        for (i, s) in m.found.spans.iter().enumerate().skip(1) {
            if let Some((a, b)) = *s {
                let better = match best {
                    None => true,
                    Some((_, ba, bb)) => b > bb || (b == bb && a < ba),
                };
                if better {
                    best = Some((i, a, b));
                }
            }
        }
        best.and_then(|(i, _, _)| m.re.names[i].clone())
    })?;
    match name {
        Some(n) => ctx.alloc_str(&n),
        None => Ok(Value::Null),
    }
}

fn m_group_count(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    margs(args, "groupCount", 0, 0)?;
    Ok(Value::Int(with_match(ctx, args[0], |m| {
        m.found.spans.len() as i64 - 1
    })?))
}

fn m_expand(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = margs(args, "expand", 1, 1)?;
    let tpl = str_arg(ctx, "expand", a[0])?;
    let (re, text, found) = with_match(ctx, args[0], |m| {
        (m.re.clone(), m.text.clone(), m.found.clone())
    })?;
    let pieces = parse_template(&re, &tpl)?;
    let mut out = String::new();
    expand_into(&pieces, &text, &found, &mut out);
    ctx.alloc_str(&out)
}

fn m_to_string(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    margs(args, "toString", 0, 0)?;
    let s = with_match(ctx, args[0], |m| {
        let (a, b) = m.chars[0].unwrap_or((0, 0));
        format!(
            "Match(value={}, span=[{a}, {b}])",
            str_repr(m.group_text(0).unwrap_or(""))
        )
    })?;
    ctx.alloc_str(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation() {
        assert_eq!(translate(r"(?P<y>\d+)-(?P=y)", 0), r"(?<y>\d+)-\k<y>");
        assert_eq!(translate(r"a\Z", 0), r"a\z");
        assert_eq!(translate(r"a$", 0), r"a(?=\n?\z)");
        assert_eq!(translate(r"a$", MULTILINE), r"(?m)a$");
        assert_eq!(translate(r"x{,2}{a}", 0), r"x{0,2}\{a\}");
        assert_eq!(translate(r"[[a&&b]", 0), r"[\[a\&\&b]");
        assert_eq!(translate(r"[]a]", 0), r"[\]a]");
        assert_eq!(translate(r"\d(?#c)", ASCII), r"[0-9]");
        assert_eq!(translate(r"\0", 0), r"\x{0}");
        assert_eq!(
            translate(r"\s[\s]\S", 0),
            r"[\s\x1C-\x1F][\s\x1C-\x1F][^\s\x1C-\x1F]"
        );
    }
}
