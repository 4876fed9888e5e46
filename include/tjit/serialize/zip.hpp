// tjit/serialize/zip.hpp — the zip container of `torch.jit.save` archives and `torch.save` files.
//
//   tjit::serialize::ZipReader r = ZipReader::open("model.pt");   // memory-mapped
//   std::string pkl = r.read("data.pkl");                          // inflated, CRC-32 checked
//   tjit::Storage w = r.get_storage("data/0");  // aligned stored record: aliases the mapping
//
//   tjit::serialize::ZipWriter w("out.pt");     // archive name "out", as PyTorch names it
//   w.write_record("data.pkl", bytes.data(), bytes.size());
//   w.finalize();
//
// The reader takes any zip PyTorch's reader takes (../shared/notes/torchscript-archive-format.md
// §1.9): stored or deflated records, data descriptors, zip64, records named under the folder of
// the first entry. Every offset and size a file states is checked before it is used, so a
// malformed file gives a tjit::Error and never a crash or an out-of-bounds read.
//
// The writer writes what PyTorch 1.13's writer writes (§1.3–1.6): 64-byte aligned data behind an
// "FB" padding field, data descriptors, flags 0x0808, zero times, zip64 end records always and
// zip64 extras for big entries. Stored records are byte-identical to PyTorch's; deflated ones
// (zlib, best compression) differ from PyTorch's miniz stream but load everywhere.
// Builds on core/ and tensor/storage.hpp; needs zlib.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/core/error.hpp"
#include "tjit/tensor/storage.hpp"

namespace tjit::serialize {

// One entry of the central directory, checked against the file.
struct ZipEntry {
  std::string name;                  // full name in the zip ("m1/data/0")
  std::uint16_t method = 0;          // 0 stored, 8 deflated
  std::uint16_t flags = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t header_offset = 0;   // local header
  std::uint64_t data_offset = 0;     // first byte of the (compressed) data
};

// The standard zip/zlib CRC-32.
std::uint32_t crc32(const void* data, std::size_t n, std::uint32_t crc = 0);

class ZipReader {
 public:
  // Memory-maps the file (private, copy-on-write: tensors aliasing it may be written to without
  // touching the file). Throws tjit::Error when it cannot be opened or is not a valid archive.
  static ZipReader open(const std::string& path);
  // Copies the bytes into a 64-byte aligned buffer.
  static ZipReader from_buffer(std::string_view bytes);
  static ZipReader from_stream(std::istream& in);
  // Reads `data` in place; `keep_alive` owns it (it is shared with storages handed out).
  static ZipReader from_memory(const void* data, std::size_t size,
                               std::shared_ptr<void> keep_alive = nullptr);

  // The folder of the first entry ("m1" for "m1/data.pkl"); records are named relative to it.
  const std::string& archive_name() const { return archive_name_; }
  // Record names in file order (entries outside the archive folder are not records).
  std::vector<std::string> records() const;
  bool has_record(std::string_view name) const;
  // The entry of a record; throws "file not found: <archive>/<name>" when missing.
  const ZipEntry& entry(std::string_view name) const;
  const std::vector<ZipEntry>& entries() const { return entries_; }
  // The record's bytes, inflated when deflated; CRC-32 verified when `verify_crc()`.
  std::string read(std::string_view name) const;
  // The record as a Storage. A stored record whose data is 64-byte aligned in memory aliases the
  // archive's bytes (the storage keeps the mapping alive); others are copied.
  Storage get_storage(std::string_view name) const;

  // CRC-32 checks on read (default on). Checking reads every byte once.
  void set_verify_crc(bool v) { verify_crc_ = v; }
  bool verify_crc() const { return verify_crc_; }

  // The whole archive in memory (the mapping).
  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  ZipReader() = default;
  void parse();
  void check_crc(const ZipEntry& e, const void* bytes, std::size_t n) const;

  std::shared_ptr<void> owner_;
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::string archive_name_;
  std::vector<ZipEntry> entries_;
  std::unordered_map<std::string, std::size_t> records_;  // record name -> entry index
  std::vector<std::size_t> record_order_;
  bool verify_crc_ = true;
};

enum class Compression { Stored, Deflated };

// PyTorch's archive name for a destination path (§1.2): the file name without its last
// extension; throws "invalid file name" when that is empty.
std::string archive_name_for_path(const std::string& path);

class ZipWriter {
 public:
  using Sink = std::function<void(const void* data, std::size_t n)>;

  // Writes to a file; the archive name is derived from the path as PyTorch derives it.
  explicit ZipWriter(const std::string& path);
  // Writes to a stream (PyTorch names a file object's archive "archive").
  explicit ZipWriter(std::ostream& out, std::string archive_name = "archive");
  ZipWriter(Sink sink, std::string archive_name);
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;
  // Finalizes if finalize() was not called (errors are swallowed there: call finalize()).
  ~ZipWriter();

  // Appends record `name` (relative to the archive folder). Stored by default, as PyTorch stores
  // everything but code/ files; Deflated uses zlib's raw deflate at level 9.
  void write_record(std::string_view name, const void* data, std::size_t n,
                    Compression c = Compression::Stored);
  void write_record(std::string_view name, std::string_view bytes,
                    Compression c = Compression::Stored) {
    write_record(name, bytes.data(), bytes.size(), c);
  }
  // Writes the central directory and the end records; no record may follow.
  void finalize();

  const std::string& archive_name() const { return archive_name_; }
  const std::vector<std::string>& records() const { return record_names_; }
  bool has_record(std::string_view name) const;

 private:
  void emit(const void* p, std::size_t n);

  struct Central {
    std::string name;
    std::uint16_t method, flags, version;
    std::uint32_t crc;
    std::uint64_t csize, usize, offset;
  };
  std::unique_ptr<std::ostream> file_;
  Sink sink_;
  std::string path_;
  std::string archive_name_;
  std::uint64_t pos_ = 0;
  std::vector<Central> central_;
  std::vector<std::string> record_names_;
  bool finalized_ = false;
};

}  // namespace tjit::serialize

#ifdef TJIT_HEADER_ONLY
#include "tjit/serialize/detail/zip_impl.hpp"
#endif
