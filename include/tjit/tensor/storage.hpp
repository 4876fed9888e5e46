// tjit/tensor/storage.hpp — tjit::Storage: a shared, reference-counted block of bytes that
// tensors view. Owned storage is 64-byte aligned; storage can also wrap memory it does not own
// (a mapped archive, a user's buffer), kept alive by whatever `keep_alive` holds.
//
// Note [Storage layout]: owned storage is one malloc block — the reference-counted header first,
// then the bytes, from the next 64-byte boundary — so a fresh tensor costs one allocation for its
// storage, not three (header, bytes, shared_ptr control block). Wrapped storage is the header
// alone, holding the foreign pointer and its keep-alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "tjit/core/error.hpp"
#include "tjit/core/intrusive_ptr.hpp"

namespace tjit {

inline constexpr std::size_t kStorageAlignment = 64;

class Storage {
 public:
  Storage() = default;

  // Fresh, uninitialised, 64-byte aligned bytes.
  static Storage allocate(std::size_t nbytes) {
    std::size_t total = sizeof(Impl) + (nbytes > 0 ? nbytes + kStorageAlignment - 1 : 0);
    void* raw = nbytes <= SIZE_MAX - sizeof(Impl) - kStorageAlignment ? std::malloc(total) : nullptr;
    if (!raw)
      throw Error(detail::str_cat("DefaultCPUAllocator: not enough memory: you tried to allocate ",
                                  nbytes, " bytes."));
    Impl* impl = new (raw) Impl;
    impl->nbytes = nbytes;
    if (nbytes > 0) {
      auto p = reinterpret_cast<std::uintptr_t>(static_cast<char*>(raw) + sizeof(Impl));
      p = (p + kStorageAlignment - 1) & ~static_cast<std::uintptr_t>(kStorageAlignment - 1);
      impl->data = reinterpret_cast<void*>(p);
    }
    Storage s;
    s.impl_ = IntrusivePtr<Impl>::adopt_new(impl);
    return s;
  }

  // Wraps `data` without copying; `keep_alive` (may be null) owns what backs it.
  static Storage wrap(void* data, std::size_t nbytes, std::shared_ptr<void> keep_alive = nullptr) {
    void* raw = std::malloc(sizeof(Impl));
    if (!raw) throw std::bad_alloc();
    Impl* impl = new (raw) Impl;
    impl->data = data;
    impl->nbytes = nbytes;
    impl->keep_alive = std::move(keep_alive);
    Storage s;
    s.impl_ = IntrusivePtr<Impl>::adopt_new(impl);
    return s;
  }

  bool defined() const noexcept { return impl_ != nullptr; }
  void* data() const noexcept { return impl_ ? impl_->data : nullptr; }
  std::size_t nbytes() const noexcept { return impl_ ? impl_->nbytes : 0; }
  // Identity: two tensors share memory exactly when their storages are the same object.
  const void* id() const noexcept { return impl_.get(); }
  long use_count() const noexcept { return static_cast<long>(impl_.use_count()); }

  friend bool operator==(const Storage& a, const Storage& b) noexcept { return a.impl_ == b.impl_; }

 private:
  // Lives at the start of a malloc block (Note [Storage layout]); freed with it.
  struct Impl final : Refcounted {
    void* data = nullptr;
    std::size_t nbytes = 0;
    std::shared_ptr<void> keep_alive;
    static void operator delete(void* p) noexcept { std::free(p); }
  };
  IntrusivePtr<Impl> impl_;
};

}  // namespace tjit
