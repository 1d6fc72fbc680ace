/* The positioned tree of parse.py in C: the same Node and Text records, in one pass.
 *
 * parse.py's pure-Python `_tree_python` (its `node` and `skip` walk over lxml's elements,
 * each text node matched to its run of the file by scan.py's `Runs.match` and decoded by
 * `decode`) is the specification; this module does the same walk over the libxml2 tree
 * that lxml holds, without a Python call per element, and is used when it imports.
 *
 * lxml is read through its public C API (`etree_api.h`, shipped in lxml's wheel and found
 * with `lxml.get_include()` at build time): the element's libxml2 node from the
 * `LxmlElement` struct, `textOf` and `tailOf` for an element's `.text` and `.tail`,
 * `attributeValueFromNsName` for `.get(name)`, `namespacedName` for `.tag`, and
 * `elementFactory` for the proxy of an element whose attributes are read later.  The
 * module refuses to import under another lxml version than the one it was built against
 * (parse.py then runs its Python walk).
 *
 * What the Python walk does for a node lxml's HTML parser never makes here (a comment or
 * processing instruction, both removed by the parser's options; an entity reference; a
 * namespaced element) is not repeated: `tree` returns NotImplemented and parse.py walks
 * that document in Python.  Entities are decoded by the same Python function as
 * `decode` (scan.py's `_unescape`), called per entity.
 *
 * `parse` gives the walk libxml2's tree of the text itself (not of parse.py's marked
 * copy), and, given the scan's runs of text, builds that tree from the scan's tokens with
 * libxml2's own tree functions (`build`), leaving to libxml2's parser only a document the
 * builder declines.
 *
 * Given grid.py's GRIDS, the walk of `parse`'s documents also reads each table that holds
 * no table into grid.py's Grid as it reaches it, from libxml2's nodes (`fast_table`
 * below: no Node or Text record for what lies inside it but each cell's run of words),
 * with grid.py's build_grid of the table's Nodes as the specification
 * (tests/test_html_grids_compiled.py); anything it does not read so is walked as before.
 *
 * Memory: every array is grown with PyMem_Realloc and freed on every path; the children
 * of the nodes being built wait on one stack of new references, released on error.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <dlfcn.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "lxml-version.h"
#include "etree_api.h"
#include "_lxml_guard.h"
#include "_record.h"
#include "_text_pieces.h"
#include "_cells.h"
#include "_interned.h"

static const char ATTR[] = "data-tieout-at";
#define MAX_TEXT 1000000 /* limits.MAX_TEXT (the module's MAX_TEXT; a test holds them equal) */
static const char *const SKIP[] = {
    "head", "script", "style", "noscript", "template", "title", "meta", "link", NULL};

static PyTypeObject *element_type;  /* lxml.etree._Element */
/* the psvi of a document `parse` made: its elements carry their ordinals (see there) */
static const char positioned_mark = 0;
#define POSITIONED ((void *)&positioned_mark)

#define STYLES_SEEN 256 /* a power of two */

/* ---- growable arrays ---------------------------------------------------------------- */

typedef struct {
    void *items;
    Py_ssize_t size;
    Py_ssize_t capacity;
} Array;

static int
array_reserve(Array *a, Py_ssize_t more, size_t width)
{
    if (a->size + more <= a->capacity) {
        return 0;
    }
    Py_ssize_t capacity = a->capacity ? a->capacity : 64;
    while (capacity < a->size + more) {
        if (capacity > PY_SSIZE_T_MAX / 2) {
            PyErr_NoMemory();
            return -1;
        }
        capacity *= 2;
    }
    if ((size_t)capacity > PY_SSIZE_T_MAX / width) {
        PyErr_NoMemory();
        return -1;
    }
    void *items = PyMem_Realloc(a->items, (size_t)capacity * width);
    if (items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    a->items = items;
    a->capacity = capacity;
    return 0;
}

static void
array_free(Array *a)
{
    PyMem_Free(a->items);
    a->items = NULL;
    a->size = a->capacity = 0;
}

#define CHARS(a) ((Py_UCS4 *)(a)->items)
#define SIZES(a) ((Py_ssize_t *)(a)->items)

/* A decoded string with its pieces (index, offset), as scan.py's Text holds them. */
typedef struct {
    Array chars;  /* Py_UCS4 */
    Array pieces; /* Py_ssize_t pairs */
} Positioned;

static void
positioned_clear(Positioned *p)
{
    p->chars.size = 0;
    p->pieces.size = 0;
}

static void
positioned_free(Positioned *p)
{
    array_free(&p->chars);
    array_free(&p->pieces);
}

static int
push_piece(Positioned *p, Py_ssize_t index, Py_ssize_t offset)
{
    if (array_reserve(&p->pieces, 2, sizeof(Py_ssize_t)) < 0) {
        return -1;
    }
    SIZES(&p->pieces)[p->pieces.size++] = index;
    SIZES(&p->pieces)[p->pieces.size++] = offset;
    return 0;
}

static int
push_chars(Positioned *p, PyObject *s, Py_ssize_t from, Py_ssize_t to)
{
    if (array_reserve(&p->chars, to - from, sizeof(Py_UCS4)) < 0) {
        return -1;
    }
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_UCS4 *out = CHARS(&p->chars) + p->chars.size;
    for (Py_ssize_t i = from; i < to; i++) {
        *out++ = PyUnicode_READ(kind, data, i);
    }
    p->chars.size += to - from;
    return 0;
}

/* ---- the walk ----------------------------------------------------------------------- */

typedef struct {
    /* the document and its scan */
    PyObject *text;
    int kind;
    const void *data;
    Py_ssize_t n;
    Array run_starts, run_ends, tag_starts, tag_ends; /* Py_ssize_t */
    Py_ssize_t count;                     /* start tags */
    struct LxmlDocument *doc;
    /* what parse.py hands over */
    PyTypeObject *node_type, *text_type;
    PyObject *look, *plain, *unescape;
    /* state */
    Py_ssize_t cursor;     /* parse.py's cursor: the end of the last start tag read */
    Py_ssize_t run_cursor; /* Runs._cursor: the first run not yet matched */
    Py_ssize_t tables;
    int bail; /* a node the Python walk must read: give the document back */
    Py_ssize_t pre; /* <pre> elements open around the node being read */
    PyObject *styles;  /* style -> (look, flags) */
    /* the last look read of each style value by its address (the values of `parse`'s
     * documents are the dictionary's, one address per distinct value; two addresses of
     * one value are two entries): no str made and hashed per element. The look is held
     * by `styles`; the walk changes no value (an element kept only gains nodes). */
    struct {
        const xmlChar *raw;
        PyObject *look;
        int flags;
    } seen[STYLES_SEEN];
    PyObject *minus_one;
    Array stack;   /* PyObject *: children of the nodes being built (NULL: no text) */
    Array pending; /* Pending: blank texts of rows elements held back */
    struct {
        const xmlChar *name;
        PyObject *tag;
    } names[64];
    int named;
    /* grid.py's build_grid, done here for the tables of figures (when grids is set) */
    int grids;
    PyTypeObject *row_type, *cell_type;
    PyObject *row_fields; /* GridRow's slots, in the order of its fields */
    PyObject *grid_type, *cell_of, *unreadable, *rule_none, *rule_single, *rule_double,
        *empty_text, *empty_str, *block_tags, *no_name;
    Py_ssize_t max_colspan, max_rowspan, max_slots, max_text;
    struct LookInfo *looks; /* what the grids read of each Look, by its address (LOOKS) */
    PyObject *zero;         /* 0.0 */
    /* scratch */
    Array target; /* Py_UCS4: the parsed text without whitespace */
    Positioned first, piece, built;
} Walk;

enum { HIDDEN = 1, DISPLAY = 2, TABLE = 4, BOLD_SET = 8, BOLD_ON = 16 };

/* Text(value, ((0, offset),)) */
static PyObject *
text_at(Walk *w, PyObject *value, Py_ssize_t offset)
{
    PyObject *pieces = one_piece(offset);
    if (pieces == NULL) {
        return NULL;
    }
    Py_INCREF(value);
    PyObject *items[2] = {value, pieces};
    return record(w->text_type, items, 2);
}

/* Text of a Positioned, a record of `type` (text.py's Text) */
static PyObject *
text_record(PyTypeObject *type, const Positioned *p)
{
    PyObject *value = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, p->chars.items,
                                                p->chars.size);
    if (value == NULL) {
        return NULL;
    }
    Py_ssize_t count = p->pieces.size / 2;
    PyObject *pieces = PyTuple_New(count);
    if (pieces == NULL) {
        Py_DECREF(value);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *pair = piece_pair(SIZES(&p->pieces)[2 * i], SIZES(&p->pieces)[2 * i + 1]);
        if (pair == NULL) {
            Py_DECREF(value);
            Py_DECREF(pieces);
            return NULL;
        }
        PyTuple_SET_ITEM(pieces, i, pair);
    }
    PyObject *items[2] = {value, pieces};
    return record(type, items, 2);
}

/* Text of a Positioned */
static PyObject *
text_of(Walk *w, const Positioned *p)
{
    return text_record(w->text_type, p);
}

/* ---- scan.py: decode, squash, Runs.match -------------------------------------------- */

#define TEXT_AT(w, i) PyUnicode_READ((w)->kind, (w)->data, (i))

static inline int
ascii_digit(Py_UCS4 c)
{
    return c >= '0' && c <= '9';
}

static inline int
ascii_hex(Py_UCS4 c)
{
    return ascii_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static inline int
ascii_letter(Py_UCS4 c)
{
    return c < 128 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* scan.py's _ENTITY at a ("&"), within end: one past the match, or -1 */
static Py_ssize_t
entity(Walk *w, Py_ssize_t a, Py_ssize_t end)
{
    Py_ssize_t p = a + 1;
    if (p >= end) {
        return -1;
    }
    Py_UCS4 c = TEXT_AT(w, p);
    Py_ssize_t q;
    if (c == '#') {
        q = p + 1;
        while (q < end && q < p + 11 && ascii_digit(TEXT_AT(w, q))) {
            q++;
        }
        if (q == p + 1) { /* #[xX][0-9a-fA-F]{1,8} */
            if (p + 1 >= end || (TEXT_AT(w, p + 1) | 0x20) != 'x') {
                return -1;
            }
            q = p + 2;
            while (q < end && q < p + 10 && ascii_hex(TEXT_AT(w, q))) {
                q++;
            }
            if (q == p + 2) {
                return -1;
            }
        }
    }
    else if (ascii_letter(c)) {
        q = p + 1;
        while (q < end && q < p + 32 && TEXT_AT(w, q) < 128 &&
               (ascii_letter(TEXT_AT(w, q)) || ascii_digit(TEXT_AT(w, q)))) {
            q++;
        }
    }
    else {
        return -1;
    }
    if (q < end && TEXT_AT(w, q) == ';') {
        q++;
    }
    return q;
}

/* decode's new piece where the decoded text stops advancing one to one with the file */
static int
piece_if_moved(Positioned *p, Py_ssize_t size, Py_ssize_t at)
{
    Py_ssize_t m = p->pieces.size;
    if (m == 0 || SIZES(&p->pieces)[m - 1] + size - SIZES(&p->pieces)[m - 2] != at) {
        return push_piece(p, size, at);
    }
    return 0;
}

/* scan.py's decode(text, start, end) into out */
static int
decode(Walk *w, Py_ssize_t start, Py_ssize_t end, Positioned *out)
{
    positioned_clear(out);
    Py_ssize_t amp = PyUnicode_FindChar(w->text, '&', start, end, 1);
    if (amp == -2) {
        return -1;
    }
    if (amp < 0) {
        if (end > start) {
            if (push_piece(out, 0, start) < 0 || push_chars(out, w->text, start, end) < 0) {
                return -1;
            }
        }
        return 0;
    }
    Py_ssize_t pos = start;
    Py_ssize_t at = amp;
    while (at >= 0 && at < end) {
        Py_ssize_t stop = entity(w, at, end);
        if (stop < 0) {
            at = PyUnicode_FindChar(w->text, '&', at + 1, end, 1);
            if (at == -2) {
                return -1;
            }
            continue;
        }
        if (at > pos) {
            if (piece_if_moved(out, out->chars.size, pos) < 0 ||
                push_chars(out, w->text, pos, at) < 0) {
                return -1;
            }
        }
        PyObject *name = PyUnicode_Substring(w->text, at, stop);
        if (name == NULL) {
            return -1;
        }
        PyObject *value = PyObject_CallOneArg(w->unescape, name);
        Py_DECREF(name);
        if (value == NULL) {
            return -1;
        }
        if (!PyUnicode_Check(value)) {
            Py_DECREF(value);
            PyErr_SetString(PyExc_TypeError, "unescape() must return a str");
            return -1;
        }
        Py_ssize_t size = PyUnicode_GET_LENGTH(value);
        if (size > 0) {
            if (piece_if_moved(out, out->chars.size, at) < 0 ||
                push_chars(out, value, 0, size) < 0) {
                Py_DECREF(value);
                return -1;
            }
        }
        Py_DECREF(value);
        pos = stop;
        at = stop < end ? PyUnicode_FindChar(w->text, '&', stop, end, 1) : -1;
        if (at == -2) {
            return -1;
        }
    }
    if (end > pos) {
        if (piece_if_moved(out, out->chars.size, pos) < 0 ||
            push_chars(out, w->text, pos, end) < 0) {
            return -1;
        }
    }
    return 0;
}

/* chars without whitespace match target[from:] for as far as they go: the new position, or
 * -1 when they differ or run past the target */
static Py_ssize_t
squashed_prefix(const Walk *w, const Positioned *p, Py_ssize_t from)
{
    const Py_UCS4 *target = CHARS(&w->target);
    Py_ssize_t size = w->target.size;
    const Py_UCS4 *chars = CHARS(&p->chars);
    Py_ssize_t q = from;
    for (Py_ssize_t i = 0; i < p->chars.size; i++) {
        Py_UCS4 c = chars[i];
        if (Py_UNICODE_ISSPACE(c)) {
            continue;
        }
        if (q >= size || target[q] != c) {
            return -1;
        }
        q++;
    }
    return q;
}

/* TextBuilder._piece */
static int
builder_piece(Positioned *b, Py_ssize_t index, Py_ssize_t offset)
{
    Py_ssize_t m = b->pieces.size;
    if (m && piece_absorbed(SIZES(&b->pieces) + m - 2, index, offset)) {
        return 0;
    }
    return push_piece(b, index, offset);
}

/* TextBuilder.extend */
static int
builder_extend(Positioned *b, const Positioned *p)
{
    if (p->chars.size == 0) {
        return 0;
    }
    Py_ssize_t base = b->chars.size;
    if (p->pieces.size == 0) {
        if (builder_piece(b, base, -1) < 0) {
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < p->pieces.size; i += 2) {
        if (builder_piece(b, base + SIZES(&p->pieces)[i], SIZES(&p->pieces)[i + 1]) < 0) {
            return -1;
        }
    }
    if (array_reserve(&b->chars, p->chars.size, sizeof(Py_UCS4)) < 0) {
        return -1;
    }
    memcpy(CHARS(&b->chars) + base, p->chars.items, (size_t)p->chars.size * sizeof(Py_UCS4));
    b->chars.size = base + p->chars.size;
    return 0;
}

/* Runs._collect: *out the text of runs k.. joined, or NULL when they do not make the target */
static int
collect(Walk *w, Py_ssize_t k, PyObject **out)
{
    Positioned *b = &w->built;
    positioned_clear(b);
    Py_ssize_t done = 0;
    Py_ssize_t runs = w->run_starts.size;
    for (Py_ssize_t j = k; j < runs && j < k + 4; j++) {
        if (decode(w, SIZES(&w->run_starts)[j], SIZES(&w->run_ends)[j], &w->piece) < 0) {
            return -1;
        }
        Py_ssize_t next = squashed_prefix(w, &w->piece, done);
        if (next < 0) {
            return 0;
        }
        if (builder_extend(b, &w->piece) < 0) {
            return -1;
        }
        done = next;
        if (done == w->target.size) {
            w->run_cursor = j + 1;
            *out = text_of(w, b);
            return *out == NULL ? -1 : 0;
        }
    }
    return 0;
}

static int
all_space(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            return 0;
        }
    }
    return n > 0;
}

/* value.strip(" \t\n\r\f") is not empty */
static int
not_blank(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
            return 1;
        }
    }
    return 0;
}

/* Runs.match(parsed, at): *out the positioned text, or NULL when no run matches */
static int
match(Walk *w, PyObject *parsed, Py_ssize_t at, PyObject **out)
{
    *out = NULL;
    if (all_space(parsed)) {
        return 0;
    }
    const Py_ssize_t *starts = SIZES(&w->run_starts);
    Py_ssize_t runs = w->run_starts.size;
    Py_ssize_t lo = 0, hi = runs; /* bisect_left */
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (starts[mid] < at) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    Py_ssize_t i = lo > w->run_cursor ? lo : w->run_cursor;
    if (i >= runs) {
        return 0;
    }
    Py_ssize_t start = starts[i], end = SIZES(&w->run_ends)[i];
    Py_ssize_t size = PyUnicode_GET_LENGTH(parsed);
    if (end - start == size) {
        Py_ssize_t amp = PyUnicode_FindChar(parsed, '&', 0, size, 1);
        if (amp == -2) {
            return -1;
        }
        if (amp == -1) {
            Py_ssize_t same = PyUnicode_Tailmatch(w->text, parsed, start, PY_SSIZE_T_MAX, -1);
            if (same < 0) {
                return -1;
            }
            if (same) {
                w->run_cursor = i + 1;
                *out = text_at(w, parsed, start);
                return *out == NULL ? -1 : 0;
            }
        }
    }
    /* the target: parsed without whitespace */
    w->target.size = 0;
    if (array_reserve(&w->target, size, sizeof(Py_UCS4)) < 0) {
        return -1;
    }
    int kind = PyUnicode_KIND(parsed);
    const void *data = PyUnicode_DATA(parsed);
    for (Py_ssize_t j = 0; j < size; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (!Py_UNICODE_ISSPACE(c)) {
            CHARS(&w->target)[w->target.size++] = c;
        }
    }
    if (decode(w, start, end, &w->first) < 0) {
        return -1;
    }
    if (squashed_prefix(w, &w->first, 0) == w->target.size) {
        w->run_cursor = i + 1;
        *out = text_of(w, &w->first);
        return *out == NULL ? -1 : 0;
    }
    for (Py_ssize_t k = i; k < runs && k < i + 6; k++) {
        if (collect(w, k, out) < 0) {
            return -1;
        }
        if (*out != NULL) {
            return 0;
        }
    }
    return 0;
}

/* ---- parse.py: ordinal, skip, node -------------------------------------------------- */

/* Where an attribute's value is, read as xmlGetNsProp (under lxml's `.get(name)`) reads
 * it: ABSENT, SIMPLE (its one text node's content in *raw, which lxml decodes as it is) or
 * COMPLEX (anything else: read through lxml).  An attribute not on the element is absent
 * unless the document declares attributes in a DTD (xmlGetNsProp then looks for a
 * default there; libxml2's HTML parser never reads such declarations). */
static int
attribute(xmlNode *el, const char *name, const xmlChar **raw)
{
    const xmlChar *entries = diverted(el);
    if (entries != NULL) {
        /* (made back as attribute nodes or not, the kept values are these) */
        xmlChar code = strcmp(name, "style") == 0     ? 's'
                       : strcmp(name, "colspan") == 0 ? 'c'
                       : strcmp(name, "rowspan") == 0 ? 'r'
                                                      : 0;
        const xmlChar *value = code ? diverted_value(entries, code) : NULL;
        if (value != NULL) {
            *raw = value;
            return SIMPLE;
        }
    }
    for (xmlAttr *a = el->properties; a != NULL; a = a->next) {
        if (a->ns != NULL || a->name[0] != (xmlChar)name[0] ||
            strcmp((const char *)a->name, name) != 0) {
            continue;
        }
        xmlNode *value = a->children;
        if (value == NULL || value->next != NULL ||
            (value->type != XML_TEXT_NODE && value->type != XML_CDATA_SECTION_NODE) ||
            value->content == NULL) {
            return COMPLEX;
        }
        *raw = value->content;
        return SIMPLE;
    }
    xmlDoc *doc = el->doc;
    if (doc != NULL && ((doc->intSubset != NULL && doc->intSubset->attributes != NULL) ||
                        (doc->extSubset != NULL && doc->extSubset->attributes != NULL))) {
        return COMPLEX;
    }
    return ABSENT;
}

/* parse.py's _spanned: el.get("colspan") is not None or el.get("rowspan") is not None,
 * in one pass over the attributes (the first of each name decides, as xmlGetNsProp
 * finds it; one whose value is not a lone text, or a document declaring attributes in a
 * DTD, is asked of lxml): 1 or 0, -1 on error */
static int
spanned(xmlNode *el)
{
    static const char *const names[2] = {"colspan", "rowspan"};
    int state[2] = {ABSENT, ABSENT};
    const xmlChar *entries = diverted(el);
    if (entries != NULL &&
        (diverted_value(entries, 'c') != NULL || diverted_value(entries, 'r') != NULL)) {
        return 1;
    }
    for (xmlAttr *a = el->properties; a != NULL; a = a->next) {
        if (a->ns == NULL) {
            for (int i = 0; i < 2; i++) {
                if (state[i] == ABSENT && a->name[0] == (xmlChar)names[i][0] &&
                    strcmp((const char *)a->name, names[i]) == 0) {
                    xmlNode *value = a->children;
                    if (value != NULL && value->next == NULL &&
                        (value->type == XML_TEXT_NODE ||
                         value->type == XML_CDATA_SECTION_NODE) &&
                        value->content != NULL) {
                        return 1;
                    }
                    state[i] = COMPLEX;
                }
            }
        }
    }
    xmlDoc *doc = el->doc;
    if (doc != NULL && ((doc->intSubset != NULL && doc->intSubset->attributes != NULL) ||
                        (doc->extSubset != NULL && doc->extSubset->attributes != NULL))) {
        state[0] = state[1] = COMPLEX;
    }
    for (int i = 0; i < 2; i++) {
        if (state[i] == COMPLEX) {
            PyObject *value = attributeValueFromNsName(el, NULL, (const xmlChar *)names[i]);
            if (value == NULL) {
                return -1;
            }
            int present = value != Py_None;
            Py_DECREF(value);
            if (present) {
                return 1;
            }
        }
    }
    return 0;
}

/* libxml2's xmlNewProp, from lxml's module (`find_libxml2`), or NULL */
static xmlAttrPtr (*new_prop)(xmlNodePtr, const xmlChar *, const xmlChar *);

/* the proxy of an element whose attributes lxml is asked for: any `parse` kept off it
 * (_cells.h's `diverted`) made back first, in their order, as the parser makes them */
static PyObject *
kept_element(Walk *w, xmlNode *el)
{
    const xmlChar *entries = diverted(el);
    if (entries != NULL && el->properties == NULL) {
        for (; *entries; entries += 1 + KEPT_DIGITS) {
            const char *name = *entries == 's'   ? "style"
                               : *entries == 'c' ? "colspan"
                                                 : "rowspan";
            if (new_prop == NULL ||
                new_prop(el, (const xmlChar *)name, diverted_entry(entries + 1)) == NULL) {
                PyErr_NoMemory();
                return NULL;
            }
        }
    }
    return (PyObject *)elementFactory(w->doc, el);
}

/* the ordinal of an element's start tag (its ATTR, when below the count of tags), -1 when
 * none; -2 on error */
static Py_ssize_t
ordinal(Walk *w, xmlNode *el)
{
    if (el->doc != NULL && el->doc->psvi == POSITIONED) {
        /* parsed by `parse` below: the ordinal (plus one) is in the element itself */
        Py_ssize_t k = (Py_ssize_t)(intptr_t)el->psvi - 1;
        return k < w->count ? k : -1;
    }
    const xmlChar *raw = NULL;
    int where = attribute(el, ATTR, &raw);
    if (where == ABSENT) {
        return -1;
    }
    if (where == SIMPLE) {
        const unsigned char *c = raw;
        if (*c == 0) {
            return -1;
        }
        Py_ssize_t k = 0;
        int big = 0;
        for (; *c; c++) {
            if (*c >= 0x80) {
                goto slow; /* a digit of another script, perhaps: as Python reads it */
            }
            if (!ascii_digit(*c)) {
                return -1;
            }
            if (!big) {
                k = k * 10 + (*c - '0');
                big = k >= w->count;
            }
        }
        return big ? -1 : k;
    }
slow:;
    /* value = el.get(ATTR); int(value) if value and value.isdigit() and it is < count */
    PyObject *value = attributeValueFromNsName(el, NULL, (const xmlChar *)ATTR);
    if (value == NULL) {
        return -2;
    }
    Py_ssize_t result = -1;
    if (value != Py_None && PyUnicode_GET_LENGTH(value) > 0) {
        PyObject *digits = PyObject_CallMethod(value, "isdigit", NULL);
        if (digits == NULL) {
            Py_DECREF(value);
            return -2;
        }
        int yes = PyObject_IsTrue(digits);
        Py_DECREF(digits);
        if (yes) {
            PyObject *number = PyNumber_Long(value);
            if (number == NULL) {
                Py_DECREF(value);
                return -2;
            }
            int overflow = 0;
            long long k = PyLong_AsLongLongAndOverflow(number, &overflow);
            Py_DECREF(number);
            if (k == -1 && PyErr_Occurred()) {
                Py_DECREF(value);
                return -2;
            }
            if (!overflow && k >= 0 && k < w->count) {
                result = (Py_ssize_t)k;
            }
        }
    }
    Py_DECREF(value);
    return result;
}

/* a node the Python walk visits as lxml hands it out, which this walk does not repeat */
static int
foreign(xmlNode *c)
{
    return c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE ||
           c->type == XML_ENTITY_REF_NODE || c->type == XML_XINCLUDE_START ||
           c->type == XML_XINCLUDE_END || (c->type == XML_ELEMENT_NODE && c->ns != NULL);
}

/* skip(): the largest ordinal in a subtree (-1 when none, -2 on error) */
static Py_ssize_t
last_ordinal(Walk *w, xmlNode *el)
{
    Py_ssize_t last = ordinal(w, el);
    if (last == -2) {
        return -2;
    }
    /* iterative, preorder: no depth limit to trip over */
    xmlNode *c = el->children;
    while (c != NULL && c != el) {
        if (foreign(c)) {
            w->bail = 1;
            return -1;
        }
        if (c->type == XML_ELEMENT_NODE) {
            Py_ssize_t k = ordinal(w, c);
            if (k == -2) {
                return -2;
            }
            if (k > last) {
                last = k;
            }
            if (c->children != NULL) {
                c = c->children;
                continue;
            }
        }
        while (c != el && c->next == NULL) {
            c = c->parent;
        }
        if (c != el) {
            c = c->next;
        }
    }
    return last;
}

static int
skip(Walk *w, xmlNode *el)
{
    Py_ssize_t last = last_ordinal(w, el);
    if (last == -2) {
        return -1;
    }
    if (last >= 0) {
        Py_ssize_t end = SIZES(&w->tag_ends)[last];
        if (end > w->cursor) {
            w->cursor = end;
        }
    }
    return 0;
}

static int
push(Walk *w, PyObject *item)
{
    if (array_reserve(&w->stack, 1, sizeof(PyObject *)) < 0) {
        Py_DECREF(item);
        return -1;
    }
    ((PyObject **)w->stack.items)[w->stack.size++] = item;
    return 0;
}

/* what a Look says of bold (its ``bold``: None inherits), as flags; -1 on error */
static int
bold_flags(PyObject *seen)
{
    PyObject *own = PyObject_GetAttrString(seen, "bold");
    if (own == NULL) {
        return -1;
    }
    int f = 0;
    if (own != Py_None) {
        int on = PyObject_IsTrue(own);
        f = on < 0 ? -1 : BOLD_SET | (on ? BOLD_ON : 0);
    }
    Py_DECREF(own);
    return f;
}

/* the bold of an element as blocks.py reads it: its look's, else its parent's or its tag's */
static int
bold_of(const xmlChar *name, int flags, int parent)
{
    if (flags & BOLD_SET) {
        return (flags & BOLD_ON) != 0;
    }
    return parent || strcmp((const char *)name, "b") == 0 ||
           strcmp((const char *)name, "strong") == 0;
}

static int style_known(Walk *w, PyObject *style, PyObject **look, int *flags);

/* the look of a style attribute and what parse.py asks of it, read once per string */
static int
style_of(Walk *w, xmlNode *el, PyObject **look, int *flags)
{
    const xmlChar *raw = NULL;
    PyObject *style;
    switch (attribute(el, "style", &raw)) {
    case ABSENT:
        style = Py_None;
        Py_INCREF(style);
        break;
    case SIMPLE: {
        size_t slot = ((uintptr_t)raw >> 3 ^ (uintptr_t)raw >> 11) & (STYLES_SEEN - 1);
        if (w->seen[slot].raw == raw) {
            *look = w->seen[slot].look;
            *flags = w->seen[slot].flags;
            return 0;
        }
        style = PyUnicode_DecodeUTF8((const char *)raw, (Py_ssize_t)strlen((const char *)raw),
                                     NULL);
        if (style == NULL || style_known(w, style, look, flags) < 0) {
            Py_XDECREF(style);
            return -1;
        }
        Py_DECREF(style);
        w->seen[slot].raw = raw;
        w->seen[slot].look = *look;
        w->seen[slot].flags = *flags;
        return 0;
    }
    default:
        style = attributeValueFromNsName(el, NULL, (const xmlChar *)"style");
    }
    if (style == NULL) {
        return -1;
    }
    int got = style_known(w, style, look, flags);
    Py_DECREF(style);
    return got;
}

/* style_of for the value `style` (a str or None; borrowed) */
static int
style_known(Walk *w, PyObject *style, PyObject **look, int *flags)
{
    Py_INCREF(style);
    if (style == Py_None || PyUnicode_GET_LENGTH(style) == 0) {
        Py_DECREF(style);
        *look = w->plain;
        style = Py_None;
        Py_INCREF(style);
    }
    PyObject *known = PyDict_GetItemWithError(w->styles, style);
    if (known != NULL) {
        Py_DECREF(style);
        *look = PyTuple_GET_ITEM(known, 0);
        *flags = (int)PyLong_AsLong(PyTuple_GET_ITEM(known, 1));
        return 0;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(style);
        return -1;
    }
    PyObject *seen;
    if (style == Py_None) {
        seen = w->plain;
        Py_INCREF(seen);
    }
    else {
        seen = PyObject_CallOneArg(w->look, style);
        if (seen == NULL) {
            Py_DECREF(style);
            return -1;
        }
    }
    int f = 0;
    PyObject *hidden = PyObject_GetAttrString(seen, "hidden");
    PyObject *display = hidden ? PyObject_GetAttrString(seen, "display") : NULL;
    int ok = display != NULL && (f = bold_flags(seen)) >= 0;
    if (ok) {
        int h = PyObject_IsTrue(hidden);
        int d = PyObject_IsTrue(display);
        ok = h >= 0 && d >= 0;
        f |= (h ? HIDDEN : 0) | (d ? DISPLAY : 0);
        if (ok && d && PyUnicode_Check(display) &&
            (PyUnicode_CompareWithASCIIString(display, "table") == 0 ||
             PyUnicode_CompareWithASCIIString(display, "inline-table") == 0)) {
            f |= TABLE;
        }
    }
    Py_XDECREF(hidden);
    Py_XDECREF(display);
    PyObject *entry = ok ? Py_BuildValue("(Oi)", seen, f) : NULL;
    Py_DECREF(seen);
    if (entry == NULL || PyDict_SetItem(w->styles, style, entry) < 0) {
        Py_XDECREF(entry);
        Py_DECREF(style);
        return -1;
    }
    Py_DECREF(style);
    Py_DECREF(entry); /* the dict holds it, and so the look */
    *look = PyTuple_GET_ITEM(entry, 0);
    *flags = f;
    return 0;
}

/* an element's tag as lxml names it (one str per distinct name of the document) */
static PyObject *
tag_of(Walk *w, xmlNode *el)
{
    for (int i = 0; i < w->named; i++) {
        if (w->names[i].name == el->name) {
            Py_INCREF(w->names[i].tag);
            return w->names[i].tag;
        }
    }
    PyObject *tag = namespacedName(el);
    if (tag != NULL && w->named < (int)(sizeof w->names / sizeof w->names[0])) {
        w->names[w->named].name = el->name;
        w->names[w->named].tag = tag;
        Py_INCREF(tag);
        w->named++;
    }
    return tag;
}

/* the Text of a text or tail of an element (value, not empty): matched to its run, or
 * where the parser read it (new reference) */
static PyObject *
make_text(Walk *w, PyObject *value, Py_ssize_t at)
{
    PyObject *found = NULL;
    if (not_blank(value) && match(w, value, at, &found) < 0) {
        return NULL;
    }
    return found != NULL ? found : text_at(w, value, at);
}

/* the text or tail of an element as a child: matched to its run, or where the parser read it */
static int
push_text(Walk *w, PyObject *value, Py_ssize_t at)
{
    if (value == Py_None || PyUnicode_GET_LENGTH(value) == 0) {
        Py_DECREF(value);
        return 0;
    }
    PyObject *found = make_text(w, value, at);
    Py_DECREF(value);
    if (found == NULL) {
        return -1;
    }
    return push(w, found);
}

static int
skipped(const xmlChar *name)
{
    if (!strchr("hnmlst", name[0])) {
        return 0; /* no name of SKIP starts so (the most of a release's elements) */
    }
    for (int i = 0; SKIP[i] != NULL; i++) {
        if (strcmp((const char *)name, SKIP[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* whether the element c is hidden: skipped by name, or its style hides it; *look and
 * *flags are what style_of reads (NULL and 0 for a skipped name). 1 hidden, 0 shown,
 * -1 error */
static int
hidden(Walk *w, xmlNode *c, PyObject **look, int *flags)
{
    *look = NULL;
    *flags = 0;
    if (skipped(c->name)) {
        return 1;
    }
    if (style_of(w, c, look, flags) < 0) {
        return -1;
    }
    return (*flags & HIDDEN) != 0;
}

/* parse.py's _ROWS and _ROW_PARTS */
static int
is_rows(const char *name)
{
    return strcmp(name, "tr") == 0 || strcmp(name, "table") == 0 ||
           strcmp(name, "tbody") == 0 || strcmp(name, "thead") == 0 ||
           strcmp(name, "tfoot") == 0;
}

static int
row_part(const char *name)
{
    return is_rows(name) || strcmp(name, "td") == 0 || strcmp(name, "th") == 0 ||
           strcmp(name, "caption") == 0;
}

/* the length of the run of text nodes from t (the text textOf or tailOf collects there)
 * when it is all whitespace (" \t\n\r\f", ASCII: bytes are characters), else -1 */
static Py_ssize_t
blank_run(const xmlNode *t)
{
    Py_ssize_t size = 0;
    for (; t != NULL && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE);
         t = t->next) {
        for (const xmlChar *s = t->content; s != NULL && *s; s++) {
            if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')) {
                return -1;
            }
            size++;
        }
    }
    return size;
}

/* a blank text of a rows element not made yet: the slot kept for it in the stack */
typedef struct {
    Py_ssize_t slot;
    xmlNode *node; /* the element (its text) or the child (its tail) */
    int tail;
    Py_ssize_t at;
} Pending;

/* the blank texts held back since `from` made after all, each in its slot (as push_text
 * makes a blank text: at its place; an empty one leaves its slot empty) */
static int
make_pending(Walk *w, Py_ssize_t from)
{
    Pending *pending = (Pending *)w->pending.items;
    PyObject **stack = (PyObject **)w->stack.items;
    for (Py_ssize_t i = from; i < w->pending.size; i++) {
        Pending *p = &pending[i];
        PyObject *value = p->tail ? tailOf(p->node) : textOf(p->node);
        if (value == NULL) {
            w->pending.size = from;
            return -1;
        }
        if (value != Py_None && PyUnicode_GET_LENGTH(value) > 0) {
            PyObject *made = text_at(w, value, p->at);
            if (made == NULL) {
                Py_DECREF(value);
                w->pending.size = from;
                return -1;
            }
            stack[p->slot] = made;
        }
        Py_DECREF(value);
    }
    w->pending.size = from;
    return 0;
}

/* a blank text held back in an empty slot of the stack, to be made only if its element
 * turns out not to lie between rows */
static int
hold_text(Walk *w, xmlNode *node, int tail, Py_ssize_t at)
{
    if (array_reserve(&w->pending, 1, sizeof(Pending)) < 0 ||
        array_reserve(&w->stack, 1, sizeof(PyObject *)) < 0) {
        return -1;
    }
    Pending *p = &((Pending *)w->pending.items)[w->pending.size++];
    p->slot = w->stack.size;
    p->node = node;
    p->tail = tail;
    p->at = at;
    ((PyObject **)w->stack.items)[w->stack.size++] = NULL;
    return 0;
}

static PyObject *fast_table(Walk *w, xmlNode *el, PyObject *tag, Py_ssize_t k, PyObject *seen,
                            int flags, int bold);

/* parse.py's node(): a new Node, or NULL on error or when bailing (no error set); bold is
 * the element's as blocks.py reads it (for the grids of its tables) */
static PyObject *
node(Walk *w, xmlNode *el, PyObject *tag, Py_ssize_t k, PyObject *seen, int flags, int bold)
{
    const char *cname = (const char *)el->name;
    if (w->grids && !w->pre && strcmp(cname, "table") == 0) {
        PyObject *made = fast_table(w, el, tag, k, seen, flags, bold);
        if (made != Py_None) {
            return made; /* the table with its grid, or NULL */
        }
        Py_DECREF(made);
    }
    if (Py_EnterRecursiveCall(" while building the HTML tree")) {
        return NULL;
    }
    /* parse.py's rows(): no texts for the whitespace between rows and cells, outside any
     * <pre>. Decided as the children are read (one pass over them): each blank text is
     * held back in an empty slot while every text so far is blank and every element
     * child a part of the rows, and made in its slot once one is not (_between_rows) */
    int quiet = !w->pre && is_rows(cname);
    Py_ssize_t quiet_size = 0;
    Py_ssize_t held = w->pending.size;
    int pre = strcmp(cname, "pre") == 0;
    Py_ssize_t before = w->tables;
    Py_ssize_t base = w->stack.size;
    PyObject *start;
    Py_ssize_t at;
    if (k >= 0) {
        start = PyLong_FromSsize_t(SIZES(&w->tag_starts)[k]);
        if (start == NULL) {
            Py_LeaveRecursiveCall();
            return NULL;
        }
        at = SIZES(&w->tag_ends)[k];
        if (at > w->cursor) {
            w->cursor = at;
        }
    }
    else {
        start = w->minus_one;
        Py_INCREF(start);
        at = w->cursor;
    }
    w->pre += pre;
    if (quiet) {
        Py_ssize_t size = blank_run(el->children);
        if (size < 0) {
            quiet = 0;
        }
        else {
            quiet_size += size;
            if (hold_text(w, el, 0, at) < 0) {
                goto error;
            }
        }
    }
    if (!quiet) {
        PyObject *value = textOf(el);
        if (value == NULL || push_text(w, value, at) < 0) {
            goto error;
        }
    }
    for (xmlNode *c = el->children; c != NULL; c = c->next) {
        if (foreign(c)) {
            w->bail = 1;
            goto error;
        }
        if (c->type != XML_ELEMENT_NODE) {
            continue; /* text: the element's text or a child's tail */
        }
        if (quiet && !row_part((const char *)c->name)) {
            quiet = 0;
            if (make_pending(w, held) < 0) {
                goto error;
            }
        }
        PyObject *look;
        int f;
        int hide = hidden(w, c, &look, &f);
        if (hide < 0) {
            goto error;
        }
        if (hide) {
            if (skip(w, c) < 0 || w->bail) {
                goto error;
            }
        }
        else {
            Py_ssize_t kc = ordinal(w, c);
            if (kc == -2) {
                goto error;
            }
            PyObject *name = tag_of(w, c);
            if (name == NULL) {
                goto error;
            }
            PyObject *child = node(w, c, name, kc, look, f, bold_of(c->name, f, bold));
            Py_DECREF(name);
            if (child == NULL || push(w, child) < 0) {
                goto error;
            }
        }
        if (quiet) {
            Py_ssize_t size = blank_run(c->next);
            if (size < 0) {
                quiet = 0;
                if (make_pending(w, held) < 0) {
                    goto error;
                }
            }
            else {
                quiet_size += size;
                if (hold_text(w, c, 1, w->cursor) < 0) {
                    goto error;
                }
            }
        }
        if (!quiet) {
            PyObject *value = tailOf(c);
            if (value == NULL || push_text(w, value, w->cursor) < 0) {
                goto error;
            }
        }
    }
    if (quiet && quiet_size > MAX_TEXT) {
        quiet = 0;
    }
    if (!quiet && make_pending(w, held) < 0) {
        goto error;
    }
    w->pending.size = held; /* (quiet: the texts held back are not made) */
    PyObject *kept;
    int spans = 0;
    if ((cname[0] == 't' && (cname[1] == 'd' || cname[1] == 'h') && cname[2] == 0)) {
        spans = spanned(el);
        if (spans < 0) {
            goto error;
        }
    }
    if (spans || (flags & DISPLAY) || strncmp(cname, "ix:", 3) == 0) {
        kept = kept_element(w, el);
        if (kept == NULL) {
            goto error;
        }
    }
    else {
        kept = Py_None;
        Py_INCREF(kept);
    }
    int holds;
    if (strcmp(cname, "table") == 0 || (flags & TABLE)) {
        w->tables++;
        holds = w->tables - 1 > before;
    }
    else {
        holds = w->tables > before;
    }
    PyObject **stack = (PyObject **)w->stack.items;
    Py_ssize_t count = 0; /* the slots filled (a text held back and not made leaves none) */
    for (Py_ssize_t i = base; i < w->stack.size; i++) {
        count += stack[i] != NULL;
    }
    PyObject *children = PyTuple_New(count);
    if (children == NULL) {
        Py_DECREF(kept);
        goto error;
    }
    for (Py_ssize_t i = base, j = 0; i < w->stack.size; i++) {
        if (stack[i] != NULL) {
            PyTuple_SET_ITEM(children, j++, stack[i]);
        }
    }
    w->stack.size = base;
    Py_INCREF(tag);
    Py_INCREF(seen);
    Py_INCREF(Py_None);
    PyObject *items[7] = {tag, kept, seen, start, children, PyBool_FromLong(holds), Py_None};
    w->pre -= pre;
    Py_LeaveRecursiveCall();
    return record(w->node_type, items, 7);

error:
    w->pre -= pre;
    w->pending.size = held;
    Py_DECREF(start);
    for (Py_ssize_t i = base; i < w->stack.size; i++) {
        Py_XDECREF(((PyObject **)w->stack.items)[i]);
    }
    w->stack.size = base;
    Py_LeaveRecursiveCall();
    return NULL;
}

/* ---- grid.py's build_grid, read from libxml2's nodes ---------------------------------- */

/* A table that holds no table (a candidate table of figures, as blocks.py finds it) is
 * read here into grid.py's Grid as the walk reaches it, from libxml2's nodes, with no
 * Node or Text record for what lies inside it but the one run of words of each cell:
 * the rows as grid.py's _rows_of finds them, each cell placed as _row_python places it,
 * and each cell that nests down to one run of words read as _nested reads it. The walk's
 * own effects (the cursor past each start tag, the runs matched) are made as `node`
 * makes them, in the same order. A cell of another shape is read through its Node
 * (`node`, then _grid.c's cell_of, the same row reader grid.py uses); a table with
 * anything else in it (a caption, text between the rows, a span not printed as a few
 * digits, a limit reached, a style that may lay anything out as a table) is walked as
 * any element is, and blocks.py builds its grid from the Nodes. */

static int
weight_of(const Walk *w, PyObject *rule)
{
    return rule == w->rule_double ? 2 : rule == w->rule_single ? 1 : 0;
}

/* style.stronger (borrowed) */
static PyObject *
stronger_of(const Walk *w, PyObject *a, PyObject *b)
{
    if (a == b || b == w->rule_none) {
        return a;
    }
    return weight_of(w, a) >= weight_of(w, b) ? a : b;
}

/* a Look's rule (kept borrowed: Rules are enum members, alive as long as the process) */
static PyObject *
look_rule(PyObject *look, PyObject *name)
{
    PyObject *rule = PyObject_GetAttr(look, name);
    if (rule != NULL) {
        Py_DECREF(rule);
    }
    return rule;
}

static PyObject *s_top, *s_bottom, *s_underline, *s_indent, *s_raised, *s_words, *s_empty,
    *s_bold, *s_display, *s_table, *s_inline_table, *f_zero;

static int
look_indent(PyObject *look, double *indent)
{
    PyObject *value = PyObject_GetAttr(look, s_indent);
    if (value == NULL) {
        return -1;
    }
    *indent = PyFloat_AsDouble(value);
    Py_DECREF(value);
    return *indent == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* What the grids read of a Look, read once per Look of a walk: its rules (borrowed), its
 * indent, whether it raises its text, its bold (as flags). The Looks are held by the
 * walk's styles for as long as the walk, so their addresses name them. */
typedef struct LookInfo {
    PyObject *look;
    PyObject *top, *bottom, *under;
    double indent;
    int raised, bold;
} LookInfo;

#define LOOKS 1024 /* a release uses a few hundred styles; past this, each read again */

/* the LookInfo of a look (in the walk's table, or in *spare when it is full); NULL on
 * error */
static const LookInfo *
look_info(Walk *w, PyObject *look, LookInfo *spare)
{
    LookInfo *slot = NULL;
    if (w->looks == NULL) {
        w->looks = PyMem_Calloc(LOOKS, sizeof(LookInfo));
    }
    if (w->looks != NULL) {
        size_t h = ((uintptr_t)look >> 4) % LOOKS;
        for (size_t i = 0; i < 8; i++) {
            LookInfo *at = &w->looks[(h + i) % LOOKS];
            if (at->look == look) {
                return at;
            }
            if (at->look == NULL) {
                slot = at;
                break;
            }
        }
    }
    LookInfo *info = slot != NULL ? slot : spare;
    info->top = look_rule(look, s_top);
    info->bottom = info->top ? look_rule(look, s_bottom) : NULL;
    info->under = info->bottom ? look_rule(look, s_underline) : NULL;
    if (info->under == NULL || look_indent(look, &info->indent) < 0) {
        return NULL;
    }
    PyObject *raised = PyObject_GetAttr(look, s_raised);
    if (raised == NULL) {
        return NULL;
    }
    info->raised = PyObject_IsTrue(raised);
    Py_DECREF(raised);
    info->bold = info->raised < 0 ? -1 : bold_flags(look);
    if (info->bold < 0) {
        return NULL;
    }
    info->look = look;
    return info;
}

/* whether a style's text may say `table` (display: table, inline-table, table-row...) */
static int
says_table(const xmlChar *raw)
{
    for (const xmlChar *c = raw; *c; c++) {
        if ((c[0] | 0x20) == 't' && (c[1] | 0x20) == 'a' && (c[2] | 0x20) == 'b' &&
            (c[3] | 0x20) == 'l' && (c[4] | 0x20) == 'e') {
            return 1;
        }
        if (!c[1] || !c[2] || !c[3] || !c[4]) {
            break;
        }
    }
    return 0;
}

/* nothing under el that the walk could count as a table: no element named table, and no
 * style that may lay one out (checked on the style's text: a style that only might is
 * enough to walk the table as any element) */
static int
no_table_below(xmlNode *el)
{
    xmlNode *c = el->children;
    while (c != NULL && c != el) {
        if (c->type == XML_ELEMENT_NODE) {
            if (strcmp((const char *)c->name, "table") == 0) {
                return 0;
            }
            const xmlChar *raw = NULL;
            switch (attribute(c, "style", &raw)) {
            case SIMPLE:
                if (says_table(raw)) {
                    return 0;
                }
                break;
            case COMPLEX:
                return 0;
            }
            if (c->children != NULL) {
                c = c->children;
                continue;
            }
        }
        while (c != el && c->next == NULL) {
            c = c->parent;
        }
        if (c != el) {
            c = c->next;
        }
    }
    return 1;
}

static int
is_text(const xmlNode *t)
{
    return t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE;
}

/* A run of text nodes from t (what textOf or tailOf reads there): 0 when there is none
 * or it is empty, 1 when every character is whitespace as str.strip reads it (ASCII
 * whitespace and no-break spaces; *chars its length in characters), 2 when it may hold
 * more (its str is asked). */
static int
text_run(const xmlNode *t, Py_ssize_t *chars)
{
    Py_ssize_t n = 0;
    for (; t != NULL && is_text(t); t = t->next) {
        for (const xmlChar *s = t->content; s != NULL && *s; s++) {
            xmlChar b = *s;
            if (b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f)) {
                n++;
            }
            else if (b == 0xc2 && s[1] == 0xa0) {
                n++;
                s++;
            }
            else {
                return 2;
            }
        }
    }
    *chars = n;
    return n > 0;
}

/* the text nodes under el, all whitespace as text_run reads it */
static int
quiet_below(xmlNode *el)
{
    xmlNode *c = el->children;
    while (c != NULL && c != el) {
        if (is_text(c)) {
            Py_ssize_t chars;
            if (text_run(c, &chars) == 2) {
                return 0;
            }
        }
        else if (c->type == XML_ELEMENT_NODE && c->children != NULL) {
            c = c->children;
            continue;
        }
        while (c != el && c->next == NULL) {
            c = c->parent;
        }
        if (c != el) {
            c = c->next;
        }
    }
    return 1;
}

/* node()'s start: the ordinal's start (a new int, or -1) and where its text is matched
 * from, the cursor moved past its start tag; NULL on error */
static PyObject *
entered(Walk *w, xmlNode *el, Py_ssize_t *at)
{
    Py_ssize_t k = ordinal(w, el);
    if (k == -2) {
        return NULL;
    }
    if (k < 0) {
        *at = w->cursor;
        Py_INCREF(w->minus_one);
        return w->minus_one;
    }
    *at = SIZES(&w->tag_ends)[k];
    if (*at > w->cursor) {
        w->cursor = *at;
    }
    return PyLong_FromSsize_t(SIZES(&w->tag_starts)[k]);
}

/* grid._nested's reading of a cell, so far */
typedef struct {
    PyObject *top, *bottom, *under; /* borrowed rules */
    double shift;
    int bold;
    Py_ssize_t size;
    PyObject *text; /* the run of words (owned), once read */
} Nested;

/* the text or tail at t of owner, in a cell: 1 read, 0 another child that holds
 * something (the cell is read through its Node), -1 error */
static int
nested_text(Walk *w, xmlNode *owner, int tail, const xmlNode *t, Py_ssize_t at, Nested *r,
            int *held)
{
    Py_ssize_t chars = 0;
    int kind = text_run(t, &chars);
    if (kind == 0) {
        return 1;
    }
    if (kind == 1) {
        r->size += chars;
        return 1;
    }
    PyObject *value = tail ? tailOf(owner) : textOf(owner);
    if (value == NULL) {
        return -1;
    }
    r->size += PyUnicode_GET_LENGTH(value);
    int words = 0;
    for (Py_ssize_t i = 0, n = PyUnicode_GET_LENGTH(value); i < n; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(value, i))) {
            words = 1;
            break;
        }
    }
    if (!words) {
        Py_DECREF(value);
        return 1;
    }
    if ((*held)++) {
        Py_DECREF(value);
        return 0;
    }
    r->text = make_text(w, value, at);
    Py_DECREF(value);
    return r->text == NULL ? -1 : 1;
}

static int nested_element(Walk *w, xmlNode *el, PyObject *look, Nested *r);

/* the str of a run of text (the text of owner, or its tail) when it holds words (str.strip
 * leaves anything; new reference), Py_None (borrowed) when it holds none, NULL on error;
 * *chars its length */
static PyObject *
words_run(xmlNode *owner, int tail, const xmlNode *t, Py_ssize_t *chars)
{
    *chars = 0;
    if (text_run(t, chars) < 2) {
        return Py_None;
    }
    PyObject *value = tail ? tailOf(owner) : textOf(owner);
    if (value == NULL) {
        return NULL;
    }
    *chars = PyUnicode_GET_LENGTH(value);
    for (Py_ssize_t i = 0; i < *chars; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(value, i))) {
            return value;
        }
    }
    Py_DECREF(value);
    return Py_None;
}

/* grid._blank of an element shown (its look given), read without the walk's effects: 1
 * when it holds no words (its characters added to *size, its rules to *top and *bottom),
 * 0 when it does or is what _blank refuses, -1 on error */
static int
blank_element(Walk *w, xmlNode *el, PyObject *look, Py_ssize_t *size, PyObject **top,
              PyObject **bottom)
{
    const char *name = (const char *)el->name;
    if (strcmp(name, "hr") == 0) {
        *size += 1; /* the space before a block, and a rule */
        *bottom = stronger_of(w, *bottom, w->rule_single);
        return 1;
    }
    if (strcmp(name, "table") == 0 || strcmp(name, "sup") == 0 || strncmp(name, "ix:", 3) == 0) {
        return 0;
    }
    LookInfo spare;
    const LookInfo *info = look_info(w, look, &spare);
    if (info == NULL) {
        return -1;
    }
    if (info->raised && strcmp(name, "u") != 0) {
        return 0;
    }
    PyObject *tag = tag_of(w, el);
    int block = tag == NULL ? -1 : PySet_Contains(w->block_tags, tag);
    Py_XDECREF(tag);
    if (block < 0) {
        return -1;
    }
    Py_ssize_t own = block ? 2 : 0;
    PyObject *own_top = info->top, *own_bottom = info->bottom;
    Py_ssize_t chars;
    PyObject *words = words_run(el, 0, el->children, &chars);
    for (xmlNode *c = el->children; words == Py_None && c != NULL; c = c->next) {
        own += chars;
        chars = 0;
        if (foreign(c)) {
            return 0; /* the walk of it hands the document back */
        }
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        PyObject *inner;
        int f;
        int hide = hidden(w, c, &inner, &f);
        if (hide < 0) {
            return -1;
        }
        if (!hide) {
            if (Py_EnterRecursiveCall(" while reading an HTML table")) {
                return -1;
            }
            int got = blank_element(w, c, inner, &own, &own_top, &own_bottom);
            Py_LeaveRecursiveCall();
            if (got <= 0) {
                return got;
            }
        }
        words = words_run(c, 1, c->next, &chars);
    }
    if (words != Py_None) {
        Py_XDECREF(words);
        return words == NULL ? -1 : 0;
    }
    *size += own + chars;
    *top = stronger_of(w, *top, own_top);
    *bottom = stronger_of(w, *bottom, own_bottom);
    return 1;
}

/* a run of text of a level with several children that hold something: 1 read, 0 a
 * second one with words (the cell is read through its Node), -1 error */
static int
crowded_text(Walk *w, xmlNode *owner, int tail, const xmlNode *t, Py_ssize_t at, Nested *r,
             int *inner)
{
    Py_ssize_t chars;
    PyObject *value = words_run(owner, tail, t, &chars);
    if (value == NULL) {
        return -1;
    }
    r->size += chars;
    if (value == Py_None) {
        return 1;
    }
    if ((*inner)++) {
        Py_DECREF(value);
        return 0;
    }
    r->text = make_text(w, value, at);
    Py_DECREF(value);
    return r->text == NULL ? -1 : 1;
}

/* the children of el when more than one holds something, as _nested reads them: the
 * ones that hold no words (grid._blank) add their characters and rules, and the one
 * left is read on; 1 read, 0 not the shape _nested reads, -1 error (or bailing) */
static int
crowded_level(Walk *w, xmlNode *el, Py_ssize_t at, Nested *r)
{
    int inner = 0;
    int got = crowded_text(w, el, 0, el->children, at, r, &inner);
    for (xmlNode *c = el->children; got > 0 && c != NULL; c = c->next) {
        if (foreign(c)) {
            w->bail = 1;
            return -1;
        }
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        PyObject *look;
        int f;
        int hide = hidden(w, c, &look, &f);
        if (hide < 0) {
            return -1;
        }
        int blank = hide ? 0 : blank_element(w, c, look, &r->size, &r->top, &r->bottom);
        if (blank < 0) {
            return -1;
        }
        if (hide || blank) { /* the walk's effect: past its start tags */
            if (skip(w, c) < 0 || w->bail) {
                return -1;
            }
        }
        else {
            if (inner++ || (f & TABLE)) {
                return 0; /* a second child with words, or a table */
            }
            got = nested_element(w, c, look, r);
            if (got <= 0) {
                return got;
            }
        }
        got = crowded_text(w, c, 1, c->next, w->cursor, r, &inner);
    }
    return got;
}

/* the children of el (a cell, or the one element of one that holds something), whose
 * text is matched from at: 1 read (*held: the children that hold something, 2 for
 * more), 0 not the shape _nested reads, -1 error (or bailing) */
static int
nested_level(Walk *w, xmlNode *el, Py_ssize_t at, Nested *r, int *held)
{
    Nested entry = *r;
    Py_ssize_t cursor = w->cursor, run_cursor = w->run_cursor;
    *held = 0;
    int got = nested_text(w, el, 0, el->children, at, r, held);
    for (xmlNode *c = el->children; got > 0 && c != NULL; c = c->next) {
        if (foreign(c)) {
            w->bail = 1;
            return -1;
        }
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        PyObject *look;
        int f;
        int hide = hidden(w, c, &look, &f);
        if (hide < 0) {
            return -1;
        }
        if (hide) {
            if (skip(w, c) < 0 || w->bail) {
                return -1;
            }
        }
        else {
            if (*held && !(f & TABLE)) {
                got = 0; /* a second child that holds something */
                break;
            }
            if ((*held)++ || (f & TABLE)) {
                return 0; /* a table */
            }
            got = nested_element(w, c, look, r);
            if (got < 0) {
                return got;
            }
            if (got == 0) {
                return 0;
            }
        }
        got = nested_text(w, c, 1, c->next, w->cursor, r, held);
    }
    if (got != 0 || *held < 1) {
        return got;
    }
    /* more than one child holds something: read again from the start of the level */
    if (r->text != entry.text) {
        Py_DECREF(r->text);
    }
    *r = entry;
    w->cursor = cursor;
    w->run_cursor = run_cursor;
    *held = 2;
    return crowded_level(w, el, at, r);
}

/* the one element of a level that holds something, as _nested reads it and descends */
static int
nested_element(Walk *w, xmlNode *el, PyObject *look, Nested *r)
{
    const char *name = (const char *)el->name;
    if (strcmp(name, "table") == 0 || strcmp(name, "hr") == 0 || strcmp(name, "sup") == 0 ||
        strncmp(name, "ix:nonfraction", 14) == 0) {
        return 0; /* _NOT_NESTED, and a fact read by grid._ix */
    }
    int is_u = strcmp(name, "u") == 0;
    double indent = 0.0;
    if (look != w->plain) {
        LookInfo spare;
        const LookInfo *info = look_info(w, look, &spare);
        if (info == NULL) {
            return -1;
        }
        if (info->raised && !is_u) {
            return 0;
        }
        indent = info->indent;
        r->top = stronger_of(w, r->top, info->top);
        r->bottom = stronger_of(w, r->bottom, info->bottom);
        r->under = stronger_of(w, r->under, info->under);
        r->bold = bold_of(el->name, info->bold, r->bold);
    }
    else {
        r->bold = bold_of(el->name, 0, r->bold);
    }
    PyObject *tag = tag_of(w, el);
    if (tag == NULL) {
        return -1;
    }
    int block = PySet_Contains(w->block_tags, tag);
    Py_DECREF(tag);
    if (block < 0) {
        return -1;
    }
    if (block) {
        r->size += 2; /* the spaces put before and after a block */
        r->shift += indent;
    }
    else if (is_u) {
        r->under = stronger_of(w, r->under, w->rule_single);
    }
    if (Py_EnterRecursiveCall(" while reading an HTML table")) {
        return -1;
    }
    int pre = strcmp(name, "pre") == 0;
    w->pre += pre;
    Py_ssize_t at;
    PyObject *start = entered(w, el, &at);
    int got = -1;
    if (start != NULL) {
        Py_DECREF(start);
        int held;
        got = nested_level(w, el, at, r, &held);
    }
    w->pre -= pre;
    Py_LeaveRecursiveCall();
    return got;
}

/* GridCell(col, span, col + span, text, "", bold, indent, top, bottom, start, None): text
 * stolen, the rest borrowed */
static PyObject *
grid_cell_of(Walk *w, Py_ssize_t col, Py_ssize_t span, PyObject *text, int bold, double indent,
             PyObject *top, PyObject *bottom, PyObject *start)
{
    PyObject *items[11] = {
        PyLong_FromSsize_t(col), PyLong_FromSsize_t(span), PyLong_FromSsize_t(col + span),
        text, w->empty_str, PyBool_FromLong(bold),
        indent == 0.0 && !signbit(indent) ? Py_NewRef(w->zero) : PyFloat_FromDouble(indent),
        top, bottom, start, Py_None};
    Py_INCREF(w->empty_str);
    Py_INCREF(top);
    Py_INCREF(bottom);
    Py_INCREF(start);
    Py_INCREF(Py_None);
    for (int i = 0; i < 11; i++) {
        if (items[i] == NULL) {
            for (int j = 0; j < 11; j++) {
                Py_XDECREF(items[j]);
            }
            return NULL;
        }
    }
    return record(w->cell_type, items, 11);
}

/* a cell (entered: its start and where its text is matched from) read as grid._cell
 * reads it when _nested does: its GridCell, Py_None when it must be read through its
 * Node, NULL on error (or bailing) */
static PyObject *
nested_cell(Walk *w, xmlNode *td, PyObject *look, int flags, PyObject *start, Py_ssize_t at,
            Py_ssize_t col, Py_ssize_t span, int bold)
{
    /* grid._cell: the cell's own bold, else its row's */
    Nested r = {w->rule_none, w->rule_none, NULL, 0.0,
                flags & BOLD_SET ? (flags & BOLD_ON) != 0 : bold, 0, NULL};
    LookInfo spare;
    const LookInfo *info = look_info(w, look, &spare);
    if (info == NULL) {
        return NULL;
    }
    PyObject *top = info->top, *bottom = info->bottom;
    r.under = info->under;
    r.shift = info->indent;
    int held;
    int got = nested_level(w, td, at, &r, &held);
    if (got <= 0) {
        Py_XDECREF(r.text);
        if (got == 0) {
            Py_RETURN_NONE;
        }
        return NULL;
    }
    if (!held) { /* nothing but whitespace in the cell: _spacer */
        Py_INCREF(w->empty_text);
        return grid_cell_of(w, col, span, w->empty_text, 0, 0.0, top, bottom, start);
    }
    if (r.size > w->max_text) {
        Py_XDECREF(r.text);
        Py_RETURN_NONE; /* check_text refuses it: read through the Node, and raised there */
    }
    PyObject *text;
    double indent = 0.0;
    int cell_bold = 0;
    if (r.text == NULL) { /* whitespace only */
        text = w->empty_text;
        Py_INCREF(text);
    }
    else {
        PyObject *pieces = PyTuple_GET_ITEM(r.text, 1);
        Py_ssize_t first = -1;
        if (PyTuple_GET_SIZE(pieces) == 1) {
            first = PyLong_AsSsize_t(PyTuple_GET_ITEM(PyTuple_GET_ITEM(pieces, 0), 0));
            if (first == -1 && PyErr_Occurred()) {
                Py_DECREF(r.text);
                return NULL;
            }
        }
        if (first != 0) {
            Py_DECREF(r.text);
            Py_RETURN_NONE; /* a run of several pieces: _walked joins it */
        }
        PyObject *value = PyTuple_GET_ITEM(r.text, 0);
        Py_ssize_t n = PyUnicode_GET_LENGTH(value);
        int kind = PyUnicode_KIND(value);
        const void *data = PyUnicode_DATA(value);
        indent = leading_indent(kind, data, n, r.shift);
        if (r.under != w->rule_none) {
            for (Py_ssize_t i = 0; i < n; i++) {
                if (Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, i))) {
                    r.bottom = stronger_of(w, r.bottom, r.under);
                    break;
                }
            }
        }
        text = text_words(r.text, w->text_type, s_words);
        Py_DECREF(r.text);
        if (text == NULL) {
            return NULL;
        }
        cell_bold = r.bold;
    }
    return grid_cell_of(w, col, span, text, cell_bold, indent, stronger_of(w, top, r.top),
                        stronger_of(w, bottom, r.bottom), start);
}

/* a table's grid as it is read */
typedef struct {
    PyObject *rows; /* GridRow list */
    Py_ssize_t width, slots;
    int table_bold;
    Py_ssize_t *taken; /* rows each slot stays taken (rowspan), max_colspan + 1 */
    Py_ssize_t taking; /* slots taken */
} Reading;

/* a text between a table's rows or cells: 1 whitespace, 0 anything else (the table is
 * then walked as any element) */
static int
between(const xmlNode *c)
{
    Py_ssize_t chars;
    return text_run(c, &chars) < 2;
}

/* an element the grid does not read (grid._rows_of and _row_python pass it by): the
 * walk's effect when it holds no text and no table, 0 when it may (the table is walked
 * then) */
static int
passed_by(Walk *w, xmlNode *c)
{
    const xmlChar *raw = NULL;
    int styled = attribute(c, "style", &raw);
    if (strcmp((const char *)c->name, "table") == 0 || styled == COMPLEX ||
        (styled == SIMPLE && says_table(raw)) || !quiet_below(c) || !no_table_below(c)) {
        return 0;
    }
    return skip(w, c) < 0 || w->bail ? -1 : 1;
}

/* a cell of a row: appended to cells; 1 read, 0 the table is walked, -1 error */
static int
table_cell(Walk *w, xmlNode *td, PyObject *look, int flags, Reading *t, PyObject *cells,
           Py_ssize_t *col, int row_bold)
{
    if (t->taking) {
        while (t->taken[*col] > 0) {
            ++*col;
        }
    }
    if (*col >= w->max_colspan) {
        return 0; /* the rest of the row is not placed (grid._row_python) */
    }
    Found colspan, rowspan;
    span_attributes(td, &colspan, &rowspan);
    Py_ssize_t span = 1, down = 1;
    if (colspan.where == COMPLEX || rowspan.where == COMPLEX) {
        return 0;
    }
    if (colspan.where == SIMPLE && (span = simple_span(colspan.raw, w->max_colspan - *col)) == 0) {
        return 0;
    }
    if (rowspan.where == SIMPLE && (down = simple_span(rowspan.raw, w->max_rowspan)) == 0) {
        return 0;
    }
    Py_ssize_t cursor = w->cursor, run_cursor = w->run_cursor;
    Py_ssize_t at;
    PyObject *start = entered(w, td, &at);
    if (start == NULL) {
        return -1;
    }
    PyObject *made = nested_cell(w, td, look, flags, start, at, *col, span, row_bold);
    Py_DECREF(start);
    if (made == Py_None) { /* read through its Node, walked again from its start */
        Py_DECREF(made);
        made = NULL;
        w->cursor = cursor;
        w->run_cursor = run_cursor;
        Py_ssize_t k = ordinal(w, td);
        PyObject *tag = k == -2 ? NULL : tag_of(w, td);
        PyObject *child = tag == NULL ? NULL : node(w, td, tag, k, look, flags, 0);
        Py_XDECREF(tag);
        if (child == NULL) {
            return -1;
        }
        PyObject *args[5] = {child, PyLong_FromSsize_t(*col), PyLong_FromSsize_t(span),
                             PyBool_FromLong(row_bold), w->no_name};
        if (args[1] != NULL && args[2] != NULL) {
            made = PyObject_Vectorcall(w->cell_of, args, 5, NULL);
        }
        Py_DECREF(child);
        Py_XDECREF(args[1]);
        Py_XDECREF(args[2]);
        Py_DECREF(args[3]);
        if (made == NULL) {
            if (PyErr_ExceptionMatches(w->unreadable)) {
                PyErr_Clear(); /* raised again as grid.py reads the table's Nodes */
                return 0;
            }
            return -1;
        }
    }
    if (made == NULL) {
        return -1;
    }
    int r = PyList_Append(cells, made);
    Py_DECREF(made);
    if (r < 0) {
        return -1;
    }
    Py_ssize_t end = *col + span;
    if (down > 1) {
        for (Py_ssize_t k = *col; k < end; k++) {
            t->taking += t->taken[k] == 0;
            t->taken[k] = down;
        }
    }
    *col = end;
    return 1;
}

/* a row: its GridRow appended; 1 read, 0 the table is walked, -1 error */
static int
table_row(Walk *w, xmlNode *tr, PyObject *look, int flags, Reading *t)
{
    Py_ssize_t at;
    PyObject *start = entered(w, tr, &at);
    if (start == NULL) {
        return -1;
    }
    int row_bold = flags & BOLD_SET ? (flags & BOLD_ON) != 0 : t->table_bold;
    PyObject *cells = PyList_New(0);
    int got = cells == NULL ? -1 : 1;
    Py_ssize_t col = 0;
    for (xmlNode *c = tr->children; got > 0 && c != NULL; c = c->next) {
        if (foreign(c)) {
            w->bail = 1;
            got = -1;
        }
        else if (is_text(c)) {
            got = between(c);
        }
        else if (c->type == XML_ELEMENT_NODE) {
            PyObject *cell_look;
            int f;
            int hide = hidden(w, c, &cell_look, &f);
            if (hide < 0) {
                got = -1;
                break;
            }
            const char *name = (const char *)c->name;
            if (hide) {
                got = skip(w, c) < 0 || w->bail ? -1 : 1;
            }
            else if (f & TABLE) {
                got = 0; /* laid out as a table: the walk counts it */
            }
            else if (name[0] == 't' && (name[1] == 'd' || name[1] == 'h') && name[2] == 0) {
                got = table_cell(w, c, cell_look, f, t, cells, &col, row_bold);
            }
            else {
                got = passed_by(w, c);
            }
        }
    }
    if (got > 0) {
        if (col > t->width) {
            t->width = col;
        }
        t->slots += col;
        if (t->slots > w->max_slots) {
            got = 0; /* grid.py refuses the table */
        }
    }
    if (got > 0 && t->taking) {
        for (Py_ssize_t k = 0; k < w->max_colspan; k++) {
            if (t->taken[k] > 0 && --t->taken[k] == 0) {
                t->taking--;
            }
        }
    }
    PyObject *row = NULL;
    if (got > 0) {
        LookInfo spare;
        const LookInfo *info = look_info(w, look, &spare);
        PyObject *top = info ? info->top : NULL, *bottom = info ? info->bottom : NULL;
        PyObject *tuple = info ? PyList_AsTuple(cells) : NULL;
        if (tuple != NULL) {
            PyObject *values[4] = {tuple, start, top, bottom};
            row = slotted_record(w->row_type, w->row_fields, values);
            Py_DECREF(tuple);
        }
        got = row != NULL && PyList_Append(t->rows, row) == 0 ? 1 : -1;
        Py_XDECREF(row);
    }
    Py_XDECREF(cells);
    Py_DECREF(start);
    return got;
}

/* the rows under el (the table, or a row group in it: grid._rows_of); 1 read, 0 the
 * table is walked, -1 error */
static int
table_rows(Walk *w, xmlNode *el, Reading *t, int top)
{
    int got = 1;
    for (xmlNode *c = el->children; got > 0 && c != NULL; c = c->next) {
        if (foreign(c)) {
            w->bail = 1;
            return -1;
        }
        if (is_text(c)) {
            got = between(c);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        PyObject *look;
        int f;
        int hide = hidden(w, c, &look, &f);
        if (hide < 0) {
            return -1;
        }
        const char *name = (const char *)c->name;
        if (hide) {
            got = skip(w, c) < 0 || w->bail ? -1 : 1;
        }
        else if (f & TABLE) {
            got = 0; /* laid out as a table: the walk counts it */
        }
        else if (strcmp(name, "tr") == 0) {
            got = table_row(w, c, look, f, t);
        }
        else if (strcmp(name, "tbody") == 0 || strcmp(name, "thead") == 0 ||
                 strcmp(name, "tfoot") == 0 || strcmp(name, "form") == 0 ||
                 strcmp(name, "div") == 0 || strcmp(name, "span") == 0) {
            Py_ssize_t at;
            PyObject *start = entered(w, c, &at);
            if (start == NULL) {
                return -1;
            }
            Py_DECREF(start);
            if (Py_EnterRecursiveCall(" while reading an HTML table")) {
                return -1;
            }
            got = table_rows(w, c, t, 0);
            Py_LeaveRecursiveCall();
        }
        else if ((top && strcmp(name, "caption") == 0) || (f & DISPLAY)) {
            got = 0; /* a caption grid.py reads; a display _rows_of may read as rows */
        }
        else {
            got = passed_by(w, c);
        }
    }
    return got;
}

/* the Node of a table that holds no table, with its grid and no children; Py_None (new
 * reference) when it is walked as any element, NULL on error (or bailing) */
static PyObject *
fast_table(Walk *w, xmlNode *el, PyObject *tag, Py_ssize_t k, PyObject *seen, int flags,
           int bold)
{
    Py_ssize_t cursor = w->cursor, run_cursor = w->run_cursor, tables = w->tables;
    PyObject *start;
    if (k >= 0) {
        start = PyLong_FromSsize_t(SIZES(&w->tag_starts)[k]);
        if (start == NULL) {
            return NULL;
        }
        if (SIZES(&w->tag_ends)[k] > w->cursor) {
            w->cursor = SIZES(&w->tag_ends)[k];
        }
    }
    else {
        start = w->minus_one;
        Py_INCREF(start);
    }
    Reading t = {PyList_New(0), 0, 0, flags & BOLD_SET ? (flags & BOLD_ON) != 0 : bold, NULL, 0};
    t.taken = PyMem_Calloc((size_t)w->max_colspan + 1, sizeof(Py_ssize_t));
    int got = t.rows != NULL && t.taken != NULL ? table_rows(w, el, &t, 1) : -1;
    if (t.taken == NULL && t.rows != NULL) {
        PyErr_NoMemory();
    }
    PyMem_Free(t.taken);
    if (got > 0 && w->tables != tables) {
        got = 0; /* a table in a cell read through its Node: this one lays out the page */
    }
    PyObject *result = NULL;
    if (got == 0) {
        w->cursor = cursor;
        w->run_cursor = run_cursor;
        w->tables = tables;
        Py_INCREF(Py_None);
        result = Py_None;
    }
    else if (got > 0) {
        PyObject *rows = PyList_AsTuple(t.rows);
        PyObject *width = rows ? PyLong_FromSsize_t(t.width) : NULL;
        PyObject *grid = NULL;
        if (width != NULL) {
            PyObject *args[3] = {rows, width, start};
            grid = PyObject_Vectorcall(w->grid_type, args, 3, NULL);
        }
        Py_XDECREF(rows);
        Py_XDECREF(width);
        PyObject *kept = NULL;
        if (grid != NULL) {
            kept = flags & DISPLAY ? kept_element(w, el) : Py_None;
            if (kept == Py_None) {
                Py_INCREF(kept);
            }
        }
        if (kept != NULL) {
            w->tables++;
            Py_INCREF(tag);
            Py_INCREF(seen);
            Py_INCREF(start);
            Py_INCREF(Py_False);
            PyObject *items[7] = {tag, kept, seen, start, PyTuple_New(0), Py_False, grid};
            if (items[4] == NULL) {
                for (int i = 0; i < 7; i++) {
                    Py_XDECREF(items[i]);
                }
            }
            else {
                result = record(w->node_type, items, 7);
            }
        }
        else {
            Py_XDECREF(grid);
        }
    }
    Py_XDECREF(t.rows);
    Py_DECREF(start);
    return result;
}

/* ---- the module --------------------------------------------------------------------- */



/* a scan's offsets (an array("q"): a buffer of 64-bit integers) read in place: *items
 * points into `view`, which the caller releases (0), or -1 with an error set */
_Static_assert(sizeof(Py_ssize_t) == sizeof(long long), "the scan's offsets are Py_ssize_t");
static int
viewed(PyObject *obj, Py_buffer *view, const Py_ssize_t **items, Py_ssize_t *count,
       const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        PyErr_Clear();
        view->obj = NULL;
        PyErr_Format(PyExc_TypeError, "parse() wants %s as an array('q')", what);
        return -1;
    }
    if (view->itemsize != (Py_ssize_t)sizeof(long long) || view->format == NULL ||
        strcmp(view->format, "q") != 0 || view->ndim != 1) {
        PyBuffer_Release(view);
        view->obj = NULL;
        PyErr_Format(PyExc_TypeError, "parse() wants %s as an array('q')", what);
        return -1;
    }
    *items = (const Py_ssize_t *)view->buf;
    *count = view->len / view->itemsize;
    return 0;
}

/* a scan's offsets (an array("q"): a buffer of 64-bit integers) copied into out */
static int
offsets(PyObject *obj, Array *out, const char *what)
{
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "tree() wants %s as an array('q')", what);
        return -1;
    }
    if (view.itemsize != (Py_ssize_t)sizeof(long long) || view.format == NULL ||
        strcmp(view.format, "q") != 0 || view.ndim != 1) {
        PyBuffer_Release(&view);
        PyErr_Format(PyExc_TypeError, "tree() wants %s as an array('q')", what);
        return -1;
    }
    Py_ssize_t n = view.len / view.itemsize;
    if (array_reserve(out, n, sizeof(Py_ssize_t)) < 0) {
        PyBuffer_Release(&view);
        return -1;
    }
    const long long *items = (const long long *)view.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (items[i] < PY_SSIZE_T_MIN || items[i] > PY_SSIZE_T_MAX) {
            PyBuffer_Release(&view);
            PyErr_Format(PyExc_OverflowError, "tree() got an offset out of range in %s", what);
            return -1;
        }
        SIZES(out)[i] = (Py_ssize_t)items[i];
    }
    out->size = n;
    PyBuffer_Release(&view);
    return 0;
}

static int
record_type(PyObject *type, const char *what)
{
    /* a NamedTuple: a tuple subclass adding no storage of its own */
    if (!PyType_Check(type) || !PyType_IsSubtype((PyTypeObject *)type, &PyTuple_Type) ||
        ((PyTypeObject *)type)->tp_basicsize != PyTuple_Type.tp_basicsize ||
        ((PyTypeObject *)type)->tp_itemsize != PyTuple_Type.tp_itemsize) {
        PyErr_Format(PyExc_TypeError, "tree() wants %s as a NamedTuple class", what);
        return -1;
    }
    return 0;
}

/* ---- blocks.py's _Reader: the blocks of a tree ----------------------------------------- */

/* blocks.py's `_Reader` (its `node` and `flush`, with text.py's TextBuilder) is the
 * specification: the same walk over parse.py's Nodes, the same blocks, without a Python
 * call per element or per run of text. What is rare or long is called back: a table's
 * grid not read by the walk (`build_grid`), a <pre>'s lines, the limit on a block's
 * length (`check_text`, each block) and the words of each block (`Text.words`). */

typedef struct {
    PyTypeObject *node_type, *text_type;
    PyObject *text_block, *table_block, *pre_block, *block_tags, *pre_lines, *build_grid,
        *check_text, *words;
    PyObject *name;
    PyObject *blocks;   /* list */
    Positioned current; /* TextBuilder: the text since the last flush */
    Positioned cut;     /* scratch: its words when only its ends are cut */
    Py_ssize_t breaks;  /* <br> since the last text */
} Reader;

/* a block made by calling its class with one argument (stolen), appended */
static int
append_block(Reader *r, PyObject *type, PyObject *arg)
{
    if (arg == NULL) {
        return -1;
    }
    PyObject *block = PyObject_CallOneArg(type, arg);
    Py_DECREF(arg);
    if (block == NULL) {
        return -1;
    }
    int got = PyList_Append(r->blocks, block);
    Py_DECREF(block);
    return got;
}

/* Text.words of the text built (current.build().words()), a new reference: made here when
 * nothing is to be collapsed (the fast path of Text.words: no whitespace but single spaces
 * once the ends are stripped; then the text itself, or its slice without the ends, as
 * Text.slice cuts it), else by Text.words itself */
static PyObject *
reader_words(Reader *r)
{
    const Positioned *b = &r->current;
    const Py_UCS4 *chars = CHARS(&b->chars);
    Py_ssize_t n = b->chars.size, start = 0, end = n;
    while (start < n && Py_UNICODE_ISSPACE(chars[start])) {
        start++;
    }
    while (end > start && Py_UNICODE_ISSPACE(chars[end - 1])) {
        end--;
    }
    int collapse = 0; /* text.py's _OTHER_SPACE in what is left */
    for (Py_ssize_t i = start; i < end && !collapse; i++) {
        if (Py_UNICODE_ISSPACE(chars[i])) {
            collapse = chars[i] != ' ' || Py_UNICODE_ISSPACE(chars[i + 1]);
        }
    }
    if (collapse) {
        PyObject *built = text_record(r->text_type, b);
        if (built == NULL) {
            return NULL;
        }
        PyObject *text = PyObject_CallOneArg(r->words, built);
        Py_DECREF(built);
        return text;
    }
    if (start == 0 && end == n) {
        return text_record(r->text_type, b);
    }
    /* Text.slice(start, end): the pieces from the last that starts at or before start */
    Positioned *cut = &r->cut;
    positioned_clear(cut);
    if (start < end) {
        const Py_ssize_t *pieces = SIZES(&b->pieces);
        Py_ssize_t count = b->pieces.size / 2, k = 0;
        while (k + 1 < count && pieces[2 * (k + 1)] <= start) {
            k++;
        }
        for (; k < count && pieces[2 * k] < end; k++) {
            Py_ssize_t index = pieces[2 * k], off = pieces[2 * k + 1];
            int got = index <= start ? push_piece(cut, 0, off >= 0 ? off + start - index : -1)
                                     : push_piece(cut, index - start, off);
            if (got < 0) {
                return NULL;
            }
        }
        if (array_reserve(&cut->chars, end - start, sizeof(Py_UCS4)) < 0) {
            return NULL;
        }
        memcpy(cut->chars.items, chars + start, (size_t)(end - start) * sizeof(Py_UCS4));
        cut->chars.size = end - start;
    }
    return text_record(r->text_type, cut);
}

/* _Reader.flush */
static int
reader_flush(Reader *r)
{
    if (r->current.chars.size > 0) {
        PyObject *size = PyLong_FromSsize_t(r->current.chars.size);
        if (size == NULL) {
            return -1;
        }
        PyObject *checked = PyObject_CallFunctionObjArgs(r->check_text, size, r->name, NULL);
        Py_DECREF(size);
        if (checked == NULL) {
            return -1;
        }
        Py_DECREF(checked);
        PyObject *text = reader_words(r);
        if (text == NULL) {
            return -1;
        }
        PyObject *value = PyObject_GetAttrString(text, "value");
        int shown = value == NULL ? -1 : PyObject_IsTrue(value);
        Py_XDECREF(value);
        if (shown < 0) {
            Py_DECREF(text);
            return -1;
        }
        if (shown) {
            if (append_block(r, r->text_block, text) < 0) {
                return -1;
            }
        }
        else {
            Py_DECREF(text);
        }
        positioned_clear(&r->current);
    }
    r->breaks = 0;
    return 0;
}

/* TextBuilder.extend of a Text record (value, pieces) */
static int
reader_extend(Reader *r, PyObject *text)
{
    PyObject *value = PyTuple_GET_ITEM(text, 0);
    PyObject *pieces = PyTuple_GET_ITEM(text, 1);
    if (!PyUnicode_Check(value) || !PyTuple_Check(pieces)) {
        PyErr_SetString(PyExc_TypeError, "blocks() wants each Text as (str, tuple)");
        return -1;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    if (length == 0) {
        return 0;
    }
    Positioned *b = &r->current;
    Py_ssize_t base = b->chars.size;
    Py_ssize_t count = PyTuple_GET_SIZE(pieces);
    if (count == 0 && builder_piece(b, base, -1) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *pair = PyTuple_GET_ITEM(pieces, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "blocks() wants each piece as (index, offset)");
            return -1;
        }
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
        Py_ssize_t offset = index == -1 && PyErr_Occurred()
                                ? -1
                                : PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
        if (PyErr_Occurred() || builder_piece(b, base + index, offset) < 0) {
            return -1;
        }
    }
    return push_chars(b, value, 0, length);
}

/* value.strip(" \t\n\r\f\u00a0") is not empty: a text that breaks a run of <br> */
static int
breaks_run(PyObject *value)
{
    int kind = PyUnicode_KIND(value);
    const void *data = PyUnicode_DATA(value);
    Py_ssize_t n = PyUnicode_GET_LENGTH(value);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0)) {
            return 1;
        }
    }
    return 0;
}

static int reader_node(Reader *r, PyObject *node, PyObject *bold);

/* the body of reader_node past the bold: bold is the node's (borrowed) */
static int
reader_element(Reader *r, PyObject *node, PyObject *tag, PyObject *look, PyObject *bold)
{
    if (PyUnicode_CompareWithASCIIString(tag, "br") == 0) {
        r->breaks++;
        if (r->breaks >= 2) {
            return reader_flush(r);
        }
        Positioned *b = &r->current;
        if (builder_piece(b, b->chars.size, -1) < 0 ||
            array_reserve(&b->chars, 1, sizeof(Py_UCS4)) < 0) {
            return -1;
        }
        CHARS(&b->chars)[b->chars.size++] = ' ';
        return 0;
    }
    if (PyUnicode_CompareWithASCIIString(tag, "pre") == 0) {
        if (reader_flush(r) < 0) {
            return -1;
        }
        return append_block(r, r->pre_block, PyObject_CallOneArg(r->pre_lines, node));
    }
    int holds = PyObject_IsTrue(PyTuple_GET_ITEM(node, 5));
    if (holds < 0) {
        return -1;
    }
    if (!holds) {
        int table = PyUnicode_CompareWithASCIIString(tag, "table") == 0;
        if (!table) {
            PyObject *display = PyObject_GetAttr(look, s_display);
            if (display == NULL) {
                return -1;
            }
            int shown = PyObject_IsTrue(display);
            if (shown > 0) { /* node.is_table: display in ("table", "inline-table") */
                shown = PyObject_RichCompareBool(display, s_table, Py_EQ);
                if (shown == 0) {
                    shown = PyObject_RichCompareBool(display, s_inline_table, Py_EQ);
                }
            }
            Py_DECREF(display);
            if (shown < 0) {
                return -1;
            }
            table = shown;
        }
        if (table) {
            if (reader_flush(r) < 0) {
                return -1;
            }
            PyObject *grid = PyTuple_GET_ITEM(node, 6);
            if (grid == Py_None) {
                grid = PyObject_CallFunctionObjArgs(r->build_grid, node, bold, r->name, NULL);
            }
            else {
                Py_INCREF(grid);
            }
            return append_block(r, r->table_block, grid);
        }
    }
    int block = PySet_Contains(r->block_tags, tag);
    if (block < 0 || (block && reader_flush(r) < 0)) {
        return -1;
    }
    PyObject *children = PyTuple_GET_ITEM(node, 4);
    if (!PyTuple_Check(children)) {
        PyErr_SetString(PyExc_TypeError, "blocks() wants a Node's children as a tuple");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(children); i++) {
        PyObject *child = PyTuple_GET_ITEM(children, i);
        int text = PyObject_IsInstance(child, (PyObject *)r->text_type);
        if (text < 0) {
            return -1;
        }
        if (text) {
            if (PyTuple_GET_SIZE(child) != 2) {
                PyErr_SetString(PyExc_TypeError, "blocks() wants each Text as (str, tuple)");
                return -1;
            }
            PyObject *value = PyTuple_GET_ITEM(child, 0);
            if (PyUnicode_Check(value) && breaks_run(value)) {
                r->breaks = 0;
            }
            if (reader_extend(r, child) < 0) {
                return -1;
            }
        }
        else if (reader_node(r, child, bold) < 0) {
            return -1;
        }
    }
    return block ? reader_flush(r) : 0;
}

/* _Reader.node: the blocks of a Node, bold the parent's (borrowed) */
static int
reader_node(Reader *r, PyObject *node, PyObject *bold)
{
    if (!PyObject_TypeCheck(node, r->node_type) || PyTuple_GET_SIZE(node) != 7 ||
        !PyUnicode_Check(PyTuple_GET_ITEM(node, 0))) {
        PyErr_SetString(PyExc_TypeError, "blocks() wants a tree of Nodes and Texts");
        return -1;
    }
    PyObject *tag = PyTuple_GET_ITEM(node, 0);
    PyObject *look = PyTuple_GET_ITEM(node, 2);
    PyObject *own = PyObject_GetAttr(look, s_bold);
    if (own == NULL) {
        return -1;
    }
    if (own == Py_None) { /* bold or tag in ("b", "strong") */
        Py_DECREF(own);
        int on = PyObject_IsTrue(bold);
        if (on < 0) {
            return -1;
        }
        if (on) {
            own = bold;
            Py_INCREF(own);
        }
        else {
            own = PyBool_FromLong(PyUnicode_CompareWithASCIIString(tag, "b") == 0 ||
                                  PyUnicode_CompareWithASCIIString(tag, "strong") == 0);
        }
    }
    if (Py_EnterRecursiveCall(" while reading the HTML tree's blocks")) {
        Py_DECREF(own);
        return -1;
    }
    int got = reader_element(r, node, tag, look, own);
    Py_LeaveRecursiveCall();
    Py_DECREF(own);
    return got;
}

PyDoc_STRVAR(blocks_doc,
"blocks(root, name, kinds, /)\n--\n\n"
"blocks.py's blocks of the tree root (a Node) of the document called name, as its\n"
"_Reader reads them. kinds is (Node, Text, TextBlock, TableBlock, PreBlock, block tags,\n"
"pre_lines, build_grid, check_text, Text.words).");

static PyObject *
blocks(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "blocks() takes root, name and kinds");
        return NULL;
    }
    PyObject *kinds = args[2];
    if (!PyTuple_Check(kinds) || PyTuple_GET_SIZE(kinds) != 10) {
        PyErr_SetString(PyExc_TypeError, "blocks() wants kinds as a tuple of 10");
        return NULL;
    }
    if (record_type(PyTuple_GET_ITEM(kinds, 0), "Node") < 0 ||
        record_type(PyTuple_GET_ITEM(kinds, 1), "Text") < 0) {
        return NULL;
    }
    if (!PyAnySet_Check(PyTuple_GET_ITEM(kinds, 5))) {
        PyErr_SetString(PyExc_TypeError, "blocks() wants the block tags as a set");
        return NULL;
    }
    for (int i = 2; i < 10; i++) {
        if (i != 5 && !PyCallable_Check(PyTuple_GET_ITEM(kinds, i))) {
            PyErr_SetString(PyExc_TypeError, "blocks() wants the blocks' classes and callables");
            return NULL;
        }
    }
    Reader r = {
        .node_type = (PyTypeObject *)PyTuple_GET_ITEM(kinds, 0),
        .text_type = (PyTypeObject *)PyTuple_GET_ITEM(kinds, 1),
        .text_block = PyTuple_GET_ITEM(kinds, 2),
        .table_block = PyTuple_GET_ITEM(kinds, 3),
        .pre_block = PyTuple_GET_ITEM(kinds, 4),
        .block_tags = PyTuple_GET_ITEM(kinds, 5),
        .pre_lines = PyTuple_GET_ITEM(kinds, 6),
        .build_grid = PyTuple_GET_ITEM(kinds, 7),
        .check_text = PyTuple_GET_ITEM(kinds, 8),
        .words = PyTuple_GET_ITEM(kinds, 9),
        .name = args[1],
        .blocks = PyList_New(0),
    };
    if (r.blocks == NULL) {
        return NULL;
    }
    if (reader_node(&r, args[0], Py_False) < 0 || reader_flush(&r) < 0) {
        Py_CLEAR(r.blocks);
    }
    positioned_free(&r.current);
    positioned_free(&r.cut);
    return r.blocks;
}

/* what grid.py hands over for the grids read here: (GridRow, Grid, GridCell, cell_of,
 * UnreadableInput, (Rule.NONE, SINGLE, DOUBLE), the empty Text, the block tags,
 * (MAX_COLSPAN, MAX_ROWSPAN, MAX_TABLE_SLOTS, MAX_TEXT), GridRow's slots in the order of
 * its fields); borrowed for the call */
static int
grids_of(Walk *w, PyObject *grids)
{
    if (!PyTuple_Check(grids) || PyTuple_GET_SIZE(grids) != 10 ||
        record_type(PyTuple_GET_ITEM(grids, 2), "GridCell") < 0 ||
        !PyType_Check(PyTuple_GET_ITEM(grids, 0)) || !PyType_Check(PyTuple_GET_ITEM(grids, 1)) ||
        !PyCallable_Check(PyTuple_GET_ITEM(grids, 3)) ||
        !PyExceptionClass_Check(PyTuple_GET_ITEM(grids, 4)) ||
        !PyTuple_Check(PyTuple_GET_ITEM(grids, 5)) ||
        PyTuple_GET_SIZE(PyTuple_GET_ITEM(grids, 5)) != 3 ||
        !PyAnySet_Check(PyTuple_GET_ITEM(grids, 7)) ||
        !PyTuple_Check(PyTuple_GET_ITEM(grids, 8)) ||
        PyTuple_GET_SIZE(PyTuple_GET_ITEM(grids, 8)) != 4 ||
        !PyTuple_Check(PyTuple_GET_ITEM(grids, 9)) ||
        PyTuple_GET_SIZE(PyTuple_GET_ITEM(grids, 9)) != 4) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError,
                            "tree() wants grids as (GridRow, Grid, GridCell, cell_of, "
                            "UnreadableInput, rules, empty Text, block tags, limits, "
                            "GridRow's slots)");
        }
        return -1;
    }
    w->row_type = (PyTypeObject *)PyTuple_GET_ITEM(grids, 0);
    w->row_fields = PyTuple_GET_ITEM(grids, 9);
    for (Py_ssize_t i = 0; i < 4; i++) {
        PyObject *field = PyTuple_GET_ITEM(w->row_fields, i);
        if (Py_TYPE(field)->tp_descr_set == NULL ||
            !PyObject_TypeCheck(field, &PyMemberDescr_Type) ||
            ((PyMemberDescrObject *)field)->d_common.d_type != w->row_type) {
            PyErr_SetString(PyExc_TypeError, "tree() wants GridRow's slots as its own");
            return -1;
        }
    }
    w->grid_type = PyTuple_GET_ITEM(grids, 1);
    w->cell_type = (PyTypeObject *)PyTuple_GET_ITEM(grids, 2);
    w->cell_of = PyTuple_GET_ITEM(grids, 3);
    w->unreadable = PyTuple_GET_ITEM(grids, 4);
    PyObject *rules = PyTuple_GET_ITEM(grids, 5);
    w->rule_none = PyTuple_GET_ITEM(rules, 0);
    w->rule_single = PyTuple_GET_ITEM(rules, 1);
    w->rule_double = PyTuple_GET_ITEM(rules, 2);
    w->empty_text = PyTuple_GET_ITEM(grids, 6);
    w->block_tags = PyTuple_GET_ITEM(grids, 7);
    Py_ssize_t *limits[4] = {&w->max_colspan, &w->max_rowspan, &w->max_slots, &w->max_text};
    for (int i = 0; i < 4; i++) {
        *limits[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(PyTuple_GET_ITEM(grids, 8), i));
        if (*limits[i] < 1) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "tree() wants positive limits");
            }
            return -1;
        }
    }
    if (Py_TYPE(w->empty_text) != w->text_type) {
        PyErr_SetString(PyExc_TypeError, "tree() wants the empty Text as a Text");
        return -1;
    }
    w->empty_str = s_empty;
    w->zero = f_zero;
    w->no_name = s_empty;
    w->grids = 1;
    return 0;
}

PyDoc_STRVAR(tree_doc,
"tree(root, tag, seen, text, run_starts, run_ends, tag_starts, tag_ends, kinds, /)\n--\n\n"
"parse.py's positioned tree of the lxml element root (its tag and Look given): the Node,\n"
"or NotImplemented when the document holds what only the Python walk reads.\n"
"kinds is (Node, Text, look, PLAIN, unescape[, grids]); with grids (see grid.py's\n"
"GRIDS), each table that holds no table is read into its Grid (Node.grid, no children).");

static PyObject *
tree(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 9) {
        PyErr_Format(PyExc_TypeError, "tree() takes 9 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *root = args[0], *tag = args[1], *seen = args[2], *text = args[3];
    PyObject *kinds = args[8];
    if (!PyObject_TypeCheck(root, element_type)) {
        PyErr_Format(PyExc_TypeError, "tree() wants an lxml element, not %.100s",
                     Py_TYPE(root)->tp_name);
        return NULL;
    }
    if (!PyUnicode_Check(tag) || !PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "tree() wants the tag and the text as str");
        return NULL;
    }
    if (!PyTuple_Check(kinds) ||
        (PyTuple_GET_SIZE(kinds) != 5 && PyTuple_GET_SIZE(kinds) != 6) ||
        record_type(PyTuple_GET_ITEM(kinds, 0), "Node") < 0 ||
        record_type(PyTuple_GET_ITEM(kinds, 1), "Text") < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError,
                            "tree() wants kinds as (Node, Text, look, PLAIN, unescape[, grids])");
        }
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    xmlNode *el = ((struct LxmlElement *)root)->_c_node;
    if (el == NULL || el->type != XML_ELEMENT_NODE || el->ns != NULL) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Walk w;
    memset(&w, 0, sizeof w);
    w.text = text;
    w.kind = PyUnicode_KIND(text);
    w.data = PyUnicode_DATA(text);
    w.n = PyUnicode_GET_LENGTH(text);
    w.doc = ((struct LxmlElement *)root)->_doc;
    w.node_type = (PyTypeObject *)PyTuple_GET_ITEM(kinds, 0);
    w.text_type = (PyTypeObject *)PyTuple_GET_ITEM(kinds, 1);
    w.look = PyTuple_GET_ITEM(kinds, 2);
    w.plain = PyTuple_GET_ITEM(kinds, 3);
    w.unescape = PyTuple_GET_ITEM(kinds, 4);
    PyObject *result = NULL;
    if (PyTuple_GET_SIZE(kinds) == 6 && PyTuple_GET_ITEM(kinds, 5) != Py_None &&
        grids_of(&w, PyTuple_GET_ITEM(kinds, 5)) < 0) {
        return NULL;
    }
    w.styles = PyDict_New();
    w.minus_one = PyLong_FromLong(-1);
    if (w.styles == NULL || w.minus_one == NULL ||
        offsets(args[4], &w.run_starts, "run_starts") < 0 ||
        offsets(args[5], &w.run_ends, "run_ends") < 0 ||
        offsets(args[6], &w.tag_starts, "tag_starts") < 0 ||
        offsets(args[7], &w.tag_ends, "tag_ends") < 0) {
        goto done;
    }
    w.count = w.tag_starts.size;
    if (w.run_ends.size != w.run_starts.size || w.tag_ends.size != w.count) {
        PyErr_SetString(PyExc_ValueError, "tree() wants runs and tags of matching lengths");
        goto done;
    }
    for (Py_ssize_t i = 0; i < w.run_starts.size; i++) {
        Py_ssize_t s = SIZES(&w.run_starts)[i], e = SIZES(&w.run_ends)[i];
        if (s < 0 || e < s || e > w.n || (i && s < SIZES(&w.run_ends)[i - 1])) {
            PyErr_SetString(PyExc_ValueError, "tree() wants runs in order, inside the text");
            goto done;
        }
    }
    /* flags of the root's look, as style_of reads them */
    int flags = 0;
    {
        PyObject *hidden = PyObject_GetAttrString(seen, "hidden");
        PyObject *display = hidden ? PyObject_GetAttrString(seen, "display") : NULL;
        if (display == NULL) {
            Py_XDECREF(hidden);
            goto done;
        }
        int h = PyObject_IsTrue(hidden), d = PyObject_IsTrue(display);
        if (h < 0 || d < 0) {
            Py_DECREF(hidden);
            Py_DECREF(display);
            goto done;
        }
        int b = bold_flags(seen);
        if (b < 0) {
            Py_DECREF(hidden);
            Py_DECREF(display);
            goto done;
        }
        flags = b | (h ? HIDDEN : 0) | (d ? DISPLAY : 0);
        if (d && PyUnicode_Check(display) &&
            (PyUnicode_CompareWithASCIIString(display, "table") == 0 ||
             PyUnicode_CompareWithASCIIString(display, "inline-table") == 0)) {
            flags |= TABLE;
        }
        Py_DECREF(hidden);
        Py_DECREF(display);
    }
    Py_ssize_t k = ordinal(&w, el);
    if (k == -2) {
        goto done;
    }
    /* blocks.py reads the body from a bold of its own: a bold root is read by it alone */
    int bold = bold_of(el->name, flags, 0);
    if (bold) {
        w.grids = 0;
    }
    result = node(&w, el, tag, k, seen, flags, bold);
    if (result == NULL && w.bail && !PyErr_Occurred()) {
        result = Py_NotImplemented;
        Py_INCREF(result);
    }
done:
    for (int i = 0; i < w.named; i++) {
        Py_DECREF(w.names[i].tag);
    }
    Py_XDECREF(w.styles);
    Py_XDECREF(w.minus_one);
    array_free(&w.run_starts);
    array_free(&w.run_ends);
    array_free(&w.tag_starts);
    array_free(&w.tag_ends);
    array_free(&w.stack);
    array_free(&w.pending);
    array_free(&w.target);
    positioned_free(&w.first);
    positioned_free(&w.piece);
    positioned_free(&w.built);
    PyMem_Free(w.looks);
    return result;
}

/* ---- parse.py's parse without markers ------------------------------------------------ */

/* scan.py marks every start tag with its ordinal (an attribute) so that the walk can tell
 * where each element began; the attribute costs libxml2 an attribute and a text node per
 * element, made and freed (a quarter of its parse).  This parse reads the original text
 * instead and learns the same thing from the parser itself: when libxml2 makes an element,
 * its input stands inside the start tag it read (at its ">", or at the "/" of "/>"), so
 * the element made there with the tag's name is the one that tag made, and its ordinal
 * is kept in the element's spare `psvi` pointer (plus one; NULL: none), read by `ordinal`.
 * An element made there under another name was implied by that tag (html, head, body, p
 * around it) and has none, as it has no marker in the marked copy.
 *
 * It gives the tree of the marked copy, less the markers, only when every start tag the
 * scan found made one element with its name, in order (then every marker would have been
 * read as the first attribute of that element, and the marked copy parses the same); for
 * any other document (a start tag dropped, such as a second <body>; one libxml2 reads as
 * text; an error parse.py's `_parse` refuses a document for), and for a document that is
 * not ASCII (the scan's offsets count characters, libxml2's bytes), it returns
 * NotImplemented and parse.py parses the marked copy.  The parser is libxml2's own, set
 * as lxml's HTMLParser sets it for parse.py (the same options; comments, processing
 * instructions and CDATA nodes not made; names in the parser's dictionary), found by
 * name in lxml's extension module, which carries libxml2; the document is handed to lxml
 * (`adopt_external_document`), which owns and frees it. */

static struct {
    __typeof__(&htmlNewParserCtxt) new_context;
    __typeof__(&htmlCtxtReadMemory) read_memory;
    __typeof__(&xmlFreeParserCtxt) free_context;
    __typeof__(&xmlFreeDoc) free_document;
    __typeof__(&xmlCtxtSetErrorHandler) on_error;
    __typeof__(&xmlDictReference) dict_reference;
    __typeof__(&xmlDictLookup) dict_lookup;
    /* the tree built from the scan's tokens (`build`) */
    __typeof__(&htmlNewDocNoDtD) new_html_doc;
    __typeof__(&xmlDictCreate) dict_create;
    __typeof__(&xmlDictFree) dict_free;
    __typeof__(&xmlNewDocNodeEatName) new_node_eat_name;
    __typeof__(&xmlNewDocTextLen) new_text;
    __typeof__(&htmlTagLookup) tag_lookup;
    int (*auto_close_tag)(htmlDocPtr, const xmlChar *, htmlNodePtr); /* deprecated in 2.14 */
} lib;
static PyObject *adopt; /* lxml.etree.adopt_external_document, or NULL: no `parse` here */
static int builds;      /* libxml2's tree functions `build` uses were found */

static const char CAPSULE[] = "libxml2:xmlDoc";
static const char OWNED[] = "destructor:xmlFreeDoc"; /* lxml then takes the document over */

/* A string the parse put in the document's dictionary, with its length: the same string
 * looked up again is found here by comparing its bytes (`interned_in`), without the
 * dictionary's hash of every byte and its comparison. A document's cells repeat a few
 * style values thousands of times, and the lookups were a seventh of libxml2's parse. */
typedef struct {
    const xmlChar *interned; /* NULL: empty slot */
    size_t length;
} Interning;

#define INTERNING_SLOTS 256 /* per kind, direct-mapped: a miss only costs the lookup */

/* the kept attributes of a document's elements, as strings of its dictionary (`kept_string`) */
typedef struct {
    size_t interned;                   /* bytes of such strings looked up in the dictionary */
    Interning values[INTERNING_SLOTS]; /* kept values met lately (`interned_in`) */
    Interning lists[INTERNING_SLOTS];  /* the strings that list them */
} Kept;

typedef struct {
    startDocumentSAXFunc start_document; /* libxml2's own handlers, called first */
    startElementSAXFunc start_element;
    const char *data; /* the document (ASCII) */
    Py_ssize_t n;
    const Py_ssize_t *starts, *ends; /* the scan's start tags */
    Py_ssize_t count;
    Py_ssize_t next;    /* the first start tag the parser's input is not past */
    Py_ssize_t last;    /* the last start tag that made its element */
    Py_ssize_t claimed; /* start tags that made their element */
    int bad;            /* not the marked copy's tree: parse that instead */
    Kept kept;          /* the kept values interned */
} Marks;

/* what the dictionary may be given of kept attributes, with the document's own length
 * (every name the parser puts there is part of it): far below its limit
 * (XML_MAX_DICTIONARY_LIMIT, which the parser sets without XML_PARSE_HUGE), so that no
 * lookup of the parser's own fails for them (past it the attributes are made as before) */
#define KEPT_BUDGET 20000000

/* the slot of a string of `length` bytes in a table of INTERNING_SLOTS: its length and
 * its first, middle and last eight bytes mixed (two strings of one slot are told apart by
 * their bytes) */
static size_t
interning_slot(const xmlChar *s, size_t length)
{
    uint64_t h = (uint64_t)length * 0x9E3779B97F4A7C15u;
    if (length >= 8) {
        uint64_t a, b, c;
        memcpy(&a, s, 8);
        memcpy(&b, s + length / 2 - 4, 8);
        memcpy(&c, s + length - 8, 8);
        h = (h ^ a) * 0xBF58476D1CE4E5B9u;
        h = (h ^ b) * 0x94D049BB133111EBu;
        h = (h ^ c) * 0x9E3779B97F4A7C15u;
    }
    else {
        for (size_t i = 0; i < length; i++) {
            h = (h ^ s[i]) * 0xBF58476D1CE4E5B9u;
        }
    }
    return (size_t)(h >> 56) % INTERNING_SLOTS;
}

/* xmlDictLookup(dict, s, length) for a string without NUL of `length` bytes: the
 * dictionary's string equal to it, found in `table` when looked up lately (the same
 * pointer the dictionary gives: it gives one string per value), or NULL (out of memory) */
static const xmlChar *
interned_in(Interning *table, xmlDictPtr dict, const xmlChar *s, size_t length)
{
    Interning *slot = &table[interning_slot(s, length)];
    if (slot->interned != NULL && slot->length == length &&
        memcmp(slot->interned, s, length) == 0) {
        return slot->interned;
    }
    const xmlChar *found = lib.dict_lookup(dict, s, (int)length);
    if (found != NULL) {
        slot->interned = found;
        slot->length = length;
    }
    return found;
}

/* the attributes of an element kept in the document's dictionary (_cells.h's `diverted`;
 * the parser's, which the document holds: `document_started`): `read` holds `kept` (at
 * most 3) name and value pairs, each value not NULL; the string that lists them, or NULL
 * (out of budget or memory: make them as attribute nodes) */
static const xmlChar *
kept_string(xmlDictPtr dict, Kept *m, Py_ssize_t n, const xmlChar **read, int kept)
{
    static const char digits[] = "0123456789abcdef";
    size_t size = 1 + (size_t)kept * (1 + KEPT_DIGITS), lengths[3];
    for (int i = 0; i < kept; i++) {
        lengths[i] = strlen((const char *)read[2 * i + 1]);
        size += lengths[i] + 1;
    }
    if (dict == NULL || (size_t)n + m->interned + size > KEPT_BUDGET) {
        return NULL;
    }
    xmlChar list[1 + 3 * (1 + KEPT_DIGITS) + 1];
    xmlChar *at = list;
    *at++ = DIVERTED;
    for (int i = 0; i < kept; i++) {
        const xmlChar *value = interned_in(m->values, dict, read[2 * i + 1], lengths[i]);
        if (value == NULL) {
            return NULL;
        }
        const char *name = (const char *)read[2 * i];
        *at++ = name[0] == 's' ? 's' : name[0] == 'c' ? 'c' : 'r';
        uintptr_t address = (uintptr_t)value;
        for (int d = KEPT_DIGITS - 1; d >= 0; d--) {
            at[d] = (xmlChar)digits[address & 15];
            address >>= 4;
        }
        at += KEPT_DIGITS;
    }
    *at = 0;
    m->interned += size;
    return interned_in(m->lists, dict, list, (size_t)(at - list));
}

/* what ends a tag's name for scan.py (`[^\s/>]`, ASCII) */
static inline int
name_end(unsigned char c)
{
    return c == ' ' || c == '/' || c == '>' || (c >= '\t' && c <= '\r') ||
           (c >= 0x1c && c <= 0x1f);
}

/* the start tag k is named `name` as scan.py reads its name (libxml2 names are lower case) */
static int
named(const Marks *m, Py_ssize_t k, const xmlChar *name)
{
    Py_ssize_t at = m->starts[k] + 1;
    for (; *name; name++, at++) {
        if (at >= m->n) {
            return 0;
        }
        unsigned char c = (unsigned char)m->data[at];
        if (name_end(c)) {
            return 0;
        }
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
        }
        if (c != *name) {
            return 0;
        }
    }
    return at >= m->n || name_end((unsigned char)m->data[at]);
}

/* lxml's own hook: the document's names in the parser's dictionary */
static void
document_started(void *context)
{
    xmlParserCtxtPtr ctxt = context;
    Marks *m = ctxt->_private;
    m->start_document(context);
    xmlDocPtr doc = ctxt->myDoc;
    if (doc != NULL && doc->dict == NULL && ctxt->dict != NULL) {
        doc->dict = ctxt->dict;
        lib.dict_reference(ctxt->dict);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        ctxt->dictNames = 1; /* as lxml's initParserDict sets it */
#pragma GCC diagnostic pop
    }
}

static void
element_started(void *context, const xmlChar *name, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = context;
    Marks *m = ctxt->_private;
    xmlNodePtr before = ctxt->node;
    xmlParserInputPtr input = ctxt->input;
    Py_ssize_t at = -1;
    if (input != NULL && input->base != NULL && input->cur != NULL) {
        at = (Py_ssize_t)input->consumed + (Py_ssize_t)(input->cur - input->base);
    }
    /* the attributes read of an element (parse.py's READ), all of an inline XBRL fact's:
     * no attribute node made and freed for the rest (a quarter of a release's) */
    const xmlChar *read[2 * 3 + 2];
    const xmlChar *kept_off = NULL; /* or the element's attributes kept off it (_cells.h) */
    if (attributes != NULL && attributes[0] != NULL &&
        !(name[0] == 'i' && name[1] == 'x' && name[2] == ':')) {
        int kept = 0, all = 1, valued = 1, twice = 0;
        for (const xmlChar **a = attributes; *a != NULL; a += 2) {
            const char *n = (const char *)a[0];
            if (strcmp(n, "style") == 0 || strcmp(n, "colspan") == 0 ||
                strcmp(n, "rowspan") == 0) {
                if (kept == 3) {
                    all = twice = 1; /* a name twice: left to the parser, as it comes */
                    break;
                }
                read[2 * kept] = a[0];
                read[2 * kept + 1] = a[1];
                valued &= a[1] != NULL;
                kept++;
            }
            else {
                all = 0;
            }
        }
        if (!all) {
            read[2 * kept] = read[2 * kept + 1] = NULL;
            attributes = kept ? read : NULL;
        }
        /* (the root's are read by lxml: parse.py's `_root_tree`) */
        if (kept && valued && !twice && strcmp((const char *)name, "html") != 0 &&
            (kept_off = kept_string(ctxt->myDoc != NULL ? ctxt->myDoc->dict : NULL, &m->kept,
                                   m->n, read, kept)) != NULL) {
            attributes = NULL;
        }
    }
    m->start_element(context, name, attributes);
    xmlNodePtr el = ctxt->node;
    if (el == NULL || el == before || el->type != XML_ELEMENT_NODE || el->psvi != NULL ||
        el->name == NULL) {
        m->bad = 1; /* no element made: depth, memory */
        return;
    }
    el->content = (xmlChar *)kept_off; /* (NULL, as the parser leaves it, for the others) */
    while (m->next < m->count && m->ends[m->next] <= at) {
        m->next++;
    }
    if (m->next < m->count && m->starts[m->next] < at && named(m, m->next, el->name)) {
        if (m->next == m->last) {
            m->bad = 1; /* two elements of one tag */
            return;
        }
        el->psvi = (void *)(intptr_t)(m->next + 1);
        m->last = m->next;
        m->claimed++;
    }
}

/* an error parse.py's `_parse` refuses a document for (fatal, or nesting too deep) */
static void
error_seen(void *data, const xmlError *error)
{
    Marks *m = data;
    if (error == NULL) {
        return;
    }
    if (error->level == XML_ERR_FATAL) {
        m->bad = 1;
        return;
    }
    const char *message = error->message;
    for (; message != NULL && *message; message++) {
        if ((message[0] == 'd' || message[0] == 'D') && strncasecmp(message, "depth", 5) == 0) {
            m->bad = 1;
            return;
        }
    }
}

static void
drop_document(PyObject *capsule)
{
    xmlDocPtr doc = PyCapsule_GetPointer(capsule, CAPSULE);
    if (doc != NULL) {
        lib.free_document(doc);
    } else {
        PyErr_Clear();
    }
}

/* ---- the tree built from the scan's tokens ----------------------------------------------- */

/* libxml2's tokenizer is most of its parse (item 33s of bench/README.md: 1.8 of its 2.4
 * billion instructions a pass), and it finds again what the scan has found: every start
 * tag and every run of text.  `build` makes the tree libxml2's parse would make from the
 * scan's tokens, with libxml2's own tree functions and rules: its start tags that close
 * open elements (`htmlAutoClose`, asked of libxml2's table through `htmlAutoCloseTag`), its
 * end tags that close only past elements of no higher rank (`htmlAutoCloseOnClose`), its
 * void elements and raw-text elements (`htmlTagLookup`), its "/>", its decoding of
 * character references and of "\r", the first of a repeated attribute, its text kept
 * whole where it falls (the parse keeps blanks), and the attributes read kept off the
 * element as `element_started` keeps them.  Whatever it does not do as libxml2 does (an
 * element libxml2 would imply or drop, a reference outside its short table, text where
 * libxml2 would open a body, a comment or raw text read two ways, the depth limit...)
 * declines the document, which libxml2 then parses as before: the tests hold the two
 * trees' walks equal on every corpus document and on generated soup. */

#define BUILD_DEPTH 250 /* below libxml2's limit of 256, which parse.py refuses past */
#define BUILD_TEXT 1000000 /* a longer text: libxml2's limits on a text node are its own */
#define NAME_SLOTS 128  /* (the hashes below give 7 and 8 bits) */
#define CLOSE_SLOTS 256

/* what libxml2's table says of an element name (`htmlTagLookup`, `htmlGetEndPriority`) */
typedef struct {
    const xmlChar *name; /* NULL: empty slot */
    int empty;           /* a void element */
    int mode;            /* its data mode: raw text, script... (0: markup) */
    int priority;        /* the rank an end tag closes past (htmlEndPriority) */
} NameInfo;

typedef struct {
    const xmlChar *opened, *started; /* NULL: empty slot */
    int closes;
} CloseInfo;

typedef struct {
    const char *d; /* the document (ASCII) */
    Py_ssize_t n;
    const Py_ssize_t *ts, *te, *rs, *re; /* the scan's start tags and runs of text */
    Py_ssize_t tags, runs;
    xmlDocPtr doc;
    xmlDictPtr dict;
    xmlNodePtr open[BUILD_DEPTH + 1]; /* the open elements, as libxml2's name stack */
    int depth;
    int seen;      /* libxml2's ctxt->html: 3 once a head was opened, 10 once a body */
    char *text;    /* the characters read since the last element opened or closed */
    size_t length, room;
    int blank;     /* they are all whitespace */
    const xmlChar *s_html, *s_head, *s_body;
    Interning names[INTERNING_SLOTS];
    NameInfo infos[NAME_SLOTS];
    CloseInfo closes[CLOSE_SLOTS];
    Kept kept;
} Builder;

enum { BUILT = 0, DECLINED = 1 };

static inline int
html_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline int
ascii_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* the info of an interned name, looked up in libxml2's tables once per name */
static const NameInfo *
name_info(Builder *b, const xmlChar *name)
{
    NameInfo *slot = &b->infos[((uintptr_t)name * 0x9E3779B97F4A7C15u) >> 57]; /* 128 */
    if (slot->name == name) {
        return slot;
    }
    const htmlElemDesc *desc = lib.tag_lookup(name);
    slot->name = name;
    slot->empty = desc != NULL && desc->empty;
    slot->mode = desc != NULL ? desc->dataMode : 0;
    /* libxml2's htmlEndPriority */
    static const struct {
        const char *name;
        int priority;
    } ranks[] = {{"div", 150},   {"td", 160},    {"th", 160},   {"tr", 170},
                 {"thead", 180}, {"tbody", 180}, {"tfoot", 180}, {"table", 190},
                 {"head", 200},  {"body", 200},  {"html", 220}};
    slot->priority = 100;
    for (size_t i = 0; i < sizeof ranks / sizeof ranks[0]; i++) {
        if (strcmp((const char *)name, ranks[i].name) == 0) {
            slot->priority = ranks[i].priority;
        }
    }
    return slot;
}

/* libxml2's htmlCheckAutoClose(started, opened): a start tag `started` closes an open
 * element `opened`.  htmlAutoCloseTag asks it of a childless node named `started`, but
 * answers no for one name before asking: those pairs of libxml2's htmlStartClose are
 * listed here. */
static int
closes(Builder *b, const xmlChar *started, const xmlChar *opened)
{
    CloseInfo *slot = &b->closes[(((uintptr_t)started * 0x9E3779B97F4A7C15u) ^
                                  ((uintptr_t)opened * 0xBF58476D1CE4E5B9u)) >>
                                 56]; /* 256 */
    if (slot->started == started && slot->opened == opened) {
        return slot->closes;
    }
    int answer;
    if (started == opened) {
        static const char *const twice[] = {"a",  "col",    "colgroup", "form",  "li", "option",
                                            "p",  "tbody",  "td",       "th",    "tr"};
        answer = 0;
        for (size_t i = 0; i < sizeof twice / sizeof twice[0]; i++) {
            answer |= strcmp((const char *)started, twice[i]) == 0;
        }
    }
    else {
        xmlNode probe;
        memset(&probe, 0, sizeof probe);
        probe.type = XML_ELEMENT_NODE;
        probe.name = started;
        answer = lib.auto_close_tag(b->doc, opened, &probe) == 1;
    }
    slot->started = started;
    slot->opened = opened;
    slot->closes = answer;
    return answer;
}

/* the characters read so far made the text node of the open element (libxml2 joins the
 * characters it is given between two elements into one text node) */
static int
flush(Builder *b)
{
    if (b->length == 0) {
        return BUILT;
    }
    if (b->depth == 0) { /* (only blanks get here: libxml2 has no node to give them to) */
        b->length = 0;
        b->blank = 1;
        return BUILT;
    }
    if (b->length > BUILD_TEXT) {
        return DECLINED;
    }
    xmlNodePtr text = lib.new_text(b->doc, (const xmlChar *)b->text, (int)b->length);
    if (text == NULL) {
        return DECLINED;
    }
    xmlNodePtr parent = b->open[b->depth - 1];
    text->parent = parent;
    text->prev = parent->last;
    if (parent->last != NULL) {
        parent->last->next = text;
    }
    else {
        parent->children = text;
    }
    parent->last = text;
    b->length = 0;
    b->blank = 1;
    return BUILT;
}

static int
more_text(Builder *b, const char *s, size_t length)
{
    if (b->length + length > b->room) {
        size_t room = (b->length + length) * 2 + 256;
        char *grown = PyMem_Realloc(b->text, room);
        if (grown == NULL) {
            return DECLINED;
        }
        b->text = grown;
        b->room = room;
    }
    memcpy(b->text + b->length, s, length);
    b->length += length;
    return BUILT;
}

/* where characters land: nowhere before the root and past it (blanks only), blanks only
 * in html and head (other text there opens a body in libxml2: declined) */
static int
text_allowed(const Builder *b)
{
    if (b->depth == 0) {
        return 0;
    }
    const xmlChar *top = b->open[b->depth - 1]->name;
    return top != b->s_html && top != b->s_head;
}

/* the short table of named references decoded here (HTML5's values, as libxml2's table
 * gives them when the name ends with ";"); any other name declines the document */
static const struct {
    const char *name;
    unsigned code;
} NAMED[] = {
    {"nbsp", 0xA0},   {"amp", '&'},      {"lt", '<'},       {"gt", '>'},      {"quot", '"'},
    {"apos", '\''},   {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"mdash", 0x2014},
    {"ndash", 0x2013}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D}, {"ldquo", 0x201C},
    {"bull", 0x2022}, {"middot", 0xB7},  {"sect", 0xA7},    {"para", 0xB6},   {"hellip", 0x2026},
    {"deg", 0xB0},    {"cent", 0xA2},    {"pound", 0xA3},   {"euro", 0x20AC}, {"yen", 0xA5},
    {"times", 0xD7},  {"divide", 0xF7},  {"plusmn", 0xB1},  {"frac12", 0xBD}, {"frac14", 0xBC},
    {"frac34", 0xBE}, {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009}, {"dagger", 0x2020},
    {"Dagger", 0x2021}, {"laquo", 0xAB}, {"raquo", 0xBB},   {"sup1", 0xB9},   {"sup2", 0xB2},
    {"sup3", 0xB3},   {"micro", 0xB5},   {"shy", 0xAD},
};

/* what HTML5 reads the references to U+0080..U+009F as (the C1 controls read as
 * windows-1252, as libxml2 2.14 reads them) */
static const unsigned short WINDOWS_1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static size_t
utf8_of(unsigned code, char *out)
{
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xC0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xE0 | (code >> 12));
        out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code & 0x3F));
    return 4;
}

/* the characters of d[from:to] as libxml2's htmlParseCharData gives them (references
 * decoded when `references`, "\r\n" and "\r" read as "\n"), added to the open element's */
static int
characters(Builder *b, Py_ssize_t from, Py_ssize_t to, int references)
{
    const char *d = b->d;
    Py_ssize_t at = from;
    while (at < to) {
        Py_ssize_t plain = at;
        while (plain < to && d[plain] != '&' && d[plain] != '\r' && d[plain] != '\0') {
            if (b->blank && !html_space((unsigned char)d[plain])) {
                b->blank = 0;
            }
            plain++;
        }
        if (plain > at && more_text(b, d + at, (size_t)(plain - at)) != BUILT) {
            return DECLINED;
        }
        at = plain;
        if (at >= to) {
            break;
        }
        char c = d[at];
        if (c == '\0') {
            return DECLINED; /* (libxml2 reads U+FFFD there) */
        }
        if (c == '\r') { /* "\r\n" read as "\n", and "\r" alone too */
            if (!(at + 1 < to && d[at + 1] == '\n') && more_text(b, "\n", 1) != BUILT) {
                return DECLINED;
            }
            at++;
            continue;
        }
        /* '&' */
        if (!references) {
            if (more_text(b, "&", 1) != BUILT) {
                return DECLINED;
            }
            b->blank = 0;
            at++;
            continue;
        }
        char out[4];
        size_t size = 0;
        if (at + 2 < to && d[at + 1] == '#') {
            int hex = (d[at + 2] | 0x20) == 'x';
            Py_ssize_t k = at + 2 + hex;
            unsigned long code = 0;
            Py_ssize_t digits = 0;
            for (; k < to; k++, digits++) {
                unsigned char ch = (unsigned char)d[k];
                unsigned digit;
                if (ch >= '0' && ch <= '9') {
                    digit = ch - '0';
                }
                else if (hex && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f') {
                    digit = (ch | 0x20) - 'a' + 10;
                }
                else {
                    break;
                }
                code = code * (hex ? 16 : 10) + digit;
                if (code >= 0x110000) {
                    code = 0x110000;
                }
            }
            if (digits == 0) { /* "&#" or "&#x" read as they are */
                if (more_text(b, "&", 1) != BUILT) {
                    return DECLINED;
                }
                b->blank = 0;
                at++;
                continue;
            }
            if (code >= 0x80 && code < 0xA0) { /* read as windows-1252 (HTML5, libxml2) */
                code = WINDOWS_1252[code - 0x80];
            }
            if (k >= to || d[k] != ';' || code == 0 || code == '\r' ||
                (code >= 0xD800 && code < 0xE000) || code > 0x10FFFF) {
                return DECLINED; /* libxml2's remapping, or a reference run on: not here */
            }
            size = utf8_of((unsigned)code, out);
            at = k + 1;
        }
        else if (at + 1 < to && ascii_alpha((unsigned char)d[at + 1])) {
            Py_ssize_t k = at + 1;
            while (k < to && k - at <= 32 &&
                   (ascii_alpha((unsigned char)d[k]) || (d[k] >= '0' && d[k] <= '9'))) {
                k++;
            }
            if (k >= to || d[k] != ';') {
                return DECLINED;
            }
            size_t length = (size_t)(k - at - 1);
            unsigned code = 0;
            for (size_t i = 0; i < sizeof NAMED / sizeof NAMED[0]; i++) {
                if (strlen(NAMED[i].name) == length &&
                    memcmp(NAMED[i].name, d + at + 1, length) == 0) {
                    code = NAMED[i].code;
                    break;
                }
            }
            if (code == 0) {
                return DECLINED;
            }
            size = utf8_of(code, out);
            at = k + 1;
        }
        else if (at + 1 < to || to < b->n) { /* "&" before what no reference starts with */
            out[0] = '&';
            size = 1;
            at++;
        }
        else {
            return DECLINED; /* "&#" at the end of the text: libxml2 reads on */
        }
        if (more_text(b, out, size) != BUILT) {
            return DECLINED;
        }
        if (!(size == 1 && html_space((unsigned char)out[0]))) {
            b->blank = 0;
        }
    }
    return BUILT;
}

/* characters of d[from:to] where libxml2 reads them as text */
static int
run_read(Builder *b, Py_ssize_t from, Py_ssize_t to)
{
    if (characters(b, from, to, 1) != BUILT) {
        return DECLINED;
    }
    if (!b->blank && !text_allowed(b)) {
        return DECLINED;
    }
    if (b->depth == 0) {
        b->length = 0; /* blanks with no element open: libxml2 has no node for them */
        b->blank = 1;
    }
    return BUILT;
}

static int
pop(Builder *b)
{
    if (flush(b) != BUILT) {
        return DECLINED;
    }
    b->depth--;
    return BUILT;
}

/* one past the attributes of a tag from `at`, read as libxml2 reads them (htmlParseStartTag,
 * htmlParseEndTag): at its ">" or the "/" of "/>"; -1 when the text ends first.  When
 * `read` is given, the first value of each attribute parse.py reads (READ) is noted there,
 * by name: style, colspan, rowspan (its start, or -1 when given without a value; -2 when
 * absent), its end and where its name stands. */
static Py_ssize_t
attributes(const Builder *b, Py_ssize_t at, Py_ssize_t read[3][3])
{
    const char *d = b->d;
    Py_ssize_t n = b->n;
    while (at < n && html_space((unsigned char)d[at])) {
        at++;
    }
    while (at < n && d[at] != '>' && !(d[at] == '/' && at + 1 < n && d[at + 1] == '>')) {
        if (d[at] == '/') {
            at++;
            while (at < n && html_space((unsigned char)d[at])) {
                at++;
            }
            continue;
        }
        Py_ssize_t name = at++;
        while (at < n && d[at] != '/' && d[at] != '>' && d[at] != '=' &&
               !html_space((unsigned char)d[at])) {
            at++;
        }
        Py_ssize_t named = at - name;
        while (at < n && html_space((unsigned char)d[at])) {
            at++;
        }
        Py_ssize_t value = -1, end = -1;
        if (at < n && d[at] == '=') {
            at++;
            while (at < n && html_space((unsigned char)d[at])) {
                at++;
            }
            if (at < n && (d[at] == '"' || d[at] == '\'')) {
                const char *close = memchr(d + at + 1, d[at], (size_t)(n - at - 1));
                value = at + 1;
                end = close != NULL ? close - d : n;
                at = close != NULL ? end + 1 : n;
            }
            else {
                value = at;
                while (at < n && d[at] != '>' && !html_space((unsigned char)d[at])) {
                    at++;
                }
                end = at;
            }
        }
        if (read != NULL) {
            int which = -1;
            if (named == 5 && strncasecmp(d + name, "style", 5) == 0) {
                which = 0;
            }
            else if (named == 7 && strncasecmp(d + name, "colspan", 7) == 0) {
                which = 1;
            }
            else if (named == 7 && strncasecmp(d + name, "rowspan", 7) == 0) {
                which = 2;
            }
            if (which >= 0 && read[which][0] == -2) {
                read[which][0] = value;
                read[which][1] = end;
                read[which][2] = name;
            }
        }
        while (at < n && html_space((unsigned char)d[at])) {
            at++;
        }
    }
    return at < n ? at : -1;
}

/* a name as libxml2 reads it at `at` (lower case, to a "/", ">" or blank), interned; NULL
 * when it holds a character the scan and libxml2 could read apart */
static const xmlChar *
tag_name(Builder *b, Py_ssize_t at, Py_ssize_t *end)
{
    char name[64];
    int k = 0;
    const char *d = b->d;
    while (at < b->n && d[at] != '/' && d[at] != '>' && !html_space((unsigned char)d[at])) {
        unsigned char c = (unsigned char)d[at];
        if (k == (int)sizeof name - 1 ||
            !(ascii_alpha(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' ||
              c == '.')) {
            return NULL;
        }
        name[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        at++;
    }
    *end = at;
    return interned_in(b->names, b->dict, (const xmlChar *)name, (size_t)k);
}

/* the start tag k: the elements it closes, its element, its raw text; where reading goes
 * on, or -1 (declined) */
static Py_ssize_t
start_tag(Builder *b, Py_ssize_t k)
{
    const char *d = b->d;
    Py_ssize_t at;
    const xmlChar *name = tag_name(b, b->ts[k] + 1, &at);
    if (name == NULL || (name[0] == 'i' && name[1] == 'x' && name[2] == ':')) {
        return -1; /* (an inline XBRL fact keeps all its attributes: libxml2 makes them) */
    }
    /* htmlAutoClose */
    while (b->depth > 0 && closes(b, name, b->open[b->depth - 1]->name)) {
        if (pop(b) != BUILT) {
            return -1;
        }
    }
    /* htmlCheckImplied and the misplaced html, head and body: any element libxml2 would
     * imply or drop declines the document */
    if (name == b->s_html) {
        if (b->depth > 0) {
            return -1;
        }
    }
    else {
        if (b->depth == 0) {
            return -1;
        }
        if (name == b->s_head) {
            if (b->depth != 1) {
                return -1;
            }
        }
        else if (name == b->s_body) {
            for (int i = 0; i < b->depth; i++) {
                if (b->open[i]->name == b->s_body) {
                    return -1;
                }
            }
        }
        else if (b->seen < 10 || b->depth <= 1) { /* (past a body at depth 2: nothing) */
            const char *s = (const char *)name;
            if (b->depth <= 1 && (strcmp(s, "script") == 0 || strcmp(s, "style") == 0 ||
                                  strcmp(s, "meta") == 0 || strcmp(s, "link") == 0 ||
                                  strcmp(s, "title") == 0 || strcmp(s, "base") == 0)) {
                if (b->seen < 3) {
                    return -1;
                }
            }
            else if (strcmp(s, "noframes") != 0 && strcmp(s, "frame") != 0 &&
                     strcmp(s, "frameset") != 0) {
                if (b->seen < 10) {
                    int inside = 0;
                    for (int i = 0; i < b->depth; i++) {
                        inside |= b->open[i]->name == b->s_body || b->open[i]->name == b->s_head;
                    }
                    if (!inside) {
                        return -1;
                    }
                }
            }
            else {
                return -1;
            }
        }
    }
    Py_ssize_t read[3][3] = {{-2, -2, -2}, {-2, -2, -2}, {-2, -2, -2}};
    Py_ssize_t close = attributes(b, at, read);
    int self_closing = close >= 0 && d[close] == '/';
    if (close < 0 || close + 1 + self_closing != b->te[k]) {
        return -1; /* the tag read to another end than the scan's */
    }
    /* the attributes read, kept off the element as element_started keeps them */
    const xmlChar *kept_off = NULL;
    const xmlChar *pairs[2 * 3 + 2];
    char values[3][1024];
    int kept = 0;
    static const char *const READ_NAMES[] = {"style", "colspan", "rowspan"};
    int order[3] = {0, 1, 2}; /* as the tag gives them, as libxml2 hands them over */
    for (int i = 1; i < 3; i++) {
        for (int j = i; j > 0 && read[order[j]][2] < read[order[j - 1]][2]; j--) {
            int swap = order[j];
            order[j] = order[j - 1];
            order[j - 1] = swap;
        }
    }
    for (int o = 0; o < 3; o++) {
        int i = order[o];
        if (read[i][0] == -2) {
            continue;
        }
        Py_ssize_t from = read[i][0], to = read[i][1];
        if (from < 0 || to - from >= (Py_ssize_t)sizeof values[i] ||
            memchr(d + from, '&', (size_t)(to - from)) != NULL ||
            memchr(d + from, '\r', (size_t)(to - from)) != NULL ||
            memchr(d + from, '\0', (size_t)(to - from)) != NULL) {
            return -1; /* no value, a long one, or one libxml2 decodes: made by libxml2 */
        }
        memcpy(values[i], d + from, (size_t)(to - from));
        values[i][to - from] = 0;
        pairs[2 * kept] = (const xmlChar *)READ_NAMES[i];
        pairs[2 * kept + 1] = (const xmlChar *)values[i];
        kept++;
    }
    if (kept) {
        if (name == b->s_html) {
            return -1; /* (the root's are made as nodes, for lxml to read) */
        }
        kept_off = kept_string(b->dict, &b->kept, b->n, pairs, kept);
        if (kept_off == NULL) {
            return -1;
        }
    }
    if (b->depth >= BUILD_DEPTH || (b->depth == 0 && b->doc->children != NULL) ||
        flush(b) != BUILT) {
        return -1; /* too deep, or a second root */
    }
    xmlNodePtr el = lib.new_node_eat_name(b->doc, NULL, (xmlChar *)name, NULL);
    if (el == NULL) {
        return -1;
    }
    el->psvi = (void *)(intptr_t)(k + 1);
    el->content = (xmlChar *)kept_off;
    xmlNodePtr parent = b->depth ? b->open[b->depth - 1] : (xmlNodePtr)b->doc;
    el->parent = parent;
    el->prev = parent->last;
    if (parent->last != NULL) {
        parent->last->next = el;
    }
    else {
        parent->children = el;
    }
    parent->last = el;
    b->open[b->depth++] = el;
    if (name == b->s_head && b->seen < 3) {
        b->seen = 3;
    }
    if (name == b->s_body && b->seen < 10) {
        b->seen = 10;
    }
    at = b->te[k];
    const NameInfo *info = name_info(b, name);
    if (self_closing || info->empty) {
        b->depth--;
        return at;
    }
    if (info->mode == 0) {
        return at;
    }
    /* raw text: the scan's and libxml2's the same for these three, when a script holds no
     * "<!--" (libxml2's script states) */
    const char *s = (const char *)name;
    int script = strcmp(s, "script") == 0;
    if (!script && strcmp(s, "style") != 0 && strcmp(s, "title") != 0) {
        return -1;
    }
    size_t length = strlen(s);
    Py_ssize_t end = at;
    for (;;) {
        const char *lt = memchr(d + end, '<', (size_t)(b->n - end));
        if (lt == NULL) {
            return -1;
        }
        end = lt - d;
        if (end + 2 + (Py_ssize_t)length < b->n && d[end + 1] == '/' &&
            strncasecmp(d + end + 2, s, length) == 0) {
            unsigned char after = (unsigned char)d[end + 2 + length];
            if (after == '>' || after == '/' || html_space(after)) {
                break;
            }
            if (after == '\v' || (after >= 0x1c && after <= 0x1f)) {
                return -1; /* where the scan's raw text ends, not libxml2's */
            }
        }
        if (script && end + 3 < b->n && d[end + 1] == '!' && d[end + 2] == '-' &&
            d[end + 3] == '-') {
            return -1;
        }
        end++;
    }
    if (characters(b, at, end, strcmp(s, "title") == 0) != BUILT) {
        return -1;
    }
    return end;
}

/* an end tag at `at` ("</" and a letter): the elements it closes; one past it, or -1 */
static Py_ssize_t
end_tag(Builder *b, Py_ssize_t at)
{
    Py_ssize_t after;
    const xmlChar *name = tag_name(b, at + 2, &after);
    if (name == NULL) {
        return -1;
    }
    Py_ssize_t close = attributes(b, after, NULL);
    if (close < 0) {
        return -1; /* the text ends in it: libxml2 drops it, the scan too, but not checked */
    }
    Py_ssize_t past = close + (b->d[close] == '/' ? 2 : 1);
    /* htmlParseEndTag and htmlAutoCloseOnClose */
    int priority = name_info(b, name)->priority;
    int i = b->depth - 1;
    for (; i >= 0; i--) {
        const xmlChar *open = b->open[i]->name;
        if (open == name) {
            break;
        }
        if (name_info(b, open)->priority > priority) {
            return past; /* it may not close past that element: dropped */
        }
    }
    if (i < 0) {
        return past; /* nothing open of its name: dropped */
    }
    while (b->depth > i) {
        if (pop(b) != BUILT) {
            return -1;
        }
    }
    return past;
}

/* the markup d[at:to] between the scan's start tags and runs of text: end tags,
 * comments, a doctype before the root; BUILT when libxml2 reads it so to its end */
static int
markup(Builder *b, Py_ssize_t at, Py_ssize_t to)
{
    const char *d = b->d;
    while (at < to) {
        if (d[at] != '<' || at + 1 >= b->n) {
            return DECLINED;
        }
        char c = d[at + 1];
        if (c == '/') {
            if (at + 2 >= b->n) {
                return DECLINED;
            }
            if (d[at + 2] == '>') {
                at += 3;
            }
            else if (ascii_alpha((unsigned char)d[at + 2])) {
                at = end_tag(b, at);
                if (at < 0) {
                    return DECLINED;
                }
            }
            else { /* a bogus comment, to its ">" */
                const char *gt = memchr(d + at, '>', (size_t)(to - at));
                if (gt == NULL) {
                    return DECLINED;
                }
                at = gt - d + 1;
            }
        }
        else if (c == '!' && at + 3 < b->n && d[at + 2] == '-' && d[at + 3] == '-') {
            Py_ssize_t from = at + 4;
            if (from < b->n && d[from] == '>') {
                at = from + 1;
            }
            else if (from + 1 < b->n && d[from] == '-' && d[from + 1] == '>') {
                at = from + 2;
            }
            else {
                /* to its first "-->" or "--!>" (libxml2), which must be the scan's "-->" */
                Py_ssize_t end = -1;
                for (Py_ssize_t k = from; k + 2 < to; k++) {
                    const char *dash = memchr(d + k, '-', (size_t)(to - k));
                    if (dash == NULL) {
                        break;
                    }
                    k = dash - d;
                    if (k + 2 < b->n && d[k + 1] == '-' && d[k + 2] == '>') {
                        end = k + 3;
                        break;
                    }
                    if (k + 3 < b->n && d[k + 1] == '-' && d[k + 2] == '!' && d[k + 3] == '>') {
                        return DECLINED;
                    }
                }
                if (end < 0) {
                    return DECLINED;
                }
                at = end;
            }
        }
        else if (c == '!' || c == '?') {
            /* a doctype (before the root only: libxml2 makes no node of it here, as the
             * parse is set) or a bogus comment: to the first ">" */
            if (c == '!' && at + 9 <= b->n && strncasecmp(d + at + 2, "DOCTYPE", 7) == 0 &&
                b->doc->children != NULL) {
                return DECLINED;
            }
            const char *gt = memchr(d + at, '>', (size_t)(to - at));
            if (gt == NULL) {
                return DECLINED;
            }
            at = gt - d + 1;
        }
        else {
            return DECLINED;
        }
    }
    return at == to ? BUILT : DECLINED;
}

/* the document built from the scan's tokens, or NULL (declined: libxml2 parses it) */
static xmlDocPtr
build(const char *d, Py_ssize_t n, const Py_ssize_t *ts, const Py_ssize_t *te, Py_ssize_t tags,
      const Py_ssize_t *rs, const Py_ssize_t *re, Py_ssize_t runs)
{
    Builder *b = PyMem_Calloc(1, sizeof(Builder));
    if (b == NULL) {
        return NULL;
    }
    b->d = d;
    b->n = n;
    b->ts = ts;
    b->te = te;
    b->rs = rs;
    b->re = re;
    b->tags = tags;
    b->runs = runs;
    b->blank = 1;
    b->doc = lib.new_html_doc(NULL, NULL);
    b->dict = lib.dict_create();
    int ok = b->doc != NULL && b->dict != NULL;
    if (ok) {
        b->doc->dict = b->dict; /* the document owns it (xmlFreeDoc frees it) */
        b->s_html = lib.dict_lookup(b->dict, (const xmlChar *)"html", 4);
        b->s_head = lib.dict_lookup(b->dict, (const xmlChar *)"head", 4);
        b->s_body = lib.dict_lookup(b->dict, (const xmlChar *)"body", 4);
        ok = b->s_html != NULL && b->s_head != NULL && b->s_body != NULL;
    }
    else if (b->dict != NULL) {
        lib.dict_free(b->dict);
    }
    Py_ssize_t at = 0, t = 0, r = 0;
    while (ok && at < n) {
        Py_ssize_t next_tag = t < tags ? ts[t] : n;
        Py_ssize_t next_run = r < runs ? rs[r] : n;
        if (at > next_tag || at > next_run) {
            ok = 0; /* read past the scan's next token */
        }
        else if (at == next_tag) {
            at = start_tag(b, t++);
            ok = at >= 0;
        }
        else if (at == next_run) {
            ok = run_read(b, at, re[r]) == BUILT;
            at = re[r++];
        }
        else {
            Py_ssize_t to = next_tag < next_run ? next_tag : next_run;
            ok = markup(b, at, to) == BUILT;
            at = to;
        }
    }
    ok = ok && t == tags && r == runs && flush(b) == BUILT && b->doc->children != NULL;
    xmlDocPtr doc = b->doc;
    PyMem_Free(b->text);
    PyMem_Free(b);
    if (!ok && doc != NULL) {
        lib.free_document(doc);
        doc = NULL;
    }
    return doc;
}

PyDoc_STRVAR(parse_doc,
"parse(text, tag_starts, tag_ends, run_starts=None, run_ends=None, fallback=True, /)\n--\n\n"
"The root element of the ASCII document text parsed by libxml2 as parse.py parses its\n"
"marked copy, each element made by a start tag of the scan carrying that tag's ordinal\n"
"for tree(); NotImplemented when that tree would not be the marked copy's (parse the\n"
"marked copy then). Given the scan's runs of text, the tree is built from the scan's\n"
"tokens where libxml2 would make the same (`build`), else parsed by libxml2 (or, when\n"
"fallback is false, NotImplemented).");

static PyObject *
parse(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3 && nargs != 5 && nargs != 6) {
        PyErr_Format(PyExc_TypeError, "parse() takes 3, 5 or 6 arguments (%zd given)", nargs);
        return NULL;
    }
    int fallback = nargs < 6 ? 1 : PyObject_IsTrue(args[5]);
    if (fallback < 0) {
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "parse() wants the document as a str");
        return NULL;
    }
    if (adopt == NULL || !PyUnicode_IS_ASCII(text) || PyUnicode_GET_LENGTH(text) > INT_MAX) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    /* the offsets read in place (copies of these large arrays were a tenth of the build) */
    Py_buffer views[4] = {{0}, {0}, {0}, {0}};
    const Py_ssize_t *tag_starts = NULL, *tag_ends = NULL, *rs = NULL, *re = NULL;
    Py_ssize_t tags = 0, tags_ended = 0, runs = 0, runs_ended = 0;
    PyObject *result = NULL;
    xmlDocPtr doc = NULL;
    if (viewed(args[1], &views[0], &tag_starts, &tags, "tag_starts") < 0 ||
        viewed(args[2], &views[1], &tag_ends, &tags_ended, "tag_ends") < 0) {
        goto done;
    }
    if (tags != tags_ended) {
        PyErr_SetString(PyExc_ValueError, "parse() wants tags of matching lengths");
        goto done;
    }
    Marks m;
    memset(&m, 0, sizeof m);
    m.data = (const char *)PyUnicode_1BYTE_DATA(text);
    m.n = PyUnicode_GET_LENGTH(text);
    m.starts = tag_starts;
    m.ends = tag_ends;
    m.count = tags;
    m.last = -1;
    for (Py_ssize_t i = 0; i < m.count; i++) {
        if (m.starts[i] < 0 || m.ends[i] <= m.starts[i] || m.ends[i] > m.n ||
            (i && m.starts[i] < m.ends[i - 1])) {
            PyErr_SetString(PyExc_ValueError, "parse() wants tags in order, inside the text");
            goto done;
        }
    }
    int given_runs = nargs >= 5 && args[3] != Py_None && args[4] != Py_None;
    if (given_runs) {
        if (viewed(args[3], &views[2], &rs, &runs, "run_starts") < 0 ||
            viewed(args[4], &views[3], &re, &runs_ended, "run_ends") < 0) {
            goto done;
        }
        if (runs != runs_ended) {
            PyErr_SetString(PyExc_ValueError, "parse() wants runs of matching lengths");
            goto done;
        }
        for (Py_ssize_t i = 0; i < runs; i++) {
            if (rs[i] < 0 || re[i] <= rs[i] || re[i] > m.n || (i && rs[i] < re[i - 1])) {
                PyErr_SetString(PyExc_ValueError, "parse() wants runs in order, inside the text");
                goto done;
            }
        }
        if (builds) {
            doc = build(m.data, m.n, m.starts, m.ends, m.count, rs, re, runs);
        }
        if (doc == NULL && !fallback) {
            result = Py_NotImplemented;
            Py_INCREF(result);
            goto done;
        }
    }
    if (doc != NULL) {
        goto adopted;
    }
    htmlParserCtxtPtr ctxt = lib.new_context();
    if (ctxt == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    ctxt->_private = &m;
    xmlSAXHandlerPtr sax = ctxt->sax;
    m.start_document = sax->startDocument;
    m.start_element = sax->startElement;
    if (m.start_document == NULL || m.start_element == NULL) {
        lib.free_context(ctxt);
        result = Py_NotImplemented;
        Py_INCREF(result);
        goto done;
    }
    sax->startDocument = document_started;
    sax->startElement = element_started;
    sax->comment = NULL;               /* remove_comments=True */
    sax->processingInstruction = NULL; /* remove_pis=True */
    sax->cdataBlock = NULL;            /* strip_cdata=True, lxml's default */
    lib.on_error(ctxt, error_seen, &m);
    doc = lib.read_memory(ctxt, m.data, (int)m.n, NULL, "utf-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD);
    lib.free_context(ctxt);
    if (doc == NULL || m.bad || m.claimed != m.count) {
        if (doc != NULL) {
            lib.free_document(doc);
        }
        result = Py_NotImplemented;
        Py_INCREF(result);
        goto done;
    }
adopted:
    doc->psvi = POSITIONED;
    PyObject *capsule = PyCapsule_New(doc, CAPSULE, drop_document);
    if (capsule == NULL) {
        lib.free_document(doc);
        goto done;
    }
    if (PyCapsule_SetContext(capsule, (void *)OWNED) < 0) {
        Py_DECREF(capsule);
        goto done;
    }
    PyObject *tree = PyObject_CallOneArg(adopt, capsule);
    Py_DECREF(capsule); /* lxml owns the document now (or the capsule frees it) */
    if (tree == NULL) {
        goto done;
    }
    PyObject *root = PyObject_CallMethod(tree, "getroot", NULL);
    Py_DECREF(tree);
    if (root == NULL) {
        goto done;
    }
    if (root == Py_None) {
        Py_DECREF(root);
        result = Py_NotImplemented;
        Py_INCREF(result);
        goto done;
    }
    result = root;
done:
    for (int i = 0; i < 4; i++) {
        if (views[i].obj != NULL) {
            PyBuffer_Release(&views[i]);
        }
    }
    return result;
}

/* libxml2's functions from lxml's extension module (its wheels link libxml2 in and export
 * it); 0, or -1 when one is not there (then `parse` always hands the document back) */
static int
find_libxml2(void)
{
    PyObject *etree = PyImport_ImportModule("lxml.etree");
    if (etree == NULL) {
        return -1;
    }
    PyObject *file = PyObject_GetAttrString(etree, "__file__");
    PyObject *adopting = PyObject_GetAttrString(etree, "adopt_external_document");
    Py_DECREF(etree);
    const char *path = file != NULL && PyUnicode_Check(file) ? PyUnicode_AsUTF8(file) : NULL;
    void *handle = path != NULL ? dlopen(path, RTLD_NOW | RTLD_NOLOAD) : NULL;
    int found = 0;
    if (handle != NULL && adopting != NULL) {
        *(void **)&lib.new_context = dlsym(handle, "htmlNewParserCtxt");
        *(void **)&lib.read_memory = dlsym(handle, "htmlCtxtReadMemory");
        *(void **)&lib.free_context = dlsym(handle, "xmlFreeParserCtxt");
        *(void **)&lib.free_document = dlsym(handle, "xmlFreeDoc");
        *(void **)&lib.on_error = dlsym(handle, "xmlCtxtSetErrorHandler");
        *(void **)&lib.dict_reference = dlsym(handle, "xmlDictReference");
        *(void **)&lib.dict_lookup = dlsym(handle, "xmlDictLookup");
        *(void **)&new_prop = dlsym(handle, "xmlNewProp");
        *(void **)&lib.new_html_doc = dlsym(handle, "htmlNewDocNoDtD");
        *(void **)&lib.dict_create = dlsym(handle, "xmlDictCreate");
        *(void **)&lib.dict_free = dlsym(handle, "xmlDictFree");
        *(void **)&lib.new_node_eat_name = dlsym(handle, "xmlNewDocNodeEatName");
        *(void **)&lib.new_text = dlsym(handle, "xmlNewDocTextLen");
        *(void **)&lib.tag_lookup = dlsym(handle, "htmlTagLookup");
        *(void **)&lib.auto_close_tag = dlsym(handle, "htmlAutoCloseTag");
        builds = lib.new_html_doc && lib.dict_create && lib.dict_free &&
                 lib.new_node_eat_name && lib.new_text && lib.tag_lookup && lib.auto_close_tag;
        found = lib.new_context && lib.read_memory && lib.free_context && lib.free_document &&
                lib.on_error && lib.dict_reference && lib.dict_lookup && new_prop;
        dlclose(handle); /* lxml.etree stays loaded: the NOLOAD handle was one more reference */
    }
    Py_XDECREF(file);
    PyErr_Clear();
    if (found) {
        adopt = adopting; /* held for the life of the process */
        return 0;
    }
    Py_XDECREF(adopting);
    return -1;
}

static PyMethodDef methods[] = {
    {"parse", (PyCFunction)(void (*)(void))parse, METH_FASTCALL, parse_doc},
    {"tree", (PyCFunction)(void (*)(void))tree, METH_FASTCALL, tree_doc},
    {"blocks", (PyCFunction)(void (*)(void))blocks, METH_FASTCALL, blocks_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.readers.html._tree",
    "The positioned tree of tieout.readers.html.parse, compiled (same outputs).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__tree(void)
{
    element_type = lxml_element_type(); /* held for the life of the process */
    if (element_type == NULL) {
        return NULL;
    }
    static const Interned names[] = {
        {&s_top, "top"},       {&s_bottom, "bottom"}, {&s_underline, "underline"},
        {&s_indent, "indent"}, {&s_raised, "raised"}, {&s_words, "words"},
        {&s_empty, ""},        {&s_bold, "bold"},     {&s_display, "display"},
        {&s_table, "table"},   {&s_inline_table, "inline-table"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    f_zero = PyFloat_FromDouble(0.0); /* held for the life of the process */
    if (f_zero == NULL) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&module_def);
    if (module != NULL &&
        (PyModule_AddIntConstant(module, "MAX_TEXT", MAX_TEXT) < 0 ||
         PyModule_AddObjectRef(module, "PARSES", find_libxml2() == 0 ? Py_True : Py_False) < 0)) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
