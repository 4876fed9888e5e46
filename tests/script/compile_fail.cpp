// Misuses of tjit::script that must not compile, one per CASE; compile_fail_test.sh compiles
// each with -DCASE=n and checks the static_assert's sentence.
#include <cstdint>

#include "tjit/script/script.hpp"

#if CASE == 1  // the arms of if_ return different types
constexpr auto f = tjit::script<"f">(
    [](auto x, auto n) { return tjit::if_(n < 3, [&] { return x; }, [&] { return n; }); },
    tjit::arg<"x">, tjit::arg<"n", std::int64_t>);
#elif CASE == 2  // a lambda with captures
void g(int k) {
  auto f = tjit::script<"f">([k](auto x) { return x * k; }, tjit::arg<"x">);
  (void)f;
}
#elif CASE == 3  // a call with an argument of the wrong type
constexpr auto f = tjit::script<"f">([](auto x, auto n) { return x * n; }, tjit::arg<"x">,
                                     tjit::arg<"n", std::int64_t>);
void g(const tjit::Tensor& t) { f(t, t); }
#elif CASE == 4  // a Tensor method on an int
constexpr auto f = tjit::script<"f">([](auto n) { return n.relu(); }, tjit::arg<"n", std::int64_t>);
#endif
