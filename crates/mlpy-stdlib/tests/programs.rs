//! Builtins exercised through whole ML programs: `mlpy_syntax::parse` → `mlpy_ir::lower` →
//! the VM with `mlpy_stdlib::install`'s registry and the default grant set.

use mlpy_stdlib::capabilities::DefaultGrants;
use mlpy_vm::{
    CapabilityInfo, CapabilityPolicy, Limits, ModuleLoader, NativeRegistry, Vm, VmConfig,
};
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::ErrorKind::Other)?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How a test run is set up.
#[derive(Default)]
struct Setup {
    limits: Limits,
    stdin: Option<&'static str>,
    policy: Option<Arc<dyn CapabilityPolicy + Send + Sync>>,
    ml_modules: Vec<(String, String)>,
}

/// A module loader that only lists modules (enough for `available_modules`/`module_info`).
struct ListingLoader(Vec<(String, String)>);

impl ModuleLoader for ListingLoader {
    fn load(&mut self, _path: &str) -> Option<Result<(mlpy_ir::Program, String), String>> {
        None
    }
    fn exists(&mut self, path: &str) -> bool {
        self.0.iter().any(|(n, _)| n == path)
    }
    fn list(&mut self) -> Vec<(String, String)> {
        self.0.clone()
    }
}

/// Runs `src`; `Ok(stdout)` or `Err("Kind: message")` (with any output before it).
fn run_setup(src: &str, setup: Setup) -> Result<String, String> {
    let parse = mlpy_syntax::parse(src);
    assert!(
        parse.diagnostics().is_empty(),
        "syntax errors: {:?}",
        parse.diagnostics()
    );
    let lowered = mlpy_ir::lower(&parse.tree(), &mlpy_ir::LowerOptions::default());
    assert!(
        !lowered.has_errors(),
        "lowering errors: {:?}",
        lowered.diagnostics
    );
    let mut reg = NativeRegistry::new();
    mlpy_stdlib::install(&mut reg);
    let mut config = VmConfig::new(Arc::new(reg));
    config.capabilities = Some(setup.policy.unwrap_or_else(|| Arc::new(DefaultGrants)));
    config.limits = setup.limits;
    let mut vm = Vm::new(config);
    let out = Sink::default();
    vm.set_stdout(Box::new(out.clone()));
    if let Some(input) = setup.stdin {
        vm.set_stdin(Box::new(std::io::Cursor::new(input.as_bytes().to_vec())));
    }
    vm.set_module_loader(Box::new(ListingLoader(setup.ml_modules)));
    let loaded = vm.load(&lowered.program, src).expect("load");
    let result = vm.run(loaded);
    let text = String::from_utf8(out.0.lock().expect("sink").clone()).expect("utf-8 output");
    match result {
        Ok(_) => Ok(text),
        Err(e) => Err(format!("{text}{}: {}", e.kind, e.message)),
    }
}

fn run_with(src: &str, limits: Limits) -> Result<String, String> {
    run_setup(
        src,
        Setup {
            limits,
            ..Setup::default()
        },
    )
}

fn run(src: &str) -> Result<String, String> {
    run_with(src, Limits::default())
}

/// Asserts that `src` prints `want` (lines joined by "\n", trailing newline implied).
#[track_caller]
fn check(src: &str, want: &str) {
    assert_eq!(
        run(src).as_deref(),
        Ok(format!("{want}\n").as_str()),
        "program:\n{src}"
    );
}

/// Asserts that `src` fails with an error whose "Kind: message" text contains `want`.
#[track_caller]
fn check_err(src: &str, want: &str) {
    match run(src) {
        Ok(out) => panic!("expected error {want:?}, got output {out:?} for:\n{src}"),
        Err(e) => assert!(
            e.contains(want),
            "error {e:?} does not contain {want:?} for:\n{src}"
        ),
    }
}

#[test]
fn stdlib_section_2_examples() {
    check(
        r#"print(min("abc"), min(5), max(), sorted({b: 1, a: 2}), reversed({a: 1, b: 2}), len(null));
print(round(0.5), round(1.5), round(7), hex(-5), format(1234.5678, ",.2f"), call(max, 3, 9));
print(enumerate("ab", 1), range(3, 0, -1));"#,
        "abc 5 None ['a', 'b'] ['b', 'a'] 0\n0.0 2.0 7 -0x5 1,234.57 9\n[(1, 'a'), (2, 'b')] [3, 2, 1]",
    );
}

#[test]
fn values_md_conversion_examples() {
    check(
        r#"print(true, false, null, 1.0, 0.1 + 0.2, 1e16, 1e-5, 123456789.0, [1, "two", true, null, 2.5], {k: "v", n: {b: false}});
print(str(true), str(null), str([true]), "x" + true, "x" + null);"#,
        "true false None 1.0 0.30000000000000004 1e+16 1e-05 123456789.0 [1, 'two', True, None, 2.5] {'k': 'v', 'n': {'b': False}}\ntrue None [True] xTrue xNone",
    );
    check(
        r#"print(bool(0), bool(""), bool("0"), bool([]), bool({}), bool(null), bool([0]), !{k: 1});"#,
        "false false true false false false true false",
    );
    check(
        r#"print(repr("s"), repr(1), repr(true), repr([true]));
print(enumerate(["a"]), zip([1], [2]));"#,
        "'s' 1 true [True]\n[(0, 'a')] [(1, 2)]",
    );
    check("print();", "");
}

#[test]
fn conversions() {
    check(
        r#"print(int("3.9"), int(" 7 "), int("1e3"), int(-2.7), int(true), int("12345678901234567890"));
print(float("1e3"), float("-Infinity"), float(2), float("1_000"), float(false));
print(typeof(1), typeof(1.5), typeof("s"), typeof([]), typeof({}), typeof(null), typeof(len), typeof(true), typeof(zip([1],[2])[0]));
print(isinstance(1, "number"), isinstance("a", "number"), isinstance([], "array"));"#,
        "3 7 1000 -2 1 12345678901234567890\n1000.0 -inf 2.0 1000.0 0.0\nnumber number string array object unknown function boolean unknown\ntrue false true",
    );
    check_err(
        r#"int("abc");"#,
        "ValueError: invalid literal for int() with base 10: 'abc'",
    );
    check_err(
        r#"float("x");"#,
        "ValueError: could not convert string to float: 'x'",
    );
    check_err("int([1]);", "TypeError");
    check_err(
        "len();",
        "TypeError: len() takes exactly one argument (0 given)",
    );
}

#[test]
fn numbers() {
    check(
        "print(abs(-3), abs(-2.5), abs(true), abs(-9223372036854775807 - 1));",
        "3 2.5 1 9223372036854775808",
    );
    check(
        "print(round(2.5), round(3.14159, 2), round(2.675, 2), round(1234, -2), round(1250, -2), round(-0.4), round(true));",
        "2.0 3.14 2.67 1200 1200 -0.0 1",
    );
    check_err(
        r#"round("x");"#,
        "TypeError: type str doesn't define __round__ method",
    );
    check_err(
        "round(1.5, 1.5);",
        "TypeError: 'float' object cannot be interpreted as an integer",
    );
    check_err(
        r#"abs("x");"#,
        "TypeError: bad operand type for abs(): 'str'",
    );
    check(
        "print(hex(255), bin(5), oct(8), hex(-5), hex(true), hex(1180591620717411303424), bin(0));",
        "0xff 0b101 0o10 -0x5 0x1 0x400000000000000000 0b0",
    );
    check_err(
        "hex(1.5);",
        "TypeError: 'float' object cannot be interpreted as an integer",
    );
    check(
        r#"print(chr(65), chr(233), ord("a"), ord("€"), chr(128512));"#,
        "A é 97 8364 😀",
    );
    check_err(
        "chr(1114112);",
        "ValueError: chr() arg not in range(0x110000)",
    );
    check_err("chr(-1);", "ValueError: chr() arg not in range(0x110000)");
    check_err(
        r#"ord("ab");"#,
        "TypeError: ord() expected a character, but string of length 2 found",
    );
    check_err(
        "ord(5);",
        "TypeError: ord() expected string of length 1, but int found",
    );
}

#[test]
fn format_builtin() {
    check(
        r##"print(format(true, ""), format(3.14159, ".2f"), format(42, "05"), format("ab", "^6") + "|", format(255, "#x"), format(null), format([1, "a"]));"##,
        "True 3.14 00042   ab  | 0xff None [1, 'a']",
    );
    check_err(
        r#"format(1, "abc");"#,
        "ValueError: Invalid format specifier 'abc' for object of type 'int'",
    );
    check_err(
        r#"format([1], "5");"#,
        "TypeError: unsupported format string passed to list.__format__",
    );
    check_err(
        "format(1, 5);",
        "TypeError: format() argument 2 must be str, not int",
    );
}

#[test]
fn ranges() {
    check(
        "print(range(5), range(2, 5), range(0, 10, 3), range(5, 0, -2), range(0), range(3, 1), range(true));",
        "[0, 1, 2, 3, 4] [2, 3, 4] [0, 3, 6, 9] [5, 3, 1] [] [] [0]",
    );
    check(
        "print(range(18446744073709551616, 18446744073709551618));",
        "[18446744073709551616, 18446744073709551617]",
    );
    check_err(
        "range(1, 2, 0);",
        "ValueError: range() arg 3 must not be zero",
    );
    check_err(
        "range(1.5);",
        "TypeError: 'float' object cannot be interpreted as an integer",
    );
    check_err(
        "range();",
        "TypeError: range expected at least 1 argument, got 0",
    );
    check_err(
        "range(1, 2, 3, 4);",
        "TypeError: range expected at most 3 arguments, got 4",
    );
    check_err("x = range(9223372036854775807);", "MemoryLimit");
    check_err(
        "x = range(0 - 1208925819614629174706176, 1208925819614629174706176);",
        "MemoryLimit",
    );
}

#[test]
fn huge_work_is_metered() {
    let limits = Limits {
        fuel: Some(10_000),
        ..Limits::default()
    };
    assert!(run_with("x = range(1000000);", limits.clone())
        .unwrap_err()
        .contains("FuelExhausted"));
    assert!(run_with("x = sorted(range(100000));", limits.clone())
        .unwrap_err()
        .contains("FuelExhausted"));
    let limits = Limits {
        memory: Some(1 << 20),
        ..Limits::default()
    };
    assert!(run_with("x = range(10000000);", limits)
        .unwrap_err()
        .contains("MemoryLimit"));
}

#[test]
fn sequences() {
    check(
        r#"print(len("é€"), len([1, 2]), len({a: 1}), len(5), len(zip([1], [2])[0]));
print(enumerate({x: 1, y: 2}), enumerate([5], -1), zip("ab", [1, 2, 3]), zip(), zip([1]));
print(min([3, 1, 2]), max([3, 1, 2]), min([]), max(2, 7.5, 1), min("b", "a"), max([1, 1.0]), min([1.0, 1]));
print(sum([1, 2, 3]), sum([1.5, 2]), sum([], 5), sum([[1], [2]], []), sum([true, true]), sum([9223372036854775807, 1]));
print(sorted([3, 1, 2]), sorted("cab"), sorted([3, 1, 2], true), sorted([1, 1.0, true]), reversed([1, 2, 3]), reversed("abc"));
print(keys({a: 1, b: 2}), values({a: 1, b: 2}), all([]), any([]), all([1, "x"]), any([0, "", null]), any("a"));"#,
        "2 2 1 0 2\n[(0, 'x'), (1, 'y')] [(-1, 5)] [('a', 1), ('b', 2)] [] [(1,)]\n1 3 None 7.5 a 1 1.0\n6 3.5 5 [1, 2] 2 9223372036854775808\n[1, 2, 3] ['a', 'b', 'c'] [3, 2, 1] [1, 1.0, True] [3, 2, 1] ['c', 'b', 'a']\n['a', 'b'] [1, 2] true false true false true",
    );
    check_err(
        r#"sum(["a"]);"#,
        "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
    );
    check_err(
        r#"sum([1], "");"#,
        "TypeError: sum() can't sum strings [use ''.join(seq) instead]",
    );
    check_err(
        r#"sum([1], []);"#,
        "TypeError: can only concatenate list (not \"int\") to list",
    );
    check_err(
        r#"sorted([1, "a"]);"#,
        "TypeError: '<' not supported between instances of 'str' and 'int'",
    );
    check_err(
        r#"max(1, "a");"#,
        "TypeError: '>' not supported between instances of 'str' and 'int'",
    );
    check_err(
        "keys([1]);",
        "AttributeError: 'list' object has no attribute 'keys'",
    );
    check_err("enumerate(5);", "TypeError: 'int' object is not iterable");
    check_err("zip([1], 5);", "TypeError: 'int' object is not iterable");
    check_err("reversed(5);", "TypeError: 'int' object is not reversible");
}

#[test]
fn iterators() {
    check(
        r#"it = iter([1, 2]);
print(next(it), next(it), next(it, "done"), next(it, null), typeof(it));
s = iter("hé");
print(next(s), next(s), next(s, 0));
o = iter({a: 1, b: 2});
print(next(o), next(o));
z = iter([1, 2, 3, 4]);
print(zip(z, [10]), next(z));
a = iter([1, 0, 5]);
print(all(a), next(a));"#,
        "1 2 done None unknown\nh é 0\na b\n[(1, 10)] 3\nfalse 5",
    );
    check_err(
        "it = iter([]); next(it);",
        "RuntimeError: Iterator exhausted - use default parameter to avoid error",
    );
    check_err("next([1]);", "TypeError: 'list' object is not an iterator");
    check_err("iter(5);", "TypeError: 'int' object is not iterable");
}

#[test]
fn functions_and_attributes() {
    check(
        r#"function add(a, b) { return a + b; }
f = len;
print(callable(len), callable(add), callable(fn(x) => x), callable(5), callable("s".upper), f([1, 2]));
print(call(add, 2, 3), call(fn() => 7), call(builtin.len, "abc"), builtin.max(1, 4));
print(hasattr("s", "upper"), hasattr("s", "length"), hasattr({a: 1}, "a"), hasattr([], "append"), hasattr([], "_x"), hasattr(5, "real"));
print(getattr("abc", "upper")(), getattr("abc", "length", "no"), getattr({a: 1}, "a"), getattr([3, 1], "count")(3));
print(methods(zip([1], [2])[0]), methods(5), methods({f: add, x: 1}), len(methods("s")));"#,
        "true true true false true 2\n5 7 3 4\ntrue false false true false false\nABC no None 1\n['count', 'index'] [] ['f'] 30",
    );
    check_err(
        "call(5);",
        "TypeError: Cannot call object of type 'int': not callable",
    );
    check_err(
        "call();",
        "TypeError: call() missing 1 required positional argument: 'func'",
    );
    check_err(r#"call(fn(a) => a);"#, "TypeError");
}

#[test]
fn help_and_modules() {
    check(
        r#"print(help(len));
print(help(5), help("x"));
print(modules(), has_module("builtin"), has_module("nope"), requiredCapabilities(len), requiredCapabilities(fn(x) => x));
info = module_info("builtin");
print(info["name"], info["type"], info["loaded"], info["file_path"], len(info["functions"]));
print(module_info("nope"), available_modules("ml_source"));"#,
        "Get length of collection\nCapabilities: None required\nNo help available for 5 No help available for x\n['builtin'] true false [] []\nbuiltin builtin true None 46\nNone []",
    );
}

#[test]
fn capabilities() {
    check(
        r#"print(hasCapability("math.compute"), hasCapability("file.read"), hasCapability("datetime.now"), hasCapability(5));
caps = getCapabilities();
print(len(caps), caps[0], caps.count("file.read"));
info = getCapabilityInfo("json.parse");
print(info["type"], info["available"], info["usage_count"], info["patterns"], getCapabilityInfo("file.read"));"#,
        "true false true false\n18 collections.read 0\njson.parse true 0 None None",
    );
}

#[test]
fn input_reads_host_stdin() {
    assert_eq!(
        run(r#"input("name? ");"#).unwrap_err(),
        "name? EOFError: EOF when reading a line"
    );
    check(
        r#"try { input(); } except (e) { print(str(e)); }"#,
        "EOF when reading a line",
    );
    let setup = Setup {
        stdin: Some("Ada\r\nBob\n"),
        ..Setup::default()
    };
    assert_eq!(
        run_setup(
            r#"a = input("? "); b = input(); print(a + "|" + b); input();"#,
            setup
        )
        .unwrap_err(),
        "? Ada|Bob\nEOFError: EOF when reading a line"
    );
}

/// A host policy: defaults plus `file.read` restricted to a pattern, and an opaque name.
struct HostGrants;

impl CapabilityPolicy for HostGrants {
    fn is_granted(&self, c: &str) -> bool {
        DefaultGrants.is_granted(c) || c == "file.read" || c == "execute:calculations"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn granted_names(&self) -> Vec<String> {
        let mut v = DefaultGrants.granted_names();
        v.extend(["execute:calculations".to_string(), "file.read".to_string()]);
        v.sort();
        v
    }
    fn info(&self, c: &str) -> Option<CapabilityInfo> {
        match c {
            "file.read" => Some(CapabilityInfo {
                patterns: Some(vec!["./data/**/*.csv".into()]),
                operations: Some(vec!["read".into()]),
                usage_count: 3,
                max_usage: Some(10),
                expires_at: None,
            }),
            _ => self.is_granted(c).then(CapabilityInfo::default),
        }
    }
}

#[test]
fn capabilities_from_a_host_policy() {
    let setup = Setup {
        policy: Some(Arc::new(HostGrants)),
        ..Setup::default()
    };
    let out = run_setup(
        r#"caps = getCapabilities();
print(len(caps), caps.count("execute:calculations"), hasCapability("file.read"), hasCapability("file.write"));
print(getCapabilityInfo("file.read"));
print(getCapabilityInfo("file.write"));"#,
        setup,
    );
    assert_eq!(
        out.as_deref(),
        Ok("20 1 true false\n{'type': 'file.read', 'available': True, 'usage_count': 3, 'patterns': ['./data/**/*.csv'], 'operations': ['read'], 'max_usage': 10, 'expires_at': None}\nNone\n")
    );
}

#[test]
fn ml_source_modules_are_listed() {
    let setup = Setup {
        ml_modules: vec![("utils".into(), "/lib/utils.ml".into())],
        ..Setup::default()
    };
    let out = run_setup(
        r#"print(available_modules("ml_source"), available_modules().count("utils"), has_module("utils"));
print(module_info("utils"));"#,
        setup,
    );
    assert_eq!(
        out.as_deref(),
        Ok("['utils'] 1 true\n{'name': 'utils', 'type': 'ml_source', 'loaded': False, 'file_path': '/lib/utils.ml', 'functions': []}\n")
    );
}
