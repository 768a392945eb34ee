// A PDF read in a process of its own (ReadLimits::pdf_reader): the parent hands it the bytes
// on a socket, reads its answer on a pipe, and kills it at the deadline. posix_spawn, not
// fork: the indexer runs threads, and only spawning is safe then.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "ingest/document_detail.h"
#include "longjing/documents.h"
#include "longjing/schema.h"

extern char** environ;

namespace longjing {
namespace {

using document_detail::refused;

// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

std::string answer_line(std::string_view& answer) {
  const std::size_t end = answer.find('\n');
  if (end == std::string_view::npos) return {};
  std::string line(answer.substr(0, end));
  answer.remove_prefix(end + 1);
  return line;
}

// Waits for the child, killing it first when `kill_it`; returns its wait status.
int reap(pid_t pid, bool kill_it) {
  if (kill_it) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

std::string encode_pdf_answer(const DocumentRead& read) {
  if (!read.article) return "R\n" + read.problem;
  std::string out = "A\n" + std::to_string(read.caveats.size()) + "\n";
  for (const std::string& caveat : read.caveats) out += caveat + "\n";
  return out + schema::encode_article(*read.article);
}

std::optional<DocumentRead> decode_pdf_answer(std::string_view answer) {
  const std::string kind = answer_line(answer);
  DocumentRead read;
  if (kind == "R") {
    if (answer.empty()) return std::nullopt;
    read.problem = std::string(answer);
    return read;
  }
  if (kind != "A") return std::nullopt;
  const std::string count = answer_line(answer);
  if (count.empty() || count.size() > 6 ||
      count.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  for (std::size_t n = std::stoul(count); n > 0; --n) {
    if (answer.find('\n') == std::string_view::npos) return std::nullopt;
    read.caveats.push_back(answer_line(answer));
  }
  read.article = schema::decode_article(answer);
  if (!read.article) return std::nullopt;
  return read;
}

DocumentRead read_pdf_in_reader_process(std::string_view bytes, const ReadLimits& limits) {
  // The bytes go in on a socket (send's MSG_NOSIGNAL: a reader that died is an error
  // here, not a SIGPIPE that would kill the indexer); the answer comes back on a pipe.
  int pair[2];
  int answer_pipe[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    return refused(std::string("cannot start the PDF reader: ") + std::strerror(errno));
  }
  Fd to_child{pair[0]}, child_in{pair[1]};
  if (::pipe2(answer_pipe, O_CLOEXEC) != 0) {
    return refused(std::string("cannot start the PDF reader: ") + std::strerror(errno));
  }
  Fd from_child{answer_pipe[0]}, child_out{answer_pipe[1]};

  const std::string pages = std::to_string(limits.max_pdf_pages);
  const std::string seconds = std::to_string(limits.max_pdf_seconds);
  const std::string text = std::to_string(limits.max_text_bytes);
  const std::string memory = std::to_string(limits.max_pdf_memory);
  std::vector<char*> argv = {const_cast<char*>(limits.pdf_reader.c_str()),
                             const_cast<char*>(pages.c_str()),
                             const_cast<char*>(seconds.c_str()),
                             const_cast<char*>(text.c_str()),
                             const_cast<char*>(memory.c_str()),
                             nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, child_in.fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, child_out.fd, STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, limits.pdf_reader.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return refused("cannot run the PDF reader " + limits.pdf_reader + ": " +
                   std::strerror(spawned));
  }
  child_in.reset();
  child_out.reset();
  ::fcntl(to_child.fd, F_SETFL, O_NONBLOCK);
  ::fcntl(from_child.fd, F_SETFL, O_NONBLOCK);

  // The reader stops itself between pages at max_pdf_seconds; a second more, and it is
  // stopped from here. Its answer is bounded by the text limit (plus metadata).
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration<double>(limits.max_pdf_seconds + 1.0);
  const std::size_t max_answer = limits.max_text_bytes + (1u << 20);
  std::string answer;
  std::size_t sent = 0;
  char buffer[65536];
  while (from_child.fd >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      reap(pid, true);
      return refused("PDF took longer than " +
                     std::to_string(static_cast<int>(limits.max_pdf_seconds)) +
                     " s to read (its reader was stopped)");
    }
    pollfd fds[2] = {{from_child.fd, POLLIN, 0}, {to_child.fd, POLLOUT, 0}};
    const nfds_t count = to_child.fd >= 0 ? 2 : 1;
    if (::poll(fds, count, static_cast<int>(std::min<long long>(left.count(), 1000))) < 0 &&
        errno != EINTR)
      break;
    if (count == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::send(to_child.fd, bytes.data() + sent,
                               std::min<std::size_t>(bytes.size() - sent, 1 << 20), MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EINTR)
        sent = bytes.size();  // the reader stopped reading
      if (sent == bytes.size()) {
        ::shutdown(to_child.fd, SHUT_WR);  // end of the PDF
        to_child.reset();
      }
    }
    if (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) {
      const ssize_t n = ::read(from_child.fd, buffer, sizeof buffer);
      if (n > 0) {
        answer.append(buffer, static_cast<std::size_t>(n));
        if (answer.size() > max_answer) {
          reap(pid, true);
          return refused("the PDF reader answered more than the text limit allows");
        }
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        from_child.reset();  // the answer is complete
      }
    }
  }
  const int status = reap(pid, false);
  if (WIFSIGNALED(status)) {
    return refused("poppler failed on this PDF (its reader died of signal " +
                   std::to_string(WTERMSIG(status)) + ")");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
    return refused("the PDF needs more than " + std::to_string(limits.max_pdf_memory >> 20) +
                   " MB to read");
  }
  auto read =
      WIFEXITED(status) && WEXITSTATUS(status) == 0 ? decode_pdf_answer(answer) : std::nullopt;
  if (!read) {
    return refused("poppler failed on this PDF (its reader exited " +
                   std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                   " without an answer)");
  }
  return *read;
}

}  // namespace longjing
