/* The rows of a table and the relations as JSON text: report/serialise.py's
 * _rows_json_python and _relations_python, compiled. The rows count their figures as they
 * write them (the summary's count); the relations' pass also marks the figures
 * (report.marks.marked) and counts the relations holding and failing (the summary's), so
 * that every evaluation is read once, where the JSON read each three times (bench/README.md,
 * item 37o).
 *
 * The Python functions are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler): this writes the very same text, every figure's and row's fields in the
 * same order, read through the same attributes, the filing's strings through the same
 * `quote` (json's own encoder), the numbers through the release's `numbers` mapping, a
 * set of flags and an ambiguous print's readings through the Python helpers the caller
 * passes. What it saves is the Python work per figure (an f-string of a dozen parts and
 * its attribute reads): about 0.4 us of the 1.6 a figure takes in Python; the rest is the
 * memory traffic of the ten objects a figure refers to (bench/README.md, item 23a).
 *
 * Every value is formatted as an f-string's `{x}` formats it (format(x, "")): a str as
 * itself, an exact int in plain digits, anything else through PyObject_Format.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_decimals.h"
#include "_interned.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif


static PyObject *S_rows, *S_index, *S_cells, *S_label, *S_level, *S_kind, *S_unit,
    *S_concept, *S_section, *S_line, *S_rule_above, *S_rule_below, *S_value_, *S_raw,
    *S_value, *S_precision, *S_span, *S_column, *S_flags, *S_readings, *S_start, *S_end,
    *S_offset, *S_strip, *S_empty, *S_tables, *S_relations, *S_total, *S_items,
    *S_evaluations, *S_source, *S_name, *S_table, *S_row, *S_sign, *S_expected, *S_actual,
    *S_difference, *S_tolerance, *S_holds, *S_cell, *S_title, *S_exhibit, *S_scale,
    *S_scale_text, *S_currency, *S_first_line, *S_last_line, *S_columns, *S_period,
    *S_months, *S_weeks, *S_instant, *S_segment, *S_change, *S_isoformat, *S_claims, *S_text,
    *S_sentence, *S_subject, *S_period_text, *S_qualifiers, *S_traits, *S_tied_to, *S_status,
    *S_findings, *S_code, *S_severity, *S_message, *S_suggestion, *S_evidence;

/* Where one attribute of one class is held: the slot's offset in its instances, found once
 * and used while the class is unchanged (its version tag, which every change of a class
 * renews, is the one the offset was found under). */
typedef struct {
    PyTypeObject *type;
    unsigned int version;
    Py_ssize_t offset;
} Slot;

/* obj.name (a new reference), read from its slot where the class keeps it in one and
 * reads attributes the generic way: what PyObject_GetAttr gives, without the class's
 * lookup of the name for every record (a release's rows read eleven of each figure's). A
 * slot not set, or any other attribute, is read by PyObject_GetAttr. */
static PyObject *
get_slot(PyObject *obj, PyObject *name, Slot *slot)
{
    PyTypeObject *type = Py_TYPE(obj);
    if (slot->type != type || slot->version != type->tp_version_tag ||
        !PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        slot->type = NULL;
        PyObject *descr = NULL; /* borrowed; the lookup sets the class's version tag */
        if (type->tp_getattro == PyObject_GenericGetAttr) {
            descr = _PyType_Lookup(type, name);
        }
        if (!PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
            return PyObject_GetAttr(obj, name);
        }
        slot->offset = descr != NULL && Py_IS_TYPE(descr, &PyMemberDescr_Type) &&
                               ((PyMemberDescrObject *)descr)->d_member->type == T_OBJECT_EX
                           ? ((PyMemberDescrObject *)descr)->d_member->offset
                           : -1; /* not a slot: read the generic way */
        slot->version = type->tp_version_tag;
        slot->type = type;
    }
    if (slot->offset < 0) {
        return PyObject_GetAttr(obj, name);
    }
    PyObject *value = *(PyObject **)((char *)obj + slot->offset);
    if (value == NULL) {
        return PyObject_GetAttr(obj, name); /* raises the AttributeError */
    }
    Py_INCREF(value);
    return value;
}

/* the slots the rows read, one per (class, attribute) read */
enum {
    C_SPAN, C_RAW, C_VALUE, C_PRECISION, C_COLUMN, C_FLAGS, C_READINGS,
    P_LINE, P_START, P_END, P_OFFSET,
    R_INDEX, R_CELLS, R_LABEL, R_LEVEL, R_KIND, R_UNIT, R_CONCEPT, R_SECTION, R_LINE,
    R_RULE_ABOVE, R_RULE_BELOW,
    T_TABLE, T_ROW, T_SIGN, TB_ROWS,
    E_LABEL, E_EXPECTED, E_ACTUAL, E_DIFFERENCE, E_TOLERANCE, E_HOLDS,
    L_TOTAL, L_ITEMS, L_EVALUATIONS, L_NAME, L_SOURCE, L_KIND,
    E_TOTAL, E_ITEMS, F_TABLE, F_ROW, F_COLUMN, G_CELL,
    TB_INDEX, TB_TITLE, TB_EXHIBIT, TB_SCALE, TB_SCALE_TEXT, TB_CURRENCY, TB_FIRST_LINE,
    TB_LAST_LINE, TB_COLUMNS, CO_LABEL, CO_PERIOD, CO_SEGMENT, CO_UNIT, CO_CHANGE,
    PE_END, PE_MONTHS, PE_WEEKS, PE_INSTANT,
    CL_SPAN, CL_TEXT, CL_SENTENCE, CL_SUBJECT, CL_CONCEPT, CL_SEGMENT, CL_VALUE, CL_PRECISION,
    CL_UNIT, CL_KIND, CL_PERIOD, CL_PERIOD_TEXT, CL_QUALIFIERS, CL_TRAITS, CL_TIED_TO,
    CL_EXPECTED, CL_STATUS,
    FI_CODE, FI_SEVERITY, FI_MESSAGE, FI_LINE, FI_EXPECTED, FI_ACTUAL, FI_DIFFERENCE,
    FI_TOLERANCE, FI_SUGGESTION, FI_EVIDENCE,
    N_SLOTS
};

#define N_IDS 256 /* entries of the identity cache of numbers (a power of two) */
#define N_WORDS 32 /* entries of the cache of enum members' words */

typedef struct {
    _PyUnicodeWriter w;
    PyObject *marks;      /* dict: (row, column) -> the mark's word */
    PyObject *numbers;    /* mapping: Decimal -> its digits (serialise._Numbers) */
    PyObject *quote;      /* str -> its JSON text */
    PyObject *flag_texts; /* dict: frozenset of flags -> its JSON text */
    PyObject *flags_json; /* (flags, quote) -> their JSON text (on a miss of flag_texts) */
    PyObject *readings;   /* serialise._readings(readings, numbers, quote) */
    PyObject *unrelated;  /* the mark of a figure no relation touches */
    Slot slots[N_SLOTS];  /* where each attribute the rows read is held */
    /* numbers[value] by the value's identity, for this call (on when `seen` is set): a
     * table's figures share most of their Decimals (a column's precision above all: 58%
     * of the rows' lookups are of an object already looked up), each then found without
     * hashing and comparing Decimals in the dict. Each key and text held (a strong
     * reference), so no other object takes a key's address while it is kept. */
    int seen;
    struct {
        PyObject *key, *text;
    } ids[N_IDS];
    /* each enum member's `_value_` read, by the member's identity, for this call: a row
     * writes four (its kind, unit and rules), a relation two, of a few members in all,
     * each read here once, not through the generic attribute lookup every time. Each
     * member and word held (a strong reference) until the call's end. */
    int enums;
    struct {
        PyObject *member, *value;
    } words[N_WORDS];
    /* the table's marks by (row, column) in a grid (the rows' call: `grid` not NULL),
     * where every key of `marks` is a pair of exact ints in a small range: a figure's
     * mark is then read by its place, not by a tuple made and hashed per figure. Each
     * word held (a strong reference) until the call's end; NULL where no mark. */
    PyObject **grid;
    Py_ssize_t grid_rows, grid_columns;
} Out;

/* the identity caches emptied and the grid of marks freed (at the end of every call) */
static void
ids_clear(Out *o)
{
    for (int k = 0; k < N_IDS; k++) {
        Py_CLEAR(o->ids[k].key);
        Py_CLEAR(o->ids[k].text);
    }
    for (int k = 0; k < o->enums; k++) {
        Py_CLEAR(o->words[k].member);
        Py_CLEAR(o->words[k].value);
    }
    o->enums = 0;
    if (o->grid != NULL) {
        for (Py_ssize_t k = 0; k < o->grid_rows * o->grid_columns; k++) {
            Py_XDECREF(o->grid[k]);
        }
        PyMem_Free(o->grid);
        o->grid = NULL;
    }
}

/* obj.name through the slot `which` of o (NO_SLOT: PyObject_GetAttr) */
#define NO_SLOT (-1)
#define GET(o, obj, name, which)                                                          \
    ((which) == NO_SLOT ? PyObject_GetAttr((obj), (name))                                 \
                        : get_slot((obj), (name), &(o)->slots[(which)]))

/* n ASCII characters written: copied straight into the writer's buffer where it holds
 * one byte a character and has room (a literal of a few characters is most of what the
 * rows write: 1.5 million a pass over the corpus), else by the writer */
static inline int
put_ascii(Out *o, const char *text, Py_ssize_t n)
{
    _PyUnicodeWriter *w = &o->w;
    if (w->kind == PyUnicode_1BYTE_KIND && !w->readonly && n <= w->size - w->pos) {
        memcpy((Py_UCS1 *)w->data + w->pos, text, (size_t)n);
        w->pos += n;
        return 0;
    }
    return _PyUnicodeWriter_WriteASCIIString(w, text, n);
}

/* a string literal of ASCII characters, written (its length known as it is compiled) */
#define put(o, literal) put_ascii((o), "" literal, (Py_ssize_t)sizeof(literal) - 1)

/* an int's plain digits, as json and an f-string write an int */
static int
put_long(Out *o, long long n)
{
    char digits[24];
    char *end = digits + sizeof digits, *at = end;
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    do {
        *--at = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0) {
        *--at = '-';
    }
    return put_ascii(o, at, end - at);
}

/* `value` as an f-string's `{value}` writes it; steals nothing */
static int
put_formatted(Out *o, PyObject *value)
{
    if (PyUnicode_CheckExact(value)) {
        return PyUnicode_IS_ASCII(value) ? put_ascii(o, (const char *)PyUnicode_1BYTE_DATA(value),
                                                     PyUnicode_GET_LENGTH(value))
                                         : _PyUnicodeWriter_WriteStr(&o->w, value);
    }
    if (PyLong_CheckExact(value)) {
        int overflow = 0;
        long long n = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (n == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (!overflow) {
            return put_long(o, n);
        }
    }
    PyObject *text = PyObject_Format(value, S_empty);
    if (text == NULL) {
        return -1;
    }
    int rc = _PyUnicodeWriter_WriteStr(&o->w, text);
    Py_DECREF(text);
    return rc;
}

/* the attribute `name` of `obj`, formatted; steals nothing */
static int
put_attr(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    int rc = put_formatted(o, value);
    Py_DECREF(value);
    return rc;
}

/* the result of calling `fn` on `args`, formatted */
static int
put_call(Out *o, PyObject *fn, PyObject *const *args, size_t n)
{
    PyObject *text = PyObject_Vectorcall(fn, args, n, NULL);
    if (text == NULL) {
        return -1;
    }
    int rc = put_formatted(o, text);
    Py_DECREF(text);
    return rc;
}

/* json.encoder's two encoders of a string (ensure_ascii or not), found at the module's
 * init: each writes a str of printable ASCII with no quote or backslash as itself
 * between quotes, and such a str is written so here, with no call */
static PyObject *json_quotes[2];

/* Whether n ASCII bytes are each printable with no quote or backslash (0x20-0x7e but '"'
 * and '\\'): what json writes as itself. Read sixteen bytes at a time by SSE2 where the
 * compiler has it, then eight at a time: a byte below 0x20, or
 * 0x7f, '"' or '\\', sets the high bit of its byte in `bad` (the classic tests of a word
 * for a zero byte, of each byte less than a value, exact for bytes below 0x80: ASCII only
 * is given), where the byte-by-byte loop spent about seven instructions a character. */
static inline int
plain_ascii(const unsigned char *s, Py_ssize_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    Py_ssize_t k = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time where the machine compares them at once (every x86-64):
     * bytes of ASCII are below 0x80, so a signed comparison with 0x20 tells the controls */
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'),
                  backslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7f);
    for (; k + 16 <= n; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + k));
        __m128i bad = _mm_or_si128(
            _mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, quote)),
            _mm_or_si128(_mm_cmpeq_epi8(x, backslash), _mm_cmpeq_epi8(x, del)));
        if (_mm_movemask_epi8(bad)) {
            return 0;
        }
    }
#endif
    for (; k + 8 <= n; k += 8) {
        uint64_t x;
        memcpy(&x, s + k, 8);
        uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), d = x ^ (ones * 0x7f);
        uint64_t bad = (x - ones * 0x20) | (q - ones) | (b - ones) | (d - ones);
        if (bad & highs) {
            /* a borrow may mark a byte past the first bad one, never one before it, and
             * never a good byte when no byte is bad: the word read again byte by byte */
            break;
        }
    }
    for (; k < n; k++) {
        if (s[k] < 0x20 || s[k] >= 0x7f || s[k] == '"' || s[k] == '\\') {
            return 0;
        }
    }
    return 1;
}

/* text between quotes where quote is json's and text is a str json writes as itself
 * (plain_ascii): 1 written, 0 not (nothing written), -1 an error */
static int
put_plain(Out *o, PyObject *text)
{
    if ((o->quote == json_quotes[0] || o->quote == json_quotes[1]) &&
        PyUnicode_CheckExact(text) && PyUnicode_IS_ASCII(text)) {
        const unsigned char *s = PyUnicode_1BYTE_DATA(text);
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        if (plain_ascii(s, n)) {
            if (put(o, "\"") < 0 || put_ascii(o, (const char *)s, n) < 0 || put(o, "\"") < 0) {
                return -1;
            }
            return 1;
        }
    }
    return 0;
}

/* quote(text), or null for None when `nullable`; a text json would write as itself, written
 * between quotes directly where quote is json's (most labels and prints are such) */
static int
put_quoted(Out *o, PyObject *text, int nullable)
{
    if (nullable && text == Py_None) {
        return put(o, "null");
    }
    int plain = put_plain(o, text);
    if (plain != 0) {
        return plain < 0 ? -1 : 0;
    }
    return put_call(o, o->quote, &text, 1);
}

/* an enum member's `_value_` */
static int put_word(Out *o, PyObject *member);

static int
put_enum(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *member = GET(o, obj, name, which);
    if (member == NULL) {
        return -1;
    }
    int rc = put_word(o, member);
    Py_DECREF(member);
    return rc;
}

/* member._value_ (an enum member's word), read once per call; steals nothing */
static int
put_word(Out *o, PyObject *member)
{
    Py_INCREF(member);
    for (int k = 0; k < o->enums; k++) {
        if (o->words[k].member == member) {
            Py_DECREF(member);
            return put_formatted(o, o->words[k].value);
        }
    }
    PyObject *value = PyObject_GetAttr(member, S_value_); /* an enum member: no slots */
    if (value == NULL) {
        Py_DECREF(member);
        return -1;
    }
    int rc = put_formatted(o, value);
    if (o->enums < N_WORDS) { /* kept: the member's reference and the word's pass to it */
        o->words[o->enums].member = member;
        o->words[o->enums].value = value;
        o->enums++;
    }
    else {
        Py_DECREF(member);
        Py_DECREF(value);
    }
    return rc;
}

/* serialise.number's text of `value` where it is written without its Python: str(value)
 * with no exponent, its trailing zeros after a point and a bare point dropped, "-0" and ""
 * as "0". NULL with no error set where the Python must say (an exponent, not ASCII). */
static PyObject *
number_text(PyObject *value)
{
    PyObject *text = PyObject_Str(value);
    if (text == NULL) {
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text)) {
        Py_DECREF(text);
        return NULL;
    }
    const char *s = (const char *)PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), end = n;
    int point = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (s[k] == 'E') {
            Py_DECREF(text);
            return NULL;
        }
        point |= s[k] == '.';
    }
    if (point) {
        while (end > 0 && s[end - 1] == '0') {
            end--;
        }
        while (end > 0 && s[end - 1] == '.') {
            end--;
        }
    }
    if (end == 0 || (end == 2 && s[0] == '-' && s[1] == '0')) {
        Py_DECREF(text);
        return PyUnicode_FromStringAndSize("0", 1);
    }
    if (end == n) {
        return text;
    }
    PyObject *cut = PyUnicode_FromStringAndSize(s, end);
    Py_DECREF(text);
    return cut;
}

/* numbers[value]: a miss of the release's dict is written here and kept in it, as
 * serialise._Numbers.__missing__ keeps it; its Python is asked where number_text can't say */
static PyObject *
number_looked_up(Out *o, PyObject *value)
{
    PyObject *text = PyDict_GetItemWithError(o->numbers, value); /* borrowed */
    if (text != NULL) {
        Py_INCREF(text);
        return text;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    text = number_text(value);
    if (text == NULL) {
        return PyErr_Occurred() ? NULL : PyObject_GetItem(o->numbers, value);
    }
    if (PyDict_SetItem(o->numbers, value, text) < 0) {
        Py_DECREF(text);
        return NULL;
    }
    return text;
}

/* numbers[value], through the call's identity cache where it is on */
static PyObject *
number_of(Out *o, PyObject *value)
{
    if (!PyDict_Check(o->numbers) || value == Py_None) {
        return PyObject_GetItem(o->numbers, value);
    }
    if (!o->seen) {
        return number_looked_up(o, value);
    }
    uintptr_t at = (uintptr_t)value;
    int k = (int)(((at >> 4) ^ (at >> 12)) & (N_IDS - 1));
    if (o->ids[k].key == value) {
        return Py_NewRef(o->ids[k].text);
    }
    PyObject *text = number_looked_up(o, value);
    if (text != NULL) {
        Py_XSETREF(o->ids[k].key, Py_NewRef(value));
        Py_XSETREF(o->ids[k].text, Py_NewRef(text));
    }
    return text;
}

/* serialise.number(value) written into buf (64 bytes) from the Decimal's own memory
 * (_decimals.h), for a finite Decimal of at most 18 digits and an exponent within 30: its
 * exact digits in plain notation, the point placed by the exponent, trailing zeros after
 * the point and a bare point dropped, zeros past an exponent above zero written out,
 * "-0" and "" as "0" (str's exponent forms, "1E+3" or "1E-7", are format(value, "f")'s
 * digits, so written alike). Its length; 0 where the Decimal is not read so (the
 * release's `numbers` then says). */
static Py_ssize_t
plain_digits(PyObject *value, char *buf)
{
    int64_t coefficient;
    int exponent;
    if (!decimal_parts(value, &coefficient, &exponent)) {
        return 0;
    }
    if (coefficient == 0) {
        buf[0] = '0';
        return 1;
    }
    int negative = coefficient < 0;
    uint64_t c = negative ? (uint64_t)(-coefficient) : (uint64_t)coefficient;
    while (exponent < 0 && c % 10 == 0) { /* trailing zeros after the point */
        c /= 10;
        exponent++;
    }
    char digits[20];
    int n = 0;
    do {
        digits[19 - n++] = (char)('0' + c % 10);
        c /= 10;
    } while (c);
    const char *d = digits + 20 - n;
    Py_ssize_t at = 0;
    if (negative) {
        buf[at++] = '-';
    }
    if (exponent >= 0) {
        memcpy(buf + at, d, (size_t)n);
        at += n;
        memset(buf + at, '0', (size_t)exponent);
        return at + exponent;
    }
    int places = -exponent;
    if (n > places) {
        memcpy(buf + at, d, (size_t)(n - places));
        at += n - places;
        buf[at++] = '.';
        memcpy(buf + at, d + n - places, (size_t)places);
        return at + places;
    }
    buf[at++] = '0';
    buf[at++] = '.';
    memset(buf + at, '0', (size_t)(places - n));
    at += places - n;
    memcpy(buf + at, d, (size_t)n);
    return at + n;
}

/* numbers[value] of the attribute `name` of `obj`: a Decimal plain_digits reads written
 * from its memory where `numbers` is a dict (serialise._Numbers, whose entry of a value is
 * number(value)), without a lookup, a str() and an entry kept per value */
static int
put_number(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    char buf[64];
    Py_ssize_t n = PyDict_Check(o->numbers) ? plain_digits(value, buf) : 0;
    if (n > 0) {
        Py_DECREF(value);
        return put_ascii(o, buf, n);
    }
    PyObject *text = number_of(o, value);
    Py_DECREF(value);
    if (text == NULL) {
        return -1;
    }
    int rc = put_formatted(o, text);
    Py_DECREF(text);
    return rc;
}

/* quote(raw.strip()): a print with no space at either end is its own strip */
static int
put_raw(Out *o, PyObject *cell)
{
    PyObject *raw = GET(o, cell, S_raw, C_RAW);
    if (raw == NULL) {
        return -1;
    }
    PyObject *stripped;
    Py_ssize_t n = PyUnicode_Check(raw) ? PyUnicode_GET_LENGTH(raw) : 0;
    if (PyUnicode_CheckExact(raw) && n > 0 &&
        !Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(raw, 0)) &&
        !Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(raw, n - 1))) {
        stripped = raw;
    }
    else {
        stripped = PyObject_CallMethodNoArgs(raw, S_strip);
        Py_DECREF(raw);
        if (stripped == NULL) {
            return -1;
        }
    }
    int rc = put_quoted(o, stripped, 0);
    Py_DECREF(stripped);
    return rc;
}

/* the flags as written: flag_texts' entry, made by flags_json on a miss */
static int
put_flags(Out *o, PyObject *cell)
{
    PyObject *flags = GET(o, cell, S_flags, C_FLAGS);
    if (flags == NULL) {
        return -1;
    }
    int any = PyObject_IsTrue(flags);
    if (any <= 0) {
        Py_DECREF(flags);
        return any < 0 ? -1 : put(o, "[]");
    }
    PyObject *written = PyDict_GetItemWithError(o->flag_texts, flags); /* borrowed */
    if (written != NULL) {
        Py_DECREF(flags);
        return put_formatted(o, written);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(flags);
        return -1;
    }
    PyObject *call[2] = {flags, o->quote};
    PyObject *made = PyObject_Vectorcall(o->flags_json, call, 2, NULL);
    if (made == NULL || PyDict_SetItem(o->flag_texts, flags, made) < 0) {
        Py_XDECREF(made);
        Py_DECREF(flags);
        return -1;
    }
    Py_DECREF(flags);
    int rc = put_formatted(o, made);
    Py_DECREF(made);
    return rc;
}

static int
put_readings(Out *o, PyObject *cell)
{
    PyObject *readings = GET(o, cell, S_readings, C_READINGS);
    if (readings == NULL) {
        return -1;
    }
    Py_ssize_t n = PyObject_Length(readings);
    int rc;
    if (n < 0) {
        rc = -1;
    }
    else if (n > 1) {
        PyObject *args[3] = {readings, o->numbers, o->quote};
        rc = put_call(o, o->readings, args, 3);
    }
    else {
        rc = put(o, "null");
    }
    Py_DECREF(readings);
    return rc;
}

/* marks.get((row, column), unrelated) */
static int
put_mark(Out *o, PyObject *row, Py_ssize_t column)
{
    PyObject *mark = o->unrelated;
    if (PyDict_GET_SIZE(o->marks) == 0) {
        return put_formatted(o, mark);
    }
    if (o->grid != NULL && PyLong_CheckExact(row)) {
        /* every key is a pair of exact ints in the grid: a place outside it has no mark */
        int overflow = 0;
        long long r = PyLong_AsLongLongAndOverflow(row, &overflow);
        if (r == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (!overflow && r >= 0 && r < o->grid_rows && column < o->grid_columns) {
            PyObject *found = o->grid[r * o->grid_columns + column];
            return put_formatted(o, found != NULL ? found : mark);
        }
        return put_formatted(o, mark);
    }
    PyObject *j = PyLong_FromSsize_t(column);
    if (j == NULL) {
        return -1;
    }
    PyObject *key = PyTuple_Pack(2, row, j);
    Py_DECREF(j);
    if (key == NULL) {
        return -1;
    }
    PyObject *found = PyDict_GetItemWithError(o->marks, key); /* borrowed */
    Py_DECREF(key);
    if (found == NULL && PyErr_Occurred()) {
        return -1;
    }
    return put_formatted(o, found != NULL ? found : mark);
}

static int
put_cell(Out *o, PyObject *cell, PyObject *r, Py_ssize_t j)
{
    PyObject *span = GET(o, cell, S_span, C_SPAN);
    if (span == NULL) {
        return -1;
    }
    PyObject *offset = GET(o, span, S_offset, P_OFFSET);
    if (offset == NULL) {
        Py_DECREF(span);
        return -1;
    }
    int rc = -1;
    if (put(o, "{\"raw\": ") < 0 || put_raw(o, cell) < 0 || put(o, ", \"value\": \"") < 0 ||
        put_number(o, cell, S_value, C_VALUE) < 0 || put(o, "\", \"precision\": \"") < 0 ||
        put_number(o, cell, S_precision, C_PRECISION) < 0 || put(o, "\", \"line\": ") < 0 ||
        put_attr(o, span, S_line, P_LINE) < 0 || put(o, ", \"col\": ") < 0 ||
        put_attr(o, span, S_start, P_START) < 0 || put(o, ", \"end_col\": ") < 0 ||
        put_attr(o, span, S_end, P_END) < 0 || put(o, ", ") < 0) {
        goto done;
    }
    if (offset != Py_None) {
        if (put(o, "\"offset\": ") < 0 || put_formatted(o, offset) < 0 || put(o, ", ") < 0) {
            goto done;
        }
    }
    if (put(o, "\"column\": ") < 0 || put_attr(o, cell, S_column, C_COLUMN) < 0 ||
        put(o, ", \"flags\": ") < 0 || put_flags(o, cell) < 0 ||
        put(o, ", \"readings\": ") < 0 || put_readings(o, cell) < 0 ||
        put(o, ", \"mark\": \"") < 0 || put_mark(o, r, j) < 0 || put(o, "\"}") < 0) {
        goto done;
    }
    rc = 0;
done:
    Py_DECREF(offset);
    Py_DECREF(span);
    return rc;
}

/* one row's text; *figures counts its figures (its cells not None) */
static int
put_row(Out *o, PyObject *row, Py_ssize_t *figures)
{
    int rc = -1;
    PyObject *r = NULL, *cells = NULL, *fast = NULL, *concept = NULL, *section = NULL,
             *label = NULL;
    if ((r = GET(o, row, S_index, R_INDEX)) == NULL ||
        (cells = GET(o, row, S_cells, R_CELLS)) == NULL ||
        (fast = PySequence_Fast(cells, "a row's cells must be a sequence")) == NULL ||
        (label = GET(o, row, S_label, R_LABEL)) == NULL ||
        (concept = GET(o, row, S_concept, R_CONCEPT)) == NULL ||
        (section = GET(o, row, S_section, R_SECTION)) == NULL || put(o, "{\"label\": ") < 0 ||
        put_quoted(o, label, 0) < 0 || put(o, ", \"level\": ") < 0 ||
        put_attr(o, row, S_level, R_LEVEL) < 0 || put(o, ", \"kind\": \"") < 0 ||
        put_enum(o, row, S_kind, R_KIND) < 0 || put(o, "\", \"unit\": \"") < 0 ||
        put_enum(o, row, S_unit, R_UNIT) < 0 || put(o, "\", \"concept\": ") < 0 ||
        put_quoted(o, concept, 1) < 0 || put(o, ", \"section\": ") < 0 ||
        put_quoted(o, section, 1) < 0 || put(o, ", \"line\": ") < 0 ||
        put_attr(o, row, S_line, R_LINE) < 0 || put(o, ", \"rule_above\": \"") < 0 ||
        put_enum(o, row, S_rule_above, R_RULE_ABOVE) < 0 || put(o, "\", \"rule_below\": \"") < 0 ||
        put_enum(o, row, S_rule_below, R_RULE_BELOW) < 0 || put(o, "\", \"cells\": [") < 0) {
        goto done;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *cell = items[j];
        if (j > 0 && put(o, ", ") < 0) {
            goto done;
        }
        if (cell == Py_None ? put(o, "null") < 0 : put_cell(o, cell, r, j) < 0) {
            goto done;
        }
        *figures += cell != Py_None;
    }
    rc = put(o, "]}");
done:
    Py_XDECREF(label);
    Py_XDECREF(section);
    Py_XDECREF(concept);
    Py_XDECREF(fast);
    Py_XDECREF(cells);
    Py_XDECREF(r);
    return rc;
}

/* an int attribute plus one (the tables are numbered from 1), formatted */
static int
put_plus_one(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    if (PyLong_CheckExact(value)) { /* an exact int: its successor's digits written here */
        int overflow = 0;
        long long n = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (n == -1 && PyErr_Occurred()) {
            Py_DECREF(value);
            return -1;
        }
        if (!overflow && n < LLONG_MAX) {
            Py_DECREF(value);
            return put_long(o, n + 1);
        }
    }
    PyObject *one = PyLong_FromLong(1); /* a small int: no allocation */
    PyObject *sum = one == NULL ? NULL : PyNumber_Add(value, one);
    Py_XDECREF(one);
    Py_DECREF(value);
    if (sum == NULL) {
        return -1;
    }
    int rc = put_formatted(o, sum);
    Py_DECREF(sum);
    return rc;
}

/* seq[index] (a new reference), straight from a tuple or list by an exact int in range */
static PyObject *
item_of(PyObject *seq, PyObject *index)
{
    if (PyLong_CheckExact(index) && (PyTuple_CheckExact(seq) || PyList_CheckExact(seq))) {
        Py_ssize_t k = PyLong_AsSsize_t(index);
        if (k == -1 && PyErr_Occurred()) {
            PyErr_Clear(); /* too large: the generic read raises what Python raises */
        }
        else if (k >= 0 && k < Py_SIZE(seq)) {
            return Py_NewRef(PyTuple_CheckExact(seq) ? PyTuple_GET_ITEM(seq, k)
                                                     : PyList_GET_ITEM(seq, k));
        }
    }
    return PyObject_GetItem(seq, index);
}

/* tables[term.table].rows[term.row] */
static PyObject *
row_of(Out *o, PyObject *tables, PyObject *term)
{
    PyObject *t = GET(o, term, S_table, T_TABLE);
    if (t == NULL) {
        return NULL;
    }
    PyObject *table = item_of(tables, t);
    Py_DECREF(t);
    if (table == NULL) {
        return NULL;
    }
    PyObject *rows = GET(o, table, S_rows, TB_ROWS);
    Py_DECREF(table);
    if (rows == NULL) {
        return NULL;
    }
    PyObject *r = GET(o, term, S_row, T_ROW);
    if (r == NULL) {
        Py_DECREF(rows);
        return NULL;
    }
    PyObject *row = item_of(rows, r);
    Py_DECREF(rows);
    Py_DECREF(r);
    return row;
}

/* quote(row.label) */
static int
put_label_of(Out *o, PyObject *row)
{
    PyObject *label = GET(o, row, S_label, R_LABEL);
    if (label == NULL) {
        return -1;
    }
    int rc = put_quoted(o, label, 0);
    Py_DECREF(label);
    return rc;
}

/* quote(tables[term.table].rows[term.row].label) */
static int
put_row_label(Out *o, PyObject *tables, PyObject *term)
{
    PyObject *row = row_of(o, tables, term);
    if (row == NULL) {
        return -1;
    }
    int rc = put_label_of(o, row);
    Py_DECREF(row);
    return rc;
}

/* each evaluation's column label quoted, once per release (``columns``) */
static PyObject *
column_of(Out *o, PyObject *columns, PyObject *ev)
{
    PyObject *label = GET(o, ev, S_label, E_LABEL);
    if (label == NULL) {
        return NULL;
    }
    PyObject *quoted = PyDict_GetItemWithError(columns, label); /* borrowed */
    if (quoted != NULL) {
        Py_INCREF(quoted);
    }
    else if (!PyErr_Occurred()) {
        quoted = PyObject_CallOneArg(o->quote, label);
        if (quoted != NULL && PyDict_SetItem(columns, label, quoted) < 0) {
            Py_CLEAR(quoted);
        }
    }
    Py_DECREF(label);
    return quoted;
}

/* the columns of the evaluations that hold (or fail: `holding` 0), quoted, joined by ", ";
 * truths[k]: whether evs[k] holds, read once per evaluation */
static int
put_columns(Out *o, PyObject *columns, PyObject **evs, const char *truths, Py_ssize_t n,
            int holding)
{
    int first = 1;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (truths[k] != holding) {
            continue;
        }
        PyObject *column = column_of(o, columns, evs[k]);
        if (column == NULL) {
            return -1;
        }
        int rc = (first ? 0 : put(o, ", ")) < 0 ? -1 : put_formatted(o, column);
        Py_DECREF(column);
        if (rc < 0) {
            return -1;
        }
        first = 0;
    }
    return 0;
}

static int
put_evaluation(Out *o, PyObject *columns, PyObject *ev, int truth)
{
    PyObject *column = column_of(o, columns, ev);
    if (column == NULL) {
        return -1;
    }
    int rc = put(o, "{\"column\": ");
    if (rc == 0) {
        rc = put_formatted(o, column);
    }
    Py_DECREF(column);
    if (rc < 0 || put(o, ", \"expected\": \"") < 0 || put_number(o, ev, S_expected, E_EXPECTED) < 0 ||
        put(o, "\", \"actual\": \"") < 0 || put_number(o, ev, S_actual, E_ACTUAL) < 0 ||
        put(o, "\", \"difference\": \"") < 0 || put_number(o, ev, S_difference, E_DIFFERENCE) < 0 ||
        put(o, "\", \"tolerance\": \"") < 0 || put_number(o, ev, S_tolerance, E_TOLERANCE) < 0 ||
        put(o, "\", \"holds\": ") < 0) {
        return -1;
    }
    return truth ? put(o, "true}") : put(o, "false}");
}

static int
put_term(Out *o, PyObject *tables, PyObject *term)
{
    if (put(o, "{\"label\": ") < 0 || put_row_label(o, tables, term) < 0 ||
        put(o, ", \"table\": ") < 0 || put_plus_one(o, term, S_table, T_TABLE) < 0 ||
        put(o, ", \"row\": ") < 0 || put_attr(o, term, S_row, T_ROW) < 0 ||
        put(o, ", \"sign\": ") < 0 || put_attr(o, term, S_sign, T_SIGN) < 0) {
        return -1;
    }
    return put(o, "}");
}

/* The figures' marks as report.marks.marked makes them: by table, then (row, column), the
 * caller's word for each mark. `table` and `here`: the table of the last reference and its
 * dict (a relation's figures share one), as marked keeps them. */
typedef struct {
    PyObject *by_table; /* dict: table -> dict: (row, column) -> word */
    PyObject *table;    /* the last reference's table (a strong reference), or NULL */
    PyObject *here;     /* by_table[table] (borrowed from by_table) */
    PyObject *verified, *fails, *read;
    PyObject *failing; /* list: the evaluations that fail, marked after every relation */
} Marks;

/* by_table.setdefault(ref.table, {}) (borrowed), through the last reference's */
static PyObject *
here_of(Out *o, Marks *m, PyObject *ref)
{
    PyObject *table = GET(o, ref, S_table, F_TABLE);
    if (table == NULL) {
        return NULL;
    }
    if (m->table != NULL) {
        int same = table == m->table ? 1 : PyObject_RichCompareBool(table, m->table, Py_EQ);
        if (same != 0) {
            Py_DECREF(table);
            return same < 0 ? NULL : m->here;
        }
    }
    PyObject *here = PyDict_GetItemWithError(m->by_table, table); /* borrowed */
    if (here == NULL) {
        if (PyErr_Occurred() || (here = PyDict_New()) == NULL) {
            Py_DECREF(table);
            return NULL;
        }
        int rc = PyDict_SetItem(m->by_table, table, here);
        Py_DECREF(here); /* held by by_table */
        if (rc < 0) {
            Py_DECREF(table);
            return NULL;
        }
    }
    Py_XSETREF(m->table, table);
    m->here = here;
    return here;
}

/* (ref.row, ref.column), a new tuple */
static PyObject *
place_of(Out *o, PyObject *ref)
{
    PyObject *row = GET(o, ref, S_row, F_ROW);
    if (row == NULL) {
        return NULL;
    }
    PyObject *column = GET(o, ref, S_column, F_COLUMN);
    if (column == NULL) {
        Py_DECREF(row);
        return NULL;
    }
    PyObject *key = PyTuple_New(2);
    if (key == NULL) {
        Py_DECREF(row);
        Py_DECREF(column);
        return NULL;
    }
    PyTuple_SET_ITEM(key, 0, row);
    PyTuple_SET_ITEM(key, 1, column);
    return key;
}

/* here[(ref.row, ref.column)] = word; with `unless`, only where that mark is not `unless` */
static int
mark_ref(Out *o, Marks *m, PyObject *ref, PyObject *word, PyObject *unless)
{
    PyObject *here = here_of(o, m, ref);
    if (here == NULL) {
        return -1;
    }
    PyObject *key = place_of(o, ref);
    if (key == NULL) {
        return -1;
    }
    int rc = 0;
    if (unless != NULL) {
        PyObject *now = PyDict_GetItemWithError(here, key); /* borrowed */
        if (now == unless || (now == NULL && PyErr_Occurred())) {
            rc = now == NULL ? -1 : 1;
        }
    }
    if (rc == 0) {
        rc = PyDict_SetItem(here, key, word);
    }
    Py_DECREF(key);
    return rc < 0 ? -1 : 0;
}

/* the evaluation's total and items marked `word` */
static int
mark_evaluation(Out *o, Marks *m, PyObject *ev, PyObject *word)
{
    PyObject *total = GET(o, ev, S_total, E_TOTAL);
    if (total == NULL) {
        return -1;
    }
    int rc = mark_ref(o, m, total, word, NULL);
    Py_DECREF(total);
    if (rc < 0) {
        return -1;
    }
    PyObject *items = GET(o, ev, S_items, E_ITEMS);
    if (items == NULL) {
        return -1;
    }
    PyObject *fast = PySequence_Fast(items, "an evaluation's items must be a sequence");
    Py_DECREF(items);
    if (fast == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    for (Py_ssize_t k = 0; k < n && rc == 0; k++) {
        rc = mark_ref(o, m, PySequence_Fast_GET_ITEM(fast, k), word, NULL);
    }
    Py_DECREF(fast);
    return rc;
}

/* one relation's text, its holding evaluations' figures marked, its failing evaluations
 * kept for their marks; *holds and *fails: whether it holds (it was evaluated and holds in
 * every column) and whether it fails (it was evaluated and does not hold) */
static int
put_relation(Out *o, PyObject *tables, PyObject *columns, PyObject *relation, Marks *m,
             int *holds, int *fails)
{
    int rc = -1;
    char few[64], *truths = few;
    PyObject *total = NULL, *items_of = NULL, *items = NULL, *evs_of = NULL, *evs = NULL,
             *name = NULL, *row = NULL;
    if ((total = GET(o, relation, S_total, L_TOTAL)) == NULL ||
        (items_of = GET(o, relation, S_items, L_ITEMS)) == NULL ||
        (items = PySequence_Fast(items_of, "a relation's items must be a sequence")) == NULL ||
        (evs_of = GET(o, relation, S_evaluations, L_EVALUATIONS)) == NULL ||
        (evs = PySequence_Fast(evs_of, "a relation's evaluations must be a sequence")) == NULL ||
        (name = GET(o, relation, S_name, L_NAME)) == NULL ||
        put(o, "{\"source\": \"") < 0 || put_enum(o, relation, S_source, L_SOURCE) < 0 ||
        put(o, "\", \"name\": ") < 0 || put_quoted(o, name, 0) < 0 ||
        put(o, ", \"kind\": \"") < 0 || put_enum(o, relation, S_kind, L_KIND) < 0 ||
        put(o, "\", \"total\": {\"label\": ") < 0 || (row = row_of(o, tables, total)) == NULL ||
        put_label_of(o, row) < 0 || put(o, ", \"table\": ") < 0 ||
        put_plus_one(o, total, S_table, T_TABLE) < 0 || put(o, ", \"row\": ") < 0 ||
        put_attr(o, total, S_row, T_ROW) < 0 || put(o, ", \"line\": ") < 0 ||
        put_attr(o, row, S_line, R_LINE) < 0 || put(o, "}, \"items\": [") < 0) {
        goto done;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    PyObject **terms = PySequence_Fast_ITEMS(items);
    for (Py_ssize_t k = 0; k < n; k++) {
        if ((k > 0 && put(o, ", ") < 0) || put_term(o, tables, terms[k]) < 0) {
            goto done;
        }
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(evs);
    PyObject **each = PySequence_Fast_ITEMS(evs);
    if (count > (Py_ssize_t)sizeof few && (truths = PyMem_Malloc((size_t)count)) == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int all = 1;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *held = GET(o, each[k], S_holds, E_HOLDS);
        int truth = held == NULL ? -1 : PyObject_IsTrue(held);
        Py_XDECREF(held);
        if (truth < 0) {
            goto done;
        }
        truths[k] = (char)truth;
        all &= truth;
        /* as marked: a holding evaluation's figures verified now, a failing one's later */
        if (truth ? mark_evaluation(o, m, each[k], m->verified) < 0
                  : PyList_Append(m->failing, each[k]) < 0) {
            goto done;
        }
    }
    *holds = count > 0 && all;
    *fails = count > 0 && !all;
    if (put(o, "], \"holds_in\": [") < 0 || put_columns(o, columns, each, truths, count, 1) < 0 ||
        put(o, "], \"fails_in\": [") < 0 || put_columns(o, columns, each, truths, count, 0) < 0 ||
        put(o, "], \"evaluations\": [") < 0) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        if ((k > 0 && put(o, ", ") < 0) || put_evaluation(o, columns, each[k], truths[k]) < 0) {
            goto done;
        }
    }
    rc = put(o, "]}");
done:
    if (truths != few) {
        PyMem_Free(truths);
    }
    Py_XDECREF(row);
    Py_XDECREF(name);
    Py_XDECREF(evs);
    Py_XDECREF(evs_of);
    Py_XDECREF(items);
    Py_XDECREF(items_of);
    Py_XDECREF(total);
    return rc;
}

/* after every relation: the failing evaluations' figures marked `fails`, then each
 * reading's figure marked `read` where it is not marked `fails` */
static int
mark_after(Out *o, Marks *m, PyObject *release)
{
    Py_ssize_t n = PyList_GET_SIZE(m->failing);
    for (Py_ssize_t k = 0; k < n; k++) {
        if (mark_evaluation(o, m, PyList_GET_ITEM(m->failing, k), m->fails) < 0) {
            return -1;
        }
    }
    PyObject *readings = PyObject_GetAttr(release, S_readings);
    if (readings == NULL) {
        return -1;
    }
    PyObject *fast = PySequence_Fast(readings, "a release's readings must be a sequence");
    Py_DECREF(readings);
    if (fast == NULL) {
        return -1;
    }
    int rc = 0;
    n = PySequence_Fast_GET_SIZE(fast);
    for (Py_ssize_t k = 0; k < n && rc == 0; k++) {
        PyObject *ref = GET(o, PySequence_Fast_GET_ITEM(fast, k), S_cell, G_CELL);
        if (ref == NULL) {
            rc = -1;
            break;
        }
        rc = mark_ref(o, m, ref, m->read, m->fails);
        Py_DECREF(ref);
    }
    Py_DECREF(fast);
    return rc;
}

PyDoc_STRVAR(relations_doc,
             "relations(release, numbers, quote, verified, fails, read, /)\n"
             "--\n\n"
             "serialise._relations_python: the relations' JSON text, the figures' marks by\n"
             "table (report.marks.marked's, each mark the word given) and the counts of the\n"
             "relations holding and failing, from one pass over the relations.");

static PyObject *
relations(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_Format(PyExc_TypeError, "relations() takes 6 arguments (%zd given)", nargs);
        return NULL;
    }
    Out o = {.numbers = args[1], .quote = args[2], .seen = 1};
    Marks m = {.verified = args[3], .fails = args[4], .read = args[5]};
    PyObject *tables = NULL, *rels = NULL, *fast = NULL, *columns = NULL, *out = NULL;
    if ((tables = PyObject_GetAttr(args[0], S_tables)) == NULL ||
        (rels = PyObject_GetAttr(args[0], S_relations)) == NULL ||
        (fast = PySequence_Fast(rels, "a release's relations must be a sequence")) == NULL ||
        (columns = PyDict_New()) == NULL || (m.by_table = PyDict_New()) == NULL ||
        (m.failing = PyList_New(0)) == NULL) {
        goto done;
    }
    _PyUnicodeWriter_Init(&o.w);
    o.w.overallocate = 1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast), holding = 0, failing = 0;
    /* about the text's length, a little over (by the corpus, 640-1,080 characters a
     * relation): the buffer made once, not grown as the text grows */
    o.w.min_length = 64 + 800 * n;
    PyObject **items = PySequence_Fast_ITEMS(fast);
    int rc = put(&o, "[");
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        int holds = 0, fails = 0;
        if ((i > 0 && put(&o, ", ") < 0) ||
            put_relation(&o, tables, columns, items[i], &m, &holds, &fails) < 0) {
            rc = -1;
        }
        holding += holds;
        failing += fails;
    }
    if (rc == 0) {
        rc = put(&o, "]");
    }
    if (rc == 0) {
        rc = mark_after(&o, &m, args[0]);
    }
    if (rc < 0) {
        _PyUnicodeWriter_Dealloc(&o.w);
        goto done;
    }
    PyObject *text = _PyUnicodeWriter_Finish(&o.w);
    if (text != NULL) {
        out = Py_BuildValue("(NOnn)", text, m.by_table, holding, failing);
    }
done:
    ids_clear(&o);
    Py_XDECREF(m.failing);
    Py_XDECREF(m.table);
    Py_XDECREF(m.by_table);
    Py_XDECREF(columns);
    Py_XDECREF(fast);
    Py_XDECREF(rels);
    Py_XDECREF(tables);
    return out;
}

/* obj.name where obj's class keeps it in a slot (borrowed), else NULL, with no error set
 * and nothing run: a read for an estimate only */
static PyObject *
peek(PyObject *obj, PyObject *name)
{
    PyObject *descr = _PyType_Lookup(Py_TYPE(obj), name); /* borrowed */
    if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type) ||
        ((PyMemberDescrObject *)descr)->d_member->type != T_OBJECT_EX) {
        return NULL;
    }
    return *(PyObject **)((char *)obj + ((PyMemberDescrObject *)descr)->d_member->offset);
}

/* about the length of the rows' text, a little over (by the corpus, 214 characters a
 * row, 11 a cell and 181 a figure): the writer's buffer made that long at once, where
 * growing it as the text grows copied it again some 9,000 times a pass */
static Py_ssize_t
rows_length(PyObject **rows, Py_ssize_t n)
{
    Py_ssize_t length = 64;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cells = peek(rows[i], S_cells);
        length += 250;
        if (cells != NULL && PyTuple_CheckExact(cells)) {
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(cells); j++) {
                length += PyTuple_GET_ITEM(cells, j) == Py_None ? 12 : 210;
            }
        }
    }
    return length;
}

/* The grid of the marks (o->grid), where every key of `marks` is a tuple of two exact
 * ints, each at least 0, and the grid they span holds at most 64 places a mark and 4,096
 * more (a table's marks lie within its rows and columns); elsewhere no grid, and each
 * figure's mark is found in `marks` by its key. -1 with the error set. */
static int
grid_of(Out *o)
{
    PyObject *marks = o->marks, *key, *value;
    Py_ssize_t pos = 0, rows = 0, columns = 0, n = PyDict_GET_SIZE(marks);
    if (n == 0) {
        return 0;
    }
    while (PyDict_Next(marks, &pos, &key, &value)) {
        if (!PyTuple_CheckExact(key) || PyTuple_GET_SIZE(key) != 2 ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(key, 0)) ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(key, 1))) {
            return 0;
        }
        Py_ssize_t r = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 0));
        Py_ssize_t c = r < 0 ? -1 : PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 1));
        if (c < 0 || r >= 1 << 20 || c >= 1 << 20) {
            PyErr_Clear(); /* too large for a Py_ssize_t: no grid */
            return 0;
        }
        rows = r + 1 > rows ? r + 1 : rows;
        columns = c + 1 > columns ? c + 1 : columns;
    }
    if (rows * columns > 64 * n + 4096) {
        return 0;
    }
    PyObject **grid = PyMem_Calloc((size_t)(rows * columns), sizeof(PyObject *));
    if (grid == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    pos = 0;
    while (PyDict_Next(marks, &pos, &key, &value)) {
        Py_ssize_t r = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 0));
        Py_ssize_t c = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 1));
        Py_INCREF(value);
        Py_XSETREF(grid[r * columns + c], value); /* a dict's keys are distinct */
    }
    o->grid = grid;
    o->grid_rows = rows;
    o->grid_columns = columns;
    return 0;
}

PyDoc_STRVAR(rows_doc,
             "rows(table, marks, numbers, quote, flag_texts, flags_json, readings, unrelated, /)\n"
             "--\n\n"
             "serialise._rows_json_python: json.dumps of a table's rows, written directly,\n"
             "and the count of its figures.");

static PyObject *
rows(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8) {
        PyErr_Format(PyExc_TypeError, "rows() takes 8 arguments (%zd given)", nargs);
        return NULL;
    }
    if (!PyDict_Check(args[1]) || !PyDict_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "rows(): marks and flag_texts must be dicts");
        return NULL;
    }
    Out o = {.marks = args[1],
             .numbers = args[2],
             .quote = args[3],
             .flag_texts = args[4],
             .flags_json = args[5],
             .readings = args[6],
             .unrelated = args[7],
             .seen = 1};
    PyObject *table_rows = PyObject_GetAttr(args[0], S_rows);
    if (table_rows == NULL) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(table_rows, "a table's rows must be a sequence");
    Py_DECREF(table_rows);
    if (fast == NULL) {
        return NULL;
    }
    _PyUnicodeWriter_Init(&o.w);
    o.w.overallocate = 1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    o.w.min_length = rows_length(items, n);
    if (grid_of(&o) < 0 || put(&o, "[") < 0) {
        goto failed;
    }
    Py_ssize_t figures = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if ((i > 0 && put(&o, ", ") < 0) || put_row(&o, items[i], &figures) < 0) {
            goto failed;
        }
    }
    if (put(&o, "]") < 0) {
        goto failed;
    }
    Py_DECREF(fast);
    ids_clear(&o);
    PyObject *text = _PyUnicodeWriter_Finish(&o.w);
    return text == NULL ? NULL : Py_BuildValue("(Nn)", text, figures);
failed:
    Py_DECREF(fast);
    ids_clear(&o);
    _PyUnicodeWriter_Dealloc(&o.w);
    return NULL;
}

/* ---- A table's head: serialise._table_head_json_python, compiled. */

/* "true" or "false" by the truth of obj.name (any object's truth) */
static int
put_truth(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    int truth = PyObject_IsTrue(value);
    Py_DECREF(value);
    return truth < 0 ? -1 : truth ? put(o, "true") : put(o, "false");
}

/* obj.name formatted, or null for None */
static int
put_int_or_null(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    int rc = value == Py_None ? put(o, "null") : put_formatted(o, value);
    Py_DECREF(value);
    return rc;
}

/* quote(obj.name), or null for None */
static int
put_quoted_attr(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    int rc = put_quoted(o, value, 1);
    Py_DECREF(value);
    return rc;
}

/* one column's data: serialise._table_head_json_python's f-string of a column */
static int
put_column(Out *o, PyObject *column)
{
    int rc = -1;
    PyObject *period = NULL, *end = NULL, *iso = NULL, *unit = NULL, *word = NULL;
    if (put(o, "{\"label\": ") < 0 || put_quoted_attr(o, column, S_label, CO_LABEL) < 0 ||
        (period = GET(o, column, S_period, CO_PERIOD)) == NULL) {
        goto done;
    }
    int dated = PyObject_IsTrue(period);
    if (dated < 0 || put(o, ", \"period_end\": ") < 0) {
        goto done;
    }
    int ended = 0;
    if (dated) {
        if ((end = GET(o, period, S_end, PE_END)) == NULL || (ended = PyObject_IsTrue(end)) < 0) {
            goto done;
        }
    }
    if (ended) {
        if ((iso = PyObject_CallMethodNoArgs(end, S_isoformat)) == NULL || put(o, "\"") < 0 ||
            put_formatted(o, iso) < 0 || put(o, "\"") < 0) {
            goto done;
        }
    }
    else if (put(o, "null") < 0) {
        goto done;
    }
    if (put(o, ", \"months\": ") < 0 ||
        (dated ? put_int_or_null(o, period, S_months, PE_MONTHS) : put(o, "null")) < 0 ||
        put(o, ", \"weeks\": ") < 0 ||
        (dated ? put_int_or_null(o, period, S_weeks, PE_WEEKS) : put(o, "null")) < 0 ||
        put(o, ", \"instant\": ") < 0 ||
        (dated ? put_truth(o, period, S_instant, PE_INSTANT) : put(o, "false")) < 0 ||
        put(o, ", \"segment\": ") < 0 || put_quoted_attr(o, column, S_segment, CO_SEGMENT) < 0 ||
        put(o, ", \"unit\": ") < 0 || (unit = GET(o, column, S_unit, CO_UNIT)) == NULL) {
        goto done;
    }
    int united = PyObject_IsTrue(unit);
    if (united < 0) {
        goto done;
    }
    if (united) {
        if ((word = PyObject_GetAttr(unit, S_value_)) == NULL || put_quoted(o, word, 0) < 0) {
            goto done;
        }
    }
    else if (put(o, "null") < 0) {
        goto done;
    }
    if (put(o, ", \"change\": ") < 0 || put_truth(o, column, S_change, CO_CHANGE) < 0) {
        goto done;
    }
    rc = put(o, "}");
done:
    Py_XDECREF(word);
    Py_XDECREF(unit);
    Py_XDECREF(iso);
    Py_XDECREF(end);
    Py_XDECREF(period);
    return rc;
}

PyDoc_STRVAR(table_head_doc,
             "table_head(table, numbers, quote, /)\n"
             "--\n\n"
             "serialise._table_head_json_python: json.dumps of a table's head (title, scale,\n"
             "lines, columns) without its closing brace, written directly.");

static PyObject *
table_head(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "table_head() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *table = args[0];
    Out o = {.numbers = args[1], .quote = args[2]};
    PyObject *scale = NULL, *columns = NULL, *fast = NULL;
    _PyUnicodeWriter_Init(&o.w);
    o.w.overallocate = 1;
    o.w.min_length = 512;
    if (put(&o, "{\"table\": ") < 0 || put_plus_one(&o, table, S_index, TB_INDEX) < 0 ||
        put(&o, ", \"title\": ") < 0 || put_quoted_attr(&o, table, S_title, TB_TITLE) < 0 ||
        put(&o, ", \"exhibit\": ") < 0 || put_quoted_attr(&o, table, S_exhibit, TB_EXHIBIT) < 0 ||
        put(&o, ", \"scale\": ") < 0 || (scale = GET(&o, table, S_scale, TB_SCALE)) == NULL) {
        goto failed;
    }
    if (scale == Py_None) {
        if (put(&o, "null") < 0) {
            goto failed;
        }
    }
    else {
        PyObject *digits = number_of(&o, scale);
        int rc = digits == NULL || put(&o, "\"") < 0 || put_formatted(&o, digits) < 0 ||
                         put(&o, "\"") < 0
                     ? -1
                     : 0;
        Py_XDECREF(digits);
        if (rc < 0) {
            goto failed;
        }
    }
    if (put(&o, ", \"scale_text\": ") < 0 ||
        put_quoted_attr(&o, table, S_scale_text, TB_SCALE_TEXT) < 0 ||
        put(&o, ", \"currency\": ") < 0 || put_quoted_attr(&o, table, S_currency, TB_CURRENCY) < 0 ||
        put(&o, ", \"first_line\": ") < 0 || put_attr(&o, table, S_first_line, TB_FIRST_LINE) < 0 ||
        put(&o, ", \"last_line\": ") < 0 || put_attr(&o, table, S_last_line, TB_LAST_LINE) < 0 ||
        put(&o, ", \"columns\": [") < 0 || (columns = GET(&o, table, S_columns, TB_COLUMNS)) == NULL ||
        (fast = PySequence_Fast(columns, "a table's columns must be a sequence")) == NULL) {
        goto failed;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    for (Py_ssize_t k = 0; k < n; k++) {
        if ((k > 0 && put(&o, ", ") < 0) || put_column(&o, PySequence_Fast_GET_ITEM(fast, k)) < 0) {
            goto failed;
        }
    }
    if (put(&o, "]") < 0) {
        goto failed;
    }
    Py_DECREF(fast);
    Py_DECREF(columns);
    Py_DECREF(scale);
    return _PyUnicodeWriter_Finish(&o.w);
failed:
    Py_XDECREF(fast);
    Py_XDECREF(columns);
    Py_XDECREF(scale);
    _PyUnicodeWriter_Dealloc(&o.w);
    return NULL;
}

/* ---- The claims: serialise._claims_json_python, compiled. */

/* {"table": first.table + 1, "table_title": ..., "row": ..., "line": ..., "column": ...,
 * "cells": [...]} of a claim tied to figures of the tables */
static int
put_tied(Out *o, PyObject *tables, PyObject **refs, Py_ssize_t n)
{
    int rc = -1;
    PyObject *first = refs[0], *t = NULL, *table = NULL, *rows = NULL, *r = NULL, *row = NULL,
             *columns = NULL, *c = NULL, *column = NULL, *label = NULL;
    if ((t = GET(o, first, S_table, F_TABLE)) == NULL || (table = item_of(tables, t)) == NULL ||
        (rows = GET(o, table, S_rows, TB_ROWS)) == NULL ||
        (r = GET(o, first, S_row, F_ROW)) == NULL || (row = item_of(rows, r)) == NULL ||
        put(o, "{\"table\": ") < 0 || put_plus_one(o, first, S_table, F_TABLE) < 0 ||
        put(o, ", \"table_title\": ") < 0 || put_quoted_attr(o, table, S_title, TB_TITLE) < 0 ||
        put(o, ", \"row\": ") < 0 || put_label_of(o, row) < 0 || put(o, ", \"line\": ") < 0 ||
        put_attr(o, row, S_line, R_LINE) < 0 || put(o, ", \"column\": ") < 0 ||
        (columns = GET(o, table, S_columns, TB_COLUMNS)) == NULL ||
        (c = GET(o, first, S_column, F_COLUMN)) == NULL ||
        (column = item_of(columns, c)) == NULL ||
        (label = GET(o, column, S_label, CO_LABEL)) == NULL || put_quoted(o, label, 0) < 0 ||
        put(o, ", \"cells\": [") < 0) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        if ((k > 0 && put(o, ", ") < 0) || put(o, "{\"table\": ") < 0 ||
            put_plus_one(o, refs[k], S_table, F_TABLE) < 0 || put(o, ", \"row\": ") < 0 ||
            put_attr(o, refs[k], S_row, F_ROW) < 0 || put(o, ", \"column\": ") < 0 ||
            put_attr(o, refs[k], S_column, F_COLUMN) < 0 || put(o, "}") < 0) {
            goto done;
        }
    }
    rc = put(o, "]}");
done:
    Py_XDECREF(label);
    Py_XDECREF(column);
    Py_XDECREF(c);
    Py_XDECREF(columns);
    Py_XDECREF(row);
    Py_XDECREF(r);
    Py_XDECREF(rows);
    Py_XDECREF(table);
    Py_XDECREF(t);
    return rc;
}

/* cache[key] made by `make` (called on (key, quote)) on a miss, formatted */
static int
put_cached(Out *o, PyObject *cache, PyObject *key, PyObject *make, int with_quote)
{
    PyObject *written = PyDict_GetItemWithError(cache, key); /* borrowed */
    if (written != NULL) {
        return put_formatted(o, written);
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    PyObject *call[2] = {key, o->quote};
    PyObject *made = PyObject_Vectorcall(make, call, with_quote ? 2 : 1, NULL);
    if (made == NULL || PyDict_SetItem(cache, key, made) < 0) {
        Py_XDECREF(made);
        return -1;
    }
    int rc = put_formatted(o, made);
    Py_DECREF(made);
    return rc;
}

/* "value" digits quoted, or null for None */
static int
put_digits(Out *o, PyObject *obj, PyObject *name, int which)
{
    PyObject *value = GET(o, obj, name, which);
    if (value == NULL) {
        return -1;
    }
    int rc;
    if (value == Py_None) {
        rc = put(o, "null");
    }
    else {
        PyObject *digits = number_of(o, value);
        rc = digits == NULL || put(o, "\"") < 0 || put_formatted(o, digits) < 0 ? -1 : put(o, "\"");
        Py_XDECREF(digits);
    }
    Py_DECREF(value);
    return rc;
}

/* the claim's period's end as its ISO text quoted, or null; its months, or null */
static int
put_period(Out *o, PyObject *claim)
{
    PyObject *period = GET(o, claim, S_period, CL_PERIOD), *end = NULL, *iso = NULL;
    if (period == NULL) {
        return -1;
    }
    int rc = -1, ended = 0;
    int dated = PyObject_IsTrue(period);
    if (dated < 0 || put(o, ", \"period_end\": ") < 0) {
        goto done;
    }
    if (dated && ((end = GET(o, period, S_end, PE_END)) == NULL || (ended = PyObject_IsTrue(end)) < 0)) {
        goto done;
    }
    if (ended ? (iso = PyObject_CallMethodNoArgs(end, S_isoformat)) == NULL || put(o, "\"") < 0 ||
                    put_formatted(o, iso) < 0 || put(o, "\"") < 0
              : put(o, "null") < 0) {
        goto done;
    }
    if (put(o, ", \"months\": ") < 0 ||
        (dated ? put_int_or_null(o, period, S_months, PE_MONTHS) : put(o, "null")) < 0) {
        goto done;
    }
    rc = 0;
done:
    Py_XDECREF(iso);
    Py_XDECREF(end);
    Py_DECREF(period);
    return rc;
}

/* quote(q) of each, joined by ", " */
static int
put_qualifiers(Out *o, PyObject *claim)
{
    PyObject *qualifiers = GET(o, claim, S_qualifiers, CL_QUALIFIERS);
    if (qualifiers == NULL) {
        return -1;
    }
    PyObject *fast = PySequence_Fast(qualifiers, "a claim's qualifiers must be a sequence");
    Py_DECREF(qualifiers);
    if (fast == NULL) {
        return -1;
    }
    int rc = 0;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    for (Py_ssize_t k = 0; k < n && rc == 0; k++) {
        rc = (k > 0 && put(o, ", ") < 0) ||
                     put_quoted(o, PySequence_Fast_GET_ITEM(fast, k), 0) < 0
                 ? -1
                 : 0;
    }
    Py_DECREF(fast);
    return rc;
}

typedef struct {
    PyObject *tables;
    PyObject *sentences;   /* dict: sentence -> quoted */
    PyObject *traits;      /* dict: frozenset of traits -> their text */
    PyObject *traits_json; /* serialise._traits_json(traits, quote) */
} Claims;

/* quote(sentence): written as itself where json would (put_plain: most sentences), else
 * through the call's cache of quoted sentences (a sentence's figures share it) */
static int
put_sentence(Out *o, Claims *cl, PyObject *sentence)
{
    int plain = put_plain(o, sentence);
    if (plain != 0) {
        return plain < 0 ? -1 : 0;
    }
    return put_cached(o, cl->sentences, sentence, o->quote, 0);
}

static int
put_claim(Out *o, Claims *cl, PyObject *claim)
{
    int rc = -1;
    PyObject *span = NULL, *text = NULL, *sentence = NULL, *tied = NULL, *fast = NULL,
             *traits = NULL;
    if ((span = GET(o, claim, S_span, CL_SPAN)) == NULL || put(o, "{\"line\": ") < 0 ||
        put_attr(o, span, S_line, P_LINE) < 0 || put(o, ", \"col\": ") < 0 ||
        put_attr(o, span, S_start, P_START) < 0 || put(o, ", \"text\": ") < 0 ||
        (text = GET(o, claim, S_text, CL_TEXT)) == NULL || put_quoted(o, text, 0) < 0 ||
        put(o, ", \"sentence\": ") < 0 ||
        (sentence = GET(o, claim, S_sentence, CL_SENTENCE)) == NULL ||
        put_sentence(o, cl, sentence) < 0 ||
        put(o, ", \"subject\": ") < 0 || put_quoted_attr(o, claim, S_subject, CL_SUBJECT) < 0 ||
        put(o, ", \"concept\": ") < 0 || put_quoted_attr(o, claim, S_concept, CL_CONCEPT) < 0 ||
        put(o, ", \"segment\": ") < 0 || put_quoted_attr(o, claim, S_segment, CL_SEGMENT) < 0 ||
        put(o, ", \"value\": \"") < 0 || put_number(o, claim, S_value, CL_VALUE) < 0 ||
        put(o, "\", \"precision\": \"") < 0 ||
        put_number(o, claim, S_precision, CL_PRECISION) < 0 || put(o, "\", \"unit\": \"") < 0 ||
        put_enum(o, claim, S_unit, CL_UNIT) < 0 || put(o, "\", \"kind\": \"") < 0 ||
        put_enum(o, claim, S_kind, CL_KIND) < 0 || put(o, "\"") < 0 || put_period(o, claim) < 0 ||
        put(o, ", \"period_text\": ") < 0 ||
        put_quoted_attr(o, claim, S_period_text, CL_PERIOD_TEXT) < 0 ||
        put(o, ", \"qualifiers\": [") < 0 || put_qualifiers(o, claim) < 0 ||
        put(o, "], \"traits\": [") < 0 || (traits = GET(o, claim, S_traits, CL_TRAITS)) == NULL ||
        put_cached(o, cl->traits, traits, cl->traits_json, 1) < 0 ||
        put(o, "], \"tied_to\": ") < 0 || (tied = GET(o, claim, S_tied_to, CL_TIED_TO)) == NULL ||
        (fast = PySequence_Fast(tied, "a claim's cells must be a sequence")) == NULL) {
        goto done;
    }
    if (PySequence_Fast_GET_SIZE(fast) == 0 ? put(o, "null") < 0
                                            : put_tied(o, cl->tables, PySequence_Fast_ITEMS(fast),
                                                       PySequence_Fast_GET_SIZE(fast)) < 0) {
        goto done;
    }
    if (put(o, ", \"expected\": ") < 0 || put_digits(o, claim, S_expected, CL_EXPECTED) < 0 ||
        put(o, ", \"status\": \"") < 0 || put_enum(o, claim, S_status, CL_STATUS) < 0) {
        goto done;
    }
    rc = put(o, "\"}");
done:
    Py_XDECREF(fast);
    Py_XDECREF(tied);
    Py_XDECREF(traits);
    Py_XDECREF(sentence);
    Py_XDECREF(text);
    Py_XDECREF(span);
    return rc;
}

/* ---- A JSON list of records, each written by its writer: the claims' and the findings'. */

typedef int (*PutItem)(Out *o, void *context, PyObject *item);

/* "[" the items written by put_item (with its context), ", " between, "]": a new str, or
 * NULL with an exception set. per_item: about the length of an item's text, so that the
 * writer allocates once for most lists. */
static PyObject *
put_list(Out *o, PyObject *fast, Py_ssize_t per_item, PutItem put_item, void *context)
{
    _PyUnicodeWriter_Init(&o->w);
    o->w.overallocate = 1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    o->w.min_length = 64 + per_item * n; /* about the text's length, a little over */
    int rc = put(o, "[");
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        if ((i > 0 && put(o, ", ") < 0) || put_item(o, context, PySequence_Fast_GET_ITEM(fast, i)) < 0) {
            rc = -1;
        }
    }
    if (rc == 0) {
        rc = put(o, "]");
    }
    if (rc < 0) {
        _PyUnicodeWriter_Dealloc(&o->w);
        return NULL;
    }
    return _PyUnicodeWriter_Finish(&o->w);
}

static int
put_claim_item(Out *o, void *context, PyObject *claim)
{
    return put_claim(o, (Claims *)context, claim);
}

PyDoc_STRVAR(claims_doc,
             "claims(release, numbers, quote, traits_json, /)\n"
             "--\n\n"
             "serialise._claims_json_python: json.dumps of every claim's data, written\n"
             "directly (traits_json: a set of traits as written, on each new set).");

static PyObject *
claims(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError, "claims() takes 4 arguments (%zd given)", nargs);
        return NULL;
    }
    Out o = {.numbers = args[1], .quote = args[2], .seen = 1};
    Claims cl = {.traits_json = args[3]};
    PyObject *all = NULL, *fast = NULL, *out = NULL;
    if ((cl.tables = PyObject_GetAttr(args[0], S_tables)) == NULL ||
        (all = PyObject_GetAttr(args[0], S_claims)) == NULL ||
        (fast = PySequence_Fast(all, "a release's claims must be a sequence")) == NULL ||
        (cl.sentences = PyDict_New()) == NULL || (cl.traits = PyDict_New()) == NULL) {
        goto done;
    }
    out = put_list(&o, fast, 1200, put_claim_item, &cl);
done:
    ids_clear(&o);
    Py_XDECREF(cl.traits);
    Py_XDECREF(cl.sentences);
    Py_XDECREF(fast);
    Py_XDECREF(all);
    Py_XDECREF(cl.tables);
    return out;
}

/* ---- The findings: serialise._findings_json_python, compiled. */

/* "digits" of numbers[value] quoted, or null for None; steals nothing */
static int
put_number_or_null(Out *o, PyObject *value)
{
    if (value == Py_None) {
        return put(o, "null");
    }
    PyObject *digits = number_of(o, value);
    int rc = digits == NULL || put(o, "\"") < 0 || put_formatted(o, digits) < 0 ? -1 : put(o, "\"");
    Py_XDECREF(digits);
    return rc;
}

/* one span of a finding's evidence: its line and columns, and its offset where it has one */
static int
put_evidence(Out *o, PyObject *span)
{
    PyObject *offset = GET(o, span, S_offset, P_OFFSET);
    if (offset == NULL) {
        return -1;
    }
    int rc = -1;
    if (put(o, "{\"line\": ") < 0 || put_attr(o, span, S_line, P_LINE) < 0 ||
        put(o, ", \"col\": ") < 0 || put_attr(o, span, S_start, P_START) < 0 ||
        put(o, ", \"end_col\": ") < 0 || put_attr(o, span, S_end, P_END) < 0) {
        goto done;
    }
    if (offset != Py_None &&
        (put(o, ", \"offset\": ") < 0 || put_formatted(o, offset) < 0)) {
        goto done;
    }
    rc = put(o, "}");
done:
    Py_DECREF(offset);
    return rc;
}

/* one finding's text: its ten fields read first, in their order, then written */
static int
put_finding(Out *o, PyObject *finding)
{
    static const struct {
        PyObject **name;
        int which;
    } read[] = {
        {&S_code, FI_CODE},         {&S_severity, FI_SEVERITY},
        {&S_message, FI_MESSAGE},   {&S_line, FI_LINE},
        {&S_expected, FI_EXPECTED}, {&S_actual, FI_ACTUAL},
        {&S_difference, FI_DIFFERENCE}, {&S_tolerance, FI_TOLERANCE},
        {&S_suggestion, FI_SUGGESTION}, {&S_evidence, FI_EVIDENCE},
    };
    enum { N_READ = sizeof read / sizeof read[0] };
    PyObject *f[N_READ] = {NULL}, *spans = NULL;
    int rc = -1;
    for (int k = 0; k < N_READ; k++) {
        if ((f[k] = GET(o, finding, *read[k].name, read[k].which)) == NULL) {
            goto done;
        }
    }
    if (put(o, "{\"code\": ") < 0 || put_quoted(o, f[0], 0) < 0 ||
        put(o, ", \"severity\": \"") < 0 || put_word(o, f[1]) < 0 ||
        put(o, "\", \"message\": ") < 0 || put_quoted(o, f[2], 0) < 0 ||
        put(o, ", \"line\": ") < 0 || put_formatted(o, f[3]) < 0 ||
        put(o, ", \"expected\": ") < 0 || put_number_or_null(o, f[4]) < 0 ||
        put(o, ", \"actual\": ") < 0 || put_number_or_null(o, f[5]) < 0 ||
        put(o, ", \"difference\": ") < 0 || put_number_or_null(o, f[6]) < 0 ||
        put(o, ", \"tolerance\": ") < 0 || put_number_or_null(o, f[7]) < 0 ||
        put(o, ", \"suggestion\": ") < 0 || put_quoted(o, f[8], 1) < 0 ||
        put(o, ", \"evidence\": [") < 0 ||
        (spans = PySequence_Fast(f[9], "a finding's evidence must be iterable")) == NULL) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(spans); k++) {
        if ((k > 0 && put(o, ", ") < 0) || put_evidence(o, PySequence_Fast_GET_ITEM(spans, k)) < 0) {
            goto done;
        }
    }
    rc = put(o, "]}");
done:
    Py_XDECREF(spans);
    for (int k = 0; k < N_READ; k++) {
        Py_XDECREF(f[k]);
    }
    return rc;
}

static int
put_finding_item(Out *o, void *Py_UNUSED(context), PyObject *finding)
{
    return put_finding(o, finding);
}

PyDoc_STRVAR(findings_doc,
             "findings(release, numbers, quote, /)\n"
             "--\n\n"
             "serialise._findings_json_python: json.dumps of finding_data of every finding,\n"
             "written directly.");

static PyObject *
findings(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "findings() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    Out o = {.numbers = args[1], .quote = args[2], .seen = 1};
    PyObject *all = NULL, *fast = NULL, *out = NULL;
    if ((all = PyObject_GetAttr(args[0], S_findings)) == NULL ||
        (fast = PySequence_Fast(all, "a release's findings must be iterable")) == NULL) {
        goto done;
    }
    out = put_list(&o, fast, 400, put_finding_item, NULL);
done:
    ids_clear(&o);
    Py_XDECREF(fast);
    Py_XDECREF(all);
    return out;
}

static PyMethodDef methods[] = {
    {"rows", (PyCFunction)(void (*)(void))rows, METH_FASTCALL, rows_doc},
    {"relations", (PyCFunction)(void (*)(void))relations, METH_FASTCALL, relations_doc},
    {"table_head", (PyCFunction)(void (*)(void))table_head, METH_FASTCALL, table_head_doc},
    {"claims", (PyCFunction)(void (*)(void))claims, METH_FASTCALL, claims_doc},
    {"findings", (PyCFunction)(void (*)(void))findings, METH_FASTCALL, findings_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.report._rows",
    "The rows and heads of a table, the relations, the claims and the findings as JSON "
    "text, compiled from _rows.c (serialise._rows_json_python, "
    "serialise._table_head_json_python, serialise._relations_python, "
    "serialise._claims_json_python, serialise._findings_json_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__rows(void)
{
    static const Interned names[] = {
        {&S_rows, "rows"},       {&S_index, "index"},     {&S_cells, "cells"},
        {&S_label, "label"},     {&S_level, "level"},     {&S_kind, "kind"},
        {&S_unit, "unit"},       {&S_concept, "concept"}, {&S_section, "section"},
        {&S_line, "line"},       {&S_rule_above, "rule_above"},
        {&S_rule_below, "rule_below"},                    {&S_value_, "_value_"},
        {&S_raw, "raw"},         {&S_value, "value"},     {&S_precision, "precision"},
        {&S_span, "span"},       {&S_column, "column"},   {&S_flags, "flags"},
        {&S_readings, "readings"},                        {&S_start, "start"},
        {&S_end, "end"},         {&S_offset, "offset"},   {&S_strip, "strip"},
        {&S_empty, ""},          {&S_tables, "tables"},   {&S_relations, "relations"},
        {&S_total, "total"},     {&S_items, "items"},     {&S_evaluations, "evaluations"},
        {&S_source, "source"},   {&S_name, "name"},       {&S_table, "table"},
        {&S_row, "row"},         {&S_sign, "sign"},       {&S_expected, "expected"},
        {&S_actual, "actual"},   {&S_difference, "difference"},
        {&S_tolerance, "tolerance"},                      {&S_holds, "holds"},
        {&S_cell, "cell"},       {&S_title, "title"},     {&S_exhibit, "exhibit"},
        {&S_scale, "scale"},     {&S_scale_text, "scale_text"},
        {&S_currency, "currency"},                        {&S_first_line, "first_line"},
        {&S_last_line, "last_line"},                      {&S_columns, "columns"},
        {&S_period, "period"},   {&S_months, "months"},   {&S_weeks, "weeks"},
        {&S_instant, "instant"}, {&S_segment, "segment"}, {&S_change, "change"},
        {&S_isoformat, "isoformat"},                      {&S_claims, "claims"},
        {&S_text, "text"},       {&S_sentence, "sentence"},
        {&S_subject, "subject"}, {&S_period_text, "period_text"},
        {&S_qualifiers, "qualifiers"},                    {&S_traits, "traits"},
        {&S_tied_to, "tied_to"}, {&S_status, "status"},
        {&S_findings, "findings"}, {&S_code, "code"},   {&S_severity, "severity"},
        {&S_message, "message"}, {&S_suggestion, "suggestion"},
        {&S_evidence, "evidence"},
    };
    if (INTERN_ALL(names) < 0) {
        return NULL;
    }
    if (decimal_type == NULL) { /* (a layout not confirmed: every number through `numbers`) */
        PyObject *decimal = PyImport_ImportModule("decimal");
        PyObject *type = decimal == NULL ? NULL : PyObject_GetAttrString(decimal, "Decimal");
        Py_XDECREF(decimal);
        int confirmed = type == NULL ? -1 : decimals_confirm(type);
        Py_XDECREF(type);
        if (confirmed < 0) {
            return NULL;
        }
    }
    if (json_quotes[0] == NULL) {
        PyObject *encoder = PyImport_ImportModule("json.encoder");
        if (encoder == NULL) {
            return NULL;
        }
        json_quotes[0] = PyObject_GetAttrString(encoder, "encode_basestring_ascii");
        json_quotes[1] = PyObject_GetAttrString(encoder, "encode_basestring");
        Py_DECREF(encoder);
        if (json_quotes[0] == NULL || json_quotes[1] == NULL) {
            Py_CLEAR(json_quotes[0]);
            Py_CLEAR(json_quotes[1]);
            return NULL;
        }
    }
    return PyModule_Create(&module_def);
}
