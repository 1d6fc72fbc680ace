/* The rows of a table and the relations as JSON text: report/serialise.py's
 * _rows_json_python and _relations_json_python, compiled.
 *
 * The Python functions are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler): this writes the very same text, every figure's and row's fields in the
 * same order, read through the same attributes, the filing's strings through the same
 * `quote` (json's own encoder), the numbers through the release's `numbers` mapping, a
 * set of flags and an ambiguous print's readings through the Python helpers the caller
 * passes. What it saves is the Python work per figure (an f-string of a dozen parts and
 * its attribute reads): about 0.4 us of the 1.6 a figure takes in Python; the rest is the
 * memory traffic of the ten objects a figure refers to (bench/README.md, item 23a).
 *
 * Every value is formatted as an f-string's `{x}` formats it (format(x, "")): a str as
 * itself, an exact int in plain digits, anything else through PyObject_Format.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_interned.h"


static PyObject *S_rows, *S_index, *S_cells, *S_label, *S_level, *S_kind, *S_unit,
    *S_concept, *S_section, *S_line, *S_rule_above, *S_rule_below, *S_value_, *S_raw,
    *S_value, *S_precision, *S_span, *S_column, *S_flags, *S_readings, *S_start, *S_end,
    *S_offset, *S_strip, *S_empty, *S_tables, *S_relations, *S_total, *S_items,
    *S_evaluations, *S_source, *S_name, *S_table, *S_row, *S_sign, *S_expected, *S_actual,
    *S_difference, *S_tolerance, *S_holds;

/* Where one attribute of one class is held: the slot's offset in its instances, found once
 * and used while the class is unchanged (its version tag, which every change of a class
 * renews, is the one the offset was found under). */
typedef struct {
    PyTypeObject *type;
    unsigned int version;
    Py_ssize_t offset;
} Slot;

/* obj.name (a new reference), read from its slot where the class keeps it in one and
 * reads attributes the generic way: what PyObject_GetAttr gives, without the class's
 * lookup of the name for every record (a release's rows read eleven of each figure's). A
 * slot not set, or any other attribute, is read by PyObject_GetAttr. */
static PyObject *
get_slot(PyObject *obj, PyObject *name, Slot *slot)
{
    PyTypeObject *type = Py_TYPE(obj);
    if (slot->type != type || slot->version != type->tp_version_tag ||
        !PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        slot->type = NULL;
        PyObject *descr = NULL; /* borrowed; the lookup sets the class's version tag */
        if (type->tp_getattro == PyObject_GenericGetAttr) {
            descr = _PyType_Lookup(type, name);
        }
        if (!PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
            return PyObject_GetAttr(obj, name);
        }
        slot->offset = descr != NULL && Py_IS_TYPE(descr, &PyMemberDescr_Type) &&
                               ((PyMemberDescrObject *)descr)->d_member->type == T_OBJECT_EX
                           ? ((PyMemberDescrObject *)descr)->d_member->offset
                           : -1; /* not a slot: read the generic way */
        slot->version = type->tp_version_tag;
        slot->type = type;
    }
    if (slot->offset < 0) {
        return PyObject_GetAttr(obj, name);
    }
    PyObject *value = *(PyObject **)((char *)obj + slot->offset);
    if (value == NULL) {
        return PyObject_GetAttr(obj, name); /* raises the AttributeError */
    }
    Py_INCREF(value);
    return value;
}

/* the slots the rows read, one per (class, attribute) read */
enum {
    C_SPAN, C_RAW, C_VALUE, C_PRECISION, C_COLUMN, C_FLAGS, C_READINGS,
    P_LINE, P_START, P_END, P_OFFSET,
    R_INDEX, R_CELLS, R_LABEL, R_LEVEL, R_KIND, R_UNIT, R_CONCEPT, R_SECTION, R_LINE,
    R_RULE_ABOVE, R_RULE_BELOW,
    T_TABLE, T_ROW, T_SIGN, TB_ROWS,
    E_LABEL, E_EXPECTED, E_ACTUAL, E_DIFFERENCE, E_TOLERANCE, E_HOLDS,
    L_TOTAL, L_ITEMS, L_EVALUATIONS, L_NAME, L_SOURCE, L_KIND,
    N_SLOTS
};

typedef struct {
    _PyUnicodeWriter w;
    PyObject *marks;      /* dict: (row, column) -> the mark's word */
    PyObject *numbers;    /* mapping: Decimal -> its digits (serialise._Numbers) */
    PyObject *quote;      /* str -> its JSON text */
    PyObject *flag_texts; /* dict: frozenset of flags -> its JSON text */
    PyObject *flags_json; /* (flags, quote) -> their JSON text (on a miss of flag_texts) */
    PyObject *readings;   /* serialise._readings(readings, numbers, quote) */
    PyObject *unrelated;  /* the mark of a figure no relation touches */
    Slot slots[N_SLOTS];  /* where each attribute the rows read is held */
} Out;

/* obj.name through the slot `which` of o (NO_SLOT: PyObject_GetAttr) */
#define NO_SLOT (-1)
#define GET(o, obj, name, which)                                                          \
    ((which) == NO_SLOT ? PyObject_GetAttr((obj), (name))                                 \
                        : get_slot((obj), (name), &(o)->slots[(which)]))

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
put_attr(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
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

/* json.encoder's two encoders of a string (ensure_ascii or not), found at the module's
 * init: each writes a str of printable ASCII with no quote or backslash as itself
 * between quotes, and such a str is written so here, with no call */
static PyObject *json_quotes[2];

/* quote(text), or null for None when `nullable`; a text json would write as itself, written
 * between quotes directly where quote is json's (most labels and prints are such) */
static int
put_quoted(Out *o, PyObject *text, int nullable)
{
    if (nullable && text == Py_None) {
        return put(o, "null");
    }
    if ((o->quote == json_quotes[0] || o->quote == json_quotes[1]) &&
        PyUnicode_CheckExact(text) && PyUnicode_IS_ASCII(text)) {
        const unsigned char *s = PyUnicode_1BYTE_DATA(text);
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), k = 0;
        while (k < n && s[k] >= 0x20 && s[k] < 0x7f && s[k] != '"' && s[k] != '\\') {
            k++;
        }
        if (k == n) {
            if (_PyUnicodeWriter_WriteChar(&o->w, '"') < 0 ||
                _PyUnicodeWriter_WriteStr(&o->w, text) < 0) {
                return -1;
            }
            return _PyUnicodeWriter_WriteChar(&o->w, '"');
        }
    }
    return put_call(o, o->quote, &text, 1);
}

/* an enum member's `_value_` */
static int
put_enum(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *member = GET(o, obj, name, which);
    if (member == NULL) {
        return -1;
    }
    int rc = put_attr(o, member, S_value_, NO_SLOT); /* an enum member: no slots */
    Py_DECREF(member);
    return rc;
}

/* serialise.number's text of `value` where it is written without its Python: str(value)
 * with no exponent, its trailing zeros after a point and a bare point dropped, "-0" and ""
 * as "0". NULL with no error set where the Python must say (an exponent, not ASCII). */
static PyObject *
number_text(PyObject *value)
{
    PyObject *text = PyObject_Str(value);
    if (text == NULL) {
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text)) {
        Py_DECREF(text);
        return NULL;
    }
    const char *s = (const char *)PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), end = n;
    int point = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (s[k] == 'E') {
            Py_DECREF(text);
            return NULL;
        }
        point |= s[k] == '.';
    }
    if (point) {
        while (end > 0 && s[end - 1] == '0') {
            end--;
        }
        while (end > 0 && s[end - 1] == '.') {
            end--;
        }
    }
    if (end == 0 || (end == 2 && s[0] == '-' && s[1] == '0')) {
        Py_DECREF(text);
        return PyUnicode_FromStringAndSize("0", 1);
    }
    if (end == n) {
        return text;
    }
    PyObject *cut = PyUnicode_FromStringAndSize(s, end);
    Py_DECREF(text);
    return cut;
}

/* numbers[value]: a miss of the release's dict is written here and kept in it, as
 * serialise._Numbers.__missing__ keeps it; its Python is asked where number_text can't say */
static PyObject *
number_of(Out *o, PyObject *value)
{
    if (!PyDict_Check(o->numbers) || value == Py_None) {
        return PyObject_GetItem(o->numbers, value);
    }
    PyObject *text = PyDict_GetItemWithError(o->numbers, value); /* borrowed */
    if (text != NULL) {
        Py_INCREF(text);
        return text;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    text = number_text(value);
    if (text == NULL) {
        return PyErr_Occurred() ? NULL : PyObject_GetItem(o->numbers, value);
    }
    if (PyDict_SetItem(o->numbers, value, text) < 0) {
        Py_DECREF(text);
        return NULL;
    }
    return text;
}

/* numbers[value] of the attribute `name` of `obj` */
static int
put_number(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    PyObject *text = number_of(o, value);
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
    PyObject *raw = GET(o, cell, S_raw, C_RAW);
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
    PyObject *flags = GET(o, cell, S_flags, C_FLAGS);
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
    PyObject *readings = GET(o, cell, S_readings, C_READINGS);
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
    PyObject *span = GET(o, cell, S_span, C_SPAN);
    if (span == NULL) {
        return -1;
    }
    PyObject *offset = GET(o, span, S_offset, P_OFFSET);
    if (offset == NULL) {
        Py_DECREF(span);
        return -1;
    }
    int rc = -1;
    if (put(o, "{\"raw\": ") < 0 || put_raw(o, cell) < 0 || put(o, ", \"value\": \"") < 0 ||
        put_number(o, cell, S_value, C_VALUE) < 0 || put(o, "\", \"precision\": \"") < 0 ||
        put_number(o, cell, S_precision, C_PRECISION) < 0 || put(o, "\", \"line\": ") < 0 ||
        put_attr(o, span, S_line, P_LINE) < 0 || put(o, ", \"col\": ") < 0 ||
        put_attr(o, span, S_start, P_START) < 0 || put(o, ", \"end_col\": ") < 0 ||
        put_attr(o, span, S_end, P_END) < 0 || put(o, ", ") < 0) {
        goto done;
    }
    if (offset != Py_None) {
        if (put(o, "\"offset\": ") < 0 || put_formatted(o, offset) < 0 || put(o, ", ") < 0) {
            goto done;
        }
    }
    if (put(o, "\"column\": ") < 0 || put_attr(o, cell, S_column, C_COLUMN) < 0 ||
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
    if ((r = GET(o, row, S_index, R_INDEX)) == NULL ||
        (cells = GET(o, row, S_cells, R_CELLS)) == NULL ||
        (fast = PySequence_Fast(cells, "a row's cells must be a sequence")) == NULL ||
        (label = GET(o, row, S_label, R_LABEL)) == NULL ||
        (concept = GET(o, row, S_concept, R_CONCEPT)) == NULL ||
        (section = GET(o, row, S_section, R_SECTION)) == NULL || put(o, "{\"label\": ") < 0 ||
        put_quoted(o, label, 0) < 0 || put(o, ", \"level\": ") < 0 ||
        put_attr(o, row, S_level, R_LEVEL) < 0 || put(o, ", \"kind\": \"") < 0 ||
        put_enum(o, row, S_kind, R_KIND) < 0 || put(o, "\", \"unit\": \"") < 0 ||
        put_enum(o, row, S_unit, R_UNIT) < 0 || put(o, "\", \"concept\": ") < 0 ||
        put_quoted(o, concept, 1) < 0 || put(o, ", \"section\": ") < 0 ||
        put_quoted(o, section, 1) < 0 || put(o, ", \"line\": ") < 0 ||
        put_attr(o, row, S_line, R_LINE) < 0 || put(o, ", \"rule_above\": \"") < 0 ||
        put_enum(o, row, S_rule_above, R_RULE_ABOVE) < 0 || put(o, "\", \"rule_below\": \"") < 0 ||
        put_enum(o, row, S_rule_below, R_RULE_BELOW) < 0 || put(o, "\", \"cells\": [") < 0) {
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

/* an int attribute plus one (the tables are numbered from 1), formatted */
static int
put_plus_one(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    PyObject *one = PyLong_FromLong(1);
    PyObject *sum = one == NULL ? NULL : PyNumber_Add(value, one);
    Py_XDECREF(one);
    Py_DECREF(value);
    if (sum == NULL) {
        return -1;
    }
    int rc = put_formatted(o, sum);
    Py_DECREF(sum);
    return rc;
}

/* tables[term.table].rows[term.row] */
static PyObject *
row_of(PyObject *tables, PyObject *term)
{
    PyObject *t = PyObject_GetAttr(term, S_table);
    if (t == NULL) {
        return NULL;
    }
    PyObject *table = PyObject_GetItem(tables, t);
    Py_DECREF(t);
    if (table == NULL) {
        return NULL;
    }
    PyObject *rows = PyObject_GetAttr(table, S_rows);
    Py_DECREF(table);
    if (rows == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_GetAttr(term, S_row);
    if (r == NULL) {
        Py_DECREF(rows);
        return NULL;
    }
    PyObject *row = PyObject_GetItem(rows, r);
    Py_DECREF(rows);
    Py_DECREF(r);
    return row;
}

/* quote(tables[term.table].rows[term.row].label) */
static int
put_row_label(Out *o, PyObject *tables, PyObject *term)
{
    PyObject *row = row_of(tables, term);
    if (row == NULL) {
        return -1;
    }
    PyObject *label = PyObject_GetAttr(row, S_label);
    Py_DECREF(row);
    if (label == NULL) {
        return -1;
    }
    int rc = put_quoted(o, label, 0);
    Py_DECREF(label);
    return rc;
}

/* each evaluation's column label quoted, once per release (``columns``) */
static PyObject *
column_of(Out *o, PyObject *columns, PyObject *ev)
{
    PyObject *label = GET(o, ev, S_label, E_LABEL);
    if (label == NULL) {
        return NULL;
    }
    PyObject *quoted = PyDict_GetItemWithError(columns, label); /* borrowed */
    if (quoted != NULL) {
        Py_INCREF(quoted);
    }
    else if (!PyErr_Occurred()) {
        quoted = PyObject_CallOneArg(o->quote, label);
        if (quoted != NULL && PyDict_SetItem(columns, label, quoted) < 0) {
            Py_CLEAR(quoted);
        }
    }
    Py_DECREF(label);
    return quoted;
}

/* the columns of the evaluations that hold (or fail), quoted, joined by ", " */
static int
put_columns(Out *o, PyObject *columns, PyObject **evs, Py_ssize_t n, int holding)
{
    int first = 1;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *holds = GET(o, evs[k], S_holds, E_HOLDS);
        if (holds == NULL) {
            return -1;
        }
        int truth = PyObject_IsTrue(holds);
        Py_DECREF(holds);
        if (truth < 0) {
            return -1;
        }
        if (truth != holding) {
            continue;
        }
        PyObject *column = column_of(o, columns, evs[k]);
        if (column == NULL) {
            return -1;
        }
        int rc = (first ? 0 : put(o, ", ")) < 0 ? -1 : put_formatted(o, column);
        Py_DECREF(column);
        if (rc < 0) {
            return -1;
        }
        first = 0;
    }
    return 0;
}

static int
put_evaluation(Out *o, PyObject *columns, PyObject *ev)
{
    PyObject *column = column_of(o, columns, ev);
    if (column == NULL) {
        return -1;
    }
    int rc = put(o, "{\"column\": ");
    if (rc == 0) {
        rc = put_formatted(o, column);
    }
    Py_DECREF(column);
    if (rc < 0 || put(o, ", \"expected\": \"") < 0 || put_number(o, ev, S_expected, E_EXPECTED) < 0 ||
        put(o, "\", \"actual\": \"") < 0 || put_number(o, ev, S_actual, E_ACTUAL) < 0 ||
        put(o, "\", \"difference\": \"") < 0 || put_number(o, ev, S_difference, E_DIFFERENCE) < 0 ||
        put(o, "\", \"tolerance\": \"") < 0 || put_number(o, ev, S_tolerance, E_TOLERANCE) < 0 ||
        put(o, "\", \"holds\": ") < 0) {
        return -1;
    }
    PyObject *holds = GET(o, ev, S_holds, E_HOLDS);
    if (holds == NULL) {
        return -1;
    }
    int truth = PyObject_IsTrue(holds);
    Py_DECREF(holds);
    if (truth < 0) {
        return -1;
    }
    return put(o, truth ? "true}" : "false}");
}

static int
put_term(Out *o, PyObject *tables, PyObject *term)
{
    if (put(o, "{\"label\": ") < 0 || put_row_label(o, tables, term) < 0 ||
        put(o, ", \"table\": ") < 0 || put_plus_one(o, term, S_table, T_TABLE) < 0 ||
        put(o, ", \"row\": ") < 0 || put_attr(o, term, S_row, T_ROW) < 0 ||
        put(o, ", \"sign\": ") < 0 || put_attr(o, term, S_sign, T_SIGN) < 0) {
        return -1;
    }
    return put(o, "}");
}

static int
put_relation(Out *o, PyObject *tables, PyObject *columns, PyObject *relation)
{
    int rc = -1;
    PyObject *total = NULL, *items_of = NULL, *items = NULL, *evs_of = NULL, *evs = NULL,
             *name = NULL, *row = NULL;
    if ((total = GET(o, relation, S_total, L_TOTAL)) == NULL ||
        (items_of = GET(o, relation, S_items, L_ITEMS)) == NULL ||
        (items = PySequence_Fast(items_of, "a relation's items must be a sequence")) == NULL ||
        (evs_of = GET(o, relation, S_evaluations, L_EVALUATIONS)) == NULL ||
        (evs = PySequence_Fast(evs_of, "a relation's evaluations must be a sequence")) == NULL ||
        (name = GET(o, relation, S_name, L_NAME)) == NULL ||
        put(o, "{\"source\": \"") < 0 || put_enum(o, relation, S_source, L_SOURCE) < 0 ||
        put(o, "\", \"name\": ") < 0 || put_quoted(o, name, 0) < 0 ||
        put(o, ", \"kind\": \"") < 0 || put_enum(o, relation, S_kind, L_KIND) < 0 ||
        put(o, "\", \"total\": {\"label\": ") < 0 || put_row_label(o, tables, total) < 0 ||
        put(o, ", \"table\": ") < 0 || put_plus_one(o, total, S_table, T_TABLE) < 0 ||
        put(o, ", \"row\": ") < 0 || put_attr(o, total, S_row, T_ROW) < 0 ||
        put(o, ", \"line\": ") < 0 || (row = row_of(tables, total)) == NULL ||
        put_attr(o, row, S_line, R_LINE) < 0 || put(o, "}, \"items\": [") < 0) {
        goto done;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    PyObject **terms = PySequence_Fast_ITEMS(items);
    for (Py_ssize_t k = 0; k < n; k++) {
        if ((k > 0 && put(o, ", ") < 0) || put_term(o, tables, terms[k]) < 0) {
            goto done;
        }
    }
    Py_ssize_t m = PySequence_Fast_GET_SIZE(evs);
    PyObject **each = PySequence_Fast_ITEMS(evs);
    if (put(o, "], \"holds_in\": [") < 0 || put_columns(o, columns, each, m, 1) < 0 ||
        put(o, "], \"fails_in\": [") < 0 || put_columns(o, columns, each, m, 0) < 0 ||
        put(o, "], \"evaluations\": [") < 0) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        if ((k > 0 && put(o, ", ") < 0) || put_evaluation(o, columns, each[k]) < 0) {
            goto done;
        }
    }
    rc = put(o, "]}");
done:
    Py_XDECREF(row);
    Py_XDECREF(name);
    Py_XDECREF(evs);
    Py_XDECREF(evs_of);
    Py_XDECREF(items);
    Py_XDECREF(items_of);
    Py_XDECREF(total);
    return rc;
}

PyDoc_STRVAR(relations_doc,
             "relations(release, numbers, quote, /)\n"
             "--\n\n"
             "serialise._relations_json_python: json.dumps of every relation's data, written "
             "directly.");

static PyObject *
relations(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "relations() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    Out o = {.numbers = args[1], .quote = args[2]};
    PyObject *tables = NULL, *rels = NULL, *fast = NULL, *columns = NULL;
    if ((tables = PyObject_GetAttr(args[0], S_tables)) == NULL ||
        (rels = PyObject_GetAttr(args[0], S_relations)) == NULL ||
        (fast = PySequence_Fast(rels, "a release's relations must be a sequence")) == NULL ||
        (columns = PyDict_New()) == NULL) {
        Py_XDECREF(fast);
        Py_XDECREF(rels);
        Py_XDECREF(tables);
        return NULL;
    }
    _PyUnicodeWriter_Init(&o.w);
    o.w.overallocate = 1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    int rc = put(&o, "[");
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        if ((i > 0 && put(&o, ", ") < 0) || put_relation(&o, tables, columns, items[i]) < 0) {
            rc = -1;
        }
    }
    if (rc == 0) {
        rc = put(&o, "]");
    }
    Py_DECREF(columns);
    Py_DECREF(fast);
    Py_DECREF(rels);
    Py_DECREF(tables);
    if (rc < 0) {
        _PyUnicodeWriter_Dealloc(&o.w);
        return NULL;
    }
    return _PyUnicodeWriter_Finish(&o.w);
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
    {"relations", (PyCFunction)(void (*)(void))relations, METH_FASTCALL, relations_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.report._rows",
    "The rows of a table and the relations as JSON text, compiled from _rows.c "
    "(serialise._rows_json_python, serialise._relations_json_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__rows(void)
{
    static const Interned names[] = {
        {&S_rows, "rows"},       {&S_index, "index"},     {&S_cells, "cells"},
        {&S_label, "label"},     {&S_level, "level"},     {&S_kind, "kind"},
        {&S_unit, "unit"},       {&S_concept, "concept"}, {&S_section, "section"},
        {&S_line, "line"},       {&S_rule_above, "rule_above"},
        {&S_rule_below, "rule_below"},                    {&S_value_, "_value_"},
        {&S_raw, "raw"},         {&S_value, "value"},     {&S_precision, "precision"},
        {&S_span, "span"},       {&S_column, "column"},   {&S_flags, "flags"},
        {&S_readings, "readings"},                        {&S_start, "start"},
        {&S_end, "end"},         {&S_offset, "offset"},   {&S_strip, "strip"},
        {&S_empty, ""},          {&S_tables, "tables"},   {&S_relations, "relations"},
        {&S_total, "total"},     {&S_items, "items"},     {&S_evaluations, "evaluations"},
        {&S_source, "source"},   {&S_name, "name"},       {&S_table, "table"},
        {&S_row, "row"},         {&S_sign, "sign"},       {&S_expected, "expected"},
        {&S_actual, "actual"},   {&S_difference, "difference"},
        {&S_tolerance, "tolerance"},                      {&S_holds, "holds"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    if (json_quotes[0] == NULL) {
        PyObject *encoder = PyImport_ImportModule("json.encoder");
        if (encoder == NULL) {
            return NULL;
        }
        json_quotes[0] = PyObject_GetAttrString(encoder, "encode_basestring_ascii");
        json_quotes[1] = PyObject_GetAttrString(encoder, "encode_basestring");
        Py_DECREF(encoder);
        if (json_quotes[0] == NULL || json_quotes[1] == NULL) {
            Py_CLEAR(json_quotes[0]);
            Py_CLEAR(json_quotes[1]);
            return NULL;
        }
    }
    return PyModule_Create(&module_def);
}
