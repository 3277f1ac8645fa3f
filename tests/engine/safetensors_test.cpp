#include "engine/model/safetensors.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "engine/core/errors.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

namespace fs = std::filesystem;

void writeBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

std::string le64(std::uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  return s;
}

// A safetensors image from a header text and a data section.
std::string image(const std::string& header, const std::string& data = "") {
  return le64(header.size()) + header + data;
}

// Runs `fn`, expects a CheckpointError whose message contains every one of `parts`.
void expectError(const std::function<void()>& fn, std::initializer_list<std::string> parts) {
  try {
    fn();
  } catch (const CheckpointError& e) {
    const std::string msg = e.what();
    for (const auto& part : parts) EXPECT_NE(msg.find(part), std::string::npos) << "'" << part << "' not in: " << msg;
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected CheckpointError, got another exception: " << e.what();
    return;
  }
  ADD_FAILURE() << "expected CheckpointError, nothing was thrown";
}

// Writes `bytes` as model.safetensors in a fresh folder, opens it, expects an error.
void expectFileError(const std::string& test, const std::string& bytes, std::initializer_list<std::string> parts) {
  const fs::path dir = testing::scratchDir("safetensors-" + test);
  const fs::path file = dir / "model.safetensors";
  writeBytes(file, bytes);
  expectError([&] { SafetensorsFile::open(file); }, parts);
  // The in-memory parser must agree (the fuzzer uses it).
  expectError([&] { parseSafetensors(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size(), "mem"); }, {});
}

std::string oneTensor(const std::string& entry) { return "{\"w\":" + entry + "}"; }

// ---------------------------------------------------------------------------------------
// Round trips

TEST(Safetensors, DtypeHelpers) {
  EXPECT_EQ(dtypeSize(DType::F32), 4u);
  EXPECT_EQ(dtypeSize(DType::F16), 2u);
  EXPECT_EQ(dtypeSize(DType::BF16), 2u);
  EXPECT_EQ(dtypeName(DType::F32), "F32");
  EXPECT_EQ(dtypeName(DType::F16), "F16");
  EXPECT_EQ(dtypeName(DType::BF16), "BF16");
}

TEST(Safetensors, RoundTripAllDtypesScalarEmptyAndMetadata) {
  const fs::path dir = testing::scratchDir("safetensors-roundtrip");
  const fs::path file = dir / "model.safetensors";

  const std::vector<float> f32 = {1.5f, -2.f, 3.25f, 0.f, 1e-7f, 42.f};
  const std::vector<std::uint16_t> f16 = {0x3c00, 0xc000, 0x7bff, 0x0001};
  const std::vector<std::uint16_t> bf16 = {0x3f80, 0xbf80, 0x4049, 0x0000};
  const float scalar = 7.f;
  const std::map<std::string, std::string> meta = {{"format", "pt"}, {"note", "héllo \"quoted\""}};

  writeSafetensors(file,
                   {
                       {"enc.f32", DType::F32, {2, 3}, f32.data(), f32.size() * 4},
                       {"enc.f16", DType::F16, {4}, f16.data(), f16.size() * 2},
                       {"dec.bf16", DType::BF16, {2, 2}, bf16.data(), bf16.size() * 2},
                       {"scalar", DType::F32, {}, &scalar, 4},
                       {"empty", DType::F32, {0, 5}, nullptr, 0},
                   },
                   meta);

  auto st = SafetensorsFile::open(file);
  EXPECT_EQ(st->path(), file);
  EXPECT_EQ(st->metadata(), meta);
  ASSERT_EQ(st->tensors().size(), 5u);

  const TensorView* a = st->find("enc.f32");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->dtype, DType::F32);
  EXPECT_EQ(a->shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a->numel(), 6);
  ASSERT_EQ(a->nbytes, 24u);
  EXPECT_EQ(std::memcmp(a->data, f32.data(), 24), 0);
  EXPECT_TRUE(a->aligned());

  const TensorView* b = st->find("enc.f16");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->dtype, DType::F16);
  EXPECT_EQ(b->shape, (std::vector<int64_t>{4}));
  ASSERT_EQ(b->nbytes, 8u);
  EXPECT_EQ(std::memcmp(b->data, f16.data(), 8), 0);

  const TensorView* c = st->find("dec.bf16");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->dtype, DType::BF16);
  ASSERT_EQ(c->nbytes, 8u);
  EXPECT_EQ(std::memcmp(c->data, bf16.data(), 8), 0);

  const TensorView* s = st->find("scalar");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->shape.empty());
  EXPECT_EQ(s->numel(), 1);
  ASSERT_EQ(s->nbytes, 4u);
  float sv = 0;
  std::memcpy(&sv, s->data, 4);
  EXPECT_EQ(sv, 7.f);

  const TensorView* e = st->find("empty");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->shape, (std::vector<int64_t>{0, 5}));
  EXPECT_EQ(e->numel(), 0);
  EXPECT_EQ(e->nbytes, 0u);

  EXPECT_EQ(st->find("missing"), nullptr);

  // Tensors come back in data order (the order written).
  std::vector<std::string> order;
  for (const auto& t : st->tensors()) order.push_back(t.name);
  EXPECT_EQ(order, (std::vector<std::string>{"enc.f32", "enc.f16", "dec.bf16", "scalar", "empty"}));
}

TEST(Safetensors, WriterPadsHeaderWithSpacesToMultipleOf8) {
  const fs::path dir = testing::scratchDir("safetensors-padding");
  for (int n = 1; n <= 9; ++n) {
    const fs::path file = dir / ("m" + std::to_string(n) + ".safetensors");
    std::vector<float> v(static_cast<std::size_t>(n), 1.f);
    writeSafetensors(file, {{std::string(static_cast<std::size_t>(n), 'x'), DType::F32, {n}, v.data(), v.size() * 4}});
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GE(bytes.size(), 8u);
    std::uint64_t len = 0;
    for (int i = 7; i >= 0; --i) len = (len << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
    EXPECT_EQ(len % 8, 0u);
    EXPECT_EQ(bytes.size(), 8 + len + v.size() * 4);
    EXPECT_EQ(bytes[8], '{');
    const std::string header = bytes.substr(8, len);
    const auto close = header.find_last_of('}');
    EXPECT_EQ(header.find_first_not_of(' ', close + 1), std::string::npos);
    auto st = SafetensorsFile::open(file);
    EXPECT_TRUE(st->tensors().at(0).aligned());
  }
}

TEST(Safetensors, DataIsMappedNotCopied) {
  const fs::path dir = testing::scratchDir("safetensors-mapped");
  const fs::path file = dir / "model.safetensors";
  std::vector<float> v(1000, 3.f);
  writeSafetensors(file, {{"a", DType::F32, {10, 100}, v.data(), v.size() * 4}, {"b", DType::F32, {2}, v.data(), 8}});
  auto st = SafetensorsFile::open(file);
  const std::byte* begin = st->mappedData();
  const std::byte* end = begin + st->fileSize();
  EXPECT_EQ(st->fileSize(), fs::file_size(file));
  for (const auto& t : st->tensors()) {
    EXPECT_GE(t.data, begin) << t.name;
    EXPECT_LE(t.data + t.nbytes, end) << t.name;
  }
  EXPECT_EQ(st->find("b")->data + 8, end);  // the last tensor ends at the end of the file
}

TEST(Safetensors, WriterReplacesAtomicallyAndLeavesNoTempFiles) {
  const fs::path dir = testing::scratchDir("safetensors-atomic");
  const fs::path file = dir / "model.safetensors";
  float one = 1.f, two = 2.f;
  writeSafetensors(file, {{"x", DType::F32, {1}, &one, 4}});
  writeSafetensors(file, {{"y", DType::F32, {1}, &two, 4}});
  auto st = SafetensorsFile::open(file);
  EXPECT_EQ(st->find("x"), nullptr);
  ASSERT_NE(st->find("y"), nullptr);
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    (void)entry;
    ++count;
  }
  EXPECT_EQ(count, 1);
}

TEST(Safetensors, WriterRejectsBadInput) {
  const fs::path dir = testing::scratchDir("safetensors-writer-errors");
  const fs::path file = dir / "out.safetensors";
  float v[4] = {};
  expectError([&] { writeSafetensors(file, {{"a", DType::F32, {2}, v, 4}}); }, {"out.safetensors", "'a'", "need 8 bytes"});
  expectError([&] { writeSafetensors(file, {{"a", DType::F32, {1}, v, 4}, {"a", DType::F32, {1}, v, 4}}); },
              {"'a'", "twice"});
  expectError([&] { writeSafetensors(file, {{"__metadata__", DType::F32, {1}, v, 4}}); }, {"reserved"});
  expectError([&] { writeSafetensors(file, {{"a", DType::F32, {-1}, v, 4}}); }, {"negative"});
  expectError([&] { writeSafetensors(file, {{"bad\xff", DType::F32, {1}, v, 4}}); }, {"UTF-8"});
  try {  // an I/O failure, not a malformed checkpoint
    writeSafetensors(dir / "no-such-folder" / "x.safetensors", {});
    ADD_FAILURE() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-folder"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(file));
}

TEST(Safetensors, GapsAndTrailingBytesAreAccepted) {
  // Other writers may leave gaps; an empty tensor may sit anywhere.
  const std::string header =
      R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
      R"("e":{"dtype":"F16","shape":[0],"data_offsets":[2,2]},)"
      R"("b":{"dtype":"F16","shape":[2],"data_offsets":[8,12]}})";
  const std::string bytes = image(header, std::string(16, '\x01'));
  auto idx = parseSafetensors(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size(), "mem");
  ASSERT_EQ(idx.tensors.size(), 3u);
  EXPECT_EQ(idx.tensors[0].name, "a");
  EXPECT_EQ(idx.tensors[1].name, "e");
  EXPECT_EQ(idx.tensors[2].name, "b");
  EXPECT_EQ(idx.tensors[2].dataOffset, 8u);
  EXPECT_EQ(reinterpret_cast<const char*>(idx.tensors[2].data), bytes.data() + 8 + header.size() + 8);
}

TEST(Safetensors, EmptyHeaderObjectIsAnEmptyFile) {
  const std::string bytes = image("{}      ");
  auto idx = parseSafetensors(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size(), "mem");
  EXPECT_TRUE(idx.tensors.empty());
  EXPECT_TRUE(idx.metadata.empty());
}

// ---------------------------------------------------------------------------------------
// Checkpoint folders

TEST(SafetensorsCheckpoint, SingleFile) {
  const fs::path dir = testing::scratchDir("ckpt-single");
  float v[3] = {1, 2, 3};
  writeSafetensors(dir / "model.safetensors", {{"b", DType::F32, {3}, v, 12}, {"a", DType::F32, {1}, v, 4}});
  auto ckpt = SafetensorsCheckpoint::openFolder(dir);
  EXPECT_EQ(ckpt.names(), (std::vector<std::string>{"a", "b"}));
  ASSERT_NE(ckpt.find("b"), nullptr);
  EXPECT_EQ(ckpt.find("b")->nbytes, 12u);
  EXPECT_EQ(ckpt.find("zzz"), nullptr);
  EXPECT_EQ(ckpt.describe("a"), "model.safetensors: 'a'");
  EXPECT_EQ(ckpt.describe("zzz"), "model.safetensors: 'zzz'");
  EXPECT_EQ(ckpt.totalBytes(), fs::file_size(dir / "model.safetensors"));
}

void writeShardedCheckpoint(const fs::path& dir, const std::string& weightMapExtra = "") {
  static const float a[2] = {1, 2};
  static const float b[3] = {3, 4, 5};
  static const std::uint16_t c[1] = {0x3f80};
  writeSafetensors(dir / "model-00001-of-00002.safetensors",
                   {{"enc.a", DType::F32, {2}, a, 8}, {"enc.b", DType::F32, {3}, b, 12}});
  writeSafetensors(dir / "model-00002-of-00002.safetensors",
                   {{"dec.c", DType::BF16, {1}, c, 2}, {"unlisted", DType::F32, {1}, a, 4}});
  writeBytes(dir / "model.safetensors.index.json",
             R"({"metadata": {"total_size": 22}, "weight_map": {)"
             R"("enc.a": "model-00001-of-00002.safetensors", "enc.b": "model-00001-of-00002.safetensors",)"
             R"("dec.c": "model-00002-of-00002.safetensors")" +
                 weightMapExtra + "}}");
}

TEST(SafetensorsCheckpoint, ShardedRoundTrip) {
  const fs::path dir = testing::scratchDir("ckpt-sharded");
  writeShardedCheckpoint(dir);
  auto ckpt = SafetensorsCheckpoint::openFolder(dir);
  EXPECT_EQ(ckpt.names(), (std::vector<std::string>{"dec.c", "enc.a", "enc.b"}));
  EXPECT_EQ(ckpt.files().size(), 2u);  // each shard opened once
  const TensorView* b = ckpt.find("enc.b");
  ASSERT_NE(b, nullptr);
  float bv[3];
  std::memcpy(bv, b->data, 12);
  EXPECT_EQ(bv[2], 5.f);
  const TensorView* c = ckpt.find("dec.c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->dtype, DType::BF16);
  EXPECT_EQ(ckpt.find("unlisted"), nullptr);  // only what the weight_map lists
  EXPECT_EQ(ckpt.describe("enc.a"), "model-00001-of-00002.safetensors: 'enc.a'");
  EXPECT_EQ(ckpt.describe("dec.c"), "model-00002-of-00002.safetensors: 'dec.c'");
  EXPECT_EQ(ckpt.totalBytes(), fs::file_size(dir / "model-00001-of-00002.safetensors") +
                                   fs::file_size(dir / "model-00002-of-00002.safetensors"));
}

TEST(SafetensorsCheckpoint, SingleFileWinsOverIndex) {
  const fs::path dir = testing::scratchDir("ckpt-both");
  writeShardedCheckpoint(dir);
  float v = 1;
  writeSafetensors(dir / "model.safetensors", {{"only", DType::F32, {}, &v, 4}});
  auto ckpt = SafetensorsCheckpoint::openFolder(dir);
  EXPECT_EQ(ckpt.names(), (std::vector<std::string>{"only"}));
}

TEST(SafetensorsCheckpoint, FolderMissing) {
  const fs::path dir = testing::scratchDir("ckpt-missing") / "nope";
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"nope", "does not exist"});
}

TEST(SafetensorsCheckpoint, FolderWithoutWeights) {
  const fs::path dir = testing::scratchDir("ckpt-empty");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); },
              {"ckpt-empty", "model.safetensors", "model.safetensors.index.json"});
  writeBytes(dir / "pytorch_model.bin", "x");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"found pytorch_model.bin", "convert"});
}

TEST(SafetensorsCheckpoint, IndexInvalidJson) {
  const fs::path dir = testing::scratchDir("ckpt-index-badjson");
  writeBytes(dir / "model.safetensors.index.json", "{\"weight_map\": {");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"model.safetensors.index.json", "not valid JSON"});
}

TEST(SafetensorsCheckpoint, IndexWithoutWeightMap) {
  const fs::path dir = testing::scratchDir("ckpt-index-nomap");
  writeBytes(dir / "model.safetensors.index.json", R"({"metadata": {}})");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"model.safetensors.index.json", "weight_map"});
  writeBytes(dir / "model.safetensors.index.json", R"({"weight_map": []})");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"weight_map", "not an object"});
  writeBytes(dir / "model.safetensors.index.json", R"({"weight_map": {}})");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"weight_map", "no tensors"});
  writeBytes(dir / "model.safetensors.index.json", R"({"weight_map": {"a": 3}})");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"'a'", "not a file name"});
  writeBytes(dir / "model.safetensors.index.json", "[1]");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"not a JSON object"});
}

TEST(SafetensorsCheckpoint, IndexDuplicateKey) {
  const fs::path dir = testing::scratchDir("ckpt-index-dup");
  writeBytes(dir / "model.safetensors.index.json", R"({"weight_map": {"a": "x.safetensors", "a": "y.safetensors"}})");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"'a'", "twice"});
}

TEST(SafetensorsCheckpoint, ShardMissing) {
  const fs::path dir = testing::scratchDir("ckpt-shard-missing");
  writeShardedCheckpoint(dir);
  fs::remove(dir / "model-00002-of-00002.safetensors");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); },
              {"model.safetensors.index.json", "model-00002-of-00002.safetensors", "'dec.c'", "missing"});
}

TEST(SafetensorsCheckpoint, TensorListedButAbsentFromShard) {
  const fs::path dir = testing::scratchDir("ckpt-shard-absent");
  writeShardedCheckpoint(dir, R"(, "dec.ghost": "model-00002-of-00002.safetensors")");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); },
              {"'dec.ghost'", "model-00002-of-00002.safetensors", "does not contain"});
}

TEST(SafetensorsCheckpoint, ShardNameOutsideFolderRejected) {
  const fs::path dir = testing::scratchDir("ckpt-shard-traversal");
  writeBytes(dir / "model.safetensors.index.json", R"({"weight_map": {"a": "../model.safetensors"}})");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"../model.safetensors", "not a plain file name"});
}

TEST(SafetensorsCheckpoint, CorruptShardNamesTheShard) {
  const fs::path dir = testing::scratchDir("ckpt-shard-corrupt");
  writeShardedCheckpoint(dir);
  writeBytes(dir / "model-00002-of-00002.safetensors", "abc");
  expectError([&] { SafetensorsCheckpoint::openFolder(dir); }, {"model-00002-of-00002.safetensors", "too short"});
}

// ---------------------------------------------------------------------------------------
// Malformed files: each case builds the bytes directly.

TEST(SafetensorsMalformed, EmptyFile) { expectFileError("empty", "", {"model.safetensors", "0 bytes", "too short"}); }

TEST(SafetensorsMalformed, ShorterThan8Bytes) { expectFileError("short", "abcde", {"5 bytes", "too short"}); }

TEST(SafetensorsMalformed, NotAFile) {
  const fs::path dir = testing::scratchDir("safetensors-notafile");
  expectError([&] { SafetensorsFile::open(dir); }, {"not a regular file"});
  expectError([&] { SafetensorsFile::open(dir / "absent.safetensors"); }, {"absent.safetensors", "cannot open"});
}

TEST(SafetensorsMalformed, HeaderLengthPastEndOfFile) {
  expectFileError("past-eof", le64(100) + "{}", {"header length 100", "past the end", "10 bytes"});
}

TEST(SafetensorsMalformed, HugeHeaderLength) {
  expectFileError("huge", le64(0x7fffffffffffffffULL) + "{}", {"100 MB"});
  expectFileError("huge2", le64(100u * 1000u * 1000u + 1) + "{}", {"100 MB"});
}

TEST(SafetensorsMalformed, ZeroHeaderLength) { expectFileError("zero-header", le64(0), {"header is empty"}); }

TEST(SafetensorsMalformed, InvalidJson) {
  expectFileError("badjson", image("{\"w\": {\"dtype\": "), {"model.safetensors", "not valid JSON"});
  expectFileError("badjson2", image("not json"), {"not valid JSON"});
  expectFileError("trailing", image("{} x"), {"not valid JSON"});
}

TEST(SafetensorsMalformed, InvalidUtf8InHeader) {
  expectFileError("utf8", image(oneTensor("{\"dtype\":\"F\xff\",\"shape\":[],\"data_offsets\":[0,4]}"), "abcd"),
                  {"not valid JSON"});
}

TEST(SafetensorsMalformed, HeaderNotAnObject) {
  expectFileError("array", image("[1, 2]"), {"not a JSON object"});
  expectFileError("number", image("42"), {"not a JSON object"});
}

TEST(SafetensorsMalformed, DeeplyNestedHeader) {
  std::string deep = "{\"w\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  expectFileError("deep", image(deep), {"nested"});
}

TEST(SafetensorsMalformed, EntryNotAnObject) {
  expectFileError("entry-notobj", image(R"({"enc.w": [1,2]})"), {"model.safetensors", "'enc.w'", "not an object"});
}

TEST(SafetensorsMalformed, MissingFields) {
  expectFileError("no-dtype", image(oneTensor(R"({"shape":[1],"data_offsets":[0,4]})"), "abcd"), {"'w'", "'dtype'"});
  expectFileError("no-shape", image(oneTensor(R"({"dtype":"F32","data_offsets":[0,4]})"), "abcd"), {"'w'", "'shape'"});
  expectFileError("no-offsets", image(oneTensor(R"({"dtype":"F32","shape":[1]})"), "abcd"), {"'w'", "'data_offsets'"});
}

TEST(SafetensorsMalformed, WrongFieldTypes) {
  expectFileError("dtype-num", image(oneTensor(R"({"dtype":4,"shape":[1],"data_offsets":[0,4]})"), "abcd"),
                  {"'w'", "'dtype'", "not a string"});
  expectFileError("shape-str", image(oneTensor(R"({"dtype":"F32","shape":"1","data_offsets":[0,4]})"), "abcd"),
                  {"'w'", "'shape'", "not an array"});
  expectFileError("dim-float", image(oneTensor(R"({"dtype":"F32","shape":[1.0],"data_offsets":[0,4]})"), "abcd"),
                  {"'w'", "non-integer"});
  expectFileError("dim-null", image(oneTensor(R"({"dtype":"F32","shape":[null],"data_offsets":[0,4]})"), "abcd"),
                  {"'w'", "dimension"});
  expectFileError("off-3", image(oneTensor(R"({"dtype":"F32","shape":[1],"data_offsets":[0,4,4]})"), "abcd"),
                  {"'w'", "two offsets"});
  expectFileError("off-obj", image(oneTensor(R"({"dtype":"F32","shape":[1],"data_offsets":{}})"), "abcd"),
                  {"'w'", "two offsets"});
  expectFileError("off-neg", image(oneTensor(R"({"dtype":"F32","shape":[1],"data_offsets":[-4,0]})"), "abcd"),
                  {"'w'", "negative"});
  expectFileError("off-str", image(oneTensor(R"({"dtype":"F32","shape":[1],"data_offsets":["0",4]})"), "abcd"),
                  {"'w'", "data offset"});
  expectFileError("off-huge",
                  image(oneTensor(R"({"dtype":"F32","shape":[1],"data_offsets":[0,99999999999999999999999]})"), "abcd"),
                  {"'w'", "data offset"});
}

TEST(SafetensorsMalformed, UnsupportedDtype) {
  expectFileError("i64", image(oneTensor(R"({"dtype":"I64","shape":[1],"data_offsets":[0,8]})"), "abcdefgh"),
                  {"'w'", "unsupported dtype 'I64'", "F32, F16 and BF16"});
  expectFileError("f32-lower", image(oneTensor(R"({"dtype":"f32","shape":[1],"data_offsets":[0,4]})"), "abcd"),
                  {"unsupported dtype 'f32'"});
}

TEST(SafetensorsMalformed, NegativeDimension) {
  expectFileError("negdim", image(oneTensor(R"({"dtype":"F32","shape":[2,-1],"data_offsets":[0,4]})"), "abcd"),
                  {"'w'", "negative dimension -1"});
}

TEST(SafetensorsMalformed, ShapeProductOverflow) {
  expectFileError(
      "overflow",
      image(oneTensor(R"({"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]})")),
      {"'w'", "overflows"});
  expectFileError(
      "overflow-bytes",
      image(oneTensor(R"({"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]})")),
      {"'w'", "overflows"});
  expectFileError("dim-too-large",
                  image(oneTensor(R"({"dtype":"F32","shape":[18446744073709551615],"data_offsets":[0,0]})")),
                  {"'w'", "too large"});
  // A zero dimension makes the product zero, whatever else is there.
  const std::string ok = image(oneTensor(R"({"dtype":"F32","shape":[0,4294967296,4294967296],"data_offsets":[0,0]})"));
  EXPECT_NO_THROW(parseSafetensors(reinterpret_cast<const std::byte*>(ok.data()), ok.size(), "mem"));
}

TEST(SafetensorsMalformed, SizeDisagreesWithShape) {
  expectFileError("size", image(oneTensor(R"({"dtype":"BF16","shape":[2,3],"data_offsets":[0,8]})"), "abcdefgh"),
                  {"'w'", "8 bytes", "need 12 bytes"});
}

TEST(SafetensorsMalformed, BeginAfterEnd) {
  expectFileError("reversed", image(oneTensor(R"({"dtype":"F32","shape":[0],"data_offsets":[8,4]})"), "abcdefgh"),
                  {"'w'", "[8, 4)", "begin is after its end"});
}

TEST(SafetensorsMalformed, RangeOutsideDataSection) {
  const std::string name = "encoder.block.0.layer.0.SelfAttention.q.weight";
  expectFileError("outside",
                  image("{\"" + name + R"(":{"dtype":"F32","shape":[10],"data_offsets":[100,140]}})", std::string(40, 'x')),
                  {"model.safetensors: tensor '" + name + "' has data range [100, 140) outside the data section (size 40)"});
  expectFileError("outside-end", image(oneTensor(R"({"dtype":"F32","shape":[2],"data_offsets":[0,8]})"), "abcd"),
                  {"'w'", "[0, 8)", "size 4"});
}

TEST(SafetensorsMalformed, OverlappingRanges) {
  expectFileError("overlap",
                  image(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                        R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                        std::string(12, 'x')),
                  {"'a'", "'b'", "overlapping"});
  // Same start.
  expectFileError("overlap-same",
                  image(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                        R"("b":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}})",
                        std::string(4, 'x')),
                  {"'a'", "'b'", "overlapping"});
  // A small tensor inside a big one, after a third.
  expectFileError("overlap-nested",
                  image(R"({"big":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                        R"("c":{"dtype":"F32","shape":[1],"data_offsets":[16,20]},)"
                        R"("small":{"dtype":"F16","shape":[1],"data_offsets":[4,6]}})",
                        std::string(20, 'x')),
                  {"'big'", "'small'", "overlapping"});
}

TEST(SafetensorsMalformed, DuplicateTensorNames) {
  expectFileError("dup",
                  image(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                        R"("w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                        std::string(8, 'x')),
                  {"model.safetensors", "'w'", "twice"});
  expectFileError("dup-field", image(oneTensor(R"({"dtype":"F32","dtype":"F16","shape":[1],"data_offsets":[0,4]})"), "abcd"),
                  {"'dtype'", "twice"});
}

TEST(SafetensorsMalformed, BadMetadata) {
  expectFileError("meta-notobj", image(R"({"__metadata__": ["a"]})"), {"__metadata__", "not an object"});
  expectFileError("meta-notstr", image(R"({"__metadata__": {"format": 1}})"), {"__metadata__", "'format'", "not a string"});
}

}  // namespace
}  // namespace frontseat
