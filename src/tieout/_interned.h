/* The names a compiled component asks of Python objects (attributes, words it compares),
 * made once as interned str when its module is initialised and held for the life of the
 * process: one table of (slot, text) per component, filled by intern_all. */
#ifndef TIEOUT_INTERNED_H
#define TIEOUT_INTERNED_H

#include <Python.h>

typedef struct {
    PyObject **slot;
    const char *text;
} Interned;

/* each slot not set yet gets its text interned: 0, or -1 with the error set */
static int
intern_all(const Interned *names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (*names[i].slot == NULL &&
            (*names[i].slot = PyUnicode_InternFromString(names[i].text)) == NULL) {
            return -1;
        }
    }
    return 0;
}

#define INTERN_ALL(names) intern_all((names), sizeof(names) / sizeof((names)[0]))

#endif
