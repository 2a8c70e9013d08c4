# `datetime` (stdlib.md §6) for the Python backend: Python's datetime in the zone baked at
# transpile time (`--tz`, D24), else $TZ / the host's zone; same messages as the VM
# (crates/mlpy-stdlib/src/modules/datetime.rs).
import datetime as __ml_pydt

__ml_DT_US_MAX = 999999999


def __ml_dt_zone():
    if __ml_tz is None or __ml_tz.lower() == "local":
        return None
    try:
        import zoneinfo as __ml_zoneinfo
        return __ml_zoneinfo.ZoneInfo(__ml_tz)
    except Exception:
        return None


def __ml_dt_local_now():
    z = __ml_dt_zone()
    if z is None:
        return __ml_pydt.datetime.now()
    return __ml_pydt.datetime.now(z).replace(tzinfo=None)


def __ml_dt_timestamp(dt):
    if dt.tzinfo is not None:
        return dt.timestamp()
    z = __ml_dt_zone()
    return dt.replace(tzinfo=z).timestamp() if z is not None else dt.timestamp()


class __MLDateTime(__MLNative):
    __slots__ = ("dt",)
    _ml_class = "DateTimeObject"


class __MLDate(__MLNative):
    __slots__ = ("d",)
    _ml_class = "Date"


class __MLTime(__MLNative):
    __slots__ = ("t",)
    _ml_class = "Time"


class __MLDelta(__MLNative):
    __slots__ = ("td",)
    _ml_class = "TimeDelta"


def __ml_dt_new(dt):
    o = __MLDateTime()
    o.dt = dt
    return o


def __ml_dt_new_date(d):
    o = __MLDate()
    o.d = d
    return o


def __ml_dt_new_delta(td):
    o = __MLDelta()
    o.td = td
    return o


def __ml_dt_overflow():
    return __MLError("OverflowError", "date value out of range")


def __ml_dt_int_like(v):
    return type(v) is int or type(v) is bool


def __ml_dt_expect(v, cls, name):
    if not __ml_isinstance(v, cls):
        raise __MLError("TypeError", "expected a " + name + " object, not '" + __ml_tname(v) + "'")
    return v


def __ml_dt_any_date(v):
    if __ml_isinstance(v, __MLDateTime):
        return v.dt.date()
    if __ml_isinstance(v, __MLDate):
        return v.d
    raise __MLError("TypeError", "expected a DateTimeObject or Date, not '" + __ml_tname(v) + "'")


def __ml_dt_now(*args):
    __ml_arity("now", args, 0, 1)
    if args and args[0] is not None:
        return __ml_dt_new(__ml_pydt.datetime.now(__ml_pydt.timezone.utc).replace(tzinfo=None))
    return __ml_dt_new(__ml_dt_local_now())


def __ml_dt_today(*args):
    __ml_arity("today", args, 0, 0)
    return __ml_dt_new_date(__ml_dt_local_now().date())


def __ml_dt_build(prefix, f, args):
    try:
        return f(*args)
    except (ValueError, TypeError, OverflowError) as e:
        raise __MLError("RuntimeError", prefix + ": " + str(e))


def __ml_dt_create(*args):
    __ml_arity("create", args, 3, 6)
    return __ml_dt_new(__ml_dt_build("Invalid datetime components", __ml_pydt.datetime, args))


def __ml_dt_create_date(*args):
    __ml_arity("createDate", args, 3, 3)
    return __ml_dt_new_date(__ml_dt_build("Invalid date", __ml_pydt.date, args))


def __ml_dt_create_time(*args):
    __ml_arity("createTime", args, 0, 4)
    o = __MLTime()
    o.t = __ml_dt_build("Invalid time", __ml_pydt.time, args)
    return o


def __ml_dt_delta_of(days=0, hours=0, minutes=0, seconds=0):
    for v in (days, hours, minutes, seconds):
        if type(v) not in (int, float, bool):
            raise __MLError("TypeError", "unsupported type for timedelta component: '" + __ml_tname(v) + "'")
    try:
        return __ml_pydt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError as e:
        raise __MLError("OverflowError", str(e))


def __ml_dt_create_delta(*args):
    __ml_arity("createDelta", args, 0, 4)
    return __ml_dt_new_delta(__ml_dt_delta_of(*args))


def __ml_dt_from_timestamp(*args):
    __ml_arity("fromTimestamp", args, 1, 1)
    ts = args[0]
    prefix = "Invalid timestamp " + __ml_display(ts) + ": "
    if type(ts) not in (int, float, bool):
        raise __MLError("RuntimeError", prefix + "'" + __ml_tname(ts) + "' object cannot be interpreted as an integer")
    if ts != ts:
        raise __MLError("RuntimeError", prefix + "cannot convert float NaN to integer")
    if abs(ts) > 1e14:
        raise __MLError("RuntimeError", prefix + "year is out of range")
    try:
        z = __ml_dt_zone()
        if z is None:
            dt = __ml_pydt.datetime.fromtimestamp(ts)
        else:
            dt = __ml_pydt.datetime.fromtimestamp(ts, z).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError) as e:
        raise __MLError("RuntimeError", prefix + str(e))
    return __ml_dt_new(dt)


def __ml_dt_parse_iso(*args):
    __ml_arity("parseISO", args, 1, 1)
    text = args[0]
    if type(text) is not str:
        raise __MLError("TypeError", "parseISO() argument 1 must be str, not " + __ml_tname(text))
    try:
        return __ml_dt_new(__ml_pydt.datetime.fromisoformat(text))
    except ValueError as e:
        raise __MLError("RuntimeError", "Invalid ISO datetime string '" + text + "': " + str(e))


def __ml_dt_int_arg(v):
    if not __ml_dt_int_like(v):
        raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")
    return int(v)


def __ml_dt_month_days(y, m):
    if not 1 <= m <= 12:
        return 0
    import calendar as __ml_calendar
    return __ml_calendar.monthrange(2000 + (y % 400), m)[1]


def __ml_dt_days_in_month(*args):
    __ml_arity("daysInMonth", args, 2, 2)
    return __ml_dt_month_days(__ml_dt_int_arg(args[0]), __ml_dt_int_arg(args[1]))


def __ml_dt_is_leap_year(*args):
    __ml_arity("isLeapYear", args, 1, 1)
    y = __ml_dt_int_arg(args[0])
    return (y % 4 == 0 and y % 100 != 0) or y % 400 == 0


def __ml_dt_calculate_age(*args):
    __ml_arity("calculateAge", args, 1, 2)
    birth = __ml_dt_any_date(args[0])
    cur = __ml_dt_local_now().date() if __ml_len(args) < 2 or args[1] is None else __ml_dt_any_date(args[1])
    age = cur.year - birth.year
    if (cur.month, cur.day) < (birth.month, birth.day):
        age -= 1
    return age


def __ml_dt_shift_date(d, days):
    try:
        return d + __ml_pydt.timedelta(days=days)
    except OverflowError:
        raise __ml_dt_overflow()


def __ml_dt_business_shift(d, n):
    step = 1 if n > 0 else -1
    left = abs(n)
    cur = d
    while left > 0 and left + 5 > abs(n):
        cur = __ml_dt_shift_date(cur, step)
        if cur.weekday() < 5:
            left -= 1
    weeks = left // 5
    cur = __ml_dt_shift_date(cur, step * weeks * 7)
    left -= weeks * 5
    while left > 0:
        cur = __ml_dt_shift_date(cur, step)
        if cur.weekday() < 5:
            left -= 1
    return cur


def __ml_dt_add_business_days(*args):
    __ml_arity("addBusinessDays", args, 2, 2)
    v = args[0]
    n = __ml_dt_int_arg(args[1])
    if n == 0:
        return v
    if __ml_isinstance(v, __MLDateTime):
        d = __ml_dt_business_shift(v.dt.date(), n)
        return __ml_dt_new(__ml_pydt.datetime.combine(d, v.dt.timetz()))
    return __ml_dt_new_date(__ml_dt_business_shift(__ml_dt_expect(v, __MLDate, "Date").d, n))


def __ml_dt_business_between(*args):
    __ml_arity("businessDaysBetween", args, 2, 2)
    a = __ml_dt_any_date(args[0])
    b = __ml_dt_any_date(args[1])
    lo, hi = (a, b) if a <= b else (b, a)
    span = (hi - lo).days + 1
    count = span // 7 * 5
    d = lo + __ml_pydt.timedelta(days=span // 7 * 7)
    while d <= hi:
        count += d.weekday() < 5
        d += __ml_pydt.timedelta(days=1)
    return count


def __ml_dt_is_weekend(*args):
    __ml_arity("isWeekend", args, 1, 1)
    return __ml_dt_any_date(args[0]).weekday() >= 5


def __ml_dt_is_weekday(*args):
    __ml_arity("isWeekday", args, 1, 1)
    return __ml_dt_any_date(args[0]).weekday() < 5


def __ml_dt_utc(*args):
    __ml_arity("utc", args, 0, 0)
    return "UTC"


def __ml_dt_create_time_zone(*args):
    __ml_arity("createTimeZone", args, 1, 3)
    hours = __ml_dt_int_arg(args[0])
    minutes = 0 if __ml_len(args) < 2 or args[1] is None else __ml_dt_int_arg(args[1])
    name = "" if __ml_len(args) < 3 or args[2] is None else args[2]
    if type(name) is not str:
        raise __MLError("TypeError", "createTimeZone() argument 3 must be str, not " + __ml_tname(name))
    if not name:
        name = "UTC%+d:%02d" % (hours, minutes)
    return {"hours": hours, "minutes": minutes, "name": name}


# ---- DateTimeObject methods ----

def __ml_dtm_int(attr, name):
    def m(self, *args):
        __ml_arity(name, args, 0, 0)
        return getattr(self.dt, attr)
    return m


def __ml_dtm_weekday(self, *args):
    __ml_arity("weekday", args, 0, 0)
    return self.dt.weekday()


def __ml_dtm_timestamp(self, *args):
    __ml_arity("timestamp", args, 0, 0)
    return __ml_dt_timestamp(self.dt)


def __ml_dtm_shift(self, td):
    try:
        return __ml_dt_new(self.dt + td)
    except OverflowError:
        raise __ml_dt_overflow()


def __ml_dtm_adder(unit, name):
    def m(self, *args):
        __ml_arity(name, args, 1, 1)
        return __ml_dtm_shift(self, __ml_dt_delta_of(**{unit: args[0]}))
    return m


def __ml_dtm_end_time():
    return __ml_pydt.time(23, 59, 59, 999999)


def __ml_dtm_with(name, f):
    def m(self, *args):
        __ml_arity(name, args, 0, 0)
        return __ml_dt_new(f(self.dt))
    return m


def __ml_dtm_month_end(dt):
    return dt.replace(day=__ml_dt_month_days(dt.year, dt.month), hour=23, minute=59, second=59, microsecond=999999)


def __ml_dtm_is_same_day(self, *args):
    __ml_arity("isSameDay", args, 1, 1)
    return self.dt.date() == __ml_dt_any_date(args[0])


def __ml_dtm_pair(self, other, verb):
    o = __ml_dt_expect(other, __MLDateTime, "DateTimeObject").dt
    if (self.dt.tzinfo is None) != (o.tzinfo is None):
        raise __MLError("TypeError", "can't " + verb + " offset-naive and offset-aware datetimes")
    return self.dt, o


def __ml_dtm_is_before(self, *args):
    __ml_arity("isBefore", args, 1, 1)
    a, b = __ml_dtm_pair(self, args[0], "compare")
    return a < b


def __ml_dtm_is_after(self, *args):
    __ml_arity("isAfter", args, 1, 1)
    a, b = __ml_dtm_pair(self, args[0], "compare")
    return a > b


def __ml_dtm_is_same(self, *args):
    __ml_arity("isSame", args, 1, 1)
    a, b = __ml_dtm_pair(self, args[0], "compare")
    return a == b


def __ml_dtm_format(self, *args):
    __ml_arity("format", args, 0, 1)
    fmt = "%Y-%m-%d %H:%M:%S" if not args or args[0] is None else args[0]
    if type(fmt) is not str:
        raise __MLError("TypeError", "format() argument 1 must be str, not " + __ml_tname(fmt))
    return self.dt.strftime(fmt)


def __ml_dtm_to_string(self, *args):
    __ml_arity("toString", args, 0, 0)
    return self.dt.isoformat()


def __ml_dtm_date(self, *args):
    __ml_arity("date", args, 0, 0)
    return __ml_dt_new_date(self.dt.date())


def __ml_dtm_time(self, *args):
    __ml_arity("time", args, 0, 0)
    o = __MLTime()
    o.t = self.dt.time()
    return o


def __ml_dtm_diff(self, *args):
    __ml_arity("diff", args, 1, 1)
    a, b = __ml_dtm_pair(self, args[0], "subtract")
    return __ml_dt_new_delta(a - b)


def __ml_dtm_add(self, *args):
    __ml_arity("add", args, 1, 1)
    return __ml_dtm_shift(self, __ml_dt_expect(args[0], __MLDelta, "TimeDelta").td)


def __ml_dtm_subtract(self, *args):
    __ml_arity("subtract", args, 1, 1)
    return __ml_dtm_shift(self, -__ml_dt_expect(args[0], __MLDelta, "TimeDelta").td)


__MLDateTime._ml_methods = {
    "year": __ml_dtm_int("year", "year"), "month": __ml_dtm_int("month", "month"),
    "day": __ml_dtm_int("day", "day"), "hour": __ml_dtm_int("hour", "hour"),
    "minute": __ml_dtm_int("minute", "minute"), "second": __ml_dtm_int("second", "second"),
    "weekday": __ml_dtm_weekday, "timestamp": __ml_dtm_timestamp,
    "addDays": __ml_dtm_adder("days", "addDays"), "add_days": __ml_dtm_adder("days", "addDays"),
    "addHours": __ml_dtm_adder("hours", "addHours"), "add_hours": __ml_dtm_adder("hours", "addHours"),
    "addMinutes": __ml_dtm_adder("minutes", "addMinutes"), "add_minutes": __ml_dtm_adder("minutes", "addMinutes"),
    "addSeconds": __ml_dtm_adder("seconds", "addSeconds"), "add_seconds": __ml_dtm_adder("seconds", "addSeconds"),
    "startOfDay": __ml_dtm_with("startOfDay", lambda d: d.replace(hour=0, minute=0, second=0, microsecond=0)),
    "endOfDay": __ml_dtm_with("endOfDay", lambda d: d.replace(hour=23, minute=59, second=59, microsecond=999999)),
    "startOfMonth": __ml_dtm_with("startOfMonth", lambda d: d.replace(day=1, hour=0, minute=0, second=0, microsecond=0)),
    "endOfMonth": __ml_dtm_with("endOfMonth", __ml_dtm_month_end),
    "startOfYear": __ml_dtm_with("startOfYear", lambda d: d.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)),
    "endOfYear": __ml_dtm_with("endOfYear", lambda d: d.replace(month=12, day=31, hour=23, minute=59, second=59, microsecond=999999)),
    "isSameDay": __ml_dtm_is_same_day, "is_same_day": __ml_dtm_is_same_day,
    "isBefore": __ml_dtm_is_before, "isAfter": __ml_dtm_is_after, "isSame": __ml_dtm_is_same,
    "format": __ml_dtm_format, "toString": __ml_dtm_to_string, "to_string": __ml_dtm_to_string,
    "toISOString": __ml_dtm_to_string, "date": __ml_dtm_date, "time": __ml_dtm_time,
    "diff": __ml_dtm_diff, "add": __ml_dtm_add, "subtract": __ml_dtm_subtract,
}
for __ml_dt_alias, __ml_dt_name in (("start_of_day", "startOfDay"), ("end_of_day", "endOfDay"),
                                    ("start_of_month", "startOfMonth"), ("end_of_month", "endOfMonth"),
                                    ("start_of_year", "startOfYear"), ("end_of_year", "endOfYear")):
    __MLDateTime._ml_methods[__ml_dt_alias] = __MLDateTime._ml_methods[__ml_dt_name]
__MLDateTime._ml_props = {}


# ---- Date, Time, TimeDelta methods ----

def __ml_dd_int(attr):
    def m(self, *args):
        __ml_arity(attr, args, 0, 0)
        return getattr(self.d, attr)
    return m


def __ml_dd_weekday(self, *args):
    __ml_arity("weekday", args, 0, 0)
    return self.d.weekday()


def __ml_dd_is_weekend(self, *args):
    __ml_arity("isWeekend", args, 0, 0)
    return self.d.weekday() >= 5


def __ml_dd_iso(self, *args):
    __ml_arity("toISOString", args, 0, 0)
    return self.d.isoformat()


def __ml_dd_add_days(self, *args):
    __ml_arity("addDays", args, 1, 1)
    return __ml_dt_new_date(__ml_dt_shift_date(self.d, __ml_dt_int_arg(args[0])))


def __ml_dd_subtract_days(self, *args):
    __ml_arity("subtractDays", args, 1, 1)
    return __ml_dt_new_date(__ml_dt_shift_date(self.d, -__ml_dt_int_arg(args[0])))


def __ml_dd_diff(self, *args):
    __ml_arity("diff", args, 1, 1)
    return (self.d - __ml_dt_expect(args[0], __MLDate, "Date").d).days


__MLDate._ml_methods = {
    "year": __ml_dd_int("year"), "month": __ml_dd_int("month"), "day": __ml_dd_int("day"),
    "weekday": __ml_dd_weekday, "isWeekend": __ml_dd_is_weekend, "toISOString": __ml_dd_iso,
    "addDays": __ml_dd_add_days, "subtractDays": __ml_dd_subtract_days, "diff": __ml_dd_diff,
}
__MLDate._ml_props = {}


def __ml_tt_int(attr):
    def m(self, *args):
        __ml_arity(attr, args, 0, 0)
        return getattr(self.t, attr)
    return m


__MLTime._ml_methods = {"hour": __ml_tt_int("hour"), "minute": __ml_tt_int("minute"), "second": __ml_tt_int("second")}
__MLTime._ml_props = {}


def __ml_td_days(self, *args):
    __ml_arity("days", args, 0, 0)
    return self.td.days


def __ml_td_seconds(self, *args):
    __ml_arity("seconds", args, 0, 0)
    return self.td.seconds


def __ml_td_total(unit, name):
    def m(self, *args):
        __ml_arity(name, args, 0, 0)
        return self.td.total_seconds() / unit if unit != 1 else self.td.total_seconds()
    return m


def __ml_td_wrap(f):
    try:
        return __ml_dt_new_delta(f())
    except OverflowError as e:
        raise __MLError("OverflowError", str(e))


def __ml_td_add(self, *args):
    __ml_arity("add", args, 1, 1)
    o = __ml_dt_expect(args[0], __MLDelta, "TimeDelta").td
    return __ml_td_wrap(lambda: self.td + o)


def __ml_td_subtract(self, *args):
    __ml_arity("subtract", args, 1, 1)
    o = __ml_dt_expect(args[0], __MLDelta, "TimeDelta").td
    return __ml_td_wrap(lambda: self.td - o)


def __ml_td_multiply(self, *args):
    __ml_arity("multiply", args, 1, 1)
    f = args[0]
    if type(f) not in (int, float, bool):
        raise __MLError("TypeError", "unsupported operand type(s) for *: 'TimeDelta' and '" + __ml_tname(f) + "'")
    return __ml_td_wrap(lambda: self.td * f)


def __ml_td_is_negative(self, *args):
    __ml_arity("isNegative", args, 0, 0)
    return self.td < __ml_pydt.timedelta(0)


def __ml_td_abs(self, *args):
    __ml_arity("abs", args, 0, 0)
    return __ml_td_wrap(lambda: abs(self.td))


__MLDelta._ml_methods = {
    "days": __ml_td_days, "seconds": __ml_td_seconds,
    "totalSeconds": __ml_td_total(1, "totalSeconds"), "totalMinutes": __ml_td_total(60, "totalMinutes"),
    "totalHours": __ml_td_total(3600, "totalHours"), "totalDays": __ml_td_total(86400, "totalDays"),
    "add": __ml_td_add, "subtract": __ml_td_subtract, "multiply": __ml_td_multiply,
    "isNegative": __ml_td_is_negative, "abs": __ml_td_abs,
}
__MLDelta._ml_props = {}


def __ml_dt_fn(f, name, caps, doc):
    __ml_fn(f, name)
    f.__doc__ = doc
    __ml_fn_caps[f] = caps
    return f


__ml_DT_NOW = ["datetime.now"]
__ml_DT_CREATE = ["datetime.create"]
__ml_module_datetime = __MLModule("datetime", {
    "now": __ml_dt_fn(__ml_dt_now, "datetime.now", __ml_DT_NOW, "Current local date-time (UTC if tz given)"),
    "today": __ml_dt_fn(__ml_dt_today, "datetime.today", __ml_DT_NOW, "Current local date"),
    "create": __ml_dt_fn(__ml_dt_create, "datetime.create", __ml_DT_CREATE, "Date-time from components"),
    "createDate": __ml_dt_fn(__ml_dt_create_date, "datetime.createDate", __ml_DT_CREATE, "Date from components"),
    "createTime": __ml_dt_fn(__ml_dt_create_time, "datetime.createTime", __ml_DT_CREATE, "Time from components"),
    "createDelta": __ml_dt_fn(__ml_dt_create_delta, "datetime.createDelta", __ml_DT_CREATE, "Duration from components"),
    "fromTimestamp": __ml_dt_fn(__ml_dt_from_timestamp, "datetime.fromTimestamp", __ml_DT_CREATE, "Local date-time of POSIX seconds"),
    "parseISO": __ml_dt_fn(__ml_dt_parse_iso, "datetime.parseISO", __ml_DT_CREATE, "Parse ISO 8601 text"),
    "daysInMonth": __ml_dt_fn(__ml_dt_days_in_month, "datetime.daysInMonth", [], "Days in a month (0 if invalid)"),
    "isLeapYear": __ml_dt_fn(__ml_dt_is_leap_year, "datetime.isLeapYear", [], "Leap year check"),
    "calculateAge": __ml_dt_fn(__ml_dt_calculate_age, "datetime.calculateAge", __ml_DT_CREATE, "Whole years between dates"),
    "addBusinessDays": __ml_dt_fn(__ml_dt_add_business_days, "datetime.addBusinessDays", __ml_DT_CREATE, "Move by Mon-Fri days"),
    "businessDaysBetween": __ml_dt_fn(__ml_dt_business_between, "datetime.businessDaysBetween", [], "Mon-Fri days in a range"),
    "isWeekend": __ml_dt_fn(__ml_dt_is_weekend, "datetime.isWeekend", [], "Saturday or Sunday"),
    "isWeekday": __ml_dt_fn(__ml_dt_is_weekday, "datetime.isWeekday", [], "Monday to Friday"),
    "utc": __ml_dt_fn(__ml_dt_utc, "datetime.utc", [], "The name of UTC"),
    "createTimeZone": __ml_dt_fn(__ml_dt_create_time_zone, "datetime.createTimeZone", __ml_DT_CREATE, "Fixed-offset zone description"),
}, "Dates, times and durations in the run's time zone")
for __ml_dt_alias, __ml_dt_name in (("from_timestamp", "fromTimestamp"), ("days_in_month", "daysInMonth"),
                                    ("calculate_age", "calculateAge"), ("add_business_days", "addBusinessDays"),
                                    ("business_days_between", "businessDaysBetween"), ("is_weekend", "isWeekend"),
                                    ("is_weekday", "isWeekday")):
    __ml_module_datetime._ml_members[__ml_dt_alias] = __ml_module_datetime._ml_members[__ml_dt_name]
__ml_modules["datetime"] = __ml_module_datetime
