// Definitions of tjit/trace/trace.hpp (see tjit/core/config.hpp for how they are compiled).
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <regex>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "tjit/frontend/code_printer.hpp"
#include "tjit/ir/passes/dead_code_elimination.hpp"
#include "tjit/ir/passes/effects.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/trace/trace.hpp"

namespace tjit::tracer {

using tjit::detail::str_cat;

namespace detail {

// Python's repr of a float (shortest round-trip digits), as the check messages print numbers.
inline std::string float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// The complete type a traced tensor gets: `Float(3, 4, strides=[4, 1], requires_grad=0,
// device=cpu)`.
inline ir::TypePtr complete_type(const Tensor& t) {
  ir::TensorInfo info;
  info.scalar_type = std::string(to_string(t.scalar_type()));
  info.sizes.emplace();
  info.strides.emplace();
  for (auto s : t.sizes()) info.sizes->push_back(s);
  for (auto s : t.strides()) info.strides->push_back(s);
  info.requires_grad = t.requires_grad();
  info.device = "cpu";
  return ir::Type::TensorOf(std::move(info));
}

inline std::string where_str(const std::source_location& w) {
  return str_cat(w.file_name(), ":", w.line());
}

class TracingState final : public tracing::Recorder {
 public:
  TracingState(const TraceOptions& options, std::vector<TracerWarning>& warnings)
      : options_(options), warnings_(warnings), graph_(std::make_shared<ir::Graph>()) {}

  const std::shared_ptr<ir::Graph>& graph() const { return graph_; }

  void add_input(const IValue& v, const std::string& name) {
    ir::Value* in = graph_->addInput();
    if (!name.empty()) in->setDebugName(name);
    if (v.isTensor()) {
      in->setType(complete_type(v.toTensor()));
      bind(v.toTensor(), in);
    } else if (v.isList()) {
      in->setType(ir::Type::List(ir::Type::Tensor()));
      const auto& items = v.toList()->items;
      ir::Node* unpack = graph_->insertNode(graph_->createListUnpack(in, items.size()));
      for (std::size_t i = 0; i < items.size(); ++i) bind(items[i].toTensor(), unpack->output(i));
    } else if (v.isTuple()) {
      std::vector<ir::TypePtr> types;
      const auto& elems = v.toTuple()->elements();
      for (const IValue& e : elems) {
        TJIT_CHECK(e.isTensor(), "trace: tuple inputs must hold Tensors");
        types.push_back(complete_type(e.toTensor()));
      }
      in->setType(ir::Type::Tuple(types));
      ir::Node* unpack = graph_->insertNode(graph_->createTupleUnpack(in));
      for (std::size_t i = 0; i < elems.size(); ++i) bind(elems[i].toTensor(), unpack->output(i));
    } else {
      throw Error(str_cat("trace: inputs must be Tensors, lists or tuples of Tensors, not ",
                          v.tagKind()));
    }
  }

  void set_output(const IValue& v) { graph_->registerOutput(output_value(v)); }

  void record(std::string_view op, std::span<const tracing::Arg> in,
              std::span<const tracing::Arg> out) override {
    const runtime::Operator& o = lookup(op);
    const ir::FunctionSchema& schema = o.schema();
    const auto& formals = schema.arguments();
    TJIT_CHECK(in.size() <= formals.size(), "trace: ", op, " was reported with ", in.size(),
               " arguments but its schema has ", formals.size());
    if (!formals.empty() && formals[0].alias_info() && formals[0].alias_info()->isWrite() &&
        in[0].kind == tracing::ArgKind::Tensor)
      check_inplace(schema.name(), *static_cast<const Tensor*>(in[0].p));
    std::vector<ir::Value*> inputs;
    for (std::size_t i = 0; i < formals.size(); ++i) {
      if (i < in.size()) {
        inputs.push_back(arg_value(in[i], formals[i], op));
      } else {
        TJIT_CHECK(formals[i].default_value(), "trace: ", op, " was reported without its argument '",
                   formals[i].name(), "', which has no default");
        inputs.push_back(default_value(formals[i]));
      }
    }
    const auto& returns = schema.returns();
    ir::Node* n = graph_->insertNode(
        graph_->create(ir::Symbol::fromQualString(schema.name()), inputs, returns.size()));
    for (std::size_t i = 0; i < returns.size(); ++i) {
      ir::Value* v = n->output(i);
      const tracing::Arg* a = i < out.size() ? &out[i] : nullptr;
      const ir::TypePtr& rt = returns[i].type();
      if (a && a->kind == tracing::ArgKind::Tensor) {
        const Tensor& t = *static_cast<const Tensor*>(a->p);
        v->setType(complete_type(t));
        bind(t, v);
      } else if (a && a->kind == tracing::ArgKind::TensorList) {
        v->setType(ir::Type::List(ir::Type::Tensor()));
        const Tensor* ts = static_cast<const Tensor*>(a->p);
        ir::Node* unpack = graph_->insertNode(graph_->createListUnpack(v, a->n));
        for (std::size_t k = 0; k < a->n; ++k) {
          unpack->output(k)->setType(complete_type(ts[k]));
          bind(ts[k], unpack->output(k));
        }
      } else {
        v->setType(rt);
      }
    }
  }

  void data_read(const Tensor& t, tracing::DataRead how,
                 const std::source_location& where) override {
    if (!env_.count(t.unsafe_impl_ptr())) return;  // constants: nothing to lose
    const char* what = how == tracing::DataRead::Item ? "Converting a tensor to a C++ number"
                                                      : "Reading a tensor's data through a C++ pointer";
    warn(str_cat(what,
                 " might cause the trace to be incorrect. We can't record the data flow of C++ "
                 "values, so this value will be treated as a constant in the future. This means "
                 "that the trace might not generalize to other inputs!"),
         where_str(where));
  }

  void warn(std::string message, std::string location) {
    emit_warning(options_, warnings_, TracerWarning{std::move(message), std::move(location)});
  }

  static void emit_warning(const TraceOptions& options, std::vector<TracerWarning>& warnings,
                           TracerWarning w) {
    for (const TracerWarning& seen : warnings)
      if (seen.message == w.message && seen.location == w.location) return;
    if (options.strict)
      throw Error(str_cat("TracerWarning (strict tracing): ", w.message,
                          w.location.empty() ? "" : "\n  at ", w.location));
    if (options.on_warning) {
      options.on_warning(w);
    } else {
      std::cerr << (w.location.empty() ? "" : w.location + ": ") << "TracerWarning: " << w.message
                << "\n";
    }
    warnings.push_back(std::move(w));
  }

 private:
  struct Entry {
    Tensor keep;  // keeps the impl alive, so its address is not reused during the trace
    ir::Value* value;
  };

  const runtime::Operator& lookup(std::string_view op) {
    auto it = ops_.find(op.data());
    if (it != ops_.end()) return *it->second;
    const runtime::Operator* o = runtime::OperatorRegistry::instance().findByQualifiedName(op);
    TJIT_CHECK(o, "trace: the tensor layer reported operator '", op,
               "', which is not in the operator registry");
    ops_.emplace(op.data(), o);
    return *o;
  }

  void bind(const Tensor& t, ir::Value* v) { env_[t.unsafe_impl_ptr()] = Entry{t, v}; }

  ir::Value* value_of(const Tensor& t) {
    auto it = env_.find(t.unsafe_impl_ptr());
    if (it != env_.end()) return it->second.value;
    // A tensor the trace did not compute (captured from outside): a constant, as in PyTorch.
    ir::Value* c =
        graph_->insertConstant(ir::Literal(runtime::make_tensor_constant(t)), complete_type(t));
    bind(t, c);
    return c;
  }

  ir::Value* constant(ir::Literal lit, ir::TypePtr type = nullptr) {
    return graph_->insertConstant(lit, std::move(type));
  }

  ir::Value* list_of(const ir::TypePtr& elem, std::vector<ir::Value*> items) {
    return graph_->insertNode(graph_->createList(elem, items))->output();
  }

  // A scalar constant converted to what the schema's argument type wants.
  ir::Value* number(const ir::TypePtr& want, std::int64_t i, double f, bool is_float,
                    bool is_bool) {
    switch (want->kind()) {
      case ir::TypeKind::FloatType: return constant(ir::Literal(is_float ? f : double(i)));
      case ir::TypeKind::IntType: return constant(ir::Literal(is_float ? std::int64_t(f) : i));
      case ir::TypeKind::BoolType: return constant(ir::Literal(is_float ? f != 0 : i != 0));
      default:
        if (is_bool) return constant(ir::Literal(i != 0));
        if (is_float) return constant(ir::Literal(f));
        return constant(ir::Literal(i));
    }
  }

  static ir::TypePtr unwrap_optional(const ir::TypePtr& t) {
    return t->kind() == ir::TypeKind::OptionalType ? t->getElementType() : t;
  }

  ir::Value* arg_value(const tracing::Arg& a, const ir::Argument& formal, std::string_view op) {
    using K = tracing::ArgKind;
    ir::TypePtr want = unwrap_optional(formal.type());
    const bool want_list = want->kind() == ir::TypeKind::ListType;
    switch (a.kind) {
      case K::None: return constant(ir::Literal());
      case K::Tensor: return value_of(*static_cast<const Tensor*>(a.p));
      case K::TensorList: {
        std::vector<ir::Value*> items;
        const Tensor* ts = static_cast<const Tensor*>(a.p);
        for (std::size_t i = 0; i < a.n; ++i) items.push_back(value_of(ts[i]));
        return list_of(ir::Type::Tensor(), items);
      }
      case K::OptionalTensorList: {
        std::vector<ir::Value*> items;
        const auto* ts = static_cast<const std::optional<Tensor>*>(a.p);
        auto opt = ir::Type::Optional(ir::Type::Tensor());
        for (std::size_t i = 0; i < a.n; ++i) {
          ir::Value* v = ts[i] && ts[i]->defined() ? value_of(*ts[i]) : constant(ir::Literal(), opt);
          items.push_back(v);
        }
        return list_of(opt, items);
      }
      case K::Scalar: {
        const Scalar& s = *static_cast<const Scalar*>(a.p);
        return number(want, s.is_floating_point() ? 0 : s.to<std::int64_t>(),
                      s.is_floating_point() ? s.to<double>() : 0, s.is_floating_point(),
                      s.is_bool());
      }
      case K::Int:
      case K::Bool:
      case K::Float: {
        const bool is_float = a.kind == K::Float, is_bool = a.kind == K::Bool;
        if (want_list) {  // a broadcast list argument (`int[2] stride=1`)
          std::size_t n = formal.N() ? static_cast<std::size_t>(*formal.N()) : 1;
          std::vector<ir::Value*> items;
          for (std::size_t i = 0; i < n; ++i)
            items.push_back(number(want->getElementType(), a.i, a.f, is_float, is_bool));
          return list_of(want->getElementType(), items);
        }
        return number(want, a.i, a.f, is_float, is_bool);
      }
      case K::IntList:
      case K::FloatList: {
        const bool is_float = a.kind == K::FloatList;
        ir::TypePtr elem = want_list ? want->getElementType()
                                     : (is_float ? ir::Type::Float() : ir::Type::Int());
        std::size_t n = a.n;
        if (n == 1 && formal.N() && *formal.N() > 1) n = static_cast<std::size_t>(*formal.N());
        std::vector<ir::Value*> items;
        for (std::size_t i = 0; i < n; ++i) {
          std::size_t k = a.n == 1 ? 0 : i;
          if (is_float)
            items.push_back(number(elem, 0, static_cast<const double*>(a.p)[k], true, false));
          else
            items.push_back(number(elem, static_cast<const std::int64_t*>(a.p)[k], 0, false, false));
        }
        return list_of(elem, items);
      }
      case K::String:
        return constant(ir::Literal(std::string(static_cast<const char*>(a.p), a.n)));
      case K::Dtype: return constant(ir::Literal(a.i));
      case K::Device: return constant(ir::Literal::device("cpu"));
    }
    throw Error(str_cat("trace: unknown argument kind for ", op));
  }

  ir::Value* default_value(const ir::Argument& formal) {
    const ir::Literal& d = *formal.default_value();
    ir::TypePtr want = unwrap_optional(formal.type());
    if (want->kind() == ir::TypeKind::ListType && !d.is_none()) {
      // Lists are built element by element, as the tracer records them.
      std::vector<ir::Value*> items;
      if (d.is_list()) {
        for (const ir::Literal& e : d.to_list()) items.push_back(constant(e));
      } else {
        std::size_t n = formal.N() ? static_cast<std::size_t>(*formal.N()) : 1;
        for (std::size_t i = 0; i < n; ++i) items.push_back(constant(d));
      }
      return list_of(want->getElementType(), items);
    }
    return constant(d, d.is_none() ? ir::Type::None() : nullptr);
  }

  ir::Value* output_value(const IValue& v) {
    if (v.isTensor()) return value_of(v.toTensor());
    if (v.isTuple()) {
      std::vector<ir::Value*> elems;
      for (const IValue& e : v.toTuple()->elements()) elems.push_back(output_value(e));
      return graph_->insertNode(graph_->createTuple(elems))->output();
    }
    if (v.isList()) {
      std::vector<ir::Value*> items;
      for (const IValue& e : v.toList()->items) items.push_back(output_value(e));
      return list_of(ir::Type::Tensor(), items);
    }
    throw Error(str_cat("trace: outputs must be Tensors, lists or tuples of Tensors, not ",
                        v.tagKind()));
  }

  // PyTorch's warning for in-place writes to memory that other live tensors view.
  void check_inplace(const std::string& op, const Tensor& self) {
    std::size_t live = 0;
    for (const auto& [impl, e] : env_)
      if (e.keep.is_alias_of(self) && e.keep.use_count() > 1) ++live;
    if (!env_.count(self.unsafe_impl_ptr()) && self.use_count() > 0) ++live;
    if (live <= 1) return;
    std::string name = op.substr(op.find("::") + 2);
    warn(str_cat("There are ", live,
                 " live references to the data region being modified when tracing in-place "
                 "operator ", name,
                 ". This might cause the trace to be incorrect, because all other views that "
                 "also reference this data will not reflect this change in the trace! On the "
                 "other hand, if all other views use the same memory chunk, but are disjoint "
                 "(e.g. are outputs of torch.split), this might still be safe."),
         "");
  }

  const TraceOptions& options_;
  std::vector<TracerWarning>& warnings_;
  std::shared_ptr<ir::Graph> graph_;
  std::unordered_map<const void*, Entry> env_;
  std::unordered_map<const char*, const runtime::Operator*> ops_;  // by the literal's address
};

// The tensors of a (nested) result, in order.
inline void flatten_tensors(const IValue& v, std::vector<Tensor>& out) {
  if (v.isTensor()) {
    out.push_back(v.toTensor());
  } else if (v.isTuple()) {
    for (const IValue& e : v.toTuple()->elements()) flatten_tensors(e, out);
  } else if (v.isList()) {
    for (const IValue& e : v.toList()->items) flatten_tensors(e, out);
  }
}

// Copies of the inputs (tensors cloned), so that checks do not see each other's mutations.
inline IValue clone_value(const IValue& v) {
  if (v.isTensor()) return IValue(clone(v.toTensor()));
  if (v.isTuple()) {
    std::vector<IValue> elems;
    for (const IValue& e : v.toTuple()->elements()) elems.push_back(clone_value(e));
    return IValue(runtime::make_tuple(std::move(elems)));
  }
  if (v.isList()) {
    std::vector<IValue> items;
    for (const IValue& e : v.toList()->items) items.push_back(clone_value(e));
    return IValue(runtime::make_list(v.toList()->elem_type, std::move(items)));
  }
  return v;
}
inline std::vector<IValue> clone_values(const std::vector<IValue>& vs) {
  std::vector<IValue> out;
  for (const IValue& v : vs) out.push_back(clone_value(v));
  return out;
}

inline std::string index_str(std::int64_t flat, IntArrayRef sizes) {
  std::vector<std::int64_t> idx(sizes.size());
  for (std::size_t d = sizes.size(); d-- > 0;) {
    idx[d] = sizes[d] ? flat % sizes[d] : 0;
    flat = sizes[d] ? flat / sizes[d] : 0;
  }
  std::string s = "(";
  for (std::size_t d = 0; d < idx.size(); ++d) s += (d ? ", " : "") + std::to_string(idx[d]);
  return s + (idx.size() == 1 ? ",)" : ")");
}

inline std::string shape_repr(IntArrayRef s) {
  std::string out = "torch.Size([";
  for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "])";
}

// What torch.testing.assert_close says when `a` (the trace's) and `b` (the function's) differ;
// empty when they agree.
inline std::string compare_tensors(const Tensor& a, const Tensor& b, double tol) {
  if (!(a.sizes() == b.sizes()))
    return str_cat("The values for attribute 'shape' do not match: ", shape_repr(a.sizes()),
                   " != ", shape_repr(b.sizes()), ".");
  if (a.scalar_type() != b.scalar_type())
    return str_cat("The values for attribute 'dtype' do not match: ", python_name(a.scalar_type()),
                   " != ", python_name(b.scalar_type()), ".");
  const bool exact = !a.is_floating_point() && !a.is_complex();
  Tensor x = contiguous(to(a, kDouble)), y = contiguous(to(b, kDouble));
  const double* px = x.data_ptr<double>();
  const double* py = y.data_ptr<double>();
  const std::int64_t n = x.numel();
  std::int64_t bad = 0, abs_at = 0, rel_at = 0;
  double max_abs = -1, max_rel = -1;
  for (std::int64_t i = 0; i < n; ++i) {
    double u = px[i], v = py[i];
    bool both_nan = std::isnan(u) && std::isnan(v);
    double d = both_nan ? 0 : std::fabs(u - v);
    if (u == v) d = 0;
    double rel = d == 0 ? 0 : (v == 0 ? INFINITY : d / std::fabs(v));
    bool ok = both_nan || (exact ? d == 0 : d <= tol + tol * std::fabs(v));
    if (!ok) ++bad;
    if (d > max_abs) max_abs = d, abs_at = i;
    if (rel > max_rel) max_rel = rel, rel_at = i;
  }
  if (bad == 0) return "";
  std::ostringstream pct;
  pct.precision(1);
  pct << std::fixed << 100.0 * static_cast<double>(bad) / static_cast<double>(n);
  std::string tol_s = exact ? "0" : float_repr(tol);
  auto num = [&](double v) { return exact ? std::to_string(static_cast<std::int64_t>(v)) : float_repr(v); };
  return str_cat(exact ? "Tensor-likes are not equal!" : "Tensor-likes are not close!",
                 "\n\nMismatched elements: ", bad, " / ", n, " (", pct.str(), "%)",
                 "\nGreatest absolute difference: ", num(max_abs), " at index ",
                 index_str(abs_at, a.sizes()), " (up to ", tol_s, " allowed)",
                 "\nGreatest relative difference: ", float_repr(max_rel), " at index ",
                 index_str(rel_at, a.sizes()), " (up to ", tol_s, " allowed)");
}

// A line diff in the style of Python's difflib.ndiff ("  ", "- ", "+ " prefixes).
inline std::vector<std::string> line_diff(const std::vector<std::string>& a,
                                          const std::vector<std::string>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<std::string> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back("  " + a[i++]);
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back("- " + a[i++]);
    } else {
      out.push_back("+ " + b[j++]);
    }
  }
  return out;
}

inline std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace detail

TJIT_DEF std::string erased_graph_text(const ir::Graph& g) {
  static const std::regex tensor_type(
      "\\b(Byte|Char|Short|Int|Long|Half|Float|Double|ComplexHalf|ComplexFloat|ComplexDouble|"
      "Bool|BFloat16)\\([^()]*\\)");
  return std::regex_replace(g.str(), tensor_type, "Tensor");
}

TJIT_DEF std::shared_ptr<ir::Graph> trace_graph(const ErasedFn& fn,
                                                const std::vector<IValue>& inputs,
                                                const TraceOptions& options,
                                                std::vector<TracerWarning>& warnings) {
  TJIT_CHECK(tracing::current_recorder == nullptr,
             "trace: tracing a function while another trace runs on this thread is not supported");
  detail::TracingState state(options, warnings);
  for (std::size_t i = 0; i < inputs.size(); ++i)
    state.add_input(inputs[i], i < options.input_names.size() ? options.input_names[i] : "");
  IValue out;
  {
    struct Scope {
      explicit Scope(tracing::Recorder* r) { tracing::current_recorder = r; }
      ~Scope() { tracing::current_recorder = nullptr; }
    } scope(&state);
    out = fn(inputs);
  }
  state.set_output(out);
  // What the function computed but did not return, and the reads of data into C++, go (as
  // PyTorch's tracer removes them).
  ir::passes::eliminate_dead_code(*state.graph());
  state.graph()->lint();
  return state.graph();
}

TJIT_DEF TracedFunction trace_function(const ErasedFn& fn, const std::vector<IValue>& inputs,
                                       const TraceOptions& options,
                                       const std::vector<std::vector<IValue>>& check_inputs) {
  std::vector<TracerWarning> warnings;
  auto graph = trace_graph(fn, inputs, options, warnings);
  auto function = std::make_shared<runtime::Function>(options.name, graph);
  TracedFunction traced(function, {});
  if (options.check_trace) {
    auto warn = [&](std::string message) {
      detail::TracingState::emit_warning(options, warnings, TracerWarning{std::move(message), ""});
    };
    const std::vector<std::vector<IValue>> checks =
        check_inputs.empty() ? std::vector<std::vector<IValue>>{inputs} : check_inputs;
    const std::string traced_text = erased_graph_text(*graph);
    for (const auto& check : checks) {
      std::vector<TracerWarning> ignored;
      TraceOptions quiet = options;
      quiet.strict = false;
      quiet.on_warning = [](const TracerWarning&) {};
      auto check_graph = trace_graph(fn, detail::clone_values(check), quiet, ignored);

      // Outputs: the trace against the C++ function, on copies of the inputs.
      std::vector<Tensor> traced_outs, fn_outs;
      detail::flatten_tensors(traced(detail::clone_values(check)), traced_outs);
      detail::flatten_tensors(fn(detail::clone_values(check)), fn_outs);
      bool warned_nondeterministic = false;
      for (std::size_t i = 0; i < std::min(traced_outs.size(), fn_outs.size()); ++i) {
        std::string err = detail::compare_tensors(traced_outs[i], fn_outs[i],
                                                  options.check_tolerance);
        if (err.empty()) continue;
        if (!warned_nondeterministic) {
          warned_nondeterministic = true;
          std::string nodes;
          for (const ir::Node* n : graph->nodes())
            if (ir::passes::is_nondeterministic(n)) nodes += "\t" + n->str();
          if (!nodes.empty())
            warn("Trace had nondeterministic nodes. Did you forget call .eval() on your model? "
                 "Nodes:\n" + nodes +
                 "This may cause errors in trace checking. To disable trace checking, pass "
                 "check_trace=false to tjit::trace()");
        }
        warn(str_cat("Output nr ", i + 1,
                     ". of the traced function does not match the corresponding output of the "
                     "C++ function. Detailed error:\n", err));
      }
      if (traced_outs.size() != fn_outs.size())
        warn(str_cat("The traced function returned ", traced_outs.size(),
                     " tensors but the C++ function returned ", fn_outs.size()));

      // Graphs: tracing again must give the same graph.
      const std::string check_text = erased_graph_text(*check_graph);
      if (check_text != traced_text) {
        auto a = detail::split_lines(traced_text), b = detail::split_lines(check_text);
        std::string msg = "Tracing failed sanity checks!\nERROR: Graphs differed across invocations!\n\tGraph diff:\n";
        for (const std::string& line : detail::line_diff(a, b)) msg += "\t\t" + line + "\n";
        for (std::size_t k = 0; k < std::max(a.size(), b.size()); ++k) {
          std::string x = k < a.size() ? a[k] : "", y = k < b.size() ? b[k] : "";
          if (x == y) continue;
          msg += "\tFirst diverging operator:\n\tNode diff:\n";
          if (!x.empty()) msg += "\t\t- " + x.substr(x.find_first_not_of(' ')) + "\n";
          if (!y.empty()) msg += "\t\t+ " + y.substr(y.find_first_not_of(' ')) + "\n";
          break;
        }
        throw TracingCheckError(msg);
      }
    }
  }
  return TracedFunction(function, std::move(warnings));
}

}  // namespace tjit::tracer

namespace tjit {

TJIT_DEF std::string TracedFunction::code() const {
  return frontend::print_function_code(*fn_->graph(), fn_->name());
}

TJIT_DEF Module TracedFunction::to_module() const {
  Module m("PlaceholderModule");
  auto g = fn_->graph()->copy();
  ir::Value* self = g->insertInput(0, "self");
  self->setType(m.type());
  m.compilation_unit()->create_function(m.type()->name() + ".forward", g);
  m.type()->classInfo()->method_names.push_back("forward");
  return m;
}

}  // namespace tjit
