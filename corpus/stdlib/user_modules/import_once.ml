// `import a.b;` loads a/b.ml from the import roots (the program's directory here), once per run.
import _pkg._b;
import _pkg._c;
print(_pkg._b.twice(_pkg._b.value), _pkg._c.quad(1)); // expect: loading _pkg._b
// expect: 42 4
