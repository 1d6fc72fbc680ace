/* One relation judged in one place: checks/evaluate.py's evaluate_sum and
 * _two_figure_relation (with evaluate_percent_change's blank and dashed totals), compiled.
 *
 * The Python functions are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler). This takes the same inputs and makes the same Evaluation: the same Decimal
 * operations, in the same order and in the same contexts (the caller's for the sums and
 * the printed ends, rounding's wide context for the quotients), each through the Decimal
 * type's own methods, so every digit and exponent is what the Python gives. What it saves
 * is the Python work around the arithmetic: the cells looked up, the readings asked, the
 * ends and corners held in tuples, and the Evaluation's __init__ (a Python frame and nine
 * slot setters): the record is allocated and its slots set here, as `model.quick_init`'s
 * `__init__` sets them.
 *
 * It answers NotImplemented, and the Python runs, where a figure has two readings (the
 * combinations of `cells.reading_combinations`) or the items and signs differ in length.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_interned.h"

#define N_FIELDS 9 /* label, total, items, expected, actual, difference, tolerance, holds, signs */

static PyTypeObject *evaluation_type = NULL;
static Py_ssize_t offsets[N_FIELDS];
static PyObject *zero = NULL;      /* evaluate._ZERO: a sum's expected before its items */
static PyObject *none_sum = NULL;  /* rounding._NONE: the tolerance of no figure */
static PyObject *half = NULL;      /* rounding.HALF */
static PyObject *hundred = NULL;   /* rounding.HUNDRED */
static PyObject *divide = NULL;    /* rounding._WIDE's divide, subtract, multiply, minus */
static PyObject *subtract = NULL;
static PyObject *multiply = NULL;
static PyObject *minus = NULL;
static PyObject *dash_zero = NULL; /* CellFlag.DASH_ZERO */
static PyObject *invalid = NULL;   /* decimal.InvalidOperation */
static PyObject *int_zero = NULL;  /* 0 */
static PyObject *int_two = NULL;   /* 2 */

static PyObject *S_table, *S_rows, *S_row, *S_cells, *S_column, *S_value, *S_precision,
    *S_readings, *S_flags, *S_quantize, *S_is_nan;

/* A field of a record read by its slot where the record is of the class configured (a
 * reference's table, row and column; a table's rows, a row's cells; a cell's value,
 * precision, readings and flags), by its attribute otherwise: the same value, without the
 * attribute lookup the checks would pay a dozen times per figure judged. */
typedef struct {
    PyTypeObject *type;
    Py_ssize_t offset;
    PyObject **name;
} Field;

enum { REF_TABLE, REF_ROW, REF_COLUMN, TABLE_ROWS, ROW_CELLS, CELL_VALUE, CELL_PRECISION,
       CELL_READINGS, CELL_FLAGS, N_READ };
static Field reads[N_READ] = {
    {NULL, 0, &S_table},    {NULL, 0, &S_row},       {NULL, 0, &S_column},
    {NULL, 0, &S_rows},     {NULL, 0, &S_cells},     {NULL, 0, &S_value},
    {NULL, 0, &S_precision}, {NULL, 0, &S_readings}, {NULL, 0, &S_flags},
};

/* the field of obj (a new reference), NULL with the error set */
static inline PyObject *
field(PyObject *obj, int which)
{
    const Field *f = &reads[which];
    if (f->type != NULL && Py_IS_TYPE(obj, f->type)) {
        PyObject *v = *(PyObject **)((char *)obj + f->offset);
        if (v != NULL) {
            return Py_NewRef(v);
        }
    }
    return PyObject_GetAttr(obj, *f->name);
}

/* seq[index] (a new reference): a list's or a tuple's entry at an int in range directly,
 * anything else as Python indexes it */
static inline PyObject *
item(PyObject *seq, PyObject *index)
{
    if (PyLong_CheckExact(index)) {
        Py_ssize_t i = PyLong_AsSsize_t(index);
        if (i >= 0) {
            if (PyList_CheckExact(seq) && i < PyList_GET_SIZE(seq)) {
                return Py_NewRef(PyList_GET_ITEM(seq, i));
            }
            if (PyTuple_CheckExact(seq) && i < PyTuple_GET_SIZE(seq)) {
                return Py_NewRef(PyTuple_GET_ITEM(seq, i));
            }
        }
        else if (PyErr_Occurred()) {
            PyErr_Clear(); /* (past the range of an index: Python's own indexing says so) */
        }
    }
    return PyObject_GetItem(seq, index);
}

/* the member descriptor's offset of a slot of type named name; -1 with the error set */
static Py_ssize_t
slot_offset(PyTypeObject *type, const char *name)
{
    PyObject *descr = PyDict_GetItemString(type->tp_dict, name); /* borrowed */
    if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type) ||
        ((PyMemberDescrObject *)descr)->d_member->type != T_OBJECT_EX) {
        PyErr_Format(PyExc_TypeError, "%s has no slot %s", type->tp_name, name);
        return -1;
    }
    return ((PyMemberDescrObject *)descr)->d_member->offset;
}

PyDoc_STRVAR(configure_doc,
             "configure(evaluation, cell_ref, table, row, cell, zero, none, half, hundred,\n"
             "          wide, dash_zero, invalid, /)\n"
             "--\n\n"
             "Hold the Evaluation class (its nine slots, in order), the classes whose slots\n"
             "it reads, the Decimals and the wide\n"
             "context the Python judge computes with, the dashed-zero flag and the error a\n"
             "quantize raises.");

static PyObject *
configure(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    static const char *names[N_FIELDS] = {"label",      "total",     "items",
                                          "expected",   "actual",    "difference",
                                          "tolerance",  "holds",     "signs"};
    if (nargs != 12 || !PyType_Check(args[0]) || !PyType_Check(args[1]) ||
        !PyType_Check(args[2]) || !PyType_Check(args[3]) || !PyType_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "configure(evaluation, cell_ref, table, row, cell, zero, none, half, "
                        "hundred, wide, dash_zero, invalid)");
        return NULL;
    }
    /* the slots read: of each class, the fields in the order of `reads` */
    static const struct {
        int arg;
        const char *name;
    } read_from[N_READ] = {
        {1, "table"}, {1, "row"},       {1, "column"},   {2, "rows"},  {3, "cells"},
        {4, "value"}, {4, "precision"}, {4, "readings"}, {4, "flags"},
    };
    Py_ssize_t read_at[N_READ];
    for (int i = 0; i < N_READ; i++) {
        read_at[i] = slot_offset((PyTypeObject *)args[read_from[i].arg], read_from[i].name);
        if (read_at[i] < 0) {
            return NULL;
        }
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *fields = PyObject_GetAttrString(args[0], "__slots__");
    if (fields == NULL) {
        return NULL;
    }
    Py_ssize_t count = PyObject_Length(fields);
    Py_DECREF(fields);
    if (count != N_FIELDS) {
        if (count >= 0) {
            PyErr_SetString(PyExc_TypeError, "the evaluation record has other slots than nine");
        }
        return NULL;
    }
    Py_ssize_t found[N_FIELDS];
    for (int i = 0; i < N_FIELDS; i++) {
        PyObject *descr = PyDict_GetItemString(type->tp_dict, names[i]); /* borrowed */
        if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type) ||
            ((PyMemberDescrObject *)descr)->d_member->type != T_OBJECT_EX) {
            PyErr_Format(PyExc_TypeError, "the evaluation record has no slot %s", names[i]);
            return NULL;
        }
        found[i] = ((PyMemberDescrObject *)descr)->d_member->offset;
    }
    PyObject *wide = args[9];
    PyObject *methods[4] = {NULL, NULL, NULL, NULL};
    static const char *method_names[4] = {"divide", "subtract", "multiply", "minus"};
    for (int i = 0; i < 4; i++) {
        methods[i] = PyObject_GetAttrString(wide, method_names[i]);
        if (methods[i] == NULL) {
            for (int j = 0; j < i; j++) {
                Py_DECREF(methods[j]);
            }
            return NULL;
        }
    }
    memcpy(offsets, found, sizeof offsets);
    for (int i = 0; i < N_READ; i++) {
        PyObject *cls = args[read_from[i].arg];
        Py_INCREF(cls);
        Py_XSETREF(reads[i].type, (PyTypeObject *)cls);
        reads[i].offset = read_at[i];
    }
    PyObject *held[7] = {args[0], args[5], args[6], args[7], args[8], args[10], args[11]};
    PyObject **slots[7] = {(PyObject **)&evaluation_type, &zero, &none_sum, &half,
                           &hundred, &dash_zero, &invalid};
    for (int i = 0; i < 7; i++) {
        Py_INCREF(held[i]);
        Py_XSETREF(*slots[i], held[i]);
    }
    PyObject **bound[4] = {&divide, &subtract, &multiply, &minus};
    for (int i = 0; i < 4; i++) {
        Py_XSETREF(*bound[i], methods[i]); /* (the reference GetAttr gave) */
    }
    Py_RETURN_NONE;
}

static int
configured(void)
{
    if (evaluation_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_judge.configure was not called");
        return 0;
    }
    return 1;
}

/* an Evaluation of its nine fields (stolen), its slots set as quick_init's __init__ sets them */
static PyObject *
make_evaluation(PyObject **fields)
{
    for (int i = 0; i < N_FIELDS; i++) {
        if (fields[i] == NULL) {
            for (int j = 0; j < N_FIELDS; j++) {
                Py_XDECREF(fields[j]);
            }
            return NULL;
        }
    }
    PyObject *self = evaluation_type->tp_alloc(evaluation_type, 0);
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

/* cells.cell_at: the cell at ref (a new reference), Py_None (new) where the row prints
 * nothing in that column; NULL with the error set */
static PyObject *
cell_at(PyObject *tables, PyObject *ref)
{
    PyObject *index = field(ref, REF_TABLE);
    if (index == NULL) {
        return NULL;
    }
    PyObject *table = item(tables, index);
    Py_DECREF(index);
    if (table == NULL) {
        return NULL;
    }
    PyObject *rows = field(table, TABLE_ROWS);
    Py_DECREF(table);
    if (rows == NULL) {
        return NULL;
    }
    index = field(ref, REF_ROW);
    if (index == NULL) {
        Py_DECREF(rows);
        return NULL;
    }
    PyObject *row = item(rows, index);
    Py_DECREF(index);
    Py_DECREF(rows);
    if (row == NULL) {
        return NULL;
    }
    PyObject *cells = field(row, ROW_CELLS);
    Py_DECREF(row);
    if (cells == NULL) {
        return NULL;
    }
    index = field(ref, REF_COLUMN);
    if (index == NULL) {
        Py_DECREF(cells);
        return NULL;
    }
    PyObject *cell = item(cells, index);
    if (cell == NULL && PyErr_ExceptionMatches(PyExc_IndexError)) {
        /* a row printing fewer cells than the table has columns; a negative column past
         * the first is no cell of any row, and raises */
        Py_ssize_t length = PyObject_Length(cells);
        PyObject *exc_type, *exc_value, *exc_tb;
        PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
        PyObject *size = length < 0 ? NULL : PyLong_FromSsize_t(length);
        int before = size == NULL ? -1 : PyObject_RichCompareBool(index, size, Py_LT);
        Py_XDECREF(size);
        if (before == 0) {
            Py_XDECREF(exc_type);
            Py_XDECREF(exc_value);
            Py_XDECREF(exc_tb);
            cell = Py_NewRef(Py_None);
        }
        else if (before == 1) {
            PyErr_Restore(exc_type, exc_value, exc_tb);
        }
        else {
            Py_XDECREF(exc_type);
            Py_XDECREF(exc_value);
            Py_XDECREF(exc_tb);
        }
    }
    Py_DECREF(index);
    Py_DECREF(cells);
    return cell;
}

/* cells.options with one value: the chosen reading, else the cell's only reading or its
 * value (a new reference); Py_NotImplemented (new) where it has two readings or more */
static PyObject *
only_value(PyObject *cell, PyObject *ref, PyObject *chosen, int any_chosen)
{
    if (any_chosen) {
        int in = PySequence_Contains(chosen, ref);
        if (in < 0) {
            return NULL;
        }
        if (in) {
            return PyObject_GetItem(chosen, ref);
        }
    }
    PyObject *readings = field(cell, CELL_READINGS);
    if (readings == NULL) {
        return NULL;
    }
    int some = PyObject_IsTrue(readings);
    if (some < 0) {
        Py_DECREF(readings);
        return NULL;
    }
    if (!some) {
        Py_DECREF(readings);
        return field(cell, CELL_VALUE);
    }
    Py_ssize_t n = PyObject_Length(readings);
    PyObject *out = n < 0 ? NULL : n == 1 ? PySequence_GetItem(readings, 0)
                                          : Py_NewRef(Py_NotImplemented);
    Py_DECREF(readings);
    return out;
}

/* a = a + b, a replaced (b borrowed); 0, or -1 with a cleared */
static int
add_into(PyObject **a, PyObject *b)
{
    PyObject *sum = PyNumber_Add(*a, b);
    Py_SETREF(*a, sum);
    return sum == NULL ? -1 : 0;
}

PyDoc_STRVAR(sum_doc,
             "sum(tables, label, total, refs, signs, chosen, /)\n"
             "--\n\n"
             "evaluate.evaluate_sum of the items refs with their signs: the Evaluation, None\n"
             "where the total's cell is blank, NotImplemented where a figure has two readings.");

static PyObject *
sum(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "sum(tables, label, total, refs, signs, chosen)");
        return NULL;
    }
    if (!configured()) {
        return NULL;
    }
    PyObject *tables = args[0], *label = args[1], *total = args[2], *refs = args[3],
             *signs = args[4], *chosen = args[5];
    if (!PyTuple_Check(refs) || !PyTuple_Check(signs) ||
        PyTuple_GET_SIZE(refs) != PyTuple_GET_SIZE(signs)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int any_chosen = PyObject_IsTrue(chosen);
    if (any_chosen < 0) {
        return NULL;
    }
    PyObject *t_cell = cell_at(tables, total);
    if (t_cell == NULL || t_cell == Py_None) {
        return t_cell;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(refs), kept = 0;
    PyObject *present = NULL, *present_signs = NULL, *expected = NULL, *tolerance = NULL,
             *actual = NULL, *out = NULL, *difference = NULL, *unit = NULL, *halved = NULL;
    actual = only_value(t_cell, total, chosen, any_chosen);
    if (actual == NULL || actual == Py_NotImplemented) {
        out = actual;
        actual = NULL;
        goto done;
    }
    present = PyTuple_New(n);
    present_signs = PyTuple_New(n);
    expected = Py_NewRef(zero);
    tolerance = Py_NewRef(none_sum);
    if (present == NULL || present_signs == NULL) {
        goto done;
    }
    /* the tolerance adds half of each unit in the order sum_tolerance does: the total's
     * first, then each printed item's */
    unit = field(t_cell, CELL_PRECISION);
    if (unit == NULL || (halved = PyNumber_Multiply(half, unit)) == NULL ||
        add_into(&tolerance, halved) < 0) {
        goto done;
    }
    Py_CLEAR(unit);
    Py_CLEAR(halved);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ref = PyTuple_GET_ITEM(refs, i), *sign = PyTuple_GET_ITEM(signs, i);
        PyObject *cell = cell_at(tables, ref);
        if (cell == NULL) {
            goto done;
        }
        PyObject *value = NULL, *term = NULL;
        if (cell == Py_None) {
            term = PyNumber_Multiply(zero, sign); /* as the sum over readings adds a blank */
        }
        else {
            value = only_value(cell, ref, chosen, any_chosen);
            if (value == Py_NotImplemented) {
                Py_DECREF(cell);
                out = value;
                goto done;
            }
            if (value != NULL) {
                term = PyNumber_Multiply(value, sign);
                unit = field(cell, CELL_PRECISION);
            }
            if (term != NULL && unit != NULL && (halved = PyNumber_Multiply(half, unit)) != NULL &&
                add_into(&tolerance, halved) == 0) {
                PyTuple_SET_ITEM(present, kept, Py_NewRef(ref));
                PyTuple_SET_ITEM(present_signs, kept, Py_NewRef(sign));
                kept++;
            }
            else {
                Py_CLEAR(term); /* (the error is set) */
            }
            Py_CLEAR(unit);
            Py_CLEAR(halved);
            Py_XDECREF(value);
        }
        Py_DECREF(cell);
        if (term == NULL) {
            goto done;
        }
        int failed = add_into(&expected, term);
        Py_DECREF(term);
        if (failed) {
            goto done;
        }
    }
    difference = PyNumber_Subtract(actual, expected);
    if (difference == NULL) {
        goto done;
    }
    PyObject *size = PyNumber_Absolute(difference);
    if (size == NULL) {
        goto done;
    }
    int holds = PyObject_RichCompareBool(size, tolerance, Py_LE);
    Py_DECREF(size);
    if (holds < 0 || _PyTuple_Resize(&present, kept) < 0 ||
        _PyTuple_Resize(&present_signs, kept) < 0) {
        goto done;
    }
    PyObject *fields[N_FIELDS] = {
        Py_NewRef(label), Py_NewRef(total),      present,   expected,
        actual,           difference,            tolerance, PyBool_FromLong(holds),
        present_signs,
    };
    present = present_signs = expected = actual = difference = tolerance = NULL;
    out = make_evaluation(fields);
done:
    Py_DECREF(t_cell);
    Py_XDECREF(present);
    Py_XDECREF(present_signs);
    Py_XDECREF(expected);
    Py_XDECREF(tolerance);
    Py_XDECREF(actual);
    Py_XDECREF(difference);
    Py_XDECREF(unit);
    Py_XDECREF(halved);
    return out;
}

/* rounding.quantized(value, places): value rounded to places' exponent, or value itself
 * where the quantize raises InvalidOperation or gives NaN (a new reference) */
static PyObject *
quantized(PyObject *value, PyObject *places)
{
    PyObject *out = PyObject_CallMethodOneArg(value, S_quantize, places);
    if (out == NULL) {
        if (PyErr_ExceptionMatches(invalid)) {
            PyErr_Clear();
            return Py_NewRef(value);
        }
        return NULL;
    }
    PyObject *nan = PyObject_CallMethodNoArgs(out, S_is_nan);
    if (nan == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    int is = PyObject_IsTrue(nan);
    Py_DECREF(nan);
    if (is < 0) {
        Py_DECREF(out);
        return NULL;
    }
    if (is) {
        Py_DECREF(out);
        return Py_NewRef(value);
    }
    return out;
}

/* a bound method of the wide context on two (or one) Decimals */
static PyObject *
call2(PyObject *method, PyObject *a, PyObject *b)
{
    PyObject *argv[2] = {a, b};
    return PyObject_Vectorcall(method, argv, 2, NULL);
}

enum { DIVIDE, PERCENT, MAGNITUDE };

/* rounding.divide, percent_change and percent_change_of_magnitude */
static PyObject *
quotient_of(int f, PyObject *first, PyObject *second)
{
    if (f == DIVIDE) {
        return call2(divide, first, second);
    }
    PyObject *change = call2(subtract, first, second);
    if (change == NULL) {
        return NULL;
    }
    PyObject *base = f == PERCENT ? Py_NewRef(second) : PyObject_CallOneArg(minus, second);
    if (base == NULL) {
        Py_DECREF(change);
        return NULL;
    }
    PyObject *ratio = call2(divide, change, base);
    Py_DECREF(change);
    Py_DECREF(base);
    if (ratio == NULL) {
        return NULL;
    }
    PyObject *out = call2(multiply, ratio, hundred);
    Py_DECREF(ratio);
    return out;
}

/* a Decimal compared with another object: 1, 0, or -1 with the error set */
static int
cmp(PyObject *a, PyObject *b, int op)
{
    return PyObject_RichCompareBool(a, b, op);
}

/* rounding.printed_ends: value - unit * HALF, value + unit * HALF (new references) */
static int
printed_ends(PyObject *cell, PyObject *value, PyObject **lo, PyObject **hi)
{
    PyObject *unit = field(cell, CELL_PRECISION);
    if (unit == NULL) {
        return -1;
    }
    PyObject *h = PyNumber_Multiply(unit, half);
    Py_DECREF(unit);
    if (h == NULL) {
        return -1;
    }
    *lo = PyNumber_Subtract(value, h);
    *hi = *lo == NULL ? NULL : PyNumber_Add(value, h);
    Py_DECREF(h);
    if (*hi == NULL) {
        Py_CLEAR(*lo);
        return -1;
    }
    return 0;
}

/* rounding.image_ends for the quotients above, over the box [a_lo, a_hi] x [b_lo, b_hi]
 * (b's interval without zero): the quotient at its least and greatest corners
 * (quotient_corners), turned for a quotient that falls as first / second rises */
static int
image_ends(int f, PyObject *a_lo, PyObject *a_hi, PyObject *b_lo, PyObject *b_hi,
           PyObject **lo, PyObject **hi)
{
    PyObject *low_a, *low_b, *high_a, *high_b;
    int positive = cmp(b_lo, int_zero, Py_GT);
    if (positive < 0) {
        return -1;
    }
    int c1, c2;
    if (positive) {
        c1 = cmp(a_lo, int_zero, Py_GE);
        c2 = c1 < 0 ? -1 : cmp(a_hi, int_zero, Py_GE);
        if (c2 < 0) {
            return -1;
        }
        low_a = a_lo, low_b = c1 ? b_hi : b_lo;
        high_a = a_hi, high_b = c2 ? b_lo : b_hi;
    }
    else {
        c1 = cmp(a_hi, int_zero, Py_LE);
        c2 = c1 < 0 ? -1 : cmp(a_lo, int_zero, Py_LE);
        if (c2 < 0) {
            return -1;
        }
        low_a = a_hi, low_b = c1 ? b_lo : b_hi;
        high_a = a_lo, high_b = c2 ? b_hi : b_lo;
    }
    if (f == MAGNITUDE) {
        PyObject *a = low_a, *b = low_b;
        low_a = high_a, low_b = high_b;
        high_a = a, high_b = b;
    }
    *lo = quotient_of(f, low_a, low_b);
    if (*lo == NULL) {
        return -1;
    }
    *hi = quotient_of(f, high_a, high_b);
    if (*hi == NULL) {
        Py_CLEAR(*lo);
        return -1;
    }
    return 0;
}

/* evaluate._evaluation: the Evaluation of a quotient relation, its figures quantized to
 * places (steals computed and radii; a new reference) */
static PyObject *
quotient_evaluation(PyObject *label, PyObject *total, PyObject *first, PyObject *second,
                    PyObject *places, PyObject *printed, PyObject *computed, PyObject *radii,
                    int holds)
{
    /* each made in turn, as the Python makes them: computed, then the difference, then
     * the radii quantized */
    PyObject *fields[N_FIELDS] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    PyObject *gap = NULL;
    if ((fields[3] = quantized(computed, places)) != NULL &&
        (gap = PyNumber_Subtract(printed, computed)) != NULL &&
        (fields[5] = quantized(gap, places)) != NULL &&
        (fields[6] = quantized(radii, places)) != NULL) {
        fields[0] = Py_NewRef(label);
        fields[1] = Py_NewRef(total);
        fields[2] = PyTuple_Pack(2, first, second);
        fields[4] = Py_NewRef(printed);
        fields[7] = PyBool_FromLong(holds);
        fields[8] = PyTuple_New(0);
    }
    Py_XDECREF(gap);
    Py_DECREF(computed);
    Py_DECREF(radii);
    return make_evaluation(fields);
}

/* (t_hi - t_lo) / 2 + (hi - lo) / 2: the printed figure's radius and the range's */
static PyObject *
radii(PyObject *t_lo, PyObject *t_hi, PyObject *lo, PyObject *hi)
{
    PyObject *a = PyNumber_Subtract(t_hi, t_lo), *b = NULL, *c = NULL, *d = NULL, *out = NULL;
    if (a != NULL && (b = PyNumber_TrueDivide(a, int_two)) != NULL &&
        (c = PyNumber_Subtract(hi, lo)) != NULL && (d = PyNumber_TrueDivide(c, int_two)) != NULL) {
        out = PyNumber_Add(b, d);
    }
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    Py_XDECREF(d);
    return out;
}

PyDoc_STRVAR(quotient_doc,
             "quotient(tables, label, total, first, second, chosen, places, percent, /)\n"
             "--\n\n"
             "evaluate.evaluate_percent_change (percent true) or evaluate_ratio (false) in one\n"
             "place: the Evaluation, None where it is not testable, NotImplemented where a\n"
             "figure has two readings.");

static PyObject *
quotient(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError,
                        "quotient(tables, label, total, first, second, chosen, places, percent)");
        return NULL;
    }
    if (!configured()) {
        return NULL;
    }
    PyObject *tables = args[0], *label = args[1], *total = args[2], *first = args[3],
             *second = args[4], *chosen = args[5], *places = args[6];
    int percent = PyObject_IsTrue(args[7]);
    int any_chosen = percent < 0 ? -1 : PyObject_IsTrue(chosen);
    if (any_chosen < 0) {
        return NULL;
    }
    PyObject *refs[3] = {total, first, second};
    PyObject *cells[3] = {NULL, NULL, NULL}, *values[3] = {NULL, NULL, NULL};
    PyObject *ends[6] = {NULL, NULL, NULL, NULL, NULL, NULL}; /* t, a, b: lo, hi */
    PyObject *out = NULL, *best[4] = {NULL, NULL, NULL, NULL}; /* difference, computed, radii */
    for (int i = 0; i < 3; i++) {
        cells[i] = cell_at(tables, refs[i]);
        if (cells[i] == NULL) {
            goto done;
        }
        if (i == 0 && percent) { /* a blank or dashed percent: no change is meant */
            if (cells[0] == Py_None) {
                out = Py_NewRef(Py_None);
                goto done;
            }
            PyObject *flags = field(cells[0], CELL_FLAGS);
            int dashed = flags == NULL ? -1 : PySequence_Contains(flags, dash_zero);
            Py_XDECREF(flags);
            if (dashed < 0) {
                goto done;
            }
            if (dashed) {
                out = Py_NewRef(Py_None);
                goto done;
            }
        }
    }
    if (cells[0] == Py_None || cells[1] == Py_None || cells[2] == Py_None) {
        out = Py_NewRef(Py_None); /* (each looked up first, as the Python looks them up) */
        goto done;
    }
    for (int i = 0; i < 3; i++) {
        values[i] = only_value(cells[i], refs[i], chosen, any_chosen);
        if (values[i] == NULL || values[i] == Py_NotImplemented) {
            out = values[i];
            values[i] = NULL;
            goto done;
        }
    }
    PyObject *tv = values[0], *av = values[1], *bv = values[2];
    /* the ends in the order the Python takes them: a, b, then t */
    if (printed_ends(cells[1], av, &ends[2], &ends[3]) < 0 ||
        printed_ends(cells[2], bv, &ends[4], &ends[5]) < 0 ||
        printed_ends(cells[0], tv, &ends[0], &ends[1]) < 0) {
        goto done;
    }
    int functions[2] = {DIVIDE, -1};
    if (percent) { /* evaluate._percent_readings */
        functions[0] = PERCENT;
        int both = cmp(bv, int_zero, Py_LT);
        if (both == 0) {
            PyObject *product = PyNumber_Multiply(av, bv);
            both = product == NULL ? -1 : cmp(product, int_zero, Py_LT);
            Py_XDECREF(product);
        }
        if (both < 0) {
            goto done;
        }
        if (both) {
            functions[1] = MAGNITUDE;
        }
    }
    /* a divisor that may be zero divides nothing */
    int zero_in = cmp(ends[4], int_zero, Py_LE);
    if (zero_in == 1) {
        zero_in = cmp(int_zero, ends[5], Py_LE);
    }
    if (zero_in < 0) {
        goto done;
    }
    if (zero_in) {
        out = Py_NewRef(Py_None);
        goto done;
    }
    for (int k = 0; k < 2 && functions[k] >= 0; k++) {
        PyObject *lo, *hi;
        if (image_ends(functions[k], ends[2], ends[3], ends[4], ends[5], &lo, &hi) < 0) {
            goto done;
        }
        PyObject *computed = quotient_of(functions[k], av, bv);
        int meets = computed == NULL ? -1 : cmp(lo, ends[1], Py_LE);
        if (meets == 1) {
            meets = cmp(ends[0], hi, Py_LE);
        }
        PyObject *spread = meets < 0 ? NULL : radii(ends[0], ends[1], lo, hi);
        Py_DECREF(lo);
        Py_DECREF(hi);
        if (spread == NULL) {
            Py_XDECREF(computed);
            goto done;
        }
        if (meets) {
            out = quotient_evaluation(label, total, first, second, places, tv, computed, spread,
                                      1);
            goto done;
        }
        PyObject *gap = PyNumber_Subtract(tv, computed);
        PyObject *difference = gap == NULL ? NULL : quantized(gap, places);
        Py_XDECREF(gap);
        int better = 1;
        if (difference != NULL && best[0] != NULL) {
            PyObject *x = PyNumber_Absolute(difference), *y = PyNumber_Absolute(best[0]);
            better = x == NULL || y == NULL ? -1 : cmp(x, y, Py_LT);
            Py_XDECREF(x);
            Py_XDECREF(y);
        }
        if (difference == NULL || better < 0) {
            Py_XDECREF(difference);
            Py_DECREF(computed);
            Py_DECREF(spread);
            goto done;
        }
        if (better) {
            Py_XSETREF(best[0], difference);
            Py_XSETREF(best[1], computed);
            Py_XSETREF(best[2], spread);
        }
        else {
            Py_DECREF(difference);
            Py_DECREF(computed);
            Py_DECREF(spread);
        }
    }
    out = quotient_evaluation(label, total, first, second, places, tv, best[1], best[2], 0);
    best[1] = best[2] = NULL;
done:
    for (int i = 0; i < 3; i++) {
        Py_XDECREF(cells[i]);
        Py_XDECREF(values[i]);
    }
    for (int i = 0; i < 6; i++) {
        Py_XDECREF(ends[i]);
    }
    for (int i = 0; i < 4; i++) {
        Py_XDECREF(best[i]);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL, configure_doc},
    {"sum", (PyCFunction)(void (*)(void))sum, METH_FASTCALL, sum_doc},
    {"quotient", (PyCFunction)(void (*)(void))quotient, METH_FASTCALL, quotient_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_judge", "evaluate.evaluate_sum and _two_figure_relation, compiled.",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__judge(void)
{
    static const Interned names[] = {
        {&S_table, "table"},         {&S_rows, "rows"},         {&S_row, "row"},
        {&S_cells, "cells"},         {&S_column, "column"},     {&S_value, "value"},
        {&S_precision, "precision"}, {&S_readings, "readings"}, {&S_flags, "flags"},
        {&S_quantize, "quantize"},   {&S_is_nan, "is_nan"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    if (int_zero == NULL && (int_zero = PyLong_FromLong(0)) == NULL) {
        return NULL;
    }
    if (int_two == NULL && (int_two = PyLong_FromLong(2)) == NULL) {
        return NULL;
    }
    return PyModule_Create(&module);
}
