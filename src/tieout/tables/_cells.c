/* A row's figures in units: tables/assemble.py's _cells_python, compiled.
 *
 * The Python function is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or no
 * compiler). This makes the same Cell records from the same row draft: each print under
 * its column (the first of two under one column), its value and rounding unit scaled
 * through the same `_Scaling` of the row's factor (or of 1 for a column of its own unit,
 * or of 10**power for a print that carries its power), a zero and a second reading
 * through the same `_scaled`. What it saves is the Python work per figure, above all the
 * Cell's `__init__` (a Python frame and seven slot setters): the record is allocated and
 * its seven slots set here, as `model.quick_init`'s `__init__` sets them.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_interned.h"

#define N_FIELDS 7 /* raw, value, precision, span, column, flags, readings */

static PyTypeObject *cell_type = NULL;
static Py_ssize_t offsets[N_FIELDS];
static PyObject *scaling_of = NULL; /* assemble._scaling */
static PyObject *scaled = NULL;     /* assemble._scaled */
static PyObject *scaled_unit = NULL; /* assemble._scaled_unit */
static PyObject *ten = NULL;         /* Decimal(10) */

static PyObject *S_column, *S_power, *S_figure, *S_value, *S_readings, *S_decimals, *S_flags,
    *S_raw, *S_span, *S_factor, *S_units, *S_is_signed;

PyDoc_STRVAR(configure_doc,
             "configure(cell, scaling_of, scaled, scaled_unit, ten, /)\n"
             "--\n\n"
             "Hold the Cell class (its seven slots, in order) and assemble's helpers.");

static PyObject *
configure(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    static const char *names[N_FIELDS] = {"raw",    "value", "precision", "span",
                                          "column", "flags", "readings"};
    if (nargs != 5 || !PyType_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "configure(cell, scaling_of, scaled, scaled_unit, ten)");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *fields = PyObject_GetAttrString(args[0], "__slots__");
    if (fields == NULL) {
        return NULL;
    }
    Py_ssize_t count = PyObject_Length(fields);
    Py_DECREF(fields);
    if (count != N_FIELDS) {
        if (count >= 0) {
            PyErr_SetString(PyExc_TypeError, "the cell record has other slots than seven");
        }
        return NULL;
    }
    Py_ssize_t found[N_FIELDS];
    for (int i = 0; i < N_FIELDS; i++) {
        PyObject *descr = PyDict_GetItemString(type->tp_dict, names[i]); /* borrowed */
        if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type) ||
            ((PyMemberDescrObject *)descr)->d_member->type != T_OBJECT_EX) {
            PyErr_Format(PyExc_TypeError, "the cell record has no slot %s", names[i]);
            return NULL;
        }
        found[i] = ((PyMemberDescrObject *)descr)->d_member->offset;
    }
    memcpy(offsets, found, sizeof offsets);
    PyObject *held[5] = {args[0], args[1], args[2], args[3], args[4]};
    PyObject **slots[5] = {(PyObject **)&cell_type, &scaling_of, &scaled, &scaled_unit, &ten};
    for (int i = 0; i < 5; i++) {
        Py_INCREF(held[i]);
        Py_XSETREF(*slots[i], held[i]);
    }
    Py_RETURN_NONE;
}

/* a Cell of its seven fields (stolen), its slots set as quick_init's __init__ sets them */
static PyObject *
make_cell(PyObject **fields)
{
    PyObject *self = cell_type->tp_alloc(cell_type, 0);
    if (self == NULL) {
        for (int i = 0; i < N_FIELDS; i++) {
            Py_DECREF(fields[i]);
        }
        return NULL;
    }
    for (int i = 0; i < N_FIELDS; i++) {
        *(PyObject **)((char *)self + offsets[i]) = fields[i];
    }
    return self;
}

/* _scaled(value, factor, value.is_signed()) */
static PyObject *
scaled_signed(PyObject *value, PyObject *factor)
{
    PyObject *signed_ = PyObject_CallMethodNoArgs(value, S_is_signed);
    if (signed_ == NULL) {
        return NULL;
    }
    PyObject *args[3] = {value, factor, signed_};
    PyObject *made = PyObject_Vectorcall(scaled, args, 3, NULL);
    Py_DECREF(signed_);
    return made;
}

/* the cell of one print, its scaling chosen (a new reference) */
static PyObject *
cell_of(PyObject *draft, PyObject *column, PyObject *scaling)
{
    PyObject *fields[N_FIELDS] = {NULL};
    PyObject *fig = NULL, *first = NULL, *factor = NULL, *readings = NULL, *units = NULL,
             *decimals = NULL;
    PyObject *cell = NULL;
    if ((fig = PyObject_GetAttr(draft, S_figure)) == NULL ||
        (first = PyObject_GetAttr(fig, S_value)) == NULL ||
        (factor = PyObject_GetAttr(scaling, S_factor)) == NULL ||
        (fields[1] = PyObject_GetItem(scaling, first)) == NULL) {
        goto done;
    }
    int nonzero = PyObject_IsTrue(fields[1]);
    if (nonzero < 0) {
        goto done;
    }
    if (!nonzero) { /* a zero: its sign is its own, not that of an equal zero's */
        Py_SETREF(fields[1], scaled_signed(first, factor));
        if (fields[1] == NULL) {
            goto done;
        }
    }
    if ((readings = PyObject_GetAttr(fig, S_readings)) == NULL ||
        (units = PyObject_GetAttr(scaling, S_units)) == NULL ||
        (decimals = PyObject_GetAttr(fig, S_decimals)) == NULL) {
        goto done;
    }
    if (!PyDict_Check(units)) {
        PyErr_SetString(PyExc_TypeError, "a scaling's units must be a dict");
        goto done;
    }
    fields[2] = PyDict_GetItemWithError(units, decimals); /* borrowed */
    if (fields[2] != NULL) {
        Py_INCREF(fields[2]);
    }
    else {
        if (PyErr_Occurred()) {
            goto done;
        }
        PyObject *args[2] = {decimals, factor};
        fields[2] = PyObject_Vectorcall(scaled_unit, args, 2, NULL);
        if (fields[2] == NULL || PyDict_SetItem(units, decimals, fields[2]) < 0) {
            goto done;
        }
    }
    Py_ssize_t n = PyObject_Length(readings);
    if (n < 0) {
        goto done;
    }
    PyObject *only = n == 1 ? PySequence_GetItem(readings, 0) : NULL;
    if (n == 1 && only == NULL) {
        goto done;
    }
    if (only == first) {
        fields[6] = PyTuple_Pack(1, fields[1]);
    }
    else {
        PyObject *each = PySequence_Tuple(readings);
        fields[6] = each == NULL ? NULL : PyTuple_New(PyTuple_GET_SIZE(each));
        for (Py_ssize_t k = 0; fields[6] != NULL && k < PyTuple_GET_SIZE(each); k++) {
            PyObject *r = PyTuple_GET_ITEM(each, k);
            PyObject *v = r == first ? Py_NewRef(fields[1]) : scaled_signed(r, factor);
            if (v == NULL) {
                Py_CLEAR(fields[6]);
            }
            else {
                PyTuple_SET_ITEM(fields[6], k, v);
            }
        }
        Py_XDECREF(each);
    }
    Py_XDECREF(only);
    if (fields[6] == NULL || (fields[0] = PyObject_GetAttr(draft, S_raw)) == NULL ||
        (fields[3] = PyObject_GetAttr(draft, S_span)) == NULL ||
        (fields[5] = PyObject_GetAttr(fig, S_flags)) == NULL) {
        goto done;
    }
    fields[4] = Py_NewRef(column);
    cell = make_cell(fields);
    for (int i = 0; i < N_FIELDS; i++) {
        fields[i] = NULL; /* stolen */
    }
done:
    for (int i = 0; i < N_FIELDS; i++) {
        Py_XDECREF(fields[i]);
    }
    Py_XDECREF(decimals);
    Py_XDECREF(units);
    Py_XDECREF(readings);
    Py_XDECREF(factor);
    Py_XDECREF(first);
    Py_XDECREF(fig);
    return cell;
}

PyDoc_STRVAR(cells_doc,
             "cells(figures, own_units, by_factor, by_one, powered, /)\n"
             "--\n\n"
             "assemble._cells_python's cells of a row's figures, given its scalings.");

static PyObject *
cells(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_Format(PyExc_TypeError, "cells() takes 5 arguments (%zd given)", nargs);
        return NULL;
    }
    if (cell_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "cells(): configure() first");
        return NULL;
    }
    PyObject *own_units = args[1], *by_factor = args[2], *by_one = args[3];
    int powered = PyObject_IsTrue(args[4]);
    if (powered < 0) {
        return NULL;
    }
    if (!PyList_Check(own_units)) {
        PyErr_SetString(PyExc_TypeError, "cells(): own_units must be a list");
        return NULL;
    }
    Py_ssize_t width = PyList_GET_SIZE(own_units);
    PyObject *fast = PySequence_Fast(args[0], "a row's figures must be a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *out = PyList_New(width);
    if (out == NULL) {
        Py_DECREF(fast);
        return NULL;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        PyList_SET_ITEM(out, j, Py_NewRef(Py_None));
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **figures = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *f = figures[i];
        PyObject *column = PyObject_GetAttr(f, S_column);
        if (column == NULL) {
            goto failed;
        }
        Py_ssize_t j = PyNumber_AsSsize_t(column, PyExc_IndexError);
        if (j == -1 && PyErr_Occurred()) {
            Py_DECREF(column);
            goto failed;
        }
        if (j < 0) {
            j += width; /* as a list's index */
        }
        if (j < 0 || j >= width) {
            Py_DECREF(column);
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto failed;
        }
        if (PyList_GET_ITEM(out, j) != Py_None) {
            Py_DECREF(column);
            continue; /* two prints under one column: the first is the column's */
        }
        int own = PyObject_IsTrue(PyList_GET_ITEM(own_units, j));
        if (own < 0) {
            Py_DECREF(column);
            goto failed;
        }
        PyObject *scaling = Py_NewRef(own ? by_one : by_factor);
        if (powered && !own) {
            PyObject *power = PyObject_GetAttr(f, S_power);
            if (power == NULL) {
                Py_DECREF(scaling);
                Py_DECREF(column);
                goto failed;
            }
            if (power != Py_None) {
                PyObject *factor = PyNumber_Power(ten, power, Py_None);
                Py_SETREF(scaling, factor == NULL ? NULL : PyObject_CallOneArg(scaling_of, factor));
                Py_XDECREF(factor);
            }
            Py_DECREF(power);
            if (scaling == NULL) {
                Py_DECREF(column);
                goto failed;
            }
        }
        PyObject *cell = cell_of(f, column, scaling);
        Py_DECREF(scaling);
        Py_DECREF(column);
        if (cell == NULL) {
            goto failed;
        }
        PyList_SetItem(out, j, cell); /* steals cell, drops the None */
    }
    Py_DECREF(fast);
    return out;
failed:
    Py_DECREF(fast);
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL, configure_doc},
    {"cells", (PyCFunction)(void (*)(void))cells, METH_FASTCALL, cells_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.tables._cells",
    "A row's figures in units, compiled from _cells.c (assemble._cells_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__cells(void)
{
    static const Interned names[] = {
        {&S_column, "column"},     {&S_power, "power"},     {&S_figure, "figure"},
        {&S_value, "value"},       {&S_readings, "readings"}, {&S_decimals, "decimals"},
        {&S_flags, "flags"},       {&S_raw, "raw"},         {&S_span, "span"},
        {&S_factor, "factor"},     {&S_units, "units"},     {&S_is_signed, "is_signed"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    return PyModule_Create(&module_def);
}
