/* What both compiled components read of a cell (_grid.c from the tree's Node records,
 * _tree.c from libxml2's nodes as it builds a table's grid): its colspan and rowspan as
 * lxml's `.get` reads them, the indent of its first word, and the short path of
 * ``Text.words``. grid.py (``_row_python``, ``_nested``) and text.py are the
 * specification. */

#ifndef TIEOUT_CELLS_H
#define TIEOUT_CELLS_H

#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "_record.h"

/* Where an attribute's value is, read as xmlGetNsProp (under lxml's `.get(name)`) reads
 * it: ABSENT, SIMPLE (its one text node's content in raw, which lxml decodes as it is) or
 * COMPLEX (anything else: read through lxml). */
enum { ABSENT, SIMPLE, COMPLEX };

typedef struct {
    int where;
    const xmlChar *raw;
} Found;

static void
found_at(xmlAttr *a, Found *found)
{
    xmlNode *value = a->children;
    if (value == NULL || value->next != NULL ||
        (value->type != XML_TEXT_NODE && value->type != XML_CDATA_SECTION_NODE) ||
        value->content == NULL) {
        found->where = COMPLEX;
        return;
    }
    found->where = SIMPLE;
    found->raw = value->content;
}

/* The attributes `_tree.c`'s parse keeps off an element: an element of its documents whose
 * read attributes (style, colspan, rowspan; the others are dropped, as before) each have a
 * value is given no attribute nodes (three allocations each, made and freed: a third of
 * libxml2's parse and freeing). Each value is kept instead as a string of the document's
 * dictionary (freed with it), and the element's `content`, which libxml2 neither reads
 * nor frees for an element, points to one more such string that lists them: DIVERTED,
 * then for each attribute in order its code ('s', 'c', 'r') and the address of its value
 * in KEPT_DIGITS hexadecimal digits (a dictionary's strings hold no NUL); a NUL ends it.
 * An element whose attributes lxml is asked for has them made back first (`_tree.c`'s
 * `kept_element`). */
#define DIVERTED 0x01
#define KEPT_DIGITS (2 * (int)sizeof(uintptr_t))

/* the entries of an element's kept attributes, NULL when it has none kept so */
static inline const xmlChar *
diverted(const xmlNode *el)
{
    const xmlChar *kept = el->type == XML_ELEMENT_NODE ? el->content : NULL;
    return kept != NULL && kept[0] == DIVERTED ? kept + 1 : NULL;
}

/* the value of a kept entry (its address's digits) */
static inline const xmlChar *
diverted_entry(const xmlChar *digits)
{
    uintptr_t at = 0;
    for (int i = 0; i < KEPT_DIGITS; i++) {
        xmlChar c = digits[i];
        at = at << 4 | (uintptr_t)(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return (const xmlChar *)at;
}

/* the first value of the attribute of `code` among kept entries (NULL: absent) */
static inline const xmlChar *
diverted_value(const xmlChar *entries, xmlChar code)
{
    for (; *entries; entries += 1 + KEPT_DIGITS) {
        if (*entries == code) {
            return diverted_entry(entries + 1);
        }
    }
    return NULL;
}

/* an element's colspan and rowspan, found in one pass over its attributes (the first of
 * each name, as xmlGetNsProp finds it); an attribute not on the element is absent unless
 * the document declares attributes in a DTD (xmlGetNsProp then looks for a default
 * there; libxml2's HTML parser never reads such declarations) */
static void
span_attributes(xmlNode *el, Found *colspan, Found *rowspan)
{
    colspan->where = rowspan->where = ABSENT;
    colspan->raw = rowspan->raw = NULL;
    const xmlChar *entries = diverted(el);
    if (entries != NULL) {
        if ((colspan->raw = diverted_value(entries, 'c')) != NULL) {
            colspan->where = SIMPLE;
        }
        if ((rowspan->raw = diverted_value(entries, 'r')) != NULL) {
            rowspan->where = SIMPLE;
        }
    }
    for (xmlAttr *a = entries != NULL ? NULL : el->properties; a != NULL; a = a->next) {
        if (a->ns != NULL) {
            continue;
        }
        const char *name = (const char *)a->name;
        if (colspan->where == ABSENT && strcmp(name, "colspan") == 0) {
            found_at(a, colspan);
        }
        else if (rowspan->where == ABSENT && strcmp(name, "rowspan") == 0) {
            found_at(a, rowspan);
        }
    }
    xmlDoc *doc = el->doc;
    if (doc != NULL && ((doc->intSubset != NULL && doc->intSubset->attributes != NULL) ||
                        (doc->extSubset != NULL && doc->extSubset->attributes != NULL))) {
        if (colspan->where == ABSENT) {
            colspan->where = COMPLEX;
        }
        if (rowspan->where == ABSENT) {
            rowspan->where = COMPLEX;
        }
    }
}

/* a SIMPLE span's value read as grid.py reads a value of a few ASCII digits (empty: 1;
 * clamped to 1 .. limit); 0 when it is not such a value (grid.py's ``_span_attr`` reads
 * it) */
static Py_ssize_t
simple_span(const xmlChar *raw, Py_ssize_t limit)
{
    size_t n = strlen((const char *)raw);
    if (n == 0) {
        return 1;
    }
    if (n <= 9) {
        Py_ssize_t number = 0;
        size_t i = 0;
        for (; i < n && raw[i] >= '0' && raw[i] <= '9'; i++) {
            number = number * 10 + (raw[i] - '0');
        }
        if (i == n) {
            return number < 1 ? 1 : number > limit ? limit : number;
        }
    }
    return 0;
}

#define NBSP_POINTS 2.5

/* The indent of a text whose first word follows ``shift`` points of style: each no-break
   space before that word adds NBSP_POINTS (grid.py's lead and _nested indent). */
static double
leading_indent(int kind, const void *data, Py_ssize_t n, double shift)
{
    Py_ssize_t nbsp = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch == 0xa0) {
            nbsp++;
        }
        else if (!(ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
            break;
        }
    }
    return shift + (double)nbsp * NBSP_POINTS;
}

/* where ``value.strip()`` begins and ends in ``value`` (str.strip's whitespace) */
static void
strip_bounds(PyObject *value, Py_ssize_t *lo, Py_ssize_t *hi)
{
    int kind = PyUnicode_KIND(value);
    const void *data = PyUnicode_DATA(value);
    Py_ssize_t a = 0, b = PyUnicode_GET_LENGTH(value);
    while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) {
        a++;
    }
    while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) {
        b--;
    }
    *lo = a;
    *hi = b;
}

/* Text.words of a text (a record of text_type) of one piece starting at index 0 (value,
 * ((0, offset),)): the text itself or its stripped slice when there is nothing to
 * collapse, else what Python's method (named ``method``) gives (new reference) */
static PyObject *
text_words(PyObject *text, PyTypeObject *text_type, PyObject *method)
{
    PyObject *value = PyTuple_GET_ITEM(text, 0);
    Py_ssize_t n = PyUnicode_GET_LENGTH(value);
    int kind = PyUnicode_KIND(value);
    const void *data = PyUnicode_DATA(value);
    Py_ssize_t lo, hi;
    strip_bounds(value, &lo, &hi);
    int plain_run = 1; /* printable, and no two spaces in a row */
    Py_UCS4 last = 0;
    for (Py_ssize_t i = lo; i < hi; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (!Py_UNICODE_ISPRINTABLE(ch) || (ch == ' ' && last == ' ')) {
            plain_run = 0;
            break;
        }
        last = ch;
    }
    if (!plain_run || lo >= hi) {
        return PyObject_CallMethodNoArgs(text, method);
    }
    if (lo == 0 && hi == n) {
        Py_INCREF(text);
        return text;
    }
    /* Text.slice(lo, hi) of one piece at index 0 */
    PyObject *piece0 = PyTuple_GET_ITEM(PyTuple_GET_ITEM(text, 1), 0);
    Py_ssize_t offset = PyLong_AsSsize_t(PyTuple_GET_ITEM(piece0, 1));
    if (offset == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *pieces = one_piece(offset >= 0 ? offset + lo : -1);
    if (pieces == NULL) {
        return NULL;
    }
    PyObject *sliced = PyUnicode_Substring(value, lo, hi);
    if (sliced == NULL) {
        Py_DECREF(pieces);
        return NULL;
    }
    PyObject *items[2] = {sliced, pieces};
    return record(text_type, items, 2);
}

#endif
