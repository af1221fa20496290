// Rule sets (lint/catalogue.h): the input is parsed as a rules/*.yaml file, then every rule it
// added is looked up by id and by a near miss.
#include <cstddef>
#include <cstdint>

#include "core/error.h"
#include "fuzz_common.h"
#include "lint/catalogue.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  Catalogue catalogue;
  try {
    catalogue.add_rule_set("fuzz.yaml", std::string(fuzz::as_text(data, size)));
  } catch (const Error&) {
  }
  std::vector<std::string> ids;
  for (const Rule& rule : catalogue.rules()) ids.push_back(rule.id);
  for (std::size_t i = 0; i < ids.size() && i < 32; ++i) {
    catalogue.find(ids[i]);
    catalogue.nearest(ids[i] + "x");
  }
  catalogue.nearest("sig-lead-mising");
  return 0;
}
