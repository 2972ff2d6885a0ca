#include "extract/text_output.h"

#include <string_view>

namespace newsarc::extract {
namespace {

std::string JoinCells(const Block& b, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < b.cells.size(); ++i) {
    if (i > 0) out += sep;
    out += b.cells[i];
  }
  return out;
}

// Markdown special characters at the start of a line would change its meaning.
std::string MarkdownInline(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool line_start = true;
  for (char c : s) {
    if (line_start && (c == '#' || c == '>' || c == '-' || c == '+' || c == '*')) out += '\\';
    if (c == '\n') {
      out += "  \n";  // hard line break
      line_start = true;
      continue;
    }
    line_start = false;
    if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']') out += '\\';
    out += c;
  }
  return out;
}

void AppendQuotePrefix(std::string* out, int depth) {
  for (int i = 0; i < depth; ++i) *out += "> ";
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
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

std::string RenderText(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& b : blocks) {
    if (!out.empty()) out += "\n\n";
    out += b.kind == Block::Kind::kTableRow ? JoinCells(b, " | ") : b.text;
  }
  return out;
}

std::string RenderMarkdown(const std::vector<Block>& blocks) {
  std::string out;
  const Block* prev = nullptr;
  for (const Block& b : blocks) {
    bool tight = prev != nullptr &&
                 ((prev->kind == Block::Kind::kListItem && b.kind == Block::Kind::kListItem) ||
                  (prev->kind == Block::Kind::kTableRow && b.kind == Block::Kind::kTableRow &&
                   prev->table_id == b.table_id));
    if (!out.empty()) out += tight ? "\n" : "\n\n";
    std::string line;
    AppendQuotePrefix(&line, b.quote_depth);
    switch (b.kind) {
      case Block::Kind::kHeading:
        line += std::string(static_cast<size_t>(b.heading_level), '#') + " " + MarkdownInline(b.text);
        break;
      case Block::Kind::kListItem:
        line += std::string(static_cast<size_t>(2 * (b.list_depth > 0 ? b.list_depth - 1 : 0)), ' ');
        line += b.ordered ? "1. " : "- ";
        line += MarkdownInline(b.text);
        break;
      case Block::Kind::kPre:
        line += "```\n" + b.text + "\n```";
        break;
      case Block::Kind::kTableRow: {
        line += "| ";
        for (size_t i = 0; i < b.cells.size(); ++i) {
          if (i > 0) line += " | ";
          std::string cell = MarkdownInline(b.cells[i]);
          for (char& c : cell) {
            if (c == '\n' || c == '|') c = ' ';
          }
          line += cell;
        }
        line += " |";
        bool first_row = prev == nullptr || prev->kind != Block::Kind::kTableRow ||
                         prev->table_id != b.table_id;
        if (first_row) {
          line += "\n";
          AppendQuotePrefix(&line, b.quote_depth);
          line += "|";
          for (size_t i = 0; i < b.cells.size(); ++i) line += " --- |";
        }
        break;
      }
      case Block::Kind::kParagraph:
        line += MarkdownInline(b.text);
        break;
    }
    out += line;
    prev = &b;
  }
  return out;
}

std::string RenderHtml(const std::vector<Block>& blocks) {
  std::string out;
  int quote = 0;
  // Open lists: true for <ol>.
  std::vector<bool> lists;
  int table = -1;
  auto close_lists = [&](size_t keep) {
    while (lists.size() > keep) {
      out += lists.back() ? "</ol>\n" : "</ul>\n";
      lists.pop_back();
    }
  };
  auto close_table = [&] {
    if (table >= 0) out += "</table>\n";
    table = -1;
  };
  auto inline_html = [](std::string_view s) {
    std::string e = HtmlEscape(s);
    std::string r;
    for (char c : e) {
      if (c == '\n') {
        r += "<br>";
      } else {
        r += c;
      }
    }
    return r;
  };
  for (const Block& b : blocks) {
    size_t want_lists = b.kind == Block::Kind::kListItem ? static_cast<size_t>(b.list_depth) : 0;
    if (b.kind != Block::Kind::kTableRow || b.table_id != table) close_table();
    if (want_lists < lists.size() || b.quote_depth != quote) close_lists(want_lists < lists.size() ? want_lists : 0);
    while (quote < b.quote_depth) {
      out += "<blockquote>\n";
      ++quote;
    }
    while (quote > b.quote_depth) {
      close_lists(0);
      out += "</blockquote>\n";
      --quote;
    }
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += "<h" + std::to_string(b.heading_level) + ">" + inline_html(b.text) + "</h" +
               std::to_string(b.heading_level) + ">\n";
        break;
      case Block::Kind::kListItem:
        while (lists.size() < want_lists) {
          lists.push_back(b.ordered);
          out += b.ordered ? "<ol>\n" : "<ul>\n";
        }
        out += "<li>" + inline_html(b.text) + "</li>\n";
        break;
      case Block::Kind::kPre:
        out += "<pre>" + HtmlEscape(b.text) + "</pre>\n";
        break;
      case Block::Kind::kTableRow: {
        if (table != b.table_id) {
          out += "<table>\n";
          table = b.table_id;
        }
        const char* cell = b.header_row ? "th" : "td";
        out += "<tr>";
        for (const std::string& c : b.cells) {
          out += std::string("<") + cell + ">" + inline_html(c) + "</" + cell + ">";
        }
        out += "</tr>\n";
        break;
      }
      case Block::Kind::kParagraph:
        out += "<p>" + inline_html(b.text) + "</p>\n";
        break;
    }
  }
  close_table();
  close_lists(0);
  while (quote > 0) {
    out += "</blockquote>\n";
    --quote;
  }
  return out;
}

}  // namespace newsarc::extract
