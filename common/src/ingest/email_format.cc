// read_email: one RFC 822 / MIME message through GMime 3. Subject (RFC 2047 encoded
// words decoded by GMime, through iconv: GBK, GB2312, Big5 and the rest) is the title,
// From the source, Date the date (the sender's calendar day), Content-Language the
// language. The body is the first text/plain part that is not an attachment, else the
// first text/html one through parse_html; parts are decoded from their transfer encoding
// and charset to UTF-8. Attachments and attached messages are never the body. The MIME
// tree is walked without recursion, to a depth of kMaxDepth.
#include <gmime/gmime.h>

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "ingest/document_detail.h"
#include "ingest/front_matter.h"
#include "longjing/documents.h"
#include "longjing/formats.h"

namespace longjing {
namespace {

// Multiparts nested deeper than this are not looked into.
constexpr int kMaxDepth = 32;

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Owns a GObject reference.
struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GPtr = std::unique_ptr<T, Unref>;

// Takes a g_malloc'ed string; "" for null.
std::string take_string(char* text) {
  if (text == nullptr) return {};
  std::string out(text);
  g_free(text);
  return out;
}

bool is_attachment(GMimeObject* part) {
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(part);
  return disposition != nullptr && g_mime_content_disposition_is_attachment(disposition);
}

bool is_type(GMimeObject* part, const char* type, const char* subtype) {
  GMimeContentType* content_type = g_mime_object_get_content_type(part);
  return content_type != nullptr && g_mime_content_type_is_type(content_type, type, subtype);
}

// The first text/plain and the first text/html part that is not an attachment, in
// document order (depth first).
struct BodyParts {
  GMimeTextPart* plain = nullptr;
  GMimeTextPart* html = nullptr;
};

BodyParts find_body_parts(GMimeObject* root) {
  BodyParts found;
  std::vector<std::pair<GMimeObject*, int>> stack{{root, 0}};  // part, depth
  while (!stack.empty() && found.plain == nullptr) {
    auto [part, depth] = stack.back();
    stack.pop_back();
    if (part == nullptr || is_attachment(part)) continue;
    if (GMIME_IS_MULTIPART(part)) {
      if (depth >= kMaxDepth) continue;
      GMimeMultipart* multipart = GMIME_MULTIPART(part);
      for (int i = g_mime_multipart_get_count(multipart); i-- > 0;) {
        stack.emplace_back(g_mime_multipart_get_part(multipart, i), depth + 1);
      }
      continue;
    }
    if (!GMIME_IS_TEXT_PART(part)) continue;  // attached messages, images, ...
    if (is_type(part, "text", "plain")) {
      found.plain = GMIME_TEXT_PART(part);
    } else if (is_type(part, "text", "html") && found.html == nullptr) {
      found.html = GMIME_TEXT_PART(part);
    }
  }
  return found;
}

}  // namespace

DocumentRead read_email(std::string_view bytes, const ReadLimits& limits) {
  using document_detail::refused;
  init_gmime();
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) return refused("not an e-mail message (no RFC 822 headers)");

  Article article;
  if (const char* subject = g_mime_message_get_subject(message.get())) article.title = subject;
  if (InternetAddressList* from = g_mime_message_get_from(message.get());
      from != nullptr && internet_address_list_length(from) > 0) {
    article.source = take_string(internet_address_list_to_string(from, nullptr, FALSE));
  }
  if (GDateTime* date = g_mime_message_get_date(message.get())) {
    article.date = take_string(g_date_time_format(date, "%Y-%m-%d"));
  }
  // GMime keeps the Content-* headers of a message with its top-level MIME part.
  GMimeObject* top = g_mime_message_get_mime_part(message.get());
  for (GMimeObject* holder : {GMIME_OBJECT(message.get()), top}) {
    const char* language =
        holder != nullptr ? g_mime_object_get_header(holder, "Content-Language") : nullptr;
    if (language != nullptr && article.language.empty()) article.language = language;
  }
  const bool has_headers =
      !article.title.empty() || !article.source.empty() || !article.date.empty();
  if (!has_headers) return refused("not an e-mail message (no Subject, From or Date header)");

  const BodyParts parts = find_body_parts(top);
  if (parts.plain != nullptr) {
    article.body = take_string(g_mime_text_part_get_text(parts.plain));
    std::erase(article.body, '\r');
  } else if (parts.html != nullptr) {
    // GMime converts a part with a charset parameter to UTF-8; without one, the page's
    // own <meta> declaration decides.
    std::string html_text = take_string(g_mime_text_part_get_text(parts.html));
    if (g_mime_text_part_get_charset(parts.html) == nullptr) {
      html_text = document_detail::decode_html(html_text);
    }
    Article html = parse_html(html_text);
    article.body = std::move(html.body);
    if (article.title.empty()) article.title = std::move(html.title);
  }
  return document_detail::finish(std::move(article), limits);
}

}  // namespace longjing
