#include "storage/header_codec.h"

#include <zstd.h>

#include "base/chandle.h"

namespace newsarc::storage {
namespace {

// Raw-content dictionary (zstd uses it as history before each frame).
// Lines that occur in most records come last: later bytes are cheaper to
// reference. FROZEN: changing a byte breaks every archive that used it.
constexpr std::string_view kHeaderDictV1 =
    "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private, public\r\n"
    "Vary: Accept-Encoding\r\nAccept-Ranges: bytes\r\nX-Content-Type-Options: nosniff\r\n"
    "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n"
    "Connection: keep-alive\r\nConnection: close\r\nKeep-Alive: timeout=5, max=100\r\n"
    "Server: nginx\r\nServer: Apache\r\nETag: \"\r\nLast-Modified: \r\nExpires: \r\n"
    "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nLocation: https://\r\n"
    "Set-Cookie: \r\nAccept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Encoding: gzip, deflate, br\r\nAccept-Language: en-US,en;q=0.9\r\n"
    "User-Agent: newsarc/0.1 (+https://\r\nUser-Agent: Wget/1.21.3\r\nHost: www.\r\n"
    "GET / HTTP/1.1\r\n"
    "Content-Type: application/json\r\nContent-Type: application/javascript\r\n"
    "Content-Type: text/css\r\nContent-Type: image/jpeg\r\nContent-Type: image/png\r\n"
    "Content-Type: application/xml\r\nContent-Type: application/rss+xml\r\n"
    "Content-Type: text/plain; charset=utf-8\r\nContent-Type: text/html; charset=UTF-8\r\n"
    "HTTP/1.1 301 Moved Permanently\r\nHTTP/1.1 304 Not Modified\r\nHTTP/1.1 404 Not Found\r\n"
    "Date: Mon, Tue, Wed, Thu, Fri, Sat, Sun, Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec 2024 GMT\r\n"
    "HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 2025 00:00:00 GMT\r\nServer: nginx/1.22.1\r\n"
    "Content-Type: text/html; charset=utf-8\r\nContent-Length: 1\r\n\r\n"
    "WARC-Type: warcinfo\r\nWARC-Filename: \r\nContent-Type: application/warc-fields\r\n"
    "WARC-Type: metadata\r\nWARC-Type: resource\r\nWARC-Type: conversion\r\n"
    "WARC-Concurrent-To: <urn:uuid:\r\nWARC-Warcinfo-ID: <urn:uuid:\r\n"
    "WARC-Protocol: h2\r\nWARC-Protocol: http/1.1\r\nWARC-Protocol: tls/1.3\r\n"
    "WARC-Cipher-Suite: TLS_AES_256_GCM_SHA384\r\n"
    "WARC-Type: request\r\nContent-Type: application/http; msgtype=request\r\n"
    "WARC-Type: revisit\r\nWARC-Profile: http://netpreserve.org/warc/1.1/revisit/"
    "identical-payload-digest\r\nWARC-Profile: http://netpreserve.org/warc/1.0/revisit/"
    "identical-payload-digest\r\nWARC-Refers-To-Target-URI: https://www.\r\n"
    "WARC-Refers-To-Date: 2024-01-01T00:00:00Z\r\nWARC-Refers-To: <urn:uuid:\r\n"
    "WARC-Type: response\r\nWARC-Record-ID: <urn:uuid:\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
    "WARC-Target-URI: https://www.\r\nWARC-IP-Address: 127.0.0.1\r\n"
    "Content-Type: application/http; msgtype=response\r\nContent-Type: application/http;msgtype=response\r\n"
    "WARC-Payload-Digest: sha1:\r\nWARC-Block-Digest: sha1:\r\nContent-Length: ";

struct Dicts {
  CHandle<ZSTD_CDict, ZSTD_freeCDict> cdict{
      ZSTD_createCDict(kHeaderDictV1.data(), kHeaderDictV1.size(), 9)};
  CHandle<ZSTD_DDict, ZSTD_freeDDict> ddict{
      ZSTD_createDDict(kHeaderDictV1.data(), kHeaderDictV1.size())};
};

const Dicts& GetDicts() {
  static const Dicts dicts;  // read-only after construction: shareable
  return dicts;
}

}  // namespace

std::string PackHeaderText(std::string_view text) {
  thread_local CHandle<ZSTD_CCtx, ZSTD_freeCCtx> cctx(ZSTD_createCCtx());
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress_usingCDict(cctx.get(), out.data(), out.size(), text.data(),
                                      text.size(), GetDicts().cdict.get());
  if (ZSTD_isError(n)) return {};  // cannot happen with a compressBound buffer
  out.resize(n);
  return out;
}

Result<std::string> UnpackHeaderText(int codec, std::string_view data, std::string_view what) {
  if (codec == static_cast<int>(TextCodec::kRaw)) return std::string(data);
  if (codec != static_cast<int>(TextCodec::kZstdDictV1)) {
    return Status::Corrupt(what, "unknown text codec " + std::to_string(codec));
  }
  unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (64u << 20)) {
    return Status::Corrupt(what, "stored header text is not a valid zstd frame");
  }
  thread_local CHandle<ZSTD_DCtx, ZSTD_freeDCtx> dctx(ZSTD_createDCtx());
  std::string out(static_cast<size_t>(size), '\0');
  size_t n = ZSTD_decompress_usingDDict(dctx.get(), out.data(), out.size(), data.data(),
                                        data.size(), GetDicts().ddict.get());
  if (ZSTD_isError(n) || n != out.size()) {
    return Status::Corrupt(what, std::string("stored header text does not decode: ") +
                                     (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short"));
  }
  return out;
}

}  // namespace newsarc::storage
