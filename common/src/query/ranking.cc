#include "query/ranking.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "longjing/analyzer.h"
#include "longjing/schema.h"

namespace longjing {
namespace {

// The sentence window holds one sentence only when the analyzer's sentence gap is at
// least that wide.
static_assert(kSentenceGap >= kRanking.sentence_window);

using Q = Xapian::Query;

Q scaled(Q q, double factor) {
  if (factor == 1.0) return q;
  return Q(Q::OP_SCALE_WEIGHT, std::move(q), factor);
}

// A body-space term an English word gives: it starts with a lowercase ASCII letter or a
// digit (so it has no prefix, which is capitals).
bool is_body_word(const std::string& term) {
  if (term.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(term[0]);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// A stem term of the body space (Z…), not of a field (ZS…).
bool is_body_stem(const std::string& term) {
  const schema::Term parsed = schema::parse_term(term);
  return parsed.kind == schema::TermKind::kStem && !parsed.text.empty();
}

// The subqueries that rank: all of AND and OR, the first of the operators whose other
// subqueries exclude, boost or filter. Other operators (phrases, NEAR, wildcards,
// ranges, scaled weights) are left whole.
std::size_t ranking_children(const Q& q) {
  switch (q.get_type()) {
    case Q::OP_AND:
    case Q::OP_OR:
      return q.get_num_subqueries();
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE:
    case Q::OP_FILTER:
      return std::min<std::size_t>(1, q.get_num_subqueries());
    default:
      return 0;
  }
}

// Collects RankingTerms from a parsed query.
class TermReader {
 public:
  explicit TermReader(const std::map<std::string, std::vector<std::string>>& typed_forms)
      : typed_forms_(typed_forms) {}

  // Reads `q`; when it is one word, returns the word's positional term, else "".
  std::string read(const Q& q) {
    if (q.get_type() == Q::LEAF_TERM) return leaf(*q.get_terms_begin());
    std::vector<NearWord> group;
    for (std::size_t i = 0; i < ranking_children(q); ++i) {
      std::string word = read(q.get_subquery(i));
      if (q.get_type() == Q::OP_AND && !word.empty()) {
        group.push_back({std::move(word), static_cast<unsigned>(group.size())});
      }
    }
    if (group.size() >= 2 && terms_.near_words.empty()) terms_.near_words = std::move(group);
    return "";
  }

  // Collects the title terms of `q`'s required parts: the words and phrases its top AND
  // (or `q` itself, when it is one) requires; alternatives (OR, aliases) require nothing.
  void read_title_terms(const Q& q) {
    const auto type = q.get_type();
    if (type == Q::LEAF_TERM) {
      std::string term = *q.get_terms_begin();
      if (is_body_stem(term)) {
        const auto forms = terms_.typed_forms.find(term);
        if (forms == terms_.typed_forms.end() || forms->second.empty()) return;
        term = forms->second.front();
      }
      if (!term.empty() && schema::parse_term(term).kind == schema::TermKind::kWord) {
        terms_.title_terms.push_back(schema::make_term(schema::TermKind::kTitleWord, term));
      }
      return;
    }
    if (type == Q::OP_PHRASE || type == Q::OP_AND || type == Q::OP_FILTER ||
        type == Q::OP_AND_NOT || type == Q::OP_AND_MAYBE) {
      const std::size_t n = type == Q::OP_PHRASE || type == Q::OP_AND ? q.get_num_subqueries() : 1;
      for (std::size_t i = 0; i < n; ++i) read_title_terms(q.get_subquery(i));
    }
  }

  RankingTerms take() { return std::move(terms_); }

 private:
  std::string leaf(const std::string& term) {
    if (!is_body_stem(term)) return is_body_word(term) ? term : "";
    std::vector<std::string>& forms = terms_.typed_forms[term];
    const auto typed = typed_forms_.find(term);
    if (typed != typed_forms_.end()) {
      for (const std::string& form : typed->second) {
        if (is_body_word(form) && std::find(forms.begin(), forms.end(), form) == forms.end()) {
          forms.push_back(form);
        }
      }
    }
    return forms.empty() ? "" : forms.front();
  }

  const std::map<std::string, std::vector<std::string>>& typed_forms_;
  RankingTerms terms_;
};

// Adds the typed-form boost to a parsed query.
class TypedFormBooster {
 public:
  TypedFormBooster(const RankingTerms& terms, const Xapian::Database& db)
      : terms_(terms), db_(db) {}

  Q rewrite(const Q& q) {
    const auto type = q.get_type();
    if (type == Q::LEAF_TERM) return leaf(q);
    const std::size_t ranking = ranking_children(q);
    if (ranking == 0) return q;
    std::vector<Q> parts;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const Q sub = q.get_subquery(i);
      if (i >= ranking) {
        parts.push_back(sub);
      } else if (type == Q::OP_OR && is_alias(sub)) {
        parts.push_back(scaled(sub, kRanking.alias_scale));
      } else {
        parts.push_back(rewrite(sub));
      }
    }
    return Q(type, parts.begin(), parts.end());
  }

 private:
  // True for a name of an alias group other than the one typed (an OR's alternative).
  bool is_alias(const Q& q) const {
    return !terms_.alias_queries.empty() &&
           terms_.alias_queries.count(description_without_positions(q)) > 0;
  }

  Q leaf(const Q& q) {
    const std::string term = *q.get_terms_begin();
    const auto found = terms_.typed_forms.find(term);
    if (found == terms_.typed_forms.end() || found->second.empty()) return q;
    const double stem_docs = db_.get_termfreq(term);
    std::vector<Q> typed;
    for (const std::string& form : found->second) {
      // A form holding nearly all of the stem's documents tells them apart no better
      // than the stem does, and its long posting list costs time ("the" for Zthe).
      if (db_.get_termfreq(form) >= kRanking.typed_share_limit * stem_docs) continue;
      typed.push_back(scaled(Q(form), kRanking.typed_scale));
    }
    if (typed.empty()) return q;
    // AND_MAYBE: the stem alone decides the match (and the estimate of how many match).
    return Q(Q::OP_AND_MAYBE, q, Q(Q::OP_OR, typed.begin(), typed.end()));
  }

  const RankingTerms& terms_;
  const Xapian::Database& db_;
};

// The positions of `term` in document `did`, ascending (empty when it has none).
std::vector<Xapian::termpos> positions_of(const Xapian::Database& db, Xapian::docid did,
                                          const std::string& term) {
  std::vector<Xapian::termpos> out;
  for (auto it = db.positionlist_begin(did, term); it != db.positionlist_end(did, term); ++it) {
    out.push_back(*it);
  }
  return out;
}

bool holds(const std::vector<Xapian::termpos>& sorted, Xapian::termpos p) {
  return std::binary_search(sorted.begin(), sorted.end(), p);
}

// How many positions of the first list start the lists' terms in their order within
// `window` consecutive positions: some position of each list follows one of the list
// before it (each list sorted). From each start, the earliest next position of each list
// is the one that ends soonest.
std::size_t in_order_within(const std::vector<std::vector<Xapian::termpos>>& lists,
                            Xapian::termpos window) {
  std::size_t count = 0;
  for (Xapian::termpos start : lists.front()) {
    Xapian::termpos at = start;
    bool fits = true;
    for (std::size_t i = 1; i < lists.size() && fits; ++i) {
      const auto next = std::upper_bound(lists[i].begin(), lists[i].end(), at);
      fits = next != lists[i].end() && *next - start < window;
      if (fits) at = *next;
    }
    if (fits) ++count;
  }
  return count;
}

// How many ways the lists' terms stand in order at positions in [lo, hi): choices of one
// position of each list, each after the one before (a count of subsequences). At one
// position the later lists come first, so that a word typed twice takes two positions.
double in_order_ways(const std::vector<std::vector<Xapian::termpos>>& lists, Xapian::termpos lo,
                     Xapian::termpos hi) {
  std::vector<double> ways(lists.size() + 1, 0.0);  // ways[i]: of the first i lists
  ways[0] = 1;
  std::vector<std::vector<Xapian::termpos>::const_iterator> next;
  for (const auto& list : lists) next.push_back(std::lower_bound(list.begin(), list.end(), lo));
  while (true) {
    Xapian::termpos lowest = hi;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (next[i] != lists[i].end()) lowest = std::min(lowest, *next[i]);
    }
    if (lowest >= hi) return ways[lists.size()];
    for (std::size_t i = lists.size(); i-- > 0;) {
      if (next[i] != lists[i].end() && *next[i] == lowest) {
        ways[i + 1] += ways[i];
        ++next[i];
      }
    }
  }
}

// C(m, n) as a double, 1 when m < n.
double choices(std::uint32_t m, std::size_t n) {
  if (m < n) return 1;
  double c = 1;
  for (std::size_t k = 0; k < n; ++k)
    c = c * static_cast<double>(m - k) / static_cast<double>(k + 1);
  return c;
}

// The smallest number of consecutive positions that hold `needed[i]` positions of each
// list i (each list sorted; a list needed 0 times is passed over), or the largest termpos
// when some list has fewer: a walk through the lists' positions in ascending order, the
// window's start advanced while it still holds enough of each.
Xapian::termpos smallest_window(const std::vector<std::vector<Xapian::termpos>>& lists,
                                const std::vector<unsigned>& needed) {
  Xapian::termpos best = std::numeric_limits<Xapian::termpos>::max();
  std::vector<std::size_t> next(lists.size(), 0);  // each list's first position not walked
  std::vector<unsigned> held(lists.size(), 0);     // each list's positions in the window
  std::vector<std::pair<Xapian::termpos, std::size_t>> window;  // walked: position, list
  std::size_t start = 0;  // the window's first walked position
  std::size_t short_of =  // lists holding fewer than needed
      lists.size() - static_cast<std::size_t>(std::count(needed.begin(), needed.end(), 0U));
  while (true) {
    std::size_t lowest = lists.size();
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (needed[i] > 0 && next[i] < lists[i].size() &&
          (lowest == lists.size() || lists[i][next[i]] < lists[lowest][next[lowest]])) {
        lowest = i;
      }
    }
    if (lowest == lists.size()) return best;
    window.emplace_back(lists[lowest][next[lowest]++], lowest);
    if (++held[lowest] == needed[lowest]) --short_of;
    while (short_of == 0) {
      const auto [first, list] = window[start++];
      best = std::min(best, window.back().first - first + 1);
      if (held[list]-- == needed[list]) ++short_of;
    }
  }
}

// The indexes of `docids` in ascending docid order: Xapian's lists are read forwards.
std::vector<std::size_t> by_docid(const std::vector<Xapian::docid>& docids) {
  std::vector<std::size_t> ascending(docids.size());
  for (std::size_t i = 0; i < ascending.size(); ++i) ascending[i] = i;
  std::sort(ascending.begin(), ascending.end(),
            [&](std::size_t a, std::size_t b) { return docids[a] < docids[b]; });
  return ascending;
}

// Calls visit(i, posting) for each of `docids`, in ascending docid order: `posting` is at
// docids[i] in `term`'s posting list, or null when the term is not in that document. One
// walk of the list, skipping from each document to the next.
template <typename Visit>
void walk_postings(const Xapian::Database& db, const std::string& term,
                   const std::vector<Xapian::docid>& docids, Visit visit) {
  const std::vector<std::size_t> ascending = by_docid(docids);
  Xapian::PostingIterator it = db.postlist_begin(term);
  const Xapian::PostingIterator end = db.postlist_end(term);
  for (std::size_t i : ascending) {
    if (it != end) it.skip_to(docids[i]);
    visit(i, it != end && *it == docids[i] ? &it : nullptr);
  }
}

constexpr std::size_t kNoSentence = static_cast<std::size_t>(-1);

// The sentence of `bounds` (schema::decode_sentence_bounds) holding `position`: the last
// whose first position is not after it; kNoSentence when it is before them all.
std::size_t sentence_of(const std::vector<Xapian::termpos>& bounds, Xapian::termpos position) {
  std::size_t lo = 0, hi = bounds.size() / 2;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (bounds[2 * mid] <= position) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo == 0 ? kNoSentence : lo - 1;
}

// The first position after sentence k that is not in it: the next one's first position,
// or the largest position after the last.
Xapian::termpos sentence_end(const std::vector<Xapian::termpos>& bounds, std::size_t k) {
  return 2 * k + 2 < bounds.size() ? bounds[2 * k + 2]
                                   : std::numeric_limits<Xapian::termpos>::max();
}

// At least the sentence_chance() of n words whose phrase spans `span` positions in a
// document, known from the places of the rarest of them alone (`places`, sorted) and the
// most choices of the other words' places there (`others`: the product of their counts):
// in a sentence of m words holding c of the places, no more phrases than c, and no more
// ways in order than c times `others`, nor than C(m, n), nor than c C(m - 1, n - 1) (each
// way takes one of the c places, and the other n - 1 words n - 1 of the sentence's other
// m - 1 words: they are not CJK, so each stands in a sentence that was recorded).
// `bounds`: the document's sentences (schema::decode_sentence_bounds) through the last
// place.
double chance_bound(const std::vector<Xapian::termpos>& places, double others,
                    const std::vector<Xapian::termpos>& bounds, std::size_t n, unsigned span) {
  const double run_share = kRanking.run_share;
  double bound = 0;
  for (std::size_t at = 0; at < places.size();) {
    const std::size_t k = sentence_of(bounds, places[at]);
    if (k == kNoSentence) {
      ++at;
      continue;
    }
    const Xapian::termpos after = sentence_end(bounds, k);
    double here = 0;  // the rarest word's places in sentence k: at most one phrase each
    for (; at < places.size() && places[at] < after; ++at) ++here;
    const auto length = static_cast<std::uint32_t>(bounds[2 * k + 1] - bounds[2 * k]);
    const double runs = length >= span ? length - span + 1 : 1;
    const double ways = here * others;  // at most
    // C(m - 1, n - 1) / C(m, n) = n / m.
    const double share =
        length >= n
            ? std::min({1.0, ways / choices(length, n), here * static_cast<double>(n) / length})
            : ways;
    bound += run_share * here / runs + (1 - run_share) * share;
  }
  return bound;
}

// The positions of one match's words and its sentences' bounds, each read from the index
// at most once: the bound on its chance and its nearness share them.
class MatchReading {
 public:
  // `sentences`: the match's value schema::kSentencesSlot, or empty where its chance
  // does not apply.
  MatchReading(const Xapian::Database& db, Xapian::docid did, const std::vector<NearWord>& words,
               std::string_view sentences)
      : db_(db),
        did_(did),
        words_(words),
        sentences_(sentences),
        lists_(words.size()),
        read_(words.size(), false) {}

  // Word i's positions in the match, ascending.
  const std::vector<Xapian::termpos>& positions(std::size_t i) {
    if (!read_[i]) {
      lists_[i] = positions_of(db_, did_, words_[i].term);
      read_[i] = true;
    }
    return lists_[i];
  }

  // Every word's positions.
  const std::vector<std::vector<Xapian::termpos>>& all_positions() {
    for (std::size_t i = 0; i < words_.size(); ++i) positions(i);
    return lists_;
  }

  // The sentences' bounds, at least through the sentence holding `through`; null when the
  // chance does not apply.
  const std::vector<Xapian::termpos>* bounds(Xapian::termpos through) {
    if (sentences_.empty()) return nullptr;
    if (!bounds_read_ || through > bounds_through_) {
      bounds_ = schema::decode_sentence_bounds(sentences_, through);
      bounds_read_ = true;
      bounds_through_ = through;
    }
    return &bounds_;
  }

 private:
  const Xapian::Database& db_;
  Xapian::docid did_;
  const std::vector<NearWord>& words_;
  std::string_view sentences_;
  std::vector<std::vector<Xapian::termpos>> lists_;
  std::vector<bool> read_;
  std::vector<Xapian::termpos> bounds_;
  bool bounds_read_ = false;
  Xapian::termpos bounds_through_ = 0;
};

// Where a match stands among the reordered ones: those holding the words in order within
// a sentence (tier: their factor) before the others (tier 0), then by density, then by
// score.
struct RankKey {
  double tier = 0;
  double density = 0;
  double score = 0;
};

RankKey key_of(const RankedMatch& m) {
  return {m.in_order_density > 0 ? m.tier : 0.0, m.in_order_density, m.score};
}

bool outranks(const RankKey& a, const RankKey& b) {
  if (a.tier != b.tier) return a.tier > b.tier;
  if (a.density != b.density) return a.density > b.density;
  return a.score > b.score;
}

}  // namespace

Xapian::BM25Weight ranking_weight() {
  return Xapian::BM25Weight(kRanking.k1, 0, 1, kRanking.b, kRanking.min_normlen);
}

RankingTerms ranking_terms(const Xapian::Query& parsed,
                           const std::map<std::string, std::vector<std::string>>& typed_forms) {
  TermReader reader(typed_forms);
  reader.read(parsed);
  reader.read_title_terms(parsed);
  return reader.take();
}

std::string description_without_positions(const Xapian::Query& q) {
  const std::string described = q.get_description();
  std::string out;
  out.reserve(described.size());
  for (std::size_t i = 0; i < described.size(); ++i) {
    if (described[i] == '@' && i + 1 < described.size() && described[i + 1] >= '0' &&
        described[i + 1] <= '9') {
      while (i + 1 < described.size() && described[i + 1] >= '0' && described[i + 1] <= '9') ++i;
      continue;
    }
    out += described[i];
  }
  return out;
}

Xapian::Query ranking_query(const Xapian::Query& parsed, const RankingTerms& terms,
                            const Xapian::Database& db) {
  if (terms.typed_forms.empty() && terms.alias_queries.empty()) return parsed;
  return TypedFormBooster(terms, db).rewrite(parsed);
}

void sentence_chance(const std::vector<std::vector<Xapian::termpos>>& lists,
                     const std::vector<unsigned>& phrase_offsets,
                     const std::vector<Xapian::termpos>& bounds, Nearness& out) {
  const std::size_t n = lists.size();
  const unsigned span = phrase_offsets.back() + 1;
  // A sentence holding every word holds a place of the shortest list, and is not after
  // the sentence of the smallest last place.
  const auto& walked = *std::min_element(
      lists.begin(), lists.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  Xapian::termpos through = std::numeric_limits<Xapian::termpos>::max();
  for (const auto& list : lists) {
    if (list.empty()) return;
    through = std::min(through, list.back());
  }
  const std::size_t last_holding = sentence_of(bounds, through);
  if (last_holding == kNoSentence) return;
  std::size_t last = kNoSentence;  // the sentence of the last place looked at
  for (Xapian::termpos place : walked) {
    const std::size_t k = sentence_of(bounds, place);
    if (k != kNoSentence && k > last_holding) break;
    if (k == kNoSentence || k == last) continue;
    last = k;
    const Xapian::termpos first = bounds[2 * k];
    const Xapian::termpos after = sentence_end(bounds, k);
    const auto in_sentence = [&](const std::vector<Xapian::termpos>& list) {
      const auto at = std::lower_bound(list.begin(), list.end(), first);
      return at != list.end() && *at < after;
    };
    if (!std::all_of(lists.begin(), lists.end(), in_sentence)) continue;
    const double ways = in_order_ways(lists, first, after);
    if (ways == 0) continue;
    const auto length = static_cast<std::uint32_t>(bounds[2 * k + 1] - first);
    std::size_t phrases = 0;
    for (auto p = std::lower_bound(lists[0].begin(), lists[0].end(), first);
         p != lists[0].end() && *p < after; ++p) {
      bool phrase = true;
      for (std::size_t i = 1; i < n && phrase; ++i)
        phrase = holds(lists[i], *p + phrase_offsets[i]);
      if (phrase) ++phrases;
    }
    const double runs = length >= span ? length - span + 1 : 1;
    const double run_share = kRanking.run_share;
    out.sentence_chance += run_share * static_cast<double>(phrases) / runs +
                           (1 - run_share) * ways / choices(length, n);
    ++out.sentences;
    out.shortest = out.shortest == 0 ? length : std::min(out.shortest, length);
  }
}

Nearness nearness(const std::vector<std::vector<Xapian::termpos>>& lists,
                  const std::vector<NearWord>& words, const std::vector<Xapian::termpos>* bounds,
                  std::vector<std::string>* reasons) {
  const auto because = [reasons](const std::string& why) {
    if (reasons != nullptr) reasons->push_back(why);
  };
  const RankingParams& p = kRanking;
  static const std::string within_clause = "within " + std::to_string(p.clause_window);
  static const std::string within_sentence = "within " + std::to_string(p.sentence_window);
  for (const auto& list : lists) {
    if (list.empty()) return {};
  }
  Nearness out;
  double& factor = out.factor;
  for (Xapian::termpos start : lists[0]) {
    bool phrase = true;
    for (std::size_t i = 1; i < lists.size() && phrase; ++i) {
      phrase = holds(lists[i], start + words[i].offset - words[0].offset);
    }
    if (phrase) {
      factor += p.phrase_boost;
      because("phrase");
      break;
    }
  }
  // A word typed twice needs two occurrences in the window ("gpio gpio"): its first list
  // is needed that many times, the others not at all.
  std::vector<unsigned> needed(words.size(), 0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto same = [&](const NearWord& w) { return w.term == words[i].term; };
    ++needed[static_cast<std::size_t>(std::find_if(words.begin(), words.end(), same) -
                                      words.begin())];
  }
  const Xapian::termpos window = smallest_window(lists, needed);
  const auto span = static_cast<Xapian::termpos>(words.back().offset - words.front().offset + 1);
  if (window <= std::max<Xapian::termpos>(p.clause_window, span)) {
    factor += p.clause_boost;
    because(within_clause);
  }
  const Xapian::termpos sentence = std::max<Xapian::termpos>(p.sentence_window, span);
  if (window <= sentence) {
    factor += p.sentence_boost;
    because(within_sentence);
    out.in_order = in_order_within(lists, sentence);
    if (out.in_order > 0) {
      factor += p.order_boost;
      because("in order");
    }
  }
  if (bounds != nullptr) {
    std::vector<unsigned> offsets;
    for (const NearWord& w : words) offsets.push_back(w.offset - words.front().offset);
    sentence_chance(lists, offsets, *bounds, out);
  }
  return out;
}

std::vector<bool> holding_all(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                              const std::vector<std::string>& terms) {
  std::vector<bool> held(docids.size(), !terms.empty());
  for (const std::string& term : terms) {
    walk_postings(db, term, docids, [&](std::size_t i, const Xapian::PostingIterator* at) {
      held[i] = held[i] && at != nullptr;
    });
  }
  return held;
}

std::vector<std::string> values_of(const Xapian::Database& db,
                                   const std::vector<Xapian::docid>& docids, Xapian::valueno slot) {
  const std::vector<std::size_t> ascending = by_docid(docids);
  std::vector<std::string> out(docids.size());
  Xapian::ValueIterator it = db.valuestream_begin(slot);
  const Xapian::ValueIterator end = db.valuestream_end(slot);
  for (std::size_t i : ascending) {
    if (it != end) it.skip_to(docids[i]);
    if (it != end && it.get_docid() == docids[i]) out[i] = *it;
  }
  return out;
}

std::vector<Xapian::termcount> document_lengths(const Xapian::Database& db,
                                                const std::vector<Xapian::docid>& docids) {
  // The list of all documents (the empty term) holds their lengths.
  std::vector<Xapian::termcount> lengths(docids.size(), 0);
  walk_postings(db, "", docids, [&](std::size_t i, const Xapian::PostingIterator* at) {
    if (at != nullptr) lengths[i] = at->get_doclength();
  });
  return lengths;
}

std::vector<Xapian::termcount> position_counts(const Xapian::Database& db,
                                               const std::vector<Xapian::docid>& docids,
                                               const std::string& term) {
  std::vector<Xapian::termcount> out(docids.size(), 0);
  const auto add_wdf = [&](std::size_t i, const Xapian::PostingIterator* at) {
    if (at != nullptr) out[i] += at->get_wdf();
  };
  walk_postings(db, term, docids, add_wdf);
  // The analyzer puts a possessive's base ("kernel" of "kernel's") at the possessive's
  // position without adding to its wdf (Token::alternative): the possessive's wdf counts
  // those positions.
  const std::string possessive = term + "'s";
  if (!term.ends_with("'s")) walk_postings(db, possessive, docids, add_wdf);
  return out;
}

bool reorders(const RankingTerms& terms) {
  return terms.near_words.size() >= 2 || !terms.title_terms.empty() || !terms.script_term.empty();
}

std::vector<RankedMatch> order_by_nearness(const Xapian::Database& db, const Xapian::MSet& mset,
                                           const RankingTerms& terms, std::size_t needed,
                                           bool with_reasons) {
  std::vector<RankedMatch> order;
  order.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    RankedMatch m{it, 0, 0, 1, 0, 0, {}};
    m.score = it.get_weight();
    m.percent = it.get_percent();
    order.push_back(std::move(m));
  }
  // Words in nearly every document, many times in each, are left out: they tell the best
  // matches apart little, and their position lists are the longest ("the", not "time",
  // which is in 90 % of brown but 4 times a document). The others keep their offsets, so
  // "expulsion from parliament" still checks expulsion _ parliament.
  const RankingParams& p = kRanking;
  std::vector<NearWord> telling;
  // A word not CJK counts among the documents not written in Chinese (their L term): in
  // an index of poems and articles, "the" is in 3 % of all documents and 89 % of those.
  // (No lookup for a query without near words: one word, or none in a group.)
  const Xapian::doccount all = db.get_doccount();
  const Xapian::doccount chinese =
      terms.near_words.empty()
          ? 0
          : db.get_termfreq(schema::make_term(schema::TermKind::kLanguage, "zh"));
  for (const NearWord& w : terms.near_words) {
    const Xapian::doccount docs = db.get_termfreq(w.term);
    const Xapian::doccount among = contains_cjk(w.term) || chinese >= all ? all : all - chinese;
    const bool common =
        docs >= p.near_frequent_share * among &&
        static_cast<double>(db.get_collection_freq(w.term)) >= p.near_frequent_wdf * docs;
    if (!common) telling.push_back(w);
  }
  const bool near = telling.size() >= 2;
  const bool titles = !terms.title_terms.empty(), script = !terms.script_term.empty();
  if ((!near && !titles && !script) || order.empty()) return order;
  const auto depth = std::min<std::size_t>(order.size(), p.nearness_depth);
  std::vector<Xapian::docid> docids;
  for (std::size_t i = 0; i < depth; ++i) docids.push_back(*order[i].match);
  // A title counts when it holds the words as typed: not in an article written in the
  // other script than the query's Chinese (a title saying 小飲 does not name what 小饮
  // asks for).
  std::vector<bool> titled = holding_all(db, docids, terms.title_terms);
  if (titles && script) {
    const std::vector<bool> in_other_script = holding_all(db, docids, {terms.other_script_term});
    for (std::size_t i = 0; i < depth; ++i) titled[i] = titled[i] && !in_other_script[i];
  }
  const std::vector<bool> in_script = holding_all(
      db, docids,
      script ? std::vector<std::string>{terms.script_term} : std::vector<std::string>{});
  const std::vector<Xapian::termcount> no_counts(depth, 0);
  const std::vector<Xapian::termcount> lengths = near ? document_lengths(db, docids) : no_counts;
  // Chinese is ordered by density: its sentence ends are not recorded (analyzer.h).
  const bool cjk = std::any_of(telling.begin(), telling.end(),
                               [](const NearWord& w) { return contains_cjk(w.term); });
  const std::vector<std::string> sentences = near && !cjk
                                                 ? values_of(db, docids, schema::kSentencesSlot)
                                                 : std::vector<std::string>(depth);
  // Each word's number of positions in each match (the first word's alone where the
  // sentences' chance does not apply). The places in order start at the first word's
  // positions: no more of them than it has.
  std::vector<std::vector<Xapian::termcount>> counts;
  for (const NearWord& w : telling) {
    if (counts.empty() || !cjk) counts.push_back(position_counts(db, docids, w.term));
  }
  const std::vector<Xapian::termcount>& first_positions = near ? counts.front() : no_counts;
  const double nearest = 1.0 + p.phrase_boost + p.clause_boost + p.sentence_boost + p.order_boost;
  // The `needed` best keys so far (a min-heap): a match that, at the most nearness and
  // density could give it, cannot outrank the lowest of them cannot reach the first
  // `needed` places, and its positions are not read.
  std::vector<RankKey> leaders;
  const auto lower = [](const RankKey& a, const RankKey& b) { return outranks(a, b); };
  for (std::size_t i = 0; i < depth; ++i) {
    RankedMatch& m = order[i];
    const Xapian::termcount length = std::max<Xapian::termcount>(1, lengths[i]);
    const double boosts =
        (titled[i] ? 1.0 + p.title_boost : 1.0) * (in_script[i] ? 1.0 + p.script_boost : 1.0);
    // Ordered by its sentences' chance (nearness() reads them), the tier is the boosts
    // alone.
    const bool by_chance = near && !sentences[i].empty();
    const double density_bound = static_cast<double>(first_positions[i]) / length;
    const RankKey best_possible{density_bound > 0 ? (by_chance ? 1.0 : nearest) * boosts : 0.0,
                                density_bound, m.score * (near ? nearest : 1.0) * boosts};
    const bool full = needed > 0 && leaders.size() >= needed;
    bool can_reach = !full || outranks(best_possible, leaders.front());
    MatchReading reading(db, *m.match, telling, by_chance ? sentences[i] : std::string_view());
    if (can_reach && full && by_chance) {
      // Closer: the chance its sentences holding its rarest word could give at the most.
      std::size_t rarest = 0;
      double others = 1;  // the product of the other words' counts
      for (std::size_t w = 1; w < counts.size(); ++w) {
        if (counts[w][i] < counts[rarest][i]) rarest = w;
      }
      for (std::size_t w = 0; w < counts.size(); ++w) {
        if (w != rarest) others *= static_cast<double>(counts[w][i]);
      }
      const std::vector<Xapian::termpos>& places = reading.positions(rarest);
      const double bound =
          places.empty()
              ? 0
              : chance_bound(places, others, *reading.bounds(places.back()), telling.size(),
                             telling.back().offset - telling.front().offset + 1) /
                    length;
      can_reach = outranks({bound > 0 ? boosts : 0.0, bound, best_possible.score}, leaders.front());
    }
    std::vector<std::string>* reasons = with_reasons ? &m.reasons : nullptr;
    if (near && can_reach) {
      const std::vector<std::vector<Xapian::termpos>>& lists = reading.all_positions();
      Xapian::termpos through = std::numeric_limits<Xapian::termpos>::max();
      for (const auto& list : lists) through = std::min(through, list.empty() ? 0 : list.back());
      const Nearness n = nearness(lists, telling, reading.bounds(through), reasons);
      m.factor = n.factor;
      if (by_chance && n.sentences > 0) {
        m.in_order_density = n.sentence_chance / length;
        if (with_reasons) {
          m.reasons.push_back("in " + std::to_string(n.sentences) + " sentence" +
                              (n.sentences > 1 ? "s" : "") + " (" + std::to_string(n.shortest) +
                              " words) of " + std::to_string(length) + " terms");
        }
      } else if (!by_chance && n.in_order > 0) {
        m.in_order_density = static_cast<double>(n.in_order) / length;
        if (with_reasons) {
          m.reasons.push_back(std::to_string(n.in_order) + "× in " + std::to_string(length) +
                              " terms");
        }
      }
    }
    if (titled[i]) {
      m.factor *= 1.0 + p.title_boost;
      if (with_reasons) m.reasons.emplace_back("title");
    }
    if (in_script[i]) {
      m.factor *= 1.0 + p.script_boost;
      if (with_reasons) m.reasons.emplace_back("script typed");
    }
    m.tier = by_chance ? boosts : m.factor;
    m.score *= m.factor;
    if (needed == 0) continue;
    if (leaders.size() < needed) {
      leaders.push_back(key_of(m));
      std::push_heap(leaders.begin(), leaders.end(), lower);
    } else if (outranks(key_of(m), leaders.front())) {
      std::pop_heap(leaders.begin(), leaders.end(), lower);
      leaders.back() = key_of(m);
      std::push_heap(leaders.begin(), leaders.end(), lower);
    }
  }
  std::stable_sort(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth),
      [](const RankedMatch& a, const RankedMatch& b) { return outranks(key_of(a), key_of(b)); });
  // Percent relative to the match of the highest score, which keeps Xapian's; matches
  // weighing nothing (a title: query) keep Xapian's percent.
  const auto highest = std::max_element(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth),
      [](const RankedMatch& a, const RankedMatch& b) { return a.score < b.score; });
  const double scale = highest->score > 0 ? highest->match.get_percent() / highest->score : 0;
  // Scores fall with the rank: a match placed above one of a higher score takes that
  // score. Each still only grows, so the reordered matches stay above all the others.
  for (std::size_t i = depth - 1; i > 0; --i) {
    order[i - 1].score = std::max(order[i - 1].score, order[i].score);
  }
  if (scale > 0) {
    for (RankedMatch& m : order) m.percent = static_cast<int>(std::lround(m.score * scale));
  }
  return order;
}

}  // namespace longjing
