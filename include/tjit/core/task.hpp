// tjit/core/task.hpp — inter-op parallelism: the pool that runs forked work (`tjit::fork`,
// TorchScript's `torch.jit.fork`), the run-once tasks it runs, and the thread-local state a
// forked task inherits from the thread that forked it (grad mode).
//
// Note [Waiting never deadlocks]
// A task runs exactly once, on whichever thread claims it first: a pool worker, or a thread
// that waits for it before any worker started it (the waiter then runs it inline). So a wait
// only ever blocks on a task that is already running on some thread; since forks form a tree,
// that task's own waits make progress the same way, however deep the nesting and however small
// the pool. This is what lets a graph fork more nested tasks than there are pool threads.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "tjit/core/error.hpp"

namespace tjit {

// State that follows work into forked tasks, as PyTorch's at::ThreadLocalState does.
struct ThreadLocalState {
  bool grad_enabled = true;

  static ThreadLocalState& current() noexcept {
    thread_local ThreadLocalState state;
    return state;
  }
};

inline bool is_grad_enabled() noexcept { return ThreadLocalState::current().grad_enabled; }
inline void set_grad_enabled(bool enabled) noexcept {
  ThreadLocalState::current().grad_enabled = enabled;
}

// RAII: `{ tjit::NoGradGuard g; ... }` as in libtorch (`with torch.no_grad()` in scripts).
class NoGradGuard {
 public:
  NoGradGuard() noexcept : prev_(is_grad_enabled()) { set_grad_enabled(false); }
  ~NoGradGuard() { set_grad_enabled(prev_); }
  NoGradGuard(const NoGradGuard&) = delete;
  NoGradGuard& operator=(const NoGradGuard&) = delete;

 private:
  bool prev_;
};

namespace detail {

// Work that runs exactly once; see Note [Waiting never deadlocks]. The function runs with the
// thread-local state captured when the task was made, and must not throw (callers store errors
// in their result).
class Task {
 public:
  explicit Task(std::function<void()> fn)
      : fn_(std::move(fn)), state_(ThreadLocalState::current()) {}

  // Runs the task here unless another thread already claimed it. Returns whether it ran here.
  bool try_run() noexcept {
    if (claimed_.exchange(true, std::memory_order_acq_rel)) return false;
    ThreadLocalState saved = ThreadLocalState::current();
    ThreadLocalState::current() = state_;
    fn_();
    fn_ = nullptr;
    ThreadLocalState::current() = saved;
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    return true;
  }

  // Returns when the task has run: runs it inline if nobody started it yet.
  void wait() noexcept {
    if (try_run()) return;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return done_; });
  }

  bool done() const noexcept {
    std::lock_guard<std::mutex> lock(mu_);
    return done_;
  }

 private:
  std::function<void()> fn_;
  ThreadLocalState state_;
  std::atomic<bool> claimed_{false};
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

// The process-wide inter-op pool (PyTorch's `at::launch` pool). Workers start on first use.
class InterOpPool {
 public:
  static InterOpPool& instance() {
    static InterOpPool pool;
    return pool;
  }

  void submit(std::shared_ptr<Task> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (workers_.empty()) start_locked();
      queue_.push_back(std::move(task));
    }
    cv_.notify_one();
  }

  int num_threads() const noexcept { return num_threads_.load(std::memory_order_relaxed); }

  // Like at::set_num_interop_threads: only before the pool has started.
  void set_num_threads(int n) {
    TJIT_CHECK(n > 0, "Expected positive number of threads");
    std::lock_guard<std::mutex> lock(mu_);
    TJIT_CHECK(workers_.empty(),
               "Error: cannot set number of interop threads after parallel work has started "
               "or set_num_interop_threads called");
    num_threads_.store(n, std::memory_order_relaxed);
  }

  ~InterOpPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

 private:
  InterOpPool() {
    unsigned hw = std::thread::hardware_concurrency();
    num_threads_ = hw == 0 ? 1 : static_cast<int>(hw);
  }

  void start_locked() {
    for (int i = 0; i < num_threads_; ++i) workers_.emplace_back([this] { work(); });
  }

  void work() {
    for (;;) {
      std::shared_ptr<Task> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (stop_ && queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task->try_run();  // a waiter may have run it already
    }
  }

  std::atomic<int> num_threads_{1};
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Task>> queue_;
  std::vector<std::thread> workers_;
  bool stop_ = false;
};

}  // namespace detail

inline int get_num_interop_threads() { return detail::InterOpPool::instance().num_threads(); }
inline void set_num_interop_threads(int n) { detail::InterOpPool::instance().set_num_threads(n); }

}  // namespace tjit
