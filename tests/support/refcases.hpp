// tests/support/refcases.hpp — reads the reference cases written by tests/support/refcases.py
// (inputs and PyTorch 1.13's outputs). Test-only; independent of the library's own formats.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace refcases {

struct RefTensor {
  std::string dtype;  // float32, float64, float16, bfloat16, int64, ..., uint8, bool
  std::vector<std::int64_t> sizes;
  std::vector<unsigned char> bytes;  // contiguous, little-endian

  std::int64_t numel() const {
    std::int64_t n = 1;
    for (auto s : sizes) n *= s;
    return n;
  }
  template <class T>
  std::vector<T> values() const {
    if (bytes.size() != static_cast<std::size_t>(numel()) * sizeof(T))
      throw std::runtime_error("RefTensor::values: element size does not match dtype " + dtype);
    std::vector<T> out(static_cast<std::size_t>(numel()));
    if (!out.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
  }
};

struct None {};
using Field = std::variant<None, bool, std::int64_t, double, std::string, std::vector<std::int64_t>,
                           std::vector<double>, RefTensor, std::vector<RefTensor>>;

struct Case {
  std::string name;
  std::map<std::string, Field> fields;

  bool has(const std::string& key) const { return fields.count(key) != 0; }
  const Field& at(const std::string& key) const {
    auto it = fields.find(key);
    if (it == fields.end()) throw std::runtime_error("case " + name + " has no field " + key);
    return it->second;
  }
  template <class T>
  const T& get(const std::string& key) const {
    const Field& f = at(key);
    if (!std::holds_alternative<T>(f))
      throw std::runtime_error("case " + name + ": field " + key + " has another kind");
    return std::get<T>(f);
  }
  bool is_none(const std::string& key) const {
    return has(key) && std::holds_alternative<None>(at(key));
  }
};

namespace detail {

inline double parse_float(const std::string& s) {
  if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (s == "inf") return std::numeric_limits<double>::infinity();
  if (s == "-inf") return -std::numeric_limits<double>::infinity();
  return std::strtod(s.c_str(), nullptr);  // hex floats are exact
}

inline RefTensor read_tensor(std::istream& line, std::istream& in) {
  RefTensor t;
  int ndim = 0;
  line >> t.dtype >> ndim;
  t.sizes.resize(static_cast<std::size_t>(ndim));
  for (auto& s : t.sizes) line >> s;
  std::size_t nbytes = 0;
  line >> nbytes;
  t.bytes.resize(nbytes);
  if (nbytes) in.read(reinterpret_cast<char*>(t.bytes.data()), static_cast<std::streamsize>(nbytes));
  in.get();  // the '\n' after the data
  if (!in) throw std::runtime_error("truncated reference-case file");
  return t;
}

}  // namespace detail

inline std::vector<Case> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open reference cases " + path);
  std::string header;
  std::getline(in, header);
  if (header != "TJREF1") throw std::runtime_error(path + " is not a TJREF1 file");
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream head(line);
    std::string word;
    Case c;
    std::size_t nfields = 0;
    head >> word >> c.name >> nfields;
    if (word != "case") throw std::runtime_error("bad reference-case line: " + line);
    for (std::size_t i = 0; i < nfields; ++i) {
      std::getline(in, line);
      std::istringstream fl(line);
      std::string key, kind;
      fl >> key >> kind;
      Field f;
      if (kind == "t") {
        f = detail::read_tensor(fl, in);
      } else if (kind == "n") {
        f = None{};
      } else if (kind == "b") {
        int v = 0;
        fl >> v;
        f = v != 0;
      } else if (kind == "i") {
        std::int64_t v = 0;
        fl >> v;
        f = v;
      } else if (kind == "f") {
        std::string v;
        fl >> v;
        f = detail::parse_float(v);
      } else if (kind == "s") {
        std::size_t n = 0;
        fl >> n;
        std::string s(n, '\0');
        in.read(s.data(), static_cast<std::streamsize>(n));
        in.get();
        f = s;
      } else if (kind == "li") {
        std::size_t n = 0;
        fl >> n;
        std::vector<std::int64_t> v(n);
        for (auto& x : v) fl >> x;
        f = v;
      } else if (kind == "lf") {
        std::size_t n = 0;
        fl >> n;
        std::vector<double> v(n);
        for (auto& x : v) {
          std::string s;
          fl >> s;
          x = detail::parse_float(s);
        }
        f = v;
      } else if (kind == "lt") {
        std::size_t n = 0;
        fl >> n;
        std::vector<RefTensor> v;
        for (std::size_t k = 0; k < n; ++k) {
          std::getline(in, line);
          std::istringstream tl(line);
          std::string dash, tkind;
          tl >> dash >> tkind;
          v.push_back(detail::read_tensor(tl, in));
        }
        f = v;
      } else {
        throw std::runtime_error("unknown field kind '" + kind + "' in " + path);
      }
      c.fields.emplace(key, std::move(f));
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace refcases
