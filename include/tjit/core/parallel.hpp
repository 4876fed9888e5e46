// tjit/core/parallel.hpp — intra-op parallelism: one process-wide pool and parallel_for.
//
// Kernels split large loops with tjit::parallel_for(begin, end, grain, fn); the calling thread
// takes the first chunk and the pool's workers the rest. tjit::set_num_threads(n) sets how many
// threads one op may use (default: the machine's hardware threads), as at::set_num_threads does.
// Nested parallel_for calls (from inside a chunk) run serially, so kernels can call kernels.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "tjit/core/error.hpp"

namespace tjit {
namespace detail {

class IntraOpPool {
 public:
  static IntraOpPool& instance() {
    static IntraOpPool pool;
    return pool;
  }

  int num_threads() const noexcept { return num_threads_.load(std::memory_order_relaxed); }

  void set_num_threads(int n) {
    TJIT_CHECK(n > 0, "set_num_threads expects a positive number of threads, but got ", n);
    std::lock_guard<std::mutex> lock(mu_);
    while (static_cast<int>(workers_.size()) < n - 1)
      workers_.emplace_back([this] { work(); });
    num_threads_.store(n, std::memory_order_relaxed);
  }

  // Runs each task; the caller runs tasks[0] itself. Rethrows the first exception.
  void run(std::vector<std::function<void()>>& tasks) {
    if (tasks.empty()) return;
    struct Join {
      std::mutex mu;
      std::condition_variable cv;
      std::size_t remaining;
      std::exception_ptr error;
    } join;
    join.remaining = tasks.size() - 1;
    auto wrap = [&join](std::function<void()>& task) {
      return [&join, &task] {
        std::exception_ptr err;
        try {
          in_parallel_region() = true;
          task();
        } catch (...) {
          err = std::current_exception();
        }
        in_parallel_region() = false;
        std::lock_guard<std::mutex> lock(join.mu);
        if (err && !join.error) join.error = err;
        if (--join.remaining == 0) join.cv.notify_one();
      };
    };
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (std::size_t i = 1; i < tasks.size(); ++i) queue_.push_back(wrap(tasks[i]));
    }
    cv_.notify_all();
    std::exception_ptr first;
    try {
      in_parallel_region() = true;
      tasks[0]();
    } catch (...) {
      first = std::current_exception();
    }
    in_parallel_region() = false;
    // Help with our own tasks rather than sleeping, so a busy pool never stalls us.
    for (;;) {
      std::function<void()> task;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (queue_.empty()) break;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
    std::unique_lock<std::mutex> lock(join.mu);
    join.cv.wait(lock, [&] { return join.remaining == 0; });
    if (first) std::rethrow_exception(first);
    if (join.error) std::rethrow_exception(join.error);
  }

  static bool& in_parallel_region() noexcept {
    thread_local bool flag = false;
    return flag;
  }

  ~IntraOpPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

 private:
  IntraOpPool() {
    unsigned hw = std::thread::hardware_concurrency();
    set_num_threads(hw == 0 ? 1 : static_cast<int>(hw));
  }

  void work() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (stop_ && queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::atomic<int> num_threads_{1};
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;
  bool stop_ = false;
};

}  // namespace detail

// How many threads one op may use.
inline int get_num_threads() { return detail::IntraOpPool::instance().num_threads(); }
inline void set_num_threads(int n) { detail::IntraOpPool::instance().set_num_threads(n); }
inline bool in_parallel_region() { return detail::IntraOpPool::in_parallel_region(); }

// Calls fn(chunk_begin, chunk_end) over [begin, end) split into at most get_num_threads() chunks
// of at least `grain` iterations each. Serial when the range is small or we are already inside
// a parallel region. Exceptions from any chunk propagate to the caller.
template <class F>
void parallel_for(std::int64_t begin, std::int64_t end, std::int64_t grain, const F& fn) {
  if (begin >= end) return;
  const std::int64_t n = end - begin;
  grain = std::max<std::int64_t>(grain, 1);
  std::int64_t chunks = std::min<std::int64_t>(get_num_threads(), (n + grain - 1) / grain);
  if (chunks <= 1 || in_parallel_region()) {
    fn(begin, end);
    return;
  }
  const std::int64_t step = (n + chunks - 1) / chunks;
  std::vector<std::function<void()>> tasks;
  tasks.reserve(static_cast<std::size_t>(chunks));
  for (std::int64_t b = begin; b < end; b += step) {
    std::int64_t e = std::min(end, b + step);
    tasks.emplace_back([&fn, b, e] { fn(b, e); });
  }
  detail::IntraOpPool::instance().run(tasks);
}

}  // namespace tjit
