#include "index/document_mapping.h"

#include <vector>

#include "longjing/normalizer.h"

namespace longjing {
namespace {

// How one piece of text goes into the document.
struct TextField {
  std::string prefix;                         // term prefix ("" for the body's term space)
  unsigned wdf = 1;                           // within-document frequency per occurrence
  std::set<std::string>* spelling = nullptr;  // collects words for the spelling table
  bool positions = true;                      // false: no positions (schema::field_has_positions)
  bool stems = true;                          // false: no stems, words match as they are
  std::vector<std::uint32_t>* sentence_bounds = nullptr;  // collects its sentences' bounds
};

// Adds the Analyzer's terms of `text` to `doc`: field.prefix + term for every indexed token,
// with positions where the token has one, and Z + field.prefix + stem for stemmed words.
// Returns the position after the text.
std::uint32_t add_text(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                       std::uint32_t first_position, const TextField& field) {
  AnalyzeOptions options;
  options.stems = field.stems;  // path and source words match as they are
  options.sentence_bounds = field.sentence_bounds;
  const std::string stem_prefix = std::string(schema::kStemPrefix) + field.prefix;
  return analyzer.analyze(text, first_position, options, [&](const Token& token) {
    if (!token.indexed) return;
    const unsigned wdf = token.alternative ? 0 : field.wdf;
    if (token.positional && field.positions) {
      doc.add_posting(field.prefix + token.term, token.position, wdf);
    } else {
      doc.add_term(field.prefix + token.term, wdf);
    }
    if (!token.stem.empty()) doc.add_term(stem_prefix + token.stem, field.wdf);
    if (field.spelling != nullptr && token.kind == Token::Kind::kWord && !token.stem.empty() &&
        schema::is_spelling_word(token.term)) {
      field.spelling->insert(token.term);
    }
  });
}

// L terms for the language tag and each shorter tag it extends ("zh-hans" → zh, zh-hans).
void add_language_terms(Xapian::Document& doc, const std::string& language) {
  const std::string tag = normalize_string(language);
  for (std::size_t dash = tag.find('-'); dash != std::string::npos;
       dash = tag.find('-', dash + 1)) {
    std::string term(schema::kLanguagePrefix);  // appended: see html_format.cc on -Wrestrict
    term.append(tag, 0, dash);
    doc.add_boolean_term(term);
  }
  doc.add_boolean_term(std::string(schema::kLanguagePrefix) + tag);
}

}  // namespace

std::string sortable(double v) { return Xapian::sortable_serialise(v); }

Xapian::Document build_document(const schema::StoredDocument& stored, const Analyzer& analyzer,
                                std::set<std::string>& spelling) {
  const Article& a = stored.article;
  Xapian::Document doc;
  doc.set_data(schema::encode_article(a));

  // Title: its own S terms (for title:, outside the document length), and the body space,
  // whose positions a phrase in the title is read from.
  add_text(doc, analyzer, a.title, 1,
           {std::string(schema::kTitlePrefix), schema::kTitleFieldWdf, nullptr,
            schema::field_has_positions(schema::kTitlePrefix)});
  // The body space's sentences, whose lengths ranking reads (value kSentencesSlot).
  std::vector<std::uint32_t> sentences;
  const std::uint32_t title_end = add_text(
      doc, analyzer, a.title, 1, {"", schema::kTitleWdf, &spelling, true, true, &sentences});
  const std::uint32_t body_end =
      add_text(doc, analyzer, a.body, title_end + schema::kBodyPositionGap,
               {"", 1, &spelling, true, true, &sentences});
  std::string tags;  // one line of words; a tag is found by its words, as text is
  for (const std::string& tag : a.tags) tags += (tags.empty() ? "" : "\n") + tag;
  if (!tags.empty())
    add_text(doc, analyzer, tags, body_end + schema::kBodyPositionGap,
             {"", 1, &spelling, true, true, &sentences});
  if (!sentences.empty()) {
    doc.add_value(schema::kSentencesSlot, schema::encode_sentence_bounds(sentences));
  }
  // Source, tag and path words only filter (source:, tag:, path:): wdf 0 keeps them out
  // of the document length, so ranking does not depend on where the files happen to live;
  // they have neither positions nor stems (a short document's path gave a fifth of its terms).
  // The words of the path below its root only: its root's words are the same in each of
  // its documents, and its one root term stands for them (schema.h).
  const std::string_view below_root = schema::path_below_root(a.path, stored.root);
  for (const auto& [text, prefix] : {std::pair{std::string_view(a.source), schema::kSourcePrefix},
                                     std::pair{std::string_view(tags), schema::kTagPrefix},
                                     std::pair{below_root, schema::kPathWordPrefix}}) {
    add_text(doc, analyzer, text, 1,
             {std::string(prefix), 0, nullptr, schema::field_has_positions(prefix),
              schema::field_has_stems(prefix)});
  }
  if (below_root.size() < a.path.size()) doc.add_boolean_term(schema::root_term(stored.root));

  doc.add_boolean_term(schema::id_term(a.path));
  if (!a.language.empty()) add_language_terms(doc, a.language);
  const std::string date = schema::compact_date(a.date);
  if (!date.empty()) {
    doc.add_value(schema::kDateSlot, date);
    doc.add_boolean_term(std::string(schema::kDayPrefix) + date);
    doc.add_boolean_term(std::string(schema::kMonthPrefix) + date.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kYearPrefix) + date.substr(0, 4));
  }
  doc.add_value(schema::kDateOrMtimeSlot,
                date.empty() ? schema::compact_local_day(stored.mtime) : date);
  doc.add_value(schema::kMtimeSlot, sortable(static_cast<double>(stored.mtime)));
  doc.add_value(schema::kSizeSlot, sortable(static_cast<double>(stored.size)));
  doc.add_value(schema::kHashSlot, stored.content_hash);
  doc.add_value(schema::kPathSlot, schema::path_value(a.path, stored.root));
  return doc;
}

}  // namespace longjing
