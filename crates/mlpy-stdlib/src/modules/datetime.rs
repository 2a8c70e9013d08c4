//! `datetime` (stdlib.md §6): Python-style naive/aware date-times, dates, times and deltas
//! on chrono, in the run's configured time zone (D24: [`crate::host::HostEnv::timezone`],
//! else `$TZ`, else the host's zone).
//!
//! Invariants: values are immutable host objects (`DateTimeObject`, `Date`, `Time`,
//! `TimeDelta`); every operation stays inside Python's range (years 1–9999, |days| ≤
//! 999,999,999) and raises `OverflowError` outside it; deltas are exact microsecond counts;
//! comparing or subtracting naive and aware values raises `TypeError`. `strftime` and
//! `fromisoformat` are hand-written because chrono's directives and ISO parser differ from
//! CPython's in the cases users see (`%Z`, unpadded `%Y`, `Z` suffixes, `,` fractions).

use super::access::{add_qualified, host_ref, method_arity, str_arg};
use super::support::{arity, def, opt};
use crate::host::{named_timezone, utc_offset_at, HostEnv};
use chrono::{
    DateTime, Datelike, Duration as ChronoDuration, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Timelike, Utc,
};
use mlpy_vm::heap::HostObject;
use mlpy_vm::{num, ErrorKind, NativeCtx, NativeDef, NativeRegistry, RtError, RtResult, Value};
use std::any::Any;

const NOW: &[&str] = &["datetime.now"];
const CREATE: &[&str] = &["datetime.create"];
const US_PER_DAY: i128 = 86_400_000_000;
const MAX_DELTA_DAYS: i128 = 999_999_999;

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_qualified(
        reg,
        "datetime",
        "Dates, times and durations in the run's time zone",
        &[
            def(
                "datetime.now",
                now,
                NOW,
                "Current local date-time (UTC if tz given)",
            ),
            def("datetime.today", today, NOW, "Current local date"),
            def(
                "datetime.create",
                create,
                CREATE,
                "Date-time from components",
            ),
            def(
                "datetime.createDate",
                create_date,
                CREATE,
                "Date from components",
            ),
            def(
                "datetime.createTime",
                create_time,
                CREATE,
                "Time from components",
            ),
            def(
                "datetime.createDelta",
                create_delta,
                CREATE,
                "Duration from components",
            ),
            def(
                "datetime.fromTimestamp",
                from_timestamp,
                CREATE,
                "Local date-time of POSIX seconds",
            ),
            def(
                "datetime.from_timestamp",
                from_timestamp,
                CREATE,
                "Local date-time of POSIX seconds",
            ),
            def(
                "datetime.parseISO",
                parse_iso,
                CREATE,
                "Parse ISO 8601 text",
            ),
            def(
                "datetime.daysInMonth",
                days_in_month,
                &[],
                "Days in a month (0 if invalid)",
            ),
            def(
                "datetime.days_in_month",
                days_in_month,
                &[],
                "Days in a month (0 if invalid)",
            ),
            def("datetime.isLeapYear", is_leap_year, &[], "Leap year check"),
            def(
                "datetime.calculateAge",
                calculate_age,
                CREATE,
                "Whole years between dates",
            ),
            def(
                "datetime.calculate_age",
                calculate_age,
                CREATE,
                "Whole years between dates",
            ),
            def(
                "datetime.addBusinessDays",
                add_business_days,
                CREATE,
                "Move by Mon-Fri days",
            ),
            def(
                "datetime.add_business_days",
                add_business_days,
                CREATE,
                "Move by Mon-Fri days",
            ),
            def(
                "datetime.businessDaysBetween",
                business_days_between,
                &[],
                "Mon-Fri days in a range",
            ),
            def(
                "datetime.business_days_between",
                business_days_between,
                &[],
                "Mon-Fri days in a range",
            ),
            def("datetime.isWeekend", is_weekend, &[], "Saturday or Sunday"),
            def("datetime.is_weekend", is_weekend, &[], "Saturday or Sunday"),
            def("datetime.isWeekday", is_weekday, &[], "Monday to Friday"),
            def("datetime.is_weekday", is_weekday, &[], "Monday to Friday"),
            def("datetime.utc", utc, &[], "The name of UTC"),
            def(
                "datetime.createTimeZone",
                create_time_zone,
                CREATE,
                "Fixed-offset zone description",
            ),
        ],
    );
    let dt_methods: &[NativeDef] = &[
        def("year", dt_year, &[], "Year"),
        def("month", dt_month, &[], "Month"),
        def("day", dt_day, &[], "Day of month"),
        def("hour", dt_hour, &[], "Hour"),
        def("minute", dt_minute, &[], "Minute"),
        def("second", dt_second, &[], "Second"),
        def("weekday", dt_weekday, &[], "Weekday (Monday = 0)"),
        def("timestamp", dt_timestamp, &[], "POSIX seconds"),
        def("addDays", dt_add_days, &[], "Add days"),
        def("add_days", dt_add_days, &[], "Add days"),
        def("addHours", dt_add_hours, &[], "Add hours"),
        def("add_hours", dt_add_hours, &[], "Add hours"),
        def("addMinutes", dt_add_minutes, &[], "Add minutes"),
        def("add_minutes", dt_add_minutes, &[], "Add minutes"),
        def("addSeconds", dt_add_seconds, &[], "Add seconds"),
        def("add_seconds", dt_add_seconds, &[], "Add seconds"),
        def("startOfDay", dt_start_of_day, &[], "Midnight of the day"),
        def("start_of_day", dt_start_of_day, &[], "Midnight of the day"),
        def(
            "endOfDay",
            dt_end_of_day,
            &[],
            "Last microsecond of the day",
        ),
        def(
            "end_of_day",
            dt_end_of_day,
            &[],
            "Last microsecond of the day",
        ),
        def(
            "startOfMonth",
            dt_start_of_month,
            &[],
            "First moment of the month",
        ),
        def(
            "start_of_month",
            dt_start_of_month,
            &[],
            "First moment of the month",
        ),
        def(
            "endOfMonth",
            dt_end_of_month,
            &[],
            "Last moment of the month",
        ),
        def(
            "end_of_month",
            dt_end_of_month,
            &[],
            "Last moment of the month",
        ),
        def(
            "startOfYear",
            dt_start_of_year,
            &[],
            "First moment of the year",
        ),
        def(
            "start_of_year",
            dt_start_of_year,
            &[],
            "First moment of the year",
        ),
        def("endOfYear", dt_end_of_year, &[], "Last moment of the year"),
        def(
            "end_of_year",
            dt_end_of_year,
            &[],
            "Last moment of the year",
        ),
        def("isSameDay", dt_is_same_day, &[], "Same calendar day"),
        def("is_same_day", dt_is_same_day, &[], "Same calendar day"),
        def("isBefore", dt_is_before, &[], "Earlier than other"),
        def("isAfter", dt_is_after, &[], "Later than other"),
        def("isSame", dt_is_same, &[], "Same moment"),
        def("format", dt_format, &[], "strftime text"),
        def("toString", dt_to_string, &[], "ISO 8601 text"),
        def("to_string", dt_to_string, &[], "ISO 8601 text"),
        def("toISOString", dt_to_string, &[], "ISO 8601 text"),
        def("date", dt_date, &[], "The date part"),
        def("time", dt_time, &[], "The time part"),
        def("diff", dt_diff, &[], "self - other as a TimeDelta"),
        def("add", dt_add, &[], "Add a TimeDelta"),
        def("subtract", dt_subtract, &[], "Subtract a TimeDelta"),
    ];
    for d in dt_methods {
        reg.add_method("DateTimeObject", d.name, *d);
    }
    for d in [
        def("year", d_year, &[], "Year"),
        def("month", d_month, &[], "Month"),
        def("day", d_day, &[], "Day of month"),
        def("weekday", d_weekday, &[], "Weekday (Monday = 0)"),
        def("isWeekend", d_is_weekend, &[], "Saturday or Sunday"),
        def("toISOString", d_to_iso, &[], "YYYY-MM-DD"),
        def("addDays", d_add_days, &[], "Add days"),
        def("subtractDays", d_subtract_days, &[], "Subtract days"),
        def("diff", d_diff, &[], "Days between dates"),
    ] {
        reg.add_method("Date", d.name, d);
    }
    for d in [
        def("hour", t_hour, &[], "Hour"),
        def("minute", t_minute, &[], "Minute"),
        def("second", t_second, &[], "Second"),
    ] {
        reg.add_method("Time", d.name, d);
    }
    for d in [
        def("days", td_days, &[], "Whole days (may be negative)"),
        def(
            "seconds",
            td_seconds,
            &[],
            "Seconds within the day, 0..86399",
        ),
        def("totalSeconds", td_total_seconds, &[], "Duration in seconds"),
        def("totalMinutes", td_total_minutes, &[], "Duration in minutes"),
        def("totalHours", td_total_hours, &[], "Duration in hours"),
        def("totalDays", td_total_days, &[], "Duration in days"),
        def("add", td_add, &[], "Sum of durations"),
        def("subtract", td_subtract, &[], "Difference of durations"),
        def("multiply", td_multiply, &[], "Scaled duration"),
        def("isNegative", td_is_negative, &[], "Below zero"),
        def("abs", td_abs, &[], "Absolute duration"),
    ] {
        reg.add_method("TimeDelta", d.name, d);
    }
}

// ---- value classes ------------------------------------------------------------------------

/// A date-time: naive (local), or aware with a fixed UTC offset in seconds.
#[derive(Clone, Copy)]
struct DateTimeObject {
    dt: NaiveDateTime,
    offset: Option<i32>,
}

#[derive(Clone, Copy)]
struct DateObj(NaiveDate);

#[derive(Clone, Copy)]
struct TimeObj(NaiveTime);

/// An exact duration in microseconds.
#[derive(Clone, Copy)]
struct Delta(i128);

macro_rules! host_class {
    ($t:ty, $name:literal) => {
        impl HostObject for $t {
            fn class_name(&self) -> &str {
                $name
            }
            fn as_any(&self) -> &dyn Any {
                self
            }
            fn as_any_mut(&mut self) -> &mut dyn Any {
                self
            }
        }
    };
}

host_class!(DateTimeObject, "DateTimeObject");
host_class!(DateObj, "Date");
host_class!(TimeObj, "Time");
host_class!(Delta, "TimeDelta");

fn new_dt(ctx: &mut NativeCtx<'_>, dt: NaiveDateTime, offset: Option<i32>) -> RtResult<Value> {
    Ok(ctx
        .heap()
        .alloc_host(Box::new(DateTimeObject { dt, offset }))?)
}

fn new_date(ctx: &mut NativeCtx<'_>, d: NaiveDate) -> RtResult<Value> {
    Ok(ctx.heap().alloc_host(Box::new(DateObj(d)))?)
}

fn new_delta(ctx: &mut NativeCtx<'_>, us: i128) -> RtResult<Value> {
    if (us.div_euclid(US_PER_DAY)).abs() > MAX_DELTA_DAYS {
        return Err(RtError::overflow_error(format!(
            "days={}; must have magnitude <= {MAX_DELTA_DAYS}",
            us.div_euclid(US_PER_DAY)
        )));
    }
    Ok(ctx.heap().alloc_host(Box::new(Delta(us)))?)
}

fn dt_arg(ctx: &NativeCtx<'_>, v: Value) -> RtResult<DateTimeObject> {
    host_ref::<DateTimeObject>(ctx.heap_ref(), "DateTimeObject", v).copied()
}

fn date_arg(ctx: &NativeCtx<'_>, v: Value) -> RtResult<DateObj> {
    host_ref::<DateObj>(ctx.heap_ref(), "Date", v).copied()
}

fn delta_arg(ctx: &NativeCtx<'_>, v: Value) -> RtResult<Delta> {
    host_ref::<Delta>(ctx.heap_ref(), "TimeDelta", v).copied()
}

/// A calendar date from a `DateTimeObject` or a `Date`.
fn any_date(ctx: &NativeCtx<'_>, v: Value) -> RtResult<NaiveDate> {
    if let Ok(d) = host_ref::<DateTimeObject>(ctx.heap_ref(), "DateTimeObject", v) {
        return Ok(d.dt.date());
    }
    if let Ok(d) = host_ref::<DateObj>(ctx.heap_ref(), "Date", v) {
        return Ok(d.0);
    }
    Err(RtError::type_error(format!(
        "expected a DateTimeObject or Date, not '{}'",
        v.type_name(ctx.heap_ref())
    )))
}

fn out_of_range() -> RtError {
    RtError::overflow_error("date value out of range")
}

// ---- time zone ----------------------------------------------------------------------------

/// The run's zone: an IANA zone, or the host's local zone.
enum Zone {
    Named(jiff::tz::TimeZone),
    Local,
}

fn zone(ctx: &mut NativeCtx<'_>) -> Zone {
    let name = ctx
        .host_data::<HostEnv>()
        .and_then(|h| h.timezone.clone())
        .or_else(|| std::env::var("TZ").ok());
    match name.as_deref().map(|n| n.trim_start_matches(':')) {
        Some(n) if !n.eq_ignore_ascii_case("local") => {
            named_timezone(n).map_or(Zone::Local, Zone::Named)
        }
        _ => Zone::Local,
    }
}

impl Zone {
    /// Local wall time of a UTC instant.
    fn local(&self, utc: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Named(tz) => {
                let offset = utc_offset_at(tz, utc.timestamp());
                let naive = utc.naive_utc();
                naive
                    .checked_add_signed(ChronoDuration::seconds(i64::from(offset)))
                    .unwrap_or(naive)
            }
            Zone::Local => utc.with_timezone(&chrono::Local).naive_local(),
        }
    }

    /// UTC offset (seconds) of a local wall time (the earlier one when ambiguous; for a
    /// skipped time, the offset in force just before the gap).
    fn offset_of(&self, local: NaiveDateTime) -> i32 {
        match self {
            Zone::Named(tz) => named_offset_of(tz, local),
            Zone::Local => match chrono::Local.offset_from_local_datetime(&local).earliest() {
                Some(o) => o.fix().local_minus_utc(),
                None => chrono::Local
                    .offset_from_utc_datetime(&(local - ChronoDuration::hours(3)))
                    .fix()
                    .local_minus_utc(),
            },
        }
    }
}

/// [`Zone::offset_of`] for an IANA zone.
fn named_offset_of(tz: &jiff::tz::TimeZone, local: NaiveDateTime) -> i32 {
    use jiff::tz::AmbiguousOffset;
    let civil = i16::try_from(local.year()).ok().and_then(|year| {
        jiff::civil::DateTime::new(
            year,
            local.month() as i8,
            local.day() as i8,
            local.hour() as i8,
            local.minute() as i8,
            local.second() as i8,
            0,
        )
        .ok()
    });
    match civil.map(|dt| tz.to_ambiguous_timestamp(dt).offset()) {
        Some(AmbiguousOffset::Unambiguous { offset }) => offset.seconds(),
        Some(AmbiguousOffset::Gap { before, .. } | AmbiguousOffset::Fold { before, .. }) => {
            before.seconds()
        }
        None => utc_offset_at(tz, local.and_utc().timestamp()),
    }
}

/// POSIX seconds of a date-time (naive = local wall time of the run's zone).
fn timestamp_of(ctx: &mut NativeCtx<'_>, d: DateTimeObject) -> f64 {
    let offset = d.offset.unwrap_or_else(|| zone(ctx).offset_of(d.dt));
    let utc = d.dt - ChronoDuration::seconds(i64::from(offset));
    let us = utc.and_utc().timestamp_micros();
    us as f64 / 1e6
}

// ---- argument helpers ---------------------------------------------------------------------

/// An int component; the reason text (Python's) when it is not an int.
fn int_component(ctx: &NativeCtx<'_>, v: Value) -> Result<i64, String> {
    match v {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(i64::from(b)),
        Value::BigInt(_) => Ok(i64::MAX),
        other => Err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name(ctx.heap_ref())
        )),
    }
}

fn components(ctx: &NativeCtx<'_>, args: &[Value], defaults: &[i64]) -> Result<Vec<i64>, String> {
    defaults
        .iter()
        .enumerate()
        .map(|(i, &d)| match args.get(i) {
            None => Ok(d),
            Some(&v) => int_component(ctx, v),
        })
        .collect()
}

fn check_date(y: i64, m: i64, d: i64) -> Result<NaiveDate, String> {
    if !(1..=9999).contains(&y) {
        return Err(format!("year {y} is out of range"));
    }
    if !(1..=12).contains(&m) {
        return Err("month must be in 1..12".to_string());
    }
    NaiveDate::from_ymd_opt(y as i32, m as u32, d.clamp(0, 40) as u32)
        .filter(|_| d >= 1)
        .ok_or_else(|| "day is out of range for month".to_string())
}

fn check_time(h: i64, mi: i64, s: i64, us: i64) -> Result<NaiveTime, String> {
    let field = |v: i64, max: i64, name: &str| {
        if (0..=max).contains(&v) {
            Ok(())
        } else {
            Err(format!("{name} must be in 0..{max}"))
        }
    };
    field(h, 23, "hour")?;
    field(mi, 59, "minute")?;
    field(s, 59, "second")?;
    field(us, 999_999, "microsecond")?;
    NaiveTime::from_hms_micro_opt(h as u32, mi as u32, s as u32, us as u32)
        .ok_or_else(|| "invalid time".to_string())
}

fn invalid(prefix: &str, reason: String) -> RtError {
    RtError::runtime_error(format!("{prefix}: {reason}"))
}

/// A number as exact microseconds of `unit_us` units (floats rounded half-even).
fn micros(ctx: &NativeCtx<'_>, v: Value, unit_us: i128) -> RtResult<i128> {
    match num::num(ctx.heap_ref(), v) {
        Some(num::Num::Int(i)) => Ok(i128::from(i) * unit_us),
        Some(n) => {
            let f = n.to_f64()? * unit_us as f64;
            if !f.is_finite() || f.abs() > 1e30 {
                return Err(RtError::overflow_error(
                    "cannot convert float to a duration",
                ));
            }
            Ok(f.round_ties_even() as i128)
        }
        None => Err(RtError::type_error(format!(
            "unsupported type for timedelta component: '{}'",
            v.type_name(ctx.heap_ref())
        ))),
    }
}

fn shift(dt: NaiveDateTime, us: i128) -> RtResult<NaiveDateTime> {
    let us = i64::try_from(us).map_err(|_| out_of_range())?;
    dt.checked_add_signed(ChronoDuration::microseconds(us))
        .filter(|d| (1..=9999).contains(&d.year()))
        .ok_or_else(out_of_range)
}

fn shift_date(d: NaiveDate, days: i64) -> RtResult<NaiveDate> {
    d.checked_add_signed(ChronoDuration::try_days(days).ok_or_else(out_of_range)?)
        .filter(|d| (1..=9999).contains(&d.year()))
        .ok_or_else(out_of_range)
}

// ---- module functions ---------------------------------------------------------------------

fn now(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("now", args, 0, 1)?;
    ctx.charge(1)?;
    let utc = Utc::now();
    let dt = match opt(args, 0) {
        Value::Null => zone(ctx).local(utc),
        _ => utc.naive_utc(),
    };
    new_dt(ctx, dt, None)
}

fn today(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("today", args, 0, 0)?;
    ctx.charge(1)?;
    let d = zone(ctx).local(Utc::now()).date();
    new_date(ctx, d)
}

fn create(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("create", args, 3, 6)?;
    ctx.charge(1)?;
    let built = components(ctx, args, &[0, 0, 0, 0, 0, 0]).and_then(|c| {
        Ok(NaiveDateTime::new(
            check_date(c[0], c[1], c[2])?,
            check_time(c[3], c[4], c[5], 0)?,
        ))
    });
    match built {
        Ok(dt) => new_dt(ctx, dt, None),
        Err(reason) => Err(invalid("Invalid datetime components", reason)),
    }
}

fn create_date(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("createDate", args, 3, 3)?;
    ctx.charge(1)?;
    match components(ctx, args, &[0, 0, 0]).and_then(|c| check_date(c[0], c[1], c[2])) {
        Ok(d) => new_date(ctx, d),
        Err(reason) => Err(invalid("Invalid date", reason)),
    }
}

fn create_time(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("createTime", args, 0, 4)?;
    ctx.charge(1)?;
    match components(ctx, args, &[0, 0, 0, 0]).and_then(|c| check_time(c[0], c[1], c[2], c[3])) {
        Ok(t) => Ok(ctx.heap().alloc_host(Box::new(TimeObj(t)))?),
        Err(reason) => Err(invalid("Invalid time", reason)),
    }
}

fn create_delta(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("createDelta", args, 0, 4)?;
    ctx.charge(1)?;
    let units = [US_PER_DAY, 3_600_000_000, 60_000_000, 1_000_000];
    let mut total = 0i128;
    for (i, unit) in units.iter().enumerate() {
        if let Some(&v) = args.get(i) {
            total += micros(ctx, v, *unit)?;
        }
    }
    new_delta(ctx, total)
}

fn from_timestamp(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("fromTimestamp", args, 1, 1)?;
    ctx.charge(1)?;
    let shown = ctx.display(args[0])?;
    let fail =
        |reason: &str| RtError::runtime_error(format!("Invalid timestamp {shown}: {reason}"));
    let us = match num::num(ctx.heap_ref(), args[0]) {
        Some(num::Num::Int(i)) => i128::from(i) * 1_000_000,
        Some(n) => {
            let f = n.to_f64().map_err(|e| fail(e.message()))?;
            if f.is_nan() {
                return Err(fail("cannot convert float NaN to integer"));
            }
            if !f.is_finite() || f.abs() > 1e14 {
                return Err(fail("year is out of range"));
            }
            (f * 1e6).round_ties_even() as i128
        }
        None => {
            return Err(fail(&format!(
                "'{}' object cannot be interpreted as an integer",
                args[0].type_name(ctx.heap_ref())
            )))
        }
    };
    let utc = i64::try_from(us)
        .ok()
        .and_then(DateTime::<Utc>::from_timestamp_micros)
        .ok_or_else(|| fail("year is out of range"))?;
    let local = zone(ctx).local(utc);
    if !(1..=9999).contains(&local.year()) {
        return Err(fail(&format!("year {} is out of range", local.year())));
    }
    new_dt(ctx, local, None)
}

/// `datetime.fromisoformat` (CPython 3.11): `(wall time, offset seconds)` or a reason.
fn parse_iso_text(s: &str) -> Result<(NaiveDateTime, Option<i32>), String> {
    let bad = || format!("Invalid isoformat string: '{s}'");
    let digits = |t: &str| -> Result<i64, String> {
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    if !s.is_ascii() {
        return Err(bad());
    }
    let (date_len, date) = if s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        (
            10,
            check_date(digits(&s[0..4])?, digits(&s[5..7])?, digits(&s[8..10])?)?,
        )
    } else if s.len() >= 8 && s[..8].bytes().all(|b| b.is_ascii_digit()) {
        (
            8,
            check_date(digits(&s[0..4])?, digits(&s[4..6])?, digits(&s[6..8])?)?,
        )
    } else {
        return Err(bad());
    };
    if s.len() == date_len {
        return Ok((date.and_time(NaiveTime::MIN), None));
    }
    let rest = &s[date_len + 1..];
    if rest.is_empty() {
        return Err(bad());
    }
    // Offset: `Z`, or the last `+`/`-`.
    let (clock, offset) = if let Some(c) = rest.strip_suffix(['Z', 'z']) {
        (c, Some(0))
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let sign = if rest.as_bytes()[i] == b'-' { -1 } else { 1 };
        let tz = rest[i + 1..].replace(':', "");
        let (h, m, sec) = match tz.len() {
            2 => (digits(&tz)?, 0, 0),
            4 => (digits(&tz[..2])?, digits(&tz[2..])?, 0),
            6 => (digits(&tz[..2])?, digits(&tz[2..4])?, digits(&tz[4..])?),
            _ => return Err(bad()),
        };
        if h > 23 || m > 59 || sec > 59 {
            return Err(bad());
        }
        (&rest[..i], Some(sign * (h * 3600 + m * 60 + sec) as i32))
    } else {
        (rest, None)
    };
    let (hms, frac) = match clock.find(['.', ',']) {
        Some(i) => (&clock[..i], Some(&clock[i + 1..])),
        None => (clock, None),
    };
    let hms = hms.replace(':', "");
    let (h, mi, sec) = match hms.len() {
        2 => (digits(&hms)?, 0, 0),
        4 => (digits(&hms[..2])?, digits(&hms[2..])?, 0),
        6 => (digits(&hms[..2])?, digits(&hms[2..4])?, digits(&hms[4..])?),
        _ => return Err(bad()),
    };
    let us = match frac {
        None => 0,
        Some(f) if f.is_empty() || f.len() > 9 || hms.len() != 6 => return Err(bad()),
        Some(f) => {
            let six: String = f.chars().chain(std::iter::repeat('0')).take(6).collect();
            digits(&six)?
        }
    };
    let time = check_time(h, mi, sec, us)?;
    Ok((date.and_time(time), offset))
}

fn parse_iso(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("parseISO", args, 1, 1)?;
    let text = str_arg(ctx, "parseISO", 1, args[0])?;
    ctx.charge(1 + text.len() as u64 / 16)?;
    match parse_iso_text(&text) {
        Ok((dt, offset)) => new_dt(ctx, dt, offset),
        Err(reason) => Err(RtError::runtime_error(format!(
            "Invalid ISO datetime string '{text}': {reason}"
        ))),
    }
}

fn month_days(year: i64, month: i64) -> i64 {
    if !(1..=12).contains(&month) {
        return 0;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_in_month(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("daysInMonth", args, 2, 2)?;
    let y = super::support::int_arg(ctx.heap_ref(), args[0])?.saturating();
    let m = super::support::int_arg(ctx.heap_ref(), args[1])?.saturating();
    Ok(Value::Int(month_days(y, m)))
}

fn is_leap_year(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("isLeapYear", args, 1, 1)?;
    let y = super::support::int_arg(ctx.heap_ref(), args[0])?.saturating();
    Ok(Value::Bool(month_days(y, 2) == 29))
}

fn calculate_age(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("calculateAge", args, 1, 2)?;
    let birth = any_date(ctx, args[0])?;
    let current = match opt(args, 1) {
        Value::Null => {
            if !ctx.is_granted("datetime.now") {
                return Err(RtError::new(
                    ErrorKind::CapabilityError,
                    "calculateAge() requires capability 'datetime.now' to read today's date",
                ));
            }
            zone(ctx).local(Utc::now()).date()
        }
        v => any_date(ctx, v)?,
    };
    let mut age = current.year() - birth.year();
    if (current.month(), current.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    Ok(Value::Int(i64::from(age)))
}

fn is_business(d: NaiveDate) -> bool {
    d.weekday().num_days_from_monday() < 5
}

/// Moves `d` by `n` Monday–Friday days, one calendar day at a time for the first (at most
/// five) steps and whole weeks after that.
fn business_shift(d: NaiveDate, n: i64) -> RtResult<NaiveDate> {
    let step = n.signum();
    let mut left = n.abs();
    let mut cur = d;
    let single = |cur: &mut NaiveDate, left: &mut i64| -> RtResult<()> {
        *cur = shift_date(*cur, step)?;
        if is_business(*cur) {
            *left -= 1;
        }
        Ok(())
    };
    while left > 0 && left + 5 > n.abs() {
        single(&mut cur, &mut left)?;
    }
    let weeks = left / 5;
    cur = shift_date(cur, step * weeks * 7)?;
    left -= weeks * 5;
    while left > 0 {
        single(&mut cur, &mut left)?;
    }
    Ok(cur)
}

fn add_business_days(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("addBusinessDays", args, 2, 2)?;
    ctx.charge(1)?;
    let n = super::support::int_arg(ctx.heap_ref(), args[1])?.saturating();
    if n == 0 {
        return Ok(args[0]);
    }
    if let Ok(d) = dt_arg(ctx, args[0]) {
        let date = business_shift(d.dt.date(), n)?;
        return new_dt(ctx, date.and_time(d.dt.time()), d.offset);
    }
    let d = date_arg(ctx, args[0])?;
    let date = business_shift(d.0, n)?;
    new_date(ctx, date)
}

/// Mon–Fri dates in the closed range between two dates.
fn business_days(a: NaiveDate, b: NaiveDate) -> i64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let span = (hi - lo).num_days() + 1;
    let mut count = span / 7 * 5;
    let mut d = lo + ChronoDuration::days(span / 7 * 7);
    while d <= hi {
        count += i64::from(is_business(d));
        d += ChronoDuration::days(1);
    }
    count
}

fn business_days_between(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("businessDaysBetween", args, 2, 2)?;
    ctx.charge(1)?;
    let a = any_date(ctx, args[0])?;
    let b = any_date(ctx, args[1])?;
    Ok(Value::Int(business_days(a, b)))
}

fn is_weekend(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("isWeekend", args, 1, 1)?;
    Ok(Value::Bool(!is_business(any_date(ctx, args[0])?)))
}

fn is_weekday(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("isWeekday", args, 1, 1)?;
    Ok(Value::Bool(is_business(any_date(ctx, args[0])?)))
}

fn utc(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("utc", args, 0, 0)?;
    Ok(ctx.heap().alloc_str("UTC")?)
}

fn create_time_zone(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("createTimeZone", args, 1, 3)?;
    let hours = super::support::int_arg(ctx.heap_ref(), args[0])?.saturating();
    let minutes = match opt(args, 1) {
        Value::Null => 0,
        v => super::support::int_arg(ctx.heap_ref(), v)?.saturating(),
    };
    let name = match opt(args, 2) {
        Value::Null => String::new(),
        v => str_arg(ctx, "createTimeZone", 3, v)?,
    };
    let name = if name.is_empty() {
        format!(
            "UTC{}{hours}:{minutes:02}",
            if hours >= 0 { "+" } else { "" }
        )
    } else {
        name
    };
    let k_hours = ctx.heap().alloc_str("hours")?;
    let k_minutes = ctx.heap().alloc_str("minutes")?;
    let k_name = ctx.heap().alloc_str("name")?;
    let v_name = ctx.heap().alloc_string(name)?;
    mlpy_vm::methods::object_from_pairs(
        ctx.heap(),
        &[
            (k_hours, Value::Int(hours)),
            (k_minutes, Value::Int(minutes)),
            (k_name, v_name),
        ],
    )
}

// ---- text ---------------------------------------------------------------------------------

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `+HH:MM` (`sep` = ":") or `+HHMM`, with `:SS` when the offset has seconds.
fn offset_text(offset: i32, sep: &str) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.abs();
    let mut s = format!("{sign}{:02}{sep}{:02}", a / 3600, a % 3600 / 60);
    if a % 60 != 0 {
        s.push_str(&format!("{sep}{:02}", a % 60));
    }
    s
}

/// CPython `strftime` in the C locale (glibc behaviour for the directives it passes on).
fn strftime(dt: NaiveDateTime, offset: Option<i32>, fmt: &str) -> String {
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let wd = dt.weekday().num_days_from_monday() as usize;
        let month = dt.month0() as usize;
        let hour12 = match dt.hour() % 12 {
            0 => 12,
            h => h,
        };
        match d {
            'Y' => out.push_str(&dt.year().to_string()),
            'y' => out.push_str(&format!("{:02}", dt.year() % 100)),
            'm' => out.push_str(&format!("{:02}", dt.month())),
            'd' => out.push_str(&format!("{:02}", dt.day())),
            'e' => out.push_str(&format!("{:2}", dt.day())),
            'H' => out.push_str(&format!("{:02}", dt.hour())),
            'I' => out.push_str(&format!("{hour12:02}")),
            'M' => out.push_str(&format!("{:02}", dt.minute())),
            'S' => out.push_str(&format!("{:02}", dt.second())),
            'f' => out.push_str(&format!("{:06}", dt.nanosecond() / 1000)),
            'j' => out.push_str(&format!("{:03}", dt.ordinal())),
            'a' => out.push_str(&DAYS[wd][..3]),
            'A' => out.push_str(DAYS[wd]),
            'b' | 'h' => out.push_str(&MONTHS[month][..3]),
            'B' => out.push_str(MONTHS[month]),
            'p' => out.push_str(if dt.hour() < 12 { "AM" } else { "PM" }),
            'u' => out.push_str(&(wd + 1).to_string()),
            'w' => out.push_str(&((wd + 1) % 7).to_string()),
            'z' => {
                if let Some(o) = offset {
                    out.push_str(&offset_text(o, ""));
                }
            }
            'Z' => match offset {
                Some(0) => out.push_str("UTC"),
                Some(o) => out.push_str(&format!("UTC{}", offset_text(o, ":"))),
                None => {}
            },
            'F' => out.push_str(&strftime(dt, offset, "%Y-%m-%d")),
            'D' | 'x' => out.push_str(&strftime(dt, offset, "%m/%d/%y")),
            'T' | 'X' => out.push_str(&strftime(dt, offset, "%H:%M:%S")),
            'R' => out.push_str(&strftime(dt, offset, "%H:%M")),
            'c' => out.push_str(&strftime(dt, offset, "%a %b %e %H:%M:%S %Y")),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

/// `datetime.isoformat()`.
fn iso_text(d: DateTimeObject) -> String {
    let mut s = d.dt.format("%Y-%m-%dT%H:%M:%S").to_string();
    let us = d.dt.nanosecond() / 1000;
    if us != 0 {
        s.push_str(&format!(".{us:06}"));
    }
    if let Some(o) = d.offset {
        s.push_str(&offset_text(o, ":"));
    }
    s
}

// ---- DateTimeObject methods ---------------------------------------------------------------

fn this(
    ctx: &NativeCtx<'_>,
    func: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> RtResult<DateTimeObject> {
    method_arity(func, args, min, max)?;
    dt_arg(ctx, args[0])
}

macro_rules! dt_int {
    ($name:ident, $label:literal, $get:expr) => {
        fn $name(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
            let d = this(ctx, $label, args, 0, 0)?;
            let f: fn(&NaiveDateTime) -> i64 = $get;
            Ok(Value::Int(f(&d.dt)))
        }
    };
}

dt_int!(dt_year, "year", |d| i64::from(d.year()));
dt_int!(dt_month, "month", |d| i64::from(d.month()));
dt_int!(dt_day, "day", |d| i64::from(d.day()));
dt_int!(dt_hour, "hour", |d| i64::from(d.hour()));
dt_int!(dt_minute, "minute", |d| i64::from(d.minute()));
dt_int!(dt_second, "second", |d| i64::from(d.second()));
dt_int!(dt_weekday, "weekday", |d| i64::from(
    d.weekday().num_days_from_monday()
));

fn dt_timestamp(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "timestamp", args, 0, 0)?;
    Ok(Value::Float(timestamp_of(ctx, d)))
}

fn dt_shift(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value], unit_us: i128) -> RtResult<Value> {
    let d = this(ctx, func, args, 1, 1)?;
    let us = micros(ctx, args[1], unit_us)?;
    let dt = shift(d.dt, us)?;
    new_dt(ctx, dt, d.offset)
}

fn dt_add_days(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    dt_shift(ctx, "addDays", args, US_PER_DAY)
}

fn dt_add_hours(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    dt_shift(ctx, "addHours", args, 3_600_000_000)
}

fn dt_add_minutes(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    dt_shift(ctx, "addMinutes", args, 60_000_000)
}

fn dt_add_seconds(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    dt_shift(ctx, "addSeconds", args, 1_000_000)
}

fn end_of_day_time() -> NaiveTime {
    NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or(NaiveTime::MIN)
}

fn with_dt(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    args: &[Value],
    f: fn(NaiveDateTime) -> Option<NaiveDateTime>,
) -> RtResult<Value> {
    let d = this(ctx, func, args, 0, 0)?;
    let dt = f(d.dt).ok_or_else(out_of_range)?;
    new_dt(ctx, dt, d.offset)
}

fn last_day_of_month(d: NaiveDate) -> Option<NaiveDate> {
    let days = month_days(i64::from(d.year()), i64::from(d.month()));
    d.with_day(days as u32)
}

fn dt_start_of_day(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_dt(ctx, "startOfDay", args, |d| {
        Some(d.date().and_time(NaiveTime::MIN))
    })
}

fn dt_end_of_day(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_dt(ctx, "endOfDay", args, |d| {
        Some(d.date().and_time(end_of_day_time()))
    })
}

fn dt_start_of_month(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_dt(ctx, "startOfMonth", args, |d| {
        Some(d.date().with_day(1)?.and_time(NaiveTime::MIN))
    })
}

fn dt_end_of_month(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_dt(ctx, "endOfMonth", args, |d| {
        Some(last_day_of_month(d.date())?.and_time(end_of_day_time()))
    })
}

fn dt_start_of_year(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_dt(ctx, "startOfYear", args, |d| {
        Some(NaiveDate::from_ymd_opt(d.year(), 1, 1)?.and_time(NaiveTime::MIN))
    })
}

fn dt_end_of_year(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_dt(ctx, "endOfYear", args, |d| {
        Some(NaiveDate::from_ymd_opt(d.year(), 12, 31)?.and_time(end_of_day_time()))
    })
}

fn dt_is_same_day(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "isSameDay", args, 1, 1)?;
    let other = any_date(ctx, args[1])?;
    Ok(Value::Bool(d.dt.date() == other))
}

/// Microseconds since the epoch of comparable instants (`TypeError` for naive vs aware).
fn instants(a: DateTimeObject, b: DateTimeObject, verb: &str) -> RtResult<(i64, i64)> {
    let key = |d: DateTimeObject| {
        (d.dt - ChronoDuration::seconds(i64::from(d.offset.unwrap_or(0))))
            .and_utc()
            .timestamp_micros()
    };
    match (a.offset, b.offset) {
        (Some(_), None) | (None, Some(_)) => Err(RtError::type_error(format!(
            "can't {verb} offset-naive and offset-aware datetimes"
        ))),
        _ => Ok((key(a), key(b))),
    }
}

fn compare(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value]) -> RtResult<std::cmp::Ordering> {
    let a = this(ctx, func, args, 1, 1)?;
    let b = dt_arg(ctx, args[1])?;
    let (x, y) = instants(a, b, "compare")?;
    Ok(x.cmp(&y))
}

fn dt_is_before(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Bool(compare(ctx, "isBefore", args)?.is_lt()))
}

fn dt_is_after(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Bool(compare(ctx, "isAfter", args)?.is_gt()))
}

fn dt_is_same(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Bool(compare(ctx, "isSame", args)?.is_eq()))
}

fn dt_format(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "format", args, 0, 1)?;
    let fmt = match opt(args, 1) {
        Value::Null => "%Y-%m-%d %H:%M:%S".to_string(),
        v => str_arg(ctx, "format", 1, v)?,
    };
    ctx.heap_ref().check(fmt.len() * 12)?;
    ctx.charge(1 + fmt.len() as u64)?;
    let text = strftime(d.dt, d.offset, &fmt);
    Ok(ctx.heap().alloc_string(text)?)
}

fn dt_to_string(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "toString", args, 0, 0)?;
    Ok(ctx.heap().alloc_string(iso_text(d))?)
}

fn dt_date(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "date", args, 0, 0)?;
    new_date(ctx, d.dt.date())
}

fn dt_time(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "time", args, 0, 0)?;
    Ok(ctx.heap().alloc_host(Box::new(TimeObj(d.dt.time())))?)
}

fn dt_diff(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = this(ctx, "diff", args, 1, 1)?;
    let b = dt_arg(ctx, args[1])?;
    let (x, y) = instants(a, b, "subtract")?;
    new_delta(ctx, i128::from(x) - i128::from(y))
}

fn dt_add(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "add", args, 1, 1)?;
    let delta = delta_arg(ctx, args[1])?;
    let dt = shift(d.dt, delta.0)?;
    new_dt(ctx, dt, d.offset)
}

fn dt_subtract(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this(ctx, "subtract", args, 1, 1)?;
    let delta = delta_arg(ctx, args[1])?;
    let dt = shift(d.dt, -delta.0)?;
    new_dt(ctx, dt, d.offset)
}

// ---- Date methods -------------------------------------------------------------------------

fn this_date(ctx: &NativeCtx<'_>, func: &str, args: &[Value], n: usize) -> RtResult<NaiveDate> {
    method_arity(func, args, n, n)?;
    Ok(date_arg(ctx, args[0])?.0)
}

fn d_year(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(i64::from(
        this_date(ctx, "year", args, 0)?.year(),
    )))
}

fn d_month(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(i64::from(
        this_date(ctx, "month", args, 0)?.month(),
    )))
}

fn d_day(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(i64::from(this_date(ctx, "day", args, 0)?.day())))
}

fn d_weekday(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this_date(ctx, "weekday", args, 0)?;
    Ok(Value::Int(i64::from(d.weekday().num_days_from_monday())))
}

fn d_is_weekend(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Bool(!is_business(this_date(
        ctx,
        "isWeekend",
        args,
        0,
    )?)))
}

fn d_to_iso(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this_date(ctx, "toISOString", args, 0)?;
    Ok(ctx.heap().alloc_string(d.format("%Y-%m-%d").to_string())?)
}

fn date_days_arg(ctx: &NativeCtx<'_>, v: Value) -> RtResult<i64> {
    Ok(super::support::int_arg(ctx.heap_ref(), v)?.saturating())
}

fn d_add_days(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this_date(ctx, "addDays", args, 1)?;
    let n = date_days_arg(ctx, args[1])?;
    let out = shift_date(d, n)?;
    new_date(ctx, out)
}

fn d_subtract_days(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this_date(ctx, "subtractDays", args, 1)?;
    let n = date_days_arg(ctx, args[1])?;
    let out = shift_date(d, n.checked_neg().ok_or_else(out_of_range)?)?;
    new_date(ctx, out)
}

fn d_diff(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let d = this_date(ctx, "diff", args, 1)?;
    let other = date_arg(ctx, args[1])?.0;
    Ok(Value::Int((d - other).num_days()))
}

// ---- Time methods -------------------------------------------------------------------------

fn this_time(ctx: &NativeCtx<'_>, func: &str, args: &[Value]) -> RtResult<NaiveTime> {
    method_arity(func, args, 0, 0)?;
    Ok(host_ref::<TimeObj>(ctx.heap_ref(), "Time", args[0])?.0)
}

fn t_hour(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(i64::from(this_time(ctx, "hour", args)?.hour())))
}

fn t_minute(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(i64::from(
        this_time(ctx, "minute", args)?.minute(),
    )))
}

fn t_second(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(i64::from(
        this_time(ctx, "second", args)?.second(),
    )))
}

// ---- TimeDelta methods --------------------------------------------------------------------

fn this_delta(ctx: &NativeCtx<'_>, func: &str, args: &[Value], n: usize) -> RtResult<i128> {
    method_arity(func, args, n, n)?;
    Ok(delta_arg(ctx, args[0])?.0)
}

fn td_days(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let us = this_delta(ctx, "days", args, 0)?;
    Ok(Value::Int(us.div_euclid(US_PER_DAY) as i64))
}

fn td_seconds(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let us = this_delta(ctx, "seconds", args, 0)?;
    Ok(Value::Int((us.rem_euclid(US_PER_DAY) / 1_000_000) as i64))
}

fn total(ctx: &NativeCtx<'_>, func: &str, args: &[Value], unit_seconds: f64) -> RtResult<Value> {
    let us = this_delta(ctx, func, args, 0)?;
    Ok(Value::Float(us as f64 / 1e6 / unit_seconds))
}

fn td_total_seconds(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    total(ctx, "totalSeconds", args, 1.0)
}

fn td_total_minutes(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    total(ctx, "totalMinutes", args, 60.0)
}

fn td_total_hours(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    total(ctx, "totalHours", args, 3600.0)
}

fn td_total_days(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    total(ctx, "totalDays", args, 86400.0)
}

fn td_add(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = this_delta(ctx, "add", args, 1)?;
    let b = delta_arg(ctx, args[1])?.0;
    new_delta(ctx, a + b)
}

fn td_subtract(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = this_delta(ctx, "subtract", args, 1)?;
    let b = delta_arg(ctx, args[1])?.0;
    new_delta(ctx, a - b)
}

fn td_multiply(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let a = this_delta(ctx, "multiply", args, 1)?;
    let us = match num::num(ctx.heap_ref(), args[1]) {
        Some(num::Num::Int(i)) => a.checked_mul(i128::from(i)).ok_or_else(out_of_range)?,
        Some(n) => {
            let f = a as f64 * n.to_f64()?;
            if !f.is_finite() || f.abs() > 1e30 {
                return Err(RtError::overflow_error(
                    "cannot convert float to a duration",
                ));
            }
            f.round_ties_even() as i128
        }
        None => {
            return Err(RtError::type_error(format!(
                "unsupported operand type(s) for *: 'TimeDelta' and '{}'",
                args[1].type_name(ctx.heap_ref())
            )))
        }
    };
    new_delta(ctx, us)
}

fn td_is_negative(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Bool(this_delta(ctx, "isNegative", args, 0)? < 0))
}

fn td_abs(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let us = this_delta(ctx, "abs", args, 0)?;
    new_delta(ctx, us.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, mi, s))
            .unwrap()
    }

    #[test]
    fn strftime_matches_cpython() {
        let d = dt(2024, 2, 29, 13, 5, 9);
        assert_eq!(strftime(d, None, "%d/%m/%Y"), "29/02/2024");
        assert_eq!(
            strftime(d, None, "%a %A %b %B %j %I %p %y %f %z%Z %%"),
            "Thu Thursday Feb February 060 01 PM 24 000000  %"
        );
        assert_eq!(strftime(d, Some(5400), "%z %Z"), "+0130 UTC+01:30");
        assert_eq!(strftime(d, Some(0), "%Z"), "UTC");
        assert_eq!(strftime(dt(999, 1, 1, 0, 0, 0), None, "%Y"), "999");
    }

    #[test]
    fn fromisoformat_cases() {
        let p =
            |s: &str| parse_iso_text(s).map(|(d, o)| iso_text(DateTimeObject { dt: d, offset: o }));
        assert_eq!(p("2024-01-15").unwrap(), "2024-01-15T00:00:00");
        assert_eq!(p("2024-01-15T10:30").unwrap(), "2024-01-15T10:30:00");
        assert_eq!(
            p("2024-01-15 10:30:05.5").unwrap(),
            "2024-01-15T10:30:05.500000"
        );
        assert_eq!(
            p("2024-01-15T10:30:00+02:00").unwrap(),
            "2024-01-15T10:30:00+02:00"
        );
        assert_eq!(
            p("2024-01-15T10:30:00Z").unwrap(),
            "2024-01-15T10:30:00+00:00"
        );
        assert_eq!(
            p("20240115T103000-0530").unwrap(),
            "2024-01-15T10:30:00-05:30"
        );
        assert_eq!(p("2024-13-01").unwrap_err(), "month must be in 1..12");
        assert_eq!(p("nope").unwrap_err(), "Invalid isoformat string: 'nope'");
        assert!(p("2024-01-15T").is_err());
    }

    #[test]
    fn business_day_arithmetic() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        // Fri 2024-03-01 + 1 → Mon 03-04; Sat 03-02 + 5 → Fri 03-08; -1 from Mon → Fri.
        assert_eq!(business_shift(d(2024, 3, 1), 1).unwrap(), d(2024, 3, 4));
        assert_eq!(business_shift(d(2024, 3, 2), 5).unwrap(), d(2024, 3, 8));
        assert_eq!(business_shift(d(2024, 3, 4), -1).unwrap(), d(2024, 3, 1));
        assert_eq!(business_shift(d(2024, 3, 4), 23).unwrap(), d(2024, 4, 4));
        // Stepwise reference for every start day and counts up to 30.
        for start in 1..=7 {
            for n in -30i64..=30 {
                let mut cur = d(2024, 3, start);
                let mut left = n.abs();
                while left > 0 {
                    cur += ChronoDuration::days(n.signum());
                    if is_business(cur) {
                        left -= 1;
                    }
                }
                assert_eq!(
                    business_shift(d(2024, 3, start), n).unwrap(),
                    cur,
                    "{start} {n}"
                );
            }
        }
        assert_eq!(business_days(d(2024, 3, 1), d(2024, 3, 10)), 6);
        assert_eq!(business_days(d(2024, 3, 10), d(2024, 3, 1)), 6);
        assert_eq!(business_days(d(2024, 3, 2), d(2024, 3, 3)), 0);
    }

    #[test]
    fn named_zone_offsets_of_skipped_and_repeated_wall_times() {
        let ny = crate::host::named_timezone("America/New_York").unwrap();
        // 02:30 on 2024-03-10 does not exist: the offset before the gap (EST).
        assert_eq!(named_offset_of(&ny, dt(2024, 3, 10, 2, 30, 0)), -5 * 3600);
        // 01:30 on 2024-11-03 happens twice: the earlier one (EDT).
        assert_eq!(named_offset_of(&ny, dt(2024, 11, 3, 1, 30, 0)), -4 * 3600);
        assert_eq!(named_offset_of(&ny, dt(2024, 7, 1, 12, 0, 0)), -4 * 3600);
        // Years jiff cannot represent fall back to the offset at that UTC instant.
        let _ = named_offset_of(&ny, dt(-5000, 1, 1, 0, 0, 0));
    }
}
