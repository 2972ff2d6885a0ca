#include "cli/diff_render.h"


#include "base/time.h"

namespace newsarc::cli {
namespace {

using audit::DiffOp;
using audit::DiffOpKind;
using audit::FieldDiff;

const char* kRed = "\033[31m";
const char* kGreen = "\033[32m";
const char* kDim = "\033[2m";
const char* kBold = "\033[1m";
const char* kReset = "\033[0m";

std::string VersionLine(const audit::ArticleVersion& v) {
  return "#" + std::to_string(v.index) + " " + FormatWarcDate(v.capture.date) + " " +
         v.capture.record_id + (v.capture.uri.empty() ? "" : " " + v.capture.uri);
}

// The ops of one field as marked-up text, split into lines; each line
// remembers whether it holds a change, and whether all its changes are
// cosmetic.
struct Line {
  std::string text;
  bool changed = false;
  bool substantive = false;
};

std::vector<Line> MarkUp(const FieldDiff& f, bool colour) {
  std::vector<Line> lines(1);
  for (const DiffOp& op : f.diff.ops) {
    std::string open, close;
    if (op.kind == DiffOpKind::kDelete) {
      open = colour ? std::string(op.cosmetic ? kDim : "") + kRed : "[-";
      close = colour ? kReset : "-]";
    } else if (op.kind == DiffOpKind::kInsert) {
      open = colour ? std::string(op.cosmetic ? kDim : "") + kGreen : "{+";
      close = colour ? kReset : "+}";
    }
    // Markers are closed and reopened at line breaks so every shown line
    // stands on its own.
    size_t start = 0;
    for (;;) {
      size_t nl = op.text.find('\n', start);
      std::string_view piece = std::string_view(op.text).substr(
          start, nl == std::string::npos ? std::string::npos : nl - start);
      if (!piece.empty()) {
        Line& l = lines.back();
        if (op.kind == DiffOpKind::kEqual) {
          l.text += piece;
        } else {
          l.text += open + std::string(piece) + close;
          l.changed = true;
          if (!op.cosmetic) l.substantive = true;
        }
      } else if (op.kind != DiffOpKind::kEqual && nl != std::string::npos) {
        lines.back().changed = true;  // a paragraph break added or removed
        if (!op.cosmetic) lines.back().substantive = true;
      }
      if (nl == std::string::npos) break;
      lines.emplace_back();
      start = nl + 1;
    }
  }
  return lines;
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Summary(const audit::ArticleDiff& d) {
  return std::string(audit::ChangeKindName(d.kind)) + " (+" + std::to_string(d.words_added) +
         " words, -" + std::to_string(d.words_removed) + " words)";
}

}  // namespace

std::string RenderDiffText(const DiffView& v, bool colour) {
  std::string out;
  auto bold = [&](const std::string& s) { return colour ? kBold + s + kReset : s; };
  out += bold("diff " + v.url) + "\n";
  out += "--- " + VersionLine(*v.from) + "\n";
  out += "+++ " + VersionLine(*v.to) + "\n";
  out += "change: " + Summary(*v.diff) + "\n";
  for (const FieldDiff& f : v.diff->fields) {
    if (!f.diff.changed()) continue;
    std::vector<Line> lines = MarkUp(f, colour);
    const char* tag = f.diff.cosmetic_only() ? " (cosmetic)" : "";
    if (f.field != "text") {
      std::string joined;
      for (const Line& l : lines) joined += (joined.empty() ? "" : " / ") + l.text;
      out += f.field + ": " + joined + tag + "\n";
      continue;
    }
    out += std::string("text:") + tag + "\n";
    bool gap = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!lines[i].changed) {
        gap = true;
        continue;
      }
      if (gap && i > 0) out += "  ...\n";
      gap = false;
      out += "  " + lines[i].text + (lines[i].substantive ? "" : "  (cosmetic)") + "\n";
    }
  }
  return out;
}

std::string RenderDiffHtml(const DiffView& v) {
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>diff " + EscapeHtml(v.url) +
      "</title>\n<style>del{background:#fdd;color:#900}ins{background:#dfd;color:#060;"
      "text-decoration:none}.cosmetic{opacity:.55}p{white-space:pre-wrap}</style></head><body>\n";
  out += "<h1>" + EscapeHtml(v.url) + "</h1>\n<p>from " + EscapeHtml(VersionLine(*v.from)) +
         "<br>to " + EscapeHtml(VersionLine(*v.to)) + "<br>change: " +
         EscapeHtml(Summary(*v.diff)) + "</p>\n";
  for (const FieldDiff& f : v.diff->fields) {
    if (!f.diff.changed() && f.field != "text" && f.field != "title") continue;
    out += "<h2>" + f.field + (f.diff.cosmetic_only() ? " (cosmetic)" : "") + "</h2>\n<p>";
    for (const DiffOp& op : f.diff.ops) {
      const std::string text = EscapeHtml(op.text);
      const std::string cls = op.cosmetic ? " class=\"cosmetic\"" : "";
      if (op.kind == DiffOpKind::kEqual) {
        out += text;
      } else if (op.kind == DiffOpKind::kDelete) {
        out += "<del" + cls + ">" + text + "</del>";
      } else {
        out += "<ins" + cls + ">" + text + "</ins>";
      }
    }
    out += "</p>\n";
  }
  out += "</body></html>\n";
  return out;
}

std::string RenderDiffJson(const DiffView& v) {
  return audit::DiffJson(v.url, *v.from, *v.to, *v.diff);
}

}  // namespace newsarc::cli
