// stdlib.md §6 example (the runner passes --tz UTC).
import datetime;
d = datetime.create(2024, 2, 29, 13, 5, 9);
print(d.toString(), d.format("%d/%m/%Y"), d.weekday(), d.addDays(1).toISOString(), d.endOfMonth().toString()); // expect: 2024-02-29T13:05:09 29/02/2024 3 2024-03-01T13:05:09 2024-02-29T23:59:59.999999
delta = datetime.createDelta(1, 2, 3, 4);
print(delta.totalSeconds(), delta.days(), delta.seconds(), d.diff(datetime.create(2024, 1, 1)).days(), datetime.daysInMonth(2023, 2)); // expect: 93784.0 1 7384 59 28
