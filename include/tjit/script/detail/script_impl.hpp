// Definitions of tjit/script/script.hpp: the out-of-line noexcept node calls into the tensor
// layer, and lowering (Note [Lowering through TorchScript source]).
#pragma once

#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/frontend/code_printer.hpp"
#include "tjit/frontend/emitter.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/script/script.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/linalg.hpp"
#include "tjit/tensor/ops/nn.hpp"

namespace tjit::scripting {

namespace detail {
inline std::exception_ptr& pending_error() {
  thread_local std::exception_ptr e;
  return e;
}
}  // namespace detail

#define TJIT_SCRIPT_GUARD(...)                                   \
  try {                                                          \
    __VA_ARGS__;                                                 \
    return true;                                                 \
  } catch (...) {                                                \
    detail::pending_error() = std::current_exception();          \
    return false;                                                \
  }

TJIT_DEF bool k_binary_tt(Op op, Tensor& out, const Tensor& a, const Tensor& b) noexcept {
  TJIT_SCRIPT_GUARD(switch (op) {
    case Op::AddTT: out = tjit::add(a, b); break;
    case Op::SubTT: out = tjit::sub(a, b); break;
    case Op::MulTT: out = tjit::mul(a, b); break;
    default: out = tjit::div(a, b); break;
  })
}

TJIT_DEF bool k_binary_ts(Op op, Tensor& out, const Tensor& a, const Scalar& s) noexcept {
  TJIT_SCRIPT_GUARD(switch (op) {
    case Op::AddTS: out = tjit::add(a, s); break;
    case Op::SubTS: out = tjit::sub(a, s); break;
    case Op::MulTS: out = tjit::mul(a, s); break;
    case Op::RSubTS: out = tjit::rsub(a, s); break;
    default: out = tjit::div(a, s); break;
  })
}

TJIT_DEF bool k_unary(Op op, Tensor& out, const Tensor& a) noexcept {
  TJIT_SCRIPT_GUARD(switch (op) {
    case Op::Neg: out = tjit::neg(a); break;
    case Op::Relu: out = tjit::relu(a); break;
    case Op::Sigmoid: out = tjit::sigmoid(a); break;
    case Op::Tanh: out = tjit::tanh(a); break;
    default: out = tjit::exp(a); break;
  })
}

TJIT_DEF bool k_matmul(Tensor& out, const Tensor& a, const Tensor& b) noexcept {
  TJIT_SCRIPT_GUARD(out = tjit::matmul(a, b))
}

TJIT_DEF bool k_conv2d(Tensor& out, const Tensor& x, const Tensor& w, const Tensor& bias) noexcept {
  TJIT_SCRIPT_GUARD(out = tjit::conv2d(x, w, bias))
}

TJIT_DEF bool k_zeros(Tensor& out, const std::int64_t* sizes, int n) noexcept {
  TJIT_SCRIPT_GUARD(out = tjit::zeros(IntArrayRef(sizes, std::size_t(n))))
}

TJIT_DEF bool k_size(std::int64_t& out, const Tensor& a, std::int64_t dim) noexcept {
  TJIT_SCRIPT_GUARD(out = a.size(dim))
}

#undef TJIT_SCRIPT_GUARD

TJIT_DEF void rethrow_error() {
  std::exception_ptr e = std::exchange(detail::pending_error(), nullptr);
  if (e) std::rethrow_exception(e);
  throw Error("tjit::script: a node failed without recording an error");
}

TJIT_DEF bool eager_mode() {
  static const bool eager = [] {
    const char* v = std::getenv("PYTORCH_JIT");
    return v && std::strcmp(v, "0") == 0;
  }();
  return eager;
}

TJIT_DEF ZerosCall::operator Tensor() const { return tjit::zeros(IntArrayRef(sizes, std::size_t(n))); }

// ---- Note [Lowering through TorchScript source] ------------------------------------------------

namespace detail {

struct SourcePrinter {
  const GraphView& g;
  std::vector<int> uses, use_block;
  std::string out;
  // Which value each Python variable holds at the point being printed: a reference to a value
  // whose variable was rebound since (tjit::loop<"i", "x">(n, ...) carrying a new `x`, then
  // the parameter x used after the loop) cannot be printed, and lowering says so.
  std::map<std::string, int> bound;

  explicit SourcePrinter(const GraphView& gv) : g(gv), uses(gv.n_nodes, 0), use_block(gv.n_nodes, -1) {
    auto use = [&](int v, int block) {
      ++uses[v];
      if (use_block[v] == -1) use_block[v] = block;
      else if (use_block[v] != block) use_block[v] = -2;
    };
    for (int i = 0; i < g.n_nodes; ++i)
      for (int k = 0; k < g.nodes[i].n_in; ++k) use(g.nodes[i].in[k], g.nodes[i].block);
    for (int b = 0; b < g.n_blocks; ++b)
      if (b == 0 || g.blocks[b].owner >= 0)
        for (int k = 0; k < g.blocks[b].n_ret; ++k) use(g.blocks[b].ret[k], b);
  }

  static bool is_const(Op op) { return op == Op::ConstInt || op == Op::ConstFloat || op == Op::ConstBool; }
  static bool is_var(Op op) { return op == Op::Param || op == Op::BlockParam || op == Op::Out; }

  bool inlined(int v) const {
    const NodeDesc& d = g.nodes[v];
    if (is_const(d.op)) return true;
    if (is_var(d.op) || d.op == Op::If || d.op == Op::Loop) return false;
    return d.name.empty() && uses[v] == 1 && use_block[v] == d.block;
  }

  std::string var(int v) const {
    const NodeDesc& d = g.nodes[v];
    if (!d.name.empty()) return d.name.s;
    // Unnamed carried values: _c<loop or if>_<k>, the same for a loop's block parameter k and
    // its output k.
    if (d.op == Op::Out) return "_c" + std::to_string(d.in[0]) + "_" + std::to_string(v - d.in[0]);
    if (d.op == Op::BlockParam) {
      int owner = g.blocks[d.block].owner;
      if (d.payload == 0) return "_i" + std::to_string(owner);
      return "_c" + std::to_string(owner) + "_" + std::to_string(d.payload);
    }
    return (d.op == Op::Param ? "_p" : "_v") + std::to_string(v);
  }

  static std::string literal(const NodeDesc& d) {
    if (d.op == Op::ConstBool) return d.payload ? "True" : "False";
    if (d.op == Op::ConstInt) return std::to_string(d.payload);
    double f = std::bit_cast<double>(d.payload);
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, f);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".einf") == std::string::npos) s += ".0";
    return s;
  }

  static bool is_operator_form(Op op) {
    switch (op) {
      case Op::AddTT: case Op::SubTT: case Op::MulTT: case Op::DivTT: case Op::AddTS:
      case Op::SubTS: case Op::MulTS: case Op::DivTS: case Op::RSubTS: case Op::Neg:
      case Op::AddS: case Op::SubS: case Op::MulS: case Op::DivS: case Op::Lt: case Op::Le:
      case Op::Gt: case Op::Ge: case Op::Eq: case Op::Ne:
        return true;
      default:
        return false;
    }
  }

  // An operand: parenthesized when it is an inlined operator expression.
  std::string operand(int v) const {
    std::string e = expr(v);
    const NodeDesc& d = g.nodes[v];
    if ((inlined(v) && is_operator_form(d.op)) || (d.op == Op::ConstInt && d.payload < 0) ||
        (d.op == Op::ConstFloat && e[0] == '-'))
      return "(" + e + ")";
    return e;
  }

  std::string expr(int v) const {
    const NodeDesc& d = g.nodes[v];
    if (is_const(d.op)) return literal(d);
    if (!inlined(v)) {
      std::string name = var(v);
      auto it = bound.find(name);
      if (it != bound.end() && it->second != v)
        throw Error("tjit::script: cannot print " + std::string(g.name) + " as TorchScript: a value named '" +
                    name + "' is used after '" + name +
                    "' was given to another value; give one of them a different name");
      return name;
    }
    return body(v);
  }

  std::string body(int v) const {
    const NodeDesc& d = g.nodes[v];
    auto bin = [&](const char* sym, int a, int b) { return operand(a) + " " + sym + " " + operand(b); };
    auto call = [&](const char* fn) {
      std::string s = std::string(fn) + "(";
      for (int k = 0; k < d.n_in; ++k) s += (k ? ", " : "") + expr(d.in[k]);
      return s + ")";
    };
    const char* sym = "";
    switch (d.op) {
      case Op::AddTT: case Op::AddTS: case Op::AddS: sym = "+"; break;
      case Op::SubTT: case Op::SubTS: case Op::SubS: sym = "-"; break;
      case Op::MulTT: case Op::MulTS: case Op::MulS: sym = "*"; break;
      case Op::DivTT: case Op::DivTS: case Op::DivS: sym = "/"; break;
      case Op::Lt: sym = "<"; break;
      case Op::Le: sym = "<="; break;
      case Op::Gt: sym = ">"; break;
      case Op::Ge: sym = ">="; break;
      case Op::Eq: sym = "=="; break;
      case Op::Ne: sym = "!="; break;
      default: break;
    }
    switch (d.op) {
      case Op::AddTS: case Op::SubTS: case Op::MulTS: case Op::DivTS:
        return d.payload ? bin(sym, d.in[1], d.in[0]) : bin(sym, d.in[0], d.in[1]);
      case Op::RSubTS: return bin("-", d.in[1], d.in[0]);
      case Op::Neg: return "-" + operand(d.in[0]);
      case Op::Relu: return call("torch.relu");
      case Op::Sigmoid: return call("torch.sigmoid");
      case Op::Tanh: return call("torch.tanh");
      case Op::Exp: return call("torch.exp");
      case Op::Matmul: return call("torch.matmul");
      case Op::Conv2d: return call("torch.conv2d");
      case Op::Zeros: return call("torch.zeros");
      case Op::Size: return operand(d.in[0]) + ".size(" + expr(d.in[1]) + ")";
      default: return bin(sym, d.in[0], d.in[1]);
    }
  }

  void line(int indent, const std::string& s) { out += std::string(std::size_t(indent) * 4, ' ') + s + "\n"; }

  // `name = value` unless value already is that variable.
  void assign(int indent, const std::string& name, int v) {
    const NodeDesc& d = g.nodes[v];
    if (!is_const(d.op) && !inlined(v) && var(v) == name) {
      (void)expr(v);  // still checks that the variable holds v
      return;
    }
    line(indent, name + " = " + expr(v));
    bound[name] = v;
  }

  // Prints the statements of block b; returns whether anything was printed.
  void block(int b, int indent) {
    const BlockDesc& bd = g.blocks[b];
    for (int k = 0; k < bd.count; ++k) {
      int v = g.order[bd.begin + k];
      const NodeDesc& d = g.nodes[v];
      if (is_const(d.op) || is_var(d.op) || inlined(v)) continue;
      if (d.op == Op::If) {
        std::string name = var(v + 1);
        line(indent, "if " + expr(d.in[0]) + ":");
        const auto before = bound;
        std::size_t mark = out.size();
        block(d.sub[0], indent + 1);
        assign(indent + 1, name, g.blocks[d.sub[0]].ret[0]);
        if (out.size() == mark) line(indent + 1, "pass");
        std::string saved = out;
        bound = before;
        line(indent, "else:");
        mark = out.size();
        block(d.sub[1], indent + 1);
        assign(indent + 1, name, g.blocks[d.sub[1]].ret[0]);
        if (out.size() == mark) out = saved;
        bound = before;
        bound[name] = v + 1;
      } else if (d.op == Op::Loop) {
        // Several carried values are assigned one after another, as a person would write
        // them: a next value that reads another carried value assigned before it (a swap)
        // prints wrongly (the static table and execution are right).
        const BlockDesc& body = g.blocks[d.sub[0]];
        int idx = g.order[body.begin];
        for (int j = 1; j < d.n_in; ++j) assign(indent, var(g.order[body.begin + j]), d.in[j]);
        std::string range = expr(d.in[0]);
        for (int j = 0; j < d.n_in; ++j) bound[var(g.order[body.begin + j])] = g.order[body.begin + j];
        line(indent, "for " + var(idx) + " in range(" + range + "):");
        std::size_t mark = out.size();
        block(d.sub[0], indent + 1);
        for (int j = 1; j < d.n_in; ++j)
          assign(indent + 1, var(g.order[body.begin + j]), body.ret[j - 1]);
        if (out.size() == mark) line(indent + 1, "pass");
        for (int j = 1; j < d.n_in; ++j) bound[var(v + j)] = v + j;
      } else {
        line(indent, var(v) + " = " + body(v));
        bound[var(v)] = v;
      }
    }
  }
};

inline const char* type_name(Ty t) {
  switch (t) {
    case Ty::Tensor: return "Tensor";
    case Ty::Int: return "int";
    case Ty::Float: return "float";
    default: return "bool";
  }
}

}  // namespace detail

TJIT_DEF std::string to_source(const GraphView& g) {
  detail::SourcePrinter p(g);
  std::string sig = std::string("def ") + g.name + "(";
  bool first = true;
  for (int i = 0; i < g.n_nodes; ++i)
    if (g.nodes[i].op == Op::Param) {
      sig += (first ? "" : ", ") + p.var(i) + ": " + detail::type_name(g.nodes[i].ty);
      p.bound[p.var(i)] = i;
      first = false;
    }
  p.line(0, sig + "):");
  p.block(0, 1);
  p.line(1, "return " + p.expr(g.blocks[0].ret[0]));
  return p.out;
}

TJIT_DEF std::shared_ptr<Lowered> lower(const GraphView& g) {
  auto l = std::make_shared<Lowered>();
  l->source = to_source(g);
  l->cu = tjit::compile(l->source);
  l->function = &l->cu->get_function(g.name);
  return l;
}

// str(false) still prints the locations of nodes inside blocks (as PyTorch 1.13 does); they
// point into the generated source, so they go.
TJIT_DEF std::string graph_text(const Lowered& l) {
  std::string g = l.function->graph()->str(false), out;
  std::size_t pos = 0;
  while (pos < g.size()) {
    std::size_t eol = g.find('\n', pos);
    if (eol == std::string::npos) eol = g.size();
    std::string line = g.substr(pos, eol - pos);
    if (auto c = line.find(" # "); c != std::string::npos) line.resize(c);
    out += line;
    if (eol < g.size()) out += '\n';
    pos = eol + 1;
  }
  return out;
}

TJIT_DEF std::string code_text(const Lowered& l) {
  ir::FunctionSchema schema = l.function->getSchema();
  return frontend::print_function_code(*l.function->graph(), l.function->name(), &schema);
}

TJIT_DEF runtime::Function& function_of(const Lowered& l) { return *l.function; }
TJIT_DEF std::shared_ptr<ir::Graph> graph_of(const Lowered& l) { return l.function->graph(); }

}  // namespace tjit::scripting
