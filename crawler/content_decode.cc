#include "crawler/content_decode.h"

#include <zlib.h>

#include "base/strings.h"

namespace newsarc::crawler {

namespace {

// windowBits 15+32 detects gzip or zlib headers; -15 is raw deflate (some
// servers send raw deflate as "deflate").
Result<std::string> Inflate(std::string_view data, int window_bits, size_t max_output,
                            bool* truncated) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) {
    return Status::Io("inflate", "zlib initialisation failed");
  }
  std::string out;
  char buf[64 * 1024];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    size_t got = sizeof buf - zs.avail_out;
    if (out.size() + got > max_output) {
      out.append(buf, max_output - out.size());
      *truncated = true;
      break;
    }
    out.append(buf, got);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members: go on with the next one.
      if (zs.avail_in > 0 && window_bits > 15) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc != Z_OK) break;
    if (zs.avail_in == 0 && got == 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END && rc != Z_OK && !*truncated) {
    if (out.empty()) return Status::Corrupt("inflate", zs.msg ? zs.msg : "bad data");
    *truncated = true;  // keep what decoded before the damage
  }
  return out;
}

}  // namespace

Result<std::string> Gunzip(std::string_view data, size_t max_output, bool* truncated) {
  *truncated = false;
  return Inflate(data, 15 + 32, max_output, truncated);
}

Result<std::string> DecodeContent(std::string_view body, std::string_view encoding,
                                  size_t max_output, bool* truncated) {
  *truncated = false;
  std::string enc = AsciiLower(TrimAscii(encoding));
  if (enc.empty() || enc == "identity") {
    if (body.size() > max_output) {
      *truncated = true;
      return std::string(body.substr(0, max_output));
    }
    return std::string(body);
  }
  if (enc == "gzip" || enc == "x-gzip") return Inflate(body, 15 + 32, max_output, truncated);
  if (enc == "deflate") {
    auto z = Inflate(body, 15 + 32, max_output, truncated);
    if (z.ok()) return z;
    return Inflate(body, -15, max_output, truncated);
  }
  return Status::Unsupported("Content-Encoding \"" + enc + "\"", "not decoded");
}

}  // namespace newsarc::crawler
