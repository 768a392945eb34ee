#include "longjing/host_port.h"

namespace longjing {

std::optional<HostPort> split_host_port(std::string_view text, HostPortProblem* problem) {
  const auto fail = [&](HostPortProblem why) -> std::optional<HostPort> {
    if (problem != nullptr) *problem = why;
    return std::nullopt;
  };
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == text.size())
    return fail(HostPortProblem::kNoPort);
  HostPort address;
  for (const char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return fail(HostPortProblem::kBadPort);
    address.port = address.port * 10 + static_cast<unsigned>(c - '0');
    if (address.port > 65535) return fail(HostPortProblem::kBadPort);
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host.empty()) return fail(HostPortProblem::kNoHost);
  address.host = std::string(host);
  return address;
}

}  // namespace longjing
