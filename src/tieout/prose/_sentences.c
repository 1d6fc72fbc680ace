/* The sentences of a paragraph: prose/sentences.py's _spans_python, compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): this gives the very same spans for every text. Python searches the bullets
 * printed inside a paragraph (_BULLET), and in each piece between them the ends of
 * sentences (_END: ".", "!" or "?", closing quotes, spaces, and a capital, a digit, "$"
 * or a quote before one, or a dash or bullet and a space), calling _abbreviation_before
 * for each period; here one pass of C over the paragraph does the same.
 *
 * re's rules for a str pattern without IGNORECASE: \s is a space by Unicode
 * (Py_UNICODE_ISSPACE), [A-Z0-9$] those ASCII characters only; str.isalpha, str.strip and
 * str.rstrip read characters by Unicode (Py_UNICODE_ISALPHA, Py_UNICODE_ISSPACE). Where re
 * would backtrack nothing else can match: after the closing quotes and the spaces, taken
 * whole, the lookahead needs a character that is neither.  The word before a period is
 * lowered and looked up by Python's own str.lower and the set of abbreviations given, so
 * a word not ASCII is read as Python reads it.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
    PyObject *text;
} Text;

static inline Py_UCS4
at(const Text *t, Py_ssize_t i)
{
    return PyUnicode_READ(t->kind, t->data, i);
}

static inline int
space_char(Py_UCS4 c)
{
    return c < 128 ? (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
                   : Py_UNICODE_ISSPACE(c);
}

static inline int
bullet_char(Py_UCS4 c)
{
    return c == 0x2022 || c == 0x25aa || c == 0x25cf || c == 0x25e6 || c == 0x2023;
}

/* [A-Z0-9$] */
static inline int
opener(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$';
}

/* _END's lookahead at k, the piece ending at b:
 * (?=["'\u201c(]?[A-Z0-9$]|[-\u2022*]\s) */
static int
opens_sentence(const Text *t, Py_ssize_t k, Py_ssize_t b)
{
    if (k >= b) {
        return 0;
    }
    Py_UCS4 c = at(t, k);
    if (opener(c)) {
        return 1;
    }
    int next = k + 1 < b;
    if ((c == '"' || c == '\'' || c == 0x201c || c == '(') && next && opener(at(t, k + 1))) {
        return 1;
    }
    return (c == '-' || c == 0x2022 || c == '*') && next && space_char(at(t, k + 1));
}

/* _abbreviation_before: whether the period at `dot` closes an abbreviation or an initial,
 * the piece beginning at a; -1 on an error. */
static int
abbreviation_before(const Text *t, Py_ssize_t a, Py_ssize_t dot, PyObject *abbreviations)
{
    Py_ssize_t start = dot;
    while (start > a) {
        Py_UCS4 c = at(t, start - 1);
        if (c != '.' && !Py_UNICODE_ISALPHA(c)) {
            break;
        }
        start--;
    }
    if (start == dot) {
        return 0;
    }
    PyObject *piece = PyUnicode_Substring(t->text, start, dot);
    if (piece == NULL) {
        return -1;
    }
    PyObject *word = PyObject_CallMethod(piece, "lower", NULL);
    Py_DECREF(piece);
    if (word == NULL) {
        return -1;
    }
    int found;
    if (PyUnicode_GET_LENGTH(word) == 1 &&
        Py_UNICODE_ISALPHA(PyUnicode_READ_CHAR(word, 0))) {
        found = 1; /* an initial: "Alan J. Lacy" */
    }
    else {
        found = PySet_Contains(abbreviations, word);
    }
    Py_DECREF(word);
    return found;
}

static int
append_span(PyObject *out, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *span = Py_BuildValue("(nn)", start, end);
    if (span == NULL) {
        return -1;
    }
    int failed = PyList_Append(out, span);
    Py_DECREF(span);
    return failed;
}

/* _sentences over the piece [a, b), its spans made absolute. */
static int
piece_sentences(const Text *t, Py_ssize_t a, Py_ssize_t b, PyObject *abbreviations,
                PyObject *out)
{
    Py_ssize_t start = a, p = a;
    while (p < b) {
        Py_UCS4 c = at(t, p);
        if (c != '.' && c != '!' && c != '?') {
            p++;
            continue;
        }
        Py_ssize_t j = p + 1;
        while (j < b) {
            Py_UCS4 q = at(t, j);
            if (q != '"' && q != '\'' && q != ')' && q != 0x201d) {
                break;
            }
            j++;
        }
        Py_ssize_t k = j;
        while (k < b && space_char(at(t, k))) {
            k++;
        }
        if (k == j || !opens_sentence(t, k, b)) {
            p++;
            continue;
        }
        /* a match [p, k): finditer resumes at k */
        int abbreviated = 0;
        if (c == '.') {
            abbreviated = abbreviation_before(t, a, p, abbreviations);
            if (abbreviated < 0) {
                return -1;
            }
        }
        if (!abbreviated) {
            Py_ssize_t end = k;
            while (end > start && at(t, end - 1) == ' ') {
                end--;
            }
            if (end > start && append_span(out, start, end) < 0) {
                return -1;
            }
            start = k;
        }
        p = k;
    }
    /* the rest, when it holds more than spaces: up to its last character not a space */
    Py_ssize_t last = b;
    while (last > a && Py_UNICODE_ISSPACE(at(t, last - 1))) {
        last--;
    }
    if (start < b && last > start) {
        return append_span(out, start, last);
    }
    return 0;
}

PyDoc_STRVAR(spans_doc,
             "spans(abbreviations, text) -> list of (start, end)\n\n"
             "The [start, end) offsets of each sentence of a paragraph's text, a bullet "
             "printed inside it ending one too (sentences._spans_python), no bound applied; "
             "abbreviations the lowercase words a period after which ends no sentence.");

static PyObject *
spans(PyObject *Py_UNUSED(self), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "spans() takes the abbreviations and a text");
        return NULL;
    }
    PyObject *abbreviations = args[0], *text = args[1];
    if (!PyAnySet_Check(abbreviations)) {
        PyErr_SetString(PyExc_TypeError, "spans() needs a set or frozenset of abbreviations");
        return NULL;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "spans() needs a str");
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), text};
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t offset = 0;
    if (t.kind != PyUnicode_1BYTE_KIND) { /* a bullet is past Latin-1 */
        /* _BULLET's matches, \s+[bullets]\s*, each where finditer finds it: a run of
         * spaces (whole: a bullet is none) just before a bullet, and the spaces after */
        Py_ssize_t p = 0;
        while (p < t.n) {
            if (!space_char(at(&t, p))) {
                p++;
                continue;
            }
            Py_ssize_t q = p;
            while (q < t.n && space_char(at(&t, q))) {
                q++;
            }
            if (q >= t.n || !bullet_char(at(&t, q))) {
                p = q;
                continue;
            }
            Py_ssize_t r = q + 1;
            while (r < t.n && space_char(at(&t, r))) {
                r++;
            }
            if (piece_sentences(&t, offset, p, abbreviations, out) < 0) {
                Py_DECREF(out);
                return NULL;
            }
            offset = p = r;
        }
    }
    if (piece_sentences(&t, offset, t.n, abbreviations, out) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"spans", (PyCFunction)(void (*)(void))spans, METH_FASTCALL, spans_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.prose._sentences",
    "The sentences of a paragraph, compiled from _sentences.c (sentences._spans_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__sentences(void)
{
    return PyModule_Create(&module_def);
}
