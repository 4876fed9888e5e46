// Definitions of serialize/freeze.hpp.
#pragma once

#include "tjit/serialize/freeze.hpp"

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "tjit/ir/passes/passes.hpp"
#include "tjit/ir/type.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/tensor_base.hpp"

namespace tjit {

namespace detail::freezing {

using ir::Block;
using ir::Graph;
using ir::Node;
using ir::Value;
using runtime::Object;

// A module object reached from `self` through attribute reads, and its path ("sub.lin").
struct ObjRef {
  Object* obj = nullptr;
  std::string path;
};

using AttrKey = std::pair<const Object*, std::string>;

// Walks a method graph in order, giving each value that is a module object the object it is.
struct AttrResolver {
  std::unordered_map<const Value*, ObjRef> objects;
  std::vector<Node*> getattrs, setattrs;

  AttrResolver(Graph& g, Object* root) {
    objects[g.inputs()[0]] = {root, ""};
    walk(g.block());
  }
  void walk(Block* b) {
    for (Node* n : b->nodes()) {
      if (n->kind() == ir::prim::GetAttr) {
        getattrs.push_back(n);
        auto it = objects.find(n->input());
        if (it != objects.end() && it->second.obj->hasAttr(n->s(ir::attr::name))) {
          const IValue& v = it->second.obj->getAttr(n->s(ir::attr::name));
          if (v.isObject() && v.toObjectRef().type()->is_module()) {
            std::string p = it->second.path.empty() ? n->s(ir::attr::name)
                                                    : it->second.path + "." + n->s(ir::attr::name);
            objects[n->output()] = {v.toObject().get(), p};
          }
        }
      } else if (n->kind() == ir::prim::SetAttr) {
        setattrs.push_back(n);
      }
      for (Block* sb : n->blocks()) walk(sb);
    }
  }
  const ObjRef* find(const Value* v) const {
    auto it = objects.find(v);
    return it == objects.end() ? nullptr : &it->second;
  }
};

inline std::string mangled_name(const runtime::CompilationUnit& cu, const std::string& qual) {
  auto dot = qual.rfind('.');
  std::string prefix = dot == std::string::npos ? "" : qual.substr(0, dot + 1);
  std::string base = dot == std::string::npos ? qual : qual.substr(dot + 1);
  // a module frozen before: `a.___torch_mangle_3.M` is mangled again from `a.M`
  auto m = prefix.rfind("___torch_mangle_");
  if (m != std::string::npos && (m == 0 || prefix[m - 1] == '.')) prefix.erase(m);
  for (int i = 0;; ++i) {
    std::string name = prefix + "___torch_mangle_" + std::to_string(i) + "." + base;
    if (!cu.find_type(name) && !cu.find_function(name + ".forward")) return name;
  }
}

inline bool is_training(const Module& m) {
  IValue t = m.attr("training", IValue());
  return t.isBool() && t.toBool();
}

inline bool is_false_constant(const Value* v) {
  auto lit = v->node()->constantValue();
  return lit && lit->is_bool() && !lit->to_bool();
}

// Dropout in eval mode is the identity (exact): freezing removes it, as PyTorch's frozen-graph
// optimisations do.
inline void remove_eval_dropouts(Block* b, OptimizeReport* report) {
  static const std::set<std::string> dropouts = {"aten::dropout", "aten::feature_dropout",
                                                 "aten::alpha_dropout",
                                                 "aten::feature_alpha_dropout"};
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    Node* next = n->next();
    for (Block* sb : n->blocks()) remove_eval_dropouts(sb, report);
    if (dropouts.count(n->kind().toQualString()) && n->inputs().size() == 3 &&
        is_false_constant(n->input(2))) {
      if (report)
        report->rewrites.push_back(n->kind().toQualString() + " removed (%" +
                                   n->output()->debugName() + " is %" +
                                   n->input(0)->debugName() + ", eval mode)");
      n->output()->replaceAllUsesWith(n->input(0));
      n->destroy();
    }
    n = next;
  }
}

TJIT_DEF Module freeze_module(const Module& module, const std::vector<std::string>& preserved_attrs,
                     OptimizeReport* report);

}  // namespace detail::freezing

TJIT_DEF Module freeze(const Module& module, const std::vector<std::string>& preserved_attrs) {
  return detail::freezing::freeze_module(module, preserved_attrs, nullptr);
}

TJIT_DEF Module detail::freezing::freeze_module(const Module& module,
                                                const std::vector<std::string>& preserved_attrs,
                                                OptimizeReport* report) {
  using namespace detail::freezing;
  TJIT_CHECK(!is_training(module),
             "Freezing is currently only implemented for modules in eval mode. Please call "
             ".eval() on your module before freezing.");
  Module clone = module.clone();
  const std::shared_ptr<runtime::CompilationUnit>& cu = clone.compilation_unit();
  TJIT_CHECK(cu, "freeze: the module has no compilation unit");
  const ir::TypePtr& type = clone.type();
  Object* root = clone._ivalue().get();

  // Methods kept: forward and the preserved names that are methods.
  std::vector<std::string> methods;
  std::vector<std::string> attr_paths;
  TJIT_CHECK(cu->find_method(type, "forward"), "Method 'forward' is not defined");
  methods.push_back("forward");
  for (const std::string& p : preserved_attrs) {
    if (p.find('.') == std::string::npos && cu->find_method(type, p)) {
      if (p != "forward") methods.push_back(p);
    } else {
      attr_paths.push_back(p);
    }
  }
  // Preserved attributes as (object, name).
  std::set<AttrKey> preserved;
  std::set<std::string> preserved_roots;
  for (const std::string& p : attr_paths) {
    Object* o = root;
    std::string rest = p;
    for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
      std::string head = rest.substr(0, dot);
      TJIT_CHECK(o->hasAttr(head) && o->getAttr(head).isObject(), "freeze: preserved attribute '",
                 p, "' does not name an attribute of the module ('", head, "' is not a submodule)");
      o = o->getAttr(head).toObject().get();
      rest = rest.substr(dot + 1);
    }
    TJIT_CHECK(o->hasAttr(rest), "freeze: the module has no attribute '", p,
               "' to preserve (preserved_attrs names attributes and methods)");
    preserved.insert({o, rest});
    preserved_roots.insert(p.substr(0, p.find('.')));
  }

  // Inline every call of the kept methods.
  std::vector<std::shared_ptr<Graph>> graphs;
  std::vector<ir::FunctionSchema> schemas;
  for (const std::string& name : methods) {
    runtime::Function* fn = cu->find_method(type, name);
    auto g = fn->graph()->copy();
    ir::passes::inline_calls(*g, *cu);
    graphs.push_back(g);
    schemas.push_back(fn->getSchema());
  }

  // Attributes written by a kept method: by prim::SetAttr, or through an in-place op on the
  // value read (Note [Alias approximation]).
  std::set<AttrKey> mutated;
  std::set<std::string> mutated_anywhere;  // SetAttr on an object we cannot name
  for (auto& g : graphs) {
    AttrResolver r(*g, root);
    for (Node* n : r.setattrs) {
      if (const ObjRef* o = r.find(n->input(0)))
        mutated.insert({o->obj, n->s(ir::attr::name)});
      else
        mutated_anywhere.insert(n->s(ir::attr::name));
    }
    for (Node* n : r.getattrs) {
      const ObjRef* o = r.find(n->input());
      if (!o) continue;
      ir::TypeKind k = n->output()->type()->kind();
      bool value_type = k == ir::TypeKind::IntType || k == ir::TypeKind::FloatType ||
                        k == ir::TypeKind::BoolType || k == ir::TypeKind::StringType ||
                        k == ir::TypeKind::NoneType;
      if (!value_type && ir::passes::may_be_mutated(n->output()))
        mutated.insert({o->obj, n->s(ir::attr::name)});
    }
  }

  // Fold the attributes nobody writes into constants.
  for (auto& g : graphs) {
    AttrResolver r(*g, root);
    for (Node* n : r.getattrs) {
      const ObjRef* o = r.find(n->input());
      if (!o) continue;
      const std::string& name = n->s(ir::attr::name);
      AttrKey key{o->obj, name};
      if (mutated.count(key) || mutated_anywhere.count(name) || preserved.count(key)) continue;
      if (!o->obj->hasAttr(name)) continue;
      IValue v = o->obj->getAttr(name);
      if (v.isObject()) continue;  // modules stay (their attributes fold one by one)
      if (v.isTensor() && v.toTensor().defined() && v.toTensor().requires_grad()) {
        Tensor t = v.toTensor();
        t.set_requires_grad(false);
        v = IValue(t);
      }
      auto lit = runtime::to_literal(v);
      if (!lit) continue;
      Node* c;
      try {
        c = g->createConstant(*lit, v.isNone() ? n->output()->type() : nullptr);
      } catch (const Error&) {
        continue;
      }
      c->insertBefore(n);
      std::string path = "self." + (o->path.empty() ? name : o->path + "." + name);
      c->output()->setDebugName(path);
      n->output()->replaceAllUsesWith(c->output());
      n->destroy();
    }
    ir::passes::optimize_graph(*g);
    remove_eval_dropouts(g->block(), report);
    ir::passes::eliminate_dead_code(*g);
    g->lint();
  }

  // The frozen class: the attributes the kept methods still use on `self`, and the preserved.
  std::set<std::string> used = preserved_roots;
  for (auto& g : graphs)
    for (const ir::Use& u : g->inputs()[0]->uses())
      if (u.user->kind() == ir::prim::GetAttr || u.user->kind() == ir::prim::SetAttr)
        used.insert(u.user->s(ir::attr::name));
  std::string qual = mangled_name(*cu, type->name());
  ir::TypePtr frozen = ir::Type::Module(qual);
  auto info = frozen->classInfo();
  std::vector<std::size_t> slots;
  for (std::size_t i = 0; i < type->classInfo()->attributes.size(); ++i) {
    const auto& a = type->classInfo()->attributes[i];
    if (!used.count(a.name)) continue;
    info->addAttribute(a.name, a.type, a.is_parameter, a.is_buffer);
    slots.push_back(i);
  }
  info->constants = type->classInfo()->constants;
  info->method_names = methods;
  cu->register_type(frozen);
  for (std::size_t m = 0; m < methods.size(); ++m) {
    graphs[m]->inputs()[0]->setType(frozen);
    runtime::Function* f = cu->create_function(qual + "." + methods[m], graphs[m]);
    std::vector<ir::Argument> args = schemas[m].arguments();
    if (!args.empty()) args[0] = ir::Argument(args[0].name(), frozen);
    f->setSchema(ir::FunctionSchema(schemas[m].name(), schemas[m].overload_name(),
                                    std::move(args), schemas[m].returns(),
                                    schemas[m].is_vararg(), schemas[m].is_varret()));
  }
  runtime::ObjectPtr obj = runtime::make_object(frozen);
  obj->compilation_unit = cu;
  for (std::size_t i = 0; i < slots.size(); ++i) obj->setSlot(i, root->getSlot(slots[i]));
  return Module(cu, obj);
}

// ------------------------------------------------------------------ optimize_for_inference

namespace detail::freezing {

inline std::optional<Tensor> const_tensor(const Value* v) {
  if (v->node()->kind() != ir::prim::Constant) return std::nullopt;
  auto lit = v->node()->constantValue();
  if (!lit) return std::nullopt;
  IValue iv = runtime::from_literal(*lit, v->type());
  if (!iv.isTensor()) return std::nullopt;
  return iv.toTensor();
}

inline bool is_none_constant(const Value* v) {
  auto lit = v->node()->constantValue();
  return lit && lit->tag() == ir::Literal::Tag::None;
}

inline std::optional<double> const_double(const Value* v) {
  auto lit = v->node()->constantValue();
  if (!lit) return std::nullopt;
  if (lit->tag() == ir::Literal::Tag::Double) return lit->to_double();
  if (lit->tag() == ir::Literal::Tag::Int) return static_cast<double>(lit->to_int());
  return std::nullopt;
}

inline std::optional<bool> const_bool(const Value* v) {
  auto lit = v->node()->constantValue();
  if (!lit || !lit->is_bool()) return std::nullopt;
  return lit->to_bool();
}

// A float/double contiguous copy of t as doubles.
inline std::optional<std::vector<double>> to_doubles(const Tensor& t) {
  if (!t.defined() || !t.is_contiguous()) return std::nullopt;
  std::vector<double> out(static_cast<std::size_t>(t.numel()));
  if (t.scalar_type() == kFloat) {
    const float* p = t.data_ptr<float>();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = p[i];
  } else if (t.scalar_type() == kDouble) {
    const double* p = t.data_ptr<double>();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = p[i];
  } else {
    return std::nullopt;
  }
  return out;
}

inline Tensor from_doubles(const std::vector<double>& d, IntArrayRef sizes, ScalarType dtype) {
  Tensor t = Tensor::empty(sizes, dtype);
  if (dtype == kFloat) {
    float* p = t.data_ptr<float>();
    for (std::size_t i = 0; i < d.size(); ++i) p[i] = static_cast<float>(d[i]);
  } else {
    double* p = t.data_ptr<double>();
    for (std::size_t i = 0; i < d.size(); ++i) p[i] = d[i];
  }
  return t;
}

struct InferenceRewriter {
  const OptimizeOptions& options;
  OptimizeReport& report;
  Graph& g;

  static std::string name_of(const Value* v) { return "%" + v->debugName(); }

  // conv/linear (constant weight and bias) followed by eval-mode batch_norm.
  void fold_batch_norms(Block* b) {
    static const std::set<std::string> producers = {"aten::conv1d", "aten::conv2d",
                                                    "aten::conv3d", "aten::linear"};
    for (Node* n = b->nodes().front(); n != b->return_node();) {
      Node* next = n->next();
      for (Block* sb : n->blocks()) fold_batch_norms(sb);
      if (n->kind().toQualString() == "aten::batch_norm" && n->inputs().size() == 9 &&
          producers.count(n->input(0)->node()->kind().toQualString()))
        fold(n->input(0)->node(), n);
      n = next;
    }
  }

  void fold(Node* producer, Node* bn) {
    const std::string what = producer->kind().toQualString().substr(6) + "+batch_norm";
    Value* y = producer->output();
    // every other use of the producer's output must be a shape check
    for (const ir::Use& u : y->uses()) {
      const std::string& k = u.user->kind().toQualString();
      if (u.user != bn && k != "aten::dim" && k != "aten::size") return;
    }
    if (!is_false_constant(bn->input(5))) return;  // training
    auto w = const_tensor(producer->input(1));
    bool no_bias = is_none_constant(producer->input(2));
    auto bias = no_bias ? std::nullopt : const_tensor(producer->input(2));
    auto gamma = const_tensor(bn->input(1)), beta = const_tensor(bn->input(2));
    auto mean = const_tensor(bn->input(3)), var = const_tensor(bn->input(4));
    auto eps = const_double(bn->input(7));
    if (!w || (!no_bias && !bias) || !mean || !var || !eps) return;
    if (is_none_constant(bn->input(1)) == false && !gamma) return;
    if (is_none_constant(bn->input(2)) == false && !beta) return;
    if (options.bit_exact) {
      report.refused.push_back(what + " folding at " + name_of(bn->output()) +
                               " refused: bit_exact (rescaled weights round differently)");
      return;
    }
    const std::int64_t out = w->sizes()[0];
    auto wd = to_doubles(*w);
    auto md = to_doubles(*mean), vd = to_doubles(*var);
    if (!wd || !md || !vd || static_cast<std::int64_t>(md->size()) != out ||
        static_cast<std::int64_t>(vd->size()) != out)
      return;
    std::vector<double> gd(static_cast<std::size_t>(out), 1.0), bd(static_cast<std::size_t>(out), 0.0),
        biasd(static_cast<std::size_t>(out), 0.0);
    if (gamma) {
      auto d = to_doubles(*gamma);
      if (!d || static_cast<std::int64_t>(d->size()) != out) return;
      gd = *d;
    }
    if (beta) {
      auto d = to_doubles(*beta);
      if (!d || static_cast<std::int64_t>(d->size()) != out) return;
      bd = *d;
    }
    if (bias) {
      auto d = to_doubles(*bias);
      if (!d || static_cast<std::int64_t>(d->size()) != out) return;
      biasd = *d;
    }
    const std::size_t per = wd->size() / static_cast<std::size_t>(out);
    std::vector<double> nb(static_cast<std::size_t>(out));
    for (std::size_t o = 0; o < static_cast<std::size_t>(out); ++o) {
      double s = gd[o] / std::sqrt((*vd)[o] + *eps);
      for (std::size_t i = 0; i < per; ++i) (*wd)[o * per + i] *= s;
      nb[o] = (biasd[o] - (*md)[o]) * s + bd[o];
    }
    Tensor nw = from_doubles(*wd, w->sizes(), w->scalar_type());
    Tensor nbias = from_doubles(nb, {out}, w->scalar_type());
    ir::WithInsertPoint guard(producer);
    Value* wc = g.insertConstant(*runtime::to_literal(IValue(nw)));
    Value* bc = g.insertConstant(*runtime::to_literal(IValue(nbias)));
    producer->replaceInput(1, wc);
    producer->replaceInput(2, bc);
    report.rewrites.push_back(what + " folded (" + name_of(bn->output()) + " is now " +
                              name_of(y) + ")");
    bn->output()->replaceAllUsesWith(y);
    bn->destroy();
  }
};

}  // namespace detail::freezing

TJIT_DEF std::string OptimizeReport::str() const {
  std::string s;
  for (const auto& r : rewrites) s += "rewrite: " + r + "\n";
  for (const auto& r : refused) s += "refused: " + r + "\n";
  return s;
}

TJIT_DEF Module optimize_for_inference(const Module& module, const OptimizeOptions& options,
                                       OptimizeReport* report) {
  using namespace detail::freezing;
  OptimizeReport local;
  OptimizeReport& rep = report ? *report : local;
  // As torch.jit.optimize_for_inference: a module not frozen yet is frozen in eval mode first
  // (here on a copy: `module` keeps its mode). Freezing gives forward a fresh graph.
  Module source = module;
  if (is_training(module)) {
    source = module.clone();
    source.eval();
  }
  Module m = freeze_module(source, {}, &rep);
  runtime::Function& fn = m.get_method("forward").function();
  auto g = fn.graph();
  InferenceRewriter rw{options, rep, *g};
  rw.fold_batch_norms(g->block());
  ir::passes::optimize_graph(*g);
  g->lint();
  return m;
}

}  // namespace tjit
