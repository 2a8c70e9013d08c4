import regex;
p = regex.compile("(?P<year>\d{4})-(?P<month>\d\d)(-(?P<day>\d\d))?");
print(typeof(p), p.pattern, p.getPattern(), p.getFlags(), p.toString()); // expect: Pattern (?P<year>\d{4})-(?P<month>\d\d)(-(?P<day>\d\d))? (?P<year>\d{4})-(?P<month>\d\d)(-(?P<day>\d\d))? 0 Pattern('(?P<year>\\d{4})-(?P<month>\\d\\d)(-(?P<day>\\d\\d))?')
m = p.search("on 2025-10 ok");
print(typeof(m), m.group(), m.group(0), m.group("year"), m.group(3), m.group(9), m.group("nope")); // expect: Match 2025-10 2025-10 2025 None None None
print(m.groups(), m.groups("-"), m.groupDict(), m.groupDict(0)); // expect: ['2025', '10', None, None] ['2025', '10', '-', '-'] {'year': '2025', 'month': '10', 'day': None} {'year': '2025', 'month': '10', 'day': 0}
print(m.start(), m.end(), m.start(2), m.end("month"), m.start(3), m.span(7), m.value(), m.groupCount(), m.lastGroup()); // expect: 3 10 8 10 -1 [-1, -1] 2025-10 4 month
print(m.expand("\g<month>/\g<year>"), p.search("2025-10-05").lastGroup()); // expect: 10/2025 None
print(p.match("x2025-10"), p.match("x2025-10", 1).value(), p.search("2025-10 2026-11", 1).value(), p.search("2025-10", 0, 6)); // expect: None 2025-10 2026-11 None
print(p.fullmatch("2025-10"). value(), p.fullmatch("2025-10x"), p.test("1999-12"), p.count("1999-12 2000-01")); // expect: 2025-10 None true 2
print(p.findall("1999-12-31 x 2000-01"), len(p.finditer("1999-12 2000-01")), p.split("a 1999-12 b"), p.sub("D", "1999-12!"), p.subn("D", "1999-12 2000-01")); // expect: [('1999', '12', '-31', '31'), ('2000', '01', '', '')] 2 ['a ', '1999', '12', None, None, ' b'] D! {'result': 'D D', 'count': 2}
q = regex.compile("ab", regex.IGNORECASE() + regex.MULTILINE() + regex.VERBOSE());
print(q.toString(), q.getFlags(), regex.compile("x", regex.DOTALL()).toString()); // expect: Pattern('ab', flags=IGNORECASE | MULTILINE | VERBOSE) 74 Pattern('x', flags=DOTALL)
print(hasattr(p, "pattern"), hasattr(m, "group"), hasattr(m, "nope"), methods(m)); // expect: true true false ['end', 'expand', 'group', 'groupCount', 'groupDict', 'groups', 'lastGroup', 'span', 'start', 'toString', 'value']
print(requiredCapabilities(regex.compile), requiredCapabilities(regex.search), requiredCapabilities(regex.escape)); // expect: ['regex.compile'] ['regex.match'] []
