#include "crawler/revisit_policy.h"

#include <algorithm>

namespace newsarc::crawler {

Micros NextRevisitInterval(const CrawlOptions& o, storage::UrlKind kind, Micros current,
                           bool changed) {
  // Stylesheets and images rarely change under one URL (sites rename them
  // when they do, and the new name comes with the page that uses it).
  if (kind == storage::UrlKind::kRequisite) return o.revisit_max;
  if (kind != storage::UrlKind::kPage) return o.revisit_min;
  if (current <= 0) return o.revisit_initial;
  Micros next = changed ? current / 2 : current * 2;
  return std::clamp(next, o.revisit_min, o.revisit_max);
}

}  // namespace newsarc::crawler
