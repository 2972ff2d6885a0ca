#include "web/replay.h"

#include <gumbo.h>

#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "base/url.h"
#include "web/feed.h"

namespace newsarc::web {
namespace {

using storage::Capture;

struct Edit {
  size_t offset = 0, length = 0;
  std::string text;
};

std::string Apply(std::string_view in, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
  std::string out;
  out.reserve(in.size() + edits.size() * 32);
  size_t at = 0;
  for (const Edit& e : edits) {
    if (e.offset < at || e.offset + e.length > in.size()) continue;  // overlapping: keep the first
    out.append(in.substr(at, e.offset - at));
    out += e.text;
    at = e.offset + e.length;
  }
  out.append(in.substr(at));
  return out;
}

// `prefix` + the absolute form of `ref` for http(s) URLs; nullopt for
// fragments, data:, javascript: and the like (left alone).
std::optional<std::string> Rewrite(std::string_view ref, const Url& base,
                                   const std::string& prefix) {
  std::string_view r = TrimAscii(ref);
  if (r.empty() || r.front() == '#') return std::nullopt;
  Result<Url> u = base.Resolve(r);
  if (!u.ok()) return std::nullopt;
  const std::string spec = u->spec();
  if (spec.rfind("http://", 0) != 0 && spec.rfind("https://", 0) != 0) return std::nullopt;
  return prefix + spec;
}

std::string Srcset(std::string_view value, const Url& base, const std::string& prefix) {
  std::string out;
  for (std::string_view candidate : Split(value, ',')) {
    std::string_view c = TrimAscii(candidate);
    const size_t space = c.find_first_of(" \t\n");
    std::string_view url = c.substr(0, space);
    std::string_view rest = space == std::string_view::npos ? "" : c.substr(space);
    std::optional<std::string> nu = Rewrite(url, base, prefix);
    if (!out.empty()) out += ", ";
    out += nu ? *nu : std::string(url);
    out += rest;
  }
  return out;
}

bool IsUrlAttribute(std::string_view attr) {
  static const char* kAttrs[] = {"href", "src", "poster", "action", "data", "background",
                                 "formaction", "cite", "longdesc"};
  for (const char* a : kAttrs) {
    if (EqualsIgnoreCase(attr, a)) return true;
  }
  return false;
}

struct HtmlRewriter {
  std::string_view html;
  Url base;
  const std::string& prefix;
  std::vector<Edit> edits;

  size_t OffsetOf(const char* p) const { return static_cast<size_t>(p - html.data()); }

  void Attribute(const GumboAttribute* a) {
    if (a->original_value.length == 0 || a->original_value.data == nullptr) return;
    const std::string_view name(a->name);
    std::string value;
    if (EqualsIgnoreCase(name, "srcset")) {
      value = Srcset(a->value, base, prefix);
    } else if (EqualsIgnoreCase(name, "style")) {
      value = RewriteCss(a->value, base.spec(), prefix);
      if (value == a->value) return;
    } else if (IsUrlAttribute(name)) {
      std::optional<std::string> nu = Rewrite(a->value, base, prefix);
      if (!nu) return;
      value = *nu;
    } else {
      return;
    }
    edits.push_back({OffsetOf(a->original_value.data), a->original_value.length,
                     "\"" + EscapeMarkup(value) + "\""});
  }

  void Walk(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
    const GumboElement& e = node->v.element;
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      Attribute(static_cast<const GumboAttribute*>(e.attributes.data[i]));
    }
    for (unsigned i = 0; i < e.children.length; ++i) {
      const GumboNode* child = static_cast<const GumboNode*>(e.children.data[i]);
      if (e.tag == GUMBO_TAG_STYLE && child->type == GUMBO_NODE_TEXT &&
          child->v.text.original_text.data != nullptr) {
        const GumboStringPiece& t = child->v.text.original_text;
        std::string css = RewriteCss(std::string_view(t.data, t.length), base.spec(), prefix);
        edits.push_back({OffsetOf(t.data), t.length, css});
        continue;
      }
      Walk(child);
    }
  }
};

// The capture's own HTTP head fields.
std::string HeadField(std::string_view head, std::string_view name) {
  for (std::string_view line : Split(head, '\n')) {
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (EqualsIgnoreCase(TrimAscii(line.substr(0, colon)), name)) {
      return std::string(TrimAscii(line.substr(colon + 1)));
    }
  }
  return "";
}

Reply Page(int status, const std::string& title, const std::string& body, Context& ctx) {
  Reply r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = "<!doctype html><meta charset=utf-8><title>" + EscapeMarkup(title) +
           "</title><body style=\"font:16px system-ui;margin:2em\"><h1>" + EscapeMarkup(title) +
           "</h1><p>" + body + "</p></body>";
  r.headers = {{"Content-Security-Policy", ReplayPolicy(ctx.ui_origin)},
               {"X-Content-Type-Options", "nosniff"}};
  return r;
}

}  // namespace

std::string ReplayPolicy(const std::string& frame_ancestors) {
  return "default-src 'self' data: blob:; script-src 'none'; object-src 'none'; "
         "worker-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors " +
         frame_ancestors;
}

std::string RewriteCss(std::string_view css, const std::string& base_url,
                       const std::string& prefix) {
  Result<Url> base = Url::Parse(base_url);
  if (!base.ok()) return std::string(css);
  std::vector<Edit> edits;
  // url( ... ) with or without quotes, and @import "..." / '...'.
  for (size_t i = 0; i + 4 <= css.size(); ++i) {
    if (StartsWithIgnoreCase(css.substr(i), "url(")) {
      size_t b = i + 4;
      while (b < css.size() && (css[b] == ' ' || css[b] == '\t' || css[b] == '\n')) ++b;
      char quote = b < css.size() && (css[b] == '"' || css[b] == '\'') ? css[b] : 0;
      size_t start = quote ? b + 1 : b;
      size_t end = quote ? css.find(quote, start) : css.find(')', start);
      if (end == std::string_view::npos) break;
      std::string_view ref = TrimAscii(css.substr(start, end - start));
      if (std::optional<std::string> nu = Rewrite(ref, *base, prefix)) {
        edits.push_back({start, end - start, *nu});
      }
      i = end;
    } else if (StartsWithIgnoreCase(css.substr(i), "@import")) {
      size_t b = i + 7;
      while (b < css.size() && (css[b] == ' ' || css[b] == '\t')) ++b;
      if (b < css.size() && (css[b] == '"' || css[b] == '\'')) {
        const char quote = css[b];
        size_t end = css.find(quote, b + 1);
        if (end == std::string_view::npos) break;
        if (std::optional<std::string> nu = Rewrite(css.substr(b + 1, end - b - 1), *base, prefix)) {
          edits.push_back({b + 1, end - b - 1, *nu});
        }
        i = end;
      }
    }
  }
  return Apply(css, std::move(edits));
}

std::string RewriteHtml(std::string_view html, const std::string& base_url,
                        const std::string& prefix) {
  Result<Url> page = Url::Parse(base_url);
  if (!page.ok()) return std::string(html);
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!out) return std::string(html);
  // A <base href> changes what relative URLs resolve against.
  Url base = *page;
  std::vector<const GumboNode*> stack = {out->root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n->v.element.tag == GUMBO_TAG_BASE) {
      if (const GumboAttribute* h = gumbo_get_attribute(&n->v.element.attributes, "href")) {
        if (Result<Url> b = page->Resolve(h->value); b.ok()) base = *b;
      }
      break;
    }
    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(n->v.element.children.data[i]));
    }
  }
  HtmlRewriter r{html, base, prefix, {}};
  r.Walk(out->root);
  return Apply(html, std::move(r.edits));
}

Reply ReplayCapture(Context& ctx, std::string_view target) {
  // TIMESTAMP[id_]/URL
  const size_t slash = target.find('/');
  if (slash == std::string_view::npos) {
    return Page(404, "Not a replay address", "Addresses look like /20261121103000/https://...", ctx);
  }
  std::string ts(target.substr(0, slash));
  bool identity = false;
  if (ts.size() > 3 && ts.compare(ts.size() - 3, 3, "id_") == 0) {
    identity = true;
    ts.resize(ts.size() - 3);
  }
  std::string url(target.substr(slash + 1));
  std::optional<Micros> when = ts.empty() ? std::optional<Micros>(NowMicros()) : Parse14(ts);
  if (!when || url.empty()) {
    return Page(400, "Not a replay address",
                "Expected /TIMESTAMP/URL with a 4 to 14 digit timestamp.", ctx);
  }
  auto archive = ctx.Archive();
  if (!archive.ok()) return Page(500, "The archive cannot be read", EscapeMarkup(archive.status().message()), ctx);
  auto nearest = (*archive)->Nearest(url, *when);
  if (!nearest.ok() || !nearest->has_value()) {
    return Page(404, "Not in the archive",
                "No capture of <code>" + EscapeMarkup(url) + "</code> is archived.", ctx);
  }
  const Capture c = **nearest;
  // A revisit replays its original's payload.
  Capture body_of = c;
  if (c.type == "revisit") {
    auto original = !c.refers_to.empty() ? (*archive)->CaptureById(c.refers_to)
                                         : (*archive)->FindByPayloadDigest(c.payload_digest);
    if (original.ok() && original->has_value()) body_of = **original;
  }
  auto record = (*archive)->Get(body_of.record_id);
  if (!record.ok()) {
    return Page(500, "The capture cannot be read", EscapeMarkup(record.status().message()), ctx);
  }
  const std::string stamp = Format14(c.date);
  const std::string prefix = ctx.replay_origin + "/" + stamp + "/";
  Reply r;
  r.headers = {{"Content-Security-Policy", ReplayPolicy(ctx.ui_origin)},
               {"X-Content-Type-Options", "nosniff"},
               {"Memento-Datetime", FormatHttpDate(c.date)},
               {"Link", "<" + c.uri + ">; rel=\"original\""},
               {"Cache-Control", "no-store"}};
  std::optional<storage::HttpMessage> m = storage::SplitHttpMessage(record->block);
  if (!m || !m->is_response) {
    r.content_type = std::string(record->Get("Content-Type"));
    r.body = record->block;
    return r;
  }
  if (c.status >= 300 && c.status < 400 && c.status != 304) {
    const std::string location = HeadField(m->head, "Location");
    Result<Url> base = Url::Parse(c.uri);
    if (!location.empty() && base.ok()) {
      if (std::optional<std::string> nu = Rewrite(location, *base, prefix)) {
        r.status = 302;
        r.headers.emplace_back("Location", *nu);
        r.content_type = "text/plain; charset=utf-8";
        r.body = "Redirect to " + *nu + "\n";
        return r;
      }
    }
  }
  r.status = c.status >= 200 && c.status < 600 && c.status != 304 ? c.status : 200;
  std::string type = HeadField(m->head, "Content-Type");
  r.content_type = type.empty() ? "application/octet-stream" : type;
  bool truncated = false;
  Result<std::string> body = storage::DecodeContent(storage::EntityBody(*m),
                                                    HeadField(m->head, "Content-Encoding"),
                                                    storage::kMaxDecodedPageBytes, &truncated);
  std::string bytes = body.ok() ? std::move(*body) : storage::EntityBody(*m);
  if (!identity) {
    const std::string media = m->content_type;
    if (media == "text/html" || media == "application/xhtml+xml") {
      bytes = RewriteHtml(bytes, c.uri, prefix);
    } else if (media == "text/css") {
      bytes = RewriteCss(bytes, c.uri, prefix);
    }
  }
  r.body = std::move(bytes);
  return r;
}

}  // namespace newsarc::web
