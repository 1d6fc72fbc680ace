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
 *
 * Two answers are had without those operations, where the figures allow and exactly as
 * they give them: a figure's sign against zero, read from its memory (sign_read), and
 * whether a change column's percent row holds, decided in 128-bit integers for the rows of
 * pairs then dropped (percent_in_integers; the rows of a pair borne out are judged in
 * Decimal as above).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_decimals.h"
#include "_interned.h"
#include "_slots.h"

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
static PyObject *int_one = NULL, *int_minus_one = NULL; /* the ints 1 and -1 (CPython's own) */
static PyObject *decimal_one = NULL, *decimal_minus_one = NULL; /* Decimal(1), Decimal(-1) */
static PyObject *decimal_two = NULL; /* Decimal(2), the int 2 a Decimal is divided by as it
                                      * converts it (configure_integers) */

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
    Py_ssize_t offset = slot_of(type, name);
    if (offset < 0) {
        PyErr_Format(PyExc_TypeError, "%s has no slot %s", type->tp_name, name);
    }
    return offset;
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
    Py_ssize_t found[N_FIELDS];
    if (record_slots(args[0], names, N_FIELDS, "nine", "the evaluation record", found) < 0) {
        return NULL;
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

/* -- records the collector need not visit ----------------------------------------------
 *
 * A record made here whose every field is an object the collector does not track (an int,
 * a str, a Decimal, a bool, None, or a tuple or record already left untracked) is left to
 * reference counting alone, as CPython leaves a tuple of such objects (_PyTuple_MaybeUntrack):
 * no cycle can pass through it, as none can pass through its fields, and its fields are
 * never set again (the records are frozen). A record tracked is visited by every
 * collection while it lives, and the references, places and evaluations of a release's
 * relations live to the end of its checks: some thousands a pass. */

static int own_record(PyObject *obj);

/* whether the collector may ever find a cycle through obj: a tracked object, or one
 * untracked now that may be tracked again. CPython's rule for a tuple's items
 * (_PyObject_GC_MAY_BE_TRACKED): an untracked exact tuple stays so (its items never
 * change), and so does a frozen record of ours left untracked here (own_record); a dict
 * CPython left untracked (empty, or of atoms) is tracked again once a tracked object goes
 * in, and a record holding it would hide that cycle from the collector */
static inline int
may_be_tracked(PyObject *obj)
{
    if (!PyObject_IS_GC(obj)) {
        return 0;
    }
    if (PyObject_GC_IsTracked(obj)) {
        return 1;
    }
    return !(PyTuple_CheckExact(obj) || own_record(obj));
}

/* self untracked where none of its n fields may be tracked */
static void
untrack_atomic(PyObject *self, PyObject *const *fields, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        if (may_be_tracked(fields[i])) {
            return;
        }
    }
    if (PyObject_GC_IsTracked(self)) {
        PyObject_GC_UnTrack(self);
    }
}

/* a tuple untracked where none of its items may be tracked */
static void
untrack_tuple(PyObject *tuple)
{
    if (PyTuple_CheckExact(tuple)) {
        untrack_atomic(tuple, &PyTuple_GET_ITEM(tuple, 0), PyTuple_GET_SIZE(tuple));
    }
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
    untrack_tuple(fields[2]); /* the items (references) and their signs (ints) */
    untrack_tuple(fields[8]);
    for (int i = 0; i < N_FIELDS; i++) {
        *(PyObject **)((char *)self + offsets[i]) = fields[i];
    }
    untrack_atomic(self, fields, N_FIELDS);
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

/* a sum's sign as the Decimal a Decimal multiplied by it converts it to: Decimal(1) and
 * Decimal(-1) held for the ints 1 and -1 (the judge multiplies some 47,000 figures a pass
 * by a sign, each converting it), any other sign as it is (borrowed) */
static inline PyObject *
as_decimal_sign(PyObject *sign)
{
    if (sign == int_one && decimal_one != NULL) {
        return decimal_one;
    }
    if (sign == int_minus_one && decimal_minus_one != NULL) {
        return decimal_minus_one;
    }
    return sign;
}

/* a = a + b, a replaced (b borrowed); 0, or -1 with a cleared */
static int
add_into(PyObject **a, PyObject *b)
{
    PyObject *sum = PyNumber_Add(*a, b);
    Py_SETREF(*a, sum);
    return sum == NULL ? -1 : 0;
}

/* whether value * sign is had without the product (1, else 0): where `exact` (the
 * caller's context holds 28 digits and an exponent range past 100: context_holds_ends),
 * the value a finite Decimal of at most 18 digits and an exponent within 30 (_decimals.h)
 * and the sign the int 1 or -1, the product is the value itself or its negation, exactly
 * (no digit dropped, no flag raised), and libmpdec subtracts by adding the operand with
 * its sign turned: expected + value * sign is expected + value or expected - value, the
 * same Decimal, without the product made (some 47,000 figures a pass) */
static inline int
direct_term(PyObject *value, PyObject *sign, int exact)
{
    int64_t coefficient;
    int exponent;
    return exact && (sign == int_one || sign == int_minus_one) &&
           decimal_parts(value, &coefficient, &exponent);
}

/* expected + value * sign, expected replaced (value borrowed), where direct_term says so;
 * 0, or -1 with expected cleared */
static int
add_direct(PyObject **expected, PyObject *value, PyObject *sign)
{
    PyObject *sum = sign == int_one ? PyNumber_Add(*expected, value)
                                    : PyNumber_Subtract(*expected, value);
    Py_SETREF(*expected, sum);
    return sum == NULL ? -1 : 0;
}

/* HALF * unit (a new reference), the last one made again where the unit reads as the
 * last unit did (the same finite Decimal of at most 18 digits: the same coefficient, sign
 * and exponent, so the same product in the same context; *last holds it, *read says
 * whether it was read so): a sum's figures mostly print one rounding unit */
static PyObject *
halved_unit(PyObject *unit, PyObject **last, int64_t *last_coefficient, int *last_exponent,
            int *read)
{
    int64_t coefficient = 0;
    int exponent = 0;
    int here = decimal_parts(unit, &coefficient, &exponent);
    if (here && *read && *last != NULL && coefficient == *last_coefficient &&
        exponent == *last_exponent) {
        return Py_NewRef(*last);
    }
    PyObject *halved = PyNumber_Multiply(half, unit);
    if (halved != NULL) {
        Py_XSETREF(*last, Py_NewRef(halved));
        *read = here;
        *last_coefficient = coefficient;
        *last_exponent = exponent;
    }
    return halved;
}

/* -- a sum's tolerance: none_sum + each halved unit in turn (sum_tolerance) -------------
 *
 * Most sums print one rounding unit: their halved units are one Decimal (halved_unit gives
 * the same object again), and the tolerance none_sum + h + h + ... + h is added as
 * none_sum + h * k. Where the context is exact (context_holds_ends: 28 digits or more, no
 * clamp) and h is read as a positive coefficient C of at most 18 digits and an exponent
 * E <= 0 (decimal_parts), every partial sum is exact (coefficient j * C under 10**28,
 * exponent min(0, E) = E), and so is h * k (coefficient k * C, exponent E): the same
 * Decimal, digits and exponent, no flag raised either way. A second unit ends the run: the
 * run so far is added as its product, and the rest one by one as before. */

typedef struct {
    PyObject *sum;   /* the tolerance so far, without the run (a new reference) */
    PyObject *run;   /* the run's halved unit (a new reference), NULL: none */
    Py_ssize_t count; /* how many times the run adds it */
    int open;        /* whether a run may still begin or grow */
} Tolerance;

#define RUN_BOUND 1000000000 /* a run of at most 10**9 halves: k * C under 10**28 */

/* whether a halved unit may begin a run (exact: as direct_term takes it) */
static inline int
runs(PyObject *halved, int exact)
{
    int64_t coefficient;
    int exponent;
    return exact == 1 && decimal_parts(halved, &coefficient, &exponent) && coefficient > 0 &&
           exponent <= 0;
}

/* the run added to the sum as its product by its count, and ended: 0, or -1 with the sum
 * cleared */
static int
run_ended(Tolerance *t)
{
    PyObject *run = t->run;
    if (run == NULL) {
        return 0;
    }
    t->run = NULL;
    PyObject *product = NULL;
    if (t->count == 1) {
        product = run; /* (h itself) */
    }
    else {
        PyObject *k = PyLong_FromSsize_t(t->count);
        product = k == NULL ? NULL : PyNumber_Multiply(run, k);
        Py_XDECREF(k);
        Py_DECREF(run);
    }
    if (product == NULL) {
        Py_CLEAR(t->sum);
        return -1;
    }
    int failed = add_into(&t->sum, product);
    Py_DECREF(product);
    return failed;
}

/* halved (borrowed) added to the tolerance: 0, or -1 with the sum cleared */
static int
tolerance_add(Tolerance *t, PyObject *halved, int exact)
{
    if (t->open) {
        if (t->run == NULL && runs(halved, exact)) {
            t->run = Py_NewRef(halved);
            t->count = 1;
            return 0;
        }
        if (t->run == halved && t->count < RUN_BOUND) {
            t->count++;
            return 0;
        }
        t->open = 0;
        if (run_ended(t) < 0) {
            return -1;
        }
    }
    return add_into(&t->sum, halved);
}

/* the tuples of a sum's items printed and their signs begun (each of the length of refs,
 * the first kept of refs and signs in them, the rest set as they are kept): 0, or -1 with
 * the error set */
static int
start_present(PyObject **present, PyObject **present_signs, PyObject *refs, PyObject *signs,
              Py_ssize_t kept)
{
    Py_ssize_t n = PyTuple_GET_SIZE(refs);
    *present = PyTuple_New(n);
    *present_signs = PyTuple_New(n);
    if (*present == NULL || *present_signs == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < kept; i++) {
        PyTuple_SET_ITEM(*present, i, Py_NewRef(PyTuple_GET_ITEM(refs, i)));
        PyTuple_SET_ITEM(*present_signs, i, Py_NewRef(PyTuple_GET_ITEM(signs, i)));
    }
    return 0;
}

/* the sum judged (refs and signs tuples of one length; any_chosen: whether chosen holds
 * any reading; exact: as direct_term takes it) */
static PyObject *
judge_sum(PyObject *tables, PyObject *label, PyObject *total, PyObject *refs, PyObject *signs,
          PyObject *chosen, int any_chosen, int exact)
{
    PyObject *last_halved = NULL; /* halved_unit's last */
    int64_t last_coefficient = 0;
    int last_exponent = 0, last_read = 0;
    PyObject *t_cell = cell_at(tables, total);
    if (t_cell == NULL || t_cell == Py_None) {
        return t_cell;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(refs), kept = 0;
    PyObject *present = NULL, *present_signs = NULL, *expected = NULL, *tolerance = NULL,
             *actual = NULL, *out = NULL, *difference = NULL, *unit = NULL, *halved = NULL;
    Tolerance units = {NULL, NULL, 0, 1}; /* the tolerance, until every item is read */
    actual = only_value(t_cell, total, chosen, any_chosen);
    if (actual == NULL || actual == Py_NotImplemented) {
        out = actual;
        actual = NULL;
        goto done;
    }
    /* the items printed and their signs: refs and signs themselves while every item is
     * printed (most sums), copied from the first blank item on */
    int whole = PyTuple_CheckExact(refs) && PyTuple_CheckExact(signs);
    expected = Py_NewRef(zero);
    units.sum = Py_NewRef(none_sum);
    if (!whole && start_present(&present, &present_signs, refs, signs, 0) < 0) {
        goto done;
    }
    /* the tolerance adds half of each unit in the order sum_tolerance does: the total's
     * first, then each printed item's */
    unit = field(t_cell, CELL_PRECISION);
    if (unit == NULL ||
        (halved = halved_unit(unit, &last_halved, &last_coefficient, &last_exponent,
                              &last_read)) == NULL ||
        tolerance_add(&units, halved, exact) < 0) {
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
        int direct = 0;
        if (cell == Py_None) {
            if (present == NULL && start_present(&present, &present_signs, refs, signs, kept) < 0) {
                Py_DECREF(cell);
                goto done;
            }
            direct = direct_term(zero, sign, exact);
            if (!direct) {
                term = PyNumber_Multiply(zero, as_decimal_sign(sign)); /* as the sum over
                                                                          * readings adds a
                                                                          * blank */
            }
        }
        else {
            value = only_value(cell, ref, chosen, any_chosen);
            if (value == Py_NotImplemented) {
                Py_DECREF(cell);
                out = value;
                goto done;
            }
            if (value != NULL) {
                direct = direct_term(value, sign, exact);
                if (!direct) {
                    term = PyNumber_Multiply(value, as_decimal_sign(sign));
                }
                if (direct || term != NULL) {
                    unit = field(cell, CELL_PRECISION);
                }
            }
            if ((direct || term != NULL) && unit != NULL &&
                (halved = halved_unit(unit, &last_halved, &last_coefficient, &last_exponent,
                                      &last_read)) != NULL &&
                tolerance_add(&units, halved, exact) == 0) {
                if (present != NULL) {
                    PyTuple_SET_ITEM(present, kept, Py_NewRef(ref));
                    PyTuple_SET_ITEM(present_signs, kept, Py_NewRef(sign));
                }
                kept++;
            }
            else {
                Py_CLEAR(term); /* (the error is set) */
                direct = 0;
            }
            Py_CLEAR(unit);
            Py_CLEAR(halved);
        }
        int failed = 0;
        if (direct) {
            failed = add_direct(&expected, cell == Py_None ? zero : value, sign);
        }
        else if (term == NULL) {
            failed = 1;
        }
        else {
            failed = add_into(&expected, term);
            Py_DECREF(term);
        }
        Py_XDECREF(value);
        Py_DECREF(cell);
        if (failed) {
            goto done;
        }
    }
    if (run_ended(&units) < 0) {
        goto done;
    }
    tolerance = units.sum;
    units.sum = NULL;
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
    if (holds < 0) {
        goto done;
    }
    if (present == NULL) { /* every item printed (kept == n) */
        present = Py_NewRef(refs);
        present_signs = Py_NewRef(signs);
    }
    else if (_PyTuple_Resize(&present, kept) < 0 || _PyTuple_Resize(&present_signs, kept) < 0) {
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
    Py_XDECREF(units.sum);
    Py_XDECREF(units.run);
    Py_DECREF(t_cell);
    Py_XDECREF(last_halved);
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

static int context_holds_ends(void);

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
    PyObject *refs = args[3], *signs = args[4];
    if (!PyTuple_Check(refs) || !PyTuple_Check(signs) ||
        PyTuple_GET_SIZE(refs) != PyTuple_GET_SIZE(signs)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int any_chosen = PyObject_IsTrue(args[5]);
    if (any_chosen < 0) {
        return NULL;
    }
    int exact = context_holds_ends();
    if (exact < 0) {
        return NULL;
    }
    return judge_sum(args[0], args[1], args[2], refs, signs, args[5], any_chosen, exact);
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

/* a Decimal's sign (-1, 0, 1) where it is a finite Decimal of the class configure_integers
 * confirmed, read from its memory (_decimals.h); 2 where it is not read */
static inline int
sign_read(PyObject *x)
{
    if (decimal_type == NULL || !Py_IS_TYPE(x, decimal_type)) {
        return 2;
    }
    const MpdView *m = &((DecimalView *)x)->dec;
    if ((m->flags & MPD_SPECIALS) || m->len < 1) {
        return 2;
    }
    if (m->data[m->len - 1] == 0) { /* (libmpdec's zero: its leading word zero) */
        return 0;
    }
    return (m->flags & MPD_NEGATIVE) ? -1 : 1;
}

/* x compared with zero (op: Py_LT, Py_LE, Py_GT or Py_GE), as cmp(x, 0, op) answers it:
 * from its sign where it is read, else by the comparison (which converts the 0 to a
 * Decimal each time: the judge asks this some ten times per quotient) */
static int
against_zero(PyObject *x, int op)
{
    int s = sign_read(x);
    switch (s == 2 ? -1 : op) {
    case Py_LT:
        return s < 0;
    case Py_LE:
        return s <= 0;
    case Py_GT:
        return s > 0;
    case Py_GE:
        return s >= 0;
    default:
        return cmp(x, int_zero, op);
    }
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
    int positive = against_zero(b_lo, Py_GT);
    if (positive < 0) {
        return -1;
    }
    int c1, c2;
    if (positive) {
        c1 = against_zero(a_lo, Py_GE);
        c2 = c1 < 0 ? -1 : against_zero(a_hi, Py_GE);
        if (c2 < 0) {
            return -1;
        }
        low_a = a_lo, low_b = c1 ? b_hi : b_lo;
        high_a = a_hi, high_b = c2 ? b_lo : b_hi;
    }
    else {
        c1 = against_zero(a_hi, Py_LE);
        c2 = c1 < 0 ? -1 : against_zero(a_lo, Py_LE);
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
    PyObject *two = decimal_two != NULL ? decimal_two : int_two; /* (the same quotient) */
    if (a != NULL && (b = PyNumber_TrueDivide(a, two)) != NULL &&
        (c = PyNumber_Subtract(hi, lo)) != NULL && (d = PyNumber_TrueDivide(c, two)) != NULL) {
        out = PyNumber_Add(b, d);
    }
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    Py_XDECREF(d);
    return out;
}

/* the quotient judged (percent: a percent change, else a ratio; any_chosen: whether
 * chosen holds any reading) */
static PyObject *
judge_quotient(PyObject *tables, PyObject *label, PyObject *total, PyObject *first,
               PyObject *second, PyObject *chosen, int any_chosen, PyObject *places, int percent)
{
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
        int both = against_zero(bv, Py_LT);
        int64_t coefficient;
        int exponent;
        if (both == 0 && decimal_parts(av, &coefficient, &exponent) &&
            decimal_parts(bv, &coefficient, &exponent)) {
            /* (figures whose product the context holds: below zero where their signs
             * differ and neither is zero) */
            int signs = sign_read(av) * sign_read(bv);
            both = signs < 0;
        }
        else if (both == 0) {
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
    int zero_in = against_zero(ends[4], Py_LE);
    if (zero_in == 1) {
        zero_in = sign_read(ends[5]) == 2 ? cmp(int_zero, ends[5], Py_LE)
                                          : against_zero(ends[5], Py_GE);
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
    int percent = PyObject_IsTrue(args[7]);
    int any_chosen = percent < 0 ? -1 : PyObject_IsTrue(args[5]);
    if (any_chosen < 0) {
        return NULL;
    }
    return judge_quotient(args[0], args[1], args[2], args[3], args[4], args[5], any_chosen,
                          args[6], percent);
}

/* -- a change column's candidate pair judged over its rows (changes._tested_python) -- */

static PyTypeObject *place_type = NULL; /* spec.Place: label, total, items */
static Py_ssize_t place_offsets[3];
static PyObject *ratio_places = NULL;   /* evaluate.RATIO_PLACES */
static PyObject *percent_places = NULL; /* evaluate.PERCENT_PLACES */
static PyObject *change_signs = NULL;   /* changes._SIGNS: current - prior */
static double min_share = 0.0;          /* changes._MIN_SHARE */
static PyObject *S_index, *S_holds, *S_label;

/* the records of a change column's kept rows (configure_rows): changes._spec's Spec and
 * spec.judged's Relation, and the rows' Terms, each made by its slots as quick_init's
 * __init__ sets them; RelationSource.CHANGE, the source of each */
enum { SPEC_FIELDS = 7, RELATION_FIELDS = 6, TERM_FIELDS = 3 };
static PyTypeObject *spec_type = NULL, *relation_type = NULL, *term_type = NULL;
static Py_ssize_t spec_offsets[SPEC_FIELDS], relation_offsets[RELATION_FIELDS],
    term_offsets[TERM_FIELDS];
static PyObject *change_source = NULL;

PyDoc_STRVAR(configure_places_doc,
             "configure_places(place, ratio_places, percent_places, /)\n"
             "--\n\n"
             "Hold the Place class (its three slots, in order) and the places a ratio and a\n"
             "percent change are quantized to, as spec.py's Python judges a spec's places.");

static PyObject *
configure_places(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyType_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError,
                        "configure_places(place, ratio_places, percent_places)");
        return NULL;
    }
    static const char *names[3] = {"label", "total", "items"};
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *fields = PyObject_GetAttrString(args[0], "__slots__");
    if (fields == NULL) {
        return NULL;
    }
    Py_ssize_t count = PyObject_Length(fields);
    Py_DECREF(fields);
    if (count != 3) {
        if (count >= 0) {
            PyErr_SetString(PyExc_TypeError, "the place record has other slots than three");
        }
        return NULL;
    }
    Py_ssize_t found[3];
    for (int i = 0; i < 3; i++) {
        found[i] = slot_offset(type, names[i]);
        if (found[i] < 0) {
            return NULL;
        }
    }
    memcpy(place_offsets, found, sizeof place_offsets);
    Py_INCREF(args[0]);
    Py_XSETREF(place_type, type);
    Py_INCREF(args[1]);
    Py_XSETREF(ratio_places, args[1]);
    Py_INCREF(args[2]);
    Py_XSETREF(percent_places, args[2]);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(configure_rows_doc,
             "configure_rows(signs, min_share, spec, relation, term, source, /)\n"
             "--\n\n"
             "Hold a change's signs and the share of the rows tested that must hold, as\n"
             "changes.py's Python judges a pair's rows with them, and the record classes\n"
             "(Spec, Relation, Term) and source (RelationSource.CHANGE) of its kept rows.");

static PyObject *
configure_rows(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6 || !PyTuple_Check(args[0]) || PyTuple_GET_SIZE(args[0]) != 2 ||
        !PyFloat_Check(args[1]) || !PyType_Check(args[2]) || !PyType_Check(args[3]) ||
        !PyType_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "configure_rows(signs: a pair, min_share, spec, relation, term, source)");
        return NULL;
    }
    static const char *const spec_names[SPEC_FIELDS] = {"source", "total",  "items",
                                                        "places", "name",   "kind",
                                                        "rule_closed"};
    static const char *const relation_names[RELATION_FIELDS] = {"source", "name",
                                                                "total",  "items",
                                                                "evaluations", "kind"};
    static const char *const term_names[TERM_FIELDS] = {"table", "row", "sign"};
    Py_ssize_t specs[SPEC_FIELDS], relations[RELATION_FIELDS], terms[TERM_FIELDS];
    if (record_slots(args[2], spec_names, SPEC_FIELDS, "seven", "the spec record", specs) < 0 ||
        record_slots(args[3], relation_names, RELATION_FIELDS, "six", "the relation record",
                     relations) < 0 ||
        record_slots(args[4], term_names, TERM_FIELDS, "three", "the term record", terms) < 0) {
        return NULL;
    }
    memcpy(spec_offsets, specs, sizeof spec_offsets);
    memcpy(relation_offsets, relations, sizeof relation_offsets);
    memcpy(term_offsets, terms, sizeof term_offsets);
    Py_INCREF(args[0]);
    Py_XSETREF(change_signs, args[0]);
    min_share = PyFloat_AS_DOUBLE(args[1]);
    Py_INCREF(args[2]);
    Py_XSETREF(spec_type, (PyTypeObject *)args[2]);
    Py_INCREF(args[3]);
    Py_XSETREF(relation_type, (PyTypeObject *)args[3]);
    Py_INCREF(args[4]);
    Py_XSETREF(term_type, (PyTypeObject *)args[4]);
    Py_INCREF(args[5]);
    Py_XSETREF(change_source, args[5]);
    Py_RETURN_NONE;
}

/* a record of type with count fields (stolen; the offsets of its slots, in that order),
 * as quick_init's __init__ sets them; NULL with the error set (every field released) */
static PyObject *
make_record(PyTypeObject *type, const Py_ssize_t *at, PyObject **fields, int count)
{
    PyObject *self = NULL;
    int whole = 1;
    for (int i = 0; i < count; i++) {
        whole &= fields[i] != NULL;
    }
    if (whole) {
        self = type->tp_alloc(type, 0);
    }
    if (self == NULL) {
        for (int i = 0; i < count; i++) {
            Py_XDECREF(fields[i]);
        }
        return NULL;
    }
    for (int i = 0; i < count; i++) {
        *(PyObject **)((char *)self + at[i]) = fields[i];
    }
    return self;
}

/* terms[index], made (Term(table, index, 1), Term(table, index, -1)) and kept there when
 * missing (a new reference), as changes._Refs.row_terms makes it */
static PyObject *
row_terms(PyObject *terms, PyObject *table, PyObject *index)
{
    PyObject *found = PyDict_GetItemWithError(terms, index); /* borrowed */
    if (found != NULL) {
        return Py_NewRef(found);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    PyObject *made[2];
    for (int i = 0; i < 2; i++) {
        PyObject *fields[TERM_FIELDS] = {Py_NewRef(table), Py_NewRef(index),
                                         Py_NewRef(PyTuple_GET_ITEM(change_signs, i))};
        made[i] = make_record(term_type, term_offsets, fields, TERM_FIELDS);
    }
    PyObject *pair = made[0] == NULL || made[1] == NULL ? NULL : PyTuple_Pack(2, made[0], made[1]);
    Py_XDECREF(made[0]);
    Py_XDECREF(made[1]);
    if (pair != NULL && PyDict_SetItem(terms, index, pair) < 0) {
        Py_CLEAR(pair);
    }
    return pair;
}

/* changes._tested_python's kept rows: for each (row, place, evaluation) of tested, the
 * row's Spec (changes._spec: named after its label and the pair, its terms current -
 * prior) and its Relation (spec.judged, of the one evaluation), as a list of pairs (a new
 * reference) */
static PyObject *
kept_rows(PyObject *tested, PyObject *table, PyObject *named, PyObject *terms, PyObject *kind)
{
    Py_ssize_t n = PyList_GET_SIZE(tested);
    PyObject *kept = PyList_New(n);
    if (kept == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *entry = PyList_GET_ITEM(tested, i);
        PyObject *row = PyTuple_GET_ITEM(entry, 0), *place = PyTuple_GET_ITEM(entry, 1),
                 *ev = PyTuple_GET_ITEM(entry, 2);
        PyObject *index = PyObject_GetAttr(row, S_index), *pair = NULL, *label, *name = NULL;
        if (index != NULL) {
            pair = row_terms(terms, table, index);
            Py_DECREF(index);
        }
        label = pair == NULL ? NULL : PyObject_GetAttr(row, S_label);
        if (label != NULL) {
            name = PyNumber_Add(label, named); /* row.label + named */
            Py_DECREF(label);
        }
        if (name == NULL) {
            Py_XDECREF(pair);
            Py_DECREF(kept);
            return NULL;
        }
        PyObject *current = PyTuple_GET_ITEM(pair, 0), *prior = PyTuple_GET_ITEM(pair, 1);
        PyObject *items = PyTuple_Pack(2, current, prior);
        PyObject *spec_fields[SPEC_FIELDS] = {
            Py_NewRef(change_source), Py_NewRef(current), items == NULL ? NULL : Py_NewRef(items),
            PyTuple_Pack(1, place), Py_NewRef(name), Py_NewRef(kind), Py_NewRef(Py_False)};
        PyObject *spec = make_record(spec_type, spec_offsets, spec_fields, SPEC_FIELDS);
        PyObject *relation_fields[RELATION_FIELDS] = {
            Py_NewRef(change_source), name, Py_NewRef(current), items, PyTuple_Pack(1, ev),
            Py_NewRef(kind)}; /* (name and items stolen) */
        PyObject *relation =
            make_record(relation_type, relation_offsets, relation_fields, RELATION_FIELDS);
        Py_DECREF(pair);
        PyObject *both = spec == NULL || relation == NULL ? NULL : PyTuple_Pack(2, spec, relation);
        Py_XDECREF(spec);
        Py_XDECREF(relation);
        if (both == NULL) {
            Py_DECREF(kept);
            return NULL;
        }
        PyList_SET_ITEM(kept, i, both);
    }
    return kept;
}

/* a Place of its three fields (stolen), its slots set as quick_init's __init__ sets them */
static PyObject *
make_place(PyObject *label, PyObject *total, PyObject *items)
{
    PyObject *fields[3] = {label, total, items};
    PyObject *self = label == NULL || total == NULL || items == NULL
                         ? NULL
                         : place_type->tp_alloc(place_type, 0);
    if (self == NULL) {
        for (int i = 0; i < 3; i++) {
            Py_XDECREF(fields[i]);
        }
        return NULL;
    }
    untrack_tuple(items);
    for (int i = 0; i < 3; i++) {
        *(PyObject **)((char *)self + place_offsets[i]) = fields[i];
    }
    untrack_atomic(self, fields, 3);
    return self;
}

/* whether obj is a record of the types this module leaves untracked when every field is
 * (an Evaluation, a Place, a CellRef): frozen, so left untracked it stays so */
static int
own_record(PyObject *obj)
{
    PyTypeObject *type = Py_TYPE(obj);
    return (evaluation_type != NULL && type == evaluation_type) ||
           (place_type != NULL && type == place_type) ||
           (reads[REF_TABLE].type != NULL && type == reads[REF_TABLE].type);
}

/* a CellRef of its three fields (borrowed), its slots set as quick_init's __init__ sets
 * them (the class configure holds, whose slots cell_at reads) */
static PyObject *
make_ref(PyObject *table, PyObject *row, PyObject *column)
{
    PyTypeObject *type = reads[REF_TABLE].type;
    PyObject *self = type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    *(PyObject **)((char *)self + reads[REF_TABLE].offset) = Py_NewRef(table);
    *(PyObject **)((char *)self + reads[REF_ROW].offset) = Py_NewRef(row);
    *(PyObject **)((char *)self + reads[REF_COLUMN].offset) = Py_NewRef(column);
    PyObject *fields[3] = {table, row, column};
    untrack_atomic(self, fields, 3);
    return self;
}

PyDoc_STRVAR(table_places_doc,
             "table_places(table, total, items, columns, /)\n"
             "--\n\n"
             "spec._table_places_python: a Place per (label, column) of columns, of the row\n"
             "total and the rows items (a list of ints) of the table of index table.");

static PyObject *
table_places(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyList_Check(args[2]) || !PyList_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "table_places(table, total, items: list, columns: list)");
        return NULL;
    }
    if (!configured()) {
        return NULL;
    }
    if (place_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_judge.configure_places was not called");
        return NULL;
    }
    PyObject *table = args[0], *total = args[1], *items = args[2], *columns = args[3];
    Py_ssize_t n = PyList_GET_SIZE(columns);
    PyObject *out = PyTuple_New(n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PyList_GET_ITEM(columns, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "table_places: columns of (label, index)");
            Py_DECREF(out);
            return NULL;
        }
        PyObject *label = PyTuple_GET_ITEM(pair, 0), *column = PyTuple_GET_ITEM(pair, 1);
        Py_ssize_t m = PyList_GET_SIZE(items);
        PyObject *refs = PyTuple_New(m);
        for (Py_ssize_t j = 0; refs != NULL && j < m; j++) {
            PyObject *ref = make_ref(table, PyList_GET_ITEM(items, j), column);
            if (ref == NULL) {
                Py_CLEAR(refs);
                break;
            }
            PyTuple_SET_ITEM(refs, j, ref);
        }
        PyObject *place = refs == NULL ? NULL
                                       : make_place(Py_NewRef(label),
                                                    make_ref(table, total, column), refs);
        if (place == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, place);
    }
    return out;
}

/* refs[(row, column)], made CellRef(table, row, column) and kept there when missing (a new
 * reference), as changes._Refs.cell makes it */
static PyObject *
cell_ref(PyObject *refs, PyObject *table, PyObject *row, PyObject *column)
{
    PyObject *key = PyTuple_Pack(2, row, column);
    if (key == NULL) {
        return NULL;
    }
    PyObject *ref = PyDict_GetItemWithError(refs, key); /* borrowed */
    if (ref != NULL) {
        Py_DECREF(key);
        return Py_NewRef(ref);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return NULL;
    }
    ref = make_ref(table, row, column);
    if (ref != NULL && PyDict_SetItem(refs, key, ref) < 0) {
        Py_CLEAR(ref);
    }
    Py_DECREF(key);
    return ref;
}

/* -- a percent change decided in integers where its figures allow -----------------------
 *
 * Most rows a change column's candidate pairs judge are of pairs then dropped (4,000 of
 * 10,000 a pass), and of those only whether each row holds, or is not testable, counts:
 * not its Evaluation. A percent row's answer is decided here in 128-bit integers from its
 * figures' coefficients and exponents, exactly as judge_quotient decides it:
 *   - a figure of at most 18 digits and its rounding unit are integers on a grid of
 *     10**E, and its printed ends v -+ u/2 integers on a grid of 10**E / 2; the Decimal
 *     path computes them exactly in any context of 28 digits or more (checked per call);
 *   - an end of a quotient is 100 * round((A - B) / C) in rounding's wide context (C the
 *     base, B or -B): the subtraction, the negation and the product by 100 are exact, and
 *     the division rounds correctly to 28 digits, so monotonically, leaving every number
 *     of 28 digits or fewer as it is. The exact comparison of (A - B) / C with a printed
 *     end over 100 (X) therefore decides the rounded one, except where the quotient passes
 *     X by less than a unit of its 28th digit (at most |X| 10**-27) and rounds onto it:
 *     the gap, a fraction of denominator 100 S |C| (S the print's grid), is at least that
 *     unit when |T| |C| <= 10**27 (T the end on its grid); past that the row is judged in
 *     Decimal.
 * A figure of two readings, of more digits, an infinity or a NaN, a Decimal of a subclass,
 * a caller's context of fewer digits: judged in Decimal, as before. The figures are read
 * from the Decimal objects' own memory (_decimals.h, whose layout configure_integers
 * confirms on known Decimals; no integers where it differs). A pair
 * borne out then judges its rows in Decimal for their Evaluations, each of which must give
 * the answer decided here. */

typedef __int128 wide_int;

static PyObject *get_context = NULL;      /* decimal.getcontext */
static PyObject *S_prec, *S_Emax, *S_Emin, *S_clamp;

#define GRID_BOUND ((wide_int)1 << 60)
#define PERCENT_GRID_BOUND 8 /* a percent printed to at most 8 places */

PyDoc_STRVAR(configure_integers_doc,
             "configure_integers(decimal, getcontext, /)\n"
             "--\n\n"
             "Hold the Decimal class, whose figures a percent change is decided from in\n"
             "integers where their layout is the one this reads (confirmed here on known\n"
             "Decimals: True; False where it is not, and every row is judged in Decimal),\n"
             "and decimal.getcontext (the caller's context must hold 28 digits).");

static PyObject *
configure_integers(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyType_Check(args[0]) || !PyCallable_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "configure_integers(decimal, getcontext)");
        return NULL;
    }
    int confirmed = decimals_confirm(args[0]);
    PyObject *two = confirmed < 0 ? NULL : PyObject_CallFunction(args[0], "i", 2);
    PyObject *one = two == NULL ? NULL : PyObject_CallFunction(args[0], "i", 1);
    PyObject *minus_one = one == NULL ? NULL : PyObject_CallFunction(args[0], "i", -1);
    if (minus_one == NULL) {
        Py_XDECREF(two);
        Py_XDECREF(one);
        return NULL;
    }
    Py_XSETREF(decimal_two, two);
    Py_XSETREF(decimal_one, one);
    Py_XSETREF(decimal_minus_one, minus_one);
    Py_INCREF(args[1]);
    Py_XSETREF(get_context, args[1]);
    return PyBool_FromLong(confirmed);
}

/* whether the caller's context computes the printed ends exactly (28 digits or more, an
 * exponent range past any figure decided here): 1, 0, or -1 with the error set */
static int
context_holds_ends(void)
{
    if (decimal_type == NULL || get_context == NULL) {
        return 0;
    }
    PyObject *context = PyObject_CallNoArgs(get_context);
    if (context == NULL) {
        return -1;
    }
    PyObject *names[4] = {S_prec, S_Emax, S_Emin, S_clamp};
    long bounds[4] = {28, 100, -100, 0};
    int holds = 1;
    for (int i = 0; holds == 1 && i < 4; i++) {
        PyObject *value = PyObject_GetAttr(context, names[i]);
        long v = value == NULL ? -1 : PyLong_AsLong(value);
        Py_XDECREF(value);
        if (v == -1 && PyErr_Occurred()) {
            holds = -1;
        }
        else {
            holds = i < 2 ? v >= bounds[i] : v <= bounds[i]; /* clamp: 0 only */
        }
    }
    Py_DECREF(context);
    return holds;
}

/* x * 10**shift on a grid bounded by GRID_BOUND: 1, else 0 */
static inline int
on_grid(int64_t x, int shift, wide_int *out)
{
    if (shift < 0 || shift > 18) {
        return 0;
    }
    wide_int v = (wide_int)x * TENS[shift];
    if (v >= GRID_BOUND || v <= -GRID_BOUND) {
        return 0;
    }
    *out = v;
    return 1;
}

/* a figure v * 10**ve with unit u * 10**ue: its printed ends v -+ u/2 on the grid
 * 10**grid / 2, as 2v -+ u there: 1, else 0 */
static inline int
ends_on(int64_t v, int ve, int64_t u, int ue, int grid, wide_int *lo, wide_int *hi)
{
    wide_int x, h;
    if (!on_grid(v, ve - grid, &x) || !on_grid(u, ue - grid, &h)) {
        return 0;
    }
    *lo = 2 * x - h;
    *hi = 2 * x + h;
    return 1;
}

static inline wide_int
magnitude(wide_int x)
{
    return x < 0 ? -x : x;
}

#define TEN_TO_27 ((wide_int)1000000000000000000LL * 1000000000)

/* whether 100 * round(num / den) lies on the side `side` (-1: at or below, 1: at or above)
 * of the printed end t / s100 * 100 (t on the print's grid, s100 = 100 times its scale):
 * 1, 0, or -2 where the rounding may fall on the end itself */
static inline int
beside(wide_int num, wide_int den, wide_int t, wide_int s100, int side)
{
    wide_int l = num * s100, r = t * den;
    int sign = l > r ? 1 : l < r ? -1 : 0;
    if (den < 0) {
        sign = -sign;
    }
    if (sign == 0 || sign == side) {
        return 1;
    }
    return magnitude(t) * magnitude(den) <= TEN_TO_27 ? 0 : -2;
}

enum { CORNER_LOW, CORNER_HIGH };

/* a percent row's answer from its three cells (none blank): 1 holds, 0 fails, -1 not
 * testable (a dashed percent, a base whose interval holds zero), -2 judged in Decimal,
 * -3 with the error set */
static int
percent_in_integers(PyObject *cells[3])
{
    PyObject *flags = field(cells[0], CELL_FLAGS);
    if (flags == NULL) {
        return -3;
    }
    int dashed = PyAnySet_CheckExact(flags) && PySet_GET_SIZE(flags) == 0
                     ? 0
                     : PySequence_Contains(flags, dash_zero);
    Py_DECREF(flags);
    if (dashed) {
        return dashed < 0 ? -3 : -1;
    }
    int64_t coefficient[6];
    int exponent[6];
    for (int i = 0; i < 3; i++) { /* t, a, b: the value (the one reading), the unit */
        PyObject *readings = field(cells[i], CELL_READINGS);
        if (readings == NULL) {
            return -3;
        }
        PyObject *value = NULL;
        if (PyTuple_CheckExact(readings) && PyTuple_GET_SIZE(readings) <= 1) {
            value = PyTuple_GET_SIZE(readings) ? Py_NewRef(PyTuple_GET_ITEM(readings, 0))
                                               : field(cells[i], CELL_VALUE);
        }
        else {
            Py_DECREF(readings);
            return -2;
        }
        Py_DECREF(readings);
        PyObject *unit = value == NULL ? NULL : field(cells[i], CELL_PRECISION);
        if (unit == NULL) {
            Py_XDECREF(value);
            return -3;
        }
        int parts = decimal_parts(value, &coefficient[2 * i], &exponent[2 * i]) &&
                    decimal_parts(unit, &coefficient[2 * i + 1], &exponent[2 * i + 1]);
        Py_DECREF(value);
        Py_DECREF(unit);
        if (!parts) {
            return -2;
        }
    }
    int grid = exponent[2];
    for (int i = 3; i < 6; i++) {
        grid = exponent[i] < grid ? exponent[i] : grid;
    }
    int t_grid = exponent[0] < exponent[1] ? exponent[0] : exponent[1];
    t_grid = t_grid < 0 ? t_grid : 0;
    if (t_grid < -PERCENT_GRID_BOUND) {
        return -2;
    }
    wide_int t_lo, t_hi, a_lo, a_hi, b_lo, b_hi;
    if (!ends_on(coefficient[0], exponent[0], coefficient[1], exponent[1], t_grid, &t_lo, &t_hi) ||
        !ends_on(coefficient[2], exponent[2], coefficient[3], exponent[3], grid, &a_lo, &a_hi) ||
        !ends_on(coefficient[4], exponent[4], coefficient[5], exponent[5], grid, &b_lo, &b_hi)) {
        return -2;
    }
    if (b_lo <= 0 && 0 <= b_hi) {
        return -1; /* a divisor that may be zero divides nothing */
    }
    wide_int s100 = (wide_int)200 * TENS[-t_grid];
    int64_t av = coefficient[2], bv = coefficient[4];
    int both = bv < 0 || (av != 0 && bv != 0 && (av < 0) != (bv < 0)); /* _percent_readings */
    for (int f = 0; f < 1 + both; f++) { /* percent_change, then of the magnitude */
        wide_int corner[2][2]; /* rounding.quotient_corners: (first, second), least, greatest */
        if (b_lo > 0) {
            corner[CORNER_LOW][0] = a_lo, corner[CORNER_LOW][1] = a_lo >= 0 ? b_hi : b_lo;
            corner[CORNER_HIGH][0] = a_hi, corner[CORNER_HIGH][1] = a_hi >= 0 ? b_lo : b_hi;
        }
        else {
            corner[CORNER_LOW][0] = a_hi, corner[CORNER_LOW][1] = a_hi <= 0 ? b_lo : b_hi;
            corner[CORNER_HIGH][0] = a_lo, corner[CORNER_HIGH][1] = a_lo <= 0 ? b_hi : b_lo;
        }
        int low = f ? CORNER_HIGH : CORNER_LOW, high = f ? CORNER_LOW : CORNER_HIGH;
        wide_int base_low = f ? -corner[low][1] : corner[low][1];
        wide_int base_high = f ? -corner[high][1] : corner[high][1];
        /* lo <= t_hi and t_lo <= hi: the two meet */
        int below = beside(corner[low][0] - corner[low][1], base_low, t_hi, s100, -1);
        if (below == 0) {
            continue;
        }
        int above = beside(corner[high][0] - corner[high][1], base_high, t_lo, s100, 1);
        if (above == 0) {
            continue;
        }
        if (below < 0 || above < 0) {
            return -2;
        }
        return 1;
    }
    return 0;
}

/* the cell of cells (a row's) at column as cell_at finds it (borrowed; Py_None where the
 * row prints none), NULL where cells is not a tuple */
static inline PyObject *
cell_of(PyObject *cells, Py_ssize_t column)
{
    if (!PyTuple_CheckExact(cells)) {
        return NULL;
    }
    return column < PyTuple_GET_SIZE(cells) ? PyTuple_GET_ITEM(cells, column) : Py_None;
}

/* a row's percent change in integers (percent_in_integers), its cells found as cell_at
 * finds them in the table's rows: 1, 0, -1, -2 or -3 */
static int
row_in_integers(PyObject *table_rows, PyObject *index, const Py_ssize_t columns[3])
{
    PyObject *row = item(table_rows, index);
    if (row == NULL) {
        PyErr_Clear(); /* (the Decimal path raises it as cell_at does) */
        return -2;
    }
    PyObject *cells = field(row, ROW_CELLS);
    Py_DECREF(row);
    if (cells == NULL) {
        return -3;
    }
    PyObject *found[3];
    int blank = 0, odd = 0;
    for (int i = 0; i < 3; i++) {
        found[i] = cell_of(cells, columns[i]);
        odd |= found[i] == NULL;
        blank |= found[i] == Py_None;
    }
    int out = odd ? -2 : blank ? -1 : percent_in_integers(found);
    Py_DECREF(cells);
    return out;
}

PyDoc_STRVAR(percent_holds_doc,
             "percent_holds(tables, total, current, prior, /)\n"
             "--\n\n"
             "Whether the percent change at total over current and prior (references) holds,\n"
             "decided in integers as a change column's rows are: True or False, None where\n"
             "it is not testable, NotImplemented where it is judged in Decimal.");

static PyObject *
percent_holds(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "percent_holds(tables, total, current, prior)");
        return NULL;
    }
    if (!configured()) {
        return NULL;
    }
    int exact = context_holds_ends();
    if (exact <= 0) {
        return exact < 0 ? NULL : Py_NewRef(Py_NotImplemented);
    }
    PyObject *cells[3];
    int blank = 0;
    for (int i = 0; i < 3; i++) {
        cells[i] = cell_at(args[0], args[1 + i]);
        if (cells[i] == NULL) {
            for (int j = 0; j < i; j++) {
                Py_DECREF(cells[j]);
            }
            return NULL;
        }
        blank |= cells[i] == Py_None;
    }
    int out = blank ? -1 : percent_in_integers(cells);
    for (int i = 0; i < 3; i++) {
        Py_DECREF(cells[i]);
    }
    switch (out) {
    case 1:
        Py_RETURN_TRUE;
    case 0:
        Py_RETURN_FALSE;
    case -1:
        Py_RETURN_NONE;
    case -2:
        Py_RETURN_NOTIMPLEMENTED;
    default:
        return NULL;
    }
}

/* a row of a change column's pair judged in Decimal: its place (made of the table's
 * references, *place a new reference) and its evaluation (a new reference: None where it
 * is not testable); NULL with the error set */
static PyObject *
judge_row(PyObject *tables, PyObject *label, PyObject *table, PyObject *const columns[3],
          PyObject *refs, int percent, PyObject *fallback, PyObject *index, PyObject **place)
{
    PyObject *total = NULL, *first = NULL, *second = NULL, *ev = NULL;
    *place = NULL;
    if ((total = cell_ref(refs, table, index, columns[0])) != NULL &&
        (first = cell_ref(refs, table, index, columns[1])) != NULL &&
        (second = cell_ref(refs, table, index, columns[2])) != NULL) {
        *place = make_place(Py_NewRef(label), Py_NewRef(total), PyTuple_Pack(2, first, second));
    }
    if (*place != NULL) {
        ev = percent ? judge_quotient(tables, label, total, first, second, Py_None, 0,
                                      percent_places, 1)
                     : judge_sum(tables, label, total,
                                 *(PyObject **)((char *)*place + place_offsets[2]),
                                 change_signs, Py_None, 0, 0);
        if (ev == Py_NotImplemented) { /* a figure of two readings: the Python judges */
            Py_DECREF(ev);
            ev = PyObject_CallOneArg(fallback, *place);
        }
        if (ev == NULL) {
            Py_CLEAR(*place);
        }
    }
    Py_XDECREF(total);
    Py_XDECREF(first);
    Py_XDECREF(second);
    return ev;
}

/* whether an evaluation holds: 1, 0, or -1 with the error set */
static int
holds_of(PyObject *ev)
{
    PyObject *holds = PyObject_GetAttr(ev, S_holds);
    int h = holds == NULL ? -1 : PyObject_IsTrue(holds);
    Py_XDECREF(holds);
    return h;
}

/* the rows of a pair borne out that were decided in integers ((row, None, holds) in
 * tested) judged in Decimal for their places and evaluations, each of which must give the
 * answer decided: 0, or -1 with the error set */
static int
judge_decided(PyObject *tested, PyObject *tables, PyObject *label, PyObject *table,
              PyObject *const columns[3], PyObject *refs, PyObject *fallback)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(tested); i++) {
        PyObject *entry = PyList_GET_ITEM(tested, i);
        if (PyTuple_GET_ITEM(entry, 1) != Py_None) {
            continue;
        }
        PyObject *row = PyTuple_GET_ITEM(entry, 0), *place = NULL, *ev = NULL;
        PyObject *index = PyObject_GetAttr(row, S_index);
        if (index != NULL) {
            ev = judge_row(tables, label, table, columns, refs, 1, fallback, index, &place);
            Py_DECREF(index);
        }
        if (ev == NULL) {
            return -1;
        }
        int h = ev == Py_None ? -1 : holds_of(ev);
        if (h != (PyTuple_GET_ITEM(entry, 2) == Py_True)) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_RuntimeError,
                                "_judge.rows: a percent row's Decimal evaluation differs "
                                "from its answer in integers");
            }
            Py_DECREF(ev);
            Py_DECREF(place);
            return -1;
        }
        PyObject *judged = PyTuple_Pack(3, row, place, ev);
        Py_DECREF(place);
        Py_DECREF(ev);
        if (judged == NULL) {
            return -1;
        }
        PyList_SetItem(tested, i, judged); /* (the entry released) */
    }
    return 0;
}

PyDoc_STRVAR(rows_doc,
             "rows(tables, label, table, change, current, prior, rows, refs, percent, enough,\n"
             "     beat, fallback, named, terms, kind, /)\n"
             "--\n\n"
             "changes._tested_python of a change column (label, index change) over a pair of\n"
             "period columns (indexes current, prior) of table (its index): (holding, [(spec,\n"
             "relation)]) of the rows judged, None as soon as the rows left cannot bear the\n"
             "change out. refs: the table's references by (row, column), completed;\n"
             "fallback(place): the evaluation where a figure has two readings; named: what a\n"
             "row's relation is named after its label; terms: the table's row terms by row,\n"
             "completed; kind: the relations' kind. A percent row is decided in integers\n"
             "where its figures allow (configure_integers), and judged in Decimal only when\n"
             "its pair is borne out.");

static PyObject *
rows(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 15 || !PyList_Check(args[6]) || !PyDict_Check(args[7]) ||
        !PyUnicode_Check(args[12]) || !PyDict_Check(args[13])) {
        PyErr_SetString(PyExc_TypeError,
                        "rows(tables, label, table, change, current, prior, rows: list, "
                        "refs: dict, percent, enough, beat, fallback, named: str, terms: dict, "
                        "kind)");
        return NULL;
    }
    if (!configured()) {
        return NULL;
    }
    if (place_type == NULL || change_signs == NULL || spec_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError,
                        "_judge.configure_places or configure_rows was not called");
        return NULL;
    }
    PyObject *tables = args[0], *label = args[1], *table = args[2], *list = args[6],
             *refs = args[7], *fallback = args[11];
    PyObject *const columns[3] = {args[3], args[4], args[5]}; /* change, current, prior */
    int percent = PyObject_IsTrue(args[8]);
    if (percent < 0) {
        return NULL;
    }
    Py_ssize_t enough = PyLong_AsSsize_t(args[9]);
    Py_ssize_t beat = enough == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[10]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    /* the table's rows and the columns as indexes, for the rows decided in integers */
    PyObject *table_rows = NULL;
    Py_ssize_t at[3] = {-1, -1, -1};
    int integers = percent ? context_holds_ends() : 0;
    if (integers < 0) {
        return NULL;
    }
    for (int i = 0; integers && i < 3; i++) {
        at[i] = PyLong_CheckExact(columns[i]) ? PyLong_AsSsize_t(columns[i]) : -1;
        if (at[i] < 0) {
            PyErr_Clear(); /* (an odd column: the Decimal path judges it) */
            integers = 0;
        }
    }
    if (integers) {
        PyObject *of = item(tables, table);
        table_rows = of == NULL ? NULL : field(of, TABLE_ROWS);
        Py_XDECREF(of);
        if (table_rows == NULL) {
            PyErr_Clear(); /* (the Decimal path raises it as cell_at does) */
            integers = 0;
        }
    }
    PyObject *tested = PyList_New(0);
    if (tested == NULL) {
        Py_XDECREF(table_rows);
        return NULL;
    }
    int decided = 0; /* whether a row of tested was decided in integers */
    Py_ssize_t n = PyList_GET_SIZE(list), holding = 0;
    for (Py_ssize_t k = 1; k <= n && k <= PyList_GET_SIZE(list); k++) {
        PyObject *row = PyList_GET_ITEM(list, k - 1);
        Py_INCREF(row);
        PyObject *index = PyObject_GetAttr(row, S_index), *entry = NULL, *ev = NULL;
        int h = -3;
        if (index != NULL) {
            h = integers ? row_in_integers(table_rows, index, at) : -2;
            if (h == 0 || h == 1) {
                entry = PyTuple_Pack(3, row, Py_None, h ? Py_True : Py_False);
                decided = 1;
            }
            else if (h == -2) {
                PyObject *place = NULL;
                ev = judge_row(tables, label, table, columns, refs, percent, fallback, index,
                               &place);
                h = ev == NULL ? -3 : ev == Py_None ? -1 : holds_of(ev);
                if (h >= 0) {
                    entry = PyTuple_Pack(3, row, place, ev);
                }
                else if (h == -1 && PyErr_Occurred()) {
                    h = -3;
                }
                Py_XDECREF(place);
                Py_XDECREF(ev);
            }
            Py_DECREF(index);
        }
        int failed = h == -3 || (h >= 0 && (entry == NULL || PyList_Append(tested, entry) < 0));
        Py_XDECREF(entry);
        Py_DECREF(row);
        if (failed) {
            Py_DECREF(tested);
            Py_XDECREF(table_rows);
            return NULL;
        }
        holding += h > 0;
        /* at best each row left holds; the share of changes._share */
        Py_ssize_t best = holding + n - k, left = PyList_GET_SIZE(tested) + n - k;
        if (best < enough || best <= beat ||
            ((double)best < min_share * (double)left && best < left - 1)) {
            Py_DECREF(tested);
            Py_XDECREF(table_rows);
            Py_RETURN_NONE;
        }
    }
    Py_XDECREF(table_rows);
    if (decided && judge_decided(tested, tables, label, table, columns, refs, fallback) < 0) {
        Py_DECREF(tested);
        return NULL;
    }
    PyObject *kept = kept_rows(tested, table, args[12], args[13], args[14]);
    Py_DECREF(tested);
    if (kept == NULL) {
        return NULL;
    }
    return Py_BuildValue("(nN)", holding, kept);
}

enum { SUM, RATIO, PERCENT_CHANGE };

PyDoc_STRVAR(places_doc,
             "places(kind, places, signs, tables, chosen, fallback, relation_kind=None, /)\n"
             "--\n\n"
             "spec._judged_places_python: the evaluations of a spec's places (a tuple of\n"
             "Place) whose totals are printed, in order, for kind 0 (a sum), 1 (a ratio) or 2\n"
             "(a percent change); fallback(place) where a figure has two readings, or with\n"
             "relation_kind given, fallback(relation_kind, place, signs, tables, chosen)\n"
             "(spec.judge itself: no function made per call to hold the arguments).");

static PyObject *
places(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if ((nargs != 6 && nargs != 7) || !PyLong_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "places(kind: int, places: tuple, signs, tables, "
                                         "chosen, fallback, relation_kind=None)");
        return NULL;
    }
    if (!configured()) {
        return NULL;
    }
    if (place_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_judge.configure_places was not called");
        return NULL;
    }
    long kind = PyLong_AsLong(args[0]);
    if (kind == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *all = args[1], *signs = args[2], *tables = args[3], *chosen = args[4],
             *fallback = args[5];
    int any_chosen = PyObject_IsTrue(chosen);
    if (any_chosen < 0) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(all), kept = 0;
    PyObject *out = PyTuple_New(n);
    if (out == NULL) {
        return NULL;
    }
    int exact = -2; /* context_holds_ends, asked at the first sum */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *place = PyTuple_GET_ITEM(all, i), *ev = Py_NotImplemented;
        Py_INCREF(ev);
        if (Py_IS_TYPE(place, place_type)) {
            PyObject *label = *(PyObject **)((char *)place + place_offsets[0]);
            PyObject *total = *(PyObject **)((char *)place + place_offsets[1]);
            PyObject *items = *(PyObject **)((char *)place + place_offsets[2]);
            if (label == NULL || total == NULL || items == NULL || !PyTuple_Check(items)) {
                /* (unset or odd: the Python says what it makes of it) */
            }
            else if (kind == SUM) {
                if (PyTuple_Check(signs) && PyTuple_GET_SIZE(items) == PyTuple_GET_SIZE(signs)) {
                    if (exact == -2 && (exact = context_holds_ends()) < 0) {
                        Py_DECREF(ev);
                        Py_DECREF(out);
                        return NULL;
                    }
                    Py_SETREF(ev, judge_sum(tables, label, total, items, signs, chosen,
                                            any_chosen, exact));
                }
            }
            else if (PyTuple_GET_SIZE(items) >= 2) {
                Py_SETREF(ev, judge_quotient(tables, label, total, PyTuple_GET_ITEM(items, 0),
                                             PyTuple_GET_ITEM(items, 1), chosen, any_chosen,
                                             kind == RATIO ? ratio_places : percent_places,
                                             kind != RATIO));
            }
        }
        if (ev == Py_NotImplemented) {
            Py_DECREF(ev);
            if (nargs == 7) {
                PyObject *asked[5] = {args[6], place, signs, tables, chosen};
                ev = PyObject_Vectorcall(fallback, asked, 5, NULL);
            }
            else {
                ev = PyObject_CallOneArg(fallback, place);
            }
        }
        if (ev == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        if (ev == Py_None) {
            Py_DECREF(ev);
        }
        else {
            PyTuple_SET_ITEM(out, kept++, ev);
        }
    }
    if (kept < n && _PyTuple_Resize(&out, kept) < 0) {
        return NULL;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL, configure_doc},
    {"sum", (PyCFunction)(void (*)(void))sum, METH_FASTCALL, sum_doc},
    {"quotient", (PyCFunction)(void (*)(void))quotient, METH_FASTCALL, quotient_doc},
    {"configure_places", (PyCFunction)(void (*)(void))configure_places, METH_FASTCALL,
     configure_places_doc},
    {"configure_rows", (PyCFunction)(void (*)(void))configure_rows, METH_FASTCALL,
     configure_rows_doc},
    {"places", (PyCFunction)(void (*)(void))places, METH_FASTCALL, places_doc},
    {"table_places", (PyCFunction)(void (*)(void))table_places, METH_FASTCALL,
     table_places_doc},
    {"rows", (PyCFunction)(void (*)(void))rows, METH_FASTCALL, rows_doc},
    {"configure_integers", (PyCFunction)(void (*)(void))configure_integers, METH_FASTCALL,
     configure_integers_doc},
    {"percent_holds", (PyCFunction)(void (*)(void))percent_holds, METH_FASTCALL,
     percent_holds_doc},
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
        {&S_quantize, "quantize"},   {&S_is_nan, "is_nan"},       {&S_index, "index"},
        {&S_holds, "holds"},         {&S_label, "label"},       {&S_prec, "prec"},
        {&S_Emax, "Emax"},           {&S_Emin, "Emin"},         {&S_clamp, "clamp"},
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
    if (int_one == NULL && (int_one = PyLong_FromLong(1)) == NULL) {
        return NULL;
    }
    if (int_minus_one == NULL && (int_minus_one = PyLong_FromLong(-1)) == NULL) {
        return NULL;
    }
    return PyModule_Create(&module);
}
