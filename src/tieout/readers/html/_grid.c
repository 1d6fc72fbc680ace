/*
 * The cells of one row of a grid (tieout.readers.html.grid._row_python), compiled.
 *
 * grid.py is the specification: ``_row_python`` places the cells of a ``<tr>`` in their
 * slots (colspan, rowspan through ``taken``), reads each cell that nests down to one run
 * of words as ``_nested`` does, and every other cell as ``_walked`` does. This file does
 * the same over the same records (parse.py's Node and text.py's Text, both tuples), with
 * no Python frame per cell or element: ``_nested``, ``_blank``, ``_spacer``, ``_walked``
 * (with ``_read``, ``_Content`` and the ``TextBuilder`` that joins its chunks) and the
 * short path of ``Text.words`` are mirrored here; ``_span_attr`` (a span not printed as
 * plain ASCII digits), ``_ix``, ``check_text`` and the long paths of ``Text.words`` are
 * called back in Python. A cell's colspan and rowspan are read from lxml's element as
 * ``.get`` reads them, through lxml's public C API (as _tree.c does).
 * tests/test_html_grid_compiled.py asserts both give the same grids on every corpus
 * release and on generated tables.
 *
 * The table reader's per-row passes after the grid are here too, each mirroring its
 * Python specification over the same records: ``items`` (cells._items_python: a row's
 * cells that hold something, each role read back by cells._role), ``run_span`` and
 * ``run_spans`` (where.Locator._run_python and _run_spans_python: the span of a text that
 * is one run of the file, and of each run of a paragraph; each Span made as
 * model.quick_init makes it, its slots set), ``span`` (where.Locator.span of a whole
 * text, of several runs too: tables.located's), ``kinds``
 * (parts._kinds_python: each grid row's kind and the figures after its label),
 * ``groups`` (parts._groups_python: a part's figure columns), ``split``
 * (parts._split_python: kinds' pass and the cut into parts in one call, the rows held as
 * indexes until each Part is made with its columns as parts._columns finds them),
 * ``header_texts`` (columns._header_texts_python: the header Texts over each column) and
 * ``part_rows``
 * (rows._row_drafts_python: a part's rows as printed, from its lines to its RowDrafts in
 * one call: labels run on, figures placed in their columns as rows._figures places them,
 * the rules between rows, a figure's marks folded in as rows._flagged folds them, each
 * record set through its slots; a closer's reading (rows._closing) and a label's run-on
 * called back in Python).
 * tests/test_html_rows_compiled.py asserts them on every corpus document and on
 * generated input.
 *
 * ``cell_of`` is the row's reading of one cell Node, for _tree.c's grids (the cells they
 * do not read from libxml2's nodes themselves); what both read of a cell's spans, the
 * indent of its first word and the short path of ``Text.words`` is in _cells.h.
 *
 * ``configure`` is called once by grid.py with the classes and constants it reads.
 * Memory: the chunks and pieces of a walked cell are grown with PyMem_Realloc and freed
 * on every path; the chunks are borrowed from the tree, which outlives the call.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include <libxml/tree.h>

#include "lxml-version.h"
#include "etree_api.h"
#include "_lxml_guard.h"
#include "_record.h"
#include "_text_pieces.h"
#include "_cells.h"
#include "_interned.h"

static PyTypeObject *element_type; /* lxml.etree._Element */

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* what configure gives, held for the life of the process */
static PyTypeObject *node_type, *text_type, *cell_type;
static PyObject *plain, *rule_none, *rule_single, *rule_double, *empty_text, *empty_str;
static PyObject *span_attr, *ix_of, *check_text;
static PyObject *block_tags, *not_nested, *not_blank;
static long max_colspan, max_rowspan, max_text;
static int configured;

/* interned names */
static PyObject *s_underline, *s_indent, *s_top, *s_bottom, *s_bold, *s_raised, *s_display,
    *s_get, *s_colspan, *s_rowspan, *s_words, *s_td, *s_th, *s_u, *s_b, *s_strong, *s_hr,
    *s_table_cell, *s_ix_nonfraction, *s_ix, *s_table, *s_sup, *s_space;

/* Node fields */
#define N_TAG(n) PyTuple_GET_ITEM(n, 0)
#define N_ELEMENT(n) PyTuple_GET_ITEM(n, 1)
#define N_LOOK(n) PyTuple_GET_ITEM(n, 2)
#define N_START(n) PyTuple_GET_ITEM(n, 3)
#define N_CHILDREN(n) PyTuple_GET_ITEM(n, 4)
/* Text fields */
#define T_VALUE(t) PyTuple_GET_ITEM(t, 0)
#define T_PIECES(t) PyTuple_GET_ITEM(t, 1)

static int
weight(PyObject *rule)
{
    return rule == rule_double ? 2 : rule == rule_single ? 1 : 0;
}

/* style.stronger (borrowed references in, borrowed out) */
static PyObject *
stronger(PyObject *a, PyObject *b)
{
    if (a == b || b == rule_none) {
        return a;
    }
    return weight(a) >= weight(b) ? a : b;
}

/* an attribute of a Look (new reference) */
static PyObject *
get(PyObject *look, PyObject *name)
{
    return PyObject_GetAttr(look, name);
}

/* a Look's attribute that is a Rule, kept borrowed: Rules are enum members, alive as
 * long as the process (returns NULL on error) */
static PyObject *
rule_of(PyObject *look, PyObject *name)
{
    PyObject *rule = PyObject_GetAttr(look, name);
    if (rule == NULL) {
        return NULL;
    }
    Py_DECREF(rule);
    return rule;
}

static int
same_str(PyObject *a, PyObject *b)
{
    return a == b || (PyUnicode_Check(a) && PyUnicode_Compare(a, b) == 0);
}

static int
is_bold_tag(PyObject *tag)
{
    return same_str(tag, s_b) || same_str(tag, s_strong);
}

/* whether str.strip() leaves anything of a value */
static int
has_words(PyObject *value)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(value);
    int kind = PyUnicode_KIND(value);
    const void *data = PyUnicode_DATA(value);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            return 1;
        }
    }
    return 0;
}

/* GridCell(col, span, col + span, text, marks, bold, indent, top, bottom, start, ix);
 * text, marks and ix stolen, the rest borrowed */
static PyObject *
grid_cell(Py_ssize_t col, Py_ssize_t span, PyObject *text, PyObject *marks, int bold,
          double indent, PyObject *top, PyObject *bottom, PyObject *start, PyObject *ix)
{
    PyObject *items[11];
    items[0] = PyLong_FromSsize_t(col);
    items[1] = PyLong_FromSsize_t(span);
    items[2] = PyLong_FromSsize_t(col + span);
    items[3] = text;
    items[4] = marks;
    items[5] = PyBool_FromLong(bold);
    items[6] = PyFloat_FromDouble(indent);
    Py_INCREF(top);
    items[7] = top;
    Py_INCREF(bottom);
    items[8] = bottom;
    Py_INCREF(start);
    items[9] = start;
    items[10] = ix;
    for (int i = 0; i < 11; i++) {
        if (items[i] == NULL) {
            for (int j = 0; j < 11; j++) {
                Py_XDECREF(items[j]);
            }
            return NULL;
        }
    }
    return record(cell_type, items, 11);
}

/* the cell with no words of a node: its own borders (``_spacer``) */
static PyObject *
spacer(PyObject *node, Py_ssize_t col, Py_ssize_t span)
{
    PyObject *look = N_LOOK(node);
    PyObject *top = rule_of(look, s_top);
    PyObject *bottom = top ? rule_of(look, s_bottom) : NULL;
    if (bottom == NULL) {
        return NULL;
    }
    Py_INCREF(empty_text);
    Py_INCREF(empty_str);
    Py_INCREF(Py_None);
    return grid_cell(col, span, empty_text, empty_str, 0, 0.0, top, bottom, N_START(node),
                     Py_None);
}

/* Text.words of a text of one piece starting at index 0 (_cells.h's text_words) */
static PyObject *
words(PyObject *text)
{
    return text_words(text, text_type, s_words);
}

static int
in_set(PyObject *set, PyObject *key)
{
    return PySet_Contains(set, key);
}

static int
starts_with(PyObject *tag, PyObject *prefix)
{
    Py_ssize_t r = PyUnicode_Tailmatch(tag, prefix, 0, PY_SSIZE_T_MAX, -1);
    return (int)r;
}

/* _blank: what an element with no words adds to a cell: 1 with *size, *top, *bottom
 * updated, 0 when it holds words (or is a table, a superscript, a fact), -1 on error */
static int
blank(PyObject *node, Py_ssize_t *size, PyObject **top, PyObject **bottom)
{
    PyObject *tag = N_TAG(node);
    if (same_str(tag, s_hr)) {
        *size += 1;
        *bottom = stronger(*bottom, rule_single);
        return 1;
    }
    PyObject *style = N_LOOK(node);
    int r = in_set(not_blank, tag);
    if (r != 0) {
        return r < 0 ? -1 : 0;
    }
    r = starts_with(tag, s_ix);
    if (r != 0) {
        return r < 0 ? -1 : 0;
    }
    PyObject *raised = get(style, s_raised);
    if (raised == NULL) {
        return -1;
    }
    int up = PyObject_IsTrue(raised);
    Py_DECREF(raised);
    if (up < 0) {
        return -1;
    }
    if (up && !same_str(tag, s_u)) {
        return 0;
    }
    r = in_set(block_tags, tag);
    if (r < 0) {
        return -1;
    }
    Py_ssize_t own = r ? 2 : 0;
    PyObject *own_top = rule_of(style, s_top);
    PyObject *own_bottom = own_top ? rule_of(style, s_bottom) : NULL;
    if (own_bottom == NULL) {
        return -1;
    }
    PyObject *children = N_CHILDREN(node);
    Py_ssize_t n = PyTuple_GET_SIZE(children);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *child = PyTuple_GET_ITEM(children, i);
        if (Py_TYPE(child) == text_type) {
            PyObject *value = T_VALUE(child);
            if (has_words(value)) {
                return 0;
            }
            own += PyUnicode_GET_LENGTH(value);
            continue;
        }
        r = blank(child, &own, &own_top, &own_bottom);
        if (r <= 0) {
            return r;
        }
    }
    *size += own;
    *top = stronger(*top, own_top);
    *bottom = stronger(*bottom, own_bottom);
    return 1;
}

static int
too_long(Py_ssize_t size, PyObject *name)
{
    if (size <= max_text) {
        return 0;
    }
    PyObject *got = PyObject_CallFunction(check_text, "nO", size, name);
    if (got == NULL) {
        return -1;
    }
    Py_DECREF(got);
    return 0;
}

/* what _nested and _walked read first of a cell's Look: the rule its underline draws
 * (borrowed, see rule_of) and its indent in points; -1 on error */
static int
cell_style(PyObject *look, PyObject **under, double *shift)
{
    *under = rule_of(look, s_underline);
    if (*under == NULL) {
        return -1;
    }
    PyObject *indent = get(look, s_indent);
    if (indent == NULL) {
        return -1;
    }
    *shift = PyFloat_AsDouble(indent);
    Py_DECREF(indent);
    return *shift == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* _nested: the cell, Py_None (new reference) when _walked must read it, NULL on error */
static PyObject *
nested(PyObject *node, Py_ssize_t col, Py_ssize_t span, int bold, PyObject *name)
{
    PyObject *look = N_LOOK(node);
    PyObject *under;
    double shift;
    if (cell_style(look, &under, &shift) < 0) {
        return NULL;
    }
    PyObject *top = rule_none, *bottom = rule_none;
    PyObject *ix = NULL; /* owned */
    Py_ssize_t size = 0;
    PyObject *children = N_CHILDREN(node);
    int outer = 1;
    PyObject *inner; /* borrowed */
    PyObject *result = NULL;
    for (;;) {
        inner = NULL;
        Py_ssize_t holding = 0; /* children that hold something */
        Py_ssize_t n = PyTuple_GET_SIZE(children);
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *child = PyTuple_GET_ITEM(children, i);
            if (Py_TYPE(child) == text_type) {
                PyObject *value = T_VALUE(child);
                size += PyUnicode_GET_LENGTH(value);
                if (!has_words(value)) {
                    continue;
                }
            }
            if (holding++ == 0) {
                inner = child;
            }
        }
        if (holding > 1) { /* only one of them may hold words */
            inner = NULL;
            for (Py_ssize_t i = 0; i < n; i++) {
                PyObject *child = PyTuple_GET_ITEM(children, i);
                int r = 0;
                if (Py_TYPE(child) == text_type) {
                    if (!has_words(T_VALUE(child))) {
                        continue; /* not one of them */
                    }
                }
                else {
                    r = blank(child, &size, &top, &bottom);
                    if (r < 0) {
                        goto done;
                    }
                }
                if (r) {
                    continue;
                }
                if (inner == NULL) {
                    inner = child;
                }
                else {
                    Py_INCREF(Py_None);
                    result = Py_None;
                    goto done;
                }
            }
        }
        else if (inner == NULL && outer) {
            result = spacer(node, col, span); /* nothing but whitespace in the cell */
            goto done;
        }
        if (inner == NULL || Py_TYPE(inner) == text_type) {
            break;
        }
        PyObject *tag = N_TAG(inner);
        int r = in_set(not_nested, tag);
        if (r != 0) {
            if (r > 0) {
                Py_INCREF(Py_None);
                result = Py_None;
            }
            goto done;
        }
        PyObject *style = N_LOOK(inner);
        double style_indent = 0.0;
        if (style != plain) {
            PyObject *raised = get(style, s_raised);
            if (raised == NULL) {
                goto done;
            }
            int up = PyObject_IsTrue(raised);
            Py_DECREF(raised);
            if (up < 0) {
                goto done;
            }
            if (up && !same_str(tag, s_u)) {
                Py_INCREF(Py_None);
                result = Py_None;
                goto done;
            }
            PyObject *rule = rule_of(style, s_top);
            if (rule == NULL) {
                goto done;
            }
            if (rule != rule_none) {
                top = stronger(top, rule);
            }
            rule = rule_of(style, s_bottom);
            if (rule == NULL) {
                goto done;
            }
            if (rule != rule_none) {
                bottom = stronger(bottom, rule);
            }
            rule = rule_of(style, s_underline);
            if (rule == NULL) {
                goto done;
            }
            if (rule != rule_none) {
                under = stronger(under, rule);
            }
            PyObject *own = get(style, s_bold);
            if (own == NULL) {
                goto done;
            }
            if (own != Py_None) {
                bold = PyObject_IsTrue(own);
            }
            else {
                bold = bold || is_bold_tag(tag);
            }
            Py_DECREF(own);
            if (bold < 0) {
                goto done;
            }
            PyObject *indent = get(style, s_indent);
            if (indent == NULL) {
                goto done;
            }
            style_indent = PyFloat_AsDouble(indent);
            Py_DECREF(indent);
            if (style_indent == -1.0 && PyErr_Occurred()) {
                goto done;
            }
        }
        else {
            bold = bold || is_bold_tag(tag);
        }
        r = in_set(block_tags, tag);
        if (r < 0) {
            goto done;
        }
        if (r) {
            size += 2; /* the spaces put before and after a block */
            shift = shift + style_indent;
        }
        else if (same_str(tag, s_u)) {
            under = stronger(under, rule_single);
        }
        else {
            r = starts_with(tag, s_ix_nonfraction);
            if (r < 0) {
                goto done;
            }
            if (r) {
                Py_XDECREF(ix);
                ix = PyObject_CallOneArg(ix_of, inner);
                if (ix == NULL) {
                    goto done;
                }
            }
        }
        children = N_CHILDREN(inner);
        outer = 0;
    }
    PyObject *text;
    double indent;
    if (inner == NULL) { /* whitespace only */
        if (too_long(size, name) < 0) {
            goto done;
        }
        bold = 0;
        indent = 0.0;
        Py_INCREF(empty_text);
        text = empty_text;
    }
    else {
        PyObject *pieces = T_PIECES(inner);
        if (PyTuple_GET_SIZE(pieces) != 1) {
            Py_INCREF(Py_None);
            result = Py_None;
            goto done;
        }
        PyObject *index = PyTuple_GET_ITEM(PyTuple_GET_ITEM(pieces, 0), 0);
        Py_ssize_t at = PyLong_AsSsize_t(index);
        if (at == -1 && PyErr_Occurred()) {
            goto done;
        }
        if (at != 0) {
            Py_INCREF(Py_None);
            result = Py_None;
            goto done;
        }
        if (too_long(size, name) < 0) {
            goto done;
        }
        PyObject *value = T_VALUE(inner);
        Py_ssize_t n = PyUnicode_GET_LENGTH(value);
        int kind = PyUnicode_KIND(value);
        const void *data = PyUnicode_DATA(value);
        indent = leading_indent(kind, data, n, shift);
        if (under != rule_none) {
            for (Py_ssize_t i = 0; i < n; i++) {
                if (Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, i))) {
                    bottom = stronger(bottom, under);
                    break;
                }
            }
        }
        text = words(inner);
        if (text == NULL) {
            goto done;
        }
    }
    PyObject *look_top = rule_of(look, s_top);
    PyObject *look_bottom = look_top ? rule_of(look, s_bottom) : NULL;
    if (look_bottom == NULL) {
        Py_DECREF(text);
        goto done;
    }
    if (ix == NULL) {
        Py_INCREF(Py_None);
        ix = Py_None;
    }
    Py_INCREF(empty_str);
    result = grid_cell(col, span, text, empty_str, bold, indent,
                       top == rule_none ? look_top : stronger(look_top, top),
                       bottom == rule_none ? look_bottom : stronger(look_bottom, bottom),
                       N_START(node), ix);
    return result; /* ix stolen */
done:
    Py_XDECREF(ix);
    return result;
}

/* ---- grid._walked: a cell read by walking all it holds (_read, _Content) ---------- */

/* grid._Content while a cell is read; its chunks are borrowed from the tree (NULL for the
 * space put between blocks, ``_BETWEEN``) */
typedef struct {
    PyObject **chunks;
    Py_ssize_t count, room;
    Py_ssize_t size, shown, chars, bold_chars;
    PyObject *visible;  /* borrowed */
    PyObject *marks;    /* list of str, or NULL while there are none */
    PyObject *top, *bottom;
    int has_lead;
    double lead;
    PyObject *ix;       /* owned, or NULL */
} Content;

static int
chunk(Content *c, PyObject *text)
{
    if (c->count == c->room) {
        Py_ssize_t room = c->room ? c->room * 2 : 16;
        PyObject **grown = PyMem_Realloc(c->chunks, (size_t)room * sizeof(PyObject *));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        c->chunks = grown;
        c->room = room;
    }
    c->chunks[c->count++] = text;
    return 0;
}

/* _read: the text of node's children into c, with what styles it; -1 on error */
static int
read_into(PyObject *node, Content *c, int bold, int sup, PyObject *under, double shift)
{
    PyObject *children = N_CHILDREN(node);
    Py_ssize_t n = PyTuple_GET_SIZE(children);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *child = PyTuple_GET_ITEM(children, i);
        if (Py_TYPE(child) == text_type) {
            PyObject *value = T_VALUE(child);
            Py_ssize_t size = PyUnicode_GET_LENGTH(value);
            if (size == 0) {
                continue;
            }
            int kind = PyUnicode_KIND(value);
            const void *data = PyUnicode_DATA(value);
            Py_ssize_t lo, hi;
            strip_bounds(value, &lo, &hi);
            if (sup) {
                if (c->marks == NULL && (c->marks = PyList_New(0)) == NULL) {
                    return -1;
                }
                PyObject *mark = PyUnicode_Substring(value, lo, hi);
                if (mark == NULL) {
                    return -1;
                }
                int r = PyList_Append(c->marks, mark);
                Py_DECREF(mark);
                if (r < 0) {
                    return -1;
                }
                continue;
            }
            if (chunk(c, child) < 0) {
                return -1;
            }
            c->size += size;
            Py_ssize_t visible = hi - lo;
            if (!visible) {
                continue;
            }
            c->shown += 1;
            c->visible = child;
            if (!c->has_lead) {
                c->has_lead = 1;
                c->lead = leading_indent(kind, data, size, shift);
            }
            c->chars += visible;
            if (bold) {
                c->bold_chars += visible;
            }
            if (under != rule_none) {
                for (Py_ssize_t k = 0; k < size; k++) {
                    if (Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, k))) {
                        c->bottom = stronger(c->bottom, under);
                        break;
                    }
                }
            }
            continue;
        }
        PyObject *tag = N_TAG(child);
        if (same_str(tag, s_table)) {
            continue; /* a table inside a cell is read on its own */
        }
        int block = in_set(block_tags, tag);
        if (block < 0) {
            return -1;
        }
        if (block) {
            if (chunk(c, NULL) < 0) {
                return -1;
            }
            c->size += 1;
        }
        if (same_str(tag, s_hr)) {
            c->bottom = stronger(c->bottom, rule_single);
            continue;
        }
        PyObject *style = N_LOOK(child);
        PyObject *child_under = under;
        int child_bold, raised = 0;
        double child_shift = shift;
        if (style != plain) {
            PyObject *rule = rule_of(style, s_top);
            if (rule == NULL) {
                return -1;
            }
            if (rule != rule_none) {
                c->top = stronger(c->top, rule);
            }
            rule = rule_of(style, s_bottom);
            if (rule == NULL) {
                return -1;
            }
            if (rule != rule_none) {
                c->bottom = stronger(c->bottom, rule);
            }
            rule = rule_of(style, s_underline);
            if (rule == NULL) {
                return -1;
            }
            if (rule != rule_none) {
                child_under = stronger(under, rule);
            }
            PyObject *own = get(style, s_bold);
            if (own == NULL) {
                return -1;
            }
            child_bold = own != Py_None ? PyObject_IsTrue(own) : bold || is_bold_tag(tag);
            Py_DECREF(own);
            if (child_bold < 0) {
                return -1;
            }
            PyObject *up = get(style, s_raised);
            if (up == NULL) {
                return -1;
            }
            raised = PyObject_IsTrue(up);
            Py_DECREF(up);
            if (raised < 0) {
                return -1;
            }
            if (block && !c->has_lead) {
                PyObject *indent = get(style, s_indent);
                if (indent == NULL) {
                    return -1;
                }
                double value = PyFloat_AsDouble(indent);
                Py_DECREF(indent);
                if (value == -1.0 && PyErr_Occurred()) {
                    return -1;
                }
                child_shift = shift + value;
            }
        }
        else {
            child_bold = bold || is_bold_tag(tag);
        }
        int is_u = same_str(tag, s_u);
        if (is_u) {
            child_under = stronger(child_under, rule_single);
        }
        else {
            int r = starts_with(tag, s_ix_nonfraction);
            if (r < 0) {
                return -1;
            }
            if (r) {
                PyObject *ix = PyObject_CallOneArg(ix_of, child);
                if (ix == NULL) {
                    return -1;
                }
                Py_XSETREF(c->ix, ix);
            }
        }
        if (PyTuple_GET_SIZE(N_CHILDREN(child))) {
            int child_sup = (sup || same_str(tag, s_sup) || raised) && !is_u;
            if (read_into(child, c, child_bold, child_sup, child_under, child_shift) < 0) {
                return -1;
            }
        }
        if (block) {
            if (chunk(c, NULL) < 0) {
                return -1;
            }
            c->size += 1;
        }
    }
    return 0;
}

/* a growable array of text.py pieces (index, offset) */
typedef struct {
    Py_ssize_t *at; /* index, offset, index, offset, ... */
    Py_ssize_t count, room;
} Pieces;

/* the pieces as text.py holds them: a tuple of (index, offset) pairs */
static PyObject *
pieces_tuple(const Pieces *p)
{
    PyObject *pieces = PyTuple_New(p->count);
    if (pieces == NULL) {
        return NULL;
    }
    for (Py_ssize_t j = 0; j < p->count; j++) {
        PyObject *pair = piece_pair(p->at[2 * j], p->at[2 * j + 1]);
        if (pair == NULL) {
            Py_DECREF(pieces);
            return NULL;
        }
        PyTuple_SET_ITEM(pieces, j, pair);
    }
    return pieces;
}

/* TextBuilder._piece */
static int
piece(Pieces *p, Py_ssize_t index, Py_ssize_t offset)
{
    if (p->count && piece_absorbed(p->at + 2 * (p->count - 1), index, offset)) {
        return 0;
    }
    if (p->count == p->room) {
        Py_ssize_t room = p->room ? p->room * 2 : 16;
        Py_ssize_t *grown = PyMem_Realloc(p->at, (size_t)room * 2 * sizeof(Py_ssize_t));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        p->at = grown;
        p->room = room;
    }
    p->at[2 * p->count] = index;
    p->at[2 * p->count + 1] = offset;
    p->count++;
    return 0;
}

/* the chunks joined as TextBuilder.extend joins them (new reference) */
static PyObject *
joined(Content *c)
{
    PyObject *parts = PyList_New(0);
    if (parts == NULL) {
        return NULL;
    }
    Pieces p = {NULL, 0, 0};
    PyObject *result = NULL;
    Py_ssize_t size = 0;
    for (Py_ssize_t k = 0; k < c->count; k++) {
        PyObject *text = c->chunks[k];
        PyObject *value = text ? T_VALUE(text) : s_space;
        Py_ssize_t n = PyUnicode_GET_LENGTH(value);
        if (n == 0) {
            continue;
        }
        PyObject *pieces = text ? T_PIECES(text) : NULL;
        if (pieces == NULL || PyTuple_GET_SIZE(pieces) == 0) {
            if (piece(&p, size, -1) < 0) {
                goto done;
            }
        }
        else {
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(pieces); j++) {
                PyObject *pair = PyTuple_GET_ITEM(pieces, j);
                Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
                Py_ssize_t offset = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
                if ((index == -1 || offset == -1) && PyErr_Occurred()) {
                    goto done;
                }
                if (piece(&p, size + index, offset) < 0) {
                    goto done;
                }
            }
        }
        if (PyList_Append(parts, value) < 0) {
            goto done;
        }
        size += n;
    }
    PyObject *pieces = pieces_tuple(&p);
    if (pieces == NULL) {
        goto done;
    }
    PyObject *value = PyUnicode_Join(empty_str, parts);
    if (value == NULL) {
        Py_DECREF(pieces);
        goto done;
    }
    PyObject *items[2] = {value, pieces};
    result = record(text_type, items, 2);
done:
    PyMem_Free(p.at);
    Py_DECREF(parts);
    return result;
}

/* _Content.words (new reference) */
static PyObject *
content_words(Content *c)
{
    if (!c->shown) {
        Py_INCREF(empty_text);
        return empty_text;
    }
    if (c->shown == 1) {
        PyObject *pieces = T_PIECES(c->visible);
        if (PyTuple_GET_SIZE(pieces) == 1) {
            PyObject *index = PyTuple_GET_ITEM(PyTuple_GET_ITEM(pieces, 0), 0);
            Py_ssize_t at = PyLong_AsSsize_t(index);
            if (at == -1 && PyErr_Occurred()) {
                return NULL;
            }
            if (at == 0) {
                return words(c->visible);
            }
        }
    }
    PyObject *text = joined(c);
    if (text == NULL) {
        return NULL;
    }
    PyObject *got = PyObject_CallMethodNoArgs(text, s_words);
    Py_DECREF(text);
    return got;
}

/* " ".join(m for m in marks if m) (new reference) */
static PyObject *
marks_of(PyObject *marks)
{
    PyObject *kept = PyList_New(0);
    if (kept == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(marks); k++) {
        PyObject *mark = PyList_GET_ITEM(marks, k);
        if (PyUnicode_GET_LENGTH(mark) && PyList_Append(kept, mark) < 0) {
            Py_DECREF(kept);
            return NULL;
        }
    }
    PyObject *got = PyUnicode_Join(s_space, kept);
    Py_DECREF(kept);
    return got;
}

/* _walked: any cell, read by walking all it holds */
static PyObject *
walked_cell(PyObject *node, Py_ssize_t col, Py_ssize_t span, int bold, PyObject *name)
{
    PyObject *look = N_LOOK(node);
    Content c = {NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, rule_none, rule_none, 0, 0.0, NULL};
    PyObject *result = NULL, *text = NULL, *marks = NULL;
    PyObject *under;
    double shift;
    if (cell_style(look, &under, &shift) < 0) {
        goto done;
    }
    if (read_into(node, &c, bold, 0, under, shift) < 0) {
        goto done;
    }
    if (too_long(c.size, name) < 0) {
        goto done;
    }
    text = content_words(&c);
    if (text == NULL) {
        goto done;
    }
    if (c.marks != NULL && PyList_GET_SIZE(c.marks)) {
        marks = marks_of(c.marks);
        if (marks == NULL) {
            goto done;
        }
    }
    else {
        Py_INCREF(empty_str);
        marks = empty_str;
    }
    if (PyUnicode_GET_LENGTH(T_VALUE(text)) == 0 && PyUnicode_GET_LENGTH(marks)) {
        PyObject *items[2] = {marks, PyTuple_New(0)};
        if (items[1] == NULL) {
            goto done;
        }
        marks = NULL; /* stolen */
        Py_SETREF(text, record(text_type, items, 2));
        if (text == NULL) {
            goto done;
        }
        Py_INCREF(empty_str);
        marks = empty_str;
    }
    PyObject *top = rule_of(look, s_top);
    PyObject *bottom = top ? rule_of(look, s_bottom) : NULL;
    if (bottom == NULL) {
        goto done;
    }
    PyObject *ix = c.ix ? c.ix : Py_None;
    Py_INCREF(ix);
    result = grid_cell(col, span, text, marks, c.chars > 0 && c.bold_chars * 2 > c.chars,
                       c.has_lead ? c.lead : 0.0, stronger(top, c.top),
                       stronger(bottom, c.bottom), N_START(node), ix);
    text = marks = NULL; /* stolen */
done:
    Py_XDECREF(text);
    Py_XDECREF(marks);
    Py_XDECREF(c.marks);
    Py_XDECREF(c.ix);
    PyMem_Free(c.chunks);
    return result;
}

/* _cell: the cell of a node with children */
static PyObject *
cell(PyObject *node, Py_ssize_t col, Py_ssize_t span, int bold, PyObject *name)
{
    PyObject *own = get(N_LOOK(node), s_bold);
    if (own == NULL) {
        return NULL;
    }
    if (own != Py_None) {
        bold = PyObject_IsTrue(own);
    }
    Py_DECREF(own);
    if (bold < 0) {
        return NULL;
    }
    PyObject *made = nested(node, col, span, bold, name);
    if (made != Py_None) {
        return made;
    }
    Py_DECREF(made);
    return walked_cell(node, col, span, bold, name);
}

/* a span attribute (colspan or rowspan) clamped to 1 .. limit, as grid.py reads it;
 * -1 on error */
static Py_ssize_t
span_of(PyObject *value, Py_ssize_t limit)
{
    if (value == Py_None || (PyUnicode_Check(value) && PyUnicode_GET_LENGTH(value) == 0)) {
        return 1;
    }
    if (PyUnicode_Check(value) && PyUnicode_IS_ASCII(value)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(value);
        const Py_UCS1 *data = PyUnicode_1BYTE_DATA(value);
        if (n <= 9) {
            Py_ssize_t number = 0, i = 0;
            for (; i < n && data[i] >= '0' && data[i] <= '9'; i++) {
                number = number * 10 + (data[i] - '0');
            }
            if (i == n) {
                return number < 1 ? 1 : number > limit ? limit : number;
            }
        }
    }
    PyObject *got = PyObject_CallFunction(span_attr, "On", value, limit);
    if (got == NULL) {
        return -1;
    }
    Py_ssize_t number = PyLong_AsSsize_t(got);
    Py_DECREF(got);
    return number;
}

/* a span attribute of an element (colspan or rowspan) clamped to 1 .. limit, as grid.py
 * reads it: absent or empty 1, a few ASCII digits read here, anything else read by
 * ``.get`` and ``_span_attr``; -1 on error */
static Py_ssize_t
span_value(const Found *found, PyObject *element, PyObject *key, Py_ssize_t limit)
{
    if (found->where == ABSENT) {
        return 1;
    }
    if (found->where == SIMPLE) {
        Py_ssize_t span = simple_span(found->raw, limit);
        if (span > 0) {
            return span;
        }
    }
    PyObject *value = PyObject_CallMethodOneArg(element, s_get, key);
    if (value == NULL) {
        return -1;
    }
    Py_ssize_t span = span_of(value, limit);
    Py_DECREF(value);
    return span;
}

/* taken.get(col, 0) > 0 */
static int
slot_taken(PyObject *taken, Py_ssize_t col)
{
    PyObject *key = PyLong_FromSsize_t(col);
    if (key == NULL) {
        return -1;
    }
    PyObject *down = PyDict_GetItemWithError(taken, key);
    Py_DECREF(key);
    if (down == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    long left = PyLong_AsLong(down);
    if (left == -1 && PyErr_Occurred()) {
        return -1;
    }
    return left > 0;
}

PyDoc_STRVAR(row_doc, "row(tr, div_table, bold, taken, name, /)\n--\n\n"
                      "grid._row_python: (the cells of a row, the slot after its last).");

static PyObject *
row(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "_grid.configure was not called");
        return NULL;
    }
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "row() takes 5 arguments");
        return NULL;
    }
    PyObject *tr = args[0];
    int div_table = PyObject_IsTrue(args[1]);
    int row_bold = PyObject_IsTrue(args[2]);
    PyObject *taken = args[3];
    PyObject *name = args[4];
    if (div_table < 0 || row_bold < 0) {
        return NULL;
    }
    if (Py_TYPE(tr) != node_type || !PyDict_CheckExact(taken)) {
        PyErr_SetString(PyExc_TypeError, "row() takes a Node and a dict");
        return NULL;
    }
    PyObject *cells = PyList_New(0);
    if (cells == NULL) {
        return NULL;
    }
    Py_ssize_t col = 0;
    PyObject *children = N_CHILDREN(tr);
    Py_ssize_t n = PyTuple_GET_SIZE(children);
    /* the cells' libxml2 nodes, then their attributes, asked of memory ahead of reading
     * them: rows are read long after the parse, and these reads are most of a row's time */
    for (int step = 0; step < 2; step++) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *td = PyTuple_GET_ITEM(children, i);
            if (Py_TYPE(td) == node_type && Py_TYPE(N_ELEMENT(td)) == element_type) {
                xmlNode *el = ((struct LxmlElement *)N_ELEMENT(td))->_c_node;
                if (el != NULL) {
                    if (step == 0) {
                        PREFETCH(&el->properties);
                    }
                    else if (el->properties != NULL) {
                        PREFETCH(el->properties);
                    }
                }
            }
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *td = PyTuple_GET_ITEM(children, i);
        if (Py_TYPE(td) != node_type) {
            continue;
        }
        if (div_table) {
            PyObject *display = get(N_LOOK(td), s_display);
            if (display == NULL) {
                goto error;
            }
            int cell_like = same_str(display, s_table_cell);
            Py_DECREF(display);
            if (!cell_like) {
                continue;
            }
        }
        else if (!same_str(N_TAG(td), s_td) && !same_str(N_TAG(td), s_th)) {
            continue; /* a cell: `<td>`, `<th>`, or `display: table-cell` in a div table */
        }
        if (PyDict_GET_SIZE(taken)) {
            for (;;) {
                int r = slot_taken(taken, col);
                if (r < 0) {
                    goto error;
                }
                if (!r) {
                    break;
                }
                col++;
            }
        }
        if (col >= max_colspan) {
            break; /* a table is clamped to the widest a browser lays out */
        }
        PyObject *element = N_ELEMENT(td);
        Py_ssize_t span = 1, down = 1;
        if (element != Py_None) {
            Found colspan = {COMPLEX, NULL}, rowspan = {COMPLEX, NULL};
            if (PyObject_TypeCheck(element, element_type)) {
                xmlNode *el = ((struct LxmlElement *)element)->_c_node;
                if (el != NULL) {
                    span_attributes(el, &colspan, &rowspan);
                }
            }
            span = span_value(&colspan, element, s_colspan, max_colspan - col);
            if (span < 0) {
                goto error;
            }
            down = span_value(&rowspan, element, s_rowspan, max_rowspan);
            if (down < 0) {
                goto error;
            }
        }
        Py_ssize_t end = col + span;
        PyObject *made;
        if (PyTuple_GET_SIZE(N_CHILDREN(td))) {
            made = cell(td, col, span, row_bold, name);
        }
        else { /* an empty cell: nothing but its own borders to read */
            made = spacer(td, col, span);
        }
        if (made == NULL) {
            goto error;
        }
        int r = PyList_Append(cells, made);
        Py_DECREF(made);
        if (r < 0) {
            goto error;
        }
        if (down > 1) {
            PyObject *rows = PyLong_FromSsize_t(down);
            if (rows == NULL) {
                goto error;
            }
            for (Py_ssize_t k = col; k < end; k++) {
                PyObject *key = PyLong_FromSsize_t(k);
                if (key == NULL || PyDict_SetItem(taken, key, rows) < 0) {
                    Py_XDECREF(key);
                    Py_DECREF(rows);
                    goto error;
                }
                Py_DECREF(key);
            }
            Py_DECREF(rows);
        }
        col = end;
    }
    return Py_BuildValue("(Nn)", cells, col);
error:
    Py_DECREF(cells);
    return NULL;
}

PyDoc_STRVAR(cell_of_doc,
             "cell_of(td, col, span, bold, name, /)\n--\n\n"
             "The GridCell of a cell Node placed at slot col, spanning span slots, as\n"
             "grid._row_python reads it in a row whose bold is bold (_tree.c's grids ask\n"
             "it of the cells they do not read themselves).");

static PyObject *
cell_of(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "_grid.configure was not called");
        return NULL;
    }
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "cell_of() takes 5 arguments");
        return NULL;
    }
    PyObject *td = args[0];
    if (Py_TYPE(td) != node_type) {
        PyErr_SetString(PyExc_TypeError, "cell_of() takes a Node");
        return NULL;
    }
    Py_ssize_t col = PyLong_AsSsize_t(args[1]);
    Py_ssize_t span = col == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[2]);
    int bold = span == -1 && PyErr_Occurred() ? -1 : PyObject_IsTrue(args[3]);
    if (bold < 0) {
        return NULL;
    }
    if (col < 0 || span < 1) {
        PyErr_SetString(PyExc_ValueError, "cell_of() takes a slot and a positive span");
        return NULL;
    }
    if (PyTuple_GET_SIZE(N_CHILDREN(td))) {
        return cell(td, col, span, bold, args[4]);
    }
    return spacer(td, col, span); /* an empty cell: nothing but its own borders to read */
}

/* ---- text.py: Text.words of a text of several pieces (TextBuilder.add_words) ------- */

PyDoc_STRVAR(words_of_doc,
             "words_of(value, pieces, /)\n--\n\n"
             "text._words_python: the words of a positioned text one space apart, each "
             "with its places, as (value, pieces).");

static PyObject *
words_of(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "words_of() takes a str and a tuple of pieces");
        return NULL;
    }
    PyObject *value = args[0], *given = args[1];
    Py_ssize_t n = PyTuple_GET_SIZE(given);
    Py_ssize_t *at = PyMem_Malloc((size_t)(n ? n : 1) * 2 * sizeof(Py_ssize_t));
    if (at == NULL) {
        return PyErr_NoMemory();
    }
    Pieces p = {NULL, 0, 0};
    PyObject *parts = NULL, *result = NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *pair = PyTuple_GET_ITEM(given, j);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "a piece is a pair (index, offset)");
            goto done;
        }
        at[2 * j] = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
        at[2 * j + 1] = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
        if ((at[2 * j] == -1 || at[2 * j + 1] == -1) && PyErr_Occurred()) {
            goto done;
        }
    }
    parts = PyList_New(0);
    if (parts == NULL) {
        goto done;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    int kind = PyUnicode_KIND(value);
    const void *data = PyUnicode_DATA(value);
    Py_ssize_t size = 0, below = 0, i = 0;
    for (;;) {
        while (i < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i >= length) {
            break;
        }
        Py_ssize_t start = i;
        while (i < length && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        Py_ssize_t end = i; /* a word: value[start:end] */
        if (size) {
            if (piece(&p, size, -1) < 0 || PyList_Append(parts, s_space) < 0) {
                goto done;
            }
            size += 1;
        }
        while (below < n && at[2 * below] <= start) {
            below++;
        }
        Py_ssize_t k = below ? below - 1 : 0;
        Py_ssize_t base = size;
        if (k >= n || at[2 * k] >= end) {
            if (piece(&p, base, -1) < 0) { /* no piece of the file in the word */
                goto done;
            }
        }
        for (; k < n && at[2 * k] < end; k++) {
            Py_ssize_t index = at[2 * k], off = at[2 * k + 1];
            int r = index <= start ? piece(&p, base, off >= 0 ? off + start - index : -1)
                                   : piece(&p, base + index - start, off);
            if (r < 0) {
                goto done;
            }
        }
        PyObject *word = PyUnicode_Substring(value, start, end);
        if (word == NULL) {
            goto done;
        }
        int r = PyList_Append(parts, word);
        Py_DECREF(word);
        if (r < 0) {
            goto done;
        }
        size = base + end - start;
    }
    PyObject *pieces = pieces_tuple(&p);
    if (pieces == NULL) {
        goto done;
    }
    PyObject *joined_value = PyUnicode_Join(empty_str, parts);
    if (joined_value == NULL) {
        Py_DECREF(pieces);
        goto done;
    }
    result = PyTuple_Pack(2, joined_value, pieces);
    Py_DECREF(joined_value);
    Py_DECREF(pieces);
done:
    PyMem_Free(at);
    PyMem_Free(p.at);
    Py_XDECREF(parts);
    return result;
}

PyDoc_STRVAR(items_doc,
             "items(role, item, empty, cells, /)\n--\n\n"
             "cells.items_of: the cells of a row that hold something, as ``item`` records "
             "(cell, role, figure, text, col, end), ``role(text)`` giving (role, figure) "
             "and cells whose role is ``empty`` left out.");

/* cells.items_of over a row's GridCells: one loop in C, the role of each text that holds
   something read by cells._role (a cache in Python), each kept cell made an Item as
   ``tuple.__new__(Item, ...)`` makes it. */
static PyObject *row_items(PyObject *role, PyTypeObject *item_type, PyObject *empty,
                           PyObject *cells);

static PyObject *
items(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyType_Check(args[1]) ||
        !PyType_IsSubtype((PyTypeObject *)args[1], &PyTuple_Type) || !PyTuple_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "items() takes a function, a tuple type, a role and a tuple of cells");
        return NULL;
    }
    return row_items(args[0], (PyTypeObject *)args[1], args[2], args[3]);
}

/* items() of one row's cells (a tuple), ``item_type`` a tuple type. */
static PyObject *
row_items(PyObject *role, PyTypeObject *item_type, PyObject *empty, PyObject *cells)
{
    Py_ssize_t n = PyTuple_GET_SIZE(cells);
    PyObject *kept = PyList_New(0);
    if (kept == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cell = PyTuple_GET_ITEM(cells, i);
        if (!PyTuple_Check(cell) || PyTuple_GET_SIZE(cell) < 4 ||
            !PyTuple_Check(PyTuple_GET_ITEM(cell, 3)) ||
            PyTuple_GET_SIZE(PyTuple_GET_ITEM(cell, 3)) < 1 ||
            !PyUnicode_Check(T_VALUE(PyTuple_GET_ITEM(cell, 3)))) {
            PyErr_SetString(PyExc_TypeError, "a cell is a GridCell whose text is a Text");
            goto fail;
        }
        PyObject *value = T_VALUE(PyTuple_GET_ITEM(cell, 3)); /* cell.text.value */
        if (PyUnicode_GET_LENGTH(value) == 0) {
            continue;
        }
        PyObject *read = PyObject_CallOneArg(role, value);
        if (read == NULL) {
            goto fail;
        }
        if (!PyTuple_Check(read) || PyTuple_GET_SIZE(read) != 2) {
            Py_DECREF(read);
            PyErr_SetString(PyExc_TypeError, "role() gives a pair (role, figure)");
            goto fail;
        }
        if (PyTuple_GET_ITEM(read, 0) == empty) {
            Py_DECREF(read);
            continue;
        }
        PyObject *item = item_type->tp_alloc(item_type, 6);
        if (item == NULL) {
            Py_DECREF(read);
            goto fail;
        }
        PyObject *fields[6] = {cell,  PyTuple_GET_ITEM(read, 0), PyTuple_GET_ITEM(read, 1),
                               value, PyTuple_GET_ITEM(cell, 0), PyTuple_GET_ITEM(cell, 2)};
        for (int k = 0; k < 6; k++) {
            Py_INCREF(fields[k]);
            PyTuple_SET_ITEM(item, k, fields[k]);
        }
        Py_DECREF(read);
        int r = PyList_Append(kept, item);
        Py_DECREF(item);
        if (r < 0) {
            goto fail;
        }
    }
    PyObject *result = PyList_AsTuple(kept);
    Py_DECREF(kept);
    return result;
fail:
    Py_DECREF(kept);
    return NULL;
}

/* The slot of a sorted list of ints where ``x`` would go after its equals (bisect_right). */
static int
bisect_after(PyObject *starts, Py_ssize_t x, Py_ssize_t *at)
{
    Py_ssize_t lo = 0, hi = PyList_GET_SIZE(starts);
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        Py_ssize_t v = PyLong_AsSsize_t(PyList_GET_ITEM(starts, mid));
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (x < v) {
            hi = mid;
        }
        else {
            lo = mid + 1;
        }
    }
    *at = lo;
    return 0;
}

/* A Span made here left to reference counting alone: each of its six fields is an int
 * or None made or given at the call (the collector tracks neither), as CPython leaves a
 * tuple of such objects; no cycle can pass through it, as none can pass through its
 * fields, which are never set again (the record is frozen), and it has no __dict__ to hold
 * anything else. A tracked span is visited by every collection while it lives: a
 * release's figures, cells and runs hold tens of thousands, made with the collector
 * paused and visited all at once when it runs again. `made` is returned. */
static PyObject *
atomic_span(PyObject *made)
{
    if (made != NULL && PyType_IS_GC(Py_TYPE(made)) && Py_TYPE(made)->tp_dictoffset == 0) {
        PyObject_GC_UnTrack(made);
    }
    return made;
}

PyDoc_STRVAR(run_spans_doc,
             "run_spans(span, fields, starts, first_line, start_offset, value, pieces, /)\n--\n\n"
             "where.Locator._run_spans_python: each run of a text that lies in the file, as "
             "(index, span) from its first character to the next run.");

/* where.Locator._run_spans_python over the same values. */
static PyObject *
run_spans(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7 || !PyType_Check(args[0]) || !PyTuple_Check(args[1]) ||
        PyTuple_GET_SIZE(args[1]) != 6 || !PyList_Check(args[2]) || !PyUnicode_Check(args[5]) ||
        !PyTuple_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError, "run_spans() takes a type, its 6 slots, a list of "
                                         "line starts, two ints, a str and pieces");
        return NULL;
    }
    PyObject *starts = args[2], *runs = args[6];
    Py_ssize_t first_line = PyLong_AsSsize_t(args[3]);
    Py_ssize_t start_offset = PyLong_AsSsize_t(args[4]);
    if ((first_line == -1 || start_offset == -1) && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(runs), length = PyUnicode_GET_LENGTH(args[5]);
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *pair = PyTuple_GET_ITEM(runs, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "a piece is a pair (index, offset)");
            goto fail;
        }
        Py_ssize_t offset = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
        if (offset == -1 && PyErr_Occurred()) {
            goto fail;
        }
        if (offset < 0) {
            continue;
        }
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0)), end = length;
        if (index == -1 && PyErr_Occurred()) {
            goto fail;
        }
        if (k + 1 < n) { /* where the next run starts */
            PyObject *next = PyTuple_GET_ITEM(runs, k + 1);
            if (!PyTuple_Check(next) || PyTuple_GET_SIZE(next) != 2) {
                PyErr_SetString(PyExc_TypeError, "a piece is a pair (index, offset)");
                goto fail;
            }
            end = PyLong_AsSsize_t(PyTuple_GET_ITEM(next, 0));
            if (end == -1 && PyErr_Occurred()) {
                goto fail;
            }
        }
        Py_ssize_t row, row_start;
        if (bisect_after(starts, offset, &row) < 0) {
            goto fail;
        }
        row -= 1; /* as Python indexes: starts[-1] for an offset before the first line */
        PyObject *at = PyList_GET_ITEM(starts, row >= 0 ? row : PyList_GET_SIZE(starts) + row);
        row_start = PyLong_AsSsize_t(at);
        if (row_start == -1 && PyErr_Occurred()) {
            goto fail;
        }
        Py_ssize_t col = offset - row_start;
        PyObject *values[6] = {PyLong_FromSsize_t(first_line + row), PyLong_FromSsize_t(col),
                               PyLong_FromSsize_t(col + (end - index)),
                               PyLong_FromSsize_t(start_offset + offset), Py_None, Py_None};
        PyObject *made = NULL, *entry = NULL, *first = NULL;
        if (values[0] && values[1] && values[2] && values[3]) {
            made = atomic_span(slotted_record((PyTypeObject *)args[0], args[1], values));
        }
        for (int j = 0; j < 4; j++) {
            Py_XDECREF(values[j]);
        }
        if (made != NULL) {
            first = PyTuple_GET_ITEM(pair, 0);
            entry = PyTuple_Pack(2, first, made);
            Py_DECREF(made);
        }
        if (entry == NULL || PyList_Append(out, entry) < 0) {
            Py_XDECREF(entry);
            goto fail;
        }
        Py_DECREF(entry);
    }
    PyObject *result = PyList_AsTuple(out);
    Py_DECREF(out);
    return result;
fail:
    Py_DECREF(out);
    return NULL;
}

PyDoc_STRVAR(run_span_doc,
             "run_span(span, fields, near, starts, first_line, start_offset, value, pieces, /)"
             "\n--\n\n"
             "where.Locator._run_python: the span of a text that is one run of the file on "
             "one line, made as ``span(...)`` makes it (each of ``fields``, its slots, set); "
             "None for any other text.");

/* What run_span() reads of a Locator: the Span record and the places of its lines. */
typedef struct {
    PyTypeObject *span_type;
    PyObject *span_fields, *starts; /* a Span's 6 slots; the lines' starts (a list) */
    Py_ssize_t near, first_line, start_offset;
    Py_ssize_t hint; /* the line of the last span made (-1: none): a row's cells share one */
} Locating;

static PyObject *span_of_run(Locating *at, PyObject *value, PyObject *pieces);

/* where.Locator._run_python over the same values: the place of a one-piece text from its
   offset (the line found by bisection of the lines' starts), or None. */
static PyObject *
run_span(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8 || !PyType_Check(args[0]) || !PyTuple_Check(args[1]) ||
        PyTuple_GET_SIZE(args[1]) != 6 || !PyList_Check(args[3]) || !PyUnicode_Check(args[6]) ||
        !PyTuple_Check(args[7])) {
        PyErr_SetString(PyExc_TypeError, "run_span() takes a type, its 6 slots, an int, a "
                                         "list of line starts, two ints, a str and pieces");
        return NULL;
    }
    Locating at = {(PyTypeObject *)args[0], args[1], args[3], 0, 0, 0, -1};
    at.near = PyLong_AsSsize_t(args[2]);
    at.first_line = PyLong_AsSsize_t(args[4]);
    at.start_offset = PyLong_AsSsize_t(args[5]);
    if ((at.near == -1 || at.first_line == -1 || at.start_offset == -1) && PyErr_Occurred()) {
        return NULL;
    }
    return span_of_run(&at, args[6], args[7]);
}

/* a piece of a text (index, offset) as two Py_ssize_t: 0, 1 when a value lies past them
   (left to the Python), -1 on error */
static int
piece_at(PyObject *pieces, Py_ssize_t k, Py_ssize_t *index, Py_ssize_t *offset)
{
    PyObject *pair = PyTuple_GET_ITEM(pieces, k);
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
        PyErr_SetString(PyExc_TypeError, "a piece is a pair (index, offset)");
        return -1;
    }
    if (!PyLong_CheckExact(PyTuple_GET_ITEM(pair, 0)) ||
        !PyLong_CheckExact(PyTuple_GET_ITEM(pair, 1))) {
        return 1; /* not plain ints: left to the Python */
    }
    *index = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
    *offset = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
    if ((*index == -1 || *offset == -1) && PyErr_Occurred()) {
        PyErr_Clear();
        return 1;
    }
    return 0;
}

#define FAR_OFFSET ((Py_ssize_t)1 << 62) /* text.Text.offset's bound of the bisection */

/* text.Text.offset: the document offset of character ``i`` of a text of these pieces (-1
   when not in the file), the pieces bisected as bisect_right bisects them; -2 for a value
   left to the Python, -3 on error. */
static Py_ssize_t
text_offset(PyObject *pieces, Py_ssize_t i)
{
    Py_ssize_t n = PyTuple_GET_SIZE(pieces), start, off;
    if (n == 0 || i < 0) {
        return -1;
    }
    if (n == 1) {
        int got = piece_at(pieces, 0, &start, &off);
        if (got != 0) {
            return got < 0 ? -3 : -2;
        }
        return off < 0 || i < start ? -1 : off + i - start;
    }
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) { /* bisect_right(pieces, (i, 1 << 62)) */
        Py_ssize_t mid = lo + (hi - lo) / 2;
        int got = piece_at(pieces, mid, &start, &off);
        if (got != 0) {
            return got < 0 ? -3 : -2;
        }
        if (i < start || (i == start && FAR_OFFSET < off)) {
            hi = mid;
        }
        else {
            lo = mid + 1;
        }
    }
    if (lo - 1 < 0) {
        return -1;
    }
    int got = piece_at(pieces, lo - 1, &start, &off);
    if (got != 0) {
        return got < 0 ? -3 : -2;
    }
    return off < 0 ? -1 : off + i - start;
}

/* where._known over the characters from ``from`` stepping by ``step``, ``count`` of them:
   1 with the first known (its index and offset), 0 when none, -2 left to Python, -3 error */
static int
known_of(PyObject *pieces, Py_ssize_t from, Py_ssize_t step, Py_ssize_t count, Py_ssize_t *index,
         Py_ssize_t *offset)
{
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t i = from + k * step, at = text_offset(pieces, i);
        if (at < -1) {
            return (int)at;
        }
        if (at >= 0) {
            *index = i;
            *offset = at;
            return 1;
        }
    }
    return 0;
}

/* the line (index into starts) of a document offset, bisect_right(starts, offset) - 1 */
static int
row_at(PyObject *starts, Py_ssize_t offset, Py_ssize_t *row)
{
    if (bisect_after(starts, offset, row) < 0) {
        return -1;
    }
    *row -= 1;
    return 0;
}

static int
start_of(PyObject *starts, Py_ssize_t row, Py_ssize_t *out)
{
    *out = PyLong_AsSsize_t(PyList_GET_ITEM(starts, row));
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* where.Locator.span(text) of a whole text (``on_last_line`` as its keyword): a text of
   one run on one line as span_of_run finds it, any other from its first and last known
   characters (where._first_known, _last_known), moved to the line of its last character
   when asked. A new Span; None (a new reference) for what is left to the Python (a value
   past Py_ssize_t, a known place before the first line); NULL on error. */
static PyObject *
span_of_text(Locating *at, PyObject *value, PyObject *pieces, int on_last_line)
{
    if (!PyUnicode_Check(value) || !PyTuple_Check(pieces)) {
        PyErr_SetString(PyExc_TypeError, "a text is a Text (value, pieces)");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(pieces), end = PyUnicode_GET_LENGTH(value), near = at->near;
    PyObject *starts = at->starts;
    Py_ssize_t lines = PyList_GET_SIZE(starts);
    if (n == 1) {
        PyObject *run = span_of_run(at, value, pieces);
        if (run != Py_None) {
            return run; /* the span, or NULL */
        }
        Py_DECREF(run);
    }
    if (lines == 0) {
        Py_RETURN_NONE;
    }
    Py_ssize_t index = 0, offset = 0, row, row_start, col, stop;
    int found;
    if (n == 1) { /* _first_known of one run: no search */
        Py_ssize_t p_index, p_offset;
        int got = piece_at(pieces, 0, &p_index, &p_offset);
        if (got != 0) {
            if (got < 0) {
                return NULL;
            }
            Py_RETURN_NONE;
        }
        Py_ssize_t first = p_index > 0 ? p_index : 0, bound = end < near + 1 ? end : near + 1;
        found = !(p_offset < 0 || first >= bound);
        index = first;
        offset = p_offset + first - p_index;
    }
    else {
        found = known_of(pieces, 0, 1, end < near + 1 ? end : near + 1, &index, &offset);
    }
    if (found == -3) {
        return NULL;
    }
    if (found == -2) {
        Py_RETURN_NONE;
    }
    PyObject *values[6] = {NULL, NULL, NULL, NULL, Py_None, Py_None};
    PyObject *made = NULL;
    if (!found) { /* Span(self.line(0), 0, 0, None) */
        if (row_at(starts, 0, &row) < 0) {
            return NULL;
        }
        values[0] = PyLong_FromSsize_t(at->first_line + (row > 0 ? row : 0));
        values[1] = PyLong_FromSsize_t(0);
        values[2] = PyLong_FromSsize_t(0);
        values[3] = Py_NewRef(Py_None);
        goto make;
    }
    if (row_at(starts, offset, &row) < 0) {
        return NULL;
    }
    if (row < 0) {
        Py_RETURN_NONE;
    }
    if (start_of(starts, row, &row_start) < 0) {
        return NULL;
    }
    col = offset - row_start;
    stop = col + (end - index);
    Py_ssize_t last_index = 0, last_offset = 0;
    int last;
    if (n == 1) { /* _last_known of one run */
        Py_ssize_t p_index, p_offset;
        if (piece_at(pieces, 0, &p_index, &p_offset) != 0) {
            return NULL; /* read above already */
        }
        last_index = end - 1;
        last = !(p_offset < 0 || last_index < 0 || last_index < p_index);
        last_offset = p_offset + last_index - p_index;
    }
    else {
        last = known_of(pieces, end - 1, -1, end < near ? end : near, &last_index, &last_offset);
    }
    if (last == -3) {
        return NULL;
    }
    if (last == -2) {
        Py_RETURN_NONE;
    }
    if (last) {
        Py_ssize_t last_row, last_start;
        if (row_at(starts, last_offset, &last_row) < 0) {
            return NULL;
        }
        if (last_row < 0) {
            Py_RETURN_NONE;
        }
        if (start_of(starts, last_row, &last_start) < 0) {
            return NULL;
        }
        Py_ssize_t last_col = last_offset - last_start;
        if (last_row != row && on_last_line) {
            index = last_index;
            offset = last_offset;
            Py_ssize_t low = last_index - near > 0 ? last_index - near : 0;
            for (Py_ssize_t i = last_index - 1; i > low - 1; i--) {
                Py_ssize_t place = text_offset(pieces, i), place_row;
                if (place < -1) {
                    if (place == -3) {
                        return NULL;
                    }
                    Py_RETURN_NONE;
                }
                if (place >= 0) {
                    if (row_at(starts, place, &place_row) < 0) {
                        return NULL;
                    }
                    if ((place_row > 0 ? place_row : 0) != last_row) {
                        break;
                    }
                    index = i;
                    offset = place;
                }
            }
            row = last_row;
            col = offset - last_start;
        }
        if (last_row == row && last_col >= col) {
            stop = last_col + (end - last_index);
        }
    }
    values[0] = PyLong_FromSsize_t(at->first_line + row);
    values[1] = PyLong_FromSsize_t(col);
    values[2] = PyLong_FromSsize_t(stop);
    values[3] = PyLong_FromSsize_t(at->start_offset + offset);
make:
    if (values[0] != NULL && values[1] != NULL && values[2] != NULL && values[3] != NULL) {
        made = atomic_span(slotted_record(at->span_type, at->span_fields, values));
    }
    for (int k = 0; k < 4; k++) {
        Py_XDECREF(values[k]);
    }
    return made;
}

PyDoc_STRVAR(whole_span_doc,
             "span(span, fields, near, starts, first_line, start_offset, value, pieces, "
             "on_last_line, /)\n--\n\n"
             "where.Locator.span(text, on_last_line=...) of a whole text, made as it makes it "
             "(each of ``fields``, a Span's slots, set); None for a text left to it.");

static PyObject *
whole_span(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 9 || !PyType_Check(args[0]) || !PyTuple_Check(args[1]) ||
        PyTuple_GET_SIZE(args[1]) != 6 || !PyList_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "span() takes a type, its 6 slots, an int, a "
                                         "list of line starts, two ints, a str, pieces and "
                                         "a bool");
        return NULL;
    }
    Locating at = {(PyTypeObject *)args[0], args[1], args[3], 0, 0, 0, -1};
    at.near = PyLong_AsSsize_t(args[2]);
    at.first_line = PyLong_AsSsize_t(args[4]);
    at.start_offset = PyLong_AsSsize_t(args[5]);
    int last = PyObject_IsTrue(args[8]);
    if (((at.near == -1 || at.first_line == -1 || at.start_offset == -1) && PyErr_Occurred()) ||
        last < 0) {
        return NULL;
    }
    return span_of_text(&at, args[6], args[7], last);
}

/* run_span() with its places held: a new reference (None for any other text), or NULL */
static PyObject *
span_of_run(Locating *at, PyObject *value, PyObject *pieces)
{
    PyObject *starts = at->starts;
    Py_ssize_t near = at->near, first_line = at->first_line, start_offset = at->start_offset;
    if (PyTuple_GET_SIZE(pieces) != 1) {
        Py_RETURN_NONE;
    }
    PyObject *pair = PyTuple_GET_ITEM(pieces, 0);
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
        PyErr_SetString(PyExc_TypeError, "a piece is a pair (index, offset)");
        return NULL;
    }
    Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
    Py_ssize_t offset = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
    if ((index == -1 || offset == -1) && PyErr_Occurred()) {
        PyErr_Clear(); /* a value past Py_ssize_t: left to the Python path */
        Py_RETURN_NONE;
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(value);
    Py_ssize_t lines = PyList_GET_SIZE(starts), row;
    if (!(offset >= 0 && 0 <= index && index < size && index <= near) || lines == 0) {
        Py_RETURN_NONE;
    }
    row = -1;
    if (at->hint >= 0 && at->hint < lines) { /* the line of the last span, if it holds it */
        Py_ssize_t from = PyLong_AsSsize_t(PyList_GET_ITEM(starts, at->hint)), to = offset + 1;
        if (at->hint + 1 < lines) {
            to = PyLong_AsSsize_t(PyList_GET_ITEM(starts, at->hint + 1));
        }
        if ((from == -1 || to == -1) && PyErr_Occurred()) {
            return NULL;
        }
        if (from <= offset && offset < to) { /* the lines' starts rise: bisection's answer */
            row = at->hint;
        }
    }
    if (row < 0) {
        if (bisect_after(starts, offset, &row) < 0) {
            return NULL;
        }
        row -= 1;
    }
    if (row < 0) {
        Py_RETURN_NONE;
    }
    at->hint = row;
    Py_ssize_t row_start = PyLong_AsSsize_t(PyList_GET_ITEM(starts, row));
    if (row_start == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (row + 1 != lines) {
        Py_ssize_t next = PyLong_AsSsize_t(PyList_GET_ITEM(starts, row + 1));
        if (next == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (!(offset + size - 1 - index < next)) {
            Py_RETURN_NONE; /* the text runs on to the next line */
        }
    }
    Py_ssize_t col = offset - row_start;
    PyObject *values[6] = {PyLong_FromSsize_t(first_line + row), PyLong_FromSsize_t(col),
                           PyLong_FromSsize_t(col + size - index),
                           PyLong_FromSsize_t(start_offset + offset), Py_None, Py_None};
    PyObject *made = NULL;
    if (values[0] == NULL || values[1] == NULL || values[2] == NULL || values[3] == NULL) {
        goto done;
    }
    made = atomic_span(slotted_record(at->span_type, at->span_fields, values));
done:
    for (int k = 0; k < 4; k++) {
        Py_XDECREF(values[k]);
    }
    return made;
}

static int field_int(PyObject *record, Py_ssize_t at, Py_ssize_t *out);

/* A part's columns (rows._Slots: the slot ranges [lo, hi) as two ascending arrays) and the
   rules that rows._boundary weighs, held per part_rows() call. */
typedef struct {
    PyObject *none, *single, *dbl, *rule_match;
    const Py_ssize_t *los, *his;
    Py_ssize_t columns;
} Rules;

/* rows._column_of: the column whose slots a cell from ``col`` to ``end`` shares the most of
   (the first of equals), found by bisection over the ascending bounds; -1 when none. */
static Py_ssize_t
column_of(const Rules *r, Py_ssize_t col, Py_ssize_t end)
{
    Py_ssize_t a = 0, b = r->columns;
    while (a < b) { /* first = bisect_right(his, col) */
        Py_ssize_t mid = a + (b - a) / 2;
        if (r->his[mid] <= col) {
            a = mid + 1;
        }
        else {
            b = mid;
        }
    }
    Py_ssize_t first = a;
    a = 0;
    b = r->columns;
    while (a < b) { /* last = bisect_left(los, end) */
        Py_ssize_t mid = a + (b - a) / 2;
        if (r->los[mid] < end) {
            a = mid + 1;
        }
        else {
            b = mid;
        }
    }
    Py_ssize_t best = -1, overlap = 0;
    for (Py_ssize_t j = first; j < a; j++) {
        Py_ssize_t lo = r->los[j], hi = r->his[j];
        Py_ssize_t shared = (end < hi ? end : hi) - (col > lo ? col : lo);
        if (shared > overlap) {
            best = j;
            overlap = shared;
        }
    }
    return best;
}

/* rows._figures over a row's Items (cell, role, figure, text, col, end), ``roles`` (DOLLAR,
   CLOSER, FIGURE, YEAR), ``make`` the placed record (a tuple type): a closer and the
   figure before it read together by rows._closing (``closed``, called back), each figure's column found in ``r`` as rows._column_of finds it
   (what rows._Slots.found caches for the Python), the columns taken by the row marked in
   ``taken`` with ``stamp`` (the row's own mark: no set per row). A new pair (label items,
   placed figures), or NULL. */
static PyObject *
placed_items(PyObject *roles, PyTypeObject *make, PyObject *closed, const Rules *r,
             Py_ssize_t *taken, Py_ssize_t stamp, Py_ssize_t first, PyObject *items)
{
    PyObject *dollar_role = PyTuple_GET_ITEM(roles, 0);
    PyObject *closer_role = PyTuple_GET_ITEM(roles, 1);
    PyObject *figure_role = PyTuple_GET_ITEM(roles, 2);
    PyObject *year_role = PyTuple_GET_ITEM(roles, 3);
    PyObject *label = PyList_New(0), *placed = PyList_New(0);
    PyObject *result = NULL;
    if (label == NULL || placed == NULL) {
        goto done;
    }
    int dollar = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
        PyObject *item = PyTuple_GET_ITEM(items, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 6) {
            PyErr_SetString(PyExc_TypeError, "an item is (cell, role, figure, text, col, end)");
            goto done;
        }
        PyObject *role = PyTuple_GET_ITEM(item, 1);
        if (role == dollar_role) {
            dollar = 1;
            continue;
        }
        Py_ssize_t col = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 4));
        if (col == -1 && PyErr_Occurred()) {
            goto done;
        }
        Py_ssize_t count = PyList_GET_SIZE(placed);
        if (col < first && count == 0) {
            if (role != closer_role && PyList_Append(label, item) < 0) {
                goto done;
            }
            continue;
        }
        if (role == closer_role && count > 0) {
            PyObject *last = PyList_GET_ITEM(placed, count - 1);
            if (!PyTuple_Check(last) || PyTuple_GET_SIZE(last) != 7) {
                PyErr_SetString(PyExc_TypeError, "a placed figure has 7 fields");
                goto done;
            }
            int split = PyObject_IsTrue(PyTuple_GET_ITEM(last, 5));
            if (split < 0) {
                goto done;
            }
            if (!split) {
                /* rows._closed: what the two read as (rows._closing of the figure's
                   print and the closer's words), the placed figure remade with it */
                PyObject *pair[2] = {PyTuple_GET_ITEM(last, 2), PyTuple_GET_ITEM(item, 3)};
                PyObject *closing = PyObject_Vectorcall(closed, pair, 2, NULL);
                if (closing == NULL) {
                    goto done;
                }
                if (closing != Py_None) {
                    if (!PyTuple_Check(closing) || PyTuple_GET_SIZE(closing) != 4) {
                        PyErr_SetString(PyExc_TypeError,
                                        "closing() gives (raw, figure, split, mark) or None");
                        Py_DECREF(closing);
                        goto done;
                    }
                    PyObject *joined = make->tp_alloc(make, 7);
                    if (joined == NULL) {
                        Py_DECREF(closing);
                        goto done;
                    }
                    PyObject *fields[7] = {PyTuple_GET_ITEM(last, 0),    PyTuple_GET_ITEM(last, 1),
                                           PyTuple_GET_ITEM(closing, 0), PyTuple_GET_ITEM(closing, 1),
                                           PyTuple_GET_ITEM(last, 4),    PyTuple_GET_ITEM(closing, 2),
                                           PyTuple_GET_ITEM(closing, 3)};
                    for (int k = 0; k < 7; k++) {
                        PyTuple_SET_ITEM(joined, k, Py_NewRef(fields[k]));
                    }
                    PyList_SET_ITEM(placed, count - 1, joined); /* the list's ref of last */
                    Py_DECREF(last);
                }
                Py_DECREF(closing);
                continue;
            }
        }
        PyObject *figure = PyTuple_GET_ITEM(item, 2);
        if ((role == figure_role || role == year_role) && figure != Py_None) {
            Py_ssize_t end;
            if (field_int(item, 5, &end) < 0) {
                goto done;
            }
            Py_ssize_t j = column_of(r, col, end);
            if (j >= 0 && taken[j] != stamp) {
                taken[j] = stamp;
                PyObject *made = make->tp_alloc(make, 7);
                PyObject *at = made == NULL ? NULL : PyLong_FromSsize_t(j);
                if (at == NULL) {
                    Py_XDECREF(made);
                    goto done;
                }
                PyObject *fields[7] = {at,
                                       item,
                                       PyTuple_GET_ITEM(item, 3),
                                       figure,
                                       dollar ? Py_True : Py_False,
                                       Py_False,
                                       Py_False};
                for (int k = 1; k < 7; k++) {
                    Py_INCREF(fields[k]);
                }
                for (int k = 0; k < 7; k++) {
                    PyTuple_SET_ITEM(made, k, fields[k]);
                }
                int appended = PyList_Append(placed, made);
                Py_DECREF(made);
                if (appended < 0) {
                    goto done;
                }
            }
        }
        dollar = 0;
    }
    result = PyTuple_Pack(2, label, placed);
done:
    Py_XDECREF(label);
    Py_XDECREF(placed);
    return result;
}


/* An attribute of a record read from its slot: a direct-mapped table of (type, name) to
 * the offset of the slot the type's member descriptor names, valid while the type's
 * version tag is (a type changed or freed gets a new tag). The rows' and lines' fields
 * are read per row and per cell pair (about 130,000 reads a pass), each a lookup by name
 * through the type's method cache and the descriptor's ``__get__`` otherwise; what that
 * path would give for a slot that is set, and the same path (its errors) for anything
 * else. A new reference, or NULL with an error. */
typedef struct {
    PyTypeObject *type;
    PyObject *name;
    unsigned int tag;
    Py_ssize_t offset;
} SlotHit;

static SlotHit slot_hits[64];

static PyObject *
slot_attr(PyObject *obj, PyObject *name)
{
    PyTypeObject *t = Py_TYPE(obj);
    SlotHit *h = &slot_hits[(((uintptr_t)t >> 4) ^ ((uintptr_t)name >> 4)) & 63];
    if (h->type == t && h->name == name && PyType_HasFeature(t, Py_TPFLAGS_VALID_VERSION_TAG) &&
        h->tag == t->tp_version_tag) {
        PyObject *value = *(PyObject **)((char *)obj + h->offset);
        if (value != NULL) {
            return Py_NewRef(value);
        }
    }
    else if (t->tp_getattro == PyObject_GenericGetAttr && PyUnicode_CheckExact(name)) {
        PyObject *descr = _PyType_Lookup(t, name); /* borrowed; tags the type */
        if (descr != NULL && Py_IS_TYPE(descr, &PyMemberDescr_Type) &&
            ((PyMemberDescrObject *)descr)->d_member->type == T_OBJECT_EX &&
            PyType_HasFeature(t, Py_TPFLAGS_VALID_VERSION_TAG)) {
            *h = (SlotHit){t, name, t->tp_version_tag, ((PyMemberDescrObject *)descr)->d_member->offset};
        }
    }
    return PyObject_GetAttr(obj, name);
}

/* parts._kinds: what each row of a grid is, in one pass of C over its rows. */

static PyObject *s_cells; /* "cells", interned on the first call of kinds() */

/* What kinds() reads, held per call from its ``config`` tuple (parts._KINDS_CONFIG). */
typedef struct {
    PyObject *role, *empty_role, *dollar, *figure, *na, *text, *year;
    PyTypeObject *item_type, *line_type;
    PyObject *footnote_like, *period_search, *line_fields;
    PyObject *k_figures, *k_header, *k_label, *k_rule, *k_empty;
    PyObject *rule_none, *rule_match;
} KindsConfig;

/* an int field of a record (col, end) */
static int
field_int(PyObject *record, Py_ssize_t at, Py_ssize_t *out)
{
    *out = PyLong_AsSsize_t(PyTuple_GET_ITEM(record, at));
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* whether a Python callable says yes of one argument (1, 0, -1 on error) */
static int
says(PyObject *function, PyObject *arg)
{
    PyObject *got = PyObject_CallOneArg(function, arg);
    if (got == NULL) {
        return -1;
    }
    int yes = PyObject_IsTrue(got);
    Py_DECREF(got);
    return yes;
}

/* parts._strong of a row's items (a tuple of 6-field tuples): a new list. */
static PyObject *
strong_of(const KindsConfig *k, PyObject *items)
{
    Py_ssize_t n = PyTuple_GET_SIZE(items), lead_index = -1;
    PyObject *figures = PyList_New(0);
    if (figures == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *role = PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, i), 1);
        if (role != k->dollar && role != k->empty_role) {
            lead_index = i;
            break;
        }
    }
    if (lead_index < 0) {
        return figures;
    }
    PyObject *lead = PyTuple_GET_ITEM(items, lead_index);
    int labelled = PyTuple_GET_ITEM(lead, 1) == k->text;
    Py_ssize_t from = labelled ? lead_index + 1 : 0, years = 0;
    for (Py_ssize_t i = from; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(items, i), *role = PyTuple_GET_ITEM(item, 1);
        if (role == k->figure) {
            if (PyList_Append(figures, item) < 0) {
                goto fail;
            }
        }
        else if (role == k->year) {
            years++;
        }
    }
    Py_ssize_t found = PyList_GET_SIZE(figures);
    if (labelled) {
        if (found > 0 && years > 0) {
            PyObject *hit = PyObject_CallOneArg(k->period_search, PyTuple_GET_ITEM(lead, 3));
            if (hit == NULL) {
                goto fail;
            }
            int period = hit != Py_None;
            Py_DECREF(hit);
            if (!period) {
                /* "Year founded  1976" among other figures: all of them by column, a
                   stable sort (the figures first, then the years, as listed) */
                for (Py_ssize_t i = from; i < n; i++) {
                    PyObject *item = PyTuple_GET_ITEM(items, i);
                    if (PyTuple_GET_ITEM(item, 1) == k->year && PyList_Append(figures, item) < 0) {
                        goto fail;
                    }
                }
                Py_ssize_t m = PyList_GET_SIZE(figures);
                for (Py_ssize_t i = 1; i < m; i++) {
                    PyObject *moving = PyList_GET_ITEM(figures, i);
                    Py_ssize_t col, other;
                    if (field_int(moving, 4, &col) < 0) {
                        goto fail;
                    }
                    Py_ssize_t j = i;
                    while (j > 0) {
                        if (field_int(PyList_GET_ITEM(figures, j - 1), 4, &other) < 0) {
                            goto fail;
                        }
                        if (other <= col) {
                            break;
                        }
                        PyList_SET_ITEM(figures, j, PyList_GET_ITEM(figures, j - 1));
                        j--;
                    }
                    PyList_SET_ITEM(figures, j, moving);
                }
            }
        }
        return figures;
    }
    Py_ssize_t real = 0;
    for (Py_ssize_t i = 0; i < found; i++) {
        int mark = says(k->footnote_like, PyTuple_GET_ITEM(PyList_GET_ITEM(figures, i), 3));
        if (mark < 0) {
            goto fail;
        }
        real += !mark;
    }
    if (real >= 2 || (real > 0 && found >= 2)) {
        return figures;
    }
    if (PyList_SetSlice(figures, 0, found, NULL) < 0) {
        goto fail;
    }
    return figures;
fail:
    Py_DECREF(figures);
    return NULL;
}

/* parts._is_header of a row's items (at least one) */
static int
is_header(const KindsConfig *k, PyObject *items, Py_ssize_t label_start, int any_figure,
          Py_ssize_t first_figure)
{
    Py_ssize_t n = PyTuple_GET_SIZE(items), col;
    int all_years = 1;
    for (Py_ssize_t i = 0; i < n && all_years; i++) {
        all_years = PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, i), 1) == k->year;
    }
    if (all_years) {
        return 1;
    }
    PyObject *first = PyTuple_GET_ITEM(items, 0);
    if (field_int(first, 4, &col) < 0) {
        return -1;
    }
    int leads = col <= label_start;
    Py_ssize_t from = leads ? 1 : 0;
    if (leads && PyTuple_GET_ITEM(first, 1) == k->text) {
        int all_na = 1;
        for (Py_ssize_t i = from; i < n && all_na; i++) {
            all_na = PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, i), 1) == k->na;
        }
        if (all_na) {
            return 0;
        }
    }
    if (!any_figure) {
        for (Py_ssize_t i = 0; i < n; i++) {
            if (field_int(PyTuple_GET_ITEM(items, i), 4, &col) < 0) {
                return -1;
            }
            if (col > label_start) {
                return n >= 2;
            }
        }
        return 0;
    }
    for (Py_ssize_t i = from; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(items, i);
        if (PyTuple_GET_ITEM(item, 1) == k->na) {
            continue;
        }
        if (field_int(item, 4, &col) < 0) {
            return -1;
        }
        if (col >= first_figure || col > label_start) {
            return 1;
        }
    }
    return 0;
}

/* whether an empty row draws a rule: its own borders, a cell's, or a cell of ``---`` */
static int
row_ruled(const KindsConfig *k, PyObject *row, PyObject *cells)
{
    PyObject *top = slot_attr(row, s_top);
    if (top == NULL) {
        return -1;
    }
    int ruled = top != k->rule_none;
    Py_DECREF(top);
    if (!ruled) {
        PyObject *bottom = slot_attr(row, s_bottom);
        if (bottom == NULL) {
            return -1;
        }
        ruled = bottom != k->rule_none;
        Py_DECREF(bottom);
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cells) && !ruled; i++) {
        PyObject *cell = PyTuple_GET_ITEM(cells, i);
        if (PyTuple_GET_ITEM(cell, 7) != k->rule_none ||
            PyTuple_GET_ITEM(cell, 8) != k->rule_none) {
            return 1;
        }
        PyObject *value = T_VALUE(PyTuple_GET_ITEM(cell, 3)); /* GridCell.is_rule */
        if (PyUnicode_GET_LENGTH(value) > 2) {
            int rule = says(k->rule_match, value);
            if (rule != 0) {
                return rule;
            }
        }
    }
    return ruled;
}

PyDoc_STRVAR(kinds_doc,
             "kinds(config, rows, /)\n--\n\n"
             "parts._kinds_python: each row of a grid as a Line of its kind, and the figures "
             "after each row's label (``config`` is parts._KINDS_CONFIG: the roles, kinds, "
             "records and the Python functions called back).");

/* a KindsConfig from parts._KINDS_CONFIG (borrowed: the tuple holds them): 0, or -1 */
static int
kinds_config(PyObject *config, KindsConfig *k)
{
    PyObject *roles, *kind_names;
    if (!PyArg_ParseTuple(config, "OO!O!O!OOO!O!OO:kinds", &k->role, &PyType_Type,
                          &k->item_type, &PyTuple_Type, &roles, &PyType_Type, &k->line_type,
                          &k->footnote_like, &k->period_search, &PyTuple_Type, &k->line_fields,
                          &PyTuple_Type, &kind_names, &k->rule_none, &k->rule_match) ||
        !PyArg_ParseTuple(roles, "OOOOOO:kinds", &k->empty_role, &k->dollar, &k->figure,
                          &k->na, &k->text, &k->year) ||
        !PyArg_ParseTuple(kind_names, "OOOOO:kinds", &k->k_figures, &k->k_header, &k->k_label,
                          &k->k_rule, &k->k_empty) ||
        !PyType_IsSubtype(k->item_type, &PyTuple_Type) ||
        PyTuple_GET_SIZE(k->line_fields) != 4) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "kinds() takes parts' config and a tuple of rows");
        }
        return -1;
    }
    static const Interned names[] = {{&s_cells, "cells"}};
    return INTERN_ALL(names);
}

/* The pass of kinds() over a grid's rows (a tuple): each row's Line into ``lines``, its
 * strong figures into ``strong`` (new lists, each of len(rows)); each row's items and
 * kind into ``items`` (a new tuple) and ``kind_of`` (borrowed kinds, of len(rows)) when
 * asked (split reads them without the Lines' attributes). 0, or -1 with nothing made. */
static int
kinds_pass(const KindsConfig *kc, PyObject *rows, PyObject **lines_out, PyObject **strong_out,
           PyObject **items_out, PyObject **kind_of)
{
    const KindsConfig k = *kc;
    Py_ssize_t n = PyTuple_GET_SIZE(rows);
    PyObject *all_items = PyTuple_New(n), *all_cells = PyTuple_New(n), *strong = PyList_New(n);
    PyObject *lines = PyList_New(n);
    int status = -1;
    if (all_items == NULL || all_cells == NULL || strong == NULL || lines == NULL) {
        goto done;
    }
    Py_ssize_t label_start = 0, first_figure = 0;
    int any_label = 0, any_figure = 0;
    for (Py_ssize_t r = 0; r < n; r++) {
        PyObject *cells = slot_attr(PyTuple_GET_ITEM(rows, r), s_cells);
        if (cells == NULL) {
            goto done;
        }
        PyTuple_SET_ITEM(all_cells, r, cells);
        if (!PyTuple_Check(cells)) {
            PyErr_SetString(PyExc_TypeError, "a row's cells are a tuple");
            goto done;
        }
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cells); i++) {
            PyObject *cell = PyTuple_GET_ITEM(cells, i);
            if (!PyTuple_Check(cell) || PyTuple_GET_SIZE(cell) < 9 ||
                !PyTuple_Check(PyTuple_GET_ITEM(cell, 3)) ||
                PyTuple_GET_SIZE(PyTuple_GET_ITEM(cell, 3)) < 1 ||
                !PyUnicode_Check(T_VALUE(PyTuple_GET_ITEM(cell, 3)))) {
                PyErr_SetString(PyExc_TypeError, "a cell is a GridCell whose text is a Text");
                goto done;
            }
        }
        PyObject *found = row_items(k.role, k.item_type, k.empty_role, cells);
        if (found == NULL) {
            goto done;
        }
        PyTuple_SET_ITEM(all_items, r, found);
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(found); i++) {
            PyObject *item = PyTuple_GET_ITEM(found, i);
            if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 6 ||
                !PyUnicode_Check(PyTuple_GET_ITEM(item, 3))) {
                PyErr_SetString(PyExc_TypeError, "an item is (cell, role, figure, text, col, end)");
                goto done;
            }
        }
        PyObject *figures = PyTuple_GET_SIZE(found) ? strong_of(&k, found) : PyList_New(0);
        if (figures == NULL) {
            goto done;
        }
        PyList_SET_ITEM(strong, r, figures);
        Py_ssize_t count = PyList_GET_SIZE(figures), lead, col;
        if (count == 0) {
            continue;
        }
        if (field_int(PyTuple_GET_ITEM(found, 0), 4, &lead) < 0) {
            goto done;
        }
        if (!any_label || lead < label_start) {
            label_start = lead;
            any_label = 1;
        }
        for (Py_ssize_t i = 0; i < count; i++) {
            PyObject *item = PyList_GET_ITEM(figures, i);
            if (field_int(item, 4, &col) < 0) {
                goto done;
            }
            if (!any_figure || col < first_figure) {
                int mark = says(k.footnote_like, PyTuple_GET_ITEM(item, 3));
                if (mark < 0) {
                    goto done;
                }
                if (!mark) {
                    first_figure = col;
                    any_figure = 1;
                }
            }
        }
    }
    for (Py_ssize_t r = 0; r < n; r++) {
        PyObject *row = PyTuple_GET_ITEM(rows, r), *found = PyTuple_GET_ITEM(all_items, r);
        PyObject *kind;
        if (PyList_GET_SIZE(PyList_GET_ITEM(strong, r)) > 0) {
            kind = k.k_figures;
        }
        else if (PyTuple_GET_SIZE(found) == 0) {
            int ruled = row_ruled(&k, row, PyTuple_GET_ITEM(all_cells, r));
            if (ruled < 0) {
                goto done;
            }
            kind = ruled ? k.k_rule : k.k_empty;
        }
        else {
            int header = is_header(&k, found, label_start, any_figure, first_figure);
            if (header < 0) {
                goto done;
            }
            kind = header ? k.k_header : k.k_label;
        }
        if (kind_of != NULL) {
            kind_of[r] = kind;
        }
        PyObject *index = PyLong_FromSsize_t(r);
        if (index == NULL) {
            goto done;
        }
        PyObject *values[4] = {index, row, found, kind};
        PyObject *line = slotted_record(k.line_type, k.line_fields, values);
        Py_DECREF(index);
        if (line == NULL) {
            goto done;
        }
        PyList_SET_ITEM(lines, r, line);
    }
    status = 0;
done:
    Py_XDECREF(all_cells);
    if (status == 0) {
        *lines_out = lines;
        *strong_out = strong;
        if (items_out != NULL) {
            *items_out = all_items;
        }
        else {
            Py_DECREF(all_items);
        }
        return 0;
    }
    Py_XDECREF(all_items);
    Py_XDECREF(strong);
    Py_XDECREF(lines);
    return -1;
}

static PyObject *
kinds(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    KindsConfig k;
    if (nargs != 2 || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "kinds() takes parts' config and a tuple of rows");
        return NULL;
    }
    if (!PyTuple_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "kinds() takes parts' config and a tuple of rows");
        return NULL;
    }
    if (kinds_config(args[0], &k) < 0) {
        return NULL;
    }
    PyObject *lines, *strong;
    if (kinds_pass(&k, args[1], &lines, &strong, NULL, NULL) < 0) {
        return NULL;
    }
    PyObject *result = PyTuple_Pack(2, lines, strong);
    Py_DECREF(lines);
    Py_DECREF(strong);
    return result;
}

/* parts._groups_python: a part's figure columns before the footnote columns are left out. */

typedef struct {
    Py_ssize_t end, col, row;
} Placed;

static inline int
by_end_then_row(const void *a, const void *b)
{
    const Placed *x = a, *y = b;
    if (x->end != y->end) {
        return x->end < y->end ? -1 : 1;
    }
    return x->row < y->row ? -1 : x->row > y->row;
}

/* ``placed`` sorted by the slot each figure ends in, then by row (by_end_then_row): by
   bucket when the figures come by row and end in few slots (a part's figures), else by a
   stable merge sort that passes over runs already in order, its comparison inline (qsort
   called it through a pointer for each pair: a tenth of split's own work). 0, or -1 when
   out of memory. */
#define FEW_ENDS 64 /* the slots figures end in, up to which they are sorted by bucket */

/* where ``end`` is or would go among the ascending ends[0..k) */
static Py_ssize_t
end_at(const Py_ssize_t *ends, Py_ssize_t k, Py_ssize_t end)
{
    Py_ssize_t lo = 0, hi = k;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (ends[mid] < end) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

/* sort_placed when the figures come by row (a part's rows in order) and end in few slots:
   each figure moved once into the bucket of its slot, in the order it came (so by row
   within it). 1 when sorted, 0 when not this case, -1 when out of memory. */
static int
sort_by_bucket(Placed *placed, Py_ssize_t count, Placed *tmp)
{
    Py_ssize_t ends[FEW_ENDS], starts[FEW_ENDS + 1], k = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (i > 0 && placed[i].row < placed[i - 1].row) {
            return 0;
        }
        Py_ssize_t at = end_at(ends, k, placed[i].end);
        if (at < k && ends[at] == placed[i].end) {
            continue;
        }
        if (k == FEW_ENDS) {
            return 0;
        }
        memmove(&ends[at + 1], &ends[at], sizeof(Py_ssize_t) * (size_t)(k - at));
        ends[at] = placed[i].end;
        k++;
    }
    memset(starts, 0, sizeof starts);
    for (Py_ssize_t i = 0; i < count; i++) {
        starts[end_at(ends, k, placed[i].end) + 1]++;
    }
    for (Py_ssize_t b = 1; b <= k; b++) {
        starts[b] += starts[b - 1];
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        tmp[starts[end_at(ends, k, placed[i].end)]++] = placed[i];
    }
    memcpy(placed, tmp, sizeof(Placed) * (size_t)count);
    return 1;
}

static int
sort_placed(Placed *placed, Py_ssize_t count)
{
    if (count < 2) {
        return 0;
    }
    Placed *tmp = PyMem_Malloc(sizeof(Placed) * (size_t)count);
    if (tmp == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (sort_by_bucket(placed, count, tmp)) {
        PyMem_Free(tmp);
        return 0;
    }
    Placed *from = placed, *to = tmp;
    for (Py_ssize_t width = 1; width < count; width *= 2) {
        for (Py_ssize_t lo = 0; lo < count; lo += 2 * width) {
            Py_ssize_t mid = lo + width < count ? lo + width : count;
            Py_ssize_t hi = lo + 2 * width < count ? lo + 2 * width : count;
            Py_ssize_t i = lo, j = mid, k = lo;
            if (mid < hi && by_end_then_row(&from[mid - 1], &from[mid]) <= 0) {
                memcpy(&to[lo], &from[lo], sizeof(Placed) * (size_t)(hi - lo)); /* in order */
                continue;
            }
            while (i < mid && j < hi) {
                /* stable: the left one first among equals */
                to[k++] = by_end_then_row(&from[j], &from[i]) < 0 ? from[j++] : from[i++];
            }
            while (i < mid) {
                to[k++] = from[i++];
            }
            while (j < hi) {
                to[k++] = from[j++];
            }
        }
        Placed *swap = from;
        from = to;
        to = swap;
    }
    if (from != placed) {
        memcpy(placed, from, sizeof(Placed) * (size_t)count);
    }
    PyMem_Free(tmp);
    return 0;
}

/* whether two sorted arrays of distinct row indexes share one */
static int
share(const Py_ssize_t *a, Py_ssize_t na, const Py_ssize_t *b, Py_ssize_t nb)
{
    Py_ssize_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            return 1;
        }
        if (a[i] < b[j]) {
            i++;
        }
        else {
            j++;
        }
    }
    return 0;
}

/* the union of two sorted arrays of distinct row indexes, into ``out``: its size */
static Py_ssize_t
joined_rows(const Py_ssize_t *a, Py_ssize_t na, const Py_ssize_t *b, Py_ssize_t nb,
            Py_ssize_t *out)
{
    Py_ssize_t i = 0, j = 0, k = 0;
    while (i < na || j < nb) {
        if (j >= nb || (i < na && a[i] < b[j])) {
            out[k++] = a[i++];
        }
        else if (i >= na || b[j] < a[i]) {
            out[k++] = b[j++];
        }
        else {
            out[k++] = a[i++];
            j++;
        }
    }
    return k;
}

static PyObject *s_kind, *s_index, *s_row; /* interned on the first call that reads them */

/* an attribute that must be an int (a Line's index) */
static int
attr_int(PyObject *record, PyObject *name, Py_ssize_t *out)
{
    PyObject *got = slot_attr(record, name);
    if (got == NULL) {
        return -1;
    }
    *out = PyLong_AsSsize_t(got);
    Py_DECREF(got);
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* a figure column before footnote columns are left out: slots [lo, hi), and how many
   rows print in it */
typedef struct {
    Py_ssize_t lo, hi, used;
} Group;

/* The groups of parts._groups_python over ``body`` (a tuple of Lines), in a new array
 * (PyMem) into ``*out`` and its size into ``*count``; each line's kind read from
 * ``kind_of`` by its index when given (split's own lines), else from the Line. 0, or -1. */
static int
column_groups(PyObject *figures_kind, PyObject *body, PyObject *strong, PyObject *const *kind_of,
              Group **out, Py_ssize_t *count_out)
{
    Placed *placed = NULL;
    Group *made = NULL;
    Py_ssize_t *rows = NULL, *scratch = NULL, *mine = NULL, count = 0, size = 0, n_made = 0;
    int status = -1;
    for (int pass = 0; pass < 2; pass++) { /* count, then fill */
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(body); i++) {
            PyObject *line = PyTuple_GET_ITEM(body, i);
            Py_ssize_t index;
            if (kind_of != NULL) {
                /* split's own lines: their index is their place in the grid */
                if (attr_int(line, s_index, &index) < 0) {
                    goto done;
                }
                if (index >= 0 && index < PyList_GET_SIZE(strong) &&
                    kind_of[index] != figures_kind) {
                    continue;
                }
            }
            else {
                PyObject *kind = slot_attr(line, s_kind);
                if (kind == NULL) {
                    goto done;
                }
                Py_DECREF(kind); /* compared by identity: a member of its enum, held by it */
                if (kind != figures_kind) {
                    continue;
                }
                if (attr_int(line, s_index, &index) < 0) {
                    goto done;
                }
            }
            if (index < 0 || index >= PyList_GET_SIZE(strong) ||
                !PyList_Check(PyList_GET_ITEM(strong, index))) {
                PyErr_SetString(PyExc_IndexError, "a line's index has no figures listed");
                goto done;
            }
            PyObject *found = PyList_GET_ITEM(strong, index);
            for (Py_ssize_t j = 0; j < PyList_GET_SIZE(found); j++) {
                PyObject *item = PyList_GET_ITEM(found, j);
                if (pass == 0) {
                    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 6) {
                        PyErr_SetString(PyExc_TypeError,
                                        "an item is (cell, role, figure, text, col, end)");
                        goto done;
                    }
                    size++;
                    continue;
                }
                if (count >= size) { /* a list grew between the passes: only Python could */
                    PyErr_SetString(PyExc_RuntimeError, "the figures changed while read");
                    goto done;
                }
                Placed *p = &placed[count++];
                p->row = index;
                if (field_int(item, 4, &p->col) < 0 || field_int(item, 5, &p->end) < 0) {
                    goto done;
                }
            }
        }
        if (pass == 0) {
            size_t room = (size_t)(size ? size : 1);
            placed = PyMem_Malloc(sizeof(Placed) * room);
            rows = PyMem_Malloc(sizeof(Py_ssize_t) * room);
            scratch = PyMem_Malloc(sizeof(Py_ssize_t) * room);
            mine = PyMem_Malloc(sizeof(Py_ssize_t) * room);
            made = PyMem_Malloc(sizeof(Group) * room);
            if (placed == NULL || rows == NULL || scratch == NULL || mine == NULL ||
                made == NULL) {
                PyErr_NoMemory();
                goto done;
            }
        }
    }
    if (count != size) { /* a list changed between the passes: only Python could */
        PyErr_SetString(PyExc_RuntimeError, "the figures changed while read");
        goto done;
    }
    if (sort_placed(placed, count) < 0) {
        goto done;
    }
    /* the group being merged: [lo, hi), its rows[0..held) */
    Py_ssize_t lo = 0, hi = 0, held = 0;
    int open = 0;
    for (Py_ssize_t i = 0; i < count;) {
        Py_ssize_t end = placed[i].end, g_lo = placed[i].col, first = i, n_rows = 0;
        for (; i < count && placed[i].end == end; i++) {
            if (placed[i].col < g_lo) {
                g_lo = placed[i].col;
            }
        }
        for (Py_ssize_t j = first; j < i; j++) {
            if (n_rows == 0 || mine[n_rows - 1] != placed[j].row) {
                mine[n_rows++] = placed[j].row;
            }
        }
        if (open && g_lo < hi && !share(rows, held, mine, n_rows)) {
            held = joined_rows(rows, held, mine, n_rows, scratch);
            memcpy(rows, scratch, sizeof(Py_ssize_t) * (size_t)held);
            lo = g_lo < lo ? g_lo : lo;
            hi = end;
            continue;
        }
        if (open) {
            made[n_made++] = (Group){lo, hi, held};
        }
        memcpy(rows, mine, sizeof(Py_ssize_t) * (size_t)n_rows);
        held = n_rows;
        lo = g_lo;
        hi = end;
        open = 1;
    }
    if (open) {
        made[n_made++] = (Group){lo, hi, held};
    }
    status = 0;
done:
    PyMem_Free(placed);
    PyMem_Free(rows);
    PyMem_Free(scratch);
    PyMem_Free(mine);
    if (status < 0) {
        PyMem_Free(made);
        return -1;
    }
    *out = made;
    *count_out = n_made;
    return 0;
}

PyDoc_STRVAR(groups_doc,
             "groups(figures, body, strong, /)\n--\n\n"
             "parts._groups_python: the figure columns of a part's body as (lo, hi, rows "
             "that print in them), by the slot figures end in, then by overlap (``figures`` "
             "the kind of a row of figures, ``strong`` each grid row's figures).");

static PyObject *
groups(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyList_Check(args[1]) || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "groups() takes a kind, a list of lines and a list "
                                         "of each row's figures");
        return NULL;
    }
    static const Interned names[] = {{&s_kind, "kind"}, {&s_index, "index"}};
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    PyObject *body = PyList_AsTuple(args[1]), *out = NULL;
    if (body == NULL) {
        return NULL;
    }
    Group *made;
    Py_ssize_t count;
    if (column_groups(args[0], body, args[2], NULL, &made, &count) < 0) {
        Py_DECREF(body);
        return NULL;
    }
    Py_DECREF(body);
    out = PyList_New(count);
    for (Py_ssize_t i = 0; out != NULL && i < count; i++) {
        PyObject *group = Py_BuildValue("(nnn)", made[i].lo, made[i].hi, made[i].used);
        if (group == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, group);
    }
    PyMem_Free(made);
    return out;
}

/* rows._rules_python: the rule between each two drafts of a part. */

/* (the columns of a part, Rules, are defined before placed_items) */

static PyObject *
heavier(const Rules *r, PyObject *a, PyObject *b)
{
    if (a == b || b == r->none) {
        return a;
    }
    int wa = a == r->dbl ? 2 : a == r->single, wb = b == r->dbl ? 2 : b == r->single;
    return wa >= wb ? a : b;
}

/* rows._overlapping(col, end, slots) is not empty: some column lies under the slots */
static int
over_columns(const Rules *r, PyObject *cell)
{
    Py_ssize_t col, end;
    if (field_int(cell, 0, &col) < 0 || field_int(cell, 2, &end) < 0) {
        return -1;
    }
    /* first = bisect_right(his, col), last = bisect_left(los, end): both sorted */
    Py_ssize_t first = 0, last = 0, a = 0, b = r->columns;
    while (a < b) {
        Py_ssize_t mid = a + (b - a) / 2;
        if (r->his[mid] <= col) {
            a = mid + 1;
        }
        else {
            b = mid;
        }
    }
    first = a;
    a = 0;
    b = r->columns;
    while (a < b) {
        Py_ssize_t mid = a + (b - a) / 2;
        if (r->los[mid] < end) {
            a = mid + 1;
        }
        else {
            b = mid;
        }
    }
    last = a;
    return last > first;
}

/* a row's (top, bottom) or one of them, and its cells (new references) */
static int
row_parts(PyObject *row, PyObject **cells, PyObject **top, PyObject **bottom)
{
    *cells = slot_attr(row, s_cells);
    if (top != NULL) {
        *top = slot_attr(row, s_top);
    }
    if (bottom != NULL) {
        *bottom = slot_attr(row, s_bottom);
    }
    if (*cells == NULL || (top && *top == NULL) || (bottom && *bottom == NULL)) {
        return -1;
    }
    if (!PyTuple_Check(*cells)) {
        PyErr_SetString(PyExc_TypeError, "a row's cells are a tuple");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(*cells); i++) {
        PyObject *cell = PyTuple_GET_ITEM(*cells, i);
        if (!PyTuple_Check(cell) || PyTuple_GET_SIZE(cell) < 9 ||
            !PyTuple_Check(PyTuple_GET_ITEM(cell, 3)) ||
            PyTuple_GET_SIZE(PyTuple_GET_ITEM(cell, 3)) < 1 ||
            !PyUnicode_Check(T_VALUE(PyTuple_GET_ITEM(cell, 3)))) {
            PyErr_SetString(PyExc_TypeError, "a cell is a GridCell whose text is a Text");
            return -1;
        }
    }
    return 0;
}

/* rows._boundary between the lines body[above] and body[below]: a borrowed rule, or NULL */
static PyObject *
boundary(const Rules *r, PyObject *body, Py_ssize_t above, Py_ssize_t below)
{
    PyObject *up = slot_attr(PyTuple_GET_ITEM(body, above), s_row);
    PyObject *down = slot_attr(PyTuple_GET_ITEM(body, below), s_row);
    PyObject *up_cells = NULL, *up_bottom = NULL, *down_cells = NULL, *down_top = NULL;
    PyObject *rule = NULL;
    if (up == NULL || down == NULL || row_parts(up, &up_cells, NULL, &up_bottom) < 0 ||
        row_parts(down, &down_cells, &down_top, NULL) < 0) {
        goto done;
    }
    PyObject *found = heavier(r, up_bottom, down_top);
    for (int side = 0; side < 2; side++) {
        PyObject *cells = side ? down_cells : up_cells;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cells); i++) {
            PyObject *cell = PyTuple_GET_ITEM(cells, i), *drawn = PyTuple_GET_ITEM(cell, side ? 7 : 8);
            if (drawn != r->none && drawn != found) {
                int over = over_columns(r, cell);
                if (over < 0) {
                    goto done;
                }
                if (over) {
                    found = heavier(r, found, drawn);
                }
            }
        }
    }
    for (Py_ssize_t k = above + 1; k < below; k++) {
        PyObject *row = slot_attr(PyTuple_GET_ITEM(body, k), s_row);
        PyObject *cells = NULL, *top = NULL, *bottom = NULL;
        if (row == NULL || row_parts(row, &cells, &top, &bottom) < 0) {
            Py_XDECREF(row);
            Py_XDECREF(cells);
            Py_XDECREF(top);
            Py_XDECREF(bottom);
            goto done;
        }
        found = heavier(r, found, heavier(r, top, bottom));
        int failed = 0;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cells) && found != r->dbl; i++) {
            PyObject *cell = PyTuple_GET_ITEM(cells, i);
            PyObject *drawn = heavier(r, PyTuple_GET_ITEM(cell, 7), PyTuple_GET_ITEM(cell, 8));
            PyObject *value = T_VALUE(PyTuple_GET_ITEM(cell, 3));
            if (PyUnicode_GET_LENGTH(value) > 2) { /* GridCell.is_rule */
                int rule_text = says(r->rule_match, value);
                if (rule_text < 0) {
                    failed = 1;
                    break;
                }
                if (rule_text) {
                    drawn = heavier(r, drawn,
                                    PyUnicode_READ_CHAR(value, 0) == '=' ? r->dbl : r->single);
                }
            }
            if (drawn != r->none && drawn != found) {
                int over = over_columns(r, cell);
                if (over < 0) {
                    failed = 1;
                    break;
                }
                if (over) {
                    found = heavier(r, found, drawn);
                }
            }
        }
        Py_DECREF(row);
        Py_DECREF(cells);
        Py_DECREF(top);
        Py_DECREF(bottom);
        if (failed) {
            goto done;
        }
        if (found == r->dbl) {
            break;
        }
    }
    rule = found; /* one of the three rules, held by r */
done:
    Py_XDECREF(up);
    Py_XDECREF(down);
    Py_XDECREF(up_cells);
    Py_XDECREF(up_bottom);
    Py_XDECREF(down_cells);
    Py_XDECREF(down_top);
    return rule;
}

/* rows._row of each draft of a part: its label's span, its figures' drafts, the RowDraft. */

static PyObject *s_line, *s_start, *s_starts, *s_first_line, *s_start_offset, *s_span, *s_point,
    *s_on_last_line, *s_items, *s_los, *s_his, *s_strip;

/* What part_rows() reads to make the records, held per call (rows._PART_ROWS_CONFIG's last
   and the Locator). */
typedef struct {
    PyTypeObject *row_type, *figure_type;
    PyObject *row_fields, *figure_fields, *slow, *where, *span, *point, *last_line;
    /* rows._flagged's: its dict and cap, the flags of a `$`, a split closer and a mark, the
       Figure record and its slot descriptors */
    PyObject *known, *marks, *figure_record_fields;
    PyTypeObject *figure_record;
    Py_ssize_t known_max;
    Locating at;
} Drafting;

static PyObject *s_value, *s_decimals, *s_flags, *s_readings;

/* rows._flagged: ``figure`` (a Figure) with the flags of a `$`, a split closer and a
   footnote mark added, as a new Figure made as its quick_init makes it; kept in rows'
   bounded dict by the figure's id and the three marks, with the figure itself, as
   _flagged keeps it (a figure met again with the same marks gives the same record). A
   new reference. */
static PyObject *
flagged(Drafting *d, PyObject *figure, int dollar, int split, int marked)
{
    PyObject *id = PyLong_FromVoidPtr(figure), *key = NULL, *made = NULL;
    PyObject *value = NULL, *decimals = NULL, *flags = NULL, *readings = NULL, *set = NULL;
    PyObject *frozen = NULL;
    if (id == NULL) {
        return NULL;
    }
    key = PyTuple_Pack(4, id, dollar ? Py_True : Py_False, split ? Py_True : Py_False,
                       marked ? Py_True : Py_False);
    Py_DECREF(id);
    if (key == NULL) {
        return NULL;
    }
    PyObject *known = PyDict_GetItemWithError(d->known, key); /* borrowed */
    if (known == NULL && PyErr_Occurred()) {
        goto done;
    }
    if (known != NULL && PyTuple_Check(known) && PyTuple_GET_SIZE(known) == 2 &&
        PyTuple_GET_ITEM(known, 0) == figure) {
        made = Py_NewRef(PyTuple_GET_ITEM(known, 1));
        goto done;
    }
    if ((value = slot_attr(figure, s_value)) == NULL ||
        (decimals = slot_attr(figure, s_decimals)) == NULL ||
        (flags = slot_attr(figure, s_flags)) == NULL ||
        (readings = slot_attr(figure, s_readings)) == NULL ||
        (set = PySet_New(flags)) == NULL ||
        (dollar && PySet_Add(set, PyTuple_GET_ITEM(d->marks, 0)) < 0) ||
        (split && PySet_Add(set, PyTuple_GET_ITEM(d->marks, 1)) < 0) ||
        (marked && PySet_Add(set, PyTuple_GET_ITEM(d->marks, 2)) < 0) ||
        (frozen = PyFrozenSet_New(set)) == NULL) {
        goto done;
    }
    PyObject *values[4] = {value, decimals, frozen, readings};
    made = slotted_record(d->figure_record, d->figure_record_fields, values);
    if (made == NULL) {
        goto done;
    }
    if (PyDict_GET_SIZE(d->known) >= d->known_max) {
        PyDict_Clear(d->known);
    }
    PyObject *entry = PyTuple_Pack(2, figure, made); /* the figure kept: its id not reused */
    if (entry == NULL || PyDict_SetItem(d->known, key, entry) < 0) {
        Py_XDECREF(entry);
        Py_CLEAR(made);
        goto done;
    }
    Py_DECREF(entry);
done:
    Py_DECREF(key);
    Py_XDECREF(value);
    Py_XDECREF(decimals);
    Py_XDECREF(flags);
    Py_XDECREF(readings);
    Py_XDECREF(set);
    Py_XDECREF(frozen);
    return made;
}

/* Locator.span(text) or, ``last`` set, Locator.span(text, on_last_line=True): a new
   reference */
static PyObject *
text_span(Drafting *d, PyObject *text, int last)
{
    if (!PyTuple_Check(text) || PyTuple_GET_SIZE(text) != 2 ||
        !PyUnicode_Check(T_VALUE(text)) || !PyTuple_Check(T_PIECES(text))) {
        PyErr_SetString(PyExc_TypeError, "a text is a Text (value, pieces)");
        return NULL;
    }
    PyObject *made = span_of_text(&d->at, T_VALUE(text), T_PIECES(text), last);
    if (made != Py_None) {
        return made; /* the span, or NULL */
    }
    Py_DECREF(made);
    PyObject *call[1] = {text};
    return last ? PyObject_VectorcallDict(d->span, call, 1, d->last_line)
                : PyObject_Vectorcall(d->span, call, 1, NULL);
}

/* rows._figure of a placed figure (column, item, raw, figure, dollar, split, mark), item
   (cell, ...), cell a GridCell (text 3, marks 4, ix 10): a new reference */
static PyObject *
figure_draft(Drafting *d, PyObject *f)
{
    PyObject *item, *cell;
    if (!PyTuple_Check(f) || PyTuple_GET_SIZE(f) != 7 ||
        !PyTuple_Check(item = PyTuple_GET_ITEM(f, 1)) || PyTuple_GET_SIZE(item) < 1 ||
        !PyTuple_Check(cell = PyTuple_GET_ITEM(item, 0)) || PyTuple_GET_SIZE(cell) < 11) {
        PyErr_SetString(PyExc_TypeError, "a placed figure is (column, item, raw, figure, "
                                         "dollar, split, mark) of a GridCell's item");
        return NULL;
    }
    if (PyTuple_GET_ITEM(cell, 10) != Py_None) { /* inline XBRL: read in Python */
        return PyObject_CallFunctionObjArgs(d->slow, f, d->where, NULL);
    }
    PyObject *dollar = PyTuple_GET_ITEM(f, 4), *split = PyTuple_GET_ITEM(f, 5);
    int marked = PyObject_IsTrue(PyTuple_GET_ITEM(cell, 4));
    if (marked == 0) {
        marked = PyObject_IsTrue(PyTuple_GET_ITEM(f, 6));
    }
    int dollared = PyObject_IsTrue(dollar), splitted = PyObject_IsTrue(split);
    if (marked < 0 || dollared < 0 || splitted < 0) {
        return NULL;
    }
    PyObject *figure = PyTuple_GET_ITEM(f, 3);
    if (dollared || splitted || marked) {
        figure = flagged(d, figure, dollared, splitted, marked);
        if (figure == NULL) {
            return NULL;
        }
    }
    else {
        Py_INCREF(figure);
    }
    PyObject *where_span = text_span(d, PyTuple_GET_ITEM(cell, 3), 1);
    if (where_span == NULL) {
        Py_DECREF(figure);
        return NULL;
    }
    PyObject *values[5] = {PyTuple_GET_ITEM(f, 0), PyTuple_GET_ITEM(f, 2), figure, where_span,
                           Py_None};
    PyObject *made = slotted_record(d->figure_type, d->figure_fields, values);
    Py_DECREF(figure);
    Py_DECREF(where_span);
    return made;
}

/* A row of a part while it is drafted (rows._Draft): its references held. */
typedef struct {
    PyObject *label, *item, *indent, *placed, *line; /* item None or a label Item */
    PyObject *above, *below;                          /* rules, held by the Rules */
    int bold;
    Py_ssize_t at; /* the line's place in the part's body */
} Draft;

static void
draft_clear(Draft *draft)
{
    Py_CLEAR(draft->label);
    Py_CLEAR(draft->item);
    Py_CLEAR(draft->indent);
    Py_CLEAR(draft->placed);
    Py_CLEAR(draft->line);
}

/* rows._row of one draft: a new reference */
static PyObject *
row_draft(Drafting *d, const Draft *draft)
{
    PyObject *label_span = NULL, *figures = NULL, *line_no = NULL, *made = NULL;
    if (draft->item != Py_None) {
        label_span = text_span(d, PyTuple_GET_ITEM(PyTuple_GET_ITEM(draft->item, 0), 3), 0);
    }
    else {
        PyObject *row = slot_attr(draft->line, s_row);
        PyObject *start = row ? slot_attr(row, s_start) : NULL;
        label_span = start ? PyObject_CallOneArg(d->point, start) : NULL;
        Py_XDECREF(row);
        Py_XDECREF(start);
    }
    if (label_span == NULL) {
        goto done;
    }
    /* held as a tuple: the calls back into Python cannot change what is read */
    PyObject *held = PyList_AsTuple(draft->placed);
    if (held == NULL) {
        goto done;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(held);
    figures = PyTuple_New(n);
    for (Py_ssize_t i = 0; figures != NULL && i < n; i++) {
        PyObject *one = figure_draft(d, PyTuple_GET_ITEM(held, i));
        if (one == NULL) {
            Py_CLEAR(figures);
            break;
        }
        PyTuple_SET_ITEM(figures, i, one);
    }
    Py_DECREF(held);
    if (figures == NULL) {
        goto done;
    }
    if (n > 0) {
        PyObject *span = slot_attr(PyTuple_GET_ITEM(figures, 0), s_span);
        line_no = span ? slot_attr(span, s_line) : NULL;
        Py_XDECREF(span);
    }
    else {
        line_no = slot_attr(label_span, s_line);
    }
    if (line_no == NULL) {
        goto done;
    }
    PyObject *values[8] = {draft->label, label_span,    draft->indent, line_no,
                           figures,      draft->above,  draft->below,  draft->bold ? Py_True : Py_False};
    made = slotted_record(d->row_type, d->row_fields, values);
done:
    Py_XDECREF(label_span);
    Py_XDECREF(figures);
    Py_XDECREF(line_no);
    return made;
}

/* whether a Python object is true of a record's field (a cell's bold) */
static int
cell_bold(PyObject *item)
{
    return PyObject_IsTrue(PyTuple_GET_ITEM(PyTuple_GET_ITEM(item, 0), 5));
}

/* rows._label_text of a row's label items (a list): their texts one space apart. A text
   with no unprintable character and no two spaces together is that, stripped (only the
   space is both printable and blank); any other is left to ``label_text``. */
static PyObject *
label_of(PyObject *label_text, PyObject *items)
{
    Py_ssize_t n = PyList_GET_SIZE(items);
    PyObject *joined;
    if (n == 1) {
        joined = Py_NewRef(PyTuple_GET_ITEM(PyList_GET_ITEM(items, 0), 3));
    }
    else {
        PyObject *texts = PyList_New(n);
        if (texts == NULL) {
            return NULL;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyList_SET_ITEM(texts, i, Py_NewRef(PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 3)));
        }
        joined = PyUnicode_Join(s_space, texts);
        Py_DECREF(texts);
        if (joined == NULL) {
            return NULL;
        }
    }
    if (!PyUnicode_Check(joined)) {
        Py_DECREF(joined);
        return PyObject_CallOneArg(label_text, items);
    }
    int kind = PyUnicode_KIND(joined);
    const void *data = PyUnicode_DATA(joined);
    Py_ssize_t size = PyUnicode_GET_LENGTH(joined);
    Py_UCS4 before = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if ((ch == ' ' && before == ' ') || !Py_UNICODE_ISPRINTABLE(ch)) {
            Py_DECREF(joined);
            return PyObject_CallOneArg(label_text, items);
        }
        before = ch;
    }
    Py_ssize_t lo = 0, hi = size;
    while (lo < hi && PyUnicode_READ(kind, data, lo) == ' ') {
        lo++;
    }
    while (hi > lo && PyUnicode_READ(kind, data, hi - 1) == ' ') {
        hi--;
    }
    if (lo == 0 && hi == size) {
        return joined;
    }
    PyObject *stripped = PyUnicode_Substring(joined, lo, hi);
    Py_DECREF(joined);
    return stripped;
}

/* rows._drafts over a part's body: the drafts in ``out`` (their count), or -1 */
static Py_ssize_t
drafts_of(PyObject *const *config, const Rules *r, Py_ssize_t *taken, PyObject *body,
          Draft *out, PyObject *zero)
{
    PyObject *place_roles = config[0], *closed = config[2], *kinds_of = config[3];
    PyTypeObject *placed_type = (PyTypeObject *)config[1];
    PyObject *label_text = config[4], *continues = config[5];
    PyObject *k_figures = PyTuple_GET_ITEM(kinds_of, 0), *k_label = PyTuple_GET_ITEM(kinds_of, 1);
    PyObject *k_empty = PyTuple_GET_ITEM(kinds_of, 2);
    PyObject *dollar_role = PyTuple_GET_ITEM(place_roles, 0);
    Py_ssize_t count = 0;
    int has_pending = 0, failed = 1;
    Draft pending = {0}, draft = {0};
    for (Py_ssize_t at = 0; at < PyTuple_GET_SIZE(body); at++) {
        PyObject *line = PyTuple_GET_ITEM(body, at), *kind = slot_attr(line, s_kind);
        if (kind == NULL) {
            goto done;
        }
        Py_DECREF(kind); /* compared by identity: a member of its enum, held by it */
        PyObject *items = NULL, *label_items = NULL, *placed = NULL;
        if (kind != k_figures && kind != k_label) {
            if (kind == k_empty && has_pending) {
                out[count++] = pending;
                memset(&pending, 0, sizeof pending);
                has_pending = 0;
            }
            continue;
        }
        if ((items = slot_attr(line, s_items)) == NULL) {
            goto done;
        }
        if (!PyTuple_Check(items)) {
            PyErr_SetString(PyExc_TypeError, "a line's items are a tuple");
            Py_DECREF(items);
            goto done;
        }
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
            PyObject *item = PyTuple_GET_ITEM(items, i);
            if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 6 ||
                !PyTuple_Check(PyTuple_GET_ITEM(item, 0)) ||
                PyTuple_GET_SIZE(PyTuple_GET_ITEM(item, 0)) < 11) {
                PyErr_SetString(PyExc_TypeError, "an item is (cell, role, figure, text, col, end) "
                                                 "of a GridCell");
                Py_DECREF(items);
                goto done;
            }
        }
        if (kind == k_figures) {
            if (r->columns == 0) {
                PyErr_SetString(PyExc_IndexError, "a part with figures has no columns");
                Py_DECREF(items);
                goto done;
            }
            PyObject *pair = placed_items(place_roles, placed_type, closed, r, taken, at,
                                          r->los[0], items);
            if (pair != NULL) {
                label_items = PyTuple_GET_ITEM(pair, 0);
                placed = PyTuple_GET_ITEM(pair, 1);
                Py_INCREF(label_items);
                Py_INCREF(placed);
                Py_DECREF(pair);
            }
        }
        else {
            label_items = PyList_New(0);
            placed = PyList_New(0);
            for (Py_ssize_t i = 0; label_items && i < PyTuple_GET_SIZE(items); i++) {
                PyObject *item = PyTuple_GET_ITEM(items, i);
                if (PyTuple_GET_ITEM(item, 1) != dollar_role &&
                    PyList_Append(label_items, item) < 0) {
                    Py_CLEAR(label_items);
                }
            }
        }
        Py_DECREF(items);
        if (label_items == NULL || placed == NULL) {
            Py_XDECREF(label_items);
            Py_XDECREF(placed);
            goto done;
        }
        draft.label = label_of(label_text, label_items);
        draft.placed = placed;
        draft.line = line;
        Py_INCREF(line);
        draft.at = at;
        draft.above = draft.below = NULL;
        if (draft.label == NULL || !PyUnicode_Check(draft.label)) {
            if (draft.label != NULL) {
                PyErr_SetString(PyExc_TypeError, "a label is a str");
            }
            Py_DECREF(label_items);
            goto done;
        }
        Py_ssize_t n_placed = PyList_GET_SIZE(placed);
        if (PyList_GET_SIZE(label_items) > 0) {
            PyObject *lead = PyList_GET_ITEM(label_items, 0);
            draft.item = lead;
            draft.indent = PyTuple_GET_ITEM(PyTuple_GET_ITEM(lead, 0), 6);
            draft.bold = cell_bold(lead);
        }
        else {
            draft.item = Py_None;
            draft.indent = zero;
            draft.bold = 0;
        }
        Py_INCREF(draft.item);
        Py_INCREF(draft.indent);
        Py_DECREF(label_items);
        for (Py_ssize_t i = 0; draft.bold == 0 && i < n_placed; i++) {
            PyObject *f = PyList_GET_ITEM(placed, i);
            if (!PyTuple_Check(f) || PyTuple_GET_SIZE(f) != 7 ||
                !PyTuple_Check(PyTuple_GET_ITEM(f, 1)) ||
                PyTuple_GET_SIZE(PyTuple_GET_ITEM(f, 1)) != 6) {
                PyErr_SetString(PyExc_TypeError, "a placed figure has 7 fields");
                goto done;
            }
            int bold = cell_bold(PyTuple_GET_ITEM(f, 1));
            if (bold < 0) {
                goto done;
            }
            if (!bold) {
                break;
            }
            if (i == n_placed - 1) {
                draft.bold = 1; /* every figure's cell bold */
            }
        }
        if (draft.bold < 0) {
            goto done;
        }
        if (has_pending) {
            Py_ssize_t size = PyUnicode_GET_LENGTH(draft.label);
            int joined = n_placed > 0 && size == 0;
            if (!joined && size > 0) {
                PyObject *pair[2] = {pending.label, draft.label};
                PyObject *yes = PyObject_Vectorcall(continues, pair, 2, NULL);
                joined = yes == NULL ? -1 : PyObject_IsTrue(yes);
                Py_XDECREF(yes);
            }
            if (joined < 0) {
                goto done;
            }
            if (joined) {
                PyObject *both = PyUnicode_FromFormat("%U %U", pending.label, draft.label);
                PyObject *stripped = both ? PyObject_CallMethodNoArgs(both, s_strip) : NULL;
                Py_XDECREF(both);
                if (stripped == NULL) {
                    goto done;
                }
                Py_SETREF(draft.label, stripped);
                Py_SETREF(draft.item, Py_NewRef(pending.item));
                Py_SETREF(draft.indent, Py_NewRef(pending.indent));
                draft_clear(&pending);
            }
            else {
                out[count++] = pending;
                memset(&pending, 0, sizeof pending);
            }
            has_pending = 0;
        }
        if (n_placed > 0) {
            out[count++] = draft;
        }
        else {
            pending = draft;
            has_pending = 1;
        }
        memset(&draft, 0, sizeof draft);
    }
    if (has_pending) {
        out[count++] = pending;
        memset(&pending, 0, sizeof pending);
    }
    failed = 0;
done:
    draft_clear(&draft);
    draft_clear(&pending);
    if (failed) {
        for (Py_ssize_t i = 0; i < count; i++) {
            draft_clear(&out[i]);
        }
        return -1;
    }
    return count;
}

PyDoc_STRVAR(part_rows_doc,
             "part_rows(config, slots, body, where, /)\n--\n\n"
             "rows._row_drafts_python: the RowDraft of each row of a part's body as printed "
             "(labels run on, figures placed in the columns of ``slots``, the rules between "
             "rows, each span found by ``where``), with no record between; ``config`` is "
             "rows._PART_ROWS_CONFIG.");

static PyObject *
part_rows(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Drafting d;
    Rules r;
    PyObject *kinds_of, *label_text, *continues, *rules_of, *rows_of, *near = NULL;
    PyObject *place_roles, *placed_type, *closed, *flagging;
    /* the config last parsed, held (a tuple: what it holds cannot change), and what was
       read of it: parsed again only for another config (the tests'), not per part */
    static PyObject *held_config;
    static Drafting held_d;
    static Rules held_r;
    if (nargs == 4 && PyList_Check(args[2]) && args[0] == held_config) {
        d = held_d;
        r = held_r;
        near = NULL; /* d.at.near parsed already */
        place_roles = PyTuple_GET_ITEM(args[0], 0);
        placed_type = PyTuple_GET_ITEM(args[0], 1);
        closed = PyTuple_GET_ITEM(args[0], 2);
        kinds_of = PyTuple_GET_ITEM(args[0], 3);
        label_text = PyTuple_GET_ITEM(args[0], 4);
        continues = PyTuple_GET_ITEM(args[0], 5);
    }
    else if (nargs != 4 || !PyList_Check(args[2]) ||
        !PyArg_ParseTuple(args[0], "O!O!OO!OOO!O!:part_rows", &PyTuple_Type, &place_roles,
                          &PyType_Type, &placed_type, &closed, &PyTuple_Type, &kinds_of,
                          &label_text, &continues, &PyTuple_Type, &rules_of, &PyTuple_Type,
                          &rows_of) ||
        PyTuple_GET_SIZE(place_roles) != 4 || PyTuple_GET_SIZE(kinds_of) != 3 ||
        !PyType_IsSubtype((PyTypeObject *)placed_type, &PyTuple_Type) ||
        !PyArg_ParseTuple(rules_of, "OOOO:part_rows", &r.none, &r.single, &r.dbl,
                          &r.rule_match) ||
        !PyArg_ParseTuple(rows_of, "O!O!O!O!O!OO!O!O:part_rows", &PyType_Type, &d.row_type,
                          &PyTuple_Type, &d.row_fields, &PyType_Type, &d.figure_type,
                          &PyTuple_Type, &d.figure_fields, &PyTuple_Type, &flagging, &d.slow,
                          &PyType_Type, &d.at.span_type, &PyTuple_Type, &d.at.span_fields,
                          &near) ||
        !PyArg_ParseTuple(flagging, "O!nO!O!O!:part_rows", &PyDict_Type, &d.known,
                          &d.known_max, &PyTuple_Type, &d.marks, &PyType_Type,
                          &d.figure_record, &PyTuple_Type, &d.figure_record_fields) ||
        PyTuple_GET_SIZE(d.marks) != 3 || PyTuple_GET_SIZE(d.figure_record_fields) != 4 ||
        PyTuple_GET_SIZE(d.row_fields) != 8 || PyTuple_GET_SIZE(d.figure_fields) != 5 ||
        PyTuple_GET_SIZE(d.at.span_fields) != 6) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "part_rows() takes rows' config, a part's slots, "
                                             "its body and a Locator");
        }
        return NULL;
    }
    static const Interned names[] = {
        {&s_line, "line"},         {&s_start, "start"},
        {&s_starts, "_starts"},    {&s_first_line, "_first_line"},
        {&s_start_offset, "_start_offset"}, {&s_span, "span"},
        {&s_point, "point"},       {&s_on_last_line, "on_last_line"},
        {&s_row, "row"},           {&s_kind, "kind"},
        {&s_items, "items"},       {&s_los, "los"},
        {&s_his, "his"},           {&s_strip, "strip"},
        {&s_cells, "cells"},       {&s_value, "value"},
        {&s_decimals, "decimals"}, {&s_flags, "flags"},
        {&s_readings, "readings"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    if (near != NULL) { /* parsed now: kept for the next call with the same config */
        d.at.near = PyLong_AsSsize_t(near);
        if (d.at.near == -1 && PyErr_Occurred()) {
            return NULL;
        }
        Py_XSETREF(held_config, Py_NewRef(args[0]));
        held_d = d;
        held_r = r;
    }
    d.where = args[3];
    d.at.hint = -1;
    PyObject *first_line = NULL, *start_offset = NULL, *out = NULL, *body = NULL;
    PyObject *los = NULL, *his = NULL, *zero = NULL;
    Py_ssize_t *bounds = NULL, count = -1;
    Draft *drafts = NULL;
    d.at.starts = d.span = d.point = d.last_line = NULL;
    if ((d.at.starts = slot_attr(d.where, s_starts)) == NULL ||
        (first_line = slot_attr(d.where, s_first_line)) == NULL ||
        (start_offset = slot_attr(d.where, s_start_offset)) == NULL ||
        (d.span = slot_attr(d.where, s_span)) == NULL ||
        (d.point = slot_attr(d.where, s_point)) == NULL ||
        (d.last_line = PyDict_New()) == NULL ||
        PyDict_SetItem(d.last_line, s_on_last_line, Py_True) < 0 ||
        (los = slot_attr(args[1], s_los)) == NULL ||
        (his = slot_attr(args[1], s_his)) == NULL ||
        (zero = PyFloat_FromDouble(0.0)) == NULL) {
        goto done;
    }
    if (!PyList_Check(d.at.starts) || !PyTuple_Check(los) || !PyTuple_Check(his) ||
        PyTuple_GET_SIZE(los) != PyTuple_GET_SIZE(his)) {
        PyErr_SetString(PyExc_TypeError, "a Locator's line starts are a list, a part's slots "
                                         "two tuples of one size");
        goto done;
    }
    d.at.first_line = PyLong_AsSsize_t(first_line);
    d.at.start_offset = PyLong_AsSsize_t(start_offset);
    if ((d.at.first_line == -1 || d.at.start_offset == -1) && PyErr_Occurred()) {
        goto done;
    }
    Py_ssize_t columns = PyTuple_GET_SIZE(los);
    bounds = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(3 * columns + 1));
    body = PyList_AsTuple(args[2]);
    if (bounds == NULL || body == NULL) {
        if (body != NULL) {
            PyErr_NoMemory();
        }
        goto done;
    }
    for (Py_ssize_t j = 0; j < columns; j++) {
        if (field_int(los, j, &bounds[j]) < 0 || field_int(his, j, &bounds[columns + j]) < 0) {
            goto done;
        }
    }
    r.los = bounds;
    r.his = bounds + columns;
    r.columns = columns;
    Py_ssize_t *taken = bounds + 2 * columns; /* the row that last took each column */
    for (Py_ssize_t j = 0; j < columns; j++) {
        taken[j] = -1;
    }
    drafts = PyMem_Calloc((size_t)PyTuple_GET_SIZE(body) + 1, sizeof(Draft));
    if (drafts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    PyObject *config[6] = {place_roles, placed_type, closed, kinds_of, label_text, continues};
    count = drafts_of(config, &r, taken, body, drafts, zero);
    if (count < 0) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        drafts[k].above = drafts[k].below = r.none;
    }
    for (Py_ssize_t k = 1; k < count; k++) {
        PyObject *rule = boundary(&r, body, drafts[k - 1].at, drafts[k].at);
        if (rule == NULL) {
            goto done;
        }
        drafts[k].above = drafts[k - 1].below = rule;
    }
    out = PyList_New(count);
    for (Py_ssize_t k = 0; out != NULL && k < count; k++) {
        PyObject *made = row_draft(&d, &drafts[k]);
        if (made == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, k, made);
    }
done:
    for (Py_ssize_t k = 0; drafts != NULL && k < count; k++) {
        draft_clear(&drafts[k]);
    }
    PyMem_Free(drafts);
    PyMem_Free(bounds);
    Py_XDECREF(d.at.starts);
    Py_XDECREF(first_line);
    Py_XDECREF(start_offset);
    Py_XDECREF(d.span);
    Py_XDECREF(d.point);
    Py_XDECREF(d.last_line);
    Py_XDECREF(body);
    Py_XDECREF(los);
    Py_XDECREF(his);
    Py_XDECREF(zero);
    return out;
}

/* parts._split_python: a grid's rows cut into parts (title, header, body, period), each
   with its columns, in one pass of C after kinds(): no Python loop over the lines, the
   lines kept as row indexes until each Part is made. */

/* a growable array of row indexes (a part's title, header or body; the pending rows) */
typedef struct {
    Py_ssize_t *at, n, room;
} RowList;

static int
row_push(RowList *v, Py_ssize_t r)
{
    if (v->n == v->room) {
        Py_ssize_t room = v->room ? v->room * 2 : 8;
        Py_ssize_t *grown = PyMem_Realloc(v->at, sizeof(Py_ssize_t) * (size_t)room);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        v->at = grown;
        v->room = room;
    }
    v->at[v->n++] = r;
    return 0;
}

/* ``v`` extended with src[lo:hi] */
static int
row_extend(RowList *v, const RowList *src, Py_ssize_t lo, Py_ssize_t hi)
{
    for (Py_ssize_t i = lo; i < hi; i++) {
        if (row_push(v, src->at[i]) < 0) {
            return -1;
        }
    }
    return 0;
}

/* One part as split cuts it: its rows by index, its period (a new reference or NULL),
   the part above it (its index among the cuts, or -1) and its Part once made. */
typedef struct {
    RowList title, header, body;
    PyObject *period, *made;
    Py_ssize_t above;
} Cut;

static void
cut_clear(Cut *c)
{
    PyMem_Free(c->title.at);
    PyMem_Free(c->header.at);
    PyMem_Free(c->body.at);
    Py_CLEAR(c->period);
    Py_CLEAR(c->made);
}

/* What split() reads besides kinds' config (parts._SPLIT_CONFIG). */
typedef struct {
    KindsConfig k;
    PyTypeObject *part_type;
    PyObject *part_fields, *is_note, *period_match, *parse_period, *footnote_match;
    Py_ssize_t scanned;
    PyObject *lines, *items, *strong; /* the grid's, from kinds_pass */
    PyObject **kind_of;
} Splitting;

/* parts._is_note of a pending LABEL row: one item whose text states a scale */
static int
is_note(const Splitting *s, Py_ssize_t r)
{
    PyObject *items = PyTuple_GET_ITEM(s->items, r);
    if (PyTuple_GET_SIZE(items) != 1) {
        return 0;
    }
    return says(s->is_note, PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, 0), 3));
}

/* parts._is_period_row of a LABEL row: one item that names a period */
static int
is_period_row(const Splitting *s, Py_ssize_t r)
{
    PyObject *items = PyTuple_GET_ITEM(s->items, r);
    if (PyTuple_GET_SIZE(items) != 1) {
        return 0;
    }
    PyObject *text = PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, 0), 3);
    int named = says(s->period_match, text);
    if (named <= 0) {
        return named;
    }
    PyObject *texts = PyList_New(1);
    if (texts == NULL) {
        return -1;
    }
    PyList_SET_ITEM(texts, 0, Py_NewRef(text));
    PyObject *period = PyObject_CallOneArg(s->parse_period, texts);
    Py_DECREF(texts);
    if (period == NULL) {
        return -1;
    }
    int found = period != Py_None;
    Py_DECREF(period);
    return found;
}

/* the Lines of rows by index: a new list */
static PyObject *
lines_of(const Splitting *s, const RowList *v)
{
    PyObject *out = PyList_New(v->n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < v->n; i++) {
        PyList_SET_ITEM(out, i, Py_NewRef(PyList_GET_ITEM(s->lines, v->at[i])));
    }
    return out;
}

/* Slots.hits: the columns [first, last) to try for a text at slots [col, end), each
   still tested for overlap; bisected when the columns ascend at both ends and are more
   than parts._SCANNED, as Slots bisects them (the same columns either way) */
static void
hit_range(const Group *g, Py_ssize_t n, int bisect, Py_ssize_t col, Py_ssize_t end,
          Py_ssize_t *first, Py_ssize_t *last)
{
    if (!bisect) {
        *first = 0;
        *last = n;
        return;
    }
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) { /* bisect_right(his, col) */
        Py_ssize_t mid = (lo + hi) / 2;
        if (col < g[mid].hi) {
            hi = mid;
        }
        else {
            lo = mid + 1;
        }
    }
    *first = lo;
    hi = n;
    lo = 0;
    while (lo < hi) { /* bisect_left(los, end) */
        Py_ssize_t mid = (lo + hi) / 2;
        if (g[mid].lo < end) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    *last = lo;
}

/* parts._columns of a cut: the figure columns as a new list of (lo, hi), footnote
   columns left out */
static PyObject *
columns_of(const Splitting *s, const Cut *c)
{
    PyObject *body = lines_of(s, &c->body), *out = NULL, *body_tuple = NULL;
    Group *g = NULL;
    unsigned char *headed = NULL, *all_marks = NULL, *commas = NULL;
    Py_ssize_t *texts = NULL, n = 0;
    if (body == NULL || (body_tuple = PyList_AsTuple(body)) == NULL ||
        column_groups(s->k.k_figures, body_tuple, s->strong, s->kind_of, &g, &n) < 0) {
        goto done;
    }
    size_t room = (size_t)(n ? n : 1);
    headed = PyMem_Calloc(room, 1);
    all_marks = PyMem_Calloc(room, 1);
    commas = PyMem_Calloc(room, 1);
    texts = PyMem_Calloc(room, sizeof(Py_ssize_t));
    if (headed == NULL || all_marks == NULL || commas == NULL || texts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int bisect = n > s->scanned;
    for (Py_ssize_t j = 1; j < n && bisect; j++) {
        bisect = g[j - 1].lo <= g[j].lo && g[j - 1].hi <= g[j].hi;
    }
    Py_ssize_t figure_rows = 0, col, end, first, last;
    for (Py_ssize_t i = 0; i < c->body.n; i++) {
        figure_rows += s->kind_of[c->body.at[i]] == s->k.k_figures;
    }
    for (Py_ssize_t h = 0; h < c->header.n; h++) {
        PyObject *items = PyTuple_GET_ITEM(s->items, c->header.at[h]);
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
            PyObject *item = PyTuple_GET_ITEM(items, i);
            if (field_int(item, 4, &col) < 0 || field_int(item, 5, &end) < 0) {
                goto done;
            }
            hit_range(g, n, bisect, col, end, &first, &last);
            for (Py_ssize_t j = first; j < last; j++) {
                if (col < g[j].hi && end > g[j].lo) {
                    headed[j] = 1;
                }
            }
        }
    }
    Py_ssize_t bare = 0;
    for (Py_ssize_t j = 0; j < n; j++) {
        bare += !headed[j];
        all_marks[j] = 1;
    }
    for (Py_ssize_t b = 0; b < c->body.n && bare; b++) {
        Py_ssize_t r = c->body.at[b];
        if (s->kind_of[r] != s->k.k_figures) {
            continue;
        }
        PyObject *items = PyTuple_GET_ITEM(s->items, r);
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
            PyObject *item = PyTuple_GET_ITEM(items, i), *text = PyTuple_GET_ITEM(item, 3);
            if (field_int(item, 4, &col) < 0 || field_int(item, 5, &end) < 0) {
                goto done;
            }
            hit_range(g, n, bisect, col, end, &first, &last);
            for (Py_ssize_t j = first; j < last; j++) {
                if (headed[j] || !(col < g[j].hi && end > g[j].lo)) {
                    continue;
                }
                texts[j]++;
                if (all_marks[j]) { /* all(FOOTNOTE_LIKE.match(t)): asked until one is not */
                    int mark = says(s->footnote_match, text);
                    if (mark < 0) {
                        goto done;
                    }
                    all_marks[j] = (unsigned char)mark;
                }
                if (!commas[j] && (PyUnicode_FindChar(text, ',', 0, PY_SSIZE_T_MAX, 1) >= 0 ||
                                   PyUnicode_FindChar(text, '(', 0, PY_SSIZE_T_MAX, 1) >= 0)) {
                    commas[j] = 1;
                }
            }
        }
    }
    out = PyList_New(0);
    for (Py_ssize_t j = 0; out != NULL && j < n; j++) {
        /* parts._footnote_column */
        if (!headed[j] && texts[j] > 0 && all_marks[j] &&
            (g[j].used * 2 < figure_rows || commas[j])) {
            continue;
        }
        PyObject *range = Py_BuildValue("(nn)", g[j].lo, g[j].hi);
        if (range == NULL || PyList_Append(out, range) < 0) {
            Py_XDECREF(range);
            Py_CLEAR(out);
        }
        else {
            Py_DECREF(range);
        }
    }
done:
    Py_XDECREF(body);
    Py_XDECREF(body_tuple);
    PyMem_Free(g);
    PyMem_Free(headed);
    PyMem_Free(all_marks);
    PyMem_Free(commas);
    PyMem_Free(texts);
    return out;
}

/* a new cut at the end of ``cuts``: its index, or -1 */
static Py_ssize_t
cut_add(Cut **cuts, Py_ssize_t *count, Py_ssize_t *room)
{
    if (*count == *room) {
        Py_ssize_t more = *room ? *room * 2 : 4;
        Cut *grown = PyMem_Realloc(*cuts, sizeof(Cut) * (size_t)more);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *cuts = grown;
        *room = more;
    }
    memset(&(*cuts)[*count], 0, sizeof(Cut));
    (*cuts)[*count].above = -1;
    return (*count)++;
}

PyDoc_STRVAR(split_doc,
             "split(config, rows, /)\n--\n\n"
             "parts._split_python: the tables of figures in a grid's rows, as Parts with "
             "their columns (``config`` is parts._SPLIT_CONFIG: kinds' config, the Part "
             "record and its slots, and the Python asked back: is_scale_note, the period "
             "row's pattern and parse_period, FOOTNOTE_LIKE's match, _SCANNED).");

static PyObject *
split(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Splitting s = {0};
    PyObject *kinds_conf;
    /* the config last parsed, held (a tuple: what it holds cannot change), and what was
       read of it: parsed again only for another config (the tests'), not per grid */
    static PyObject *held_config;
    static Splitting held;
    if (nargs == 2 && PyTuple_Check(args[1]) && args[0] == held_config) {
        s = held;
    }
    else if (nargs != 2 || !PyTuple_Check(args[0]) || !PyTuple_Check(args[1]) ||
        !PyArg_ParseTuple(args[0], "O!O!O!OOOOn:split", &PyTuple_Type, &kinds_conf,
                          &PyType_Type, &s.part_type, &PyTuple_Type, &s.part_fields,
                          &s.is_note, &s.period_match, &s.parse_period, &s.footnote_match,
                          &s.scanned) ||
        PyTuple_GET_SIZE(s.part_fields) != 6) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "split() takes parts' config and a tuple of rows");
        }
        return NULL;
    }
    else {
        static const Interned names[] = {{&s_kind, "kind"}, {&s_index, "index"}};
        if (INTERN_ALL(names) < 0 || kinds_config(kinds_conf, &s.k) < 0) {
            return NULL;
        }
        Py_XSETREF(held_config, Py_NewRef(args[0]));
        held = s;
    }
    PyObject *rows = args[1], *result = NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(rows);
    s.kind_of = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n ? n : 1));
    if (s.kind_of == NULL) {
        return PyErr_NoMemory();
    }
    Cut *cuts = NULL;
    Py_ssize_t n_cuts = 0, room = 0, part;
    RowList pending = {0};
    if (kinds_pass(&s.k, rows, &s.lines, &s.strong, &s.items, s.kind_of) < 0) {
        PyMem_Free(s.kind_of);
        return NULL;
    }
    const KindsConfig *k = &s.k;
    if ((part = cut_add(&cuts, &n_cuts, &room)) < 0) {
        goto done;
    }
    int filled = 0; /* the last cut has rows of figures */
    for (Py_ssize_t r = 0; r < n; r++) {
        Cut *c = &cuts[part];
        PyObject *kind = s.kind_of[r];
        if (kind == k->k_header) {
            if (filled) {
                /* _labels: the label rows just above, empty rows under them passed */
                Py_ssize_t b = pending.n, a;
                while (b > 0 && s.kind_of[pending.at[b - 1]] == k->k_empty) {
                    b--;
                }
                for (a = b; a > 0 && s.kind_of[pending.at[a - 1]] == k->k_label; a--) {
                }
                if (b == a) { /* no label: the empty rows stay in the body */
                    b = a = pending.n;
                }
                if (row_extend(&c->body, &pending, 0, a) < 0 ||
                    row_extend(&c->body, &pending, b, pending.n) < 0) {
                    goto done;
                }
                Py_ssize_t above = part;
                if ((part = cut_add(&cuts, &n_cuts, &room)) < 0) {
                    goto done;
                }
                c = &cuts[part];
                c->above = above;
                if (row_extend(&c->title, &pending, a, b) < 0) {
                    goto done;
                }
                filled = 0;
            }
            else {
                for (Py_ssize_t i = 0; i < pending.n; i++) {
                    if (s.kind_of[pending.at[i]] == k->k_label &&
                        row_push(&c->title, pending.at[i]) < 0) {
                        goto done;
                    }
                }
            }
            pending.n = 0;
            if (row_push(&c->header, r) < 0) {
                goto done;
            }
        }
        else if (kind == k->k_figures) {
            if (!filled) {
                Py_ssize_t kept = 0;
                for (Py_ssize_t i = 0; i < pending.n; i++) {
                    Py_ssize_t p = pending.at[i];
                    int note = 0;
                    if (s.kind_of[p] == k->k_label && (note = is_note(&s, p)) < 0) {
                        goto done;
                    }
                    if (note) { /* "(In millions)" under the header: a scale */
                        if (row_push(&c->title, p) < 0) {
                            goto done;
                        }
                    }
                    else {
                        pending.at[kept++] = p;
                    }
                }
                pending.n = kept;
                if (c->header.n == 0) {
                    /* _body_of: the rows after the last empty one; _title_of: the
                       label rows before it */
                    Py_ssize_t from = pending.n;
                    while (from > 0 && s.kind_of[pending.at[from - 1]] != k->k_empty) {
                        from--;
                    }
                    for (Py_ssize_t i = 0; i < from; i++) {
                        if (s.kind_of[pending.at[i]] == k->k_label &&
                            row_push(&c->title, pending.at[i]) < 0) {
                            goto done;
                        }
                    }
                    memmove(pending.at, pending.at + from,
                            sizeof(Py_ssize_t) * (size_t)(pending.n - from));
                    pending.n -= from;
                }
            }
            if (row_extend(&c->body, &pending, 0, pending.n) < 0 || row_push(&c->body, r) < 0) {
                goto done;
            }
            pending.n = 0;
            filled = 1;
        }
        else if (kind == k->k_label && c->header.n > 0) {
            int period = is_period_row(&s, r);
            if (period < 0) {
                goto done;
            }
            if (!period) {
                if (row_push(&pending, r) < 0) {
                    goto done;
                }
                continue;
            }
            if (row_extend(&c->body, &pending, 0, pending.n) < 0) {
                goto done;
            }
            if (filled) {
                if ((part = cut_add(&cuts, &n_cuts, &room)) < 0) {
                    goto done;
                }
                Cut *was = &cuts[part - 1];
                c = &cuts[part];
                if (row_extend(&c->header, &was->header, 0, was->header.n) < 0 ||
                    row_extend(&c->title, &was->title, 0, was->title.n) < 0) {
                    goto done;
                }
                filled = 0;
            }
            pending.n = 0;
            /* line.items[0].cell.text */
            PyObject *item = PyTuple_GET_ITEM(PyTuple_GET_ITEM(s.items, r), 0);
            PyObject *cell = PyTuple_GET_ITEM(item, 0);
            if (!PyTuple_Check(cell) || PyTuple_GET_SIZE(cell) < 4) {
                PyErr_SetString(PyExc_TypeError, "an item's cell is a GridCell");
                goto done;
            }
            Py_XSETREF(c->period, Py_NewRef(PyTuple_GET_ITEM(cell, 3)));
        }
        else if (row_push(&pending, r) < 0) {
            goto done;
        }
    }
    if (row_extend(&cuts[part].body, &pending, 0, pending.n) < 0) {
        goto done;
    }
    result = PyList_New(0);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n_cuts; i++) {
        Cut *c = &cuts[i];
        int figures = 0;
        for (Py_ssize_t b = 0; b < c->body.n && !figures; b++) {
            figures = s.kind_of[c->body.at[b]] == k->k_figures;
        }
        if (!figures) {
            continue;
        }
        PyObject *above = c->above >= 0 ? cuts[c->above].made : Py_None;
        if (above == NULL) { /* the part above has figures: made before this one */
            PyErr_SetString(PyExc_RuntimeError, "a part's part above was not made");
            Py_CLEAR(result);
            goto done;
        }
        PyObject *title = lines_of(&s, &c->title), *header = lines_of(&s, &c->header);
        PyObject *body = lines_of(&s, &c->body), *columns = columns_of(&s, c);
        if (title != NULL && header != NULL && body != NULL && columns != NULL) {
            PyObject *values[6] = {title, header, body, c->period ? c->period : Py_None,
                                   columns, above};
            c->made = slotted_record(s.part_type, s.part_fields, values);
        }
        int kept = c->made != NULL && PyList_GET_SIZE(columns) > 0;
        Py_XDECREF(title);
        Py_XDECREF(header);
        Py_XDECREF(body);
        Py_XDECREF(columns);
        if (c->made == NULL || (kept && PyList_Append(result, c->made) < 0)) {
            Py_CLEAR(result);
            goto done;
        }
    }
done:
    for (Py_ssize_t i = 0; i < n_cuts; i++) {
        cut_clear(&cuts[i]);
    }
    PyMem_Free(cuts);
    PyMem_Free(pending.at);
    PyMem_Free(s.kind_of);
    Py_XDECREF(s.lines);
    Py_XDECREF(s.items);
    Py_XDECREF(s.strong);
    return result;
}

/* columns.header_texts: the header words over each column of a part and left of them. */

static PyObject *s_columns, *s_header, *s_above, *s_period, *s_items;

/* a part's columns (a list of (lo, hi)) as Groups in a new array, its size in ``*n`` */
static Group *
groups_of_columns(PyObject *columns, Py_ssize_t *n)
{
    if (!PyList_Check(columns)) {
        PyErr_SetString(PyExc_TypeError, "a part's columns are a list of (lo, hi)");
        return NULL;
    }
    *n = PyList_GET_SIZE(columns);
    Group *g = PyMem_Malloc(sizeof(Group) * (size_t)(*n ? *n : 1));
    if (g == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t j = 0; j < *n; j++) {
        PyObject *range = PyList_GET_ITEM(columns, j);
        if (!PyTuple_Check(range) || PyTuple_GET_SIZE(range) != 2 ||
            field_int(range, 0, &g[j].lo) < 0 || field_int(range, 1, &g[j].hi) < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "a part's columns are a list of (lo, hi)");
            }
            PyMem_Free(g);
            return NULL;
        }
        g[j].used = 0;
    }
    return g;
}

/* the items of each of a part's header lines: a new list of tuples of items */
static PyObject *
header_items(PyObject *header)
{
    if (!PyList_Check(header)) {
        PyErr_SetString(PyExc_TypeError, "a part's header is a list of lines");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(header);
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        PyObject *items = slot_attr(PyList_GET_ITEM(header, i), s_items);
        if (items == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, items);
        int good = PyTuple_Check(items);
        for (Py_ssize_t k = 0; good && k < PyTuple_GET_SIZE(items); k++) {
            PyObject *item = PyTuple_GET_ITEM(items, k);
            good = PyTuple_Check(item) && PyTuple_GET_SIZE(item) == 6 &&
                   PyUnicode_Check(PyTuple_GET_ITEM(item, 3)) &&
                   PyTuple_Check(PyTuple_GET_ITEM(item, 0)) &&
                   PyTuple_GET_SIZE(PyTuple_GET_ITEM(item, 0)) >= 4 &&
                   PyTuple_Check(PyTuple_GET_ITEM(PyTuple_GET_ITEM(item, 0), 3)) &&
                   PyTuple_GET_SIZE(PyTuple_GET_ITEM(PyTuple_GET_ITEM(item, 0), 3)) >= 1;
        }
        if (!good) {
            PyErr_SetString(PyExc_TypeError, "a line's items are (cell, role, figure, text, "
                                             "col, end) of a GridCell with a Text");
            Py_CLEAR(out);
        }
    }
    return out;
}

/* the Text of an item's cell (item.cell.text), borrowed */
#define ITEM_TEXT(item) PyTuple_GET_ITEM(PyTuple_GET_ITEM((item), 0), 3)

PyDoc_STRVAR(header_texts_doc,
             "header_texts(part, scanned, /)\n--\n\n"
             "columns.header_texts_python: the header Texts over each of a part's columns "
             "(top to bottom) and those left of its columns (``scanned``: parts._SCANNED).");

static PyObject *
header_texts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t scanned;
    if (nargs != 2 || (scanned = PyLong_AsSsize_t(args[1])) == -1) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "header_texts() takes a part and a width");
        }
        return NULL;
    }
    static const Interned names[] = {{&s_columns, "columns"}, {&s_header, "header"},
                                     {&s_above, "above"},     {&s_period, "period"},
                                     {&s_items, "items"}};
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    PyObject *part = args[0], *result = NULL, *per_col = NULL, *left = NULL, *heads = NULL;
    PyObject *columns = NULL, *header = NULL, *above = NULL, *period = NULL;
    PyObject *above_columns = NULL, *above_header = NULL, *above_heads = NULL;
    PyObject *owns = NULL, *inherited = NULL;
    Group *g = NULL;
    Py_ssize_t n = 0, col, end, first_slot, last_slot;
    if ((columns = slot_attr(part, s_columns)) == NULL ||
        (header = slot_attr(part, s_header)) == NULL ||
        (above = slot_attr(part, s_above)) == NULL ||
        (period = slot_attr(part, s_period)) == NULL ||
        (g = groups_of_columns(columns, &n)) == NULL || (heads = header_items(header)) == NULL) {
        goto done;
    }
    int bisect = n > scanned;
    for (Py_ssize_t j = 1; j < n && bisect; j++) {
        bisect = g[j - 1].lo <= g[j].lo && g[j - 1].hi <= g[j].hi;
    }
    Py_ssize_t first = n ? g[0].lo : 0;
    if ((per_col = PyList_New(n)) == NULL || (left = PyList_New(0)) == NULL) {
        goto done;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *texts = PyList_New(0);
        if (texts == NULL) {
            goto done;
        }
        PyList_SET_ITEM(per_col, j, texts);
    }
    for (Py_ssize_t h = 0; h < PyList_GET_SIZE(heads); h++) {
        PyObject *items = PyList_GET_ITEM(heads, h);
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
            PyObject *item = PyTuple_GET_ITEM(items, i);
            if (field_int(item, 4, &col) < 0 || field_int(item, 5, &end) < 0) {
                goto done;
            }
            hit_range(g, n, bisect, col, end, &first_slot, &last_slot);
            int hit = 0;
            for (Py_ssize_t j = first_slot; j < last_slot; j++) {
                if (col < g[j].hi && end > g[j].lo) {
                    hit = 1;
                    if (PyList_Append(PyList_GET_ITEM(per_col, j), ITEM_TEXT(item)) < 0) {
                        goto done;
                    }
                }
            }
            if (!hit && end <= first && PyList_Append(left, ITEM_TEXT(item)) < 0) {
                goto done;
            }
        }
    }
    if (above != Py_None) {
        /* a repeated header may print only its lower rows: the rows above come from the
           table above when it has the same columns and more than one header row */
        if ((above_columns = slot_attr(above, s_columns)) == NULL ||
            (above_header = slot_attr(above, s_header)) == NULL) {
            goto done;
        }
        int same = PyObject_RichCompareBool(above_columns, columns, Py_EQ);
        if (same < 0) {
            goto done;
        }
        Py_ssize_t rows = PyObject_Length(above_header);
        if (rows < 0) {
            goto done;
        }
        if (same && rows > 1) {
            if ((above_heads = header_items(above_header)) == NULL ||
                (owns = PyList_New(n)) == NULL || (inherited = PyList_New(n)) == NULL) {
                goto done;
            }
            for (Py_ssize_t j = 0; j < n; j++) {
                PyObject *own = PySet_New(NULL), *more = PyList_New(0);
                if (own == NULL || more == NULL) {
                    Py_XDECREF(own);
                    Py_XDECREF(more);
                    goto done;
                }
                PyList_SET_ITEM(owns, j, own);
                PyList_SET_ITEM(inherited, j, more);
                PyObject *texts = PyList_GET_ITEM(per_col, j);
                for (Py_ssize_t t = 0; t < PyList_GET_SIZE(texts); t++) {
                    if (PySet_Add(own, T_VALUE(PyList_GET_ITEM(texts, t))) < 0) {
                        goto done;
                    }
                }
            }
            for (Py_ssize_t h = 0; h < PyList_GET_SIZE(above_heads) - 1; h++) {
                PyObject *items = PyList_GET_ITEM(above_heads, h);
                for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
                    PyObject *item = PyTuple_GET_ITEM(items, i);
                    if (field_int(item, 4, &col) < 0 || field_int(item, 5, &end) < 0) {
                        goto done;
                    }
                    hit_range(g, n, bisect, col, end, &first_slot, &last_slot);
                    for (Py_ssize_t j = first_slot; j < last_slot; j++) {
                        if (!(col < g[j].hi && end > g[j].lo)) {
                            continue;
                        }
                        int owned = PySet_Contains(PyList_GET_ITEM(owns, j),
                                                   PyTuple_GET_ITEM(item, 3));
                        if (owned < 0) {
                            goto done;
                        }
                        if (!owned &&
                            PyList_Append(PyList_GET_ITEM(inherited, j), ITEM_TEXT(item)) < 0) {
                            goto done;
                        }
                    }
                }
            }
            for (Py_ssize_t j = 0; j < n; j++) {
                PyObject *more = PyList_GET_ITEM(inherited, j);
                if (PyList_SetSlice(PyList_GET_ITEM(per_col, j), 0, 0, more) < 0) {
                    goto done;
                }
            }
        }
    }
    if (period != Py_None) {
        for (Py_ssize_t j = 0; j < n; j++) {
            if (PyList_Insert(PyList_GET_ITEM(per_col, j), 0, period) < 0) {
                goto done;
            }
        }
    }
    result = PyTuple_Pack(2, per_col, left);
done:
    PyMem_Free(g);
    Py_XDECREF(per_col);
    Py_XDECREF(left);
    Py_XDECREF(heads);
    Py_XDECREF(columns);
    Py_XDECREF(header);
    Py_XDECREF(above);
    Py_XDECREF(period);
    Py_XDECREF(above_columns);
    Py_XDECREF(above_header);
    Py_XDECREF(above_heads);
    Py_XDECREF(owns);
    Py_XDECREF(inherited);
    return result;
}

PyDoc_STRVAR(configure_doc,
             "configure(kinds, /)\n--\n\n"
             "Hold what grid.py's row reads: (Node, Text, GridCell, PLAIN, (NONE, SINGLE, "
             "DOUBLE), EMPTY, _span_attr, _ix, check_text, _BLOCK, _NOT_NESTED, _NOT_BLANK, "
             "(MAX_COLSPAN, MAX_ROWSPAN, MAX_TEXT)).");

static PyObject *
configure(PyObject *module, PyObject *kinds)
{
    PyObject *node, *text, *gridcell, *plain_look, *rules, *empty, *span, *ix, *check, *block,
        *nest, *blanks, *limits;
    if (!PyArg_ParseTuple(kinds, "O!O!O!OO!OOOOO!O!O!O!:configure", &PyType_Type, &node,
                          &PyType_Type, &text, &PyType_Type, &gridcell, &plain_look,
                          &PyTuple_Type, &rules, &empty, &span, &ix, &check,
                          &PyFrozenSet_Type, &block, &PyFrozenSet_Type, &nest,
                          &PyFrozenSet_Type, &blanks, &PyTuple_Type, &limits)) {
        return NULL;
    }
    PyObject *none, *single, *dbl;
    if (!PyArg_ParseTuple(rules, "OOO:configure", &none, &single, &dbl) ||
        !PyArg_ParseTuple(limits, "lll:configure", &max_colspan, &max_rowspan, &max_text)) {
        return NULL;
    }
    PyObject *held[] = {node,  text, gridcell, plain_look, none, single, dbl,
                        empty, span, ix,       check,      block, nest,   blanks};
    for (size_t i = 0; i < sizeof held / sizeof held[0]; i++) {
        Py_INCREF(held[i]); /* for the life of the process */
    }
    node_type = (PyTypeObject *)node;
    text_type = (PyTypeObject *)text;
    cell_type = (PyTypeObject *)gridcell;
    plain = plain_look;
    rule_none = none;
    rule_single = single;
    rule_double = dbl;
    empty_text = empty;
    span_attr = span;
    ix_of = ix;
    check_text = check;
    block_tags = block;
    not_nested = nest;
    not_blank = blanks;
    configured = 1;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"row", (PyCFunction)(void (*)(void))row, METH_FASTCALL, row_doc},
    {"cell_of", (PyCFunction)(void (*)(void))cell_of, METH_FASTCALL, cell_of_doc},
    {"configure", configure, METH_O, configure_doc},
    {"words_of", (PyCFunction)(void (*)(void))words_of, METH_FASTCALL, words_of_doc},
    {"items", (PyCFunction)(void (*)(void))items, METH_FASTCALL, items_doc},
    {"run_span", (PyCFunction)(void (*)(void))run_span, METH_FASTCALL, run_span_doc},
    {"span", (PyCFunction)(void (*)(void))whole_span, METH_FASTCALL, whole_span_doc},
    {"run_spans", (PyCFunction)(void (*)(void))run_spans, METH_FASTCALL, run_spans_doc},
    {"kinds", (PyCFunction)(void (*)(void))kinds, METH_FASTCALL, kinds_doc},
    {"groups", (PyCFunction)(void (*)(void))groups, METH_FASTCALL, groups_doc},
    {"part_rows", (PyCFunction)(void (*)(void))part_rows, METH_FASTCALL, part_rows_doc},
    {"split", (PyCFunction)(void (*)(void))split, METH_FASTCALL, split_doc},
    {"header_texts", (PyCFunction)(void (*)(void))header_texts, METH_FASTCALL,
     header_texts_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.readers.html._grid",
    "The cells of a row of tieout.readers.html.grid, compiled (same outputs).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__grid(void)
{
    element_type = lxml_element_type(); /* held for the life of the process */
    if (element_type == NULL) {
        return NULL;
    }
    static const Interned names[] = {
        {&s_underline, "underline"}, {&s_indent, "indent"},
        {&s_top, "top"},             {&s_bottom, "bottom"},
        {&s_bold, "bold"},           {&s_raised, "raised"},
        {&s_display, "display"},     {&s_get, "get"},
        {&s_colspan, "colspan"},     {&s_rowspan, "rowspan"},
        {&s_words, "words"},         {&s_td, "td"},
        {&s_th, "th"},               {&s_u, "u"},
        {&s_b, "b"},                 {&s_strong, "strong"},
        {&s_hr, "hr"},               {&s_table_cell, "table-cell"},
        {&s_ix_nonfraction, "ix:nonfraction"},
        {&s_ix, "ix:"},
        {&s_table, "table"},
        {&s_sup, "sup"},
        {&s_space, " "},
        {&empty_str, ""},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    return PyModule_Create(&module_def);
}
