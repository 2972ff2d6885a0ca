#include "storage/warc/content_decode.h"

#include <zlib.h>

#include <vector>

#include "base/strings.h"

namespace newsarc::storage {

namespace {

// Stacked codings undone at most (real servers send one).
constexpr size_t kMaxCodings = 4;

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

namespace {

Result<std::string> DecodeOne(std::string_view body, const std::string& enc, size_t max_output,
                              bool* truncated) {
  if (enc.empty() || enc == "identity") {
    if (body.size() > max_output) {
      *truncated = true;
      return std::string(body.substr(0, max_output));
    }
    return std::string(body);
  }
  if (enc == "gzip" || enc == "x-gzip") return Inflate(body, 15 + 32, max_output, truncated);
  if (enc == "deflate") {
    bool cut = false;
    auto z = Inflate(body, 15 + 32, max_output, &cut);
    if (z.ok()) {
      *truncated = *truncated || cut;
      return z;
    }
    return Inflate(body, -15, max_output, truncated);
  }
  return Status::Unsupported("Content-Encoding \"" + enc + "\"", "not decoded");
}

}  // namespace

Result<std::string> DecodeContent(std::string_view body, std::string_view encoding,
                                  size_t max_output, bool* truncated) {
  *truncated = false;
  // RFC 9110 8.4: codings are listed in the order they were applied, so they
  // are undone from the last. Every layer is capped, so stacked gzip (a few
  // KB that would inflate to gigabytes) costs at most `max_output` per layer.
  std::vector<std::string> codings;
  for (std::string_view part : Split(encoding, ',')) {
    std::string enc = AsciiLower(TrimAscii(part));
    if (!enc.empty() && enc != "identity") codings.push_back(enc);
  }
  if (codings.size() > kMaxCodings) {
    return Status::Unsupported("Content-Encoding \"" + std::string(encoding) + "\"",
                               "more than " + std::to_string(kMaxCodings) + " codings");
  }
  std::string data(body);
  if (codings.empty()) return DecodeOne(data, "", max_output, truncated);
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    Result<std::string> next = DecodeOne(data, *it, max_output, truncated);
    if (!next.ok()) return next.status();
    data = std::move(*next);
  }
  return data;
}

}  // namespace newsarc::storage
