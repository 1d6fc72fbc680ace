/* Where a document's text holds the word "reconcil" and which character references it
 * holds, and the text with its tags made spaces: nongaap/reconcile.py's _word_at_python,
 * _references_python and _tags_spaced_python, compiled.
 *
 * The Python functions are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler): these give the very same answers for a text of one byte a character
 * (every character below U+0100: the corpus's texts are ASCII, their references left as
 * they are), and hand back NotImplemented for any other text, which the Python then
 * reads. What they save is the text lowered whole (a copy of every document, 27 MB over
 * the corpus) and a regular expression run over all of it, for a question asked of a few
 * dozen places: each is one pass over the text's bytes, sixteen at a time for the word.
 *
 * The word, case aside: in a text below U+0100 only the ASCII letters lower to ASCII
 * letters (str.lower keeps every other character's length, and no such character is a
 * dotless or dotted i), so the word is where each of its eight bytes is its letter or
 * that letter's capital, which is what (byte | 0x20) == letter says for a letter. Two
 * places of the word never overlap (no letter after its "r" is an "r"), so every place is
 * one the Python finds after the last one's end.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "_one_byte.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static const char WORD[] = "reconcil";
#define WORD_LENGTH 8

/* whether the eight bytes at s are the word, case aside */
static inline int
is_word(const unsigned char *s)
{
    for (int k = 0; k < WORD_LENGTH; k++) {
        if ((s[k] | 0x20) != (unsigned char)WORD[k]) {
            return 0;
        }
    }
    return 1;
}

static int
add_place(PyObject *out, Py_ssize_t at)
{
    PyObject *n = PyLong_FromSsize_t(at);
    if (n == NULL) {
        return -1;
    }
    int rc = PyList_Append(out, n);
    Py_DECREF(n);
    return rc;
}

PyDoc_STRVAR(word_at_doc,
             "word_at(text, /)\n"
             "--\n\n"
             "reconcile._word_at_python: where the word \"reconcil\" begins in the text, case "
             "aside, each place after the last one's end; NotImplemented for a text with a "
             "character above U+00FF.");

static PyObject *
word_at(PyObject *Py_UNUSED(module), PyObject *text)
{
    const unsigned char *s;
    Py_ssize_t n;
    switch (one_byte_text(text, "word_at", &s, &n)) {
    case -1:
        return NULL;
    case 0:
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t i = 0, last = n - WORD_LENGTH; /* the last place the word may begin */
#if defined(__SSE2__)
    /* sixteen places at a time: those whose first three bytes are "rec", case aside */
    const __m128i lower = _mm_set1_epi8(0x20);
    const __m128i r = _mm_set1_epi8('r'), e = _mm_set1_epi8('e'), c = _mm_set1_epi8('c');
    for (; i + 16 + 2 <= n; i += 16) {
        __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i)), lower);
        __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i + 1)), lower);
        __m128i d = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i + 2)), lower);
        __m128i hits = _mm_and_si128(_mm_cmpeq_epi8(a, r),
                                     _mm_and_si128(_mm_cmpeq_epi8(b, e), _mm_cmpeq_epi8(d, c)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hits);
        while (mask) {
            Py_ssize_t at = i + __builtin_ctz(mask);
            mask &= mask - 1;
            if (at <= last && is_word(s + at) && add_place(out, at) < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
    }
#endif
    while (i <= last) {
        if (is_word(s + i)) {
            if (add_place(out, i) < 0) {
                Py_DECREF(out);
                return NULL;
            }
            i += WORD_LENGTH;
        }
        else {
            i++;
        }
    }
    return out;
}

/* what may follow a reference's "&": an ASCII letter or digit, or "#" */
static inline int
in_reference(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch == '#';
}

#define SEEN_SLOTS 64

PyDoc_STRVAR(references_doc,
             "references(text, /)\n"
             "--\n\n"
             "reconcile._references_python: the set of each distinct stretch of the text "
             "from a \"&\" through the ASCII letters, digits and \"#\" after it and a \";\" "
             "after those; NotImplemented for a text with a character above U+00FF.");

static PyObject *
references(PyObject *Py_UNUSED(module), PyObject *text)
{
    const unsigned char *s;
    Py_ssize_t n;
    switch (one_byte_text(text, "references", &s, &n)) {
    case -1:
        return NULL;
    case 0:
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *out = PySet_New(NULL);
    if (out == NULL) {
        return NULL;
    }
    /* the stretches already in the set, by their first bytes' hash: most references
     * repeat (&nbsp; above all), and one seen is compared, not made again */
    Py_ssize_t seen_at[SEEN_SLOTS], seen_length[SEEN_SLOTS];
    for (int k = 0; k < SEEN_SLOTS; k++) {
        seen_length[k] = 0;
    }
    const unsigned char *at = s, *stop = s + n;
    while ((at = memchr(at, '&', (size_t)(stop - at))) != NULL) {
        const unsigned char *end = at + 1;
        while (end < stop && in_reference(*end)) {
            end++;
        }
        if (end < stop && *end == ';') {
            end++;
        }
        Py_ssize_t length = end - at;
        unsigned hash = (unsigned)length;
        for (Py_ssize_t k = 1; k < length && k < 8; k++) {
            hash = hash * 31u + at[k];
        }
        unsigned slot = hash % SEEN_SLOTS;
        if (!(seen_length[slot] == length && memcmp(s + seen_at[slot], at, (size_t)length) == 0)) {
            PyObject *stretch =
                PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, at, length);
            if (stretch == NULL || PySet_Add(out, stretch) < 0) {
                Py_XDECREF(stretch);
                Py_DECREF(out);
                return NULL;
            }
            Py_DECREF(stretch);
            seen_at[slot] = at - s;
            seen_length[slot] = length;
        }
        at = end;
    }
    return out;
}

PyDoc_STRVAR(tags_spaced_doc,
             "tags_spaced(text, /)\n"
             "--\n\n"
             "reconcile._tags_spaced_python: the text with each \"<\" through the next \">\" "
             "(or the text's end) made one space; NotImplemented for a text with a character "
             "above U+00FF.");

/* _TAGS.sub(" ", text) for a text of one byte a character: _TAGS, <[^>]*>?, matches at
 * each "<" the text holds outside a match and runs to the first ">" after it (a "<"
 * between is one of [^>]'s characters), or to the text's end where none follows; every
 * other character is kept. So: copy up to the next "<", write a space, go on after the
 * next ">". The stretches between are found by memchr, the text copied by memcpy. */
static PyObject *
tags_spaced(PyObject *Py_UNUSED(module), PyObject *text)
{
    const unsigned char *s;
    Py_ssize_t n;
    switch (one_byte_text(text, "tags_spaced", &s, &n)) {
    case -1:
        return NULL;
    case 0:
        Py_RETURN_NOTIMPLEMENTED;
    }
    const unsigned char *at = memchr(s, '<', (size_t)n);
    if (at == NULL) {
        if (PyUnicode_CheckExact(text)) {
            Py_INCREF(text);
            return text; /* no tag: sub gives back the very text */
        }
        return PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, s, n);
    }
    unsigned char *buffer = PyMem_Malloc(n > 0 ? (size_t)n : 1);
    if (buffer == NULL) {
        return PyErr_NoMemory();
    }
    unsigned char *put = buffer;
    const unsigned char *from = s, *stop = s + n;
    while (at != NULL) {
        memcpy(put, from, (size_t)(at - from));
        put += at - from;
        *put++ = ' ';
        const unsigned char *close = memchr(at + 1, '>', (size_t)(stop - at - 1));
        from = close == NULL ? stop : close + 1;
        at = from < stop ? memchr(from, '<', (size_t)(stop - from)) : NULL;
    }
    memcpy(put, from, (size_t)(stop - from));
    put += stop - from;
    /* the result's widest character may be narrower than the text's (a Latin-1 letter
     * only inside tags): FromKindAndData makes the str canonical, as sub's is */
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, buffer, put - buffer);
    PyMem_Free(buffer);
    return out;
}

static PyMethodDef methods[] = {
    {"word_at", word_at, METH_O, word_at_doc},
    {"references", references, METH_O, references_doc},
    {"tags_spaced", tags_spaced, METH_O, tags_spaced_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.nongaap._places",
    "Where a text holds the word \"reconcil\" and its character references, and the text "
    "with its tags made spaces, compiled from _places.c (reconcile._word_at_python, "
    "reconcile._references_python, reconcile._tags_spaced_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__places(void)
{
    return PyModule_Create(&module_def);
}
