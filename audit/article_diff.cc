#include "audit/article_diff.h"

#include <utility>
#include <vector>

#include "audit/text_tokens.h"

namespace newsarc::audit {

using storage::ArticleRecord;
namespace {

std::string JoinAuthors(const std::vector<std::string>& authors) {
  std::string out;
  for (const std::string& a : authors) {
    if (!out.empty()) out += "; ";
    out += a;
  }
  return out;
}

struct Fields {
  std::string title, published, modified, authors;
  const std::string* text;
};
Fields FieldsOf(const ArticleRecord& a) {
  return {a.title, a.published, a.modified, JoinAuthors(a.authors), &a.text};
}

// Marks every change of `d` cosmetic, as renderers and JSON show it.
void MarkCosmetic(TextDiff* d) {
  d->cosmetic_changes = d->changes;
  std::vector<DiffOp> ops;
  for (DiffOp& op : d->ops) {
    if (op.kind != DiffOpKind::kEqual) op.cosmetic = true;
    if (!ops.empty() && ops.back().kind == op.kind && ops.back().cosmetic == op.cosmetic) {
      ops.back().text += op.text;
    } else {
      ops.push_back(std::move(op));
    }
  }
  d->ops = std::move(ops);
}

}  // namespace

const char* ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kUnchanged:
      return "unchanged";
    case ChangeKind::kCosmetic:
      return "cosmetic";
    case ChangeKind::kSubstantive:
      return "substantive";
  }
  return "?";
}

bool SameArticleContent(const ArticleRecord& a, const ArticleRecord& b) {
  return a.title == b.title && a.published == b.published && a.modified == b.modified &&
         a.authors == b.authors && a.text == b.text;
}

int64_t ArticleWords(const ArticleRecord& a) {
  int64_t n = 0;
  for (const std::string* s : {&a.title, &a.text}) {
    for (const Token& t : Tokenize(*s)) n += CountsAsWord(t) ? 1 : 0;
  }
  return n;
}

ArticleDiff DiffArticles(const ArticleRecord& before, const ArticleRecord& after) {
  const Fields a = FieldsOf(before), b = FieldsOf(after);
  ArticleDiff out;
  out.fields.push_back({"title", DiffText(a.title, b.title)});
  out.fields.push_back({"published", DiffText(a.published, b.published)});
  out.fields.push_back({"modified", DiffText(a.modified, b.modified)});
  out.fields.push_back({"authors", DiffText(a.authors, b.authors)});
  out.fields.push_back({"text", DiffText(*a.text, *b.text)});
  bool any = false, substantive = false;
  for (FieldDiff& f : out.fields) {
    out.words_added += f.diff.words_added;
    out.words_removed += f.diff.words_removed;
    if (!f.diff.changed()) continue;
    any = true;
    // Date fields are stamps by nature: a changed "modified" date is the
    // "last updated" stamp the issue calls cosmetic.
    const bool date_field = f.field == "published" || f.field == "modified";
    if (date_field) MarkCosmetic(&f.diff);
    if (f.diff.cosmetic_only()) continue;
    substantive = true;
    for (const DiffOp& op : f.diff.ops) {
      if (op.kind == DiffOpKind::kEqual || op.cosmetic) continue;
      for (const Token& t : Tokenize(op.text)) out.substantive_words += CountsAsWord(t) ? 1 : 0;
    }
  }
  out.kind = !any ? ChangeKind::kUnchanged
                  : (substantive ? ChangeKind::kSubstantive : ChangeKind::kCosmetic);
  return out;
}

}  // namespace newsarc::audit
