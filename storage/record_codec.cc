#include "storage/record_codec.h"

#include "base/strings.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {

std::string EncodeWarcHeaders(const HeaderList& headers) {
  std::string out;
  for (const auto& [name, value] : headers) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  return out;
}

bool DecodeWarcHeaders(std::string_view encoded, HeaderList* headers) {
  headers->clear();
  size_t pos = 0;
  while (pos < encoded.size()) {
    size_t end = encoded.find("\r\n", pos);
    if (end == std::string_view::npos) return false;
    std::string_view line = encoded.substr(pos, end - pos);
    size_t sep = line.find(": ");
    if (sep == std::string_view::npos) return false;
    headers->emplace_back(std::string(line.substr(0, sep)),
                          std::string(line.substr(sep + 2)));
    pos = end + 2;
  }
  return true;
}

std::string CheckHeaderText(const HeaderList& headers) {
  for (const auto& [name, value] : headers) {
    if (name.empty()) return "an empty header name";
    if (name.find_first_of(":\r\n") != std::string::npos) {
      return "header name \"" + name + "\" contains ':' or a line break";
    }
    if (value.find_first_of("\r\n") != std::string::npos) {
      return "header " + name + " has a line break in its value";
    }
  }
  return {};
}

bool IsCaptureType(std::string_view type) {
  return type == "response" || type == "revisit" || type == "resource";
}

bool IsHttpBlock(const WarcRecord& record) {
  std::string_view type = record.type();
  if (type != "response" && type != "request" && type != "revisit") return false;
  return StartsWithIgnoreCase(TrimAscii(record.Get("Content-Type")), "application/http");
}

DeclaredDigest ParseDeclaredDigest(std::string_view label) {
  DeclaredDigest d;
  label = TrimAscii(label);
  if (label.empty()) return d;
  if (ParseDigestLabel(label, &d.algorithm, &d.raw)) {
    d.kind = DeclaredDigest::Kind::kKnown;
    return d;
  }
  // A label this archive checks with a value it cannot read is malformed;
  // any other label (e.g. "sha512:") is kept and not checked.
  const bool known = DigestAlgorithmNamed(label.substr(0, label.find(':'))).has_value();
  d.kind = known ? DeclaredDigest::Kind::kMalformed
                 : DeclaredDigest::Kind::kUnknownAlgorithm;
  return d;
}

std::string DigestLabel(DigestAlgorithm algorithm, std::string_view raw) {
  if (algorithm == DigestAlgorithm::kSha1) return "sha1:" + Base32Encode(raw);
  return std::string(DigestName(algorithm)) + ":" + HexEncode(raw);
}

std::string RawDigest(DigestAlgorithm algorithm, std::string_view bytes) {
  Hasher h(algorithm);
  h.Update(bytes);
  return h.Finish();
}

std::optional<std::string> PayloadOf(const WarcRecord& record,
                                     std::optional<std::string>* alternative) {
  alternative->reset();
  std::string_view type = record.type();
  if (type == "revisit" || type == "warcinfo" || type == "metadata") return std::nullopt;
  if (IsHttpBlock(record)) {
    std::optional<HttpMessage> m = SplitHttpMessage(record.block);
    if (m) {
      std::string entity = EntityBody(*m);
      if (entity.size() != m->body.size() || entity != m->body) {
        *alternative = std::string(m->body);
      }
      return entity;
    }
  }
  if (type == "response" || type == "request" || type == "resource" ||
      type == "conversion") {
    return record.block;
  }
  return std::nullopt;  // unknown record types: no payload convention
}

}  // namespace newsarc::storage
