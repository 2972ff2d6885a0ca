#include "web/feed.h"

#include "base/time.h"
#include "base/url.h"

namespace newsarc::web {
namespace {

// A query parameter value.
std::string Q(std::string_view v) { return PercentEncodeComponent(v); }

}  // namespace

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

Reply ChangesFeed(Context& ctx, Params& p) {
  storage::ChangeFilter f;
  f.host = p.Str("host");
  const std::string url = p.Str("url");
  if (!url.empty()) f.surt = storage::SurtKey(url);
  f.include_cosmetic = p.Bool("cosmetic", false);
  f.newest_first = true;
  f.limit = p.Int("limit", 50, 1, 500);
  if (p.error()) return *p.error();
  auto index = ctx.ReadyIndex();
  if (!index.ok()) return ErrorReply(index.status());
  auto page = (*index)->Changes(f);
  if (!page.ok()) return ErrorReply(page.status());

  std::string self = ctx.ui_origin + "/feed/changes.atom";
  std::string what = "all articles";
  if (!url.empty()) {
    self += "?url=" + Q(url);
    what = url;
  } else if (!f.host.empty()) {
    self += "?host=" + Q(f.host);
    what = f.host;
  }
  const Micros updated = page->rows.empty() ? NowMicros() : page->rows.front().to_date;
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  x += "  <title>" + EscapeMarkup("Changes: " + what) + "</title>\n";
  x += "  <id>" + EscapeMarkup(self) + "</id>\n";
  x += "  <link rel=\"self\" href=\"" + EscapeMarkup(self) + "\"/>\n";
  x += "  <updated>" + FormatWarcDate(updated, true) + "</updated>\n";
  x += "  <generator>newsarc</generator>\n";
  for (const storage::IndexedChange& c : page->rows) {
    const std::string diff = ctx.ui_origin + "/diff?url=" + Q(c.url) + "&from=" +
                             Format14(c.from_date) + "&to=" + Format14(c.to_date);
    std::string fields;
    for (const std::string& s : c.fields) fields += (fields.empty() ? "" : ", ") + s;
    std::string summary = c.kind == "deleted"
                              ? "Deleted (" + std::to_string(c.words_removed) + " words)"
                              : "+" + std::to_string(c.words_added) + " / -" +
                                    std::to_string(c.words_removed) + " words in " + fields;
    x += "  <entry>\n";
    x += "    <title>" + EscapeMarkup(c.kind + ": " + (c.title.empty() ? c.url : c.title)) +
         "</title>\n";
    x += "    <id>" + EscapeMarkup("urn:newsarc:change:" + c.to_record) + "</id>\n";
    x += "    <link href=\"" + EscapeMarkup(c.kind == "deleted"
                                                ? ctx.ui_origin + "/article?url=" + Q(c.url)
                                                : diff) +
         "\"/>\n";
    x += "    <updated>" + FormatWarcDate(c.to_date, true) + "</updated>\n";
    x += "    <author><name>" + EscapeMarkup(c.host) + "</name></author>\n";
    x += "    <summary>" + EscapeMarkup(summary + " — " + c.url) + "</summary>\n";
    x += "  </entry>\n";
  }
  x += "</feed>\n";
  Reply r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = std::move(x);
  return r;
}

}  // namespace newsarc::web
