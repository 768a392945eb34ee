#include "ranking.h"

#include <string>
#include <vector>

namespace longjing {
namespace {

Xapian::Query scaled(Xapian::Query q, double factor) {
  if (factor == 1.0) return q;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, std::move(q), factor);
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// A body-space term an English word gives: it starts with an ASCII letter or digit.
bool is_body_word(const std::string& term) {
  if (term.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(term[0]);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

class Booster {
 public:
  Booster(const Xapian::QueryParser& parser, const RankingParams& params)
      : parser_(parser), params_(params) {}

  // Rewrites `q`; when it is one word, sets *word to the word's positional term.
  Xapian::Query rewrite(const Xapian::Query& q, std::string* word) {
    using Q = Xapian::Query;
    const auto type = q.get_type();
    if (type == Q::LEAF_TERM) return leaf(q, word);
    const std::size_t n = q.get_num_subqueries();
    switch (type) {
      case Q::OP_AND: {
        std::vector<Q> parts;
        std::vector<std::string> words;
        for (std::size_t i = 0; i < n; ++i) {
          std::string w;
          parts.push_back(rewrite(q.get_subquery(i), &w));
          if (!w.empty()) words.push_back(w);
        }
        Q all(Q::OP_AND, parts.begin(), parts.end());
        if (words.size() < 2) return all;
        return Q(Q::OP_AND_MAYBE, all, nearness(words));
      }
      case Q::OP_OR: {
        std::vector<Q> parts;
        for (std::size_t i = 0; i < n; ++i) parts.push_back(rewrite(q.get_subquery(i), nullptr));
        return Q(Q::OP_OR, parts.begin(), parts.end());
      }
      case Q::OP_AND_NOT:
      case Q::OP_AND_MAYBE:
      case Q::OP_FILTER: {
        // Only the first subquery ranks; the others exclude, boost or filter as they were.
        std::vector<Q> parts{rewrite(q.get_subquery(0), nullptr)};
        for (std::size_t i = 1; i < n; ++i) parts.push_back(q.get_subquery(i));
        return Q(type, parts.begin(), parts.end());
      }
      default:
        return q;
    }
  }

 private:
  Xapian::Query leaf(const Xapian::Query& q, std::string* word) {
    const std::string term = *q.get_terms_begin();
    const bool stem = term.size() > 1 && term[0] == 'Z' && !is_upper(term[1]);
    if (!stem) {
      if (word != nullptr && is_body_word(term)) *word = term;
      return q;
    }
    std::vector<Xapian::Query> typed;
    for (auto it = parser_.unstem_begin(term); it != parser_.unstem_end(term); ++it) {
      if (!is_body_word(*it)) continue;
      if (word != nullptr && word->empty()) *word = *it;
      typed.push_back(scaled(Xapian::Query(*it), params_.typed_scale));
    }
    if (typed.empty()) return q;
    // AND_MAYBE: the stem alone decides the match (and the estimate of how many match).
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, scaled(q, params_.stem_scale),
                         Xapian::Query(Xapian::Query::OP_OR, typed.begin(), typed.end()));
  }

  // The group's words as a phrase, within a clause and within a sentence: each found
  // adds its words' weights again (scaled), so nearer words rank higher.
  Xapian::Query nearness(const std::vector<std::string>& words) const {
    using Q = Xapian::Query;
    const auto count = static_cast<Xapian::termcount>(words.size());
    auto within = [&](unsigned window) {
      return Q(Q::OP_NEAR, words.begin(), words.end(), std::max<Xapian::termcount>(count, window));
    };
    const Q boosts[] = {
        scaled(Q(Q::OP_PHRASE, words.begin(), words.end(), count), params_.phrase_scale),
        scaled(within(params_.near_window), params_.near_scale),
        scaled(within(params_.wide_window), params_.wide_scale),
    };
    return Q(Q::OP_OR, std::begin(boosts), std::end(boosts));
  }

  const Xapian::QueryParser& parser_;
  const RankingParams& params_;
};

}  // namespace

const RankingParams& ranking_params() {
  static const RankingParams params;
  return params;
}

Xapian::BM25Weight ranking_weight() {
  const RankingParams& p = ranking_params();
  return Xapian::BM25Weight(p.k1, 0, 1, p.b, 0.5);
}

Xapian::Query ranking_query(const Xapian::Query& parsed, const Xapian::QueryParser& parser) {
  Booster booster(parser, ranking_params());
  return booster.rewrite(parsed, nullptr);
}

}  // namespace longjing
