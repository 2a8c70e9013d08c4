import datetime;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => datetime.create(2023, 2, 29)); // expect: RuntimeError: Invalid datetime components: day is out of range for month
show(fn() => datetime.create(2024, 13, 1)); // expect: RuntimeError: Invalid datetime components: month must be in 1..12
show(fn() => datetime.create(0, 1, 1)); // expect: RuntimeError: Invalid datetime components: year 0 is out of range
show(fn() => datetime.create(2024, 1, 1, 24)); // expect: RuntimeError: Invalid datetime components: hour must be in 0..23
show(fn() => datetime.create(2024, 1, 1, 0, 60)); // expect: RuntimeError: Invalid datetime components: minute must be in 0..59
show(fn() => datetime.create(2024, 1, 1, 0, 0, 60)); // expect: RuntimeError: Invalid datetime components: second must be in 0..59
show(fn() => datetime.create(2024, 1.5, 1)); // expect: RuntimeError: Invalid datetime components: 'float' object cannot be interpreted as an integer
show(fn() => datetime.create(2024, 1)); // expect: TypeError: create() takes at least 3 arguments (2 given)
show(fn() => datetime.createDate(2024, 4, 31)); // expect: RuntimeError: Invalid date: day is out of range for month
show(fn() => datetime.createTime(1, 2, 3, 1000000)); // expect: RuntimeError: Invalid time: microsecond must be in 0..999999
show(fn() => datetime.fromTimestamp(1e20)); // expect: RuntimeError: Invalid timestamp 1e+20: year is out of range
show(fn() => datetime.fromTimestamp("x")); // expect: RuntimeError: Invalid timestamp x: 'str' object cannot be interpreted as an integer
show(fn() => datetime.parseISO("2024-02-30")); // expect: RuntimeError: Invalid ISO datetime string '2024-02-30': day is out of range for month
show(fn() => datetime.parseISO("15/01/2024")); // expect: RuntimeError: Invalid ISO datetime string '15/01/2024': Invalid isoformat string: '15/01/2024'
dd = datetime.createDate(2024, 3, 9);
print(typeof(dd), dd.year(), dd.month(), dd.day(), dd.weekday(), dd.isWeekend(), dd.toISOString()); // expect: Date 2024 3 9 5 true 2024-03-09
print(dd.addDays(1).toISOString(), dd.subtractDays(9).toISOString(), dd.diff(datetime.createDate(2023, 3, 9)), datetime.createDate(2023, 3, 9).diff(dd)); // expect: 2024-03-10 2024-02-29 366 -366
t = datetime.createTime(7, 8, 9);
print(typeof(t), t.hour(), t.minute(), t.second(), datetime.createTime().hour()); // expect: Time 7 8 9 0
print(typeof(datetime.now()), typeof(datetime.now("UTC")), typeof(datetime.today())); // expect: DateTimeObject DateTimeObject Date
n = datetime.now();
print(n.isAfter(datetime.create(2020, 1, 1)), datetime.now("UTC").timestamp() - n.timestamp() < 5); // expect: true true
print(datetime.today().toISOString() == n.date().toISOString() || n.hour() == 0); // expect: true
