// Seed lists: one URL a line, as in seeds/*.txt.
//
//   # comment line
//   https://www.bbc.com/news            # BBC News home page
//
// Blank lines and lines starting with '#' are ignored; on a URL line, a '#'
// at the start of a whitespace-separated word starts the comment (a '#'
// inside the URL is its fragment). Every URL must normalise to http(s)
// (crawler/url_normalize.h); a line with anything else, or with two URLs, is
// an error naming the file and line. Seeds keep file order; duplicates
// (after normalisation) are dropped.
#ifndef NEWSARC_CRAWLER_SEEDS_H_
#define NEWSARC_CRAWLER_SEEDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsarc::crawler {

struct Seed {
  std::string url;      // normalised
  std::string written;  // as in the file
  std::string comment;  // the line's comment, trimmed, without '#'
  int line = 0;
};

// `source` names the input in errors ("seeds/news-en.txt").
Result<std::vector<Seed>> ParseSeeds(std::string_view text, std::string_view source);
// Reads and parses a seed file; a missing or unreadable file is an error.
Result<std::vector<Seed>> LoadSeedFile(const std::string& path);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_SEEDS_H_
