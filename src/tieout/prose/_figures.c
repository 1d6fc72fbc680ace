/* The figures' matches in a sentence: prose/numbers.py's _matches_python, compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): this gives the very same tuples for every text. Python runs five regular
 * expressions over a sentence (money, cents, percents, bare per-share amounts, share
 * counts), a sieve before them, and for each match a call for its range, its parentheses
 * and the per-share words after it; here each pattern is one pass of C over the sentence's
 * characters, trying a match at each place as re's finditer does (resuming after a match).
 *
 * The matchers follow re's rules for a str pattern with IGNORECASE, character by
 * character: \d is a decimal digit (Py_UNICODE_ISDECIMAL), \s a space (Py_UNICODE_ISSPACE),
 * \w a letter, digit or "_" (Py_UNICODE_ISALNUM), \b a change between them; a letter of the
 * patterns matches each character whose lowercase (Py_UNICODE_TOLOWER) it is, and "i" and
 * "s" also the dotless i and the long s (re's case fixes); symbols ("$", "¢", the dashes)
 * only themselves. Where re would backtrack, the only tries that can succeed are taken:
 * a number's alternatives are each tried at their longest (a shorter one is followed by a
 * digit, a comma or a point, with which no pattern's rest begins), and a run of spaces is
 * taken whole (fewer leave a space where a word or digit must be).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_DIGITS 18 /* figures.MAX_DIGITS: a longer number is left unread */
#define NEAR 40       /* numbers._NEAR: how far around a figure its parentheses may stand */

enum { MONEY, CENTS, PERCENT, BARE, SHARES };

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

static inline Py_UCS4
ch_at(const Text *t, Py_ssize_t i)
{
    return PyUnicode_READ(t->kind, t->data, i);
}

static inline int
is(const Text *t, Py_ssize_t i, Py_UCS4 c)
{
    return i >= 0 && i < t->n && ch_at(t, i) == c;
}

/* re's \s, \d and \w of a str pattern; an ASCII character answered at once */
static inline int
space_char(Py_UCS4 c)
{
    return c < 128 ? (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
                   : Py_UNICODE_ISSPACE(c);
}

static inline int
digit_char(Py_UCS4 c)
{
    return c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c);
}

static inline int
word_char(Py_UCS4 c)
{
    if (c < 128) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
    }
    return Py_UNICODE_ISALNUM(c);
}

static inline int
space_at(const Text *t, Py_ssize_t i)
{
    return i < t->n && space_char(ch_at(t, i));
}

static inline int
digit_at(const Text *t, Py_ssize_t i)
{
    return i < t->n && digit_char(ch_at(t, i));
}

static inline int
word_at(const Text *t, Py_ssize_t i)
{
    return i >= 0 && i < t->n && word_char(ch_at(t, i));
}

/* \b */
static inline int
boundary(const Text *t, Py_ssize_t i)
{
    return word_at(t, i - 1) != word_at(t, i);
}

/* One character of a pattern at i, case ignored: `c` a lowercase ASCII letter or a symbol. */
static inline int
same(const Text *t, Py_ssize_t i, char c)
{
    if (i >= t->n) {
        return 0;
    }
    Py_UCS4 ch = ch_at(t, i);
    if (ch == (Py_UCS4)(unsigned char)c) {
        return 1;
    }
    if (c < 'a' || c > 'z') {
        return 0;
    }
    Py_UCS4 low = Py_UNICODE_TOLOWER(ch);
    return low == (Py_UCS4)c || (c == 'i' && low == 0x131) || (c == 's' && low == 0x17f);
}

/* The end of the word `w` (as `same` reads it) at i, or -1. */
static Py_ssize_t
word(const Text *t, Py_ssize_t i, const char *w)
{
    for (; *w; w++, i++) {
        if (!same(t, i, *w)) {
            return -1;
        }
    }
    return i;
}

static inline Py_ssize_t
spaces(const Text *t, Py_ssize_t i)
{
    while (space_at(t, i)) {
        i++;
    }
    return i;
}

/* `w\s+`: where the spaces after the word end, or -1. */
static Py_ssize_t
word_spaced(const Text *t, Py_ssize_t i, const char *w)
{
    Py_ssize_t e = i < 0 ? -1 : word(t, i, w);
    return e < 0 || !space_at(t, e) ? -1 : spaces(t, e);
}

/* `w\b`: the word's end when a boundary follows it, or -1. */
static Py_ssize_t
whole(const Text *t, Py_ssize_t i, const char *w)
{
    Py_ssize_t e = word(t, i, w);
    return e >= 0 && boundary(t, e) ? e : -1;
}

/* (?:\.\d+)? at its longest */
static Py_ssize_t
fraction(const Text *t, Py_ssize_t q)
{
    if (is(t, q, '.') && digit_at(t, q + 1)) {
        q += 2;
        while (digit_at(t, q)) {
            q++;
        }
    }
    return q;
}

/* _NUM's alternatives at i, in re's order, each at its longest: its end, or -1.
 * \d{1,3}(?:,\d{3})+(?:\.\d+)? | \d+(?:\.\d+)? | \.\d+ */
static void
number(const Text *t, Py_ssize_t i, Py_ssize_t ends[3])
{
    ends[0] = ends[1] = ends[2] = -1;
    Py_ssize_t d = i;
    while (digit_at(t, d)) {
        d++;
    }
    if (d > i && d - i <= 3) { /* fewer than the run's digits leave a digit, not a comma */
        Py_ssize_t q = d;
        while (is(t, q, ',') && digit_at(t, q + 1) && digit_at(t, q + 2) && digit_at(t, q + 3)) {
            q += 4;
        }
        if (q > d) {
            ends[0] = fraction(t, q);
        }
    }
    if (d > i) {
        ends[1] = fraction(t, d);
    }
    else if (is(t, i, '.') && digit_at(t, i + 1)) {
        Py_ssize_t q = i + 2;
        while (digit_at(t, q)) {
            q++;
        }
        ends[2] = q;
    }
}

/* (?<![\w.$,]) at i; `money` for (?<![\w.]) */
static inline int
free_before(const Text *t, Py_ssize_t i, int money)
{
    if (i == 0) {
        return 1;
    }
    Py_UCS4 b = ch_at(t, i - 1);
    return !(word_char(b) || b == '.' || (!money && (b == '$' || b == ',')));
}

/* What a match gives: the match's span, its number's and scale's, its minus. */
typedef struct {
    Py_ssize_t start, end, num, num_end, scale, scale_end;
    int minus;
} Found;

/* _SCALE's group at q, (?:\s*(thousand|million|billion|trillion|mil\.?|mm|bn|[mbk])\b)?:
 * its end, the scale word's start in *at; -1 when it does not match. */
static Py_ssize_t
money_scale(const Text *t, Py_ssize_t q, Py_ssize_t *at)
{
    static const char *words[] = {"thousand", "million", "billion", "trillion"};
    Py_ssize_t r = spaces(t, q), e;
    *at = r;
    for (int k = 0; k < 4; k++) {
        if ((e = whole(t, r, words[k])) >= 0) {
            return e;
        }
    }
    if ((e = word(t, r, "mil")) >= 0) {
        if (is(t, e, '.') && boundary(t, e + 1)) {
            return e + 1;
        }
        if (boundary(t, e)) {
            return e;
        }
    }
    if ((e = whole(t, r, "mm")) >= 0 || (e = whole(t, r, "bn")) >= 0) {
        return e;
    }
    if ((same(t, r, 'm') || same(t, r, 'b') || same(t, r, 'k')) && boundary(t, r + 1)) {
        return r + 1;
    }
    return -1;
}

/* numbers._MONEY at i */
static int
money_at(const Text *t, Py_ssize_t i, Found *f)
{
    if (!free_before(t, i, 1)) {
        return 0;
    }
    Py_ssize_t p;
    if (is(t, i, '$')) {
        p = i + 1;
    }
    else if (same(t, i, 'u') && same(t, i + 1, 's') && is(t, i + 2, '$')) {
        p = i + 3;
    }
    else {
        return 0;
    }
    if (space_at(t, p)) {
        p++;
    }
    f->minus = 0;
    if (is(t, p, '-')) { /* -\s? */
        p++;
        if (space_at(t, p)) {
            p++;
        }
        f->minus = 1;
    }
    else if (is(t, p, '(')) { /* \((?=[\d.,]+\)) */
        Py_ssize_t q = p + 1;
        while (digit_at(t, q) || is(t, q, '.') || is(t, q, ',')) {
            q++;
        }
        if (q > p + 1 && is(t, q, ')')) {
            p++;
            f->minus = 1;
        }
    }
    Py_ssize_t ends[3], e = -1;
    number(t, p, ends);
    for (int k = 0; k < 3 && e < 0; k++) {
        e = ends[k]; /* nothing after the number can fail: its first alternative */
    }
    if (e < 0) {
        return 0;
    }
    f->start = i;
    f->num = p;
    f->num_end = e;
    if (is(t, e, ')')) {
        e++;
    }
    Py_ssize_t at, scaled = money_scale(t, e, &at);
    if (scaled >= 0) {
        f->scale = at;
        f->scale_end = e = scaled;
    }
    else {
        f->scale = f->scale_end = -1;
    }
    f->end = e;
    return 1;
}

/* The end of \s*(?:cents?\b|¢) at q, or -1. */
static Py_ssize_t
cents_rest(const Text *t, Py_ssize_t q)
{
    Py_ssize_t r = spaces(t, q), e = word(t, r, "cent");
    if (e >= 0) {
        if (same(t, e, 's') && boundary(t, e + 1)) {
            return e + 1;
        }
        if (boundary(t, e)) {
            return e;
        }
    }
    return is(t, r, 0xA2) ? r + 1 : -1;
}

/* The end of \s*(?:%|percent\b|per\s+cent\b|pct\b) at q, or -1. */
static Py_ssize_t
percent_rest(const Text *t, Py_ssize_t q)
{
    Py_ssize_t r = spaces(t, q), e;
    if (is(t, r, '%')) {
        return r + 1;
    }
    if ((e = whole(t, r, "percent")) >= 0) {
        return e;
    }
    if ((e = word_spaced(t, r, "per")) >= 0 && (e = whole(t, e, "cent")) >= 0) {
        return e;
    }
    return whole(t, r, "pct");
}

/* The end of \s+(?:(?:weighted|...|ordinary)\s+){0,4}shares\b at p, or -1. */
static Py_ssize_t
shares_rest(const Text *t, Py_ssize_t p)
{
    static const char *words[] = {"weighted",  "average",     "common",  "equivalent",
                                  "diluted",   "basic",       "outstanding", "ordinary"};
    if (!space_at(t, p)) {
        return -1;
    }
    p = spaces(t, p);
    for (int n = 0; n < 4; n++) {
        Py_ssize_t e = -1;
        for (int k = 0; k < 8 && e < 0; k++) {
            e = word_spaced(t, p, words[k]);
        }
        if (e < 0) {
            break;
        }
        p = e;
    }
    return whole(t, p, "shares");
}

/* A number at p and what must follow it (`rest`, from the number's end): the first of the
 * number's alternatives that it follows. */
static int
number_then(const Text *t, Py_ssize_t p, Py_ssize_t (*rest)(const Text *, Py_ssize_t),
            Found *f)
{
    Py_ssize_t ends[3];
    number(t, p, ends);
    for (int k = 0; k < 3; k++) {
        Py_ssize_t e;
        if (ends[k] >= 0 && (e = rest(t, ends[k])) >= 0) {
            f->num = p;
            f->num_end = ends[k];
            f->end = e;
            return 1;
        }
    }
    return 0;
}

/* numbers._CENTS at i */
static int
cents_at(const Text *t, Py_ssize_t i, Found *f)
{
    if (!free_before(t, i, 0) || !number_then(t, i, cents_rest, f)) {
        return 0;
    }
    f->start = i;
    f->minus = 0;
    f->scale = f->scale_end = -1;
    return 1;
}

/* numbers._PERCENT at i */
static int
percent_at(const Text *t, Py_ssize_t i, Found *f)
{
    if (!free_before(t, i, 0)) {
        return 0;
    }
    Py_ssize_t p = i;
    f->minus = 0;
    if (is(t, i, '-') || is(t, i, 0x2013) || is(t, i, 0x2212)) {
        p++; /* without the minus, the number would begin at it: none */
        f->minus = 1;
    }
    if (!number_then(t, p, percent_rest, f)) {
        return 0;
    }
    f->start = i;
    f->scale = f->scale_end = -1;
    return 1;
}

/* numbers._SHARES at i: its scale words if what follows them is a share count's, else
 * without them. */
static int
shares_at(const Text *t, Py_ssize_t i, Found *f)
{
    if (!free_before(t, i, 0)) {
        return 0;
    }
    static const char *words[] = {"thousand", "million", "billion"};
    Py_ssize_t ends[3];
    number(t, i, ends);
    for (int k = 0; k < 3; k++) {
        Py_ssize_t q = ends[k], e;
        if (q < 0) {
            continue;
        }
        Py_ssize_t r = spaces(t, q);
        for (int w = 0; w < 3; w++) {
            Py_ssize_t s = whole(t, r, words[w]);
            if (s >= 0 && (e = shares_rest(t, s)) >= 0) {
                f->scale = r;
                f->scale_end = s;
                goto found;
            }
        }
        if ((e = shares_rest(t, q)) >= 0) {
            f->scale = f->scale_end = -1;
            goto found;
        }
        continue;
    found:
        f->start = i;
        f->num = i;
        f->num_end = q;
        f->end = e;
        f->minus = 0;
        return 1;
    }
    return 0;
}

/* per_share.BARE_PER_SHARE at i: (?<![\w.$,])(\d+\.\d{2})(?=\s+per\s+(?:\w+\s+){0,3}share\b) */
static int
bare_at(const Text *t, Py_ssize_t i, Found *f)
{
    if (!free_before(t, i, 0)) {
        return 0;
    }
    Py_ssize_t d = i;
    while (digit_at(t, d)) {
        d++;
    }
    if (d == i || !is(t, d, '.') || !digit_at(t, d + 1) || !digit_at(t, d + 2)) {
        return 0;
    }
    Py_ssize_t e = d + 3;
    if (!space_at(t, e)) {
        return 0;
    }
    Py_ssize_t p = word_spaced(t, spaces(t, e), "per");
    /* each of the words between takes its whole run and the spaces after it */
    for (int n = 0; p >= 0; n++) {
        if (whole(t, p, "share") >= 0) {
            f->start = f->num = i;
            f->end = f->num_end = e;
            f->scale = f->scale_end = -1;
            f->minus = 0;
            return 1;
        }
        if (n == 3 || !word_at(t, p)) {
            break;
        }
        while (word_at(t, p)) {
            p++;
        }
        p = space_at(t, p) ? spaces(t, p) : -1;
    }
    return 0;
}

/* per_share.PER_SHARE_AFTER matched at x: its end, or -1.
 * \s*(?:per|a)\s+(?:basic\s+and\s+diluted\s+|diluted\s+|basic\s+|fully[\s-]diluted\s+)?
 * (?:common\s+|ordinary\s+)?share\b */
static Py_ssize_t
per_share_after(const Text *t, Py_ssize_t x)
{
    Py_ssize_t p = spaces(t, x), q = word(t, p, "per");
    if (q < 0) {
        q = word(t, p, "a");
    }
    if (q < 0 || !space_at(t, q)) {
        return -1;
    }
    p = spaces(t, q);
    Py_ssize_t options[5], fully = word(t, p, "fully");
    options[0] = word_spaced(t, word_spaced(t, word_spaced(t, p, "basic"), "and"), "diluted");
    options[1] = word_spaced(t, p, "diluted");
    options[2] = word_spaced(t, p, "basic");
    options[3] = fully >= 0 && (space_at(t, fully) || is(t, fully, '-'))
                     ? word_spaced(t, fully + 1, "diluted")
                     : -1;
    options[4] = p;
    for (int k = 0; k < 5; k++) {
        Py_ssize_t a = options[k];
        if (a < 0) {
            continue;
        }
        Py_ssize_t seconds[3] = {word_spaced(t, a, "common"), word_spaced(t, a, "ordinary"), a};
        for (int j = 0; j < 3; j++) {
            Py_ssize_t e;
            if (seconds[j] >= 0 && (e = whole(t, seconds[j], "share")) >= 0) {
                return e;
            }
        }
    }
    return -1;
}

/* numbers._parenthesised: the span widened to the parentheses around it, if both are near. */
static void
parenthesised(const Text *t, Found *f)
{
    Py_ssize_t lead = f->start > NEAR ? f->start - NEAR : 0, b = f->start;
    while (b > lead && space_at(t, b - 1)) {
        b--;
    }
    if (!(b > lead && is(t, b - 1, '('))) {
        return;
    }
    Py_ssize_t limit = f->end + NEAR < t->n ? f->end + NEAR : t->n, a = f->end;
    while (a < limit && space_at(t, a)) {
        a++;
    }
    if (a < limit && is(t, a, ')')) {
        f->start = b - 1;
        f->end = a + 1;
        f->minus = 1;
    }
}

/* numbers._in_range: a number of at most MAX_DIGITS characters, or of at most MAX_DIGITS
 * digits before its point once its commas and leading zeros are set aside. */
static int
in_range(const Text *t, const Found *f)
{
    if (f->num_end - f->num <= MAX_DIGITS) {
        return 1;
    }
    Py_ssize_t count = 0;
    int leading = 1;
    for (Py_ssize_t i = f->num; i < f->num_end; i++) {
        Py_UCS4 c = ch_at(t, i);
        if (c == '.') {
            break;
        }
        if (c == ',' || (leading && c == '0')) {
            continue;
        }
        leading = 0;
        count++;
    }
    return count <= MAX_DIGITS;
}

static PyObject *
position(Py_ssize_t at)
{
    return at < 0 ? Py_NewRef(Py_None) : PyLong_FromSsize_t(at);
}

/* Append (kind, start, end, num, scale, negative, after) to out; -1 on an error. */
static int
emit(PyObject *text, PyObject *out, int kind, const Found *f, Py_ssize_t after)
{
    PyObject *item = PyTuple_New(7);
    if (item == NULL) {
        return -1;
    }
    PyTuple_SET_ITEM(item, 0, PyLong_FromLong(kind));
    PyTuple_SET_ITEM(item, 1, PyLong_FromSsize_t(f->start));
    PyTuple_SET_ITEM(item, 2, PyLong_FromSsize_t(f->end));
    PyTuple_SET_ITEM(item, 3, PyUnicode_Substring(text, f->num, f->num_end));
    PyTuple_SET_ITEM(item, 4,
                     f->scale < 0 ? Py_NewRef(Py_None)
                                  : PyUnicode_Substring(text, f->scale, f->scale_end));
    PyTuple_SET_ITEM(item, 5, Py_NewRef(f->minus ? Py_True : Py_False));
    PyTuple_SET_ITEM(item, 6, position(after));
    for (Py_ssize_t k = 0; k < 7; k++) {
        if (PyTuple_GET_ITEM(item, k) == NULL) {
            Py_DECREF(item);
            return -1;
        }
    }
    int failed = PyList_Append(out, item);
    Py_DECREF(item);
    return failed;
}

typedef int (*Matcher)(const Text *, Py_ssize_t, Found *);

/* Whether a match of the kind may begin at i: money at "$" or a "u", the others at a
 * digit or a point (a percent at its minus too); most places are passed here. */
static inline int
may_begin(const Text *t, Py_ssize_t i, int kind)
{
    Py_UCS4 c = ch_at(t, i);
    if (kind == MONEY) {
        return c == '$' || (c | 0x20) == 'u' || (c >= 128 && Py_UNICODE_TOLOWER(c) == 'u');
    }
    if (kind == PERCENT && (c == '-' || c == 0x2013 || c == 0x2212)) {
        return 1;
    }
    return c == '.' || digit_char(c);
}

PyDoc_STRVAR(scan_doc,
             "scan(text)\n--\n\n"
             "The figures' matches in a sentence, as numbers._matches_python gives them.");

static PyObject *
scan(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a str");
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    static const Matcher matchers[] = {money_at, cents_at, percent_at, bare_at, shares_at};
    /* Where the first digit and the first "$" stand, in one pass. Every match holds a
     * number, and every number a digit (\d): a text without one has no match (half the
     * sentences; numbers.figures asked a pattern of it first). A match of money holds its
     * "$", at most two characters ("US") after the match begins; any other begins at most
     * two characters before its first digit (a minus, then a point): no match begins
     * before those places, so each pattern's pass starts there. */
    Py_ssize_t digit = -1, dollar = -1;
    for (Py_ssize_t i = 0; i < t.n && digit < 0; i++) {
        Py_UCS4 c = ch_at(&t, i);
        if (digit_char(c)) {
            digit = i;
        }
        else if (c == '$' && dollar < 0) {
            dollar = i;
        }
    }
    PyObject *out = PyList_New(0);
    if (out == NULL || digit < 0) {
        return out;
    }
    if (dollar < 0) { /* the first "$" after the first digit, if any */
        for (Py_ssize_t i = digit + 1; i < t.n; i++) {
            if (ch_at(&t, i) == '$') {
                dollar = i;
                break;
            }
        }
    }
    for (int kind = MONEY; kind <= SHARES; kind++) {
        Py_ssize_t i = kind == MONEY ? dollar : digit;
        if (i < 0) {
            continue; /* no "$": no money */
        }
        i = i < 2 ? 0 : i - 2;
        while (i < t.n) {
            Found f;
            if (!may_begin(&t, i, kind) || !matchers[kind](&t, i, &f)) {
                i++;
                continue;
            }
            i = f.end; /* finditer goes on from the match's end */
            if (!in_range(&t, &f)) {
                continue;
            }
            Py_ssize_t after = -1;
            if (kind == MONEY) {
                parenthesised(&t, &f);
                after = per_share_after(&t, f.end);
            }
            else if (kind == CENTS || kind == BARE) {
                after = per_share_after(&t, f.end);
                if (kind == BARE && after < 0) {
                    continue;
                }
            }
            if (emit(text, out, kind, &f, after) < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
    }
    return out;
}

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)scan, METH_O, scan_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.prose._figures",
    "The figures' matches in a sentence, compiled from _figures.c "
    "(numbers._matches_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__figures(void)
{
    return PyModule_Create(&module_def);
}
