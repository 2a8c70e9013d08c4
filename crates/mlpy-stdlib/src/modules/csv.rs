//! `csv` (stdlib.md §17): reading and writing delimited text in Python's default dialect
//! (the `csv` crate does the quoting and parsing).
//!
//! Invariants: file functions check `file.read` / `file.write` with resource patterns like
//! the `file` module; reading charges one fuel tick per 64 bytes of text and checks the heap
//! budget per record; writing converts cells with `display` (null → empty field) and ends
//! records with `\r\n`.

use super::access::{
    self, add_qualified, canonical, encoding_arg, normalize_newlines, opt_str_arg, str_arg, Target,
    WriteMode,
};
use super::file::write_file;
use super::support::{arity, def, items, opt, reserve};
use mlpy_vm::{methods, ops, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use std::path::Path;

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_qualified(
        reg,
        "csv",
        "CSV reading and writing (Python's default dialect)",
        &[
            def("csv.read", read, &[], "Read a CSV file"),
            def("csv.read_string", read_string, &[], "Parse CSV text"),
            def("csv.write", write, &[], "Write rows to a CSV file"),
            def("csv.write_string", write_string, &[], "Rows as CSV text"),
            def(
                "csv.count_rows",
                count_rows,
                &[],
                "Number of data rows in a CSV file",
            ),
            def(
                "csv.get_headers",
                get_headers,
                &[],
                "The header record of a CSV file",
            ),
            def("csv.append", append, &[], "Append one row to a CSV file"),
        ],
    );
}

fn delimiter_arg(ctx: &NativeCtx<'_>, func: &str, args: &[Value], i: usize) -> RtResult<u8> {
    let Some(d) = opt_str_arg(ctx, func, args, i)? else {
        return Ok(b',');
    };
    match d.as_bytes() {
        [b] if b.is_ascii() => Ok(*b),
        _ => Err(RtError::type_error(
            "\"delimiter\" must be a 1-character string",
        )),
    }
}

fn headers_arg(ctx: &NativeCtx<'_>, args: &[Value], i: usize) -> bool {
    match args.get(i) {
        None => true,
        Some(&v) => ops::truthy(ctx.heap_ref(), v),
    }
}

/// Non-empty records of `text`, charging per byte before parsing.
fn records(ctx: &mut NativeCtx<'_>, text: &str, delimiter: u8) -> RtResult<Vec<Vec<String>>> {
    ctx.charge(1 + text.len() as u64 / 64)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| RtError::value_error(format!("CSV parsing failed: {e}")))?;
        if record.is_empty() {
            continue;
        }
        ctx.heap_ref()
            .check(record.as_slice().len() + record.len() * 40)?;
        out.push(record.iter().map(str::to_string).collect());
    }
    Ok(out)
}

fn str_row(ctx: &mut NativeCtx<'_>, row: &[String]) -> RtResult<Value> {
    reserve(ctx, row.len())?;
    let mut out = Vec::with_capacity(row.len());
    for cell in row {
        out.push(ctx.heap().alloc_str(cell)?);
    }
    Ok(ctx.heap().alloc_array(out)?)
}

/// The ML value of parsed records (objects keyed by the first record, or arrays).
fn records_value(
    ctx: &mut NativeCtx<'_>,
    recs: Vec<Vec<String>>,
    headers: bool,
) -> RtResult<Value> {
    reserve(ctx, recs.len())?;
    let mut rows = Vec::with_capacity(recs.len());
    let mut iter = recs.into_iter();
    if headers {
        let Some(head) = iter.next() else {
            return Ok(ctx.heap().alloc_array(Vec::new())?);
        };
        let mut keys = Vec::with_capacity(head.len());
        for h in &head {
            let k = ctx.heap().alloc_str(h)?;
            ctx.keep(k);
            keys.push(k);
        }
        for rec in iter {
            let mut pairs = Vec::with_capacity(keys.len());
            for (k, cell) in keys.iter().zip(&rec) {
                pairs.push((*k, ctx.heap().alloc_str(cell)?));
            }
            let obj = methods::object_from_pairs(ctx.heap(), &pairs)?;
            ctx.keep(obj);
            rows.push(obj);
        }
    } else {
        for rec in iter {
            let row = str_row(ctx, &rec)?;
            ctx.keep(row);
            rows.push(row);
        }
    }
    Ok(ctx.heap().alloc_array(rows)?)
}

/// Reads a text file for `func` after the `file.read` check.
fn read_text(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    args: &[Value],
    enc_index: usize,
) -> RtResult<String> {
    let raw = str_arg(ctx, func, 1, args[0])?;
    let path = canonical(ctx, &raw)?;
    let encoding = encoding_arg(ctx, func, args, enc_index)?;
    let file = access::open_read(ctx, func, "file.read", &path)?;
    let bytes = access::read_all(ctx, file, &path)?;
    encoding.decode(bytes)
}

fn read(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("csv.read", args, 1, 4)?;
    let delimiter = delimiter_arg(ctx, "csv.read", args, 1)?;
    let headers = headers_arg(ctx, args, 2);
    let text = read_text(ctx, "csv.read", args, 3)?;
    let recs = records(ctx, &text, delimiter)?;
    records_value(ctx, recs, headers)
}

fn read_string(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("csv.read_string", args, 1, 3)?;
    let text = str_arg(ctx, "csv.read_string", 1, args[0])?;
    let delimiter = delimiter_arg(ctx, "csv.read_string", args, 1)?;
    let headers = headers_arg(ctx, args, 2);
    let recs = records(ctx, &text, delimiter)?;
    records_value(ctx, recs, headers)
}

/// Cell text: `display`, except null → empty.
fn cell(ctx: &NativeCtx<'_>, v: Value) -> RtResult<String> {
    match v {
        Value::Null => Ok(String::new()),
        v => ctx.display(v),
    }
}

/// The key strings and values of an object, in its order.
fn object_entries(ctx: &NativeCtx<'_>, v: Value) -> RtResult<Vec<(String, Value)>> {
    let Value::Object(g) = v else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (k, val) in ctx.heap_ref().object(g).iter() {
        out.push((ctx.display(k)?, val));
    }
    Ok(out)
}

/// The cells of one non-object row element.
fn plain_row(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Vec<String>> {
    match v {
        Value::Array(_) | Value::Tuple(_) => {
            let cells = items(ctx, v)?;
            cells.into_iter().map(|c| cell(ctx, c)).collect()
        }
        v => Ok(vec![cell(ctx, v)?]),
    }
}

/// An object row in `order` (`""` for missing keys).
fn ordered_row(ctx: &NativeCtx<'_>, v: Value, order: &[String]) -> RtResult<Vec<String>> {
    let entries = object_entries(ctx, v)?;
    order
        .iter()
        .map(|k| match entries.iter().find(|(ek, _)| ek == k) {
            Some((_, val)) => cell(ctx, *val),
            None => Ok(String::new()),
        })
        .collect()
}

/// The rows `write`/`write_string` produce for `data` (stdlib.md §17).
fn rows_of(ctx: &mut NativeCtx<'_>, data: Value, headers: bool) -> RtResult<Vec<Vec<String>>> {
    let elements = items(ctx, data)?;
    let mut rows = Vec::with_capacity(elements.len() + 1);
    let Some(&first) = elements.first() else {
        return Ok(rows);
    };
    if let Value::Object(_) = first {
        let keys: Vec<String> = object_entries(ctx, first)?
            .into_iter()
            .map(|e| e.0)
            .collect();
        if headers {
            rows.push(keys.clone());
        }
        for e in elements {
            if !matches!(e, Value::Object(_)) {
                continue;
            }
            if headers {
                rows.push(ordered_row(ctx, e, &keys)?);
            } else {
                let own = object_entries(ctx, e)?;
                rows.push(
                    own.into_iter()
                        .map(|(_, v)| cell(ctx, v))
                        .collect::<RtResult<_>>()?,
                );
            }
        }
    } else {
        for e in elements {
            rows.push(plain_row(ctx, e)?);
        }
    }
    Ok(rows)
}

/// CSV text of rows: minimal quoting, `\r\n` terminators.
fn csv_text(ctx: &mut NativeCtx<'_>, rows: &[Vec<String>], delimiter: u8) -> RtResult<String> {
    let size: usize = rows.iter().flatten().map(|c| c.len() + 3).sum();
    ctx.heap_ref().check(size)?;
    ctx.charge(1 + size as u64 / 64)?;
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(size));
    for row in rows {
        writer
            .write_record(row)
            .map_err(|e| RtError::value_error(format!("CSV writing failed: {e}")))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| RtError::value_error(format!("CSV writing failed: {e}")))?;
    String::from_utf8(bytes).map_err(|e| RtError::value_error(e.to_string()))
}

fn write_string(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("csv.write_string", args, 1, 3)?;
    let delimiter = delimiter_arg(ctx, "csv.write_string", args, 1)?;
    let headers = headers_arg(ctx, args, 2);
    let rows = rows_of(ctx, args[0], headers)?;
    let text = csv_text(ctx, &rows, delimiter)?;
    Ok(ctx.heap().alloc_string(text)?)
}

fn write(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "csv.write";
    arity(func, args, 2, 5)?;
    let raw = str_arg(ctx, func, 1, args[0])?;
    let path = canonical(ctx, &raw)?;
    access::check(ctx, func, "file.write", &Target::Path(&path))?;
    let delimiter = delimiter_arg(ctx, func, args, 2)?;
    let headers = headers_arg(ctx, args, 3);
    let encoding = encoding_arg(ctx, func, args, 4)?;
    let rows = rows_of(ctx, args[1], headers)?;
    let text = csv_text(ctx, &rows, delimiter)?;
    let data = encoding.encode(&text)?;
    write_file(ctx, func, "file.write", &path, WriteMode::Truncate, &data)?;
    Ok(Value::Null)
}

fn file_records(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value]) -> RtResult<Vec<Vec<String>>> {
    arity(func, args, 1, 3)?;
    let delimiter = delimiter_arg(ctx, func, args, 1)?;
    let text = read_text(ctx, func, args, 2)?;
    records(ctx, &text, delimiter)
}

fn count_rows(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let recs = file_records(ctx, "csv.count_rows", args)?;
    Ok(Value::Int(recs.len().saturating_sub(1) as i64))
}

fn get_headers(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let recs = file_records(ctx, "csv.get_headers", args)?;
    match recs.first() {
        Some(h) => str_row(ctx, h),
        None => Ok(ctx.heap().alloc_array(Vec::new())?),
    }
}

/// The header record of an existing file (`None` when it is missing or empty).
fn existing_header(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    path: &Path,
    delimiter: u8,
    encoding: access::Encoding,
) -> RtResult<Option<Vec<String>>> {
    if access::stat(ctx, func, "file.read", path)?.is_none() {
        return Ok(None);
    }
    let file = access::open_read(ctx, func, "file.read", path)?;
    let bytes = access::read_all(ctx, file, path)?;
    let text = normalize_newlines(encoding.decode(bytes)?);
    Ok(records(ctx, &text, delimiter)?.into_iter().next())
}

fn append(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "csv.append";
    arity(func, args, 2, 4)?;
    let raw = str_arg(ctx, func, 1, args[0])?;
    let path = canonical(ctx, &raw)?;
    access::check(ctx, func, "file.read", &Target::Path(&path))?;
    access::check(ctx, func, "file.write", &Target::Path(&path))?;
    let delimiter = delimiter_arg(ctx, func, args, 2)?;
    let encoding = encoding_arg(ctx, func, args, 3)?;
    let row = opt(args, 1);
    let cells = match row {
        Value::Object(_) => match existing_header(ctx, func, &path, delimiter, encoding)? {
            Some(header) => ordered_row(ctx, row, &header)?,
            None => object_entries(ctx, row)?
                .into_iter()
                .map(|(_, v)| cell(ctx, v))
                .collect::<RtResult<_>>()?,
        },
        v => plain_row(ctx, v)?,
    };
    let text = csv_text(ctx, &[cells], delimiter)?;
    let data = encoding.encode(&text)?;
    write_file(ctx, func, "file.write", &path, WriteMode::Append, &data)?;
    Ok(Value::Null)
}
