// Internal to the corpus writers: constructors of the writers that live in
// their own files.
#ifndef NEWSARC_STORAGE_CORPUS_WRITERS_INTERNAL_H_
#define NEWSARC_STORAGE_CORPUS_WRITERS_INTERNAL_H_

#include <memory>
#include <string>

#include "storage/corpus_writers.h"

namespace newsarc::storage::internal {

// tar, tar.gz, zip (storage/corpus_libarchive_writer.cc).
Result<std::unique_ptr<CorpusWriter>> OpenLibarchiveCorpusWriter(CorpusFormat format,
                                                                const std::string& path);
// warc --articles-only and wacz (storage/corpus_wacz_writer.cc).
Result<std::unique_ptr<CorpusWriter>> OpenWarcCorpusWriter(const std::string& path,
                                                          Archive* archive);
Result<std::unique_ptr<CorpusWriter>> OpenWaczCorpusWriter(const std::string& path,
                                                          Archive* archive,
                                                          const std::string& title);

}  // namespace newsarc::storage::internal

#endif  // NEWSARC_STORAGE_CORPUS_WRITERS_INTERNAL_H_
