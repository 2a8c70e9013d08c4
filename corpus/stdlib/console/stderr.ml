// console.warn / console.error write to stderr, so the first stderr line is the warning; the
// program then ends with an uncaught error (exit 1).
import console;
console.warn("careful", 1); // expect error: WARNING: careful 1
x = 1 / 0;
