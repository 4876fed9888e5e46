// tjit/tensor/ops/detail/einsum_impl.hpp — definitions of tjit/tensor/ops/einsum.hpp.
//
// As ATen's einsum: every operand is viewed with the dimensions [output labels..., contracted
// labels...] (size 1 where it lacks a label, diagonals for repeated labels); then operands are
// contracted left to right. A contracted label is summed inside the pair product once no later
// operand has it (or summed early in the one operand that has it); each pair product is a single
// bmm of [batch, left-only, summed] x [batch, summed, right-only].
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <numeric>
#include <string>

#include "tjit/tensor/ops/einsum.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/linalg.hpp"
#include "tjit/tensor/ops/reduce.hpp"
#include "tjit/tensor/ops/shape.hpp"

namespace tjit {
namespace detail {

constexpr int kEinsumLabels = 52;  // A-Z are 0..25, a-z 26..51
constexpr int kEinsumEllipsis = -1;

inline bool einsum_is_label(unsigned char c) { return std::isalpha(c) != 0; }
inline int einsum_index(unsigned char c) { return std::isupper(c) ? c - 'A' : c - 'a' + 26; }
inline char einsum_char(int i) { return static_cast<char>(i < 26 ? 'A' + i : 'a' + i - 26); }

// left * right summed over `sum_dims` (kept as size-1 dims): both have the same rank, size-1
// dims broadcast. One bmm over the dims both keep (batch), left-only, summed and right-only dims.
inline Tensor einsum_pair(Tensor left, Tensor right, const std::vector<std::int64_t>& sum_dims) {
  if (sum_dims.empty()) return mul(left, right);
  std::int64_t nd = left.dim();
  std::vector<bool> summed(static_cast<std::size_t>(nd), false);
  for (auto d : sum_dims) summed[static_cast<std::size_t>(d)] = true;
  std::vector<std::int64_t> lro, lo, ro;
  std::int64_t lro_n = 1, lo_n = 1, ro_n = 1, sum_n = 1;
  for (std::int64_t i = 0; i < nd; ++i) {
    bool sl = left.size(i) != 1, sr = right.size(i) != 1;
    if (summed[static_cast<std::size_t>(i)]) {
      if (sl && sr) sum_n *= left.size(i);
      else if (sl) left = sum(left, {i}, true);
      else if (sr) right = sum(right, {i}, true);
    } else if (sl && sr) {
      lro.push_back(i);
      lro_n *= left.size(i);
    } else if (sl) {
      lo.push_back(i);
      lo_n *= left.size(i);
    } else {
      ro.push_back(i);
      ro_n *= right.size(i);
    }
  }
  Shape out_sizes;
  std::vector<std::int64_t> lperm, rperm, order;
  for (auto d : lro) out_sizes.push_back(left.size(d));
  for (auto d : lo) out_sizes.push_back(left.size(d));
  for (std::size_t k = 0; k < sum_dims.size(); ++k) out_sizes.push_back(1);
  for (auto d : ro) out_sizes.push_back(right.size(d));
  auto append = [](std::vector<std::int64_t>& v, const std::vector<std::int64_t>& w) {
    v.insert(v.end(), w.begin(), w.end());
  };
  append(lperm, lro), append(lperm, lo), append(lperm, sum_dims), append(lperm, ro);
  append(rperm, lro), append(rperm, sum_dims), append(rperm, ro), append(rperm, lo);
  append(order, lro), append(order, lo), append(order, sum_dims), append(order, ro);
  std::vector<std::int64_t> operm(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) operm[static_cast<std::size_t>(order[i])] =
      static_cast<std::int64_t>(i);
  Tensor l = left.permute(lperm).reshape({lro_n, lo_n, sum_n});
  Tensor r = right.permute(rperm).reshape({lro_n, sum_n, ro_n});
  return bmm(l, r).view(out_sizes).permute(operm);
}

}  // namespace detail

TJIT_DEF Tensor einsum(std::string_view eq, const std::vector<Tensor>& operands) {
  TJIT_TRACE("aten::einsum", einsum(eq, operands), eq, operands, std::nullopt);
  using namespace detail;
  TJIT_CHECK(!operands.empty(), "einsum(): must provide at least one operand");
  const std::int64_t num_ops = static_cast<std::int64_t>(operands.size());
  const std::size_t arrow = eq.find("->");
  const std::string_view lhs = eq.substr(0, arrow);

  // Parse the operands' subscripts.
  std::vector<std::vector<int>> op_labels(operands.size());
  std::int64_t curr = 0;
  bool found_ell = false;
  for (std::size_t i = 0; i < lhs.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(lhs[i]);
    if (c == ' ') continue;
    if (c == '.') {
      TJIT_CHECK(!found_ell, "einsum(): found '.' for operand ", curr,
                 " for which an ellipsis was already found");
      TJIT_CHECK(i + 2 < lhs.size() && lhs[++i] == '.' && lhs[++i] == '.',
                 "einsum(): found '.' for operand ", curr, " that is not part of any ellipsis");
      op_labels[static_cast<std::size_t>(curr)].push_back(kEinsumEllipsis);
      found_ell = true;
    } else if (c == ',') {
      ++curr;
      TJIT_CHECK(curr < num_ops,
                 "einsum(): fewer operands were provided than specified in the equation");
      found_ell = false;
    } else {
      TJIT_CHECK(einsum_is_label(c), "einsum(): invalid subscript given at index ", i,
                 " in the equation string, subscripts must be in [a-zA-Z]");
      op_labels[static_cast<std::size_t>(curr)].push_back(einsum_index(c));
    }
  }
  TJIT_CHECK(curr == num_ops - 1,
             "einsum(): more operands were provided than specified in the equation");

  // Label counts and the number of dims the ellipsis covers.
  std::array<std::int64_t, kEinsumLabels> count{};
  std::int64_t ell_dims = 0;
  for (std::int64_t i = 0; i < num_ops; ++i) {
    const auto& labels = op_labels[static_cast<std::size_t>(i)];
    const std::int64_t ndims = operands[static_cast<std::size_t>(i)].dim();
    std::int64_t nlabels = static_cast<std::int64_t>(labels.size());
    bool has_ell = false;
    for (int l : labels) {
      if (l == kEinsumEllipsis) {
        --nlabels;
        has_ell = true;
        ell_dims = std::max(ell_dims, ndims - nlabels);
      } else {
        ++count[static_cast<std::size_t>(l)];
      }
    }
    if (has_ell) {
      TJIT_CHECK(nlabels <= ndims, "einsum(): the number of subscripts in the equation (", nlabels,
                 ") is more than the number of dimensions (", ndims, ") for operand ", i);
    } else {
      TJIT_CHECK(nlabels == ndims, "einsum(): the number of subscripts in the equation (", nlabels,
                 ") does not match the number of dimensions (", ndims, ") for operand ", i,
                 " and no ellipsis was given");
    }
  }

  // Position of every label in the aligned shape: output dims first, then contracted ones.
  std::array<std::int64_t, kEinsumLabels> pos;
  pos.fill(-1);
  std::int64_t npos = 0, ell_pos = 0;
  found_ell = false;
  if (arrow == std::string_view::npos) {
    npos = ell_dims;  // implicit output: ellipsis, then the labels used exactly once
    found_ell = true;
    for (int l = 0; l < kEinsumLabels; ++l)
      if (count[static_cast<std::size_t>(l)] == 1) pos[static_cast<std::size_t>(l)] = npos++;
  } else {
    const std::string_view rhs = eq.substr(arrow + 2);
    for (std::size_t i = 0; i < rhs.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(rhs[i]);
      if (c == ' ') continue;
      if (c == '.') {
        TJIT_CHECK(!found_ell,
                   "einsum(): found '.' for output but an ellipsis (...) was already found");
        TJIT_CHECK(i + 2 < rhs.size() && rhs[++i] == '.' && rhs[++i] == '.',
                   "einsum(): found '.' for output that is not part of any ellipsis (...)");
        ell_pos = npos;
        npos += ell_dims;
        found_ell = true;
        continue;
      }
      TJIT_CHECK(einsum_is_label(c), "einsum(): invalid subscript given at index ",
                 lhs.size() + 2 + i, " in the equation string, subscripts must be in [a-zA-Z]");
      const auto l = static_cast<std::size_t>(einsum_index(c));
      TJIT_CHECK(count[l] > 0 && pos[l] == -1, "einsum(): output subscript ", static_cast<char>(c),
                 pos[l] > -1 ? " appears more than once in the output"
                             : " does not appear in the equation for any input operand");
      pos[l] = npos++;
    }
  }
  const std::int64_t out_dims = npos;
  if (!found_ell) {  // an ellipsis missing from the output is summed away
    ell_pos = npos;
    npos += ell_dims;
  }
  for (int l = 0; l < kEinsumLabels; ++l)
    if (count[static_cast<std::size_t>(l)] > 0 && pos[static_cast<std::size_t>(l)] == -1)
      pos[static_cast<std::size_t>(l)] = npos++;

  // Align every operand to [output..., contracted...]: check sizes, take diagonals of repeated
  // labels, unsqueeze missing ones. dim_counts: how many operands have each dim with size != 1.
  std::array<std::int64_t, kEinsumLabels> label_size;
  label_size.fill(1);
  std::vector<std::int64_t> ell_size(static_cast<std::size_t>(ell_dims), 1);
  std::vector<std::int64_t> dim_counts(static_cast<std::size_t>(npos), 0);
  std::vector<Tensor> ops;
  for (std::int64_t i = 0; i < num_ops; ++i) {
    Tensor op = operands[static_cast<std::size_t>(i)];
    const auto& labels = op_labels[static_cast<std::size_t>(i)];
    std::vector<std::int64_t> perm(static_cast<std::size_t>(npos), -1);
    std::int64_t dim = 0;
    for (int l : labels) {
      if (l == kEinsumEllipsis) {
        const std::int64_t nd = op.dim() - (static_cast<std::int64_t>(labels.size()) - 1);
        for (std::int64_t j = ell_dims - nd; j < ell_dims; ++j) {
          if (op.size(dim) != 1) {
            auto& es = ell_size[static_cast<std::size_t>(j)];
            TJIT_CHECK(es == 1 || es == op.size(dim), "einsum(): dimension ", dim,
                       " covered by ellipsis in operand ", i, "has size ", op.size(dim),
                       " which does not broadcast with previously seen ellipsis with size ", es,
                       " for the respective dimension");
            es = op.size(dim);
            ++dim_counts[static_cast<std::size_t>(ell_pos + j)];
          }
          perm[static_cast<std::size_t>(ell_pos + j)] = dim++;
        }
        continue;
      }
      const auto p = static_cast<std::size_t>(pos[static_cast<std::size_t>(l)]);
      if (perm[p] == -1) {
        if (op.size(dim) != 1) {
          auto& ls = label_size[static_cast<std::size_t>(l)];
          TJIT_CHECK(ls == 1 || ls == op.size(dim), "einsum(): subscript ", einsum_char(l),
                     " has size ", op.size(dim), " for operand ", i,
                     " which does not broadcast with previously seen size ", ls);
          ls = op.size(dim);
          ++dim_counts[p];
        }
        perm[p] = dim++;
      } else {
        const std::int64_t prev = perm[p];
        TJIT_CHECK(op.size(dim) == op.size(prev), "einsum(): subscript ", einsum_char(l),
                   " is repeated for operand ", i, " but the sizes don't match, ", op.size(dim),
                   " != ", op.size(prev));
        op = movedim(op.diagonal(0, prev, dim), {-1}, {prev});
      }
    }
    for (auto& v : perm) {
      if (v == -1) {
        op = op.unsqueeze(dim);
        v = dim++;
      }
    }
    ops.push_back(op.permute(perm));
  }

  if (num_ops == 1) {
    if (npos == out_dims) return ops[0];
    std::vector<std::int64_t> dims(static_cast<std::size_t>(npos - out_dims));
    std::iota(dims.begin(), dims.end(), out_dims);
    return sum(ops[0], dims);
  }

  // Contract left to right.
  Tensor acc = ops[0];
  for (std::size_t k = 1; k < ops.size(); ++k) {
    Tensor b = ops[k];
    std::vector<std::int64_t> sum_dims;
    for (std::int64_t d = out_dims; d < npos; ++d) {
      auto& dc = dim_counts[static_cast<std::size_t>(d)];
      if (acc.size(d) != 1 && b.size(d) != 1) {
        if (--dc == 1) {
          sum_dims.push_back(d);
          dc = 0;
        }
      } else if (dc == 1) {
        if (acc.size(d) != 1) {
          acc = sum(acc, {d}, true);
          dc = 0;
        } else if (b.size(d) != 1) {
          b = sum(b, {d}, true);
          dc = 0;
        }
      }
    }
    acc = einsum_pair(acc, b, sum_dims);
  }
  if (npos == out_dims) return acc;
  Shape sizes(acc.sizes().begin(), acc.sizes().end());
  for (std::int64_t d = npos - 1; d >= out_dims; --d)
    if (sizes[static_cast<std::size_t>(d)] == 1) sizes.erase(sizes.begin() + d);
  return acc.reshape(sizes);
}

}  // namespace tjit
