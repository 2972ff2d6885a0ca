// The interface's files, compiled into the binary (cmake/embed_assets.cmake
// writes them from web/assets/), so `newsarc serve` needs nothing beside it.
// Internal to web/.
#ifndef NEWSARC_WEB_ASSETS_H_
#define NEWSARC_WEB_ASSETS_H_

#include <cstddef>
#include <string_view>

namespace newsarc::web {

struct Asset {
  const char* path;  // relative to web/assets/, e.g. "app.js"
  const char* content_type;
  const unsigned char* data;
  size_t size;
};

// Nullptr when there is no such file.
const Asset* FindAsset(std::string_view path);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_ASSETS_H_
