/* The records' own __init__ and replace, compiled: model.py's quick_init and replacer.
 *
 * The Python functions those make (the ``__init__`` exec'd per record class, and
 * ``claim_with``'s kind) are the specification and the fallback (TIEOUT_PURE_PYTHON=1, or
 * no compiler); each object made here holds its Python function (``__wrapped__``, which
 * also gives it its names, doc and signature) and does what it does:
 *
 * - an ``Init`` binds its arguments as the Python ``__init__(self, a, b, c=default...)``
 *   binds them (positional, then by keyword, then the defaults; the same TypeError, worded
 *   as CPython 3.11 words it, in the same order: an unknown keyword or one given twice,
 *   then too many positional arguments, then the missing ones), writes each field's slot
 *   where its member descriptor says it lies (as the descriptor's ``__set__`` writes it,
 *   with no call through it) and then sets each derived field to its ``derive`` of the
 *   record made, last, in the order of the fields;
 * - calling the record class itself comes here without the type's call (an argument
 *   tuple, ``object.__new__``, ``__init__`` looked up and called with the record
 *   prepended): the class's ``tp_vectorcall`` (the field CPython documents for "calls of
 *   this type object", never inherited) allocates the record and runs its ``Init`` on the
 *   arguments as given. It does so only while the class's own ``__init__`` is the ``Init``
 *   made for it and its ``__new__`` is ``object``'s; otherwise the type's call runs as ever;
 * - a ``Replacer`` is ``replacer``'s function: ``with(record, *, field=...)`` binding as the
 *   Python one binds, the new record's slots set from the fields given and the record's
 *   own (read from its slots when it is exactly of the class, by attribute otherwise).
 *
 * What this saves is a Python frame and a slot setter's call per field (about 800
 * instructions a field, item 45v) on every record the stages make.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#define SMALL 24 /* arguments bound on the C stack; more are bound in memory allocated */

static PyObject *S_init = NULL;     /* "__init__" */
static PyObject *S_qualname = NULL; /* "__qualname__" */

/* ---- shared: the names and the errors of a binding, as CPython 3.11's ceval words them */

/* the index of key among names (identity first, then equality), -1 when absent, -2 on
 * an error */
static Py_ssize_t
parameter_index(PyObject *names, PyObject *key)
{
    Py_ssize_t n = PyTuple_GET_SIZE(names);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyTuple_GET_ITEM(names, i) == key) {
            return i;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int same = PyObject_RichCompareBool(key, PyTuple_GET_ITEM(names, i), Py_EQ);
        if (same < 0) {
            return -2;
        }
        if (same) {
            return i;
        }
    }
    return -1;
}

/* the __qualname__ of the Python function (a new reference), or NULL with the error set */
static PyObject *
qualname_of(PyObject *spec)
{
    return PyObject_GetAttr(spec, S_qualname);
}

/* a TypeError of the function spec: format's one %U is its qualname, then one %S */
static void
fail_with_name(PyObject *spec, const char *format, PyObject *name)
{
    PyObject *qualname = qualname_of(spec);
    if (qualname != NULL) {
        PyErr_Format(PyExc_TypeError, format, qualname, name);
        Py_DECREF(qualname);
    }
}

static void
keyword_not_str(PyObject *spec)
{
    PyObject *qualname = qualname_of(spec);
    if (qualname != NULL) {
        PyErr_Format(PyExc_TypeError, "%U() keywords must be strings", qualname);
        Py_DECREF(qualname);
    }
}

/* ceval's too_many_positional: co_argcount parameters, defcount of them defaulted, given
 * positional arguments, kwonly_given keyword-only ones */
static void
too_many_positional(PyObject *spec, Py_ssize_t co_argcount, Py_ssize_t defcount,
                    Py_ssize_t given, Py_ssize_t kwonly_given)
{
    PyObject *qualname = qualname_of(spec);
    if (qualname == NULL) {
        return;
    }
    int plural;
    PyObject *sig, *kwonly_sig;
    if (defcount) {
        plural = 1;
        sig = PyUnicode_FromFormat("from %zd to %zd", co_argcount - defcount, co_argcount);
    }
    else {
        plural = co_argcount != 1;
        sig = PyUnicode_FromFormat("%zd", co_argcount);
    }
    if (kwonly_given) {
        kwonly_sig = PyUnicode_FromFormat(" positional argument%s (and %zd keyword-only argument%s)",
                                          given != 1 ? "s" : "", kwonly_given,
                                          kwonly_given != 1 ? "s" : "");
    }
    else {
        kwonly_sig = PyUnicode_FromString("");
    }
    if (sig != NULL && kwonly_sig != NULL) {
        PyErr_Format(PyExc_TypeError, "%U() takes %U positional argument%s but %zd%U %s given",
                     qualname, sig, plural ? "s" : "", given, kwonly_sig,
                     given == 1 && !kwonly_given ? "was" : "were");
    }
    Py_XDECREF(sig);
    Py_XDECREF(kwonly_sig);
    Py_DECREF(qualname);
}

/* ceval's missing_arguments for positional parameters: the names[i] for i in [from, to)
 * whose values[i] is NULL */
static void
missing_positional(PyObject *spec, PyObject *names, PyObject **values, Py_ssize_t from,
                   Py_ssize_t to)
{
    PyObject *reprs = PyList_New(0);
    if (reprs == NULL) {
        return;
    }
    for (Py_ssize_t i = from; i < to; i++) {
        if (values[i] == NULL) {
            PyObject *r = PyObject_Repr(PyTuple_GET_ITEM(names, i));
            if (r == NULL || PyList_Append(reprs, r) < 0) {
                Py_XDECREF(r);
                Py_DECREF(reprs);
                return;
            }
            Py_DECREF(r);
        }
    }
    Py_ssize_t count = PyList_GET_SIZE(reprs);
    PyObject *listed = NULL;
    if (count == 1) {
        listed = Py_NewRef(PyList_GET_ITEM(reprs, 0));
    }
    else if (count == 2) {
        listed = PyUnicode_FromFormat("%U and %U", PyList_GET_ITEM(reprs, 0),
                                      PyList_GET_ITEM(reprs, 1));
    }
    else {
        PyObject *head = PyList_GetSlice(reprs, 0, count - 1);
        PyObject *sep = PyUnicode_FromString(", ");
        PyObject *joined = head == NULL || sep == NULL ? NULL : PyUnicode_Join(sep, head);
        if (joined != NULL) {
            listed = PyUnicode_FromFormat("%U, and %U", joined, PyList_GET_ITEM(reprs, count - 1));
        }
        Py_XDECREF(head);
        Py_XDECREF(sep);
        Py_XDECREF(joined);
    }
    PyObject *qualname = listed == NULL ? NULL : qualname_of(spec);
    if (qualname != NULL) {
        PyErr_Format(PyExc_TypeError, "%U() missing %zd required %s argument%s: %U", qualname,
                     count, "positional", count == 1 ? "" : "s", listed);
        Py_DECREF(qualname);
    }
    Py_XDECREF(listed);
    Py_DECREF(reprs);
}

/* the keywords of a call bound to names: values[i] for each keyword named names[i], with
 * CPython's errors for a keyword not a parameter or given twice. 0, or -1. */
static int
bind_keywords(PyObject *spec, PyObject *names, PyObject *const *args, Py_ssize_t nargs,
              PyObject *kwnames, PyObject **values)
{
    if (kwnames == NULL) {
        return 0;
    }
    Py_ssize_t count = PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        if (!PyUnicode_Check(key)) {
            keyword_not_str(spec);
            return -1;
        }
        Py_ssize_t at = parameter_index(names, key);
        if (at == -2) {
            return -1;
        }
        if (at < 0) {
            fail_with_name(spec, "%U() got an unexpected keyword argument '%S'", key);
            return -1;
        }
        if (values[at] != NULL) {
            fail_with_name(spec, "%U() got multiple values for argument '%S'", key);
            return -1;
        }
        values[at] = args[nargs + k];
    }
    return 0;
}

/* a record's slot, where a member descriptor of type says it lies */
#define SLOT(record, offset) ((PyObject **)((char *)(record) + (offset)))

/* the offset of the writable object slot named name of cls (its own or a base's), or -1
 * with a TypeError set */
static Py_ssize_t
slot_offset(PyTypeObject *cls, PyObject *name)
{
    PyObject *descr = PyObject_GetAttr((PyObject *)cls, name); /* a member: itself */
    if (descr == NULL) {
        return -1;
    }
    Py_ssize_t offset = -1;
    if (Py_IS_TYPE(descr, &PyMemberDescr_Type) && PyType_IsSubtype(cls, PyDescr_TYPE(descr))) {
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type == T_OBJECT_EX && !(member->flags & READONLY)) {
            offset = member->offset;
        }
    }
    Py_DECREF(descr);
    if (offset < 0) {
        PyErr_Format(PyExc_TypeError, "%s.%U is not a slot", cls->tp_name, name);
    }
    return offset;
}

/* the offsets of the slots names[from:] of cls, in memory allocated (NULL with the error
 * set); *count their number */
static Py_ssize_t *
slot_offsets(PyTypeObject *cls, PyObject *names, Py_ssize_t from, Py_ssize_t *count)
{
    Py_ssize_t n = PyTuple_GET_SIZE(names) - from;
    Py_ssize_t *found = PyMem_Malloc(sizeof(Py_ssize_t) * (n > 0 ? n : 1));
    if (found == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, from + i);
        if (!PyUnicode_Check(name)) {
            PyErr_SetString(PyExc_TypeError, "a field's name is not a str");
            PyMem_Free(found);
            return NULL;
        }
        if ((found[i] = slot_offset(cls, name)) < 0) {
            PyMem_Free(found);
            return NULL;
        }
    }
    *count = n;
    return found;
}

/* the attributes a compiled function shows: its Python function's (names, doc, signature) */
static PyObject *
delegated_getattro(PyObject *self, PyObject *name, PyObject *spec)
{
    PyObject *found = PyObject_GenericGetAttr(self, name);
    if (found == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return PyObject_GetAttr(spec, name);
    }
    return found;
}

/* ---- Init: a record class's __init__ ---- */

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyTypeObject *cls;
    PyObject *spec;           /* the Python __init__: the specification */
    PyObject *names;          /* "self", then the parameters (the fields set from arguments) */
    PyObject *defaults;       /* the defaults of the last parameters */
    PyObject *derives;        /* each derived field's derive, in the order of the fields */
    Py_ssize_t *offsets;      /* the slot of each parameter but self */
    Py_ssize_t *derived;      /* the slot of each derived field */
    Py_ssize_t count;         /* parameters, self included */
    Py_ssize_t derived_count; /* derived fields */
} Init;

static PyTypeObject InitType;

/* __init__(self, ...) on the vector args (args[0] the record): bound as the Python function
 * binds, then set. 0, or -1 with the error set. */
static int
init_record(Init *init, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *small[SMALL];
    Py_ssize_t n = init->count;
    PyObject **values = n <= SMALL ? small : PyMem_Malloc(sizeof(PyObject *) * n);
    if (values == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int result = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        values[i] = i < nargs ? args[i] : NULL;
    }
    if (bind_keywords(init->spec, init->names, args, nargs, kwnames, values) < 0) {
        goto done;
    }
    Py_ssize_t defcount = PyTuple_GET_SIZE(init->defaults);
    if (nargs > n) {
        too_many_positional(init->spec, n, defcount, nargs, 0);
        goto done;
    }
    Py_ssize_t required = n - defcount;
    if (nargs < required) {
        for (Py_ssize_t i = nargs; i < required; i++) {
            if (values[i] == NULL) {
                missing_positional(init->spec, init->names, values, nargs, required);
                goto done;
            }
        }
    }
    for (Py_ssize_t i = required; i < n; i++) {
        if (values[i] == NULL) {
            values[i] = PyTuple_GET_ITEM(init->defaults, i - required);
        }
    }
    PyObject *self = values[0];
    if (!PyObject_TypeCheck(self, init->cls)) {
        /* what the first slot setter of the Python function says (a record of no field
         * is left as its `pass` leaves it) */
        if (n > 1) {
            PyErr_Format(PyExc_TypeError,
                         "descriptor '%U' for '%.100s' objects doesn't apply to a '%.100s' object",
                         PyTuple_GET_ITEM(init->names, 1), init->cls->tp_name,
                         Py_TYPE(self)->tp_name);
            goto done;
        }
        if (init->derived_count > 0) {
            PyErr_Format(PyExc_TypeError, "a '%.100s' record's __init__ doesn't apply to a '%.100s' object",
                         init->cls->tp_name, Py_TYPE(self)->tp_name);
            goto done;
        }
        result = 0;
        goto done;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        PyObject **slot = SLOT(self, init->offsets[i - 1]);
        Py_XSETREF(*slot, Py_NewRef(values[i]));
    }
    for (Py_ssize_t k = 0; k < init->derived_count; k++) {
        PyObject *made = PyObject_CallOneArg(PyTuple_GET_ITEM(init->derives, k), self);
        if (made == NULL) {
            goto done;
        }
        PyObject **slot = SLOT(self, init->derived[k]);
        Py_XSETREF(*slot, made);
    }
    result = 0;
done:
    if (values != small) {
        PyMem_Free(values);
    }
    return result;
}

static PyObject *
init_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    if (init_record((Init *)self, args, PyVectorcall_NARGS(nargsf), kwnames) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* the type's own call of cls (tuple and dict made of the vector args): what a call of the
 * class does when its __init__ or __new__ is not the one this was made for */
static PyObject *
type_call(PyObject *cls, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *tuple = PyTuple_New(nargs);
    if (tuple == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    }
    PyObject *kwargs = NULL;
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        if ((kwargs = PyDict_New()) == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(kwnames); k++) {
            if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, k), args[nargs + k]) < 0) {
                Py_DECREF(tuple);
                Py_DECREF(kwargs);
                return NULL;
            }
        }
    }
    PyObject *made = PyType_Type.tp_call(cls, tuple, kwargs);
    Py_DECREF(tuple);
    Py_XDECREF(kwargs);
    return made;
}

/* a call of a record class: the record allocated and its Init run on the arguments */
static PyObject *
construct(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    PyTypeObject *cls = (PyTypeObject *)type;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject *init = PyDict_GetItemWithError(cls->tp_dict, S_init); /* borrowed */
    if (init == NULL || !Py_IS_TYPE(init, &InitType) || ((Init *)init)->cls != cls ||
        cls->tp_new != PyBaseObject_Type.tp_new || PyType_HasFeature(cls, Py_TPFLAGS_IS_ABSTRACT)) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        return type_call(type, args, nargs, kwnames);
    }
    Py_INCREF(init); /* a derive may rebind cls.__init__: the Init must outlive the call */
    PyObject *self = cls->tp_alloc(cls, 0);
    if (self == NULL) {
        Py_DECREF(init);
        return NULL;
    }
    int result;
    if (nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET) { /* args[-1] is ours for the call */
        PyObject **shifted = (PyObject **)args - 1;
        PyObject *kept = shifted[0];
        shifted[0] = self;
        result = init_record((Init *)init, shifted, nargs + 1, kwnames);
        shifted[0] = kept;
    }
    else {
        Py_ssize_t total = nargs + (kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames));
        PyObject *small[SMALL + 1];
        PyObject **shifted = total < SMALL ? small : PyMem_Malloc(sizeof(PyObject *) * (total + 1));
        if (shifted == NULL) {
            Py_DECREF(self);
            Py_DECREF(init);
            PyErr_NoMemory();
            return NULL;
        }
        shifted[0] = self;
        for (Py_ssize_t i = 0; i < total; i++) {
            shifted[i + 1] = args[i];
        }
        result = init_record((Init *)init, shifted, nargs + 1, kwnames);
        if (shifted != small) {
            PyMem_Free(shifted);
        }
    }
    Py_DECREF(init);
    if (result < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return self;
}

static PyObject *
init_get(PyObject *self, PyObject *obj, PyObject *type)
{
    if (obj == NULL || obj == Py_None) {
        return Py_NewRef(self);
    }
    return PyMethod_New(self, obj);
}

static PyObject *
init_getattro(PyObject *self, PyObject *name)
{
    return delegated_getattro(self, name, ((Init *)self)->spec);
}

static int
init_traverse(Init *self, visitproc visit, void *arg)
{
    Py_VISIT(self->cls);
    Py_VISIT(self->spec);
    Py_VISIT(self->names);
    Py_VISIT(self->defaults);
    Py_VISIT(self->derives);
    return 0;
}

static int
init_clear(Init *self)
{
    Py_CLEAR(self->cls);
    Py_CLEAR(self->spec);
    Py_CLEAR(self->names);
    Py_CLEAR(self->defaults);
    Py_CLEAR(self->derives);
    return 0;
}

static void
init_dealloc(Init *self)
{
    PyObject_GC_UnTrack(self);
    init_clear(self);
    PyMem_Free(self->offsets);
    PyMem_Free(self->derived);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
wrapped_of(PyObject *self, void *closure)
{
    return Py_NewRef(((Init *)self)->spec);
}

static PyObject *
doc_of(PyObject *self, void *closure)
{
    return PyObject_GetAttrString(((Init *)self)->spec, "__doc__");
}

/* pickled and copied by reference, as the Python function is: its qualified name */
static PyObject *
by_name(PyObject *self, PyObject *unused)
{
    return PyObject_GetAttr(self, S_qualname);
}

static PyMethodDef by_name_methods[] = {
    {"__reduce__", by_name, METH_NOARGS, NULL},
    {NULL},
};

static PyGetSetDef init_getset[] = {
    {"__wrapped__", wrapped_of, NULL, "the Python __init__ this does", NULL},
    {"__doc__", doc_of, NULL, NULL, NULL},
    {NULL},
};

static PyTypeObject InitType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tieout._records.Init",
    .tp_basicsize = sizeof(Init),
    .tp_dealloc = (destructor)init_dealloc,
    .tp_vectorcall_offset = offsetof(Init, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_getattro = init_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
                Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_doc = "A record class's __init__, compiled (model.quick_init's).",
    .tp_traverse = (traverseproc)init_traverse,
    .tp_clear = (inquiry)init_clear,
    .tp_getset = init_getset,
    .tp_methods = by_name_methods,
    .tp_descr_get = init_get,
};

static int
is_str_tuple(PyObject *names, const char *what)
{
    if (!PyTuple_Check(names)) {
        PyErr_Format(PyExc_TypeError, "%s must be a tuple", what);
        return 0;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(names, i))) {
            PyErr_Format(PyExc_TypeError, "%s must hold str", what);
            return 0;
        }
    }
    return 1;
}

PyDoc_STRVAR(init_doc,
             "init(cls, spec, parameters, defaults, derivations)\n--\n\n"
             "model.quick_init's __init__ of the record class cls, compiled: spec is the\n"
             "Python __init__ it does (the specification), parameters the names of the\n"
             "fields set from the arguments (self not included), defaults those of the last\n"
             "of them, derivations the (name, derive) of each derived field. Calls of cls\n"
             "itself are made here too while this is cls's __init__.");

static PyObject *
make_init(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "init takes cls, spec, parameters, defaults, derivations");
        return NULL;
    }
    PyObject *cls = args[0], *spec = args[1], *parameters = args[2], *defaults = args[3],
             *derivations = args[4];
    if (!PyType_Check(cls) || !PyType_HasFeature((PyTypeObject *)cls, Py_TPFLAGS_HEAPTYPE)) {
        PyErr_SetString(PyExc_TypeError, "init: cls must be a class");
        return NULL;
    }
    if (!is_str_tuple(parameters, "parameters") || !PyTuple_Check(defaults) ||
        !PyTuple_Check(derivations)) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "init: defaults and derivations must be tuples");
        }
        return NULL;
    }
    if (PyTuple_GET_SIZE(defaults) > PyTuple_GET_SIZE(parameters)) {
        PyErr_SetString(PyExc_TypeError, "init: more defaults than parameters");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    Py_ssize_t nd = PyTuple_GET_SIZE(derivations);
    PyObject *derived_names = PyTuple_New(nd);
    PyObject *derives = PyTuple_New(nd);
    PyObject *self_name = PyUnicode_InternFromString("self");
    PyObject *self_tuple = self_name == NULL ? NULL : PyTuple_Pack(1, self_name);
    PyObject *names = self_tuple == NULL ? NULL : PySequence_Concat(self_tuple, parameters);
    Py_XDECREF(self_name);
    Py_XDECREF(self_tuple);
    Init *init = NULL;
    if (derived_names == NULL || derives == NULL || names == NULL) {
        goto fail;
    }
    for (Py_ssize_t k = 0; k < nd; k++) {
        PyObject *pair = PyTuple_GET_ITEM(derivations, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0)) ||
            !PyCallable_Check(PyTuple_GET_ITEM(pair, 1))) {
            PyErr_SetString(PyExc_TypeError, "init: a derivation is a (name, derive) pair");
            goto fail;
        }
        PyTuple_SET_ITEM(derived_names, k, Py_NewRef(PyTuple_GET_ITEM(pair, 0)));
        PyTuple_SET_ITEM(derives, k, Py_NewRef(PyTuple_GET_ITEM(pair, 1)));
    }
    init = PyObject_GC_New(Init, &InitType);
    if (init == NULL) {
        goto fail;
    }
    init->vectorcall = init_vectorcall;
    init->cls = (PyTypeObject *)Py_NewRef(cls);
    init->spec = Py_NewRef(spec);
    init->names = names;
    names = NULL;
    init->defaults = Py_NewRef(defaults);
    init->derives = derives;
    derives = NULL;
    init->count = PyTuple_GET_SIZE(init->names);
    init->offsets = NULL;
    init->derived = NULL;
    init->derived_count = 0;
    PyObject_GC_Track(init);
    Py_ssize_t found;
    if ((init->offsets = slot_offsets(type, init->names, 1, &found)) == NULL ||
        (init->derived = slot_offsets(type, derived_names, 0, &init->derived_count)) == NULL) {
        goto fail;
    }
    Py_DECREF(derived_names);
    if (type->tp_vectorcall == NULL || type->tp_vectorcall == construct) {
        type->tp_vectorcall = construct;
    }
    return (PyObject *)init;
fail:
    Py_XDECREF(init);
    Py_XDECREF(names);
    Py_XDECREF(derived_names);
    Py_XDECREF(derives);
    return NULL;
}

/* ---- Replacer: replacer's function, dataclasses.replace of one record class ---- */

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyTypeObject *cls;
    PyObject *spec;      /* the Python function: the specification */
    PyObject *names;     /* "record", then the fields */
    PyObject *kept;      /* what a field not given holds: the record's own is kept */
    Py_ssize_t *offsets; /* the slot of each field */
    Py_ssize_t count;    /* fields */
} Replacer;

static PyObject *
replacer_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Replacer *self = (Replacer *)callable;
    if (PyType_HasFeature(self->cls, Py_TPFLAGS_IS_ABSTRACT)) { /* object.__new__ refuses it */
        return PyObject_Vectorcall(self->spec, args, nargsf, kwnames);
    }
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t n = self->count + 1;
    PyObject *small[SMALL];
    PyObject **values = n <= SMALL ? small : PyMem_Malloc(sizeof(PyObject *) * n);
    if (values == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *made = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        values[i] = NULL;
    }
    if (nargs > 0) {
        values[0] = args[0];
    }
    if (bind_keywords(self->spec, self->names, args, nargs, kwnames, values) < 0) {
        goto done;
    }
    if (nargs > 1) {
        Py_ssize_t kwonly_given = 0;
        for (Py_ssize_t i = 1; i < n; i++) {
            kwonly_given += values[i] != NULL;
        }
        too_many_positional(self->spec, 1, 0, nargs, kwonly_given);
        goto done;
    }
    if (values[0] == NULL) {
        missing_positional(self->spec, self->names, values, 0, 1);
        goto done;
    }
    PyObject *record = values[0];
    PyTypeObject *cls = self->cls;
    if ((made = cls->tp_alloc(cls, 0)) == NULL) {
        goto done;
    }
    int exact = Py_IS_TYPE(record, cls);
    for (Py_ssize_t i = 1; i < n; i++) {
        Py_ssize_t offset = self->offsets[i - 1];
        PyObject *value = values[i];
        if (value != NULL && value != self->kept) {
            Py_INCREF(value);
        }
        else if (exact && *SLOT(record, offset) != NULL) {
            value = Py_NewRef(*SLOT(record, offset));
        }
        else if ((value = PyObject_GetAttr(record, PyTuple_GET_ITEM(self->names, i))) == NULL) {
            Py_CLEAR(made);
            goto done;
        }
        Py_XSETREF(*SLOT(made, offset), value);
    }
done:
    if (values != small) {
        PyMem_Free(values);
    }
    return made;
}

static PyObject *
replacer_getattro(PyObject *self, PyObject *name)
{
    return delegated_getattro(self, name, ((Replacer *)self)->spec);
}

static int
replacer_traverse(Replacer *self, visitproc visit, void *arg)
{
    Py_VISIT(self->cls);
    Py_VISIT(self->spec);
    Py_VISIT(self->names);
    Py_VISIT(self->kept);
    return 0;
}

static int
replacer_clear(Replacer *self)
{
    Py_CLEAR(self->cls);
    Py_CLEAR(self->spec);
    Py_CLEAR(self->names);
    Py_CLEAR(self->kept);
    return 0;
}

static void
replacer_dealloc(Replacer *self)
{
    PyObject_GC_UnTrack(self);
    replacer_clear(self);
    PyMem_Free(self->offsets);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
replacer_wrapped(PyObject *self, void *closure)
{
    return Py_NewRef(((Replacer *)self)->spec);
}

static PyObject *
replacer_doc(PyObject *self, void *closure)
{
    return PyObject_GetAttrString(((Replacer *)self)->spec, "__doc__");
}

static PyGetSetDef replacer_getset[] = {
    {"__wrapped__", replacer_wrapped, NULL, "the Python function this does", NULL},
    {"__doc__", replacer_doc, NULL, NULL, NULL},
    {NULL},
};

static PyTypeObject ReplacerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tieout._records.Replacer",
    .tp_basicsize = sizeof(Replacer),
    .tp_dealloc = (destructor)replacer_dealloc,
    .tp_vectorcall_offset = offsetof(Replacer, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_getattro = replacer_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "dataclasses.replace of one record class, compiled (model.replacer's).",
    .tp_traverse = (traverseproc)replacer_traverse,
    .tp_clear = (inquiry)replacer_clear,
    .tp_getset = replacer_getset,
    .tp_methods = by_name_methods,
};

PyDoc_STRVAR(replacer_doc_text,
             "replacer(cls, spec, fields, kept)\n--\n\n"
             "model.replacer's function for the record class cls, compiled: spec is the\n"
             "Python function it does (the specification), fields the names of cls's\n"
             "fields, kept the default that keeps a field's value of the record.");

static PyObject *
make_replacer(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "replacer takes cls, spec, fields, kept");
        return NULL;
    }
    PyObject *cls = args[0], *spec = args[1], *fields = args[2], *kept = args[3];
    if (!PyType_Check(cls) || !is_str_tuple(fields, "fields")) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "replacer: cls must be a class");
        }
        return NULL;
    }
    PyObject *record_name = PyUnicode_InternFromString("record");
    PyObject *head = record_name == NULL ? NULL : PyTuple_Pack(1, record_name);
    PyObject *names = head == NULL ? NULL : PySequence_Concat(head, fields);
    Py_XDECREF(record_name);
    Py_XDECREF(head);
    if (names == NULL) {
        return NULL;
    }
    Replacer *made = PyObject_GC_New(Replacer, &ReplacerType);
    if (made == NULL) {
        Py_DECREF(names);
        return NULL;
    }
    made->vectorcall = replacer_vectorcall;
    made->cls = (PyTypeObject *)Py_NewRef(cls);
    made->spec = Py_NewRef(spec);
    made->names = names;
    made->kept = Py_NewRef(kept);
    made->offsets = NULL;
    made->count = 0;
    PyObject_GC_Track(made);
    if ((made->offsets = slot_offsets((PyTypeObject *)cls, names, 1, &made->count)) == NULL) {
        Py_DECREF(made);
        return NULL;
    }
    return (PyObject *)made;
}

static PyMethodDef methods[] = {
    {"init", (PyCFunction)(void (*)(void))make_init, METH_FASTCALL, init_doc},
    {"replacer", (PyCFunction)(void (*)(void))make_replacer, METH_FASTCALL, replacer_doc_text},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_records", "model.quick_init's __init__ and replacer's function, compiled.",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__records(void)
{
    if (S_init == NULL && (S_init = PyUnicode_InternFromString("__init__")) == NULL) {
        return NULL;
    }
    if (S_qualname == NULL && (S_qualname = PyUnicode_InternFromString("__qualname__")) == NULL) {
        return NULL;
    }
    if (PyType_Ready(&InitType) < 0 || PyType_Ready(&ReplacerType) < 0) {
        return NULL;
    }
    return PyModule_Create(&module);
}
