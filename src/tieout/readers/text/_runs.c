/* The runs of text of a fixed-width line: readers/text/lines.py's _runs_python, compiled.
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
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
#define AT(k) PyUnicode_READ(kind, data, (k))
#define SPACE(k) Py_UNICODE_ISSPACE(AT(k))
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

static PyMethodDef methods[] = {
    {"runs", runs, METH_O, runs_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "tieout.readers.text._runs",
    "The runs of text of a fixed-width line (readers/text/lines.py's _runs_python).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__runs(void)
{
    return PyModule_Create(&module);
}
