// An in-memory NTFS-like volume C: with the NT semantics drivers observe through ZwCreateFile,
// ZwOpenFile, ZwReadFile, ZwWriteFile, ZwQueryInformationFile, ZwSetInformationFile and ZwClose.
//
// The volume is pure state: no host I/O, no clock, no threads. The caller (ksim's I/O DDIs) turns
// a Zw* call into one method call and copies the result into the IO_STATUS_BLOCK. A FileHandleId
// stands for one FILE_OBJECT (one successful create); ksim maps its HANDLE values onto them.
//
// Semantics that matter to callers:
//   * Paths are object-manager paths (\DosDevices\C:\..., \??\C:\..., \GLOBAL??\C:\...,
//     \Device\HarddiskVolume3\...); see nt_path.h for how bad ones fail. Names compare
//     case-insensitively (as OBJ_CASE_INSENSITIVE on NTFS) and keep the creator's case.
//   * There is no security: every requested right is granted. Access still matters for what a
//     handle may do later and for share-access checks (share_access.h).
//   * Timestamps come from set_time(); nothing else makes output depend on the host.
//   * Ids are deterministic: handles count up from 1, files are numbered in creation order
//     (the root is 0), and list() returns names in NTFS collation (upper-cased) order.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "volume/nt_file_constants.h"
#include "volume/nt_path.h"
#include "volume/nt_status_codes.h"
#include "volume/share_access.h"

namespace ksim::volume {

enum class FileHandleId : std::uint64_t { none = 0 };
enum class FileId : std::uint64_t { root = 0 };

struct CreateResult {
  NTSTATUS status;
  FileHandleId id;            // FileHandleId::none unless the create succeeded
  std::uint64_t information;  // FILE_CREATED, FILE_OPENED, ... or FILE_EXISTS / FILE_DOES_NOT_EXIST
};

struct IoResult {
  NTSTATUS status;
  std::uint64_t information;  // bytes transferred
};

// FILE_BASIC_INFORMATION; times are 100-ns system time values from set_time().
struct FileBasicInformation {
  std::int64_t CreationTime;
  std::int64_t LastAccessTime;
  std::int64_t LastWriteTime;
  std::int64_t ChangeTime;
  std::uint32_t FileAttributes;
};

// FILE_STANDARD_INFORMATION.
struct FileStandardInformation {
  std::int64_t AllocationSize;  // EndOfFile rounded up to the 4096-byte cluster
  std::int64_t EndOfFile;
  std::uint32_t NumberOfLinks;
  bool DeletePending;
  bool Directory;
};

template <class Info>
struct QueryResult {
  NTSTATUS status;
  Info info;  // value-initialised unless status is a success
};

class Volume {
 public:
  // The root C:\ always exists; each of directories ("C:\Temp", ...) is created with its parents.
  // Throws std::invalid_argument for a path that is not a valid "C:\..." name.
  explicit Volume(const std::vector<std::u16string>& directories = {});

  // Sets the system time stamped on later changes (100-ns units, as KeQuerySystemTime).
  void set_time(std::int64_t system_time) { now_ = system_time; }

  // ZwCreateFile. desired_access may hold GENERIC_* bits; they are mapped to file rights.
  // FILE_SYNCHRONOUS_IO_* requires SYNCHRONIZE and FILE_DELETE_ON_CLOSE requires DELETE
  // (else STATUS_INVALID_PARAMETER). FILE_OVERWRITE* and FILE_SUPERSEDE truncate to 0 bytes
  // and must be shared as a write (a delete, for supersede). information is FILE_EXISTS with
  // STATUS_OBJECT_NAME_COLLISION and FILE_DOES_NOT_EXIST with STATUS_OBJECT_NAME_NOT_FOUND.
  // Other failures: missing directory on the way → OBJECT_PATH_NOT_FOUND, delete-pending file or
  // directory → DELETE_PENDING, FILE_DIRECTORY_FILE on a file → NOT_A_DIRECTORY,
  // FILE_NON_DIRECTORY_FILE on a directory → FILE_IS_A_DIRECTORY, overwriting a directory →
  // OBJECT_NAME_COLLISION, writing or overwriting a read-only file → ACCESS_DENIED.
  CreateResult create(std::u16string_view nt_path, std::uint32_t desired_access, std::uint32_t share_access,
                      std::uint32_t disposition, std::uint32_t create_options, std::uint32_t file_attributes = 0);
  // ZwOpenFile: create() with FILE_OPEN.
  CreateResult open(std::u16string_view nt_path, std::uint32_t desired_access, std::uint32_t share_access,
                    std::uint32_t open_options);
  // ZwClose. Closing the last handle of a delete-pending file deletes it.
  NTSTATUS close(FileHandleId id);

  // ZwWriteFile / ZwReadFile. byte_offset is the ByteOffset argument: nullopt (NULL) or
  // FILE_USE_FILE_POINTER_POSITION use the current position of a synchronous handle and are
  // invalid on an asynchronous one; FILE_WRITE_TO_END_OF_FILE appends, as does any write
  // through a handle with FILE_APPEND_DATA but not FILE_WRITE_DATA. Synchronous handles move
  // their position past the bytes transferred. Reading at or past the end → STATUS_END_OF_FILE.
  IoResult write(FileHandleId id, std::optional<std::int64_t> byte_offset, std::string_view data);
  IoResult read(FileHandleId id, std::optional<std::int64_t> byte_offset, std::span<char> buffer);

  // FileRenameInformation. new_name is a full object-manager path or, without a leading '\', a
  // new name in the same directory. Needs DELETE access on the handle. Open handles follow the file.
  NTSTATUS rename(FileHandleId id, std::u16string_view new_name, bool replace_if_exists);
  // FileDispositionInformation: marks (or unmarks) the file for deletion at its last close.
  NTSTATUS set_disposition(FileHandleId id, bool delete_file);
  // FilePositionInformation.
  NTSTATUS set_position(FileHandleId id, std::int64_t position);
  // ZwDeleteFile: open for DELETE, mark for deletion, close.
  NTSTATUS delete_file(std::u16string_view nt_path);

  // ZwQueryInformationFile classes. FileBasicInformation needs FILE_READ_ATTRIBUTES.
  QueryResult<FileBasicInformation> query_basic(FileHandleId id) const;
  QueryResult<FileStandardInformation> query_standard(FileHandleId id) const;
  QueryResult<std::int64_t> query_position(FileHandleId id) const;
  QueryResult<FileId> query_internal(FileHandleId id) const;      // FILE_INTERNAL_INFORMATION.IndexNumber
  QueryResult<std::u16string> query_name(FileHandleId id) const;  // FILE_NAME_INFORMATION: "\Temp\x.txt"

  // Inspection for tests and ksim's checks. Paths may be "C:\Temp\x" or object-manager paths;
  // a path that does not parse or does not exist reads as absent (false, nullopt, empty, 0).
  bool exists(std::u16string_view path) const;
  std::optional<std::string> contents(std::u16string_view path) const;  // files only
  std::vector<std::u16string> list(std::u16string_view directory) const;
  std::size_t open_count(std::u16string_view path) const;             // handles on the file
  std::vector<FileHandleId> writers(std::u16string_view path) const;  // with write/append access
  std::size_t handle_count() const { return handles_.size(); }        // on the whole volume

 private:
  struct Node {
    FileId id;
    FileId parent;        // the root is its own parent
    std::u16string name;  // as its creator or last renamer spelled it
    std::u16string key;   // upcase(name): its entry in the parent's children
    bool directory;
    std::uint32_t attributes;
    std::int64_t creation_time;
    std::int64_t last_access_time;
    std::int64_t last_write_time;
    std::int64_t change_time;
    std::string data;
    std::map<std::u16string, FileId> children;  // keyed by upper-cased name
    ShareAccess share;
    std::vector<FileHandleId> opens;  // every handle on this file, in open order
    bool delete_pending = false;
  };

  struct Handle {
    FileId file;
    std::uint32_t access;  // generic rights already mapped
    std::uint32_t share;
    bool synchronous;
    bool delete_on_close;
    std::int64_t position = 0;
  };

  // Where a parsed path leads: the directory holding its last name and the node of that name.
  struct Resolved {
    NTSTATUS status;
    Node* parent;  // nullptr for the root itself
    Node* node;    // nullptr if the last name does not exist
    std::u16string_view name;
  };

  Resolved resolve(const VolumePath& path) const;
  Node* find_for_inspection(std::u16string_view path) const;
  Node& node(FileId id) const { return *nodes_[static_cast<std::size_t>(id)]; }
  Handle* handle(FileHandleId id);
  const Handle* handle(FileHandleId id) const;

  NTSTATUS open_existing(Node& file, const Handle& request, std::uint32_t disposition, std::uint32_t options,
                         std::uint32_t file_attributes, bool trailing_separator);
  Node& add_node(Node& parent, std::u16string_view name, bool directory, std::uint32_t attributes);
  void delete_node(Node& file);
  void touch_directory(Node& directory);
  bool has_open_descendant(const Node& directory) const;
  bool is_same_or_ancestor(const Node& ancestor, const Node& file) const;

  std::vector<std::unique_ptr<Node>> nodes_;  // indexed by FileId; nullptr once deleted
  std::map<FileHandleId, Handle> handles_;
  std::uint64_t next_handle_ = 1;
  std::int64_t now_ = 0;
  // Scratch space for path lookups, kept to avoid allocating on every call.
  mutable VolumePath scratch_path_;
  mutable std::u16string scratch_key_;
};

}  // namespace ksim::volume
