// tjit/tensor/storage.hpp — tjit::Storage: a shared, reference-counted block of bytes that
// tensors view. Owned storage is 64-byte aligned; storage can also wrap memory it does not own
// (a mapped archive, a user's buffer), kept alive by whatever `keep_alive` holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "tjit/core/error.hpp"

namespace tjit {

inline constexpr std::size_t kStorageAlignment = 64;

class Storage {
 public:
  Storage() = default;

  // Fresh, uninitialised, 64-byte aligned bytes.
  static Storage allocate(std::size_t nbytes) {
    Storage s;
    s.impl_ = std::make_shared<Impl>();
    s.impl_->nbytes = nbytes;
    if (nbytes > 0) {
      std::size_t rounded = (nbytes + kStorageAlignment - 1) / kStorageAlignment * kStorageAlignment;
      void* p = std::aligned_alloc(kStorageAlignment, rounded);
      if (!p)
        throw Error(detail::str_cat("DefaultCPUAllocator: not enough memory: you tried to allocate ",
                                    nbytes, " bytes."));
      s.impl_->data = std::shared_ptr<void>(p, [](void* q) { std::free(q); });
    }
    return s;
  }

  // Wraps `data` without copying; `keep_alive` (may be null) owns what backs it.
  static Storage wrap(void* data, std::size_t nbytes, std::shared_ptr<void> keep_alive = nullptr) {
    Storage s;
    s.impl_ = std::make_shared<Impl>();
    s.impl_->nbytes = nbytes;
    s.impl_->data = std::shared_ptr<void>(std::move(keep_alive), data);
    return s;
  }

  bool defined() const noexcept { return impl_ != nullptr; }
  void* data() const noexcept { return impl_ ? impl_->data.get() : nullptr; }
  std::size_t nbytes() const noexcept { return impl_ ? impl_->nbytes : 0; }
  // Identity: two tensors share memory exactly when their storages are the same object.
  const void* id() const noexcept { return impl_.get(); }
  long use_count() const noexcept { return impl_.use_count(); }

  friend bool operator==(const Storage& a, const Storage& b) noexcept { return a.impl_ == b.impl_; }

 private:
  struct Impl {
    std::shared_ptr<void> data;
    std::size_t nbytes = 0;
  };
  std::shared_ptr<Impl> impl_;
};

}  // namespace tjit
