// tjit/core/small_vector.hpp — SmallVector<T, N>: a vector of trivially copyable values that keeps
// up to N of them inline and goes to the heap only beyond that. Tensor shapes and strides (rank
// ≤ 5 almost always) live in one, so making a tensor or a view allocates no shape arrays.
// It converts to ArrayRef<T>, so it can be passed wherever an IntArrayRef is taken.
//
//   tjit::SmallVector<std::int64_t, 5> sz(t.sizes());   // no allocation for rank ≤ 5
//   sz.insert(sz.begin() + 1, 1);
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>

#include "tjit/core/array_ref.hpp"

namespace tjit {

template <class T, std::size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "SmallVector holds trivially copyable values");

 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  SmallVector() noexcept = default;
  explicit SmallVector(std::size_t n, const T& v = T()) { assign(n, v); }
  SmallVector(ArrayRef<T> a) { assign(a.begin(), a.end()); }  // NOLINT
  SmallVector(std::initializer_list<T> l) { assign(l.begin(), l.end()); }
  SmallVector(const T* b, const T* e) { assign(b, e); }
  SmallVector(const SmallVector& o) { assign(o.begin(), o.end()); }
  SmallVector(SmallVector&& o) noexcept { take(o); }
  SmallVector& operator=(const SmallVector& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  SmallVector& operator=(SmallVector&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }
  ~SmallVector() { release(); }

  void assign(const T* b, const T* e) {
    std::size_t n = static_cast<std::size_t>(e - b);
    size_ = 0;
    reserve(n);
    if (n) std::memmove(data_, b, n * sizeof(T));
    size_ = n;
  }
  void assign(std::size_t n, const T& v) {
    size_ = 0;
    reserve(n);
    std::fill_n(data_, n, v);
    size_ = n;
  }

  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }
  operator ArrayRef<T>() const noexcept { return ArrayRef<T>(data_, size_); }  // NOLINT
  ArrayRef<T> ref() const noexcept { return ArrayRef<T>(data_, size_); }

  void reserve(std::size_t n) {
    if (n <= cap_) return;
    std::size_t cap = std::max(n, cap_ * 2);
    T* p = static_cast<T*>(std::malloc(cap * sizeof(T)));
    if (!p) throw std::bad_alloc();
    if (size_) std::memcpy(p, data_, size_ * sizeof(T));
    release();
    data_ = p;
    cap_ = cap;
  }
  void resize(std::size_t n, const T& v = T()) {
    reserve(n);
    if (n > size_) std::fill(data_ + size_, data_ + n, v);
    size_ = n;
  }
  void clear() noexcept { size_ = 0; }
  void push_back(const T& v) {
    if (size_ == cap_) {
      T copy = v;  // v may live inside this vector
      reserve(size_ + 1);
      data_[size_++] = copy;
    } else {
      data_[size_++] = v;
    }
  }
  void pop_back() noexcept { --size_; }
  T* insert(T* pos, const T& v) {
    std::size_t i = static_cast<std::size_t>(pos - data_);
    T copy = v;
    reserve(size_ + 1);
    std::memmove(data_ + i + 1, data_ + i, (size_ - i) * sizeof(T));
    data_[i] = copy;
    ++size_;
    return data_ + i;
  }
  T* erase(T* pos) noexcept {
    std::size_t i = static_cast<std::size_t>(pos - data_);
    std::memmove(data_ + i, data_ + i + 1, (size_ - i - 1) * sizeof(T));
    --size_;
    return data_ + i;
  }

  friend bool operator==(const SmallVector& a, const SmallVector& b) noexcept {
    return a.ref() == b.ref();
  }

 private:
  bool on_heap() const noexcept { return data_ != inline_; }
  void release() noexcept {
    if (on_heap()) std::free(data_);
    data_ = inline_;
    cap_ = N;
  }
  void take(SmallVector& o) noexcept {
    if (o.on_heap()) {
      data_ = o.data_;
      cap_ = o.cap_;
    } else {
      data_ = inline_;
      cap_ = N;
      if (o.size_) std::memcpy(inline_, o.inline_, o.size_ * sizeof(T));
    }
    size_ = o.size_;
    o.data_ = o.inline_;
    o.cap_ = N;
    o.size_ = 0;
  }

  T* data_ = inline_;
  std::size_t size_ = 0;
  std::size_t cap_ = N;
  T inline_[N];
};

// Sizes or strides of a tensor: inline up to rank 5.
using DimVector = SmallVector<std::int64_t, 5>;

}  // namespace tjit
