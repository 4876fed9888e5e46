// tjit/core/intrusive_ptr.hpp — reference counting inside the object.
//
// IntrusivePtr<T> is one pointer wide (std::shared_ptr is two), so a tagged runtime value that
// holds a tensor, a list or a string stays 16 bytes (Note [IValue layout] in runtime/ivalue.hpp).
// T derives from Refcounted; counts are atomic, so pointers may be copied from many threads.
//
//   struct Node : tjit::Refcounted { int v = 0; };
//   auto p = tjit::make_intrusive<Node>();   // count 1
//   auto q = p;                              // count 2, same object
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

namespace tjit {

class Refcounted {
 public:
  Refcounted() = default;
  Refcounted(const Refcounted&) noexcept {}  // a copy is a new object: its count starts at 0
  Refcounted& operator=(const Refcounted&) noexcept { return *this; }
  virtual ~Refcounted() = default;

  std::int64_t refcount() const noexcept { return refs_.load(std::memory_order_acquire); }

 private:
  template <class>
  friend class IntrusivePtr;
  void retain() const noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() const noexcept {
    // The sole owner needs no atomic read-modify-write: nobody else can take a new reference.
    if (refs_.load(std::memory_order_acquire) == 1 ||
        refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
      delete this;
  }
  // A new object's first reference: a plain store, nobody else can see the object yet.
  void retain_first() const noexcept { refs_.store(1, std::memory_order_relaxed); }
  mutable std::atomic<std::int64_t> refs_{0};
};

template <class T>
class IntrusivePtr {
 public:
  IntrusivePtr() noexcept = default;
  IntrusivePtr(std::nullptr_t) noexcept {}
  // Takes a new reference to `p` (which may already be owned by other IntrusivePtrs).
  explicit IntrusivePtr(T* p) noexcept : p_(p) {
    if (p_) p_->retain();
  }
  IntrusivePtr(const IntrusivePtr& o) noexcept : IntrusivePtr(o.p_) {}
  IntrusivePtr(IntrusivePtr&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  template <class U>
  IntrusivePtr(const IntrusivePtr<U>& o) noexcept : IntrusivePtr(static_cast<T*>(o.get())) {}
  template <class U>
  IntrusivePtr(IntrusivePtr<U>&& o) noexcept : p_(static_cast<T*>(o.release())) {}
  ~IntrusivePtr() {
    if (p_) p_->release();
  }
  IntrusivePtr& operator=(IntrusivePtr o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }

  T* get() const noexcept { return p_; }
  T* operator->() const noexcept { return p_; }
  T& operator*() const noexcept { return *p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  std::int64_t use_count() const noexcept { return p_ ? p_->refcount() : 0; }
  void reset() noexcept { IntrusivePtr().swap(*this); }
  void swap(IntrusivePtr& o) noexcept { std::swap(p_, o.p_); }

  // Gives up ownership without releasing: the caller now holds the reference.
  T* release() noexcept { return std::exchange(p_, nullptr); }
  // Takes the first reference to a new object `p` (count 0, seen by nobody else yet).
  static IntrusivePtr adopt_new(T* p) noexcept {
    IntrusivePtr r;
    r.p_ = p;
    p->retain_first();
    return r;
  }
  // Adopts a reference previously given up by release().
  static IntrusivePtr reclaim(T* p) noexcept {
    IntrusivePtr r;
    r.p_ = p;
    return r;
  }

  friend bool operator==(const IntrusivePtr& a, const IntrusivePtr& b) noexcept {
    return a.p_ == b.p_;
  }
  friend bool operator==(const IntrusivePtr& a, std::nullptr_t) noexcept { return !a.p_; }

 private:
  T* p_ = nullptr;
};

template <class T, class... Args>
IntrusivePtr<T> make_intrusive(Args&&... args) {
  return IntrusivePtr<T>::adopt_new(new T(std::forward<Args>(args)...));
}

}  // namespace tjit
