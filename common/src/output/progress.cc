#include "longjing/progress.h"

#include <cmath>

namespace longjing {
namespace {

// 42s, 3m07s, 2h05m.
std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::ceil(seconds));
  if (s < 60) return std::to_string(s) + "s";
  const auto two = [](long long v) {
    std::string digits = v < 10 ? "0" : "";  // appended: see html_format.cc on -Wrestrict
    digits += std::to_string(v);
    return digits;
  };
  if (s < 3600) return std::to_string(s / 60) + "m" + two(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + two(s / 60 % 60) + "m";
}

}  // namespace

std::string format_progress(const IndexProgress& p, double elapsed_seconds) {
  std::string line = std::to_string(p.done) + "/" + std::to_string(p.total) + " files";
  if (p.merging) return line + "  merging into the index";
  if (p.done == 0 || elapsed_seconds < 0.05) return line;
  const double rate = static_cast<double>(p.done) / elapsed_seconds;
  line += "  " + std::to_string(static_cast<long long>(std::llround(rate))) + " files/s";
  if (p.done < p.total) {
    line += "  ETA " + format_duration(static_cast<double>(p.total - p.done) / rate);
  }
  return line;
}

ProgressLine::ProgressLine(std::ostream& out, double interval_seconds)
    : out_(out), interval_(interval_seconds) {}

bool ProgressLine::update(const IndexProgress& progress, double now_seconds) {
  if (start_ < 0) start_ = now_seconds;
  const bool finished = progress.done >= progress.total;
  if (last_draw_ >= 0 && now_seconds - last_draw_ < interval_ && !finished) return false;
  last_draw_ = now_seconds;
  out_ << '\r' << format_progress(progress, now_seconds - start_) << "\x1b[K" << std::flush;
  shown_ = true;
  return true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  out_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

}  // namespace longjing
