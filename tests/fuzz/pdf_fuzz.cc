// Fuzz target: arbitrary bytes through read_pdf (poppler), under small limits. Contract:
// document_check.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "document_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const longjing::ReadLimits limits = longjing::fuzz::fuzz_limits();
  longjing::fuzz::check_read(longjing::read_pdf(bytes, limits), limits, bytes);
  return 0;
}
