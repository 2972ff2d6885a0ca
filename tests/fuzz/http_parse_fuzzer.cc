// Fuzzes the HTTP response head parser the fetcher uses, the values it
// feeds into decisions (Content-Length, Retry-After), and the archive's
// split of application/http blocks with chunked decoding. Input: the bytes
// of a response as received.
#include <cstddef>
#include <cstdint>

#include "base/strings.h"
#include "crawler/http_parse.h"
#include "crawler/retry_after.h"
#include "fuzz_input.h"
#include "storage/warc/http_message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  namespace st = newsarc::storage;
  std::string_view bytes = newsarc::fuzz::AsView(data, size);

  auto head = cr::ParseResponseHead(bytes, /*max_fields=*/64);
  if (head.ok()) {
    const cr::ResponseHead& h = head.value();
    NEWSARC_FUZZ_CHECK(h.status >= 100 && h.status <= 999);
    NEWSARC_FUZZ_CHECK(h.headers.size() <= 64);
    for (const cr::HttpHeader& field : h.headers) {
      if (newsarc::EqualsIgnoreCase(field.name, "Content-Length")) {
        (void)cr::ParseContentLength(field.value);
      } else if (newsarc::EqualsIgnoreCase(field.name, "Retry-After")) {
        (void)cr::ParseRetryAfter(field.value, /*now=*/1700000000000000);
      }
    }
    (void)h.Find("location");
    (void)h.FindAll("set-cookie");
  }
  auto [line, rest] = newsarc::fuzz::SplitFirstLine(bytes);
  (void)cr::IsStatusLine(line);
  (void)cr::StatusCodeOf(line);
  (void)cr::ParseContentLength(line);

  auto message = st::SplitHttpMessage(bytes);
  if (message) {
    NEWSARC_FUZZ_CHECK(message->head.size() + message->body.size() == bytes.size());
    (void)st::EntityBody(*message);
  }
  (void)st::Dechunk(rest);
  return 0;
}
