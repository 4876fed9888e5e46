// Every code/ record PyTorch 1.13 writes for the torchvision models parses, and the trees hold
// what the files say (checked on a few known records).
#include "tjit/frontend/parser.hpp"

#include "runfiles.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <set>
#include <string>

namespace tf = tjit::frontend;

namespace {

// name -> text, from the records file the genrule writes.
std::map<std::string, std::string> load_records() {
  const std::string data = tjit_test::read_runfile("tests/frontend/torchvision_model_code.txt");
  const std::string marker = "==== tjit record: ";
  std::map<std::string, std::string> records;
  std::size_t pos = 0;
  while (pos < data.size()) {
    REQUIRE(data.compare(pos, marker.size(), marker) == 0);
    const std::size_t eol = data.find('\n', pos);
    std::string name = data.substr(pos + marker.size(), eol - pos - marker.size() - 5);
    std::size_t next = data.find("\n" + marker, eol);
    next = next == std::string::npos ? data.size() : next + 1;
    records[name] = data.substr(eol + 1, next - eol - 1);
    pos = next;
  }
  return records;
}

const std::map<std::string, std::string>& records() {
  static const auto r = load_records();
  return r;
}

}  // namespace

TEST_CASE("every torchvision code/ record parses") {
  std::set<std::string> models;
  std::size_t classes = 0, defs = 0;
  for (const auto& record : records()) {
    const std::string& name = record.first;
    const std::string& text = record.second;
    CAPTURE(name);
    if (name.rfind("features/", 0) != 0) models.insert(name.substr(0, name.find('/')));
    tf::Module m;
    try {
      m = tf::parse(text, name);
    } catch (const tjit::Error& e) {
      FAIL(e.what());
    }
    CHECK(!m.body.empty());
    for (const auto& s : m.body) {
      CHECK((s->is<tf::ClassDef>() || s->is<tf::Def>()));
      if (auto c = s->as<tf::ClassDef>()) {
        ++classes;
        for (const auto& item : c->body) defs += item->is<tf::Def>();
      } else {
        ++defs;
      }
    }
  }
  CHECK(models.size() == 9);
  CHECK(records().size() > 1000);
  MESSAGE(records().size() << " records, " << classes << " classes, " << defs << " defs");
}

TEST_CASE("a scripted resnet18 record parses into the classes and statements it holds") {
  auto it = records().find("resnet18/scripted/code/__torch__/torchvision/models/resnet.py");
  REQUIRE(it != records().end());
  tf::Module m = tf::parse(it->second);
  REQUIRE(m.body.size() == 2);
  auto resnet = m.body[0]->as<tf::ClassDef>();
  REQUIRE(resnet);
  CHECK(resnet->name == "ResNet");
  REQUIRE(resnet->bases.size() == 1);
  CHECK(tf::dump(*resnet->bases[0]) == "Module");
  CHECK(tf::dump(*resnet->body[0]) == "(= __parameters__ (list))");
  CHECK(tf::dump(*resnet->body[2]) == "(= training : bool _)");
  const tf::Def* forward = nullptr;
  for (const auto& s : resnet->body)
    if (auto d = s->as<tf::Def>(); d && d->name == "forward") forward = d;
  REQUIRE(forward);
  REQUIRE(forward->params.size() == 2);
  CHECK(tf::dump(*forward->params[0].annotation) == "(. (. (. (. __torch__ torchvision) models) resnet) ResNet)");
  CHECK(tf::dump(*forward->returns) == "Tensor");
  CHECK(tf::dump(*forward->body[0]) == "(return (call (. self _forward_impl) x))");
}

TEST_CASE("traced records: straight-line code with CONSTANTS and ops.prim calls") {
  std::size_t with_constants = 0, with_ops = 0;
  for (const auto& [name, text] : records()) {
    if (name.find("/traced/") == std::string::npos) continue;
    with_constants += text.find("CONSTANTS.c") != std::string::npos;
    with_ops += text.find("ops.prim.") != std::string::npos;
  }
  CHECK(with_ops > 0);
  MESSAGE(with_constants << " traced records use CONSTANTS");
}

namespace {

// Counts node kinds over a tree (statements by StmtKind, expressions by ExprKind).
struct KindCounter {
  std::map<tf::StmtKind, int> stmts;
  std::map<tf::ExprKind, int> exprs;
  std::set<std::string> class_bases;

  void expr(const tf::ExprPtr& e) {
    if (!e) return;
    ++exprs[e->kind];
    switch (e->kind) {
      case tf::ExprKind::Attribute: expr(e->as<tf::Attribute>()->value); break;
      case tf::ExprKind::Call: {
        auto c = e->as<tf::Call>();
        expr(c->func);
        for (const auto& a : c->args) expr(a);
        for (const auto& k : c->keywords) expr(k.value);
        break;
      }
      case tf::ExprKind::Subscript: {
        auto s = e->as<tf::Subscript>();
        expr(s->value);
        for (const auto& i : s->indices) expr(i);
        break;
      }
      case tf::ExprKind::BinOp: expr(e->as<tf::BinOp>()->lhs); expr(e->as<tf::BinOp>()->rhs); break;
      case tf::ExprKind::UnaryOp: expr(e->as<tf::UnaryOp>()->operand); break;
      case tf::ExprKind::Tuple: for (const auto& x : e->as<tf::TupleLiteral>()->elts) expr(x); break;
      case tf::ExprKind::List: for (const auto& x : e->as<tf::ListLiteral>()->elts) expr(x); break;
      case tf::ExprKind::Dict: {
        auto d = e->as<tf::DictLiteral>();
        for (const auto& x : d->keys) expr(x);
        for (const auto& x : d->values) expr(x);
        break;
      }
      default: break;
    }
  }
  void body(const tf::StmtList& list) {
    for (const auto& s : list) stmt(*s);
  }
  void stmt(const tf::Stmt& s) {
    ++stmts[s.kind];
    switch (s.kind) {
      case tf::StmtKind::Expr: expr(s.as<tf::ExprStmt>()->value); break;
      case tf::StmtKind::Assign: {
        auto a = s.as<tf::Assign>();
        for (const auto& t : a->targets) expr(t);
        expr(a->value);
        expr(a->annotation);
        break;
      }
      case tf::StmtKind::If: {
        auto i = s.as<tf::If>();
        expr(i->cond);
        body(i->body);
        body(i->orelse);
        break;
      }
      case tf::StmtKind::For: expr(s.as<tf::For>()->iter); body(s.as<tf::For>()->body); break;
      case tf::StmtKind::While: expr(s.as<tf::While>()->cond); body(s.as<tf::While>()->body); break;
      case tf::StmtKind::With: body(s.as<tf::With>()->body); break;
      case tf::StmtKind::Return: expr(s.as<tf::Return>()->value); break;
      case tf::StmtKind::Def: {
        auto d = s.as<tf::Def>();
        for (const auto& p : d->params) {
          expr(p.annotation);
          expr(p.default_value);
        }
        expr(d->returns);
        body(d->body);
        break;
      }
      case tf::StmtKind::Class: {
        auto c = s.as<tf::ClassDef>();
        for (const auto& b : c->bases) class_bases.insert(tf::dotted_name(*b));
        body(c->body);
        break;
      }
      default: break;
    }
  }
};

}  // namespace

TEST_CASE("the records hold every statement and expression form PyTorch writes (notes, 6.7)") {
  KindCounter count;
  for (const auto& record : records()) count.body(tf::parse(record.second, record.first).body);
  using S = tf::StmtKind;
  using X = tf::ExprKind;
  for (S k : {S::Expr, S::Assign, S::If, S::For, S::While, S::With, S::Pass, S::Return, S::Def, S::Class})
    CHECK(count.stmts[k] > 0);
  for (X k : {X::Name, X::Int, X::Float, X::Complex, X::Str, X::Bool, X::None, X::Attribute, X::Call,
              X::Subscript, X::BinOp, X::UnaryOp, X::Tuple, X::List, X::Dict})
    CHECK(count.exprs[k] > 0);
  for (const char* base : {"Module", "NamedTuple", "Enum", "ModuleInterface"}) {
    CAPTURE(base);
    CHECK(count.class_bases.count(base) == 1);
  }
}

TEST_CASE("feature records: special values, complex literals, closures, tuple targets") {
  std::string syn, types;
  for (const auto& record : records()) {
    if (record.first.rfind("features/syn/code/__torch__/feature_modules.py", 0) == 0) syn = record.second;
    if (record.first.rfind("features/types/code/__torch__/feature_modules.py", 0) == 0) types = record.second;
  }
  REQUIRE(!syn.empty());
  REQUIRE(!types.empty());
  tf::Module m = tf::parse(syn);
  const tf::ClassDef* cls = m.find_class("Syn");
  REQUIRE(cls);
  std::string all;
  for (const auto& s : cls->body) all += tf::dump(*s) + "\n";
  CHECK(all.find("(= e (neg nan))") != std::string::npos);
  CHECK(all.find("(with (_2) (do (= x1 (call (. torch mul) x0 2))))") != std::string::npos);
  CHECK(all.find("(= _0 \"This Python function is annotated to be ignored and cannot be run\")") != std::string::npos);
  CHECK(all.find("(. CONSTANTS c0)") != std::string::npos);
  CHECK(all.find("(while _") != std::string::npos);
  tf::Module t = tf::parse(types);
  std::string tall = tf::dump(t);
  CHECK(tall.find("(+ 0f 2j)") != std::string::npos);
  CHECK(tall.find("(def __forked_function (params) (body (= _7 (call (. (. __torch__ feature_modules) work) x)) (return _7)))") !=
        std::string::npos);
  CHECK(tall.find("(= (tuple a0 b) (call (. (. __torch__ feature_modules) pair) 3))") != std::string::npos);
  CHECK(tall.find("(class Color (bases Enum) (body (= RED 1) (= GREEN 2)))") != std::string::npos);
  CHECK(tall.find("(class SubIface (bases ModuleInterface) (body (def forward (params (self) (x : Tensor)) -> Tensor (body (pass)))))") !=
        std::string::npos);
}
