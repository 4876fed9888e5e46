// Shared by the emitter tests: PyTorch's schema list as CompileOptions::extra_schemas, and the
// value notation of make_emitter_goldens.py (read and written), objects included.
#pragma once

#include "tjit/frontend/emitter.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

#include "runfiles.hpp"

#include <charconv>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace emitter_test {

using tjit::IValue;

// PyTorch's schemas by operator name, in PyTorch's order.
inline const std::map<std::string, std::vector<tjit::ir::FunctionSchema>>& pytorch_schemas() {
  static const auto* table = [] {
    auto* t = new std::map<std::string, std::vector<tjit::ir::FunctionSchema>>();
    std::string data = tjit_test::read_runfile("tests/frontend/pytorch_schemas.txt");
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::size_t eol = data.find('\n', pos);
      std::string line = data.substr(pos, eol - pos);
      pos = eol + 1;
      try {
        auto s = tjit::ir::parse_schema(line);
        (*t)[s.name()].push_back(std::move(s));
      } catch (const std::exception&) {
      }
    }
    return t;
  }();
  return *table;
}

inline tjit::frontend::CompileOptions options() {
  tjit::frontend::CompileOptions o;
  o.extra_schemas = [](tjit::ir::Symbol name) {
    std::vector<const tjit::ir::FunctionSchema*> out;
    auto it = pytorch_schemas().find(name.toQualString());
    if (it != pytorch_schemas().end())
      for (const auto& s : it->second) out.push_back(&s);
    return out;
  };
  return o;
}

// ---- the value notation of make_emitter_goldens.py
struct Reader {
  const std::string& s;
  std::size_t i = 0;
  const tjit::runtime::CompilationUnit* cu = nullptr;  // for objects (O<class>{a=v;...})
  char peek() const { return s[i]; }
  std::string until(const char* stops) {
    std::size_t j = s.find_first_of(stops, i);
    std::string r = s.substr(i, j - i);
    i = j;
    return r;
  }
  IValue value() {
    char c = s[i++];
    switch (c) {
      case 'N': return IValue();
      case 'b': return IValue(s[i++] == '1');
      case 'i': return IValue(std::stoll(until(";)]}=\n ")));
      case 'f': return IValue(std::stod(until(";)]}=\n ")));
      case 's': {
        std::size_t n = std::stoul(until(":"));
        ++i;
        std::string v = s.substr(i, n);
        i += n;
        return IValue(v);
      }
      case 'T': {
        char dt = s[i++];
        ++i;  // [
        tjit::Shape shape;
        while (peek() != ']') {
          shape.push_back(std::stoll(until(",]")));
          if (peek() == ',') ++i;
        }
        i += 2;  // ](
        std::vector<float> vals;
        while (peek() != ')') {
          vals.push_back(std::stof(until(",)")));
          if (peek() == ',') ++i;
        }
        ++i;
        tjit::Tensor t = tjit::tensor(vals, shape);
        if (dt == 'l') t = tjit::to(t, tjit::kLong);
        return IValue(t);
      }
      case 'L':
      case 'U': {
        ++i;
        std::vector<IValue> items;
        char close = c == 'L' ? ']' : ')';
        while (peek() != close) {
          items.push_back(value());
          if (peek() == ';') ++i;
        }
        ++i;
        if (c == 'U') return IValue(tjit::runtime::make_tuple(std::move(items)));
        tjit::ir::TypePtr elem = tjit::ir::Type::Int();
        if (!items.empty() && items[0].isDouble()) elem = tjit::ir::Type::Float();
        if (!items.empty() && items[0].isTensor()) elem = tjit::ir::Type::Tensor();
        return IValue(tjit::runtime::make_list(elem, std::move(items)));
      }
      case 'O': {
        std::string cls = until("{");
        ++i;
        auto obj = tjit::runtime::create_object(*cu, cls);
        while (peek() != '}') {
          std::string name = until("=");
          ++i;
          obj->setAttr(name, value());
          if (peek() == ';') ++i;
        }
        ++i;
        return IValue(obj);
      }
      default: throw std::runtime_error(std::string("bad value notation at ") + c);
    }
  }
};

inline std::string float_repr(double d) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

inline std::string enc(const IValue& v) {
  if (v.isNone()) return "N";
  if (v.isBool()) return v.toBool() ? "b1" : "b0";
  if (v.isInt()) return "i" + std::to_string(v.toInt());
  if (v.isDouble()) return "f" + float_repr(v.toDouble());
  if (v.isString()) return "s" + std::to_string(v.toStringRef().size()) + ":" + v.toStringRef();
  if (v.isTensor()) {
    tjit::Tensor t = tjit::contiguous(v.toTensor());
    char dt = t.scalar_type() == tjit::kFloat ? 'f' : t.scalar_type() == tjit::kLong ? 'l' : t.scalar_type() == tjit::kBool ? 'b' : 'd';
    std::string out = std::string("T") + dt + "[";
    for (std::size_t k = 0; k < t.sizes().size(); ++k) out += (k ? "," : "") + std::to_string(t.sizes()[k]);
    out += "](";
    tjit::Tensor d = tjit::to(t, tjit::kDouble);
    const double* p = d.data_ptr<double>();
    for (std::int64_t k = 0; k < d.numel(); ++k) out += (k ? "," : "") + float_repr(static_cast<double>(static_cast<float>(p[k])));
    return out + ")";
  }
  if (v.isList()) {
    std::string out = "L[";
    const auto& items = v.toListRef().items;
    for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ";" : "") + enc(items[k]);
    return out + "]";
  }
  if (v.isTuple()) {
    std::string out = "U(";
    const auto& items = v.toTupleRef().elements();
    for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ";" : "") + enc(items[k]);
    return out + ")";
  }
  if (v.isGenericDict()) {
    std::string out = "D{";
    const auto& entries = v.toDictRef().entries();
    for (std::size_t k = 0; k < entries.size(); ++k)
      out += (k ? ";" : "") + enc(entries[k].first) + "=" + enc(entries[k].second);
    return out + "}";
  }
  return "?";
}

}  // namespace emitter_test
