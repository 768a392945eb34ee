// hits DB QUERY: the path of every article in the Longjing database DB that matches QUERY,
// best first, one per line. Exit status as grep's: 0 hits, 1 none, 2 error.
#include <longjing/error.h>
#include <longjing/searcher.h>
#include <longjing/version.h>

#include <iostream>

namespace {

// Prints each hit's path as the searcher finds it.
class PathSink : public longjing::HitSink {
 public:
  bool on_hit(const longjing::Hit& hit) override {
    std::cout << hit.path << '\n';
    return static_cast<bool>(std::cout);  // stop when stdout fails
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: hits DB QUERY   (Longjing " << LONGJING_VERSION << ")\n";
    return 2;
  }
  try {
    longjing::Searcher searcher({argv[1]});
    longjing::SearchRequest request;
    request.query = argv[2];
    request.limit = 0;          // every hit
    request.paths_only = true;  // no passages: the stored text is not read
    request.snippets = false;
    PathSink sink;
    const longjing::SearchSummary summary = searcher.search(request, sink);
    return summary.returned > 0 ? 0 : 1;
  } catch (const longjing::Error& e) {  // QueryError, DatabaseError, IoError
    std::cerr << "hits: " << e.what() << '\n';
    return 2;
  }
}
