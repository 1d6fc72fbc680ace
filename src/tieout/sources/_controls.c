/* How many control bytes the head of a file holds: sources/decode.py's _controls_python,
 * compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler): of the first `limit` bytes of the data, how many are control bytes no text
 * holds (below 32, but tab, newline, form feed and carriage return), the test that tells
 * a binary file from a text release before decoding it. It counted them as the length
 * the bytes lose when those are deleted (bytes.translate: a copy of the head, and the head
 * itself a copy of the file's first 64 KB, for every file read); this counts them in
 * place.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyDoc_STRVAR(controls_doc,
             "controls(data, limit, /)\n"
             "--\n\n"
             "decode._controls_python: how many of the first `limit` bytes of the data are "
             "below 32 and not a tab, newline, form feed or carriage return.");

static PyObject *
controls(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "controls() takes the data and a limit");
        return NULL;
    }
    Py_ssize_t limit = PyNumber_AsSsize_t(args[1], PyExc_OverflowError);
    if (limit == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_buffer view; /* bytes, or a bytearray: what the Python's slice and translate read */
    if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    const unsigned char *s = (const unsigned char *)view.buf;
    Py_ssize_t n = view.len;
    if (limit < 0) { /* as the slice data[:limit] reads it */
        limit = limit + n < 0 ? 0 : limit + n;
    }
    if (n > limit) {
        n = limit;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const unsigned char c = s[i];
        count += c < 32 && c != '\t' && c != '\n' && c != '\f' && c != '\r';
    }
    PyBuffer_Release(&view);
    return PyLong_FromSsize_t(count);
}

static PyMethodDef methods[] = {
    {"controls", (PyCFunction)(void (*)(void))controls, METH_FASTCALL, controls_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "tieout.sources._controls",
    "How many control bytes the head of a file holds (sources/decode.py's _controls_python).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__controls(void)
{
    return PyModule_Create(&module);
}
