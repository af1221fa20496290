// sig-info.yaml in both flavours and openEuler OWNERS (registry/sig_info.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "registry/sig_info.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  std::string_view text = fuzz::as_text(data, size);
  if (!fuzz::readable_text(text)) return 0;
  const Patterns& patterns = fuzz::shipped_patterns();
  parse_sig_info("sig/Compiler/sig-info.yaml", text, "Compiler", SigInfoFlavor::kOpenEuler,
                 patterns);
  parse_sig_info("sigs/compiler/sig-info.yaml", text, "compiler", SigInfoFlavor::kGeneric,
                 patterns);
  parse_openeuler_owners("sig/Compiler/OWNERS", text, patterns);
  for (const Line& line : split_lines(text)) split_list_value(line.text);
  return 0;
}
