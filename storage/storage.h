// newsarc_storage: the archive, one SQLite file modelled on WARC 1.1
// (storage/FORMAT.md). It holds the records (archive.h), the cleaned
// articles as conversion records (article_record.h), the crawl frontier
// (frontier.h) and the hash chain over every record; it imports WARC files
// (importer.h), exports them (warc_export.h), verifies itself (verify.h) and
// attests its chain head (attest.h). The article index (article_index.h)
// makes it browsable and searchable (fts_tokenizer.h). The formats below it are in
// storage/warc/ (storage/warc/warc.h), re-exported here.
//
// This is the module's face: code outside storage/ includes only this
// header. Its queries (Archive's History, ForEachConversion, ...) are what
// corpus/ and audit/ build on; the database and its schema stay inside.
#ifndef NEWSARC_STORAGE_STORAGE_H_
#define NEWSARC_STORAGE_STORAGE_H_

#include <vector>

#include "base/library_version.h"
#include "storage/archive.h"
#include "storage/article_index.h"
#include "storage/article_record.h"
#include "storage/attest.h"
#include "storage/frontier.h"
#include "storage/fts_tokenizer.h"
#include "storage/importer.h"
#include "storage/verify.h"
#include "storage/warc/warc.h"
#include "storage/warc_export.h"

namespace newsarc::storage {

// SQLite, zstd and zlib, for `newsarc --version`.
std::vector<LibraryVersion> LibraryVersions();

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_STORAGE_H_
