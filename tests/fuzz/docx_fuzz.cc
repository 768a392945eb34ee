// Fuzz target: read_docx, under small limits. Input starting with "PK" is read as the
// archive itself; other input is XML, wrapped as word/document.xml and docProps/core.xml of a
// well-formed archive, so that the fuzzer reaches the XML walk. Contract:
// document_check.h.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "document_check.h"
#include "zip_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const longjing::ReadLimits limits = longjing::fuzz::fuzz_limits();
  if (input.substr(0, 2) == "PK") {
    longjing::fuzz::check_read(longjing::read_docx(input, limits), limits, input);
    return 0;
  }
  const std::string xml(input);
  const std::string archive = longjing::fuzz::zip_of({{"[Content_Types].xml", "<Types/>"},
                                                      {"word/document.xml", xml},
                                                      {"docProps/core.xml", xml}});
  longjing::fuzz::check_read(longjing::read_docx(archive, limits), limits, input);
  return 0;
}
