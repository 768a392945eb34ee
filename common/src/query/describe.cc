// describe and describe_json: the tree back as query text (canonical: it parses to the
// same tree) and as the JSON structure --json's "parsed" documents.
#include <nlohmann/json.hpp>

#include "longjing/schema.h"
#include "query/parse_query.h"
#include "query/to_xapian.h"

namespace longjing::query {
namespace {

using json = nlohmann::ordered_json;

bool is_leaf(const Node& node) { return node.children.empty() && node.kind != Node::Kind::kAll; }

std::string with_field(Field field, const std::string& text) {
  const std::string_view name = field_name(field);
  return name.empty() ? text : std::string(name) + ":" + text;
}

// "YYYYMMDD" as the date query syntax writes it: a range's end on the 31st as its month
// (date:2025-01..2025-02 ends on "20250231", which is no day but the end of a month).
std::string date_text(const std::string& compact, bool is_end) {
  if (compact.size() != 8) return compact;
  const std::string month = compact.substr(0, 4) + "-" + compact.substr(4, 2);
  if (is_end && compact.substr(6) == "31") return month;
  return month + "-" + compact.substr(6);
}

std::string text_of(const Node& node);

// A word or prefix as written: in the text field, one that would read as an operator or
// start with a sign is written after "+" (required, which a word beside others is anyway):
// +NOT, +-x, +++x*.
std::string word_text(const Node& node, const std::string& written) {
  if (node.field != Field::kText) return with_field(node.field, written);
  const bool operator_like = node.kind == Node::Kind::kWord && is_operator_word(written);
  const bool signed_like = written.size() > 1 && (written[0] == '+' || written[0] == '-');
  return operator_like || signed_like ? "+" + written : written;
}

// A child as its parent writes it: parenthesized unless it is a leaf.
std::string operand(const Node& node) {
  if (is_leaf(node)) return text_of(node);
  std::string out = "(";  // appended: see html_format.cc on -Wrestrict
  out += text_of(node);
  out += ')';
  return out;
}

std::string joined(const std::vector<Node>& children, const std::string& separator) {
  std::string out;
  for (const Node& child : children) {
    if (!out.empty()) out += separator;
    out += operand(child);
  }
  return out;
}

std::string text_of(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kWord:
      return word_text(node, node.text);
    case Node::Kind::kPhrase:
      return with_field(node.field, "\"" + node.text + "\"");
    case Node::Kind::kWildcard:
      return word_text(node, node.text + "*");
    case Node::Kind::kAlias:
      return node.text;
    case Node::Kind::kAnd:
      return joined(node.children, " ");
    case Node::Kind::kOr:
      return joined(node.children, " OR ");
    case Node::Kind::kXor:
      return joined(node.children, " XOR ");
    case Node::Kind::kNot:
      if (node.children[0].kind == Node::Kind::kAll) return "NOT " + operand(node.children[1]);
      return operand(node.children[0]) + " NOT " + operand(node.children[1]);
    case Node::Kind::kAll:
      return "";
    case Node::Kind::kNear:
    case Node::Kind::kAdjacent:
      return joined(node.children,
                    std::string(node.kind == Node::Kind::kNear ? " NEAR/" : " ADJ/") +
                        std::to_string(node.window) + " ");
    case Node::Kind::kLanguage:
      // A tag read from a phrase (lang:"zh hant") is written as one.
      return "lang:" +
             (!node.text.empty() && node.text.find_first_of(" \t\n\r\f\v)") == std::string::npos
                  ? node.text
                  : "\"" + node.text + "\"");
    case Node::Kind::kDateRange:
      if (!node.from.empty() && node.from == node.to) return "date:" + date_text(node.from, false);
      return "date:" + date_text(node.from, false) + ".." + date_text(node.to, true);
  }
  return "";
}

json json_of(const Node& node) {
  const auto children = [&] {
    json list = json::array();
    for (const Node& child : node.children) list.push_back(json_of(child));
    return list;
  };
  const auto field = [&] {
    return node.field == Field::kText ? std::string("text") : std::string(field_name(node.field));
  };
  // "YYYYMMDD" as an ISO day; a range's end on the 31st of a shorter month (the end of
  // date:2025-02) as that month's last day.
  const auto day = [](const std::string& compact) -> json {
    if (compact.size() != 8) return nullptr;
    const std::string month = compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-";
    for (int d = std::stoi(compact.substr(6)); d >= 28; --d) {
      const std::string iso = month + std::to_string(d);
      if (!schema::compact_date(iso).empty()) return iso;
    }
    return month + compact.substr(6);
  };
  switch (node.kind) {
    case Node::Kind::kWord:
      return {{"word", node.text}, {"field", field()}};
    case Node::Kind::kPhrase:
      return {{"phrase", node.text}, {"field", field()}};
    case Node::Kind::kWildcard:
      return {{"prefix", node.text}, {"field", field()}};
    case Node::Kind::kAlias:
      return {{"alias", node.text}, {"names", node.names}};
    case Node::Kind::kAnd:
      return {{"and", children()}};
    case Node::Kind::kOr:
      return {{"or", children()}};
    case Node::Kind::kXor:
      return {{"xor", children()}};
    case Node::Kind::kNot:
      return {{"not", json_of(node.children[1])}, {"from", json_of(node.children[0])}};
    case Node::Kind::kAll:
      return {{"all", true}};
    case Node::Kind::kNear:
      return {{"near", children()}, {"window", node.window}};
    case Node::Kind::kAdjacent:
      return {{"adjacent", children()}, {"window", node.window}};
    case Node::Kind::kLanguage:
      return {{"language", node.text}};
    case Node::Kind::kDateRange:
      return {{"date", {{"from", day(node.from)}, {"to", day(node.to)}}}};
  }
  return nullptr;
}

}  // namespace

std::string describe(const Node& tree) { return text_of(tree); }

std::string describe_json(const Node& tree) {
  return json_of(tree).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace longjing::query
