// tjit/ir/graph.hpp — the IR: Graph, Block, Node, Value, as in PyTorch's torch/csrc/jit/ir/ir.h.
//
// A Graph owns every Node, Value and Block in it; everything else holds raw pointers, valid
// until the graph is destroyed or the object is destroyed through the graph's API. Values are in
// SSA form and keep use lists; node kinds are Symbols (`aten::add`, `prim::If`). Control flow is
// structured: `prim::If` and `prim::Loop` nodes own Blocks, each with a sentinel param node (the
// block's inputs are its outputs) and a sentinel return node (the block's outputs are its
// inputs). `prim::fork` keeps its body as a Graph attribute (`attr::Subgraph`).
//
// `Graph::str()` prints exactly what PyTorch 1.13's `str(graph)` prints (see Note [Printing]).
// Builds on ir/symbol.hpp, ir/type.hpp, ir/literal.hpp and core/source_range.hpp.
#pragma once

#include <algorithm>
#include <complex>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/source_range.hpp"
#include "tjit/ir/detail/text.hpp"
#include "tjit/ir/literal.hpp"
#include "tjit/ir/symbol.hpp"
#include "tjit/ir/type.hpp"

namespace tjit::ir {

class Graph;
class Block;
class Node;
class Value;

// One use of a value: input number `offset` of node `user`.
struct Use {
  Node* user;
  std::size_t offset;
  bool operator==(const Use& o) const { return user == o.user && offset == o.offset; }
};

// The kinds of node attributes, PyTorch's AttributeKind: float(s), complex(es), int(s),
// string(s), tensor(s), graph(s), type(s), and `ival` for any other constant (a Literal).
enum class AttributeKind { f, fs, c, cs, i, is, s, ss, t, ts, g, gs, ty, tys, ival };

inline const char* toString(AttributeKind k) {
  static const char* names[] = {"f", "fs", "c", "cs", "i", "is", "s", "ss",
                                "t", "ts", "g", "gs", "ty", "tys", "ival"};
  return names[static_cast<int>(k)];
}

using GraphPtr = std::shared_ptr<Graph>;

// An attribute's value; the variant's alternatives are in AttributeKind's order.
using AttributeValue =
    std::variant<double, std::vector<double>, std::complex<double>,
                 std::vector<std::complex<double>>, std::int64_t, std::vector<std::int64_t>,
                 std::string, std::vector<std::string>, TensorConstant,
                 std::vector<TensorConstant>, GraphPtr, std::vector<GraphPtr>, TypePtr,
                 std::vector<TypePtr>, Literal>;

// ---- Value --------------------------------------------------------------------------------------

class Value {
 public:
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  Node* node() { return node_; }
  const Node* node() const { return node_; }
  std::size_t offset() const { return offset_; }
  std::size_t unique() const { return unique_; }
  inline Graph* owningGraph();
  inline const Graph* owningGraph() const;

  const TypePtr& type() const { return type_; }
  Value* setType(TypePtr type) {
    TJIT_CHECK(type != nullptr, "setType(nullptr)");
    type_ = std::move(type);
    return this;
  }

  const std::vector<Use>& uses() const { return uses_; }
  bool hasUses() const { return !uses_.empty(); }

  // Debug names. See Note [Value names].
  bool hasDebugName() const { return !unique_name_.empty(); }
  std::string debugName() const {
    return hasDebugName() ? unique_name_ : std::to_string(unique_);
  }
  // The name without a numeric `.N` suffix: `x` for `x.3`.
  std::string debugNameBase() const {
    std::string name = debugName();
    auto dot = name.find_last_of('.');
    if (dot != std::string::npos && dot + 1 != name.size() &&
        name.find_first_not_of("0123456789", dot + 1) == std::string::npos)
      return name.substr(0, dot);
    return name;
  }
  static bool isValidName(std::string_view name) {
    return name.empty() || name.find_first_not_of("0123456789") != std::string_view::npos;
  }
  inline Value* setDebugName(const std::string& name);

  Value* copyMetadata(Value* from) {
    setType(from->type());
    if (from->hasDebugName()) setDebugName(from->debugName());
    return this;
  }

  inline void replaceFirstUseWith(Value* v);
  inline void replaceAllUsesWith(Value* v);
  inline void replaceAllUsesAfterNodeWith(const Node* node, Value* v);

 private:
  friend class Node;
  friend class Graph;
  friend class Block;
  friend class GraphAccess;
  Value(Node* node, std::size_t offset, std::size_t unique)
      : node_(node), offset_(offset), unique_(unique), type_(Type::Tensor()) {}

  Node* node_;
  std::size_t offset_;
  std::size_t unique_;
  TypePtr type_;
  std::string unique_name_;
  std::vector<Use> uses_;
};

// ---- Node ---------------------------------------------------------------------------------------

class Node {
 public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Symbol kind() const { return kind_; }
  Graph* owningGraph() { return graph_; }
  const Graph* owningGraph() const { return graph_; }
  Block* owningBlock() { return owning_block_; }
  const Block* owningBlock() const { return owning_block_; }

  const std::vector<Value*>& inputs() const { return inputs_; }
  const std::vector<Value*>& outputs() const { return outputs_; }
  Value* input(std::size_t i) const {
    TJIT_CHECK(i < inputs_.size(), "node ", kind_, " has no input ", i);
    return inputs_[i];
  }
  Value* input() const {
    TJIT_CHECK(inputs_.size() == 1, "node ", kind_, " has ", inputs_.size(), " inputs, not 1");
    return inputs_[0];
  }
  Value* output(std::size_t i) const {
    TJIT_CHECK(i < outputs_.size(), "node ", kind_, " has no output ", i);
    return outputs_[i];
  }
  Value* output() const {
    TJIT_CHECK(outputs_.size() == 1, "node ", kind_, " has ", outputs_.size(),
               " outputs, not 1");
    return outputs_[0];
  }
  bool hasUses() const {
    return std::any_of(outputs_.begin(), outputs_.end(), [](Value* v) { return v->hasUses(); });
  }

  Value* addInput(Value* v) {
    check_same_graph(v);
    v->uses_.push_back(Use{this, inputs_.size()});
    inputs_.push_back(v);
    return v;
  }
  Value* insertInput(std::size_t i, Value* v) {
    check_same_graph(v);
    TJIT_CHECK(i <= inputs_.size(), "insertInput: index ", i, " out of range");
    for (std::size_t j = inputs_.size(); j-- > i;) find_use(inputs_[j], j)->offset += 1;
    inputs_.insert(inputs_.begin() + static_cast<std::ptrdiff_t>(i), v);
    v->uses_.push_back(Use{this, i});
    return v;
  }
  Value* replaceInput(std::size_t i, Value* v) {
    check_same_graph(v);
    TJIT_CHECK(i < inputs_.size(), "replaceInput: index ", i, " out of range");
    Value* old = drop_input(i);
    inputs_[i] = v;
    v->uses_.push_back(Use{this, i});
    return old;
  }
  void replaceInputWith(Value* from, Value* to) {
    for (std::size_t i = 0; i < inputs_.size(); ++i)
      if (inputs_[i] == from) replaceInput(i, to);
  }
  void removeInput(std::size_t i) {
    TJIT_CHECK(i < inputs_.size(), "removeInput: index ", i, " out of range");
    drop_input(i);
    for (std::size_t j = i + 1; j < inputs_.size(); ++j) find_use(inputs_[j], j)->offset -= 1;
    inputs_.erase(inputs_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  void removeAllInputs() {
    for (std::size_t i = 0; i < inputs_.size(); ++i) drop_input(i);
    inputs_.clear();
  }

  inline Value* addOutput();
  inline Value* insertOutput(std::size_t i);
  void eraseOutput(std::size_t i) {
    TJIT_CHECK(i < outputs_.size(), "eraseOutput: index ", i, " out of range");
    Value* v = outputs_[i];
    TJIT_CHECK(!v->hasUses(), "cannot erase output %", v->debugName(), " of ", kind_,
               ": it still has uses");
    outputs_.erase(outputs_.begin() + static_cast<std::ptrdiff_t>(i));
    for (std::size_t j = i; j < outputs_.size(); ++j) outputs_[j]->offset_ = j;
    free_value(v);
  }

  // Reorders the outputs: output i becomes outputs[new_order[i]] (values keep their uses).
  void permuteOutputs(const std::vector<std::size_t>& new_order) {
    TJIT_CHECK(new_order.size() == outputs_.size(), "permuteOutputs: wrong number of indices");
    std::vector<Value*> permuted;
    for (std::size_t i : new_order) permuted.push_back(outputs_.at(i));
    outputs_ = std::move(permuted);
    for (std::size_t j = 0; j < outputs_.size(); ++j) outputs_[j]->offset_ = j;
  }

  const std::vector<Block*>& blocks() const { return blocks_; }
  inline Block* addBlock();
  inline void eraseBlock(std::size_t i);

  // Position in the block's list of nodes.
  Node* next() { return next_; }
  Node* prev() { return prev_; }
  const Node* next() const { return next_; }
  const Node* prev() const { return prev_; }
  bool inBlockList() const { return next_ != nullptr; }
  inline bool isBefore(const Node* n) const;
  inline bool isAfter(const Node* n) const;

  // Places this (not yet inserted) node before/after n, in n's block.
  inline Node* insertBefore(Node* n);
  inline Node* insertAfter(Node* n);
  // Moves this (inserted) node before/after n, possibly to another block.
  void moveBefore(Node* n) {
    remove_from_list();
    insertBefore(n);
  }
  void moveAfter(Node* n) {
    remove_from_list();
    insertAfter(n);
  }
  // Removes the node from its block and deletes it; its outputs must have no uses left.
  inline void destroy();

  // ---- attributes: see Note [Attributes] ---------------------------------------------------
  bool hasAttribute(Symbol name) const { return find_attr(name) != attrs_.end(); }
  bool hasAttributes() const { return !attrs_.empty(); }
  std::size_t numAttributes() const { return attrs_.size(); }
  std::vector<Symbol> attributeNames() const {
    std::vector<Symbol> names;
    for (auto& a : attrs_) names.push_back(a.first);
    return names;
  }
  AttributeKind kindOf(Symbol name) const {
    return static_cast<AttributeKind>(get_attr(name).index());
  }
  Node* removeAttribute(Symbol name) {
    auto it = find_attr(name);
    TJIT_CHECK(it != attrs_.end(), "node ", kind_, " has no attribute ", name);
    attrs_.erase(it);
    return this;
  }
  const AttributeValue& attribute(Symbol name) const { return get_attr(name); }
  Node* setAttribute(Symbol name, AttributeValue v) {
    TJIT_CHECK(name.is_attr(), "attribute names are attr:: symbols, got ", name);
    auto it = find_attr(name);
    if (it != attrs_.end()) {
      it->second = std::move(v);
    } else {
      attrs_.emplace_back(name, std::move(v));
    }
    return this;
  }

#define TJIT_ATTR_ACCESSOR(method, Kind, T)                                              \
  Node* method##_(Symbol name, T v) {                                                    \
    return setAttribute(name, AttributeValue(std::in_place_index<static_cast<std::size_t>( \
                                                 AttributeKind::Kind)>,                  \
                                             std::move(v)));                             \
  }                                                                                      \
  const T& method(Symbol name) const {                                                   \
    const auto& a = get_attr(name);                                                      \
    TJIT_CHECK(a.index() == static_cast<std::size_t>(AttributeKind::Kind), "attribute ", \
               name.toUnqualString(), " of ", kind_, " is of kind ",                     \
               toString(static_cast<AttributeKind>(a.index())), ", not " #Kind);         \
    return std::get<static_cast<std::size_t>(AttributeKind::Kind)>(a);                   \
  }
  TJIT_ATTR_ACCESSOR(f, f, double)
  TJIT_ATTR_ACCESSOR(fs, fs, std::vector<double>)
  TJIT_ATTR_ACCESSOR(c, c, std::complex<double>)
  TJIT_ATTR_ACCESSOR(cs, cs, std::vector<std::complex<double>>)
  TJIT_ATTR_ACCESSOR(i, i, std::int64_t)
  TJIT_ATTR_ACCESSOR(is, is, std::vector<std::int64_t>)
  TJIT_ATTR_ACCESSOR(s, s, std::string)
  TJIT_ATTR_ACCESSOR(ss, ss, std::vector<std::string>)
  TJIT_ATTR_ACCESSOR(t, t, TensorConstant)
  TJIT_ATTR_ACCESSOR(ts, ts, std::vector<TensorConstant>)
  TJIT_ATTR_ACCESSOR(g, g, GraphPtr)
  TJIT_ATTR_ACCESSOR(gs, gs, std::vector<GraphPtr>)
  TJIT_ATTR_ACCESSOR(ty, ty, TypePtr)
  TJIT_ATTR_ACCESSOR(tys, tys, std::vector<TypePtr>)
  TJIT_ATTR_ACCESSOR(ival, ival, Literal)
#undef TJIT_ATTR_ACCESSOR

  // For prim::Constant: its value as a Literal (nullopt for other nodes). Bool constants are
  // stored as ints, as PyTorch stores them, and read back through the output type.
  inline std::optional<Literal> constantValue() const;

  // ---- source ranges -------------------------------------------------------------------------
  const SourceRange& sourceRange() const { return source_range_; }
  Node* setSourceRange(SourceRange r) {
    source_range_ = std::move(r);
    return this;
  }

  // Prints this node (and its blocks) as a line of graph text; see Note [Printing].
  inline std::ostream& print(std::ostream& out, std::size_t level,
                             std::vector<const Node*>* groups,
                             bool print_source_locations = true) const;
  std::string str() const {
    std::ostringstream s;
    print(s, 0, nullptr);
    return std::move(s).str();
  }

 private:
  friend class Graph;
  friend class Block;
  friend class Value;
  friend class GraphAccess;
  Node(Graph* graph, Symbol kind) : kind_(kind), graph_(graph) {}

  using AttrList = std::vector<std::pair<Symbol, AttributeValue>>;
  AttrList::const_iterator find_attr(Symbol name) const {
    return std::find_if(attrs_.begin(), attrs_.end(),
                        [&](const auto& a) { return a.first == name; });
  }
  AttrList::iterator find_attr(Symbol name) {
    return std::find_if(attrs_.begin(), attrs_.end(),
                        [&](const auto& a) { return a.first == name; });
  }
  const AttributeValue& get_attr(Symbol name) const {
    auto it = find_attr(name);
    TJIT_CHECK(it != attrs_.end(), "node ", kind_, " has no attribute ", name.toUnqualString());
    return it->second;
  }

  inline void check_same_graph(Value* v) const;
  // This node's use of v at input `offset`.
  std::vector<Use>::iterator find_use(Value* v, std::size_t offset);
  Value* drop_input(std::size_t i) {
    Value* v = inputs_[i];
    auto it = find_use(v, i);
    v->uses_.erase(it);
    inputs_[i] = nullptr;
    return v;
  }
  inline void free_value(Value* v);
  inline void remove_from_list();
  inline void assign_topo_position();
  inline void print_attributes(std::ostream& out, bool ignore_subgraph) const;

  Symbol kind_;
  Graph* graph_;
  Block* owning_block_ = nullptr;
  Node* next_ = nullptr;
  Node* prev_ = nullptr;
  std::int64_t topo_position_ = 0;
  std::vector<Value*> inputs_;
  std::vector<Value*> outputs_;
  std::vector<Block*> blocks_;
  AttrList attrs_;
  SourceRange source_range_;
};

inline std::vector<Use>::iterator Node::find_use(Value* v, std::size_t offset) {
  auto it = std::find(v->uses_.begin(), v->uses_.end(), Use{this, offset});
  TJIT_CHECK(it != v->uses_.end(), "use list of %", v->debugName(), " is inconsistent");
  return it;
}

// A range over the nodes of a block, in order (begin() to end()) or reverse.
class NodeList {
 public:
  class iterator {
   public:
    using value_type = Node*;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(Node* n, bool reverse) : n_(n), reverse_(reverse) {}
    Node* operator*() const { return n_; }
    iterator& operator++() {
      n_ = reverse_ ? n_->prev() : n_->next();
      return *this;
    }
    iterator operator++(int) {
      auto r = *this;
      ++*this;
      return r;
    }
    bool operator==(const iterator& o) const { return n_ == o.n_; }
    bool operator!=(const iterator& o) const { return n_ != o.n_; }

   private:
    Node* n_ = nullptr;
    bool reverse_ = false;
  };
  NodeList(Node* first, Node* sentinel, bool reverse)
      : first_(first), sentinel_(sentinel), reverse_(reverse) {}
  iterator begin() const { return iterator(first_, reverse_); }
  iterator end() const { return iterator(sentinel_, reverse_); }
  bool empty() const { return first_ == sentinel_; }
  Node* front() const { return first_; }
  NodeList reverse() const {
    return reverse_ ? NodeList(sentinel_->next(), sentinel_, false)
                    : NodeList(sentinel_->prev(), sentinel_, true);
  }

 private:
  Node* first_;
  Node* sentinel_;
  bool reverse_;
};

// ---- Block --------------------------------------------------------------------------------------

class Block {
 public:
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  const std::vector<Value*>& inputs() const { return param_->outputs(); }
  const std::vector<Value*>& outputs() const { return return_->inputs(); }
  NodeList nodes() const { return NodeList(param_->next_, return_, false); }
  Node* param_node() { return param_; }
  Node* return_node() { return return_; }
  const Node* param_node() const { return param_; }
  const Node* return_node() const { return return_; }
  Node* owningNode() { return owning_node_; }
  const Node* owningNode() const { return owning_node_; }
  Graph* owningGraph() { return graph_; }
  const Graph* owningGraph() const { return graph_; }

  Value* addInput(const std::string& name = "") {
    Value* v = param_->addOutput();
    if (!name.empty()) v->setDebugName(name);
    return v;
  }
  Value* insertInput(std::size_t i, const std::string& name = "") {
    Value* v = param_->insertOutput(i);
    if (!name.empty()) v->setDebugName(name);
    return v;
  }
  void eraseInput(std::size_t i) { param_->eraseOutput(i); }
  std::size_t registerOutput(Value* v) {
    return_->addInput(v);
    return return_->inputs().size() - 1;
  }
  void insertOutput(std::size_t i, Value* v) { return_->insertInput(i, v); }
  void eraseOutput(std::size_t i) { return_->removeInput(i); }

  Node* appendNode(Node* n) { return n->insertBefore(return_); }
  Node* prependNode(Node* n) { return n->insertAfter(param_); }

  // Copies src's inputs, nodes and outputs into this (empty) block; values defined outside src
  // are mapped through value_map.
  inline void cloneFrom(Block* src, const std::function<Value*(Value*)>& value_map);

 private:
  friend class Graph;
  friend class Node;
  inline Block(Graph* graph, Node* owning_node);
  inline void destroy();
  inline void reindex_topology();

  Graph* graph_;
  Node* param_;
  Node* return_;
  Node* owning_node_;
};

// ---- Graph --------------------------------------------------------------------------------------

class Graph : public std::enable_shared_from_this<Graph> {
 public:
  inline Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  ~Graph() {
    for (Node* n : all_nodes_) {
      for (Value* v : n->outputs_) delete v;
      delete n;
    }
    for (Block* b : all_blocks_) delete b;
  }

  Block* block() { return block_; }
  const Block* block() const { return block_; }
  const std::vector<Value*>& inputs() const { return block_->inputs(); }
  const std::vector<Value*>& outputs() const { return block_->outputs(); }
  NodeList nodes() const { return block_->nodes(); }
  Node* param_node() { return block_->param_node(); }
  Node* return_node() { return block_->return_node(); }

  Value* addInput(const std::string& name = "") { return block_->addInput(name); }
  Value* insertInput(std::size_t i, const std::string& name = "") {
    return block_->insertInput(i, name);
  }
  void eraseInput(std::size_t i) { block_->eraseInput(i); }
  std::size_t registerOutput(Value* v) { return block_->registerOutput(v); }
  void eraseOutput(std::size_t i) { block_->eraseOutput(i); }

  // A new node, not yet in any block (insert it with insertNode/appendNode/insertBefore...).
  Node* create(Symbol kind, std::size_t num_outputs = 1) {
    Node* n = new Node(this, kind);
    all_nodes_.insert(n);
    for (std::size_t i = 0; i < num_outputs; ++i) n->addOutput();
    return n;
  }
  Node* create(Symbol kind, const std::vector<Value*>& inputs, std::size_t num_outputs = 1) {
    Node* n = create(kind, num_outputs);
    for (Value* v : inputs) n->addInput(v);
    return n;
  }
  // A copy of n (kind, attributes, source range, output types and names, blocks) whose inputs
  // are value_map(n's inputs).
  inline Node* createClone(Node* n, const std::function<Value*(Value*)>& value_map,
                           bool copy_blocks = true);

  Node* appendNode(Node* n) { return block_->appendNode(n); }
  Node* prependNode(Node* n) { return block_->prependNode(n); }

  // The insertion point: new nodes go before it (by default, before the graph's return node).
  Node* insertPoint() const { return insert_before_; }
  void setInsertPoint(Node* n) {
    TJIT_CHECK(n->owningGraph() == this && n->inBlockList(),
               "insertion point must be a node of this graph");
    insert_before_ = n;
  }
  void setInsertPoint(Block* b) { setInsertPoint(b->return_node()); }
  Node* insertNode(Node* n) { return n->insertBefore(insert_before_); }
  // create + insertNode, with the inputs given.
  Node* insertNodeOf(Symbol kind, const std::vector<Value*>& inputs, std::size_t num_outputs = 1) {
    return insertNode(create(kind, inputs, num_outputs));
  }

  // Inserts `prim::Constant` with value v at the insertion point (as PyTorch stores each kind of
  // constant); `type` overrides the inferred output type (needed for empty lists).
  inline Value* insertConstant(const Literal& v, TypePtr type = nullptr,
                               std::optional<SourceRange> range = std::nullopt);
  // A prim::Constant node (not inserted).
  inline Node* createConstant(const Literal& v, TypePtr type = nullptr);
  Node* createNone() { return createConstant(Literal()); }

  // Nodes of the common prim ops with their output types set (none is inserted):
  // `(a, b)`; a NamedTuple when `tuple_type` is one.
  Node* createTuple(const std::vector<Value*>& values, TypePtr tuple_type = nullptr) {
    Node* n = create(prim::TupleConstruct, values);
    if (!tuple_type) {
      std::vector<TypePtr> types;
      for (Value* v : values) types.push_back(v->type());
      tuple_type = Type::Tuple(std::move(types));
    }
    n->output()->setType(std::move(tuple_type));
    return n;
  }
  Node* createTupleUnpack(Value* tup) {
    TJIT_CHECK(tup->type()->kind() == TypeKind::TupleType, "TupleUnpack of a ",
               tup->type()->str());
    const auto& elems = tup->type()->elements();
    Node* n = create(prim::TupleUnpack, {tup}, elems.size());
    for (std::size_t i = 0; i < elems.size(); ++i) n->output(i)->setType(elems[i]);
    return n;
  }
  Node* createTupleIndex(Value* tup, Value* idx, TypePtr output_type) {
    Node* n = create(prim::TupleIndex, {tup, idx});
    n->output()->setType(std::move(output_type));
    return n;
  }
  Node* createList(const TypePtr& elem_type, const std::vector<Value*>& values) {
    for (Value* v : values)
      TJIT_CHECK(v->type()->isSubtypeOf(*elem_type), "ListConstruct: %", v->debugName(),
                 " of type ", v->type()->str(), " is not a ", elem_type->str());
    Node* n = create(prim::ListConstruct, values);
    n->output()->setType(Type::List(elem_type));
    return n;
  }
  Node* createListUnpack(Value* list, std::size_t size) {
    TJIT_CHECK(list->type()->kind() == TypeKind::ListType, "ListUnpack of a ",
               list->type()->str());
    Node* n = create(prim::ListUnpack, {list}, size);
    for (Value* o : n->outputs()) o->setType(list->type()->getElementType());
    return n;
  }
  Node* createDict(const TypePtr& key_type, const TypePtr& value_type,
                   const std::vector<Value*>& keys, const std::vector<Value*>& values) {
    TJIT_CHECK(keys.size() == values.size(), "DictConstruct needs as many keys as values");
    Node* n = create(prim::DictConstruct, 1);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      n->addInput(keys[i]);
      n->addInput(values[i]);
    }
    n->output()->setType(Type::Dict(key_type, value_type));
    return n;
  }
  Node* createGetAttr(Value* obj, const std::string& field) {
    const auto& t = obj->type();
    TJIT_CHECK(t->kind() == TypeKind::ClassType && t->classInfo(), "GetAttr on a ", t->str());
    auto slot = t->classInfo()->findAttributeSlot(field);
    TJIT_CHECK(slot, t->str(), " has no attribute '", field, "'");
    Node* n = create(prim::GetAttr, {obj});
    n->s_(attr::name, field);
    n->output()->setType(t->classInfo()->attributes[*slot].type);
    return n;
  }
  Node* createSetAttr(Value* obj, const std::string& field, Value* v) {
    Node* n = create(prim::SetAttr, {obj, v}, 0);
    n->s_(attr::name, field);
    return n;
  }
  Node* createUninitialized(TypePtr type) {
    Node* n = create(prim::Uninitialized);
    n->output()->setType(std::move(type));
    return n;
  }
  // `prim::fork` running `subgraph` on `inputs`; its output is a Future of the subgraph's.
  Node* createFork(GraphPtr subgraph, const std::vector<Value*>& inputs) {
    TJIT_CHECK(subgraph && subgraph->outputs().size() == 1,
               "a forked subgraph returns exactly one value");
    Node* n = create(prim::fork, inputs);
    n->output()->setType(Type::Future(subgraph->outputs()[0]->type()));
    n->g_(attr::Subgraph, std::move(subgraph));
    return n;
  }

  // A deep copy (values renumbered from 0, names kept).
  std::shared_ptr<Graph> copy() const {
    auto g = std::make_shared<Graph>();
    g->cloneFrom(*this);
    return g;
  }
  inline void cloneFrom(const Graph& src);

  // Checks the invariants (see Note [Invariants]); throws tjit::Error naming the first violated.
  inline void lint() const;

  // The text PyTorch prints for str(graph). See Note [Printing].
  inline std::ostream& print(std::ostream& out, bool print_source_locations = true) const;
  std::string toString(bool print_source_locations = true) const {
    std::ostringstream s;
    print(s, print_source_locations);
    return std::move(s).str();
  }
  std::string str(bool print_source_locations = true) const {
    return toString(print_source_locations);
  }

  std::size_t numValuesCreated() const { return next_unique_; }

 private:
  friend class Node;
  friend class Value;
  friend class Block;
  friend class GraphAccess;

  Block* new_block(Node* owner) {
    Block* b = new Block(this, owner);
    all_blocks_.insert(b);
    return b;
  }

  std::unordered_set<Node*> all_nodes_;
  std::unordered_set<Block*> all_blocks_;
  std::size_t next_unique_ = 0;
  std::unordered_map<std::string, Value*> unique_names_;
  std::unordered_map<std::string, std::size_t> name_base_suffix_;
  Block* block_ = nullptr;
  Node* insert_before_ = nullptr;
};

// For parsers: lets them choose value numbers (see Note [Round trip of value numbers]).
class GraphAccess {
 public:
  static void set_next_unique(Graph& g, std::size_t n) { g.next_unique_ = n; }
  static void set_unique(Value* v, std::size_t n) { v->unique_ = n; }
  static void set_kind(Node* n, Symbol kind) { n->kind_ = kind; }
};

// RAII: sets the graph's insertion point, restores the previous one on exit.
class WithInsertPoint {
 public:
  explicit WithInsertPoint(Node* n) : graph_(n->owningGraph()), prev_(graph_->insertPoint()) {
    graph_->setInsertPoint(n);
  }
  explicit WithInsertPoint(Block* b) : WithInsertPoint(b->return_node()) {}
  ~WithInsertPoint() { graph_->setInsertPoint(prev_); }
  WithInsertPoint(const WithInsertPoint&) = delete;
  WithInsertPoint& operator=(const WithInsertPoint&) = delete;

 private:
  Graph* graph_;
  Node* prev_;
};

// Copies `callee`'s body into g at its insertion point with callee's inputs bound to `inputs`;
// returns the values standing for callee's outputs.
inline std::vector<Value*> insertGraph(Graph& g, const Graph& callee,
                                       const std::vector<Value*>& inputs);
// Replaces a call node (`prim::CallFunction`, whose first input is the function, or any node
// whose inputs are the callee's inputs) with callee's body; returns the new outputs.
inline std::vector<Value*> inlineCallTo(Node* call, const Graph& callee);

// ================================================================================================
// Implementation
// ================================================================================================

// Note [Value names]
// A value prints as `%` + its debug name, or `%` + its unique number when it has none. Names are
// unique within a graph: giving a value a name another value holds renames that other value to
// `base.N` — base is the name without a numeric suffix, N the first free number not below the
// name's own suffix and above every suffix handed out for that base before. This is how
// scripting produces `%x.1`, `%x.5`, ... and the printer never invents names.
inline Value* Value::setDebugName(const std::string& name) {
  TJIT_CHECK(isValidName(name), "invalid value name '", name, "': names cannot be numbers");
  auto& names = owningGraph()->unique_names_;
  if (hasDebugName()) {
    names.erase(unique_name_);
    unique_name_.clear();
  }
  if (name.empty()) return this;
  auto old_owner = names.find(name);
  if (old_owner != names.end()) {
    std::size_t suffix = 1;
    std::string base = name;
    auto dot = name.find_last_of('.');
    if (dot != std::string::npos && dot + 1 != name.size() && name.size() - dot <= 18 &&
        name.find_first_not_of("0123456789", dot + 1) == std::string::npos) {
      suffix = std::stoull(name.substr(dot + 1));
      base = name.substr(0, dot);
    }
    auto& suffixes = owningGraph()->name_base_suffix_;
    auto it = suffixes.find(base);
    if (it != suffixes.end()) suffix = std::max(suffix, it->second + 1);
    std::string replacement;
    do {
      replacement = base + "." + std::to_string(suffix++);
    } while (names.count(replacement) > 0);
    suffixes[base] = suffix;
    old_owner->second->setDebugName(replacement);
  }
  names[name] = this;
  unique_name_ = name;
  return this;
}

inline Graph* Value::owningGraph() { return node_->owningGraph(); }
inline const Graph* Value::owningGraph() const { return node_->owningGraph(); }

inline void Value::replaceFirstUseWith(Value* v) {
  TJIT_CHECK(owningGraph() == v->owningGraph(), "replaceFirstUseWith: values of different graphs");
  TJIT_CHECK(!uses_.empty(), "replaceFirstUseWith: %", debugName(), " has no uses");
  Use u = uses_.front();
  u.user->inputs_[u.offset] = v;
  v->uses_.push_back(u);
  uses_.erase(uses_.begin());
}

inline void Value::replaceAllUsesWith(Value* v) {
  TJIT_CHECK(v != this, "replaceAllUsesWith: a value cannot replace itself");
  while (!uses_.empty()) replaceFirstUseWith(v);
}

inline void Value::replaceAllUsesAfterNodeWith(const Node* node, Value* v) {
  std::vector<Use> keep;
  for (const Use& u : uses_) {
    if (u.user->isAfter(node)) {
      u.user->inputs_[u.offset] = v;
      v->uses_.push_back(u);
    } else {
      keep.push_back(u);
    }
  }
  uses_ = std::move(keep);
}

inline void Node::check_same_graph(Value* v) const {
  TJIT_CHECK(v != nullptr, "null input to ", kind_);
  TJIT_CHECK(v->owningGraph() == graph_, "input %", v->debugName(), " of ", kind_,
             " belongs to another graph");
}

inline Value* Node::addOutput() {
  Value* v = new Value(this, outputs_.size(), graph_->next_unique_++);
  outputs_.push_back(v);
  return v;
}

inline Value* Node::insertOutput(std::size_t i) {
  TJIT_CHECK(i <= outputs_.size(), "insertOutput: index ", i, " out of range");
  Value* v = new Value(this, i, graph_->next_unique_++);
  outputs_.insert(outputs_.begin() + static_cast<std::ptrdiff_t>(i), v);
  for (std::size_t j = i + 1; j < outputs_.size(); ++j) outputs_[j]->offset_ = j;
  return v;
}

inline void Node::free_value(Value* v) {
  v->setDebugName("");
  delete v;
}

inline Block* Node::addBlock() {
  Block* b = graph_->new_block(this);
  blocks_.push_back(b);
  return b;
}

inline void Node::eraseBlock(std::size_t i) {
  TJIT_CHECK(i < blocks_.size(), "eraseBlock: index ", i, " out of range");
  Block* b = blocks_[i];
  blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(i));
  b->destroy();
}

inline bool Node::isBefore(const Node* n) const {
  if (this == n) return false;
  // Find the nodes that share a block, walking up from both.
  for (const Node* lhs = this; lhs; lhs = lhs->owning_block_ ? lhs->owning_block_->owningNode() : nullptr) {
    for (const Node* rhs = n; rhs; rhs = rhs->owning_block_ ? rhs->owning_block_->owningNode() : nullptr) {
      if (!rhs->owning_block_) break;
      if (lhs->owning_block_ == rhs->owning_block_) {
        if (lhs == rhs) return false;  // one contains the other
        return lhs->topo_position_ < rhs->topo_position_;
      }
    }
    if (!lhs->owning_block_) break;
  }
  TJIT_CHECK(false, "isBefore: nodes are not in a common block");
  return false;
}

inline bool Node::isAfter(const Node* n) const { return n->isBefore(this); }

inline Node* Node::insertBefore(Node* n) {
  TJIT_CHECK(!inBlockList(), "insertBefore: ", kind_, " is already in a block");
  TJIT_CHECK(n->inBlockList() && n->kind_ != prim::Param,
             "insertBefore: the target is not a node in a block");
  Node* prev = n->prev_;
  prev_ = prev;
  next_ = n;
  prev->next_ = this;
  n->prev_ = this;
  owning_block_ = n->owning_block_;
  assign_topo_position();
  return this;
}

inline Node* Node::insertAfter(Node* n) {
  TJIT_CHECK(n->inBlockList() && n->kind_ != prim::Return,
             "insertAfter: the target is not a node in a block");
  return insertBefore(n->next_);
}

inline void Node::remove_from_list() {
  TJIT_CHECK(inBlockList(), "node ", kind_, " is not in a block");
  if (graph_->insert_before_ == this) graph_->insert_before_ = next_;
  prev_->next_ = next_;
  next_->prev_ = prev_;
  next_ = prev_ = nullptr;
  owning_block_ = nullptr;
}

inline void Node::assign_topo_position() {
  constexpr std::int64_t kLower = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kUpper = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kAppendInterval = std::int64_t{1} << 40;
  std::int64_t lo = prev_->topo_position_, hi = next_->topo_position_;
  if (prev_->kind_ == prim::Param && prev_ == owning_block_->param_node()) lo = kLower;
  if (next_->kind_ == prim::Return && next_ == owning_block_->return_node()) hi = kUpper;
  if (lo == kLower && hi == kUpper) {
    topo_position_ = 0;
  } else if (hi == kUpper) {
    if (lo < kUpper - kAppendInterval) {
      topo_position_ = lo + kAppendInterval;
    } else {
      owning_block_->reindex_topology();
      return;
    }
  } else if (lo == kLower) {
    if (hi > kLower + kAppendInterval) {
      topo_position_ = hi - kAppendInterval;
    } else {
      owning_block_->reindex_topology();
      return;
    }
  } else {
    std::int64_t mid = lo / 2 + hi / 2;  // no overflow
    if (mid <= lo || mid >= hi) {
      owning_block_->reindex_topology();
      return;
    }
    topo_position_ = mid;
  }
}

inline void Node::destroy() {
  TJIT_CHECK(kind_ != prim::Param && kind_ != prim::Return,
             "cannot destroy a block's param or return node");
  for (Value* o : outputs_)
    TJIT_CHECK(!o->hasUses(), "cannot destroy ", kind_, ": output %", o->debugName(),
               " still has uses");
  if (inBlockList()) remove_from_list();
  removeAllInputs();
  while (!blocks_.empty()) eraseBlock(blocks_.size() - 1);
  for (Value* o : outputs_) free_value(o);
  outputs_.clear();
  graph_->all_nodes_.erase(this);
  delete this;
}

inline Block::Block(Graph* graph, Node* owning_node)
    : graph_(graph),
      param_(graph->create(prim::Param, 0)),
      return_(graph->create(prim::Return, 0)),
      owning_node_(owning_node) {
  param_->next_ = return_;
  param_->prev_ = return_;
  return_->next_ = param_;
  return_->prev_ = param_;
  param_->owning_block_ = this;
  return_->owning_block_ = this;
  param_->topo_position_ = std::numeric_limits<std::int64_t>::min();
  return_->topo_position_ = std::numeric_limits<std::int64_t>::max();
}

inline void Block::reindex_topology() {
  std::int64_t pos = std::numeric_limits<std::int64_t>::min();
  const std::int64_t step = std::int64_t{1} << 40;
  for (Node* n : nodes()) {
    TJIT_CHECK(pos <= std::numeric_limits<std::int64_t>::max() - 2 * step,
               "too many nodes in one block");
    pos += step;
    n->topo_position_ = pos;
  }
}

inline void Block::destroy() {
  // An insertion point inside this block would dangle: fall back to the end of the graph.
  if (graph_->insert_before_ && graph_->insert_before_->owning_block_ == this)
    graph_->insert_before_ = graph_->block_->return_node();
  return_->removeAllInputs();
  // Destroy nodes last to first, so uses disappear before their definitions.
  while (return_->prev_ != param_) return_->prev_->destroy();
  for (Node* s : {param_, return_}) {
    for (Value* o : s->outputs_) s->free_value(o);
    s->outputs_.clear();
    graph_->all_nodes_.erase(s);
    delete s;
  }
  graph_->all_blocks_.erase(this);
  delete this;
}

inline void Block::cloneFrom(Block* src, const std::function<Value*(Value*)>& value_map) {
  std::unordered_map<Value*, Value*> local;
  auto env = [&](Value* v) -> Value* {
    auto it = local.find(v);
    if (it != local.end()) return it->second;
    return value_map(v);
  };
  for (Value* in : src->inputs()) local[in] = addInput()->copyMetadata(in);
  for (Node* n : src->nodes()) {
    Node* c = appendNode(graph_->createClone(n, env));
    for (std::size_t i = 0; i < n->outputs().size(); ++i) local[n->outputs()[i]] = c->outputs()[i];
  }
  for (Value* out : src->outputs()) registerOutput(env(out));
}

inline Graph::Graph() {
  block_ = new_block(nullptr);
  insert_before_ = block_->return_node();
}

inline Node* Graph::createClone(Node* n, const std::function<Value*(Value*)>& value_map,
                                bool copy_blocks) {
  Node* r = create(n->kind(), 0);
  for (Value* o : n->outputs()) r->addOutput()->copyMetadata(o);
  for (auto& [name, value] : n->attrs_) {
    if (value.index() == static_cast<std::size_t>(AttributeKind::g)) {
      auto& sub = std::get<GraphPtr>(value);
      r->attrs_.emplace_back(name, AttributeValue(std::in_place_index<10>, sub ? sub->copy() : sub));
    } else {
      r->attrs_.emplace_back(name, value);
    }
  }
  r->source_range_ = n->source_range_;
  for (Value* in : n->inputs()) r->addInput(value_map(in));
  if (copy_blocks) {
    for (Block* b : n->blocks()) r->addBlock()->cloneFrom(b, value_map);
  }
  return r;
}

inline void Graph::cloneFrom(const Graph& src) {
  TJIT_CHECK(inputs().empty() && nodes().empty(), "cloneFrom: the target graph is not empty");
  auto env = [](Value* v) -> Value* {
    TJIT_CHECK(false, "Graph::copy() met a use of %", v->debugName(),
               " that is not in scope; run lint()");
    return nullptr;
  };
  block_->cloneFrom(const_cast<Graph&>(src).block_, env);
}

// Note [Attributes]
// A node's attributes keep the order they were set in (PyTorch prints them in that order). Each
// has a kind (AttributeKind) fixed by the setter used: `i_` for ints (and bools, which PyTorch
// stores as ints), `f_` floats, `s_` strings, `ty_` types, `g_` graphs (prim::fork's Subgraph),
// `t_` tensors (see Note [Tensor constants]) and `ival_` for any other constant, such as lists.
inline Node* Graph::createConstant(const Literal& v, TypePtr type) {
  Node* n = create(prim::Constant, 1);
  TypePtr inferred;
  switch (v.tag()) {
    case Literal::Tag::None:
      inferred = Type::None();
      break;
    case Literal::Tag::Bool:
      n->i_(attr::value, v.to_bool() ? 1 : 0);
      inferred = Type::Bool();
      break;
    case Literal::Tag::Int:
      n->i_(attr::value, v.to_int());
      inferred = Type::Int();
      break;
    case Literal::Tag::Double:
      n->f_(attr::value, v.to_double());
      inferred = Type::Float();
      break;
    case Literal::Tag::Complex:
      n->c_(attr::value, v.to_complex());
      inferred = Type::Complex();
      break;
    case Literal::Tag::String:
      n->s_(attr::value, v.to_string());
      inferred = Type::Str();
      break;
    case Literal::Tag::Device:
      n->s_(attr::value, v.to_device());
      inferred = Type::Device();
      break;
    case Literal::Tag::Tensor:
      n->t_(attr::value, v.to_tensor());
      inferred = Type::Tensor();
      break;
    case Literal::Tag::List: {
      n->ival_(attr::value, v);
      const auto& items = v.to_list();
      if (!items.empty()) {
        switch (items[0].tag()) {
          case Literal::Tag::Bool: inferred = Type::List(Type::Bool()); break;
          case Literal::Tag::Int: inferred = Type::List(Type::Int()); break;
          case Literal::Tag::Double: inferred = Type::List(Type::Float()); break;
          case Literal::Tag::Complex: inferred = Type::List(Type::Complex()); break;
          case Literal::Tag::String: inferred = Type::List(Type::Str()); break;
          case Literal::Tag::Tensor: inferred = Type::List(Type::Tensor()); break;
          default: break;
        }
      }
      break;
    }
    case Literal::Tag::Tuple: {
      n->ival_(attr::value, v);
      std::vector<TypePtr> elems;
      bool ok = true;
      for (auto& item : v.to_tuple()) {
        Graph tmp;
        Node* c = tmp.createConstant(item);
        if (!c->output()->type()) ok = false;
        elems.push_back(c->output()->type());
        c->destroy();
      }
      if (ok) inferred = Type::Tuple(std::move(elems));
      break;
    }
  }
  if (type) inferred = std::move(type);
  TJIT_CHECK(inferred != nullptr, "insertConstant: cannot infer the type of ", v.repr(),
             "; pass it explicitly");
  n->output()->setType(inferred);
  return n;
}

inline Value* Graph::insertConstant(const Literal& v, TypePtr type,
                                    std::optional<SourceRange> range) {
  Node* n = insertNode(createConstant(v, std::move(type)));
  if (range) n->setSourceRange(*range);
  return n->output();
}

inline std::optional<Literal> Node::constantValue() const {
  if (kind_ != prim::Constant || outputs_.size() != 1) return std::nullopt;
  const TypePtr& type = outputs_[0]->type();
  if (!hasAttribute(attr::value)) {
    return Literal();
  }
  const AttributeValue& a = get_attr(attr::value);
  switch (static_cast<AttributeKind>(a.index())) {
    case AttributeKind::i:
      if (type->kind() == TypeKind::BoolType) return Literal(std::get<std::int64_t>(a) != 0);
      return Literal(std::get<std::int64_t>(a));
    case AttributeKind::f: return Literal(std::get<double>(a));
    case AttributeKind::c: return Literal(std::get<std::complex<double>>(a));
    case AttributeKind::s:
      if (type->kind() == TypeKind::DeviceObjType) return Literal::device(std::get<std::string>(a));
      return Literal(std::get<std::string>(a));
    case AttributeKind::t: return Literal(std::get<TensorConstant>(a));
    case AttributeKind::ival: return std::get<Literal>(a);
    case AttributeKind::is: {
      std::vector<Literal> items;
      for (auto x : std::get<std::vector<std::int64_t>>(a)) items.emplace_back(x);
      return Literal::list(std::move(items));
    }
    case AttributeKind::fs: {
      std::vector<Literal> items;
      for (auto x : std::get<std::vector<double>>(a)) items.emplace_back(x);
      return Literal::list(std::move(items));
    }
    case AttributeKind::ss: {
      std::vector<Literal> items;
      for (auto& x : std::get<std::vector<std::string>>(a)) items.emplace_back(x);
      return Literal::list(std::move(items));
    }
    default: return std::nullopt;
  }
}

// Note [Printing]
// Graph text, byte for byte as PyTorch 1.13 prints it:
//   graph(%x.1 : Tensor,
//         %y : int):
//     %2 : int = prim::Constant[value=1]() # file.py:3:8
//     %z : int, %w : int = prim::If(%c)
//       block0():
//         -> (%a, %b)
//      = prim::RaiseException(%msg)
//     return (%z)
//   with prim::fork_0 = graph(...)
// Outputs are `%name : type` (the type as Type::str()), attributes `[name=value, ...]` in the
// order set, a node without outputs still prints ` = `, a `# file:line:col` comment follows
// each node whose source range has a file name. Nodes holding an `attr::Subgraph` print as
// `kind_N` and their graphs follow the main graph as `with kind_N = ...`. As in PyTorch, nodes
// inside blocks always print their source comments, whatever print_source_locations says.
namespace detail {

inline void print_value_list(std::ostream& out, const std::vector<Value*>& vs, bool types,
                             const char* delim = ", ") {
  for (std::size_t i = 0; i < vs.size(); ++i) {
    if (i > 0) out << delim;
    out << "%" << vs[i]->debugName();
    if (types) {
      out << " : ";
      vs[i]->type()->print_graph(out);
    }
  }
}

template <class T, class F>
void print_list(std::ostream& out, const std::vector<T>& items, F&& each) {
  out << "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out << ", ";
    each(items[i]);
  }
  out << "]";
}

inline void print_attribute_value(std::ostream& out, const AttributeValue& a) {
  switch (static_cast<AttributeKind>(a.index())) {
    case AttributeKind::f: print_double(out, std::get<0>(a)); break;
    case AttributeKind::fs:
      print_list(out, std::get<1>(a), [&](double d) { print_double(out, d); });
      break;
    case AttributeKind::c: Literal(std::get<2>(a)).repr(out); break;
    case AttributeKind::cs:
      print_list(out, std::get<3>(a), [&](std::complex<double> c) { Literal(c).repr(out); });
      break;
    case AttributeKind::i: out << std::get<4>(a); break;
    case AttributeKind::is:
      print_list(out, std::get<5>(a), [&](std::int64_t i) { out << i; });
      break;
    case AttributeKind::s: print_quoted_string(out, std::get<6>(a)); break;
    case AttributeKind::ss:
      print_list(out, std::get<7>(a), [&](const std::string& s) { print_quoted_string(out, s); });
      break;
    case AttributeKind::t: Literal(std::get<8>(a)).repr(out); break;
    case AttributeKind::ts: out << "[<Tensors>]"; break;
    case AttributeKind::g: out << "<Graph>"; break;
    case AttributeKind::gs: out << "[<Graphs>]"; break;
    case AttributeKind::ty: std::get<12>(a)->print_graph(out); break;
    case AttributeKind::tys:
      print_list(out, std::get<13>(a), [&](const TypePtr& t) { t->print_graph(out); });
      break;
    case AttributeKind::ival: std::get<14>(a).repr(out); break;
  }
}

inline void indent(std::ostream& out, std::size_t level) {
  for (std::size_t i = 0; i < level; ++i) out << "  ";
}

}  // namespace detail

inline void Node::print_attributes(std::ostream& out, bool ignore_subgraph) const {
  out << "[";
  int i = 0;
  for (auto& [name, value] : attrs_) {
    if (ignore_subgraph && name == attr::Subgraph) continue;
    if (i++ > 0) out << ", ";
    out << name.toUnqualString() << "=";
    detail::print_attribute_value(out, value);
  }
  out << "]";
}

inline std::ostream& Node::print(std::ostream& out, std::size_t level,
                                 std::vector<const Node*>* groups,
                                 bool print_source_locations) const {
  detail::indent(out, level);
  detail::print_value_list(out, outputs_, true);
  out << " = ";
  if (hasAttribute(attr::Subgraph) && groups) {
    out << kind_.toQualString() << "_" << groups->size();
    if (numAttributes() > 1) print_attributes(out, true);
    groups->push_back(this);
  } else {
    out << kind_.toQualString();
    if (hasAttributes()) print_attributes(out, false);
  }
  out << "(";
  detail::print_value_list(out, inputs_, false);
  out << ")";
  if (print_source_locations) {
    if (auto flc = source_range_.file_line_col()) {
      out << " # " << flc->filename << ":" << flc->line << ":" << flc->col;
    }
  }
  out << "\n";
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block* b = blocks_[i];
    detail::indent(out, level + 1);
    out << "block" << i << "(";
    detail::print_value_list(out, b->inputs(), true);
    out << "):\n";
    for (const Node* n : b->nodes()) n->print(out, level + 2, groups, true);
    detail::indent(out, level + 2);
    out << "-> (";
    detail::print_value_list(out, b->outputs(), false);
    out << ")\n";
  }
  return out;
}

inline std::ostream& Graph::print(std::ostream& out, bool print_source_locations) const {
  out << "graph(";
  detail::print_value_list(out, inputs(), true, ",\n      ");
  out << "):\n";
  std::vector<const Node*> groups;
  for (const Node* n : nodes()) n->print(out, 1, &groups, print_source_locations);
  out << "  return (";
  detail::print_value_list(out, outputs(), false);
  out << ")\n";
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const Node* fg = groups[i];
    out << "with " << fg->kind().toQualString() << "_" << i << " = ";
    const GraphPtr& sub = fg->g(attr::Subgraph);
    if (sub) {
      sub->print(out, true);
    } else {
      out << "<null graph>\n";
    }
  }
  return out;
}

inline std::ostream& operator<<(std::ostream& out, const Graph& g) { return g.print(out, true); }
inline std::ostream& operator<<(std::ostream& out, const Node& n) { return n.print(out, 0, nullptr); }

// Note [Invariants]
// lint() checks what every pass may rely on:
//  - each block's node list is doubly linked, starts after its param node, ends at its return
//    node, and topological positions increase along it;
//  - every input of a node is defined before it (earlier in its block or an enclosing block,
//    or a parameter of an enclosing block) — so the order is topological and values do not
//    escape their blocks;
//  - use lists and inputs agree exactly, uses point to live nodes;
//  - outputs know their node and offset; value numbers are unique and below the next number;
//  - names in the name table belong to live values that carry them;
//  - prim::Constant and param nodes have no inputs, return nodes no outputs.
inline void Graph::lint() const {
  std::unordered_set<const Value*> in_scope_all;
  std::vector<std::unordered_set<const Value*>> scopes;
  std::unordered_set<std::size_t> uniques;
  std::unordered_set<const Node*> seen_nodes;
  auto fail = [](const std::string& msg) { throw Error("Graph::lint(): " + msg); };
  auto in_scope = [&](const Value* v) {
    for (auto& s : scopes)
      if (s.count(v)) return true;
    return false;
  };
  auto define = [&](const Value* v, const Node* n, std::size_t offset) {
    if (v->node() != n || v->offset() != offset)
      fail("output %" + v->debugName() + " does not know its node or offset");
    if (!uniques.insert(v->unique()).second)
      fail("value number " + std::to_string(v->unique()) + " is used twice");
    if (v->unique() >= next_unique_) fail("value number beyond the graph's counter");
    if (v->hasDebugName()) {
      auto it = unique_names_.find(v->debugName());
      if (it == unique_names_.end() || it->second != v)
        fail("name table does not map '" + v->debugName() + "' to its value");
    }
    scopes.back().insert(v);
  };
  auto check_uses = [&](const Node* n) {
    for (std::size_t i = 0; i < n->inputs().size(); ++i) {
      const Value* v = n->inputs()[i];
      if (!in_scope(v))
        fail("input %" + v->debugName() + " of " + n->kind().toQualString() +
             " is not defined before it (or escapes its block)");
      auto it = std::find(v->uses().begin(), v->uses().end(), Use{const_cast<Node*>(n), i});
      if (it == v->uses().end())
        fail("%" + v->debugName() + " is an input of " + n->kind().toQualString() +
             " but has no matching use");
    }
  };
  std::function<void(const Block*)> check_block = [&](const Block* b) {
    scopes.emplace_back();
    const Node* param = b->param_node();
    if (param->kind() != prim::Param || !param->inputs().empty())
      fail("a block's param node is malformed");
    seen_nodes.insert(param);
    for (std::size_t i = 0; i < param->outputs().size(); ++i) define(param->outputs()[i], param, i);
    const Node* prev = param;
    std::int64_t last_pos = std::numeric_limits<std::int64_t>::min();
    for (const Node* n : b->nodes()) {
      if (n->prev() != prev) fail("node list links are inconsistent");
      if (n->owningBlock() != b) fail("a node does not know its block");
      if (n->kind() == prim::Param || n->kind() == prim::Return)
        fail("param/return node inside a block's node list");
      if (n->topo_position_ <= last_pos)
        fail("topological positions do not increase along a block");
      last_pos = n->topo_position_;
      if (!all_nodes_.count(const_cast<Node*>(n))) fail("a node not owned by the graph");
      if (!seen_nodes.insert(n).second) fail("a node appears twice");
      if (n->owningGraph() != this) fail("a node of another graph");
      check_uses(n);
      if (n->kind() == prim::Constant && !n->inputs().empty())
        fail("prim::Constant with inputs");
      for (const Block* sub : n->blocks()) {
        if (sub->owningNode() != n) fail("a block does not know its node");
        check_block(sub);
      }
      for (std::size_t i = 0; i < n->outputs().size(); ++i) define(n->outputs()[i], n, i);
      prev = n;
    }
    const Node* ret = b->return_node();
    if (ret->prev() != prev) fail("node list links are inconsistent at the return node");
    if (ret->kind() != prim::Return || !ret->outputs().empty())
      fail("a block's return node is malformed");
    seen_nodes.insert(ret);
    check_uses(ret);
    scopes.pop_back();
  };
  check_block(block_);
  // Every use must point at a live node that has the value at that input.
  std::function<void(const Block*)> check_use_lists = [&](const Block* b) {
    auto check_node_outputs = [&](const Node* n) {
      for (const Value* v : n->outputs()) {
        for (const Use& u : v->uses()) {
          if (!seen_nodes.count(u.user)) fail("%" + v->debugName() + " is used by a dead node");
          if (u.offset >= u.user->inputs().size() || u.user->inputs()[u.offset] != v)
            fail("a use of %" + v->debugName() + " does not match its user's inputs");
        }
      }
    };
    check_node_outputs(b->param_node());
    for (const Node* n : b->nodes()) {
      check_node_outputs(n);
      for (const Block* sub : n->blocks()) check_use_lists(sub);
    }
  };
  check_use_lists(block_);
  for (auto& [name, v] : unique_names_)
    if (v->debugName() != name) fail("name table entry '" + name + "' is stale");
  for (const Node* n : all_nodes_) {
    if (!seen_nodes.count(n) && n->inBlockList())
      fail("a node in a block list that is not reachable from the graph");
  }
}

inline std::vector<Value*> insertGraph(Graph& g, const Graph& callee,
                                       const std::vector<Value*>& inputs) {
  TJIT_CHECK(inputs.size() == callee.inputs().size(), "insertGraph: callee takes ",
             callee.inputs().size(), " inputs but ", inputs.size(), " were given");
  std::unordered_map<const Value*, Value*> env;
  for (std::size_t i = 0; i < inputs.size(); ++i) env[callee.inputs()[i]] = inputs[i];
  auto map = [&](Value* v) -> Value* {
    auto it = env.find(v);
    TJIT_CHECK(it != env.end(), "insertGraph: %", v->debugName(), " is not in scope");
    return it->second;
  };
  for (Node* n : callee.nodes()) {
    Node* c = g.insertNode(g.createClone(n, map));
    for (std::size_t i = 0; i < n->outputs().size(); ++i) env[n->outputs()[i]] = c->outputs()[i];
  }
  std::vector<Value*> outs;
  for (Value* o : callee.outputs()) outs.push_back(map(o));
  return outs;
}

inline std::vector<Value*> inlineCallTo(Node* call, const Graph& callee) {
  Graph* g = call->owningGraph();
  std::vector<Value*> args = call->inputs();
  if (call->kind() == prim::CallFunction) args.erase(args.begin());
  std::vector<Value*> outs;
  {
    WithInsertPoint guard(call);
    outs = insertGraph(*g, callee, args);
  }
  TJIT_CHECK(outs.size() == call->outputs().size(), "inlineCallTo: callee returns ", outs.size(),
             " values but the call has ", call->outputs().size(), " outputs");
  for (std::size_t i = 0; i < outs.size(); ++i) call->outputs()[i]->replaceAllUsesWith(outs[i]);
  call->destroy();
  return outs;
}

}  // namespace tjit::ir
