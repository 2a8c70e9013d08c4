//! Golden bytecode (expect-test; `UPDATE_EXPECT=1 cargo test -p mlpy-vm --test disasm` refreshes).

mod common;
use expect_test::{expect, Expect};

fn check(src: &str, expected: Expect) {
    let program = common::lower(src);
    let text = mlpy_vm::disassemble(&program, src).expect("compiles");
    expected.assert_eq(&text);
}

#[test]
fn instruction_size_is_pinned() {
    assert_eq!(std::mem::size_of::<mlpy_vm::bytecode::Instr>(), 8);
}

#[test]
fn fib() {
    check(
        "function fib(n) {\n  if (n < 2) { return n; }\n  return fib(n - 1) + fib(n - 2);\n}\nprint(fib(25));\n",
        expect![[r#"
            function #1 <module> (params=0, regs=4, cells=0)
               0    1  LOADNULL r0
               1       CLOSURE r1 #0
               2       SETGLOBALRES g0 r1 r0
               3    5  LOADK r1 k0 ; builtin print
               4       GETGLOBAL r2 g0
               5       LOADINT r3 25
               6       CALL r2 1
               7       CALL r1 1
               8    1  RETURN r0

            function #0 fib (params=1, regs=5, cells=0)
               0    2  BRLTK r0 k0 else -> 5 ; 2
               1       SKIPIFLT r0 r1
               2       JUMP -> 5
               3       RETURN r0
               4       JUMP -> 5
               5    3  GETGLOBAL r2 g0
               6       SUBI r3 r0 1
               7       CALL r2 1
               8       GETGLOBAL r3 g0
               9       SUBI r4 r0 2
              10       CALL r3 1
              11       ADD r1 r2 r3
              12       RETURN r1
              13    1  RETURNNULL
        "#]],
    );
}

#[test]
fn loops_and_folding() {
    check("s = 0;\nfor (i = 0; i < 10; i = i + 1) { s = s + i * (2 + 3); }\nfor (x in [1, -2]) { print(x); }\n", expect![[r#"
        function #0 <module> (params=0, regs=7, cells=0)
           0    1  LOADNULL r0
           1       LOADINT r1 0
           2       SETGLOBALRES g0 r1 r0
           3    2  LOADINT r1 0
           4       SETGLOBALRES g1 r1 r0
           5       GETGLOBAL r1 g0
           6       GETGLOBAL r2 g1
           7       BRLTK r2 k2 else -> 17 ; 10
           8       SKIPIFLT r2 r3
           9       JUMP -> 17
          10       MULK r3 r2 k1 ; 5
          11       MUL r3 r2 r4
          12       ADD r1 r1 r3
          13       MOVE r0 r1
          14       ADDI r2 r2 1
          15       MOVE r0 r2
          16       LOOPLTK r2 k2 -> 10 ; 10
          17       SETGLOBAL g0 r1
          18       SETGLOBAL g1 r2
          19    3  LOADINT r5 1
          20       LOADINT r6 -2
          21       NEWARRAY r1 r5 2
          22       FORPREP r1
          23       FORNEXT r1 -> 29
          24       SETGLOBAL g2 r4
          25       LOADK r5 k0 ; builtin print
          26       GETGLOBAL r6 g2
          27       CALL r5 1
          28       JUMPBACK -> 23
          29    1  RETURN r0
          try [7, 17) => 0 store g0 r1 (depth 0)
          try [7, 17) => 0 store g1 r2 (depth 0)
    "#]]);
}

#[test]
fn closures_and_cells() {
    check(
        "function make() {\n  n = 0;\n  return fn() => { nonlocal n; n = n + 1; return n; };\n}\n",
        expect![[r#"
            function #2 <module> (params=0, regs=2, cells=0)
               0    1  LOADNULL r0
               1       CLOSURE r1 #1
               2       SETGLOBALRES g0 r1 r0
               3       RETURN r0

            function #0 <lambda> (params=0, regs=2, cells=1)
               0    3  GETCELL r1 c0
               1       ADDI r0 r1 1
               2       SETCELL c0 r0
               3       GETCELL r0 c0
               4       RETURN r0
               5       RETURNNULL

            function #1 make (params=0, regs=2, cells=1)
               0    2  LOADINT r1 0
               1       SETCELL c0 r1
               2    3  CLOSURE r1 #0
               3       RETURN r1
               4    1  RETURNNULL
        "#]],
    );
}

#[test]
fn try_finally_with_return() {
    check(
        "function f(x) {\n  try { return x; } except (e) { print(e); } finally { print(1); }\n}\n",
        expect![[r#"
            function #1 <module> (params=0, regs=2, cells=0)
               0    1  LOADNULL r0
               1       CLOSURE r1 #0
               2       SETGLOBALRES g0 r1 r0
               3       RETURN r0

            function #0 f (params=1, regs=6, cells=0)
               0    2  MOVE r2 r0
               1       FINALLYEXIT 0
               2       JUMP -> 10
               3       JUMP -> 9
               4       MOVE r1 r3
               5       LOADK r4 k0 ; builtin print
               6       MOVE r5 r1
               7       CALL r4 1
               8       UNBIND r1
               9       FINALLYNORMAL
              10       LOADK r3 k0 ; builtin print
              11       LOADINT r4 1
              12       CALL r3 1
              13       ENDFINALLY exits#0
              14       JUMP -> 16
              15       RETURN r2
              16    1  RETURNNULL
              try [0, 3) => 4 except -> r3 (depth 0)
              try [5, 8) => 0 unbind Reg(1) (depth 0)
              try [0, 9) => 10 finally (depth 0)
              exits #0: [15]
        "#]],
    );
}

#[test]
fn maybe_unbound_local_is_checked() {
    check(
        "function g(c) {\n  if (c) { y = 1; }\n  return y;\n}\n",
        expect![[r#"
            function #1 <module> (params=0, regs=2, cells=0)
               0    1  LOADNULL r0
               1       CLOSURE r1 #0
               2       SETGLOBALRES g0 r1 r0
               3       RETURN r0

            function #0 g (params=1, regs=2, cells=0)
               0    2  JUMPIFFALSE r0 -> 3
               1       LOADINT r1 1
               2       JUMP -> 3
               3    3  CHECKLOCAL r1
               4       RETURN r1
               5    1  RETURNNULL
        "#]],
    );
}
