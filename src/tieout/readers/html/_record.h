/* The records the compiled components hand back (_tree.c, _grid.c): the NamedTuples of
 * the Python code they mirror, made as tuple.__new__(cls, ...) makes them, and the
 * slotted dataclasses, made as their quick_init ``__init__`` makes them. */

#ifndef TIEOUT_RECORD_H
#define TIEOUT_RECORD_H

#include <Python.h>
#include <structmember.h>

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

/* A record as quick_init makes it (a Span, a FigureDraft, a GridRow): a new instance of
 * ``type`` with each of its slots (``fields``, its slot descriptors in the order of its
 * fields) set to ``values``, as its ``__init__`` sets them, without the call of it. A
 * slot of an object (a member descriptor of T_OBJECT_EX that may be written, of a type the
 * record is an instance of) is written where the descriptor says it lies, as the
 * descriptor's own ``__set__`` writes it, with no call through it: the records are made
 * by the hundred thousand a pass. Any other field is set through its ``__set__``. */
static PyObject *
slotted_record(PyTypeObject *type, PyObject *fields, PyObject *const *values)
{
    PyObject *made = type->tp_alloc(type, 0);
    if (made == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(fields); k++) {
        PyObject *field = PyTuple_GET_ITEM(fields, k);
        if (Py_IS_TYPE(field, &PyMemberDescr_Type) && values[k] != NULL) {
            PyMemberDef *member = ((PyMemberDescrObject *)field)->d_member;
            if (member->type == T_OBJECT_EX && !(member->flags & READONLY) &&
                PyObject_TypeCheck(made, PyDescr_TYPE(field))) {
                PyObject **slot = (PyObject **)((char *)made + member->offset);
                Py_XSETREF(*slot, Py_NewRef(values[k]));
                continue;
            }
        }
        descrsetfunc set = Py_TYPE(field)->tp_descr_set;
        if (set == NULL) {
            PyErr_SetString(PyExc_TypeError, "a field of the record is not a slot");
        }
        if (set == NULL || set(field, made, values[k]) < 0) {
            Py_DECREF(made);
            return NULL;
        }
    }
    return made;
}

#endif
