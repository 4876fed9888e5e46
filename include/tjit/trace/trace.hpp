// tjit/trace/trace.hpp — tracing: run ordinary C++ code on example tensors and get the graph of
// the ops it ran (torch.jit.trace).
//
//   auto f = [](const tjit::Tensor& x, const tjit::Tensor& y) { return tjit::relu(x * y + 1); };
//   tjit::TracedFunction t = tjit::trace(f, std::tuple{x, y});
//   std::cout << *t.graph();          // aten::mul, aten::add, aten::relu with complete types
//   tjit::IValue out = t(x2, y2);       // runs the graph in the interpreter
//   t.save("f.pt");                    // torch.jit.load("f.pt") runs it in PyTorch
//
// Every op of the tensor layer reports itself through the hook of tjit/tensor/trace_hook.hpp;
// the tracer turns each report into a node with the operator's schema (constants for the
// non-tensor arguments, as PyTorch's tracer records them). Control flow in C++ is not recorded:
// a trace is the straight line the example inputs took. What cannot follow new inputs is
// reported as a TracerWarning, as PyTorch reports it:
//   - a tensor's data read into C++ (`item()`, `data_ptr()`): the value is baked in;
//   - an in-place op writing to memory other live tensors view;
//   - (with check_trace) outputs that differ from re-running the C++ function, and graphs
//     that differ when traced again on `check_inputs` (a TracingCheckError with a graph diff).
// `strict` turns every warning into a tjit::Error naming the C++ source location.
//
// The example inputs and the function's results may be Tensors, std::vector<Tensor>s and
// std::tuples of Tensors.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/core/error.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/serialize/module.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit {

struct TracerWarning {
  std::string message;
  std::string location;  // "file:line" of the C++ code responsible, when known
};

// What torch.jit.trace raises when checking a trace fails ("Graphs differed across
// invocations!").
class TracingCheckError : public Error {
 public:
  using Error::Error;
};

struct TraceOptions {
  // Re-trace on `check_inputs` (or the example inputs) and compare graphs and outputs.
  bool check_trace = true;
  // Relative and absolute tolerance of the output comparison.
  double check_tolerance = 1e-5;
  // Every warning becomes a tjit::Error (with the C++ source location when known).
  bool strict = false;
  // Receives each warning (once per message and location); by default they are printed to
  // stderr as "TracerWarning: ...".
  std::function<void(const TracerWarning&)> on_warning;
  // The function's name in its graph, code and archives.
  std::string name = "forward";
  // Debug names of the graph's inputs (PyTorch takes them from Python); unnamed by default.
  std::vector<std::string> input_names;
};

// A traced function: its graph, run by the interpreter.
class TracedFunction {
 public:
  TracedFunction() = default;
  TracedFunction(std::shared_ptr<runtime::Function> fn, std::vector<TracerWarning> warnings)
      : fn_(std::move(fn)), warnings_(std::move(warnings)) {}

  bool defined() const { return fn_ != nullptr; }
  const std::shared_ptr<ir::Graph>& graph() const { return fn_->graph(); }
  // What PyTorch's `traced.code` shows.
  std::string code() const;
  const std::string& name() const { return fn_->qualname(); }
  runtime::Function& function() const { return *fn_; }
  // The warnings the trace and its checks gave.
  const std::vector<TracerWarning>& warnings() const { return warnings_; }

  IValue operator()(std::vector<IValue> inputs) const { return (*fn_)(std::move(inputs)); }
  template <class... A>
    requires(sizeof...(A) > 0 &&
             !(sizeof...(A) == 1 &&
               (std::is_same_v<std::remove_cvref_t<A>, std::vector<IValue>> && ...)))
  IValue operator()(A&&... args) const {
    return (*fn_)(std::vector<IValue>{IValue(std::forward<A>(args))...});
  }

  // The module torch.jit.save writes for a function (`__torch__.PlaceholderModule` whose
  // forward is this function), as PyTorch's ScriptFunction.save does.
  Module to_module() const;
#ifdef TJIT_MODULE_HAS_SAVE
  void save(const std::string& path, const ExtraFilesMap& extra_files = {}) const {
    to_module().save(path, extra_files);
  }
  void save(std::ostream& out, const ExtraFilesMap& extra_files = {}) const {
    to_module().save(out, extra_files);
  }
#endif

 private:
  std::shared_ptr<runtime::Function> fn_;
  std::vector<TracerWarning> warnings_;
};

namespace tracer {

// The user's function with its arguments and results as IValues.
using ErasedFn = std::function<IValue(const std::vector<IValue>&)>;

// One trace of `fn` on `inputs` (no checks): the graph, with complete tensor types. Warnings go
// to `warnings` (and, per options, to on_warning / exceptions).
std::shared_ptr<ir::Graph> trace_graph(const ErasedFn& fn, const std::vector<IValue>& inputs,
                                       const TraceOptions& options,
                                       std::vector<TracerWarning>& warnings);

// trace_graph, then the checks of TraceOptions::check_trace.
TracedFunction trace_function(const ErasedFn& fn, const std::vector<IValue>& inputs,
                              const TraceOptions& options,
                              const std::vector<std::vector<IValue>>& check_inputs);

// A graph's text with tensor types erased to `Tensor` (what the trace check compares).
std::string erased_graph_text(const ir::Graph& g);

namespace detail {

template <class T>
struct is_std_tuple : std::false_type {};
template <class... T>
struct is_std_tuple<std::tuple<T...>> : std::true_type {};

template <class T>
T from_ivalue(const IValue& v) {
  if constexpr (std::is_same_v<T, Tensor>) {
    return v.toTensor();
  } else if constexpr (std::is_same_v<T, std::vector<Tensor>>) {
    std::vector<Tensor> out;
    for (const IValue& e : v.toList()->items) out.push_back(e.toTensor());
    return out;
  } else if constexpr (is_std_tuple<T>::value) {
    const auto& elems = v.toTuple()->elements();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      TJIT_CHECK(elems.size() == sizeof...(I), "trace: expected a tuple of ", sizeof...(I),
                 " values but got ", elems.size());
      return T{from_ivalue<std::tuple_element_t<I, T>>(elems[I])...};
    }(std::make_index_sequence<std::tuple_size_v<T>>{});
  } else {
    static_assert(sizeof(T) == 0,
                  "tjit::trace: inputs must be Tensors, std::vector<Tensor>s or tuples of them");
  }
}

template <class T>
IValue to_ivalue(T&& v) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, Tensor> || std::is_same_v<U, std::vector<Tensor>>) {
    return IValue(std::forward<T>(v));
  } else if constexpr (is_std_tuple<U>::value) {
    std::vector<IValue> elems;
    std::apply([&](auto&&... e) { (elems.push_back(to_ivalue(e)), ...); }, v);
    return IValue(runtime::make_tuple(std::move(elems)));
  } else {
    static_assert(sizeof(U) == 0,
                  "tjit::trace: results must be Tensors, std::vector<Tensor>s or tuples of them");
  }
}

template <class F, class... Args>
ErasedFn erase(F& fn) {
  return [&fn](const std::vector<IValue>& in) -> IValue {
    TJIT_CHECK(in.size() == sizeof...(Args), "trace: the function takes ", sizeof...(Args),
               " inputs but got ", in.size());
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return to_ivalue(std::invoke(fn, from_ivalue<Args>(in[I])...));
    }(std::index_sequence_for<Args...>{});
  };
}

template <class... Args>
std::vector<IValue> to_ivalues(const std::tuple<Args...>& t) {
  return std::apply([](const auto&... e) { return std::vector<IValue>{to_ivalue(e)...}; }, t);
}

}  // namespace detail
}  // namespace tracer

// torch.jit.trace(fn, example_inputs, check_trace, check_inputs, check_tolerance): `fn` is
// called with the example inputs (as PyTorch does, they may be modified by it).
template <class F, class... Args>
TracedFunction trace(F&& fn, const std::tuple<Args...>& example_inputs,
                     const TraceOptions& options = {},
                     const std::vector<std::tuple<Args...>>& check_inputs = {}) {
  static_assert(std::is_invocable_v<F&, const Args&...>,
                "tjit::trace: the function cannot be called with the example inputs' types");
  std::vector<std::vector<IValue>> checks;
  for (const auto& c : check_inputs) checks.push_back(tracer::detail::to_ivalues(c));
  return tracer::trace_function(tracer::detail::erase<std::remove_reference_t<F>, Args...>(fn),
                               tracer::detail::to_ivalues(example_inputs), options, checks);
}

// One tensor input.
template <class F>
TracedFunction trace(F&& fn, const Tensor& example_input, const TraceOptions& options = {},
                     const std::vector<Tensor>& check_inputs = {}) {
  std::vector<std::tuple<Tensor>> checks;
  for (const Tensor& c : check_inputs) checks.emplace_back(c);
  return trace(std::forward<F>(fn), std::tuple<Tensor>(example_input), options, checks);
}

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/trace/detail/trace_impl.hpp"
#endif
