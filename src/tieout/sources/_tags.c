/* Where a submission's document and text tags may begin, and how many lines lie before
 * them: sources/submission.py's _mark_starts_python and _newlines_python, compiled (and,
 * below, decode.py's _controls_python and furniture.py's _page_end_leads_python).
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): the start of every "\n<" followed by an optional "/", "document" or "text"
 * (case aside) and ">", in order, the places where a <DOCUMENT>, </DOCUMENT>, <TEXT> or
 * </TEXT> alone on its line can begin (submission._marks tries the tag's pattern at
 * each). This gives the very same list for a text of one byte a character (every
 * character below U+0100: the corpus's submissions are ASCII), and hands back
 * NotImplemented for any other text, which the Python then reads. What it saves is the
 * regular expression's walk over every character of the file (29 MB over the corpus,
 * 13 ms) to a newline: memchr finds each newline, and only a "\n<" is looked at further.
 * The newlines before each document (its first line) are counted the same way, where
 * str.count looks at every character (a line of a submission is 200 characters on
 * average).
 *
 * The names, case aside: a byte is "d" or "D" exactly when (byte | 0x20) is "d", and so
 * for each letter; no character below U+0100 but a letter and its capital is that letter
 * to the regular expression's IGNORECASE (none lowers to one of them, and none of them
 * has a special case), so the test is the pattern's.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "_one_byte.h"

/* whether the bytes at s (n of them) begin with the name, its letters case aside and its
 * ">" as it is: (byte | 0x20) is a lowercase letter only for that letter and its capital */
static inline int
named(const unsigned char *s, Py_ssize_t n, const char *name)
{
    Py_ssize_t k = 0;
    for (; name[k] != '\0'; k++) {
        const unsigned char want = (unsigned char)name[k];
        if (k >= n || (want == '>' ? s[k] != want : (s[k] | 0x20) != want)) {
            return 0;
        }
    }
    return 1;
}

PyDoc_STRVAR(mark_starts_doc,
             "mark_starts(text, /)\n"
             "--\n\n"
             "submission._mark_starts_python: the start of every \"\\n<\" followed by an "
             "optional \"/\", \"document\" or \"text\" (case aside) and \">\", in order; "
             "NotImplemented for a text with a character above U+00FF.");

static PyObject *
mark_starts(PyObject *Py_UNUSED(module), PyObject *text)
{
    const unsigned char *s;
    Py_ssize_t n;
    switch (one_byte_text(text, "mark_starts", &s, &n)) {
    case -1:
        return NULL;
    case 0:
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t at = 0;
    while (at < n) {
        const unsigned char *found = memchr(s + at, '\n', (size_t)(n - at));
        if (found == NULL) {
            break;
        }
        const Py_ssize_t p = found - s;
        at = p + 1;
        Py_ssize_t q = p + 1;
        if (q >= n || s[q] != '<') {
            continue;
        }
        q++;
        if (q < n && s[q] == '/') {
            q++;
        }
        if (!named(s + q, n - q, "document>") && !named(s + q, n - q, "text>")) {
            continue;
        }
        PyObject *place = PyLong_FromSsize_t(p);
        if (place == NULL || PyList_Append(out, place) < 0) {
            Py_XDECREF(place);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(place);
    }
    return out;
}

PyDoc_STRVAR(newlines_doc,
             "newlines(text, start, end, /)\n"
             "--\n\n"
             "submission._newlines_python: text.count(\"\\n\", start, end), start and end "
             "read as a slice's; NotImplemented for a text with a character above U+00FF.");

static PyObject *
newlines(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "newlines() takes a str, a start and an end");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t start = PyNumber_AsSsize_t(args[1], PyExc_OverflowError);
    if (start == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t end = PyNumber_AsSsize_t(args[2], PyExc_OverflowError);
    if (end == -1 && PyErr_Occurred()) {
        return NULL;
    }
    const unsigned char *s;
    Py_ssize_t n;
    switch (one_byte_text(text, "newlines", &s, &n)) {
    case -1:
        return NULL;
    case 0:
        Py_RETURN_NOTIMPLEMENTED;
    }
    /* as a slice reads them: from the end when negative, then within the text */
    if (start < 0) {
        start = start + n < 0 ? 0 : start + n;
    }
    if (end < 0) {
        end = end + n < 0 ? 0 : end + n;
    }
    if (end > n) {
        end = n;
    }
    Py_ssize_t count = 0;
    while (start < end) {
        const unsigned char *found = memchr(s + start, '\n', (size_t)(end - start));
        if (found == NULL) {
            break;
        }
        count++;
        start = found - s + 1;
    }
    return PyLong_FromSsize_t(count);
}

/* ---- controls: decode._controls_python, compiled ----
 *
 * How many control bytes a file's head holds (below 0x20, not a tab, newline, form feed
 * or carriage return): what decode's binary test counts of the first 64 KB of every
 * input, where bytes.translate copied them all but the controls to count the rest. The
 * test of a byte is branch-free and the sum a plain loop, which the compiler widens to a
 * vector's bytes at a time. */

PyDoc_STRVAR(controls_doc,
             "controls(data, /)\n"
             "--\n\n"
             "decode._controls_python: how many bytes of the bytes are below 0x20 and not "
             "a tab, newline, form feed or carriage return.");

static PyObject *
controls(PyObject *Py_UNUSED(module), PyObject *data)
{
    if (!PyBytes_Check(data)) {
        PyErr_SetString(PyExc_TypeError, "controls() takes bytes");
        return NULL;
    }
    const unsigned char *s = (const unsigned char *)PyBytes_AS_STRING(data);
    const Py_ssize_t n = PyBytes_GET_SIZE(data);
    size_t count = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const unsigned char b = s[k];
        count += (b < 0x20) & (b != '\t') & (b != '\n') & (b != '\f') & (b != '\r');
    }
    return PyLong_FromSize_t(count);
}

/* ---- page_end_leads: furniture._page_end_leads_python, compiled ----
 *
 * Where a page tag or page number (furniture._PAGE_ENDS) may begin in a text whose every
 * line follows a newline ("\n" put before the text's first line): each newline, with its
 * index among the newlines (its line's), that is followed by whitespace but a newline
 * ([^\S\n]: Py_UNICODE_ISSPACE, as the pattern's \s) and then a character one of the
 * pattern's alternatives begins with: "<", "-", "[", "p" or "P" (no other character below
 * U+0100 is "p" case aside) or a decimal digit (\d: Py_UNICODE_ISDECIMAL). The pattern is
 * then tried at these alone, where its search tried it at every newline and walked each
 * line's indentation (a table line's forty spaces) to find most lines lead with a letter.
 * memchr finds each newline. */

PyDoc_STRVAR(page_end_leads_doc,
             "page_end_leads(text, /)\n"
             "--\n\n"
             "furniture._page_end_leads_python: (index among the newlines, offset) of every "
             "newline followed by whitespace but a newline and then \"<\", \"-\", \"[\", "
             "\"p\", \"P\" or a decimal digit, in order; NotImplemented for a text with a "
             "character above U+00FF.");

static PyObject *
page_end_leads(PyObject *Py_UNUSED(module), PyObject *text)
{
    const unsigned char *s;
    Py_ssize_t n;
    switch (one_byte_text(text, "page_end_leads", &s, &n)) {
    case -1:
        return NULL;
    case 0:
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t at = 0, line = 0;
    for (;; line++) {
        const unsigned char *found = at < n ? memchr(s + at, '\n', (size_t)(n - at)) : NULL;
        if (found == NULL) {
            break;
        }
        const Py_ssize_t p = found - s;
        Py_ssize_t q = p + 1;
        while (q < n && s[q] != '\n' && Py_UNICODE_ISSPACE(s[q])) {
            q++;
        }
        at = q; /* the next newline is at q or after it */
        if (q >= n) {
            continue;
        }
        const unsigned char c = s[q];
        if (!(c == '<' || c == '-' || c == '[' || c == 'p' || c == 'P' || Py_UNICODE_ISDECIMAL(c))) {
            continue;
        }
        PyObject *lead = Py_BuildValue("(nn)", line, p);
        if (lead == NULL || PyList_Append(out, lead) < 0) {
            Py_XDECREF(lead);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(lead);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"page_end_leads", page_end_leads, METH_O, page_end_leads_doc},
    {"mark_starts", mark_starts, METH_O, mark_starts_doc},
    {"newlines", (PyCFunction)(void (*)(void))newlines, METH_FASTCALL, newlines_doc},
    {"controls", controls, METH_O, controls_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "tieout.sources._tags",
    "Where a submission's document and text tags may begin (sources/submission.py's "
    "_mark_starts_python), the newlines before them, the control bytes of a file's "
    "head (sources/decode.py's _controls_python), and where a page's end may be printed "
    "(sources/furniture.py's _page_end_leads_python).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__tags(void)
{
    return PyModule_Create(&module);
}
