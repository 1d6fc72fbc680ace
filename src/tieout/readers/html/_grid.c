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
 * cells that hold something, each role read back by cells._role), ``place``
 * (rows._figures_python: a row's figures placed in their columns, closers joined back in
 * Python), ``run_span`` and ``run_spans`` (where.Locator._run_python and
 * _run_spans_python: the span of a text that is one run of the file, and of each run of a
 * paragraph; each Span made as model.quick_init makes it, its slots set through their
 * descriptors). tests/test_html_rows_compiled.py asserts them on every corpus document
 * and on generated input.
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
        PyObject *pair = Py_BuildValue("(nn)", p->at[2 * j], p->at[2 * j + 1]);
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
static PyObject *
items(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyType_Check(args[1]) ||
        !PyType_IsSubtype((PyTypeObject *)args[1], &PyTuple_Type) || !PyTuple_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "items() takes a function, a tuple type, a role and a tuple of cells");
        return NULL;
    }
    PyObject *role = args[0], *empty = args[2], *cells = args[3];
    PyTypeObject *item_type = (PyTypeObject *)args[1];
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

/* A record as quick_init makes it (a Span, a FigureDraft): a new instance of ``type`` with
   each of its slots (``fields``, in the order of its fields) set to ``values``. */
static PyObject *
made_span(PyTypeObject *type, PyObject *fields, PyObject *const *values)
{
    PyObject *made = type->tp_alloc(type, 0);
    if (made == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(fields); k++) {
        PyObject *field = PyTuple_GET_ITEM(fields, k);
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
            made = made_span((PyTypeObject *)args[0], args[1], values);
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
    PyObject *starts = args[3], *pieces = args[7];
    Py_ssize_t near = PyLong_AsSsize_t(args[2]);
    Py_ssize_t first_line = PyLong_AsSsize_t(args[4]);
    Py_ssize_t start_offset = PyLong_AsSsize_t(args[5]);
    if ((near == -1 || first_line == -1 || start_offset == -1) && PyErr_Occurred()) {
        return NULL;
    }
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
    Py_ssize_t size = PyUnicode_GET_LENGTH(args[6]);
    Py_ssize_t lines = PyList_GET_SIZE(starts), row;
    if (!(offset >= 0 && 0 <= index && index < size && index <= near) || lines == 0) {
        Py_RETURN_NONE;
    }
    if (bisect_after(starts, offset, &row) < 0) {
        return NULL;
    }
    row -= 1;
    if (row < 0) {
        Py_RETURN_NONE;
    }
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
    made = made_span((PyTypeObject *)args[0], args[1], values);
done:
    for (int k = 0; k < 4; k++) {
        Py_XDECREF(values[k]);
    }
    return made;
}

PyDoc_STRVAR(place_doc,
             "place(roles, make, closed, column, found, first, items, /)\n--\n\n"
             "rows._figures_python: a row's label items and its figures placed in their "
             "columns, in one pass over its items (``roles`` is (DOLLAR, CLOSER, FIGURE, "
             "YEAR); ``make`` the placed record; ``closed`` and ``column`` called back).");

/* rows._figures_python over a row's Items (cell, role, figure, text, col, end): the
   closers read back in Python (``closed``), a cell placement's column looked up in
   ``found`` and asked of ``column`` (``_Slots.column``) once. */
static PyObject *
place(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7 || !PyTuple_Check(args[0]) || PyTuple_GET_SIZE(args[0]) != 4 ||
        !PyType_Check(args[1]) || !PyType_IsSubtype((PyTypeObject *)args[1], &PyTuple_Type) ||
        !PyDict_Check(args[4]) || !PyTuple_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError, "place() takes 4 roles, a tuple type, two functions, "
                                         "a dict, an int and a tuple of items");
        return NULL;
    }
    PyObject *dollar_role = PyTuple_GET_ITEM(args[0], 0);
    PyObject *closer_role = PyTuple_GET_ITEM(args[0], 1);
    PyObject *figure_role = PyTuple_GET_ITEM(args[0], 2);
    PyObject *year_role = PyTuple_GET_ITEM(args[0], 3);
    PyTypeObject *make = (PyTypeObject *)args[1];
    PyObject *closed = args[2], *column = args[3], *found = args[4], *items = args[6];
    Py_ssize_t first = PyLong_AsSsize_t(args[5]);
    if (first == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *label = PyList_New(0), *placed = PyList_New(0), *taken = PySet_New(NULL);
    PyObject *result = NULL;
    if (label == NULL || placed == NULL || taken == NULL) {
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
                PyObject *joined = PyObject_CallFunctionObjArgs(closed, last, item, NULL);
                if (joined == NULL) {
                    goto done;
                }
                if (joined != Py_None) {
                    Py_INCREF(joined); /* the list's reference; the call's goes below */
                    if (PyList_SetItem(placed, count - 1, joined) < 0) {
                        Py_DECREF(joined);
                        goto done;
                    }
                }
                Py_DECREF(joined);
                continue;
            }
        }
        PyObject *figure = PyTuple_GET_ITEM(item, 2);
        if ((role == figure_role || role == year_role) && figure != Py_None) {
            PyObject *key = PyTuple_Pack(2, PyTuple_GET_ITEM(item, 4), PyTuple_GET_ITEM(item, 5));
            if (key == NULL) {
                goto done;
            }
            PyObject *j = PyDict_GetItemWithError(found, key); /* borrowed */
            if (j != NULL) {
                Py_INCREF(j);
            }
            else if (PyErr_Occurred()) {
                Py_DECREF(key);
                goto done;
            }
            else {
                j = PyObject_CallOneArg(column, item);
                if (j == NULL || PyDict_SetItem(found, key, j) < 0) {
                    Py_XDECREF(j);
                    Py_DECREF(key);
                    goto done;
                }
            }
            Py_DECREF(key);
            if (j != Py_None) {
                int seen = PySet_Contains(taken, j);
                if (seen < 0 || (!seen && PySet_Add(taken, j) < 0)) {
                    Py_DECREF(j);
                    goto done;
                }
                if (!seen) {
                    PyObject *made = make->tp_alloc(make, 7);
                    if (made == NULL) {
                        Py_DECREF(j);
                        goto done;
                    }
                    PyObject *fields[7] = {j,
                                           item,
                                           PyTuple_GET_ITEM(item, 3),
                                           figure,
                                           dollar ? Py_True : Py_False,
                                           Py_False,
                                           Py_False};
                    for (int k = 0; k < 7; k++) {
                        Py_INCREF(fields[k]);
                        PyTuple_SET_ITEM(made, k, fields[k]);
                    }
                    int r = PyList_Append(placed, made);
                    Py_DECREF(made);
                    if (r < 0) {
                        Py_DECREF(j);
                        goto done;
                    }
                }
            }
            Py_DECREF(j);
        }
        dollar = 0;
    }
    result = PyTuple_Pack(2, label, placed);
done:
    Py_XDECREF(label);
    Py_XDECREF(placed);
    Py_XDECREF(taken);
    return result;
}

PyDoc_STRVAR(figure_drafts_doc,
             "figure_drafts(make, fields, flagged, slow, where, placed, /)\n--\n\n"
             "rows._figure of each placed figure of a row, as a tuple: a figure whose cell "
             "has inline XBRL read by ``slow`` (rows._figure), marks folded in by "
             "``flagged``, the span found by ``where._run`` or else ``where.span``, each "
             "draft made as quick_init makes it (each of ``fields``, its slots, set).");

/* rows._figure over a row's placed figures (column, item, raw, figure, dollar, split,
   mark), item (cell, ...), cell a GridCell (text 3, marks 4, ix 10). */
static PyObject *
figure_drafts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6 || !PyType_Check(args[0]) || !PyTuple_Check(args[1]) ||
        PyTuple_GET_SIZE(args[1]) != 5 || !PyList_Check(args[5])) {
        PyErr_SetString(PyExc_TypeError, "figure_drafts() takes a type, its 5 slots, two "
                                         "functions, a Locator and a list of placed figures");
        return NULL;
    }
    PyTypeObject *make = (PyTypeObject *)args[0];
    PyObject *fields = args[1], *flagged = args[2], *slow = args[3], *where = args[4];
    /* held as a tuple: the calls back into Python below cannot change what is read */
    PyObject *placed = PyList_AsTuple(args[5]);
    if (placed == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(placed);
    PyObject *run = NULL, *span = NULL, *on_last_line = NULL, *out = NULL;
    run = PyObject_GetAttrString(where, "_run");
    span = PyObject_GetAttrString(where, "span");
    on_last_line = Py_BuildValue("{s:O}", "on_last_line", Py_True);
    out = PyTuple_New(n);
    if (run == NULL || span == NULL || on_last_line == NULL || out == NULL) {
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *f = PyTuple_GET_ITEM(placed, i), *item, *cell, *made;
        if (!PyTuple_Check(f) || PyTuple_GET_SIZE(f) != 7 ||
            !PyTuple_Check(item = PyTuple_GET_ITEM(f, 1)) || PyTuple_GET_SIZE(item) < 1 ||
            !PyTuple_Check(cell = PyTuple_GET_ITEM(item, 0)) || PyTuple_GET_SIZE(cell) < 11 ||
            !PyTuple_Check(PyTuple_GET_ITEM(cell, 3)) ||
            PyTuple_GET_SIZE(PyTuple_GET_ITEM(cell, 3)) != 2) {
            PyErr_SetString(PyExc_TypeError, "a placed figure is (column, item, raw, figure, "
                                             "dollar, split, mark) of a GridCell's item");
            goto fail;
        }
        if (PyTuple_GET_ITEM(cell, 10) != Py_None) { /* inline XBRL: read in Python */
            made = PyObject_CallFunctionObjArgs(slow, f, where, NULL);
            if (made == NULL) {
                goto fail;
            }
            PyTuple_SET_ITEM(out, i, made);
            continue;
        }
        PyObject *dollar = PyTuple_GET_ITEM(f, 4), *split = PyTuple_GET_ITEM(f, 5);
        int marked = PyObject_IsTrue(PyTuple_GET_ITEM(cell, 4));
        if (marked == 0) {
            marked = PyObject_IsTrue(PyTuple_GET_ITEM(f, 6));
        }
        int dollared = PyObject_IsTrue(dollar), splitted = PyObject_IsTrue(split);
        if (marked < 0 || dollared < 0 || splitted < 0) {
            goto fail;
        }
        PyObject *figure = PyTuple_GET_ITEM(f, 3);
        if (dollared || splitted || marked) {
            figure = PyObject_CallFunctionObjArgs(flagged, figure, dollar, split,
                                                  marked ? Py_True : Py_False, NULL);
            if (figure == NULL) {
                goto fail;
            }
        }
        else {
            Py_INCREF(figure);
        }
        PyObject *text = PyTuple_GET_ITEM(cell, 3), *pieces = T_PIECES(text);
        PyObject *where_span = NULL;
        if (PyTuple_Check(pieces) && PyTuple_GET_SIZE(pieces) == 1) {
            PyObject *pair[2] = {T_VALUE(text), pieces};
            where_span = PyObject_Vectorcall(run, pair, 2, NULL);
            if (where_span == Py_None) {
                Py_CLEAR(where_span);
            }
            else if (where_span == NULL) {
                Py_DECREF(figure);
                goto fail;
            }
        }
        if (where_span == NULL) {
            PyObject *call = PyTuple_Pack(1, text);
            where_span = call ? PyObject_Call(span, call, on_last_line) : NULL;
            Py_XDECREF(call);
            if (where_span == NULL) {
                Py_DECREF(figure);
                goto fail;
            }
        }
        PyObject *values[5] = {PyTuple_GET_ITEM(f, 0), PyTuple_GET_ITEM(f, 2), figure,
                               where_span, Py_None};
        made = made_span(make, fields, values);
        Py_DECREF(figure);
        Py_DECREF(where_span);
        if (made == NULL) {
            goto fail;
        }
        PyTuple_SET_ITEM(out, i, made);
    }
    Py_DECREF(placed);
    Py_DECREF(run);
    Py_DECREF(span);
    Py_DECREF(on_last_line);
    return out;
fail:
    Py_DECREF(placed);
    Py_XDECREF(run);
    Py_XDECREF(span);
    Py_XDECREF(on_last_line);
    Py_XDECREF(out);
    return NULL;
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
    {"figure_drafts", (PyCFunction)(void (*)(void))figure_drafts, METH_FASTCALL,
     figure_drafts_doc},
    {"place", (PyCFunction)(void (*)(void))place, METH_FASTCALL, place_doc},
    {"run_span", (PyCFunction)(void (*)(void))run_span, METH_FASTCALL, run_span_doc},
    {"run_spans", (PyCFunction)(void (*)(void))run_spans, METH_FASTCALL, run_spans_doc},
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
    struct {
        PyObject **name;
        const char *text;
    } names[] = {
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
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        *names[i].name = PyUnicode_InternFromString(names[i].text);
        if (*names[i].name == NULL) {
            return NULL;
        }
    }
    return PyModule_Create(&module_def);
}
