#include "crawler/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

namespace newsarc::crawler {
namespace {

TEST(AddressPolicyTest, ClassifiesIpv4Ranges) {
  struct Case {
    const char* ip;
    AddressClass want;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"0.0.0.0", AddressClass::kUnspecified},
           {"0.1.2.3", AddressClass::kUnspecified},
           {"127.0.0.1", AddressClass::kLoopback},
           {"127.255.255.254", AddressClass::kLoopback},
           {"10.0.0.1", AddressClass::kPrivate},
           {"172.16.0.1", AddressClass::kPrivate},
           {"172.31.255.255", AddressClass::kPrivate},
           {"172.32.0.1", AddressClass::kPublic},
           {"172.15.255.255", AddressClass::kPublic},
           {"192.168.1.1", AddressClass::kPrivate},
           {"100.64.0.1", AddressClass::kSharedCgnat},
           {"100.127.255.255", AddressClass::kSharedCgnat},
           {"100.128.0.1", AddressClass::kPublic},
           {"169.254.169.254", AddressClass::kLinkLocal},  // cloud metadata
           {"224.0.0.1", AddressClass::kMulticast},
           {"240.0.0.1", AddressClass::kReserved},
           {"255.255.255.255", AddressClass::kReserved},
           {"192.0.0.8", AddressClass::kReserved},
           {"192.0.2.1", AddressClass::kDocumentation},
           {"198.51.100.7", AddressClass::kDocumentation},
           {"203.0.113.9", AddressClass::kDocumentation},
           {"198.18.0.1", AddressClass::kBenchmarking},
           {"198.19.255.255", AddressClass::kBenchmarking},
           {"198.20.0.1", AddressClass::kPublic},
           {"8.8.8.8", AddressClass::kPublic},
           {"93.184.216.34", AddressClass::kPublic},
       }) {
    EXPECT_EQ(ClassifyIpText(c.ip), c.want) << c.ip;
  }
}

TEST(AddressPolicyTest, ClassifiesIpv6RangesAndEmbeddedIpv4) {
  struct Case {
    const char* ip;
    AddressClass want;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"::", AddressClass::kUnspecified},
           {"::1", AddressClass::kLoopback},
           {"[::1]", AddressClass::kLoopback},
           {"fe80::1", AddressClass::kLinkLocal},
           {"fe80::1%eth0", AddressClass::kLinkLocal},
           {"fc00::1", AddressClass::kUniqueLocal},
           {"fd12:3456::1", AddressClass::kUniqueLocal},
           {"fec0::1", AddressClass::kUniqueLocal},
           {"ff02::1", AddressClass::kMulticast},
           {"2001:db8::1", AddressClass::kDocumentation},
           {"100::1", AddressClass::kReserved},
           {"::ffff:127.0.0.1", AddressClass::kLoopback},
           {"::ffff:10.1.2.3", AddressClass::kPrivate},
           {"::ffff:8.8.8.8", AddressClass::kPublic},
           {"::127.0.0.1", AddressClass::kLoopback},
           {"64:ff9b::192.168.0.1", AddressClass::kPrivate},
           {"64:ff9b::8.8.8.8", AddressClass::kPublic},
           {"64:ff9b:1::1", AddressClass::kReserved},
           {"2002:7f00:0001::1", AddressClass::kLoopback},  // 6to4 of 127.0.0.1
           {"2002:0808:0808::1", AddressClass::kPublic},
           {"2606:4700::1111", AddressClass::kPublic},
           {"2a00:1450:4001::200e", AddressClass::kPublic},
       }) {
    EXPECT_EQ(ClassifyIpText(c.ip), c.want) << c.ip;
  }
}

TEST(AddressPolicyTest, RejectsWhatIsNotAnAddress) {
  for (const char* text : {"", "localhost", "1.2.3", "1.2.3.4.5", "256.0.0.1",
                           "::g", "[::1", "0x7f.0.0.1", "2130706433"}) {
    EXPECT_EQ(ClassifyIpText(text), AddressClass::kInvalid) << text;
  }
}

TEST(AddressPolicyTest, ClassifiesSockaddrs) {
  sockaddr_in in4{};
  in4.sin_family = AF_INET;
  inet_pton(AF_INET, "192.168.0.10", &in4.sin_addr);
  EXPECT_EQ(ClassifySockaddr(reinterpret_cast<sockaddr*>(&in4), sizeof(in4)),
            AddressClass::kPrivate);
  EXPECT_EQ(SockaddrToText(reinterpret_cast<sockaddr*>(&in4), sizeof(in4)), "192.168.0.10");
  // A truncated length is not trusted.
  EXPECT_EQ(ClassifySockaddr(reinterpret_cast<sockaddr*>(&in4), 4), AddressClass::kInvalid);

  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "::ffff:169.254.169.254", &in6.sin6_addr);
  EXPECT_EQ(ClassifySockaddr(reinterpret_cast<sockaddr*>(&in6), sizeof(in6)),
            AddressClass::kLinkLocal);
  EXPECT_EQ(SockaddrToText(reinterpret_cast<sockaddr*>(&in6), sizeof(in6)),
            "::ffff:169.254.169.254");

  sockaddr unix_like{};
  unix_like.sa_family = AF_UNIX;
  EXPECT_EQ(ClassifySockaddr(&unix_like, sizeof(unix_like)), AddressClass::kInvalid);
  EXPECT_EQ(ClassifySockaddr(nullptr, 0), AddressClass::kInvalid);
}

TEST(AddressPolicyTest, PolicyAllowsPublicAndPrivateOnlyWhenAsked) {
  EXPECT_TRUE(IsConnectAllowed(AddressClass::kPublic, false));
  EXPECT_FALSE(IsConnectAllowed(AddressClass::kLoopback, false));
  EXPECT_FALSE(IsConnectAllowed(AddressClass::kSharedCgnat, false));
  EXPECT_TRUE(IsConnectAllowed(AddressClass::kLoopback, true));
  EXPECT_TRUE(IsConnectAllowed(AddressClass::kUniqueLocal, true));
  EXPECT_FALSE(IsConnectAllowed(AddressClass::kInvalid, true));
  EXPECT_STREQ(AddressClassName(AddressClass::kLoopback), "loopback");
  EXPECT_STREQ(AddressClassName(AddressClass::kPrivate), "private (RFC 1918)");
}

}  // namespace
}  // namespace newsarc::crawler
