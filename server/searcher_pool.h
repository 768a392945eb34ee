// A pool of Searchers over the same databases, one per request in flight: a Searcher serves
// one search at a time, and a server answers many at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "longjing/searcher.h"

namespace longjing::server {

class SearcherPool {
 public:
  // Opens the first Searcher now (so that a missing or damaged database is reported at
  // start, as DatabaseError), the others as requests need them, up to `size`.
  SearcherPool(std::vector<std::string> databases, SearcherOptions options, std::size_t size);

  // A Searcher lent to one request, moved to the newest committed revision of the
  // databases; given back when the lease ends.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher);
    ~Lease();
    Lease(Lease&& other) noexcept : pool_(other.pool_), searcher_(std::move(other.searcher_)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& operator*() const { return *searcher_; }
    Searcher* operator->() const { return searcher_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  // Waits until a Searcher is free (or opens one, below `size`), refreshes it and lends it.
  // Throws DatabaseError when opening or refreshing fails.
  Lease lease();

 private:
  void give_back(std::unique_ptr<Searcher> searcher);

  const std::vector<std::string> databases_;
  const SearcherOptions options_;
  const std::size_t size_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Searcher>> idle_;
  std::size_t opened_ = 0;
};

}  // namespace longjing::server
