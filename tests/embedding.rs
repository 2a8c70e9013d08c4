//! The Rust embedding API as a host uses it (issue 9): a shared `Program` on many threads with
//! different globals, typed host functions and modules with capabilities, values in and out
//! through serde, calling ML from the host, evaluating entries in an instance, and every error
//! kind a host matches on (with its rendering).

use mlpy::{
    Engine, Error, HostError, HostFn, HostModule, LimitKind, Limits, OutputBuffer, Program,
    RunOptions, Source, Value,
};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn compile(engine: &Engine, text: &str) -> Program {
    match engine.compile(Source::new("test.ml", text)) {
        Ok(p) => p,
        Err(e) => panic!("does not compile:\n{}", e.render(false)),
    }
}

/// Runs with output captured; returns (result, output).
fn run(engine: &Engine, program: &Program, options: RunOptions) -> (Result<Value, Error>, String) {
    let out = OutputBuffer::new();
    let options = RunOptions {
        stdout: out.writer(),
        stderr: out.writer(),
        ..options
    };
    let result = engine.run(program, options).into_value();
    (result, out.contents())
}

fn eval(text: &str, limits: Limits) -> Result<Value, Error> {
    let engine = Engine::new();
    let program = engine.compile(Source::new("test.ml", text))?;
    run(&engine, &program, RunOptions::with_limits(limits)).0
}

#[test]
fn programs_and_engines_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    fn assert_send<T: Send>() {}
    assert_send_sync::<Program>();
    assert_send_sync::<Engine>();
    assert_send_sync::<Value>();
    assert_send_sync::<Error>();
    assert_send::<mlpy::Instance>();
}

#[test]
fn one_program_on_8_threads_x_1000_runs_sees_only_its_own_globals() {
    let mut engine = Engine::new();
    engine.declare_global("id").declare_global("tag");
    engine
        .register_fn("twice", |x: i64| Ok::<_, HostError>(x * 2))
        .unwrap();
    let program = compile(
        &engine,
        "items = [];\n\
         for (i in range(3)) { items.append(id * 10 + i); }\n\
         leak = tag;\n\
         result = {id: id, tag: tag + \"!\", items: items, twice: twice(id)};",
    );
    let engine = Arc::new(engine);
    let program = Arc::new(program);
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (engine, program) = (engine.clone(), program.clone());
            std::thread::spawn(move || {
                for run_no in 0..1000_i64 {
                    let id = t * 1_000_000 + run_no;
                    let tag = format!("t{t}-r{run_no}");
                    let options = RunOptions {
                        stdout: Box::new(std::io::sink()),
                        want_globals: true,
                        ..RunOptions::default()
                    }
                    .global("id", id)
                    .global("tag", tag.clone());
                    let result = engine.run(&program, options);
                    assert!(result.error.is_none(), "{:?}", result.error);
                    let expected = serde_json::json!({
                        "id": id, "tag": format!("{tag}!"),
                        "items": [id * 10, id * 10 + 1, id * 10 + 2], "twice": id * 2,
                    });
                    assert_eq!(serde_json::Value::from(result.value), expected);
                    let leak = result.globals.iter().find(|(n, _)| n == "leak");
                    assert_eq!(leak.map(|(_, v)| v), Some(&Value::Str(tag)));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a worker thread panicked");
    }
}

#[test]
fn typed_host_functions_convert_arguments_and_report_arity_and_type_errors() {
    let mut engine = Engine::new();
    engine
        .register_fn("add", |a: i64, b: i64| Ok::<_, HostError>(a + b))
        .unwrap()
        .register_fn("greet", |name: String, excited: Option<bool>| {
            Ok::<_, HostError>(format!(
                "hi {name}{}",
                if excited == Some(true) { "!" } else { "" }
            ))
        })
        .unwrap()
        .register_fn("total", |xs: Vec<f64>| {
            Ok::<_, HostError>(xs.iter().sum::<f64>())
        })
        .unwrap();
    let program = compile(
        &engine,
        "function kind(f) { try { f(); return \"ok\"; } except (e) { return e.type + \": \" + e.message; } }\n\
         print(add(2, 3), greet(\"ada\", true), greet(\"bob\", null), total([1, 2.5]));\n\
         print(kind(fn() => add(1)));\n\
         print(kind(fn() => add(1, \"x\")));\n\
         print(kind(fn() => total([1, \"x\"])));",
    );
    let (result, out) = run(&engine, &program, RunOptions::default());
    result.unwrap();
    assert_eq!(
        out,
        "5 hi ada! hi bob 3.5\n\
         TypeError: add() takes 2 positional arguments but 1 were given\n\
         TypeError: add() argument 2 must be int, not str\n\
         TypeError: total() argument 1 must be list, not list\n"
    );
}

#[test]
fn host_errors_are_catchable_ml_errors_and_uncaught_ones_end_the_run() {
    let mut engine = Engine::new();
    engine
        .register_fn("parse", |s: String| Ok::<_, HostError>(s.parse::<i64>()?))
        .unwrap()
        .register_fn("check", |n: i64| {
            if n < 0 {
                Err(HostError::value_error("negative"))
            } else {
                Ok(n)
            }
        })
        .unwrap();
    let program = compile(
        &engine,
        "try { parse(\"x\"); } except (e) { print(e.type, e.message); }\ncheck(-1);",
    );
    let (result, out) = run(&engine, &program, RunOptions::default());
    assert_eq!(out, "RuntimeError invalid digit found in string\n");
    match result {
        Err(Error::Runtime(e)) => {
            assert_eq!(
                (e.kind.as_str(), e.message.as_str()),
                ("ValueError", "negative")
            );
            assert_eq!((e.line, e.column), (2, 1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_panicking_host_function_fails_its_call_not_the_host() {
    let mut engine = Engine::new();
    engine
        .register_fn("boom", |n: i64| -> Result<i64, HostError> {
            if n > 0 {
                panic!("host bug");
            }
            Ok(n)
        })
        .unwrap();
    let program = compile(
        &engine,
        "try { boom(1); } except (e) { print(e.message); }\nresult = boom(0);",
    );
    let (result, out) = run(&engine, &program, RunOptions::default());
    assert_eq!(out, "host function boom() panicked\n");
    assert_eq!(result.unwrap(), Value::Int(0));
}

#[test]
fn host_functions_that_declare_a_capability_need_the_grant() {
    fn engine(grant: bool) -> Engine {
        let mut engine = Engine::new();
        engine
            .register_host_fn(
                "drop_table",
                HostFn::new(|name: String| Ok::<_, HostError>(format!("dropped {name}")))
                    .requires("db.write")
                    .doc("Drops a table"),
            )
            .unwrap();
        if grant {
            engine.grant_capability("db.write");
        }
        engine
    }
    let text = "result = drop_table(\"users\");";
    let denied = engine(false);
    let (result, _) = run(&denied, &compile(&denied, text), RunOptions::default());
    match result {
        Err(e @ Error::Capability(_)) => {
            assert_eq!(e.exit_code(), 4);
            assert!(e.to_string().contains("db.write"), "{e}");
            assert!(e.render(false).contains('^'));
        }
        other => panic!("{other:?}"),
    }
    let granted = engine(true);
    let (result, _) = run(&granted, &compile(&granted, text), RunOptions::default());
    assert_eq!(result.unwrap(), Value::Str("dropped users".into()));
}

#[test]
fn host_modules_are_imported_or_used_like_standard_modules() {
    let mut engine = Engine::new();
    engine
        .register_module(
            HostModule::new("units")
                .doc("Unit conversions")
                .function("km", |m: f64| Ok::<_, HostError>(m / 1000.0))
                .function("label", |v: f64, unit: String| {
                    Ok::<_, HostError>(format!("{v} {unit}"))
                }),
        )
        .unwrap();
    let imported = compile(
        &engine,
        "import units;\nresult = units.label(units.km(1500), \"km\");",
    );
    assert_eq!(
        run(&engine, &imported, RunOptions::default()).0.unwrap(),
        Value::Str("1.5 km".into())
    );
    let implicit = compile(&engine, "result = units.km(2000);");
    assert_eq!(
        run(&engine, &implicit, RunOptions::default()).0.unwrap(),
        Value::Float(2.0)
    );
    assert!(matches!(
        Engine::new().register_module(HostModule::new("math")),
        Err(Error::Host(_))
    ));
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Order {
    id: u32,
    items: Vec<String>,
    total: f64,
    rush: bool,
    note: Option<String>,
}

#[test]
fn serde_types_go_in_as_globals_and_come_out_as_results() {
    let mut engine = Engine::new();
    engine.declare_global("order");
    let program = compile(
        &engine,
        "order.items.append(\"gift wrap\");\n\
         order.total = order.total + 2.5;\n\
         order.rush = len(order.items) > 2;\n\
         result = order;",
    );
    let order = Order {
        id: 7,
        items: vec!["book".into(), "pen".into()],
        total: 10.0,
        rush: false,
        note: None,
    };
    let options = RunOptions::default().global("order", mlpy::to_value(&order).unwrap());
    let value = run(&engine, &program, options).0.unwrap();
    let back: Order = mlpy::from_value(value).unwrap();
    assert_eq!(
        back,
        Order {
            items: vec!["book".into(), "pen".into(), "gift wrap".into()],
            total: 12.5,
            rush: true,
            ..order
        }
    );
}

#[test]
fn globals_come_out_in_assignment_order_without_functions() {
    let engine = Engine::new();
    let program = compile(
        &engine,
        "b = 1; a = [1, [2, 3]]; function f() { return 1; } big = 1099511627776 * 1073741824; o = {x: null};",
    );
    let result = engine.run(
        &program,
        RunOptions {
            want_globals: true,
            ..RunOptions::default()
        },
    );
    let names: Vec<&str> = result.globals.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["b", "a", "big", "o"]);
    assert_eq!(
        result.globals[1].1,
        Value::from(serde_json::json!([1, [2, 3]]))
    );
    assert_eq!(
        serde_json::to_string(&result.globals[2].1).unwrap(),
        "1180591620717411303424"
    );
}

#[test]
fn syntax_errors_carry_every_diagnostic_and_render_with_carets() {
    let err = eval("x = ;\ny = (;\n", Limits::default()).unwrap_err();
    match &err {
        Error::Syntax { diagnostics, .. } => assert!(diagnostics.len() >= 2, "{diagnostics:?}"),
        other => panic!("{other:?}"),
    }
    let text = err.render(false);
    assert!(text.contains("test.ml:1:5: SyntaxError"), "{text}");
    assert!(text.contains("test.ml:2:"), "{text}");
    assert!(text.contains('^'), "{text}");
    assert_eq!(err.exit_code(), 1);
}

#[test]
fn runtime_errors_carry_the_ml_stack() {
    let err = eval(
        "function inner(x) { return x - 1; }\nfunction outer() { return inner(\"s\"); }\nouter();",
        Limits::default(),
    )
    .unwrap_err();
    let Error::Runtime(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.kind, "TypeError");
    let frames: Vec<&str> = e.stack.iter().map(|f| f.function.as_str()).collect();
    assert_eq!(frames, ["inner", "outer", "<module>"]);
    let text = err.render(false);
    assert!(text.contains("test.ml:1:28: TypeError"), "{text}");
    assert!(text.contains("at outer (test.ml:2:"), "{text}");
}

#[test]
fn security_findings_block_compiling() {
    let err = eval("result = eval(\"1\");", Limits::default()).unwrap_err();
    assert!(matches!(err, Error::Security { .. }), "{err:?}");
    assert_eq!(err.exit_code(), 4);
    assert!(err.render(false).contains("SecurityError"));
}

fn limit_of(text: &str, limits: Limits) -> LimitKind {
    match eval(text, limits) {
        Err(Error::Limit { limit, error }) => {
            assert!(error.line >= 1);
            limit
        }
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn each_limit_is_its_own_kind() {
    let tight = Limits::default;
    assert_eq!(
        limit_of(
            "while (true) {}",
            Limits {
                fuel: Some(10_000),
                ..tight()
            }
        ),
        LimitKind::Fuel
    );
    assert_eq!(
        limit_of(
            "while (true) {}",
            Limits {
                timeout: Some(Duration::from_millis(50)),
                ..tight()
            }
        ),
        LimitKind::Timeout
    );
    assert_eq!(
        limit_of(
            "s = \"x\"; while (true) { s = s + s; }",
            Limits {
                memory: 1 << 20,
                ..tight()
            }
        ),
        LimitKind::Memory
    );
    assert_eq!(
        limit_of(
            "function f(n) { return f(n + 1); } f(0);",
            Limits {
                max_depth: 50,
                ..tight()
            }
        ),
        LimitKind::Depth
    );
    assert_eq!(
        limit_of(
            "while (true) { print(\"spam\"); }",
            Limits {
                max_output: Some(100),
                ..tight()
            }
        ),
        LimitKind::Output
    );
    let err = eval(
        "while (true) {}",
        Limits {
            fuel: Some(10_000),
            ..tight()
        },
    )
    .unwrap_err();
    assert_eq!(err.exit_code(), 3);
    assert!(err.render(false).contains("FuelExhausted"));
}

#[test]
fn engine_default_limits_apply_to_its_options() {
    let mut engine = Engine::new();
    engine.set_default_limits(Limits {
        fuel: Some(5_000),
        ..Limits::untrusted()
    });
    let program = compile(&engine, "while (true) {}");
    let result = engine.run(&program, engine.options());
    assert!(matches!(
        result.error,
        Some(Error::Limit {
            limit: LimitKind::Fuel,
            ..
        })
    ));
}

#[test]
fn the_interrupt_flag_stops_a_run_from_another_thread() {
    let engine = Engine::new();
    let program = compile(&engine, "while (true) {}");
    let flag = Arc::new(AtomicBool::new(false));
    let setter = flag.clone();
    let started = Instant::now();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        setter.store(true, Ordering::SeqCst);
    });
    let result = engine.run(
        &program,
        RunOptions {
            interrupt: Some(flag),
            ..RunOptions::default()
        },
    );
    assert!(matches!(
        result.error,
        Some(Error::Limit {
            limit: LimitKind::Interrupted,
            ..
        })
    ));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn the_host_calls_ml_functions_of_an_instance_with_fresh_budgets() {
    let engine = Engine::new();
    let program = compile(
        &engine,
        "state = {calls: 0};\n\
         function area(w, h) { state.calls = state.calls + 1; return {area: w * h, calls: state.calls}; }\n\
         function spin(n) { i = 0; while (i < n) { i = i + 1; } return i; }\n\
         function fail() { return [][1]; }",
    );
    let limits = Limits {
        fuel: Some(50_000),
        ..Limits::default()
    };
    let mut instance = engine
        .instantiate(&program, RunOptions::with_limits(limits))
        .unwrap();
    let v = instance.call("area", &[3.into(), 4.5.into()]).unwrap();
    assert_eq!(
        v,
        Value::from(serde_json::json!({"area": 13.5, "calls": 1}))
    );
    instance.call("area", &[1.into(), 1.into()]).unwrap();
    let state = instance.global("state").unwrap().unwrap_or_default();
    assert_eq!(state.get("calls"), Some(&Value::Int(2)));
    // Each call gets the whole fuel budget again: 10 calls of ~20k ticks each succeed.
    for _ in 0..10 {
        assert_eq!(
            instance.call("spin", &[5000.into()]).unwrap(),
            Value::Int(5000)
        );
    }
    assert!(matches!(
        instance.call("spin", &[10_000_000.into()]),
        Err(Error::Limit {
            limit: LimitKind::Fuel,
            ..
        })
    ));
    match instance.call("fail", &[]) {
        Err(Error::Runtime(e)) => {
            assert_eq!(e.kind, "IndexError");
            let frames: Vec<&str> = e.stack.iter().map(|f| f.function.as_str()).collect();
            assert_eq!(frames, ["fail"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        instance.call("area", &[1.into()]),
        Err(Error::Runtime(_))
    ));
    assert!(matches!(instance.call("nope", &[]), Err(Error::Host(_))));
    // Still usable after every kind of failure.
    assert_eq!(instance.call("spin", &[3.into()]).unwrap(), Value::Int(3));
}

#[test]
fn instance_entries_share_variables_and_functions_both_ways() {
    let engine = Engine::new();
    let out = OutputBuffer::new();
    let options = RunOptions {
        stdout: out.writer(),
        ..RunOptions::default()
    };
    let mut session = engine.session(options).unwrap();
    let mut eval = |text: &str| {
        session
            .eval(Source::new("<repl>", text))
            .map(|e| e.repr)
            .map_err(|e| e.to_string())
    };
    assert_eq!(eval("x = 1;"), Ok(None));
    assert_eq!(eval("function getx() { return x; }"), Ok(None));
    assert_eq!(eval("x = x + 11;"), Ok(None));
    assert_eq!(eval("getx();"), Ok(Some("12".into())));
    assert_eq!(eval("x;"), Ok(Some("12".into())));
    assert_eq!(eval("\"s\";"), Ok(Some("'s'".into())));
    assert_eq!(eval("[true, null];"), Ok(Some("[True, None]".into())));
    assert_eq!(eval("print(1);"), Ok(None));
    assert!(eval("y = undefined_name;")
        .unwrap_err()
        .contains("Unknown identifier"));
    assert!(eval("z = 1 / 0;")
        .unwrap_err()
        .contains("ZeroDivisionError"));
    assert_eq!(eval("x + 1;"), Ok(Some("13".into())));
    assert_eq!(eval("_;"), Ok(Some("13".into())));
    let names: Vec<String> = session
        .globals()
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["x", "_"]);
    assert_eq!(out.contents(), "1\n");
}

#[test]
fn values_that_cannot_cross_are_errors_not_panics() {
    // A self-containing array cannot be copied out: a run's result becomes null (the run
    // itself succeeded), a host call's result is a depth error.
    let text = "a = [1]; a.append(a); result = a; function cyclic() { return a; }";
    assert_eq!(eval(text, Limits::default()).unwrap(), Value::Null);
    let engine = Engine::new();
    let program = compile(&engine, text);
    let options = RunOptions::default();
    let mut instance = engine.instantiate(&program, options).unwrap();
    assert!(matches!(
        instance.call("cyclic", &[]),
        Err(Error::Limit {
            limit: LimitKind::Depth,
            ..
        })
    ));
    let mut engine = Engine::new();
    assert!(matches!(
        engine.register_fn("not a name", || Ok::<_, HostError>(())),
        Err(Error::Host(_))
    ));
    // No fixed limit: 1000 host functions, each reaching its own closure.
    for i in 0..1000i64 {
        engine
            .register_fn(&format!("f{i}"), move || Ok::<_, HostError>(i))
            .unwrap();
    }
    let program = compile(&engine, "print(f0() + f1() + f500() + f999());");
    let (result, output) = run(&engine, &program, RunOptions::default());
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(output, "1500\n");
}
