#!/usr/bin/env bash
# The Debian package on this machine: lintian, install, use, remove.
#
#   tests/package/check.sh build/package/newsarc_0.1.0_amd64.deb
#
# `scripts/package --check` runs it, and scripts/test runs that in CI. It
# needs root (it re-runs itself with sudo) and refuses to run when a newsarc
# package is already installed. Whatever happens, the machine is left as it
# was (trap on EXIT): the package is purged, and the user newsarc and
# /var/lib/newsarc are removed when this script's install created them.
#
#  1. lintian: no errors and no warnings (overrides, each explained:
#     packaging/lintian-overrides); info tags are shown
#  2. dpkg -i; /usr/bin/newsarc is stripped and --version names the
#     package's version and its libraries
#  3. man -w finds newsarc(1) and every other page the package holds
#  4. bash and zsh completion are installed; bash completes a command, zsh -n
#     reads its file
#  5. systemd-analyze verify accepts the unit, Documentation= pages included
#  6. the system user newsarc and /var/lib/newsarc (newsarc's, 0750); the
#     unit's ExecStart, run as newsarc on an archive with one schedule,
#     stops on SIGINT (the unit's KillSignal) within 10 s with exit 130,
#     which the unit counts as success, and the archive verifies
#  7. dpkg -r removes every file the package installed; dpkg -P purges it
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: tests/package/check.sh PACKAGE.deb" >&2
  exit 2
fi
deb=$(readlink -f "$1")
if [ "$(id -u)" != 0 ]; then exec sudo "$0" "$deb"; fi

started=$(date +%s)
step() { echo "check: $*"; }
fail() {
  echo "check: FAIL: $*" >&2
  exit 1
}

if dpkg-query -W -f='${Status}' newsarc 2>/dev/null | grep -q " installed$"; then
  echo "check: a newsarc package is installed on this machine; not replacing it" >&2
  exit 2
fi
had_user=0
had_group=0
had_dir=0
getent passwd newsarc >/dev/null && had_user=1
getent group newsarc >/dev/null && had_group=1
[ -e /var/lib/newsarc ] && had_dir=1
instance="package-check-$$"
archive="/var/lib/newsarc/$instance.db"
tmp=$(mktemp -d)
pid=""

cleanup() {
  local rc=$?
  if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  if dpkg-query -W newsarc >/dev/null 2>&1; then
    dpkg -P newsarc >/dev/null 2>&1 || echo "check: could not purge newsarc" >&2
  fi
  rm -f "$archive" "$archive-wal" "$archive-shm" "$archive.lock"
  if [ "$had_user" = 0 ] && getent passwd newsarc >/dev/null; then
    deluser --quiet --system newsarc >/dev/null 2>&1 || userdel newsarc || true
  fi
  if [ "$had_group" = 0 ] && getent group newsarc >/dev/null; then
    delgroup --quiet --system newsarc >/dev/null 2>&1 || groupdel newsarc || true
  fi
  if [ "$had_dir" = 0 ]; then rm -rf /var/lib/newsarc; fi
  rm -rf "$tmp"
  if [ "$rc" = 0 ]; then
    echo "check: package OK, machine restored ($(($(date +%s) - started)) s)"
  else
    echo "check: machine restored after the failure" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

version=$(dpkg-deb -f "$deb" Version)

step "1. lintian $(basename "$deb")"
if ! lintian --fail-on error,warning --display-info --pedantic "$deb" >"$tmp/lintian" 2>&1; then
  cat "$tmp/lintian" >&2
  fail "lintian reports errors or warnings"
fi
grep -v "running with root privileges" "$tmp/lintian" | sed 's/^/  /' || true

step "2. dpkg -i"
# --path-include: a machine set up to leave out documentation (Docker's slim
# images) still gets this package's man pages and docs, which are checked.
if ! dpkg -i --path-include='/usr/share/man/man1/newsarc*' \
    --path-include='/usr/share/doc/newsarc/*' "$deb" >"$tmp/dpkg" 2>&1; then
  cat "$tmp/dpkg" >&2
  fail "dpkg -i $deb"
fi
file -L /usr/bin/newsarc | grep -q ", stripped" || fail "/usr/bin/newsarc is not stripped"
/usr/bin/newsarc --version >"$tmp/version" || fail "newsarc --version exited $?"
sed 's/^/  /' "$tmp/version"
head -1 "$tmp/version" | grep -qx "newsarc $version" || fail "--version does not say newsarc $version"
for lib in libcurl SQLite Gumbo zstd ICU; do
  grep -q "^$lib " "$tmp/version" || fail "--version does not name $lib"
done
grep -q "^build .*GNU build-id [0-9a-f]" "$tmp/version" || fail "--version has no build id"

step "3. man pages"
pages=$(dpkg -L newsarc | sed -n 's|^/usr/share/man/man1/\(.*\)\.1\.gz$|\1|p' | sort)
[ -n "$pages" ] || fail "the package holds no man pages"
echo "$pages" | grep -qx newsarc || fail "no newsarc(1)"
for page in $pages; do
  man -w "$page" >/dev/null 2>&1 || fail "man -w $page finds nothing"
done
echo "  man -w finds all $(echo "$pages" | wc -l) pages: $(echo $pages)"

step "4. completion"
bash_file=/usr/share/bash-completion/completions/newsarc
zsh_file=/usr/share/zsh/vendor-completions/_newsarc
[ -f "$bash_file" ] || fail "no $bash_file"
[ -f "$zsh_file" ] || fail "no $zsh_file"
bash -n "$bash_file" || fail "bash -n $bash_file"
got=$(bash -c 'source "$1"; COMP_WORDS=(newsarc sched); COMP_CWORD=1; _newsarc; echo "${COMPREPLY[*]}"' \
  _ "$bash_file")
[ "$got" = schedule ] || fail "bash completes \"newsarc sched\" to \"$got\", not \"schedule\""
zsh -n "$zsh_file" || fail "zsh -n $zsh_file"
echo "  $bash_file, $zsh_file"

step "5. systemd-analyze verify"
unit=/usr/lib/systemd/system/newsarc@.service
[ -f "$unit" ] || fail "no $unit"
systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit"
for line in KillSignal=SIGINT SuccessExitStatus=130 Restart=on-failure ProtectSystem=strict \
    ReadWritePaths=/var/lib/newsarc NoNewPrivileges=yes User=newsarc; do
  grep -qx "$line" "$unit" || fail "$unit lacks $line"
done
echo "  $unit"

step "6. the service's user, folder and command"
IFS=: read -r _ _ uid _ _ home shell < <(getent passwd newsarc) || fail "no user newsarc"
[ "$uid" -lt 1000 ] || fail "newsarc is not a system user (uid $uid)"
[ "$home" = /var/lib/newsarc ] || fail "newsarc's home is $home"
[ "$(stat -c %U:%G:%a /var/lib/newsarc)" = newsarc:newsarc:750 ] ||
  fail "/var/lib/newsarc is $(stat -c %U:%G:%a /var/lib/newsarc), not newsarc:newsarc:750"
as_newsarc() { setpriv --reuid=newsarc --regid=newsarc --init-groups -- "$@"; }
# A seed on a closed local port: the crawl retries robots.txt for about 14 s,
# which is when the stop comes.
as_newsarc /usr/bin/newsarc schedule add probe http://127.0.0.1:9/ --allow-private --every 1h \
  --archive "$archive" >/dev/null || fail "schedule add as newsarc"
read -r -a exec_start < <(sed -n 's/^ExecStart=//p' "$unit" | sed "s/%i/$instance/g")
[ "${exec_start[0]}" = /usr/bin/newsarc ] || fail "ExecStart runs ${exec_start[0]}"
# setpriv execs the command, so $! is the newsarc process itself. (A
# background job of a script starts with SIGINT ignored; newsarc installs
# its own handler, as it does under systemd.)
setpriv --reuid=newsarc --regid=newsarc --init-groups -- "${exec_start[@]}" >"$tmp/run.log" 2>&1 &
pid=$!
sleep 2
kill -0 "$pid" 2>/dev/null || fail "ExecStart exited early: $(cat "$tmp/run.log")"
kill -INT "$pid"
stop_started=$(date +%s%N)
for _ in $(seq 200); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$pid" 2>/dev/null && fail "no exit within 10 s of SIGINT"
rc=0
wait "$pid" || rc=$?
pid=""
stop_ms=$((($(date +%s%N) - stop_started) / 1000000))
[ "$rc" = 130 ] || fail "ExecStart exited $rc after SIGINT, not 130: $(cat "$tmp/run.log")"
as_newsarc /usr/bin/newsarc verify --archive "$archive" >/dev/null || fail "verify after the stop"
echo "  ${exec_start[*]}: SIGINT -> exit 130 in $stop_ms ms; the archive verifies"

step "7. dpkg -r, dpkg -P"
dpkg-deb -c "$deb" | awk '$1 ~ /^-/ { sub(/^\./, "", $6); print $6 }' >"$tmp/files"
dpkg -r newsarc >"$tmp/dpkg" 2>&1 || { cat "$tmp/dpkg" >&2; fail "dpkg -r newsarc"; }
left=0
while read -r f; do
  if [ -e "$f" ]; then
    echo "  left behind: $f" >&2
    left=1
  fi
done <"$tmp/files"
[ "$left" = 0 ] || fail "dpkg -r left files of the package"
dpkg -P newsarc >"$tmp/dpkg" 2>&1 || { cat "$tmp/dpkg" >&2; fail "dpkg -P newsarc"; }
dpkg-query -W newsarc >/dev/null 2>&1 && fail "dpkg still knows newsarc after the purge"
echo "  all $(wc -l <"$tmp/files") files gone"
