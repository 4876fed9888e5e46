// ZipReader / ZipWriter against files PyTorch 1.13 wrote (fixtures.bin, make_fixtures.py).
#include <doctest/doctest.h>

#include <cstring>
#include <sstream>

#include "support.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/serialize/zip.hpp"

using tjit::serialize::Compression;
using tjit::serialize::ZipReader;
using tjit::serialize::ZipWriter;
using tjit_test::fixture;
using tjit_test::fixtures;

namespace {

std::vector<std::string> torch_save_fixtures() {
  std::vector<std::string> out;
  for (const auto& [name, bytes] : fixtures())
    if ((name.rfind("dtype_", 0) == 0 || name == "views.pt" || name == "scalars.pt" ||
         name == "state_dict.pt" || name == "nested.pt" || name == "protocol4.pt" ||
         name == "int.pt") &&
        name.find(".expect") == std::string::npos)
      out.push_back(name);
  return out;
}

// Rewrites every record of `r` with ZipWriter (stored, or deflated where r deflated).
std::string rewrite(const ZipReader& r, bool deflate_like_original) {
  std::ostringstream out;
  ZipWriter w(out, r.archive_name());
  for (const auto& name : r.records()) {
    Compression c = deflate_like_original && r.entry(name).method == 8 ? Compression::Deflated
                                                                       : Compression::Stored;
    w.write_record(name, r.read(name), c);
  }
  w.finalize();
  return out.str();
}

void put32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::size_t central_dir(const std::string& z) { return z.find("PK\x01\x02"); }

}  // namespace

TEST_CASE("torch.save files: records, archive name, alignment") {
  ZipReader r = ZipReader::from_buffer(fixture("state_dict.pt"));
  CHECK(r.archive_name() == "archive");
  auto recs = r.records();
  REQUIRE(recs.size() == 11);
  CHECK(recs.front() == "data.pkl");
  CHECK(recs[1] == "data/0");
  CHECK(recs[2] == "data/1");
  CHECK(recs[3] == "data/2");  // string order: 0, 1, 2, ..., 8 (nine storages)
  CHECK(recs.back() == "version");
  CHECK(r.read("version") == "3\n");
  for (const auto& e : r.entries()) CHECK(e.data_offset % 64 == 0);
  CHECK(r.has_record("data/8"));
  CHECK_FALSE(r.has_record("data/9"));
  CHECK_THROWS_WITH_AS(r.read("data/9"), doctest::Contains("file not found"), tjit::Error);
}

TEST_CASE("memory-mapped reader aliases stored records") {
  std::string path = tjit_test::temp_file("single.pt", fixture("single_tensor.pt"));
  tjit::Storage s;
  const std::uint8_t* base;
  std::uint64_t off;
  {
    ZipReader r = ZipReader::open(path);
    s = r.get_storage("data/0");
    base = r.data();
    off = r.entry("data/0").data_offset;
    CHECK(s.data() == base + off);  // no copy
    CHECK(s.nbytes() == 5 * 7 * 4);
  }
  // The reader is gone; the storage keeps the mapping alive and is writable (copy on write).
  static_cast<float*>(s.data())[0] = 42.0f;
  CHECK(static_cast<float*>(s.data())[0] == 42.0f);
  CHECK(tjit_test::read_file(path) == fixture("single_tensor.pt"));  // file untouched
}

TEST_CASE("ZipWriter output is byte-identical to PyTorch's for stored records") {
  for (const auto& name : torch_save_fixtures()) {
    CAPTURE(name);
    const std::string& original = fixture(name);
    ZipReader r = ZipReader::from_buffer(original);
    CHECK(rewrite(r, false) == original);
  }
}

TEST_CASE("torch.jit.save archive: code records deflated, all readable, rewritable") {
  const std::string& bytes = fixture("module.pt");
  ZipReader r = ZipReader::from_buffer(bytes);
  CHECK(r.archive_name() == "archive");
  auto recs = r.records();
  CHECK(recs.back() == "version");
  bool saw_code = false;
  for (const auto& name : recs) {
    const auto& e = r.entry(name);
    if (name.rfind("code/", 0) == 0) {
      saw_code = true;
      CHECK(e.method == 8);
    } else {
      CHECK(e.method == 0);
    }
    CHECK(r.read(name).size() == e.uncompressed_size);
  }
  CHECK(saw_code);
  CHECK(r.read("code/__torch__.py").find("class M(Module):") != std::string::npos);
  // Rewritten with zlib's deflate: different bytes, same records.
  std::string again = rewrite(r, true);
  ZipReader r2 = ZipReader::from_buffer(again);
  CHECK(r2.records() == recs);
  for (const auto& name : recs) {
    CHECK(r2.read(name) == r.read(name));
    CHECK(r2.entry(name).method == r.entry(name).method);
  }
}

TEST_CASE("archive names as PyTorch derives them") {
  using tjit::serialize::archive_name_for_path;
  CHECK(archive_name_for_path("a.pt") == "a");
  CHECK(archive_name_for_path("foo.bar.pt") == "foo.bar");
  CHECK(archive_name_for_path("sub/x.y.z") == "x.y");
  CHECK(archive_name_for_path("noext") == "noext");
  CHECK(archive_name_for_path("trail.") == "trail");
  CHECK_THROWS_WITH_AS(archive_name_for_path(".hidden"), doctest::Contains("invalid file name"),
                       tjit::Error);
}

TEST_CASE("zero-length records and empty archives") {
  std::ostringstream out;
  {
    ZipWriter w(out, "zz");
    w.write_record("empty", "");
    w.write_record("x", "abc");
  }
  ZipReader r = ZipReader::from_buffer(out.str());
  CHECK(r.archive_name() == "zz");
  CHECK(r.read("empty").empty());
  CHECK(r.read("x") == "abc");
  CHECK(r.get_storage("empty").nbytes() == 0);
  std::ostringstream o2;
  ZipWriter w2(o2, "zz");
  w2.write_record("x", "1");
  CHECK_THROWS_WITH_AS(w2.write_record("x", "2"), doctest::Contains("written twice"), tjit::Error);
}

TEST_CASE("malformed containers give clear errors") {
  const std::string& good = fixture("state_dict.pt");
  SUBCASE("legacy torch.save file") {
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(fixture("legacy.pt")),
                         doctest::Contains("received a file from `torch.save()`"), tjit::Error);
  }
  SUBCASE("not a zip") {
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(std::string(100, 'x')),
                         doctest::Contains("failed finding central directory"), tjit::Error);
    CHECK_THROWS_AS(ZipReader::from_buffer(""), tjit::Error);
    CHECK_THROWS_WITH_AS(ZipReader::open("/nonexistent/file.pt"),
                         doctest::Contains("No such file"), tjit::Error);
  }
  SUBCASE("truncated at every point") {
    for (std::size_t n = 0; n < good.size(); ++n) {
      CAPTURE(n);
      CHECK_THROWS_AS(ZipReader::from_buffer(good.substr(0, n)), tjit::Error);
    }
  }
  SUBCASE("corrupted CRC") {
    std::string bad = good;
    std::size_t cd = central_dir(bad);
    bad[cd + 16] ^= 0x55;  // CRC of the first entry (data.pkl)
    ZipReader r = ZipReader::from_buffer(bad);
    CHECK_THROWS_WITH_AS(r.read("data.pkl"), doctest::Contains("CRC-32 mismatch"), tjit::Error);
    r.set_verify_crc(false);
    CHECK_NOTHROW(r.read("data.pkl"));
  }
  SUBCASE("corrupted data") {
    ZipReader r0 = ZipReader::from_buffer(good);
    std::string bad = good;
    bad[r0.entry("data/0").data_offset] ^= 1;
    ZipReader r = ZipReader::from_buffer(bad);
    CHECK_THROWS_WITH_AS(r.get_storage("data/0"), doctest::Contains("CRC-32 mismatch"),
                         tjit::Error);
  }
  SUBCASE("sizes that lie") {
    std::string bad = good;
    std::size_t cd = central_dir(bad);
    put32(bad, cd + 20, 0x7FFFFFF0);  // compressed size of data.pkl
    put32(bad, cd + 24, 0x7FFFFFF0);
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(bad), doctest::Contains("past the end"),
                         tjit::Error);
    bad = good;
    put32(bad, cd + 24, 1000);  // stored entry with different sizes
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(bad), doctest::Contains("claims"), tjit::Error);
  }
  SUBCASE("deflated entry claiming more than deflate can produce") {
    std::string bad = fixture("module.pt");
    ZipReader r = ZipReader::from_buffer(bad);
    std::size_t cd = central_dir(bad);
    // The central entry of code/__torch__.py, given a huge uncompressed size.
    std::size_t p = bad.find("archive/code/__torch__.py", cd) - 46;
    REQUIRE(bad.compare(p, 4, "PK\x01\x02") == 0);
    put32(bad, p + 24, 0xFFFFFFF0);
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(bad), doctest::Contains("more than deflate"),
                         tjit::Error);
    // A size that is plausible but wrong: inflating fails cleanly.
    bad = fixture("module.pt");
    put32(bad, p + 24, r.entry("code/__torch__.py").uncompressed_size + 7);
    ZipReader r2 = ZipReader::from_buffer(bad);
    CHECK_THROWS_WITH_AS(r2.read("code/__torch__.py"), doctest::Contains("corrupt deflated"),
                         tjit::Error);
    // Corrupt deflate stream.
    bad = fixture("module.pt");
    for (std::size_t i = 0; i < 8; ++i) bad[r.entry("code/__torch__.py").data_offset + i] ^= 0xA5;
    ZipReader r3 = ZipReader::from_buffer(bad);
    CHECK_THROWS_AS(r3.read("code/__torch__.py"), tjit::Error);
  }
  SUBCASE("overlapping and out-of-range entries") {
    std::string bad = good;
    std::size_t cd = central_dir(bad);
    std::size_t second = bad.find("PK\x01\x02", cd + 4);
    put32(bad, second + 42, 0);  // data/0 claims to start where data.pkl starts
    CHECK_THROWS_AS(ZipReader::from_buffer(bad), tjit::Error);
    bad = good;
    put32(bad, second + 42, static_cast<std::uint32_t>(bad.size() + 100));
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(bad), doctest::Contains("local header"),
                         tjit::Error);
    bad = good;
    std::size_t eocd = bad.rfind("PK\x05\x06");
    std::size_t z64 = bad.rfind("PK\x06\x06");
    put32(bad, z64 + 48, 0xFFFFFF);  // zip64 cd offset out of range
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(bad), doctest::Contains("outside the file"),
                         tjit::Error);
    bad = good;
    put32(bad, eocd - 20 + 8, 12345678);  // locator pointing nowhere
    CHECK_THROWS_WITH_AS(ZipReader::from_buffer(bad), doctest::Contains("zip64"), tjit::Error);
  }
  SUBCASE("every single-byte corruption of the container is harmless") {
    // Headers, central directory and end records: flip each byte; reading all records either
    // works or throws tjit::Error (never crashes; run under ASan/valgrind to see reads).
    ZipReader r0 = ZipReader::from_buffer(good);
    for (std::size_t i = 0; i < good.size(); ++i) {
      for (unsigned char x : {0x01, 0x80, 0xFF}) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ x);
        try {
          ZipReader r = ZipReader::from_buffer(bad);
          for (const auto& name : r.records()) r.get_storage(name);
        } catch (const tjit::Error&) {
        }
      }
    }
  }
}

namespace {
void put(std::string& s, std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// One stored entry "a/x" whose central entry saturates sizes and offset and carries them in a
// zip64 extra field (what PyTorch writes for entries beyond 4 GiB), with saturated EOCD fields.
std::string zip64_archive(int zip64_payload) {
  const std::string name = "a/x", data = "hello";
  std::uint32_t crc = tjit::serialize::crc32(data.data(), data.size());
  std::string z;
  put(z, 0x04034b50, 4);
  put(z, 45, 2);
  put(z, 0, 2);
  put(z, 0, 2);
  put(z, 0, 4);
  put(z, crc, 4);
  put(z, 0xFFFFFFFF, 4);
  put(z, 0xFFFFFFFF, 4);
  put(z, name.size(), 2);
  put(z, 20, 2);
  z += name;
  put(z, 1, 2);
  put(z, 16, 2);
  put(z, data.size(), 8);
  put(z, data.size(), 8);
  z += data;
  std::uint64_t cd = z.size();
  put(z, 0x02014b50, 4);
  put(z, 45, 2);
  put(z, 45, 2);
  put(z, 0, 2);
  put(z, 0, 2);
  put(z, 0, 4);
  put(z, crc, 4);
  put(z, 0xFFFFFFFF, 4);
  put(z, 0xFFFFFFFF, 4);
  put(z, name.size(), 2);
  put(z, 4 + zip64_payload, 2);
  put(z, 0, 2);
  put(z, 0, 2);
  put(z, 0, 2);
  put(z, 0, 4);
  put(z, 0xFFFFFFFF, 4);
  z += name;
  put(z, 1, 2);
  put(z, zip64_payload, 2);
  std::string fields;
  put(fields, data.size(), 8);
  put(fields, data.size(), 8);
  put(fields, 0, 8);
  z += fields.substr(0, static_cast<std::size_t>(zip64_payload));
  std::uint64_t cd_size = z.size() - cd, z64 = z.size();
  put(z, 0x06064b50, 4);
  put(z, 44, 8);
  put(z, 45, 2);
  put(z, 45, 2);
  put(z, 0, 8);
  put(z, 1, 8);
  put(z, 1, 8);
  put(z, cd_size, 8);
  put(z, cd, 8);
  put(z, 0x07064b50, 4);
  put(z, 0, 4);
  put(z, z64, 8);
  put(z, 1, 4);
  put(z, 0x06054b50, 4);
  put(z, 0, 4);
  put(z, 0xFFFF, 2);
  put(z, 0xFFFF, 2);
  put(z, 0xFFFFFFFF, 4);
  put(z, 0xFFFFFFFF, 4);
  put(z, 0, 2);
  return z;
}
}  // namespace

TEST_CASE("zip64: sizes and offsets from central extras, end records from the locator") {
  ZipReader r = ZipReader::from_buffer(zip64_archive(24));
  CHECK(r.archive_name() == "a");
  CHECK(r.read("x") == "hello");
  CHECK(r.entry("x").header_offset == 0);
  CHECK_THROWS_WITH_AS(ZipReader::from_buffer(zip64_archive(8)),
                       doctest::Contains("truncated zip64 extra"), tjit::Error);
  // Saturated EOCD fields without a zip64 locator.
  std::string z = zip64_archive(24);
  std::size_t loc = z.rfind("PK\x06\x07");
  z[loc + 3] = 0x09;
  CHECK_THROWS_WITH_AS(ZipReader::from_buffer(z), doctest::Contains("locator is missing"),
                       tjit::Error);
}

TEST_CASE("ZipWriter: zip64 end records always, as PyTorch writes them") {
  std::uint64_t total = 0;
  std::string tail;
  ZipWriter w([&](const void* p, std::size_t n) {
    total += n;
    if (n < 4096) tail.append(static_cast<const char*>(p), n);
  }, "big");
  w.write_record("small", "abc");
  w.finalize();
  // The end records: zip64 EOCD (record size 44, made by 0x031E, needs 45), locator, EOCD.
  std::size_t z64 = tail.rfind("PK\x06\x06");
  REQUIRE(z64 != std::string::npos);
  CHECK(static_cast<unsigned char>(tail[z64 + 4]) == 44);
  CHECK(static_cast<unsigned char>(tail[z64 + 12]) == 0x1E);
  CHECK(static_cast<unsigned char>(tail[z64 + 13]) == 0x03);
  CHECK(static_cast<unsigned char>(tail[z64 + 14]) == 45);
  CHECK(tail.rfind("PK\x06\x07") == z64 + 56);
  CHECK(tail.rfind("PK\x05\x06") == z64 + 56 + 20);
  CHECK(total == tail.size());
}

TEST_CASE("CRC-32 of large records is computed in pieces on all threads and combined") {
  // zlib's one-pass CRC is the reference; pieces of >= 4 MiB run on the intra-op threads.
  std::vector<unsigned char> bytes((std::size_t{21} << 20) + 12345);
  std::uint32_t x = 2463534242u;
  for (auto& b : bytes) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    b = static_cast<unsigned char>(x);
  }
  const int saved = tjit::get_num_threads();
  tjit::set_num_threads(1);
  const std::uint32_t serial = tjit::serialize::crc32(bytes.data(), bytes.size());
  const std::uint32_t serial_from = tjit::serialize::crc32(bytes.data(), bytes.size(), 0xdeadbeefu);
  for (int threads : {2, 3, 5}) {
    tjit::set_num_threads(threads);
    CHECK(tjit::serialize::crc32(bytes.data(), bytes.size()) == serial);
    CHECK(tjit::serialize::crc32(bytes.data(), bytes.size(), 0xdeadbeefu) == serial_from);
  }
  tjit::set_num_threads(saved);
  // zlib's own value for a known string: crc32("123456789") = 0xcbf43926.
  CHECK(tjit::serialize::crc32("123456789", 9) == 0xcbf43926u);
}
