// Common Python `re` patterns: both backends must agree with CPython.
import regex;
text = "Price: 12.50 USD, qty 3; id_9 x-ray naïve café 2024-01-05 $42 #tag a@b.co";
pats = ["\d+(\.\d+)?", "[A-Za-z_]\w*", "\bx\w*", "[^aeiou\s]+", "a{2,3}", "(?:ab)+", "\$\d+", "(?<!\$)\b\d+\b",
        "[\w.-]+@[\w-]+\.\w+", "\w+", "(\d{4})-(\d\d)-(\d\d)", "#(\w+)", "x*?y", "(?i)PRICE|usd",
        "\s*;\s*", "[.]", "[\]]", "[a\-z]", "\W+", "(?x) \d+ # digits", ".", "^P", "o$", "\AP", "B\Z"];
for (p in pats) {
    print(p, regex.findall(p, text));
}
// expect: \d+(\.\d+)? ['.50', '', '', '', '', '', '']
// expect: [A-Za-z_]\w* ['Price', 'USD', 'qty', 'id_9', 'x', 'ray', 'naïve', 'café', 'tag', 'a', 'b', 'co']
// expect: \bx\w* ['x']
// expect: [^aeiou\s]+ ['Pr', 'c', ':', '12.50', 'USD,', 'qty', '3;', 'd_9', 'x-r', 'y', 'n', 'ïv', 'c', 'fé', '2024-01-05', '$42', '#t', 'g', '@b.c']
// expect: a{2,3} []
// expect: (?:ab)+ []
// expect: \$\d+ ['$42']
// expect: (?<!\$)\b\d+\b ['12', '50', '3', '2024', '01', '05']
// expect: [\w.-]+@[\w-]+\.\w+ ['a@b.co']
// expect: \w+ ['Price', '12', '50', 'USD', 'qty', '3', 'id_9', 'x', 'ray', 'naïve', 'café', '2024', '01', '05', '42', 'tag', 'a', 'b', 'co']
// expect: (\d{4})-(\d\d)-(\d\d) [('2024', '01', '05')]
// expect: #(\w+) ['tag']
// expect: x*?y ['y', 'y']
// expect: (?i)PRICE|usd ['Price', 'USD']
// expect: \s*;\s* ['; ']
// expect: [.] ['.', '.']
// expect: [\]] []
// expect: [a\-z] ['-', 'a', 'a', 'a', '-', '-', 'a', 'a']
// expect: \W+ [': ', '.', ' ', ', ', ' ', '; ', ' ', '-', ' ', ' ', ' ', '-', '-', ' $', ' #', ' ', '@', '.']
// expect: (?x) \d+ # digits ['12', '50', '3', '9', '2024', '01', '05', '42']
// expect: . ['P', 'r', 'i', 'c', 'e', ':', ' ', '1', '2', '.', '5', '0', ' ', 'U', 'S', 'D', ',', ' ', 'q', 't', 'y', ' ', '3', ';', ' ', 'i', 'd', '_', '9', ' ', 'x', '-', 'r', 'a', 'y', ' ', 'n', 'a', 'ï', 'v', 'e', ' ', 'c', 'a', 'f', 'é', ' ', '2', '0', '2', '4', '-', '0', '1', '-', '0', '5', ' ', '$', '4', '2', ' ', '#', 't', 'a', 'g', ' ', 'a', '@', 'b', '.', 'c', 'o']
// expect: ^P ['P']
// expect: o$ ['o']
// expect: \AP ['P']
// expect: B\Z []
print(regex.split("\s*[,;]\s*", text)); // expect: ['Price: 12.50 USD', 'qty 3', 'id_9 x-ray naïve café 2024-01-05 $42 #tag a@b.co']
print(regex.sub("(\w+)@(\w+)", "\2 at \1", text)); // expect: Price: 12.50 USD, qty 3; id_9 x-ray naïve café 2024-01-05 $42 #tag b at a.co
print(regex.findall("^\w+", "one\ntwo\nthree", regex.MULTILINE()), regex.findall("\w+$", "one\ntwo\n"), regex.findall("(?m)^$", "a\n\nb")); // expect: ['one', 'two', 'three'] ['two'] ['']
print(regex.sub("(?P<w>\w+)", "<\g<w>>", "hi there", 1), regex.subn("\d", "#", "a1b2c3", 2)); // expect: <hi> there {'result': 'a#b#c3', 'count': 2}
print(regex.split("(\d)", "a1b2c"), regex.split("x*", "axbc"), regex.split("\s+", "  lead  trail  ")); // expect: ['a', '1', 'b', '2', 'c'] ['', 'a', '', 'b', 'c', ''] ['', 'lead', 'trail', '']
print(regex.findall("\s+", "a\u001cb\u00a0c\td"), regex.split("[\s,]+", "x,\u001fy"), regex.findall("\S+", "p\u001dq")); // expect: ['\x1c', '\xa0', '\t'] ['x', 'y'] ['p', 'q']
print(regex.findall("[\\b]", "a" + chr(8) + "b"), regex.findall("\\x41\\u0042", "AB"), regex.findall("a++", "aaa"), regex.findall("(?>a+)b", "aab")); // expect: ['\x08'] ['AB'] ['aaa'] ['aab']
print(regex.findall("(?s:.)", "\n"), regex.findall("(?i:A)b", "aB ab")); // expect: ['\n'] ['ab']
try { regex.compile("[\\d-z]"); } except (e) { print(e.type); } // expect: ValueError
