/* A Decimal's coefficient and exponent read from the object's own memory, for the compiled
 * checks that decide in integers what the Decimal path decides (checks/_judge.c's percent
 * changes, checks/_footing.c's columns): a figure of a few digits is an int and an
 * exponent, and reading them costs no call into the Decimal type.
 *
 * The layout read is CPython's _decimal (PyDecObject: the object's head, its hash, then
 * libmpdec's mpd_t in its 64-bit configuration, whose small coefficients are held inline
 * just past it). `decimals_confirm` checks it on known Decimals, the inline pointer first,
 * before anything is read through it; where it differs nothing is read, and every figure
 * is left to the Decimal path (`decimal_parts` answers 0). */
#ifndef TIEOUT_DECIMALS_H
#define TIEOUT_DECIMALS_H

#include <Python.h>
#include <stdint.h>

typedef struct { /* libmpdec's mpd_t (64-bit configuration) */
    uint8_t flags;
    Py_ssize_t exp, digits, len, alloc;
    uint64_t *data;
} MpdView;

typedef struct { /* _decimal's PyDecObject, up to its inline digits */
    PyObject_HEAD
    Py_hash_t hash;
    MpdView dec;
} DecimalView;

enum { MPD_NEGATIVE = 1, MPD_SPECIALS = 2 | 4 | 8 }; /* MPD_NEG; MPD_INF, MPD_NAN, MPD_SNAN */

#define COEFFICIENT_BOUND 1000000000000000000LL /* 10**18: at most 18 digits */
#define EXPONENT_BOUND 30

static PyTypeObject *decimal_type = NULL; /* NULL: the layout not confirmed, nothing read */

static const int64_t TENS[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL,
    1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL,
    100000000000000LL, 1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL,
};

/* a finite Decimal (of the class confirmed, not a subclass) of at most 18 digits and an
 * exponent within EXPONENT_BOUND as coefficient * 10**exponent: 1, else 0 */
static inline int
decimal_parts(PyObject *d, int64_t *coefficient, int *exponent)
{
    if (decimal_type == NULL || !Py_IS_TYPE(d, decimal_type)) {
        return 0;
    }
    const MpdView *m = &((DecimalView *)d)->dec;
    if ((m->flags & MPD_SPECIALS) || m->len != 1 || m->data[0] >= COEFFICIENT_BOUND ||
        m->exp < -EXPONENT_BOUND || m->exp > EXPONENT_BOUND) {
        return 0;
    }
    *coefficient = (m->flags & MPD_NEGATIVE) ? -(int64_t)m->data[0] : (int64_t)m->data[0];
    *exponent = (int)m->exp;
    return 1;
}

/* whether a Decimal made from text reads as (flags, exponent, length, first digits):
 * 1, 0, or -1 with the error set */
static int
decimal_reads_as(PyObject *type, const char *text, int flags, Py_ssize_t exponent,
                 Py_ssize_t length, uint64_t first)
{
    PyObject *d = PyObject_CallFunction(type, "s", text);
    if (d == NULL) {
        return -1;
    }
    const MpdView *m = &((DecimalView *)d)->dec;
    /* a small Decimal's digits are held inline, just past its mpd_t: the pointer says
     * whether the layout is the one read, before anything is read through it */
    int same = Py_IS_TYPE(d, (PyTypeObject *)type) &&
               Py_TYPE(d)->tp_basicsize >=
                   (Py_ssize_t)(sizeof(DecimalView) + 4 * sizeof(uint64_t)) &&
               m->data == (uint64_t *)((char *)d + sizeof(DecimalView)) &&
               (m->flags & (MPD_NEGATIVE | MPD_SPECIALS)) == flags;
    if (same && !(flags & MPD_SPECIALS)) {
        same = m->exp == exponent && m->len == length && m->data[0] == first;
    }
    Py_DECREF(d);
    return same;
}

/* hold type (decimal.Decimal) as decimal_type where its layout is the one read, else
 * NULL: 1 confirmed, 0 not, -1 with the error set */
static int
decimals_confirm(PyObject *type)
{
    static const struct {
        const char *text;
        int flags;
        Py_ssize_t exponent, length;
        uint64_t first;
    } known[] = {
        {"-12.345", MPD_NEGATIVE, -3, 1, 12345},
        {"0", 0, 0, 1, 0},
        {"1E+5", 0, 5, 1, 1},
        {"999999999999999999", 0, 0, 1, 999999999999999999ULL},
        {"-10000000000000000000.0", MPD_NEGATIVE, -1, 2, 0},
        {"NaN", 4, 0, 0, 0},
        {"-Infinity", MPD_NEGATIVE | 2, 0, 0, 0},
    };
    int confirmed = PyType_Check(type);
    for (size_t i = 0; confirmed == 1 && i < sizeof known / sizeof known[0]; i++) {
        confirmed = decimal_reads_as(type, known[i].text, known[i].flags, known[i].exponent,
                                     known[i].length, known[i].first);
    }
    if (confirmed < 0) {
        return -1;
    }
    Py_XSETREF(decimal_type, confirmed ? (PyTypeObject *)Py_NewRef(type) : NULL);
    return confirmed;
}

#endif
