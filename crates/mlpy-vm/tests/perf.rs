//! Rough speed check (not a benchmark): `cargo test --release -p mlpy-vm --test perf -- --ignored --nocapture`.

mod common;
use std::time::Instant;

fn time(name: &str, src: &str, expected: &str) {
    let start = Instant::now();
    let r = common::run(src);
    let elapsed = start.elapsed();
    assert_eq!(r.out, expected);
    println!("{name}: {elapsed:?} (fuel {})", r.vm.stats().fuel_used);
}

#[test]
#[ignore]
fn fib_and_loops() {
    time(
        "fib(25)",
        "function fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }\nprint(fib(25));",
        "75025\n",
    );
    time(
        "loop 3M",
        "function f() { s = 0; for (i = 0; i < 3000000; i = i + 1) { s = s + i; } return s; }\nprint(f());",
        "4499998500000\n",
    );
    time(
        "global loop 1M",
        "s = 0; i = 0; while (i < 1000000) { s = s + i % 7; i = i + 1; }\nprint(s);",
        "2999997\n",
    );
    time(
        "array 1M",
        "function g() { a = []; for (i = 0; i < 1000000; i = i + 1) { a.append(i); } t = 0; for (x in a) { t = t + x; } return t; }\nprint(g());",
        "499999500000\n",
    );
}
