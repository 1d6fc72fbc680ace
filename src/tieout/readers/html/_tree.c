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
 * Memory: every array is grown with PyMem_Realloc and freed on every path; the children
 * of the nodes being built wait on one stack of new references, released on error.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "lxml-version.h"
#include "etree_api.h"
#include "_lxml_guard.h"
#include "_record.h"
#include "_text_pieces.h"

static const char ATTR[] = "data-tieout-at";
#define MAX_TEXT 1000000 /* limits.MAX_TEXT (the module's MAX_TEXT; a test holds them equal) */
static const char *const SKIP[] = {
    "head", "script", "style", "noscript", "template", "title", "meta", "link", NULL};

static PyTypeObject *element_type;  /* lxml.etree._Element */
/* the psvi of a document `parse` made: its elements carry their ordinals (see there) */
static const char positioned_mark = 0;
#define POSITIONED ((void *)&positioned_mark)

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
    PyObject *minus_one;
    Array stack;   /* PyObject *: children of the nodes being built (NULL: no text) */
    Array pending; /* Pending: blank texts of rows elements held back */
    struct {
        const xmlChar *name;
        PyObject *tag;
    } names[64];
    int named;
    /* scratch */
    Array target; /* Py_UCS4: the parsed text without whitespace */
    Positioned first, piece, built;
} Walk;

enum { HIDDEN = 1, DISPLAY = 2, TABLE = 4 };

/* Text(value, ((0, offset),)) */
static PyObject *
text_at(Walk *w, PyObject *value, Py_ssize_t offset)
{
    PyObject *pieces = Py_BuildValue("((in))", 0, offset);
    if (pieces == NULL) {
        return NULL;
    }
    Py_INCREF(value);
    PyObject *items[2] = {value, pieces};
    return record(w->text_type, items, 2);
}

/* Text of a Positioned */
static PyObject *
text_of(Walk *w, const Positioned *p)
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
        PyObject *pair = Py_BuildValue("(nn)", SIZES(&p->pieces)[2 * i],
                                       SIZES(&p->pieces)[2 * i + 1]);
        if (pair == NULL) {
            Py_DECREF(value);
            Py_DECREF(pieces);
            return NULL;
        }
        PyTuple_SET_ITEM(pieces, i, pair);
    }
    PyObject *items[2] = {value, pieces};
    return record(w->text_type, items, 2);
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
enum { ABSENT, SIMPLE, COMPLEX };

static int
attribute(xmlNode *el, const char *name, const xmlChar **raw)
{
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
    case SIMPLE:
        style = PyUnicode_DecodeUTF8((const char *)raw, (Py_ssize_t)strlen((const char *)raw),
                                     NULL);
        break;
    default:
        style = attributeValueFromNsName(el, NULL, (const xmlChar *)"style");
    }
    if (style == NULL) {
        return -1;
    }
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
    int ok = display != NULL;
    if (ok) {
        int h = PyObject_IsTrue(hidden);
        int d = PyObject_IsTrue(display);
        ok = h >= 0 && d >= 0;
        f = (h ? HIDDEN : 0) | (d ? DISPLAY : 0);
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

/* the text or tail of an element as a child: matched to its run, or where the parser read it */
static int
push_text(Walk *w, PyObject *value, Py_ssize_t at)
{
    if (value == Py_None || PyUnicode_GET_LENGTH(value) == 0) {
        Py_DECREF(value);
        return 0;
    }
    PyObject *found = NULL;
    if (not_blank(value) && match(w, value, at, &found) < 0) {
        Py_DECREF(value);
        return -1;
    }
    if (found == NULL) {
        found = text_at(w, value, at);
    }
    Py_DECREF(value);
    if (found == NULL) {
        return -1;
    }
    return push(w, found);
}

static int
skipped(const xmlChar *name)
{
    for (int i = 0; SKIP[i] != NULL; i++) {
        if (strcmp((const char *)name, SKIP[i]) == 0) {
            return 1;
        }
    }
    return 0;
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

/* parse.py's node(): a new Node, or NULL on error or when bailing (no error set) */
static PyObject *
node(Walk *w, xmlNode *el, PyObject *tag, Py_ssize_t k, PyObject *seen, int flags)
{
    if (Py_EnterRecursiveCall(" while building the HTML tree")) {
        return NULL;
    }
    const char *cname = (const char *)el->name;
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
        int hide = skipped(c->name);
        PyObject *look = NULL;
        int f = 0;
        if (!hide) {
            if (style_of(w, c, &look, &f) < 0) {
                goto error;
            }
            hide = f & HIDDEN;
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
            PyObject *child = node(w, c, name, kc, look, f);
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
        kept = (PyObject *)elementFactory(w->doc, el);
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
    PyObject *items[6] = {tag, kept, seen, start, children, PyBool_FromLong(holds)};
    w->pre -= pre;
    Py_LeaveRecursiveCall();
    return record(w->node_type, items, 6);

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

/* ---- the module --------------------------------------------------------------------- */

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

PyDoc_STRVAR(tree_doc,
"tree(root, tag, seen, text, run_starts, run_ends, tag_starts, tag_ends, kinds, /)\n--\n\n"
"parse.py's positioned tree of the lxml element root (its tag and Look given): the Node,\n"
"or NotImplemented when the document holds what only the Python walk reads.\n"
"kinds is (Node, Text, look, PLAIN, unescape).");

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
    if (!PyTuple_Check(kinds) || PyTuple_GET_SIZE(kinds) != 5 ||
        record_type(PyTuple_GET_ITEM(kinds, 0), "Node") < 0 ||
        record_type(PyTuple_GET_ITEM(kinds, 1), "Text") < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError,
                            "tree() wants kinds as (Node, Text, look, PLAIN, unescape)");
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
        flags = (h ? HIDDEN : 0) | (d ? DISPLAY : 0);
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
    result = node(&w, el, tag, k, seen, flags);
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
} lib;
static PyObject *adopt; /* lxml.etree.adopt_external_document, or NULL: no `parse` here */

static const char CAPSULE[] = "libxml2:xmlDoc";
static const char OWNED[] = "destructor:xmlFreeDoc"; /* lxml then takes the document over */

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
} Marks;

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
    if (attributes != NULL && attributes[0] != NULL &&
        !(name[0] == 'i' && name[1] == 'x' && name[2] == ':')) {
        int kept = 0, all = 1;
        for (const xmlChar **a = attributes; *a != NULL; a += 2) {
            const char *n = (const char *)a[0];
            if (strcmp(n, "style") == 0 || strcmp(n, "colspan") == 0 ||
                strcmp(n, "rowspan") == 0) {
                if (kept == 3) {
                    all = 1; /* a name twice: left to the parser, as it comes */
                    break;
                }
                read[2 * kept] = a[0];
                read[2 * kept + 1] = a[1];
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
    }
    m->start_element(context, name, attributes);
    xmlNodePtr el = ctxt->node;
    if (el == NULL || el == before || el->type != XML_ELEMENT_NODE || el->psvi != NULL ||
        el->name == NULL) {
        m->bad = 1; /* no element made: depth, memory */
        return;
    }
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

PyDoc_STRVAR(parse_doc,
"parse(text, tag_starts, tag_ends, /)\n--\n\n"
"The root element of the ASCII document text parsed by libxml2 as parse.py parses its\n"
"marked copy, each element made by a start tag of the scan carrying that tag's ordinal\n"
"for tree(); NotImplemented when that tree would not be the marked copy's (parse the\n"
"marked copy then).");

static PyObject *
parse(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "parse() takes 3 arguments (%zd given)", nargs);
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
    Array starts = {0}, ends = {0};
    PyObject *result = NULL;
    if (offsets(args[1], &starts, "tag_starts") < 0 || offsets(args[2], &ends, "tag_ends") < 0) {
        goto done;
    }
    if (starts.size != ends.size) {
        PyErr_SetString(PyExc_ValueError, "parse() wants tags of matching lengths");
        goto done;
    }
    Marks m;
    memset(&m, 0, sizeof m);
    m.data = (const char *)PyUnicode_1BYTE_DATA(text);
    m.n = PyUnicode_GET_LENGTH(text);
    m.starts = SIZES(&starts);
    m.ends = SIZES(&ends);
    m.count = starts.size;
    m.last = -1;
    for (Py_ssize_t i = 0; i < m.count; i++) {
        if (m.starts[i] < 0 || m.ends[i] <= m.starts[i] || m.ends[i] > m.n ||
            (i && m.starts[i] < m.ends[i - 1])) {
            PyErr_SetString(PyExc_ValueError, "parse() wants tags in order, inside the text");
            goto done;
        }
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
    xmlDocPtr doc = lib.read_memory(ctxt, m.data, (int)m.n, NULL, "utf-8",
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
    array_free(&starts);
    array_free(&ends);
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
        found = lib.new_context && lib.read_memory && lib.free_context && lib.free_document &&
                lib.on_error && lib.dict_reference;
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
    PyObject *module = PyModule_Create(&module_def);
    if (module != NULL &&
        (PyModule_AddIntConstant(module, "MAX_TEXT", MAX_TEXT) < 0 ||
         PyModule_AddObjectRef(module, "PARSES", find_libxml2() == 0 ? Py_True : Py_False) < 0)) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
