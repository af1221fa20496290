// Writes raw git objects and pack files into a repository, for tests of hostile input: objects
// whose content does not hash to their id (a commit that is its own parent), commits with
// headers in orders git's own tools never write, and packs with crafted entries (a delta whose
// base is itself). Nothing here validates what it writes; that is the point.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sigwarden::testing {

// The object id git computes for data of that type ("commit", "tree", "blob"), as hex.
std::string object_id(const std::string& type, const std::string& data);

// Writes a loose object under the given id (any id: content and id need not agree).
void write_loose(const std::filesystem::path& git_dir, const std::string& id,
                 const std::string& type, const std::string& data);

// One entry of a pack: type 1 commit, 2 tree, 3 blob, 6 OFS_DELTA, 7 REF_DELTA; extra holds the
// bytes between the header and the zlib data (REF_DELTA: the base's raw 20-byte id).
struct PackItem {
  std::string id;  // hex
  int type = 3;
  std::string payload;
  std::string extra;
};

// Writes objects/pack/pack-<name>.pack and .idx (version 2) holding items in that order.
void write_pack(const std::filesystem::path& git_dir, const std::vector<PackItem>& items,
                const std::string& name);

// One tree entry: "<mode> <name>\0<raw id>".
std::string tree_entry(const std::string& mode, const std::string& name, const std::string& id);

// The 20 raw bytes of a hex id.
std::string raw_bytes(const std::string& hex_id);

// The loose objects of the repository (everything under objects/xx/), as hex ids: a test packs
// them with write_pack to control what is in the packs.
std::vector<std::string> loose_ids(const std::filesystem::path& git_dir);

// The type and content of a loose object.
std::pair<std::string, std::string> read_loose(const std::filesystem::path& git_dir,
                                               const std::string& id);

}  // namespace sigwarden::testing
