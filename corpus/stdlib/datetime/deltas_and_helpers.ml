import datetime;
t = datetime.createDelta(-1, 2);
print(typeof(t), t.days(), t.seconds(), t.totalSeconds(), t.totalMinutes(), t.totalHours(), t.totalDays()); // expect: TimeDelta -1 7200 -79200.0 -1320.0 -22.0 -0.9166666666666666
h = datetime.createDelta(0, 1.5);
print(h.totalSeconds(), h.multiply(2.5).totalSeconds(), h.multiply(-2).totalHours(), datetime.createDelta(0, 0, 0, -5).abs().totalSeconds()); // expect: 5400.0 13500.0 -3.0 5.0
print(h.add(t).totalSeconds(), h.subtract(h).totalSeconds(), h.isNegative(), t.isNegative(), datetime.createDelta().totalSeconds()); // expect: -73800.0 0.0 false true 0.0
try { datetime.createDelta(1000000000); } except (e) { print(e.type + ": " + str(e)); } // expect: OverflowError: days=1000000000; must have magnitude <= 999999999
print(datetime.daysInMonth(2024, 2), datetime.days_in_month(2023, 4), datetime.daysInMonth(2023, 13), datetime.daysInMonth(2023, 0)); // expect: 29 30 0 0
print(datetime.isLeapYear(2000), datetime.isLeapYear(1900), datetime.isLeapYear(2024), datetime.isLeapYear(2023)); // expect: true false true false
b = datetime.create(1990, 6, 15);
print(datetime.calculateAge(b, datetime.create(2024, 6, 14)), datetime.calculate_age(b, datetime.createDate(2024, 6, 15)), datetime.calculateAge(b) >= 34); // expect: 33 34 true
fri = datetime.create(2024, 3, 1, 9, 30);
print(datetime.addBusinessDays(fri, 1).toString(), datetime.add_business_days(fri, -5).toString(), datetime.addBusinessDays(fri, 0) == fri); // expect: 2024-03-04T09:30:00 2024-02-23T09:30:00 true
print(datetime.addBusinessDays(datetime.create(2024, 3, 2), 5).toString(), datetime.addBusinessDays(datetime.createDate(2024, 3, 4), 23).toISOString()); // expect: 2024-03-08T00:00:00 2024-04-04
print(datetime.businessDaysBetween(fri, datetime.create(2024, 3, 10)), datetime.business_days_between(datetime.create(2024, 3, 10), fri), datetime.businessDaysBetween(datetime.create(2024, 3, 2), datetime.create(2024, 3, 3))); // expect: 6 6 0
print(datetime.isWeekend(fri), datetime.is_weekend(datetime.createDate(2024, 3, 3)), datetime.isWeekday(fri), datetime.is_weekday(datetime.create(2024, 3, 2))); // expect: false true true false
print(datetime.utc(), datetime.createTimeZone(5, 30), datetime.createTimeZone(-3)); // expect: UTC {'hours': 5, 'minutes': 30, 'name': 'UTC+5:30'} {'hours': -3, 'minutes': 0, 'name': 'UTC-3:00'}
print(datetime.createTimeZone(0, 0, "Here")["name"], datetime.createTimeZone(0)["name"]); // expect: Here UTC+0:00
try { datetime.isWeekend("2024-03-01"); } except (e) { print(e.type + ": " + str(e)); } // expect: TypeError: expected a DateTimeObject or Date, not 'str'
print(requiredCapabilities(datetime.now), requiredCapabilities(datetime.create), requiredCapabilities(datetime.isLeapYear)); // expect: ['datetime.now'] ['datetime.create'] []
