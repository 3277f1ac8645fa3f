#include "engine/model/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "engine/core/atomic_file.h"
#include "engine/core/errors.h"

namespace frontseat {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string& message) { throw CheckpointError(message); }

std::string q(const std::string& s) { return "'" + s + "'"; }

std::string errnoText(int err) { return std::strerror(err); }

std::string describeJsonType(const json& v) {
  if (v.is_number_float()) return "a non-integer number";
  if (v.is_number_integer() && !v.is_number_unsigned()) return "a negative number";
  if (v.is_number()) return "a number";
  return std::string("a ") + v.type_name();  // "a string", "a null", "a object" ...
}

// Thrown from inside the JSON parser callback to stop parsing early.
struct JsonAbort {
  std::string reason;
};

// Parses JSON text, rejecting duplicate object keys (nlohmann would silently keep the
// last one) and nesting deeper than `maxDepth`. `what` names the text in messages
// ("header", "index"). Throws CheckpointError prefixed with `sourceName`.
json parseJsonStrict(const char* begin, const char* end, const std::string& sourceName,
                     const std::string& what, int maxDepth) {
  std::vector<std::set<std::string>> keyStack;
  int depth = 0;
  json::parser_callback_t callback = [&](int, json::parse_event_t event, json& parsed) -> bool {
    switch (event) {
      case json::parse_event_t::object_start:
        if (++depth > maxDepth)
          throw JsonAbort{"it is nested more than " + std::to_string(maxDepth) + " levels deep"};
        keyStack.emplace_back();
        break;
      case json::parse_event_t::array_start:
        if (++depth > maxDepth)
          throw JsonAbort{"it is nested more than " + std::to_string(maxDepth) + " levels deep"};
        break;
      case json::parse_event_t::object_end:
        --depth;
        if (!keyStack.empty()) keyStack.pop_back();
        break;
      case json::parse_event_t::array_end:
        --depth;
        break;
      case json::parse_event_t::key:
        if (parsed.is_string() && !keyStack.empty()) {
          const auto& key = parsed.get_ref<const std::string&>();
          if (!keyStack.back().insert(key).second)
            throw JsonAbort{"the key " + q(key) + " appears twice in the same object"};
        }
        break;
      case json::parse_event_t::value:
        break;
    }
    return true;
  };
  try {
    return json::parse(begin, end, callback, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const JsonAbort& abort) {
    fail(sourceName + ": the " + what + " is not valid: " + abort.reason);
  } catch (const json::exception& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    std::string msg = e.what();
    auto pos = msg.find("] ");
    if (msg.rfind("[json.exception", 0) == 0 && pos != std::string::npos) msg = msg.substr(pos + 2);
    fail(sourceName + ": the " + what + " is not valid JSON (" + msg + ")");
  }
}

bool parseDType(const std::string& name, DType& out) {
  if (name == "F32") {
    out = DType::F32;
  } else if (name == "F16") {
    out = DType::F16;
  } else if (name == "BF16") {
    out = DType::BF16;
  } else {
    return false;
  }
  return true;
}

std::uint64_t readLe64(const std::byte* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<std::uint64_t>(p[i]);
  return v;
}

void putLe64(unsigned char* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>((v >> (8 * i)) & 0xffu);
}

// Checked a*b for sizes; false on overflow.
bool mulOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return true;
  out = a * b;
  return false;
}

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

struct ParsedEntry {
  TensorView view;
  std::uint64_t begin = 0, end = 0;
};

ParsedEntry parseEntry(const std::string& name, const json& v, const std::string& src) {
  const std::string where = src + ": tensor " + q(name);
  if (!v.is_object()) fail(where + " has a header entry that is " + describeJsonType(v) + ", not an object");

  ParsedEntry e;
  e.view.name = name;

  auto dt = v.find("dtype");
  if (dt == v.end()) fail(where + " is missing the field 'dtype'");
  if (!dt->is_string()) fail(where + " has a 'dtype' that is " + describeJsonType(*dt) + ", not a string");
  const auto& dtName = dt->get_ref<const std::string&>();
  if (!parseDType(dtName, e.view.dtype))
    fail(where + " has unsupported dtype " + q(dtName) +
         " — Frontseat reads F32, F16 and BF16");

  auto sh = v.find("shape");
  if (sh == v.end()) fail(where + " is missing the field 'shape'");
  if (!sh->is_array()) fail(where + " has a 'shape' that is " + describeJsonType(*sh) + ", not an array");
  std::uint64_t numel = 1;
  bool overflow = false, hasZero = false;
  for (const auto& d : *sh) {
    if (d.is_number_integer() && !d.is_number_unsigned())
      fail(where + " has a negative dimension " + std::to_string(d.get<int64_t>()) + " in its shape");
    if (!d.is_number_unsigned())
      fail(where + " has a shape dimension that is " + describeJsonType(d) + ", not a non-negative integer");
    const auto dim = d.get<std::uint64_t>();
    if (dim > static_cast<std::uint64_t>(std::numeric_limits<int64_t>::max()))
      fail(where + " has a shape dimension " + std::to_string(dim) + " that is too large");
    e.view.shape.push_back(static_cast<int64_t>(dim));
    if (dim == 0) hasZero = true;
    if (!overflow) overflow = mulOverflows(numel, dim, numel);
  }
  std::uint64_t expectedBytes = 0;
  if (!overflow) overflow = mulOverflows(numel, dtypeSize(e.view.dtype), expectedBytes);
  // A shape with a zero dimension has no elements, whatever the other dimensions are.
  if (hasZero) overflow = false, expectedBytes = 0;
  if (overflow) fail(where + " has a shape " + shapeText(e.view.shape) + " whose element count overflows");

  auto off = v.find("data_offsets");
  if (off == v.end()) fail(where + " is missing the field 'data_offsets'");
  if (!off->is_array() || off->size() != 2)
    fail(where + " has 'data_offsets' that is not an array of two offsets [begin, end]");
  for (const auto& o : *off)
    if (!o.is_number_unsigned())
      fail(where + " has a data offset that is " + describeJsonType(o) + ", not a non-negative integer");
  e.begin = (*off)[0].get<std::uint64_t>();
  e.end = (*off)[1].get<std::uint64_t>();
  if (e.begin > e.end)
    fail(where + " has data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
         ") whose begin is after its end");
  if (e.end - e.begin != expectedBytes)
    fail(where + " has " + std::to_string(e.end - e.begin) + " bytes of data but its shape " +
         shapeText(e.view.shape) + " and dtype " + dtName + " need " + std::to_string(expectedBytes) +
         " bytes");
  return e;
}

}  // namespace

std::size_t dtypeSize(DType dtype) {
  switch (dtype) {
    case DType::F32:
      return 4;
    case DType::F16:
    case DType::BF16:
      return 2;
  }
  return 0;
}

std::string dtypeName(DType dtype) {
  switch (dtype) {
    case DType::F32:
      return "F32";
    case DType::F16:
      return "F16";
    case DType::BF16:
      return "BF16";
  }
  return "?";
}

int64_t TensorView::numel() const {
  int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

bool TensorView::aligned() const {
  return reinterpret_cast<std::uintptr_t>(data) % dtypeSize(dtype) == 0;
}

SafetensorsIndex parseSafetensors(const std::byte* data, std::size_t size, const std::string& src) {
  if (size < 8)
    fail(src + ": the file is " + std::to_string(size) +
         " bytes long, too short to be a safetensors file (it must start with an 8-byte header length)");
  const std::uint64_t headerLen = readLe64(data);
  if (headerLen > kMaxSafetensorsHeaderBytes)
    fail(src + ": the header length " + std::to_string(headerLen) +
         " bytes is larger than the 100 MB limit; the file is not a safetensors file or is corrupt");
  if (headerLen > size - 8)
    fail(src + ": the header length " + std::to_string(headerLen) + " bytes runs past the end of the file (" +
         std::to_string(size) + " bytes); the file is truncated or corrupt");
  if (headerLen == 0) fail(src + ": the header is empty; the file is not a safetensors file or is corrupt");

  const char* hbegin = reinterpret_cast<const char*>(data + 8);
  // Depth 3 is all a valid header needs (object -> entry -> shape); leave some slack.
  json header = parseJsonStrict(hbegin, hbegin + headerLen, src, "header", 8);
  if (!header.is_object()) fail(src + ": the header is " + describeJsonType(header) + ", not a JSON object");

  const std::byte* dataSection = data + 8 + headerLen;
  const std::uint64_t dataSize = size - 8 - headerLen;

  SafetensorsIndex index;
  std::vector<ParsedEntry> entries;
  entries.reserve(header.size());
  for (auto it = header.begin(); it != header.end(); ++it) {
    const std::string& name = it.key();
    if (name == "__metadata__") {
      if (!it->is_object())
        fail(src + ": the header's __metadata__ is " + describeJsonType(*it) + ", not an object of strings");
      for (auto m = it->begin(); m != it->end(); ++m) {
        if (!m->is_string())
          fail(src + ": the header's __metadata__ entry " + q(m.key()) + " is " + describeJsonType(*m) +
               ", not a string");
        index.metadata[m.key()] = m->get<std::string>();
      }
      continue;
    }
    entries.push_back(parseEntry(name, *it, src));
  }

  for (auto& e : entries) {
    if (e.end > dataSize)
      fail(src + ": tensor " + q(e.view.name) + " has data range [" + std::to_string(e.begin) + ", " +
           std::to_string(e.end) + ") outside the data section (size " + std::to_string(dataSize) + ")");
  }

  std::stable_sort(entries.begin(), entries.end(), [](const ParsedEntry& a, const ParsedEntry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  const ParsedEntry* prev = nullptr;  // the non-empty tensor reaching furthest so far
  for (const auto& e : entries) {
    if (e.begin == e.end) continue;  // empty tensors own no bytes
    if (prev && e.begin < prev->end)
      fail(src + ": tensors " + q(prev->view.name) + " [" + std::to_string(prev->begin) + ", " +
           std::to_string(prev->end) + ") and " + q(e.view.name) + " [" + std::to_string(e.begin) + ", " +
           std::to_string(e.end) + ") have overlapping data ranges");
    if (!prev || e.end > prev->end) prev = &e;
  }

  index.tensors.reserve(entries.size());
  for (auto& e : entries) {
    e.view.data = dataSection + e.begin;
    e.view.nbytes = static_cast<std::size_t>(e.end - e.begin);
    e.view.dataOffset = static_cast<std::size_t>(e.begin);
    index.tensors.push_back(std::move(e.view));
  }
  return index;
}

// ---------------------------------------------------------------------------------------
// SafetensorsFile

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const fs::path& path) {
  const std::string src = path.string();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    fail(src + ": cannot open the weight file (" + errnoText(err) + ")");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    fail(src + ": cannot read the weight file (" + errnoText(err) + ")");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    fail(src + ": is not a regular file");
  }
  std::shared_ptr<SafetensorsFile> file(new SafetensorsFile());
  file->path_ = path;
  file->size_ = static_cast<std::size_t>(st.st_size);
  if (file->size_ > 0) {
    void* map = ::mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      fail(src + ": cannot map the weight file into memory (" + errnoText(err) + ")");
    }
    file->map_ = map;
  }
  ::close(fd);
  // The destructor unmaps if parsing throws.
  file->index_ = parseSafetensors(static_cast<const std::byte*>(file->map_), file->size_, src);
  file->byName_.reserve(file->index_.tensors.size());
  for (std::size_t i = 0; i < file->index_.tensors.size(); ++i)
    file->byName_.emplace(file->index_.tensors[i].name, i);
  return file;
}

SafetensorsFile::~SafetensorsFile() {
  if (map_) ::munmap(map_, size_);
}

const TensorView* SafetensorsFile::find(const std::string& name) const {
  auto it = byName_.find(name);
  return it == byName_.end() ? nullptr : &index_.tensors[it->second];
}

// ---------------------------------------------------------------------------------------
// SafetensorsCheckpoint

namespace {

std::string readSmallFile(const fs::path& path, std::uint64_t limit) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) fail(path.string() + ": cannot read (" + ec.message() + ")");
  if (size > limit) fail(path.string() + ": the file is " + std::to_string(size) + " bytes, too large");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path.string() + ": cannot open (" + errnoText(errno) + ")");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) fail(path.string() + ": cannot read the whole file");
  return text;
}

bool isPlainFileName(const std::string& s) {
  if (s.empty() || s == "." || s == "..") return false;
  return s.find('/') == std::string::npos && s.find('\\') == std::string::npos &&
         s.find('\0') == std::string::npos;
}

}  // namespace

SafetensorsCheckpoint SafetensorsCheckpoint::openFolder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) fail(dir.string() + ": the model folder does not exist");
  if (!fs::is_directory(dir, ec)) fail(dir.string() + ": is not a folder (expected a model folder)");

  SafetensorsCheckpoint ckpt;
  ckpt.dir_ = dir;
  const fs::path single = dir / "model.safetensors";
  const fs::path indexPath = dir / "model.safetensors.index.json";

  if (fs::exists(single, ec)) {
    ckpt.files_.push_back(SafetensorsFile::open(single));
    ckpt.fallbackName_ = "model.safetensors";
    for (const auto& t : ckpt.files_[0]->tensors()) ckpt.entries_.emplace(t.name, Entry{&t, 0});
    return ckpt;
  }

  if (!fs::exists(indexPath, ec)) {
    std::string msg = dir.string() + ": no weights found; looked for model.safetensors and "
                                     "model.safetensors.index.json";
    for (const char* other : {"pytorch_model.bin", "pytorch_model.bin.index.json", "tf_model.h5", "flax_model.msgpack"}) {
      if (fs::exists(dir / other, ec)) {
        msg += " (found " + std::string(other) +
               ", which Frontseat cannot read; convert the weights to safetensors first)";
        break;
      }
    }
    fail(msg);
  }

  const std::string src = indexPath.string();
  const std::string text = readSmallFile(indexPath, kMaxSafetensorsHeaderBytes);
  json index = parseJsonStrict(text.data(), text.data() + text.size(), src, "index", 16);
  if (!index.is_object()) fail(src + ": the index is " + describeJsonType(index) + ", not a JSON object");
  auto wm = index.find("weight_map");
  if (wm == index.end()) fail(src + ": the index is missing the field 'weight_map'");
  if (!wm->is_object())
    fail(src + ": the index's 'weight_map' is " + describeJsonType(*wm) + ", not an object");
  if (wm->empty()) fail(src + ": the index's 'weight_map' lists no tensors");

  ckpt.fallbackName_ = "model.safetensors.index.json";
  std::map<std::string, std::size_t> shardIndex;  // shard file name -> files_ index
  for (auto it = wm->begin(); it != wm->end(); ++it) {
    const std::string& name = it.key();
    if (!it->is_string())
      fail(src + ": the weight_map entry for tensor " + q(name) + " is " + describeJsonType(*it) +
           ", not a file name");
    const auto& shard = it->get_ref<const std::string&>();
    if (!isPlainFileName(shard))
      fail(src + ": the weight_map entry for tensor " + q(name) + " names the shard " + q(shard) +
           ", which is not a plain file name in the model folder");
    auto found = shardIndex.find(shard);
    if (found == shardIndex.end()) {
      const fs::path shardPath = dir / shard;
      if (!fs::exists(shardPath, ec))
        fail(src + ": the shard " + q(shard) + " (listed for tensor " + q(name) +
             ") is missing from the model folder");
      ckpt.files_.push_back(SafetensorsFile::open(shardPath));
      found = shardIndex.emplace(shard, ckpt.files_.size() - 1).first;
    }
    const TensorView* view = ckpt.files_[found->second]->find(name);
    if (!view)
      fail(src + ": tensor " + q(name) + " is listed in the weight_map for shard " + q(shard) +
           ", but that shard does not contain it");
    ckpt.entries_.emplace(name, Entry{view, found->second});
  }
  return ckpt;
}

const TensorView* SafetensorsCheckpoint::find(const std::string& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : it->second.view;
}

std::vector<std::string> SafetensorsCheckpoint::names() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& kv : entries_) out.push_back(kv.first);
  return out;
}

std::string SafetensorsCheckpoint::describe(const std::string& name) const {
  auto it = entries_.find(name);
  std::string file =
      it == entries_.end() ? fallbackName_ : files_[it->second.file]->path().filename().string();
  return file + ": " + q(name);
}

std::size_t SafetensorsCheckpoint::totalBytes() const {
  std::size_t total = 0;
  for (const auto& f : files_) total += f->fileSize();
  return total;
}

// ---------------------------------------------------------------------------------------
// Writing


void writeSafetensors(const fs::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata) {
  const std::string dst = path.string();
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) {
    auto& meta = header["__metadata__"];
    meta = nlohmann::ordered_json::object();
    for (const auto& kv : metadata) meta[kv.first] = kv.second;
  }
  std::set<std::string> seen;
  std::uint64_t offset = 0;
  for (const auto& t : tensors) {
    const std::string where = dst + ": tensor " + q(t.name);
    if (t.name == "__metadata__") fail(where + ": the name is reserved by the safetensors format");
    if (!seen.insert(t.name).second) fail(where + " is given twice");
    std::uint64_t numel = 1;
    bool overflow = false, hasZero = false;
    for (auto d : t.shape) {
      if (d < 0) fail(where + " has a negative dimension " + std::to_string(d));
      if (d == 0) hasZero = true;
      if (!overflow) overflow = mulOverflows(numel, static_cast<std::uint64_t>(d), numel);
    }
    std::uint64_t bytes = 0;
    if (!overflow) overflow = mulOverflows(numel, dtypeSize(t.dtype), bytes);
    if (hasZero) overflow = false, bytes = 0;
    if (overflow) fail(where + " has a shape " + shapeText(t.shape) + " whose element count overflows");
    if (bytes != t.nbytes)
      fail(where + " has " + std::to_string(t.nbytes) + " bytes of data but its shape " + shapeText(t.shape) +
           " and dtype " + dtypeName(t.dtype) + " need " + std::to_string(bytes) + " bytes");
    if (t.nbytes > 0 && t.data == nullptr) fail(where + " has no data pointer");
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    entry["dtype"] = dtypeName(t.dtype);
    entry["shape"] = t.shape;
    entry["data_offsets"] = {offset, offset + bytes};
    header[t.name] = std::move(entry);
    offset += bytes;
  }
  std::string text;
  try {
    text = header.dump();
  } catch (const nlohmann::json::exception&) {
    fail(dst + ": cannot write the header: a tensor name or metadata string is not valid UTF-8");
  }
  text.append((8 - text.size() % 8) % 8, ' ');
  unsigned char lenBytes[8];
  putLe64(lenBytes, text.size());

  std::vector<std::pair<const void*, std::size_t>> chunks;
  chunks.reserve(tensors.size() + 2);
  chunks.emplace_back(lenBytes, 8);
  chunks.emplace_back(text.data(), text.size());
  for (const auto& t : tensors)
    if (t.nbytes > 0) chunks.emplace_back(t.data, t.nbytes);
  writeFileAtomically(path, chunks);
}

}  // namespace frontseat
