/* The tag scan of scan.py in C: the same tokens, the same marked copy, the same runs.
 *
 * scan.py's pure-Python `_scan_python` (one regular expression, `_TOKEN`, stepped over the
 * document) is the specification; this module does the same pass without a Python loop per
 * token and is used when it imports.  Every step below names the part of `_TOKEN` it
 * stands for; each is a forward scan that never steps back further than the start of the
 * token it reads, as the expression's possessive and atomic parts never backtrack.
 *
 * Case-insensitive names follow Python's `re` on str patterns: a letter of a raw-text
 * element's name matches its two ASCII cases, and also U+0130 and U+0131 for "i" and
 * U+017F for "s"; the end tag that closes a raw-text element is found by comparing the
 * simple lowercase of each character (as `re` compares a case-insensitive back-reference).
 * `\s` is Python's Unicode whitespace (Py_UNICODE_ISSPACE) and `[^\W\d_]` a word character
 * that is neither a decimal digit nor "_".
 *
 * Memory: offsets are gathered in arrays grown with PyMem_Realloc and freed on every path;
 * the marked copy (`mark`, made only when it is asked for) is one new str of the
 * document's own kind, sized before it is filled.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static const char ATTR_HEAD[] = " data-tieout-at=\"";

typedef struct {
    Py_ssize_t *items;
    Py_ssize_t size;
    Py_ssize_t capacity;
} Offsets;

static int
offsets_push(Offsets *a, Py_ssize_t value)
{
    if (a->size == a->capacity) {
        Py_ssize_t capacity = a->capacity ? a->capacity * 2 : 64;
        if ((size_t)capacity > PY_SSIZE_T_MAX / sizeof(Py_ssize_t)) {
            PyErr_NoMemory();
            return -1;
        }
        Py_ssize_t *items = PyMem_Realloc(a->items, (size_t)capacity * sizeof(Py_ssize_t));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        a->items = items;
        a->capacity = capacity;
    }
    a->items[a->size++] = value;
    return 0;
}

/* the offsets as bytes of native 64-bit integers (what array("q") reads with frombytes):
 * no int object per offset, to make now or to free with the scan */
static PyObject *
offsets_bytes(const Offsets *a)
{
    if ((size_t)a->size > PY_SSIZE_T_MAX / sizeof(long long)) {
        return PyErr_NoMemory();
    }
    PyObject *result = PyBytes_FromStringAndSize(NULL, a->size * (Py_ssize_t)sizeof(long long));
    if (result == NULL) {
        return NULL;
    }
    long long *out = (long long *)PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < a->size; i++) {
        out[i] = (long long)a->items[i];
    }
    return result;
}

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Doc;

#define CH(d, i) PyUnicode_READ((d)->kind, (d)->data, (i))

/* [ \t\n\r\f]: _SPACE, the spaces of _TAG_REST */
static inline int
ascii_space(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* [^\s/>]: a character of a tag's name */
static inline int
name_char(Py_UCS4 c)
{
    return !(Py_UNICODE_ISSPACE(c) || c == '/' || c == '>');
}

/* [^\W\d_]: what may follow "</" in an end tag */
static inline int
letter(Py_UCS4 c)
{
    if (c < 128) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c) && c != '_';
}

/* c matches the lowercase ASCII letter `lower` under re's IGNORECASE on str */
static inline int
folds_to(Py_UCS4 c, char lower)
{
    if (c < 128) {
        return (Py_UCS4)(c | 0x20) == (Py_UCS4)lower && c >= 'A';
    }
    return (lower == 'i' && (c == 0x130 || c == 0x131)) || (lower == 's' && c == 0x17f);
}

/* the first offset >= from holding c, or -1 */
static Py_ssize_t
find_char(const Doc *d, Py_ssize_t from, Py_UCS4 c)
{
    if (from >= d->n) {
        return -1;
    }
    if (d->kind == PyUnicode_1BYTE_KIND) {
        if (c > 255) {
            return -1;
        }
        const Py_UCS1 *base = (const Py_UCS1 *)d->data;
        const void *hit = memchr(base + from, (int)c, (size_t)(d->n - from));
        return hit == NULL ? -1 : (Py_ssize_t)((const Py_UCS1 *)hit - base);
    }
    for (Py_ssize_t i = from; i < d->n; i++) {
        if (CH(d, i) == c) {
            return i;
        }
    }
    return -1;
}

/* _TAG_REST from p: one past the ">" outside quoted values, or the end of the text */
static Py_ssize_t
tag_rest(const Doc *d, Py_ssize_t p)
{
    while (p < d->n) {
        Py_UCS4 c = CH(d, p);
        if (c == '>') {
            return p + 1;
        }
        p++;
        if (c == '=') {
            while (p < d->n && ascii_space(CH(d, p))) {
                p++;
            }
            if (p < d->n) {
                Py_UCS4 quote = CH(d, p);
                if (quote == '"' || quote == '\'') {
                    Py_ssize_t close = find_char(d, p + 1, quote);
                    if (close < 0) {
                        return d->n;
                    }
                    p = close + 1;
                }
            }
        }
    }
    return d->n;
}

/* the characters quick() acts on (">", a quote, "="): a text of one byte a character
 * steps over the others by this table, where a character is read by its kind */
static const unsigned char QUICK_STOPS[256] = {['>'] = 1, ['"'] = 1, ['\''] = 1, ['='] = 1};

/* _QUICK from p: one past the tag's ">" when all its quotes follow "=", else -1 */
static Py_ssize_t
quick(const Doc *d, Py_ssize_t p)
{
    const Py_UCS1 *bytes = d->kind == PyUnicode_1BYTE_KIND ? (const Py_UCS1 *)d->data : NULL;
    while (p < d->n) {
        if (bytes != NULL) {
            while (p < d->n && !QUICK_STOPS[bytes[p]]) {
                p++;
            }
            if (p >= d->n) {
                break;
            }
        }
        Py_UCS4 c = CH(d, p);
        if (c == '>') {
            return p + 1;
        }
        if (c == '"' || c == '\'') {
            return -1;
        }
        if (c == '=') {
            Py_ssize_t q = p + 1;
            while (q < d->n && Py_UNICODE_ISSPACE(CH(d, q))) {
                q++;
            }
            if (q < d->n) {
                Py_UCS4 quote = CH(d, q);
                if (quote == '"' || quote == '\'') {
                    Py_ssize_t close = find_char(d, q + 1, quote);
                    if (close < 0) {
                        return -1;
                    }
                    p = close + 1;
                    continue;
                }
            }
        }
        p++;
    }
    return -1;
}

/* the raw-text element's name at p: its length, or 0; (?i:script|...)(?![^\s/>]) */
static const char *const RAW_NAMES[] = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", NULL};
static const Py_ssize_t RAW_SIZES[] = {6, 5, 8, 5, 3, 6, 7};

static Py_ssize_t
name_at(const Doc *d, Py_ssize_t p, const char *name, Py_ssize_t size)
{
    if (p + size > d->n) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        if (!folds_to(CH(d, p + i), name[i])) {
            return 0;
        }
    }
    if (p + size < d->n && name_char(CH(d, p + size))) {
        return 0;
    }
    return size;
}

/* .*?(?=</(?P=raw)[\s/>]) from p, else .*: where the raw text at p ends */
static Py_ssize_t
raw_end(const Doc *d, Py_ssize_t p, Py_ssize_t name, Py_ssize_t size)
{
    Py_ssize_t q = p;
    while ((q = find_char(d, q, '<')) >= 0) {
        Py_ssize_t after = q + 2 + size;
        if (after < d->n && CH(d, q + 1) == '/') {
            Py_ssize_t i = 0;
            while (i < size && Py_UNICODE_TOLOWER(CH(d, q + 2 + i)) ==
                                   Py_UNICODE_TOLOWER(CH(d, name + i))) {
                i++;
            }
            if (i == size) {
                Py_UCS4 c = CH(d, after);
                if (Py_UNICODE_ISSPACE(c) || c == '/' || c == '>') {
                    return q;
                }
            }
        }
        q++;
    }
    return d->n;
}

/* The token of _TOKEN at p (d[p] is "<"): its end, or -1 when none starts there.  For a
 * start tag, *cut is where its name ends and *tag_end one past the tag itself. */
static Py_ssize_t
token(const Doc *d, Py_ssize_t p, Py_ssize_t *cut, Py_ssize_t *tag_end)
{
    Py_ssize_t n = d->n;
    *cut = -1;
    if (p + 1 >= n) {
        return -1;
    }
    Py_UCS4 c = CH(d, p + 1);
    if (c == '/') {
        if (p + 2 < n && letter(CH(d, p + 2))) {
            return tag_rest(d, p + 2);  /* an end tag */
        }
        Py_ssize_t close = find_char(d, p + 2, '>');  /* "</>", "</ ...>" */
        return close < 0 ? n : close + 1;
    }
    if (c == '!' || c == '?') {
        if (c == '!' && p + 3 < n && CH(d, p + 2) == '-' && CH(d, p + 3) == '-') {
            Py_ssize_t r = p + 4;  /* a comment */
            if (r < n && CH(d, r) == '>') {
                return r + 1;
            }
            if (r + 1 < n && CH(d, r) == '-' && CH(d, r + 1) == '>') {
                return r + 2;
            }
            while ((r = find_char(d, r, '-')) >= 0) {
                if (r + 2 < n && CH(d, r + 1) == '-' && CH(d, r + 2) == '>') {
                    return r + 3;
                }
                r++;
            }
            return n;
        }
        Py_ssize_t close = find_char(d, p + 2, '>');  /* doctype, bogus comment */
        return close < 0 ? n : close + 1;
    }
    /* a start tag: a raw-text element, plaintext, or any name from an ASCII letter */
    Py_ssize_t name = p + 1;
    Py_ssize_t raw = 0;
    int all = 0;
    Py_ssize_t name_end = -1;
    for (int i = 0; RAW_NAMES[i] != NULL && raw == 0; i++) {
        raw = name_at(d, name, RAW_NAMES[i], RAW_SIZES[i]);
    }
    if (raw) {
        name_end = name + raw;
    }
    else if (name_at(d, name, "plaintext", 9)) {
        all = 1;
        name_end = name + 9;
    }
    else if (c < 128 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        name_end = name + 1;
        while (name_end < n && name_char(CH(d, name_end))) {
            name_end++;
        }
    }
    else {
        return -1;
    }
    Py_ssize_t end = quick(d, name_end);
    if (end < 0) {
        end = tag_rest(d, name_end);
    }
    *cut = name_end;
    *tag_end = end;
    if (raw) {
        return raw_end(d, end, name, raw);
    }
    return all ? n : end;
}

/* k in decimal into digits (at least 32 chars): its width */
static int
decimal(Py_ssize_t k, char *digits)
{
    char reversed[32];
    int width = 0;
    do {
        reversed[width++] = (char)('0' + (int)(k % 10));
        k /= 10;
    } while (k > 0);
    for (int i = 0; i < width; i++) {
        digits[i] = reversed[width - 1 - i];
    }
    return width;
}

static int
write_marked(PyObject *text, const Doc *d, const Offsets *cuts, PyObject **out)
{
    Py_ssize_t head = (Py_ssize_t)(sizeof ATTR_HEAD - 1);
    Py_ssize_t size = d->n;
    char digits[32];
    for (Py_ssize_t k = 0; k < cuts->size; k++) {
        int width = decimal(k, digits);
        if (size > PY_SSIZE_T_MAX - head - width - 1) {
            PyErr_NoMemory();
            return -1;
        }
        size += head + width + 1;
    }
    PyObject *marked = PyUnicode_New(size, PyUnicode_MAX_CHAR_VALUE(text));
    if (marked == NULL) {
        return -1;
    }
    int kind = PyUnicode_KIND(marked);
    char *target = (char *)PyUnicode_DATA(marked);
    const char *source = (const char *)d->data;
    Py_ssize_t at = 0;    /* in the document */
    Py_ssize_t into = 0;  /* in the marked copy */
    for (Py_ssize_t k = 0; k < cuts->size; k++) {
        Py_ssize_t cut = cuts->items[k];
        memcpy(target + into * kind, source + at * kind, (size_t)((cut - at) * kind));
        into += cut - at;
        at = cut;
        int width = decimal(k, digits);
        for (Py_ssize_t i = 0; i < head; i++) {
            PyUnicode_WRITE(kind, target, into++, (Py_UCS4)(unsigned char)ATTR_HEAD[i]);
        }
        for (int i = 0; i < width; i++) {
            PyUnicode_WRITE(kind, target, into++, (Py_UCS4)(unsigned char)digits[i]);
        }
        PyUnicode_WRITE(kind, target, into++, (Py_UCS4)'"');
    }
    memcpy(target + into * kind, source + at * kind, (size_t)((d->n - at) * kind));
    into += d->n - at;
    assert(into == size);
    *out = marked;
    return 0;
}

/* 0 when text is a str ready to be read by kind and data; -1 with a TypeError naming the
 * function otherwise. */
static int
as_text(PyObject *text, const char *function)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() wants a str, not %.100s", function,
                     Py_TYPE(text)->tp_name);
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return -1;
    }
#endif
    return 0;
}

PyDoc_STRVAR(scan_doc,
"scan(text, /)\n--\n\n"
"The tag scan of scan.py: (cuts, run_starts, run_ends, tag_starts, tag_ends), each list\n"
"of offsets as bytes of native 64-bit integers (array('q').frombytes reads them).");

static PyObject *
scan(PyObject *module, PyObject *text)
{
    (void)module;
    if (as_text(text, "scan") < 0) {
        return NULL;
    }
    Doc d = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Offsets starts = {0}, ends = {0}, tag_starts = {0}, tag_ends = {0}, cuts = {0};
    PyObject *parts[5] = {NULL, NULL, NULL, NULL, NULL};
    PyObject *result = NULL;
    Py_ssize_t run_start = 0;
    Py_ssize_t pos = 0;
    Py_ssize_t p;
    while ((p = find_char(&d, pos, '<')) >= 0) {
        Py_ssize_t cut, tag_end = -1;
        Py_ssize_t end = token(&d, p, &cut, &tag_end);
        if (end < 0) {
            pos = p + 1;
            continue;
        }
        if (p > run_start) {
            if (offsets_push(&starts, run_start) < 0 || offsets_push(&ends, p) < 0) {
                goto done;
            }
        }
        run_start = end;
        if (cut >= 0) {
            if (offsets_push(&cuts, cut) < 0 || offsets_push(&tag_starts, p) < 0 ||
                offsets_push(&tag_ends, tag_end) < 0) {
                goto done;
            }
        }
        pos = end;
        if (pos >= d.n) {
            break;
        }
    }
    if (d.n > run_start) {
        if (offsets_push(&starts, run_start) < 0 || offsets_push(&ends, d.n) < 0) {
            goto done;
        }
    }
    const Offsets *lists[5] = {&cuts, &starts, &ends, &tag_starts, &tag_ends};
    for (int i = 0; i < 5; i++) {
        parts[i] = offsets_bytes(lists[i]);
        if (parts[i] == NULL) {
            goto done;
        }
    }
    result = PyTuple_Pack(5, parts[0], parts[1], parts[2], parts[3], parts[4]);
done:
    for (int i = 0; i < 5; i++) {
        Py_XDECREF(parts[i]);
    }
    PyMem_Free(starts.items);
    PyMem_Free(ends.items);
    PyMem_Free(tag_starts.items);
    PyMem_Free(tag_ends.items);
    PyMem_Free(cuts.items);
    return result;
}

PyDoc_STRVAR(counts_doc,
"counts(text, /)\n--\n\n"
"(the number of \"<\", the number of \"&\") in text, counted in one pass.");

static PyObject *
counts(PyObject *module, PyObject *text)
{
    (void)module;
    if (as_text(text, "counts") < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    size_t lt = 0, amp = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: {
        /* in blocks of 255 characters counted in bytes, which the compiler vectorises */
        const Py_UCS1 *s = PyUnicode_1BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < n; i += 255) {
            Py_ssize_t end = n - i < 255 ? n - i : 255;
            unsigned char l = 0, a = 0;
            for (Py_ssize_t j = 0; j < end; j++) {
                l += s[i + j] == '<';
                a += s[i + j] == '&';
            }
            lt += l;
            amp += a;
        }
        break;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *s = PyUnicode_2BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < n; i++) {
            lt += s[i] == '<';
            amp += s[i] == '&';
        }
        break;
    }
    default: {
        const Py_UCS4 *s = PyUnicode_4BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < n; i++) {
            lt += s[i] == '<';
            amp += s[i] == '&';
        }
    }
    }
    return Py_BuildValue("(nn)", (Py_ssize_t)lt, (Py_ssize_t)amp);
}

PyDoc_STRVAR(mark_doc,
"mark(text, cuts, /)\n--\n\n"
"scan.py's marked copy of text: after each cut (an array('q') of offsets in order, where\n"
"the scan found each start tag's name to end), the marker naming its ordinal.");

static PyObject *
mark(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "mark() takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *text = args[0];
    if (as_text(text, "mark") < 0) {
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        return NULL;
    }
    PyObject *marked = NULL;
    if (view.itemsize != (Py_ssize_t)sizeof(long long) || view.format == NULL ||
        strcmp(view.format, "q") != 0 || view.ndim != 1) {
        PyErr_SetString(PyExc_TypeError, "mark() wants the cuts as an array('q')");
        goto done;
    }
    Doc d = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Offsets cuts = {0};
    const long long *items = (const long long *)view.buf;
    Py_ssize_t n = view.len / view.itemsize;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (items[k] < (k ? items[k - 1] : 0) || items[k] > d.n) {
            PyErr_SetString(PyExc_ValueError, "mark() wants cuts in order, inside the text");
            PyMem_Free(cuts.items);
            goto done;
        }
        if (offsets_push(&cuts, (Py_ssize_t)items[k]) < 0) {
            PyMem_Free(cuts.items);
            goto done;
        }
    }
    if (write_marked(text, &d, &cuts, &marked) < 0) {
        marked = NULL;
    }
    PyMem_Free(cuts.items);
done:
    PyBuffer_Release(&view);
    return marked;
}

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)scan, METH_O, scan_doc},
    {"mark", (PyCFunction)(void (*)(void))mark, METH_FASTCALL, mark_doc},
    {"counts", (PyCFunction)counts, METH_O, counts_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "tieout.readers.html._scan",
    .m_doc = "The tag scan of tieout.readers.html.scan, compiled (same outputs).",
    .m_size = 0,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__scan(void)
{
    return PyModule_Create(&module);
}
