/* The records the compiled components hand back (_tree.c, _grid.c): the NamedTuples of
 * the Python code they mirror, made as tuple.__new__(cls, ...) makes them. */

#ifndef TIEOUT_RECORD_H
#define TIEOUT_RECORD_H

/* a record of a NamedTuple class from its fields (stolen), as tuple.__new__(cls, ...) */
static PyObject *
record(PyTypeObject *type, PyObject **items, Py_ssize_t n)
{
    PyObject *self = type->tp_alloc(type, n);
    if (self == NULL) {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_XDECREF(items[i]);
        }
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(self, i, items[i]);
    }
    return self;
}

#endif
