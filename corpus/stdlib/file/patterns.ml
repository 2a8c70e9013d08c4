// allow: file.read:corpus/stdlib/*.txt
// Relative patterns resolve against the working directory (the repository root); `..` and
// absolute paths are checked in canonical form.
import file;
print(file.readLines("corpus/stdlib/_data.txt")); // expect: ['first line', 'second line']
print(file.readLines("corpus/stdlib/file/../_data.txt")); // expect: ['first line', 'second line']
function show(f) { try { f(); } except (e) { print(e.type); } }
show(fn() => file.read("corpus/stdlib/file/patterns.ml")); // expect: CapabilityError
show(fn() => file.read("corpus/stdlib/../../Cargo.toml")); // expect: CapabilityError
show(fn() => file.read("/etc/passwd")); // expect: CapabilityError
show(fn() => file.read("/proc/self/environ")); // expect: CapabilityError
show(fn() => file.write("corpus/stdlib/_data.txt", "x")); // expect: CapabilityError
