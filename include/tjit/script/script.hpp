// tjit/script/script.hpp — compile-time scripted functions: C++ generic lambdas whose TYPE is
// their SSA graph.
//
//   constexpr auto foo = tjit::script<"foo">([](auto x, auto y) { return 2 * x + y; },
//                                            tjit::arg<"x">, tjit::arg<"y">);
//   tjit::Tensor z = foo(x, y);          // straight-line calls into the tensor kernels
//   std::cout << foo.graph();            // graph(%x.1 : Tensor, %y.1 : Tensor): ... as PyTorch
//   std::cout << foo.code();             // def foo(x: Tensor, y: Tensor) -> Tensor: ...
//   tjit::runtime::Function& f = foo.to_function();   // run by the interpreter
//
// Note [The constexpr graph builder]
// `tjit::script` calls the user's lambda during a constant evaluation with symbols
// (`Sym<Ty::Tensor>`, `Sym<Ty::Int>`, ...) that point at a `Builder`. Every operator on a
// symbol appends a `NodeDesc` (op tag, result type, input indices, constant payload, name) to
// the builder, hash-consing it against the nodes visible from the current block (compile-time
// CSE, one hash bucket scanned per node). `tjit::if_` and `tjit::loop` open blocks. The finished table has dead values removed
// and is copied into a `GraphTable<N, B>`, a structural type that becomes the non-type
// template argument of `StaticFunction<table, F>`: the graph is the type, and nothing of it
// exists at run time but straight-line code.
//
// Note [Static execution]
// A `Frame` holds one typed slot per value (tensors, ints, floats, bools in four arrays). Each
// block expands, in chunks of at most 64, into `run_node<I>(frame) && ...`: scalar nodes are
// inline arithmetic, tensor nodes call out-of-line `noexcept` wrappers (script/detail) around
// the tensor layer's functions — the same kernels the registry binds for the interpreter. A
// wrapper that catches an error records it and returns false; the executor rethrows it, so the
// user still sees the kernel's tjit::Error.
//
// Note [Lowering through TorchScript source]
// `.to_graph()` prints the table as the TorchScript source a person would write for it (values
// named by `tjit::arg<"x">`, `tjit::if_<"rv">`, `tjit::loop<"i", "rv">`; single-use values
// inlined) and compiles it with the frontend's emitter, which numbers values exactly as
// PyTorch's does: the graph, `.code()` and the Function are PyTorch's for that program.
//
// With PYTORCH_JIT=0 in the environment, calls run the user's lambda eagerly on real values.
//
// Builds on tensor/tensor.hpp, runtime/function.hpp (and, in detail/, frontend/).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/scalar.hpp"
#include "tjit/tensor/tensor_base.hpp"

namespace tjit::runtime {
class Function;
class CompilationUnit;
}  // namespace tjit::runtime
namespace tjit::ir {
class Graph;
}  // namespace tjit::ir

namespace tjit {

// A compile-time string usable as a template argument: tjit::arg<"x">.
template <std::size_t N>
struct fixed_string {
  char s[N]{};
  constexpr fixed_string(const char (&a)[N]) {
    for (std::size_t i = 0; i < N; ++i) s[i] = a[i];
  }
};

namespace scripting {

inline constexpr int kMaxName = 24;
inline constexpr int kMaxIn = 6;

enum class Ty : std::uint8_t { Tensor, Int, Float, Bool };

enum class Op : std::uint8_t {
  Param, BlockParam, Out, ConstInt, ConstFloat, ConstBool,
  // Tensor results
  AddTT, SubTT, MulTT, DivTT, AddTS, SubTS, MulTS, DivTS, RSubTS,
  Neg, Relu, Sigmoid, Tanh, Exp, Matmul, Conv2d, Zeros,
  // Scalar results
  Size, AddS, SubS, MulS, DivS, Lt, Le, Gt, Ge, Eq, Ne,
  // Control flow
  If, Loop,
};

struct Name {
  char s[kMaxName]{};
  constexpr bool empty() const { return s[0] == 0; }
  constexpr bool operator==(const Name&) const = default;
};

struct NodeDesc {
  Op op{};
  Ty ty{};
  std::int16_t block = 0;    // the block the node belongs to
  std::int16_t n_in = 0;
  std::int32_t in[kMaxIn]{};  // input node indices
  std::int64_t payload = 0;  // constant value (float: its bits), output index, flags
  std::int32_t sub[2]{-1, -1};  // If: then/else blocks; Loop: body block
  std::int32_t slot = 0;     // index into the Frame array of its type
  Name name{};
  constexpr bool same_as(const NodeDesc& o) const {
    if (op != o.op || ty != o.ty || n_in != o.n_in || payload != o.payload || !(name == o.name))
      return false;
    for (int k = 0; k < n_in; ++k)
      if (in[k] != o.in[k]) return false;
    return true;
  }
};

struct BlockDesc {
  std::int32_t parent = -1;
  std::int32_t owner = -1;   // the If/Loop node (-1: the function body)
  std::int32_t n_ret = 0;
  std::int32_t ret[kMaxIn]{};
  std::int32_t begin = 0;    // range of GraphTable::order
  std::int32_t count = 0;
};

// What lowering and printing need, without the template: a view of a GraphTable.
struct GraphView {
  const NodeDesc* nodes;
  int n_nodes;
  const BlockDesc* blocks;
  int n_blocks;
  const std::int32_t* order;
  const char* name;
};

template <std::size_t N, std::size_t B>
struct GraphTable {
  std::array<NodeDesc, N> nodes{};
  std::array<BlockDesc, B> blocks{};
  std::array<std::int32_t, N> order{};
  std::int32_t n_slots[4]{};  // per Ty
  std::int32_t n_params = 0;
  Name fn_name{};
  constexpr GraphView view() const {
    return {nodes.data(), int(N), blocks.data(), int(B), order.data(), fn_name.s};
  }
};

// ---- the builder ---------------------------------------------------------------------------

struct Builder {
  std::vector<NodeDesc> nodes;
  std::vector<BlockDesc> blocks;
  int cur = 0;

  constexpr Builder() { blocks.push_back(BlockDesc{}); }

  constexpr bool visible(int block) const {
    for (int b = cur; b != -1; b = blocks[b].parent)
      if (b == block) return true;
    return false;
  }
  // Hash-consing: chains of node indices per bucket of the structural hash.
  static constexpr int kBuckets = 1024;
  std::vector<int> head = std::vector<int>(kBuckets, -1);
  std::vector<int> next;

  static constexpr std::uint64_t hash(const NodeDesc& d) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    mix(std::uint64_t(d.op));
    mix(std::uint64_t(d.ty));
    mix(std::uint64_t(d.payload));
    for (int k = 0; k < d.n_in; ++k) mix(std::uint64_t(d.in[k]));
    for (char c : d.name.s) mix(std::uint64_t(c));
    return h;
  }
  // Appends `d` to the current block, or returns an identical visible node (CSE).
  constexpr int add(NodeDesc d, bool cse = true) {
    d.block = static_cast<std::int16_t>(cur);
    const int bucket = int(hash(d) % kBuckets);
    if (cse)
      for (int i = head[bucket]; i != -1; i = next[i])
        if (nodes[i].same_as(d) && visible(nodes[i].block)) return i;
    nodes.push_back(d);
    next.push_back(head[bucket]);
    head[bucket] = int(nodes.size()) - 1;
    return int(nodes.size()) - 1;
  }
  constexpr int open_block() {
    BlockDesc b;
    b.parent = cur;
    blocks.push_back(b);
    cur = int(blocks.size()) - 1;
    return cur;
  }
  constexpr void close_block(int b, const int* rets, int n) {
    blocks[b].n_ret = n;
    for (int k = 0; k < n; ++k) blocks[b].ret[k] = rets[k];
    cur = blocks[b].parent;
  }
};

constexpr void copy_name(Name& n, const char* s) {
  for (int i = 0; i < kMaxName - 1 && s[i]; ++i) n.s[i] = s[i];
}

// ---- symbols --------------------------------------------------------------------------------

template <Ty T>
struct Sym {
  Builder* b;
  int id;

  constexpr Sym<Ty::Int> size(std::int64_t dim) const;
  constexpr Sym<Ty::Tensor> relu() const;
  constexpr Sym<Ty::Tensor> sigmoid() const;
  constexpr Sym<Ty::Tensor> tanh() const;
  constexpr Sym<Ty::Tensor> exp() const;
  constexpr Sym<Ty::Tensor> matmul(const Sym<Ty::Tensor>& o) const;
};

template <class T>
struct is_sym : std::false_type {};
template <Ty T>
struct is_sym<Sym<T>> : std::true_type {};
template <class T>
inline constexpr bool is_sym_v = is_sym<std::remove_cvref_t<T>>::value;

template <class T>
concept Literal = std::is_arithmetic_v<std::remove_cvref_t<T>>;
template <class T>
concept Operand = is_sym_v<T> || Literal<T>;

template <class T>
constexpr Ty ty_of() {
  using U = std::remove_cvref_t<T>;
  if constexpr (is_sym_v<U>) {
    return []<Ty X>(Sym<X>*) { return X; }(static_cast<U*>(nullptr));
  } else if constexpr (std::is_same_v<U, bool>) {
    return Ty::Bool;
  } else if constexpr (std::is_integral_v<U>) {
    return Ty::Int;
  } else {
    return Ty::Float;
  }
}

template <class V>
constexpr int lift(Builder& b, const V& v) {
  if constexpr (is_sym_v<V>) {
    return v.id;
  } else {
    NodeDesc d;
    if constexpr (std::is_same_v<V, bool>) {
      d.op = Op::ConstBool;
      d.ty = Ty::Bool;
      d.payload = v ? 1 : 0;
    } else if constexpr (std::is_integral_v<V>) {
      d.op = Op::ConstInt;
      d.ty = Ty::Int;
      d.payload = static_cast<std::int64_t>(v);
    } else {
      d.op = Op::ConstFloat;
      d.ty = Ty::Float;
      d.payload = std::bit_cast<std::int64_t>(static_cast<double>(v));
    }
    // Constants live in the function body so every block sees them.
    int saved = b.cur;
    b.cur = 0;
    int id = b.add(d);
    b.cur = saved;
    return id;
  }
}

template <class A, class B>
constexpr Builder* builder_of(const A& a, const B& b) {
  if constexpr (is_sym_v<A>) return a.b;
  else return b.b;
}

template <Ty R>
constexpr Sym<R> node(Builder* b, Op op, std::initializer_list<int> ins, std::int64_t payload = 0) {
  NodeDesc d;
  d.op = op;
  d.ty = R;
  d.payload = payload;
  for (int i : ins) d.in[d.n_in++] = i;
  return {b, b->add(d)};
}

template <Ty T>
constexpr Sym<Ty::Int> Sym<T>::size(std::int64_t dim) const {
  static_assert(T == Ty::Tensor, "tjit::script: size(dim) is a Tensor method; this value is not a Tensor");
  return node<Ty::Int>(b, Op::Size, {id, lift(*b, dim)});
}
#define TJIT_SCRIPT_UNARY_METHOD(name, OP)                                                      \
  template <Ty T>                                                                              \
  constexpr Sym<Ty::Tensor> Sym<T>::name() const {                                             \
    static_assert(T == Ty::Tensor, "tjit::script: " #name "() is a Tensor method; this value is not a Tensor"); \
    return node<Ty::Tensor>(b, Op::OP, {id});                                                  \
  }
TJIT_SCRIPT_UNARY_METHOD(relu, Relu)
TJIT_SCRIPT_UNARY_METHOD(sigmoid, Sigmoid)
TJIT_SCRIPT_UNARY_METHOD(tanh, Tanh)
TJIT_SCRIPT_UNARY_METHOD(exp, Exp)
#undef TJIT_SCRIPT_UNARY_METHOD
template <Ty T>
constexpr Sym<Ty::Tensor> Sym<T>::matmul(const Sym<Ty::Tensor>& o) const {
  static_assert(T == Ty::Tensor, "tjit::script: matmul is a Tensor method; this value is not a Tensor");
  return node<Ty::Tensor>(b, Op::Matmul, {id, o.id});
}

// Binary arithmetic. Tensor op Tensor, Tensor op scalar (a scalar on the left is recorded as
// PyTorch records `2 * x`: aten::mul(x, 2), with the source order kept in the payload for
// printing), scalar op scalar (int op int is int, anything with a float is float; `/` is float).
enum BinKind : int { kAdd, kSub, kMul, kDiv };

template <int K, class A, class B>
constexpr auto binary(const A& a, const B& b) {
  Builder* bl = builder_of(a, b);
  constexpr Ty ta = ty_of<A>(), tb = ty_of<B>();
  static_assert(ta != Ty::Bool && tb != Ty::Bool,
                "tjit::script: arithmetic on a bool value; TorchScript has no such operator");
  int ia = lift(*bl, a), ib = lift(*bl, b);
  if constexpr (ta == Ty::Tensor && tb == Ty::Tensor) {
    constexpr Op ops[] = {Op::AddTT, Op::SubTT, Op::MulTT, Op::DivTT};
    return node<Ty::Tensor>(bl, ops[K], {ia, ib});
  } else if constexpr (ta == Ty::Tensor) {
    constexpr Op ops[] = {Op::AddTS, Op::SubTS, Op::MulTS, Op::DivTS};
    return node<Ty::Tensor>(bl, ops[K], {ia, ib});
  } else if constexpr (tb == Ty::Tensor) {
    static_assert(K != kDiv, "tjit::script: scalar / Tensor is not supported yet; write Tensor.reciprocal() * scalar");
    if constexpr (K == kSub) return node<Ty::Tensor>(bl, Op::RSubTS, {ib, ia}, 1);
    else {
      constexpr Op ops[] = {Op::AddTS, Op::SubTS, Op::MulTS, Op::DivTS};
      return node<Ty::Tensor>(bl, ops[K], {ib, ia}, 1);  // payload 1: the scalar was on the left
    }
  } else {
    constexpr Op ops[] = {Op::AddS, Op::SubS, Op::MulS, Op::DivS};
    constexpr Ty r = (K == kDiv || ta == Ty::Float || tb == Ty::Float) ? Ty::Float : Ty::Int;
    return node<r>(bl, ops[K], {ia, ib});
  }
}

template <Op O, class A, class B>
constexpr Sym<Ty::Bool> compare(const A& a, const B& b) {
  static_assert(ty_of<A>() != Ty::Tensor && ty_of<B>() != Ty::Tensor,
                "tjit::script: comparisons of Tensors (aten::lt.Tensor, ...) are not supported on symbols yet; compare ints or floats");
  Builder* bl = builder_of(a, b);
  return node<Ty::Bool>(bl, O, {lift(*bl, a), lift(*bl, b)});
}

template <class A, class B>
concept SymPair = Operand<A> && Operand<B> && (is_sym_v<A> || is_sym_v<B>);

template <class A, class B> requires SymPair<A, B>
constexpr auto operator+(const A& a, const B& b) { return binary<kAdd>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator-(const A& a, const B& b) { return binary<kSub>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator*(const A& a, const B& b) { return binary<kMul>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator/(const A& a, const B& b) { return binary<kDiv>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator<(const A& a, const B& b) { return compare<Op::Lt>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator<=(const A& a, const B& b) { return compare<Op::Le>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator>(const A& a, const B& b) { return compare<Op::Gt>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator>=(const A& a, const B& b) { return compare<Op::Ge>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator==(const A& a, const B& b) { return compare<Op::Eq>(a, b); }
template <class A, class B> requires SymPair<A, B>
constexpr auto operator!=(const A& a, const B& b) { return compare<Op::Ne>(a, b); }
constexpr Sym<Ty::Tensor> operator-(const Sym<Ty::Tensor>& a) { return node<Ty::Tensor>(a.b, Op::Neg, {a.id}); }

// Free functions under the tensor layer's names (found by argument-dependent lookup).
constexpr Sym<Ty::Tensor> relu(const Sym<Ty::Tensor>& a) { return a.relu(); }
constexpr Sym<Ty::Tensor> sigmoid(const Sym<Ty::Tensor>& a) { return a.sigmoid(); }
constexpr Sym<Ty::Tensor> tanh(const Sym<Ty::Tensor>& a) { return a.tanh(); }
constexpr Sym<Ty::Tensor> exp(const Sym<Ty::Tensor>& a) { return a.exp(); }
constexpr Sym<Ty::Tensor> matmul(const Sym<Ty::Tensor>& a, const Sym<Ty::Tensor>& b) { return a.matmul(b); }
// conv2d(input, weight, bias) with stride 1, no padding (torch.conv2d's defaults).
constexpr Sym<Ty::Tensor> conv2d(const Sym<Ty::Tensor>& x, const Sym<Ty::Tensor>& w,
                                 const Sym<Ty::Tensor>& bias) {
  return node<Ty::Tensor>(x.b, Op::Conv2d, {x.id, w.id, bias.id});
}

// tjit::torch::zeros(3, 4): a factory call with constant sizes, usable where a symbol meets it
// (as a loop's initial value) and, eagerly, as a tjit::Tensor.
struct ZerosCall {
  std::int64_t sizes[kMaxIn]{};
  int n = 0;
  operator Tensor() const;  // eager: tjit::zeros(sizes)
  constexpr Sym<Ty::Tensor> record(Builder& b) const {
    NodeDesc d;
    d.op = Op::Zeros;
    d.ty = Ty::Tensor;
    for (int k = 0; k < n; ++k) d.in[d.n_in++] = lift(b, sizes[k]);
    return {&b, b.add(d)};
  }
};

}  // namespace scripting

namespace torch {
template <class... I>
constexpr scripting::ZerosCall zeros(I... sizes) {
  static_assert(sizeof...(I) >= 1 && sizeof...(I) <= scripting::kMaxIn && (std::is_integral_v<I> && ...),
                "tjit::torch::zeros takes 1 to 6 integer sizes");
  scripting::ZerosCall z;
  ((z.sizes[z.n++] = static_cast<std::int64_t>(sizes)), ...);
  return z;
}
}  // namespace torch

// ---- control flow -----------------------------------------------------------------------------

namespace scripting {
template <class V>
constexpr auto as_sym(Builder& b, const V& v) {
  if constexpr (std::is_same_v<V, ZerosCall>) return v.record(b);
  else if constexpr (is_sym_v<V>) return v;
  else {
    constexpr Ty t = ty_of<V>();
    return Sym<t>{&b, lift(b, v)};
  }
}
template <class V>
using sym_t = decltype(as_sym(std::declval<Builder&>(), std::declval<const V&>()));

template <class R>
constexpr int collect_rets(const R& r, int* out) {
  out[0] = r.id;
  return 1;
}
}  // namespace scripting

// tjit::if_<"rv">(cond, then_fn, else_fn): prim::If; both arms return one value of the same
// type, named `rv` in the printed program. Eagerly: cond ? then_fn() : else_fn().
template <fixed_string OutName = "", class C, class T, class E>
constexpr auto if_(const C& cond, T then_fn, E else_fn) {
  if constexpr (scripting::is_sym_v<C>) {
    static_assert(scripting::ty_of<C>() == scripting::Ty::Bool,
                  "tjit::if_: the condition must be a bool value");
    using RT = scripting::sym_t<decltype(then_fn())>;
    using RE = scripting::sym_t<decltype(else_fn())>;
    static_assert(std::is_same_v<RT, RE>,
                  "tjit::if_: the two branches return values of different types");
    scripting::Builder& b = *cond.b;
    int tb = b.open_block();
    int r = scripting::as_sym(b, then_fn()).id;
    b.close_block(tb, &r, 1);
    int eb = b.open_block();
    r = scripting::as_sym(b, else_fn()).id;
    b.close_block(eb, &r, 1);
    scripting::NodeDesc d;
    d.op = scripting::Op::If;
    d.ty = scripting::Ty::Bool;  // no value of its own
    d.in[d.n_in++] = cond.id;
    d.sub[0] = tb;
    d.sub[1] = eb;
    int ifn = b.add(d, false);
    b.blocks[tb].owner = b.blocks[eb].owner = ifn;
    scripting::NodeDesc o;
    o.op = scripting::Op::Out;
    o.ty = scripting::ty_of<RT>();
    o.in[o.n_in++] = ifn;
    scripting::copy_name(o.name, OutName.s);
    return RT{&b, b.add(o, false)};
  } else {
    using R = std::common_type_t<decltype(then_fn()), decltype(else_fn())>;
    if (cond) return R(then_fn());
    return R(else_fn());
  }
}

// tjit::loop<"i", "rv">(n, init, body): prim::Loop over range(n) carrying one value; body(i, rv)
// returns the next rv. Names: the index, then the carried value. Eagerly: a for loop.
template <fixed_string IndexName = "i", fixed_string CarryName = "", class N, class I, class F>
constexpr auto loop(const N& n, const I& init, F body) {
  if constexpr (scripting::is_sym_v<N> || scripting::is_sym_v<I>) {
    scripting::Builder& b = [&]() -> scripting::Builder& {
      if constexpr (scripting::is_sym_v<N>) return *n.b;
      else return *init.b;
    }();
    using CT = scripting::sym_t<I>;
    static_assert(scripting::ty_of<N>() == scripting::Ty::Int, "tjit::loop: the trip count must be an int");
    int trip = scripting::lift(b, n);
    int init_id = scripting::as_sym(b, init).id;
    int body_b = b.open_block();
    scripting::NodeDesc pi;
    pi.op = scripting::Op::BlockParam;
    pi.ty = scripting::Ty::Int;
    pi.payload = 0;
    scripting::copy_name(pi.name, IndexName.s);
    scripting::Sym<scripting::Ty::Int> is{&b, b.add(pi, false)};
    scripting::NodeDesc pc;
    pc.op = scripting::Op::BlockParam;
    pc.ty = scripting::ty_of<CT>();
    pc.payload = 1;
    scripting::copy_name(pc.name, CarryName.s);
    CT cs{&b, b.add(pc, false)};
    auto next = scripting::as_sym(b, body(is, cs));
    static_assert(std::is_same_v<decltype(next), CT>,
                  "tjit::loop: the body must return a value of the carried value's type");
    int r = next.id;
    b.close_block(body_b, &r, 1);
    scripting::NodeDesc d;
    d.op = scripting::Op::Loop;
    d.ty = scripting::Ty::Bool;
    d.in[d.n_in++] = trip;
    d.in[d.n_in++] = init_id;
    d.sub[0] = body_b;
    int ln = b.add(d, false);
    b.blocks[body_b].owner = ln;
    scripting::NodeDesc o;
    o.op = scripting::Op::Out;
    o.ty = pc.ty;
    o.in[o.n_in++] = ln;
    scripting::copy_name(o.name, CarryName.s);
    return CT{&b, b.add(o, false)};
  } else {
    using C = std::conditional_t<std::is_same_v<I, scripting::ZerosCall>, Tensor, I>;
    C carried = init;
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) carried = C(body(i, carried));
    return carried;
  }
}

// tjit::loop<"i", "a", "b">(n, a0, b0, body): two carried values; body(i, a, b) returns
// std::tuple{next_a, next_b} (read before either is updated); the result is a std::tuple.
template <fixed_string IndexName, fixed_string Name1, fixed_string Name2, class N, class I1,
          class I2, class F>
constexpr auto loop(const N& n, const I1& init1, const I2& init2, F body) {
  if constexpr (scripting::is_sym_v<N> || scripting::is_sym_v<I1> || scripting::is_sym_v<I2>) {
    scripting::Builder& b = [&]() -> scripting::Builder& {
      if constexpr (scripting::is_sym_v<N>) return *n.b;
      else if constexpr (scripting::is_sym_v<I1>) return *init1.b;
      else return *init2.b;
    }();
    using C1 = scripting::sym_t<I1>;
    using C2 = scripting::sym_t<I2>;
    static_assert(scripting::ty_of<N>() == scripting::Ty::Int, "tjit::loop: the trip count must be an int");
    int trip = scripting::lift(b, n);
    int i1 = scripting::as_sym(b, init1).id, i2 = scripting::as_sym(b, init2).id;
    int body_b = b.open_block();
    auto param = [&](scripting::Ty t, int k, const char* name) {
      scripting::NodeDesc p;
      p.op = scripting::Op::BlockParam;
      p.ty = t;
      p.payload = k;
      scripting::copy_name(p.name, name);
      return b.add(p, false);
    };
    scripting::Sym<scripting::Ty::Int> is{&b, param(scripting::Ty::Int, 0, IndexName.s)};
    C1 c1{&b, param(scripting::ty_of<C1>(), 1, Name1.s)};
    C2 c2{&b, param(scripting::ty_of<C2>(), 2, Name2.s)};
    auto next = body(is, c1, c2);
    auto n1 = scripting::as_sym(b, std::get<0>(next));
    auto n2 = scripting::as_sym(b, std::get<1>(next));
    static_assert(std::is_same_v<decltype(n1), C1> && std::is_same_v<decltype(n2), C2>,
                  "tjit::loop: the body must return values of the carried values' types");
    int r[2] = {n1.id, n2.id};
    b.close_block(body_b, r, 2);
    scripting::NodeDesc d;
    d.op = scripting::Op::Loop;
    d.ty = scripting::Ty::Bool;
    d.in[d.n_in++] = trip;
    d.in[d.n_in++] = i1;
    d.in[d.n_in++] = i2;
    d.sub[0] = body_b;
    int ln = b.add(d, false);
    b.blocks[body_b].owner = ln;
    auto out = [&](scripting::Ty t, const char* name) {
      scripting::NodeDesc o;
      o.op = scripting::Op::Out;
      o.ty = t;
      o.in[o.n_in++] = ln;
      scripting::copy_name(o.name, name);
      return b.add(o, false);
    };
    int o1 = out(scripting::ty_of<C1>(), Name1.s);
    int o2 = out(scripting::ty_of<C2>(), Name2.s);
    return std::tuple<C1, C2>{C1{&b, o1}, C2{&b, o2}};
  } else {
    using V1 = std::conditional_t<std::is_same_v<I1, scripting::ZerosCall>, Tensor, I1>;
    using V2 = std::conditional_t<std::is_same_v<I2, scripting::ZerosCall>, Tensor, I2>;
    std::tuple<V1, V2> carried{V1(init1), V2(init2)};
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      auto next = body(i, std::get<0>(carried), std::get<1>(carried));
      carried = std::tuple<V1, V2>{V1(std::get<0>(next)), V2(std::get<1>(next))};
    }
    return carried;
  }
}

// tjit::name<"h">(value): the value is printed as the Python variable `h` (`%h.1` in graphs)
// instead of being inlined into its use. Name it where it is made: the unnamed value stays a
// separate node if it is used too. Eagerly: the value itself.
template <fixed_string Name, class V>
constexpr V name(const V& v) {
  if constexpr (scripting::is_sym_v<V>) {
    scripting::NodeDesc d = v.b->nodes[v.id];
    using scripting::Op;
    if (d.op == Op::Param || d.op == Op::BlockParam || d.op == Op::Out || d.op == Op::ConstInt ||
        d.op == Op::ConstFloat || d.op == Op::ConstBool)
      return v;  // already a variable or a literal
    d.name = scripting::Name{};
    scripting::copy_name(d.name, Name.s);
    int saved = v.b->cur;
    v.b->cur = d.block;
    V r{v.b, v.b->add(d)};
    v.b->cur = saved;
    return r;
  } else {
    return v;
  }
}

// tjit::arg<"x">, tjit::arg<"len", std::int64_t>: a parameter's name and type (default Tensor).
template <fixed_string Name, class T = Tensor>
struct Arg {
  using type = T;
  static constexpr const char* name() { return Name.s; }
};
template <fixed_string Name, class T = Tensor>
inline constexpr Arg<Name, T> arg{};

namespace scripting {

template <class T>
constexpr Ty ty_of_cpp() {
  if constexpr (std::is_same_v<T, Tensor>) return Ty::Tensor;
  else if constexpr (std::is_same_v<T, bool>) return Ty::Bool;
  else if constexpr (std::is_integral_v<T>) return Ty::Int;
  else {
    static_assert(std::is_floating_point_v<T>,
                  "tjit::arg: a parameter is a Tensor, an integer type, a floating-point type or bool");
    return Ty::Float;
  }
}

template <Ty T>
using cpp_t = std::conditional_t<T == Ty::Tensor, Tensor,
              std::conditional_t<T == Ty::Int, std::int64_t,
              std::conditional_t<T == Ty::Float, double, bool>>>;

struct Counts {
  int nodes, blocks;
};

// Runs the user's lambda on symbols: Note [The constexpr graph builder].
template <class F, class... A, std::size_t... K>
constexpr void record(Builder& b, std::index_sequence<K...>) {
  (void)std::initializer_list<int>{([&] {
    NodeDesc p;
    p.op = Op::Param;
    p.ty = ty_of_cpp<typename A::type>();
    p.payload = static_cast<std::int64_t>(K);
    copy_name(p.name, A::name());
    b.add(p, false);
  }(), 0)...};
  auto result = as_sym(b, F{}(Sym<ty_of_cpp<typename A::type>()>{&b, int(K)}...));
  int r = result.id;
  b.blocks[0].n_ret = 1;
  b.blocks[0].ret[0] = r;
}

// Dead values out, indices compacted; slots and per-block order assigned.
constexpr void finish(Builder& b) {
  const int n = int(b.nodes.size());
  std::vector<char> live(std::size_t(n), 0);
  std::vector<char> block_live(b.blocks.size(), 0);
  block_live[0] = 1;
  for (int k = 0; k < b.blocks[0].n_ret; ++k) live[b.blocks[0].ret[k]] = true;
  for (int i = 0; i < n; ++i)
    if (b.nodes[i].op == Op::Param) live[i] = true;
  for (int i = n - 1; i >= 0; --i) {
    NodeDesc& d = b.nodes[i];
    if (!live[i]) continue;
    for (int k = 0; k < d.n_in; ++k) live[d.in[k]] = true;
    for (int s : d.sub)
      if (s >= 0) {
        block_live[s] = 1;
        for (int k = 0; k < b.blocks[s].n_ret; ++k) live[b.blocks[s].ret[k]] = true;
      }
    if (d.op == Op::Out && b.nodes[d.in[0]].op == Op::Loop)
      for (int j = d.in[0] + 1; j < n && b.nodes[j].op == Op::Out && b.nodes[j].in[0] == d.in[0]; ++j)
        live[j] = 1;
    if (d.op == Op::Loop)
      for (int j = 0; j < i; ++j)
        if (b.nodes[j].op == Op::BlockParam && b.nodes[j].block == d.sub[0]) live[j] = true;
  }
  std::vector<int> remap(n, -1);
  std::vector<NodeDesc> kept;
  for (int i = 0; i < n; ++i)
    if (live[i]) {
      remap[i] = int(kept.size());
      kept.push_back(b.nodes[i]);
    }
  for (NodeDesc& d : kept)
    for (int k = 0; k < d.n_in; ++k) d.in[k] = remap[d.in[k]];
  for (BlockDesc& bd : b.blocks) {
    for (int k = 0; k < bd.n_ret; ++k) bd.ret[k] = remap[bd.ret[k]];
    if (bd.owner >= 0) bd.owner = remap[bd.owner];
  }
  b.nodes = kept;
}

template <class F, class... A>
constexpr Counts count() {
  Builder b;
  record<F, A...>(b, std::index_sequence_for<A...>{});
  finish(b);
  return {int(b.nodes.size()), int(b.blocks.size())};
}

template <fixed_string Name, class F, class... A>
constexpr auto freeze() {
  constexpr Counts c = count<F, A...>();
  Builder b;
  record<F, A...>(b, std::index_sequence_for<A...>{});
  finish(b);
  GraphTable<std::size_t(c.nodes), std::size_t(c.blocks)> g;
  copy_name(g.fn_name, Name.s);
  g.n_params = int(sizeof...(A));
  for (int i = 0; i < c.nodes; ++i) {
    g.nodes[i] = b.nodes[i];
    if (g.nodes[i].op != Op::If && g.nodes[i].op != Op::Loop)
      g.nodes[i].slot = g.n_slots[int(g.nodes[i].ty)]++;
  }
  int pos = 0;
  for (int bl = 0; bl < c.blocks; ++bl) {
    g.blocks[bl] = b.blocks[bl];
    g.blocks[bl].begin = pos;
    for (int i = 0; i < c.nodes; ++i)
      if (g.nodes[i].block == bl) g.order[pos++] = i;
    g.blocks[bl].count = pos - g.blocks[bl].begin;
  }
  return g;
}

// ---- execution: Note [Static execution] --------------------------------------------------------

template <int NT, int NI, int NF, int NB>
struct Frame {
  Tensor t[NT > 0 ? NT : 1];
  std::int64_t i[NI > 0 ? NI : 1]{};
  double f[NF > 0 ? NF : 1]{};
  bool b[NB > 0 ? NB : 1]{};
};

// Out-of-line, noexcept calls into the tensor layer (detail/script_impl.hpp). False: an error
// was recorded (rethrown by rethrow_error()).
bool k_binary_tt(Op op, Tensor& out, const Tensor& a, const Tensor& b) noexcept;
bool k_binary_ts(Op op, Tensor& out, const Tensor& a, const Scalar& s) noexcept;
bool k_unary(Op op, Tensor& out, const Tensor& a) noexcept;
bool k_matmul(Tensor& out, const Tensor& a, const Tensor& b) noexcept;
bool k_conv2d(Tensor& out, const Tensor& x, const Tensor& w, const Tensor& bias) noexcept;
bool k_zeros(Tensor& out, const std::int64_t* sizes, int n) noexcept;
bool k_size(std::int64_t& out, const Tensor& a, std::int64_t dim) noexcept;
[[noreturn]] void rethrow_error();
bool eager_mode();  // PYTORCH_JIT=0

// The lowered forms (Note [Lowering through TorchScript source]).
struct Lowered {
  std::string source;
  std::shared_ptr<runtime::CompilationUnit> cu;
  runtime::Function* function = nullptr;
};
std::string to_source(const GraphView& g);
std::shared_ptr<Lowered> lower(const GraphView& g);
std::string graph_text(const Lowered& l);
std::string code_text(const Lowered& l);
runtime::Function& function_of(const Lowered& l);
std::shared_ptr<ir::Graph> graph_of(const Lowered& l);

template <auto G>
struct Exec {
  using F = Frame<G.n_slots[0], G.n_slots[1], G.n_slots[2], G.n_slots[3]>;

  template <Ty T>
  static constexpr auto& at(F& fr, int slot) {
    if constexpr (T == Ty::Tensor) return fr.t[slot];
    else if constexpr (T == Ty::Int) return fr.i[slot];
    else if constexpr (T == Ty::Float) return fr.f[slot];
    else return fr.b[slot];
  }
  template <int V>
  static constexpr auto& val(F& fr) {
    constexpr NodeDesc d = G.nodes[V];
    return at<d.ty>(fr, d.slot);
  }

  template <int B>
  static bool assign_rets(F& fr, int out_first) noexcept;

  template <int I>
  static bool run_node(F& fr) noexcept {
    constexpr NodeDesc d = G.nodes[I];
    constexpr Op op = d.op;
    if constexpr (op == Op::Param || op == Op::BlockParam || op == Op::Out) {
      return true;
    } else if constexpr (op == Op::ConstInt) {
      fr.i[d.slot] = d.payload;
      return true;
    } else if constexpr (op == Op::ConstFloat) {
      fr.f[d.slot] = std::bit_cast<double>(d.payload);
      return true;
    } else if constexpr (op == Op::ConstBool) {
      fr.b[d.slot] = d.payload != 0;
      return true;
    } else if constexpr (op == Op::AddTT || op == Op::SubTT || op == Op::MulTT || op == Op::DivTT) {
      return k_binary_tt(op, fr.t[d.slot], val<d.in[0]>(fr), val<d.in[1]>(fr));
    } else if constexpr (op == Op::AddTS || op == Op::SubTS || op == Op::MulTS || op == Op::DivTS ||
                         op == Op::RSubTS) {
      return k_binary_ts(op, fr.t[d.slot], val<d.in[0]>(fr), Scalar(val<d.in[1]>(fr)));
    } else if constexpr (op == Op::Neg || op == Op::Relu || op == Op::Sigmoid || op == Op::Tanh ||
                         op == Op::Exp) {
      return k_unary(op, fr.t[d.slot], val<d.in[0]>(fr));
    } else if constexpr (op == Op::Matmul) {
      return k_matmul(fr.t[d.slot], val<d.in[0]>(fr), val<d.in[1]>(fr));
    } else if constexpr (op == Op::Conv2d) {
      return k_conv2d(fr.t[d.slot], val<d.in[0]>(fr), val<d.in[1]>(fr), val<d.in[2]>(fr));
    } else if constexpr (op == Op::Zeros) {
      std::int64_t s[kMaxIn];
      [&]<std::size_t... K>(std::index_sequence<K...>) {
        ((s[K] = val<d.in[K]>(fr)), ...);
      }(std::make_index_sequence<std::size_t(d.n_in)>{});
      return k_zeros(fr.t[d.slot], s, d.n_in);
    } else if constexpr (op == Op::Size) {
      return k_size(fr.i[d.slot], val<d.in[0]>(fr), val<d.in[1]>(fr));
    } else if constexpr (op == Op::AddS || op == Op::SubS || op == Op::MulS || op == Op::DivS) {
      using R = cpp_t<d.ty>;
      auto a = static_cast<R>(val<d.in[0]>(fr));
      auto b = static_cast<R>(val<d.in[1]>(fr));
      if constexpr (op == Op::AddS) at<d.ty>(fr, d.slot) = a + b;
      else if constexpr (op == Op::SubS) at<d.ty>(fr, d.slot) = a - b;
      else if constexpr (op == Op::MulS) at<d.ty>(fr, d.slot) = a * b;
      else at<d.ty>(fr, d.slot) = a / b;
      return true;
    } else if constexpr (op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge ||
                         op == Op::Eq || op == Op::Ne) {
      auto a = val<d.in[0]>(fr);
      auto b = val<d.in[1]>(fr);
      bool r;
      if constexpr (op == Op::Lt) r = a < b;
      else if constexpr (op == Op::Le) r = a <= b;
      else if constexpr (op == Op::Gt) r = a > b;
      else if constexpr (op == Op::Ge) r = a >= b;
      else if constexpr (op == Op::Eq) r = a == b;
      else r = a != b;
      fr.b[d.slot] = r;
      return true;
    } else if constexpr (op == Op::If) {
      constexpr int out = I + 1;  // the If's output follows it
      if (val<d.in[0]>(fr)) {
        if (!run_block<d.sub[0]>(fr)) return false;
        val<out>(fr) = val<G.blocks[d.sub[0]].ret[0]>(fr);
      } else {
        if (!run_block<d.sub[1]>(fr)) return false;
        val<out>(fr) = val<G.blocks[d.sub[1]].ret[0]>(fr);
      }
      return true;
    } else if constexpr (op == Op::Loop) {
      constexpr BlockDesc body = G.blocks[d.sub[0]];
      constexpr int idx = G.order[body.begin];
      const std::int64_t n = val<d.in[0]>(fr);
      return [&]<std::size_t... J>(std::index_sequence<J...>) {
        ((val<G.order[body.begin + 1 + J]>(fr) = val<d.in[1 + J]>(fr)), ...);
        for (std::int64_t it = 0; it < n; ++it) {
          val<idx>(fr) = it;
          if (!run_block<d.sub[0]>(fr)) return false;
          if constexpr (sizeof...(J) == 1) {
            if constexpr (body.ret[0] != G.order[body.begin + 1])
              val<G.order[body.begin + 1]>(fr) = val<body.ret[0]>(fr);
          } else {  // all next values are read before any carried value is written
            auto next = std::make_tuple(val<body.ret[J]>(fr)...);
            ((val<G.order[body.begin + 1 + J]>(fr) = std::move(std::get<J>(next))), ...);
          }
        }
        ((val<I + 1 + J>(fr) = std::move(val<G.order[body.begin + 1 + J]>(fr))), ...);
        return true;
      }(std::make_index_sequence<std::size_t(d.n_in - 1)>{});
    } else {
      static_assert(op == Op::Param, "tjit::script: an op without an executor");
      return false;
    }
  }

  template <int B, int Start, int Count>
  static bool run_chunk(F& fr) noexcept {
    if constexpr (Count == 0) {
      return true;
    } else if constexpr (Count <= 64) {
      return [&]<std::size_t... K>(std::index_sequence<K...>) {
        return (run_node<G.order[Start + K]>(fr) && ...);
      }(std::make_index_sequence<Count>{});
    } else {
      return run_chunk<B, Start, 64>(fr) && run_chunk<B, Start + 64, Count - 64>(fr);
    }
  }
  template <int B>
  static bool run_block(F& fr) noexcept {
    return run_chunk<B, G.blocks[B].begin, G.blocks[B].count>(fr);
  }
};

template <class T>
constexpr bool arg_fits(Ty t) {
  using U = std::remove_cvref_t<T>;
  if (t == Ty::Tensor) return std::is_convertible_v<U, Tensor>;
  if (t == Ty::Bool) return std::is_same_v<U, bool>;
  if (t == Ty::Int) return std::is_integral_v<U> && !std::is_same_v<U, bool>;
  return std::is_arithmetic_v<U> && !std::is_same_v<U, bool>;
}

// A scripted function. Its type is the graph (G); F is kept for the eager path.
template <auto G, class F>
struct StaticFunction {
  static constexpr const auto& table = G;

  template <class... A>
  auto operator()(A&&... args) const {
    static_assert(sizeof...(A) == std::size_t(G.n_params),
                  "tjit::script: called with the wrong number of arguments");
    constexpr NodeDesc ret = G.nodes[G.blocks[0].ret[0]];
    using R = cpp_t<ret.ty>;
    check_args<A...>(std::index_sequence_for<A...>{});
    if (eager_mode()) return R(F{}(args...));
    using E = Exec<G>;
    typename E::F fr;
    std::size_t k = 0;
    (void)std::initializer_list<int>{(set_param(fr, k++, args), 0)...};
    if (!E::template run_block<0>(fr)) rethrow_error();
    return R(std::move(E::template val<G.blocks[0].ret[0]>(fr)));
  }

  // The user's lambda on real values (what PYTORCH_JIT=0 runs).
  template <class... A>
  auto eager(A&&... args) const {
    using R = cpp_t<G.nodes[G.blocks[0].ret[0]].ty>;
    return R(F{}(args...));
  }

  // PyTorch's str(fn.graph) (without source locations), .code, and the runtime Function.
  std::string graph() const { return graph_text(lowered()); }
  std::string code() const { return code_text(lowered()); }
  std::string source() const { return lowered().source; }
  runtime::Function& to_function() const { return function_of(lowered()); }
  std::shared_ptr<ir::Graph> to_graph() const { return graph_of(lowered()); }

 private:
  static const Lowered& lowered() {
    static const std::shared_ptr<Lowered> l = lower(G.view());
    return *l;
  }
  template <class... A, std::size_t... K>
  static constexpr void check_args(std::index_sequence<K...>) {
    static_assert((arg_fits<A>(G.nodes[K].ty) && ...),
                  "tjit::script: an argument's type does not match its tjit::arg<> declaration");
  }
  template <class Fr, class A>
  static void set_param(Fr& fr, std::size_t k, const A& a) {
    using E = Exec<G>;
    using U = std::remove_cvref_t<A>;
    // Parameters are nodes 0..n_params-1, slot k of their type among parameters.
    const NodeDesc& d = G.nodes[k];
    if constexpr (std::is_convertible_v<U, Tensor>) fr.t[d.slot] = a;
    else if constexpr (std::is_same_v<U, bool>) fr.b[d.slot] = a;
    else if constexpr (std::is_integral_v<U>) fr.i[d.slot] = a;
    else fr.f[d.slot] = a;
    (void)sizeof(E);
  }
};

}  // namespace scripting

// tjit::script<"foo">(lambda, tjit::arg<"x">, ...): Note [The constexpr graph builder].
template <fixed_string Name, class F, class... A>
constexpr auto script(F, A...) {
  static_assert(std::is_empty_v<F> && std::is_default_constructible_v<F>,
                "tjit::script: the callable must be a stateless lambda (no captures)");
  static_assert(sizeof...(A) >= 1, "tjit::script: declare each parameter with tjit::arg<\"name\">");
  constexpr auto g = scripting::freeze<Name, F, A...>();
  return scripting::StaticFunction<g, F>{};
}

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/script/detail/script_impl.hpp"
#endif
