// Definitions of runtime/interpreter.hpp: the graph compiler and the instruction loop.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>

#include "tjit/runtime/function.hpp"
#include "tjit/runtime/future.hpp"
#include "tjit/runtime/interpreter.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/runtime/detail/builtin_helpers.hpp"

namespace tjit::runtime {

namespace detail {

// "aten::add.int" from ("ADD", ".int"); REM is aten::remainder.
inline std::string scalar_op_name(std::string_view opcode, std::string_view overload) {
  std::string name = opcode == "REM" ? "remainder" : std::string(opcode);
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return "aten::" + name + std::string(overload);
}

enum class OpCode : std::uint8_t {
  LOAD,             // push a copy of register X
  MOVE,             // push register X, leaving it empty (last use)
  STORE,            // pop into register X
  DROP,             // pop and discard
  DROPR,            // clear register X
  CONST,            // push constant X
  OP,               // call operator X on the stack
  OPN,              // vararg operator X: push N (the number of its inputs), then call it
  JF,               // pop a bool; jump to X when false
  JMP,              // jump to X
  LOOP,             // loop header X (Note [Loops])
  RET,              // return: the outputs are on the stack
  LIST_CONSTRUCT,   // pop N values into a list of type X
  LIST_UNPACK,      // pop a list, check it has N elements, push them
  TUPLE_CONSTRUCT,  // pop N values into a tuple (named tuple type X, or none if X < 0)
  TUPLE_UNPACK,     // pop a tuple of N elements, push them
  TUPLE_INDEX,      // pop tuple and index, push the element
  TUPLE_SLICE,      // pop a tuple, push elements [N, X)
  DICT_CONSTRUCT,   // pop N key/value pairs into a dict of type X
  CREATE_OBJECT,    // push a new object of class type X
  GET_ATTR,         // pop an object, push attribute X (Note [Attribute access])
  SET_ATTR,         // pop object and value, set attribute X
  ISINSTANCE,       // pop a value, push whether it is an instance of one of types X
  CALL,             // call function X on the top N values
  CALL_METHOD,      // call method named X on the top N values (self first)
  FORK,             // fork code X on the top N values, push the future
  WAIT,             // pop a future, push its value (running its task inline if not started)
  RAISE,            // pop message and class; throw
  PRINT,            // pop N values and print them, space-separated
  UNINIT,           // push an uninitialized value
  CHECK_NONE,       // unwrap an Optional known to be set: error if None (X = message)
  ENTER,            // pop a context manager object (torch.no_grad()), enter it
  EXIT,             // pop the context manager object, leave it
  // Register instructions (Note [Scalar instructions]).
  COPYR,            // register X = a copy of register N
  MOVER,            // register X = register N, leaving N empty
  CONSTR,           // register X = constant N
  JFR,              // jump to X when the bool in register N is false
  LOOPB,            // loop X's back edge: LOOP's test, then jump to the body's first instruction
  REM_IK,           // register X = register N % constant divisor Y (Note [Division by a constant])
  FLOORDIV_IK,      // register X = register N // constant divisor Y
#define TJIT_SCALAR_OPCODES(_) \
  _(ADD, AddF) _(SUB, SubF) _(MUL, MulF) _(DIV, DivF) _(FLOORDIV, FloordivF) _(REM, RemainderF) \
  _(LT, LtF) _(LE, LeF) _(GT, GtF) _(GE, GeF) _(EQ, EqF) _(NE, NeF)
#define TJIT_SCALAR_OPCODE_ENUM(name, F) name##_II, name##_FF,
  TJIT_SCALAR_OPCODES(TJIT_SCALAR_OPCODE_ENUM)  // register X = register N (op) register Y
#undef TJIT_SCALAR_OPCODE_ENUM
  NUM_OPCODES
};

// Note [Threaded dispatch]
// With GCC and clang the run loop jumps from each instruction's body straight to the next
// instruction's, through a table of label addresses (the "labels as values" extension), rather
// than back to one switch: no range check per instruction, and each body's indirect jump is
// predicted on its own — a few nanoseconds per iteration of a tight scalar loop. Other compilers
// (or -DTJIT_THREADED_DISPATCH=0) get the same bodies as a switch. TJIT_NEXT ends a body,
// TJIT_JUMP continues at `pc`. An indirect jump may not leave the scope of a local with a
// destructor, so a body with such locals is a block and its TJIT_NEXT comes after it.
#ifndef TJIT_THREADED_DISPATCH
#if defined(__GNUC__) || defined(__clang__)
#define TJIT_THREADED_DISPATCH 1
#else
#define TJIT_THREADED_DISPATCH 0
#endif
#endif

// Note [Scalar instructions]
// The builtins on two ints or two floats (`aten::add.int`, `aten::lt.float`, ...) compile to
// one instruction that reads its operands from registers and writes its result to a register,
// calling the same functions as their registered operators (builtin_helpers.hpp): no stack
// traffic and no indirect call, which is most of an int loop's cost. Constant operands get a
// register each, filled when a run starts. Numbers own no memory, so these instructions leave
// their inputs in place rather than moving them at their last use. Loops carry values from the
// body's outputs to its parameters register to register (COPYR/MOVER/CONSTR) unless that
// assignment permutes the parameters, and `prim::If` on a register tests it in place (JFR).

inline const char* opcode_name(OpCode op) {
  static const char* names[] = {
      "LOAD",          "MOVE",        "STORE",        "DROP",       "DROPR",
      "CONST",         "OP",          "OPN",          "JF",         "JMP",
      "LOOP",          "RET",         "LIST_CONSTRUCT", "LIST_UNPACK", "TUPLE_CONSTRUCT",
      "TUPLE_UNPACK",  "TUPLE_INDEX", "TUPLE_SLICE",  "DICT_CONSTRUCT", "CREATE_OBJECT",
      "GET_ATTR",      "SET_ATTR",    "ISINSTANCE",   "CALL",       "CALL_METHOD",
      "FORK",          "WAIT",        "RAISE",        "PRINT",      "UNINIT",
      "CHECK_NONE",    "ENTER",       "EXIT",         "COPYR",      "MOVER",
      "CONSTR",        "JFR",         "LOOPB",        "REM_IK",     "FLOORDIV_IK",
#define TJIT_SCALAR_OPCODE_NAME(name, F) #name "_II", #name "_FF",
      TJIT_SCALAR_OPCODES(TJIT_SCALAR_OPCODE_NAME)
#undef TJIT_SCALAR_OPCODE_NAME
  };
  static_assert(std::size(names) == static_cast<std::size_t>(OpCode::NUM_OPCODES));
  return names[static_cast<int>(op)];
}

struct Instruction {
  OpCode op;
  std::uint32_t N;
  std::int32_t X;
  std::int32_t Y = 0;  // the second operand register of a scalar instruction
};

// The scalar instruction of a matched operator, if it has one.
inline std::optional<OpCode> scalar_opcode(const Operator* op) {
  static const std::unordered_map<const Operator*, OpCode> table = [] {
    std::unordered_map<const Operator*, OpCode> t;
    const auto& reg = OperatorRegistry::instance();
    auto add = [&](std::string_view name, OpCode code) {
      if (const Operator* o = reg.findByQualifiedName(name)) t.emplace(o, code);
    };
#define TJIT_SCALAR_OPCODE_TABLE(name, F)                                   \
  add(runtime::detail::scalar_op_name(#name, ".int"), OpCode::name##_II); \
  add(runtime::detail::scalar_op_name(#name, ".float"), OpCode::name##_FF);
    TJIT_SCALAR_OPCODES(TJIT_SCALAR_OPCODE_TABLE)
#undef TJIT_SCALAR_OPCODE_TABLE
    return t;
  }();
  auto it = table.find(op);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

// Note [Loops]
// prim::Loop(max_trip_count, start_condition, carried...) with body block (i, carried...) ->
// (continue, carried...) compiles to
//     <init: max -> r_max, cond -> r_cond, carried -> body params, 0 -> r_i>
//   top: LOOP X        if !(r_i < r_max && r_cond) jump to end; param_i = r_i; r_i += 1
//        <body>; continue -> r_cond, carried outputs -> body params
//        LOOPB X       LOOP's test and increment, then jump to the body's first instruction
//   end: body params -> loop outputs
struct LoopInfo {
  std::int32_t r_i, r_max, r_cond, r_param_i;  // r_param_i < 0 when the index is unused
  std::int32_t body, end;                      // first instruction of the body; after the loop
};

// Note [Attribute access]
// Attributes are read by slot when the object's static type is a class type that has the
// attribute when the graph is compiled (slots never move: classes only grow); otherwise by
// name at run time.
struct AttrInfo {
  std::string name;
  std::int64_t slot;  // -1: look up by name
};

}  // namespace detail

struct Code::Impl {
  std::shared_ptr<ir::Graph> graph;
  std::string name;
  const CompilationUnit* cu = nullptr;
  std::size_t num_inputs = 0, num_outputs = 0;
  std::vector<detail::Instruction> instructions;
  std::vector<const ir::Node*> instruction_nodes;  // the node each instruction came from
  std::vector<IValue> constants;
  std::vector<const Operator*> operators;
  std::vector<TypePtr> types;
  std::vector<std::vector<TypePtr>> type_lists;
  std::vector<detail::LoopInfo> loops;
  std::vector<ops::builtin::ConstDivisor> divisors;  // REM_IK / FLOORDIV_IK operands
  std::vector<detail::AttrInfo> attrs;
  std::vector<std::string> strings;
  std::vector<std::unique_ptr<Code>> forks;
  std::vector<std::string> callees;  // qualified names, resolved at run time through cu
  std::int32_t num_registers = 0;
  std::vector<std::pair<std::int32_t, std::int32_t>> const_regs;  // (register, constant)

  void run(Stack& stack) const;
};

namespace detail {

// Note [Moves and drops]
// A value's last use moves it out of its register, when that use is in the block that defines
// the value. A value whose last use is nested inside a prim::If or prim::Loop (a loop body runs
// many times; an If branch may not run) is loaded at each use and dropped right after the
// outermost control-flow node of its defining block that contains its last use.
class CodeCompiler {
 public:
  CodeCompiler(Code::Impl& code) : c_(code) {}

  void compile() {
    const ir::Graph& g = *c_.graph;
    number_uses(g.block());
    c_.num_inputs = g.inputs().size();
    c_.num_outputs = g.outputs().size();
    for (auto it = g.inputs().rbegin(); it != g.inputs().rend(); ++it) store(*it, nullptr);
    emit_block_nodes(g.block());
    push_all(g.outputs(), g.block()->return_node());
    emit(OpCode::RET, 0, 0, nullptr);
  }

 private:
  // ---- analysis ----------------------------------------------------------------------------
  void number_uses(const ir::Block* b) {
    for (const ir::Node* n : b->nodes()) {
      for (const ir::Value* v : n->inputs()) last_use_[v] = n;
      for (const ir::Block* sub : n->blocks()) number_uses(sub);
    }
    for (const ir::Value* v : b->outputs()) last_use_[v] = b->return_node();
  }

  // The ancestor of `user` (or `user` itself) that sits directly in `block`.
  static const ir::Node* ancestor_in(const ir::Node* user, const ir::Block* block) {
    const ir::Node* n = user;
    while (n && n->owningBlock() != block) {
      const ir::Block* ob = n->owningBlock();
      n = ob ? ob->owningNode() : nullptr;
    }
    return n;
  }

  // ---- registers and constants ---------------------------------------------------------------
  std::int32_t reg(const ir::Value* v) {
    auto it = regs_.find(v);
    if (it != regs_.end()) return it->second;
    std::int32_t r = c_.num_registers++;
    regs_.emplace(v, r);
    return r;
  }

  // The register holding `v` for a register instruction: a constant gets its own register,
  // filled when a run starts.
  std::int32_t operand_reg(const ir::Value* v) {
    const ir::Node* def = v->node();
    if (def->kind() != ir::prim::Constant) return reg(v);
    auto it = const_regs_.find(def);
    if (it != const_regs_.end()) return it->second;
    std::int32_t r = c_.num_registers++;
    c_.const_regs.emplace_back(r, constant_index(def));
    const_regs_.emplace(def, r);
    return r;
  }

  bool is_constant_true(const ir::Value* v) {
    if (v->node()->kind() != ir::prim::Constant) return false;
    const IValue& c = c_.constants[static_cast<std::size_t>(constant_index(v->node()))];
    return c.isBool() && c.toBool();
  }

  std::int32_t constant_index(const ir::Node* n) {
    auto it = const_index_.find(n);
    if (it != const_index_.end()) return it->second;
    IValue v;
    const ir::Value* out = n->output();
    if (out->type()->kind() == ir::TypeKind::FunctionType) {
      v = IValue(out->type()->name());  // calls resolve the name through the unit
    } else {
      auto lit = n->constantValue();
      TJIT_CHECK(lit, "prim::Constant without a value: ", n->str());
      v = from_literal(*lit, out->type());
    }
    c_.constants.push_back(std::move(v));
    std::int32_t k = static_cast<std::int32_t>(c_.constants.size() - 1);
    const_index_.emplace(n, k);
    return k;
  }

  // Pushes values as inputs of `user`; a value listed twice moves only at its last listing.
  void push_all(const std::vector<ir::Value*>& values, const ir::Node* user) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      bool again = std::find(values.begin() + static_cast<std::ptrdiff_t>(i) + 1, values.end(),
                             values[i]) != values.end();
      push_value(values[i], user, !again);
    }
  }

  // Pushes v as input of `user`: a constant, a copy, or a move at its last use.
  void push_value(const ir::Value* v, const ir::Node* user, bool may_move = true) {
    const ir::Node* def = v->node();
    if (def->kind() == ir::prim::Constant) {
      emit(OpCode::CONST, 0, constant_index(def), user);
      return;
    }
    bool last = last_use_.count(v) && last_use_.at(v) == user;
    // Block params (graph inputs, loop-body params) are defined by their block's param node.
    bool movable = may_move && last && user->owningBlock() == def->owningBlock();
    emit(movable ? OpCode::MOVE : OpCode::LOAD, 0, reg(v), user);
  }

  void store(const ir::Value* v, const ir::Node* n) {
    if (!v->hasUses()) {
      emit(OpCode::DROP, 0, 0, n);
    } else {
      emit(OpCode::STORE, 0, reg(v), n);
    }
  }

  void store_outputs(const ir::Node* n) {
    for (auto it = n->outputs().rbegin(); it != n->outputs().rend(); ++it) store(*it, n);
  }

  void push_inputs(const ir::Node* n) { push_all(n->inputs(), n); }

  std::size_t emit(OpCode op, std::uint32_t N, std::int32_t X, const ir::Node* n) {
    c_.instructions.push_back({op, N, X});
    c_.instruction_nodes.push_back(n);
    return c_.instructions.size() - 1;
  }

  std::int32_t here() const { return static_cast<std::int32_t>(c_.instructions.size()); }

  std::int32_t type_index(TypePtr t) {
    c_.types.push_back(std::move(t));
    return static_cast<std::int32_t>(c_.types.size() - 1);
  }

  // ---- nodes ---------------------------------------------------------------------------------
  void emit_block_nodes(const ir::Block* b) {
    for (const ir::Node* n : b->nodes()) {
      emit_node(n);
      drop_nested_last_uses(n, b);
    }
  }

  // After a control-flow node, clear the registers of outer values whose last use was inside it.
  void drop_nested_last_uses(const ir::Node* n, const ir::Block* b) {
    if (n->blocks().empty()) return;
    std::vector<const ir::Value*> dead;
    collect_outer_inputs(n, dead);
    for (const ir::Value* v : dead) {
      if (v->node()->kind() == ir::prim::Constant) continue;
      auto it = last_use_.find(v);
      if (it == last_use_.end()) continue;
      if (v->node()->owningBlock() != b && v->node() != b->param_node()) continue;
      if (ancestor_in(it->second, b) == n && it->second != n && regs_.count(v))
        emit(OpCode::DROPR, 0, regs_.at(v), n);
    }
  }

  void collect_outer_inputs(const ir::Node* n, std::vector<const ir::Value*>& out) {
    for (const ir::Block* sub : n->blocks()) {
      for (const ir::Node* m : sub->nodes()) {
        for (const ir::Value* v : m->inputs()) out.push_back(v);
        collect_outer_inputs(m, out);
      }
      for (const ir::Value* v : sub->outputs()) out.push_back(v);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

  void emit_node(const ir::Node* n) {
    using namespace ir;
    const Symbol k = n->kind();
    auto N = static_cast<std::uint32_t>(n->inputs().size());
    if (k == prim::Constant) return;  // loaded where used
    if (k == prim::If) return emit_if(n);
    if (k == prim::Loop) return emit_loop(n);
    if (k == prim::ListConstruct) {
      push_inputs(n);
      const TypePtr& t = n->output()->type();
      TJIT_CHECK(t->kind() == TypeKind::ListType, "prim::ListConstruct must produce a list");
      emit(OpCode::LIST_CONSTRUCT, N, type_index(t->getElementType()), n);
      return store_outputs(n);
    }
    if (k == prim::ListUnpack) {
      push_inputs(n);
      emit(OpCode::LIST_UNPACK, static_cast<std::uint32_t>(n->outputs().size()), 0, n);
      return store_outputs(n);
    }
    if (k == prim::TupleConstruct) {
      push_inputs(n);
      const TypePtr& t = n->output()->type();
      emit(OpCode::TUPLE_CONSTRUCT, N, t->isNamedTuple() ? type_index(t) : -1, n);
      return store_outputs(n);
    }
    if (k == prim::TupleUnpack) {
      push_inputs(n);
      emit(OpCode::TUPLE_UNPACK, static_cast<std::uint32_t>(n->outputs().size()), 0, n);
      return store_outputs(n);
    }
    if (k == prim::TupleIndex) {
      push_inputs(n);
      emit(OpCode::TUPLE_INDEX, 0, 0, n);
      return store_outputs(n);
    }
    if (k == prim::TupleSlice) {
      push_inputs(n);
      emit(OpCode::TUPLE_SLICE, static_cast<std::uint32_t>(n->i(attr::beg)),
           static_cast<std::int32_t>(n->i(attr::end)), n);
      return store_outputs(n);
    }
    if (k == prim::DictConstruct) {
      push_inputs(n);
      emit(OpCode::DICT_CONSTRUCT, N / 2, type_index(n->output()->type()), n);
      return store_outputs(n);
    }
    if (k == prim::CreateObject) {
      emit(OpCode::CREATE_OBJECT, 0, type_index(n->output()->type()), n);
      return store_outputs(n);
    }
    if (k == prim::GetAttr || k == prim::SetAttr) {
      push_inputs(n);
      const std::string& name = n->s(attr::name);
      std::int64_t slot = -1;
      const TypePtr& t = n->input(0)->type();
      if (t->classInfo())
        if (auto s = t->classInfo()->findAttributeSlot(name)) slot = static_cast<std::int64_t>(*s);
      c_.attrs.push_back({name, slot});
      emit(k == prim::GetAttr ? OpCode::GET_ATTR : OpCode::SET_ATTR, 0,
           static_cast<std::int32_t>(c_.attrs.size() - 1), n);
      return store_outputs(n);
    }
    if (k == prim::isinstance) {
      push_inputs(n);
      c_.type_lists.push_back(n->tys(attr::types));
      emit(OpCode::ISINSTANCE, 0, static_cast<std::int32_t>(c_.type_lists.size() - 1), n);
      return store_outputs(n);
    }
    if (k == prim::unchecked_cast) {
      push_inputs(n);
      return store_outputs(n);
    }
    if (k == prim::CallFunction) {
      // Input 0 is the function (a constant naming it); the rest are its arguments.
      const ir::Node* fn = n->input(0)->node();
      TJIT_CHECK(fn->kind() == prim::Constant &&
                     n->input(0)->type()->kind() == TypeKind::FunctionType,
                 "prim::CallFunction of a function that is not a constant");
      push_all(std::vector<ir::Value*>(n->inputs().begin() + 1, n->inputs().end()), n);
      // Graphs PyTorch printed name the function only by the constant's `name` (the type
      // prints as plain `Function`); built graphs carry the qualified name in the type.
      const std::string& tn = n->input(0)->type()->name();
      c_.callees.push_back(tn.empty() || tn == "Function" ? fn->s(attr::name) : tn);
      emit(OpCode::CALL, N - 1, static_cast<std::int32_t>(c_.callees.size() - 1), n);
      return store_outputs(n);
    }
    if (k == prim::CallMethod) {
      push_inputs(n);
      c_.strings.push_back(n->s(attr::name));
      emit(OpCode::CALL_METHOD, N, static_cast<std::int32_t>(c_.strings.size() - 1), n);
      return store_outputs(n);
    }
    if (k == prim::fork) {
      push_inputs(n);
      c_.forks.push_back(std::make_unique<Code>(n->g(attr::Subgraph), c_.name + ".<fork>", c_.cu));
      emit(OpCode::FORK, N, static_cast<std::int32_t>(c_.forks.size() - 1), n);
      return store_outputs(n);
    }
    if (k == aten::wait) {
      push_inputs(n);
      emit(OpCode::WAIT, 0, 0, n);
      return store_outputs(n);
    }
    if (k == prim::RaiseException) {
      push_inputs(n);
      if (N == 1) emit(OpCode::CONST, 0, push_constant(IValue()), n);
      emit(OpCode::RAISE, 0, 0, n);
      return store_outputs(n);
    }
    if (k == prim::Print) {
      push_inputs(n);
      emit(OpCode::PRINT, N, 0, n);
      return store_outputs(n);
    }
    if (k == prim::Uninitialized) {
      emit(OpCode::UNINIT, 0, 0, n);
      return store_outputs(n);
    }
    if (k == prim::Enter || k == prim::Exit) {
      push_inputs(n);
      // PyTorch's prim::Enter / prim::Exit each have one output (the value of __enter__, and
      // an unused one): the instruction pushes None for each.
      emit(k == prim::Enter ? OpCode::ENTER : OpCode::EXIT,
           static_cast<std::uint32_t>(n->outputs().size()), 0, n);
      return store_outputs(n);
    }
    // Everything else is a registered operator.
    const Operator* op = OperatorRegistry::instance().match(n);
    if (!op) throw_no_operator(n);
    TJIT_CHECK(!op->isSpecial(), "the interpreter has no instruction for ",
               op->schema().str());
    if (auto code = scalar_opcode(op); code && N == 2 && n->outputs().size() == 1) {
      std::int32_t dst = n->output()->hasUses() ? reg(n->output()) : c_.num_registers++;
      if (*code == OpCode::REM_II || *code == OpCode::FLOORDIV_II) {
        if (auto d = constant_divisor(n->input(1))) {  // Note [Division by a constant]
          std::size_t at =
              emit(*code == OpCode::REM_II ? OpCode::REM_IK : OpCode::FLOORDIV_IK,
                   static_cast<std::uint32_t>(operand_reg(n->input(0))), dst, n);
          c_.divisors.push_back(*d);
          c_.instructions[at].Y = static_cast<std::int32_t>(c_.divisors.size() - 1);
          return;
        }
      }
      std::int32_t a = operand_reg(n->input(0)), b = operand_reg(n->input(1));
      std::size_t at = emit(*code, static_cast<std::uint32_t>(a), dst, n);
      c_.instructions[at].Y = b;
      return;
    }
    push_inputs(n);
    c_.operators.push_back(op);
    auto idx = static_cast<std::int32_t>(c_.operators.size() - 1);
    emit(op->schema().is_vararg() ? OpCode::OPN : OpCode::OP, N, idx, n);
    store_outputs(n);
  }

  // The divisor of `x % d` / `x // d` when d is an int constant it pays to divide by.
  static std::optional<ops::builtin::ConstDivisor> constant_divisor(const ir::Value* v) {
    const ir::Node* c = v->node();
    if (c->kind() != ir::prim::Constant || !c->hasAttribute(ir::attr::value) ||
        c->kindOf(ir::attr::value) != ir::AttributeKind::i)
      return std::nullopt;
    return ops::builtin::ConstDivisor::make(c->i(ir::attr::value));
  }

  std::int32_t push_constant(IValue v) {
    c_.constants.push_back(std::move(v));
    return static_cast<std::int32_t>(c_.constants.size() - 1);
  }

  [[noreturn]] void throw_no_operator(const ir::Node* n) {
    const auto& overloads = OperatorRegistry::instance().lookup(n->kind());
    std::ostringstream msg;
    if (overloads.empty()) {
      msg << "Unknown builtin op: " << n->kind().toQualString() << ".\n"
          << "tjit has no operator of that name (tjit::supported_ops() lists them all).";
    } else {
      msg << "No overload of " << n->kind().toQualString() << " takes (";
      for (std::size_t i = 0; i < n->inputs().size(); ++i)
        msg << (i ? ", " : "") << n->input(i)->type()->str();
      msg << ") -> (";
      for (std::size_t i = 0; i < n->outputs().size(); ++i)
        msg << (i ? ", " : "") << n->output(i)->type()->str();
      msg << "). The overloads are:";
      for (const Operator* op : overloads) msg << "\n  " << op->schema().str();
    }
    std::string text = msg.str();
    if (!n->sourceRange().empty_sentinel()) text += ":\n" + n->sourceRange().highlight();
    throw Error(text);
  }

  void emit_if(const ir::Node* n) {
    std::size_t jf;
    if (n->input(0)->node()->kind() == ir::prim::Constant) {
      push_value(n->input(0), n);
      jf = emit(OpCode::JF, 0, 0, n);
    } else {
      jf = emit(OpCode::JFR, static_cast<std::uint32_t>(reg(n->input(0))), 0, n);
    }
    emit_branch(n->blocks()[0], n);
    std::size_t jmp = emit(OpCode::JMP, 0, 0, n);
    c_.instructions[jf].X = here();
    emit_branch(n->blocks()[1], n);
    c_.instructions[jmp].X = here();
  }

  void emit_branch(const ir::Block* b, const ir::Node* n) {
    emit_block_nodes(b);
    push_all(b->outputs(), b->return_node());
    store_outputs(n);
  }

  void emit_loop(const ir::Node* n) {
    const ir::Block* body = n->blocks()[0];
    const std::size_t ncarried = n->outputs().size();
    LoopInfo info{};
    info.r_i = c_.num_registers++;
    info.r_max = c_.num_registers++;
    info.r_cond = c_.num_registers++;
    const auto& ins = n->inputs();
    auto once = [&](std::size_t i) {  // whether input i is its value's last listing
      return std::find(ins.begin() + static_cast<std::ptrdiff_t>(i) + 1, ins.end(), ins[i]) ==
             ins.end();
    };
    push_value(ins[0], n, once(0));
    emit(OpCode::STORE, 0, info.r_max, n);
    push_value(ins[1], n, once(1));
    emit(OpCode::STORE, 0, info.r_cond, n);
    for (std::size_t j = 0; j < ncarried; ++j) push_value(ins[2 + j], n, once(2 + j));
    for (std::size_t j = ncarried; j-- > 0;) emit(OpCode::STORE, 0, reg(body->inputs()[1 + j]), n);
    emit(OpCode::CONST, 0, push_constant(IValue(std::int64_t{0})), n);
    emit(OpCode::STORE, 0, info.r_i, n);
    info.r_param_i = body->inputs()[0]->hasUses() ? reg(body->inputs()[0]) : -1;
    c_.loops.push_back(info);
    auto loop_index = static_cast<std::int32_t>(c_.loops.size() - 1);
    emit(OpCode::LOOP, 0, loop_index, n);
    c_.loops[static_cast<std::size_t>(loop_index)].body = here();
    coalesce_carried(body);
    emit_block_nodes(body);
    emit_loop_tail(n, info);
    emit(OpCode::LOOPB, 0, loop_index, n);
    c_.loops[static_cast<std::size_t>(loop_index)].end = here();
    for (std::size_t j = 0; j < ncarried; ++j)
      emit(OpCode::MOVE, 0, reg(body->inputs()[1 + j]), n);
    store_outputs(n);
  }

  // A carried value computed by a scalar instruction in the body, used only as the body's
  // output, after the last use of the parameter it replaces: the instruction writes it straight
  // into that parameter's register, and no copy is needed at the end of the body.
  void coalesce_carried(const ir::Block* body) {
    const auto& outs = body->outputs();
    const auto& params = body->inputs();
    for (std::size_t j = 1; j < outs.size(); ++j) {
      const ir::Value* v = outs[j];
      const ir::Node* def = v->node();
      if (def->owningBlock() != body || regs_.count(v) || v->uses().size() != 1 ||
          std::count(outs.begin(), outs.end(), v) != 1 || def->inputs().size() != 2)
        continue;
      const Operator* op = OperatorRegistry::instance().match(def);
      if (!op || !scalar_opcode(op)) continue;
      const ir::Value* p = params[j];
      bool after_last_use = true;
      for (const ir::Use& u : p->uses()) {
        const ir::Node* user = ancestor_in(u.user, body);
        if (!user || user == body->return_node() || !user->isBefore(def)) {
          // the defining node itself may read the parameter: it reads before it writes
          if (user != def) after_last_use = false;
        }
      }
      if (after_last_use) regs_.emplace(v, reg(p));
    }
  }

  // The end of a loop body: its outputs become the next iteration's condition and carried
  // parameters (Note [Scalar instructions]).
  void emit_loop_tail(const ir::Node* n, const LoopInfo& info) {
    const ir::Block* body = n->blocks()[0];
    const auto& outs = body->outputs();
    const auto& params = body->inputs();
    const std::size_t ncarried = outs.size() - 1;
    // Register to register unless an output is another carried parameter (a permutation).
    bool direct = true;
    for (std::size_t j = 0; j < ncarried; ++j)
      for (std::size_t k = 0; k < ncarried; ++k)
        if (k != j && outs[1 + j] == params[1 + k]) direct = false;
    if (!direct) {
      push_all(outs, body->return_node());
      for (std::size_t j = ncarried; j-- > 0;) emit(OpCode::STORE, 0, reg(params[1 + j]), n);
      emit(OpCode::STORE, 0, info.r_cond, n);
      return;
    }
    const ir::Node* ret = body->return_node();
    auto assign = [&](const ir::Value* v, std::int32_t dst, std::size_t pos) {
      if (v->node()->kind() == ir::prim::Constant) {
        emit(OpCode::CONSTR, static_cast<std::uint32_t>(constant_index(v->node())), dst, n);
        return;
      }
      std::int32_t src = reg(v);
      if (src == dst) return;
      bool again = std::find(outs.begin() + static_cast<std::ptrdiff_t>(pos) + 1, outs.end(), v) !=
                   outs.end();
      bool movable = !again && last_use_.count(v) && last_use_.at(v) == ret &&
                     v->node()->owningBlock() == body;
      emit(movable ? OpCode::MOVER : OpCode::COPYR, static_cast<std::uint32_t>(src), dst, n);
    };
    for (std::size_t j = 0; j < ncarried; ++j) assign(outs[1 + j], reg(params[1 + j]), 1 + j);
    // A body that always continues leaves r_cond true: the loop only runs while it is.
    if (!is_constant_true(outs[0])) assign(outs[0], info.r_cond, 0);
  }

  Code::Impl& c_;
  std::unordered_map<const ir::Value*, std::int32_t> regs_;
  std::unordered_map<const ir::Node*, std::int32_t> const_index_;
  std::unordered_map<const ir::Node*, std::int32_t> const_regs_;
  std::unordered_map<const ir::Value*, const ir::Node*> last_use_;
};

// A scalar instruction's result, written over the register in place.
inline void set_number(IValue& r, std::int64_t v) noexcept { r.setInt(v); }
inline void set_number(IValue& r, double v) noexcept { r.setDouble(v); }
inline void set_number(IValue& r, bool v) noexcept { r.setBool(v); }

// The context managers TorchScript knows: `with torch.no_grad():`.
inline void enter_context(const IValue& ctx, bool enter, std::vector<bool>& saved_grad) {
  if (ctx.isObject() && ctx.toObjectRef().name().find("no_grad") != std::string::npos) {
    if (enter) {
      saved_grad.push_back(is_grad_enabled());
      set_grad_enabled(false);
    } else if (!saved_grad.empty()) {
      set_grad_enabled(saved_grad.back());
      saved_grad.pop_back();
    }
    return;
  }
  throw Error(tjit::detail::str_cat("tjit does not support this object as a context manager: ",
                                    ctx.type()->str()));
}

template <class E>
[[noreturn]] void raise_as(const std::string& msg, const std::string& cls) {
  E err(msg);
  err.set_raised_as(cls);
  throw err;
}

// prim::RaiseException: the Python class named by the script picks the tjit::Error subclass.
[[noreturn]] inline void throw_raised(const IValue& msg, const IValue& cls) {
  std::string m = msg.isString() ? msg.toStringRef() : msg.repr();
  std::string c = cls.isString() ? cls.toStringRef() : "builtins.RuntimeError";
  if (c == "builtins.ValueError") raise_as<ValueError>(m, c);
  if (c == "builtins.IndexError") raise_as<IndexError>(m, c);
  if (c == "builtins.KeyError") raise_as<KeyError>(m, c);
  if (c == "builtins.TypeError") raise_as<TypeError>(m, c);
  if (c == "builtins.NotImplementedError") raise_as<NotImplementedError>(m, c);
  raise_as<Error>(m, c);
}

}  // namespace detail

TJIT_DEF Code::Code(std::shared_ptr<ir::Graph> graph, std::string name, const CompilationUnit* cu)
    : impl_(std::make_unique<Impl>()) {
  TJIT_CHECK(graph, "Code: null graph");
  impl_->graph = std::move(graph);
  impl_->name = std::move(name);
  impl_->cu = cu;
  detail::CodeCompiler(*impl_).compile();
}

TJIT_DEF Code::~Code() = default;
TJIT_DEF void Code::run(Stack& stack) const { impl_->run(stack); }
TJIT_DEF std::size_t Code::num_inputs() const { return impl_->num_inputs; }
TJIT_DEF std::size_t Code::num_outputs() const { return impl_->num_outputs; }
TJIT_DEF const std::string& Code::name() const { return impl_->name; }
TJIT_DEF const std::shared_ptr<ir::Graph>& Code::graph() const { return impl_->graph; }
TJIT_DEF std::size_t Code::num_registers() const {
  return static_cast<std::size_t>(impl_->num_registers);
}

TJIT_DEF std::string Code::dump() const {
  std::ostringstream out;
  for (std::size_t i = 0; i < impl_->instructions.size(); ++i) {
    const auto& ins = impl_->instructions[i];
    out << i << " " << detail::opcode_name(ins.op) << " " << ins.N << " " << ins.X;
    if (ins.op > detail::OpCode::LOOPB && ins.op < detail::OpCode::NUM_OPCODES) out << " " << ins.Y;
    if (ins.op == detail::OpCode::OP || ins.op == detail::OpCode::OPN)
      out << "  # " << impl_->operators[static_cast<std::size_t>(ins.X)]->schema().str();
    out << "\n";
  }
  return out.str();
}

TJIT_DEF void Code::Impl::run(Stack& stack) const {
  using detail::OpCode;
  TJIT_CHECK(stack.size() >= num_inputs, name, "() expected ", num_inputs,
             " inputs but the stack holds ", stack.size());
  std::vector<IValue> regs(static_cast<std::size_t>(num_registers));
  for (auto [r, k] : const_regs) regs[static_cast<std::size_t>(r)] = constants[static_cast<std::size_t>(k)];
  std::vector<bool> saved_grad;
  std::size_t pc = 0;
  auto at = [&](std::size_t n) -> IValue& { return stack[stack.size() - n]; };
  try {
#if TJIT_THREADED_DISPATCH
    // One label per opcode, in OpCode's order (Note [Threaded dispatch]).
    static const void* const kLabels[] = {
        &&L_LOAD,        &&L_MOVE,           &&L_STORE,       &&L_DROP,           &&L_DROPR,
        &&L_CONST,       &&L_OP,             &&L_OPN,         &&L_JF,             &&L_JMP,
        &&L_LOOP,        &&L_RET,            &&L_LIST_CONSTRUCT, &&L_LIST_UNPACK, &&L_TUPLE_CONSTRUCT,
        &&L_TUPLE_UNPACK, &&L_TUPLE_INDEX,   &&L_TUPLE_SLICE, &&L_DICT_CONSTRUCT, &&L_CREATE_OBJECT,
        &&L_GET_ATTR,    &&L_SET_ATTR,       &&L_ISINSTANCE,  &&L_CALL,           &&L_CALL_METHOD,
        &&L_FORK,        &&L_WAIT,           &&L_RAISE,       &&L_PRINT,          &&L_UNINIT,
        &&L_CHECK_NONE,  &&L_ENTER,          &&L_EXIT,        &&L_COPYR,          &&L_MOVER,
        &&L_CONSTR,      &&L_JFR,            &&L_LOOPB,       &&L_REM_IK,         &&L_FLOORDIV_IK,
#define TJIT_SCALAR_OPCODE_LABEL(name, F) &&L_##name##_II, &&L_##name##_FF,
        TJIT_SCALAR_OPCODES(TJIT_SCALAR_OPCODE_LABEL)
#undef TJIT_SCALAR_OPCODE_LABEL
        &&L_NUM_OPCODES,
    };
    static_assert(std::size(kLabels) == static_cast<std::size_t>(OpCode::NUM_OPCODES) + 1);
    const detail::Instruction* ip;
#define TJIT_CASE(name) L_##name:
#define TJIT_JUMP                                                   \
  do {                                                              \
    ip = &instructions[pc];                                         \
    goto* kLabels[static_cast<std::size_t>(ip->op)];                \
  } while (0)
#define TJIT_NEXT \
  do {            \
    ++pc;         \
    TJIT_JUMP;    \
  } while (0)
    TJIT_JUMP;
    {
      {
#else
#define TJIT_CASE(name) case OpCode::name:
#define TJIT_JUMP continue
#define TJIT_NEXT break
    for (;;) {
      const detail::Instruction* ip = &instructions[pc];
      switch (ip->op) {
#endif
        TJIT_CASE(LOAD) stack.push_back(regs[static_cast<std::size_t>(ip->X)]); TJIT_NEXT;
        TJIT_CASE(MOVE) stack.push_back(std::move(regs[static_cast<std::size_t>(ip->X)])); TJIT_NEXT;
        TJIT_CASE(STORE)
          regs[static_cast<std::size_t>(ip->X)] = std::move(stack.back());
          stack.pop_back();
          TJIT_NEXT;
        TJIT_CASE(DROP) stack.pop_back(); TJIT_NEXT;
        TJIT_CASE(DROPR) regs[static_cast<std::size_t>(ip->X)] = IValue(); TJIT_NEXT;
        TJIT_CASE(CONST) stack.push_back(constants[static_cast<std::size_t>(ip->X)]); TJIT_NEXT;
        TJIT_CASE(OP) operators[static_cast<std::size_t>(ip->X)]->fn()(stack); TJIT_NEXT;
        TJIT_CASE(OPN)
          stack.emplace_back(static_cast<std::int64_t>(ip->N));
          operators[static_cast<std::size_t>(ip->X)]->fn()(stack);
          TJIT_NEXT;
        TJIT_CASE(JF) {
          bool c = stack.back().toBool();
          stack.pop_back();
          if (!c) {
            pc = static_cast<std::size_t>(ip->X);
            TJIT_JUMP;
          }
        }
        TJIT_NEXT;
        TJIT_CASE(JMP) pc = static_cast<std::size_t>(ip->X); TJIT_JUMP;
        TJIT_CASE(JFR)
          if (!regs[ip->N].toBool()) {
            pc = static_cast<std::size_t>(ip->X);
            TJIT_JUMP;
          }
          TJIT_NEXT;
        TJIT_CASE(COPYR) regs[static_cast<std::size_t>(ip->X)] = regs[ip->N]; TJIT_NEXT;
        TJIT_CASE(MOVER) regs[static_cast<std::size_t>(ip->X)] = std::move(regs[ip->N]); TJIT_NEXT;
        TJIT_CASE(CONSTR) regs[static_cast<std::size_t>(ip->X)] = constants[ip->N]; TJIT_NEXT;
#define TJIT_SCALAR_OPCODE_CASE(name, F)                                                       \
  TJIT_CASE(name##_II)                                                                      \
    detail::set_number(regs[static_cast<std::size_t>(ip->X)],                                 \
                       ops::builtin::Bin<ops::builtin::F>::ii(                                 \
                           regs[ip->N].toInt(), regs[static_cast<std::size_t>(ip->Y)].toInt())); \
    TJIT_NEXT;                                                                                     \
  TJIT_CASE(name##_FF)                                                                      \
    detail::set_number(regs[static_cast<std::size_t>(ip->X)],                                  \
                       ops::builtin::Bin<ops::builtin::F>::ff(                                 \
                           regs[ip->N].toDouble(),                                             \
                           regs[static_cast<std::size_t>(ip->Y)].toDouble()));                 \
    TJIT_NEXT;
          TJIT_SCALAR_OPCODES(TJIT_SCALAR_OPCODE_CASE)
#undef TJIT_SCALAR_OPCODE_CASE
        TJIT_CASE(REM_IK)
          detail::set_number(regs[static_cast<std::size_t>(ip->X)],
                             divisors[static_cast<std::size_t>(ip->Y)].remainder(regs[ip->N].toInt()));
          TJIT_NEXT;
        TJIT_CASE(FLOORDIV_IK)
          detail::set_number(regs[static_cast<std::size_t>(ip->X)],
                             divisors[static_cast<std::size_t>(ip->Y)].floordiv(regs[ip->N].toInt()));
          TJIT_NEXT;
        TJIT_CASE(NUM_OPCODES) TJIT_NEXT;
        TJIT_CASE(LOOP)    // the loop's header: L.body is the next instruction
        TJIT_CASE(LOOPB) {  // its back edge
          const detail::LoopInfo& L = loops[static_cast<std::size_t>(ip->X)];
          IValue& ri = regs[static_cast<std::size_t>(L.r_i)];
          std::int64_t i = ri.toInt();
          if (!(i < regs[static_cast<std::size_t>(L.r_max)].toInt() &&
                regs[static_cast<std::size_t>(L.r_cond)].toBool())) {
            pc = static_cast<std::size_t>(L.end);
            TJIT_JUMP;
          }
          if (L.r_param_i >= 0) regs[static_cast<std::size_t>(L.r_param_i)].setInt(i);
          ri.setInt(i + 1);
          pc = static_cast<std::size_t>(L.body);
          TJIT_JUMP;
        }
        TJIT_CASE(RET) return;
        TJIT_CASE(LIST_CONSTRUCT) {
          auto list = make_list(types[static_cast<std::size_t>(ip->X)]);
          list->items.reserve(ip->N);
          for (std::size_t j = ip->N; j > 0; --j) list->items.push_back(std::move(at(j)));
          stack.resize(stack.size() - ip->N);
          stack.emplace_back(std::move(list));
        }
        TJIT_NEXT;
        TJIT_CASE(LIST_UNPACK) {
          ListPtr list = stack.back().toList();
          stack.pop_back();
          if (list->size() != ip->N)
            throw ValueError(tjit::detail::str_cat("Expected ", ip->N,
                                                   " elements in a list but found ",
                                                   list->size()));
          for (const IValue& v : list->items) stack.push_back(v);
        }
        TJIT_NEXT;
        TJIT_CASE(TUPLE_CONSTRUCT) {
          std::vector<IValue> elems;
          elems.reserve(ip->N);
          for (std::size_t j = ip->N; j > 0; --j) elems.push_back(std::move(at(j)));
          stack.resize(stack.size() - ip->N);
          stack.emplace_back(make_tuple(
              std::move(elems), ip->X >= 0 ? types[static_cast<std::size_t>(ip->X)] : nullptr));
        }
        TJIT_NEXT;
        TJIT_CASE(TUPLE_UNPACK) {
          IValue t = std::move(stack.back());
          stack.pop_back();
          const TupleObj& tup = t.toTupleRef();
          TJIT_CHECK(tup.size() == ip->N, "Expected a tuple of ", ip->N, " elements but got ",
                     tup.size());
          for (const IValue& v : tup.elements()) stack.push_back(v);
        }
        TJIT_NEXT;
        TJIT_CASE(TUPLE_INDEX) {
          std::int64_t i = stack.back().toInt();
          stack.pop_back();
          IValue t = std::move(stack.back());
          stack.pop_back();
          const auto& elems = t.toTupleRef().elements();
          auto n = static_cast<std::int64_t>(elems.size());
          std::int64_t j = i < 0 ? i + n : i;
          if (j < 0 || j >= n) throw IndexError("tuple index out of range");
          stack.push_back(elems[static_cast<std::size_t>(j)]);
        }
        TJIT_NEXT;
        TJIT_CASE(TUPLE_SLICE) {
          IValue t = std::move(stack.back());
          stack.pop_back();
          const auto& elems = t.toTupleRef().elements();
          std::vector<IValue> out(elems.begin() + ip->N, elems.begin() + ip->X);
          stack.emplace_back(make_tuple(std::move(out)));
        }
        TJIT_NEXT;
        TJIT_CASE(DICT_CONSTRUCT) {
          const TypePtr& t = types[static_cast<std::size_t>(ip->X)];
          auto d = make_dict(t->getKeyType(), t->getValueType());
          for (std::size_t j = 2 * ip->N; j > 0; j -= 2)
            d->insert_or_assign(std::move(at(j)), std::move(at(j - 1)));
          stack.resize(stack.size() - 2 * ip->N);
          stack.emplace_back(std::move(d));
        }
        TJIT_NEXT;
        TJIT_CASE(CREATE_OBJECT) {
          stack.emplace_back(make_object(types[static_cast<std::size_t>(ip->X)]));
        }
        TJIT_NEXT;
        TJIT_CASE(GET_ATTR) {
          const detail::AttrInfo& a = attrs[static_cast<std::size_t>(ip->X)];
          IValue o = std::move(stack.back());
          stack.pop_back();
          const Object& obj = o.toObjectRef();
          if (a.slot >= 0 && static_cast<std::size_t>(a.slot) < obj.slots().size()) {
            stack.push_back(obj.slots()[static_cast<std::size_t>(a.slot)]);
          } else {
            stack.push_back(obj.getAttr(a.name));
          }
        }
        TJIT_NEXT;
        TJIT_CASE(SET_ATTR) {
          const detail::AttrInfo& a = attrs[static_cast<std::size_t>(ip->X)];
          IValue v = std::move(stack.back());
          stack.pop_back();
          IValue o = std::move(stack.back());
          stack.pop_back();
          if (a.slot >= 0) {
            o.toObjectRef().setSlot(static_cast<std::size_t>(a.slot), std::move(v));
          } else {
            o.toObjectRef().setAttr(a.name, std::move(v));
          }
        }
        TJIT_NEXT;
        TJIT_CASE(ISINSTANCE) {
          IValue v = std::move(stack.back());
          stack.pop_back();
          bool any = false;
          for (const TypePtr& t : type_lists[static_cast<std::size_t>(ip->X)])
            if (is_instance(v, *t)) any = true;
          stack.emplace_back(any);
        }
        TJIT_NEXT;
        TJIT_CASE(CALL) {
          const std::string& qualname = callees[static_cast<std::size_t>(ip->X)];
          Function* f = cu ? cu->find_function(qualname) : nullptr;
          if (!f && cu) f = cu->find_function("__torch__." + qualname);
          TJIT_CHECK(f, "function '", qualname, "' is not defined in this compilation unit");
          f->run(stack);
        }
        TJIT_NEXT;
        TJIT_CASE(CALL_METHOD) {
          const std::string& method = strings[static_cast<std::size_t>(ip->X)];
          const IValue& self = at(ip->N);
          const Object& obj = self.toObjectRef();
          Function* f = cu ? cu->find_method(obj.type(), method) : nullptr;
          TJIT_CHECK(f, "'", obj.type()->annotation_str(), "' object has no method '", method,
                     "'");
          f->run(stack);
        }
        TJIT_NEXT;
        TJIT_CASE(FORK) {
          const Code* child = forks[static_cast<std::size_t>(ip->X)].get();
          auto args = std::make_shared<Stack>(std::make_move_iterator(stack.end() - ip->N),
                                              std::make_move_iterator(stack.end()));
          stack.resize(stack.size() - ip->N);
          TypePtr out = child->graph()->outputs()[0]->type();
          stack.emplace_back(fork_ivalue(out, [child, args]() {
            child->run(*args);
            return std::move(args->back());
          }));
        }
        TJIT_NEXT;
        TJIT_CASE(WAIT) {
          FuturePtr f = stack.back().toFuture();
          stack.pop_back();
          stack.push_back(f->wait());
        }
        TJIT_NEXT;
        TJIT_CASE(RAISE) {
          IValue cls = std::move(stack.back());
          stack.pop_back();
          IValue msg = std::move(stack.back());
          stack.pop_back();
          detail::throw_raised(msg, cls);
        }
        TJIT_CASE(PRINT) {
          std::ostringstream line;
          for (std::size_t j = ip->N; j > 0; --j) line << (j == ip->N ? "" : " ") << at(j);
          stack.resize(stack.size() - ip->N);
          line << "\n";
          std::cout << line.str() << std::flush;
        }
        TJIT_NEXT;
        TJIT_CASE(UNINIT) stack.push_back(IValue::uninitialized()); TJIT_NEXT;
        TJIT_CASE(CHECK_NONE)
          TJIT_CHECK(!stack.back().isNone(), strings[static_cast<std::size_t>(ip->X)]);
          TJIT_NEXT;
        TJIT_CASE(ENTER)
        TJIT_CASE(EXIT) {
          IValue ctx = std::move(stack.back());
          stack.pop_back();
          detail::enter_context(ctx, ip->op == OpCode::ENTER, saved_grad);
          for (std::uint32_t k = 0; k < ip->N; ++k) stack.emplace_back();
        }
        TJIT_NEXT;
      }
#if !TJIT_THREADED_DISPATCH
      ++pc;
#endif
    }
#undef TJIT_CASE
#undef TJIT_JUMP
#undef TJIT_NEXT
  } catch (Error& e) {
    while (!saved_grad.empty()) {
      set_grad_enabled(saved_grad.front());
      saved_grad.clear();
    }
    const ir::Node* n = pc < instruction_nodes.size() ? instruction_nodes[pc] : nullptr;
    if (n && !n->sourceRange().empty_sentinel()) {
      std::ostringstream frame;
      n->sourceRange().print_with_context(frame, SourceRange::kContext, true, name);
      e.add_script_frame(frame.str());
    }
    throw;
  } catch (const std::exception& e) {
    // Not a tjit error (e.g. std::bad_alloc from a kernel): report it the same way.
    Error err(e.what());
    const ir::Node* n = pc < instruction_nodes.size() ? instruction_nodes[pc] : nullptr;
    if (n && !n->sourceRange().empty_sentinel()) {
      std::ostringstream frame;
      n->sourceRange().print_with_context(frame, SourceRange::kContext, true, name);
      err.add_script_frame(frame.str());
    }
    throw err;
  }
}

}  // namespace tjit::runtime
