/* The rows of a table as JSON text: report/serialise.py's _rows_json_python, compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler): this writes the very same text, every figure's and row's fields in the
 * same order, read through the same attributes, the filing's strings through the same
 * `quote` (json's own encoder), the numbers through the release's `numbers` mapping, a
 * set of flags and an ambiguous print's readings through the Python helpers the caller
 * passes. What it saves is the Python work per figure: an f-string of a dozen parts and
 * its attribute reads, about 1.5 us a figure (41,678 figures in the corpus).
 *
 * Every value is formatted as an f-string's `{x}` formats it (format(x, "")): a str as
 * itself, an exact int in plain digits, anything else through PyObject_Format.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>


static PyObject *S_rows, *S_index, *S_cells, *S_label, *S_level, *S_kind, *S_unit,
    *S_concept, *S_section, *S_line, *S_rule_above, *S_rule_below, *S_value_, *S_raw,
    *S_value, *S_precision, *S_span, *S_column, *S_flags, *S_readings, *S_start, *S_end,
    *S_offset, *S_strip, *S_empty;

typedef struct {
    _PyUnicodeWriter w;
    PyObject *marks;      /* dict: (row, column) -> the mark's word */
    PyObject *numbers;    /* mapping: Decimal -> its digits (serialise._Numbers) */
    PyObject *quote;      /* str -> its JSON text */
    PyObject *flag_texts; /* dict: frozenset of flags -> its JSON text */
    PyObject *flags_json; /* (flags, quote) -> their JSON text (on a miss of flag_texts) */
    PyObject *readings;   /* serialise._readings(readings, numbers, quote) */
    PyObject *unrelated;  /* the mark of a figure no relation touches */
} Out;

static int
put(Out *o, const char *text)
{
    return _PyUnicodeWriter_WriteASCIIString(&o->w, text, (Py_ssize_t)strlen(text));
}

/* `value` as an f-string's `{value}` writes it; steals nothing */
static int
put_formatted(Out *o, PyObject *value)
{
    if (PyUnicode_CheckExact(value)) {
        return _PyUnicodeWriter_WriteStr(&o->w, value);
    }
    if (PyLong_CheckExact(value)) {
        int overflow = 0;
        long long n = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (n == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (!overflow) {
            char digits[24];
            char *end = digits + sizeof digits, *at = end;
            unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
            do {
                *--at = (char)('0' + u % 10);
                u /= 10;
            } while (u);
            if (n < 0) {
                *--at = '-';
            }
            return _PyUnicodeWriter_WriteASCIIString(&o->w, at, end - at);
        }
    }
    PyObject *text = PyObject_Format(value, S_empty);
    if (text == NULL) {
        return -1;
    }
    int rc = _PyUnicodeWriter_WriteStr(&o->w, text);
    Py_DECREF(text);
    return rc;
}

/* the attribute `name` of `obj`, formatted; steals nothing */
static int
put_attr(Out *o, PyObject *obj, PyObject *name)
{
    PyObject *value = PyObject_GetAttr(obj, name);
    if (value == NULL) {
        return -1;
    }
    int rc = put_formatted(o, value);
    Py_DECREF(value);
    return rc;
}

/* the result of calling `fn` on `args`, formatted */
static int
put_call(Out *o, PyObject *fn, PyObject *const *args, size_t n)
{
    PyObject *text = PyObject_Vectorcall(fn, args, n, NULL);
    if (text == NULL) {
        return -1;
    }
    int rc = put_formatted(o, text);
    Py_DECREF(text);
    return rc;
}

/* quote(text), or null for None when `nullable` */
static int
put_quoted(Out *o, PyObject *text, int nullable)
{
    if (nullable && text == Py_None) {
        return put(o, "null");
    }
    return put_call(o, o->quote, &text, 1);
}

/* an enum member's `_value_` */
static int
put_enum(Out *o, PyObject *obj, PyObject *name)
{
    PyObject *member = PyObject_GetAttr(obj, name);
    if (member == NULL) {
        return -1;
    }
    int rc = put_attr(o, member, S_value_);
    Py_DECREF(member);
    return rc;
}

/* numbers[value] of the attribute `name` of `obj` */
static int
put_number(Out *o, PyObject *obj, PyObject *name)
{
    PyObject *value = PyObject_GetAttr(obj, name);
    if (value == NULL) {
        return -1;
    }
    PyObject *text = PyObject_GetItem(o->numbers, value);
    Py_DECREF(value);
    if (text == NULL) {
        return -1;
    }
    int rc = put_formatted(o, text);
    Py_DECREF(text);
    return rc;
}

/* quote(raw.strip()): a print with no space at either end is its own strip */
static int
put_raw(Out *o, PyObject *cell)
{
    PyObject *raw = PyObject_GetAttr(cell, S_raw);
    if (raw == NULL) {
        return -1;
    }
    PyObject *stripped;
    Py_ssize_t n = PyUnicode_Check(raw) ? PyUnicode_GET_LENGTH(raw) : 0;
    if (PyUnicode_CheckExact(raw) && n > 0 &&
        !Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(raw, 0)) &&
        !Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(raw, n - 1))) {
        stripped = raw;
    }
    else {
        stripped = PyObject_CallMethodNoArgs(raw, S_strip);
        Py_DECREF(raw);
        if (stripped == NULL) {
            return -1;
        }
    }
    int rc = put_quoted(o, stripped, 0);
    Py_DECREF(stripped);
    return rc;
}

/* the flags as written: flag_texts' entry, made by flags_json on a miss */
static int
put_flags(Out *o, PyObject *cell)
{
    PyObject *flags = PyObject_GetAttr(cell, S_flags);
    if (flags == NULL) {
        return -1;
    }
    int any = PyObject_IsTrue(flags);
    if (any <= 0) {
        Py_DECREF(flags);
        return any < 0 ? -1 : put(o, "[]");
    }
    PyObject *written = PyDict_GetItemWithError(o->flag_texts, flags); /* borrowed */
    if (written != NULL) {
        Py_DECREF(flags);
        return put_formatted(o, written);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(flags);
        return -1;
    }
    PyObject *call[2] = {flags, o->quote};
    PyObject *made = PyObject_Vectorcall(o->flags_json, call, 2, NULL);
    if (made == NULL || PyDict_SetItem(o->flag_texts, flags, made) < 0) {
        Py_XDECREF(made);
        Py_DECREF(flags);
        return -1;
    }
    Py_DECREF(flags);
    int rc = put_formatted(o, made);
    Py_DECREF(made);
    return rc;
}

static int
put_readings(Out *o, PyObject *cell)
{
    PyObject *readings = PyObject_GetAttr(cell, S_readings);
    if (readings == NULL) {
        return -1;
    }
    Py_ssize_t n = PyObject_Length(readings);
    int rc;
    if (n < 0) {
        rc = -1;
    }
    else if (n > 1) {
        PyObject *args[3] = {readings, o->numbers, o->quote};
        rc = put_call(o, o->readings, args, 3);
    }
    else {
        rc = put(o, "null");
    }
    Py_DECREF(readings);
    return rc;
}

/* marks.get((row, column), unrelated) */
static int
put_mark(Out *o, PyObject *row, Py_ssize_t column)
{
    PyObject *mark = o->unrelated;
    if (PyDict_GET_SIZE(o->marks) == 0) {
        return put_formatted(o, mark);
    }
    PyObject *j = PyLong_FromSsize_t(column);
    if (j == NULL) {
        return -1;
    }
    PyObject *key = PyTuple_Pack(2, row, j);
    Py_DECREF(j);
    if (key == NULL) {
        return -1;
    }
    PyObject *found = PyDict_GetItemWithError(o->marks, key); /* borrowed */
    Py_DECREF(key);
    if (found == NULL && PyErr_Occurred()) {
        return -1;
    }
    return put_formatted(o, found != NULL ? found : mark);
}

static int
put_cell(Out *o, PyObject *cell, PyObject *r, Py_ssize_t j)
{
    PyObject *span = PyObject_GetAttr(cell, S_span);
    if (span == NULL) {
        return -1;
    }
    PyObject *offset = PyObject_GetAttr(span, S_offset);
    if (offset == NULL) {
        Py_DECREF(span);
        return -1;
    }
    int rc = -1;
    if (put(o, "{\"raw\": ") < 0 || put_raw(o, cell) < 0 || put(o, ", \"value\": \"") < 0 ||
        put_number(o, cell, S_value) < 0 || put(o, "\", \"precision\": \"") < 0 ||
        put_number(o, cell, S_precision) < 0 || put(o, "\", \"line\": ") < 0 ||
        put_attr(o, span, S_line) < 0 || put(o, ", \"col\": ") < 0 ||
        put_attr(o, span, S_start) < 0 || put(o, ", \"end_col\": ") < 0 ||
        put_attr(o, span, S_end) < 0 || put(o, ", ") < 0) {
        goto done;
    }
    if (offset != Py_None) {
        if (put(o, "\"offset\": ") < 0 || put_formatted(o, offset) < 0 || put(o, ", ") < 0) {
            goto done;
        }
    }
    if (put(o, "\"column\": ") < 0 || put_attr(o, cell, S_column) < 0 ||
        put(o, ", \"flags\": ") < 0 || put_flags(o, cell) < 0 ||
        put(o, ", \"readings\": ") < 0 || put_readings(o, cell) < 0 ||
        put(o, ", \"mark\": \"") < 0 || put_mark(o, r, j) < 0 || put(o, "\"}") < 0) {
        goto done;
    }
    rc = 0;
done:
    Py_DECREF(offset);
    Py_DECREF(span);
    return rc;
}

static int
put_row(Out *o, PyObject *row)
{
    int rc = -1;
    PyObject *r = NULL, *cells = NULL, *fast = NULL, *concept = NULL, *section = NULL,
             *label = NULL;
    if ((r = PyObject_GetAttr(row, S_index)) == NULL ||
        (cells = PyObject_GetAttr(row, S_cells)) == NULL ||
        (fast = PySequence_Fast(cells, "a row's cells must be a sequence")) == NULL ||
        (label = PyObject_GetAttr(row, S_label)) == NULL ||
        (concept = PyObject_GetAttr(row, S_concept)) == NULL ||
        (section = PyObject_GetAttr(row, S_section)) == NULL || put(o, "{\"label\": ") < 0 ||
        put_quoted(o, label, 0) < 0 || put(o, ", \"level\": ") < 0 ||
        put_attr(o, row, S_level) < 0 || put(o, ", \"kind\": \"") < 0 ||
        put_enum(o, row, S_kind) < 0 || put(o, "\", \"unit\": \"") < 0 ||
        put_enum(o, row, S_unit) < 0 || put(o, "\", \"concept\": ") < 0 ||
        put_quoted(o, concept, 1) < 0 || put(o, ", \"section\": ") < 0 ||
        put_quoted(o, section, 1) < 0 || put(o, ", \"line\": ") < 0 ||
        put_attr(o, row, S_line) < 0 || put(o, ", \"rule_above\": \"") < 0 ||
        put_enum(o, row, S_rule_above) < 0 || put(o, "\", \"rule_below\": \"") < 0 ||
        put_enum(o, row, S_rule_below) < 0 || put(o, "\", \"cells\": [") < 0) {
        goto done;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *cell = items[j];
        if (j > 0 && put(o, ", ") < 0) {
            goto done;
        }
        if (cell == Py_None ? put(o, "null") < 0 : put_cell(o, cell, r, j) < 0) {
            goto done;
        }
    }
    rc = put(o, "]}");
done:
    Py_XDECREF(label);
    Py_XDECREF(section);
    Py_XDECREF(concept);
    Py_XDECREF(fast);
    Py_XDECREF(cells);
    Py_XDECREF(r);
    return rc;
}

PyDoc_STRVAR(rows_doc,
             "rows(table, marks, numbers, quote, flag_texts, flags_json, readings, unrelated, /)\n"
             "--\n\n"
             "serialise._rows_json_python: json.dumps of a table's rows, written directly.");

static PyObject *
rows(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8) {
        PyErr_Format(PyExc_TypeError, "rows() takes 8 arguments (%zd given)", nargs);
        return NULL;
    }
    if (!PyDict_Check(args[1]) || !PyDict_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "rows(): marks and flag_texts must be dicts");
        return NULL;
    }
    Out o = {.marks = args[1],
             .numbers = args[2],
             .quote = args[3],
             .flag_texts = args[4],
             .flags_json = args[5],
             .readings = args[6],
             .unrelated = args[7]};
    PyObject *table_rows = PyObject_GetAttr(args[0], S_rows);
    if (table_rows == NULL) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(table_rows, "a table's rows must be a sequence");
    Py_DECREF(table_rows);
    if (fast == NULL) {
        return NULL;
    }
    _PyUnicodeWriter_Init(&o.w);
    o.w.overallocate = 1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    if (put(&o, "[") < 0) {
        goto failed;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if ((i > 0 && put(&o, ", ") < 0) || put_row(&o, items[i]) < 0) {
            goto failed;
        }
    }
    if (put(&o, "]") < 0) {
        goto failed;
    }
    Py_DECREF(fast);
    return _PyUnicodeWriter_Finish(&o.w);
failed:
    Py_DECREF(fast);
    _PyUnicodeWriter_Dealloc(&o.w);
    return NULL;
}

static PyMethodDef methods[] = {
    {"rows", (PyCFunction)(void (*)(void))rows, METH_FASTCALL, rows_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.report._rows",
    "The rows of a table as JSON text, compiled from _rows.c (serialise._rows_json_python).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__rows(void)
{
    struct {
        PyObject **slot;
        const char *text;
    } names[] = {
        {&S_rows, "rows"},       {&S_index, "index"},     {&S_cells, "cells"},
        {&S_label, "label"},     {&S_level, "level"},     {&S_kind, "kind"},
        {&S_unit, "unit"},       {&S_concept, "concept"}, {&S_section, "section"},
        {&S_line, "line"},       {&S_rule_above, "rule_above"},
        {&S_rule_below, "rule_below"},                    {&S_value_, "_value_"},
        {&S_raw, "raw"},         {&S_value, "value"},     {&S_precision, "precision"},
        {&S_span, "span"},       {&S_column, "column"},   {&S_flags, "flags"},
        {&S_readings, "readings"},                        {&S_start, "start"},
        {&S_end, "end"},         {&S_offset, "offset"},   {&S_strip, "strip"},
        {&S_empty, ""},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (*names[i].slot == NULL) {
            *names[i].slot = PyUnicode_InternFromString(names[i].text);
            if (*names[i].slot == NULL) {
                return NULL;
            }
        }
    }
    return PyModule_Create(&module_def);
}
