/* A table's rows and their figures in units: tables/assemble.py's _rows_python and
 * _cells_python, and the prints of its columns, tables/headers.py's _count_prints_python,
 * compiled.
 *
 * The Python functions are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler). `cells` makes the same Cell records from the same row draft: each print
 * under its column (the first of two under one column), its value and rounding unit
 * scaled through the same `_Scaling` of the row's factor (or of 1 for a column of its own
 * unit, or of 10**power for a print that carries its power), a zero and a second reading
 * through the same `_scaled`. What it saves is the Python work per figure, above all the
 * Cell's `__init__` (a Python frame and seven slot setters): the record is allocated and
 * its seven slots set here, as `model.quick_init`'s `__init__` sets them. `rows` is the
 * row loop around it (below), `prints` the count of a table's prints by column.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_interned.h"
#include "_slots.h"

#define N_FIELDS 7 /* raw, value, precision, span, column, flags, readings */

static PyTypeObject *cell_type = NULL;
static Py_ssize_t offsets[N_FIELDS];
static PyObject *scaling_of = NULL; /* assemble._scaling */
static PyObject *scaled = NULL;     /* assemble._scaled */
static PyObject *scaled_unit = NULL; /* assemble._scaled_unit */
static PyObject *ten = NULL;         /* Decimal(10) */

static PyObject *S_column, *S_power, *S_figure, *S_value, *S_readings, *S_decimals, *S_flags,
    *S_raw, *S_span, *S_factor, *S_units, *S_is_signed;
static PyObject *S_label, *S_indent, *S_figures, *S_rule_above, *S_rule_below, *S_bold,
    *S_line, *S_label_span, *S_rstrip, *S_strip, *S_colon, *S_space, *S_period, *S_plain;

/* A field read of a record by its slot: the first type a name is read of that keeps the
 * field in a slot of its own (a member descriptor in its own dict, as a slotted
 * dataclass does) is held with the slot's offset, and the field of a record of that very
 * type read from the offset, as the descriptor reads it; any other object, or an unset
 * slot, through PyObject_GetAttr (the same value, or the same AttributeError). */
typedef struct {
    PyObject **name;
    PyTypeObject *type; /* held once set */
    Py_ssize_t offset;
    int tried;
} Slot;

static PyObject *
slot_read(PyObject *obj, Slot *slot)
{
    PyTypeObject *type = Py_TYPE(obj);
    if (type == slot->type) {
        PyObject *value = *(PyObject **)((char *)obj + slot->offset);
        if (value != NULL) {
            return Py_NewRef(value);
        }
    }
    else if (!slot->tried && type->tp_dict != NULL) {
        slot->tried = 1;
        PyObject *descr = PyDict_GetItemWithError(type->tp_dict, *slot->name); /* borrowed */
        if (descr != NULL && Py_IS_TYPE(descr, &PyMemberDescr_Type) &&
            ((PyMemberDescrObject *)descr)->d_member->type == T_OBJECT_EX &&
            PyDescr_TYPE(descr) == type) {
            slot->type = (PyTypeObject *)Py_NewRef((PyObject *)type);
            slot->offset = ((PyMemberDescrObject *)descr)->d_member->offset;
        }
        else if (PyErr_Occurred()) {
            return NULL;
        }
    }
    return PyObject_GetAttr(obj, *slot->name);
}

static Slot SL_column = {&S_column, NULL, 0, 0}, SL_power = {&S_power, NULL, 0, 0}, SL_figure = {&S_figure, NULL, 0, 0}, SL_value = {&S_value, NULL, 0, 0}, SL_readings = {&S_readings, NULL, 0, 0}, SL_decimals = {&S_decimals, NULL, 0, 0}, SL_flags = {&S_flags, NULL, 0, 0}, SL_raw = {&S_raw, NULL, 0, 0}, SL_span = {&S_span, NULL, 0, 0}, SL_factor = {&S_factor, NULL, 0, 0}, SL_units = {&S_units, NULL, 0, 0}, SL_label = {&S_label, NULL, 0, 0}, SL_indent = {&S_indent, NULL, 0, 0}, SL_figures = {&S_figures, NULL, 0, 0}, SL_rule_above = {&S_rule_above, NULL, 0, 0}, SL_rule_below = {&S_rule_below, NULL, 0, 0}, SL_bold = {&S_bold, NULL, 0, 0}, SL_line = {&S_line, NULL, 0, 0}, SL_label_span = {&S_label_span, NULL, 0, 0};

PyDoc_STRVAR(configure_doc,
             "configure(cell, scaling_of, scaled, scaled_unit, ten, /)\n"
             "--\n\n"
             "Hold the Cell class (its seven slots, in order) and assemble's helpers.");

static PyObject *
configure(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    static const char *names[N_FIELDS] = {"raw",    "value", "precision", "span",
                                          "column", "flags", "readings"};
    if (nargs != 5 || !PyType_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "configure(cell, scaling_of, scaled, scaled_unit, ten)");
        return NULL;
    }
    Py_ssize_t found[N_FIELDS];
    if (record_slots(args[0], names, N_FIELDS, "seven", "the cell record", found) < 0) {
        return NULL;
    }
    memcpy(offsets, found, sizeof offsets);
    PyObject *held[5] = {args[0], args[1], args[2], args[3], args[4]};
    PyObject **slots[5] = {(PyObject **)&cell_type, &scaling_of, &scaled, &scaled_unit, &ten};
    for (int i = 0; i < 5; i++) {
        Py_INCREF(held[i]);
        Py_XSETREF(*slots[i], held[i]);
    }
    Py_RETURN_NONE;
}

/* a Cell of its seven fields (stolen), its slots set as quick_init's __init__ sets them */
static PyObject *
make_cell(PyObject **fields)
{
    PyObject *self = cell_type->tp_alloc(cell_type, 0);
    if (self == NULL) {
        for (int i = 0; i < N_FIELDS; i++) {
            Py_DECREF(fields[i]);
        }
        return NULL;
    }
    for (int i = 0; i < N_FIELDS; i++) {
        *(PyObject **)((char *)self + offsets[i]) = fields[i];
    }
    return self;
}

/* _scaled(value, factor, value.is_signed()) */
static PyObject *
scaled_signed(PyObject *value, PyObject *factor)
{
    PyObject *signed_ = PyObject_CallMethodNoArgs(value, S_is_signed);
    if (signed_ == NULL) {
        return NULL;
    }
    PyObject *args[3] = {value, factor, signed_};
    PyObject *made = PyObject_Vectorcall(scaled, args, 3, NULL);
    Py_DECREF(signed_);
    return made;
}

/* scaling[value] (a new reference): a _Scaling is a dict (of no __getitem__ of its own)
 * whose __missing__ scales a value not held. Its hits are read as a dict's: a subclass of
 * dict, whose __getitem__ is a method and not a slot, is subscripted through
 * slot_mp_subscript, a method call per figure (about 550 instructions, as much as the
 * lookup's own hash of the Decimal); a miss is subscripted as Python does. */
static PyObject *
scaled_value(PyObject *scaling, PyObject *value)
{
    if (PyDict_Check(scaling)) {
        PyObject *held = PyDict_GetItemWithError(scaling, value); /* borrowed */
        if (held != NULL) {
            return Py_NewRef(held);
        }
        if (PyErr_Occurred()) {
            return NULL;
        }
    }
    return PyObject_GetItem(scaling, value);
}

/* the cell of one print, its scaling chosen (a new reference) */
static PyObject *
cell_of(PyObject *draft, PyObject *column, PyObject *scaling)
{
    PyObject *fields[N_FIELDS] = {NULL};
    PyObject *fig = NULL, *first = NULL, *factor = NULL, *readings = NULL, *units = NULL,
             *decimals = NULL;
    PyObject *cell = NULL;
    if ((fig = slot_read(draft, &SL_figure)) == NULL ||
        (first = slot_read(fig, &SL_value)) == NULL ||
        (factor = slot_read(scaling, &SL_factor)) == NULL ||
        (fields[1] = scaled_value(scaling, first)) == NULL) {
        goto done;
    }
    int nonzero = PyObject_IsTrue(fields[1]);
    if (nonzero < 0) {
        goto done;
    }
    if (!nonzero) { /* a zero: its sign is its own, not that of an equal zero's */
        Py_SETREF(fields[1], scaled_signed(first, factor));
        if (fields[1] == NULL) {
            goto done;
        }
    }
    if ((readings = slot_read(fig, &SL_readings)) == NULL ||
        (units = slot_read(scaling, &SL_units)) == NULL ||
        (decimals = slot_read(fig, &SL_decimals)) == NULL) {
        goto done;
    }
    if (!PyDict_Check(units)) {
        PyErr_SetString(PyExc_TypeError, "a scaling's units must be a dict");
        goto done;
    }
    fields[2] = PyDict_GetItemWithError(units, decimals); /* borrowed */
    if (fields[2] != NULL) {
        Py_INCREF(fields[2]);
    }
    else {
        if (PyErr_Occurred()) {
            goto done;
        }
        PyObject *args[2] = {decimals, factor};
        fields[2] = PyObject_Vectorcall(scaled_unit, args, 2, NULL);
        if (fields[2] == NULL || PyDict_SetItem(units, decimals, fields[2]) < 0) {
            goto done;
        }
    }
    Py_ssize_t n = PyObject_Length(readings);
    if (n < 0) {
        goto done;
    }
    PyObject *only = n == 1 ? PySequence_GetItem(readings, 0) : NULL;
    if (n == 1 && only == NULL) {
        goto done;
    }
    if (only == first) {
        fields[6] = PyTuple_Pack(1, fields[1]);
    }
    else {
        PyObject *each = PySequence_Tuple(readings);
        fields[6] = each == NULL ? NULL : PyTuple_New(PyTuple_GET_SIZE(each));
        for (Py_ssize_t k = 0; fields[6] != NULL && k < PyTuple_GET_SIZE(each); k++) {
            PyObject *r = PyTuple_GET_ITEM(each, k);
            PyObject *v = r == first ? Py_NewRef(fields[1]) : scaled_signed(r, factor);
            if (v == NULL) {
                Py_CLEAR(fields[6]);
            }
            else {
                PyTuple_SET_ITEM(fields[6], k, v);
            }
        }
        Py_XDECREF(each);
    }
    Py_XDECREF(only);
    if (fields[6] == NULL || (fields[0] = slot_read(draft, &SL_raw)) == NULL ||
        (fields[3] = slot_read(draft, &SL_span)) == NULL ||
        (fields[5] = slot_read(fig, &SL_flags)) == NULL) {
        goto done;
    }
    fields[4] = Py_NewRef(column);
    cell = make_cell(fields);
    for (int i = 0; i < N_FIELDS; i++) {
        fields[i] = NULL; /* stolen */
    }
done:
    for (int i = 0; i < N_FIELDS; i++) {
        Py_XDECREF(fields[i]);
    }
    Py_XDECREF(decimals);
    Py_XDECREF(units);
    Py_XDECREF(readings);
    Py_XDECREF(factor);
    Py_XDECREF(first);
    Py_XDECREF(fig);
    return cell;
}

/* the cells of a row's figures as a list, one slot per column of own_units */
static PyObject *
cells_list(PyObject *figures_in, PyObject *own_units, PyObject *by_factor, PyObject *by_one,
           int powered)
{
    if (!PyList_Check(own_units)) {
        PyErr_SetString(PyExc_TypeError, "cells(): own_units must be a list");
        return NULL;
    }
    Py_ssize_t width = PyList_GET_SIZE(own_units);
    PyObject *fast = PySequence_Fast(figures_in, "a row's figures must be a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *out = PyList_New(width);
    if (out == NULL) {
        Py_DECREF(fast);
        return NULL;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        PyList_SET_ITEM(out, j, Py_NewRef(Py_None));
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **figures = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *f = figures[i];
        PyObject *column = slot_read(f, &SL_column);
        if (column == NULL) {
            goto failed;
        }
        Py_ssize_t j = PyNumber_AsSsize_t(column, PyExc_IndexError);
        if (j == -1 && PyErr_Occurred()) {
            Py_DECREF(column);
            goto failed;
        }
        if (j < 0) {
            j += width; /* as a list's index */
        }
        if (j < 0 || j >= width) {
            Py_DECREF(column);
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto failed;
        }
        if (PyList_GET_ITEM(out, j) != Py_None) {
            Py_DECREF(column);
            continue; /* two prints under one column: the first is the column's */
        }
        int own = PyObject_IsTrue(PyList_GET_ITEM(own_units, j));
        if (own < 0) {
            Py_DECREF(column);
            goto failed;
        }
        PyObject *scaling = Py_NewRef(own ? by_one : by_factor);
        if (powered && !own) {
            PyObject *power = slot_read(f, &SL_power);
            if (power == NULL) {
                Py_DECREF(scaling);
                Py_DECREF(column);
                goto failed;
            }
            if (power != Py_None) {
                PyObject *factor = PyNumber_Power(ten, power, Py_None);
                Py_SETREF(scaling, factor == NULL ? NULL : PyObject_CallOneArg(scaling_of, factor));
                Py_XDECREF(factor);
            }
            Py_DECREF(power);
            if (scaling == NULL) {
                Py_DECREF(column);
                goto failed;
            }
        }
        PyObject *cell = cell_of(f, column, scaling);
        Py_DECREF(scaling);
        Py_DECREF(column);
        if (cell == NULL) {
            goto failed;
        }
        PyList_SetItem(out, j, cell); /* steals cell, drops the None */
    }
    Py_DECREF(fast);
    return out;
failed:
    Py_DECREF(fast);
    Py_DECREF(out);
    return NULL;
}

PyDoc_STRVAR(cells_doc,
             "cells(figures, own_units, by_factor, by_one, powered, /)\n"
             "--\n\n"
             "assemble._cells_python's cells of a row's figures, given its scalings.");

static PyObject *
cells(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_Format(PyExc_TypeError, "cells() takes 5 arguments (%zd given)", nargs);
        return NULL;
    }
    if (cell_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "cells(): configure() first");
        return NULL;
    }
    int powered = PyObject_IsTrue(args[4]);
    if (powered < 0) {
        return NULL;
    }
    return cells_list(args[0], args[1], args[2], args[3], powered);
}

/* ---- A table's rows: tables/assemble.py's _rows_python, compiled. ----
 *
 * The same Row records from the same row drafts, in one pass: each row's label
 * (assemble._label; texts with a run of spaces or an unprintable character, or opening
 * "- - ", are handed to it), the heads open above it (sections.Heads: enter and push),
 * the prints asked for its unit (headers.PrintsOf), their flags (units.flags_of), the
 * unit its words give (units._worded, an lru_cache called as Python calls it, given
 * what the table's scale and title say, units.table_words, asked once a table) and, when
 * those words ask, its prints (units.by_prints), its cells (cells_list, its factor by
 * units.row_factor), its kind (assemble._kind), its concept (vocabulary.concept_of) and
 * the Row record, its slots set as quick_init's __init__ sets them (has_figures, the
 * derived field, as model._prints_a_figure reads it: whether any cell is true).
 */

#define N_ROW_FIELDS 13

static PyTypeObject *row_type = NULL;
static Py_ssize_t row_offsets[N_ROW_FIELDS];
/* assemble._label, units._worded, units.by_prints, units.flags_of, units.row_factor,
 * assemble._SCALINGS, vocabulary.concept_of, assemble._owns, Decimal(1), units.table_words */
static PyObject *label_of = NULL, *worded = NULL, *by_prints = NULL, *flags_of = NULL,
                *row_factor = NULL, *scalings = NULL, *concept_of = NULL, *owns_of = NULL,
                *decimal_one = NULL, *table_words_of = NULL;
/* RowKind.HEADER, TOTAL, SUBTOTAL, ITEM; Unit.USD, SHARES, PURE; Rule.SINGLE, DOUBLE */
static PyObject *K_HEADER, *K_TOTAL, *K_SUBTOTAL, *K_ITEM, *U_USD, *U_SHARES, *U_PURE,
    *R_SINGLE, *R_DOUBLE;
static Py_ssize_t max_head = 0; /* sections.MAX_HEAD */


PyDoc_STRVAR(configure_rows_doc,
             "configure_rows(row, helpers, members, max_head, /)\n"
             "--\n\n"
             "Hold the Row class (its thirteen slots, in order), the Python functions the\n"
             "row pass asks (label, worded, by_prints, flags_of, row_factor, the scalings\n"
             "by factor, concept_of, owns, Decimal(1), table_words), the enum members it\n"
             "compares (HEADER, TOTAL,\n"
             "SUBTOTAL, ITEM, USD, SHARES, PURE, SINGLE, DOUBLE) and sections.MAX_HEAD.");

static PyObject *
configure_rows(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    static const char *names[N_ROW_FIELDS] = {
        "index", "label",      "level",      "kind",    "unit",    "cells",      "line",
        "label_span", "rule_above", "rule_below", "concept", "section", "has_figures"};
    if (nargs != 4 || !PyType_Check(args[0]) || !PyTuple_Check(args[1]) ||
        PyTuple_GET_SIZE(args[1]) != 10 || !PyTuple_Check(args[2]) ||
        PyTuple_GET_SIZE(args[2]) != 9 || !PyDict_Check(PyTuple_GET_ITEM(args[1], 5))) {
        PyErr_SetString(PyExc_TypeError,
                        "configure_rows(row, (10 helpers, the 6th a dict), (9 members), max_head)");
        return NULL;
    }
    Py_ssize_t head = PyLong_AsSsize_t(args[3]);
    if (head == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t found[N_ROW_FIELDS];
    if (record_slots(args[0], names, N_ROW_FIELDS, "thirteen", "the row record", found) < 0) {
        return NULL;
    }
    memcpy(row_offsets, found, sizeof row_offsets);
    PyObject **helpers[10] = {&label_of,   &worded,     &by_prints, &flags_of,    &row_factor,
                              &scalings,   &concept_of, &owns_of,   &decimal_one, &table_words_of};
    for (int i = 0; i < 10; i++) {
        Py_XSETREF(*helpers[i], Py_NewRef(PyTuple_GET_ITEM(args[1], i)));
    }
    PyObject **members[9] = {&K_HEADER, &K_TOTAL,  &K_SUBTOTAL, &K_ITEM,  &U_USD,
                             &U_SHARES, &U_PURE, &R_SINGLE,   &R_DOUBLE};
    for (int i = 0; i < 9; i++) {
        Py_XSETREF(*members[i], Py_NewRef(PyTuple_GET_ITEM(args[2], i)));
    }
    Py_XSETREF(row_type, (PyTypeObject *)Py_NewRef(args[0]));
    max_head = head;
    Py_RETURN_NONE;
}

/* a Row of its thirteen fields (stolen), its slots set as quick_init's __init__ does */
static PyObject *
make_row(PyObject **fields)
{
    PyObject *self = row_type->tp_alloc(row_type, 0);
    if (self == NULL) {
        for (int i = 0; i < N_ROW_FIELDS; i++) {
            Py_DECREF(fields[i]);
        }
        return NULL;
    }
    for (int i = 0; i < N_ROW_FIELDS; i++) {
        *(PyObject **)((char *)self + row_offsets[i]) = fields[i];
    }
    return self;
}

/* assemble._label: a text with no unprintable character and no two spaces in a row,
 * stripped, here; any other (or one opening "- - " once stripped) by the Python */
static PyObject *
clean_label(PyObject *text)
{
    if (!PyUnicode_CheckExact(text)) {
        return PyObject_CallOneArg(label_of, text);
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 before = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!Py_UNICODE_ISPRINTABLE(c) || (c == ' ' && before == ' ')) {
            return PyObject_CallOneArg(label_of, text);
        }
        before = c;
    }
    Py_ssize_t start = 0, end = n;
    while (start < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start))) {
        start++;
    }
    while (end > start && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1))) {
        end--;
    }
    if (end - start >= 4 && PyUnicode_READ(kind, data, start) == '-' &&
        PyUnicode_READ(kind, data, start + 1) == ' ' &&
        PyUnicode_READ(kind, data, start + 2) == '-' &&
        PyUnicode_READ(kind, data, start + 3) == ' ') {
        return PyObject_CallOneArg(label_of, text);
    }
    return PyUnicode_Substring(text, start, end);
}

/* label.lower().startswith("total"): only the ASCII letters of the word lower to them
 * (no other code point's lower case opens with t, o, a or l) */
static int
totalish(PyObject *label)
{
    static const char word[] = "total";
    if (!PyUnicode_Check(label) || PyUnicode_GET_LENGTH(label) < 5) {
        return 0;
    }
    int kind = PyUnicode_KIND(label);
    const void *data = PyUnicode_DATA(label);
    for (int i = 0; i < 5; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        if (c != (Py_UCS4)word[i]) {
            return 0;
        }
    }
    return 1;
}

/* sections.Heads: the heads open above the row being read */
typedef struct {
    long level;
    PyObject *label; /* held */
    int dashed;
} Head;

typedef struct {
    Head *open;
    Py_ssize_t count, room;
    PyObject *read; /* (section, context) as last read, NULL once a head opens or closes */
} Heads;

static void
heads_pop(Heads *heads)
{
    heads->count--;
    Py_DECREF(heads->open[heads->count].label);
    Py_CLEAR(heads->read);
}

static void
heads_free(Heads *heads)
{
    while (heads->count > 0) {
        heads_pop(heads);
    }
    PyMem_Free(heads->open);
    Py_CLEAR(heads->read);
}

/* Heads.push: 0, or -1 with the error set */
static int
heads_push(Heads *heads, long level, PyObject *label)
{
    if (PyUnicode_Check(label) && PyUnicode_GET_LENGTH(label) > max_head) {
        return 0;
    }
    if (!PyUnicode_Check(label)) {
        Py_ssize_t n = PyObject_Length(label);
        if (n < 0) {
            return -1;
        }
        if (n > max_head) {
            return 0;
        }
    }
    if (heads->count == heads->room) {
        Py_ssize_t room = heads->room ? heads->room * 2 : 8;
        Head *grown = PyMem_Realloc(heads->open, room * sizeof(Head));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        heads->open = grown;
        heads->room = room;
    }
    heads->open[heads->count++] = (Head){level, Py_NewRef(label), 0};
    Py_CLEAR(heads->read);
    return 0;
}

/* Heads.enter: the (section, context) tuple, borrowed from heads->read; NULL on error */
static PyObject *
heads_enter(Heads *heads, long level, PyObject *label, int figures, PyObject *rule_above,
            int after_head)
{
    if (rule_above == R_DOUBLE && heads->count > 0) {
        while (heads->count > 0) {
            heads_pop(heads); /* a double rule closes everything above it */
        }
    }
    if (figures && heads->count > 0 && heads->open[heads->count - 1].level == level) {
        int dash = PyUnicode_Check(label) && PyUnicode_GET_LENGTH(label) > 0 &&
                   PyUnicode_READ_CHAR(label, 0) == '-';
        if (dash) {
            heads->open[heads->count - 1].dashed = 1;
        }
        else if (heads->open[heads->count - 1].dashed) {
            heads_pop(heads);
        }
    }
    int sub_head = !figures && after_head;
    while (heads->count > 0 &&
           (heads->open[heads->count - 1].level > level ||
            (!figures && heads->open[heads->count - 1].level == level && !sub_head))) {
        heads_pop(heads);
    }
    if (heads->read == NULL) {
        PyObject *section = NULL, *context = NULL;
        if (heads->count > 0) {
            PyObject *args[2] = {heads->open[heads->count - 1].label, S_colon};
            PyObject *trimmed = PyObject_VectorcallMethod(
                S_rstrip, args, 2, NULL);
            if (trimmed == NULL) {
                return NULL;
            }
            section = PyObject_CallMethodNoArgs(trimmed, S_strip);
            Py_DECREF(trimmed);
            if (section == NULL) {
                return NULL;
            }
        }
        else {
            section = Py_NewRef(Py_None);
        }
        PyObject *labels = PyList_New(heads->count);
        if (labels == NULL) {
            Py_DECREF(section);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < heads->count; i++) {
            PyList_SET_ITEM(labels, i, Py_NewRef(heads->open[i].label));
        }
        context = PyUnicode_Join(S_space, labels);
        Py_DECREF(labels);
        if (context == NULL) {
            Py_DECREF(section);
            return NULL;
        }
        heads->read = PyTuple_Pack(2, section, context);
        Py_DECREF(section);
        Py_DECREF(context);
    }
    return heads->read;
}

/* an index into a list of `width`, as the list's own indexing reads it (-1 on error) */
static Py_ssize_t
column_index(PyObject *column, Py_ssize_t width)
{
    Py_ssize_t j = PyNumber_AsSsize_t(column, PyExc_IndexError);
    if (j == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (j < 0) {
        j += width;
    }
    if (j < 0 || j >= width) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    return j;
}

/* headers.PrintsOf: the figures of a row's prints that say what it counts (a new list) */
static PyObject *
prints_of(PyObject **figures, Py_ssize_t n, PyObject *period, PyObject *plain)
{
    PyObject *own = PyList_New(0);
    if (own == NULL) {
        return NULL;
    }
    PyObject *masks[2] = {period, plain};
    for (int m = 0; m < 2 && PyList_GET_SIZE(own) == 0; m++) {
        PyObject *mask = masks[m];
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *column = slot_read(figures[i], &SL_column);
            if (column == NULL) {
                goto failed;
            }
            Py_ssize_t j = column_index(column, PyList_GET_SIZE(mask));
            Py_DECREF(column);
            if (j < 0) {
                goto failed;
            }
            int in = PyObject_IsTrue(PyList_GET_ITEM(mask, j));
            if (in < 0) {
                goto failed;
            }
            if (in) {
                PyObject *fig = slot_read(figures[i], &SL_figure);
                if (fig == NULL || PyList_Append(own, fig) < 0) {
                    Py_XDECREF(fig);
                    goto failed;
                }
                Py_DECREF(fig);
            }
        }
    }
    if (PyList_GET_SIZE(own) == 0) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *fig = slot_read(figures[i], &SL_figure);
            if (fig == NULL || PyList_Append(own, fig) < 0) {
                Py_XDECREF(fig);
                goto failed;
            }
            Py_DECREF(fig);
        }
    }
    return own;
failed:
    Py_DECREF(own);
    return NULL;
}

/* units.flags_of: every flag any print carries, as one frozenset (a new reference): the
 * first print's own set when every other print's is equal to it, else their union in a
 * new frozenset (filled before anything else sees it); prints whose flags are not
 * frozensets go to the Python */
static PyObject *
flags_union(PyObject *prints)
{
    Py_ssize_t n = PyList_GET_SIZE(prints);
    if (n == 0) {
        return PyObject_CallOneArg(flags_of, prints);
    }
    PyObject *first = slot_read(PyList_GET_ITEM(prints, 0), &SL_flags);
    if (first == NULL) {
        return NULL;
    }
    if (!PyFrozenSet_CheckExact(first)) {
        Py_DECREF(first);
        return PyObject_CallOneArg(flags_of, prints);
    }
    PyObject *made = NULL; /* the union, once two sets differ */
    for (Py_ssize_t i = 1; i < n; i++) {
        PyObject *flags = slot_read(PyList_GET_ITEM(prints, i), &SL_flags);
        if (flags == NULL) {
            goto failed;
        }
        if (!PyFrozenSet_CheckExact(flags)) {
            Py_DECREF(flags);
            Py_DECREF(first);
            Py_XDECREF(made);
            return PyObject_CallOneArg(flags_of, prints);
        }
        int same = flags == first ? 1 : PyObject_RichCompareBool(flags, first, Py_EQ);
        if (same < 0 || (!same && made == NULL && (made = PyFrozenSet_New(first)) == NULL)) {
            Py_DECREF(flags);
            goto failed;
        }
        if (!same) {
            PyObject *each = PyObject_GetIter(flags);
            PyObject *flag;
            while (each != NULL && (flag = PyIter_Next(each)) != NULL) {
                int added = PySet_Add(made, flag);
                Py_DECREF(flag);
                if (added < 0) {
                    break;
                }
            }
            Py_XDECREF(each);
            if (PyErr_Occurred()) {
                Py_DECREF(flags);
                goto failed;
            }
        }
        Py_DECREF(flags);
    }
    if (made == NULL) {
        return first;
    }
    Py_DECREF(first);
    return made;
failed:
    Py_DECREF(first);
    Py_XDECREF(made);
    return NULL;
}

/* the figure row's cells, unit and concept set in fields[4], [5], [10] (new references) */
static int
figure_row(PyObject **fields, PyObject *figures, PyObject *section, PyObject *context,
           PyObject *const *table, PyObject *by_one, PyObject *owned)
{
    /* table: period, plain, columns, scale, scale_text, title, the table's words */
    PyObject *label = fields[1];
    PyObject *prints = NULL, *flags = NULL, *words = NULL, *unit = NULL, *owns = NULL,
             *factor = NULL, *by_factor = NULL, *cells = NULL;
    int ok = -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(figures);
    PyObject **items = PySequence_Fast_ITEMS(figures);
    if ((prints = prints_of(items, n, table[0], table[1])) == NULL ||
        (flags = flags_union(prints)) == NULL) {
        goto done;
    }
    PyObject *wargs[5] = {label, section, context, flags, table[6]};
    if ((words = PyObject_Vectorcall(worded, wargs, 5, NULL)) == NULL) {
        goto done;
    }
    if (!PyTuple_Check(words) || PyTuple_GET_SIZE(words) < 4) {
        PyErr_SetString(PyExc_TypeError, "units._worded must give a tuple of four");
        goto done;
    }
    int rates = PyObject_IsTrue(PyTuple_GET_ITEM(words, 1));
    int cents = rates < 0 ? -1 : PyObject_IsTrue(PyTuple_GET_ITEM(words, 3));
    if (cents < 0) {
        goto done;
    }
    if ((rates || cents) && PyList_GET_SIZE(prints) > 0) {
        PyObject *bargs[2] = {words, prints};
        unit = PyObject_Vectorcall(by_prints, bargs, 2, NULL);
    }
    else {
        unit = Py_NewRef(PyTuple_GET_ITEM(words, 0));
    }
    if (unit == NULL) {
        goto done;
    }
    owns = PyDict_GetItemWithError(owned, unit);
    if (owns != NULL) {
        Py_INCREF(owns);
    }
    else {
        if (PyErr_Occurred()) {
            goto done;
        }
        PyObject *oargs[2] = {table[2], unit};
        if ((owns = PyObject_Vectorcall(owns_of, oargs, 2, NULL)) == NULL ||
            PyDict_SetItem(owned, unit, owns) < 0) {
            goto done;
        }
    }
    PyObject *fargs[5] = {unit, label, section, table[3], table[4]};
    if ((factor = PyObject_Vectorcall(row_factor, fargs, 5, NULL)) == NULL) {
        goto done;
    }
    by_factor = PyDict_GetItemWithError(scalings, factor);
    if (by_factor != NULL) {
        Py_INCREF(by_factor);
    }
    else if (PyErr_Occurred() ||
             (by_factor = PyObject_CallOneArg(scaling_of, factor)) == NULL) {
        goto done;
    }
    if ((cells = cells_list(figures, owns, by_factor, by_one, unit == U_USD || unit == U_SHARES)) ==
        NULL) {
        goto done;
    }
    if ((fields[5] = PyList_AsTuple(cells)) == NULL) {
        goto done;
    }
    if (unit == U_PURE) {
        fields[10] = Py_NewRef(Py_None);
    }
    else if ((fields[10] = PyObject_CallOneArg(concept_of, label)) == NULL) {
        goto done;
    }
    fields[4] = Py_NewRef(unit);
    ok = 0;
done:
    Py_XDECREF(cells);
    Py_XDECREF(by_factor);
    Py_XDECREF(factor);
    Py_XDECREF(owns);
    Py_XDECREF(unit);
    Py_XDECREF(words);
    Py_XDECREF(flags);
    Py_XDECREF(prints);
    return ok;
}

PyDoc_STRVAR(rows_doc,
             "rows(drafts, level_of, prints_of, columns, scale, scale_text, title,\n"
             "     bold_marks, /)\n"
             "--\n\n"
             "assemble._rows_python's Row records of a table's row drafts.");

static PyObject *
rows(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8) {
        PyErr_Format(PyExc_TypeError, "rows() takes 8 arguments (%zd given)", nargs);
        return NULL;
    }
    if (row_type == NULL || cell_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "rows(): configure() and configure_rows() first");
        return NULL;
    }
    PyObject *level_of = args[1];
    if (!PyDict_Check(level_of)) {
        PyErr_SetString(PyExc_TypeError, "rows(): level_of must be a dict");
        return NULL;
    }
    int bold_marks = PyObject_IsTrue(args[7]);
    if (bold_marks < 0) {
        return NULL;
    }
    Py_ssize_t width = PyObject_Length(args[3]);
    if (width < 0) {
        return NULL;
    }
    PyObject *period = PyObject_GetAttr(args[2], S_period);
    PyObject *plain = period == NULL ? NULL : PyObject_GetAttr(args[2], S_plain);
    if (plain == NULL || !PyList_Check(period) || !PyList_Check(plain)) {
        if (plain != NULL) {
            PyErr_SetString(PyExc_TypeError, "rows(): prints_of's period and plain are lists");
        }
        Py_XDECREF(period);
        Py_XDECREF(plain);
        return NULL;
    }
    /* what the table's words say of its rows, asked once (units.table_words) */
    PyObject *targs[3] = {args[4], args[5], args[6]};
    PyObject *words = PyObject_Vectorcall(table_words_of, targs, 3, NULL);
    if (words == NULL) {
        Py_DECREF(period);
        Py_DECREF(plain);
        return NULL;
    }
    /* period, plain, columns, scale, scale_text, title, the table's words */
    PyObject *table[7] = {period, plain, args[3], args[4], args[5], args[6], words};
    PyObject *drafts = PySequence_Fast(args[0], "a table's rows must be a sequence");
    if (drafts == NULL) {
        Py_DECREF(words);
        Py_DECREF(period);
        Py_DECREF(plain);
        return NULL;
    }
    Heads heads = {NULL, 0, 0, NULL};
    PyObject *out = PyList_New(0), *owned = PyDict_New(), *blank = PyTuple_New(width);
    PyObject *by_one = NULL;
    if (out == NULL || owned == NULL || blank == NULL) {
        goto failed;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        PyTuple_SET_ITEM(blank, j, Py_NewRef(Py_None));
    }
    if ((by_one = PyObject_CallOneArg(scaling_of, decimal_one)) == NULL) {
        goto failed;
    }
    int after_head = 0;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(drafts);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *d = PySequence_Fast_GET_ITEM(drafts, i);
        PyObject *fields[N_ROW_FIELDS] = {NULL};
        PyObject *indent = NULL, *text = NULL, *figures = NULL, *fast = NULL, *bold = NULL;
        int failed = 1;
        if ((indent = slot_read(d, &SL_indent)) == NULL) {
            goto row_done;
        }
        fields[2] = PyDict_GetItemWithError(level_of, indent);
        if (fields[2] == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetObject(PyExc_KeyError, indent);
            }
            goto row_done;
        }
        Py_INCREF(fields[2]);
        long level = PyLong_AsLong(fields[2]);
        if (level == -1 && PyErr_Occurred()) {
            goto row_done;
        }
        if ((text = slot_read(d, &SL_label)) == NULL ||
            (fields[1] = clean_label(text)) == NULL ||
            (figures = slot_read(d, &SL_figures)) == NULL ||
            (fields[8] = slot_read(d, &SL_rule_above)) == NULL ||
            (fields[9] = slot_read(d, &SL_rule_below)) == NULL ||
            (fields[6] = slot_read(d, &SL_line)) == NULL ||
            (fields[7] = slot_read(d, &SL_label_span)) == NULL ||
            (fields[0] = PyLong_FromSsize_t(PyList_GET_SIZE(out))) == NULL) {
            goto row_done;
        }
        int has = PyObject_IsTrue(figures);
        if (has < 0) {
            goto row_done;
        }
        PyObject *read = heads_enter(&heads, level, fields[1], has, fields[8], after_head);
        if (read == NULL) {
            goto row_done;
        }
        PyObject *section = PyTuple_GET_ITEM(read, 0), *context = PyTuple_GET_ITEM(read, 1);
        fields[11] = Py_NewRef(section);
        if (!has) {
            fields[3] = Py_NewRef(K_HEADER);
            fields[4] = Py_NewRef(U_USD);
            fields[5] = Py_NewRef(blank);
            fields[10] = Py_NewRef(Py_None);
            fields[12] = Py_NewRef(Py_False); /* any() of a blank row */
            if (heads_push(&heads, level, fields[1]) < 0) {
                goto row_done;
            }
        }
        else {
            /* section and context are held by fields[11] and heads.read while asked */
            Py_INCREF(context);
            fast = PySequence_Fast(figures, "a row's figures must be a sequence");
            int made = fast == NULL ? -1
                                    : figure_row(fields, fast, section, context, table,
                                                 by_one, owned);
            Py_DECREF(context);
            if (made < 0) {
                goto row_done;
            }
            int any = 0;
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(fields[5]) && !any; j++) {
                any = PyObject_IsTrue(PyTuple_GET_ITEM(fields[5], j));
                if (any < 0) {
                    goto row_done;
                }
            }
            fields[12] = Py_NewRef(any ? Py_True : Py_False);
            int above_single = fields[8] == R_SINGLE;
            int total = totalish(fields[1]);
            if ((bold = slot_read(d, &SL_bold)) == NULL) {
                goto row_done;
            }
            int bolded = 0;
            if (bold_marks) {
                bolded = PyObject_IsTrue(bold);
                if (bolded < 0) {
                    goto row_done;
                }
            }
            PyObject *kind = above_single && (fields[9] == R_DOUBLE || total) ? K_TOTAL
                             : above_single || total || bolded                ? K_SUBTOTAL
                                                                              : K_ITEM;
            fields[3] = Py_NewRef(kind);
        }
        after_head = fields[3] == K_HEADER;
        PyObject *row = make_row(fields);
        for (int k = 0; k < N_ROW_FIELDS; k++) {
            fields[k] = NULL; /* stolen */
        }
        if (row == NULL || PyList_Append(out, row) < 0) {
            Py_XDECREF(row);
            goto row_done;
        }
        Py_DECREF(row);
        failed = 0;
    row_done:
        for (int k = 0; k < N_ROW_FIELDS; k++) {
            Py_XDECREF(fields[k]);
        }
        Py_XDECREF(bold);
        Py_XDECREF(fast);
        Py_XDECREF(figures);
        Py_XDECREF(text);
        Py_XDECREF(indent);
        if (failed) {
            goto failed;
        }
    }
    heads_free(&heads);
    Py_DECREF(drafts);
    Py_DECREF(owned);
    Py_DECREF(blank);
    Py_DECREF(by_one);
    Py_DECREF(words);
    Py_DECREF(period);
    Py_DECREF(plain);
    return out;
failed:
    heads_free(&heads);
    Py_DECREF(drafts);
    Py_XDECREF(out);
    Py_XDECREF(owned);
    Py_XDECREF(blank);
    Py_XDECREF(by_one);
    Py_DECREF(words);
    Py_DECREF(period);
    Py_DECREF(plain);
    return NULL;
}

/* ---- A table's prints by column: tables/headers.py's _count_prints_python, compiled. */

PyDoc_STRVAR(prints_doc,
             "prints(rows, width, dash_zero, percent, dollar, /)\n"
             "--\n\n"
             "headers._count_prints_python's prints of a table's row drafts by column:\n"
             "(printed, percent, dollar), three lists of width ints, dashes aside.");

static PyObject *
prints(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_Format(PyExc_TypeError, "prints() takes 5 arguments (%zd given)", nargs);
        return NULL;
    }
    Py_ssize_t width = PyNumber_AsSsize_t(args[1], PyExc_OverflowError);
    if (width == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (width < 0) {
        width = 0; /* [0] * n of a negative n is empty */
    }
    PyObject *dash_zero = args[2], *percent = args[3], *dollar = args[4];
    Py_ssize_t *counts = PyMem_Calloc(3 * (size_t)(width ? width : 1), sizeof(Py_ssize_t));
    if (counts == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *out = NULL;
    PyObject *rows_ = PySequence_Fast(args[0], "a table's rows must be a sequence");
    if (rows_ == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(rows_); i++) {
        PyObject *figures = slot_read(PySequence_Fast_GET_ITEM(rows_, i), &SL_figures);
        PyObject *fast = figures == NULL
                             ? NULL
                             : PySequence_Fast(figures, "a row's figures must be a sequence");
        Py_XDECREF(figures);
        if (fast == NULL) {
            goto done;
        }
        for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(fast); k++) {
            PyObject *f = PySequence_Fast_GET_ITEM(fast, k);
            PyObject *column = slot_read(f, &SL_column);
            PyObject *fig = column == NULL ? NULL : slot_read(f, &SL_figure);
            PyObject *flags = fig == NULL ? NULL : slot_read(fig, &SL_flags);
            Py_XDECREF(fig);
            /* a print of no flag (most) holds none of the three: asked of no set */
            int none = flags != NULL && PyFrozenSet_CheckExact(flags) && PySet_GET_SIZE(flags) == 0;
            int dash = flags == NULL ? -1 : none ? 0 : PySequence_Contains(flags, dash_zero);
            Py_ssize_t j = -1;
            int pct = 0, usd = 0;
            if (dash == 0) { /* a dash counts nowhere, whatever its column */
                j = column_index(column, width);
                pct = j < 0 ? -1 : none ? 0 : PySequence_Contains(flags, percent);
                usd = pct < 0 ? -1 : none ? 0 : PySequence_Contains(flags, dollar);
            }
            Py_XDECREF(flags);
            Py_XDECREF(column);
            if (dash < 0 || usd < 0) {
                Py_DECREF(fast);
                goto done;
            }
            if (dash == 0) {
                counts[j]++;
                counts[width + j] += pct;
                counts[2 * width + j] += usd;
            }
        }
        Py_DECREF(fast);
    }
    out = PyTuple_New(3);
    for (int m = 0; out != NULL && m < 3; m++) {
        PyObject *each = PyList_New(width);
        if (each == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyTuple_SET_ITEM(out, m, each);
        for (Py_ssize_t j = 0; j < width; j++) {
            PyObject *count = PyLong_FromSsize_t(counts[m * width + j]);
            if (count == NULL) {
                Py_CLEAR(out);
                break;
            }
            PyList_SET_ITEM(each, j, count);
        }
    }
done:
    Py_XDECREF(rows_);
    PyMem_Free(counts);
    return out;
}

static PyMethodDef methods[] = {
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL, configure_doc},
    {"cells", (PyCFunction)(void (*)(void))cells, METH_FASTCALL, cells_doc},
    {"configure_rows", (PyCFunction)(void (*)(void))configure_rows, METH_FASTCALL,
     configure_rows_doc},
    {"rows", (PyCFunction)(void (*)(void))rows, METH_FASTCALL, rows_doc},
    {"prints", (PyCFunction)(void (*)(void))prints, METH_FASTCALL, prints_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.tables._cells",
    "A table's rows, their figures in units and its prints by column, compiled from _cells.c\n"
    "(assemble._rows_python, assemble._cells_python, headers._count_prints_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__cells(void)
{
    static const Interned names[] = {
        {&S_column, "column"},     {&S_power, "power"},     {&S_figure, "figure"},
        {&S_value, "value"},       {&S_readings, "readings"}, {&S_decimals, "decimals"},
        {&S_flags, "flags"},       {&S_raw, "raw"},         {&S_span, "span"},
        {&S_factor, "factor"},     {&S_units, "units"},     {&S_is_signed, "is_signed"},
        {&S_label, "label"},       {&S_indent, "indent"},   {&S_figures, "figures"},
        {&S_rule_above, "rule_above"}, {&S_rule_below, "rule_below"}, {&S_bold, "bold"},
        {&S_line, "line"},         {&S_label_span, "label_span"}, {&S_rstrip, "rstrip"},
        {&S_strip, "strip"},       {&S_colon, ":"},         {&S_space, " "},
        {&S_period, "period"},     {&S_plain, "plain"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    return PyModule_Create(&module_def);
}
