#include "crawler/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace newsarc::crawler {

const char* AddressClassName(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic: return "public";
    case AddressClass::kUnspecified: return "unspecified";
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kPrivate: return "private (RFC 1918)";
    case AddressClass::kSharedCgnat: return "shared CGNAT (RFC 6598)";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kUniqueLocal: return "unique-local";
    case AddressClass::kMulticast: return "multicast";
    case AddressClass::kReserved: return "reserved";
    case AddressClass::kDocumentation: return "documentation";
    case AddressClass::kBenchmarking: return "benchmarking (RFC 2544)";
    case AddressClass::kInvalid: return "not an IP address";
  }
  return "unknown";
}

AddressClass ClassifyIpv4(const uint8_t b[4]) {
  const uint32_t a = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
                     (uint32_t{b[2]} << 8) | uint32_t{b[3]};
  auto in = [a](uint32_t net, int bits) {
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  if (in(0x00000000, 8)) return AddressClass::kUnspecified;
  if (in(0x7F000000, 8)) return AddressClass::kLoopback;
  if (in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16)) {
    return AddressClass::kPrivate;
  }
  if (in(0x64400000, 10)) return AddressClass::kSharedCgnat;
  if (in(0xA9FE0000, 16)) return AddressClass::kLinkLocal;
  if (in(0xE0000000, 4)) return AddressClass::kMulticast;
  if (in(0xF0000000, 4)) return AddressClass::kReserved;  // incl. broadcast
  if (in(0xC0000000, 24)) return AddressClass::kReserved;  // IETF protocol
  if (in(0xC0000200, 24) || in(0xC6336400, 24) || in(0xCB007100, 24)) {
    return AddressClass::kDocumentation;
  }
  if (in(0xC6120000, 15)) return AddressClass::kBenchmarking;
  return AddressClass::kPublic;
}

AddressClass ClassifyIpv6(const uint8_t b[16]) {
  auto zero = [b](int from, int to) {
    for (int i = from; i < to; ++i) {
      if (b[i] != 0) return false;
    }
    return true;
  };
  if (zero(0, 16)) return AddressClass::kUnspecified;
  if (zero(0, 15) && b[15] == 1) return AddressClass::kLoopback;
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible form): the
  // kernel connects to the IPv4 address, so judge that.
  if (zero(0, 10) && b[10] == 0xff && b[11] == 0xff) return ClassifyIpv4(b + 12);
  if (zero(0, 12)) return ClassifyIpv4(b + 12);
  // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address.
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) {
    if (zero(4, 12)) return ClassifyIpv4(b + 12);
    if (b[4] == 0x00 && b[5] == 0x01) return AddressClass::kReserved;  // local-use /48
  }
  // 6to4 2002:AABB:CCDD::/48 tunnels to AA.BB.CC.DD.
  if (b[0] == 0x20 && b[1] == 0x02) {
    AddressClass inner = ClassifyIpv4(b + 2);
    if (inner != AddressClass::kPublic) return inner;
  }
  if (b[0] == 0x01 && b[1] == 0x00 && zero(2, 8)) return AddressClass::kReserved;  // 100::/64
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) {
    return AddressClass::kDocumentation;
  }
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::kUniqueLocal;  // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass::kLinkLocal;
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressClass::kUniqueLocal;  // fec0::/10
  if (b[0] == 0xff) return AddressClass::kMulticast;
  return AddressClass::kPublic;
}

AddressClass ClassifySockaddr(const sockaddr* addr, socklen_t len) {
  if (addr == nullptr) return AddressClass::kInvalid;
  if (addr->sa_family == AF_INET && len >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in in4;
    std::memcpy(&in4, addr, sizeof(in4));
    uint8_t bytes[4];
    std::memcpy(bytes, &in4.sin_addr, 4);
    return ClassifyIpv4(bytes);
  }
  if (addr->sa_family == AF_INET6 &&
      len >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 in6;
    std::memcpy(&in6, addr, sizeof(in6));
    uint8_t bytes[16];
    std::memcpy(bytes, &in6.sin6_addr, 16);
    return ClassifyIpv6(bytes);
  }
  return AddressClass::kInvalid;
}

AddressClass ClassifyIpText(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 64) return AddressClass::kInvalid;
  std::string s(text);
  // A zone id ("fe80::1%eth0") does not change the class.
  if (size_t pct = s.find('%'); pct != std::string::npos) s.resize(pct);
  uint8_t bytes[16];
  if (inet_pton(AF_INET, s.c_str(), bytes) == 1) return ClassifyIpv4(bytes);
  if (inet_pton(AF_INET6, s.c_str(), bytes) == 1) return ClassifyIpv6(bytes);
  return AddressClass::kInvalid;
}

std::string SockaddrToText(const sockaddr* addr, socklen_t len) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (addr == nullptr) return "";
  if (addr->sa_family == AF_INET && len >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in in4;
    std::memcpy(&in4, addr, sizeof(in4));
    if (inet_ntop(AF_INET, &in4.sin_addr, buf, sizeof(buf)) != nullptr) return buf;
  } else if (addr->sa_family == AF_INET6 &&
             len >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 in6;
    std::memcpy(&in6, addr, sizeof(in6));
    if (inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof(buf)) != nullptr) return buf;
  }
  return "";
}

}  // namespace newsarc::crawler
