// tjit/frontend/error_report.hpp — syntax and compile errors in PyTorch's words and layout.
//
// Every error of the frontend is a tjit::Error whose text is what PyTorch 1.13 prints for the
// same mistake: the message, then the source range highlighted by SourceRange::highlight (the
// `  File "<string>", line N` header, context lines, `~~~~ <--- HERE` under the range).
// PyTorch has three layouts, kept apart here because tests compare them byte for byte:
//   - its C++ ErrorReport (parser and compiler errors):   "\n<msg>:\n<highlight>"
//   - its lexer's reports ("expected X but found 'K'"):   "<msg>:\n<highlight>"
//   - its Python frontend (unsupported Python syntax):     "<msg>:\n<highlight>"
// Builds on core/error.hpp and core/source_range.hpp.
#pragma once

#include "tjit/core/error.hpp"
#include "tjit/core/source_range.hpp"

#include <string>
#include <string_view>

namespace tjit::frontend {

// A compile error at `range` laid out as PyTorch's C++ ErrorReport::what().
inline Error error_report(const SourceRange& range, std::string_view msg) {
  std::string text = "\n";
  text += msg;
  text += ":\n";
  text += range.highlight();
  return Error(std::move(text));
}

// An error laid out as PyTorch's lexer and Python frontend print them (no leading newline).
inline Error error_at(const SourceRange& range, std::string_view msg) {
  std::string text(msg);
  text += ":\n";
  text += range.highlight();
  return Error(std::move(text));
}

// "expected <what> but found '<found>' here:" — the parser's complaint about a token.
inline Error expected_error(std::string_view what, std::string_view found,
                            const SourceRange& range) {
  std::string text = "expected ";
  text += what;
  text += " but found '";
  text += found;
  text += "' here";
  return error_at(range, text);
}

// "<feature> aren't supported" — Python syntax TorchScript does not have (PyTorch's
// UnsupportedNodeError; `feature` is its name for the construct, e.g. "Lambda", "try blocks").
inline Error unsupported_error(std::string_view feature, const SourceRange& range) {
  std::string text(feature);
  text += " aren't supported";
  return error_at(range, text);
}

}  // namespace tjit::frontend
