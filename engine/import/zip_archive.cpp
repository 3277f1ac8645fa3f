#include "engine/import/zip_archive.h"

#include <zip.h>

#include "engine/import/import_common.h"

namespace frontseat::import {

ZipArchive::ZipArchive(const std::filesystem::path& path, const std::string& bytes,
                       const std::string& kind)
    : path_(path), kind_(kind) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source) {
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive_) zip_source_free(source);
  }
  if (!archive_) {
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    fail(path_, "it is not a readable " + kind_ + " (the zip archive is damaged: " + why + ").");
  }
  zip_error_fini(&error);
}

ZipArchive::~ZipArchive() {
  if (archive_) zip_discard(archive_);
}

bool ZipArchive::contains(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), 0) >= 0 ||
         zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<std::string> ZipArchive::read(const std::string& name, std::size_t cap) const {
  zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
  if (index < 0) index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  const auto damaged = [&](const std::string& why) {
    fail(path_, "it is not a readable " + kind_ + " (its part '" + name + "' " + why + ").");
  };
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    damaged(std::string("cannot be read: ") + zip_strerror(archive_));
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    fail(path_, "it is encrypted (password-protected); remove the password to open it here.");
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > cap) {
    damaged("is larger than " + describeSize(cap) + " uncompressed");
  }
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (!file) damaged(std::string("cannot be read: ") + zip_strerror(archive_));
  std::string out;
  if ((st.valid & ZIP_STAT_SIZE) && st.size < (std::size_t(64) << 20)) {
    out.reserve(static_cast<std::size_t>(st.size));
  }
  char buffer[1 << 16];
  while (true) {
    const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      const std::string why = zip_file_strerror(file);
      zip_fclose(file);
      damaged("is damaged: " + why);
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
    if (out.size() > cap) {
      zip_fclose(file);
      damaged("is larger than " + describeSize(cap) + " uncompressed");
    }
  }
  zip_fclose(file);
  return out;
}

std::vector<std::string> ZipArchive::names() const {
  std::vector<std::string> out;
  const zip_int64_t n = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    if (const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0)) {
      out.emplace_back(name);
    }
  }
  return out;
}

}  // namespace frontseat::import
