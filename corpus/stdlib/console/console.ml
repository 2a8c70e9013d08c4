import console;
console.log("n", 1, 2.5, true, null, [true, "s"], {a: null}); // expect: n 1 2.5 True None [True, 's'] {'a': None}
console.info("ready", 3); // expect: INFO: ready 3
console.debug("x"); // expect: DEBUG: x
console.log(); // expect:
console.warn("careful");
console.error("bad", false);
console.warn();
print("after"); // expect: after
print(console.log("z")); // expect: z
// expect: None
