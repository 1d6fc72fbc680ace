/* A record's fields read by their slots: the offset of each named slot of a record type,
 * found once when a compiled component is configured, so that a field is read from the
 * object's memory rather than looked up by name per call. */
#ifndef TIEOUT_SLOTS_H
#define TIEOUT_SLOTS_H

#include <Python.h>
#include <structmember.h>

/* the offset of type's object slot named name, or -1 (no error set) when it has none */
static Py_ssize_t
slot_of(PyTypeObject *type, const char *name)
{
    PyObject *descr = PyDict_GetItemString(type->tp_dict, name); /* borrowed */
    if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type) ||
        ((PyMemberDescrObject *)descr)->d_member->type != T_OBJECT_EX) {
        return -1;
    }
    return ((PyMemberDescrObject *)descr)->d_member->offset;
}

/* found[i], the offset of the slot names[i] of the record type `type`, which must have
 * exactly count slots (count_word spells the number in the error); what names the record
 * in the errors ("the cell record"). 0, or -1 with a TypeError set. */
static int
record_slots(PyObject *type, const char *const *names, int count, const char *count_word,
             const char *what, Py_ssize_t *found)
{
    PyObject *fields = PyObject_GetAttrString(type, "__slots__");
    if (fields == NULL) {
        return -1;
    }
    Py_ssize_t length = PyObject_Length(fields);
    Py_DECREF(fields);
    if (length != count) {
        if (length >= 0) {
            PyErr_Format(PyExc_TypeError, "%s has other slots than %s", what, count_word);
        }
        return -1;
    }
    for (int i = 0; i < count; i++) {
        found[i] = slot_of((PyTypeObject *)type, names[i]);
        if (found[i] < 0) {
            PyErr_Format(PyExc_TypeError, "%s has no slot %s", what, names[i]);
            return -1;
        }
    }
    return 0;
}

#endif
