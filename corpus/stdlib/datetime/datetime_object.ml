import datetime;
d = datetime.create(2024, 2, 29, 13, 5, 9);
print(typeof(d), d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second()); // expect: DateTimeObject 2024 2 29 13 5 9
print(d.timestamp(), datetime.fromTimestamp(1700000000.5).toString(), datetime.from_timestamp(-86400).toString()); // expect: 1709211909.0 2023-11-14T22:13:20.500000 1969-12-31T00:00:00
print(d.format("%a %A %b %B %j %I %p %y %f %H:%M:%S %%")); // expect: Thu Thursday Feb February 060 01 PM 24 000000 13:05:09 %
print(d.format()); // expect: 2024-02-29 13:05:09
print(d.addHours(11).toString(), d.add_hours(-14).toString(), d.addMinutes(55).toString(), d.add_seconds(51).toString()); // expect: 2024-03-01T00:05:09 2024-02-28T23:05:09 2024-02-29T14:00:09 2024-02-29T13:06:00
print(d.addDays(1.5).toString(), d.add_days(-60).toString(), d.addMinutes(0.5).toString()); // expect: 2024-03-02T01:05:09 2023-12-31T13:05:09 2024-02-29T13:05:39
print(d.startOfDay().toString(), d.end_of_day().toString()); // expect: 2024-02-29T00:00:00 2024-02-29T23:59:59.999999
print(d.startOfMonth().toString(), d.start_of_month().toString(), d.end_of_month().toString()); // expect: 2024-02-01T00:00:00 2024-02-01T00:00:00 2024-02-29T23:59:59.999999
print(d.startOfYear().toString(), d.endOfYear().toString(), d.start_of_year().day(), d.end_of_year().month()); // expect: 2024-01-01T00:00:00 2024-12-31T23:59:59.999999 1 12
e = datetime.create(2024, 2, 29, 23, 0, 0);
print(d.isSameDay(e), d.is_same_day(d.addDays(1)), d.isBefore(e), d.isAfter(e), d.isSame(d.addSeconds(0)), e.isAfter(d)); // expect: true false true false true true
print(d.to_string(), d.toISOString(), d.date().toISOString(), d.time().hour(), d.time().minute(), d.time().second()); // expect: 2024-02-29T13:05:09 2024-02-29T13:05:09 2024-02-29 13 5 9
x = datetime.create(2024, 3, 1);
y = datetime.create(2024, 3, 2, 12);
print(x.diff(y).days(), x.diff(y).seconds(), x.diff(y).isNegative()); // expect: -2 43200 true
delta = datetime.createDelta(30);
print(datetime.create(2024, 1, 31, 10).add(delta).toString(), x.subtract(delta).toString()); // expect: 2024-03-01T10:00:00 2024-01-31T00:00:00
a = datetime.parseISO("2024-01-15T10:30:00+02:00");
print(a.timestamp(), a.toString(), a.format("%z %Z")); // expect: 1705307400.0 2024-01-15T10:30:00+02:00 +0200 UTC+02:00
z = datetime.parseISO("2024-01-15T08:30:00Z");
print(z.toString(), z.isSame(a), datetime.parseISO("2024-01-15").toString(), datetime.parseISO("2024-01-15 10:30:05.25").toString()); // expect: 2024-01-15T08:30:00+00:00 true 2024-01-15T00:00:00 2024-01-15T10:30:05.250000
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => a.isBefore(d)); // expect: TypeError: can't compare offset-naive and offset-aware datetimes
show(fn() => a.diff(d)); // expect: TypeError: can't subtract offset-naive and offset-aware datetimes
show(fn() => datetime.create(9999, 12, 31).addDays(1)); // expect: OverflowError: date value out of range
show(fn() => d.add(5)); // expect: TypeError: expected a TimeDelta object, not 'int'
