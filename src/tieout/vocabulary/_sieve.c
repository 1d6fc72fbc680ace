/* Which of a sieve's patterns may find something in a text: vocabulary/sieve.py's
 * _passing_python, compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): this gives the very same answer for every text. A
 * sentence is sieved some 13 times (its figures, periods, metrics, clauses, bases...), each
 * a loop over a few dozen words in Python; here the text is lowered once into a buffer,
 * with the set of its bytes and pairs of bytes, and each word is looked for only when
 * every pair of it is in the text. The table of the last text sieved is kept for the
 * next call with the same str object (``last``): the dozen sieves of one sentence make it once.
 *
 * For an ASCII text (three quarters of the corpus's sentences), ``folding.folded`` is
 * ``str.lower``, which makes each of "A".."Z" its lowercase letter and keeps every other
 * character: the bytes lowered here. Another text is folded by the Python function, and
 * each of its characters that is not ASCII is a byte 0x80 here, which no ASCII word holds:
 * an ASCII word is in the folded text exactly when its bytes are in these, at the same
 * places. A word that is not ASCII ("¢") is in no ASCII text, and looked for in the
 * folded text of another.
 */

#define _GNU_SOURCE /* memmem */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>


/* The lowered text, and which of its bytes and pairs of bytes it holds (every ASCII one
 * and pair: 128 and 128 x 128 bits). Most words looked for are in no text: a pair of the
 * word the text lacks says so at once, and only a word whose every pair is there is
 * looked for (memmem). */
typedef struct {
    PyObject *folded; /* a text that is not ASCII, folded: for a word that is not ASCII */
    const char *low;
    Py_ssize_t n;
    uint64_t bytes[2];
    uint64_t pairs[128 * 128 / 64];
} Lowered;

static inline int
has_byte(const Lowered *t, unsigned char c)
{
    return (t->bytes[c >> 6] >> (c & 63)) & 1;
}

static inline int
has_pair(const Lowered *t, unsigned char a, unsigned char b)
{
    unsigned k = ((unsigned)a << 7) | b;
    return (t->pairs[k >> 6] >> (k & 63)) & 1;
}

/* whether the lowered text holds the word: 1, 0, or -1 with an exception set */
static int
holds(const Lowered *t, PyObject *word)
{
    if (!PyUnicode_Check(word)) {
        PyErr_SetString(PyExc_TypeError, "a sieve's words are str");
        return -1;
    }
    if (!PyUnicode_IS_ASCII(word)) { /* "¢": in no ASCII text, else looked for */
        if (t->folded == NULL) {
            return 0;
        }
        Py_ssize_t at = PyUnicode_Find(t->folded, word, 0, t->n, 1);
        return at == -2 ? -1 : at >= 0;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    const unsigned char *w = PyUnicode_1BYTE_DATA(word);
    if (length == 0) {
        return 1;
    }
    if (length > t->n) {
        return 0;
    }
    if (length == 1) {
        return has_byte(t, w[0]);
    }
    for (Py_ssize_t i = 0; i + 1 < length; i++) {
        if (!has_pair(t, w[i], w[i + 1])) {
            return 0;
        }
    }
    return memmem(t->low, (size_t)t->n, w, (size_t)length) != NULL;
}

/* whether the lowered text holds a word of each clause of ``need``: 1, 0, or -1 */
static int
passes(const Lowered *t, PyObject *need)
{
    if (!PyTuple_Check(need)) {
        PyErr_SetString(PyExc_TypeError, "a sieve's needs are tuples");
        return -1;
    }
    for (Py_ssize_t c = 0; c < PyTuple_GET_SIZE(need); c++) {
        PyObject *words = PyTuple_GET_ITEM(need, c);
        if (!PyTuple_Check(words)) {
            PyErr_SetString(PyExc_TypeError, "a sieve's clauses are tuples");
            return -1;
        }
        int found = 0;
        for (Py_ssize_t w = 0; w < PyTuple_GET_SIZE(words) && !found; w++) {
            found = holds(t, PyTuple_GET_ITEM(words, w));
            if (found < 0) {
                return -1;
            }
        }
        if (!found) {
            return 0;
        }
    }
    return 1;
}

/* The last text sieved, lowered, and the text and ``folded`` it was made with (a
 * reference to each held, so another object cannot be taken for them at the same
 * address): a sentence is sieved a dozen times (its figures, periods, metrics, clauses,
 * comparison words...), each time the same str object, and its table is made once. One
 * entry, replaced by the next text; a text is immutable, so the table is its own. */
static PyObject *last_text = NULL;
static PyObject *last_folding = NULL;
static Lowered last = {NULL, NULL, 0, {0, 0}, {0}};

/* ``t`` for ``text``: its folded text (when it is not ASCII), lowered into a buffer of
 * its own on the heap, with its bytes and pairs; 0, or -1 with an exception set */
static int
lower(Lowered *t, PyObject *text, PyObject *folding)
{
    t->folded = NULL;
    t->low = NULL;
    if (!PyUnicode_IS_ASCII(text)) {
        t->folded = PyObject_CallOneArg(folding, text);
        if (t->folded == NULL) {
            return -1;
        }
        if (!PyUnicode_Check(t->folded)) {
            PyErr_SetString(PyExc_TypeError, "folded() gives a str");
            Py_CLEAR(t->folded);
            return -1;
        }
    }
    PyObject *source = t->folded != NULL ? t->folded : text;
    Py_ssize_t n = PyUnicode_GET_LENGTH(source);
    int kind = PyUnicode_KIND(source);
    const void *data = PyUnicode_DATA(source);
    char *low = PyMem_Malloc((size_t)n + 1);
    if (low == NULL) {
        Py_CLEAR(t->folded);
        PyErr_NoMemory();
        return -1;
    }
    /* the text lowered (an ASCII text: folded is str.lower, which lowers "A".."Z" only;
     * a folded one is lowered already), a character that is not ASCII a byte of 0x80,
     * which is in no ASCII word: its bytes and pairs are not set */
    t->low = low;
    t->n = n;
    memset(t->bytes, 0, sizeof t->bytes);
    memset(t->pairs, 0, sizeof t->pairs);
    unsigned before = 0x80;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        unsigned ch = c < 0x80 ? (unsigned)c : 0x80;
        if (ch >= 'A' && ch <= 'Z') {
            ch |= 0x20;
        }
        low[i] = (char)ch;
        if (ch < 0x80) {
            t->bytes[ch >> 6] |= (uint64_t)1 << (ch & 63);
            if (before < 0x80) {
                unsigned k = (before << 7) | ch;
                t->pairs[k >> 6] |= (uint64_t)1 << (k & 63);
            }
        }
        before = ch;
    }
    return 0;
}

PyDoc_STRVAR(passing_doc,
             "passing(text, patterns, folded, /)\n"
             "--\n\n"
             "sieve._passing_python: of the (need, pair) entries, the list of the pairs whose "
             "need the text folded meets (a word of each clause in it), in order; ``folded`` "
             "is folding.folded, called for a text that is not ASCII.");

static PyObject *
passing(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "passing() takes a text, the patterns and folded");
        return NULL;
    }
    PyObject *text = args[0], *patterns = args[1], *folding = args[2];
    if (!PyUnicode_Check(text) || !PyTuple_Check(patterns)) {
        PyErr_SetString(PyExc_TypeError, "passing() takes a str and a tuple");
        return NULL;
    }
    if (text != last_text || folding != last_folding) {
        Lowered t;
        if (lower(&t, text, folding) < 0) { /* ``folded`` may sieve: ``last`` is kept */
            return NULL;
        }
        Py_XDECREF(last.folded);
        PyMem_Free((void *)last.low);
        Py_XDECREF(last_text);
        Py_XDECREF(last_folding);
        last = t;
        last_text = Py_NewRef(text);
        last_folding = Py_NewRef(folding);
    }
    const Lowered *t = &last;
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(patterns); k++) {
        PyObject *entry = PyTuple_GET_ITEM(patterns, k);
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 2) {
            PyErr_SetString(PyExc_TypeError, "a sieve's entries are (need, pair)");
            Py_DECREF(out);
            return NULL;
        }
        int ok = passes(t, PyTuple_GET_ITEM(entry, 0));
        if (ok < 0 || (ok && PyList_Append(out, PyTuple_GET_ITEM(entry, 1)) < 0)) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

static PyMethodDef methods[] = {
    {"passing", (PyCFunction)(void (*)(void))passing, METH_FASTCALL, passing_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.vocabulary._sieve",
    "Which of a sieve's patterns may find something in a text, compiled from _sieve.c "
    "(sieve._passing_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__sieve(void)
{
    return PyModule_Create(&module_def);
}
