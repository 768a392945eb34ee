// QueryBuilder: the query text → the syntax tree (query/parse_query.h) → aliases expanded →
// the Xapian query, highlight patterns and description (query/to_xapian.h).
#include "longjing/query_builder.h"

#include <xapian.h>

#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/normalizer.h"
#include "longjing/schema.h"
#include "longjing/script.h"
#include "query/parse_query.h"
#include "query/query_internal.h"
#include "query/to_xapian.h"

namespace longjing {
namespace {

// The alias groups the tree names, in the order typed.
void collect_aliases(const query::Node& node, std::vector<AliasExpansion>& out) {
  if (node.kind == query::Node::Kind::kAlias) out.push_back({node.text, node.names});
  for (const query::Node& child : node.children) collect_aliases(child, out);
}

}  // namespace

ParsedQuery::ParsedQuery(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
bool ParsedQuery::empty() const { return impl_->query.empty(); }
const std::vector<HighlightPattern>& ParsedQuery::highlight_patterns() const {
  return impl_->patterns;
}
const std::vector<AliasExpansion>& ParsedQuery::alias_expansions() const { return impl_->aliases; }
std::string ParsedQuery::description() const { return impl_->description; }
std::string ParsedQuery::description_json() const { return impl_->description_json; }

struct QueryBuilder::Impl {
  AliasTable aliases;
  Analyzer analyzer;
  query::RootWords roots;

  Impl(AliasTable table, const RootPaths& root_paths)
      : aliases(std::move(table)), roots(root_paths, analyzer) {}
};

QueryBuilder::QueryBuilder(AliasTable aliases, const RootPaths& roots)
    : impl_(std::make_unique<Impl>(std::move(aliases), roots)) {}
QueryBuilder::~QueryBuilder() = default;

void QueryBuilder::set_roots(const RootPaths& roots) {
  impl_->roots = query::RootWords(roots, impl_->analyzer);
}

ParsedQuery QueryBuilder::build(std::string_view text) const {
  if (text.size() > kMaxQueryBytes) {
    throw QueryError("query of " + std::to_string(text.size()) + " bytes is longer than the " +
                     std::to_string(kMaxQueryBytes) + "-byte limit");
  }
  auto impl = std::make_shared<ParsedQuery::Impl>();
  query::Node tree = query::parse_query(text);
  impl->description = query::describe(tree);
  tree = query::expand_aliases(std::move(tree), impl_->aliases);
  collect_aliases(tree, impl->aliases);
  query::XapianQuery lowered = query::to_xapian(tree, impl_->analyzer, impl_->roots);
  if (lowered.origins.prefixes.size() > kMaxExpandedWords) {
    throw QueryError("query " + quote_for_message(text) + " has " +
                     std::to_string(lowered.origins.prefixes.size()) +
                     " prefixes and one-character words, each searched as every term it "
                     "begins; at most " +
                     std::to_string(kMaxExpandedWords) + " are searched at once");
  }
  impl->query = std::move(lowered.query);
  impl->ranking = ranking_terms(impl->query, lowered.typed_forms);
  impl->ranking.alias_queries = std::move(lowered.alias_queries);
  const std::string script = typed_script(text);
  if (!script.empty()) {
    const std::string other = script == "zh-Hant" ? "zh-Hans" : "zh-Hant";
    impl->ranking.script_term =
        schema::make_term(schema::TermKind::kLanguage, normalize_string(script));
    impl->ranking.other_script_term =
        schema::make_term(schema::TermKind::kLanguage, normalize_string(other));
  }
  impl->origins = std::move(lowered.origins);
  impl->patterns = query::highlight_patterns(tree, impl_->analyzer);
  impl->description_json = query::describe_json(tree);
  impl->tree = std::move(tree);
  return ParsedQuery(std::move(impl));
}

}  // namespace longjing
