# requires: sysaccess
# `csv` (stdlib.md §17) for the Python backend: Python's csv module in its default dialect,
# file access checked like the VM (crates/mlpy-stdlib/src/modules/csv.rs).
import csv as __ml_pycsv
import io as __ml_io


def __ml_csv_delim(func, args, i):
    d = __ml_sa_opt_str(func, args, i)
    if d is None:
        return ","
    if __ml_len(d) != 1 or not d.isascii():
        raise __MLError("TypeError", "\"delimiter\" must be a 1-character string")
    return d


def __ml_csv_headers(args, i):
    return True if i >= __ml_len(args) else __ml_pybool(args[i])


def __ml_csv_records(text, delim):
    try:
        rows = [r for r in __ml_pycsv.reader(__ml_io.StringIO(text, newline=""), delimiter=delim) if r]
    except __ml_pycsv.Error as e:
        raise __MLError("ValueError", "CSV parsing failed: " + str(e))
    return rows


def __ml_csv_value(recs, headers):
    if not headers:
        return recs
    if not recs:
        return []
    head = recs[0]
    return [dict(zip(head, r)) for r in recs[1:]]


def __ml_csv_file_text(func, args, enc_index):
    path = __ml_sa_canonical(__ml_sa_str(func, 1, args[0]))
    enc = __ml_sa_encoding(func, args, enc_index)
    return __ml_sa_decode(__ml_sa_read_bytes(func, "file.read", path), enc)


def __ml_csv_read(*args):
    __ml_arity("csv.read", args, 1, 4)
    delim = __ml_csv_delim("csv.read", args, 1)
    headers = __ml_csv_headers(args, 2)
    text = __ml_csv_file_text("csv.read", args, 3)
    return __ml_csv_value(__ml_csv_records(text, delim), headers)


def __ml_csv_read_string(*args):
    __ml_arity("csv.read_string", args, 1, 3)
    text = __ml_sa_str("csv.read_string", 1, args[0])
    delim = __ml_csv_delim("csv.read_string", args, 1)
    return __ml_csv_value(__ml_csv_records(text, delim), __ml_csv_headers(args, 2))


def __ml_csv_cell(v):
    return "" if v is None else __ml_display(v)


def __ml_csv_entries(v):
    return [(__ml_display(k), x) for k, x in v.items()] if type(v) is dict else []


def __ml_csv_plain_row(v):
    if type(v) is list or type(v) is tuple:
        return [__ml_csv_cell(c) for c in v]
    return [__ml_csv_cell(v)]


def __ml_csv_ordered(v, order):
    entries = dict(__ml_csv_entries(v))
    return [__ml_csv_cell(entries[k]) if k in entries else "" for k in order]


def __ml_csv_rows(data, headers):
    elements = __ml_elements(data)
    if not elements:
        return []
    first = elements[0]
    rows = []
    if type(first) is dict:
        keys = [k for k, _ in __ml_csv_entries(first)]
        if headers:
            rows.append(keys)
        for e in elements:
            if type(e) is not dict:
                continue
            rows.append(__ml_csv_ordered(e, keys) if headers else [__ml_csv_cell(x) for _, x in __ml_csv_entries(e)])
    else:
        rows = [__ml_csv_plain_row(e) for e in elements]
    return rows


def __ml_csv_text(rows, delim):
    out = __ml_io.StringIO()
    w = __ml_pycsv.writer(out, delimiter=delim, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def __ml_csv_write_string(*args):
    __ml_arity("csv.write_string", args, 1, 3)
    delim = __ml_csv_delim("csv.write_string", args, 1)
    return __ml_csv_text(__ml_csv_rows(args[0], __ml_csv_headers(args, 2)), delim)


def __ml_csv_write(*args):
    __ml_arity("csv.write", args, 2, 5)
    path = __ml_sa_canonical(__ml_sa_str("csv.write", 1, args[0]))
    __ml_sa_check("csv.write", "file.write", path)
    delim = __ml_csv_delim("csv.write", args, 2)
    enc = __ml_sa_encoding("csv.write", args, 4)
    text = __ml_csv_text(__ml_csv_rows(args[1], __ml_csv_headers(args, 3)), delim)
    __ml_sa_write_bytes("csv.write", "file.write", path, __ml_sa_encode(text, enc))
    return None


def __ml_csv_file_records(func, args):
    __ml_arity(func, args, 1, 3)
    delim = __ml_csv_delim(func, args, 1)
    return __ml_csv_records(__ml_csv_file_text(func, args, 2), delim)


def __ml_csv_count_rows(*args):
    return max(__ml_len(__ml_csv_file_records("csv.count_rows", args)) - 1, 0)


def __ml_csv_get_headers(*args):
    recs = __ml_csv_file_records("csv.get_headers", args)
    return recs[0] if recs else []


def __ml_csv_append(*args):
    __ml_arity("csv.append", args, 2, 4)
    path = __ml_sa_canonical(__ml_sa_str("csv.append", 1, args[0]))
    __ml_sa_check("csv.append", "file.read", path)
    __ml_sa_check("csv.append", "file.write", path)
    delim = __ml_csv_delim("csv.append", args, 2)
    enc = __ml_sa_encoding("csv.append", args, 3)
    row = args[1]
    if type(row) is dict:
        header = None
        if __ml_sa_stat("csv.append", "file.read", path) is not None:
            text = __ml_sa_decode(__ml_sa_read_bytes("csv.append", "file.read", path), enc)
            recs = __ml_csv_records(text, delim)
            header = recs[0] if recs else None
        cells = __ml_csv_ordered(row, header) if header is not None else [__ml_csv_cell(x) for _, x in __ml_csv_entries(row)]
    else:
        cells = __ml_csv_plain_row(row)
    text = __ml_csv_text([cells], delim)
    __ml_sa_write_bytes("csv.append", "file.write", path, __ml_sa_encode(text, enc), True)
    return None


__ml_module_csv = __MLModule("csv", {
    "read": __ml_sa_fn(__ml_csv_read, "csv.read", ["file.read"], "Read a CSV file"),
    "read_string": __ml_sa_fn(__ml_csv_read_string, "csv.read_string", [], "Parse CSV text"),
    "write": __ml_sa_fn(__ml_csv_write, "csv.write", ["file.write"], "Write rows to a CSV file"),
    "write_string": __ml_sa_fn(__ml_csv_write_string, "csv.write_string", [], "Rows as CSV text"),
    "count_rows": __ml_sa_fn(__ml_csv_count_rows, "csv.count_rows", ["file.read"], "Number of data rows in a CSV file"),
    "get_headers": __ml_sa_fn(__ml_csv_get_headers, "csv.get_headers", ["file.read"], "The header record of a CSV file"),
    "append": __ml_sa_fn(__ml_csv_append, "csv.append", ["file.read", "file.write"], "Append one row to a CSV file"),
}, "CSV reading and writing (Python's default dialect)")
__ml_modules["csv"] = __ml_module_csv
