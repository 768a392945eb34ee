// Fuzz target: read_epub, under small limits. Input starting with "PK" is read as the
// archive itself; other input is XML, wrapped as the package (content.opf) and its one chapter
// (c1.xhtml, which the seeds' spines name) of a well-formed archive, so that the fuzzer reaches the
// XML walk. Contract: document_check.h.
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
    longjing::fuzz::check_read(longjing::read_epub(input, limits), limits, input);
    return 0;
  }
  const std::string xml(input);
  const std::string archive =
      longjing::fuzz::zip_of({{"mimetype", "application/epub+zip"},
                              {"META-INF/container.xml",
                               "<container><rootfiles><rootfile "
                               "full-path=\"OEBPS/content.opf\"/></rootfiles></container>"},
                              {"OEBPS/content.opf", xml},
                              {"OEBPS/c1.xhtml", xml}});
  longjing::fuzz::check_read(longjing::read_epub(archive, limits), limits, input);
  return 0;
}
