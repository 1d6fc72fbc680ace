/* The sign search of one window: checks/footing.py's _search_window, compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler). This takes the same inputs (the total's columns on their integer grids, the
 * window's rows, the most minus signs) and gives the same answer: the window's columns
 * (`_columns`: a column counts where some item is printed), the search in full up to 8
 * items (`_full_search`: the sets of minus signs holding in every column, else in all
 * but one, in the order of `_order`), and for longer windows all plus, then one minus
 * sign, then the first pair (`_first_pair`). Each test is the rounding rule on integers
 * (`rounding.minus_sums`): the items' sum m under the minus signs within the range of one
 * reading of the total. What it saves is the Python work per column and per set of signs.
 *
 * It answers NotImplemented, and the Python search runs, where a column has figures with
 * two readings or a figure lies outside +-2**52 on its grid (the sums and their doubles
 * then stay well inside 64 bits).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_interned.h"

#define FULL_SEARCH 8 /* footing._FULL_SEARCH */
#define MASKS (1 << (FULL_SEARCH - 1))
#define LIMIT (((int64_t)1) << 52)

typedef struct {
    int64_t total, added, units; /* the total, the items all added, every unit (doubled) */
    int64_t lo, hi;              /* the range of m, when has_range */
    int has_range, plain;
    int64_t *items; /* the items' figures, n of them */
} column;

static PyObject *S_printed, *S_firsts, *S_units, *S_ambiguous, *S_cells, *S_readings, *S_value,
    *S_precision;

/* floor division, as Python's // */
static int64_t
floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
    return q;
}

/* A list's entry as a bounded int64; 0 (and *bad set) where it is not one. */
static int64_t
entry(PyObject *list, Py_ssize_t i, int *bad)
{
    PyObject *v = PyList_GET_ITEM(list, i);
    int overflow = 0;
    long long x;
    if (!PyLong_Check(v)) {
        *bad = 1;
        return 0;
    }
    x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow || x >= LIMIT || x <= -LIMIT) {
        *bad = 1;
        return 0;
    }
    return (int64_t)x;
}

static int
holds(const column *c, int64_t m)
{
    return c->has_range && c->lo <= m && m <= c->hi;
}

/* The bit masks of the sets in search order (`_order`): fewest minus signs first and,
 * among as many, the earliest items first (combinations of 1..n-1 in lexicographic
 * order). Returns how many. */
static int
order(int n, int max_minus, int *out)
{
    int count = 0, size, idx[FULL_SEARCH], i, j;
    for (size = 0; size <= max_minus && size <= n - 1; size++) {
        for (i = 0; i < size; i++) idx[i] = i + 1;
        for (;;) {
            int mask = 0;
            for (i = 0; i < size; i++) mask |= 1 << (idx[i] - 1);
            out[count++] = mask;
            /* the next combination */
            for (i = size - 1; i >= 0 && idx[i] == n - size + i; i--)
                ;
            if (i < 0) break;
            idx[i]++;
            for (j = i + 1; j < size; j++) idx[j] = idx[j - 1] + 1;
        }
    }
    return count;
}

static PyObject *
signs(int n, int mask)
{
    PyObject *t = PyTuple_New(n), *v;
    int i;
    if (t == NULL) return NULL;
    for (i = 0; i < n; i++) {
        v = PyLong_FromLong(i > 0 && i < FULL_SEARCH && (mask >> (i - 1)) & 1 ? -1 : 1);
        if (v == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    return t;
}

static PyObject *
best(int n, int mask, Py_ssize_t holding, Py_ssize_t tested)
{
    PyObject *s = signs(n, mask);
    if (s == NULL) return NULL;
    return Py_BuildValue("(Nnn)", s, holding, tested);
}

/* The sets (as masks) under which a column ties: its 2^(n-1) subset sums in its range. */
static void
holding(const column *c, int n, int64_t *sums, unsigned char *out)
{
    int b, mask, size = 1;
    sums[0] = 0;
    for (b = 1; b < n; b++) {
        for (mask = 0; mask < size; mask++) sums[size + mask] = sums[mask] + c->items[b];
        size *= 2;
    }
    for (mask = 0; mask < size; mask++) out[mask] = holds(c, sums[mask]);
}

static PyObject *
full_search(column *cols, Py_ssize_t tested, int n, int max_minus)
{
    int ranked[MASKS], ranks, r, size = 1 << (n - 1), mask;
    unsigned char allowed[MASKS], every[MASKS], near[MASKS], here[MASKS];
    int64_t sums[MASKS];
    Py_ssize_t c, plain = 0;
    int any_near = 0;
    ranks = order(n, max_minus, ranked);
    memset(allowed, 0, sizeof allowed);
    for (r = 0; r < ranks; r++) allowed[ranked[r]] = 1;
    holding(&cols[0], n, sums, every);
    for (mask = 0; mask < size; mask++) every[mask] &= allowed[mask];
    memset(near, 0, sizeof near);
    for (c = 1; c < tested; c++) {
        if (c == 1) {
            holding(&cols[1], n, sums, here);
            any_near = 0;
            for (mask = 0; mask < size; mask++) {
                here[mask] &= allowed[mask];
                near[mask] = here[mask] | every[mask];
                any_near |= near[mask];
            }
        }
        else if (any_near) {
            any_near = 0;
            for (mask = 0; mask < size; mask++) {
                here[mask] = 0;
                if (near[mask]) {
                    int64_t m = 0;
                    int i;
                    for (i = 1; i < n; i++)
                        if ((mask >> (i - 1)) & 1) m += cols[c].items[i];
                    here[mask] = (unsigned char)holds(&cols[c], m);
                }
                near[mask] = (near[mask] & here[mask]) | every[mask];
                any_near |= near[mask];
            }
        }
        else
            break;
        for (mask = 0; mask < size; mask++) every[mask] &= here[mask];
    }
    for (r = 0; r < ranks; r++)
        if (every[ranked[r]]) return best(n, ranked[r], tested, tested);
    if (tested > 1 && any_near)
        for (r = 0; r < ranks; r++)
            if (near[ranked[r]]) return best(n, ranked[r], tested - 1, tested);
    for (c = 0; c < tested; c++) plain += cols[c].plain;
    return best(n, 0, plain, tested);
}

/* All plus but items i and j (0 < i, j < n; j = 0: one minus sign) for a long window. */
static PyObject *
best_at(int n, int i, int j, Py_ssize_t tested)
{
    PyObject *s = signs(n, 0), *minus;
    if (s == NULL) return NULL;
    minus = PyLong_FromLong(-1);
    if (minus == NULL) {
        Py_DECREF(s);
        return NULL;
    }
    if (j > 0) {
        Py_INCREF(minus);
        Py_SETREF(((PyTupleObject *)s)->ob_item[j], minus);
    }
    Py_SETREF(((PyTupleObject *)s)->ob_item[i], minus);
    return Py_BuildValue("(Nnn)", s, tested, tested);
}

static PyObject *
long_search(column *cols, Py_ssize_t tested, int n, int max_minus)
{
    Py_ssize_t c, plain = 0;
    int i, j, ok;
    for (c = 0; c < tested; c++) plain += cols[c].plain;
    if (plain == tested) return best(n, 0, plain, tested);
    if (max_minus >= 1)
        for (i = 1; i < n; i++) {
            for (ok = 1, c = 0; ok && c < tested; c++) ok = holds(&cols[c], cols[c].items[i]);
            if (ok) return best_at(n, i, 0, tested);
        }
    if (max_minus >= 2) /* the first pair in order, as `_first_pair` finds it */
        for (i = 1; i < n - 1; i++)
            for (j = i + 1; j < n; j++) {
                for (ok = 1, c = 0; ok && c < tested; c++)
                    ok = holds(&cols[c], cols[c].items[i] + cols[c].items[j]);
                if (ok) return best_at(n, i, j, tested);
            }
    return best(n, 0, plain, tested);
}

PyDoc_STRVAR(search_doc,
             "search(figures, k, items, max_minus, /)\n"
             "--\n\n"
             "footing._search_window over the total's columns ``figures`` (its _Figures);\n"
             "NotImplemented where the Python search must run.");

static PyObject *
search(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *figures, *items_list, *out = NULL;
    Py_ssize_t nfig, k, f, tested = 0, n, i;
    long max_minus_l;
    int max_minus, bad = 0;
    column *cols = NULL;
    int64_t *values = NULL;
    Py_ssize_t *rows = NULL;
    if (nargs != 4 || !PyList_Check(args[0]) || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "search(figures: list, k, items: list, max_minus)");
        return NULL;
    }
    figures = args[0];
    items_list = args[2];
    k = PyLong_AsSsize_t(args[1]);
    if (k == -1 && PyErr_Occurred()) return NULL;
    max_minus_l = PyLong_AsLong(args[3]);
    if (max_minus_l == -1 && PyErr_Occurred()) return NULL;
    n = PyList_GET_SIZE(items_list);
    nfig = PyList_GET_SIZE(figures);
    if (n < 1 || n > 1000) Py_RETURN_NOTIMPLEMENTED; /* sums of 1,000 figures of 2**52: 2**62 */
    max_minus = max_minus_l < 0 ? 0 : (max_minus_l > FULL_SEARCH ? FULL_SEARCH : (int)max_minus_l);
    rows = PyMem_New(Py_ssize_t, n);
    cols = PyMem_New(column, nfig > 0 ? nfig : 1);
    values = PyMem_New(int64_t, (nfig > 0 ? nfig : 1) * n);
    if (rows == NULL || cols == NULL || values == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++) {
        rows[i] = PyLong_AsSsize_t(PyList_GET_ITEM(items_list, i));
        if (rows[i] == -1 && PyErr_Occurred()) goto done;
    }
    for (f = 0; f < nfig; f++) {
        PyObject *fig = PyList_GET_ITEM(figures, f), *printed, *firsts, *units, *amb;
        Py_ssize_t size;
        int any = 0, is_amb;
        column *c = &cols[tested];
        amb = PyObject_GetAttr(fig, S_ambiguous);
        if (amb == NULL) goto done;
        is_amb = PyObject_IsTrue(amb);
        Py_DECREF(amb);
        if (is_amb != 0) {
            if (is_amb < 0) goto done;
            out = Py_NewRef(Py_NotImplemented);
            goto done;
        }
        printed = PyObject_GetAttr(fig, S_printed);
        firsts = PyObject_GetAttr(fig, S_firsts);
        units = PyObject_GetAttr(fig, S_units);
        if (printed == NULL || firsts == NULL || units == NULL) {
            Py_XDECREF(printed);
            Py_XDECREF(firsts);
            Py_XDECREF(units);
            goto done;
        }
        size = PyList_Check(printed) ? PyList_GET_SIZE(printed) : -1;
        if (size < 0 || !PyList_Check(firsts) || !PyList_Check(units) ||
            PyList_GET_SIZE(firsts) != size || PyList_GET_SIZE(units) != size || k < 0 ||
            k >= size) {
            bad = 1;
        }
        for (i = 0; !bad && i < n; i++) {
            int t;
            if (rows[i] < 0 || rows[i] >= size) {
                bad = 1;
                break;
            }
            t = PyObject_IsTrue(PyList_GET_ITEM(printed, rows[i]));
            if (t < 0) {
                Py_DECREF(printed);
                Py_DECREF(firsts);
                Py_DECREF(units);
                goto done;
            }
            any |= t;
        }
        if (!bad && any) {
            int64_t added = 0, total_units = entry(units, k, &bad);
            c->items = values + tested * n;
            c->total = entry(firsts, k, &bad);
            for (i = 0; i < n; i++) {
                c->items[i] = entry(firsts, rows[i], &bad);
                added += c->items[i];
                total_units += entry(units, rows[i], &bad);
            }
            c->added = added;
            c->units = total_units;
            if (!bad) {
                int64_t d = 2 * c->total - 2 * added;
                int64_t lo = -floordiv(2 * c->total - 2 * added + total_units, 4);
                int64_t hi = floordiv(2 * added - 2 * c->total + total_units, 4);
                c->plain = (d < 0 ? -d : d) <= total_units;
                c->has_range = lo <= hi;
                c->lo = lo;
                c->hi = hi;
                tested++;
            }
        }
        Py_DECREF(printed);
        Py_DECREF(firsts);
        Py_DECREF(units);
        if (bad) {
            out = Py_NewRef(Py_NotImplemented);
            goto done;
        }
    }
    if (tested == 0) {
        out = Py_NewRef(Py_None);
        goto done;
    }
    if (tested == 1 && n > 4 && max_minus > 1) max_minus = 1;
    if (n <= FULL_SEARCH) {
        Py_ssize_t c, plain = 0;
        for (c = 0; c < tested; c++) plain += cols[c].plain;
        if (plain == tested)
            out = best((int)n, 0, tested, tested);
        else
            out = full_search(cols, tested, (int)n, max_minus);
    }
    else
        out = long_search(cols, tested, (int)n, max_minus);
done:
    PyMem_Free(rows);
    PyMem_Free(cols);
    PyMem_Free(values);
    return out;
}

/* A figure or unit as its integer, where it is whole; NULL (no error set) where it is
 * not, or where its integer is not to be had (the Python column raises the same). */
static PyObject *
whole(PyObject *value)
{
    PyObject *as_int = PyNumber_Long(value);
    int same;
    if (as_int == NULL) {
        PyErr_Clear();
        return NULL;
    }
    same = PyObject_RichCompareBool(as_int, value, Py_EQ);
    if (same != 1) {
        if (same < 0) PyErr_Clear();
        Py_DECREF(as_int);
        return NULL;
    }
    return as_int;
}

PyDoc_STRVAR(column_doc,
             "column(rows, index, exact, /)\n"
             "--\n\n"
             "footing._Grids.column of a column of one reading each: (printed, firsts, units)\n"
             "on the grid rounding.Grid.figures gives it, whole units or the finest unit's\n"
             "(``exact``: the context of its shifts); NotImplemented for any other column.");

#define MAX_UNITS 32 /* distinct unit objects of a column (a few) */

typedef struct {
    PyObject *unit;   /* borrowed: held by its cells */
    PyObject *as_int; /* int(unit), or NULL where the unit is not whole */
    PyObject *on_grid; /* the unit on the column's grid */
} unit_entry;

static PyObject *
column_of(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *rows, *exact, *printed = NULL, *firsts = NULL, *units = NULL, *zero = NULL;
    PyObject *factor = NULL, *shift = NULL, *out = NULL;
    PyObject **values = NULL; /* each row's figure (borrowed from its cell), NULL where blank */
    int *unit_of = NULL;      /* each row's unit, as its entry in `table` */
    unit_entry table[MAX_UNITS];
    int distinct = 0, all_whole = 1, u;
    long finest = 0;
    Py_ssize_t index, n, r;
    PyObject **cells_held = NULL;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "column(rows, index, exact)");
        return NULL;
    }
    if (!PyTuple_Check(args[0])) Py_RETURN_NOTIMPLEMENTED; /* a table's rows are a tuple */
    rows = args[0];
    exact = args[2];
    index = PyLong_AsSsize_t(args[1]);
    if (index == -1 && PyErr_Occurred()) return NULL;
    n = PyTuple_GET_SIZE(rows);
    values = PyMem_New(PyObject *, n > 0 ? n : 1);
    cells_held = PyMem_New(PyObject *, n > 0 ? n : 1);
    unit_of = PyMem_New(int, n > 0 ? n : 1);
    if (values == NULL || cells_held == NULL || unit_of == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (r = 0; r < n; r++) cells_held[r] = NULL;
    /* the figures and their units, each unit object once (blanks: zero, exactly) */
    zero = PyLong_FromLong(0);
    if (zero == NULL) goto done;
    for (r = 0; r < n; r++) {
        PyObject *cells = PyObject_GetAttr(PyTuple_GET_ITEM(rows, r), S_cells), *cell;
        PyObject *readings, *unit;
        Py_ssize_t count;
        if (cells == NULL) goto done;
        if (!PyTuple_Check(cells) || index < 0 || index >= PyTuple_GET_SIZE(cells)) {
            Py_DECREF(cells);
            goto other; /* the Python column reads (or raises) */
        }
        cell = PyTuple_GET_ITEM(cells, index);
        values[r] = NULL;
        unit_of[r] = -1;
        if (cell == Py_None) {
            Py_DECREF(cells);
            continue;
        }
        cells_held[r] = Py_NewRef(cell);
        Py_DECREF(cells);
        readings = PyObject_GetAttr(cell, S_readings);
        if (readings == NULL) goto done;
        count = PyObject_Length(readings);
        Py_DECREF(readings);
        if (count < 0) goto done;
        if (count > 1) goto other; /* two readings: the Python column */
        values[r] = PyObject_GetAttr(cell, S_value);
        unit = PyObject_GetAttr(cell, S_precision);
        if (values[r] == NULL || unit == NULL) {
            Py_XDECREF(values[r]);
            Py_XDECREF(unit);
            goto done;
        }
        Py_DECREF(values[r]); /* held by the cell, which is held */
        Py_DECREF(unit);
        for (u = 0; u < distinct && table[u].unit != unit; u++)
            ;
        if (u == distinct) {
            if (distinct == MAX_UNITS) goto other;
            table[u].unit = unit;
            table[u].as_int = whole(unit);
            table[u].on_grid = NULL;
            all_whole &= table[u].as_int != NULL;
            distinct++;
        }
        unit_of[r] = u;
    }
    if (all_whole) {
        for (u = 0; u < distinct; u++) table[u].on_grid = Py_NewRef(table[u].as_int);
        factor = Py_NewRef(zero); /* (unused: whole figures are their integers) */
    }
    else {
        /* the grid of the finest unit, as Grid.figures takes it */
        PyObject *ten, *power;
        for (u = 0; u < distinct; u++) {
            PyObject *t = PyObject_CallMethod(table[u].unit, "as_tuple", NULL), *e;
            long exponent;
            if (t == NULL) goto other;
            e = PyObject_GetAttrString(t, "exponent");
            Py_DECREF(t);
            if (e == NULL) goto other;
            if (!PyLong_Check(e)) { /* not finite: the Python column */
                Py_DECREF(e);
                goto other;
            }
            exponent = PyLong_AsLong(e);
            Py_DECREF(e);
            if (exponent == -1 && PyErr_Occurred()) goto done;
            if (u == 0 || exponent < finest) finest = exponent;
        }
        /* the blanks' zero is a unit too (exponent 0) */
        for (r = 0; r < n && values[r] != NULL; r++)
            ;
        if (r < n && finest > 0) finest = 0;
        if (finest >= 0 || finest < -1000) goto other;
        shift = PyLong_FromLong(-finest);
        ten = PyLong_FromLong(10);
        if (shift == NULL || ten == NULL) {
            Py_XDECREF(ten);
            goto done;
        }
        power = PyNumber_Power(ten, shift, Py_None);
        Py_DECREF(ten);
        if (power == NULL) goto done;
        factor = power;
        for (u = 0; u < distinct; u++) {
            PyObject *scaled = PyObject_CallMethod(table[u].unit, "scaleb", "(OO)", shift, exact);
            if (scaled == NULL) goto other;
            table[u].on_grid = PyNumber_Long(scaled);
            Py_DECREF(scaled);
            if (table[u].on_grid == NULL) goto other;
        }
    }
    printed = PyList_New(n);
    firsts = PyList_New(n);
    units = PyList_New(n);
    if (printed == NULL || firsts == NULL || units == NULL) goto done;
    for (r = 0; r < n; r++) {
        PyObject *first;
        if (values[r] == NULL) {
            PyList_SET_ITEM(printed, r, Py_NewRef(Py_False));
            PyList_SET_ITEM(firsts, r, Py_NewRef(zero));
            PyList_SET_ITEM(units, r, Py_NewRef(zero));
            continue;
        }
        first = whole(values[r]);
        if (first != NULL && !all_whole) {
            PyObject *on = PyNumber_Multiply(first, factor);
            Py_DECREF(first);
            if (on == NULL) goto done;
            first = on;
        }
        else if (first == NULL && !all_whole) { /* below the whole: shifted exactly */
            PyObject *scaled = PyObject_CallMethod(values[r], "scaleb", "(OO)", shift, exact);
            int same;
            if (scaled == NULL) goto other;
            first = PyNumber_Long(scaled);
            if (first == NULL) {
                Py_DECREF(scaled);
                goto other; /* (not finite: the Python column raises) */
            }
            same = PyObject_RichCompareBool(first, scaled, Py_EQ);
            Py_DECREF(scaled);
            if (same != 1) {
                Py_DECREF(first);
                if (same < 0) goto done;
                goto other; /* finer than every unit: the Python column's general grid */
            }
        }
        if (first == NULL) goto other; /* a figure below the whole among whole units */
        PyList_SET_ITEM(printed, r, Py_NewRef(Py_True));
        PyList_SET_ITEM(firsts, r, first);
        PyList_SET_ITEM(units, r, Py_NewRef(table[unit_of[r]].on_grid));
    }
    out = Py_BuildValue("(OOO)", printed, firsts, units);
    goto done;
other:
    PyErr_Clear();
    out = Py_NewRef(Py_NotImplemented);
done:
    for (u = 0; u < distinct; u++) {
        Py_XDECREF(table[u].as_int);
        Py_XDECREF(table[u].on_grid);
    }
    if (cells_held != NULL)
        for (r = 0; r < n; r++) Py_XDECREF(cells_held[r]);
    PyMem_Free(cells_held);
    PyMem_Free(values);
    PyMem_Free(unit_of);
    Py_XDECREF(printed);
    Py_XDECREF(firsts);
    Py_XDECREF(units);
    Py_XDECREF(zero);
    Py_XDECREF(factor);
    Py_XDECREF(shift);
    return out;
}

static PyMethodDef methods[] = {
    {"search", (PyCFunction)(void (*)(void))search, METH_FASTCALL, search_doc},
    {"column", (PyCFunction)(void (*)(void))column_of, METH_FASTCALL, column_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_footing", "footing._search_window, compiled.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__footing(void)
{
    static const Interned names[] = {
        {&S_printed, "printed"}, {&S_firsts, "firsts"},     {&S_units, "units"},
        {&S_ambiguous, "ambiguous"}, {&S_cells, "cells"},   {&S_readings, "readings"},
        {&S_value, "value"},     {&S_precision, "precision"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    return PyModule_Create(&module);
}
