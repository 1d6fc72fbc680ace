/* The runs of text of a fixed-width line, and the line read from them: readers/text/
 * lines.py's _runs_python and _read_line_python, compiled (read_line: below the runs);
 * and a row's draft, readers/text/tables.py's _row_draft_python (row_draft: below).
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): every match of lines._CHUNK in the line, as (start, end, text), in order.
 * This gives the very same list for any str, of any kind, without a match object and three
 * method calls per run: the text reader asks it of every distinct line of a document, and
 * the regular expression and the tuples it made were 1.8 us of a line's 4.3.
 *
 * _CHUNK is \S+(?: (?!\$)\S+|(?<![\d)%]) \$\S*)*: a run is non-space characters, then
 * as long as a single space follows, either more non-space characters (not a "$": a "$"
 * one space after a figure opens a new run) or, after a character that is not a digit,
 * ")" or "%", " $" and the non-space characters after it. The two branches never both
 * apply (the first needs a character after the space that is not "$", the second a "$"),
 * each takes every non-space character it can, and nothing follows the loop, so the match
 * is the one the loop below finds. \s and \d are the regular expression's own (Unicode)
 * classes: Py_UNICODE_ISSPACE and Py_UNICODE_ISDECIMAL, which _sre itself calls. A match
 * ends at a space or the line's end; the next begins at the next non-space character.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "../html/_record.h" /* the records made as the Python code makes them */

/* what a character of one byte (Latin-1) is to walk_line and the runs, one lookup for the
 * several tests a character is asked: filled once by the module's init from
 * Py_UNICODE_ISSPACE itself, so the table and the tests it stands for cannot differ */
enum {
    C_SPACE = 1,      /* Py_UNICODE_ISSPACE */
    C_RULE = 2,       /* "-", "=" or "_" */
    C_STOP = 4,       /* "<" or a tab: the walk stops */
    C_PERIOD = 8,     /* "." */
    C_UNDERSCORE = 16, /* "_" */
    C_JOIN = 32        /* "$", ")" or "%": a run may be joined to its neighbour */
};
static unsigned char byte_class[256];

static void
fill_byte_class(void)
{
    for (int c = 0; c < 256; c++) {
        byte_class[c] = (unsigned char)((Py_UNICODE_ISSPACE((Py_UCS4)c) ? C_SPACE : 0) |
                                        (c == '-' || c == '=' || c == '_' ? C_RULE : 0) |
                                        (c == '<' || c == '\t' ? C_STOP : 0) |
                                        (c == '.' ? C_PERIOD : 0) | (c == '_' ? C_UNDERSCORE : 0) |
                                        (c == '$' || c == ')' || c == '%' ? C_JOIN : 0));
    }
}

/* one run as (start, end, text) appended to out: 0, or -1 with the error set */
static int
add_run(PyObject *out, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *run = PyTuple_New(3);
    if (run == NULL) {
        return -1;
    }
    PyObject *a = PyLong_FromSsize_t(start);
    PyObject *b = PyLong_FromSsize_t(end);
    PyObject *s = PyUnicode_Substring(text, start, end);
    if (a == NULL || b == NULL || s == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_XDECREF(s);
        Py_DECREF(run);
        return -1;
    }
    PyTuple_SET_ITEM(run, 0, a);
    PyTuple_SET_ITEM(run, 1, b);
    PyTuple_SET_ITEM(run, 2, s);
    int rc = PyList_Append(out, run);
    Py_DECREF(run);
    return rc;
}

PyDoc_STRVAR(runs_doc,
             "runs(text, /)\n"
             "--\n\n"
             "lines._runs_python: every match of _CHUNK in the text (runs of non-space "
             "characters joined by single spaces, a \"$\" one space after a figure opening "
             "a new run), as (start, end, text), in order.");

/* the runs of the str's characters (of `kind`: inlined where it is the constant 1 as well,
 * each character's space test one lookup of byte_class), as runs() gives them: a new list,
 * or NULL with the error set */
static inline PyObject *
scan_kind(PyObject *text, const int kind, const void *data, const Py_ssize_t n)
{
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
#define AT(k) PyUnicode_READ(kind, data, (k))
#define SPACE(k)                                                                               \
    (kind == PyUnicode_1BYTE_KIND ? (byte_class[((const Py_UCS1 *)data)[k]] & C_SPACE) != 0 \
                                  : Py_UNICODE_ISSPACE(AT(k)))
    Py_ssize_t i = 0;
    for (;;) {
        while (i < n && SPACE(i)) {
            i++;
        }
        if (i >= n) {
            break;
        }
        const Py_ssize_t start = i;
        while (i < n && !SPACE(i)) { /* \S+ */
            i++;
        }
        /* each turn: i is at a space or the end, after a non-space character */
        while (i + 1 < n && AT(i) == ' ' && !SPACE(i + 1)) {
            const Py_UCS4 next = AT(i + 1);
            if (next != '$') { /* " (?!\$)\S+" */
                i += 2;
            }
            else {
                const Py_UCS4 before = AT(i - 1);
                if (Py_UNICODE_ISDECIMAL(before) || before == ')' || before == '%') {
                    break; /* "(?<![\d)%]) \$": not after a digit, ")" or "%" */
                }
                i += 2; /* " \$", then \S* */
            }
            while (i < n && !SPACE(i)) {
                i++;
            }
        }
        if (add_run(out, text, start, i) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
#undef SPACE
#undef AT
    return out;
}

/* the runs of a ready str, as runs() gives them: a new list, or NULL with the error set */
static PyObject *
scan_runs(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        return scan_kind(text, PyUnicode_1BYTE_KIND, data, n);
    }
    return scan_kind(text, kind, data, n);
}

static PyObject *
runs(PyObject *Py_UNUSED(module), PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "runs() takes a str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    return scan_runs(text);
}


/* ---- read_line: lines._read_line_python, compiled ----
 *
 * A line read into its TextLine: blank, or its runs read (the runs above) with a lone "$"
 * joined to the run after it and a lone ")", "%" or ")%" to the figure before it; from
 * the right, the figures (each run asked of the lookup `figure`, lines._figure: (Figure,
 * digits' first, digits' end, is a year) or None) and the footnote marks among them; the
 * runs left of them the label, joined by single spaces; whether the figures are years
 * alone; whether a line of one run and no figure is running text. EDGAR's markup alone on
 * an ASCII line (_MARKUP) and a rule (rule characters and whitespace alone, with a run of
 * three: _RULE_CHARS_ONLY and _RULE_RUN) are read here too, without their patterns. The
 * lines it hands back (None) for the specification to read are the ones that need a
 * regular expression or a record of another shape: any other line holding a tag or a tab
 * (clean() blanks EDGAR's column tags), rule characters alone with no run of three, a
 * leader ("___", or three periods two of them at most one whitespace apart: _LEADER
 * blanks it), a last run of rule characters alone (_RULE_ONLY: a label over a rule), and a
 * run that is not a figure, left of figures, holding a "$" (a label run into a figure,
 * _TOUCHING_DOLLAR). A record is made as tuple.__new__(TextLine, ...) makes it: the tuple
 * subclass's own allocation, filled.
 */

typedef struct {
    Py_ssize_t start, end;
    PyObject *text; /* a new reference */
} Part;

static void
free_parts(Part *parts, Py_ssize_t count)
{
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_XDECREF(parts[k].text);
    }
    PyMem_Free(parts);
}

/* whether the str is the ASCII text `word` (CPython's comparison, as _tree.c asks it) */
static int
is_word(PyObject *text, const char *word)
{
    return PyUnicode_CompareWithASCIIString(text, word) == 0;
}

/* _FOOTNOTE_ONLY, ^(?:\([a-z]\)|\*{1,3})$, of a run (no newline: a run holds no space) */
static int
footnote_only(PyObject *text)
{
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (n == 3 && PyUnicode_READ(kind, data, 0) == '(' && PyUnicode_READ(kind, data, 2) == ')') {
        const Py_UCS4 mid = PyUnicode_READ(kind, data, 1);
        return mid >= 'a' && mid <= 'z';
    }
    if (n < 1 || n > 3) {
        return 0;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        if (PyUnicode_READ(kind, data, k) != '*') {
            return 0;
        }
    }
    return 1;
}

/* _RULE_ONLY, ^[-=_]{3,}$, of a run (no newline: a run holds no space) */
static int
rule_run(PyObject *text)
{
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (n < 3) {
        return 0;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (ch != '-' && ch != '=' && ch != '_') {
            return 0;
        }
    }
    return 1;
}

/* whether the str holds the character */
static int
holds(PyObject *text, Py_UCS4 ch)
{
    return PyUnicode_FindChar(text, ch, 0, PyUnicode_GET_LENGTH(text), 1) >= 0;
}

/* _running(text.strip()): 60 characters from the first non-space to the last, and 8 words
 * (str.strip and str.split take the same spaces, Py_UNICODE_ISSPACE) */
static int
running(PyObject *text)
{
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t first = 0, last = n;
    while (first < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, first))) {
        first++;
    }
    while (last > first && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, last - 1))) {
        last--;
    }
    if (last - first < 60) {
        return 0;
    }
    Py_ssize_t words = 0;
    int in_word = 0;
    for (Py_ssize_t k = first; k < last; k++) {
        const int space = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k));
        if (!space && !in_word) {
            words++;
        }
        in_word = !space;
    }
    return words >= 8;
}

/* a record of `type` (a NamedTuple) of the count items, each reference stolen, as
 * _record.h's record makes it; NULL (the items released) with the error set when one of
 * them could not be made */
static PyObject *
filled(PyTypeObject *type, PyObject **items, Py_ssize_t count)
{
    for (Py_ssize_t k = 0; k < count; k++) {
        if (items[k] == NULL) {
            for (Py_ssize_t j = 0; j < count; j++) {
                Py_XDECREF(items[j]);
            }
            return NULL;
        }
    }
    return record(type, items, count);
}

/* The marks a figure's print holds without a digit (lines._FIGURE_MARKS, given by
 * configure_figures): a run holding no decimal digit (the figure pattern's \d), no "$"
 * (taken out before the zero dashes are looked up, it may join one's letters) and none of
 * these is no figure, and its lookup (lines._figure, an lru_cache: a call from C, and on
 * a miss parse_figure in Python) is not asked. NULL until configured: every run asked. */
static PyObject *figure_marks = NULL;
/* by character of one byte: F_ASKED for a "$" or a decimal digit (the lookup is asked),
 * else bit 1 + k for the first character of mark k (its search is asked), for the first
 * MAX_MARK_BITS marks; filled by configure_figures */
#define F_ASKED 1u
#define MAX_MARK_BITS 15
static unsigned short figure_class[256];

PyDoc_STRVAR(configure_figures_doc,
             "configure_figures(marks, /)\n"
             "--\n\n"
             "lines._FIGURE_MARKS: the texts (a tuple of non-empty str) one of which a run "
             "holding no decimal digit and no \"$\" holds when it prints a figure; the "
             "figure lookup is not asked of a run holding none.");

static PyObject *
configure_figures(PyObject *Py_UNUSED(module), PyObject *marks)
{
    if (!PyTuple_Check(marks)) {
        PyErr_SetString(PyExc_TypeError, "configure_figures() takes a tuple of str");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(marks); k++) {
        PyObject *mark = PyTuple_GET_ITEM(marks, k);
        if (!PyUnicode_Check(mark) || PyUnicode_READY(mark) < 0 ||
            PyUnicode_GET_LENGTH(mark) == 0) {
            PyErr_SetString(PyExc_TypeError, "configure_figures() takes a tuple of str");
            return NULL;
        }
    }
    for (int c = 0; c < 256; c++) {
        figure_class[c] = (c == '$' || Py_UNICODE_ISDECIMAL((Py_UCS4)c)) ? F_ASKED : 0;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(marks); k++) {
        const Py_UCS4 first = PyUnicode_READ_CHAR(PyTuple_GET_ITEM(marks, k), 0);
        if (first < 256) { /* a mark past the bits: its first character asks them all */
            figure_class[first] |= (unsigned short)(k < MAX_MARK_BITS ? 2u << k : 0xfffeu);
        }
    }
    Py_INCREF(marks);
    Py_XSETREF(figure_marks, marks);
    Py_RETURN_NONE;
}

/* whether the run surely prints no figure: no decimal digit, no "$", no mark (0 when not
 * configured, or when a search fails: the lookup then answers). A run of one byte per
 * character is read by figure_class, a mark searched for only when the run holds its
 * first character; a mark of wider characters is in no such run. */
static int
no_figure(PyObject *raw)
{
    if (figure_marks == NULL) {
        return 0;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    const Py_ssize_t count = PyTuple_GET_SIZE(figure_marks);
    unsigned int seen = 0xfffeu; /* which marks to search for: all, but in a run of bytes */
    if (PyUnicode_KIND(raw) == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = PyUnicode_1BYTE_DATA(raw);
        seen = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            const unsigned int c = figure_class[s[k]];
            if (c & F_ASKED) {
                return 0;
            }
            seen |= c;
        }
    }
    else {
        const int kind = PyUnicode_KIND(raw);
        const void *data = PyUnicode_DATA(raw);
        for (Py_ssize_t k = 0; k < n; k++) {
            const Py_UCS4 ch = PyUnicode_READ(kind, data, k);
            if (ch == '$' || Py_UNICODE_ISDECIMAL(ch)) {
                return 0;
            }
        }
    }
    for (Py_ssize_t k = 0; k < count && seen != 0; k++) {
        const unsigned int bit = k < MAX_MARK_BITS ? 2u << k : 0xfffeu;
        if (!(seen & bit)) {
            continue;
        }
        const Py_ssize_t at = PyUnicode_Find(raw, PyTuple_GET_ITEM(figure_marks, k), 0, n, 1);
        if (at != -1) {
            if (at == -2) {
                PyErr_Clear();
            }
            return 0;
        }
    }
    return 1;
}

/* What configure_plain gives the plain reading (plain_figure: lines._plain_run_python
 * compiled) and the run's figure (figure_of): the Figure record and Decimal types, the
 * flags of a plain print (lines._PLAIN_FLAGS, by dollar * 6 + percent * 3 + sign),
 * figures.MAX_DIGITS, and the characters a figure may begin with besides a digit
 * (lines._FIGURE_LEADS). NULL until configured: every run is then asked of the lookup. */
static PyObject *plain_figure_type = NULL, *plain_decimal = NULL, *plain_flags = NULL,
                *figure_leads = NULL;
static Py_ssize_t plain_max_digits = 0;

PyDoc_STRVAR(configure_plain_doc,
             "configure_plain(figure, decimal, flags, max_digits, leads, /)\n"
             "--\n\n"
             "What the plain reading (plain_figure) makes and asks: figures.Figure, "
             "decimal.Decimal, the 12 flag sets of a plain print (lines._PLAIN_FLAGS by "
             "dollar * 6 + percent * 3 + sign), figures.MAX_DIGITS, and the characters a "
             "figure may begin with besides a digit (lines._FIGURE_LEADS, as a str).");

static PyObject *
configure_plain(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 || !PyType_Check(args[0]) || !PyType_Check(args[1]) ||
        !PyTuple_Check(args[2]) || PyTuple_GET_SIZE(args[2]) != 12 || !PyLong_Check(args[3]) ||
        !PyUnicode_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "configure_plain() takes (figure type, Decimal, 12 flag sets, "
                        "max_digits, leads)");
        return NULL;
    }
    const Py_ssize_t most = PyLong_AsSsize_t(args[3]);
    if (most == -1 && PyErr_Occurred()) {
        return NULL;
    }
    plain_max_digits = most;
    Py_INCREF(args[0]);
    Py_XSETREF(plain_figure_type, args[0]);
    Py_INCREF(args[1]);
    Py_XSETREF(plain_decimal, args[1]);
    Py_INCREF(args[2]);
    Py_XSETREF(plain_flags, args[2]);
    Py_INCREF(args[4]);
    Py_XSETREF(figure_leads, args[4]);
    Py_RETURN_NONE;
}

/* lines._may_be_figure: whether the run's first character past whitespace (str.lstrip's:
 * Py_UNICODE_ISSPACE) is a decimal digit (\d) or one of the leads; 1 when not configured */
static int
may_be_figure(PyObject *raw)
{
    if (figure_leads == NULL) {
        return 1;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    const int kind = PyUnicode_KIND(raw);
    const void *data = PyUnicode_DATA(raw);
    Py_ssize_t k = 0;
    while (k < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) {
        k++;
    }
    if (k == n) {
        return 0;
    }
    const Py_UCS4 first = PyUnicode_READ(kind, data, k);
    if (Py_UNICODE_ISDECIMAL(first)) {
        return 1;
    }
    const int lkind = PyUnicode_KIND(figure_leads);
    const void *ldata = PyUnicode_DATA(figure_leads);
    for (Py_ssize_t j = 0; j < PyUnicode_GET_LENGTH(figure_leads); j++) {
        if (PyUnicode_READ(lkind, ldata, j) == first) {
            return 1;
        }
    }
    return 0;
}

#define ASCII_DIGIT(c) ((c) >= '0' && (c) <= '9')

/* lines._plain_run_python(raw), compiled: the 4-tuple (figure, first, end, year) of a run
 * lines._PLAIN_FIGURE matches whole, read as lines._plain_figure reads the match; Py_None
 * (a new reference) for any other run, and where _plain_figure gives None (one
 * parenthesis; more than MAX_DIGITS digits); NULL with the error set.
 *
 * The pattern, (\$ *)?(?:(\()|(-))?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?(%)?(\))?,
 * matches a whole text in one way at most, the walk below: the number's digits run to a
 * comma (three at most before it) or to their end; each comma has three digits after it
 * and no fourth (a comma with fewer, or a fourth digit, leaves a rest the pattern cannot
 * end with, however it backtracks); the decimals take every digit after the point. Only
 * ASCII matches ([0-9], "$", " "): a text of wider characters is none. */
static PyObject *
plain_read(PyObject *raw)
{
    if (plain_figure_type == NULL || PyUnicode_KIND(raw) != PyUnicode_1BYTE_KIND) {
        Py_RETURN_NONE;
    }
    const Py_UCS1 *s = PyUnicode_1BYTE_DATA(raw);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    Py_ssize_t k = 0, dollar = 0;
    if (k < n && s[k] == '$') {
        k++;
        while (k < n && s[k] == ' ') {
            k++;
        }
        dollar = k;
    }
    int sign = 0; /* lines._plain_figure's: 0 none, 1 a parenthesis, 2 a minus sign */
    if (k < n && s[k] == '(') {
        sign = 1;
        k++;
    }
    else if (k < n && s[k] == '-') {
        sign = 2;
        k++;
    }
    const Py_ssize_t whole_start = k;
    while (k < n && ASCII_DIGIT(s[k])) {
        k++;
    }
    if (k == whole_start) {
        Py_RETURN_NONE;
    }
    Py_ssize_t commas = 0;
    if (k < n && s[k] == ',') {
        if (k - whole_start > 3) {
            Py_RETURN_NONE;
        }
        while (k < n && s[k] == ',') {
            if (k + 3 >= n || !ASCII_DIGIT(s[k + 1]) || !ASCII_DIGIT(s[k + 2]) ||
                !ASCII_DIGIT(s[k + 3])) {
                Py_RETURN_NONE;
            }
            commas++;
            k += 4;
        }
        if (k < n && ASCII_DIGIT(s[k])) {
            Py_RETURN_NONE;
        }
    }
    const Py_ssize_t whole_end = k;
    Py_ssize_t end = k; /* the digits' end: m.end(5) with decimals, else m.end(4) */
    if (k < n && s[k] == '.') {
        k++;
        const Py_ssize_t digits = k;
        while (k < n && ASCII_DIGIT(s[k])) {
            k++;
        }
        if (k == digits) {
            Py_RETURN_NONE;
        }
        end = k;
    }
    int percent = 0, closed = 0;
    if (k < n && s[k] == '%') {
        percent = 1;
        k++;
    }
    if (k < n && s[k] == ')') {
        closed = 1;
        k++;
    }
    if (k != n || (sign == 1) != closed) {
        Py_RETURN_NONE; /* not the whole text; or one parenthesis: two readings */
    }
    const Py_ssize_t whole = whole_end - whole_start;
    if (whole > plain_max_digits) {
        Py_ssize_t lead = whole_start; /* the digits past the leading zeros and commas */
        while (lead < whole_end && (s[lead] == '0' || s[lead] == ',')) {
            lead++;
        }
        Py_ssize_t significant = 0;
        for (Py_ssize_t j = lead; j < whole_end; j++) {
            significant += s[j] != ',';
        }
        if (significant > plain_max_digits) {
            Py_RETURN_NONE; /* kept exact and flagged: the general reading's */
        }
    }
    /* the number without its commas: Decimal of the very text _plain_figure gives it */
    PyObject *num = PyUnicode_New(end - whole_start - commas, 127);
    if (num == NULL) {
        return NULL;
    }
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(num);
    for (Py_ssize_t j = whole_start; j < end; j++) {
        if (s[j] != ',') {
            *out++ = s[j];
        }
    }
    PyObject *magnitude = PyObject_CallOneArg(plain_decimal, num);
    Py_DECREF(num);
    if (magnitude == NULL) {
        return NULL;
    }
    PyObject *value = magnitude;
    if (sign) {
        value = PyNumber_Negative(magnitude);
        Py_DECREF(magnitude);
        if (value == NULL) {
            return NULL;
        }
    }
    PyObject *readings = PyTuple_Pack(1, value);
    PyObject *decimals = PyLong_FromSsize_t(end > whole_end ? end - whole_end - 1 : 0);
    PyObject *figure = NULL;
    if (readings != NULL && decimals != NULL) {
        PyObject *flags = PyTuple_GET_ITEM(plain_flags, (dollar > 0) * 6 + percent * 3 + sign);
        PyObject *fields[4] = {value, decimals, flags, readings};
        figure = PyObject_Vectorcall(plain_figure_type, fields, 4, NULL);
    }
    Py_DECREF(value);
    Py_XDECREF(readings);
    Py_XDECREF(decimals);
    if (figure == NULL) {
        return NULL;
    }
    /* a year (lines._YEAR of the whole text) is four digits alone, 1950 to 2049 */
    int year = 0;
    if (n == 4 && whole == 4) {
        const int number =
            (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        year = number >= 1950 && number <= 2049;
    }
    PyObject *found = PyTuple_New(4);
    PyObject *first = PyLong_FromSsize_t(dollar), *last = PyLong_FromSsize_t(end);
    if (found == NULL || first == NULL || last == NULL) {
        Py_XDECREF(found);
        Py_XDECREF(first);
        Py_XDECREF(last);
        Py_DECREF(figure);
        return NULL;
    }
    PyObject *is_year = year ? Py_True : Py_False;
    Py_INCREF(is_year);
    PyTuple_SET_ITEM(found, 0, figure);
    PyTuple_SET_ITEM(found, 1, first);
    PyTuple_SET_ITEM(found, 2, last);
    PyTuple_SET_ITEM(found, 3, is_year);
    return found;
}

PyDoc_STRVAR(plain_figure_doc,
             "plain_figure(raw, /)\n"
             "--\n\n"
             "lines._plain_run_python compiled: (figure, first, end, year) of a run printed "
             "in a plain shape (lines._PLAIN_FIGURE, the whole run), else None "
             "(configure_plain first; None for every run before).");

static PyObject *
plain_figure(PyObject *Py_UNUSED(module), PyObject *raw)
{
    if (!PyUnicode_Check(raw) || PyUnicode_READY(raw) < 0) {
        PyErr_SetString(PyExc_TypeError, "plain_figure() takes a str");
        return NULL;
    }
    return plain_read(raw);
}

/* whether a run of one byte a character holds two ASCII letters and no "nil" (its "$"s
 * taken out, as figures.general_figure reads the dashes): no figure
 * (lines._figure's answer is None). figures._FIGURE, case-sensitive, matches one letter
 * at most (a footnote's: "(a)", "5a"), and the only zero dash holding a letter is "nil"
 * (figures._ZERO_DASHES): such a run is a line's words ("$1.99 per share."), which the
 * lookup read through parse_figure's dashes and pattern at first sight. */
static int
worded(PyObject *raw)
{
    if (figure_leads == NULL || PyUnicode_KIND(raw) != PyUnicode_1BYTE_KIND) {
        return 0;
    }
    const Py_UCS1 *s = PyUnicode_1BYTE_DATA(raw);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    int letters = 0;
    for (Py_ssize_t k = 0; k < n && letters < 2; k++) {
        letters += (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z');
    }
    if (letters < 2) {
        return 0;
    }
    /* "nil" with any "$" taken out, as the dashes are read ("n$il" is a zero) */
    Py_UCS1 last = 0, before = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (s[k] == '$') {
            continue;
        }
        if (before == 'n' && last == 'i' && s[k] == 'l') {
            return 0;
        }
        before = last;
        last = s[k];
    }
    return 1;
}

/* the run's figure, lines._figure(raw): a new reference (Py_None or a 4-tuple checked).
 * Asked of the lookup only where the run may print a figure (no_figure, may_be_figure)
 * in no plain shape (plain_read) and not of words (worded): the lookup reads such a run
 * as they do. */
static PyObject *
figure_of(PyObject *figure, PyObject *raw)
{
    if (no_figure(raw) || !may_be_figure(raw)) {
        Py_RETURN_NONE;
    }
    PyObject *plain = plain_read(raw);
    if (plain != Py_None) {
        return plain; /* the 4-tuple, or NULL with the error set */
    }
    Py_DECREF(plain);
    if (worded(raw)) {
        Py_RETURN_NONE;
    }
    PyObject *found = PyObject_CallOneArg(figure, raw);
    if (found != NULL && found != Py_None &&
        !(PyTuple_Check(found) && PyTuple_GET_SIZE(found) == 4 &&
          PyLong_Check(PyTuple_GET_ITEM(found, 1)) && PyLong_Check(PyTuple_GET_ITEM(found, 2)))) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "read_line(): the figure lookup gave no 4-tuple");
        return NULL;
    }
    return found;
}

/* the TextLine of a line (no tab, no tag: the cleaned line is the line) from its runs, a
 * new reference; Py_None (a new reference) for a line the specification reads; NULL with
 * the error set. `join`: whether the line holds a "$", ")" or "%" (its walk saw one),
 * without which no run is joined to its neighbour. */
static PyObject *
read_runs(PyObject *text, PyObject *runs, PyObject *figure, PyTypeObject *line_type,
          PyTypeObject *chunk_type, PyObject *rule_none, const int join)
{
    const Py_ssize_t n = PyList_GET_SIZE(runs);
    Part *parts = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof(Part));
    if (parts == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t count = 0; /* parts made */
    PyObject *figures = NULL, *result = NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(runs); k++) {
        PyObject *run = PyList_GET_ITEM(runs, k);
        if (!PyTuple_Check(run) || PyTuple_GET_SIZE(run) != 3 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(run, 2)) ||
            PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(run, 2)) == 0) {
            PyErr_SetString(PyExc_TypeError, "read_line(): a run is not (start, end, text)");
            goto done;
        }
        const Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(run, 0));
        const Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(run, 1));
        if ((start == -1 || end == -1) && PyErr_Occurred()) {
            goto done;
        }
        PyObject *raw = PyTuple_GET_ITEM(run, 2);
        if (join && count > 0) {
            Part *last = &parts[count - 1];
            if (is_word(raw, ")") || is_word(raw, "%") || is_word(raw, ")%")) {
                PyObject *found = figure_of(figure, last->text);
                if (found == NULL) {
                    goto done;
                }
                const int is_figure = found != Py_None;
                Py_DECREF(found);
                if (is_figure) {
                    PyObject *joined = PyUnicode_Concat(last->text, raw);
                    if (joined == NULL) {
                        goto done;
                    }
                    Py_SETREF(last->text, joined);
                    last->end = end;
                    continue;
                }
            }
            if (is_word(last->text, "$")) {
                /* "$" + " " * (start - p_end) + text */
                const Py_ssize_t gap = start - last->end > 0 ? start - last->end : 0;
                const Py_ssize_t size = PyUnicode_GET_LENGTH(raw);
                PyObject *joined =
                    PyUnicode_New(1 + gap + size, PyUnicode_MAX_CHAR_VALUE(raw) | 0x7f);
                if (joined == NULL) {
                    goto done;
                }
                const int jkind = PyUnicode_KIND(joined);
                void *jdata = PyUnicode_DATA(joined);
                PyUnicode_WRITE(jkind, jdata, 0, '$');
                for (Py_ssize_t g = 0; g < gap; g++) {
                    PyUnicode_WRITE(jkind, jdata, 1 + g, ' ');
                }
                if (PyUnicode_CopyCharacters(joined, 1 + gap, raw, 0, size) < 0) {
                    Py_DECREF(joined);
                    goto done;
                }
                Py_SETREF(last->text, joined);
                last->end = end;
                continue;
            }
        }
        parts[count].start = start;
        parts[count].end = end;
        Py_INCREF(raw);
        parts[count].text = raw;
        count++;
    }
    if (count > 0 && rule_run(parts[count - 1].text)) {
        result = Py_None; /* rule runs after a label, or alone: the specification's */
        Py_INCREF(result);
        goto done;
    }
    figures = PyList_New(0);
    if (figures == NULL) {
        goto done;
    }
    int years = 1;
    Py_ssize_t cut = count;
    for (Py_ssize_t i = count - 1; i >= 0; i--) {
        PyObject *raw = parts[i].text;
        const Py_ssize_t had = PyList_GET_SIZE(figures);
        const Py_UCS4 lead = PyUnicode_READ_CHAR(raw, 0);
        if (had > 0 && (lead == '(' || lead == '*') && footnote_only(raw)) {
            cut = i;
            continue;
        }
        PyObject *found = figure_of(figure, raw);
        if (found == NULL) {
            goto done;
        }
        if (found == Py_None) {
            Py_DECREF(found);
            if (had > 0 && holds(raw, '$')) {
                result = Py_None; /* maybe a label run into a figure: the specification's */
                Py_INCREF(result);
                goto done;
            }
            break;
        }
        const Py_ssize_t first = PyLong_AsSsize_t(PyTuple_GET_ITEM(found, 1));
        const Py_ssize_t last = PyLong_AsSsize_t(PyTuple_GET_ITEM(found, 2));
        const int year = PyObject_IsTrue(PyTuple_GET_ITEM(found, 3));
        if (((first == -1 || last == -1) && PyErr_Occurred()) || year < 0) {
            Py_DECREF(found);
            goto done;
        }
        PyObject *fig = PyTuple_GET_ITEM(found, 0);
        Py_INCREF(fig);
        Py_DECREF(found);
        Py_INCREF(raw);
        PyObject *items[6] = {
            raw,
            PyLong_FromSsize_t(parts[i].start),
            PyLong_FromSsize_t(parts[i].end),
            PyLong_FromSsize_t(parts[i].start + first),
            PyLong_FromSsize_t(parts[i].start + last),
            fig,
        };
        PyObject *chunk = filled(chunk_type, items, 6);
        if (chunk == NULL) {
            goto done;
        }
        const int rc = PyList_Append(figures, chunk);
        Py_DECREF(chunk);
        if (rc < 0) {
            goto done;
        }
        years = years && year;
        cut = i;
    }
    if (PyList_Reverse(figures) < 0) {
        goto done;
    }
    const Py_ssize_t nfig = PyList_GET_SIZE(figures);
    PyObject *label;
    Py_ssize_t label_start;
    if (cut == 0) {
        label = PyUnicode_New(0, 0);
        label_start = 0;
        if (nfig > 0) {
            PyObject *at = PyTuple_GET_ITEM(PyList_GET_ITEM(figures, 0), 1);
            label_start = PyLong_AsSsize_t(at);
        }
    }
    else if (cut == 1) {
        label = parts[0].text;
        Py_INCREF(label);
        label_start = parts[0].start;
    }
    else {
        PyObject *words = PyList_New(cut);
        if (words == NULL) {
            goto done;
        }
        for (Py_ssize_t k = 0; k < cut; k++) {
            Py_INCREF(parts[k].text);
            PyList_SET_ITEM(words, k, parts[k].text);
        }
        PyObject *space = PyUnicode_FromOrdinal(' ');
        label = space == NULL ? NULL : PyUnicode_Join(space, words);
        Py_XDECREF(space);
        Py_DECREF(words);
        label_start = parts[0].start;
    }
    if (label == NULL) {
        goto done;
    }
    const int years_only = nfig > 0 && (PyUnicode_GET_LENGTH(label) == 0 || nfig >= 2) && years;
    const int prose = nfig == 0 && PyList_GET_SIZE(runs) == 1 &&
                      PyUnicode_GET_LENGTH(text) >= 60 && running(text);
    Py_INCREF(text);
    Py_INCREF(rule_none);
    PyObject *items[11] = {
        text,
        label,
        PyLong_FromSsize_t(label_start),
        PyList_AsTuple(figures),
        rule_none,
        PyTuple_New(0),
        Py_NewRef(Py_False),
        Py_NewRef(years_only ? Py_True : Py_False),
        Py_NewRef(Py_False),
        Py_NewRef(prose ? Py_True : Py_False),
        PyList_AsTuple(runs),
    };
    result = filled(line_type, items, 11);
done:
    Py_XDECREF(figures);
    free_parts(parts, count);
    return result;
}

PyDoc_STRVAR(read_line_doc,
             "read_line(text, figure, TextLine, FigureChunk, rules, /)\n"
             "--\n\n"
             "lines._read_line_python: the TextLine of a line, or None for a line left to "
             "the specification (a tag or tab but EDGAR's markup alone, rule characters "
             "with no run of three, a dot or underscore leader, a last run of rule "
             "characters alone, a \"$\" in a run left of the figures). `figure` is "
             "lines._figure, the records' types and (Rule.NONE, Rule.SINGLE, Rule.DOUBLE) "
             "are given by the caller.");

/* whether the lookup, the two record types and the rule read_line is given are of their
 * kinds: 1, or 0 with the error set */
static int
line_kinds(const char *name, PyObject *figure, PyObject *line_type, PyObject *chunk_type)
{
    if (!PyCallable_Check(figure) || !PyType_Check(line_type) || !PyType_Check(chunk_type) ||
        !PyType_IsSubtype((PyTypeObject *)line_type, &PyTuple_Type) ||
        !PyType_IsSubtype((PyTypeObject *)chunk_type, &PyTuple_Type)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a lookup, two tuple types and the rule",
                     name);
        return 0;
    }
    return 1;
}

/* what one walk of a line tells: the lines read here and the ones handed back are told
 * apart by it (see line_of) */
typedef struct {
    int tagged;       /* a "<" or a tab: the walk stopped there */
    int blank;        /* whitespace alone (or empty) */
    int rule_chars;   /* rule characters and whitespace alone: _RULE_CHARS_ONLY */
    int underscores;  /* three underscores in a row: maybe a leader */
    int periods_near; /* _PERIODS_NEAR, \.\s?\. : two periods at most one whitespace apart */
    int joins;        /* a "$", ")" or "%": runs may be joined (read_runs) */
    Py_ssize_t periods;
} LineWalk;

/* the walk of a line's characters (a line of one byte per character is walked by
 * walk_bytes, below: the same answers) */
static inline void
walk_line(int kind, const void *data, Py_ssize_t n, LineWalk *w)
{
    int blank = 1, rule_chars = 1, periods_near = 0, underscores = 0, joins = 0;
    Py_ssize_t periods = 0, run = 0;
    w->tagged = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (ch == '<' || ch == '\t') {
            w->tagged = 1; /* markup, or a tag or tab that clean() blanks */
            return;
        }
        const int space = Py_UNICODE_ISSPACE(ch);
        blank = blank && space;
        rule_chars = rule_chars && (space || ch == '-' || ch == '=' || ch == '_');
        joins = joins || ch == '$' || ch == ')' || ch == '%';
        run = ch == '_' ? run + 1 : 0;
        underscores = underscores || run >= 3;
        if (ch == '.') {
            periods++;
            if (k + 1 < n) {
                const Py_UCS4 next = PyUnicode_READ(kind, data, k + 1);
                if (next == '.' || (Py_UNICODE_ISSPACE(next) && k + 2 < n &&
                                    PyUnicode_READ(kind, data, k + 2) == '.')) {
                    periods_near = 1;
                }
            }
        }
    }
    w->blank = blank;
    w->rule_chars = rule_chars;
    w->underscores = underscores;
    w->periods_near = periods_near;
    w->periods = periods;
    w->joins = joins;
}

/* walk_line of a line of one byte per character, by byte_class: a character of none of
 * the classes (a letter, a digit: most of a line) is one lookup and three stores; the
 * answers are walk_line's */
static void
walk_bytes(const Py_UCS1 *s, Py_ssize_t n, LineWalk *w)
{
    int blank = 1, rule_chars = 1, periods_near = 0, underscores = 0, joins = 0;
    Py_ssize_t periods = 0, run = 0;
    w->tagged = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const unsigned char c = byte_class[s[k]];
        if (c == 0) {
            blank = 0;
            rule_chars = 0;
            run = 0;
            continue;
        }
        if (c & C_STOP) {
            w->tagged = 1; /* markup, or a tag or tab that clean() blanks */
            return;
        }
        if (!(c & C_SPACE)) {
            blank = 0;
            rule_chars = rule_chars && (c & C_RULE);
            joins = joins || (c & C_JOIN);
        }
        if (c & C_UNDERSCORE) {
            run++;
            underscores = underscores || run >= 3;
        }
        else {
            run = 0;
        }
        if (c & C_PERIOD) {
            periods++;
            if (k + 1 < n && (s[k + 1] == '.' || ((byte_class[s[k + 1]] & C_SPACE) && k + 2 < n &&
                                                  s[k + 2] == '.'))) {
                periods_near = 1;
            }
        }
    }
    w->blank = blank;
    w->rule_chars = rule_chars;
    w->underscores = underscores;
    w->periods_near = periods_near;
    w->periods = periods;
    w->joins = joins;
}

/* _MARKUP, ^\s*(?:</?(?:TABLE|CAPTION|S|C|FN|PAGE|TEXT|DOCUMENT)>\s*)+$ with IGNORECASE, of
 * an ASCII line (where ignoring case is ASCII's: no other character folds to these
 * letters): whitespace, then tags of these names alone, each followed by whitespace, to
 * the end (a last newline is whitespace that \s* takes before $) */
static int
markup_like(const Py_UCS1 *s, Py_ssize_t n)
{
    static const char *const names[] = {"TABLE", "CAPTION", "S",    "C",
                                        "FN",    "PAGE",    "TEXT", "DOCUMENT"};
    Py_ssize_t k = 0, tags = 0;
    while (k < n && Py_UNICODE_ISSPACE(s[k])) {
        k++;
    }
    while (k < n && s[k] == '<') {
        k++;
        if (k < n && s[k] == '/') {
            k++;
        }
        const Py_ssize_t name = k;
        while (k < n && s[k] != '>') {
            k++;
        }
        if (k >= n) {
            return 0;
        }
        int known = 0;
        for (size_t j = 0; j < sizeof(names) / sizeof(names[0]) && !known; j++) {
            const char *want = names[j];
            Py_ssize_t m = 0;
            while (name + m < k && want[m] != '\0' &&
                   (s[name + m] == want[m] || s[name + m] == want[m] - 'A' + 'a')) {
                m++;
            }
            known = name + m == k && want[m] == '\0';
        }
        if (!known) {
            return 0;
        }
        k++; /* the ">" */
        tags++;
        while (k < n && Py_UNICODE_ISSPACE(s[k])) {
            k++;
        }
    }
    return tags > 0 && k == n;
}

/* a TextLine of no label or figure: the line, its rule and rule spans (references
 * stolen), whether it is markup or blank; NULL with the error set */
static PyObject *
bare_line(PyTypeObject *line_type, PyObject *text, PyObject *rule, PyObject *spans, int markup,
          int blank)
{
    Py_INCREF(text);
    PyObject *items[11] = {
        text,
        PyUnicode_New(0, 0),
        PyLong_FromLong(0),
        PyTuple_New(0),
        rule,
        spans,
        Py_NewRef(markup ? Py_True : Py_False),
        Py_NewRef(Py_False),
        Py_NewRef(blank ? Py_True : Py_False),
        Py_NewRef(Py_False),
        PyTuple_New(0),
    };
    return filled(line_type, items, 11);
}

/* the rule line of rule characters and whitespace alone (not blank): its runs of three
 * rule characters and more (_RULE_RUN's matches: a maximal run of them, when it is long
 * enough, is one match), double when "=" are more than half their characters; Py_None (a
 * new reference) when it has no such run (the specification reads its runs) */
static PyObject *
rule_line(PyTypeObject *line_type, PyObject *text, PyObject *rules)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *spans = PyList_New(0);
    if (spans == NULL) {
        return NULL;
    }
    Py_ssize_t doubles = 0, total = 0;
    for (Py_ssize_t k = 0; k < n;) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (ch != '-' && ch != '=' && ch != '_') {
            k++;
            continue;
        }
        const Py_ssize_t start = k;
        Py_ssize_t equals = 0;
        while (k < n) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, k);
            if (c != '-' && c != '=' && c != '_') {
                break;
            }
            equals += c == '=';
            k++;
        }
        if (k - start < 3) {
            continue;
        }
        doubles += equals;
        total += k - start;
        PyObject *span = Py_BuildValue("(nn)", start, k);
        if (span == NULL || PyList_Append(spans, span) < 0) {
            Py_XDECREF(span);
            Py_DECREF(spans);
            return NULL;
        }
        Py_DECREF(span);
    }
    if (PyList_GET_SIZE(spans) == 0) {
        Py_DECREF(spans);
        Py_RETURN_NONE;
    }
    PyObject *rule = PyTuple_GET_ITEM(rules, doubles * 2 > total ? 2 : 1);
    PyObject *made = PyList_AsTuple(spans);
    Py_DECREF(spans);
    if (made == NULL) {
        return NULL;
    }
    return bare_line(line_type, text, Py_NewRef(rule), made, 0, 0);
}

/* the TextLine of a ready str, as read_line() gives it: a new reference (Py_None for a
 * line left to the specification), or NULL with the error set. `rules` is (Rule.NONE,
 * Rule.SINGLE, Rule.DOUBLE), checked by the caller. */
static PyObject *
line_of(PyObject *text, PyObject *figure, PyTypeObject *line_type, PyTypeObject *chunk_type,
        PyObject *rules)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *rule_none = PyTuple_GET_ITEM(rules, 0);
    LineWalk w;
    if (kind == PyUnicode_1BYTE_KIND) {
        walk_bytes(data, n, &w);
    }
    else {
        walk_line(kind, data, n, &w);
    }
    if (w.tagged) {
        /* EDGAR's markup alone on its line, ASCII: read here; any other line holding a
         * tag or a tab is cleaned by the specification */
        if (PyUnicode_IS_ASCII(text) && markup_like(PyUnicode_1BYTE_DATA(text), n)) {
            return bare_line(line_type, text, Py_NewRef(rule_none), PyTuple_New(0), 1, 0);
        }
        Py_RETURN_NONE;
    }
    if (w.blank) { /* empty, or whitespace alone */
        return bare_line(line_type, text, Py_NewRef(rule_none), PyTuple_New(0), 0, 1);
    }
    if (w.rule_chars) { /* a rule; without a run of three, the specification's */
        return rule_line(line_type, text, rules);
    }
    if (w.underscores || (w.periods >= 3 && w.periods_near)) {
        Py_RETURN_NONE; /* a dot or underscore leader (_LEADER) */
    }
    PyObject *found = scan_runs(text);
    if (found == NULL) {
        return NULL;
    }
    PyObject *made = read_runs(text, found, figure, line_type, chunk_type, rule_none, w.joins);
    Py_DECREF(found);
    return made;
}

/* whether `rules` is the tuple of three rules read_line and read_lines are given: 1, or 0
 * with the error set */
static int
rule_kinds(const char *name, PyObject *rules)
{
    if (!PyTuple_Check(rules) || PyTuple_GET_SIZE(rules) != 3) {
        PyErr_Format(PyExc_TypeError, "%s() takes the rules (NONE, SINGLE, DOUBLE)", name);
        return 0;
    }
    return 1;
}

static PyObject *
read_line(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "read_line() takes five arguments");
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError,
                        "read_line() takes a str, a lookup, two tuple types and the rule");
        return NULL;
    }
    if (!line_kinds("read_line", args[1], args[2], args[3]) || !rule_kinds("read_line", args[4]) ||
        PyUnicode_READY(text) < 0) {
        return NULL;
    }
    return line_of(text, args[1], (PyTypeObject *)args[2], (PyTypeObject *)args[3], args[4]);
}

/* ---- read_lines: lines._read_lines_python, compiled ----
 *
 * Every line of a document read, each distinct text once (blank lines and rules repeat):
 * read_line's reading, the lines it leaves read by the specification's reader given (the
 * `other` callable, lines._read_line_python), without a Python call, a wrapper and a
 * dictionary lookup in Python per line. */

PyDoc_STRVAR(read_lines_doc,
             "read_lines(texts, figure, TextLine, FigureChunk, rules, other, /)\n"
             "--\n\n"
             "lines._read_lines_python: the TextLine of every text of the tuple, in order, "
             "each distinct text read once (read_line's reading, or `other`'s for a line "
             "it leaves).");

static PyObject *
read_lines(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "read_lines() takes six arguments");
        return NULL;
    }
    PyObject *texts = args[0], *figure = args[1], *rules = args[4], *other = args[5];
    if (!PyTuple_Check(texts) || !PyCallable_Check(other)) {
        PyErr_SetString(PyExc_TypeError, "read_lines() takes a tuple of str and a reader");
        return NULL;
    }
    if (!line_kinds("read_lines", figure, args[2], args[3]) || !rule_kinds("read_lines", rules)) {
        return NULL;
    }
    PyTypeObject *line_type = (PyTypeObject *)args[2], *chunk_type = (PyTypeObject *)args[3];
    const Py_ssize_t n = PyTuple_GET_SIZE(texts);
    PyObject *known = PyDict_New();
    PyObject *out = PyList_New(n);
    if (known == NULL || out == NULL) {
        goto fail;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *text = PyTuple_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "read_lines(): a line is not a str");
            goto fail;
        }
        PyObject *line = PyDict_GetItemWithError(known, text); /* borrowed */
        if (line != NULL) {
            Py_INCREF(line);
        }
        else {
            if (PyErr_Occurred() || PyUnicode_READY(text) < 0) {
                goto fail;
            }
            line = line_of(text, figure, line_type, chunk_type, rules);
            if (line == Py_None) {
                Py_DECREF(line);
                line = PyObject_CallOneArg(other, text);
            }
            if (line == NULL) {
                goto fail;
            }
            if (PyDict_SetItem(known, text, line) < 0) {
                Py_DECREF(line);
                goto fail;
            }
        }
        PyList_SET_ITEM(out, k, line);
    }
    Py_DECREF(known);
    return out;
fail:
    Py_XDECREF(known);
    Py_XDECREF(out); /* its unset items are NULL: list_dealloc skips them */
    return NULL;
}

/* ---- row_draft: tables._row_draft_python, compiled ----
 *
 * A row's draft from what the text reader gathered for it: the label and its span, and
 * for each figure (a FigureChunk, the column it was placed in) a FigureDraft with its
 * Span; the records made as their quick_init __init__ makes them (_record.h's
 * slotted_record: each field's slot set, the defaults given: a figure's power None, a
 * span's offset, page and box None, a row not bold). */

/* the slot descriptors of a record's fields, checked: count of them */
static int
fields_of(PyObject *fields, Py_ssize_t count)
{
    return PyTuple_Check(fields) && PyTuple_GET_SIZE(fields) == count;
}

/* Span(line, start, end): a new reference, or NULL with the error set */
static PyObject *
span_of(PyObject *span_type, PyObject *span_fields, PyObject *line, Py_ssize_t start,
        Py_ssize_t end)
{
    PyObject *a = PyLong_FromSsize_t(start), *b = PyLong_FromSsize_t(end);
    PyObject *made = NULL;
    if (a != NULL && b != NULL) {
        PyObject *values[6] = {line, a, b, Py_None, Py_None, Py_None};
        made = slotted_record((PyTypeObject *)span_type, span_fields, values);
    }
    Py_XDECREF(a);
    Py_XDECREF(b);
    return made;
}

PyDoc_STRVAR(row_draft_doc,
             "row_draft(kinds, label, label_line, label_start, label_end, line, columns, "
             "figures, rule_above, rule_below, /)\n"
             "--\n\n"
             "tables._row_draft_python: the RowDraft of a row, its label's Span and a "
             "FigureDraft (with its Span) for each FigureChunk and its column. `kinds` is "
             "(RowDraft, its fields' slots, FigureDraft, its, Span, its).");

static PyObject *
row_draft(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError, "row_draft() takes ten arguments");
        return NULL;
    }
    PyObject *kinds = args[0], *label = args[1], *label_line = args[2], *line = args[5];
    PyObject *columns = args[6], *figures = args[7];
    if (!PyTuple_Check(kinds) || PyTuple_GET_SIZE(kinds) != 6 ||
        !PyType_Check(PyTuple_GET_ITEM(kinds, 0)) || !fields_of(PyTuple_GET_ITEM(kinds, 1), 8) ||
        !PyType_Check(PyTuple_GET_ITEM(kinds, 2)) || !fields_of(PyTuple_GET_ITEM(kinds, 3), 5) ||
        !PyType_Check(PyTuple_GET_ITEM(kinds, 4)) || !fields_of(PyTuple_GET_ITEM(kinds, 5), 6)) {
        PyErr_SetString(PyExc_TypeError,
                        "row_draft(): kinds is (RowDraft, 8 slots, FigureDraft, 5, Span, 6)");
        return NULL;
    }
    if (!PyList_Check(columns) || !PyTuple_Check(figures)) {
        PyErr_SetString(PyExc_TypeError, "row_draft(): the columns a list, the figures a tuple");
        return NULL;
    }
    const Py_ssize_t label_start = PyLong_AsSsize_t(args[3]);
    const Py_ssize_t label_end = PyLong_AsSsize_t(args[4]);
    if ((label_start == -1 || label_end == -1) && PyErr_Occurred()) {
        return NULL;
    }
    const Py_ssize_t n = PyTuple_GET_SIZE(figures);
    if (PyList_GET_SIZE(columns) != n) {
        PyErr_SetString(PyExc_ValueError, "row_draft(): a column for each figure");
        return NULL;
    }
    PyObject *figure_type = PyTuple_GET_ITEM(kinds, 2), *figure_fields = PyTuple_GET_ITEM(kinds, 3);
    PyObject *span_type = PyTuple_GET_ITEM(kinds, 4), *span_fields = PyTuple_GET_ITEM(kinds, 5);
    PyObject *drafts = PyTuple_New(n);
    if (drafts == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *chunk = PyTuple_GET_ITEM(figures, k);
        if (!PyTuple_Check(chunk) || PyTuple_GET_SIZE(chunk) != 6) {
            PyErr_SetString(PyExc_TypeError, "row_draft(): a figure is not a FigureChunk");
            Py_DECREF(drafts);
            return NULL;
        }
        const Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(chunk, 1));
        const Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(chunk, 2));
        if ((start == -1 || end == -1) && PyErr_Occurred()) {
            Py_DECREF(drafts);
            return NULL;
        }
        PyObject *span = span_of(span_type, span_fields, line, start, end);
        if (span == NULL) {
            Py_DECREF(drafts);
            return NULL;
        }
        PyObject *values[5] = {
            PyList_GET_ITEM(columns, k),
            PyTuple_GET_ITEM(chunk, 0),
            PyTuple_GET_ITEM(chunk, 5),
            span,
            Py_None,
        };
        PyObject *draft = slotted_record((PyTypeObject *)figure_type, figure_fields, values);
        Py_DECREF(span);
        if (draft == NULL) {
            Py_DECREF(drafts);
            return NULL;
        }
        PyTuple_SET_ITEM(drafts, k, draft);
    }
    PyObject *span = span_of(span_type, span_fields, label_line, label_start, label_end);
    if (span == NULL) {
        Py_DECREF(drafts);
        return NULL;
    }
    PyObject *values[8] = {
        label, span, args[3], line, drafts, args[8], args[9], Py_False,
    };
    PyObject *made = slotted_record((PyTypeObject *)PyTuple_GET_ITEM(kinds, 0),
                                    PyTuple_GET_ITEM(kinds, 1), values);
    Py_DECREF(span);
    Py_DECREF(drafts);
    return made;
}

/* ---- rows: tables._rows_python, compiled ----
 *
 * A table's rows from its body lines, as the Python reads them: a label-only line joins
 * the group of label lines above it when the group's last words continue into it (the
 * `continues` given, tables.labels.continues), a figure row takes the group's words as
 * its label, a rule line sets the rule below the row above it and above the next; each
 * row's draft made as row_draft makes it. The TextLine's fields are read by their places
 * (text 0, label 1, label_start 2, figures 3, rule 4, markup 6, years_only 7, blank 8). */

typedef struct {
    PyObject *label; /* a new reference */
    Py_ssize_t label_line, label_start, figures_line;
    PyObject *columns; /* a new reference: the figures' columns, a list */
    PyObject *figures; /* a new reference: a tuple */
    PyObject *rule_above, *rule_below; /* borrowed: Rule members, alive with their enum */
} Pending;

typedef struct {
    PyObject *lines, *continues, *rule_none;
    Pending *drafts;
    Py_ssize_t count;
    Py_ssize_t *group;
    Py_ssize_t grouped;
    PyObject *pending_rule;
} RowState;

/* str.strip() of a str: a new reference (the str itself when nothing is stripped) */
static PyObject *
stripped_of(PyObject *raw)
{
    const int kind = PyUnicode_KIND(raw);
    const void *data = PyUnicode_DATA(raw);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(raw);
    Py_ssize_t col = 0, last = size;
    while (col < size && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, col))) {
        col++;
    }
    while (last > col && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, last - 1))) {
        last--;
    }
    if (col == 0 && last == size && PyUnicode_CheckExact(raw)) {
        return Py_NewRef(raw);
    }
    return PyUnicode_Substring(raw, col, last);
}

/* the TextLine at index i, checked: borrowed, or NULL with the error set */
static PyObject *
line_at(PyObject *lines, Py_ssize_t i)
{
    if (i < 0 || i >= PyList_GET_SIZE(lines)) {
        PyErr_SetString(PyExc_IndexError, "rows(): a line index out of range");
        return NULL;
    }
    PyObject *line = PyList_GET_ITEM(lines, i);
    if (!PyTuple_Check(line) || PyTuple_GET_SIZE(line) != 11 ||
        !PyUnicode_Check(PyTuple_GET_ITEM(line, 0)) ||
        !PyUnicode_Check(PyTuple_GET_ITEM(line, 1)) ||
        !PyTuple_Check(PyTuple_GET_ITEM(line, 3))) {
        PyErr_SetString(PyExc_TypeError, "rows(): a line is not a TextLine");
        return NULL;
    }
    return line;
}

/* tables._words: a label line's words (its label beside a rule, else its text stripped):
 * a new reference, or NULL with the error set */
static PyObject *
words_of(RowState *st, Py_ssize_t i)
{
    PyObject *line = line_at(st->lines, i);
    if (line == NULL) {
        return NULL;
    }
    if (PyTuple_GET_ITEM(line, 4) != st->rule_none) {
        return Py_NewRef(PyTuple_GET_ITEM(line, 1));
    }
    PyObject *text = PyTuple_GET_ITEM(line, 0);
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    return stripped_of(text);
}

/* continues(_words(lines[group[-1]]), text): 1, 0, or -1 with the error set */
static int
continues_from_group(RowState *st, PyObject *text)
{
    PyObject *last = words_of(st, st->group[st->grouped - 1]);
    if (last == NULL) {
        return -1;
    }
    PyObject *args[2] = {last, text};
    PyObject *answer = PyObject_Vectorcall(st->continues, args, 2, NULL);
    Py_DECREF(last);
    if (answer == NULL) {
        return -1;
    }
    const int yes = PyObject_IsTrue(answer);
    Py_DECREF(answer);
    return yes;
}

/* " ".join of the group's words, and `tail` after them when given: a new reference */
static PyObject *
group_words(RowState *st, PyObject *tail)
{
    PyObject *words = PyList_New(0);
    if (words == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < st->grouped; k++) {
        PyObject *w = words_of(st, st->group[k]);
        if (w == NULL || PyList_Append(words, w) < 0) {
            Py_XDECREF(w);
            Py_DECREF(words);
            return NULL;
        }
        Py_DECREF(w);
    }
    if (tail != NULL && PyList_Append(words, tail) < 0) {
        Py_DECREF(words);
        return NULL;
    }
    PyObject *space = PyUnicode_FromOrdinal(' ');
    PyObject *joined = space == NULL ? NULL : PyUnicode_Join(space, words);
    Py_XDECREF(space);
    Py_DECREF(words);
    return joined;
}

/* a draft appended (the references stolen): 0, or -1 with the error set */
static int
add_pending(RowState *st, PyObject *label, Py_ssize_t label_line, Py_ssize_t figures_line,
            PyObject *columns, PyObject *figures, PyObject *rule_above)
{
    if (label == NULL || columns == NULL || figures == NULL) {
        Py_XDECREF(label);
        Py_XDECREF(columns);
        Py_XDECREF(figures);
        return -1;
    }
    PyObject *first = line_at(st->lines, label_line);
    const Py_ssize_t label_start = first == NULL ? -1 : PyLong_AsSsize_t(PyTuple_GET_ITEM(first, 2));
    if (label_start == -1 && (first == NULL || PyErr_Occurred())) {
        Py_DECREF(label);
        Py_DECREF(columns);
        Py_DECREF(figures);
        return -1;
    }
    Pending *d = &st->drafts[st->count++];
    d->label = label;
    d->label_line = label_line;
    d->label_start = label_start;
    d->figures_line = figures_line;
    d->columns = columns;
    d->figures = figures;
    d->rule_above = rule_above;
    d->rule_below = st->rule_none;
    return 0;
}

/* the Python's flush(): the group waiting for figures made a row of its own */
static int
flush_group(RowState *st)
{
    if (st->grouped > 0) {
        PyObject *label = group_words(st, NULL);
        if (add_pending(st, label, st->group[0], st->group[0], PyList_New(0), PyTuple_New(0),
                        st->pending_rule) < 0) {
            return -1;
        }
        st->pending_rule = st->rule_none;
    }
    st->grouped = 0;
    return 0;
}

/* the rule below the row above, when that row has figures and no rule below yet */
static void
rule_under_last(RowState *st, PyObject *rule)
{
    if (st->count > 0) {
        Pending *last = &st->drafts[st->count - 1];
        if (PyTuple_GET_SIZE(last->figures) > 0 && last->rule_below == st->rule_none) {
            last->rule_below = rule;
        }
    }
}

PyDoc_STRVAR(rows_doc,
             "rows(kinds, lines, start, end, placed, first_line, continues, rule_none, "
             "rule_double, /)\n"
             "--\n\n"
             "tables._rows_python: the RowDrafts of the lines [start, end) of a list of "
             "TextLines, `placed` the columns of each figure row's figures in order, "
             "`first_line` the document's first source line, `continues` "
             "tables.labels.continues. `kinds` as row_draft's.");

static PyObject *
rows(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "rows() takes nine arguments");
        return NULL;
    }
    PyObject *kinds = args[0], *lines = args[1], *placed = args[4];
    PyObject *rule_none = args[7], *rule_double = args[8];
    if (!PyList_Check(lines) || !PyList_Check(placed) || !PyCallable_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError, "rows() takes a list of lines, of placements, a callable");
        return NULL;
    }
    const Py_ssize_t start = PyLong_AsSsize_t(args[2]), end = PyLong_AsSsize_t(args[3]);
    const Py_ssize_t first_line = PyLong_AsSsize_t(args[5]);
    if ((start == -1 || end == -1 || first_line == -1) && PyErr_Occurred()) {
        return NULL;
    }
    if (start < 0 || end > PyList_GET_SIZE(lines)) {
        PyErr_SetString(PyExc_IndexError, "rows(): the lines' range is out of the list");
        return NULL;
    }
    const Py_ssize_t span = end > start ? end - start : 0;
    RowState st = {lines, args[6], rule_none, NULL, 0, NULL, 0, rule_none};
    st.drafts = PyMem_Calloc((size_t)span + 1, sizeof(Pending));
    st.group = PyMem_Calloc((size_t)span + 1, sizeof(Py_ssize_t));
    PyObject *out = NULL;
    Py_ssize_t next_placed = 0;
    int gap = 0;
    if (st.drafts == NULL || st.group == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = start; i < end; i++) {
        PyObject *line = line_at(lines, i);
        if (line == NULL) {
            goto done;
        }
        if (PyTuple_GET_ITEM(line, 6) == Py_True) { /* markup */
            continue;
        }
        if (PyTuple_GET_ITEM(line, 8) == Py_True) { /* blank */
            gap = 1;
            continue;
        }
        PyObject *rule = PyTuple_GET_ITEM(line, 4);
        PyObject *label = PyTuple_GET_ITEM(line, 1);
        PyObject *figures = PyTuple_GET_ITEM(line, 3);
        if (rule != rule_none) {
            if (PyUnicode_GET_LENGTH(label) > 0) {
                /* a label wrapped across a rule: it runs on, the rule is above its row */
                int joins = 0;
                if (st.grouped > 0 && !gap) {
                    joins = continues_from_group(&st, label);
                    if (joins < 0) {
                        goto done;
                    }
                }
                if (joins) {
                    st.group[st.grouped++] = i;
                }
                else {
                    if (flush_group(&st) < 0) {
                        goto done;
                    }
                    st.group[st.grouped++] = i;
                }
                rule_under_last(&st, rule);
                st.pending_rule = rule;
            }
            else {
                if (flush_group(&st) < 0) {
                    goto done;
                }
                rule_under_last(&st, rule);
                if (rule == rule_double || st.pending_rule == rule_none) {
                    st.pending_rule = rule;
                }
            }
            gap = 0;
            continue;
        }
        if (PyTuple_GET_ITEM(line, 7) == Py_True) { /* years alone */
            continue;
        }
        if (PyTuple_GET_SIZE(figures) == 0) {
            int joins = 0;
            if (st.grouped > 0 && !gap) {
                joins = continues_from_group(&st, PyTuple_GET_ITEM(line, 0));
                if (joins < 0) {
                    goto done;
                }
            }
            if (!joins && flush_group(&st) < 0) {
                goto done;
            }
            st.group[st.grouped++] = i;
            gap = 0;
            continue;
        }
        int joins = 0;
        if (st.grouped > 0 && !gap) {
            joins = PyUnicode_GET_LENGTH(label) == 0 ? 1 : continues_from_group(&st, label);
            if (joins < 0) {
                goto done;
            }
        }
        if (next_placed >= PyList_GET_SIZE(placed)) {
            PyErr_SetString(PyExc_ValueError, "rows(): a figure row with no placing");
            goto done;
        }
        PyObject *columns = PyList_GET_ITEM(placed, next_placed++);
        if (!PyList_Check(columns)) {
            PyErr_SetString(PyExc_TypeError, "rows(): a row's placing is not a list");
            goto done;
        }
        PyObject *row_label;
        Py_ssize_t label_line = i;
        if (joins) {
            PyObject *joined = group_words(&st, label);
            row_label = joined == NULL ? NULL : stripped_of(joined);
            Py_XDECREF(joined);
            label_line = st.group[0];
            st.grouped = 0;
        }
        else {
            if (flush_group(&st) < 0) {
                goto done;
            }
            row_label = Py_NewRef(label);
        }
        if (add_pending(&st, row_label, label_line, i, Py_NewRef(columns), Py_NewRef(figures),
                        st.pending_rule) < 0) {
            goto done;
        }
        st.pending_rule = rule_none;
        gap = 0;
    }
    if (flush_group(&st) < 0) {
        goto done;
    }
    out = PyList_New(st.count);
    if (out == NULL) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < st.count; k++) {
        Pending *d = &st.drafts[k];
        PyObject *words = words_of(&st, d->label_line);
        if (words == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        const Py_ssize_t label_end = d->label_start + PyUnicode_GET_LENGTH(words);
        Py_DECREF(words);
        PyObject *values[10] = {
            kinds,
            d->label,
            PyLong_FromSsize_t(first_line + d->label_line),
            PyLong_FromSsize_t(d->label_start),
            PyLong_FromSsize_t(label_end),
            PyLong_FromSsize_t(first_line + d->figures_line),
            d->columns,
            d->figures,
            d->rule_above,
            d->rule_below,
        };
        PyObject *made = NULL;
        if (values[2] != NULL && values[3] != NULL && values[4] != NULL && values[5] != NULL) {
            made = row_draft(module, values, 10);
        }
        for (int v = 2; v <= 5; v++) {
            Py_XDECREF(values[v]);
        }
        if (made == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, k, made);
    }
done:
    if (st.drafts != NULL) {
        for (Py_ssize_t k = 0; k < st.count; k++) {
            Py_XDECREF(st.drafts[k].label);
            Py_XDECREF(st.drafts[k].columns);
            Py_XDECREF(st.drafts[k].figures);
        }
        PyMem_Free(st.drafts);
    }
    PyMem_Free(st.group);
    return out;
}

/* ---- placements: columns._placements_python, compiled ----
 *
 * The column of every figure of a table's rows, as columns.column_of finds it: the column
 * its digits' span overlaps most (the first of equal overlaps), else the one whose centre
 * lies nearest the span's (the first of equal distances; centres compared doubled, in
 * integers, as the halves the Python compares are exact); and whether a row puts two
 * figures in one column (the columns are then found again by the figures' right edges).
 * A table's columns are few: each span is asked of every column, where the Python keeps
 * each span's answer and bisects (the rows' placing was a call per row and a lookup per
 * figure, twice over: once to find conflicts, once to place). */

PyDoc_STRVAR(placements_doc,
             "placements(rows, cols, /)\n"
             "--\n\n"
             "columns._placements_python: for each TextLine of the list, the column (an "
             "index into the list of (start, end) columns) of each of its figures' digits' "
             "span, as column_of finds it; and whether a row has two figures in one column.");

/* the (start, end) pairs of a list of columns, into a new array: NULL with the error set */
static Py_ssize_t *
column_bounds(PyObject *cols)
{
    const Py_ssize_t n = PyList_GET_SIZE(cols);
    Py_ssize_t *bounds = PyMem_Malloc(2 * (size_t)(n > 0 ? n : 1) * sizeof(Py_ssize_t));
    if (bounds == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *col = PyList_GET_ITEM(cols, j);
        if (!PyTuple_Check(col) || PyTuple_GET_SIZE(col) != 2) {
            PyErr_SetString(PyExc_TypeError, "placements(): a column is not (start, end)");
            PyMem_Free(bounds);
            return NULL;
        }
        bounds[2 * j] = PyLong_AsSsize_t(PyTuple_GET_ITEM(col, 0));
        bounds[2 * j + 1] = PyLong_AsSsize_t(PyTuple_GET_ITEM(col, 1));
        if ((bounds[2 * j] == -1 || bounds[2 * j + 1] == -1) && PyErr_Occurred()) {
            PyMem_Free(bounds);
            return NULL;
        }
    }
    return bounds;
}

/* column_of(start, end, cols) over the bounds of n columns (n > 0) */
static Py_ssize_t
column_at(const Py_ssize_t *bounds, Py_ssize_t n, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t best = -1, best_overlap = 0;
    for (Py_ssize_t j = 0; j < n; j++) {
        const Py_ssize_t lo = start > bounds[2 * j] ? start : bounds[2 * j];
        const Py_ssize_t hi = end < bounds[2 * j + 1] ? end : bounds[2 * j + 1];
        if (hi - lo > best_overlap) {
            best = j;
            best_overlap = hi - lo;
        }
    }
    if (best >= 0) {
        return best;
    }
    const Py_ssize_t centre = start + end; /* doubled, as each column's below */
    Py_ssize_t nearest = 0, distance = -1;
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_ssize_t d = bounds[2 * j] + bounds[2 * j + 1] - centre;
        d = d < 0 ? -d : d;
        if (distance < 0 || d < distance) {
            nearest = j;
            distance = d;
        }
    }
    return nearest;
}

/* a TextLine's figures (its fourth field, a tuple): borrowed, or NULL with a TypeError
   naming the function ``who`` */
static PyObject *
line_figures(PyObject *row, const char *who)
{
    PyObject *figures = PyTuple_Check(row) && PyTuple_GET_SIZE(row) > 3
                            ? PyTuple_GET_ITEM(row, 3)
                            : NULL;
    if (figures == NULL || !PyTuple_Check(figures)) {
        PyErr_Format(PyExc_TypeError, "%s(): a row is not a TextLine", who);
        return NULL;
    }
    return figures;
}

static PyObject *
placements(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "placements() takes a list of rows and of columns");
        return NULL;
    }
    PyObject *rows = args[0], *cols = args[1];
    const Py_ssize_t ncols = PyList_GET_SIZE(cols);
    Py_ssize_t *bounds = column_bounds(cols);
    if (bounds == NULL) {
        return NULL;
    }
    const Py_ssize_t nrows = PyList_GET_SIZE(rows);
    PyObject *out = PyList_New(nrows);
    int conflict = 0;
    if (out == NULL) {
        goto fail;
    }
    for (Py_ssize_t r = 0; r < nrows; r++) {
        PyObject *figures = line_figures(PyList_GET_ITEM(rows, r), "placements");
        if (figures == NULL) {
            goto fail;
        }
        const Py_ssize_t nfig = PyTuple_GET_SIZE(figures);
        if (nfig > 0 && ncols == 0) {
            PyErr_SetString(PyExc_ValueError, "placements(): figures and no column");
            goto fail;
        }
        PyObject *placed = PyList_New(nfig);
        if (placed == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(out, r, placed);
        for (Py_ssize_t k = 0; k < nfig; k++) {
            PyObject *chunk = PyTuple_GET_ITEM(figures, k);
            if (!PyTuple_Check(chunk) || PyTuple_GET_SIZE(chunk) != 6) {
                PyErr_SetString(PyExc_TypeError, "placements(): a figure is not a FigureChunk");
                goto fail;
            }
            const Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(chunk, 3));
            const Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(chunk, 4));
            if ((start == -1 || end == -1) && PyErr_Occurred()) {
                goto fail;
            }
            const Py_ssize_t col = column_at(bounds, ncols, start, end);
            for (Py_ssize_t j = 0; j < k && !conflict; j++) {
                conflict = PyLong_AsSsize_t(PyList_GET_ITEM(placed, j)) == col;
            }
            PyObject *index = PyLong_FromSsize_t(col);
            if (index == NULL) {
                goto fail;
            }
            PyList_SET_ITEM(placed, k, index);
        }
    }
    PyMem_Free(bounds);
    PyObject *result = Py_BuildValue("(NO)", out, conflict ? Py_True : Py_False);
    return result;
fail:
    PyMem_Free(bounds);
    Py_XDECREF(out);
    return NULL;
}

/* ---- paragraph: paragraphs._paragraph_python, compiled ----
 *
 * A paragraph of running text from its lines: each line stripped (str.strip's spaces,
 * Py_UNICODE_ISSPACE), joined by single spaces, and the piece of each line (its offset in
 * the text, the Span of its stripped text on its source line) made as the quick_init
 * records' __init__ makes them (slotted_record). A text release has a hundred paragraphs
 * and more, of several lines each: the Python made a Span, two strips and a call per line. */

PyDoc_STRVAR(paragraph_doc,
             "paragraph(kinds, lines, block, first_line, exhibit, /)\n"
             "--\n\n"
             "paragraphs._paragraph_python: the Paragraph of the lines (a tuple of str) at "
             "the indexes of the block (a non-empty list), each stripped and joined by a "
             "space, with the (offset, Span) piece of each. `kinds` is (Paragraph, its "
             "fields' slots, Span, its).");

static PyObject *
paragraph(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "paragraph() takes five arguments");
        return NULL;
    }
    PyObject *kinds = args[0], *lines = args[1], *block = args[2], *exhibit = args[4];
    if (!PyTuple_Check(kinds) || PyTuple_GET_SIZE(kinds) != 4 ||
        !PyType_Check(PyTuple_GET_ITEM(kinds, 0)) || !fields_of(PyTuple_GET_ITEM(kinds, 1), 3) ||
        !PyType_Check(PyTuple_GET_ITEM(kinds, 2)) || !fields_of(PyTuple_GET_ITEM(kinds, 3), 6)) {
        PyErr_SetString(PyExc_TypeError, "paragraph(): kinds is (Paragraph, 3 slots, Span, 6)");
        return NULL;
    }
    if (!PyTuple_Check(lines) || !PyList_Check(block) || PyList_GET_SIZE(block) == 0) {
        PyErr_SetString(PyExc_TypeError,
                        "paragraph() takes a tuple of lines and a non-empty list of indexes");
        return NULL;
    }
    const Py_ssize_t first_line = PyLong_AsSsize_t(args[3]);
    if (first_line == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *span_type = PyTuple_GET_ITEM(kinds, 2), *span_fields = PyTuple_GET_ITEM(kinds, 3);
    const Py_ssize_t n = PyList_GET_SIZE(block);
    PyObject *parts = PyList_New(n), *pieces = PyTuple_New(n), *made = NULL;
    if (parts == NULL || pieces == NULL) {
        goto done;
    }
    Py_ssize_t offset = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(block, k));
        if (i == -1 && PyErr_Occurred()) {
            goto done;
        }
        if (i < 0 || i >= PyTuple_GET_SIZE(lines)) {
            PyErr_SetString(PyExc_IndexError, "paragraph(): a line index out of range");
            goto done;
        }
        PyObject *raw = PyTuple_GET_ITEM(lines, i);
        if (!PyUnicode_Check(raw) || PyUnicode_READY(raw) < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "paragraph(): a line is not a str");
            }
            goto done;
        }
        const int kind = PyUnicode_KIND(raw);
        const void *data = PyUnicode_DATA(raw);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(raw);
        Py_ssize_t col = 0, last = size;
        while (col < size && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, col))) {
            col++;
        }
        while (last > col && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, last - 1))) {
            last--;
        }
        /* str.strip gives the str itself when nothing is stripped */
        PyObject *stripped = col == 0 && last == size && PyUnicode_CheckExact(raw)
                                 ? Py_NewRef(raw)
                                 : PyUnicode_Substring(raw, col, last);
        if (stripped == NULL) {
            goto done;
        }
        PyList_SET_ITEM(parts, k, stripped);
        if (k > 0) {
            offset += 1; /* the space that joins it to the line before */
        }
        PyObject *line = PyLong_FromSsize_t(first_line + i);
        PyObject *span = line == NULL ? NULL : span_of(span_type, span_fields, line, col, last);
        Py_XDECREF(line);
        PyObject *at = span == NULL ? NULL : PyLong_FromSsize_t(offset);
        PyObject *piece = at == NULL ? NULL : PyTuple_Pack(2, at, span);
        Py_XDECREF(at);
        Py_XDECREF(span);
        if (piece == NULL) {
            goto done;
        }
        PyTuple_SET_ITEM(pieces, k, piece);
        offset += last - col;
    }
    PyObject *space = PyUnicode_FromOrdinal(' ');
    PyObject *text = space == NULL ? NULL : PyUnicode_Join(space, parts);
    Py_XDECREF(space);
    if (text != NULL) {
        PyObject *values[3] = {text, pieces, exhibit};
        made = slotted_record((PyTypeObject *)PyTuple_GET_ITEM(kinds, 0),
                              PyTuple_GET_ITEM(kinds, 1), values);
        Py_DECREF(text);
    }
done:
    Py_XDECREF(parts);
    Py_XDECREF(pieces);
    return made;
}

/* ---- prose_blocks: paragraphs._prose_blocks_python, compiled ----
 *
 * The blocks of a text document's prose lines, in one walk of its lines: a line kept (the
 * tables' lines and markup aside) and not blank joins the block before it, a bullet or a
 * note mark (_ITEM) opens a new block, and a block whose lines are mostly laid out in
 * columns (_is_columnar) is left out. The lines holding "<" (EDGAR's markup, rare) are
 * asked of the three patterns given; every other pattern is read here as the regular
 * expression reads it: \s is Py_UNICODE_ISSPACE, \d Py_UNICODE_ISDECIMAL, \w
 * Py_UNICODE_ISALNUM or "_", as _sre asks them. */

#define IS_WORD(ch) (Py_UNICODE_ISALNUM(ch) || (ch) == '_')

/* _RULE, ^[-=_*#\s]+$: rule characters and whitespace alone, at least one */
static int
rule_like(int kind, const void *data, Py_ssize_t n)
{
    for (Py_ssize_t k = 0; k < n; k++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (!(ch == '-' || ch == '=' || ch == '_' || ch == '*' || ch == '#' ||
              Py_UNICODE_ISSPACE(ch))) {
            return 0;
        }
    }
    return n > 0;
}

/* _ITEM, ^\s*(?:-\s-\s|\u2022|\*\s|\(\w{1,2}\)\s) */
static int
item_like(int kind, const void *data, Py_ssize_t n)
{
    Py_ssize_t k = 0;
    while (k < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) {
        k++;
    }
#define CH(j) ((j) < n ? PyUnicode_READ(kind, data, (j)) : 0)
#define SP(j) ((j) < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, (j))))
    const Py_UCS4 ch = CH(k);
    if (ch == '-' && SP(k + 1) && CH(k + 2) == '-' && SP(k + 3)) {
        return 1;
    }
    if (k < n && ch == 0x2022) {
        return 1;
    }
    if (ch == '*' && SP(k + 1)) {
        return 1;
    }
    if (ch == '(') {
        Py_ssize_t w = 0;
        while (w < 3 && k + 1 + w < n && IS_WORD(CH(k + 1 + w))) {
            w++;
        }
        return w >= 1 && w <= 2 && CH(k + 1 + w) == ')' && SP(k + 2 + w);
    }
    return 0;
}

/* _is_columnar: after any bullet (_BULLET, ^(?:-\s-|[-*•]|\(\w{1,3}\)|\d{1,2}\.)\s+, of
 * the stripped line), a run of three spaces or more between two characters not \s
 * (_GAP, \S {3,}\S) */
static int
columnar_like(int kind, const void *data, Py_ssize_t n)
{
    Py_ssize_t first = 0, last = n;
    while (first < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, first))) {
        first++;
    }
    while (last > first && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, last - 1))) {
        last--;
    }
    n = last; /* the stripped line is [first, last) */
    const Py_ssize_t k = first;
    Py_ssize_t body = first; /* where the bullet's spaces end, when it has one */
    Py_ssize_t mark = -1;    /* where a bullet's mark ends, before its spaces */
    const Py_UCS4 ch = CH(k);
    if (k < n && ch == '-' && SP(k + 1) && CH(k + 2) == '-' && k + 2 < n && SP(k + 3)) {
        mark = k + 3;
    }
    else if (k < n && (ch == '-' || ch == '*' || ch == 0x2022) && SP(k + 1)) {
        mark = k + 1;
    }
    else if (ch == '(') {
        Py_ssize_t w = 0;
        while (w < 4 && k + 1 + w < n && IS_WORD(CH(k + 1 + w))) {
            w++;
        }
        if (w >= 1 && w <= 3 && k + 1 + w < n && CH(k + 1 + w) == ')' && SP(k + 2 + w)) {
            mark = k + 2 + w;
        }
    }
    else if (k < n && Py_UNICODE_ISDECIMAL(ch)) {
        Py_ssize_t d = 0;
        while (d < 3 && k + d < n && Py_UNICODE_ISDECIMAL(CH(k + d))) {
            d++;
        }
        if (d <= 2 && k + d < n && CH(k + d) == '.' && SP(k + d + 1)) {
            mark = k + d + 1;
        }
    }
    if (mark >= 0) {
        body = mark;
        while (body < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, body))) {
            body++;
        }
    }
    for (Py_ssize_t j = body + 1; j < n; j++) {
        if (CH(j) != ' ' || Py_UNICODE_ISSPACE(CH(j - 1))) {
            continue;
        }
        Py_ssize_t end = j;
        while (end < n && CH(end) == ' ') {
            end++;
        }
        if (end - j >= 3 && end < n && !Py_UNICODE_ISSPACE(CH(end))) {
            return 1;
        }
        j = end;
    }
    return 0;
#undef SP
#undef CH
}

/* a pattern's match of the text asked: 1 matched, 0 not, -1 with the error set */
static int
matches(PyObject *match, PyObject *text)
{
    PyObject *found = PyObject_CallOneArg(match, text);
    if (found == NULL) {
        return -1;
    }
    const int yes = found != Py_None;
    Py_DECREF(found);
    return yes;
}

/* the block ended: appended when fewer than half... its columnar lines at most half */
static int
close_block(PyObject *blocks, PyObject *block, Py_ssize_t columnar)
{
    if (columnar * 2 > PyList_GET_SIZE(block)) {
        return 0;
    }
    return PyList_Append(blocks, block);
}

PyDoc_STRVAR(prose_blocks_doc,
             "prose_blocks(lines, keep, table_open, markup, table_close, /)\n"
             "--\n\n"
             "paragraphs._prose_blocks_python: the blocks (lists of line indexes) of the "
             "prose lines of a tuple of lines, `keep` a list of whether each lies outside "
             "the tables; the three callables the match of _TABLE_OPEN, _MARKUP and "
             "_TABLE_CLOSE, asked of a line holding \"<\".");

static PyObject *
prose_blocks(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "prose_blocks() takes five arguments");
        return NULL;
    }
    PyObject *lines = args[0], *keep = args[1];
    PyObject *table_open = args[2], *markup = args[3], *table_close = args[4];
    if (!PyTuple_Check(lines) || !PyList_Check(keep) ||
        PyList_GET_SIZE(keep) != PyTuple_GET_SIZE(lines)) {
        PyErr_SetString(PyExc_TypeError,
                        "prose_blocks() takes a tuple of lines and a list of as many flags");
        return NULL;
    }
    PyObject *blocks = PyList_New(0);
    PyObject *current = NULL;
    Py_ssize_t columnar = 0;
    int in_markup = 0;
    if (blocks == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(lines); i++) {
        PyObject *text = PyTuple_GET_ITEM(lines, i);
        if (!PyUnicode_Check(text) || PyUnicode_READY(text) < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "prose_blocks(): a line is not a str");
            }
            goto fail;
        }
        int kept = PyObject_IsTrue(PyList_GET_ITEM(keep, i));
        if (kept < 0) {
            goto fail;
        }
        const int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        int blank = 1;
        for (Py_ssize_t k = 0; k < n && blank; k++) {
            blank = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k));
        }
        if (PyUnicode_FindChar(text, '<', 0, n, 1) >= 0) {
            const int opens = matches(table_open, text);
            if (opens < 0) {
                goto fail;
            }
            in_markup = in_markup || opens;
            if (in_markup) {
                kept = 0;
            }
            else {
                const int marked = matches(markup, text);
                if (marked < 0) {
                    goto fail;
                }
                kept = kept && !marked;
            }
            const int closes = matches(table_close, text);
            if (closes < 0) {
                goto fail;
            }
            in_markup = in_markup && !closes;
        }
        else if (in_markup || (kept && rule_like(kind, data, n))) {
            kept = 0;
        }
        if (kept && !blank) {
            if (current != NULL && item_like(kind, data, n)) {
                /* a bullet or a note mark opens a new paragraph */
                const int rc = close_block(blocks, current, columnar);
                Py_CLEAR(current);
                if (rc < 0) {
                    goto fail;
                }
            }
            if (current == NULL) {
                current = PyList_New(0);
                columnar = 0;
                if (current == NULL) {
                    goto fail;
                }
            }
            PyObject *index = PyLong_FromSsize_t(i);
            if (index == NULL || PyList_Append(current, index) < 0) {
                Py_XDECREF(index);
                goto fail;
            }
            Py_DECREF(index);
            columnar += columnar_like(kind, data, n);
            continue;
        }
        if (current != NULL) {
            const int rc = close_block(blocks, current, columnar);
            Py_CLEAR(current);
            if (rc < 0) {
                goto fail;
            }
        }
    }
    if (current != NULL) {
        const int rc = close_block(blocks, current, columnar);
        Py_CLEAR(current);
        if (rc < 0) {
            goto fail;
        }
    }
    return blocks;
fail:
    Py_XDECREF(current);
    Py_DECREF(blocks);
    return NULL;
}

#undef IS_WORD

/* ---- regions: blocks._regions_python, compiled ----
 *
 * The spans [start, end) of a document's lines that hold figure rows and no prose between
 * them, in one walk of the TextLines (figures 3, rule 4, years_only 7, blank 8, prose 9
 * read by their places): a region is broken by running text, an EDGAR <TABLE> or
 * </TABLE> line (the two patterns given, asked of a line holding "<") or eight blank lines;
 * it ends at its last figure row or rule. */

/* a region [start, last + 1) appended: 0, or -1 with the error set */
static int
add_region(PyObject *out, Py_ssize_t start, Py_ssize_t last)
{
    PyObject *region = Py_BuildValue("(nn)", start, last + 1);
    if (region == NULL) {
        return -1;
    }
    const int rc = PyList_Append(out, region);
    Py_DECREF(region);
    return rc;
}

PyDoc_STRVAR(regions_doc,
             "regions(lines, table_open, table_close, rule_none, blanks_end, /)\n"
             "--\n\n"
             "blocks._regions_python: the spans (start, end) of the list of TextLines that "
             "hold figure rows and no prose between them; the two callables the match of "
             "TABLE_OPEN and TABLE_CLOSE, asked of a line holding \"<\"; blanks_end the "
             "blank lines that end a table.");

static PyObject *
regions(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "regions() takes a list of lines and four more");
        return NULL;
    }
    PyObject *lines = args[0], *table_open = args[1], *table_close = args[2];
    PyObject *rule_none = args[3];
    const Py_ssize_t blanks_end = PyLong_AsSsize_t(args[4]);
    if (blanks_end == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t start = -1, last_fig = -1, blanks = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (!PyTuple_Check(line) || PyTuple_GET_SIZE(line) != 11 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(line, 0)) ||
            !PyTuple_Check(PyTuple_GET_ITEM(line, 3))) {
            PyErr_SetString(PyExc_TypeError, "regions(): a line is not a TextLine");
            goto fail;
        }
        PyObject *text = PyTuple_GET_ITEM(line, 0);
        int breaks = PyTuple_GET_ITEM(line, 9) == Py_True || blanks >= blanks_end;
        if (PyUnicode_READY(text) < 0) {
            goto fail;
        }
        if (PyUnicode_FindChar(text, '<', 0, PyUnicode_GET_LENGTH(text), 1) >= 0) {
            const int closing = matches(table_close, text);
            const int opening = closing < 0 ? -1 : matches(table_open, text);
            if (opening < 0) {
                goto fail;
            }
            breaks = breaks || closing || opening;
        }
        if (breaks && start >= 0) {
            if (add_region(out, start, last_fig) < 0) {
                goto fail;
            }
            start = -1;
        }
        blanks = PyTuple_GET_ITEM(line, 8) == Py_True ? blanks + 1 : 0;
        const int is_row =
            PyTuple_GET_SIZE(PyTuple_GET_ITEM(line, 3)) > 0 && PyTuple_GET_ITEM(line, 7) != Py_True;
        if (is_row) {
            if (start < 0) {
                start = i;
            }
            last_fig = i;
        }
        else if (PyTuple_GET_ITEM(line, 4) != rule_none && start >= 0) {
            last_fig = i;
        }
    }
    if (start >= 0 && add_region(out, start, last_fig) < 0) {
        goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---- column_extents: columns._column_extents_python, compiled ----
 *
 * A table's figure columns before they are placed: the digits' spans of every figure of
 * its rows, sorted, those that overlap merged (a span that starts before the last one
 * ends joins it). A table's figures are a few hundred: their spans are read into one
 * array and sorted there, where the Python made a tuple of each and a list of them. */

PyDoc_STRVAR(column_extents_doc,
             "column_extents(rows, /)\n"
             "--\n\n"
             "columns._column_extents_python: the (start, end) extents of the figure "
             "columns of a list of TextLines, the union of overlapping digit spans.");

static int
compare_spans(const void *a, const void *b)
{
    const Py_ssize_t *x = a, *y = b;
    if (x[0] != y[0]) {
        return x[0] < y[0] ? -1 : 1;
    }
    return x[1] < y[1] ? -1 : (x[1] > y[1] ? 1 : 0);
}

static PyObject *
column_extents(PyObject *Py_UNUSED(module), PyObject *rows)
{
    if (!PyList_Check(rows)) {
        PyErr_SetString(PyExc_TypeError, "column_extents() takes a list of rows");
        return NULL;
    }
    const Py_ssize_t nrows = PyList_GET_SIZE(rows);
    Py_ssize_t count = 0;
    for (Py_ssize_t r = 0; r < nrows; r++) {
        PyObject *figures = line_figures(PyList_GET_ITEM(rows, r), "column_extents");
        if (figures == NULL) {
            return NULL;
        }
        count += PyTuple_GET_SIZE(figures);
    }
    Py_ssize_t *spans = PyMem_Malloc(2 * (size_t)(count > 0 ? count : 1) * sizeof(Py_ssize_t));
    if (spans == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t r = 0; r < nrows; r++) {
        PyObject *figures = PyTuple_GET_ITEM(PyList_GET_ITEM(rows, r), 3);
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(figures) && n < count; k++) {
            PyObject *chunk = PyTuple_GET_ITEM(figures, k);
            if (!PyTuple_Check(chunk) || PyTuple_GET_SIZE(chunk) != 6) {
                PyErr_SetString(PyExc_TypeError,
                                "column_extents(): a figure is not a FigureChunk");
                PyMem_Free(spans);
                return NULL;
            }
            spans[2 * n] = PyLong_AsSsize_t(PyTuple_GET_ITEM(chunk, 3));
            spans[2 * n + 1] = PyLong_AsSsize_t(PyTuple_GET_ITEM(chunk, 4));
            if ((spans[2 * n] == -1 || spans[2 * n + 1] == -1) && PyErr_Occurred()) {
                PyMem_Free(spans);
                return NULL;
            }
            n++;
        }
    }
    qsort(spans, (size_t)n, 2 * sizeof(Py_ssize_t), compare_spans);
    Py_ssize_t merged = 0; /* merged in place: spans[0 .. 2 * merged) */
    for (Py_ssize_t k = 0; k < n; k++) {
        const Py_ssize_t s = spans[2 * k], e = spans[2 * k + 1];
        if (merged > 0 && s < spans[2 * merged - 1]) {
            if (e > spans[2 * merged - 1]) {
                spans[2 * merged - 1] = e;
            }
        }
        else {
            spans[2 * merged] = s;
            spans[2 * merged + 1] = e;
            merged++;
        }
    }
    PyObject *out = PyList_New(merged);
    for (Py_ssize_t j = 0; out != NULL && j < merged; j++) {
        PyObject *col = Py_BuildValue("(nn)", spans[2 * j], spans[2 * j + 1]);
        if (col == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, j, col);
    }
    PyMem_Free(spans);
    return out;
}

static PyMethodDef methods[] = {
    {"runs", runs, METH_O, runs_doc},
    {"configure_figures", configure_figures, METH_O, configure_figures_doc},
    {"configure_plain", (PyCFunction)(void (*)(void))configure_plain, METH_FASTCALL,
     configure_plain_doc},
    {"plain_figure", plain_figure, METH_O, plain_figure_doc},
    {"read_line", (PyCFunction)(void (*)(void))read_line, METH_FASTCALL, read_line_doc},
    {"read_lines", (PyCFunction)(void (*)(void))read_lines, METH_FASTCALL, read_lines_doc},
    {"row_draft", (PyCFunction)(void (*)(void))row_draft, METH_FASTCALL, row_draft_doc},
    {"placements", (PyCFunction)(void (*)(void))placements, METH_FASTCALL, placements_doc},
    {"column_extents", column_extents, METH_O, column_extents_doc},
    {"paragraph", (PyCFunction)(void (*)(void))paragraph, METH_FASTCALL, paragraph_doc},
    {"rows", (PyCFunction)(void (*)(void))rows, METH_FASTCALL, rows_doc},
    {"prose_blocks", (PyCFunction)(void (*)(void))prose_blocks, METH_FASTCALL,
     prose_blocks_doc},
    {"regions", (PyCFunction)(void (*)(void))regions, METH_FASTCALL, regions_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "tieout.readers.text._runs",
    "The runs of text of a fixed-width line and the line read from them, a row's draft "
    "(readers/text/lines.py's _runs_python and _read_line_python, tables.py's "
    "_row_draft_python).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__runs(void)
{
    fill_byte_class();
    return PyModule_Create(&module);
}
