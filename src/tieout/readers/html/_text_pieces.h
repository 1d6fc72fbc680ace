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

#endif
