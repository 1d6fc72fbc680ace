/* What the compiled components that walk lxml's tree (_tree.c, _grid.c) check when they
 * are imported: the lxml installed is the one whose structs they were compiled against
 * (its headers are a build requirement), and its element type, held for the life of the
 * process. Include after lxml-version.h and etree_api.h. */

#ifndef TIEOUT_LXML_GUARD_H
#define TIEOUT_LXML_GUARD_H

/* lxml.etree._Element (a new reference), after lxml's C API is imported; NULL with an
 * ImportError set under another lxml than the one built against. */
static PyTypeObject *
lxml_element_type(void)
{
    PyObject *etree = PyImport_ImportModule("lxml.etree");
    if (etree == NULL) {
        return NULL;
    }
    PyObject *version = PyObject_GetAttrString(etree, "__version__");
    if (version == NULL) {
        Py_DECREF(etree);
        return NULL;
    }
    int same = PyUnicode_Check(version) &&
               PyUnicode_CompareWithASCIIString(version, LXML_VERSION_STRING) == 0;
    Py_DECREF(version);
    if (!same) {
        Py_DECREF(etree);
        PyErr_SetString(PyExc_ImportError,
                        "built against lxml " LXML_VERSION_STRING ", not the one installed");
        return NULL;
    }
    PyObject *type = PyObject_GetAttrString(etree, "_Element");
    Py_DECREF(etree);
    if (type == NULL) {
        return NULL;
    }
    if (!PyType_Check(type)) {
        Py_DECREF(type);
        PyErr_SetString(PyExc_ImportError, "lxml.etree._Element is not a type");
        return NULL;
    }
    if (import_lxml__etree() < 0) {
        Py_DECREF(type);
        return NULL;
    }
    return (PyTypeObject *)type;
}

#endif
