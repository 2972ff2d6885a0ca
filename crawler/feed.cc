#include "crawler/feed.h"

#include <algorithm>

#include "base/strings.h"
#include "crawler/url_normalize.h"
#include "crawler/xml_doc.h"

namespace newsarc::crawler {
namespace {

constexpr int kMaxDepth = 64;  // ancestor walks (xml:base)

std::string_view Prefix(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

// Case-insensitive child lookup, for CDF's upper-case names.
pugi::xml_node ChildNoCase(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && EqualsIgnoreCase(LocalName(c), local_name)) return c;
  }
  return {};
}

std::string_view AttrNoCase(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (EqualsIgnoreCase(a.name(), name)) return a.value();
  }
  return {};
}

std::string NormalizedOrEmpty(const Url& base, std::string_view ref) {
  if (TrimAscii(ref).empty()) return {};
  auto u = NormalizeLink(base, ref);
  return u.ok() ? u->spec() : std::string();
}

// The base URL in effect at `node`: the feed URL, then every xml:base from
// the root down to `node` itself.
Url BaseAt(const pugi::xml_node& node, const Url& feed_url) {
  std::vector<std::string_view> bases;
  int depth = 0;
  for (pugi::xml_node n = node; n && depth < kMaxDepth; n = n.parent(), ++depth) {
    if (pugi::xml_attribute a = n.attribute("xml:base")) bases.push_back(a.value());
  }
  Url base = feed_url;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    auto r = base.empty() ? Url::Parse(*it) : base.Resolve(*it);
    if (r.ok()) base = std::move(r).value();
  }
  return base;
}

// A title child, preferring one that is not media:title (a fallback only).
std::string TitleOf(const pugi::xml_node& item) {
  pugi::xml_node fallback;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || !EqualsIgnoreCase(LocalName(c), "title")) continue;
    if (Prefix(c) == "media") {
      if (!fallback) fallback = c;
      continue;
    }
    return Text(c);
  }
  return fallback ? Text(fallback) : std::string();
}

// A later date element of the same kind replaces an earlier one (as in
// feedparser: Atom 1.0 <published> after Atom 0.3 <issued>).
void SetDate(const pugi::xml_node& n, std::string* text, std::optional<Micros>* out) {
  std::string t = Text(n);
  if (t.empty()) return;
  *text = std::move(t);
  *out = ParseFeedDate(*text);
}

// Dates of an RSS or RDF item, or an Atom entry.
void ReadDates(const pugi::xml_node& item, FeedItem* f) {
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view local = LocalName(c), prefix = Prefix(c);
    if (local == "pubDate" || local == "published" || local == "issued") {
      SetDate(c, &f->published_text, &f->published);
    } else if (local == "updated" || local == "modified" || (prefix == "dc" && local == "date")) {
      SetDate(c, &f->updated_text, &f->updated);
    }
  }
}

FeedItem ReadRssItem(const pugi::xml_node& item, const Url& feed_url) {
  FeedItem f;
  f.title = TitleOf(item);
  Url base = BaseAt(item, feed_url);
  for (pugi::xml_node c = item.first_child(); c && f.url.empty(); c = c.next_sibling()) {
    if (c.type() != pugi::node_element || LocalName(c) != "link") continue;
    std::string text = Text(c);
    if (!text.empty()) {
      f.url = NormalizedOrEmpty(base, text);
    } else if (pugi::xml_attribute href = c.attribute("href")) {  // atom:link in RSS
      std::string_view rel = c.attribute("rel").value();
      if (rel.empty() || rel == "alternate") f.url = NormalizedOrEmpty(BaseAt(c, feed_url), href.value());
    }
  }
  if (pugi::xml_node guid = Child(item, "guid")) {
    f.id = Text(guid);
    const bool permalink = !EqualsIgnoreCase(guid.attribute("isPermaLink").value(), "false");
    if (f.url.empty() && permalink &&
        (StartsWithIgnoreCase(f.id, "http://") || StartsWithIgnoreCase(f.id, "https://"))) {
      f.url = NormalizedOrEmpty(base, f.id);
    }
  }
  if (f.id.empty()) f.id = item.attribute("rdf:about").value();
  ReadDates(item, &f);
  return f;
}

FeedItem ReadAtomEntry(const pugi::xml_node& entry, const Url& feed_url) {
  FeedItem f;
  f.title = TitleOf(entry);
  f.id = Text(Child(entry, "id"));
  // A relative id resolves like a link (feedparser does the same).
  if (!f.id.empty() && f.id[0] == '/') {
    auto r = BaseAt(Child(entry, "id"), feed_url).Resolve(f.id);
    if (r.ok()) f.id = r->spec();
  }
  for (pugi::xml_node c = entry.first_child(); c && f.url.empty(); c = c.next_sibling()) {
    if (c.type() != pugi::node_element || LocalName(c) != "link") continue;
    std::string_view rel = c.attribute("rel").value();
    if (!rel.empty() && rel != "alternate") continue;
    f.url = NormalizedOrEmpty(BaseAt(c, feed_url), c.attribute("href").value());
  }
  ReadDates(entry, &f);
  return f;
}

FeedItem ReadCdfItem(const pugi::xml_node& item, const Url& feed_url) {
  FeedItem f;
  f.title = Text(ChildNoCase(item, "title"));
  f.url = NormalizedOrEmpty(feed_url, AttrNoCase(item, "href"));
  f.updated_text = AttrNoCase(item, "lastmod");
  if (!f.updated_text.empty()) f.updated = ParseFeedDate(f.updated_text);
  return f;
}

bool HasNamespace(const pugi::xml_node& root, std::string_view uri) {
  for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    if ((name == "xmlns" || name.starts_with("xmlns:")) && a.value() == uri) return true;
  }
  return false;
}

std::string RssVersion(const pugi::xml_document& doc, const pugi::xml_node& root) {
  std::string_view v = TrimAscii(root.attribute("version").value());
  if (v == "0.91") {
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
      if (n.type() == pugi::node_doctype && std::string_view(n.value()).find("Netscape") !=
                                                std::string_view::npos) {
        return "rss091n";
      }
    }
    return "rss091u";
  }
  if (v == "0.90") return "rss090";
  if (v == "0.92") return "rss092";
  if (v == "0.93") return "rss093";
  if (v == "0.94") return "rss094";
  if (v.starts_with("2.")) return "rss20";
  return "rss";
}

template <typename ReadFn>
void ReadItems(const pugi::xml_node& parent, std::string_view name, bool nocase,
               const Url& feed_url, ReadFn read, Feed* feed) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element) continue;
    std::string_view local = LocalName(n);
    if (nocase ? !EqualsIgnoreCase(local, name) : local != name) continue;
    if (feed->items.size() >= kMaxFeedItems) {
      feed->truncated = true;
      return;
    }
    feed->items.push_back(read(n, feed_url));
  }
}

}  // namespace

Result<Feed> ParseFeed(std::string_view bytes, const Url& feed_url) {
  const std::string what = "feed " + feed_url.spec();
  std::string inflated;
  if (LooksGzipped(bytes)) {
    auto r = Gunzip(bytes, kMaxFeedBytes, what);
    if (!r.ok()) return r.status();
    inflated = std::move(r).value();
    bytes = inflated;
  }
  if (bytes.size() > kMaxFeedBytes) {
    return Status::InvalidArgument(what, "larger than " + std::to_string(kMaxFeedBytes) + " bytes");
  }
  pugi::xml_document doc;
  NEWSARC_RETURN_IF_ERROR(LoadXml(bytes, &doc, what));
  pugi::xml_node root = doc.document_element();
  std::string_view root_name = LocalName(root);
  Feed feed;
  if (root_name == "rss" || root_name == "channel") {
    feed.format = Feed::Format::kRss;
    feed.version = root_name == "rss" ? RssVersion(doc, root) : "rss";
    pugi::xml_node channel = root_name == "rss" ? Child(root, "channel") : root;
    feed.title = Text(Child(channel, "title"));
    feed.link = NormalizedOrEmpty(BaseAt(channel, feed_url), Text(Child(channel, "link")));
    ReadItems(channel, "item", false, feed_url, ReadRssItem, &feed);
    // Some RSS 0.9x files put items next to the channel.
    if (feed.items.empty() && root_name == "rss") {
      ReadItems(root, "item", false, feed_url, ReadRssItem, &feed);
    }
  } else if (root_name == "RDF") {
    feed.format = Feed::Format::kRdf;
    feed.version = HasNamespace(root, "http://my.netscape.com/rdf/simple/0.9/") ? "rss090"
                   : HasNamespace(root, "http://purl.org/rss/1.0/")           ? "rss10"
                                                                              : "rss";
    pugi::xml_node channel = Child(root, "channel");
    feed.title = Text(Child(channel, "title"));
    feed.link = NormalizedOrEmpty(feed_url, Text(Child(channel, "link")));
    ReadItems(root, "item", false, feed_url, ReadRssItem, &feed);
  } else if (root_name == "feed") {
    feed.format = Feed::Format::kAtom;
    feed.version = HasNamespace(root, "http://www.w3.org/2005/Atom") ? "atom10"
                   : HasNamespace(root, "http://purl.org/atom/ns#")  ? "atom03"
                                                                     : "atom";
    feed.title = TitleOf(root);
    for (pugi::xml_node c = root.first_child(); c && feed.link.empty(); c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c) != "link") continue;
      std::string_view rel = c.attribute("rel").value();
      if (rel.empty() || rel == "alternate") {
        feed.link = NormalizedOrEmpty(BaseAt(c, feed_url), c.attribute("href").value());
      }
    }
    ReadItems(root, "entry", false, feed_url, ReadAtomEntry, &feed);
  } else if (EqualsIgnoreCase(root_name, "channel")) {  // CDF
    feed.format = Feed::Format::kCdf;
    feed.version = "cdf";
    feed.title = Text(ChildNoCase(root, "title"));
    feed.link = NormalizedOrEmpty(feed_url, AttrNoCase(root, "href"));
    ReadItems(root, "item", true, feed_url, ReadCdfItem, &feed);
  } else {
    return Status::InvalidArgument(what, "not a feed (root element <" + std::string(root.name()) +
                                             ">)");
  }
  return feed;
}

std::string IsoDate(const std::optional<Micros>& t) {
  return t ? FormatWarcDate(*t) : std::string();
}

void SortNewestFirst(std::vector<FeedItem>* items) {
  std::stable_sort(items->begin(), items->end(), [](const FeedItem& a, const FeedItem& b) {
    auto da = a.BestDate(), db = b.BestDate();
    if (da && db) return *da > *db;
    return da.has_value() && !db.has_value();
  });
}

}  // namespace newsarc::crawler
