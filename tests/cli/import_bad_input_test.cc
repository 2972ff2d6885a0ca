// `newsarc import` on damaged input: every case exits 1 with a message naming
// the file and the byte offset, keeps the records before the damage, leaves
// the archive consistent (verify passes) and goes on with the next file.
// Also: a record the archive refuses, and Ctrl-C (exit 130, work kept).
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "base/digest.h"
#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using testing::CommandResult;
using testing::Gzip;
using testing::RunNewsarc;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteFile;

// A resource record with a correct block digest.
std::string Record(int n, const std::string& block) {
  std::string id = std::to_string(n);
  return "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-" +
         std::string(12 - id.size(), '0') + id +
         ">\r\nWARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: http://example.com/" + id +
         "\r\nContent-Type: text/plain\r\nWARC-Block-Digest: " + Sha1Label(block) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

int64_t RecordCount(const std::string& archive) {
  CommandResult r = RunNewsarc("stats --json --archive " + ShellQuote(archive));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.exit_code != 0) return -1;
  return nlohmann::json::parse(r.out)["records"].get<int64_t>();
}

class ImportBadInputTest : public ::testing::Test {
 protected:
  // Imports `file`; expects exit 1, a message naming file and offset, and
  // `kept` records in a consistent archive.
  void ExpectDamage(const std::string& name, const std::string& bytes, uint64_t offset,
                    const std::string& why, int64_t kept) {
    SCOPED_TRACE(name);
    std::string file = dir_.File(name), archive = dir_.File(name + ".db");
    WriteFile(file, bytes);
    CommandResult r = RunNewsarc("import " + ShellQuote(file) + " --archive " + ShellQuote(archive));
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("imported " + std::to_string(kept) + " records from " + file +
                                 " before error"));
    EXPECT_THAT(r.err, HasSubstr(file + ": at offset " + std::to_string(offset) + ": " + why));
    EXPECT_EQ(RecordCount(archive), kept);
    CommandResult v = RunNewsarc("verify --archive " + ShellQuote(archive));
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  }
  TempDir dir_;
  const std::string good1_ = Record(1, "first record"), good2_ = Record(2, std::string(4000, 'b'));
};

TEST_F(ImportBadInputTest, TruncatedGzipMember) {
  std::string third = Gzip(Record(3, std::string(20000, 'c') + "tail"));
  std::string head = Gzip(good1_) + Gzip(good2_);
  ExpectDamage("trunc.warc.gz", head + third.substr(0, third.size() / 2), head.size(),
               "truncated gzip member", 2);
}

TEST_F(ImportBadInputTest, WrongContentLength) {
  std::string bad = Record(3, "0123456789");
  bad.replace(bad.find("Content-Length: 10"), 18, "Content-Length: 4");
  ExpectDamage("wrong-length.warc", good1_ + good2_ + bad + Record(4, "after"),
               good1_.size() + good2_.size(), "the record block is not followed by CRLF CRLF", 2);
}

TEST_F(ImportBadInputTest, ContentLengthBeyondEndOfFile) {
  std::string bad = Record(3, "0123456789");
  bad.replace(bad.find("Content-Length: 10"), 18, "Content-Length: 99999");
  ExpectDamage("past-eof.warc", good1_ + bad, good1_.size(),
               "Content-Length 99999 runs past the end of the file", 1);
}

TEST_F(ImportBadInputTest, MissingMandatoryHeader) {
  std::string bad = Record(3, "x");
  size_t at = bad.find("WARC-Date:");
  bad.erase(at, bad.find("\r\n", at) + 2 - at);
  ExpectDamage("no-date.warc.gz", Gzip(good1_) + Gzip(bad), Gzip(good1_).size(),
               "missing mandatory header WARC-Date", 1);
}

TEST_F(ImportBadInputTest, NonWarcFile) {
  ExpectDamage("page.html", "<!doctype html><title>x</title>\n", 0, "not a WARC file", 0);
}

TEST_F(ImportBadInputTest, ZeroLengthFile) {
  ExpectDamage("empty.warc.gz", "", 0, "empty file (0 bytes)", 0);
}

TEST_F(ImportBadInputTest, TwoGigabyteDeclaredLength) {
  std::string bad = Record(3, "0123456789");
  bad.replace(bad.find("Content-Length: 10"), 18, "Content-Length: 2147483648");
  ExpectDamage("huge.warc.gz", Gzip(good1_) + Gzip(bad), Gzip(good1_).size(),
               "declared Content-Length 2147483648 exceeds the limit", 1);
}

TEST_F(ImportBadInputTest, DamagedFileDoesNotStopTheNextFile) {
  WriteFile(dir_.File("bad.warc"), "not a warc\n");
  WriteFile(dir_.File("good.warc.gz"), Gzip(good1_) + Gzip(good2_));
  std::string archive = dir_.File("a.db");
  CommandResult r = RunNewsarc("import " + ShellQuote(dir_.File("bad.warc")) + " " +
                               ShellQuote(dir_.File("good.warc.gz")) + " --archive " +
                               ShellQuote(archive));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("imported 2 records from " + dir_.File("good.warc.gz")));
  EXPECT_THAT(r.out, HasSubstr("1 of 2 files damaged"));
  EXPECT_EQ(RecordCount(archive), 2);
}

TEST_F(ImportBadInputTest, RecordWithWrongDigestIsRejectedOthersKept) {
  std::string bad = Record(3, "tampered");
  bad.replace(bad.find("tampered"), 8, "tampereD");
  WriteFile(dir_.File("digest.warc"), good1_ + bad + good2_);
  std::string archive = dir_.File("d.db");
  CommandResult r = RunNewsarc("import " + ShellQuote(dir_.File("digest.warc")) + " --archive " +
                               ShellQuote(archive));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("imported 2 records"));
  EXPECT_THAT(r.out, HasSubstr("1 rejected"));
  EXPECT_THAT(r.err, HasSubstr("record rejected at offset " + std::to_string(good1_.size())));
  EXPECT_EQ(RecordCount(archive), 2);
}

// Ctrl-C while import waits for input from a FIFO: the records read so far
// are committed and the exit status is 130.
TEST_F(ImportBadInputTest, InterruptCommitsAndExits130) {
  std::string fifo = dir_.File("in.warc");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string archive = dir_.File("i.db");
  pid_t pid = fork();
  if (pid == 0) {
    int err = open(dir_.File("err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(err, 2);
    int out = open("/dev/null", O_WRONLY);
    dup2(out, 1);
    setenv("NEWSARC_NO_PROGRESS", "1", 1);
    execl(NEWSARC_BINARY, "newsarc", "import", fifo.c_str(), "--archive", archive.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Opening for writing waits until import opened the FIFO, which it does
  // after installing its Ctrl-C handler.
  int fd = open(fifo.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  std::string first = good1_ + good2_;
  ASSERT_EQ(write(fd, first.data(), first.size()), static_cast<ssize_t>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGINT);  // import is blocked reading the FIFO
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::string more = Record(3, "third");
  ASSERT_EQ(write(fd, more.data(), more.size()), static_cast<ssize_t>(more.size()));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 130) << testing::ReadFile(dir_.File("err"));
  EXPECT_THAT(testing::ReadFile(dir_.File("err")), HasSubstr("import interrupted"));
  EXPECT_EQ(RecordCount(archive), 3);
}

}  // namespace
}  // namespace newsarc
