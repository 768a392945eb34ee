// Internal: the directories of an index's roots followed with Linux's inotify, for
// indexer --watch (indexing.cc). Reports which paths changed, not what to do about them.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace longjing {

class InotifyWatcher {
 public:
  // Opens an inotify instance. Throws IoError when the system gives none (the per-user
  // limit fs.inotify.max_user_instances).
  InotifyWatcher();
  ~InotifyWatcher();
  InotifyWatcher(const InotifyWatcher&) = delete;
  InotifyWatcher& operator=(const InotifyWatcher&) = delete;

  // Watches `dir` and every directory below it for which `skip(path)` is false (hidden
  // ones are skipped too). A directory watched before under another name (moved) takes its
  // new name. Returns false when the watch limit (fs.inotify.max_user_watches) stopped it
  // part way: the caller must rescan what it cannot watch.
  bool add_tree(const std::string& dir, const std::function<bool(const std::string&)>& skip);

  // A path under a watched directory that was created, written and closed, deleted or moved
  // in or out (`is_directory` for a directory); a watched directory that was deleted or moved
  // away is reported as itself.
  struct Event {
    std::string path;
    bool is_directory = false;
  };

  // Waits up to `timeout` for events and returns those that came; `overflow` is set when
  // the kernel's queue overflowed and events were lost (the caller must rescan).
  std::vector<Event> wait(std::chrono::milliseconds timeout, bool& overflow);

  // Directories watched now.
  std::size_t watched() const { return dirs_.size(); }

 private:
  int fd_ = -1;
  std::unordered_map<int, std::string> dirs_;  // watch descriptor → directory
};

}  // namespace longjing
