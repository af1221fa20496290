#include "git/revision.h"

#include <cctype>
#include <cstring>
#include <string_view>

namespace sigwarden::git {

namespace {

// The id a ref name or an abbreviated/full hex id stands for, unpeeled.
std::optional<git_oid> resolve_base(git_repository* repo, const std::string& base) {
  git_reference* raw = nullptr;
  if (git_reference_dwim(&raw, repo, base.c_str()) == 0) {
    Owned<git_reference, git_reference_free> ref(raw);
    git_reference* raw_resolved = nullptr;
    if (git_reference_resolve(&raw_resolved, ref.get()) != 0) return std::nullopt;
    Owned<git_reference, git_reference_free> resolved(raw_resolved);
    const git_oid* target = git_reference_target(resolved.get());
    if (target == nullptr) return std::nullopt;
    return *target;
  }
  if (base.size() < 4 || base.size() > GIT_OID_HEXSZ) return std::nullopt;
  for (char c : base) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
  }
  git_oid prefix;
  if (git_oid_fromstrn(&prefix, base.data(), base.size()) != 0) return std::nullopt;
  if (base.size() == GIT_OID_HEXSZ) return prefix;
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) != 0) return std::nullopt;
  Owned<git_odb, git_odb_free> odb(raw_odb);
  git_oid full;
  if (git_odb_exists_prefix(&full, odb.get(), &prefix, base.size()) != 0) return std::nullopt;
  return full;
}

// The commit an object id stands for: itself, or what an annotated tag points at.
std::optional<git_oid> peel_to_commit(git_repository* repo, const git_oid& id) {
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) != 0) return std::nullopt;
  Owned<git_odb, git_odb_free> odb(raw_odb);
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_odb_read_header(&size, &type, odb.get(), &id) != 0) return std::nullopt;
  if (type == GIT_OBJECT_COMMIT) return id;
  if (type != GIT_OBJECT_TAG) return std::nullopt;
  git_object* raw_tag = nullptr;
  if (git_object_lookup(&raw_tag, repo, &id, GIT_OBJECT_TAG) != 0) return std::nullopt;
  ObjectPtr tag(raw_tag);
  git_object* raw_target = nullptr;
  if (git_tag_peel(&raw_target, reinterpret_cast<git_tag*>(tag.get())) != 0) return std::nullopt;
  ObjectPtr target(raw_target);
  if (git_object_type(target.get()) != GIT_OBJECT_COMMIT) return std::nullopt;
  return *git_object_id(target.get());
}

}  // namespace

std::optional<ResolvedRevision> resolve_revision(git_repository* repo, CommitReader& reader,
                                                 const std::string& rev) {
  if (rev.find("@{") != std::string::npos || rev.find("^{") != std::string::npos ||
      rev.find(':') != std::string::npos || rev.find("..") != std::string::npos) {
    return std::nullopt;
  }
  // The suffixes: a run of ~N and ^N at the end.
  std::size_t end = rev.size();
  std::size_t first = rev.find_first_of("~^");
  std::string base = rev.substr(0, first);
  if (base.empty()) return std::nullopt;
  std::optional<git_oid> id = resolve_base(repo, base);
  if (id) id = peel_to_commit(repo, *id);
  if (!id) return std::nullopt;
  RawCommit commit = reader.read(*id);
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) != 0) return std::nullopt;
  Owned<git_odb, git_odb_free> odb(raw_odb);
  // Moves to a parent; false when it is not in the object store (beyond a shallow cut).
  auto step = [&](const RawId& parent) {
    std::memcpy(id->id, parent.data(), GIT_OID_RAWSZ);
    if (git_odb_exists(odb.get(), &*id) == 0) return false;
    commit = reader.read(*id);
    return true;
  };
  for (std::size_t pos = first; pos < end;) {
    char op = rev[pos++];
    if (op != '~' && op != '^') return std::nullopt;
    std::size_t digits = pos;
    while (digits < end && std::isdigit(static_cast<unsigned char>(rev[digits])) != 0) ++digits;
    if (digits - pos > 6) return std::nullopt;
    int n = digits == pos ? 1 : std::stoi(rev.substr(pos, digits - pos));
    pos = digits;
    if (op == '^') {
      if (n == 0) continue;
      if (static_cast<std::size_t>(n) > commit.parents.size()) return std::nullopt;
      if (!step(commit.parents[n - 1])) return std::nullopt;
      continue;
    }
    for (int k = 0; k < n; ++k) {
      if (commit.parents.empty() || !step(commit.parents[0])) return std::nullopt;
    }
  }
  ResolvedRevision out;
  out.commit = *id;
  std::memcpy(out.tree.id, commit.tree.data(), GIT_OID_RAWSZ);
  return out;
}

}  // namespace sigwarden::git
