// `newsarc --version`: the version, the build (git describe and the GNU
// build-id that names the split debug file) and every library's version.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace newsarc {
namespace {

using testing::RunNewsarc;

TEST(VersionTest, NamesTheBuildAndEveryLibrary) {
  testing::CommandResult r = RunNewsarc("--version");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("newsarc ", 0), 0u) << r.out;
  EXPECT_THAT(r.out, ::testing::ContainsRegex("\nbuild [^\n]+, GNU build-id [0-9a-f]{40}\n"));
  for (const char* lib : {"libcurl", "SQLite", "Gumbo", "zstd", "ICU", "OpenSSL", "libarchive",
                          "libpq", "libpqxx"}) {
    EXPECT_THAT(r.out, ::testing::ContainsRegex(std::string("\n") + lib + " +[0-9]+\\.[0-9]+"))
        << lib;
  }
}

}  // namespace
}  // namespace newsarc
