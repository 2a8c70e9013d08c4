import regex;
m = regex.search("(\w+)@(\w+)", "mail bob@site now");
print(m.group(1), m.groups(), m.span(), m.toString()); // expect: bob ['bob', 'site'] [5, 13] Match(value='bob@site', span=[5, 13])
p = regex.compile("a+", regex.IGNORECASE());
print(p.findall("aAa b AA"), p.sub("X", "baAd"), regex.findall("(a)(b)", "abab"), regex.subn("o", "0", "foo")); // expect: ['aAa', 'AA'] bXd [('a', 'b'), ('a', 'b')] {'result': 'f00', 'count': 2}
print(regex.IGNORECASE(), regex.MULTILINE(), regex.DOTALL(), regex.UNICODE(), regex.VERBOSE(), regex.ASCII()); // expect: 2 8 16 32 64 256
print(regex.match("\d+", "123abc").value(), regex.match("\d+", "abc123"), regex.fullmatch("a|ab", "ab").value()); // expect: 123 None ab
print(regex.test("b", "abc"), regex.test("z", "abc"), regex.count("a", "banana"), regex.count("x*", "ab")); // expect: true false 3 3
print(regex.findall("\w*", "ab cd"), regex.findall("(\d)x", "1x2y3x"), regex.findall("(a)|(b)", "ab")); // expect: ['ab', '', 'cd', ''] ['1', '3'] [('a', ''), ('', 'b')]
print(len(regex.finditer("\d", "a1b22")), regex.finditer("\d", "a1b22")[2].span()); // expect: 3 [4, 5]
print(regex.split(",", "a,b,,c"), regex.split("(,)|(;)", "a,b;c"), regex.split(",", "a,b,c", 1), regex.split("\b", "a b")); // expect: ['a', 'b', '', 'c'] ['a', ',', None, 'b', None, ';', 'c'] ['a', 'b,c'] ['', 'a', ' ', 'b', '']
print(regex.sub("(\w+) (\w+)", "\2 \1", "hello world"), regex.sub("x*", "-", "abc"), regex.sub("a", "b", "aaa", 2)); // expect: world hello -a-b-c- bba
print(regex.sub("(?P<first>\w+) (?P<second>\w+)", "\g<second>/\g<1>\n!", "ab cd")); // expect: cd/ab
// expect: !
print(regex.sub("\d", fn(m) => "<" + m.value() + ">", "a1b2")); // expect: a<1>b<2>
print(regex.escape("a.b c-d*"), regex.isValid("(a"), regex.isValid("a+")); // expect: a\.b\ c\-d\* false true
print(regex.search("é(.)", "xéyé").span(), regex.search("(?i)HELLO", "say hello").start()); // expect: [1, 3] 4
print(regex.search("^b", "ab"), regex.search("^b", "a\nb", regex.MULTILINE()).start(), regex.search("a$", "a\n").span(), regex.search("a\Z", "a\n")); // expect: None 2 [0, 1] None
print(regex.search("(\w)\1", "abccd").value(), regex.search("(?P<c>\w)(?P=c)", "xyyz").group("c"), regex.search("(?<=a)b", "cbab").start()); // expect: cc y 3
print(regex.findall("a.c", "a\nc abc", regex.DOTALL()), regex.findall("\d", "1٣", regex.ASCII()), regex.findall("\d", "1٣")); // expect: ['a\nc', 'abc'] ['1'] ['1', '٣']
print(regex.findall("a {2}  # two as", "aa a", regex.VERBOSE()), regex.findall("x{,2}", "xxx"), regex.findall("{a}", "{a}")); // expect: ['aa'] ['xx', 'x', ''] ['{a}']
print(regex.sub("a", "b", "aaa", -1), regex.split("a", "bab", -1), regex.subn("a", "b", "aa", -2), regex.compile("a").findall("aaa", -5, 100)); // expect: aaa ['bab'] {'result': 'aa', 'count': 0} ['a', 'a', 'a']
