// tjit/runtime/detail/boxing.hpp — turning a typed C++ function into a boxed operator.
//
// Registration tables write each operator as its schema and a lambda over C++ types:
//
//   TJIT_OP("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
//           [](const Tensor& a, const Tensor& b, const Scalar& alpha) {
//             return tjit::add(a, b, alpha);
//           }),
//
// box() pops one argument per lambda parameter from the stack (converted with IValue::to<T>;
// IntArrayRef and ArrayRef<Tensor> are backed by vectors that live for the call;
// std::string_view borrows from the stack; a Tensor is moved out, not copied), calls the lambda
// and pushes its result: nothing for void, each element of a std::tuple, anything else as one
// IValue. Lambdas that need the raw stack (varargs, type-dependent behaviour) are written as
// `void(Stack&)` and registered directly with TJIT_STACK_OP.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "tjit/runtime/ivalue.hpp"
#include "tjit/runtime/operator.hpp"

namespace tjit::runtime::detail {

template <class T>
struct FnTraits : FnTraits<decltype(&T::operator())> {};
template <class C, class R, class... A>
struct FnTraits<R (C::*)(A...) const> {
  using result = R;
  using args = std::tuple<A...>;
};
template <class R, class... A>
struct FnTraits<R (*)(A...)> {
  using result = R;
  using args = std::tuple<A...>;
};

template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};

// What an argument is stored as while the call runs.
template <class T>
struct ArgStorage {
  using type = std::remove_cv_t<std::remove_reference_t<T>>;
};
template <>
struct ArgStorage<IntArrayRef> {
  using type = std::vector<std::int64_t>;
};
template <>
struct ArgStorage<ArrayRef<Tensor>> {
  using type = std::vector<Tensor>;
};
template <>
struct ArgStorage<std::optional<IntArrayRef>> {
  using type = std::optional<std::vector<std::int64_t>>;
};

template <class S>
S take_arg(IValue& v) {
  if constexpr (std::is_same_v<S, Tensor>) {
    return std::move(v).toTensor();
  } else if constexpr (std::is_same_v<S, std::string_view>) {
    return v.toStringView();
  } else if constexpr (std::is_same_v<S, IValue>) {
    return std::move(v);
  } else if constexpr (std::is_same_v<S, std::optional<std::string_view>>) {
    return v.isNone() ? std::nullopt : std::optional<std::string_view>(v.toStringView());
  } else {
    return v.to<S>();
  }
}

template <class R>
void push_result(Stack& s, R&& r) {
  using D = std::remove_cv_t<std::remove_reference_t<R>>;
  if constexpr (is_tuple<D>::value) {
    std::apply([&](auto&&... x) { (s.emplace_back(std::forward<decltype(x)>(x)), ...); },
               std::forward<R>(r));
  } else {
    s.emplace_back(std::forward<R>(r));
  }
}

template <class F, class... A, std::size_t... I>
void call_boxed(Stack& s, F& f, std::tuple<A...>*, std::index_sequence<I...>) {
  constexpr std::size_t N = sizeof...(A);
  TJIT_CHECK(s.size() >= N, "operator expects ", N, " arguments on the stack, found ", s.size());
  IValue* base = s.data() + (s.size() - N);
  // Braced initialisation converts left to right.
  std::tuple<typename ArgStorage<A>::type...> args{
      take_arg<typename ArgStorage<A>::type>(base[I])...};
  using R = typename FnTraits<F>::result;
  if constexpr (std::is_void_v<R>) {
    f(std::get<I>(args)...);
    s.resize(s.size() - N);
  } else {
    R r = f(std::get<I>(args)...);
    s.resize(s.size() - N);
    push_result(s, std::move(r));
  }
}

template <class F>
void box(Stack& s, F f) {
  using Args = typename FnTraits<F>::args;
  call_boxed(s, f, static_cast<Args*>(nullptr),
             std::make_index_sequence<std::tuple_size_v<Args>>{});
}

// Pops the last n values (in order) into a vector.
inline std::vector<IValue> pop(Stack& s, std::size_t n) {
  std::vector<IValue> out(std::make_move_iterator(s.end() - static_cast<std::ptrdiff_t>(n)),
                          std::make_move_iterator(s.end()));
  s.resize(s.size() - n);
  return out;
}
inline IValue pop(Stack& s) {
  IValue v = std::move(s.back());
  s.pop_back();
  return v;
}

}  // namespace tjit::runtime::detail

// A boxed operator from a schema and a typed lambda (see the header comment).
#define TJIT_OP(schema, ...)                                                 \
  ::tjit::runtime::OperatorDef {                                             \
    schema, [](::tjit::runtime::Stack& s_) { ::tjit::runtime::detail::box(s_, __VA_ARGS__); } \
  }
// An operator written directly over the stack: `[](Stack& s) { ... }`.
#define TJIT_STACK_OP(schema, ...) \
  ::tjit::runtime::OperatorDef { schema, __VA_ARGS__ }
// An operator the interpreter implements as an instruction.
#define TJIT_SPECIAL_OP(schema) \
  ::tjit::runtime::OperatorDef { schema, nullptr }
