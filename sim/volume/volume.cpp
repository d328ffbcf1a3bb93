#include "volume/volume.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace ksim::volume {
namespace {

constexpr std::int64_t kClusterSize = 4096;
// Files are held in host memory, so the volume reports itself full well before the host is.
constexpr std::int64_t kMaxFileSize = std::int64_t{1} << 30;
constexpr std::uint32_t kDataWriteAccess = FILE_WRITE_DATA | FILE_APPEND_DATA;
// Attributes a caller may ask for; DIRECTORY and ARCHIVE are the file system's to set.
constexpr std::uint32_t kSettableAttributes = FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM |
                                              FILE_ATTRIBUTE_TEMPORARY | FILE_ATTRIBUTE_OFFLINE |
                                              FILE_ATTRIBUTE_NOT_CONTENT_INDEXED;

// The file object type's GENERIC_MAPPING. With no security, MAXIMUM_ALLOWED grants everything.
std::uint32_t map_generic_access(std::uint32_t access) {
  std::uint32_t mapped = access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED);
  if (access & GENERIC_READ) mapped |= FILE_GENERIC_READ;
  if (access & GENERIC_WRITE) mapped |= FILE_GENERIC_WRITE;
  if (access & GENERIC_EXECUTE) mapped |= FILE_GENERIC_EXECUTE;
  if (access & (GENERIC_ALL | MAXIMUM_ALLOWED)) mapped |= FILE_ALL_ACCESS;
  return mapped;
}

bool replaces_contents(std::uint32_t disposition) {
  return disposition == FILE_SUPERSEDE || disposition == FILE_OVERWRITE || disposition == FILE_OVERWRITE_IF;
}

CreateResult create_failure(NTSTATUS status, std::uint64_t information = 0) {
  return {status, FileHandleId::none, information};
}

}  // namespace

Volume::Volume(const std::vector<std::u16string>& directories) {
  auto root = std::make_unique<Node>();
  root->id = FileId::root;
  root->parent = FileId::root;
  root->directory = true;
  root->attributes = FILE_ATTRIBUTE_DIRECTORY;
  nodes_.push_back(std::move(root));

  for (const std::u16string& directory : directories) {
    VolumePath path;
    if (!nt_success(parse_dos_path(directory, path))) throw std::invalid_argument("Volume: bad directory path");
    Node* parent = &node(FileId::root);
    for (std::u16string_view name : path.components) {
      upcase(name, scratch_key_);
      const auto it = parent->children.find(scratch_key_);
      parent = it == parent->children.end() ? &add_node(*parent, name, true, 0) : &node(it->second);
      if (!parent->directory) throw std::invalid_argument("Volume: directory path runs through a file");
    }
  }
}

CreateResult Volume::create(std::u16string_view nt_path, std::uint32_t desired_access, std::uint32_t share_access,
                            std::uint32_t disposition, std::uint32_t create_options, std::uint32_t file_attributes) {
  // Parameter checks the I/O manager makes before any name lookup.
  const bool want_directory = (create_options & FILE_DIRECTORY_FILE) != 0;
  const std::uint32_t sync_options = create_options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT);
  Handle request{FileId::root, map_generic_access(desired_access), share_access, sync_options != 0,
                 (create_options & FILE_DELETE_ON_CLOSE) != 0};
  if (disposition > FILE_OVERWRITE_IF || (want_directory && (create_options & FILE_NON_DIRECTORY_FILE) != 0) ||
      (want_directory && disposition != FILE_CREATE && disposition != FILE_OPEN && disposition != FILE_OPEN_IF) ||
      sync_options == (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT) ||
      (request.synchronous && (request.access & SYNCHRONIZE) == 0) ||
      (request.delete_on_close && (request.access & DELETE) == 0)) {
    return create_failure(STATUS_INVALID_PARAMETER);
  }

  const NTSTATUS parsed = parse_nt_path(nt_path, scratch_path_);
  if (!nt_success(parsed)) return create_failure(parsed);
  if (scratch_path_.names_volume) return create_failure(STATUS_NOT_IMPLEMENTED);  // volume handles are not modelled
  const Resolved target = resolve(scratch_path_);
  if (!nt_success(target.status)) return create_failure(target.status);

  Node* file = target.node;
  std::uint64_t information = FILE_OPENED;
  if (file != nullptr) {
    const NTSTATUS status =
        open_existing(*file, request, disposition, create_options, file_attributes, scratch_path_.trailing_separator);
    if (!nt_success(status)) {
      return create_failure(status, status == STATUS_OBJECT_NAME_COLLISION ? FILE_EXISTS : 0);
    }
    if (disposition == FILE_SUPERSEDE) information = FILE_SUPERSEDED;
    if (disposition == FILE_OVERWRITE || disposition == FILE_OVERWRITE_IF) information = FILE_OVERWRITTEN;
  } else {
    if (disposition == FILE_OPEN || disposition == FILE_OVERWRITE) {
      return create_failure(STATUS_OBJECT_NAME_NOT_FOUND, FILE_DOES_NOT_EXIST);
    }
    if (target.parent->delete_pending) return create_failure(STATUS_DELETE_PENDING);
    // "x.txt\" may only name a directory.
    if (scratch_path_.trailing_separator && !want_directory) return create_failure(STATUS_OBJECT_NAME_INVALID);
    if (request.delete_on_close && (file_attributes & FILE_ATTRIBUTE_READONLY) != 0) {
      return create_failure(STATUS_CANNOT_DELETE);
    }
    file = &add_node(*target.parent, target.name, want_directory, file_attributes);
    information = FILE_CREATED;
  }

  const FileHandleId id{next_handle_++};
  request.file = file->id;
  file->share.add(request.access, request.share);
  file->opens.push_back(id);
  handles_.emplace(id, request);
  return {STATUS_SUCCESS, id, information};
}

NTSTATUS Volume::open_existing(Node& file, const Handle& request, std::uint32_t disposition, std::uint32_t options,
                               std::uint32_t file_attributes, bool trailing_separator) {
  // A delete-pending name still exists but cannot be opened, not even to collide with.
  if (file.delete_pending) return STATUS_DELETE_PENDING;
  if (disposition == FILE_CREATE) return STATUS_OBJECT_NAME_COLLISION;
  const bool replaces = replaces_contents(disposition);
  if (file.directory) {
    if ((options & FILE_NON_DIRECTORY_FILE) != 0) return STATUS_FILE_IS_A_DIRECTORY;
    // A directory has no contents to overwrite; the name is taken by something else.
    if (replaces) return STATUS_OBJECT_NAME_COLLISION;
  } else {
    if ((options & FILE_DIRECTORY_FILE) != 0) return STATUS_NOT_A_DIRECTORY;
    if (trailing_separator) return STATUS_OBJECT_NAME_INVALID;
  }
  if (request.delete_on_close && (file.id == FileId::root || (file.attributes & FILE_ATTRIBUTE_READONLY) != 0)) {
    return STATUS_CANNOT_DELETE;
  }
  if (!file.directory && (file.attributes & FILE_ATTRIBUTE_READONLY) != 0 &&
      (replaces || (request.access & kDataWriteAccess) != 0)) {
    return STATUS_ACCESS_DENIED;
  }
  // Overwriting a hidden or system file must restate those attributes (NTFS rule).
  if (replaces && (file.attributes & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM) & ~file_attributes) != 0) {
    return STATUS_ACCESS_DENIED;
  }
  // Replacing the contents is a write (a delete, for supersede) that other openers must share,
  // even when the caller asked for less.
  std::uint32_t checked_access = request.access;
  if (disposition == FILE_SUPERSEDE) checked_access |= DELETE;
  if (replaces) checked_access |= FILE_WRITE_DATA;
  if (!file.share.allows(checked_access, request.share)) return STATUS_SHARING_VIOLATION;

  if (replaces) {
    file.data.clear();
    file.attributes = (file_attributes & kSettableAttributes) | FILE_ATTRIBUTE_ARCHIVE;
    file.last_write_time = now_;
    file.change_time = now_;
  }
  return STATUS_SUCCESS;
}

CreateResult Volume::open(std::u16string_view nt_path, std::uint32_t desired_access, std::uint32_t share_access,
                          std::uint32_t open_options) {
  return create(nt_path, desired_access, share_access, FILE_OPEN, open_options, 0);
}

NTSTATUS Volume::close(FileHandleId id) {
  const auto it = handles_.find(id);
  if (it == handles_.end()) return STATUS_INVALID_HANDLE;
  const Handle closed = it->second;
  handles_.erase(it);

  Node& file = node(closed.file);
  file.share.remove(closed.access, closed.share);
  std::erase(file.opens, id);
  // Delete-on-close takes effect at this handle's close; the file goes with the last one.
  if (closed.delete_on_close) file.delete_pending = true;
  if (file.opens.empty() && file.delete_pending) delete_node(file);
  return STATUS_SUCCESS;
}

IoResult Volume::write(FileHandleId id, std::optional<std::int64_t> byte_offset, std::string_view data) {
  Handle* h = handle(id);
  if (h == nullptr) return {STATUS_INVALID_HANDLE, 0};
  if ((h->access & kDataWriteAccess) == 0) return {STATUS_ACCESS_DENIED, 0};
  Node& file = node(h->file);
  if (file.directory) return {STATUS_INVALID_DEVICE_REQUEST, 0};

  const auto size = static_cast<std::int64_t>(file.data.size());
  std::int64_t offset = 0;
  if ((h->access & kDataWriteAccess) == FILE_APPEND_DATA || byte_offset == FILE_WRITE_TO_END_OF_FILE) {
    offset = size;
  } else if (!byte_offset || *byte_offset == FILE_USE_FILE_POINTER_POSITION) {
    if (!h->synchronous) return {STATUS_INVALID_PARAMETER, 0};
    offset = h->position;
  } else if (*byte_offset < 0) {
    return {STATUS_INVALID_PARAMETER, 0};
  } else {
    offset = *byte_offset;
  }
  if (data.empty()) return {STATUS_SUCCESS, 0};
  const auto length = static_cast<std::int64_t>(data.size());
  if (offset > kMaxFileSize - length) return {STATUS_DISK_FULL, 0};

  const std::int64_t end = offset + length;
  if (end > size) file.data.resize(static_cast<std::size_t>(end));  // a gap past the old end reads as zeros
  std::copy(data.begin(), data.end(), file.data.begin() + offset);
  file.last_write_time = now_;
  file.change_time = now_;
  if (h->synchronous) h->position = end;
  return {STATUS_SUCCESS, data.size()};
}

IoResult Volume::read(FileHandleId id, std::optional<std::int64_t> byte_offset, std::span<char> buffer) {
  Handle* h = handle(id);
  if (h == nullptr) return {STATUS_INVALID_HANDLE, 0};
  if ((h->access & FILE_READ_DATA) == 0) return {STATUS_ACCESS_DENIED, 0};
  const Node& file = node(h->file);
  if (file.directory) return {STATUS_INVALID_DEVICE_REQUEST, 0};

  std::int64_t offset = 0;
  if (!byte_offset || *byte_offset == FILE_USE_FILE_POINTER_POSITION) {
    if (!h->synchronous) return {STATUS_INVALID_PARAMETER, 0};
    offset = h->position;
  } else if (*byte_offset < 0) {
    return {STATUS_INVALID_PARAMETER, 0};
  } else {
    offset = *byte_offset;
  }
  if (buffer.empty()) return {STATUS_SUCCESS, 0};
  const auto size = static_cast<std::int64_t>(file.data.size());
  if (offset >= size) return {STATUS_END_OF_FILE, 0};

  const std::int64_t length = std::min(static_cast<std::int64_t>(buffer.size()), size - offset);
  std::copy_n(file.data.begin() + offset, length, buffer.begin());
  if (h->synchronous) h->position = offset + length;
  return {STATUS_SUCCESS, static_cast<std::uint64_t>(length)};
}

NTSTATUS Volume::rename(FileHandleId id, std::u16string_view new_name, bool replace_if_exists) {
  const Handle* h = handle(id);
  if (h == nullptr) return STATUS_INVALID_HANDLE;
  if ((h->access & DELETE) == 0) return STATUS_ACCESS_DENIED;
  Node& file = node(h->file);
  if (file.id == FileId::root) return STATUS_INVALID_PARAMETER;

  // Find the target directory, as the I/O manager's open of the rename target does.
  Node* parent = nullptr;
  Node* existing = nullptr;
  std::u16string_view name;
  if (!new_name.empty() && new_name.front() == u'\\') {
    const NTSTATUS parsed = parse_nt_path(new_name, scratch_path_);
    if (!nt_success(parsed)) return parsed;
    if (scratch_path_.names_volume || scratch_path_.components.empty() || scratch_path_.trailing_separator) {
      return STATUS_OBJECT_NAME_INVALID;
    }
    const Resolved target = resolve(scratch_path_);
    if (!nt_success(target.status)) return target.status;
    parent = target.parent;
    existing = target.node;
    name = target.name;
  } else {
    // A bare name renames within the current directory.
    if (!is_valid_file_name(new_name)) return STATUS_OBJECT_NAME_INVALID;
    parent = &node(file.parent);
    upcase(new_name, scratch_key_);
    const auto it = parent->children.find(scratch_key_);
    existing = it == parent->children.end() ? nullptr : &node(it->second);
    name = new_name;
  }

  if (file.directory && is_same_or_ancestor(file, *parent)) return STATUS_INVALID_PARAMETER;
  if (existing != nullptr && existing != &file) {
    if (!replace_if_exists) return STATUS_OBJECT_NAME_COLLISION;
    // Only an unopened file may be replaced; a directory never.
    if (existing->directory || !existing->opens.empty()) return STATUS_ACCESS_DENIED;
  }
  // A directory cannot move while anything beneath it is open.
  if (file.directory && has_open_descendant(file)) return STATUS_ACCESS_DENIED;

  if (existing != nullptr && existing != &file) delete_node(*existing);
  Node& old_parent = node(file.parent);
  old_parent.children.erase(file.key);
  touch_directory(old_parent);
  file.name = name;
  upcase(name, file.key);
  file.parent = parent->id;
  file.change_time = now_;
  parent->children.emplace(file.key, file.id);
  touch_directory(*parent);
  return STATUS_SUCCESS;
}

NTSTATUS Volume::set_disposition(FileHandleId id, bool delete_file) {
  const Handle* h = handle(id);
  if (h == nullptr) return STATUS_INVALID_HANDLE;
  if ((h->access & DELETE) == 0) return STATUS_ACCESS_DENIED;
  Node& file = node(h->file);
  if (delete_file) {
    if (file.id == FileId::root || (file.attributes & FILE_ATTRIBUTE_READONLY) != 0) return STATUS_CANNOT_DELETE;
    if (!file.children.empty()) return STATUS_DIRECTORY_NOT_EMPTY;
  }
  file.delete_pending = delete_file;
  return STATUS_SUCCESS;
}

NTSTATUS Volume::set_position(FileHandleId id, std::int64_t position) {
  Handle* h = handle(id);
  if (h == nullptr) return STATUS_INVALID_HANDLE;
  if (position < 0) return STATUS_INVALID_PARAMETER;
  h->position = position;
  return STATUS_SUCCESS;
}

NTSTATUS Volume::delete_file(std::u16string_view nt_path) {
  const CreateResult opened = open(nt_path, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, 0);
  if (!nt_success(opened.status)) return opened.status;
  const NTSTATUS status = set_disposition(opened.id, true);
  close(opened.id);
  return status;
}

QueryResult<FileBasicInformation> Volume::query_basic(FileHandleId id) const {
  const Handle* h = handle(id);
  if (h == nullptr) return {STATUS_INVALID_HANDLE, {}};
  if ((h->access & FILE_READ_ATTRIBUTES) == 0) return {STATUS_ACCESS_DENIED, {}};
  const Node& file = node(h->file);
  return {STATUS_SUCCESS,
          {file.creation_time, file.last_access_time, file.last_write_time, file.change_time, file.attributes}};
}

QueryResult<FileStandardInformation> Volume::query_standard(FileHandleId id) const {
  const Handle* h = handle(id);
  if (h == nullptr) return {STATUS_INVALID_HANDLE, {}};
  const Node& file = node(h->file);
  const auto size = static_cast<std::int64_t>(file.data.size());
  const std::int64_t allocation = (size + kClusterSize - 1) / kClusterSize * kClusterSize;
  return {STATUS_SUCCESS, {allocation, size, 1, file.delete_pending, file.directory}};
}

QueryResult<std::int64_t> Volume::query_position(FileHandleId id) const {
  const Handle* h = handle(id);
  if (h == nullptr) return {STATUS_INVALID_HANDLE, 0};
  return {STATUS_SUCCESS, h->position};
}

QueryResult<FileId> Volume::query_internal(FileHandleId id) const {
  const Handle* h = handle(id);
  if (h == nullptr) return {STATUS_INVALID_HANDLE, {}};
  return {STATUS_SUCCESS, h->file};
}

QueryResult<std::u16string> Volume::query_name(FileHandleId id) const {
  const Handle* h = handle(id);
  if (h == nullptr) return {STATUS_INVALID_HANDLE, {}};
  std::vector<const Node*> chain;
  for (const Node* n = &node(h->file); n->id != FileId::root; n = &node(n->parent)) chain.push_back(n);
  std::u16string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) path += u'\\' + (*it)->name;
  if (path.empty()) path = u"\\";
  return {STATUS_SUCCESS, path};
}

bool Volume::exists(std::u16string_view path) const { return find_for_inspection(path) != nullptr; }

std::optional<std::string> Volume::contents(std::u16string_view path) const {
  const Node* file = find_for_inspection(path);
  if (file == nullptr || file->directory) return std::nullopt;
  return file->data;
}

std::vector<std::u16string> Volume::list(std::u16string_view directory) const {
  std::vector<std::u16string> names;
  const Node* dir = find_for_inspection(directory);
  if (dir == nullptr) return names;
  names.reserve(dir->children.size());
  for (const auto& [key, id] : dir->children) names.push_back(node(id).name);
  return names;
}

std::size_t Volume::open_count(std::u16string_view path) const {
  const Node* file = find_for_inspection(path);
  return file == nullptr ? 0 : file->opens.size();
}

std::vector<FileHandleId> Volume::writers(std::u16string_view path) const {
  std::vector<FileHandleId> ids;
  const Node* file = find_for_inspection(path);
  if (file == nullptr) return ids;
  for (FileHandleId id : file->opens) {
    if ((handle(id)->access & kDataWriteAccess) != 0) ids.push_back(id);
  }
  return ids;
}

Volume::Resolved Volume::resolve(const VolumePath& path) const {
  Node* directory = nodes_.front().get();
  if (path.components.empty()) return {STATUS_SUCCESS, nullptr, directory, {}};
  const std::size_t last = path.components.size() - 1;
  for (std::size_t i = 0; i < last; ++i) {
    upcase(path.components[i], scratch_key_);
    const auto it = directory->children.find(scratch_key_);
    // NTFS reports a file in the middle of a path like a missing directory.
    if (it == directory->children.end() || !node(it->second).directory) {
      return {STATUS_OBJECT_PATH_NOT_FOUND, nullptr, nullptr, {}};
    }
    directory = &node(it->second);
  }
  upcase(path.components[last], scratch_key_);
  const auto it = directory->children.find(scratch_key_);
  return {STATUS_SUCCESS, directory, it == directory->children.end() ? nullptr : &node(it->second),
          path.components[last]};
}

Volume::Node* Volume::find_for_inspection(std::u16string_view path) const {
  const NTSTATUS parsed =
      !path.empty() && path.front() == u'\\' ? parse_nt_path(path, scratch_path_) : parse_dos_path(path, scratch_path_);
  if (!nt_success(parsed) || scratch_path_.names_volume) return nullptr;
  const Resolved found = resolve(scratch_path_);
  return nt_success(found.status) ? found.node : nullptr;
}

Volume::Handle* Volume::handle(FileHandleId id) {
  const auto it = handles_.find(id);
  return it == handles_.end() ? nullptr : &it->second;
}

const Volume::Handle* Volume::handle(FileHandleId id) const {
  const auto it = handles_.find(id);
  return it == handles_.end() ? nullptr : &it->second;
}

Volume::Node& Volume::add_node(Node& parent, std::u16string_view name, bool directory, std::uint32_t attributes) {
  auto file = std::make_unique<Node>();
  file->id = static_cast<FileId>(nodes_.size());
  file->parent = parent.id;
  file->name = name;
  upcase(name, file->key);
  file->directory = directory;
  file->attributes =
      (attributes & kSettableAttributes) | (directory ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE);
  file->creation_time = now_;
  file->last_access_time = now_;
  file->last_write_time = now_;
  file->change_time = now_;
  parent.children.emplace(file->key, file->id);
  touch_directory(parent);
  nodes_.push_back(std::move(file));
  return *nodes_.back();
}

void Volume::delete_node(Node& file) {
  assert(file.id != FileId::root && file.opens.empty());
  // A directory that gained entries after being marked keeps them; NTFS drops the delete.
  if (!file.children.empty()) {
    file.delete_pending = false;
    return;
  }
  Node& parent = node(file.parent);
  parent.children.erase(file.key);
  touch_directory(parent);
  nodes_[static_cast<std::size_t>(file.id)].reset();
}

void Volume::touch_directory(Node& directory) {
  directory.last_write_time = now_;
  directory.change_time = now_;
}

bool Volume::has_open_descendant(const Node& directory) const {
  return std::any_of(directory.children.begin(), directory.children.end(), [this](const auto& entry) {
    const Node& child = node(entry.second);
    return !child.opens.empty() || has_open_descendant(child);
  });
}

bool Volume::is_same_or_ancestor(const Node& ancestor, const Node& file) const {
  for (const Node* n = &file;; n = &node(n->parent)) {
    if (n == &ancestor) return true;
    if (n->id == FileId::root) return false;
  }
}

}  // namespace ksim::volume
