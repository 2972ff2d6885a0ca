// Random (version 4) UUIDs, as WARC record ids: "<urn:uuid:...>".
#ifndef NEWSARC_BASE_UUID_H_
#define NEWSARC_BASE_UUID_H_

#include <string>

namespace newsarc {

// "urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" from OpenSSL's CSPRNG.
std::string NewUuidUrn();

}  // namespace newsarc

#endif  // NEWSARC_BASE_UUID_H_
