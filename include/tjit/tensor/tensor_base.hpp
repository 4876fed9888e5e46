// tjit/tensor/tensor_base.hpp — the tjit::Tensor class: PyTorch's data model (a view of a shared
// Storage through sizes, strides and an offset, with a dtype and a device) and the view ops that
// only rearrange metadata. Math, copies and printing are in the other tensor/ headers; include
// "tjit/tensor/tensor.hpp" for the whole surface.
//
// Views share storage exactly as in PyTorch: `t.select(0, 1)`, `t.transpose(0, 1)`, `t.view(...)`
// alias `t`, and in-place ops through a view write into the original.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "tjit/core/array_ref.hpp"
#include "tjit/core/error.hpp"
#include "tjit/core/intrusive_ptr.hpp"
#include "tjit/core/small_vector.hpp"
#include "tjit/tensor/device.hpp"
#include "tjit/tensor/scalar.hpp"
#include "tjit/tensor/scalar_type.hpp"
#include "tjit/tensor/storage.hpp"
#include "tjit/tensor/trace_hook.hpp"

namespace tjit {

using Shape = std::vector<std::int64_t>;

namespace detail {

inline std::string shape_str(IntArrayRef s) {
  std::string out = "[";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(s[i]);
  }
  return out + "]";
}

// Wraps a possibly negative dim into [0, ndim), with PyTorch's message when out of range.
inline std::int64_t wrap_dim(std::int64_t dim, std::int64_t ndim, bool scalar_as_1d = true) {
  std::int64_t n = (ndim == 0 && scalar_as_1d) ? 1 : ndim;
  if (n <= 0) throw IndexError(str_cat("Dimension specified as ", dim, " but tensor has no dimensions"));
  if (dim < -n || dim >= n)
    throw IndexError(str_cat("Dimension out of range (expected to be in range of [", -n, ", ",
                             n - 1, "], but got ", dim, ")"));
  return dim < 0 ? dim + n : dim;
}

inline std::int64_t checked_numel(IntArrayRef sizes) {
  std::int64_t n = 1;
  for (auto s : sizes) {
    TJIT_CHECK(s >= 0, "Trying to create tensor with negative dimension ", s, ": ",
               shape_str(sizes));
    if (s != 0 && n > INT64_MAX / s)
      throw Error(str_cat("Tensor of sizes ", shape_str(sizes), " has too many elements"));
    n *= s;
  }
  return n;
}

// Writes the contiguous strides of `sizes` to `out` (sizes.size() values).
inline void contiguous_strides_into(IntArrayRef sizes, std::int64_t* out) noexcept {
  std::int64_t acc = 1;
  for (std::size_t i = sizes.size(); i-- > 0;) {
    out[i] = acc;
    acc *= std::max<std::int64_t>(sizes[i], 1);
  }
}

inline Shape contiguous_strides(IntArrayRef sizes) {
  Shape st(sizes.size());
  contiguous_strides_into(sizes, st.data());
  return st;
}

}  // namespace detail

class Tensor {
 public:
  Tensor() = default;

  // A tensor viewing `storage` (no copy). Bounds are checked against the storage's size.
  static Tensor from_storage(Storage storage, IntArrayRef sizes, IntArrayRef strides,
                             std::int64_t offset, ScalarType dtype) {
    TJIT_CHECK(sizes.size() == strides.size(), "mismatch in length of strides and shape");
    auto impl = make_intrusive<Impl>();
    impl->storage = std::move(storage);
    impl->sizes.assign(sizes.begin(), sizes.end());
    impl->strides.assign(strides.begin(), strides.end());
    impl->offset = offset;
    impl->dtype = dtype;
    impl->numel = detail::checked_numel(sizes);
    Tensor t(std::move(impl));
    t.check_in_bounds();
    return t;
  }

  // Uninitialised contiguous tensor.
  static Tensor empty(IntArrayRef sizes, ScalarType dtype = default_dtype()) {
    std::int64_t n = detail::checked_numel(sizes);
    std::size_t esize = tjit::element_size(dtype);
    TJIT_CHECK(dtype != ScalarType::Undefined && esize > 0, "cannot create a tensor of dtype ",
               to_string(dtype));
    TJIT_CHECK(n == 0 || static_cast<std::uint64_t>(n) <= UINT64_MAX / esize / 2,
               "Tensor of sizes ", detail::shape_str(sizes), " is too large to allocate");
    auto impl = make_intrusive<Impl>();
    impl->storage = Storage::allocate(static_cast<std::size_t>(n) * esize);
    impl->sizes.assign(sizes.begin(), sizes.end());
    impl->strides.resize(sizes.size());
    detail::contiguous_strides_into(sizes, impl->strides.data());
    impl->dtype = dtype;
    impl->numel = n;
    return Tensor(std::move(impl));
  }

  // --- metadata -------------------------------------------------------------------------------
  bool defined() const noexcept { return impl_ != nullptr; }
  IntArrayRef sizes() const { return checked().sizes; }
  IntArrayRef strides() const { return checked().strides; }
  std::int64_t dim() const { return static_cast<std::int64_t>(checked().sizes.size()); }
  std::int64_t ndimension() const { return dim(); }
  std::int64_t size(std::int64_t d) const {
    return checked().sizes[static_cast<std::size_t>(detail::wrap_dim(d, dim(), false))];
  }
  std::int64_t stride(std::int64_t d) const {
    return checked().strides[static_cast<std::size_t>(detail::wrap_dim(d, dim(), false))];
  }
  std::int64_t numel() const { return checked().numel; }
  ScalarType scalar_type() const { return checked().dtype; }
  ScalarType dtype() const { return scalar_type(); }
  Device device() const { return kCPU; }
  std::int64_t storage_offset() const { return checked().offset; }
  const Storage& storage() const { return checked().storage; }
  std::size_t element_size() const { return tjit::element_size(scalar_type()); }
  std::size_t itemsize() const { return element_size(); }
  std::size_t nbytes() const { return static_cast<std::size_t>(numel()) * element_size(); }
  bool is_floating_point() const { return is_floating_type(scalar_type()); }
  bool is_complex() const { return is_complex_type(scalar_type()); }
  bool is_signed() const { return is_signed_type(scalar_type()); }
  bool is_cpu() const { return true; }
  bool is_cuda() const { return false; }
  bool is_nested() const { return false; }
  bool is_quantized() const { return false; }
  bool is_mkldnn() const { return false; }
  bool is_sparse() const { return false; }

  bool is_contiguous() const {
    const Impl& m = checked();
    if (m.numel < 2) return true;
    std::int64_t expected = 1;
    for (std::size_t i = m.sizes.size(); i-- > 0;) {
      if (m.sizes[i] == 1) continue;
      if (m.strides[i] != expected) return false;
      expected *= m.sizes[i];
    }
    return true;
  }

  // Whether both are the very same tensor object (not just equal values).
  bool is_same(const Tensor& other) const noexcept { return impl_ == other.impl_; }
  bool is_alias_of(const Tensor& other) const {
    return defined() && other.defined() && storage() == other.storage();
  }
  long use_count() const noexcept { return static_cast<long>(impl_.use_count()); }
  // Identity of the tensor object, for memo tables (pickling, deep copies).
  const void* unsafe_impl_ptr() const noexcept { return impl_.get(); }

  // Autograd is not part of tjit (inference only); the flag exists for archives and scripts that
  // read `x.requires_grad`.
  bool requires_grad() const { return checked().requires_grad; }
  Tensor& set_requires_grad(bool v) {
    checked_mut().requires_grad = v;
    return *this;
  }

  // A 0-dim tensor made from a Python number (`x + 1`): it takes part in type promotion with
  // lower priority, exactly as in PyTorch.
  bool is_wrapped_number() const { return checked().wrapped_number; }
  Tensor& set_wrapped_number(bool v) {
    checked_mut().wrapped_number = v;
    return *this;
  }

  // Pointer to the first element.
  // Under tracing, reading data from C++ is reported (the trace cannot follow it).
  void* data_ptr(std::source_location where = std::source_location::current()) const {
    tracing::report_data_read(*this, tracing::DataRead::DataPtr, where);
    return raw_data_ptr();
  }
  template <class T>
  T* data_ptr(std::source_location where = std::source_location::current()) const {
    TJIT_CHECK(scalar_type_of<T> == scalar_type(), "expected scalar type ",
               to_string(scalar_type_of<T>), " but found ", to_string(scalar_type()));
    return static_cast<T*>(data_ptr(where));
  }

  // The single value of a one-element tensor.
  Scalar item(std::source_location where = std::source_location::current()) const {
    TJIT_CHECK(numel() == 1, "a Tensor with ", numel(),
               " elements cannot be converted to Scalar");
    tracing::report_data_read(*this, tracing::DataRead::Item, where);
    return dispatch_all(scalar_type(), "item", [&](auto tag) -> Scalar {
      using T = decltype(tag);
      return Scalar(*static_cast<const T*>(raw_data_ptr()));
    });
  }
  template <class T>
  T item(std::source_location where = std::source_location::current()) const {
    return item(where).to<T>();
  }

  // --- views (share storage) ------------------------------------------------------------------
  Tensor as_strided(IntArrayRef sizes, IntArrayRef strides,
                    std::optional<std::int64_t> offset = std::nullopt) const {
    TJIT_TRACE("aten::as_strided", as_strided(sizes, strides, offset), *this, sizes, strides,
               offset);
    Tensor t = from_storage(storage(), sizes, strides, offset.value_or(storage_offset()),
                            scalar_type());
    return t;
  }

  Tensor alias() const {
    TJIT_TRACE("aten::alias", alias(), *this);
    return as_strided(sizes(), strides());
  }

  Tensor view(IntArrayRef shape) const {
    TJIT_TRACE("aten::view", view(shape), *this, shape);
    DimVector sz, st;
    infer_size_into(shape, numel(), sz);
    TJIT_CHECK(view_strides_into(sz, st),
               "view size is not compatible with input tensor's size and stride (at least one "
               "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
    return as_strided(sz, st);
  }

  // A view when the strides allow it, else a contiguous copy (tensor.hpp defines the copy).
  Tensor reshape(IntArrayRef shape) const;

  Tensor expand(IntArrayRef target) const {
    TJIT_TRACE("aten::expand", expand(target), *this, target, false);
    const auto ndim = dim();
    const auto n = static_cast<std::int64_t>(target.size());
    TJIT_CHECK(n >= ndim, "expand(", python_name(scalar_type()).substr(6),
               "{", detail::shape_str(sizes()), "}, size=", detail::shape_str(target),
               "): the number of sizes provided (", n,
               ") must be greater or equal to the number of dimensions in the tensor (", ndim, ")");
    DimVector sz(target.size()), st(target.size());
    for (std::int64_t i = n - 1; i >= 0; --i) {
      std::int64_t off = ndim - n + i;
      std::int64_t own = off >= 0 ? sizes()[static_cast<std::size_t>(off)] : 1;
      std::int64_t own_stride = off >= 0 ? strides()[static_cast<std::size_t>(off)] : 0;
      std::int64_t want = target[static_cast<std::size_t>(i)];
      if (want == -1) {
        TJIT_CHECK(off >= 0, "The expanded size of the tensor (-1) isn't allowed in a leading, "
                             "non-existing dimension ", i);
        want = own;
      }
      if (own == want) {
        sz[static_cast<std::size_t>(i)] = own;
        st[static_cast<std::size_t>(i)] = own_stride;
      } else {
        TJIT_CHECK(own == 1, "The expanded size of the tensor (", want,
                   ") must match the existing size (", own, ") at non-singleton dimension ", i,
                   ".  Target sizes: ", detail::shape_str(target),
                   ".  Tensor sizes: ", detail::shape_str(sizes()));
        TJIT_CHECK(want >= 0, "Trying to create tensor with negative dimension ", want, ": ",
                   detail::shape_str(target));
        sz[static_cast<std::size_t>(i)] = want;
        st[static_cast<std::size_t>(i)] = 0;
      }
    }
    return as_strided(sz, st);
  }
  Tensor expand_as(const Tensor& other) const {
    TJIT_TRACE("aten::expand_as", expand_as(other), *this, other);
    return expand(other.sizes());
  }

  Tensor permute(IntArrayRef dims) const {
    TJIT_TRACE("aten::permute", permute(dims), *this, dims);
    const auto n = dim();
    TJIT_CHECK(static_cast<std::int64_t>(dims.size()) == n,
               "permute(sparse_coo): number of dimensions in the tensor input does not match the "
               "length of the desired ordering of dimensions i.e. input.dim() = ",
               n, " is not equal to len(dims) = ", dims.size());
    DimVector sz(dims.size()), st(dims.size());
    SmallVector<bool, 8> seen(dims.size(), false);
    for (std::size_t i = 0; i < dims.size(); ++i) {
      auto d = static_cast<std::size_t>(detail::wrap_dim(dims[i], n));
      TJIT_CHECK(!seen[d], "permute(): duplicate dims are not allowed.");
      seen[d] = true;
      sz[i] = sizes()[d];
      st[i] = strides()[d];
    }
    return as_strided(sz, st);
  }

  Tensor transpose(std::int64_t d0, std::int64_t d1) const {
    TJIT_TRACE("aten::transpose.int", transpose(d0, d1), *this, d0, d1);
    const auto n = dim();
    auto a = static_cast<std::size_t>(detail::wrap_dim(d0, n));
    auto b = static_cast<std::size_t>(detail::wrap_dim(d1, n));
    if (n == 0) return alias();
    DimVector sz(sizes()), st(strides());
    std::swap(sz[a], sz[b]);
    std::swap(st[a], st[b]);
    return as_strided(sz, st);
  }

  Tensor t() const {
    TJIT_TRACE("aten::t", t(), *this);
    TJIT_CHECK(dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is ", dim(), "D");
    return dim() < 2 ? alias() : transpose(0, 1);
  }

  Tensor select(std::int64_t d, std::int64_t index) const {
    TJIT_TRACE("aten::select.int", select(d, index), *this, d, index);
    TJIT_CHECK_AS(IndexError, dim() > 0, "select() cannot be applied to a 0-dim tensor.");
    auto dd = static_cast<std::size_t>(detail::wrap_dim(d, dim()));
    std::int64_t size = sizes()[dd];
    if (index < -size || index >= size)
      throw IndexError(detail::str_cat("select(): index ", index,
                                       " out of range for tensor of size ",
                                       detail::shape_str(sizes()), " at dimension ", d));
    if (index < 0) index += size;
    DimVector sz(sizes()), st(strides());
    std::int64_t off = storage_offset() + index * st[dd];
    sz.erase(sz.begin() + static_cast<std::ptrdiff_t>(dd));
    st.erase(st.begin() + static_cast<std::ptrdiff_t>(dd));
    return as_strided(sz, st, off);
  }

  // Python's x[start:end:step] along `d`; start/end are clamped as Python clamps them.
  Tensor slice(std::int64_t d = 0, std::optional<std::int64_t> start = std::nullopt,
               std::optional<std::int64_t> end = std::nullopt, std::int64_t step = 1) const {
    TJIT_TRACE("aten::slice.Tensor", slice(d, start, end, step), *this, d, start, end, step);
    TJIT_CHECK_AS(IndexError, dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
    TJIT_CHECK(step > 0, "slice step must be positive");
    auto dd = static_cast<std::size_t>(detail::wrap_dim(d, dim()));
    std::int64_t size = sizes()[dd];
    std::int64_t s = start.value_or(0), e = end.value_or(INT64_MAX);
    if (s < 0) s += size;
    if (e < 0) e += size;
    s = std::clamp<std::int64_t>(s, 0, size);
    e = std::clamp<std::int64_t>(e, 0, size);
    if (e < s) e = s;
    DimVector sz(sizes()), st(strides());
    std::int64_t off = storage_offset() + s * st[dd];
    sz[dd] = (e - s + step - 1) / step;
    st[dd] *= step;
    return as_strided(sz, st, off);
  }

  Tensor narrow(std::int64_t d, std::int64_t start, std::int64_t length) const {
    TJIT_TRACE("aten::narrow", narrow(d, start, length), *this, d, start, length);
    TJIT_CHECK(dim() > 0, "narrow() cannot be applied to a 0-dim tensor.");
    TJIT_CHECK(length >= 0, "narrow(): length must be non-negative.");
    std::int64_t size = this->size(d);
    TJIT_CHECK_AS(IndexError, start >= -size && start <= size,
                  "start out of range (expected to be in range of [", -size, ", ", size,
                  "], but got ", start, ")");
    if (start < 0) start += size;
    TJIT_CHECK(start <= size - length, "start (", start, ") + length (", length,
               ") exceeds dimension size (", size, ").");
    return slice(d, start, start + length, 1);
  }

  Tensor squeeze() const {
    TJIT_TRACE("aten::squeeze", squeeze(), *this);
    DimVector sz, st;
    for (std::int64_t i = 0; i < dim(); ++i)
      if (sizes()[static_cast<std::size_t>(i)] != 1) {
        sz.push_back(sizes()[static_cast<std::size_t>(i)]);
        st.push_back(strides()[static_cast<std::size_t>(i)]);
      }
    return as_strided(sz, st);
  }
  Tensor squeeze(std::int64_t d) const {
    TJIT_TRACE("aten::squeeze.dim", squeeze(d), *this, d);
    auto dd = static_cast<std::size_t>(detail::wrap_dim(d, dim()));
    if (dim() == 0 || sizes()[dd] != 1) return alias();
    DimVector sz(sizes()), st(strides());
    sz.erase(sz.begin() + static_cast<std::ptrdiff_t>(dd));
    st.erase(st.begin() + static_cast<std::ptrdiff_t>(dd));
    return as_strided(sz, st);
  }

  Tensor unsqueeze(std::int64_t d) const {
    TJIT_TRACE("aten::unsqueeze", unsqueeze(d), *this, d);
    auto dd = static_cast<std::size_t>(detail::wrap_dim(d, dim() + 1, false));
    DimVector sz(sizes()), st(strides());
    std::int64_t new_stride = dd >= sz.size() ? 1 : sz[dd] * st[dd];
    sz.insert(sz.begin() + static_cast<std::ptrdiff_t>(dd), 1);
    st.insert(st.begin() + static_cast<std::ptrdiff_t>(dd), new_stride);
    return as_strided(sz, st);
  }

  Tensor flatten(std::int64_t start_dim = 0, std::int64_t end_dim = -1) const {
    TJIT_TRACE("aten::flatten.using_ints", flatten(start_dim, end_dim), *this, start_dim, end_dim);
    if (dim() == 0) return reshape({1});
    auto s = detail::wrap_dim(start_dim, dim()), e = detail::wrap_dim(end_dim, dim());
    TJIT_CHECK(s <= e, "flatten() has invalid args: start_dim cannot come after end_dim");
    if (s == e) return alias();
    Shape sz(sizes().begin(), sizes().begin() + s);
    std::int64_t prod = 1;
    for (auto i = s; i <= e; ++i) prod *= sizes()[static_cast<std::size_t>(i)];
    sz.push_back(prod);
    sz.insert(sz.end(), sizes().begin() + e + 1, sizes().end());
    return reshape(sz);
  }

  Tensor unflatten(std::int64_t d, IntArrayRef new_sizes) const {
    TJIT_TRACE("aten::unflatten.int", unflatten(d, new_sizes), *this, d, new_sizes);
    auto dd = detail::wrap_dim(d, dim());
    TJIT_CHECK(!new_sizes.empty(), "unflatten: sizes must be non-empty");
    Shape inner = infer_size(new_sizes, sizes()[static_cast<std::size_t>(dd)], "unflatten");
    Shape sz(sizes().begin(), sizes().begin() + dd);
    sz.insert(sz.end(), inner.begin(), inner.end());
    sz.insert(sz.end(), sizes().begin() + dd + 1, sizes().end());
    return view(sz);
  }

  std::vector<Tensor> split(std::int64_t split_size, std::int64_t d = 0) const {
    TJIT_TRACE("aten::split.Tensor", split(split_size, d), *this, split_size, d);
    TJIT_CHECK(dim() != 0, "split expects at least a 1-dimensional tensor");
    TJIT_CHECK(split_size >= 0, "split expects split_size be non-negative, but got split_size=",
               split_size);
    std::int64_t size = this->size(d);
    TJIT_CHECK(split_size > 0 || size == 0, "split_size can only be 0 if dimension size is 0, "
               "but got dimension size of ", size);
    std::int64_t n = split_size == 0 ? 1 : std::max<std::int64_t>((size + split_size - 1) / split_size, 1);
    std::vector<Tensor> out;
    for (std::int64_t i = 0; i < n; ++i) {
      std::int64_t len = std::min(split_size, size - i * split_size);
      out.push_back(narrow(d, i * split_size, std::max<std::int64_t>(len, 0)));
    }
    return out;
  }

  std::vector<Tensor> split_with_sizes(IntArrayRef split_sizes, std::int64_t d = 0) const {
    TJIT_TRACE("aten::split_with_sizes", split_with_sizes(split_sizes, d), *this, split_sizes, d);
    TJIT_CHECK(dim() != 0, "split expects at least a 1-dimensional tensor");
    std::int64_t size = this->size(d), total = 0;
    for (auto s : split_sizes) {
      TJIT_CHECK(s >= 0, "split_with_sizes expects split_sizes have only non-negative entries, "
                         "but got split_sizes=", detail::shape_str(split_sizes));
      total += s;
    }
    TJIT_CHECK(total == size, "split_with_sizes expects split_sizes to sum exactly to ", size,
               " (input tensor's size at dimension ", d, "), but got split_sizes=",
               detail::shape_str(split_sizes));
    std::vector<Tensor> out;
    std::int64_t start = 0;
    for (auto s : split_sizes) {
      out.push_back(narrow(d, start, s));
      start += s;
    }
    return out;
  }

  std::vector<Tensor> chunk(std::int64_t chunks, std::int64_t d = 0) const {
    TJIT_TRACE("aten::chunk", chunk(chunks, d), *this, chunks, d);
    TJIT_CHECK(dim() > 0, "chunk expects at least a 1-dimensional tensor");
    TJIT_CHECK(chunks > 0, "chunk expects `chunks` to be greater than 0, got: ", chunks);
    std::int64_t size = this->size(d);
    std::int64_t split_size = (size + chunks - 1) / chunks;
    if (split_size == 0 && size == 0) {
      std::vector<std::int64_t> sizes(static_cast<std::size_t>(chunks), 0);
      return split_with_sizes(sizes, d);
    }
    return split(split_size, d);
  }

  std::vector<Tensor> unbind(std::int64_t d = 0) const {
    TJIT_TRACE("aten::unbind.int", unbind(d), *this, d);
    TJIT_CHECK(dim() > 0, "Dimension specified as 0 but tensor has no dimensions");
    std::int64_t size = this->size(d);
    std::vector<Tensor> out;
    out.reserve(static_cast<std::size_t>(size));
    for (std::int64_t i = 0; i < size; ++i) out.push_back(select(d, i));
    return out;
  }

  Tensor diagonal(std::int64_t offset = 0, std::int64_t d1 = 0, std::int64_t d2 = 1) const {
    TJIT_TRACE("aten::diagonal", diagonal(offset, d1, d2), *this, offset, d1, d2);
    auto a = detail::wrap_dim(d1, dim(), false), b = detail::wrap_dim(d2, dim(), false);
    TJIT_CHECK(a != b, "diagonal dimensions cannot be identical ", d1, ", ", d2);
    auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
    std::int64_t off = storage_offset(), len;
    if (offset >= 0) {
      len = std::max<std::int64_t>(std::min(sizes()[ua], sizes()[ub] - offset), 0);
      if (len > 0) off += offset * strides()[ub];
    } else {
      len = std::max<std::int64_t>(std::min(sizes()[ua] + offset, sizes()[ub]), 0);
      if (len > 0) off -= offset * strides()[ua];
    }
    DimVector sz, st;
    for (std::size_t i = 0; i < sizes().size(); ++i)
      if (i != ua && i != ub) {
        sz.push_back(sizes()[i]);
        st.push_back(strides()[i]);
      }
    sz.push_back(len);
    st.push_back(strides()[ua] + strides()[ub]);
    return as_strided(sz, st, off);
  }

  // Sizes with one -1 inferred from `numel`, with PyTorch's messages.
  // not traced: a shape helper, no tensor op
  static Shape infer_size(IntArrayRef shape, std::int64_t numel, const char* op = "shape") {
    DimVector out;
    infer_size_into(shape, numel, out, op);
    return Shape(out.begin(), out.end());
  }
  // The same into a DimVector (no allocation for rank <= 5).
  // not traced: a shape helper, no tensor op
  static void infer_size_into(IntArrayRef shape, std::int64_t numel, DimVector& out,
                              const char* op = "shape") {
    out.assign(shape.begin(), shape.end());
    std::int64_t known = 1;
    std::optional<std::size_t> infer;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i] == -1) {
        TJIT_CHECK(!infer, "only one dimension can be inferred");
        infer = i;
      } else {
        TJIT_CHECK(out[i] >= 0, "invalid shape dimension ", out[i]);
        known *= out[i];
      }
    }
    bool ok = known == numel || (infer && known > 0 && numel % known == 0);
    if (ok && infer)
      TJIT_CHECK(known != 0, "cannot reshape tensor of 0 elements into shape ",
                 detail::shape_str(shape),
                 " because the unspecified dimension size -1 can be any value and is ambiguous");
    if (!ok) {
      if (std::string_view(op) == "unflatten")
        throw Error(detail::str_cat("unflatten: Provided sizes ", detail::shape_str(shape),
                                    " don't multiply up to the size of dim (", numel,
                                    ") in the input tensor"));
      throw Error(detail::str_cat("shape '", detail::shape_str(shape),
                                  "' is invalid for input of size ", numel));
    }
    if (infer) out[*infer] = numel / known;
  }

  // Strides that view this tensor's elements with `new_sizes`, if any exist (ATen's
  // computeStride: groups of dims that are contiguous among themselves can be re-split).
  // not traced: a shape helper, no tensor op
  std::optional<Shape> compute_view_strides(IntArrayRef new_sizes) const {
    DimVector st;
    if (!view_strides_into(new_sizes, st)) return std::nullopt;
    return Shape(st.begin(), st.end());
  }
  // The same into a DimVector; false when no such strides exist.
  // not traced: a shape helper, no tensor op
  bool view_strides_into(IntArrayRef new_sizes, DimVector& new_strides) const {
    IntArrayRef old_sizes = sizes(), old_strides = strides();
    new_strides.assign(new_sizes.size(), 0);
    if (old_sizes.empty()) {
      std::fill(new_strides.begin(), new_strides.end(), 1);
      return true;
    }
    if (numel() == 0) {
      if (std::equal(old_sizes.begin(), old_sizes.end(), new_sizes.begin(), new_sizes.end()))
        new_strides.assign(old_strides.begin(), old_strides.end());
      else
        detail::contiguous_strides_into(new_sizes, new_strides.data());
      return true;
    }
    std::int64_t view_d = static_cast<std::int64_t>(new_sizes.size()) - 1;
    std::int64_t chunk_base_stride = old_strides.back();
    std::int64_t tensor_numel = 1, view_numel = 1;
    for (std::int64_t td = static_cast<std::int64_t>(old_sizes.size()) - 1; td >= 0; --td) {
      tensor_numel *= old_sizes[static_cast<std::size_t>(td)];
      if (td == 0 || (old_sizes[static_cast<std::size_t>(td - 1)] != 1 &&
                      old_strides[static_cast<std::size_t>(td - 1)] !=
                          tensor_numel * chunk_base_stride)) {
        while (view_d >= 0 &&
               (view_numel < tensor_numel || new_sizes[static_cast<std::size_t>(view_d)] == 1)) {
          new_strides[static_cast<std::size_t>(view_d)] = view_numel * chunk_base_stride;
          view_numel *= new_sizes[static_cast<std::size_t>(view_d)];
          --view_d;
        }
        if (view_numel != tensor_numel) return false;
        if (td > 0) {
          chunk_base_stride = old_strides[static_cast<std::size_t>(td - 1)];
          tensor_numel = 1;
          view_numel = 1;
        }
      }
    }
    return view_d == -1;
  }

 private:
  struct Impl final : Refcounted {
    Impl() noexcept {}  // user-provided: make_intrusive's `new Impl()` then skips zero-filling
    Storage storage;
    DimVector sizes;  // inline up to rank 5: no allocation for shapes
    DimVector strides;
    std::int64_t offset = 0;
    std::int64_t numel = 0;
    ScalarType dtype = ScalarType::Undefined;
    bool requires_grad = false;
    bool wrapped_number = false;
  };

  explicit Tensor(IntrusivePtr<Impl> impl) : impl_(std::move(impl)) {}

  const Impl& checked() const {
    TJIT_CHECK(impl_ != nullptr, "Expected a proper Tensor but got None (an undefined tensor)");
    return *impl_;
  }
  void* raw_data_ptr() const {
    const Impl& m = checked();
    return static_cast<char*>(m.storage.data()) +
           m.offset * static_cast<std::int64_t>(tjit::element_size(m.dtype));
  }
  Impl& checked_mut() {
    TJIT_CHECK(impl_ != nullptr, "Expected a proper Tensor but got None (an undefined tensor)");
    return *impl_;
  }

  void check_in_bounds() const {
    const Impl& m = *impl_;
    TJIT_CHECK(m.offset >= 0, "as_strided: Negative storage offset ", m.offset);
    if (m.numel == 0) return;
    std::int64_t lo = m.offset, hi = m.offset;
    for (std::size_t i = 0; i < m.sizes.size(); ++i) {
      TJIT_CHECK(m.strides[i] >= 0, "as_strided: Negative strides are not supported at the "
                                    "moment, got strides: ", detail::shape_str(m.strides));
      hi += (m.sizes[i] - 1) * m.strides[i];
    }
    std::size_t need = static_cast<std::size_t>(hi + 1) * tjit::element_size(m.dtype);
    TJIT_CHECK(lo >= 0 && need <= m.storage.nbytes(), "setStorage: sizes ",
               detail::shape_str(m.sizes), ", strides ", detail::shape_str(m.strides),
               ", storage offset ", m.offset, ", and itemsize ", tjit::element_size(m.dtype),
               " requiring a storage size of ", need, " are out of bounds for storage of size ",
               m.storage.nbytes());
  }

  IntrusivePtr<Impl> impl_;
};

}  // namespace tjit
