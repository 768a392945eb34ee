// longjing-read-pdf PAGES SECONDS TEXT_BYTES MEMORY_BYTES: reads one PDF from standard input
// with the document reader's limits and writes its answer (encode_pdf_answer) to standard
// output, held to MEMORY_BYTES of address space. The indexer runs it per PDF
// (ReadLimits::pdf_reader) so that a PDF poppler never finishes or crashes on costs only
// that file. Exit status: 0 answered, 2 bad arguments, 3 out of memory.
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>
#include <new>
#include <string>

#include "longjing/documents.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: longjing-read-pdf PAGES SECONDS TEXT_BYTES MEMORY_BYTES < FILE.pdf\n";
    return 2;
  }
  longjing::ReadLimits limits;
  try {
    limits.max_pdf_pages = std::stoi(argv[1]);
    limits.max_pdf_seconds = std::stod(argv[2]);
    limits.max_text_bytes = std::stoull(argv[3]);
    limits.max_pdf_memory = std::stoull(argv[4]);
  } catch (const std::exception&) {
    std::cerr << "longjing-read-pdf: the limits must be numbers\n";
    return 2;
  }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // Under a sanitizer (test builds) the shadow memory alone takes terabytes of address
  // space: no address-space limit then.
#elif defined(__has_feature)
#if !__has_feature(address_sanitizer) && !__has_feature(thread_sanitizer)
  const rlimit memory{limits.max_pdf_memory, limits.max_pdf_memory};
  ::setrlimit(RLIMIT_AS, &memory);
#endif
#else
  const rlimit memory{limits.max_pdf_memory, limits.max_pdf_memory};
  ::setrlimit(RLIMIT_AS, &memory);
#endif
  try {
    std::ios::sync_with_stdio(false);
    const std::string bytes((std::istreambuf_iterator<char>(std::cin)),
                            std::istreambuf_iterator<char>());
    const std::string answer = longjing::encode_pdf_answer(longjing::read_pdf(bytes, limits));
    std::cout.write(answer.data(), static_cast<std::streamsize>(answer.size()));
    std::cout.flush();
    return std::cout ? 0 : 2;
  } catch (const std::bad_alloc&) {
    return 3;
  }
}
