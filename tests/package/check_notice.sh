#!/usr/bin/env bash
# Every folder of copied test data has an entry in NOTICE: a folder of
# tests/testdata/ holding a NOTICE* or MANIFEST* file (the licence record it
# was copied with) must be named in the top-level NOTICE.
#
#   tests/package/check_notice.sh [SOURCE_DIR]   (exit 0: covered; 1: folders listed)
set -euo pipefail
root=${1:-$(dirname "$0")/../..}
cd "$root"
[ -f NOTICE ] || { echo "check_notice: NOTICE is missing" >&2; exit 1; }
missing=0
while IFS= read -r dir; do
  if ! grep -qF "$dir/" NOTICE; then
    echo "check_notice: $dir/ has a NOTICE or MANIFEST but no entry in NOTICE" >&2
    missing=1
  fi
done < <(find tests/testdata -type f \( -iname 'NOTICE*' -o -iname 'MANIFEST*' \) -printf '%h\n' | sort -u)
[ "$missing" = 0 ] && echo "check_notice: every folder of copied test data is in NOTICE"
exit "$missing"
