import console;
console.log(true, null, [false]); // expect: True None [False]
console.log("n", 1, true, null, [true]); // expect: n 1 True None [True]
console.info("ready"); // expect: INFO: ready
console.log(); // expect:
