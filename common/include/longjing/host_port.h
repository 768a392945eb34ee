// HOST:PORT addresses, as --db tcp://HOST:PORT and --listen ADDR:PORT write them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace longjing {

// An address split in two.
struct HostPort {
  std::string host;  // without the brackets of an IPv6 address ("[::1]" → "::1")
  unsigned port = 0;
};

// What is wrong with an address that does not split.
enum class HostPortProblem { kNoPort, kBadPort, kNoHost };

// Splits `text` at its last ':' into a host and a port of 0 to 65535; `problem` (when not
// null) says why when it returns nullopt: no ':' or nothing after it, a port that is not
// a number up to 65535, or nothing before it.
std::optional<HostPort> split_host_port(std::string_view text, HostPortProblem* problem = nullptr);

}  // namespace longjing
