#include "tjit/tensor/kernels/gemm.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

namespace k = tjit::kernels;

TEST_CASE("gemm matches torch.addmm over sizes, transposes, alpha/beta, float and double") {
  int count = 0;
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("gemm", "a", [&]<class T>(const refcases::Case& c) {
      const bool ta = kt::flag(c, "ta"), tb = kt::flag(c, "tb");
      const auto& as = kt::tensor(c, "a").sizes;
      const auto& bs = kt::tensor(c, "b").sizes;
      const k::index_t m = ta ? as[1] : as[0], kk = ta ? as[0] : as[1];
      const k::index_t n = tb ? bs[0] : bs[1];
      auto a = kt::values<T>(c, "a"), b = kt::values<T>(c, "b"), cm = kt::values<T>(c, "c");
      const k::index_t lda = std::max<k::index_t>(1, as[1]), ldb = std::max<k::index_t>(1, bs[1]);
      k::check_gemm(ta, tb, m, n, kk, lda, ldb, std::max<k::index_t>(1, n));
      k::gemm<T>(ta, tb, m, n, kk, T(kt::real(c, "alpha")), a.data(), lda, b.data(), ldb,
                 T(kt::real(c, "beta")), cm.data(), std::max<k::index_t>(1, n));
      kt::close(c.name, cm, kt::values<T>(c, "out"));
      ++count;
    });
  }
  CHECK(count > 100);
}

TEST_CASE("gemm with beta = 0 ignores NaN in C, and respects leading dimensions") {
  std::vector<float> a{1, 2, 9, 3, 4, 9};  // 2x2 in a 2x3 buffer (lda 3)
  std::vector<float> b{1, 0, 0, 1};
  std::vector<float> c{NAN, NAN, -1, NAN, NAN, -1};  // ldc 3: column 2 untouched
  k::gemm<float>(false, false, 2, 2, 2, 1.f, a.data(), 3, b.data(), 2, 0.f, c.data(), 3);
  CHECK(c == std::vector<float>{1, 2, -1, 3, 4, -1});
}

TEST_CASE("gemm_batched matches torch.matmul, with a broadcast operand") {
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("gemm_batched", "b", [&]<class T>(const refcases::Case& c) {
      const auto& bs = kt::tensor(c, "b").sizes;
      const bool bcast = kt::flag(c, "bcast");
      const auto& as = kt::tensor(c, "a").sizes;
      const k::index_t batch = bs[0], kk = bs[1], n = bs[2], m = as[as.size() - 2];
      auto a = kt::values<T>(c, "a"), b = kt::values<T>(c, "b");
      std::vector<T> out(static_cast<std::size_t>(batch * m * n));
      k::check_gemm_batched(batch, false, false, m, n, kk, kk, bcast ? 0 : m * kk, n, kk * n, n,
                            m * n);
      k::gemm_batched<T>(batch, false, false, m, n, kk, T(1), a.data(), kk, bcast ? 0 : m * kk,
                         b.data(), n, kk * n, T(0), out.data(), n, m * n);
      kt::close(c.name, out, kt::values<T>(c, "out"));
    });
  }
}

TEST_CASE("check_gemm rejects bad sizes and leading dimensions") {
  CHECK_THROWS_WITH_AS(k::check_gemm(false, false, -1, 2, 2, 2, 2, 2),
                       "gemm: negative matrix size (m=-1, n=2, k=2)", tjit::Error);
  CHECK_THROWS_WITH_AS(k::check_gemm(false, false, 2, 2, 3, 2, 2, 2),
                       "gemm: lda must be at least 3, but got 2", tjit::Error);
  CHECK_THROWS_WITH_AS(k::check_gemm(true, true, 2, 4, 3, 2, 2, 4),
                       "gemm: ldb must be at least 3, but got 2", tjit::Error);
  CHECK_THROWS_WITH_AS(k::check_gemm(false, false, 2, 5, 3, 3, 5, 4),
                       "gemm: ldc must be at least 5, but got 4", tjit::Error);
  CHECK_NOTHROW(k::check_gemm(true, false, 2, 5, 3, 2, 5, 5));
}

TEST_CASE("check_gemm_batched") {
  CHECK_NOTHROW(k::check_gemm_batched(3, false, false, 2, 3, 4, 4, 0, 3, 12, 3, 6));
  CHECK_THROWS_AS(k::check_gemm_batched(-1, false, false, 2, 3, 4, 4, 8, 3, 12, 3, 6), tjit::Error);
  CHECK_THROWS_AS(k::check_gemm_batched(3, false, false, 2, 3, 4, 4, 8, 3, 12, 3, 5), tjit::Error);
}
