// CHandle: a unique_ptr that frees a C library handle with its own function.
//
//   using CurlEasy = CHandle<CURL, curl_easy_cleanup>;
//
// Anything whose release takes more than one call gets a small class instead.
#ifndef NEWSARC_BASE_CHANDLE_H_
#define NEWSARC_BASE_CHANDLE_H_

#include <memory>

namespace newsarc {

template <auto FreeFn>
struct CFree {
  template <typename T>
  void operator()(T* p) const {
    if (p != nullptr) FreeFn(p);
  }
};

template <typename T, auto FreeFn>
using CHandle = std::unique_ptr<T, CFree<FreeFn>>;

}  // namespace newsarc

#endif  // NEWSARC_BASE_CHANDLE_H_
