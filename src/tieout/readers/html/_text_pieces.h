/* The rule of text.py's TextBuilder._piece, for the compiled components that build texts
 * (_tree.c, _grid.c): a piece (index, offset) says where the text from ``index`` on lies
 * in the file (offset -1: nowhere, the spaces put between blocks). */

#ifndef TIEOUT_TEXT_PIECES_H
#define TIEOUT_TEXT_PIECES_H

/* Whether the piece (index, offset) is taken into the last one, ``last`` (its index and
 * offset, updated when the new piece starts where it does); 0 when it must be added. */
static inline int
piece_absorbed(Py_ssize_t *last, Py_ssize_t index, Py_ssize_t offset)
{
    if (last[0] == index) {
        last[1] = offset;
        return 1;
    }
    int continues = last[1] >= 0 && offset >= 0 && last[1] + (index - last[0]) == offset;
    return continues || (last[1] < 0 && offset < 0);
}

/* the piece (index, offset) as text.py holds it, a pair of ints: what Py_BuildValue("(nn)")
 * makes, without reading a format for each of the hundred thousand pieces of a release */
static inline PyObject *
piece_pair(Py_ssize_t index, Py_ssize_t offset)
{
    PyObject *pair = PyTuple_New(2);
    if (pair == NULL) {
        return NULL;
    }
    PyObject *at = PyLong_FromSsize_t(index);
    if (at == NULL) {
        Py_DECREF(pair);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 0, at);
    PyObject *off = PyLong_FromSsize_t(offset);
    if (off == NULL) {
        Py_DECREF(pair);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 1, off);
    return pair;
}

/* the pieces of a text that runs on in the file from `offset`: ((0, offset),) */
static inline PyObject *
one_piece(Py_ssize_t offset)
{
    PyObject *pieces = PyTuple_New(1);
    if (pieces == NULL) {
        return NULL;
    }
    PyObject *pair = piece_pair(0, offset);
    if (pair == NULL) {
        Py_DECREF(pieces);
        return NULL;
    }
    PyTuple_SET_ITEM(pieces, 0, pair);
    return pieces;
}

#endif
