#include "longjing/error.h"

#include "longjing/utf8.h"

namespace longjing {

std::string quote_for_message(std::string_view text) {
  std::string out(1, '\'');
  if (text.size() <= kMaxQuotedBytes) {
    out.append(text);
    out.push_back('\'');
    return out;
  }
  out.append(text.substr(0, floor_to_code_point(text, kMaxQuotedBytes)));
  out.append("…' (");
  out.append(std::to_string(text.size()));
  out.append(" bytes)");
  return out;
}

}  // namespace longjing
