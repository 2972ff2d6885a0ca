// Re-extraction of archived pages: `newsarc extract --archive`.
//
// Runs the current extractor over the archive's HTML responses (2xx, an HTML
// Content-Type, or no useful type and a body that starts like HTML) and adds
// one new conversion record per response, tagged with
// extract::kExtractorVersion. Conversions by older extractors are left as
// they are, so old and new results stay side by side and comparable; a
// response that already has a conversion by this version is skipped (unless
// `force`), which makes a second run add nothing.
//
// Bodies are decoded from their Content-Encoding (and chunked transfer
// coding) before extraction, as the crawler does. Writes are grouped in
// transactions of `batch` records; an interruption commits the records done
// so far.
#ifndef NEWSARC_CRAWLER_REEXTRACT_H_
#define NEWSARC_CRAWLER_REEXTRACT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "storage/storage.h"

namespace newsarc::crawler {

struct ReextractOptions {
  // Only responses from this host or its subdomains ("www." ignored on both
  // sides). Empty: every host.
  std::string site;
  // Only responses captured (WARC-Date) at or after this time. 0: all.
  Micros since = 0;
  // Extract again even when this extractor version already has a
  // conversion of the response.
  bool force = false;
  // Conversion records per transaction.
  int batch = 200;
  // Polled between records; returning true stops after committing.
  std::function<bool()> interrupted;
  // Called after each candidate response: done and total in responses.
  std::function<void(uint64_t done, uint64_t total, const std::string& url)> progress;
};

struct ReextractStats {
  int64_t responses = 0;     // responses scanned (any status, any type)
  int64_t candidates = 0;    // 2xx responses in scope that may be HTML
  int64_t extracted = 0;     // conversion records added
  int64_t up_to_date = 0;    // skipped: this version already converted them
  int64_t not_html = 0;      // skipped after decoding: not HTML after all
  int64_t undecodable = 0;   // skipped: Content-Encoding could not be undone
  // "<record id> <url>: <why>" for the first few undecodable responses.
  std::vector<std::string> problems;
  bool interrupted = false;  // stopped early; the work done is committed
};

// Re-extracts the candidates of `archive`, which must be open for writing.
// `stats` is filled as the work goes, so after an error it tells how much
// was committed. Errors: those of the archive's reads and writes, with the
// record id in the message; records committed before the error stay.
Status ReextractArchive(storage::Archive& archive, const ReextractOptions& options,
                        ReextractStats* stats);

// True when `host` is `site` or one of its subdomains, ignoring case and a
// leading "www." on either. `site` may be given as a URL.
bool HostInSite(std::string_view host, std::string_view site);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_REEXTRACT_H_
