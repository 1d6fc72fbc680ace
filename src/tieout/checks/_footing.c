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
 *
 * `sums` is footing.py's _table_sums_python, compiled: a table's totals in one call, each
 * total's windows back to its boundary and its nearest rows across section heads walked
 * on the rows' fields read once, each window searched as `search` searches it on the
 * table's columns made once (`column`), the tests of a sum failing in one column
 * (`_acceptable_failure`, `_worded_minus`) made here; what stays Python is called back (a
 * window over a column this does not make, `_borne_out`, `_printed_total`), and the
 * specs and findings are made in Python from the totals it hands back.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_decimals.h"
#include "_interned.h"
#include "_slots.h"

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
    *S_precision, *S_label, *S_section, *S_concept, *S_kind, *S_rule_above, *S_rule_below,
    *S_unit, *S_level, *S_has_figures, *S_index;

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

/* A search's answer: the minus signs (the bits of `mask`, item i at bit i-1, for a
 * window of up to 8 items; items `i` and `j` beyond, 0 where unused), the columns where
 * they hold and the columns tested. */
typedef struct {
    int mask, i, j;
    Py_ssize_t holding, tested;
} answer;

static answer
found(int mask, int i, int j, Py_ssize_t holding, Py_ssize_t tested)
{
    answer a;
    a.mask = mask;
    a.i = i;
    a.j = j;
    a.holding = holding;
    a.tested = tested;
    return a;
}

/* whether item p (0 < p < n) is subtracted under the answer */
static int
minus_at(const answer *a, int p)
{
    return (p > 0 && p < FULL_SEARCH && (a->mask >> (p - 1)) & 1) || (p > 0 && (p == a->i || p == a->j));
}

static int
minus_count(const answer *a, int n)
{
    int p, count = 0;
    for (p = 1; p < n; p++) count += minus_at(a, p);
    return count;
}

/* a sum's signs, as `_signs` makes them: -1 where minus[p], else 1 */
static PyObject *
signs_tuple(const signed char *minus, int n)
{
    PyObject *t = PyTuple_New(n);
    int p;
    if (t == NULL) return NULL;
    for (p = 0; p < n; p++) {
        PyObject *v = PyLong_FromLong(minus[p] ? -1 : 1);
        if (v == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, p, v);
    }
    return t;
}

/* the answer's signs, as `_signs` makes them */
static PyObject *
signs_of(const answer *a, int n)
{
    signed char local[256], *minus = n <= 256 ? local : PyMem_Malloc((size_t)n);
    PyObject *t;
    int p;
    if (minus == NULL) return PyErr_NoMemory();
    for (p = 0; p < n; p++) minus[p] = (signed char)minus_at(a, p);
    t = signs_tuple(minus, n);
    if (minus != local) PyMem_Free(minus);
    return t;
}

/* (signs, holding, tested), the Python search's `Best` */
static PyObject *
best_of(const answer *a, int n)
{
    PyObject *s = signs_of(a, n);
    if (s == NULL) return NULL;
    return Py_BuildValue("(Nnn)", s, a->holding, a->tested);
}

static answer
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
        if (every[ranked[r]]) return found(ranked[r], 0, 0, tested, tested);
    if (tested > 1 && any_near)
        for (r = 0; r < ranks; r++)
            if (near[ranked[r]]) return found(ranked[r], 0, 0, tested - 1, tested);
    for (c = 0; c < tested; c++) plain += cols[c].plain;
    return found(0, 0, 0, plain, tested);
}

static answer
long_search(column *cols, Py_ssize_t tested, int n, int max_minus)
{
    Py_ssize_t c, plain = 0;
    int i, j, ok;
    for (c = 0; c < tested; c++) plain += cols[c].plain;
    if (plain == tested) return found(0, 0, 0, plain, tested);
    if (max_minus >= 1)
        for (i = 1; i < n; i++) {
            for (ok = 1, c = 0; ok && c < tested; c++) ok = holds(&cols[c], cols[c].items[i]);
            if (ok) return found(0, i, 0, tested, tested);
        }
    if (max_minus >= 2) /* the first pair in order, as `_first_pair` finds it */
        for (i = 1; i < n - 1; i++)
            for (j = i + 1; j < n; j++) {
                for (ok = 1, c = 0; ok && c < tested; c++)
                    ok = holds(&cols[c], cols[c].items[i] + cols[c].items[j]);
                if (ok) return found(0, i, j, tested, tested);
            }
    return found(0, 0, 0, plain, tested);
}

/* A column's range for its window: the total, the items all added and their units (the
 * items' figures already in c->items). */
static void
ranged(column *c, int64_t total, int64_t added, int64_t total_units)
{
    int64_t d = 2 * total - 2 * added;
    int64_t lo = -floordiv(2 * total - 2 * added + total_units, 4);
    int64_t hi = floordiv(2 * added - 2 * total + total_units, 4);
    c->total = total;
    c->added = added;
    c->units = total_units;
    c->plain = (d < 0 ? -d : d) <= total_units;
    c->has_range = lo <= hi;
    c->lo = lo;
    c->hi = hi;
}

/* The search of `tested` (> 0) columns of a window of n items, as `_search_window_python`
 * decides it once its columns are made. */
static answer
decide(column *cols, Py_ssize_t tested, int n, int max_minus)
{
    if (tested == 1 && n > 4 && max_minus > 1) max_minus = 1;
    if (n <= FULL_SEARCH) {
        Py_ssize_t c, plain = 0;
        for (c = 0; c < tested; c++) plain += cols[c].plain;
        if (plain == tested) return found(0, 0, 0, tested, tested);
        return full_search(cols, tested, n, max_minus);
    }
    return long_search(cols, tested, n, max_minus);
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
            int64_t added = 0, total_units = entry(units, k, &bad), total;
            c->items = values + tested * n;
            total = entry(firsts, k, &bad);
            for (i = 0; i < n; i++) {
                c->items[i] = entry(firsts, rows[i], &bad);
                added += c->items[i];
                total_units += entry(units, rows[i], &bad);
            }
            if (!bad) {
                ranged(c, total, added, total_units);
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
    {
        answer a = decide(cols, tested, (int)n, max_minus);
        out = best_of(&a, (int)n);
    }
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

/* ---- A table's sums: footing._table_sums_python's loop over its totals ---- */

#define MAX_ITEMS 250  /* footing._MAX_ITEMS */
#define MAX_NEAREST 10 /* footing._MAX_NEAREST */
#define NEAREST_MINUS 3 /* footing._NEAREST_MINUS */
#define BORNE_OUT 3    /* footing._BORNE_OUT */

/* configure's members and patterns (held for the module's life) */
static PyObject *K_header, *K_subtotal, *K_total, *R_single, *R_double, *U_percent,
    *summable, *subtotal_concepts, *subtotal_label, *named_total, *bare_total, *less,
    *exact_context;

PyDoc_STRVAR(configure_doc,
             "configure(header, subtotal, total, single, double, percent, summable,\n"
             "          subtotal_concepts, subtotal_label, named_total, bare_total, less,\n"
             "          exact, /)\n"
             "--\n\n"
             "The row kinds, rules and units ``sums`` compares rows with, the units that add,\n"
             "the subtotal concepts, footing's label patterns' search or match (bound methods)\n"
             "and rounding.EXACT.");

static PyObject *
configure(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    PyObject **slots[] = {&K_header,    &K_subtotal,        &K_total,        &R_single, &R_double,
                          &U_percent,   &summable,          &subtotal_concepts,
                          &subtotal_label, &named_total,    &bare_total,     &less,
                          &exact_context};
    Py_ssize_t i, count = (Py_ssize_t)(sizeof slots / sizeof slots[0]);
    if (nargs != count) {
        PyErr_Format(PyExc_TypeError, "configure takes %zd arguments", count);
        return NULL;
    }
    for (i = 0; i < count; i++) Py_XSETREF(*slots[i], Py_NewRef(args[i]));
    Py_RETURN_NONE;
}

/* One row of the table, as the loop asks of it. */
typedef struct {
    PyObject *row;   /* borrowed from the rows */
    PyObject *unit;  /* borrowed: held by the row */
    long level;
    int header, reader_total, single_above, double_above, double_below;
} trow;

/* One column of the table on its grid, made when a total first asks for it. */
typedef struct {
    Py_ssize_t index;
    int percent; /* a % column, which adds only % rows */
    int state;   /* 0: not made; 1: made here; 2: the Python search's (two readings...) */
    unsigned char *printed, *valid; /* valid: the entry is a bounded integer */
    int64_t *firsts, *units;
} tcol;

typedef struct {
    PyObject *rows; /* the table's rows (a tuple) */
    Py_ssize_t nrows, ncols;
    trow *r;
    tcol *c;
    Py_ssize_t *jump; /* a total found: its first item (the walks jump over its items) */
    column *cols;     /* a window's columns, ncols of them */
    int64_t *values;  /* their items, ncols * MAX_ITEMS */
    PyObject *search, *borne_out, *printed_total, *found; /* the hooks, and found: total -> items */
    int64_t *column_coefficients; /* a column's figures read (column_in_integers), nrows */
    int *column_exponents, *column_units;
} table_state;

static void
free_columns(table_state *t)
{
    Py_ssize_t i;
    if (t->c == NULL) return;
    for (i = 0; i < t->ncols; i++) {
        PyMem_Free(t->c[i].printed);
        PyMem_Free(t->c[i].valid);
        PyMem_Free(t->c[i].firsts);
        PyMem_Free(t->c[i].units);
    }
}

static PyObject *column_of(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

/* -- a column on its grid from its Decimals' coefficients and exponents ----------------
 *
 * `column` above makes a column's integers as rounding.Grid.figures does, through the
 * Decimal type: an int() and an equality test per figure (40,000 a pass) and the lists of
 * ints read back here. Where every figure and unit of the column is a finite Decimal of at
 * most 18 digits (_decimals.h), the same integers are had from the coefficients and
 * exponents: a whole figure is its coefficient times a power of ten; with every unit whole
 * (most columns) each figure must be whole; else the grid is the finest unit's exponent
 * (0 at most where a row is blank) and each figure and unit is shifted onto it, a figure
 * finer than it leaving the column to `column`. Each row's cells, and a cell's value,
 * rounding unit and readings, are read by their slots (configure_integers). */

static PyTypeObject *cell_type = NULL; /* NULL: the cells are read by `column` only */
static Py_ssize_t cell_value, cell_precision, cell_readings;
static PyTypeObject *row_type = NULL;
static Py_ssize_t row_cells;

PyDoc_STRVAR(configure_integers_doc,
             "configure_integers(decimal, row, cell, /)\n"
             "--\n\n"
             "Hold the Decimal class, from whose coefficients and exponents a column's\n"
             "integers are made where their layout is the one _decimals.h reads (True;\n"
             "False where it is not, and `column` makes every column), and the row and cell\n"
             "classes whose slots (cells; value, precision, readings) are read.");

static PyObject *
configure_integers(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyType_Check(args[0]) || !PyType_Check(args[1]) ||
        !PyType_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "configure_integers(decimal, row, cell)");
        return NULL;
    }
    Py_ssize_t cells = slot_of((PyTypeObject *)args[1], "cells");
    Py_ssize_t value = slot_of((PyTypeObject *)args[2], "value");
    Py_ssize_t precision = slot_of((PyTypeObject *)args[2], "precision");
    Py_ssize_t readings = slot_of((PyTypeObject *)args[2], "readings");
    if (cells < 0 || value < 0 || precision < 0 || readings < 0) {
        PyErr_SetString(PyExc_TypeError,
                        "configure_integers: the row has no slot cells, or the cell no slot "
                        "value, precision or readings");
        return NULL;
    }
    int confirmed = decimals_confirm(args[0]);
    if (confirmed < 0) {
        return NULL;
    }
    Py_XSETREF(row_type, (PyTypeObject *)Py_NewRef(args[1]));
    Py_XSETREF(cell_type, (PyTypeObject *)Py_NewRef(args[2]));
    row_cells = cells;
    cell_value = value;
    cell_precision = precision;
    cell_readings = readings;
    return PyBool_FromLong(confirmed);
}

/* the object in a record's slot at offset (borrowed), NULL where it is unset */
static inline PyObject *
slot_at(PyObject *record, Py_ssize_t offset)
{
    return *(PyObject **)((char *)record + offset);
}

/* x * 10**shift as a bounded integer of the grid (|x| < LIMIT): 1; 0 where it is not
 * whole (a negative shift leaving digits), 2 where it is whole past the bound */
static inline int
shifted_to(int64_t x, int shift, int64_t *out)
{
    if (shift >= 0) {
        if (x == 0) {
            *out = 0;
            return 1;
        }
        if (shift > 18) {
            return 2;
        }
        __int128 v = (__int128)x * TENS[shift];
        if (v >= LIMIT || v <= -LIMIT) {
            return 2;
        }
        *out = (int64_t)v;
        return 1;
    }
    if (-shift > 18) { /* (|x| < 10**18: whole only when zero) */
        *out = 0;
        return x == 0;
    }
    if (x % TENS[-shift] != 0) {
        return 0;
    }
    *out = x / TENS[-shift];
    return 1;
}

/* column col of the table in integers, as make_column fills it from `column`: 1 made, 0
 * where a figure is not read here (`column` makes it) */
static int
column_in_integers(table_state *t, tcol *col)
{
    Py_ssize_t n = t->nrows, r;
    if (cell_type == NULL || decimal_type == NULL || col->index < 0) {
        return 0;
    }
    /* each row's figure and unit as coefficient and exponent; units by object, as
     * `column` keeps them distinct (a few per column) */
    int all_whole = 1, blank = 0, finest = 0, distinct = 0;
    struct {
        PyObject *unit;
        int64_t coefficient;
        int exponent;
    } units[MAX_UNITS];
    for (r = 0; r < n; r++) {
        PyObject *row = t->r[r].row;
        PyObject *cells = Py_IS_TYPE(row, row_type) ? slot_at(row, row_cells) : NULL;
        if (cells == NULL || !PyTuple_CheckExact(cells) || col->index >= PyTuple_GET_SIZE(cells)) {
            return 0;
        }
        PyObject *cell = PyTuple_GET_ITEM(cells, col->index);
        if (cell == Py_None) {
            blank = 1;
            continue;
        }
        if (!Py_IS_TYPE(cell, cell_type)) {
            return 0;
        }
        PyObject *readings = slot_at(cell, cell_readings), *value = slot_at(cell, cell_value);
        PyObject *unit = slot_at(cell, cell_precision);
        if (readings == NULL || value == NULL || unit == NULL || !PyTuple_CheckExact(readings) ||
            PyTuple_GET_SIZE(readings) > 1 || !decimal_parts(value, &t->column_coefficients[r], &t->column_exponents[r])) {
            return 0;
        }
        int u;
        for (u = 0; u < distinct && units[u].unit != unit; u++)
            ;
        if (u == distinct) {
            if (distinct == MAX_UNITS ||
                !decimal_parts(unit, &units[u].coefficient, &units[u].exponent)) {
                return 0;
            }
            units[u].unit = unit;
            int64_t ignored;
            all_whole &= shifted_to(units[u].coefficient, units[u].exponent, &ignored) != 0;
            finest = u == 0 || units[u].exponent < finest ? units[u].exponent : finest;
            distinct++;
        }
        t->column_units[r] = u;
    }
    if (all_whole) {
        finest = 0;
    }
    else if (blank && finest > 0) {
        finest = 0; /* the blanks' zero is a unit too (exponent 0) */
    }
    if (!all_whole && finest >= 0) {
        return 0; /* (as `column`: a unit below the whole has a negative exponent) */
    }
    int64_t on_grid[MAX_UNITS];
    unsigned char unit_valid[MAX_UNITS];
    for (int u = 0; u < distinct; u++) {
        int made = shifted_to(units[u].coefficient, units[u].exponent - finest, &on_grid[u]);
        unit_valid[u] = made == 1;
        if (made == 2) {
            on_grid[u] = 0;
        }
    }
    for (r = 0; r < n; r++) {
        PyObject *cells = slot_at(t->r[r].row, row_cells);
        if (PyTuple_GET_ITEM(cells, col->index) == Py_None) {
            col->printed[r] = 0;
            col->firsts[r] = col->units[r] = 0;
            col->valid[r] = 1;
            continue;
        }
        int u = t->column_units[r];
        int made = shifted_to(t->column_coefficients[r], t->column_exponents[r] - finest,
                              &col->firsts[r]);
        if (made == 0) {
            return 0; /* not whole on the grid: `column` (and the Python's general grid) */
        }
        if (made != 1) {
            col->firsts[r] = 0; /* (as `entry` reads an int past the bound) */
        }
        col->printed[r] = 1;
        col->valid[r] = made == 1 && unit_valid[u];
        col->units[r] = unit_valid[u] ? on_grid[u] : 0;
    }
    return 1;
}

/* Make column i on its grid (`_Grids.column`): by `column` above where it answers; the
 * printed rows alone where the Python search must run. 0, or -1 on an error. */
static int
make_column(table_state *t, tcol *col)
{
    PyObject *args[3], *index, *made;
    Py_ssize_t r, n = t->nrows;
    col->printed = PyMem_New(unsigned char, n > 0 ? n : 1);
    col->valid = PyMem_New(unsigned char, n > 0 ? n : 1);
    col->firsts = PyMem_New(int64_t, n > 0 ? n : 1);
    col->units = PyMem_New(int64_t, n > 0 ? n : 1);
    if (col->printed == NULL || col->valid == NULL || col->firsts == NULL || col->units == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (column_in_integers(t, col)) {
        col->state = 1;
        return 0;
    }
    index = PyLong_FromSsize_t(col->index);
    if (index == NULL) return -1;
    args[0] = t->rows;
    args[1] = index;
    args[2] = exact_context;
    made = column_of(NULL, args, 3);
    Py_DECREF(index);
    if (made == NULL) return -1;
    if (made == Py_NotImplemented) {
        Py_DECREF(made);
        for (r = 0; r < n; r++) {
            PyObject *cells = PyObject_GetAttr(t->r[r].row, S_cells);
            if (cells == NULL) return -1;
            if (!PyTuple_Check(cells) || col->index < 0 || col->index >= PyTuple_GET_SIZE(cells)) {
                Py_DECREF(cells);
                PyErr_SetString(PyExc_IndexError, "a row's cells do not reach the column");
                return -1;
            }
            col->printed[r] = PyTuple_GET_ITEM(cells, col->index) != Py_None;
            Py_DECREF(cells);
        }
        col->state = 2;
        return 0;
    }
    {
        PyObject *printed = PyTuple_GET_ITEM(made, 0), *firsts = PyTuple_GET_ITEM(made, 1),
                 *units = PyTuple_GET_ITEM(made, 2);
        for (r = 0; r < n; r++) {
            int bad = 0;
            col->printed[r] = PyList_GET_ITEM(printed, r) == Py_True;
            col->firsts[r] = entry(firsts, r, &bad);
            col->units[r] = entry(units, r, &bad);
            col->valid[r] = !bad;
        }
    }
    Py_DECREF(made);
    col->state = 1;
    return 0;
}

#define SEARCH_ERROR -1
#define SEARCH_NONE 0     /* no column to test: the Python search's None */
#define SEARCH_FOUND 1
#define SEARCH_PYTHON 2   /* the Python search answered: *py holds its Best or None */

/* `_search` of the window `items` (n, ascending) of the total k with at most max_minus
 * minus signs, in C where every column the total sums is made here; else by the hook. */
static int
search_window(table_state *t, Py_ssize_t k, const Py_ssize_t *items, int n, int max_minus,
              answer *a, PyObject **py)
{
    Py_ssize_t f, tested = 0;
    int i, row_percent = t->r[k].unit == U_percent;
    for (f = 0; f < t->ncols; f++) {
        tcol *col = &t->c[f];
        column *c = &t->cols[tested];
        int any = 0;
        int64_t added = 0, total_units;
        if (col->percent && !row_percent) continue; /* a % change column does not add */
        if (col->state == 0 && make_column(t, col) < 0) return SEARCH_ERROR;
        if (!col->printed[k]) continue;
        if (col->state == 2) goto python;
        for (i = 0; i < n; i++) any |= col->printed[items[i]];
        if (!any) continue;
        if (!col->valid[k]) goto python;
        total_units = col->units[k];
        c->items = t->values + tested * MAX_ITEMS;
        for (i = 0; i < n; i++) {
            Py_ssize_t j = items[i];
            if (!col->valid[j]) goto python;
            c->items[i] = col->firsts[j];
            added += c->items[i];
            total_units += col->units[j];
        }
        ranged(c, col->firsts[k], added, total_units);
        tested++;
    }
    if (tested == 0) return SEARCH_NONE;
    *a = decide(t->cols, tested, n, max_minus);
    return SEARCH_FOUND;
python:
    {
        PyObject *list = PyList_New(n), *cap;
        if (list == NULL) return SEARCH_ERROR;
        for (i = 0; i < n; i++) {
            PyObject *v = PyLong_FromSsize_t(items[i]);
            if (v == NULL) {
                Py_DECREF(list);
                return SEARCH_ERROR;
            }
            PyList_SET_ITEM(list, i, v);
        }
        cap = PyLong_FromLong(max_minus);
        if (cap == NULL) {
            Py_DECREF(list);
            return SEARCH_ERROR;
        }
        *py = PyObject_CallFunction(t->search, "nOO", k, list, cap);
        Py_DECREF(list);
        Py_DECREF(cap);
        if (*py == NULL) return SEARCH_ERROR;
        return SEARCH_PYTHON;
    }
}

/* A Python Best (signs, holding, tested) as an answer: its minus signs by position. */
static int
answer_of(PyObject *best, int n, answer *a, signed char *minus)
{
    PyObject *signs;
    Py_ssize_t p;
    if (!PyTuple_Check(best) || PyTuple_GET_SIZE(best) != 3) {
        PyErr_SetString(PyExc_TypeError, "a search answers (signs, holding, tested)");
        return -1;
    }
    signs = PyTuple_GET_ITEM(best, 0);
    a->holding = PyLong_AsSsize_t(PyTuple_GET_ITEM(best, 1));
    a->tested = PyLong_AsSsize_t(PyTuple_GET_ITEM(best, 2));
    if ((a->holding == -1 || a->tested == -1) && PyErr_Occurred()) return -1;
    if (!PyTuple_Check(signs) || PyTuple_GET_SIZE(signs) != n) {
        PyErr_SetString(PyExc_TypeError, "a search's signs are one per item");
        return -1;
    }
    for (p = 0; p < n; p++) {
        long v = PyLong_AsLong(PyTuple_GET_ITEM(signs, p));
        if (v == -1 && PyErr_Occurred()) return -1;
        minus[p] = v < 0;
    }
    return 0;
}

/* The items as an ascending list of row numbers. */
static PyObject *
items_list(const Py_ssize_t *items, int n)
{
    PyObject *list = PyList_New(n);
    int i;
    if (list == NULL) return NULL;
    for (i = 0; i < n; i++) {
        PyObject *v = PyLong_FromSsize_t(items[i]);
        if (v == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, v);
    }
    return list;
}

/* truth of pattern_method(text), or -1 on an error */
static int
matches(PyObject *method, PyObject *text)
{
    PyObject *m = PyObject_CallOneArg(method, text);
    int truth;
    if (m == NULL) return -1;
    truth = m != Py_None && PyObject_IsTrue(m);
    Py_DECREF(m);
    return truth;
}

/* truth of method(row.label), or -1 on an error */
static int
label_matches(PyObject *row, PyObject *method)
{
    PyObject *label = PyObject_GetAttr(row, S_label);
    int truth;
    if (label == NULL) return -1;
    truth = matches(method, label);
    Py_DECREF(label);
    return truth;
}

/* `_worded_minus`: the minus items under or labelled `Less`; -1 on an error */
static int
worded_minus(table_state *t, const Py_ssize_t *items, int n, const signed char *minus)
{
    int p, count = 0, truth;
    for (p = 0; p < n; p++) {
        PyObject *row, *section;
        if (!minus[p]) continue;
        row = t->r[items[p]].row;
        truth = label_matches(row, less);
        if (truth < 0) return -1;
        if (!truth) {
            section = PyObject_GetAttr(row, S_section);
            if (section == NULL) return -1;
            if (section == Py_None) {
                Py_DECREF(section);
                section = PyUnicode_FromString("");
                if (section == NULL) return -1;
            }
            truth = matches(less, section);
            Py_DECREF(section);
            if (truth < 0) return -1;
        }
        count += truth;
    }
    return count;
}

/* `_acceptable_failure` */
static int
acceptable_failure(const answer *a, int minus, int n, int rule_closed, int named)
{
    if (a->tested < 2 || a->holding != a->tested - 1 || n < 2) return 0;
    if ((rule_closed || a->holding >= 2) && n <= 6 && minus <= 2) return 1;
    return named && minus == 0;
}

/* whether row k names itself a total (`named` of `_table_sums_python`): -1 on an error */
static int
is_named(table_state *t, Py_ssize_t k)
{
    if (t->r[k].reader_total) return 1;
    return label_matches(t->r[k].row, named_total);
}

/* `closes_a_sum`: -1 on an error */
static int
closes(table_state *t, Py_ssize_t k)
{
    PyObject *concept;
    int truth;
    if (t->r[k].single_above || t->r[k].reader_total) return 1;
    truth = label_matches(t->r[k].row, subtotal_label);
    if (truth != 0) return truth;
    concept = PyObject_GetAttr(t->r[k].row, S_concept);
    if (concept == NULL) return -1;
    truth = PySequence_Contains(subtotal_concepts, concept);
    Py_DECREF(concept);
    return truth;
}

/* `_borne_out(tables, table, k, items, signs, columns)` by the hook: -1 on an error */
static int
borne_out(table_state *t, Py_ssize_t k, const Py_ssize_t *items, int n, const signed char *minus,
          int columns)
{
    PyObject *list = items_list(items, n), *signs, *said;
    int truth;
    if (list == NULL) return -1;
    signs = signs_tuple(minus, n);
    if (signs == NULL) {
        Py_DECREF(list);
        return -1;
    }
    said = PyObject_CallFunction(t->borne_out, "nNNi", k, list, signs, columns);
    if (said == NULL) return -1;
    truth = PyObject_IsTrue(said);
    Py_DECREF(said);
    return truth;
}

/* A window's search as minus signs by position: 1 found, 0 none, -1 on an error. */
static int
searched(table_state *t, Py_ssize_t k, const Py_ssize_t *items, int n, int max_minus, answer *a,
         signed char *minus)
{
    PyObject *py = NULL;
    int p, got = search_window(t, k, items, n, max_minus, a, &py);
    if (got == SEARCH_ERROR) return -1;
    if (got == SEARCH_NONE) return 0;
    if (got == SEARCH_PYTHON) {
        if (py == Py_None) {
            Py_DECREF(py);
            return 0;
        }
        p = answer_of(py, n, a, minus);
        Py_DECREF(py);
        return p < 0 ? -1 : 1;
    }
    for (p = 0; p < n; p++) minus[p] = (signed char)minus_at(a, p);
    return 1;
}

/* The windows of `_windows` as prefixes of `walk` (rows from k upward), their lengths in
 * `ends` (*windows of them), *cut set where the walk stopped at MAX_ITEMS rows rather
 * than at a boundary; returns the walk's length. */
static int
windows_of(table_state *t, Py_ssize_t k, Py_ssize_t *walk, int *ends, int *windows, int *cut)
{
    trow *total = &t->r[k];
    int count = 0;
    Py_ssize_t j = k - 1;
    *windows = 0;
    *cut = 0;
    while (j >= 0) {
        trow *row = &t->r[j];
        if (row->header) {
            if (count) ends[(*windows)++] = count;
            if (row->level < total->level - 1 || row->double_above) return count;
            j -= 1;
            continue;
        }
        if (row->double_below || row->unit != total->unit) break;
        if (count >= MAX_ITEMS) {
            ends[(*windows)++] = count;
            *cut = 1;
            return count;
        }
        walk[count++] = j;
        if (row->single_above || row->double_above) break;
        j = t->jump[j] >= 0 ? t->jump[j] - 1 : j - 1;
    }
    if (count) ends[(*windows)++] = count;
    return count;
}

/* The walk of `_nearest` (at most MAX_NEAREST rows): its windows are its prefixes of 2 rows
 * or more. */
static int
nearest_of(table_state *t, Py_ssize_t k, Py_ssize_t *walk)
{
    trow *total = &t->r[k];
    int count = 0;
    Py_ssize_t j = k - 1;
    while (j >= 0 && count < MAX_NEAREST) {
        trow *row = &t->r[j];
        if (row->header) {
            j -= 1;
            continue;
        }
        if (row->double_below || row->unit != total->unit) break;
        walk[count++] = j;
        j = t->jump[j] >= 0 ? t->jump[j] - 1 : j - 1;
    }
    return count;
}

/* the first n rows of a walk, ascending */
static void
window(const Py_ssize_t *walk, int n, Py_ssize_t *items)
{
    int i;
    for (i = 0; i < n; i++) items[i] = walk[n - 1 - i];
}

/* Read the rows' fields the loop asks of them. 0, or -1 on an error. */
static int
read_rows(table_state *t)
{
    Py_ssize_t r;
    for (r = 0; r < t->nrows; r++) {
        PyObject *row = PyTuple_GET_ITEM(t->rows, r), *kind, *above, *below, *unit, *level;
        trow *tr = &t->r[r];
        tr->row = row;
        kind = PyObject_GetAttr(row, S_kind);
        above = PyObject_GetAttr(row, S_rule_above);
        below = PyObject_GetAttr(row, S_rule_below);
        unit = PyObject_GetAttr(row, S_unit);
        level = PyObject_GetAttr(row, S_level);
        if (kind == NULL || above == NULL || below == NULL || unit == NULL || level == NULL) {
            Py_XDECREF(kind);
            Py_XDECREF(above);
            Py_XDECREF(below);
            Py_XDECREF(unit);
            Py_XDECREF(level);
            return -1;
        }
        tr->header = kind == K_header;
        tr->reader_total = kind == K_subtotal || kind == K_total;
        tr->single_above = above == R_single;
        tr->double_above = above == R_double;
        tr->double_below = below == R_double;
        tr->unit = unit; /* held by the row */
        tr->level = PyLong_AsLong(level);
        Py_DECREF(kind);
        Py_DECREF(above);
        Py_DECREF(below);
        Py_DECREF(unit);
        Py_DECREF(level);
        if (tr->level == -1 && PyErr_Occurred()) return -1;
    }
    return 0;
}

/* One total's sum (the body of `_table_sums_python`'s loop): appends (k, items, signs,
 * rule_closed) or k (cut, `sum-not-checked`) to out. 0, or -1 on an error. */
static int
total_sum(table_state *t, Py_ssize_t k, PyObject *out)
{
    Py_ssize_t walk[MAX_ITEMS + 1], items[MAX_ITEMS + 1], near_walk[MAX_NEAREST];
    Py_ssize_t accepted_items[MAX_ITEMS + 1], fallback_items[MAX_ITEMS + 1];
    signed char minus[MAX_ITEMS + 1], accepted_minus[MAX_ITEMS + 1],
        fallback_minus[MAX_ITEMS + 1];
    int ends[MAX_ITEMS + 2], nwindows, cut, w, n, got, named = -2, accepted = 0, fallback = 0;
    int rule_closed = t->r[k].single_above, accepted_n = 0, fallback_n = 0, i;
    answer a;
    PyObject *entry_list = NULL;
    windows_of(t, k, walk, ends, &nwindows, &cut);
    for (w = 0; w < nwindows; w++) {
        n = ends[w];
        window(walk, n, items);
        got = searched(t, k, items, n, n <= FULL_SEARCH ? n - 1 : 2, &a, minus);
        if (got < 0) return -1;
        if (got == 0) continue;
        if (a.holding == a.tested) {
            memcpy(accepted_items, items, n * sizeof items[0]);
            memcpy(accepted_minus, minus, n);
            accepted_n = n;
            accepted = 1;
            break;
        }
        if (!fallback) {
            int count = 0, ok;
            for (i = 0; i < n; i++) count += minus[i];
            if (named == -2 && a.tested >= 2 && a.holding == a.tested - 1 && n >= 2) {
                named = is_named(t, k);
                if (named < 0) return -1;
            }
            ok = acceptable_failure(&a, count, n, rule_closed, named == 1);
            if (ok) ok = borne_out(t, k, items, n, minus, 1);
            if (ok < 0) return -1;
            if (ok) {
                memcpy(fallback_items, items, n * sizeof items[0]);
                memcpy(fallback_minus, minus, n);
                fallback_n = n;
                fallback = 1;
            }
        }
    }
    if (!accepted) {
        int near = nearest_of(t, k, near_walk);
        for (n = 2; n <= near; n++) {
            int max_minus = n <= FULL_SEARCH ? n - 1 : 2;
            if (max_minus > NEAREST_MINUS) max_minus = NEAREST_MINUS;
            window(near_walk, n, items);
            got = searched(t, k, items, n, max_minus, &a, minus);
            if (got < 0) return -1;
            if (got == 1 && a.holding == a.tested && a.tested >= 2) {
                memcpy(accepted_items, items, n * sizeof items[0]);
                memcpy(accepted_minus, minus, n);
                accepted_n = n;
                accepted = 1;
                break;
            }
            if (!fallback && got == 1 && a.tested >= 2 && a.holding == a.tested - 1) {
                int count = 0, worded, ok;
                for (i = 0; i < n; i++) count += minus[i];
                worded = worded_minus(t, items, n, minus);
                if (worded < 0) return -1;
                if (named == -2) {
                    named = is_named(t, k);
                    if (named < 0) return -1;
                }
                ok = acceptable_failure(&a, count - worded, n, 0, named == 1) &&
                     (named == 1 || a.holding >= BORNE_OUT);
                if (ok) ok = borne_out(t, k, items, n, minus, named == 1 ? 1 : 2);
                if (ok < 0) return -1;
                if (ok) {
                    memcpy(fallback_items, items, n * sizeof items[0]);
                    memcpy(fallback_minus, minus, n);
                    fallback_n = n;
                    fallback = 1;
                }
            }
        }
    }
    if (!accepted && fallback) {
        memcpy(accepted_items, fallback_items, fallback_n * sizeof items[0]);
        memcpy(accepted_minus, fallback_minus, fallback_n);
        accepted_n = fallback_n;
        accepted = 1;
    }
    if (!accepted && rule_closed && nwindows > 0) {
        PyObject *label = PyObject_GetAttr(t->r[k].row, S_label), *first, *claimed;
        int bare;
        if (label == NULL) return -1;
        bare = matches(bare_total, label);
        Py_DECREF(label);
        if (bare < 0) return -1;
        if (bare) {
            window(walk, ends[0], items);
            first = items_list(items, ends[0]);
            if (first == NULL) return -1;
            claimed = PyObject_CallFunction(t->printed_total, "nNO", k, first, t->found);
            if (claimed == NULL) return -1;
            if (claimed != Py_None) {
                /* (items, signs): the items of the first window, all added */
                PyObject *row_k = PyLong_FromSsize_t(k), *made;
                if (row_k == NULL) {
                    Py_DECREF(claimed);
                    return -1;
                }
                made = Py_BuildValue("(NOOO)", row_k, PyTuple_GET_ITEM(claimed, 0),
                                     PyTuple_GET_ITEM(claimed, 1), rule_closed ? Py_True : Py_False);
                if (made == NULL ||
                    PyDict_SetItem(t->found, PyTuple_GET_ITEM(made, 0), PyTuple_GET_ITEM(made, 1)) <
                        0 ||
                    PyList_Append(out, made) < 0) {
                    Py_XDECREF(made);
                    Py_DECREF(claimed);
                    return -1;
                }
                Py_DECREF(made);
                Py_DECREF(claimed);
                t->jump[k] = items[0];
                return 0;
            }
            Py_DECREF(claimed);
        }
    }
    if (accepted) {
        PyObject *made, *signs;
        entry_list = items_list(accepted_items, accepted_n);
        if (entry_list == NULL) return -1;
        signs = signs_tuple(accepted_minus, accepted_n);
        if (signs == NULL) {
            Py_DECREF(entry_list);
            return -1;
        }
        made = Py_BuildValue("(nONO)", k, entry_list, signs, rule_closed ? Py_True : Py_False);
        if (made == NULL ||
            PyDict_SetItem(t->found, PyTuple_GET_ITEM(made, 0), entry_list) < 0 ||
            PyList_Append(out, made) < 0) {
            Py_XDECREF(made);
            Py_DECREF(entry_list);
            return -1;
        }
        Py_DECREF(made);
        Py_DECREF(entry_list);
        t->jump[k] = accepted_items[0];
        return 0;
    }
    if (cut) {
        PyObject *row_k = PyLong_FromSsize_t(k);
        int failed;
        if (row_k == NULL) return -1;
        failed = PyList_Append(out, row_k) < 0;
        Py_DECREF(row_k);
        return failed ? -1 : 0;
    }
    return 0;
}

PyDoc_STRVAR(sums_doc,
             "sums(rows, columns, search, borne_out, printed_total, /)\n"
             "--\n\n"
             "footing._table_sums_python's totals of a table (its rows and columns): a list,\n"
             "in row order, of (k, items, signs, rule_closed) for each sum found and of k for\n"
             "each total whose rows run past the bound. The hooks are the Python search of a\n"
             "window (k, items, max_minus) where a column is not made here, `_borne_out`\n"
             "(k, items, signs, columns) and `_printed_total` (k, items, found).");

static PyObject *
sums(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    table_state t;
    PyObject *columns, *out = NULL;
    Py_ssize_t i, k;
    if (nargs != 5 || !PyTuple_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "sums(rows: tuple, columns: tuple, search, borne_out, printed_total)");
        return NULL;
    }
    if (exact_context == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_footing.configure was not called");
        return NULL;
    }
    memset(&t, 0, sizeof t);
    t.rows = args[0];
    columns = args[1];
    t.search = args[2];
    t.borne_out = args[3];
    t.printed_total = args[4];
    t.nrows = PyTuple_GET_SIZE(t.rows);
    t.ncols = PyTuple_GET_SIZE(columns);
    t.r = PyMem_New(trow, t.nrows > 0 ? t.nrows : 1);
    t.c = PyMem_New(tcol, t.ncols > 0 ? t.ncols : 1);
    t.jump = PyMem_New(Py_ssize_t, t.nrows > 0 ? t.nrows : 1);
    t.cols = PyMem_New(column, t.ncols > 0 ? t.ncols : 1);
    t.values = PyMem_New(int64_t, (t.ncols > 0 ? t.ncols : 1) * MAX_ITEMS);
    t.found = PyDict_New();
    t.column_coefficients = PyMem_New(int64_t, t.nrows > 0 ? t.nrows : 1);
    t.column_exponents = PyMem_New(int, t.nrows > 0 ? t.nrows : 1);
    t.column_units = PyMem_New(int, t.nrows > 0 ? t.nrows : 1);
    if (t.r == NULL || t.c == NULL || t.jump == NULL || t.cols == NULL || t.values == NULL ||
        t.column_coefficients == NULL || t.column_exponents == NULL || t.column_units == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (t.found == NULL) goto done;
    memset(t.c, 0, sizeof(tcol) * (t.ncols > 0 ? t.ncols : 1));
    for (k = 0; k < t.nrows; k++) t.jump[k] = -1;
    for (i = 0; i < t.ncols; i++) {
        PyObject *col = PyTuple_GET_ITEM(columns, i), *index, *unit;
        index = PyObject_GetAttr(col, S_index);
        if (index == NULL) goto done;
        t.c[i].index = PyLong_AsSsize_t(index);
        Py_DECREF(index);
        if (t.c[i].index == -1 && PyErr_Occurred()) goto done;
        unit = PyObject_GetAttr(col, S_unit);
        if (unit == NULL) goto done;
        t.c[i].percent = unit == U_percent;
        Py_DECREF(unit);
    }
    if (read_rows(&t) < 0) goto done;
    out = PyList_New(0);
    if (out == NULL) goto done;
    for (k = 0; k < t.nrows; k++) {
        PyObject *row = t.r[k].row, *figures;
        int truth;
        figures = PyObject_GetAttr(row, S_has_figures);
        if (figures == NULL) goto failed;
        truth = PyObject_IsTrue(figures);
        Py_DECREF(figures);
        if (truth < 0) goto failed;
        if (!truth) continue;
        truth = PySequence_Contains(summable, t.r[k].unit);
        if (truth < 0) goto failed;
        if (!truth) continue;
        truth = closes(&t, k);
        if (truth < 0) goto failed;
        if (!truth) continue;
        if (total_sum(&t, k, out) < 0) goto failed;
    }
    goto done;
failed:
    Py_CLEAR(out);
done:
    free_columns(&t);
    PyMem_Free(t.r);
    PyMem_Free(t.c);
    PyMem_Free(t.jump);
    PyMem_Free(t.cols);
    PyMem_Free(t.values);
    PyMem_Free(t.column_coefficients);
    PyMem_Free(t.column_exponents);
    PyMem_Free(t.column_units);
    Py_XDECREF(t.found);
    return out;
}

PyDoc_STRVAR(column_integers_doc,
             "column_integers(rows, index, /)\n"
             "--\n\n"
             "The column sums makes from its figures' coefficients and exponents, where it\n"
             "does (configure_integers): (printed, firsts, units, valid) lists, an entry of\n"
             "firsts and units 0 where it is not valid (past 2**52); NotImplemented where\n"
             "`column` makes it.");

static PyObject *
column_integers(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyTuple_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "column_integers(rows: tuple, index)");
        return NULL;
    }
    Py_ssize_t index = PyLong_AsSsize_t(args[1]);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    table_state t;
    tcol col;
    memset(&t, 0, sizeof t);
    memset(&col, 0, sizeof col);
    t.rows = args[0];
    t.nrows = PyTuple_GET_SIZE(t.rows);
    Py_ssize_t n = t.nrows > 0 ? t.nrows : 1, r;
    col.index = index;
    t.r = PyMem_New(trow, n);
    t.column_coefficients = PyMem_New(int64_t, n);
    t.column_exponents = PyMem_New(int, n);
    t.column_units = PyMem_New(int, n);
    col.printed = PyMem_New(unsigned char, n);
    col.valid = PyMem_New(unsigned char, n);
    col.firsts = PyMem_New(int64_t, n);
    col.units = PyMem_New(int64_t, n);
    PyObject *out = NULL;
    if (t.r == NULL || t.column_coefficients == NULL || t.column_exponents == NULL ||
        t.column_units == NULL || col.printed == NULL || col.valid == NULL ||
        col.firsts == NULL || col.units == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (r = 0; r < t.nrows; r++) {
        t.r[r].row = PyTuple_GET_ITEM(t.rows, r);
    }
    if (!column_in_integers(&t, &col)) {
        out = Py_NewRef(Py_NotImplemented);
        goto done;
    }
    PyObject *lists[4] = {PyList_New(t.nrows), PyList_New(t.nrows), PyList_New(t.nrows),
                          PyList_New(t.nrows)};
    for (r = 0; r < t.nrows && lists[0] && lists[1] && lists[2] && lists[3]; r++) {
        PyList_SET_ITEM(lists[0], r, PyBool_FromLong(col.printed[r]));
        PyList_SET_ITEM(lists[1], r, PyLong_FromLongLong(col.firsts[r]));
        PyList_SET_ITEM(lists[2], r, PyLong_FromLongLong(col.units[r]));
        PyList_SET_ITEM(lists[3], r, PyBool_FromLong(col.valid[r]));
    }
    if (lists[0] && lists[1] && lists[2] && lists[3]) {
        out = PyTuple_Pack(4, lists[0], lists[1], lists[2], lists[3]);
    }
    for (int i = 0; i < 4; i++) {
        Py_XDECREF(lists[i]);
    }
done:
    PyMem_Free(t.r);
    PyMem_Free(t.column_coefficients);
    PyMem_Free(t.column_exponents);
    PyMem_Free(t.column_units);
    PyMem_Free(col.printed);
    PyMem_Free(col.valid);
    PyMem_Free(col.firsts);
    PyMem_Free(col.units);
    return out;
}

static PyMethodDef methods[] = {
    {"search", (PyCFunction)(void (*)(void))search, METH_FASTCALL, search_doc},
    {"column", (PyCFunction)(void (*)(void))column_of, METH_FASTCALL, column_doc},
    {"sums", (PyCFunction)(void (*)(void))sums, METH_FASTCALL, sums_doc},
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL, configure_doc},
    {"configure_integers", (PyCFunction)(void (*)(void))configure_integers, METH_FASTCALL,
     configure_integers_doc},
    {"column_integers", (PyCFunction)(void (*)(void))column_integers, METH_FASTCALL,
     column_integers_doc},
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
        {&S_value, "value"},     {&S_precision, "precision"}, {&S_label, "label"},
        {&S_section, "section"}, {&S_concept, "concept"},   {&S_kind, "kind"},
        {&S_rule_above, "rule_above"}, {&S_rule_below, "rule_below"}, {&S_unit, "unit"},
        {&S_level, "level"},     {&S_has_figures, "has_figures"}, {&S_index, "index"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    return PyModule_Create(&module);
}
