#include "searcher_pool.h"

#include <utility>

namespace longjing::server {

SearcherPool::SearcherPool(std::vector<std::string> databases, SearcherOptions options,
                           std::size_t size)
    : databases_(std::move(databases)), options_(std::move(options)), size_(size == 0 ? 1 : size) {
  idle_.push_back(std::make_unique<Searcher>(databases_, options_));
  opened_ = 1;
}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
    : pool_(pool), searcher_(std::move(searcher)) {}

SearcherPool::Lease::~Lease() {
  if (searcher_) pool_.give_back(std::move(searcher_));
}

SearcherPool::Lease SearcherPool::lease() {
  std::unique_ptr<Searcher> searcher;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    freed_.wait(lock, [this] { return !idle_.empty() || opened_ < size_; });
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++opened_;  // opened outside the lock: opening a remote database may take a while
    }
  }
  if (!searcher) {
    try {
      searcher = std::make_unique<Searcher>(databases_, options_);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      --opened_;
      freed_.notify_one();
      throw;
    }
  }
  Lease lease(*this, std::move(searcher));
  lease->refresh();  // every request sees the newest committed revision
  return lease;
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
  const std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(searcher));
  freed_.notify_one();
}

}  // namespace longjing::server
