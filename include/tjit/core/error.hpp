// tjit/core/error.hpp — the one exception type users catch, and the checks that throw it.
//
// Every user-facing failure (bad shapes, bad source code, malformed archives) is a tjit::Error
// carrying a message a person can act on. The subclasses mirror the Python exception a PyTorch
// user would see for the same mistake, so TorchScript's `raise` and `except` keep their meaning.
#pragma once

#include <exception>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace tjit {

class Error : public std::exception {
 public:
  explicit Error(std::string message) : message_(std::move(message)) { refresh(); }

  const char* what() const noexcept override { return full_.c_str(); }

  // The message alone, without the context lines added while the error travelled outwards.
  const std::string& message() const noexcept { return message_; }
  const std::string& context() const noexcept { return context_; }

  // The Python exception class this error corresponds to ("RuntimeError", "IndexError", ...).
  virtual const char* python_type() const noexcept { return "RuntimeError"; }

  // Adds a line of context (e.g. the TorchScript call site), shown after the message.
  Error& add_context(std::string_view line) {
    context_ += "\n";
    context_ += line;
    refresh();
    return *this;
  }

 private:
  void refresh() { full_ = message_ + context_; }

  std::string message_;
  std::string context_;
  std::string full_;
};

#define TJIT_DEFINE_ERROR(Name, PyName)                          \
  class Name : public Error {                                    \
   public:                                                       \
    using Error::Error;                                          \
    const char* python_type() const noexcept override { return PyName; } \
  };

TJIT_DEFINE_ERROR(IndexError, "IndexError")
TJIT_DEFINE_ERROR(TypeError, "TypeError")
TJIT_DEFINE_ERROR(ValueError, "ValueError")
TJIT_DEFINE_ERROR(KeyError, "KeyError")
TJIT_DEFINE_ERROR(NotImplementedError, "NotImplementedError")
TJIT_DEFINE_ERROR(ZeroDivisionError, "ZeroDivisionError")
#undef TJIT_DEFINE_ERROR

namespace detail {

// Concatenates anything that can be streamed; the building block of every error message.
template <class... Args>
std::string str_cat(const Args&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return {};
  } else {
    std::ostringstream out;
    (out << ... << args);
    return std::move(out).str();
  }
}

}  // namespace detail
}  // namespace tjit

// TJIT_CHECK(cond, parts...): throws tjit::Error(parts concatenated) when cond is false.
// TJIT_CHECK_AS(ErrorType, cond, parts...): the same with a specific error class.
#define TJIT_CHECK(cond, ...) TJIT_CHECK_AS(::tjit::Error, cond, __VA_ARGS__)
#define TJIT_CHECK_AS(ErrorType, cond, ...)                                \
  do {                                                                     \
    if (!(cond)) [[unlikely]]                                              \
      throw ErrorType(::tjit::detail::str_cat(__VA_ARGS__));               \
  } while (false)
