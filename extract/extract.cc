#include "extract/extract.h"

#include <string>
#include <unordered_set>
#include <utility>

#include "base/url.h"
#include "extract/body.h"
#include "extract/charset.h"
#include "extract/html_dom.h"
#include "extract/jsonld.h"
#include "extract/meta_tags.h"
#include "extract/metadata.h"
#include "extract/text_output.h"

namespace newsarc::extract {
namespace {

// True when the start of the input is clearly not text (NUL bytes or many
// control characters), so a reason can say so.
bool LooksBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 10 > head.size();
}

void CollectLinks(const GumboNode* document, std::string_view url, const ExtractOptions& options,
                  Article* article) {
  Url base;
  if (auto parsed = Url::Parse(url); parsed.ok()) base = *parsed;
  // <base href>: the first one, resolved against the page URL.
  const GumboNode* base_el = nullptr;
  dom::Walk(document, [&](const GumboNode* n) {
    if (base_el != nullptr) return false;
    if (dom::IsElement(n, GUMBO_TAG_BASE) && !dom::Attr(n, "href").empty()) {
      base_el = n;
      return false;
    }
    return n->type == GUMBO_NODE_DOCUMENT || n->type == GUMBO_NODE_ELEMENT;
  });
  if (base_el != nullptr) {
    std::string_view href = dom::Attr(base_el, "href");
    if (!base.empty()) {
      if (auto r = base.Resolve(href); r.ok()) base = *r;
    } else if (auto r = Url::Parse(href); r.ok()) {
      base = *r;
    }
  }
  std::unordered_set<std::string> seen;
  std::unordered_set<std::string_view> seen_href;  // views into the tree
  dom::Walk(document, [&](const GumboNode* n) {
    if (article->links.size() >= options.max_links) return false;
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return false;
    if (!dom::IsElement(n, GUMBO_TAG_A) && !dom::IsElement(n, GUMBO_TAG_AREA)) return true;
    std::string_view href = dom::Attr(n, "href");
    while (!href.empty() && (href.front() == ' ' || href.front() == '\n' || href.front() == '\t')) {
      href.remove_prefix(1);
    }
    if (href.empty() || href.front() == '#') return true;
    // Pages repeat links (logo, menus, "read more"): resolve each href once.
    if (!seen_href.emplace(href).second) return true;
    Result<Url> resolved = base.empty() ? Url::Parse(href) : base.Resolve(href);
    if (!resolved.ok()) return true;
    if (resolved->scheme() != "http" && resolved->scheme() != "https") return true;
    if (seen.insert(resolved->spec()).second) article->links.push_back(resolved->spec());
    return true;
  });
}

Article ExtractDecoded(std::string_view bytes, DecodedHtml decoded, std::string_view url,
                       const ExtractOptions& options, bool cut) {
  Article article;
  if (bytes.empty()) {
    article.reason = "empty input";
    return article;
  }
  article.charset = decoded.charset;
  if (decoded.charset != "utf-16le" && decoded.charset != "utf-16be" && LooksBinary(bytes)) {
    article.reason = "no article body found: input looks binary (NUL or control bytes)";
    return article;
  }
  ParsedHtml html(decoded.utf8);
  decoded.utf8 = std::string();  // the parse keeps its own copy
  const GumboNode* document = html.document();
  if (document == nullptr) {
    article.reason = "HTML parser returned no document";
    return article;
  }
  ExtractMetadata(document, url, &article, options.rules);

  PageHead head = CollectHead(document);
  std::string json_ld_body = ParseJsonLd(head.jsonld).article_body;
  std::vector<std::string> titles = {article.title, head.title,
                                     std::string(head.Get("og:title"))};
  std::vector<Block> blocks = ExtractBody(document, titles, json_ld_body);
  article.text = RenderText(blocks);
  article.markdown = RenderMarkdown(blocks);
  article.html = RenderHtml(blocks);
  if (options.want_links) CollectLinks(document, url, options, &article);

  if (article.text.empty()) {
    article.reason = "no article body found";
  } else if (cut) {
    article.reason = "input cut at " + std::to_string(options.max_input_bytes) + " bytes";
  } else if (html.elements_capped()) {
    article.reason = "input cut after " + std::to_string(kMaxElements) + " elements";
  } else if (html.depth_capped()) {
    article.reason = "elements nested deeper than " + std::to_string(kMaxNestingDepth) +
                     " were flattened";
  }
  return article;
}

}  // namespace

Article Extract(std::string_view bytes, std::string_view url, std::string_view content_type,
                const ExtractOptions& options) {
  bool cut = bytes.size() > options.max_input_bytes;
  if (cut) bytes = bytes.substr(0, options.max_input_bytes);
  DecodedHtml decoded;
  if (!bytes.empty()) decoded = DecodeHtml(bytes, content_type);
  return ExtractDecoded(bytes, std::move(decoded), url, options, cut);
}

Article Extract(std::string_view bytes, DecodedHtml decoded, std::string_view url,
                const ExtractOptions& options) {
  bool cut = bytes.size() > options.max_input_bytes;
  if (cut) {
    bytes = bytes.substr(0, options.max_input_bytes);
    if (decoded.utf8.size() > options.max_input_bytes) {
      // Keep whole UTF-8 sequences: back up over continuation bytes.
      size_t end = options.max_input_bytes;
      while (end > 0 && (static_cast<unsigned char>(decoded.utf8[end]) & 0xC0) == 0x80) --end;
      decoded.utf8.resize(end);
    }
  }
  return ExtractDecoded(bytes, std::move(decoded), url, options, cut);
}

std::map<std::string, std::string> ProvenanceByField(const Article& a) {
  std::map<std::string, std::string> out;
  for (const auto& [field, from] :
       {std::pair<const char*, const std::string&>{"title", a.provenance.title},
        {"author", a.provenance.authors},
        {"source", a.provenance.source},
        {"publish_time", a.provenance.published},
        {"modified_time", a.provenance.modified},
        {"editor", a.provenance.editor}}) {
    if (!from.empty()) out[field] = from;
  }
  return out;
}

}  // namespace newsarc::extract
