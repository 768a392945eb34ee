// Tests of host_port.h: HOST:PORT addresses split, and why one does not.
#include "longjing/host_port.h"

#include <catch2/catch.hpp>
#include <string_view>

namespace longjing {
namespace {

TEST_CASE("split_host_port splits at the last colon and unwraps IPv6 brackets", "[host_port]") {
  struct Case {
    std::string_view text;
    std::string_view host;
    unsigned port;
  };
  const Case cases[] = {
      {"127.0.0.1:7700", "127.0.0.1", 7700},
      {"localhost:0", "localhost", 0},
      {"[::1]:8080", "::1", 8080},
      {"::1:8080", "::1", 8080},
      {"example.org:65535", "example.org", 65535},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto address = split_host_port(c.text);
    REQUIRE(address.has_value());
    CHECK(address->host == c.host);
    CHECK(address->port == c.port);
  }
}

TEST_CASE("split_host_port says why an address does not split", "[host_port]") {
  struct Case {
    std::string_view text;
    HostPortProblem problem;
  };
  const Case cases[] = {
      {"localhost", HostPortProblem::kNoPort},   {"localhost:", HostPortProblem::kNoPort},
      {"host:65536", HostPortProblem::kBadPort}, {"host:80a", HostPortProblem::kBadPort},
      {"host:-1", HostPortProblem::kBadPort},    {":7700", HostPortProblem::kNoHost},
      {"[]:7700", HostPortProblem::kNoHost},     {"", HostPortProblem::kNoPort},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    HostPortProblem problem{};
    CHECK_FALSE(split_host_port(c.text, &problem).has_value());
    CHECK(problem == c.problem);
  }
}

}  // namespace
}  // namespace longjing
