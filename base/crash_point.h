// Crash points: named places where a test can make the process die.
//
// NEWSARC_TEST_CRASH_AT=NAME:N in the environment makes the process kill
// itself with SIGKILL (no destructors, no atexit, no flush: as `kill -9` or
// a power cut to the process would) the N-th time it passes
// CrashPoint("NAME"). The crash-safety tests use it to stop a crawl at exact
// moments (between fetch and archive, inside a transaction, between the
// WAL frames of a commit) and check that --resume loses nothing.
//
// Without the variable a crash point is one load and a predictable branch.
#ifndef NEWSARC_BASE_CRASH_POINT_H_
#define NEWSARC_BASE_CRASH_POINT_H_

#include <string_view>

namespace newsarc {

// Dies on the configured pass of the point `name`; otherwise returns.
void CrashPoint(std::string_view name);

// True when NEWSARC_TEST_CRASH_AT names a point starting with `prefix`
// (storage installs its write-counting SQLite VFS only then).
bool CrashPointArmed(std::string_view prefix);

}  // namespace newsarc

#endif  // NEWSARC_BASE_CRASH_POINT_H_
