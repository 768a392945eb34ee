// Work on a list split into contiguous ranges, one per thread, with results handed back
// on the calling thread in list order: the parallel part of a full build, which must
// report files (and number documents) exactly as a one-thread run would.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

namespace longjing {

// Cuts [0, weights.size()) into at most `parts` contiguous ranges of about equal total
// weight; returns the ranges' starts followed by weights.size(). Empty ranges are dropped.
std::vector<std::size_t> balanced_ranges(const std::vector<std::uint64_t>& weights, unsigned parts);

// What one thread does with its range.
struct RangeWork {
  // Called once per thread, on that thread, before its first item (may be empty).
  std::function<void(unsigned part)> begin;
  // Does item `index` on thread `part`; its result is then delivered.
  std::function<void(unsigned part, std::size_t index)> item;
  // Called once per thread, on that thread, after its last item, even when stopped.
  std::function<void(unsigned part)> end;
};

// Runs work.item for every index of each range on a thread of its own and calls
// `deliver(index)` on the calling thread in index order, each as soon as that item and
// all before it are done. Once `stop` is true (or an item throws) threads finish their
// current item and stop; items not done are not delivered. Rethrows the first exception
// of any thread after every thread has ended.
void run_ordered(const std::vector<std::size_t>& ranges, const RangeWork& work,
                 const std::function<void(std::size_t index)>& deliver,
                 const std::atomic<bool>& stop);

}  // namespace longjing
