// The text printer: what a person at a shell reads.
#include <iomanip>
#include <sstream>
#include <string_view>

#include "longjing/printer.h"

namespace longjing {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kMatch = "\x1b[1;31m";  // bold red, as grep and ripgrep
constexpr std::string_view kPath = "\x1b[35m";     // magenta, as ripgrep's paths
constexpr std::string_view kDim = "\x1b[2m";

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, TextStyle style) : out_(out), style_(style) {}

  // A stream that failed (a closed pipe, a full disk) stops the search.
  bool on_hit(const Hit& hit) override {
    write_hit(hit);
    return static_cast<bool>(out_);
  }

  void write_hit(const Hit& hit) {
    if (printed_ > 0) out_ << '\n';
    ++printed_;
    if (printed_ == 1) first_rank_ = hit.rank;
    last_rank_ = hit.rank;
    out_ << paint(kBold, std::to_string(hit.rank) + ". ");
    write_highlighted(hit.title_snippet, kBold);
    std::string percent = "(";  // appended: see html_format.cc on -Wrestrict
    percent += std::to_string(hit.percent);
    percent += "%)";
    out_ << ' ' << paint(kDim, percent) << '\n';
    out_ << "   " << paint(kPath, hit.path);
    for (const std::string* meta : {&hit.date, &hit.source}) {
      if (!meta->empty()) out_ << paint(kDim, " · " + *meta);
    }
    if (hit.pages > 0) {
      out_ << paint(kDim,
                    " · " + std::to_string(hit.pages) + (hit.pages == 1 ? " page" : " pages"));
    }
    if (!hit.tags.empty()) {
      std::string tags = " · tags: ";  // appended: see html_format.cc on -Wrestrict
      for (std::size_t i = 0; i < hit.tags.size(); ++i) {
        if (i > 0) tags += ", ";
        tags += hit.tags[i];
      }
      out_ << paint(kDim, tags);
    }
    out_ << '\n';
    for (const Snippet& snippet : hit.snippets) {
      if (snippet.text.empty()) continue;
      out_ << "   ";
      write_highlighted(snippet, {});
      out_ << '\n';
    }
    for (const AliasMatch& alias : hit.aliases) {
      out_ << "   " << paint(kDim, "via alias " + alias.alias + " (for " + alias.typed + ")")
           << '\n';
    }
    for (const TermWeight& t : hit.explanation) {
      std::ostringstream line;
      line << std::fixed << std::setprecision(3) << t.weight;
      // "robots → robot (stem)": the word typed, the form it matched, and where.
      std::string what =
          t.typed.empty() || t.typed == t.term ? t.term : t.typed + " \u2192 " + t.term;
      out_ << "   " << paint(kDim, "  " + line.str() + "  " + what + " (" + t.field + ")") << '\n';
    }
    if (!hit.ranking_reasons.empty()) {
      std::ostringstream line;
      line << "  ×" << std::fixed << std::setprecision(2) << hit.ranking_factor << "  ranking:";
      for (std::size_t i = 0; i < hit.ranking_reasons.size(); ++i) {
        line << (i == 0 ? " " : ", ") << hit.ranking_reasons[i];
      }
      out_ << "   " << paint(kDim, line.str()) << '\n';
    }
  }

  void finish(const SearchSummary& summary) override {
    if (!summary.suggestion.empty()) {
      if (printed_ > 0) out_ << '\n';
      out_ << "Did you mean: " << paint(kBold, summary.suggestion) << " ("
           << summary.suggestion_matches << " matches)\n";
    }
    if (style_.count_line && printed_ > 0 && last_rank_ < summary.estimated_matches) {
      const std::string shown =
          first_rank_ == 1 ? std::to_string(last_rank_)
                           : std::to_string(first_rank_) + "–" + std::to_string(last_rank_);
      out_ << '\n'
           << paint(kDim, shown + " of " + (summary.matches_exact ? "" : "about ") +
                              std::to_string(summary.estimated_matches) +
                              " matches (-n for more, --offset to page)")
           << '\n';
    }
    out_.flush();
  }

 private:
  std::string paint(std::string_view color, const std::string& text) const {
    if (!style_.color) return text;
    return std::string(color) + text + std::string(kReset);
  }

  // Writes s.text with its spans marked; `base` is the colour of the text around them.
  void write_highlighted(const Snippet& s, std::string_view base) {
    const std::string_view text = s.text;
    std::size_t at = 0;
    if (style_.color && !base.empty()) out_ << base;
    for (const Span& span : s.spans) {
      out_ << text.substr(at, span.begin - at);
      const std::string_view match = text.substr(span.begin, span.end - span.begin);
      if (style_.color) {
        out_ << kReset << kMatch << match << kReset << base;
      } else {
        out_ << '[' << match << ']';
      }
      at = span.end;
    }
    out_ << text.substr(at);
    if (style_.color && !base.empty()) out_ << kReset;
  }

  std::ostream& out_;
  TextStyle style_;
  std::size_t printed_ = 0;
  std::size_t first_rank_ = 0;  // of the hits printed, for the count line
  std::size_t last_rank_ = 0;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, TextStyle style) {
  return std::make_unique<TextPrinter>(out, style);
}

}  // namespace longjing
