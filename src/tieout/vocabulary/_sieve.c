/* Which of a sieve's patterns may find something in a text: vocabulary/sieve.py's
 * _passing_python, compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): this gives the very same answer for every text. A
 * sentence is sieved some 13 times (its figures, periods, metrics, clauses, bases...), each
 * a loop over a few dozen words in Python; here the text is lowered once into a buffer,
 * with the set of its pairs of bytes, and each word is looked for only when
 * every pair of it is in the text. The table of the last text sieved is kept for the
 * next call with the same str object (``last``): the dozen sieves of one sentence make it once.
 *
 * For an ASCII text (three quarters of the corpus's sentences), ``folding.folded`` is
 * ``str.lower``, which makes each of "A".."Z" its lowercase letter and keeps every other
 * character: the bytes lowered here. Another text is folded here too (``fold``: the few
 * characters ``folded`` makes ASCII made so, a combining dot it drops dropped), and each
 * character of the folded text that is not ASCII is a byte 0x80, which no ASCII word
 * holds: an ASCII word is in the folded text exactly when its bytes are in these, at the
 * same places. A word that is not ASCII ("¢") is in no ASCII text, and looked for in the
 * folded text of another, made by the Python function when such a word is first looked
 * for (a sentence of an HTML release is seldom ASCII: a curly quote, a dash; lowering it
 * by Unicode's tables for every sentence cost more than the sieve's own work).
 */

#define _GNU_SOURCE /* memmem */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stdint.h>
#include <string.h>


/* The lowered text, and which pairs of bytes it holds (every ASCII pair, a character that
 * is not ASCII read as OTHER: 129 x 129 bits, so that each character is set without a
 * test). Most words looked for are in no text: a pair of the word the text lacks says so
 * at once, and only a word whose every pair is there is looked for (memmem). A word of one
 * character (few: "(", "*") is looked for itself (memchr): a set of the bytes, kept beside
 * the pairs, cost each character lowered its own update, for a test seldom asked. */
#define OTHER 0x80
#define SPAN 129 /* the ASCII characters and OTHER */
typedef struct {
    PyObject *folded; /* a text that is not ASCII, folded: made for a word that is not ASCII */
    int plain;        /* the text is ASCII */
    const char *low;
    Py_ssize_t n;
    uint64_t pairs[(SPAN * SPAN + 63) / 64];
} Lowered;

static inline int
has_byte(const Lowered *t, unsigned char c)
{
    return memchr(t->low, c, (size_t)t->n) != NULL;
}

static inline int
has_pair(const Lowered *t, unsigned char a, unsigned char b)
{
    unsigned k = (unsigned)a * SPAN + b;
    return (t->pairs[k >> 6] >> (k & 63)) & 1;
}

static int folded_text(void);

/* whether the lowered text holds the word: 1, 0, or -1 with an exception set */
static int
holds(const Lowered *t, PyObject *word)
{
    if (!PyUnicode_Check(word)) {
        PyErr_SetString(PyExc_TypeError, "a sieve's words are str");
        return -1;
    }
    if (!PyUnicode_IS_ASCII(word)) { /* "¢": in no ASCII text, else looked for */
        if (t->plain) {
            return 0;
        }
        if (t->folded == NULL && folded_text() < 0) {
            return -1;
        }
        Py_ssize_t at = PyUnicode_Find(t->folded, word, 0, PyUnicode_GET_LENGTH(t->folded), 1);
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
 * entry, replaced by the next text, made in place (its lowered characters in a buffer
 * kept for the next); a text is immutable, so the table is its own. */
static PyObject *last_text = NULL;
static PyObject *last_folding = NULL;
static Lowered last = {NULL, 1, NULL, 0, {0}};
static char *buffer = NULL;
static Py_ssize_t buffer_size = 0;

/* ASCII lowered ("A".."Z" made "a".."z"), any other byte OTHER */
static unsigned char lowered[256];

/* ``last.folded``: the text ``last`` was made for, folded by the ``folded`` it was made
 * with (a word that is not ASCII is looked for in it); 0, or -1 with an exception set.
 * ``folded`` runs Python: should it sieve another text (``last`` then made for that one),
 * the answer being made would be read from another table, and RuntimeError is raised. */
static int
folded_text(void)
{
    PyObject *text = Py_NewRef(last_text), *folding = Py_NewRef(last_folding);
    PyObject *folded = PyObject_CallOneArg(folding, text);
    int same = last_text == text && last_folding == folding && last.folded == NULL;
    Py_DECREF(text);
    Py_DECREF(folding);
    if (folded == NULL) {
        return -1;
    }
    if (!PyUnicode_Check(folded) || !same) {
        PyErr_SetString(same ? PyExc_TypeError : PyExc_RuntimeError,
                        same ? "folded() gives a str" : "folded() sieved another text");
        Py_DECREF(folded);
        return -1;
    }
    last.folded = folded;
    return 0;
}

/* ``last`` made for ``text``: folded (``folding.folded``: lowered, the dotted capital I,
 * the dotless i, the long s and the Kelvin sign made "i", "i", "s", "k", a combining dot
 * after an "i" of the lowered text dropped; no other character lowers to one holding an
 * ASCII character or to more than one: tests/test_vocabulary_sieve_compiled.py reads them
 * all) into the buffer, each character of the folded text not ASCII OTHER, with its
 * pairs; 0, or -1 with an exception set (``last`` then kept as it was). ``folding``
 * is kept for a word that is not ASCII (``folded_text``). */
static int
lower(PyObject *text, PyObject *folding)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text); /* the folded text is no longer */
    if (n + 1 > buffer_size) {
        char *grown = PyMem_Realloc(buffer, (size_t)n + 1);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        buffer = grown;
        buffer_size = n + 1;
    }
    Py_CLEAR(last_text);
    Py_CLEAR(last_folding);
    Py_CLEAR(last.folded);
    char *low = buffer;
    last.low = low;
    last.plain = PyUnicode_IS_ASCII(text);
    memset(last.pairs, 0, sizeof last.pairs);
    uint64_t *pairs = last.pairs;
    unsigned before = OTHER;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t j = 0;
    if (kind == PyUnicode_1BYTE_KIND) { /* ASCII or Latin-1: none of those below */
        const unsigned char *c = data;
        for (; j < n; j++) {
            unsigned ch = lowered[c[j]];
            low[j] = (char)ch;
            unsigned k = before * SPAN + ch;
            pairs[k >> 6] |= (uint64_t)1 << (k & 63);
            before = ch;
        }
    }
    else {
        int after_i = 0; /* the lowered text's last character is "i" */
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            unsigned ch;
            if (c < 0x80) {
                ch = lowered[c];
                after_i = ch == 'i';
            }
            else if (c == 0x307 && after_i) {
                after_i = 0; /* replace("i\u0307", "i"): the dot dropped */
                continue;
            }
            else {
                /* "\u0130" lowers to "i" and a dot, the dot then dropped: the lowered
                 * text's last character is the dot, not "i" */
                ch = c == 0x130 || c == 0x131 ? 'i' : c == 0x17f ? 's' : c == 0x212a ? 'k' : OTHER;
                after_i = 0;
            }
            low[j++] = (char)ch;
            unsigned k = before * SPAN + ch;
            pairs[k >> 6] |= (uint64_t)1 << (k & 63);
            before = ch;
        }
    }
    last.n = j;
    last_text = Py_NewRef(text);
    last_folding = Py_NewRef(folding);
    return 0;
}

PyDoc_STRVAR(passing_doc,
             "passing(text, patterns, folded, /)\n"
             "--\n\n"
             "sieve._passing_python: of the (need, pair) entries, the list of the pairs whose "
             "need the text folded meets (a word of each clause in it), in order; ``folded`` "
             "is folding.folded, called for a text that is not ASCII when a word that is not "
             "ASCII is looked for (the text is folded here for the others).");

/* the pairs of ``patterns`` whose need ``text`` meets (``passing``), a new list; NULL with
 * an exception set */
static PyObject *
sieved(PyObject *text, PyObject *patterns, PyObject *folding)
{
    if (!PyUnicode_Check(text) || !PyTuple_Check(patterns)) {
        PyErr_SetString(PyExc_TypeError, "passing() takes a str and a tuple");
        return NULL;
    }
    if ((text != last_text || folding != last_folding) && lower(text, folding) < 0) {
        return NULL;
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

static PyObject *
passing(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "passing() takes a text, the patterns and folded");
        return NULL;
    }
    return sieved(args[0], args[1], args[2]);
}

/* sieve._SievingPython, compiled: the base of ``sieve.Sieve``, whose call ("which of my
 * patterns may find something in this text?", asked some 4,500 times a first sight of the
 * three text releases, of every label and sentence) is ``passing`` of its entries, made
 * by its ``_made`` (Python) when first asked. Called through Python's ``__call__`` each
 * ask made a frame of its own, some 800 instructions, most of a short label's sieving. */
typedef struct {
    PyObject_HEAD
    PyObject *patterns; /* the entries, () until made */
    PyObject *folding;  /* folding.folded, handed to ``passing`` */
    char asks;          /* a question (``words.Words``): whether the first passing pattern finds */
} Sieving;

static PyObject *search_name = NULL; /* "search", interned */

static PyObject *
sieving_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwargs))
{
    Sieving *self = (Sieving *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->patterns = PyTuple_New(0);
    self->folding = Py_NewRef(Py_None);
    if (self->patterns == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static int
sieving_init(Sieving *self, PyObject *args, PyObject *kwargs)
{
    PyObject *folding;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if ((kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) || n < 1 || n > 2) {
        PyErr_SetString(PyExc_TypeError, "a sieve is made with folded, and whether it asks");
        return -1;
    }
    int asks = n == 2 ? PyObject_IsTrue(PyTuple_GET_ITEM(args, 1)) : 0;
    if (asks < 0) {
        return -1;
    }
    PyObject *none = PyTuple_New(0); /* made again: no entries yet, as the spec's ``()`` */
    if (none == NULL) {
        return -1;
    }
    folding = PyTuple_GET_ITEM(args, 0);
    Py_XSETREF(self->folding, Py_NewRef(folding));
    Py_XSETREF(self->patterns, none);
    self->asks = (char)asks;
    return 0;
}

static int
sieving_traverse(Sieving *self, visitproc visit, void *arg)
{
    Py_VISIT(self->patterns);
    Py_VISIT(self->folding);
    return 0;
}

static int
sieving_clear(Sieving *self)
{
    Py_CLEAR(self->patterns);
    Py_CLEAR(self->folding);
    return 0;
}

static void
sieving_dealloc(Sieving *self)
{
    PyObject_GC_UnTrack(self);
    sieving_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
sieving_call(Sieving *self, PyObject *args, PyObject *kwargs)
{
    if ((kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) || PyTuple_GET_SIZE(args) != 1) {
        PyErr_SetString(PyExc_TypeError, "a sieve is asked of one text");
        return NULL;
    }
    /* held before its truth is asked: ``__bool__`` may run Python that replaces it */
    PyObject *patterns = Py_XNewRef(self->patterns);
    int made = patterns == NULL ? 0 : PyObject_IsTrue(patterns); /* ``_patterns or _made()`` */
    if (made < 0) {
        Py_DECREF(patterns);
        return NULL;
    }
    if (!made) {
        Py_XSETREF(patterns, PyObject_CallMethod((PyObject *)self, "_made", NULL));
        if (patterns == NULL) {
            return NULL;
        }
    }
    /* held: ``folded``, Python, may run while it is read */
    PyObject *folding = Py_NewRef(self->folding);
    PyObject *text = PyTuple_GET_ITEM(args, 0);
    PyObject *out = sieved(text, patterns, folding);
    Py_DECREF(patterns);
    Py_DECREF(folding);
    if (out == NULL || !self->asks) {
        return out;
    }
    /* a question: whether the first passing pattern (led) finds something in the text */
    if (PyList_GET_SIZE(out) == 0) {
        Py_DECREF(out);
        Py_RETURN_FALSE;
    }
    PyObject *pair = Py_NewRef(PyList_GET_ITEM(out, 0));
    Py_DECREF(out);
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
        Py_DECREF(pair);
        PyErr_SetString(PyExc_TypeError, "a sieve's pairs are (what, pattern)");
        return NULL;
    }
    PyObject *found = PyObject_CallMethodOneArg(PyTuple_GET_ITEM(pair, 1), search_name, text);
    Py_DECREF(pair);
    if (found == NULL) {
        return NULL;
    }
    int finds = found != Py_None;
    Py_DECREF(found);
    return PyBool_FromLong(finds);
}

static PyMemberDef sieving_members[] = {
    {"_patterns", T_OBJECT, offsetof(Sieving, patterns), 0,
     "the entries, made when first sieved with (() until then)"},
    {"_folding", T_OBJECT, offsetof(Sieving, folding), READONLY, "folding.folded"},
    {"_asks", T_BOOL, offsetof(Sieving, asks), READONLY, "whether it is a question"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject SievingType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tieout.vocabulary._sieve.Sieving",
    .tp_basicsize = sizeof(Sieving),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = PyDoc_STR("Sieving(folded, asks=False): sieve._SievingPython, compiled; its call "
                        "is passing of its entries (``_patterns``, made by ``_made`` when first "
                        "asked), or where it asks whether the first passing pattern finds."),
    .tp_new = sieving_new,
    .tp_init = (initproc)sieving_init,
    .tp_dealloc = (destructor)sieving_dealloc,
    .tp_traverse = (traverseproc)sieving_traverse,
    .tp_clear = (inquiry)sieving_clear,
    .tp_call = (ternaryfunc)sieving_call,
    .tp_members = sieving_members,
};

PyDoc_STRVAR(word_starts_doc,
             "word_starts(text, pos, endpos, pairs, triples=<every triple>, /)\n"
             "--\n\n"
             "leads._word_starts_python: pos and the places past it before endpos (bounded as re "
             "bounds them) after a character that is no word's (ASCII's), whose character and "
             "the next, lowered (0 at the end), are a pair the table of 128 x 128 bits pairs "
             "holds, and whose three (each 0 past the end) a triple the table of 4096 bits "
             "triples holds (leads._triple_bit), in order; in a text not all ASCII, after a "
             "character that is no word's by Unicode (re's \\W), any whose first two "
             "characters (or three) are not all ASCII passes those tables.");

/* leads._triple_bit: the bit of three ASCII characters (lowered) in a table of triples */
#define TRIPLE_BITS 4096
static inline unsigned
triple_bit(unsigned a, unsigned b, unsigned c)
{
    return ((a * 131 + b) * 137 + c) % TRIPLE_BITS;
}

/* leads.WordLed searched a plain text for each character that is no word's followed by a
 * match with ``re`` (the character read by a class, the pattern tried after each); here
 * one pass over the bytes gives the places after one whose first two characters a match
 * may begin with (leads.pair_table), and the pattern is tried only there. */
static PyObject *
word_starts(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 && nargs != 5) {
        PyErr_SetString(PyExc_TypeError,
                        "word_starts() takes a text, pos, endpos, pairs and perhaps triples");
        return NULL;
    }
    PyObject *text = args[0], *table = args[3], *triple_table = nargs == 5 ? args[4] : NULL;
    if (!PyUnicode_Check(text) || !PyBytes_Check(table) ||
        (triple_table != NULL && !PyBytes_Check(triple_table))) {
        PyErr_SetString(PyExc_TypeError, "word_starts() takes a str and a bytes");
        return NULL;
    }
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]);
    if (pos == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t endpos = PyLong_AsSsize_t(args[2]);
    if (endpos == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (PyBytes_GET_SIZE(table) != 128 * 128 / 8) {
        PyErr_SetString(PyExc_ValueError, "word_starts() needs a table of 128 x 128 bits");
        return NULL;
    }
    if (triple_table != NULL && PyBytes_GET_SIZE(triple_table) != TRIPLE_BITS / 8) {
        PyErr_SetString(PyExc_ValueError, "word_starts() needs a table of 4096 bits of triples");
        return NULL;
    }
    const unsigned char *pairs = (const unsigned char *)PyBytes_AS_STRING(table);
    const unsigned char *triples =
        triple_table != NULL ? (const unsigned char *)PyBytes_AS_STRING(triple_table) : NULL;
    int kind = PyUnicode_KIND(text), plain = PyUnicode_IS_ASCII(text);
    const void *data = PyUnicode_DATA(text);
    const unsigned char *c = data;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t end = endpos < n ? endpos : n;
    Py_ssize_t first = pos > 0 ? pos : 0, place = first;
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    static unsigned char lower[128], word[128];
    if (!word['a']) {
        for (int k = 0; k < 128; k++) {
            lower[k] = (unsigned char)(k >= 'A' && k <= 'Z' ? k + 32 : k);
            word[k] = (k >= '0' && k <= '9') || (k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z') ||
                      k == '_';
        }
    }
    for (; !plain && place < end; place++) { /* a text not all ASCII: by code point */
        if (place > first) {
            Py_UCS4 before = PyUnicode_READ(kind, data, place - 1);
            if (before < 128 ? word[before] : before == '_' || Py_UNICODE_ISALNUM(before)) {
                continue; /* (re's \w: Unicode's letters and digits, and "_") */
            }
        }
        Py_UCS4 a = PyUnicode_READ(kind, data, place);
        Py_UCS4 b = place + 1 < end ? PyUnicode_READ(kind, data, place + 1) : 0;
        Py_UCS4 d = place + 2 < end ? PyUnicode_READ(kind, data, place + 2) : 0;
        if (a < 128 && b < 128) { /* else a match may begin here: not read */
            a = lower[a];
            b = lower[b];
            unsigned k = (a << 7) | b;
            if (!((pairs[k >> 3] >> (k & 7)) & 1)) {
                continue;
            }
            if (triples != NULL && d < 128) {
                unsigned t = triple_bit(a, b, lower[d]);
                if (!((triples[t >> 3] >> (t & 7)) & 1)) {
                    continue;
                }
            }
        }
        PyObject *at = PyLong_FromSsize_t(place);
        if (at == NULL || PyList_Append(out, at) < 0) {
            Py_XDECREF(at);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(at);
    }
    for (; plain && place < end; place++) {
        if (place > first && word[c[place - 1]]) {
            continue; /* (pos itself whatever stands before it) */
        }
        unsigned a = lower[c[place]], b = place + 1 < end ? lower[c[place + 1]] : 0;
        unsigned k = (a << 7) | b;
        if (!((pairs[k >> 3] >> (k & 7)) & 1)) {
            continue;
        }
        if (triples != NULL) {
            unsigned t = triple_bit(a, b, place + 2 < end ? lower[c[place + 2]] : 0);
            if (!((triples[t >> 3] >> (t & 7)) & 1)) {
                continue;
            }
        }
        PyObject *at = PyLong_FromSsize_t(place);
        if (at == NULL || PyList_Append(out, at) < 0) {
            Py_XDECREF(at);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(at);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"passing", (PyCFunction)(void (*)(void))passing, METH_FASTCALL, passing_doc},
    {"word_starts", (PyCFunction)(void (*)(void))word_starts, METH_FASTCALL, word_starts_doc},
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
    for (int c = 0; c < 256; c++) {
        lowered[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c < 0x80 ? c : OTHER);
    }
    search_name = PyUnicode_InternFromString("search");
    if (search_name == NULL || PyType_Ready(&SievingType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(module, "Sieving", (PyObject *)&SievingType) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
