// Internal to the corpus writers: constructors of the writers that live in
// their own files.
#ifndef NEWSARC_CORPUS_WRITERS_INTERNAL_H_
#define NEWSARC_CORPUS_WRITERS_INTERNAL_H_

#include <memory>
#include <string>

#include "corpus/writers.h"

namespace newsarc::corpus::internal {

// tar, tar.gz, zip (corpus/libarchive_writer.cc).
Result<std::unique_ptr<CorpusWriter>> OpenLibarchiveCorpusWriter(CorpusFormat format,
                                                                const std::string& path);
// warc --articles-only and wacz (corpus/wacz_writer.cc).
Result<std::unique_ptr<CorpusWriter>> OpenWarcCorpusWriter(const std::string& path,
                                                          storage::Archive* archive);
Result<std::unique_ptr<CorpusWriter>> OpenWaczCorpusWriter(const std::string& path,
                                                          storage::Archive* archive,
                                                          const std::string& title);

}  // namespace newsarc::corpus::internal

#endif  // NEWSARC_CORPUS_WRITERS_INTERNAL_H_
