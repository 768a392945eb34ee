// A progress line for terminals: "files done/total, files/s, ETA", redrawn in place at
// most every `interval`. The indexer binary feeds it IndexProgress events and decides
// whether to show it (only when stderr is a terminal); the library never draws it.
#pragma once

#include <ostream>
#include <string>

#include "longjing/indexing.h"

namespace longjing {

// "1200/3000 files  400 files/s  ETA 5s" after `elapsed_seconds`; the rate and ETA are
// left out until a file is done and some time has passed. While merging:
// "3000/3000 files  merging into the index".
std::string format_progress(const IndexProgress& progress, double elapsed_seconds);

// Draws format_progress on one line of `out` with "\r" and erase-to-end-of-line.
class ProgressLine {
 public:
  // `out` must outlive the ProgressLine; nothing is written until update().
  explicit ProgressLine(std::ostream& out, double interval_seconds = 0.1);

  // Redraws the line if `interval` has passed since the last draw, or the run is done
  // (done == total). `now_seconds` is any monotonic clock; the first call starts it.
  // Returns whether it drew.
  bool update(const IndexProgress& progress, double now_seconds);

  // Erases the line, if one is shown (before other output, and at the end).
  void clear();

 private:
  std::ostream& out_;
  double interval_;
  double start_ = -1;
  double last_draw_ = -1;
  bool shown_ = false;
};

}  // namespace longjing
