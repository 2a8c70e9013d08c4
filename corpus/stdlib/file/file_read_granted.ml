// allow: file.read
// Relative paths resolve against the working directory, which the runner sets to the
// repository root.
import file;
text = file.read("corpus/stdlib/_data.txt");
print(len(text), text.split("\n")); // expect: 23 ['first line', 'second line', '']
print(file.readLines("corpus/stdlib/_data.txt")); // expect: ['first line', 'second line']
