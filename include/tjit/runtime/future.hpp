// tjit/runtime/future.hpp — futures and fork/wait, for C++ callers and for the interpreter.
//
//   tjit::Future<tjit::Tensor> f = tjit::fork([](const tjit::Tensor& x) { return x * 2; }, x);
//   tjit::Tensor y = tjit::wait(f);        // or f.wait()
//
// Forked work runs on the inter-op pool of core/task.hpp (the one `prim::fork` uses), inherits
// the forking thread's grad mode, and may fork again to any depth (Note [Waiting never
// deadlocks]). An exception thrown by the work is rethrown by wait().
//
// FutureObj is the TorchScript `Future[T]` value (an IValue), completed by a forked graph or
// by hand (markCompleted / setError), with callbacks run on completion.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "tjit/core/task.hpp"
#include "tjit/runtime/ivalue.hpp"

namespace tjit::runtime {


// Runs `fn()` on the inter-op pool; its IValue result (or error) completes the returned future.
inline FuturePtr fork_ivalue(TypePtr elem_type, std::function<IValue()> fn) {
  auto fut = make_intrusive<FutureObj>(std::move(elem_type));
  FutureObj* raw = fut.get();
  auto keep = fut;  // the task holds the future alive until it has run
  auto task = std::make_shared<tjit::detail::Task>([raw, keep, fn = std::move(fn)]() mutable {
    try {
      raw->markCompleted(fn());
    } catch (...) {
      raw->setError(std::current_exception());
    }
    keep.reset();
  });
  raw->setProducer(task);
  tjit::detail::InterOpPool::instance().submit(std::move(task));
  return fut;
}

}  // namespace tjit::runtime

namespace tjit {

// A typed future for C++ callers: what tjit::fork returns.
template <class T>
class Future {
 public:
  Future() = default;

  // Blocks until the work has run; returns its result or rethrows its exception.
  T wait() const {
    TJIT_CHECK(state_, "wait() on an empty tjit::Future");
    state_->task->wait();
    if (state_->error) std::rethrow_exception(state_->error);
    if constexpr (!std::is_void_v<T>) return *state_->value;
  }
  bool done() const { return state_ && state_->task->done(); }
  bool valid() const { return state_ != nullptr; }

 private:
  template <class F, class... Args>
  friend auto fork(F&& fn, Args&&... args)
      -> Future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>&...>>;

  struct State {
    std::shared_ptr<detail::Task> task;
    std::conditional_t<std::is_void_v<T>, bool, std::optional<T>> value{};
    std::exception_ptr error;
  };
  std::shared_ptr<State> state_;
};

// Runs fn(args...) on the inter-op pool (arguments are copied or moved in, as std::thread does).
template <class F, class... Args>
auto fork(F&& fn, Args&&... args)
    -> Future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>&...>> {
  using R = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>&...>;
  Future<R> fut;
  auto state = std::make_shared<typename Future<R>::State>();
  // The task keeps the state alive until it has run (Task drops its function after running,
  // which breaks the state -> task -> state cycle).
  state->task = std::make_shared<detail::Task>(
      [raw = state, f = std::forward<F>(fn), tup = std::make_tuple(std::forward<Args>(args)...)]() mutable {
        try {
          if constexpr (std::is_void_v<R>) {
            std::apply(f, tup);
          } else {
            raw->value.emplace(std::apply(f, tup));
          }
        } catch (...) {
          raw->error = std::current_exception();
        }
      });
  fut.state_ = state;
  detail::InterOpPool::instance().submit(state->task);
  return fut;
}

template <class T>
T wait(const Future<T>& f) {
  return f.wait();
}

}  // namespace tjit
