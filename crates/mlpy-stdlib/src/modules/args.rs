//! `args` (stdlib.md §14): the script arguments the host supplied
//! ([`crate::host::HostEnv::argv`]) and a small argument parser (`ArgParser`, `ParsedArgs`).
//!
//! Invariants: `all/script/rest` need `args.read` (VM-checked); `ArgParser.parse()` without an
//! argv reads the script arguments and checks `args.read` itself; parsed values are strings.

use super::access::{host_mut, host_ref, method_arity, opt_str_arg, str_arg};
use super::support::{arity, def, opt, reserve};
use crate::host::HostEnv;
use mlpy_vm::heap::HostObject;
use mlpy_vm::{ErrorKind, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use std::any::Any;

const READ: &[&str] = &["args.read"];

pub(crate) fn install(reg: &mut NativeRegistry) {
    super::support::add_all(
        reg,
        "args",
        "Command-line arguments supplied by the host",
        &[
            def(
                "all",
                all,
                READ,
                "The script path followed by its arguments",
            ),
            def("script", script, READ, "The script path"),
            def("rest", rest, READ, "The script arguments"),
            def(
                "create_parser",
                create_parser,
                &[],
                "Create an argument parser",
            ),
        ],
    );
    for d in [
        def("add_flag", add_flag, &[], "Declare a boolean flag"),
        def(
            "add_option",
            add_option,
            &[],
            "Declare an option taking a value",
        ),
        def(
            "add_positional",
            add_positional,
            &[],
            "Declare a positional argument",
        ),
        def("parse", parse, &[], "Parse arguments into ParsedArgs"),
        def("help", help, &[], "Usage text"),
    ] {
        reg.add_method("ArgParser", d.name, d);
    }
    for d in [
        def("has", has, &[], "Check whether an argument was given"),
        def("get", get, &[], "Value of an option, positional or flag"),
        def("get_bool", get_bool, &[], "Value of a flag"),
        def("flags", flags, &[], "Flags as an object"),
        def("options", options, &[], "Options as an object"),
        def(
            "positionals",
            positionals,
            &[],
            "Positional values in declaration order",
        ),
    ] {
        reg.add_method("ParsedArgs", d.name, d);
    }
}

fn argv(ctx: &mut NativeCtx<'_>) -> Vec<String> {
    ctx.host_data::<HostEnv>()
        .map(|h| h.argv.clone())
        .unwrap_or_default()
}

fn strings(ctx: &mut NativeCtx<'_>, items: &[String]) -> RtResult<Value> {
    reserve(ctx, items.len())?;
    let mut out = Vec::with_capacity(items.len());
    for s in items {
        out.push(ctx.heap().alloc_str(s)?);
    }
    Ok(ctx.heap().alloc_array(out)?)
}

fn all(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("all", args, 0, 0)?;
    let v = argv(ctx);
    strings(ctx, &v)
}

fn script(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("script", args, 0, 0)?;
    let v = argv(ctx);
    Ok(ctx.heap().alloc_str(v.first().map_or("", String::as_str))?)
}

fn rest(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("rest", args, 0, 0)?;
    let v = argv(ctx);
    strings(ctx, v.get(1..).unwrap_or(&[]))
}

// ---- ArgParser ----------------------------------------------------------------------------

struct Flag {
    name: String,
    short: Option<String>,
    help: String,
}

struct Opt {
    name: String,
    short: Option<String>,
    help: String,
    default: Value,
}

struct Positional {
    name: String,
    help: String,
    required: bool,
}

struct ArgParser {
    name: String,
    description: String,
    flags: Vec<Flag>,
    options: Vec<Opt>,
    positionals: Vec<Positional>,
}

impl HostObject for ArgParser {
    fn class_name(&self) -> &str {
        "ArgParser"
    }
    fn heap_size(&self) -> usize {
        let text = |s: &str| s.len() + 24;
        text(&self.name)
            + text(&self.description)
            + self
                .flags
                .iter()
                .map(|f| text(&f.name) + text(&f.help) + 32)
                .sum::<usize>()
            + self
                .options
                .iter()
                .map(|o| text(&o.name) + text(&o.help) + 48)
                .sum::<usize>()
            + self
                .positionals
                .iter()
                .map(|p| text(&p.name) + text(&p.help) + 8)
                .sum::<usize>()
    }
    fn trace(&self, out: &mut Vec<Value>) {
        out.extend(self.options.iter().map(|o| o.default));
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The result of `ArgParser.parse`.
struct ParsedArgs {
    /// Every declared flag (false unless given), plus `help` when given.
    flags: Vec<(String, bool)>,
    /// Options given or defaulted: string values, or a non-string default as given.
    options: Vec<(String, Value)>,
    positionals: Vec<(String, Value)>,
}

impl HostObject for ParsedArgs {
    fn class_name(&self) -> &str {
        "ParsedArgs"
    }
    fn heap_size(&self) -> usize {
        (self.flags.len() + self.options.len() + self.positionals.len()) * 48
    }
    fn trace(&self, out: &mut Vec<Value>) {
        out.extend(self.options.iter().map(|o| o.1));
        out.extend(self.positionals.iter().map(|p| p.1));
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn create_parser(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("create_parser", args, 0, 2)?;
    let name = opt_str_arg(ctx, "create_parser", args, 0)?.unwrap_or_default();
    let description = opt_str_arg(ctx, "create_parser", args, 1)?.unwrap_or_default();
    Ok(ctx.heap().alloc_host(Box::new(ArgParser {
        name,
        description,
        flags: Vec::new(),
        options: Vec::new(),
        positionals: Vec::new(),
    }))?)
}

/// Runs `f` on the parser receiver, then re-measures it for the memory budget.
fn with_parser(
    ctx: &mut NativeCtx<'_>,
    recv: Value,
    f: impl FnOnce(&mut ArgParser),
) -> RtResult<Value> {
    ctx.charge(1)?;
    ctx.heap_ref().check(256)?;
    f(host_mut::<ArgParser>(ctx.heap(), "ArgParser", recv)?);
    if let Some(g) = recv.gc() {
        ctx.heap().recharge(g)?;
    }
    Ok(Value::Null)
}

fn opt_text(ctx: &NativeCtx<'_>, func: &str, args: &[Value], i: usize) -> RtResult<String> {
    match opt(args, i) {
        Value::Null => Ok(String::new()),
        v => ctx
            .display(v)
            .map_err(|_| RtError::type_error(format!("{func}() argument {i} must be str"))),
    }
}

fn short_arg(
    ctx: &NativeCtx<'_>,
    func: &str,
    args: &[Value],
    i: usize,
) -> RtResult<Option<String>> {
    Ok(opt_str_arg(ctx, func, args, i)?
        .map(|s| s.trim_start_matches('-').to_string())
        .filter(|s| !s.is_empty()))
}

fn add_flag(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("add_flag", args, 1, 3)?;
    let name = str_arg(ctx, "add_flag", 1, args[1])?;
    let short = short_arg(ctx, "add_flag", args, 2)?;
    let help = opt_text(ctx, "add_flag", args, 3)?;
    with_parser(ctx, args[0], |p| p.flags.push(Flag { name, short, help }))
}

fn add_option(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("add_option", args, 1, 4)?;
    let name = str_arg(ctx, "add_option", 1, args[1])?;
    let short = short_arg(ctx, "add_option", args, 2)?;
    let help = opt_text(ctx, "add_option", args, 3)?;
    let default = opt(args, 4);
    with_parser(ctx, args[0], |p| {
        p.options.push(Opt {
            name,
            short,
            help,
            default,
        })
    })
}

fn add_positional(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("add_positional", args, 1, 3)?;
    let name = str_arg(ctx, "add_positional", 1, args[1])?;
    let help = opt_text(ctx, "add_positional", args, 2)?;
    let required = mlpy_vm::ops::truthy(ctx.heap_ref(), opt(args, 3));
    with_parser(ctx, args[0], |p| {
        p.positionals.push(Positional {
            name,
            help,
            required,
        })
    })
}

/// The outcome of parsing, before values are allocated.
struct Parsed {
    flags: Vec<(String, bool)>,
    options: Vec<(String, Option<String>, Value)>,
    positionals: Vec<(String, String)>,
}

fn set_flag(flags: &mut Vec<(String, bool)>, name: &str) {
    match flags.iter_mut().find(|f| f.0 == name) {
        Some(f) => f.1 = true,
        None => flags.push((name.to_string(), true)),
    }
}

fn set_option(options: &mut Vec<(String, Option<String>, Value)>, name: &str, value: &str) {
    match options.iter_mut().find(|o| o.0 == name) {
        Some(o) => o.1 = Some(value.to_string()),
        None => options.push((name.to_string(), Some(value.to_string()), Value::Null)),
    }
}

/// The parsing rules of stdlib.md §14.
fn run_parser(p: &ArgParser, argv: &[String]) -> RtResult<Parsed> {
    let mut flags: Vec<(String, bool)> = p.flags.iter().map(|f| (f.name.clone(), false)).collect();
    let mut options: Vec<(String, Option<String>, Value)> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let mut i = 0;
    let mut only_positionals = false;
    while i < argv.len() {
        let a = &argv[i];
        if only_positionals {
            values.push(a.clone());
        } else if a == "--" {
            only_positionals = true;
        } else if a == "--help" || a == "-h" {
            set_flag(&mut flags, "help");
        } else if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            if inline.is_none() && p.flags.iter().any(|f| f.name == name) {
                set_flag(&mut flags, name);
            } else if p.options.iter().any(|o| o.name == name) {
                let value = match inline {
                    Some(v) => v.to_string(),
                    None => {
                        i += 1;
                        argv.get(i).cloned().ok_or_else(|| {
                            RtError::value_error(format!("Option --{name} requires a value"))
                        })?
                    }
                };
                set_option(&mut options, name, &value);
            } else {
                return Err(RtError::value_error(format!("Unknown option: --{name}")));
            }
        } else if a.len() > 1 && a.starts_with('-') {
            for c in a[1..].chars() {
                let letter = c.to_string();
                if let Some(f) = p.flags.iter().find(|f| f.short.as_deref() == Some(&letter)) {
                    set_flag(&mut flags, &f.name);
                } else if let Some(o) = p
                    .options
                    .iter()
                    .find(|o| o.short.as_deref() == Some(&letter))
                {
                    i += 1;
                    let value = argv.get(i).cloned().ok_or_else(|| {
                        RtError::value_error(format!("Option --{} requires a value", o.name))
                    })?;
                    set_option(&mut options, &o.name, &value);
                } else if c == 'h' {
                    set_flag(&mut flags, "help");
                } else {
                    return Err(RtError::value_error(format!("Unknown option: -{c}")));
                }
            }
        } else {
            values.push(a.clone());
        }
        i += 1;
    }
    for o in &p.options {
        if !options.iter().any(|x| x.0 == o.name) && !matches!(o.default, Value::Null) {
            options.push((o.name.clone(), None, o.default));
        }
    }
    let mut positionals = Vec::new();
    for (k, decl) in p.positionals.iter().enumerate() {
        match values.get(k) {
            Some(v) => positionals.push((decl.name.clone(), v.clone())),
            None if decl.required => {
                return Err(RtError::value_error(format!(
                    "Required positional argument missing: {}",
                    decl.name
                )))
            }
            None => {}
        }
    }
    Ok(Parsed {
        flags,
        options,
        positionals,
    })
}

fn parse(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("parse", args, 0, 1)?;
    let argv: Vec<String> = match opt(args, 1) {
        Value::Null => {
            if !(ctx.is_granted("args.read") && ctx.use_capability("args.read")) {
                return Err(RtError::new(
                    ErrorKind::CapabilityError,
                    "ArgParser.parse() requires capability 'args.read'",
                ));
            }
            let all = argv(ctx);
            all.get(1..).unwrap_or(&[]).to_vec()
        }
        v => {
            let items = super::support::items(ctx, v)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(ctx.display(item)?);
            }
            out
        }
    };
    ctx.charge(argv.len() as u64)?;
    let parsed = run_parser(
        host_ref::<ArgParser>(ctx.heap_ref(), "ArgParser", args[0])?,
        &argv,
    )?;
    reserve(ctx, parsed.options.len() + parsed.positionals.len())?;
    let mut options = Vec::with_capacity(parsed.options.len());
    for (name, text, default) in parsed.options {
        let v = match text {
            Some(t) => ctx.heap().alloc_string(t)?,
            None => default,
        };
        ctx.keep(v);
        options.push((name, v));
    }
    let mut positionals = Vec::with_capacity(parsed.positionals.len());
    for (name, text) in parsed.positionals {
        let v = ctx.heap().alloc_string(text)?;
        ctx.keep(v);
        positionals.push((name, v));
    }
    Ok(ctx.heap().alloc_host(Box::new(ParsedArgs {
        flags: parsed.flags,
        options,
        positionals,
    }))?)
}

/// `format!("{s:<width}")` of Python's `ljust`.
fn ljust(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

fn help_text(ctx: &NativeCtx<'_>, p: &ArgParser) -> RtResult<String> {
    let mut lines: Vec<String> = Vec::new();
    if !p.name.is_empty() {
        lines.push(p.name.clone());
    }
    if !p.description.is_empty() {
        lines.push(p.description.clone());
    }
    lines.push(String::new());
    let mut usage = "Usage: script.ml [options]".to_string();
    for pos in &p.positionals {
        usage.push_str(&if pos.required {
            format!(" <{}>", pos.name)
        } else {
            format!(" [{}]", pos.name)
        });
    }
    lines.push(usage);
    if !p.positionals.is_empty() {
        lines.push(String::new());
        lines.push("Positional Arguments:".to_string());
        for pos in &p.positionals {
            let tag = if pos.required {
                "(required)"
            } else {
                "(optional)"
            };
            lines.push(format!("  {} {} {tag}", ljust(&pos.name, 18), pos.help));
        }
    }
    lines.push(String::new());
    lines.push("Options:".to_string());
    let lead = |short: &Option<String>| match short {
        Some(s) => format!("  -{s}, "),
        None => "      ".to_string(),
    };
    for f in &p.flags {
        lines.push(format!(
            "{}--{} {}",
            lead(&f.short),
            ljust(&f.name, 15),
            f.help
        ));
    }
    for o in &p.options {
        let mut line = format!(
            "{}{} {}",
            lead(&o.short),
            ljust(&format!("--{} VALUE", o.name), 15),
            o.help
        );
        if !matches!(o.default, Value::Null) {
            line.push_str(&format!(" (default: {})", ctx.display(o.default)?));
        }
        lines.push(line);
    }
    lines.push("  -h, --help         Show this help message".to_string());
    Ok(lines.join("\n"))
}

fn help(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("help", args, 0, 0)?;
    let parser = host_ref::<ArgParser>(ctx.heap_ref(), "ArgParser", args[0])?;
    let n = parser.flags.len() + parser.options.len() + parser.positionals.len();
    ctx.charge(1 + n as u64)?;
    let parser = host_ref::<ArgParser>(ctx.heap_ref(), "ArgParser", args[0])?;
    let text = help_text(ctx, parser)?;
    Ok(ctx.heap().alloc_string(text)?)
}

// ---- ParsedArgs ---------------------------------------------------------------------------

fn parsed<'h>(ctx: &'h NativeCtx<'_>, v: Value) -> RtResult<&'h ParsedArgs> {
    host_ref::<ParsedArgs>(ctx.heap_ref(), "ParsedArgs", v)
}

/// `get` lookup order: options, positionals, flags.
fn lookup(p: &ParsedArgs, name: &str) -> Option<Value> {
    p.options
        .iter()
        .chain(&p.positionals)
        .find(|(n, _)| n == name)
        .map(|(_, v)| *v)
        .or_else(|| {
            p.flags
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| Value::Bool(*b))
        })
}

fn has(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("has", args, 1, 1)?;
    let name = str_arg(ctx, "has", 1, args[1])?;
    let p = parsed(ctx, args[0])?;
    let given = p
        .options
        .iter()
        .chain(&p.positionals)
        .any(|(n, _)| *n == name)
        || p.flags.iter().any(|(n, b)| *n == name && *b);
    Ok(Value::Bool(given))
}

fn get(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("get", args, 1, 2)?;
    let name = str_arg(ctx, "get", 1, args[1])?;
    Ok(lookup(parsed(ctx, args[0])?, &name).unwrap_or(opt(args, 2)))
}

fn get_bool(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("get_bool", args, 1, 1)?;
    let name = str_arg(ctx, "get_bool", 1, args[1])?;
    let p = parsed(ctx, args[0])?;
    Ok(Value::Bool(p.flags.iter().any(|(n, b)| *n == name && *b)))
}

fn pairs_object(ctx: &mut NativeCtx<'_>, pairs: Vec<(String, Value)>) -> RtResult<Value> {
    reserve(ctx, pairs.len() * 3)?;
    let mut kv = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        let k = ctx.heap().alloc_string(k)?;
        kv.push((k, v));
    }
    mlpy_vm::methods::object_from_pairs(ctx.heap(), &kv)
}

fn flags(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("flags", args, 0, 0)?;
    let pairs: Vec<(String, Value)> = parsed(ctx, args[0])?
        .flags
        .iter()
        .map(|(n, b)| (n.clone(), Value::Bool(*b)))
        .collect();
    pairs_object(ctx, pairs)
}

fn options(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("options", args, 0, 0)?;
    let pairs = parsed(ctx, args[0])?.options.clone();
    pairs_object(ctx, pairs)
}

fn positionals(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("positionals", args, 0, 0)?;
    let values: Vec<Value> = parsed(ctx, args[0])?
        .positionals
        .iter()
        .map(|p| p.1)
        .collect();
    reserve(ctx, values.len())?;
    Ok(ctx.heap().alloc_array(values)?)
}
