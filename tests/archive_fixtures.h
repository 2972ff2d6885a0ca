// Record builders shared by the archive tests.
#ifndef NEWSARC_TESTS_ARCHIVE_FIXTURES_H_
#define NEWSARC_TESTS_ARCHIVE_FIXTURES_H_

#include <string>

#include "base/time.h"
#include "storage/storage.h"

namespace newsarc::storage::fixtures {

inline std::string HttpResponse(const std::string& body, int status = 200,
                                const std::string& type = "text/html; charset=utf-8") {
  return "HTTP/1.1 " + std::to_string(status) + " OK\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A response record with only the headers a crawler knows up front; Put()
// fills in the id, length and digests.
inline WarcRecord Response(const std::string& uri, const std::string& date,
                           const std::string& body, int status = 200) {
  WarcRecord r;
  r.headers = {{"WARC-Type", "response"},
               {"WARC-Target-URI", uri},
               {"WARC-Date", date},
               {"WARC-IP-Address", "127.0.0.1"},
               {"Content-Type", "application/http; msgtype=response"}};
  r.block = HttpResponse(body, status);
  return r;
}

inline WarcRecord Revisit(const std::string& uri, const std::string& date,
                          const std::string& refers_to, const std::string& payload_digest) {
  WarcRecord r;
  r.headers = {{"WARC-Type", "revisit"},
               {"WARC-Target-URI", uri},
               {"WARC-Date", date},
               {"WARC-Profile",
                "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"},
               {"WARC-Refers-To", refers_to},
               {"WARC-Payload-Digest", payload_digest},
               {"Content-Type", "application/http; msgtype=response"}};
  r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
  return r;
}

inline WarcRecord Simple(const std::string& type, const std::string& content_type,
                         const std::string& block, const std::string& uri = "") {
  WarcRecord r;
  r.headers = {{"WARC-Type", type}, {"WARC-Date", "2024-05-01T12:00:00Z"}};
  if (!uri.empty()) r.headers.emplace_back("WARC-Target-URI", uri);
  r.headers.emplace_back("Content-Type", content_type);
  r.block = block;
  return r;
}

}  // namespace newsarc::storage::fixtures

#endif  // NEWSARC_TESTS_ARCHIVE_FIXTURES_H_
