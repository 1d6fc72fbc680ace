/* A str's characters read as bytes, where each is one byte (U+0000 to U+00FF).
 *
 * The compiled scans over a document's text (sources/_tags.c, nongaap/_places.c) read a
 * text of one byte per character only, and hand back NotImplemented for any other, which
 * their Python specification then reads: this is that common opening, written once. */

#ifndef TIEOUT_ONE_BYTE_H
#define TIEOUT_ONE_BYTE_H

#include <Python.h>

/* 1 with `*s` and `*n` set when `text` is a str of one byte per character; 0 when it is a
 * str of wider characters (the caller returns NotImplemented); -1 with an exception set
 * when it is no str ("`name`() takes a str") or cannot be read. */
static inline int
one_byte_text(PyObject *text, const char *name, const unsigned char **s, Py_ssize_t *n)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a str", name);
        return -1;
    }
    if (PyUnicode_READY(text) < 0) {
        return -1;
    }
    if (PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND) {
        return 0;
    }
    *s = PyUnicode_1BYTE_DATA(text);
    *n = PyUnicode_GET_LENGTH(text);
    return 1;
}

#endif
