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

 private:
  std::shared_ptr<const Source> source_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

}  // namespace tjit
