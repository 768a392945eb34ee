#include "base/ordered_workers.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace longjing {

std::vector<std::size_t> balanced_ranges(const std::vector<std::uint64_t>& weights,
                                         unsigned parts) {
  std::uint64_t total = 0;
  for (std::uint64_t w : weights) total += w + 1;  // + 1: every item costs something
  std::vector<std::size_t> starts{0};
  std::uint64_t sum = 0;
  unsigned cut = 1;
  for (std::size_t i = 0; i < weights.size() && cut < parts; ++i) {
    sum += weights[i] + 1;
    if (sum * parts >= total * cut) {
      if (i + 1 < weights.size()) starts.push_back(i + 1);
      ++cut;
    }
  }
  starts.push_back(weights.size());  // {0, 0} for no items: one empty range
  return starts;
}

void run_ordered(const std::vector<std::size_t>& ranges, const RangeWork& work,
                 const std::function<void(std::size_t index)>& deliver,
                 const std::atomic<bool>& stop) {
  const std::size_t parts = ranges.size() - 1;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::size_t> done_until(ranges.begin(), ranges.end() - 1);  // per part
  std::vector<bool> ended(parts, false);
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  // The calling thread sleeps until part `waiting_part` has done `wake_at` items: waking
  // it for every item cost a futex call per file (a sixth of a build's system time).
  constexpr std::size_t kBatch = 64;
  std::size_t waiting_part = parts;
  std::size_t wake_at = 0;

  std::vector<std::thread> threads;
  for (unsigned part = 0; part < parts; ++part) {
    threads.emplace_back([&, part] {
      try {
        if (work.begin) work.begin(part);
        for (std::size_t i = ranges[part]; i < ranges[part + 1]; ++i) {
          if (stop.load() || failed.load()) break;
          work.item(part, i);
          std::lock_guard lock(mutex);
          done_until[part] = i + 1;
          if (waiting_part == part && i + 1 >= wake_at) changed.notify_all();
        }
        if (work.end) work.end(part);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
      }
      std::lock_guard lock(mutex);
      ended[part] = true;
      changed.notify_all();
    });
  }

  try {
    for (unsigned part = 0; part < parts; ++part) {
      for (std::size_t i = ranges[part]; i < ranges[part + 1];) {
        std::size_t done;
        {
          std::unique_lock lock(mutex);
          waiting_part = part;
          wake_at = std::min(i + kBatch, ranges[part + 1]);
          changed.wait(lock, [&] { return done_until[part] >= wake_at || ended[part]; });
          waiting_part = parts;
          done = done_until[part];
        }
        if (done <= i) break;  // the thread stopped before this item
        for (; i < done; ++i) deliver(i);
      }
    }
  } catch (...) {
    failed = true;
    for (std::thread& t : threads) t.join();
    throw;
  }
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace longjing
