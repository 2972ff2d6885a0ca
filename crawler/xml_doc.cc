#include "crawler/xml_doc.h"

#include <zlib.h>

#include <algorithm>

#include "base/strings.h"
#include "extract/extract.h"

namespace newsarc::crawler {

bool LooksGzipped(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<std::string> Gunzip(std::string_view bytes, size_t max_output, std::string_view what) {
  z_stream zs{};
  // 32 + MAX_WBITS: accept a gzip or a zlib header.
  if (inflateInit2(&zs, 32 + MAX_WBITS) != Z_OK) {
    return Status::Io(what, "zlib initialisation failed");
  }
  std::string out;
  char buf[64 * 1024];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  Status error;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t produced = sizeof buf - zs.avail_out;
    if (out.size() + produced > max_output) {
      error = Status::InvalidArgument(
          what, "decompresses to more than " + std::to_string(max_output) + " bytes");
      break;
    }
    out.append(buf, produced);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are one file (gzip -c a b > c).
      if (zs.avail_in > 0 && LooksGzipped(std::string_view(
                                 reinterpret_cast<const char*>(zs.next_in), zs.avail_in))) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      error = Status::Corrupt(what, "gzip data is truncated");
      break;
    }
    if (rc != Z_OK) {
      error = Status::Corrupt(what, std::string("invalid gzip data: ") +
                                        (zs.msg != nullptr ? zs.msg : "inflate failed"));
      break;
    }
  }
  inflateEnd(&zs);
  if (!error.ok()) return error;
  return out;
}

namespace {

// The encoding="..." of an XML declaration at the very start, or empty.
std::string DeclaredEncoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return {};
  std::string_view decl = bytes.substr(0, std::min<size_t>(bytes.find("?>"), 300));
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  at = decl.find_first_of("\"'", at);
  if (at == std::string_view::npos) return {};
  size_t end = decl.find(decl[at], at + 1);
  if (end == std::string_view::npos) return {};
  return std::string(decl.substr(at + 1, end - at - 1));
}

}  // namespace

Status LoadXml(std::string_view bytes, pugi::xml_document* doc, std::string_view what) {
  size_t bom = 0;
  std::string_view bom_encoding = extract::SniffBom(bytes, &bom);
  std::string converted;
  pugi::xml_encoding encoding = pugi::encoding_auto;
  if (bom_encoding == "utf-8") {
    bytes.remove_prefix(bom);
    encoding = pugi::encoding_utf8;
  } else if (bom_encoding.empty()) {
    std::string_view declared = extract::EncodingForLabel(DeclaredEncoding(bytes));
    if (declared.empty() || declared == "utf-8") {
      encoding = pugi::encoding_utf8;
    } else if (!declared.starts_with("utf-16")) {
      converted = extract::ConvertToUtf8(bytes, declared);
      bytes = converted;
      encoding = pugi::encoding_utf8;
    }
  }
  const unsigned options = pugi::parse_default | pugi::parse_doctype;
  pugi::xml_parse_result result = doc->load_buffer(bytes.data(), bytes.size(), options, encoding);
  if (!result && doc->document_element().empty()) {
    return Status::InvalidArgument(what, std::string("not XML: ") + result.description() +
                                             " at byte " + std::to_string(result.offset));
  }
  if (doc->document_element().empty()) return Status::InvalidArgument(what, "no XML element");
  return Status();
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string NamespaceOf(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  std::string attr = colon == std::string_view::npos
                         ? std::string("xmlns")
                         : "xmlns:" + std::string(name.substr(0, colon));
  // Bounded walk up the ancestors (documents are shallow; depth is capped
  // anyway by the loop below).
  int depth = 0;
  for (pugi::xml_node n = node; n && depth < 64; n = n.parent(), ++depth) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  }
  return {};
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local_name) return c;
  }
  return {};
}

std::string Text(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return std::string(TrimAscii(out));
}

}  // namespace newsarc::crawler
