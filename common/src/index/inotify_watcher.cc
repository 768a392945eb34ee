#include "index/inotify_watcher.h"

#include <dirent.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "longjing/error.h"

namespace longjing {
namespace {

constexpr std::uint32_t kDirectoryEvents = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                                           IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

struct DirCloser {
  void operator()(DIR* d) const { ::closedir(d); }
};

}  // namespace

InotifyWatcher::InotifyWatcher() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (fd_ < 0) {
    throw IoError(std::string("cannot watch for changes: ") + std::strerror(errno) +
                  " (fs.inotify.max_user_instances?)");
  }
}

InotifyWatcher::~InotifyWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

bool InotifyWatcher::add_tree(const std::string& dir,
                              const std::function<bool(const std::string&)>& skip) {
  // Depth first with an explicit stack: trees may be deep.
  std::vector<std::string> pending{dir};
  while (!pending.empty()) {
    const std::string current = std::move(pending.back());
    pending.pop_back();
    const int wd = ::inotify_add_watch(fd_, current.c_str(), kDirectoryEvents);
    if (wd < 0) {
      if (errno == ENOSPC) return false;  // the watch limit
      continue;                           // gone meanwhile, or unreadable: nothing to watch
    }
    dirs_[wd] = current;
    std::unique_ptr<DIR, DirCloser> stream(::opendir(current.c_str()));
    if (!stream) continue;
    while (const dirent* e = ::readdir(stream.get())) {
      if (e->d_name[0] == '.') continue;
      const std::string child = current + "/" + e->d_name;
      if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) continue;
      if (e->d_type == DT_UNKNOWN) {
        std::unique_ptr<DIR, DirCloser> probe(::opendir(child.c_str()));
        if (!probe) continue;
      }
      if (!skip(child)) pending.push_back(child);
    }
  }
  return true;
}

std::vector<InotifyWatcher::Event> InotifyWatcher::wait(std::chrono::milliseconds timeout,
                                                        bool& overflow) {
  std::vector<Event> events;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return events;
  alignas(inotify_event) char buffer[64 * 1024];
  while (true) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if (e->mask & IN_Q_OVERFLOW) {
        overflow = true;
        continue;
      }
      const auto dir = dirs_.find(e->wd);
      if (dir == dirs_.end()) continue;
      if (e->mask & IN_IGNORED) {  // the directory is gone, or was unwatched
        dirs_.erase(dir);
        continue;
      }
      if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
        events.push_back({dir->second, true});
        continue;
      }
      if (e->len == 0 || e->name[0] == '.') continue;  // hidden files are not indexed
      events.push_back({dir->second + "/" + e->name, (e->mask & IN_ISDIR) != 0});
    }
  }
  return events;
}

}  // namespace longjing
