// The cluster database's schema (docs/cluster.md, "Schema"). Internal.
#ifndef NEWSARC_CLUSTER_SCHEMA_H_
#define NEWSARC_CLUSTER_SCHEMA_H_

#include "base/status.h"
#include "cluster/pg.h"

namespace newsarc::cluster {

inline constexpr int kSchemaVersion = 1;

// The bucket count of an initialised cluster; Unsupported naming the URL
// when the database has no cluster schema (or a newer one).
Result<int> ReadClusterBuckets(Pg& pg);

}  // namespace newsarc::cluster

#endif  // NEWSARC_CLUSTER_SCHEMA_H_
