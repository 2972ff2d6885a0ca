// Metadata exact-match rates on a labelled corpus (../shared/corpus/zh-news).
//
//   metadata_eval_bench [CORPUS_DIR] [--out PRED.json] [--raw] [--verbose]
//
// Runs the extractor over CORPUS_DIR/html/*.html[.gz] and compares title,
// author, source and publish_time with CORPUS_DIR/ground-truth.json using
// the normalisation of ../shared/eval/score.py --fields (whitespace
// collapsed, ASCII case folded; dates compared at the precision the truth
// gives; authors as sets split on , ; ， 、 and " and "). Only pages whose
// truth has the field count. --out writes the predictions in score.py's
// format. --raw parses the bytes with Gumbo directly (UTF-8 pages only).
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/metadata.h"

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");  // reads plain files too
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out->append(buf, static_cast<size_t>(n));
  gzclose(f);
  return n == 0;
}

std::string Collapse(const std::string& s) {
  std::istringstream in(s);
  std::string w, out;
  while (in >> w) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

// score.py's norm_field for publish_time: YYYY-MM-DD[THH:MM[:SS]].
std::string NormDate(const std::string& v) {
  std::string digits;
  std::vector<int> parts;
  size_t i = 0;
  auto num = [&](size_t len) -> int {
    if (i + len > v.size()) return -1;
    int x = 0;
    for (size_t k = 0; k < len; ++k) {
      if (v[i + k] < '0' || v[i + k] > '9') return -1;
      x = x * 10 + (v[i + k] - '0');
    }
    i += len;
    return x;
  };
  int y = num(4);
  if (y < 0) return v;
  if (i < v.size() && v[i] == '-') ++i;
  int m = num(2);
  if (m < 0) return v;
  if (i < v.size() && v[i] == '-') ++i;
  int d = num(2);
  if (d < 0) return v;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  std::string out = buf;
  if (i < v.size() && (v[i] == 'T' || v[i] == ' ')) {
    ++i;
    int h = num(2);
    if (h >= 0) {
      if (i < v.size() && v[i] == ':') ++i;
      int mi = num(2);
      if (mi >= 0) {
        std::snprintf(buf, sizeof(buf), "T%02d:%02d", h, mi);
        out += buf;
        if (i < v.size() && v[i] == ':') ++i;
        int sec = num(2);
        if (sec >= 0) {
          std::snprintf(buf, sizeof(buf), ":%02d", sec);
          out += buf;
        }
      }
    }
  }
  return out;
}

std::set<std::string> AuthorSet(std::string s) {
  for (const std::string sep : {",", ";", "，", "、", " and "}) {
    for (size_t at; (at = s.find(sep)) != std::string::npos;) s.replace(at, sep.size(), "\x01");
  }
  std::set<std::string> out;
  std::string cur;
  for (char c : s + "\x01") {
    if (c == '\x01') {
      std::string t = Collapse(cur);
      if (!t.empty()) out.insert(t);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::string DefaultDir() {
  std::ifstream probe("../shared/corpus/zh-news/ground-truth.json");
  if (probe) return "../shared/corpus/zh-news";
  return "/work/shared/corpus/zh-news";
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir, out_path;
  bool raw = false, verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (a == "--raw") {
      raw = true;
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: %s [CORPUS_DIR] [--out PRED.json] [--raw] [--verbose]\n", argv[0]);
      return 0;
    } else {
      dir = a;
    }
  }
  if (dir.empty()) dir = DefaultDir();
  std::ifstream tin(dir + "/ground-truth.json");
  if (!tin) {
    std::fprintf(stderr, "metadata_eval: %s/ground-truth.json: cannot open\n", dir.c_str());
    return 1;
  }
  nlohmann::json truth = nlohmann::json::parse(tin, nullptr, false);
  if (truth.is_discarded() || !truth.is_object()) {
    std::fprintf(stderr, "metadata_eval: %s/ground-truth.json: not a JSON object\n", dir.c_str());
    return 1;
  }
  nlohmann::json pred = nlohmann::json::object();
  const char* kFields[] = {"title", "author", "source", "publish_time"};
  std::map<std::string, std::pair<int, int>> tally;  // field -> (hits, total)
  for (auto it = truth.begin(); it != truth.end(); ++it) {
    const std::string& key = it.key();
    std::string page, path = dir + "/html/" + key + ".html";
    if (!ReadFile(path, &page) && !ReadFile(path + ".gz", &page)) {
      std::fprintf(stderr, "metadata_eval: %s: cannot read\n", path.c_str());
      continue;
    }
    std::string url = it->value("url", "");
    newsarc::extract::Article a;
    if (raw) {
      GumboOutput* g = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
      newsarc::extract::ExtractMetadata(g->document, url, &a);
      gumbo_destroy_output(&kGumboDefaultOptions, g);
    } else {
      newsarc::extract::ExtractOptions opts;
      opts.want_links = false;
      a = newsarc::extract::Extract(page, url, "", opts);
    }
    std::string authors;
    for (const std::string& n : a.authors) authors += (authors.empty() ? "" : ", ") + n;
    nlohmann::json rec = {{"title", a.title},
                          {"author", authors},
                          {"source", a.source},
                          {"publish_time", a.published},
                          {"articleBody", a.text}};
    pred[key] = rec;
    for (const char* f : kFields) {
      std::string want = (*it).value(f, "");
      if (want.empty()) continue;
      std::string got = rec[f].get<std::string>();
      bool hit;
      if (std::string(f) == "publish_time") {
        std::string w = NormDate(Collapse(want)), g = NormDate(Collapse(got));
        hit = g.substr(0, w.size()) == w;
      } else if (std::string(f) == "author") {
        hit = AuthorSet(Lower(Collapse(want))) == AuthorSet(Lower(Collapse(got)));
      } else {
        hit = Lower(Collapse(want)) == Lower(Collapse(got));
      }
      tally[f].first += hit;
      tally[f].second += 1;
      if (!hit && verbose) {
        std::printf("MISS %-14s %-12s want=%s got=%s\n", key.c_str(), f, want.c_str(), got.c_str());
      }
    }
  }
  if (!out_path.empty()) {
    std::ofstream out(out_path);
    out << pred.dump(1) << "\n";
    if (!out) {
      std::fprintf(stderr, "metadata_eval: %s: cannot write\n", out_path.c_str());
      return 1;
    }
  }
  std::printf("%-14s %6s %6s %8s\n", "field", "pages", "right", "exact");
  for (const char* f : kFields) {
    auto [hits, total] = tally[f];
    std::printf("%-14s %6d %6d %8.3f\n", f, total, hits,
                total ? static_cast<double>(hits) / total : 0.0);
  }
  return 0;
}
