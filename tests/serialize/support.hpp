// Test helpers for tests/serialize: the fixture bundle make_fixtures.py writes, and the text
// description of a value that fixtures_common.describe produces on the Python side.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit_test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

inline std::string runfile(const std::string& path) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (srcdir && workspace) {
    std::ifstream probe(std::string(srcdir) + "/" + workspace + "/" + path);
    if (probe) return std::string(srcdir) + "/" + workspace + "/" + path;
  }
  return path;
}

// name -> bytes
inline std::map<std::string, std::string> read_bundle(const std::string& path) {
  std::string d = read_file(path);
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < d.size()) {
    std::size_t j = d.find('\n', i), k = d.find('\n', j + 1);
    std::string name = d.substr(i, j - i);
    std::size_t n = std::stoull(d.substr(j + 1, k - j - 1));
    out[name] = d.substr(k + 1, n);
    i = k + 1 + n;
  }
  return out;
}

inline const std::map<std::string, std::string>& fixtures() {
  static const auto b = read_bundle(runfile("tests/serialize/fixtures.bin"));
  return b;
}

inline const std::string& fixture(const std::string& name) {
  auto it = fixtures().find(name);
  if (it == fixtures().end()) throw std::runtime_error("no fixture " + name);
  return it->second;
}

// Writes bytes to a temporary file and returns its path.
inline std::string temp_file(const std::string& name, const std::string& bytes) {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string path = std::string(dir ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

inline const char* dtype_name(tjit::ScalarType t) {
  switch (t) {
    case tjit::ScalarType::Float: return "float32";
    case tjit::ScalarType::Double: return "float64";
    case tjit::ScalarType::Half: return "float16";
    case tjit::ScalarType::BFloat16: return "bfloat16";
    case tjit::ScalarType::Long: return "int64";
    case tjit::ScalarType::Int: return "int32";
    case tjit::ScalarType::Short: return "int16";
    case tjit::ScalarType::Char: return "int8";
    case tjit::ScalarType::Byte: return "uint8";
    case tjit::ScalarType::Bool: return "bool";
    case tjit::ScalarType::ComplexFloat: return "complex64";
    case tjit::ScalarType::ComplexDouble: return "complex128";
    default: return "?";
  }
}

// Elements in row-major order, raw bytes.
inline std::string tensor_bytes(const tjit::Tensor& t) {
  std::string out;
  std::int64_t n = t.numel();
  if (n == 0) return out;
  std::size_t es = t.element_size();
  auto sizes = t.sizes();
  auto strides = t.strides();
  std::vector<std::int64_t> idx(sizes.size(), 0);
  const char* base = static_cast<const char*>(t.storage().data());
  for (std::int64_t k = 0; k < n; ++k) {
    std::int64_t off = t.storage_offset();
    for (std::size_t d = 0; d < idx.size(); ++d) off += idx[d] * strides[d];
    out.append(base + off * static_cast<std::int64_t>(es), es);
    for (std::size_t d = idx.size(); d-- > 0;) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

inline std::string hex(const std::string& s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

inline std::string ints(tjit::IntArrayRef v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

struct Describer {
  std::unordered_map<const void*, int> storages;

  std::string operator()(const tjit::IValue& v) {
    using tjit::IValue;
    if (v.isTensor()) {
      const tjit::Tensor& t = v.toTensor();
      std::string sid = "s-";
      if (t.storage().nbytes() > 0) {
        auto [it, fresh] = storages.emplace(t.storage().id(), static_cast<int>(storages.size()));
        sid = "s" + std::to_string(it->second);
      }
      return std::string("T(") + dtype_name(t.scalar_type()) + ",size=" + ints(t.sizes()) +
             ",stride=" + ints(t.strides()) + ",offset=" + std::to_string(t.storage_offset()) +
             ",rg=" + (t.requires_grad() ? "1" : "0") + "," + sid + ",data=" +
             hex(tensor_bytes(t)) + ")";
    }
    if (v.isNone()) return "None";
    if (v.isBool()) return v.toBool() ? "True" : "False";
    if (v.isInt()) return std::to_string(v.toInt());
    if (v.isDouble()) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", v.toDouble());
      return buf;
    }
    if (v.isString()) return "'" + v.toStringRef() + "'";
    if (v.isDevice()) return "device(" + v.toDevice().str() + ")";
    if (v.isTuple()) {
      std::string s = "(";
      for (const auto& x : v.toTupleRef().elements()) s += (*this)(x) + ", ";
      return s + ")";
    }
    if (v.isList()) {
      std::string s = "[";
      bool first = true;
      for (const auto& x : v.toListRef().items) {
        s += (first ? "" : ", ") + (*this)(x);
        first = false;
      }
      return s + "]";
    }
    if (v.isGenericDict()) {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, x] : v.toDictRef().entries()) {
        s += (first ? "" : ", ") + (*this)(k) + ": " + (*this)(x);
        first = false;
      }
      return s + "}";
    }
    if (v.isObject()) {
      const auto& o = v.toObjectRef();
      std::string s = "Obj(" + o.name() + ", {";
      const auto& attrs = o.type()->classInfo()->attributes;
      for (std::size_t i = 0; i < attrs.size(); ++i)
        s += (i ? ", '" : "'") + attrs[i].name + "': " + (*this)(o.getSlot(i));
      return s + "})";
    }
    return std::string("<") + v.tagKind() + ">";
  }
};

inline std::string describe(const tjit::IValue& v) { return Describer()(v); }

}  // namespace tjit_test
