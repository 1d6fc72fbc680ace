/* The words the sentence pass reads around a figure, compiled: prose/frames.py's
 * _tokens_python and prose/claims.py's _last_words_python and _spaced_python.
 *
 * The Python functions are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler): these give the very same strings for every text.
 *
 * tokens(text): frames._TOKEN's matches, [A-Za-z][A-Za-z'-]*|\d[\d,.]*%?|\$, each
 * lowercased (str.lower), in order. A str pattern without IGNORECASE: [A-Za-z] are those
 * ASCII letters only, \d a decimal digit by Unicode (re's Py_UNICODE_ISDECIMAL). A
 * token of letters is ASCII and lowered here; one of digits is lowered by str.lower
 * itself when it is not ASCII (an ASCII one has no letter to lower).
 *
 * last_words(text, end): the last twelve of claims._WORD's matches, [A-Za-z][A-Za-z'&-]*,
 * in the 200 characters before end, joined by one space: a word is a run of those
 * characters from its first letter on, ASCII whatever the text around it.
 *
 * spaced(text): " ".join(text.split()): the text itself when it is so already; str.split's
 * whitespace is Py_UNICODE_ISSPACE.
 *
 * around(text, start, end): subjects._around_python, the last of labels.WORD's matches,
 * [A-Za-z][A-Za-z'&-]*|\d[\d,.]*|\$, in the 40 characters before start and the first
 * in the 40 after end, each lowercased ("" where there is none); lowered as tokens' are.
 *
 * runs(text): subjects._text_runs_python, the distinct runs of ASCII letters and digits
 * of the text folded (folding.folded), as a frozenset: each made into a str once, however
 * often the text spells it (a release's prose spells some 600 distinct runs in 5,000).
 * A text not all ASCII (every HTML release's prose: curly quotes, dashes, bullets) is
 * folded into bytes first (folded_bytes).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#define LAST_WINDOW 200
#define AROUND_WINDOW 40
#define LAST_COUNT 12

static inline int
ascii_letter(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static inline int
space_char(Py_UCS4 c)
{
    return c < 128 ? (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
                   : Py_UNICODE_ISSPACE(c);
}

/* An ASCII string of text[a:b] (every character ASCII), its letters lowered when `lower`. */
static PyObject *
ascii_piece(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, int lower)
{
    PyObject *out = PyUnicode_New(b - a, 127);
    if (out == NULL) {
        return NULL;
    }
    Py_UCS1 *to = PyUnicode_1BYTE_DATA(out);
    for (Py_ssize_t k = a; k < b; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        to[k - a] = (Py_UCS1)(lower && c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return out;
}

static int
append_new(PyObject *list, PyObject *item)
{
    if (item == NULL) {
        return -1;
    }
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

static PyObject *
tokens(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "tokens() takes a str");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_ssize_t j = i + 1;
        if (ascii_letter(c)) {
            while (j < n) {
                Py_UCS4 d = PyUnicode_READ(kind, data, j);
                if (!(ascii_letter(d) || d == '\'' || d == '-')) {
                    break;
                }
                j++;
            }
            if (append_new(out, ascii_piece(kind, data, i, j, 1)) < 0) {
                goto fail;
            }
        }
        else if (c == '$') {
            if (append_new(out, ascii_piece(kind, data, i, j, 0)) < 0) {
                goto fail;
            }
        }
        else if (Py_UNICODE_ISDECIMAL(c)) {
            int ascii = c < 128;
            while (j < n) {
                Py_UCS4 d = PyUnicode_READ(kind, data, j);
                if (d == ',' || d == '.') {
                    j++;
                    continue;
                }
                if (!Py_UNICODE_ISDECIMAL(d)) {
                    break;
                }
                ascii = ascii && d < 128;
                j++;
            }
            if (j < n && PyUnicode_READ(kind, data, j) == '%') {
                j++;
            }
            PyObject *piece;
            if (ascii) {
                piece = ascii_piece(kind, data, i, j, 0);
            }
            else {
                PyObject *raw = PyUnicode_Substring(arg, i, j);
                if (raw == NULL) {
                    goto fail;
                }
                piece = PyObject_CallMethod(raw, "lower", NULL);
                Py_DECREF(raw);
            }
            if (append_new(out, piece) < 0) {
                goto fail;
            }
        }
        i = j;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyObject *
last_words(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t end;
    if (!PyArg_ParseTuple(args, "Un:last_words", &text, &end)) {
        return NULL;
    }
    if (end < 0) {
        PyErr_SetString(PyExc_ValueError, "last_words() needs an end of 0 or more");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    /* text[end - 200 if end > 200 else 0 : end], as a slice reads it */
    Py_ssize_t a = end > LAST_WINDOW ? end - LAST_WINDOW : 0;
    Py_ssize_t b = end < n ? end : n;
    Py_ssize_t starts[LAST_COUNT], ends[LAST_COUNT];
    Py_ssize_t found = 0; /* words found; the last LAST_COUNT kept, round */
    Py_ssize_t i = a;
    while (i < b) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!ascii_letter(c)) {
            i++;
            continue;
        }
        Py_ssize_t j = i + 1;
        while (j < b) {
            Py_UCS4 d = PyUnicode_READ(kind, data, j);
            if (!(ascii_letter(d) || d == '\'' || d == '&' || d == '-')) {
                break;
            }
            j++;
        }
        starts[found % LAST_COUNT] = i;
        ends[found % LAST_COUNT] = j;
        found++;
        i = j;
    }
    Py_ssize_t kept = found < LAST_COUNT ? found : LAST_COUNT;
    Py_ssize_t first = found - kept;
    Py_ssize_t length = kept ? kept - 1 : 0;
    for (Py_ssize_t w = first; w < found; w++) {
        length += ends[w % LAST_COUNT] - starts[w % LAST_COUNT];
    }
    PyObject *out = PyUnicode_New(length, 127);
    if (out == NULL) {
        return NULL;
    }
    Py_UCS1 *to = PyUnicode_1BYTE_DATA(out);
    Py_ssize_t at = 0;
    for (Py_ssize_t w = first; w < found; w++) {
        if (w > first) {
            to[at++] = ' ';
        }
        for (Py_ssize_t k = starts[w % LAST_COUNT]; k < ends[w % LAST_COUNT]; k++) {
            to[at++] = (Py_UCS1)PyUnicode_READ(kind, data, k);
        }
    }
    return out;
}

static PyObject *
spaced(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "spaced() takes a str");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    /* one pass: the length and widest character of the words joined by one space, and
     * whether that is the text itself */
    Py_ssize_t length = 0;
    Py_UCS4 widest = 0;
    int same = 1;
    int words = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (space_char(c)) {
            Py_ssize_t j = i + 1;
            while (j < n && space_char(PyUnicode_READ(kind, data, j))) {
                j++;
            }
            /* kept as one " " only between two words, and only a lone " " as it is */
            if (i == 0 || j == n || j - i != 1 || c != ' ') {
                same = 0;
            }
            i = j;
            continue;
        }
        if (words) {
            length++; /* the space before this word */
        }
        words = 1;
        while (i < n) {
            c = PyUnicode_READ(kind, data, i);
            if (space_char(c)) {
                break;
            }
            if (c > widest) {
                widest = c;
            }
            length++;
            i++;
        }
    }
    if (same) {
        Py_INCREF(arg);
        return arg;
    }
    PyObject *out = PyUnicode_New(length, widest);
    if (out == NULL) {
        return NULL;
    }
    int to_kind = PyUnicode_KIND(out);
    void *to = PyUnicode_DATA(out);
    Py_ssize_t at = 0;
    i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (space_char(c)) {
            i++;
            continue;
        }
        if (at) {
            PyUnicode_WRITE(to_kind, to, at++, ' ');
        }
        while (i < n) {
            c = PyUnicode_READ(kind, data, i);
            if (space_char(c)) {
                break;
            }
            PyUnicode_WRITE(to_kind, to, at++, c);
            i++;
        }
    }
    return out;
}

/* labels.WORD's match at i (i < b): its end, or i when none begins there. */
static Py_ssize_t
word_at(int kind, const void *data, Py_ssize_t i, Py_ssize_t b, int *ascii)
{
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    Py_ssize_t j = i + 1;
    *ascii = 1;
    if (ascii_letter(c)) {
        while (j < b) {
            Py_UCS4 d = PyUnicode_READ(kind, data, j);
            if (!(ascii_letter(d) || d == '\'' || d == '&' || d == '-')) {
                break;
            }
            j++;
        }
        return j;
    }
    if (c == '$') {
        return j;
    }
    if (!Py_UNICODE_ISDECIMAL(c)) {
        return i;
    }
    *ascii = c < 128;
    while (j < b) {
        Py_UCS4 d = PyUnicode_READ(kind, data, j);
        if (d == ',' || d == '.') {
            j++;
            continue;
        }
        if (!Py_UNICODE_ISDECIMAL(d)) {
            break;
        }
        *ascii = *ascii && d < 128;
        j++;
    }
    return j;
}

/* text[a:b] lowercased, a word of labels.WORD ("" where a == b). */
static PyObject *
lowered_word(PyObject *text, Py_ssize_t a, Py_ssize_t b, int ascii)
{
    if (ascii) {
        return ascii_piece(PyUnicode_KIND(text), PyUnicode_DATA(text), a, b, 1);
    }
    PyObject *raw = PyUnicode_Substring(text, a, b);
    if (raw == NULL) {
        return NULL;
    }
    PyObject *out = PyObject_CallMethod(raw, "lower", NULL);
    Py_DECREF(raw);
    return out;
}

static PyObject *
around(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "Unn:around", &text, &start, &end)) {
        return NULL;
    }
    if (start < 0 || end < 0) {
        PyErr_SetString(PyExc_ValueError, "around() needs a start and an end of 0 or more");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    /* findall(text, max(0, start - 40), start): the last match */
    Py_ssize_t a = start > AROUND_WINDOW ? start - AROUND_WINDOW : 0;
    Py_ssize_t b = start < n ? start : n;
    Py_ssize_t last_a = 0, last_b = 0;
    int last_ascii = 1, ascii;
    Py_ssize_t i = a;
    while (i < b) {
        Py_ssize_t j = word_at(kind, data, i, b, &ascii);
        if (j == i) {
            i++;
            continue;
        }
        last_a = i;
        last_b = j;
        last_ascii = ascii;
        i = j;
    }
    /* search(text, end, end + 40): the first match */
    Py_ssize_t next_a = 0, next_b = 0;
    int next_ascii = 1;
    Py_ssize_t stop = end < n - AROUND_WINDOW ? end + AROUND_WINDOW : n;
    for (i = end; i < stop; i++) {
        Py_ssize_t j = word_at(kind, data, i, stop, &ascii);
        if (j > i) {
            next_a = i;
            next_b = j;
            next_ascii = ascii;
            break;
        }
    }
    PyObject *before = lowered_word(text, last_a, last_b, last_ascii);
    if (before == NULL) {
        return NULL;
    }
    PyObject *after = lowered_word(text, next_a, next_b, next_ascii);
    if (after == NULL) {
        Py_DECREF(before);
        return NULL;
    }
    PyObject *out = PyTuple_Pack(2, before, after);
    Py_DECREF(before);
    Py_DECREF(after);
    return out;
}

/* The distinct runs of an ASCII text: an open-addressed table of the runs found so far
 * (where each begins in the lowered text, its length and hash), grown as it fills. */
typedef struct {
    Py_ssize_t start;
    Py_ssize_t length; /* 0: an empty entry */
    size_t hash;
} Run;

/* 1 when the run low[start:start+length] is new (entered in the table), 0 when it is
 * there already, -1 with MemoryError set */
static int
entered(Run **table, size_t *capacity, size_t *count, const char *low, Py_ssize_t start,
        Py_ssize_t length, size_t hash)
{
    if ((*count + 1) * 2 > *capacity) {
        size_t grown = *capacity * 2;
        Run *bigger = PyMem_Calloc(grown, sizeof(Run));
        if (bigger == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        for (size_t k = 0; k < *capacity; k++) {
            Run e = (*table)[k];
            if (e.length) {
                size_t at = e.hash & (grown - 1);
                while (bigger[at].length) {
                    at = (at + 1) & (grown - 1);
                }
                bigger[at] = e;
            }
        }
        PyMem_Free(*table);
        *table = bigger;
        *capacity = grown;
    }
    size_t mask = *capacity - 1, at = hash & mask;
    for (;;) {
        Run *e = &(*table)[at];
        if (!e->length) {
            e->start = start;
            e->length = length;
            e->hash = hash;
            (*count)++;
            return 1;
        }
        if (e->hash == hash && e->length == length &&
            memcmp(low + e->start, low + start, (size_t)length) == 0) {
            return 0;
        }
        at = (at + 1) & mask;
    }
}

/* each byte of a run lowered ("A".."Z" made "a".."z", the letters and digits kept), any
 * other 0: set at the module's init */
static unsigned char run_char[256];

/* The folded characters of a text not all ASCII (subjects._text_runs_python's
 * folding.folded, then encode("ascii", "replace")), as the bytes runs reads: each ASCII
 * character as it is, each letter folding makes an ASCII one that one (the dotted capital
 * I, lowered "i" and a combining dot, and the dotless i "i", the long s "s", the Kelvin
 * sign "k"), a combining dot after an "i" of the lowered text dropped (folded's
 * replace("i\u0307", "i")), any other character 0 (its "?", no run's). No other
 * character lowercases (str.lower) to one holding an ASCII character or more than one
 * (tests/test_prose_words_compiled.py reads them all). The bytes' length, written to
 * `to` (at least as long as the text). */
static Py_ssize_t
folded_bytes(PyObject *text, unsigned char *to)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), j = 0;
    int after_i = 0; /* the lowered text's last character is "i" */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        unsigned char b;
        if (c < 128) {
            b = (unsigned char)c;
            after_i = c == 'i' || c == 'I';
        } else {
            if (c == 0x307 && after_i) {
                after_i = 0; /* dropped: the "i" before it runs on */
                continue;
            }
            b = c == 0x130 || c == 0x131 ? 'i' : c == 0x17f ? 's' : c == 0x212a ? 'k' : 0;
            after_i = 0; /* "\u0130" lowers to "i" and a dot: its own dot is dropped */
        }
        to[j++] = b;
    }
    return j;
}

static PyObject *
runs(PyObject *module, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "runs reads a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    size_t capacity = 256, count = 0;
    char *low = PyMem_Malloc(n > 0 ? (size_t)n : 1);
    unsigned char *bytes = NULL; /* the folded bytes of a text not all ASCII */
    Run *table = PyMem_Calloc(capacity, sizeof(Run));
    PyObject *out = PyFrozenSet_New(NULL);
    if (!PyUnicode_IS_ASCII(text) && (bytes = PyMem_Malloc(n > 0 ? (size_t)n : 1)) == NULL) {
        PyMem_Free(low);
        PyMem_Free(table);
        Py_XDECREF(out);
        return PyErr_NoMemory();
    }
    if (low == NULL || table == NULL || out == NULL) {
        PyMem_Free(low);
        PyMem_Free(bytes);
        PyMem_Free(table);
        Py_XDECREF(out);
        return out == NULL ? NULL : PyErr_NoMemory();
    }
    const unsigned char *data = PyUnicode_1BYTE_DATA(text);
    if (bytes != NULL) {
        n = folded_bytes(text, bytes);
        data = bytes;
    }
    Py_ssize_t i = 0;
    while (i < n) {
        if (!run_char[data[i]]) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        size_t hash = 1469598103934665603ULL; /* FNV-1a */
        for (; i < n; i++) {
            unsigned char c = run_char[data[i]];
            if (!c) {
                break;
            }
            low[i] = (char)c;
            hash = (hash ^ c) * 1099511628211ULL;
        }
        int made = entered(&table, &capacity, &count, low, start, i - start, hash);
        if (made < 0) {
            goto failed;
        }
        if (made) {
            PyObject *run = PyUnicode_New(i - start, 127);
            if (run == NULL) {
                goto failed;
            }
            memcpy(PyUnicode_1BYTE_DATA(run), low + start, (size_t)(i - start));
            int added = PySet_Add(out, run);
            Py_DECREF(run);
            if (added < 0) {
                goto failed;
            }
        }
    }
    PyMem_Free(low);
    PyMem_Free(bytes);
    PyMem_Free(table);
    return out;
failed:
    PyMem_Free(low);
    PyMem_Free(bytes);
    PyMem_Free(table);
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"runs", runs, METH_O,
     "The distinct runs of ASCII letters and digits of a text, folded."},
    {"around", around, METH_VARARGS,
     "The last word of the 40 characters before start, the first after end, lowercased."},
    {"tokens", tokens, METH_O, "frames._TOKEN's matches in a text, lowercased."},
    {"last_words", last_words, METH_VARARGS,
     "The last twelve words of the 200 characters before end, joined by one space."},
    {"spaced", spaced, METH_O, "\" \".join(text.split())."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_words", "The words read around a figure, compiled.", -1, methods,
};

PyMODINIT_FUNC
PyInit__words(void)
{
    for (int c = 0; c < 256; c++) {
        run_char[c] = (unsigned char)((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c
                                      : (c >= 'A' && c <= 'Z')                     ? c + ('a' - 'A')
                                                                                   : 0);
    }
    return PyModule_Create(&module);
}
