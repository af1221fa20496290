#include "support/raw_objects.h"

#include <git2.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sigwarden::testing {

namespace {

std::string deflate(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                1) != Z_OK) {
    throw std::runtime_error("deflate failed");
  }
  out.resize(size);
  return out;
}

std::string inflate_all(const std::string& data) {
  std::string out;
  z_stream zs{};
  inflateInit(&zs);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  char buf[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  return out;
}

std::string sha1_hex_of_bytes(const std::string& bytes) {
  // git_odb_hash prefixes a "blob <n>\0" header: not the plain SHA-1, but readers only compare
  // the trailer of the pack with its copy in the index, so any 20 bytes that agree will do.
  git_oid id;
  git_odb_hash(&id, bytes.data(), bytes.size(), GIT_OBJECT_BLOB);
  return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void write_file(const std::filesystem::path& path, const std::string& data) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << data;
}

}  // namespace

std::string object_id(const std::string& type, const std::string& data) {
  git_oid id;
  git_odb_hash(&id, data.data(), data.size(), git_object_string2type(type.c_str()));
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &id);
  return hex;
}

std::string raw_bytes(const std::string& hex_id) {
  git_oid id;
  git_oid_fromstr(&id, hex_id.c_str());
  return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}

void write_loose(const std::filesystem::path& git_dir, const std::string& id,
                 const std::string& type, const std::string& data) {
  std::string full = type + " " + std::to_string(data.size()) + std::string(1, '\0') + data;
  std::filesystem::path path = git_dir / "objects" / id.substr(0, 2) / id.substr(2);
  std::filesystem::remove(path);
  write_file(path, deflate(full));
}

std::pair<std::string, std::string> read_loose(const std::filesystem::path& git_dir,
                                               const std::string& id) {
  std::ifstream in(git_dir / "objects" / id.substr(0, 2) / id.substr(2), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  std::string all = inflate_all(s.str());
  std::size_t sp = all.find(' ');
  std::size_t nul = all.find('\0');
  return {all.substr(0, sp), all.substr(nul + 1)};
}

std::vector<std::string> loose_ids(const std::filesystem::path& git_dir) {
  std::vector<std::string> out;
  for (const auto& dir : std::filesystem::directory_iterator(git_dir / "objects")) {
    std::string name = dir.path().filename().string();
    if (name.size() != 2 || !dir.is_directory()) continue;
    for (const auto& f : std::filesystem::directory_iterator(dir.path())) {
      out.push_back(name + f.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string tree_entry(const std::string& mode, const std::string& name, const std::string& id) {
  return mode + " " + name + std::string(1, '\0') + raw_bytes(id);
}

void write_pack(const std::filesystem::path& git_dir, const std::vector<PackItem>& items,
                const std::string& name) {
  std::string pack = "PACK";
  put32(pack, 2);
  put32(pack, static_cast<std::uint32_t>(items.size()));
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> crcs;
  for (const PackItem& item : items) {
    offsets.push_back(static_cast<std::uint32_t>(pack.size()));
    std::string chunk;
    std::size_t size = item.payload.size();
    unsigned char c = static_cast<unsigned char>((item.type << 4) | (size & 15));
    size >>= 4;
    while (size != 0) {
      chunk += static_cast<char>(c | 0x80);
      c = size & 0x7f;
      size >>= 7;
    }
    chunk += static_cast<char>(c);
    chunk += item.extra + deflate(item.payload);
    crcs.push_back(static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(chunk.data()), static_cast<uInt>(chunk.size()))));
    pack += chunk;
  }
  std::string trailer = sha1_hex_of_bytes(pack);
  pack += trailer;
  std::vector<std::size_t> order(items.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::vector<std::string> raw;
  for (const PackItem& item : items) raw.push_back(raw_bytes(item.id));
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return raw[a] < raw[b]; });
  std::string idx = "\377tOc";
  put32(idx, 2);
  std::uint32_t fan[256] = {};
  for (std::size_t k : order) ++fan[static_cast<unsigned char>(raw[k][0])];
  std::uint32_t acc = 0;
  for (std::uint32_t f : fan) {
    acc += f;
    put32(idx, acc);
  }
  for (std::size_t k : order) idx += raw[k];
  for (std::size_t k : order) put32(idx, crcs[k]);
  for (std::size_t k : order) put32(idx, offsets[k]);
  idx += trailer;
  idx += sha1_hex_of_bytes(idx);
  std::filesystem::path dir = git_dir / "objects" / "pack";
  write_file(dir / ("pack-" + name + ".pack"), pack);
  write_file(dir / ("pack-" + name + ".idx"), idx);
}

}  // namespace sigwarden::testing
