// Helpers for the ir/ tests: reading the goldens PyTorch 1.13 wrote (tests/ir/make_goldens.py).
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tjit_test {

inline std::string ir_golden_dir() {
#ifdef TJIT_IR_GOLDEN_DIR
  return TJIT_IR_GOLDEN_DIR;
#else
  return "tests/ir";
#endif
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<std::string> read_lines(const std::string& path) {
  std::istringstream in(read_file(path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return parts;
}

// The golden text with its `# file:line:col` comments removed.
inline std::string strip_source_comments(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    auto pos = line.find(" # ");
    // Comments follow a node's closing parenthesis; string constants cannot hold " # " unescaped
    // in our goldens.
    if (pos != std::string::npos) line = line.substr(0, pos);
    out += line + "\n";
  }
  return out;
}

}  // namespace tjit_test
