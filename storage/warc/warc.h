// newsarc_warc: the web-archive formats the archive reads and writes, with
// no database: WARC records (warc_record.h), a streaming reader of WARC files
// plain or gzip (warc_reader.h; it also converts WARC/0.17, 0.18 and ARC
// files, arc_reader.h, to WARC/1.1 records), a WARC/1.1 writer with rotation
// (warc_writer.h), the HTTP messages inside response and request blocks
// (http_message.h) and their Content-Encoding (content_decode.h), CDXJ index
// lines (cdxj.h) and SURT keys (surt.h).
//
// This is the module's face: code outside storage/warc/ includes only this
// header. Everything here is in namespace newsarc::storage, the vocabulary
// the archive above it shares (storage/storage.h).
#ifndef NEWSARC_STORAGE_WARC_WARC_H_
#define NEWSARC_STORAGE_WARC_WARC_H_

#include "storage/warc/arc_reader.h"
#include "storage/warc/cdxj.h"
#include "storage/warc/content_decode.h"
#include "storage/warc/http_message.h"
#include "storage/warc/surt.h"
#include "storage/warc/warc_reader.h"
#include "storage/warc/warc_record.h"
#include "storage/warc/warc_writer.h"

#endif  // NEWSARC_STORAGE_WARC_WARC_H_
