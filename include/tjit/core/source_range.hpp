// tjit/core/source_range.hpp — where a piece of TorchScript came from.
//
// A Source is one text (a `code/` record of an archive, or a string given to tjit::compile) with
// its file name and the line it starts at; a SourceRange is a [start, end) byte range into one.
// The frontend attaches ranges to AST nodes and IR nodes, the graph printer turns them into
// `# file:line:col` comments, and errors highlight them with a caret line as PyTorch does.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tjit {

class Source {
 public:
  explicit Source(std::string text, std::optional<std::string> filename = std::nullopt,
                  std::size_t starting_line_no = 0)
      : text_(std::move(text)), filename_(std::move(filename)),
        starting_line_no_(starting_line_no) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }

  const std::string& text() const noexcept { return text_; }
  const std::optional<std::string>& filename() const noexcept { return filename_; }
  // Line number (0-based) of the first line of text() within filename().
  std::size_t starting_line_no() const noexcept { return starting_line_no_; }

  // 0-based line index within text() of the byte at `offset`.
  std::size_t line_of(std::size_t offset) const noexcept {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  }
  std::size_t line_start(std::size_t line) const noexcept { return line_starts_[line]; }
  std::size_t num_lines() const noexcept { return line_starts_.size(); }

 private:
  std::string text_;
  std::optional<std::string> filename_;
  std::size_t starting_line_no_;
  std::vector<std::size_t> line_starts_;
};

struct FileLineCol {
  std::string filename;
  std::size_t line;  // 1-based, as printed
  std::size_t col;   // 0-based, as PyTorch prints it in `# file:line:col`
};

class SourceRange {
 public:
  SourceRange() = default;
  SourceRange(std::shared_ptr<const Source> source, std::size_t start, std::size_t end)
      : source_(std::move(source)), start_(start), end_(end) {}

  bool empty_sentinel() const noexcept { return source_ == nullptr; }
  const std::shared_ptr<const Source>& source() const noexcept { return source_; }
  std::size_t start() const noexcept { return start_; }
  std::size_t end() const noexcept { return end_; }
  std::size_t size() const noexcept { return end_ - start_; }

  std::string_view text() const noexcept {
    if (!source_) return {};
    return std::string_view(source_->text()).substr(start_, end_ - start_);
  }

  // The range's position as PyTorch prints it; nullopt when the source has no file name.
  std::optional<FileLineCol> file_line_col() const {
    if (!source_ || !source_->filename()) return std::nullopt;
    std::size_t line = source_->line_of(start_);
    std::size_t col = start_ - source_->line_start(line);
    return FileLineCol{*source_->filename(), line + source_->starting_line_no() + 1, col};
  }

  // The smallest range covering both (which must share a source).
  SourceRange merged(const SourceRange& other) const {
    if (!source_) return other;
    if (!other.source_) return *this;
    return SourceRange(source_, std::min(start_, other.start_), std::max(end_, other.end_));
  }

  friend bool operator==(const SourceRange& a, const SourceRange& b) noexcept {
    return a.source_ == b.source_ && a.start_ == b.start_ && a.end_ == b.end_;
  }

  // Lines of context PyTorch shows around a highlighted range (the range's own line counts).
  static constexpr std::size_t kContext = 3;

  // The range in its source as PyTorch's error messages show it: a `  File "name", line N`
  // header (when the source has a file name), up to kContext lines of context before and after,
  // and each line of the range followed by a `~~~~ <--- HERE` marker under it.
  void highlight(std::ostream& out) const { print_with_context(out, kContext, true, ""); }
  std::string highlight() const {
    std::ostringstream out;
    highlight(out);
    return std::move(out).str();
  }

  // PyTorch's SourceRange::print_with_context (same output, byte for byte): `funcname`, when
  // given, is appended to the header as `, in funcname`; with `highlight` false the range is
  // printed without markers.
  void print_with_context(std::ostream& out, std::size_t context, bool highlight,
                          std::string_view funcname) const {
    if (!source_) return;
    const std::string& str = source_->text();
    const std::size_t n = str.size();
    if (size() == n) {  // the whole text: print it as is
      out << str;
      return;
    }
    const std::size_t range_end = std::min(end_, n);
    if (start_ > n) return;
    std::size_t begin_line = start_;
    while (begin_line > 0 && str[begin_line - 1] != '\n') --begin_line;
    std::size_t end_line = range_end;
    while (end_line < n && str[end_line] != '\n') ++end_line;

    std::size_t begin_context = begin_line;
    for (std::size_t i = 0; begin_context > 0; --begin_context) {
      if (str[begin_context - 1] == '\n') ++i;
      if (i >= context) break;
    }
    std::size_t end_context = end_line;
    for (std::size_t i = 0; end_context < n; ++end_context) {
      if (str[end_context] == '\n') ++i;
      if (i >= context) break;
    }

    if (auto flc = file_line_col()) {
      out << "  File \"" << flc->filename << "\", line " << flc->line;
      if (!funcname.empty()) out << ", in " << funcname;
      out << "\n";
    }
    out << std::string_view(str).substr(begin_context, start_ - begin_context);
    std::size_t line_start = start_;
    std::size_t line_end = range_end;
    if (highlight) {
      line_end = start_;
      while (line_start < range_end) {
        while (line_end < n && str[line_end] != '\n') ++line_end;
        std::string_view line = std::string_view(str).substr(line_start, line_end - line_start + 1);
        out << line;
        if (line.empty() || line.back() != '\n') out << "\n";

        std::size_t hl_begin = line_start;
        while (hl_begin > 0 && str[hl_begin - 1] != '\n') --hl_begin;
        std::size_t hl_end = line_start;
        while (hl_end < range_end && str[hl_end] != '\n') ++hl_end;
        std::size_t empty_space = 0;
        for (std::size_t i = hl_begin; i < hl_end; ++i) {
          if (str[i] == ' ' || i < start_) ++empty_space;
          else break;
        }
        const std::size_t highlight_space = hl_end - hl_begin - empty_space;
        if (highlight_space > 0) {
          // Ranges sometimes run on over blank text on later lines; those get no marker.
          bool more_lines = false;
          for (std::size_t i = line_end; i <= range_end && i < n; ++i)
            if (str[i] != '\n' && str[i] != ' ') more_lines = true;
          out << std::string(empty_space, ' ') << std::string(highlight_space, '~')
              << (more_lines && line_end != range_end ? "\n" : " <--- HERE\n");
        }
        ++line_end;
        line_start = line_end;
      }
    } else {
      out << std::string_view(str).substr(start_, range_end - start_);
    }
    if (line_end <= n) {
      std::string_view rest = std::string_view(str).substr(
          line_end, end_context >= line_end ? end_context - line_end : std::string_view::npos);
      out << rest;
      if (!rest.empty() && rest.back() != '\n') out << "\n";
    }
  }

 private:
  std::shared_ptr<const Source> source_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

}  // namespace tjit
