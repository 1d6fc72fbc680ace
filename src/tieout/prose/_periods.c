/* Where the period phrases of a sentence may begin: prose/periods.py's patterns, compiled.
 *
 * periods._found_python is the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler): a sieve of the sentence's words, then each of the fifteen period patterns
 * (periods._PATTERNS) a finditer of its own over the sentence, each trying a match at
 * every character. Here one pass of C over the sentence's characters gives, for each
 * pattern, the places where a match of it may begin: every place it does begin and few
 * others. periods._found_compiled asks the pattern itself for a match at each of them
 * (``Pattern.match(text, pos)``, which reads the text around pos as finditer does),
 * resuming after a match as finditer does, so the matches are re's own, the same Match
 * objects in the same order.
 *
 * So this need not be exact, only never stricter than a pattern: a place is given when
 * the text there spells the pattern's words up to the first word every match needs
 * ("quarter", a year's digits, a month's name), and after a word's character for those
 * that begin at a word's start (\b); what comes after (the date's day, the optional
 * groups, the lookarounds and the other word boundaries) is left to re. Characters are read
 * by re's rules for a str pattern with IGNORECASE: \s a space (Py_UNICODE_ISSPACE), \d a
 * decimal digit (Py_UNICODE_ISDECIMAL), a letter of a pattern matching itself in either
 * case and, for "i", "s" and "k", the dotted and dotless i, the long s and the Kelvin sign
 * (every character re matches with an ASCII letter, case ignored: no other does); digits
 * and symbols only themselves. A run of spaces or dashes is read whole: what a pattern
 * needs after one is a letter or a digit, which no space or dash is.
 *
 * ``places`` gives the same pairs in the order of their places (periods._compiled_phrases
 * settles the overlaps of the matches as it meets them: periods._phrases_python is its
 * specification). ``ordinals`` reads periods._ORDINAL_MENTION's matches whole (each part
 * of it can be read one way only) and gives their quarters' ordinals
 * (periods._ordinal_mentions_python, which answers a text it hands back).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* periods._PATTERNS, in their order */
enum {
    QUARTER,
    Q,
    MONTHS,
    HALF,
    YTD,
    QUARTER_ENDED,
    YEAR,
    PRIOR,
    CURRENT,
    SEQUENTIAL,
    THE_QUARTER,
    THE_YEAR,
    INSTANT,
    BARE_YEAR,
    YEAR_ADJECTIVE,
    PATTERNS
};

/* The characters (folded) each pattern's matches may begin with. */
static const char *const FIRST[PATTERNS] = {
    "fst12341", /* quarter: fiscal, a year, first..fourth, 1st..4th */
    "qf12",     /* q: Q1, fiscal, a year */
    "ftsn12356789", /* months: first, the counts in words and figures */
    "fs",       /* half */
    "y12",      /* ytd: a year, year-to-date */
    "qt1",      /* quarter-ended: quarter, three, thirteen, 13 */
    "fcy",      /* year: full, fiscal, calendar, year */
    "aoypl",    /* prior: a, one, year, prior, previous, preceding, last */
    "ct",       /* current: current, this */
    "spl",      /* sequential: sequential, prior, previous, preceding, last, linked */
    "tclm",     /* the-quarter: the, this, current, latest, most */
    "t",        /* the-year: the, this */
    "a",        /* instant: as of, at */
    "ifdostwv", /* bare-year: in, for, during, of, since, than, over, with, versus, vs */
    "12",       /* year-adjective: a year */
};

static unsigned short first_of[128]; /* the patterns a folded ASCII character may begin */

/* A sentence's characters as the patterns meet them (``fold``), one pass made. */
typedef struct {
    const Py_UCS4 *c;
    Py_ssize_t n;
} Text;

/* A decimal digit other than ASCII's: \d, but no digit a pattern spells. */
#define OTHER_DIGIT ((Py_UCS4)0x110000)

/* A character as the patterns' letters, digits, dashes and \s meet it: ASCII lowered;
 * the four others re matches with an ASCII letter when case is ignored, as that letter;
 * every other space as " " (a pattern spells no space: \s only) and every other decimal
 * digit as OTHER_DIGIT (\d only); the rest as they are, which no pattern spells. */
static inline Py_UCS4
fold(Py_UCS4 c)
{
    if (c < 128) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    if (c == 0x130 || c == 0x131) {
        return 'i';
    }
    if (c == 0x17f) {
        return 's';
    }
    if (c == 0x212a) {
        return 'k';
    }
    if (Py_UNICODE_ISSPACE(c)) {
        return ' ';
    }
    return Py_UNICODE_ISDECIMAL(c) ? OTHER_DIGIT : c;
}

/* 0 past the text's ends: no pattern spells it */
static inline Py_UCS4
folded_at(const Text *t, Py_ssize_t i)
{
    return i >= 0 && i < t->n ? t->c[i] : 0;
}

static inline int
space_char(Py_UCS4 c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* Whether a folded character is a word's, as re's \b reads it: re's word characters are
 * Py_UNICODE_ISALNUM's and "_"; ``fold`` keeps a character's being one (ASCII lowered,
 * the four letters as letters, a space as " ", a digit as a digit or OTHER_DIGIT); 0, past
 * the text's ends, is none. */
static inline int
word_char(Py_UCS4 c)
{
    if (c < 128) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    return c == OTHER_DIGIT || Py_UNICODE_ISALNUM(c);
}

/* Whether the character before i is no word's (re's \b before a word's character at i) */
static inline int
word_starts(const Text *t, Py_ssize_t i)
{
    return i <= 0 || !word_char(t->c[i - 1]);
}

static inline int
digit_at(const Text *t, Py_ssize_t i)
{
    Py_UCS4 c = folded_at(t, i);
    return (c >= '0' && c <= '9') || c == OTHER_DIGIT;
}

/* The end of the word `w` (lowercase ASCII) at i, or -1; -1 in gives -1 out. */
static Py_ssize_t
word(const Text *t, Py_ssize_t i, const char *w)
{
    if (i < 0) {
        return -1;
    }
    for (; *w; w++, i++) {
        if (folded_at(t, i) != (Py_UCS4)(unsigned char)*w) {
            return -1;
        }
    }
    return i;
}

/* The first of the words (NULL-ended) at i whose end `rest` accepts: 1 if one does. */
typedef int (*Rest)(const Text *, Py_ssize_t);

static int
words_then(const Text *t, Py_ssize_t i, const char *const *ws, Rest rest)
{
    if (i < 0) {
        return 0;
    }
    Py_UCS4 c = folded_at(t, i); /* a word not beginning with it passed over at once */
    for (; *ws; ws++) {
        if ((Py_UCS4)(unsigned char)**ws != c) {
            continue;
        }
        Py_ssize_t e = word(t, i, *ws);
        if (e >= 0 && rest(t, e)) {
            return 1;
        }
    }
    return 0;
}

static int
any_word(const Text *t, Py_ssize_t i, const char *const *ws)
{
    if (i < 0) {
        return 0;
    }
    Py_UCS4 c = folded_at(t, i);
    for (; *ws; ws++) {
        if ((Py_UCS4)(unsigned char)**ws == c && word(t, i, *ws) >= 0) {
            return 1;
        }
    }
    return 0;
}

/* `\s+`: where the spaces from i end, or -1 when none is there. */
static Py_ssize_t
spaced(const Text *t, Py_ssize_t i)
{
    if (i < 0) {
        return -1;
    }
    Py_ssize_t j = i;
    while (j < t->n && space_char(t->c[j])) {
        j++;
    }
    return j > i ? j : -1;
}

/* `[\s-]+`: where the spaces and dashes from i end, or -1 when none is there. */
static Py_ssize_t
dashed(const Text *t, Py_ssize_t i)
{
    if (i < 0) {
        return -1;
    }
    Py_ssize_t j = i;
    while (j < t->n) {
        Py_UCS4 c = t->c[j];
        if (c != '-' && !space_char(c)) {
            break;
        }
        j++;
    }
    return j > i ? j : -1;
}

/* `(?:19|20)\d\d`: its end, or -1. */
static Py_ssize_t
year(const Text *t, Py_ssize_t i)
{
    if (i < 0) {
        return -1;
    }
    Py_UCS4 a = folded_at(t, i), b = folded_at(t, i + 1);
    if (!((a == '1' && b == '9') || (a == '2' && b == '0'))) {
        return -1;
    }
    return digit_at(t, i + 2) && digit_at(t, i + 3) ? i + 4 : -1;
}

/* `fiscal\s+` at i: where it ends, else i itself (the words are optional); -1 stays. */
static Py_ssize_t
fiscal_spaced(const Text *t, Py_ssize_t i)
{
    Py_ssize_t e = spaced(t, word(t, i, "fiscal"));
    return e >= 0 ? e : i;
}

static const char *const ORDINALS[] = {
    "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", NULL};

/* after an ordinal: `[\s-]+(?:fiscal\s+)?quarter` */
static int
ordinal_rest(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = dashed(t, i);
    if (j < 0) {
        return 0;
    }
    return word(t, j, "quarter") >= 0 || word(t, fiscal_spaced(t, j), "quarter") >= 0;
}

static int
ordinal_quarter(const Text *t, Py_ssize_t i)
{
    return words_then(t, i, ORDINALS, ordinal_rest);
}

/* `Q[1-4]` */
static int
quarter_code(const Text *t, Py_ssize_t i)
{
    if (i < 0 || folded_at(t, i) != 'q') {
        return 0;
    }
    Py_UCS4 d = folded_at(t, i + 1);
    return d >= '1' && d <= '4';
}

/* `(?:(?:fiscal\s+)?YEAR\s+)?` then `then`: tried with the words and without them */
static int
year_led(const Text *t, Py_ssize_t i, Rest then)
{
    if (then(t, i)) {
        return 1;
    }
    Py_ssize_t y = spaced(t, year(t, i));
    if (y >= 0 && then(t, y)) {
        return 1;
    }
    Py_ssize_t f = spaced(t, word(t, i, "fiscal"));
    y = spaced(t, year(t, f));
    return y >= 0 && then(t, y);
}

static const char *const COUNTS[] = {
    "three", "six", "nine", "twelve", "thirteen", "3", "6", "9", "12", "13",
    "26", "39", "52", "53", NULL};
static const char *const JOINED_COUNTS[][2] = {
    {"twenty", "six"}, {"thirty", "nine"}, {"fifty", "two"}, {"fifty", "three"}};

/* after a count: `[\s-]+(?:months?|weeks?)` */
static int
count_rest(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = dashed(t, i);
    return j >= 0 && (word(t, j, "month") >= 0 || word(t, j, "week") >= 0);
}

static int
count_unit(const Text *t, Py_ssize_t i)
{
    if (words_then(t, i, COUNTS, count_rest)) {
        return 1;
    }
    for (size_t k = 0; k < sizeof JOINED_COUNTS / sizeof JOINED_COUNTS[0]; k++) {
        Py_ssize_t e = word(t, i, JOINED_COUNTS[k][0]);
        if (e < 0) {
            continue;
        }
        Py_UCS4 c = folded_at(t, e);
        if ((c == '-' || space_char(c)) &&
            count_rest(t, word(t, e + 1, JOINED_COUNTS[k][1]))) {
            return 1;
        }
    }
    return 0;
}

static int
months(const Text *t, Py_ssize_t i)
{
    return count_unit(t, i) || count_unit(t, spaced(t, word(t, i, "first")));
}

static int
half_rest(const Text *t, Py_ssize_t i)
{
    return word(t, spaced(t, i), "half") >= 0;
}

static int
half(const Text *t, Py_ssize_t i)
{
    static const char *const WHICH[] = {"first", "second", NULL};
    return words_then(t, i, WHICH, half_rest);
}

/* `year[\s-]+to[\s-]+date` */
static int
to_date(const Text *t, Py_ssize_t i)
{
    return word(t, dashed(t, word(t, dashed(t, word(t, i, "year")), "to")), "date") >= 0;
}

static int
ytd(const Text *t, Py_ssize_t i)
{
    return to_date(t, i) || to_date(t, spaced(t, year(t, i)));
}

/* after a quarter's words: `\s+(?:ended|ending)` */
static int
ended_rest(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = spaced(t, i);
    return j >= 0 && (word(t, j, "ended") >= 0 || word(t, j, "ending") >= 0);
}

static int
quarter_ended(const Text *t, Py_ssize_t i)
{
    Py_ssize_t e = word(t, i, "quarter");
    if (e >= 0) {
        return ended_rest(t, e) || (folded_at(t, e) == 's' && ended_rest(t, e + 1));
    }
    return ended_rest(t, word(t, spaced(t, word(t, i, "three")), "months")) ||
           ended_rest(t, word(t, spaced(t, word(t, i, "13")), "weeks")) ||
           ended_rest(t, word(t, spaced(t, word(t, i, "thirteen")), "weeks"));
}

static int
year_word_rest(const Text *t, Py_ssize_t i)
{
    return word(t, dashed(t, i), "year") >= 0;
}

static int
year_number_rest(const Text *t, Py_ssize_t i)
{
    return year(t, spaced(t, i)) >= 0;
}

static int
years_ended(const Text *t, Py_ssize_t i)
{
    Py_ssize_t e = word(t, i, "year");
    if (e < 0) {
        return 0;
    }
    return word(t, spaced(t, e), "ended") >= 0 ||
           (folded_at(t, e) == 's' && word(t, spaced(t, e + 1), "ended") >= 0);
}

static int
full_year(const Text *t, Py_ssize_t i)
{
    static const char *const KINDS[] = {"full", "fiscal", "calendar", NULL};
    static const char *const NAMED[] = {"fiscal", "calendar", NULL};
    return words_then(t, i, KINDS, year_word_rest) || words_then(t, i, NAMED, year_number_rest) ||
           years_ended(t, i);
}

/* `(?:fiscal[\s-]+)?year` after `[\s-]+` */
static int
fiscal_year_rest(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = dashed(t, i);
    return j >= 0 && (word(t, j, "year") >= 0 || word(t, dashed(t, word(t, j, "fiscal")), "year") >= 0);
}

static int
prior(const Text *t, Py_ssize_t i)
{
    static const char *const COUNT[] = {"a", "one", NULL};
    static const char *const AGO[] = {"ago", "earlier", "before", NULL};
    static const char *const AGO2[] = {"ago", "earlier", NULL};
    static const char *const BEFORE[] = {"prior", "previous", "last", "preceding", NULL};
    for (const char *const *w = COUNT; *w; w++) {
        if (any_word(t, spaced(t, word(t, spaced(t, word(t, i, *w)), "year")), AGO)) {
            return 1;
        }
    }
    return any_word(t, dashed(t, word(t, i, "year")), AGO2) ||
           words_then(t, i, BEFORE, fiscal_year_rest);
}

static int
current(const Text *t, Py_ssize_t i)
{
    static const char *const NOW[] = {"current", "this", NULL};
    return words_then(t, i, NOW, fiscal_year_rest);
}

static int
quarter_rest(const Text *t, Py_ssize_t i)
{
    return word(t, dashed(t, i), "quarter") >= 0;
}

static int
sequential(const Text *t, Py_ssize_t i)
{
    static const char *const BEFORE[] = {"prior", "previous", "preceding", "last", "linked", NULL};
    /* `\bsequential` | `(?:prior|...)[\s-]+quarter` */
    return (word_starts(t, i) && word(t, i, "sequential") >= 0) ||
           words_then(t, i, BEFORE, quarter_rest);
}

static int
spaced_quarter_rest(const Text *t, Py_ssize_t i)
{
    return word(t, spaced(t, i), "quarter") >= 0;
}

static int
the_quarter(const Text *t, Py_ssize_t i)
{
    static const char *const WHICH[] = {"the", "this", "current", "latest", NULL};
    return words_then(t, i, WHICH, spaced_quarter_rest) ||
           spaced_quarter_rest(t, word(t, spaced(t, word(t, i, "most")), "recent"));
}

static int
spaced_year_rest(const Text *t, Py_ssize_t i)
{
    return word(t, spaced(t, i), "year") >= 0;
}

static int
the_year(const Text *t, Py_ssize_t i)
{
    static const char *const WHICH[] = {"the", "this", NULL};
    return word_starts(t, i) && words_then(t, i, WHICH, spaced_year_rest); /* `\b(?:the|this)` */
}

/* A month's names, as tables/periods._MONTH_RE spells them (lowercase). */
static const char *const MONTH_NAMES[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "oct", "nov", "dec", "sept", NULL};

/* after a month's name: `\.?\s+\d` */
static int
day_rest(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = spaced(t, i);
    if (j >= 0 && digit_at(t, j)) {
        return 1;
    }
    if (folded_at(t, i) != '.') {
        return 0;
    }
    j = spaced(t, i + 1);
    return j >= 0 && digit_at(t, j);
}

/* `(?:as\s+of|at)\s+(?:the\s+end\s+of\s+)?` then a month's name and a day */
static int
instant(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = spaced(t, word(t, spaced(t, word(t, i, "as")), "of"));
    if (j < 0) {
        j = spaced(t, word(t, i, "at"));
    }
    if (j < 0) {
        return 0;
    }
    if (words_then(t, j, MONTH_NAMES, day_rest)) {
        return 1;
    }
    Py_ssize_t end = spaced(t, word(t, spaced(t, word(t, spaced(t, word(t, j, "the")), "end")), "of"));
    return words_then(t, end, MONTH_NAMES, day_rest);
}

/* after a preposition: `\s+(?:fiscal\s+)?YEAR` */
static int
year_after_rest(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = spaced(t, i);
    return j >= 0 && year(t, fiscal_spaced(t, j)) >= 0;
}

static int
bare_year(const Text *t, Py_ssize_t i)
{
    static const char *const BEFORE[] = {
        "in", "for", "during", "of", "since", "than", "over", "with", "versus", "vs", NULL};
    if (!word_starts(t, i)) { /* `\b(?:in|for|...)` */
        return 0;
    }
    if (words_then(t, i, BEFORE, year_after_rest)) {
        return 1;
    }
    Py_ssize_t e = word(t, i, "vs.");
    return e >= 0 && year_after_rest(t, e);
}

static int
year_adjective(const Text *t, Py_ssize_t i)
{
    static const char *const NOUNS[] = {"results", "earnings", "revenue", "sales", "net", NULL};
    return word_starts(t, i) && any_word(t, spaced(t, year(t, i)), NOUNS);
}

static int (*const MAY_BEGIN[PATTERNS])(const Text *, Py_ssize_t) = {
    [QUARTER] = NULL, /* year_led(ordinal_quarter), below */
    [Q] = NULL,       /* year_led(quarter_code) */
    [MONTHS] = months,
    [HALF] = half,
    [YTD] = ytd,
    [QUARTER_ENDED] = quarter_ended,
    [YEAR] = full_year,
    [PRIOR] = prior,
    [CURRENT] = current,
    [SEQUENTIAL] = sequential,
    [THE_QUARTER] = the_quarter,
    [THE_YEAR] = the_year,
    [INSTANT] = instant,
    [BARE_YEAR] = bare_year,
    [YEAR_ADJECTIVE] = year_adjective,
};

static int
may_begin(int k, const Text *t, Py_ssize_t i)
{
    if (k == QUARTER) {
        return year_led(t, i, ordinal_quarter);
    }
    if (k == Q) {
        return year_led(t, i, quarter_code);
    }
    return MAY_BEGIN[k](t, i);
}

/* A growing array of (pattern, place) pairs. */
typedef struct {
    Py_ssize_t *items; /* pairs: pattern, place */
    Py_ssize_t len, cap;
    Py_ssize_t local[64];
} Found;

static int
add(Found *f, int k, Py_ssize_t i)
{
    if (f->len + 2 > f->cap) {
        Py_ssize_t cap = f->cap * 2;
        Py_ssize_t *grown;
        if (f->items == f->local) {
            grown = PyMem_Malloc(cap * sizeof(Py_ssize_t));
            if (grown != NULL) {
                memcpy(grown, f->local, f->len * sizeof(Py_ssize_t));
            }
        }
        else {
            grown = PyMem_Realloc(f->items, cap * sizeof(Py_ssize_t));
        }
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        f->items = grown;
        f->cap = cap;
    }
    f->items[f->len++] = k;
    f->items[f->len++] = i;
    return 0;
}

/* Words (and digits) one of which every match of a pattern holds somewhere: a pattern
 * is tried only in a text that holds one of its own (as the sieve of the Python code). */
enum {
    HAS_QUARTER = 1 << 0,    /* "quarter" */
    HAS_CODE = 1 << 1,       /* "Q1".."Q4" */
    HAS_DURATION = 1 << 2,   /* "month", "week" */
    HAS_HALF = 1 << 3,       /* "half" */
    HAS_DATE = 1 << 4,       /* "date" */
    HAS_END = 1 << 5,        /* "end" */
    HAS_YEAR = 1 << 6,       /* "year" */
    HAS_YEAR_DIGITS = 1 << 7, /* (?:19|20)\d\d */
    HAS_SEQUENTIAL = 1 << 8, /* "sequential" */
    HAS_DIGIT = 1 << 9,      /* \d */
};

static const unsigned NEEDS[PATTERNS] = {
    [QUARTER] = HAS_QUARTER,
    [Q] = HAS_CODE,
    [MONTHS] = HAS_DURATION,
    [HALF] = HAS_HALF,
    [YTD] = HAS_DATE,
    [QUARTER_ENDED] = HAS_END,
    [YEAR] = HAS_YEAR | HAS_YEAR_DIGITS, /* "fiscal 2004" names no "year" */
    [PRIOR] = HAS_YEAR,
    [CURRENT] = HAS_YEAR,
    [SEQUENTIAL] = HAS_SEQUENTIAL | HAS_QUARTER,
    [THE_QUARTER] = HAS_QUARTER,
    [THE_YEAR] = HAS_YEAR,
    [INSTANT] = HAS_DIGIT, /* a date's day */
    [BARE_YEAR] = HAS_YEAR_DIGITS,
    [YEAR_ADJECTIVE] = HAS_YEAR_DIGITS,
};

static unsigned
words_held(const Text *t)
{
    unsigned held = 0;
    for (Py_ssize_t i = 0; i < t->n; i++) {
        switch (t->c[i]) {
        case 'q':
            if (word(t, i, "quarter") >= 0) {
                held |= HAS_QUARTER;
            }
            else if (quarter_code(t, i)) {
                held |= HAS_CODE;
            }
            break;
        case 'm':
            held |= word(t, i, "month") >= 0 ? HAS_DURATION : 0;
            break;
        case 'w':
            held |= word(t, i, "week") >= 0 ? HAS_DURATION : 0;
            break;
        case 'h':
            held |= word(t, i, "half") >= 0 ? HAS_HALF : 0;
            break;
        case 'd':
            held |= word(t, i, "date") >= 0 ? HAS_DATE : 0;
            break;
        case 'e':
            held |= word(t, i, "end") >= 0 ? HAS_END : 0;
            break;
        case 'y':
            held |= word(t, i, "year") >= 0 ? HAS_YEAR : 0;
            break;
        case 's':
            held |= word(t, i, "sequential") >= 0 ? HAS_SEQUENTIAL : 0;
            break;
        case '1':
        case '2':
            held |= HAS_DIGIT | (year(t, i) >= 0 ? HAS_YEAR_DIGITS : 0);
            break;
        case '0':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9':
        case OTHER_DIGIT:
            held |= HAS_DIGIT;
            break;
        default:
            break;
        }
    }
    return held;
}

PyDoc_STRVAR(starts_doc,
             "starts(text) -> list of (pattern, place)\n\n"
             "Where each period pattern (periods._PATTERNS, by its index) may begin a match in "
             "text: every place one does and few others, pattern by pattern, each's in order.");

PyDoc_STRVAR(places_doc,
             "places(text) -> list of (pattern, place)\n\n"
             "starts(text)'s pairs in the order of their places, the patterns of one place in "
             "their order: the order periods.period_phrases settles the overlaps in.");

#define LOCAL_TEXT 512 /* characters folded on the stack; a longer text's on the heap */

/* The pairs of (pattern, place) of ``text`` in ``f``, place by place (the patterns of a
 * place in their order); -1 with an exception set on failure. ``chars`` holds ``n`` folded
 * characters on return, whatever happened. */
static int
collect(PyObject *text, Py_UCS4 *chars, Found *f)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *bytes = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            chars[i] = fold(bytes[i]);
        }
    }
    else {
        for (Py_ssize_t i = 0; i < n; i++) {
            chars[i] = fold(PyUnicode_READ(kind, data, i));
        }
    }
    Text t = {chars, n};
    unsigned held = words_held(&t), tried = 0;
    for (int k = 0; k < PATTERNS; k++) {
        tried |= NEEDS[k] & held ? 1u << k : 0;
    }
    for (Py_ssize_t i = 0; tried && i < n; i++) {
        Py_UCS4 c = chars[i];
        unsigned mask = c < 128 ? first_of[c] & tried : 0;
        while (mask) { /* the patterns a match of which may begin with c, in their order */
            int k = __builtin_ctz(mask);
            mask &= mask - 1;
            if (may_begin(k, &t, i) && add(f, k, i) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* A (pattern, place) pair as a tuple. */
static int
append_pair(PyObject *out, Py_ssize_t k, Py_ssize_t place)
{
    PyObject *pair = Py_BuildValue("(nn)", k, place);
    if (pair == NULL) {
        return -1;
    }
    int failed = PyList_Append(out, pair);
    Py_DECREF(pair);
    return failed;
}

/* starts (by_place 0) or places (1) */
static PyObject *
pairs(PyObject *text, int by_place, const char *name)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() needs a str", name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_UCS4 local[LOCAL_TEXT];
    Py_UCS4 *chars = local;
    if (n > LOCAL_TEXT) {
        chars = PyMem_Malloc(n * sizeof(Py_UCS4));
        if (chars == NULL) {
            return PyErr_NoMemory();
        }
    }
    Found f = {NULL, 0, 64, {0}};
    f.items = f.local;
    PyObject *out = NULL;
    if (collect(text, chars, &f) < 0) {
        goto done;
    }
    out = PyList_New(0);
    if (out == NULL) {
        goto done;
    }
    if (by_place) {
        for (Py_ssize_t m = 0; m < f.len; m += 2) {
            if (append_pair(out, f.items[m], f.items[m + 1]) < 0) {
                Py_CLEAR(out);
                goto done;
            }
        }
    }
    else {
        for (int k = 0; k < PATTERNS; k++) { /* pattern by pattern, each's places in order */
            for (Py_ssize_t m = 0; m < f.len; m += 2) {
                if (f.items[m] == k && append_pair(out, k, f.items[m + 1]) < 0) {
                    Py_CLEAR(out);
                    goto done;
                }
            }
        }
    }
done:
    if (f.items != f.local) {
        PyMem_Free(f.items);
    }
    if (chars != local) {
        PyMem_Free(chars);
    }
    return out;
}

static PyObject *
starts(PyObject *Py_UNUSED(self), PyObject *text)
{
    return pairs(text, 0, "starts");
}

static PyObject *
places(PyObject *Py_UNUSED(self), PyObject *text)
{
    return pairs(text, 1, "places");
}

/* `\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter\b` or
 * `\bQ([1-4])\b` (periods._ORDINAL_MENTION) at i: its end, and its ordinal in *ordinal;
 * -1 when none begins there. Each part is read one way only (the ordinals' words differ
 * by their first letters or their second, a run of spaces or dashes is followed by a
 * letter, "fiscal" and "quarter" by theirs), so no other reading is there to try. */
static Py_ssize_t
ordinal_mention(const Text *t, Py_ssize_t i, int *ordinal, Py_ssize_t *word_end)
{
    if (!word_starts(t, i)) {
        return -1;
    }
    for (int k = 0; ORDINALS[k] != NULL; k++) {
        Py_ssize_t w = word(t, i, ORDINALS[k]);
        Py_ssize_t j = dashed(t, w);
        if (j < 0) {
            continue;
        }
        *word_end = w;
        Py_ssize_t q = word(t, j, "quarter");
        if (q < 0) {
            q = word(t, spaced(t, word(t, j, "fiscal")), "quarter");
        }
        if (q >= 0 && !word_char(folded_at(t, q))) {
            *ordinal = k % 4 + 1;
            return q;
        }
    }
    if (quarter_code(t, i) && !word_char(folded_at(t, i + 2))) {
        *ordinal = (int)(folded_at(t, i + 1) - '0');
        *word_end = i; /* the ordinal a digit */
        return i + 2;
    }
    return -1;
}

PyDoc_STRVAR(ordinals_doc,
             "ordinals(text) -> list of int\n\n"
             "The quarter ordinals text mentions, in order (periods._ordinal_mentions_python: "
             "the matches of periods._ORDINAL_MENTION, each a quarter's ordinal); None when "
             "an ordinal's word is spelled with a letter beyond ASCII (the long s, the dotless "
             "i), which the Python's table of words does not hold: the Python answers.");

static PyObject *
ordinals(PyObject *Py_UNUSED(self), PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "ordinals() needs a str");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_UCS4 local[LOCAL_TEXT];
    Py_UCS4 *chars = local;
    if (n > LOCAL_TEXT) {
        chars = PyMem_Malloc(n * sizeof(Py_UCS4));
        if (chars == NULL) {
            return PyErr_NoMemory();
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        chars[i] = fold(PyUnicode_READ(kind, data, i));
    }
    Text t = {chars, n};
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out != NULL && i < n;) {
        Py_UCS4 c = chars[i];
        int ordinal = 0;
        Py_ssize_t word_end = i;
        /* a mention begins with a letter or digit an ordinal or "Q" begins with */
        Py_ssize_t end = (c == 'f' || c == 's' || c == 't' || c == 'q' || (c >= '1' && c <= '4'))
                             ? ordinal_mention(&t, i, &ordinal, &word_end)
                             : -1;
        if (end < 0) {
            i++;
            continue;
        }
        for (Py_ssize_t k = i; kind != PyUnicode_1BYTE_KIND && k < word_end; k++) {
            if (PyUnicode_READ(kind, data, k) > 127) { /* "\u017fecond": the Python's */
                Py_CLEAR(out);
                if (chars != local) {
                    PyMem_Free(chars);
                }
                Py_RETURN_NONE;
            }
        }
        PyObject *value = PyLong_FromLong(ordinal);
        if (value == NULL || PyList_Append(out, value) < 0) {
            Py_CLEAR(out);
        }
        Py_XDECREF(value);
        i = end; /* finditer resumes at a match's end */
    }
    if (chars != local) {
        PyMem_Free(chars);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"starts", (PyCFunction)starts, METH_O, starts_doc},
    {"places", (PyCFunction)places, METH_O, places_doc},
    {"ordinals", (PyCFunction)ordinals, METH_O, ordinals_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "tieout.prose._periods",
    "Where a sentence's period phrases may begin, compiled from _periods.c "
    "(periods._found_python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__periods(void)
{
    for (int k = 0; k < PATTERNS; k++) {
        for (const char *c = FIRST[k]; *c; c++) {
            first_of[(unsigned char)*c] |= (unsigned short)(1u << k);
        }
    }
    return PyModule_Create(&module_def);
}
