// Definitions of tjit/serialize/zip.hpp (see tjit/core/config.hpp for TJIT_DEF).
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <vector>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <iterator>
#include <limits>
#include <ostream>

#include "tjit/core/parallel.hpp"
#include "tjit/serialize/zip.hpp"

namespace tjit::serialize {

namespace detail {

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50,
                        kEocdSig = 0x06054b50, kZip64EocdSig = 0x06064b50,
                        kZip64LocatorSig = 0x07064b50, kDescriptorSig = 0x08074b50;

inline std::uint64_t rd(const std::uint8_t* p, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

[[noreturn]] inline void bad_zip(const std::string& what) {
  throw Error("PytorchStreamReader failed reading zip archive: " + what);
}

// a + b <= limit, without overflow.
inline bool fits(std::uint64_t a, std::uint64_t b, std::uint64_t limit) {
  return a <= limit && b <= limit - a;
}

struct MMap {
  void* p = nullptr;
  std::size_t n = 0;
  ~MMap() {
    if (p) ::munmap(p, n);
  }
};

inline void put(std::string& out, std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace detail

namespace detail {
inline uLong crc32_serial(uLong c, const Bytef* p, std::size_t n) {
  while (n > 0) {
    uInt chunk = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    c = ::crc32(c, p, chunk);
    p += chunk;
    n -= chunk;
  }
  return c;
}
}  // namespace detail

// Large records (a model's weights) are checked on all intra-op threads: each computes the CRC
// of one piece, and zlib's crc32_combine joins them — checking is most of the time a load takes.
TJIT_DEF std::uint32_t crc32(const void* data, std::size_t n, std::uint32_t crc) {
  auto p = static_cast<const Bytef*>(data);
  const std::size_t threads = static_cast<std::size_t>(std::max(1, get_num_threads()));
  constexpr std::size_t kMinPiece = std::size_t{4} << 20;
  const std::size_t pieces = std::min(threads, n / kMinPiece);
  if (pieces <= 1) return static_cast<std::uint32_t>(detail::crc32_serial(crc, p, n));
  const std::size_t step = (n + pieces - 1) / pieces;
  std::vector<uLong> part(pieces);
  parallel_for(0, static_cast<std::int64_t>(pieces), 1, [&](std::int64_t b, std::int64_t e) {
    for (auto k = static_cast<std::size_t>(b); k < static_cast<std::size_t>(e); ++k) {
      const std::size_t off = k * step, len = std::min(step, n - off);
      part[k] = detail::crc32_serial(k == 0 ? crc : 0, p + off, len);
    }
  });
  uLong c = part[0];
  for (std::size_t k = 1; k < pieces; ++k)
    c = ::crc32_combine64(c, part[k], static_cast<z_off64_t>(std::min(step, n - k * step)));
  return static_cast<std::uint32_t>(c);
}

// ---- reader ------------------------------------------------------------------------------------

TJIT_DEF ZipReader ZipReader::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    throw Error(tjit::detail::str_cat("open file failed because of errno ", err,
                                      " on fopen: ", std::strerror(err), ", file path: ", path));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error("open file failed: not a regular file, file path: " + path);
  }
  auto map = std::make_shared<detail::MMap>();
  std::size_t n = static_cast<std::size_t>(st.st_size);
  if (n > 0) {
    void* p = ::mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      throw Error(tjit::detail::str_cat("mmap failed because of errno ", err, ": ",
                                        std::strerror(err), ", file path: ", path));
    }
    map->p = p;
    map->n = n;
  }
  ::close(fd);
  ZipReader r;
  r.data_ = static_cast<const std::uint8_t*>(map->p);
  r.size_ = n;
  r.owner_ = std::move(map);
  try {
    r.parse();
  } catch (Error& e) {
    e.add_context("while reading the archive " + path);
    throw;
  }
  return r;
}

TJIT_DEF ZipReader ZipReader::from_buffer(std::string_view bytes) {
  Storage s = Storage::allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(s.data(), bytes.data(), bytes.size());
  auto holder = std::make_shared<Storage>(s);
  return from_memory(s.data(), bytes.size(), holder);
}

TJIT_DEF ZipReader ZipReader::from_stream(std::istream& in) {
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TJIT_CHECK(!in.bad(), "PytorchStreamReader failed reading the input stream");
  return from_buffer(bytes);
}

TJIT_DEF ZipReader ZipReader::from_memory(const void* data, std::size_t size,
                                          std::shared_ptr<void> keep_alive) {
  ZipReader r;
  r.data_ = static_cast<const std::uint8_t*>(data);
  r.size_ = size;
  r.owner_ = std::move(keep_alive);
  r.parse();
  return r;
}

TJIT_DEF void ZipReader::parse() {
  using detail::bad_zip;
  using detail::fits;
  using detail::rd;
  const std::uint8_t* d = data_;
  const std::uint64_t n = size_;
  if (n >= 2 && d[0] == 0x80 && d[1] == 0x02)
    throw Error("`torch::jit::load()` received a file from `torch.save()`, but "
                "`torch::jit::load()` can only load files produced by `torch.jit.save()`");
  if (n < 22) bad_zip(tjit::detail::str_cat("file of ", n, " bytes is too small to be a zip archive"));

  // End of central directory: scan backwards (a comment of up to 65535 bytes may follow it).
  std::uint64_t eocd = n;
  std::uint64_t lowest = n - 22 > 65535 ? n - 22 - 65535 : 0;
  for (std::uint64_t p = n - 22 + 1; p-- > lowest;) {
    if (rd(d + p, 4) == detail::kEocdSig && p + 22 + rd(d + p + 20, 2) <= n) {
      eocd = p;
      break;
    }
  }
  if (eocd == n) bad_zip("failed finding central directory");
  std::uint64_t count = rd(d + eocd + 10, 2);
  std::uint64_t cd_size = rd(d + eocd + 12, 4);
  std::uint64_t cd_offset = rd(d + eocd + 16, 4);
  std::uint64_t cd_limit = eocd;  // the directory ends before the end records
  if (rd(d + eocd + 4, 2) != 0 || rd(d + eocd + 6, 2) != 0)
    bad_zip("multi-disk archives are not supported");

  // zip64: locator just before the EOCD, pointing at the zip64 end record.
  if (eocd >= 20 && rd(d + eocd - 20, 4) == detail::kZip64LocatorSig) {
    std::uint64_t z = rd(d + eocd - 20 + 8, 8);
    if (!fits(z, 56, eocd - 20) || rd(d + z, 4) != detail::kZip64EocdSig)
      bad_zip("invalid zip64 end of central directory locator");
    count = rd(d + z + 32, 8);
    cd_size = rd(d + z + 40, 8);
    cd_offset = rd(d + z + 48, 8);
    cd_limit = z;
  } else if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    bad_zip("zip64 end of central directory locator is missing");
  }
  if (!fits(cd_offset, cd_size, cd_limit))
    bad_zip(tjit::detail::str_cat("central directory (offset ", cd_offset, ", size ", cd_size,
                                  ") lies outside the file"));
  if (count > cd_size / 46) bad_zip(tjit::detail::str_cat("central directory too small for ", count, " entries"));

  // Central directory entries.
  entries_.clear();
  entries_.reserve(static_cast<std::size_t>(count));
  std::uint64_t p = cd_offset, end = cd_offset + cd_size;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (!fits(p, 46, end) || rd(d + p, 4) != detail::kCentralSig)
      bad_zip(tjit::detail::str_cat("invalid central directory entry ", i));
    ZipEntry e;
    e.flags = static_cast<std::uint16_t>(rd(d + p + 8, 2));
    e.method = static_cast<std::uint16_t>(rd(d + p + 10, 2));
    e.crc32 = static_cast<std::uint32_t>(rd(d + p + 16, 4));
    e.compressed_size = rd(d + p + 20, 4);
    e.uncompressed_size = rd(d + p + 24, 4);
    std::uint64_t name_len = rd(d + p + 28, 2), extra_len = rd(d + p + 30, 2),
                  comment_len = rd(d + p + 32, 2);
    if (rd(d + p + 34, 2) != 0) bad_zip("multi-disk archives are not supported");
    e.header_offset = rd(d + p + 42, 4);
    if (!fits(p + 46, name_len + extra_len + comment_len, end))
      bad_zip(tjit::detail::str_cat("central directory entry ", i, " runs past the directory"));
    e.name.assign(reinterpret_cast<const char*>(d + p + 46), name_len);
    // zip64 extra field: the saturated fields, in order.
    std::uint64_t x = p + 46 + name_len, xend = x + extra_len;
    while (x + 4 <= xend) {
      std::uint64_t id = rd(d + x, 2), len = rd(d + x + 2, 2);
      if (!fits(x + 4, len, xend)) bad_zip("invalid extra field in entry " + e.name);
      if (id == 1) {
        std::uint64_t q = x + 4, qend = q + len;
        auto take = [&](std::uint64_t& field) {
          if (field != 0xFFFFFFFF) return;
          if (q + 8 > qend) bad_zip("truncated zip64 extra field in entry " + e.name);
          field = rd(d + q, 8);
          q += 8;
        };
        take(e.uncompressed_size);
        take(e.compressed_size);
        take(e.header_offset);
      }
      x += 4 + len;
    }
    if (e.flags & 1) bad_zip("encrypted entry " + e.name + " is not supported");
    p = xend + comment_len;

    // The local header, its own name and extra lengths, and where the data lies.
    std::uint64_t h = e.header_offset;
    if (!fits(h, 30, cd_offset) || rd(d + h, 4) != detail::kLocalSig)
      bad_zip(tjit::detail::str_cat("invalid local header offset ", h, " of entry ", e.name));
    std::uint64_t lname = rd(d + h + 26, 2), lextra = rd(d + h + 28, 2);
    if (!fits(h + 30, lname + lextra, cd_offset))
      bad_zip("local header of entry " + e.name + " runs past the data");
    if (std::string_view(reinterpret_cast<const char*>(d + h + 30), lname) != e.name)
      bad_zip("local header name does not match the central directory for entry " + e.name);
    e.data_offset = h + 30 + lname + lextra;
    if (!fits(e.data_offset, e.compressed_size, cd_offset))
      bad_zip(tjit::detail::str_cat("entry ", e.name, " (", e.compressed_size,
                                    " bytes at offset ", e.data_offset,
                                    ") extends past the end of the data"));
    if (e.method == 0 && e.compressed_size != e.uncompressed_size)
      bad_zip(tjit::detail::str_cat("stored entry ", e.name, " claims ", e.uncompressed_size,
                                    " bytes but holds ", e.compressed_size));
    if (e.method == 8 && e.uncompressed_size / 1100 > e.compressed_size + 1)
      bad_zip(tjit::detail::str_cat("deflated entry ", e.name, " claims ", e.uncompressed_size,
                                    " bytes from ", e.compressed_size,
                                    ", more than deflate can produce"));
    entries_.push_back(std::move(e));
  }

  // Entries must not overlap: each one's data ends before the next header starts.
  std::vector<const ZipEntry*> by_offset;
  for (const auto& e : entries_) by_offset.push_back(&e);
  std::sort(by_offset.begin(), by_offset.end(),
            [](auto* a, auto* b) { return a->header_offset < b->header_offset; });
  for (std::size_t i = 1; i < by_offset.size(); ++i)
    if (by_offset[i - 1]->data_offset + by_offset[i - 1]->compressed_size >
        by_offset[i]->header_offset)
      bad_zip("entries " + by_offset[i - 1]->name + " and " + by_offset[i]->name + " overlap");

  // Records: names under the folder of the first entry.
  archive_name_.clear();
  records_.clear();
  record_order_.clear();
  if (entries_.empty()) return;
  const std::string& first = entries_[0].name;
  auto slash = first.find('/');
  if (slash == std::string::npos)
    bad_zip("file in archive is not in a subdirectory: " + first);
  archive_name_ = first.substr(0, slash);
  std::string prefix = archive_name_ + "/";
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const std::string& name = entries_[i].name;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rec = name.substr(prefix.size());
    if (!records_.emplace(rec, i).second) bad_zip("duplicate entry " + name);
    record_order_.push_back(i);
  }
}

TJIT_DEF std::vector<std::string> ZipReader::records() const {
  std::vector<std::string> out;
  out.reserve(record_order_.size());
  for (std::size_t i : record_order_) out.push_back(entries_[i].name.substr(archive_name_.size() + 1));
  return out;
}

TJIT_DEF bool ZipReader::has_record(std::string_view name) const {
  return records_.count(std::string(name)) != 0;
}

TJIT_DEF const ZipEntry& ZipReader::entry(std::string_view name) const {
  auto it = records_.find(std::string(name));
  if (it == records_.end())
    throw Error(tjit::detail::str_cat("PytorchStreamReader failed locating file ", name,
                                      ": file not found"));
  return entries_[it->second];
}

TJIT_DEF void ZipReader::check_crc(const ZipEntry& e, const void* bytes, std::size_t n) const {
  if (!verify_crc_) return;
  std::uint32_t c = crc32(bytes, n);
  if (c != e.crc32)
    detail::bad_zip(tjit::detail::str_cat("CRC-32 mismatch in ", e.name, " (stored ", std::hex,
                                          e.crc32, ", computed ", c, ")"));
}

TJIT_DEF std::string ZipReader::read(std::string_view name) const {
  const ZipEntry& e = entry(name);
  const std::uint8_t* src = data_ + e.data_offset;
  if (e.method == 0) {
    std::string out(reinterpret_cast<const char*>(src), static_cast<std::size_t>(e.compressed_size));
    check_crc(e, out.data(), out.size());
    return out;
  }
  if (e.method != 8)
    detail::bad_zip(tjit::detail::str_cat("entry ", e.name, " uses unsupported compression method ", e.method));
  std::string out(static_cast<std::size_t>(e.uncompressed_size), '\0');
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw Error("zlib inflateInit2 failed");
  std::uint64_t in_left = e.compressed_size, out_done = 0;
  const std::uint8_t* in = src;
  int rc = Z_OK;
  while (true) {
    uInt in_chunk = static_cast<uInt>(std::min<std::uint64_t>(in_left, 1u << 30));
    uInt out_chunk = static_cast<uInt>(std::min<std::uint64_t>(e.uncompressed_size - out_done, 1u << 30));
    zs.next_in = const_cast<Bytef*>(in);
    zs.avail_in = in_chunk;
    zs.next_out = reinterpret_cast<Bytef*>(out.data()) + out_done;
    zs.avail_out = out_chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    std::uint64_t used_in = in_chunk - zs.avail_in, made = out_chunk - zs.avail_out;
    in += used_in;
    in_left -= used_in;
    out_done += made;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK || (used_in == 0 && made == 0)) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || out_done != e.uncompressed_size)
    detail::bad_zip(tjit::detail::str_cat("corrupt deflated data in ", e.name,
                                          rc == Z_STREAM_END ? " (size mismatch)" : ""));
  check_crc(e, out.data(), out.size());
  return out;
}

TJIT_DEF Storage ZipReader::get_storage(std::string_view name) const {
  const ZipEntry& e = entry(name);
  const std::uint8_t* src = data_ + e.data_offset;
  if (e.method == 0 && reinterpret_cast<std::uintptr_t>(src) % kStorageAlignment == 0 && owner_) {
    check_crc(e, src, static_cast<std::size_t>(e.uncompressed_size));
    return Storage::wrap(const_cast<std::uint8_t*>(src), static_cast<std::size_t>(e.uncompressed_size),
                         owner_);
  }
  std::string bytes = read(name);
  Storage s = Storage::allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(s.data(), bytes.data(), bytes.size());
  return s;
}

// ---- writer ------------------------------------------------------------------------------------

TJIT_DEF std::string archive_name_for_path(const std::string& path) {
  std::string base = path;
  auto slash = base.find_last_of('/');
  if (slash != std::string::npos) base = base.substr(slash + 1);
  auto dot = base.find_last_of('.');
  if (dot != std::string::npos) base = base.substr(0, dot);
  TJIT_CHECK(!base.empty(), "invalid file name: ", path);
  return base;
}

TJIT_DEF ZipWriter::ZipWriter(const std::string& path)
    : path_(path), archive_name_(archive_name_for_path(path)) {
  auto f = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*f) {
    int err = errno;
    throw Error(tjit::detail::str_cat("open file failed because of errno ", err, " on fopen: ",
                                      std::strerror(err), ", file path: ", path));
  }
  std::ostream* os = f.get();
  file_ = std::move(f);
  sink_ = [os](const void* p, std::size_t n) {
    os->write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
  };
}

TJIT_DEF ZipWriter::ZipWriter(std::ostream& out, std::string archive_name)
    : archive_name_(std::move(archive_name)) {
  std::ostream* os = &out;
  sink_ = [os](const void* p, std::size_t n) {
    os->write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
  };
}

TJIT_DEF ZipWriter::ZipWriter(Sink sink, std::string archive_name)
    : sink_(std::move(sink)), archive_name_(std::move(archive_name)) {}

TJIT_DEF ZipWriter::~ZipWriter() {
  if (!finalized_) {
    try {
      finalize();
    } catch (...) {
    }
  }
}

TJIT_DEF void ZipWriter::emit(const void* p, std::size_t n) {
  if (n == 0) return;
  sink_(p, n);
  pos_ += n;
  if (file_ && !*file_) throw Error("PytorchStreamWriter failed writing file " + path_);
}

TJIT_DEF bool ZipWriter::has_record(std::string_view name) const {
  return std::find(record_names_.begin(), record_names_.end(), name) != record_names_.end();
}

TJIT_DEF void ZipWriter::write_record(std::string_view name, const void* data, std::size_t n,
                                      Compression c) {
  using detail::put;
  TJIT_CHECK(!finalized_, "ZipWriter: write_record after finalize");
  TJIT_CHECK(!has_record(name), "ZipWriter: record ", name, " written twice");
  std::string full = archive_name_ + "/" + std::string(name);
  TJIT_CHECK(full.size() < 0xFFFF, "ZipWriter: record name too long");

  // Payload: raw bytes, or raw deflate at zlib's best compression.
  std::string deflated;
  const void* payload = data;
  std::uint64_t usize = n, csize = n;
  std::uint16_t method = 0;
  if (c == Compression::Deflated && n > 0) {
    z_stream zs{};
    TJIT_CHECK(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                            Z_DEFAULT_STRATEGY) == Z_OK, "zlib deflateInit2 failed");
    deflated.resize(deflateBound(&zs, static_cast<uLong>(n)));
    zs.next_in = const_cast<Bytef*>(static_cast<const Bytef*>(data));
    zs.avail_in = static_cast<uInt>(n);
    zs.next_out = reinterpret_cast<Bytef*>(deflated.data());
    zs.avail_out = static_cast<uInt>(deflated.size());
    int rc = deflate(&zs, Z_FINISH);
    deflated.resize(zs.total_out);
    deflateEnd(&zs);
    TJIT_CHECK(rc == Z_STREAM_END, "zlib deflate failed on ", name);
    payload = deflated.data();
    csize = deflated.size();
    method = 8;
  }
  std::uint32_t crc = crc32(data, n);
  std::uint64_t offset = pos_;
  bool big = usize >= 0xFFFFFFFF || csize >= 0xFFFFFFFF;
  bool far = offset >= 0xFFFFFFFF;
  std::uint16_t flags = n == 0 ? 0x0800 : 0x0808;
  std::uint16_t version = method == 8 ? 20 : 0;

  // Local header: zero CRC/sizes/time, a zip64 field for big or far entries, then FB padding.
  std::string h;
  put(h, detail::kLocalSig, 4);
  put(h, version, 2);
  put(h, flags, 2);
  put(h, method, 2);
  put(h, 0, 4);   // time, date
  put(h, 0, 4);   // crc
  put(h, 0, 8);   // sizes
  put(h, full.size(), 2);
  std::string extra;
  if (big || far) {
    put(extra, 1, 2);
    put(extra, (big ? 16 : 0) + (far ? 8 : 0), 2);
    if (big) {
      put(extra, usize, 8);
      put(extra, 0, 8);
    }
    if (far) put(extra, offset, 8);
  }
  std::uint64_t start = offset + 30 + full.size() + extra.size() + 4;
  std::uint64_t pad = (64 - start % 64) % 64;
  put(extra, 0x4246, 2);
  put(extra, pad, 2);
  extra.append(static_cast<std::size_t>(pad), 'Z');
  put(h, extra.size(), 2);
  h += full;
  h += extra;
  emit(h.data(), h.size());
  emit(payload, static_cast<std::size_t>(csize));
  if (n > 0) {
    std::string dd;
    put(dd, detail::kDescriptorSig, 4);
    put(dd, crc, 4);
    put(dd, csize, big || far ? 8 : 4);
    put(dd, usize, big || far ? 8 : 4);
    emit(dd.data(), dd.size());
  }
  central_.push_back({std::move(full), method, flags, version, crc, csize, usize, offset});
  record_names_.emplace_back(name);
}

TJIT_DEF void ZipWriter::finalize() {
  using detail::put;
  if (finalized_) return;
  finalized_ = true;
  std::uint64_t cd_offset = pos_;
  std::string cd;
  for (const Central& e : central_) {
    bool big = e.usize >= 0xFFFFFFFF || e.csize >= 0xFFFFFFFF;
    bool far = e.offset >= 0xFFFFFFFF;
    put(cd, detail::kCentralSig, 4);
    put(cd, 0, 2);  // version made by
    put(cd, e.version, 2);
    put(cd, e.flags, 2);
    put(cd, e.method, 2);
    put(cd, 0, 4);  // time, date
    put(cd, e.crc, 4);
    put(cd, big ? 0xFFFFFFFF : e.csize, 4);
    put(cd, big ? 0xFFFFFFFF : e.usize, 4);
    put(cd, e.name.size(), 2);
    put(cd, (big || far) ? 4 + (big ? 16 : 0) + (far ? 8 : 0) : 0, 2);
    put(cd, 0, 2);  // comment
    put(cd, 0, 2);  // disk
    put(cd, 0, 2);  // internal attributes
    put(cd, 0, 4);  // external attributes
    put(cd, far ? 0xFFFFFFFF : e.offset, 4);
    cd += e.name;
    if (big || far) {
      put(cd, 1, 2);
      put(cd, (big ? 16 : 0) + (far ? 8 : 0), 2);
      if (big) {
        put(cd, e.usize, 8);
        put(cd, e.csize, 8);
      }
      if (far) put(cd, e.offset, 8);
    }
  }
  std::uint64_t cd_size = cd.size();
  std::uint64_t z64 = cd_offset + cd_size;
  std::uint64_t count = central_.size();
  put(cd, detail::kZip64EocdSig, 4);
  put(cd, 44, 8);
  put(cd, 0x031E, 2);
  put(cd, 0x002D, 2);
  put(cd, 0, 4);
  put(cd, 0, 4);
  put(cd, count, 8);
  put(cd, count, 8);
  put(cd, cd_size, 8);
  put(cd, cd_offset, 8);
  put(cd, detail::kZip64LocatorSig, 4);
  put(cd, 0, 4);
  put(cd, z64, 8);
  put(cd, 1, 4);
  put(cd, detail::kEocdSig, 4);
  put(cd, 0, 4);
  put(cd, std::min<std::uint64_t>(count, 0xFFFF), 2);
  put(cd, std::min<std::uint64_t>(count, 0xFFFF), 2);
  put(cd, std::min<std::uint64_t>(cd_size, 0xFFFFFFFF), 4);
  put(cd, std::min<std::uint64_t>(cd_offset, 0xFFFFFFFF), 4);
  put(cd, 0, 2);
  emit(cd.data(), cd.size());
  if (file_) {
    file_->flush();
    TJIT_CHECK(static_cast<bool>(*file_), "PytorchStreamWriter failed writing file ", path_);
  }
}

}  // namespace tjit::serialize
