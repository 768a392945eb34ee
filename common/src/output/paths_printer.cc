// The paths printer: one matching path per line, for scripts and xargs -0.
#include "longjing/printer.h"

namespace longjing {
namespace {

class PathsPrinter : public Printer {
 public:
  PathsPrinter(std::ostream& out, bool nul) : out_(out), terminator_(nul ? '\0' : '\n') {}
  // A stream that failed (a closed pipe, a full disk) stops the search.
  bool on_hit(const Hit& hit) override {
    out_ << hit.path << terminator_;
    return static_cast<bool>(out_);
  }
  void finish(const SearchSummary&) override { out_.flush(); }

 private:
  std::ostream& out_;
  char terminator_;
};

}  // namespace

std::unique_ptr<Printer> make_paths_printer(std::ostream& out, bool nul) {
  return std::make_unique<PathsPrinter>(out, nul);
}

}  // namespace longjing
