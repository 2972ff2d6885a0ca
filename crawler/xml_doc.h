// Internal to crawler/: loading feed and sitemap XML with pugixml, and gzip.
//
// pugixml is a non-validating parser without DTD or entity expansion, so
// entity bombs and external entities do nothing; its parser is not
// recursive. Callers walk only the few levels that feeds and sitemaps have.
#ifndef NEWSARC_CRAWLER_XML_DOC_H_
#define NEWSARC_CRAWLER_XML_DOC_H_

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc::crawler {

// True when `bytes` starts with the gzip magic number.
bool LooksGzipped(std::string_view bytes);

// Inflates gzip (all members) or zlib data; fails on corrupt data or when
// the output would exceed `max_output` bytes. `what` names the input.
Result<std::string> Gunzip(std::string_view bytes, size_t max_output, std::string_view what);

// Parses `bytes` as XML into `doc`, converting a declared non-UTF-8 encoding
// (e.g. GBK, windows-1252) to UTF-8 first. Lenient: a document that breaks
// off after its root element opened keeps what was parsed (feeds in the wild
// are often cut or ill-formed). Fails only when no element was found.
Status LoadXml(std::string_view bytes, pugi::xml_document* doc, std::string_view what);

// Element name without its namespace prefix ("news:title" -> "title").
std::string_view LocalName(const pugi::xml_node& node);
// The namespace URI of an element, from the xmlns attributes in scope.
std::string NamespaceOf(const pugi::xml_node& node);
// First child element with this local name (any namespace), or null.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name);
// The text of an element's direct text and CDATA children, trimmed.
std::string Text(const pugi::xml_node& node);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_XML_DOC_H_
