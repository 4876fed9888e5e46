// Every code/ record PyTorch 1.13 writes for the torchvision models parses, and the trees hold
// what the files say (checked on a few known records).
#include "tjit/frontend/parser.hpp"

#include "runfiles.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

namespace tf = tjit::frontend;

namespace {

// name -> text, from the records file the genrule writes.
std::map<std::string, std::string> load_records() {
  const std::string data = tjit_test::read_runfile("tests/frontend/torchvision_model_code.txt");
  const std::string marker = "==== tjit record: ";
  std::map<std::string, std::string> records;
  std::size_t pos = 0;
  while (pos < data.size()) {
    REQUIRE(data.compare(pos, marker.size(), marker) == 0);
    const std::size_t eol = data.find('\n', pos);
    std::string name = data.substr(pos + marker.size(), eol - pos - marker.size() - 5);
    std::size_t next = data.find("\n" + marker, eol);
    next = next == std::string::npos ? data.size() : next + 1;
    records[name] = data.substr(eol + 1, next - eol - 1);
    pos = next;
  }
  return records;
}

const std::map<std::string, std::string>& records() {
  static const auto r = load_records();
  return r;
}

}  // namespace

TEST_CASE("every torchvision code/ record parses") {
  std::set<std::string> models;
  std::size_t classes = 0, defs = 0;
  for (const auto& record : records()) {
    const std::string& name = record.first;
    const std::string& text = record.second;
    CAPTURE(name);
    models.insert(name.substr(0, name.find('/')));
    tf::Module m;
    try {
      m = tf::parse(text, name);
    } catch (const tjit::Error& e) {
      FAIL(e.what());
    }
    CHECK(!m.body.empty());
    for (const auto& s : m.body) {
      CHECK((s->is<tf::ClassDef>() || s->is<tf::Def>()));
      if (auto c = s->as<tf::ClassDef>()) {
        ++classes;
        for (const auto& item : c->body) defs += item->is<tf::Def>();
      } else {
        ++defs;
      }
    }
  }
  CHECK(models.size() == 9);
  CHECK(records().size() > 1000);
  MESSAGE(records().size() << " records, " << classes << " classes, " << defs << " defs");
}

TEST_CASE("a scripted resnet18 record parses into the classes and statements it holds") {
  auto it = records().find("resnet18/scripted/code/__torch__/torchvision/models/resnet.py");
  REQUIRE(it != records().end());
  tf::Module m = tf::parse(it->second);
  REQUIRE(m.body.size() == 2);
  auto resnet = m.body[0]->as<tf::ClassDef>();
  REQUIRE(resnet);
  CHECK(resnet->name == "ResNet");
  REQUIRE(resnet->bases.size() == 1);
  CHECK(tf::dump(*resnet->bases[0]) == "Module");
  CHECK(tf::dump(*resnet->body[0]) == "(= __parameters__ (list))");
  CHECK(tf::dump(*resnet->body[2]) == "(= training : bool _)");
  const tf::Def* forward = nullptr;
  for (const auto& s : resnet->body)
    if (auto d = s->as<tf::Def>(); d && d->name == "forward") forward = d;
  REQUIRE(forward);
  REQUIRE(forward->params.size() == 2);
  CHECK(tf::dump(*forward->params[0].annotation) == "(. (. (. (. __torch__ torchvision) models) resnet) ResNet)");
  CHECK(tf::dump(*forward->returns) == "Tensor");
  CHECK(tf::dump(*forward->body[0]) == "(return (call (. self _forward_impl) x))");
}

TEST_CASE("traced records: straight-line code with CONSTANTS and ops.prim calls") {
  std::size_t with_constants = 0, with_ops = 0;
  for (const auto& [name, text] : records()) {
    if (name.find("/traced/") == std::string::npos) continue;
    with_constants += text.find("CONSTANTS.c") != std::string::npos;
    with_ops += text.find("ops.prim.") != std::string::npos;
  }
  CHECK(with_ops > 0);
  MESSAGE(with_constants << " traced records use CONSTANTS");
}
