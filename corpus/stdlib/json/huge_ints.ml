// Ints past CPython's 4300-digit text limit (values.md §4.5) fail the same way in json and
// int() on both backends: a differential run found json.stringify writing them on the VM.
import json;
import math;

function show(f) {
    try {
        print(f());
    } except (e) {
        print(str(e));
    }
}

show(fn() => len(json.stringify(math.pow(10, 4299)))); // expect: 4300
show(fn() => json.stringify(math.pow(10, 4300))); // expect: JSON serialization failed: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit
show(fn() => json.prettyPrint([1, math.pow(10, 4400)])); // expect: JSON serialization failed: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit
o = {};
o[math.pow(10, 4400)] = 1;
show(fn() => json.stringify(o)); // expect: JSON serialization failed: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit
show(fn() => json.parse("-" + "1" * 4300) < 0); // expect: true
show(fn() => json.parse("1" * 4301)); // expect: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit
show(fn() => int("1" * 4301)); // expect: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit
show(fn() => int("-" + "2" * 4300) < 0); // expect: true
