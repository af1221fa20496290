#include "git/commit_reader.h"

#include <fmt/format.h>

#include "core/error.h"

namespace sigwarden::git {

CommitReader::CommitReader(git_repository* repo, PackReader* packs) : repo_(repo), packs_(packs) {
  if (packs_ == nullptr) {
    own_packs_ = std::make_unique<PackReader>(git_repository_path(repo));
    packs_ = own_packs_.get();
  }
  git_odb* odb = nullptr;
  check(git_repository_odb(&odb, repo), "open the object database");
  odb_.reset(odb);
}

CommitReader::~CommitReader() = default;

std::string CommitReader::read_bytes(const git_oid& id, bool* complete) {
  std::string what = fmt::format("read commit {}", oid_hex(&id));
  ObjectLimits limits{ObjectType::kCommit, kMaxCommitBytes, /*truncate=*/true};
  try {
    if (std::shared_ptr<const PackObject> packed = packs_->read(id.id, limits)) {
      *complete = !packed->truncated;
      return packed->data;
    }
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", what, e.what()));
  }
  // Not in a pack this reader reads (a loose object, or a pack of another version): libgit2's
  // object database, the size asked first so that a huge object is never read whole.
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  int rc = git_odb_read_header(&size, &type, odb_.get(), &id);
  if (rc == GIT_ENOTFOUND) {
    throw Error(fmt::format(
        "{}: it is not in the object store (a shallow or partial clone? fetch full history, "
        "e.g. 'fetch-depth: 0')",
        what));
  }
  check(rc, what);
  if (type != GIT_OBJECT_COMMIT) {
    throw Error(fmt::format("{}: the object is a {}, not a commit", what,
                            object_type_name(static_cast<int>(type))));
  }
  if (size <= kMaxCommitBytes) {
    git_odb_object* raw = nullptr;
    check(git_odb_read(&raw, odb_.get(), &id), what);
    Owned<git_odb_object, git_odb_object_free> object(raw);
    *complete = true;
    return std::string(static_cast<const char*>(git_odb_object_data(object.get())),
                       git_odb_object_size(object.get()));
  }
  git_odb_stream* raw_stream = nullptr;
  check(git_odb_open_rstream(&raw_stream, &size, &type, odb_.get(), &id), what);
  Owned<git_odb_stream, git_odb_stream_free> stream(raw_stream);
  std::string out(kMaxCommitBytes, '\0');
  std::size_t got = 0;
  while (got < out.size()) {
    int n = git_odb_stream_read(stream.get(), out.data() + got, out.size() - got);
    check(n, what);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  *complete = false;
  return out;
}

RawCommit CommitReader::read(const git_oid& id) {
  bool complete = true;
  std::string data = read_bytes(id, &complete);
  RawCommit c;
  std::string problem = parse_raw_commit(data, c, complete);
  if (!problem.empty()) {
    throw Error(fmt::format("read commit {}: {}", oid_hex(&id), problem));
  }
  return c;
}

}  // namespace sigwarden::git
