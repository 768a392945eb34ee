// Internal: 64-bit FNV-1a, the stable non-cryptographic hash used for content digests and
// long id terms (the same on every run and machine).
#pragma once

#include <cstdint>
#include <string_view>

namespace longjing {

inline std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace longjing
