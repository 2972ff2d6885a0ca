#!/usr/bin/env bash
# packaging/newsarc@.service.in, as installed (ExecStart naming BINARY),
# passes `systemd-analyze verify` (which works on unit files without a
# running systemd) with nothing to say, and keeps the directives the service
# relies on. Man pages are not checked here (--man=no): tests/package/check.sh
# verifies the installed unit with them.
#
#   tests/package/verify_unit.sh SOURCE_DIR BINARY
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: tests/package/verify_unit.sh SOURCE_DIR BINARY" >&2
  exit 2
fi
src=$1
bin=$2
if ! command -v systemd-analyze >/dev/null; then
  echo "verify_unit: systemd-analyze is missing (scripts/setup installs systemd)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unit="$tmp/newsarc@.service"
sed "s|@NEWSARC_BINARY@|$bin|" "$src/packaging/newsarc@.service.in" >"$unit"
out=$(systemd-analyze verify --man=no "$unit" 2>&1) || {
  echo "$out" >&2
  echo "verify_unit: systemd-analyze verify failed" >&2
  exit 1
}
if [ -n "$out" ]; then
  echo "$out" >&2
  echo "verify_unit: systemd-analyze verify has complaints" >&2
  exit 1
fi
for line in "ExecStart=$bin schedule run --archive /var/lib/newsarc/%i.db" User=newsarc \
    KillSignal=SIGINT SuccessExitStatus=130 Restart=on-failure ProtectSystem=strict \
    ReadWritePaths=/var/lib/newsarc NoNewPrivileges=yes; do
  grep -qxF "$line" "$unit" || { echo "verify_unit: the unit lacks $line" >&2; exit 1; }
done
echo "verify_unit: newsarc@.service verifies"
