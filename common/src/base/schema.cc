#include "longjing/schema.h"

#include <array>
#include <cstdio>
#include <ctime>

#include "base/fnv.h"

namespace longjing::schema {
namespace {

// 1: with the path, hash, mtime and size (schema 2 and before); 2: without them.
constexpr char kDataVersion = '\x02';

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

bool get_varint(std::string_view& in, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    const auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

bool get_string(std::string_view& in, std::string& s) {
  std::uint64_t n;
  if (!get_varint(in, n) || n > in.size()) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

}  // namespace

namespace {

// `prefix` + the 16 lowercase hex digits of `hash`. Written digit by digit: `searcher -l`
// makes one for each path it prints, and snprintf cost it a fifth of its time.
std::string hex_term(std::string_view prefix, std::uint64_t hash) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out(prefix.size() + 16, '0');
  prefix.copy(out.data(), prefix.size());
  for (std::size_t i = 0; i < 16; ++i) out[out.size() - 1 - i] = kDigits[(hash >> (4 * i)) & 0xF];
  return out;
}

// `prefix` + the 16 hex digits of `text`'s 64-bit hash.
std::string hashed_term(std::string_view prefix, std::string_view text) {
  return hex_term(prefix, fnv1a64(text));
}

}  // namespace

std::string id_term(std::string_view path) { return hashed_term(kIdPrefix, path); }

std::string root_term(std::string_view root) { return hashed_term(kRootPrefix, root); }

namespace {

constexpr char kRootedPath = '\x01';  // a path value below a root (no path starts so)
constexpr std::size_t kRootHashBytes = 8;

}  // namespace

std::string path_value(std::string_view path, std::string_view root) {
  const std::string_view below = path_below_root(path, root);
  if (below.size() == path.size()) return std::string(path);
  std::string out;
  out.reserve(1 + kRootHashBytes + below.size());
  out += kRootedPath;
  const std::uint64_t hash = fnv1a64(root);
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((hash >> shift) & 0xFF);
  out += below;
  return out;
}

std::optional<std::string> path_of_value(std::string_view value, const RootsByTerm& roots) {
  if (value.empty() || value.front() != kRootedPath) return std::string(value);
  if (value.size() <= 1 + kRootHashBytes) return std::nullopt;
  std::uint64_t hash = 0;
  for (std::size_t i = 1; i <= kRootHashBytes; ++i)
    hash = (hash << 8) | static_cast<unsigned char>(value[i]);
  const auto root = roots.find(hex_term(kRootPrefix, hash));
  if (root == roots.end()) return std::nullopt;
  std::string path = root->second;
  path += '/';
  path.append(value.substr(1 + kRootHashBytes));
  return path;
}

std::string_view path_below_root(std::string_view path, std::string_view root) {
  if (root.empty() || path.size() <= root.size() + 1 || path.substr(0, root.size()) != root ||
      path[root.size()] != '/') {
    return path;
  }
  return path.substr(root.size() + 1);
}

std::string encode_article(const Article& a) {
  std::string out;
  out.reserve(a.body.size() + a.title.size() + 64);
  out += kDataVersion;
  for (const std::string* field : {&a.title, &a.date, &a.source, &a.language, &a.url, &a.body}) {
    put_string(out, *field);
  }
  // Optional at the end: the page count (absent: no pages; written as 0 when tags follow),
  // then the tags (a count, then each).
  if (a.pages > 0 || !a.tags.empty()) put_varint(out, a.pages);
  if (!a.tags.empty()) {
    put_varint(out, a.tags.size());
    for (const std::string& tag : a.tags) put_string(out, tag);
  }
  return out;
}

std::optional<Article> decode_article(std::string_view data) {
  if (data.empty() || data.front() != kDataVersion) return std::nullopt;
  data.remove_prefix(1);
  Article a;
  for (std::string* field : {&a.title, &a.date, &a.source, &a.language, &a.url, &a.body}) {
    if (!get_string(data, *field)) return std::nullopt;
  }
  std::uint64_t pages = 0, tags = 0;
  if (!data.empty() &&
      (!get_varint(data, pages) || pages > UINT32_MAX || (pages == 0 && data.empty()))) {
    return std::nullopt;  // a count of 0 is written only when tags follow
  }
  if (!data.empty() && (!get_varint(data, tags) || tags == 0 || tags > data.size()))
    return std::nullopt;
  for (std::uint64_t i = 0; i < tags; ++i) {
    if (!get_string(data, a.tags.emplace_back())) return std::nullopt;
  }
  if (!data.empty()) return std::nullopt;
  a.pages = static_cast<std::uint32_t>(pages);
  return a;
}

std::string encode_sentence_bounds(const std::vector<std::uint32_t>& bounds) {
  std::string out;
  std::uint32_t before = 0;
  for (const std::uint32_t b : bounds) {
    put_varint(out, b - before);
    before = b;
  }
  return out;
}

std::vector<std::uint32_t> decode_sentence_bounds(std::string_view value, std::uint32_t through) {
  // Read in pairs, most steps one byte: a query reads this for each of its best matches.
  std::vector<std::uint32_t> out(value.size());  // no more numbers than bytes
  std::size_t count = 0;
  std::uint64_t at = 0;
  while (!value.empty()) {
    for (int half = 0; half < 2; ++half) {
      if (value.empty()) return {};  // a first position without its end
      std::uint64_t step = static_cast<unsigned char>(value.front());
      if (step < 0x80) {
        value.remove_prefix(1);
      } else if (!get_varint(value, step)) {
        return {};
      }
      at += step;
      if (at > UINT32_MAX) return {};
      out[count++] = static_cast<std::uint32_t>(at);
    }
    if (out[count - 2] > through) break;
  }
  out.resize(count);
  return out;
}

namespace {

struct PrefixOf {
  TermKind kind;
  std::string_view prefix;
  std::string_view name;
};

constexpr PrefixOf kPrefixes[] = {
    {TermKind::kWord, "", "text"},
    {TermKind::kStem, kStemPrefix, "stem"},
    {TermKind::kTitleWord, kTitlePrefix, "title"},
    {TermKind::kTitleStem, "ZS", "title stem"},
    {TermKind::kSourceWord, kSourcePrefix, "source"},
    {TermKind::kTagWord, kTagPrefix, "tag"},
    {TermKind::kPathWord, kPathWordPrefix, "path"},
    {TermKind::kRoot, kRootPrefix, "root"},
    {TermKind::kId, kIdPrefix, "id"},
    {TermKind::kLanguage, kLanguagePrefix, "language"},
    {TermKind::kDay, kDayPrefix, "day"},
    {TermKind::kMonth, kMonthPrefix, "month"},
    {TermKind::kYear, kYearPrefix, "year"},
    {TermKind::kOther, "", "other"},
};

}  // namespace

Term parse_term(std::string_view term) {
  std::size_t n = 0;
  while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
  const std::string_view prefix = term.substr(0, n);
  for (const PrefixOf& p : kPrefixes) {
    if (p.prefix == prefix && p.kind != TermKind::kOther) return {p.kind, term.substr(n)};
  }
  return {TermKind::kOther, term.substr(n)};
}

std::string make_term(TermKind kind, std::string_view text) {
  for (const PrefixOf& p : kPrefixes) {
    if (p.kind == kind) return std::string(p.prefix) + std::string(text);
  }
  return std::string(text);
}

std::string_view term_kind_name(TermKind kind) {
  for (const PrefixOf& p : kPrefixes) {
    if (p.kind == kind) return p.name;
  }
  return "other";
}

std::string compact_local_day(std::int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm local{};
  if (::localtime_r(&time, &local) == nullptr) return "19700101";
  char day[40];
  std::snprintf(day, sizeof day, "%04d%02d%02d", local.tm_year + 1900, local.tm_mon + 1,
                local.tm_mday);
  return day;
}

std::string compact_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return {};
  std::string out;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (iso[i] < '0' || iso[i] > '9') return {};
    out += iso[i];
  }
  const int year = std::stoi(out.substr(0, 4));
  const int month = std::stoi(out.substr(4, 2));
  const int day = std::stoi(out.substr(6, 2));
  if (month < 1 || month > 12 || day < 1) return {};
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return {};
  return out;
}

}  // namespace longjing::schema
