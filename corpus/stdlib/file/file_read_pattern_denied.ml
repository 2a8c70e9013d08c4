// allow: file.read:corpus/stdlib/*.txt
import file;
print(len(file.readLines("corpus/stdlib/_data.txt"))); // expect: 2
try { file.read("corpus/stdlib/math_example.ml"); } except (e) { print(e.type); } // expect: CapabilityError
