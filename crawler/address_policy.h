// Which IP addresses the crawler may connect to.
//
// A public crawler must not be turned against the machine it runs on or its
// network: URLs naming (or DNS records resolving to) loopback, RFC 1918,
// link-local, unique-local, CGNAT, multicast or reserved addresses are
// refused unless the user passes --allow-private. The fetcher applies this
// to the socket address curl is about to connect to (CURLOPT_OPENSOCKETFUNCTION),
// after DNS, so a name that resolves differently the second time (DNS
// rebinding) cannot get around it. IPv6 forms that embed an IPv4 address
// (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are
// judged by the embedded address.
#ifndef NEWSARC_CRAWLER_ADDRESS_POLICY_H_
#define NEWSARC_CRAWLER_ADDRESS_POLICY_H_

#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace newsarc::crawler {

enum class AddressClass {
  kPublic,
  kUnspecified,    // 0.0.0.0/8, ::
  kLoopback,       // 127.0.0.0/8, ::1
  kPrivate,        // 10/8, 172.16/12, 192.168/16
  kSharedCgnat,    // 100.64.0.0/10 (RFC 6598)
  kLinkLocal,      // 169.254/16, fe80::/10
  kUniqueLocal,    // fc00::/7, and deprecated site-local fec0::/10
  kMulticast,      // 224/4, ff00::/8
  kReserved,       // 240/4 and broadcast, 192.0.0/24, 100::/64, 64:ff9b:1::/48
  kDocumentation,  // 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32
  kBenchmarking,   // 198.18.0.0/15
  kInvalid,        // not an IPv4/IPv6 address
};

// "loopback", "private (RFC 1918)", ... for error messages.
const char* AddressClassName(AddressClass c);

// Classifies 4 bytes (network order) / 16 bytes.
AddressClass ClassifyIpv4(const uint8_t bytes[4]);
AddressClass ClassifyIpv6(const uint8_t bytes[16]);
// Classifies a sockaddr_in / sockaddr_in6; other families are kInvalid.
AddressClass ClassifySockaddr(const sockaddr* addr, socklen_t len);
// Classifies a textual address ("127.0.0.1", "::ffff:10.0.0.1", "[::1]").
AddressClass ClassifyIpText(std::string_view text);

// The numeric form of a sockaddr ("127.0.0.1", "::1"); empty if unknown.
std::string SockaddrToText(const sockaddr* addr, socklen_t len);

// The policy proper: may a connection to this class of address be made?
inline bool IsConnectAllowed(AddressClass c, bool allow_private) {
  if (c == AddressClass::kPublic) return true;
  if (c == AddressClass::kInvalid) return false;
  return allow_private;
}

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_ADDRESS_POLICY_H_
