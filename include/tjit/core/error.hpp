// tjit/core/error.hpp — the one exception type users catch, and the checks that throw it.
//
// Every user-facing failure (bad shapes, bad source code, malformed archives) is a tjit::Error
// carrying a message a person can act on. The subclasses mirror the Python exception a PyTorch
// user would see for the same mistake, so TorchScript's `raise` and `except` keep their meaning.
#pragma once

#include <exception>
#include <sstream>
#include <string>
#include <vector>
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

  // Note [TorchScript tracebacks]
  // When an error leaves the interpreter it reads as PyTorch's do:
  //   The following operation failed in the TorchScript interpreter.
  //   Traceback of TorchScript (most recent call last):
  //     File "m.py", line 9, in f        <- one frame per function the error passed through,
  //     ...source with ~~~ <--- HERE        outermost first
  //   RuntimeError: shape '[5]' is invalid for input of size 4
  // The interpreter adds each frame as the error passes outwards; `raised_as` is the Python class
  // a TorchScript `raise` named ("builtins.ValueError"), shown in the last line.
  Error& add_script_frame(std::string frame) {
    frames_.insert(frames_.begin(), std::move(frame));
    refresh();
    return *this;
  }
  Error& set_raised_as(std::string qualified_class) {
    raised_as_ = std::move(qualified_class);
    refresh();
    return *this;
  }
  const std::vector<std::string>& script_frames() const noexcept { return frames_; }

 private:
  void refresh() {
    if (frames_.empty()) {
      full_ = message_ + context_;
      return;
    }
    full_ = "The following operation failed in the TorchScript interpreter.\n"
            "Traceback of TorchScript (most recent call last):\n";
    for (const auto& f : frames_) full_ += f;
    full_ += raised_as_.empty() ? python_type() : raised_as_;
    full_ += ": ";
    full_ += message_;
    full_ += context_;
    full_ += "\n";
  }

  std::vector<std::string> frames_;
  std::string raised_as_;

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
