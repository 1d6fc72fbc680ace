#!/bin/sh
# The instructions of one warm pass of a stage over the corpus's three text releases:
# (I(5) - I(0)) / 5, I counted by valgrind's callgrind (the machine's counters are not
# reachable here, and CPU time does not resolve 10% on a shared machine).
#
#   bench/instructions.sh TREE STAGE TAG
#   UNSEEN=1 bench/instructions.sh TREE STAGE TAG   (a first sight: bench.stage --unseen)
#   EMPTIED=1 bench/instructions.sh TREE STAGE TAG  (caches emptied: bench.stage --emptied)
#   HTML=1 EMPTIED=1 bench/instructions.sh ...     (the HTML releases instead: --html)
#
# TREE holds src/ and bench/ (copy a tree aside if you keep editing it while this runs;
# with the .so files and src/tieout/_compiled_python.txt, without which every Python module
# Cython compiled runs from its .py: `git archive HEAD | tar -x -C DIR`, then from src/
# `find . -name '*.so' -o -name _compiled_python.txt | xargs cp --parents -t DIR/src`);
# STAGE is one of bench/stage.py's (read, drafts, assemble, prose, checks, nongaap, output,
# end_to_end); the callgrind files are kept in /tmp/cg-TAG. PYTHON is the interpreter
# (default: this checkout's .venv). Prints the stage's M instructions a pass.
set -eu
tree=$1; stage=$2; tag=$3; out=/tmp/cg-$tag
python=${PYTHON:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}
mkdir -p "$out"
passes=5; extra=
if [ -n "${UNSEEN:-}" ]; then passes=1; extra=--unseen; fi
if [ -n "${EMPTIED:-}" ]; then passes=1; extra=--emptied; fi
if [ -n "${HTML:-}" ]; then extra="$extra --html"; fi
for n in 0 $passes; do
  PYTHONHASHSEED=0 PYTHONPATH="$tree/src:$tree" valgrind --tool=callgrind \
    --callgrind-out-file="$out/$stage.$n.out" "$python" -m bench.stage "$stage" $n $extra \
    > "$out/$stage.$n.log" 2>&1
done
i0=$(grep -o 'Collected : [0-9]*' "$out/$stage.0.log" | awk '{print $3}')
i5=$(grep -o 'Collected : [0-9]*' "$out/$stage.$passes.log" | awk '{print $3}')
echo "$tag $stage${extra:+ $extra}: $(echo "($i5 - $i0) / $passes / 1000000" | bc -l | cut -c1-7) M per pass  (I0 $i0, I$passes $i5)"
