/* The tie's lookup of sites: prose/index.py's _filed_python and _named_python, compiled.
 *
 * The Python functions are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): these give the very same records for every input. filed makes what a
 * release's lookup files its sites under, in one pass over them (a site's lookup keys
 * asked of the key_parts given, a Python function with its cache). named answers a
 * subject's question: Python unions the lists of places the lookup files the subject's
 * concept, key, key's first and last words and words said under into a sorted set, then
 * tests each place's site with a dozen attribute reads and comparisons; here the union is
 * a bitmap over the lookup's places, read in order, and each site's concept and words are
 * read by their slots (configure). Per place: the unit (by identity, as `is` compares it), whether
 * the subject names the site (its concept equal, or its bare key), whether it suggests it
 * firmly (named, every site asked, or a bare key extending the subject's by a word before
 * or after), and else whether the subject says all the site's words (a subset test).
 *
 * words gives labels._words_python's answer for a text all ASCII (the words of every label,
 * subject and clause the prose and the tie compare, asked once per text at first sight):
 * the text lowered and its "&" read " and " into one buffer, each word begun by a letter
 * cut from it once and kept unless a stop word, its trailing quotes and dashes and then
 * its "'s" cut off; a text not all ASCII is given to the Python (the fallback given).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "_slots.h"

static PyTypeObject *site_type;      /* subjects.Site */
static Py_ssize_t concept_slot = -1; /* Site.concept */
static Py_ssize_t words_slot = -1;   /* Site.words */
static Py_ssize_t key_slot = -1;     /* Site.key */
static Py_ssize_t unit_slot = -1;    /* Site.unit */
static Py_ssize_t quantity_slot = -1; /* Site.quantity */
static PyObject *percent_unit;      /* Unit.PERCENT */

#define FIELD(obj, offset) (*(PyObject **)((char *)(obj) + (offset)))

PyDoc_STRVAR(configure_doc,
             "configure(site, percent, /)\n"
             "--\n\n"
             "The site record whose concept, words, key, unit and quantity are read by\n"
             "their slots, and the\n"
             "unit of percents (Unit.PERCENT).");

static PyObject *
configure(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyType_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "configure(site: a type, percent)");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    Py_ssize_t concept = slot_of(type, "concept"), words = slot_of(type, "words");
    Py_ssize_t key = slot_of(type, "key"), unit = slot_of(type, "unit");
    Py_ssize_t quantity = slot_of(type, "quantity");
    if (concept < 0 || words < 0 || key < 0 || unit < 0 || quantity < 0) {
        PyErr_SetString(PyExc_TypeError,
                        "the site record has no slots concept, words, key, unit and quantity");
        return NULL;
    }
    Py_XSETREF(site_type, (PyTypeObject *)Py_NewRef(args[0]));
    Py_XSETREF(percent_unit, Py_NewRef(args[1]));
    concept_slot = concept;
    words_slot = words;
    key_slot = key;
    unit_slot = unit;
    quantity_slot = quantity;
    Py_RETURN_NONE;
}

/* whether text holds key at start (a word after it: `key + " "` begins text) or at its
 * end (`" " + key` ends text); 1, 0 */
static int
extends(PyObject *text, PyObject *key, Py_ssize_t klen)
{
    Py_ssize_t tlen = PyUnicode_GET_LENGTH(text);
    if (tlen <= klen) {
        return 0;
    }
    if (PyUnicode_READ_CHAR(text, klen) == ' ' &&
        PyUnicode_Tailmatch(text, key, 0, klen, -1) == 1) {
        return 1;
    }
    return PyUnicode_READ_CHAR(text, tlen - klen - 1) == ' ' &&
           PyUnicode_Tailmatch(text, key, tlen - klen, tlen, 1) == 1;
}

/* every place of the list filed in by under key marked in marks (n places); nothing
 * where key is not filed; 0, or -1 with an error */
static int
mark(PyObject *by, PyObject *key, char *marks, Py_ssize_t n)
{
    PyObject *places = PyDict_GetItemWithError(by, key); /* borrowed */
    if (places == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (!PyList_Check(places)) {
        PyErr_SetString(PyExc_TypeError, "the places filed must be lists");
        return -1;
    }
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(places); j++) {
        Py_ssize_t at = PyLong_AsSsize_t(PyList_GET_ITEM(places, j));
        if (at == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (at < 0 || at >= n) {
            PyErr_SetString(PyExc_IndexError, "a place filed out of the lookup's range");
            return -1;
        }
        marks[at] = 1;
    }
    return 0;
}

/* the places filed under what a subject says marked (by: the five dicts of filing, by
 * concept, bare key, first word, last word and least word): its bare key, its concept
 * (not None), its key's first and last words (a key not empty), each word said; 0, or -1
 * with an error */
static int
mark_said(PyObject *by, PyObject *concept, PyObject *key, Py_ssize_t klen, PyObject *said,
          char *marks, Py_ssize_t n)
{
    if (!PyTuple_Check(by) || PyTuple_GET_SIZE(by) != 5) {
        PyErr_SetString(PyExc_TypeError, "by must be a tuple of five dicts");
        return -1;
    }
    for (int k = 0; k < 5; k++) {
        if (!PyDict_Check(PyTuple_GET_ITEM(by, k))) {
            PyErr_SetString(PyExc_TypeError, "by must be a tuple of five dicts");
            return -1;
        }
    }
    if (mark(PyTuple_GET_ITEM(by, 1), key, marks, n) < 0 ||
        (concept != Py_None && mark(PyTuple_GET_ITEM(by, 0), concept, marks, n) < 0)) {
        return -1;
    }
    if (klen > 0) {
        Py_ssize_t space = PyUnicode_FindChar(key, ' ', 0, klen, 1);
        Py_ssize_t after = PyUnicode_FindChar(key, ' ', 0, klen, -1);
        if (space == -2 || after == -2) {
            return -1;
        }
        /* key.partition(" ")[0] and key.rpartition(" ")[2]: the key itself without a space */
        PyObject *first = space < 0 ? Py_NewRef(key) : PyUnicode_Substring(key, 0, space);
        if (first == NULL) {
            return -1;
        }
        int failed = mark(PyTuple_GET_ITEM(by, 2), first, marks, n);
        Py_DECREF(first);
        if (failed < 0) {
            return -1;
        }
        PyObject *last = after < 0 ? Py_NewRef(key) : PyUnicode_Substring(key, after + 1, klen);
        if (last == NULL) {
            return -1;
        }
        failed = mark(PyTuple_GET_ITEM(by, 3), last, marks, n);
        Py_DECREF(last);
        if (failed < 0) {
            return -1;
        }
    }
    PyObject *words = PyObject_GetIter(said), *word;
    if (words == NULL) {
        return -1;
    }
    while ((word = PyIter_Next(words)) != NULL) {
        int failed = mark(PyTuple_GET_ITEM(by, 4), word, marks, n);
        Py_DECREF(word);
        if (failed < 0) {
            Py_DECREF(words);
            return -1;
        }
    }
    Py_DECREF(words);
    return PyErr_Occurred() ? -1 : 0;
}

/* the entry (site, n, named, True, firmly) appended to out; 0, or -1 with an error */
static int
append_entry(PyObject *out, PyObject *site, Py_ssize_t n, int named, int firmly)
{
    PyObject *place = PyLong_FromSsize_t(n);
    if (place == NULL) {
        return -1;
    }
    PyObject *entry = PyTuple_Pack(5, site, place, named ? Py_True : Py_False, Py_True,
                                   firmly ? Py_True : Py_False);
    Py_DECREF(place);
    if (entry == NULL) {
        return -1;
    }
    int failed = PyList_Append(out, entry);
    Py_DECREF(entry);
    return failed;
}

/* one place tested and filed in out or unsaid; 0, or -1 with an error */
static int
visit(Py_ssize_t n, PyObject *sites, PyObject *units, PyObject *bares, int every,
      PyObject *concept, PyObject *key, Py_ssize_t klen, PyObject *said, int percent_change,
      PyObject *unit, PyObject *out, PyObject *unsaid)
{
    PyObject *row_unit = PyList_GET_ITEM(units, n);
    if (percent_change ? row_unit == percent_unit : row_unit != unit) {
        return 0;
    }
    PyObject *site = PyList_GET_ITEM(sites, n);
    PyObject *bare = PyList_GET_ITEM(bares, n);
    if (!Py_IS_TYPE(site, site_type) || !PyUnicode_Check(bare)) {
        PyErr_SetString(PyExc_TypeError, "sites must be site records, bares strings");
        return -1;
    }
    int named = 0;
    if (concept != Py_None) {
        named = PyObject_RichCompareBool(FIELD(site, concept_slot), concept, Py_EQ);
        if (named < 0) {
            return -1;
        }
    }
    if (!named) {
        named = PyUnicode_GET_LENGTH(bare) == klen && PyUnicode_Compare(bare, key) == 0;
    }
    int firmly = named || every || (klen > 0 && extends(bare, key, klen));
    if (!firmly) {
        PyObject *words = FIELD(site, words_slot);
        int truthy = PyObject_IsTrue(words);
        if (truthy < 0) {
            return -1;
        }
        int within = truthy ? PyObject_RichCompareBool(words, said, Py_LE) : 0;
        if (within < 0) {
            return -1;
        }
        if (!within) {
            PyObject *place = PyLong_FromSsize_t(n);
            if (place == NULL) {
                return -1;
            }
            int failed = PyList_Append(unsaid, place);
            Py_DECREF(place);
            return failed;
        }
    }
    return append_entry(out, site, n, named, firmly);
}

PyDoc_STRVAR(named_doc,
             "named(sites, units, bares, by, concept, key, said, percent_change, unit, every, /)\n"
             "--\n\n"
             "The sites a subject names or suggests, and the places of the others it may\n"
             "name, as index._named_python gives them.");

static PyObject *
named(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (site_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_lookup.configure was not called");
        return NULL;
    }
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError, "named takes ten arguments");
        return NULL;
    }
    PyObject *sites = args[0], *units = args[1], *bares = args[2], *by = args[3];
    PyObject *concept = args[4], *key = args[5], *said = args[6], *unit = args[8];
    if (!PyList_Check(sites) || !PyList_Check(units) || !PyList_Check(bares)) {
        PyErr_SetString(PyExc_TypeError, "sites, units and bares must be lists");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(sites);
    if (PyList_GET_SIZE(units) != n || PyList_GET_SIZE(bares) != n) {
        PyErr_SetString(PyExc_ValueError, "sites, units and bares must be of one length");
        return NULL;
    }
    if (!PyUnicode_Check(key) || !PyAnySet_Check(said)) {
        PyErr_SetString(PyExc_TypeError, "key must be a string, said a set");
        return NULL;
    }
    int percent_change = PyObject_IsTrue(args[7]);
    if (percent_change < 0) {
        return NULL;
    }
    int every = PyObject_IsTrue(args[9]);
    if (every < 0) {
        return NULL;
    }
    Py_ssize_t klen = PyUnicode_GET_LENGTH(key);
    char *marks = NULL;
    if (!every) {
        marks = PyMem_Calloc(n > 0 ? n : 1, 1);
        if (marks == NULL) {
            return PyErr_NoMemory();
        }
        if (mark_said(by, concept, key, klen, said, marks, n) < 0) {
            PyMem_Free(marks);
            return NULL;
        }
    }
    PyObject *out = PyList_New(0), *unsaid = PyList_New(0), *result = NULL;
    if (out == NULL || unsaid == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (marks != NULL && !marks[i]) {
            continue;
        }
        if (visit(i, sites, units, bares, every, concept, key, klen, said, percent_change, unit,
                  out, unsaid) < 0) {
            goto done;
        }
    }
    PyObject *entries = PyList_AsTuple(out);
    PyObject *others = entries == NULL ? NULL : PyList_AsTuple(unsaid);
    if (others != NULL) {
        result = PyTuple_Pack(2, entries, others);
    }
    Py_XDECREF(entries);
    Py_XDECREF(others);
done:
    PyMem_Free(marks);
    Py_XDECREF(out);
    Py_XDECREF(unsaid);
    return result;
}

/* place appended to by[key]'s list, made when key is first filed; 0, or -1 with an error */
static int
file_under(PyObject *by, PyObject *key, PyObject *place)
{
    PyObject *places = PyDict_GetItemWithError(by, key); /* borrowed */
    if (places != NULL) {
        return PyList_Append(places, place);
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    places = PyList_New(1);
    if (places == NULL) {
        return -1;
    }
    PyList_SET_ITEM(places, 0, Py_NewRef(place));
    int failed = PyDict_SetItem(by, key, places);
    Py_DECREF(places);
    return failed;
}

/* site n filed: its bare key and unit set in bares and units, its place in the five
 * dicts of filing; 0, or -1 with an error */
static int
file_site(PyObject *site, Py_ssize_t n, PyObject *key_parts, PyObject *bares, PyObject *units,
          PyObject *const *by)
{
    if (!Py_IS_TYPE(site, site_type)) {
        PyErr_SetString(PyExc_TypeError, "sites must be site records");
        return -1;
    }
    PyObject *asked[2] = {FIELD(site, key_slot), FIELD(site, words_slot)};
    PyObject *parts = PyObject_Vectorcall(key_parts, asked, 2, NULL);
    if (parts == NULL) {
        return -1;
    }
    int failed = -1;
    PyObject *place = NULL;
    if (!PyTuple_Check(parts) || PyTuple_GET_SIZE(parts) != 4) {
        PyErr_SetString(PyExc_TypeError, "key_parts must give four parts");
        goto done;
    }
    int quantity = PyObject_IsTrue(FIELD(site, quantity_slot));
    if (quantity < 0 || (place = PyLong_FromSsize_t(n)) == NULL) {
        goto done;
    }
    PyList_SET_ITEM(bares, n, Py_NewRef(PyTuple_GET_ITEM(parts, 0)));
    PyList_SET_ITEM(units, n, Py_NewRef(quantity ? Py_None : FIELD(site, unit_slot)));
    PyObject *concept = FIELD(site, concept_slot), *least = PyTuple_GET_ITEM(parts, 3);
    if ((concept != Py_None && file_under(by[0], concept, place) < 0) ||
        file_under(by[1], PyTuple_GET_ITEM(parts, 0), place) < 0 ||
        file_under(by[2], PyTuple_GET_ITEM(parts, 1), place) < 0 ||
        file_under(by[3], PyTuple_GET_ITEM(parts, 2), place) < 0 ||
        (least != Py_None && file_under(by[4], least, place) < 0)) {
        goto done;
    }
    failed = 0;
done:
    Py_XDECREF(place);
    Py_DECREF(parts);
    return failed;
}

PyDoc_STRVAR(filed_doc,
             "filed(sites, key_parts, /)\n"
             "--\n\n"
             "The sites' bare keys and units, and their places by concept, bare key, first\n"
             "and last word and least word, as index._filed_python gives them.");

static PyObject *
filed(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (site_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_lookup.configure was not called");
        return NULL;
    }
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "filed(sites: a list, key_parts)");
        return NULL;
    }
    PyObject *sites = args[0];
    Py_ssize_t n = PyList_GET_SIZE(sites);
    PyObject *made[7] = {PyList_New(n), PyList_New(n), PyDict_New(), PyDict_New(),
                         PyDict_New(), PyDict_New(), PyDict_New()};
    PyObject *result = NULL;
    for (int k = 0; k < 7; k++) {
        if (made[k] == NULL) {
            goto done;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (file_site(PyList_GET_ITEM(sites, i), i, args[1], made[0], made[1], made + 2) < 0) {
            goto done;
        }
    }
    result = PyTuple_New(7);
    if (result != NULL) {
        for (int k = 0; k < 7; k++) {
            PyTuple_SET_ITEM(result, k, made[k]);
            made[k] = NULL;
        }
    }
done:
    for (int k = 0; k < 7; k++) {
        Py_XDECREF(made[k]);
    }
    return result;
}

PyDoc_STRVAR(words_doc,
             "words(stop, fallback, text, /)\n"
             "--\n\n"
             "labels._words_python of a text all ASCII: the words of the text lowered, each\n"
             "& read as \" and \" ([A-Za-z][A-Za-z'-]*), those not in stop, each without its\n"
             "trailing ' and - and then its 's, as a frozenset; fallback(text) for any other.");

static inline int
word_char(Py_UCS1 c)
{
    return (c >= 'a' && c <= 'z') || c == '\'' || c == '-';
}

/* One word of the lowered text, low[a:b] (ASCII), as a str. */
static PyObject *
word_of(const Py_UCS1 *low, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *out = PyUnicode_New(b - a, 127);
    if (out != NULL) {
        memcpy(PyUnicode_1BYTE_DATA(out), low + a, (size_t)(b - a));
    }
    return out;
}

static PyObject *
words(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyAnySet_Check(args[0]) || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "words(stop, fallback, text): a set and a str");
        return NULL;
    }
    PyObject *stop = args[0], *text = args[2];
    if (!PyUnicode_IS_ASCII(text)) {
        return PyObject_CallOneArg(args[1], text);
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), amps = 0;
    const Py_UCS1 *s = PyUnicode_1BYTE_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        amps += s[i] == '&';
    }
    /* the text lowered (str.lower of ASCII), each "&" as " and " (str.replace) */
    Py_ssize_t m = n + 4 * amps;
    Py_UCS1 small[256];
    Py_UCS1 *low = m <= (Py_ssize_t)sizeof(small) ? small : PyMem_Malloc((size_t)m);
    if (low == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS1 c = s[i];
        if (c == '&') {
            memcpy(low + k, " and ", 5);
            k += 5;
        }
        else {
            low[k++] = (c >= 'A' && c <= 'Z') ? (Py_UCS1)(c + 32) : c;
        }
    }
    PyObject *found = PyList_New(0), *result = NULL;
    if (found == NULL) {
        goto done;
    }
    Py_ssize_t i = 0;
    while (i < m) {
        if (!(low[i] >= 'a' && low[i] <= 'z')) {
            i++;
            continue;
        }
        Py_ssize_t start = i++;  /* a word begins with a letter: _LETTERED */
        while (i < m && word_char(low[i])) {
            i++;
        }
        PyObject *word = word_of(low, start, i);
        if (word == NULL) {
            goto done;
        }
        int stopped = PySet_Contains(stop, word);
        if (stopped != 0) {
            Py_DECREF(word);
            if (stopped < 0) {
                goto done;
            }
            continue;
        }
        Py_ssize_t end = i;  /* rstrip("'-"), then removesuffix("'s") */
        while (end > start && (low[end - 1] == '\'' || low[end - 1] == '-')) {
            end--;
        }
        if (end - start >= 2 && low[end - 2] == '\'' && low[end - 1] == 's') {
            end -= 2;
        }
        if (end != i) {
            Py_SETREF(word, word_of(low, start, end));
            if (word == NULL) {
                goto done;
            }
        }
        int added = PyList_Append(found, word);
        Py_DECREF(word);
        if (added < 0) {
            goto done;
        }
    }
    result = PyFrozenSet_New(found);
done:
    Py_XDECREF(found);
    if (low != small) {
        PyMem_Free(low);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"filed", (PyCFunction)(void (*)(void))filed, METH_FASTCALL, filed_doc},
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL, configure_doc},
    {"named", (PyCFunction)(void (*)(void))named, METH_FASTCALL, named_doc},
    {"words", (PyCFunction)(void (*)(void))words, METH_FASTCALL, words_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.prose._lookup",
    "The tie's lookup of sites, compiled from _lookup.c "
    "(index._filed_python and index._named_python), and the words of a text all ASCII "
    "(labels._words_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__lookup(void)
{
    return PyModule_Create(&module_def);
}
