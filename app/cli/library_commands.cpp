#include "app/cli/library_commands.h"

#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/library_access.h"
#include "app/cli/query_options.h"
#include "engine/core/errors.h"
#include "engine/session/library_documents.h"

namespace frontseat::cli {

namespace {

using nlohmann::json;

std::string dateText(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm local{};
  localtime_r(&t, &local);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M", &local);
  return buffer;
}

json recordJson(const DocumentRecord& r) {
  return {{"id", r.id},           {"title", r.title},           {"format", r.format},
          {"source_path", r.source_path}, {"content_hash", r.content_hash}, {"text_bytes", r.text_bytes},
          {"added_at", r.added_at}};
}

json answerJson(const AnswerRecord& a) {
  auto parse = [](const std::string& text) { return text.empty() ? json() : json::parse(text, nullptr, false); };
  return {{"id", a.id},        {"document_id", a.document_id}, {"kind", a.kind},
          {"question", a.question}, {"answer", a.answer},          {"model", a.model},
          {"settings", parse(a.settings_json)}, {"timings", parse(a.timings_json)},
          {"trace_path", a.trace_path}, {"created_at", a.created_at},
          {"quoted_at", a.quoted_at}};  // [begin, end) byte pairs, as ask --json
}

// Runs a command body, turning any error into one line and exit code 1.
template <typename Body>
int guarded(Body body) {
  try {
    body();
    return 0;
  } catch (...) {
    return reportError(std::current_exception());
  }
}

int64_t parseId(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 17) {
    throw InputError("'" + text + "' is not a document id (see `frontseat-cli library list`)");
  }
  return std::stoll(text);
}

}  // namespace

void addLibraryCommands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* library = app.add_subcommand("library", "Manage the document library");
  library->require_subcommand(1);

  auto files = std::make_shared<std::vector<std::string>>();
  auto json_out = std::make_shared<bool>(false);
  auto* add = library->add_subcommand("add", "Import documents (txt, md, html, pdf, docx, epub)");
  add->add_option("files", *files, "Files to import")->required();
  add->add_flag("--json", *json_out, "JSON output");
  add->callback([files, json_out, &global, &exit_code] {
    exit_code = guarded([&] {
      auto lib = openLibrary(global.db);
      json out = json::array();
      for (const auto& file : *files) {  // each file is its own transaction: one bad file stops here
        const auto [id, created] = addFileToLibrary(lib, file);
        const auto record = *lib.document(id);
        out.push_back({{"id", id}, {"created", created}, {"title", record.record.title}, {"file", file}});
        if (!*json_out) {
          std::printf("%s %lld: %s\n", created ? "added" : "already in the library as", static_cast<long long>(id),
                      record.record.title.c_str());
        }
      }
      if (*json_out) std::cout << out.dump(2) << '\n';
    });
  });

  auto list_json = std::make_shared<bool>(false);
  auto* list = library->add_subcommand("list", "List the documents, newest first");
  list->add_flag("--json", *list_json, "JSON output");
  list->callback([list_json, &global, &exit_code] {
    exit_code = guarded([&] {
      const auto records = openLibrary(global.db).listDocuments();
      if (*list_json) {
        json out = json::array();
        for (const auto& r : records) out.push_back(recordJson(r));
        std::cout << out.dump(2) << '\n';
        return;
      }
      if (records.empty()) std::printf("The library is empty: add documents with `frontseat-cli library add FILE`.\n");
      for (const auto& r : records) {
        std::printf("%5lld  %-5s %9lld bytes  %s  %s\n", static_cast<long long>(r.id), r.format.c_str(),
                    static_cast<long long>(r.text_bytes), dateText(r.added_at).c_str(), r.title.c_str());
      }
    });
  });

  auto show_id = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  auto show_text = std::make_shared<bool>(false);
  auto* show = library->add_subcommand("show", "Show one document");
  show->add_option("id", *show_id, "Document id")->required();
  show->add_flag("--json", *show_json, "JSON output (includes the text and structure)");
  show->add_flag("--text", *show_text, "Print the extracted text");
  show->callback([show_id, show_json, show_text, &global, &exit_code] {
    exit_code = guarded([&] {
      auto lib = openLibrary(global.db);
      const auto doc = lib.document(parseId(*show_id));
      if (!doc) throw InputError("no document " + *show_id + " in the library");
      if (*show_json) {
        auto out = recordJson(doc->record);
        out["text"] = doc->text;
        out["structure"] = json::parse(doc->structure_json, nullptr, false);
        std::cout << out.dump(2) << '\n';
        return;
      }
      const auto& r = doc->record;
      std::printf("id:      %lld\ntitle:   %s\nformat:  %s\nsource:  %s\nsha256:  %s\nadded:   %s\ntext:    %lld bytes\n",
                  static_cast<long long>(r.id), r.title.c_str(), r.format.c_str(), r.source_path.c_str(),
                  r.content_hash.c_str(), dateText(r.added_at).c_str(), static_cast<long long>(r.text_bytes));
      if (*show_text) std::cout << '\n' << doc->text << '\n';
    });
  });

  auto remove_id = std::make_shared<std::string>();
  auto* remove = library->add_subcommand("remove", "Remove a document with its history");
  remove->add_option("id", *remove_id, "Document id")->required();
  remove->callback([remove_id, &global, &exit_code] {
    exit_code = guarded([&] {
      auto lib = openLibrary(global.db);
      if (!lib.removeDocument(parseId(*remove_id))) throw InputError("no document " + *remove_id + " in the library");
      std::printf("removed %s\n", remove_id->c_str());
    });
  });

  auto note_id = std::make_shared<std::string>();
  auto note_text = std::make_shared<std::string>();
  auto notes_json = std::make_shared<bool>(false);
  auto* notes = app.add_subcommand("notes", "Your notes on a document");
  notes->require_subcommand(1);
  auto* note_add = notes->add_subcommand("add", "Add a note to a document");
  note_add->add_option("id", *note_id, "Document id")->required();
  note_add->add_option("text", *note_text, "The note")->required();
  note_add->callback([note_id, note_text, &global, &exit_code] {
    exit_code = guarded([&] {
      auto lib = openLibrary(global.db);
      std::printf("note %lld added\n", static_cast<long long>(lib.addNote(parseId(*note_id), *note_text)));
    });
  });
  auto* note_list = notes->add_subcommand("list", "List a document's notes, oldest first");
  note_list->add_option("id", *note_id, "Document id")->required();
  note_list->add_flag("--json", *notes_json, "JSON output");
  note_list->callback([note_id, notes_json, &global, &exit_code] {
    exit_code = guarded([&] {
      const auto entries = openLibrary(global.db).notes(parseId(*note_id));
      json out = json::array();
      for (const auto& n : entries) {
        out.push_back({{"id", n.id}, {"document_id", n.document_id}, {"text", n.text}, {"created_at", n.created_at}});
        if (!*notes_json) std::printf("%5lld  %s  %s\n", static_cast<long long>(n.id), dateText(n.created_at).c_str(), n.text.c_str());
      }
      if (*notes_json) std::cout << out.dump(2) << '\n';
    });
  });

  auto history_doc = std::make_shared<std::string>();
  auto history_json = std::make_shared<bool>(false);
  auto history_limit = std::make_shared<int>(50);
  auto* history = app.add_subcommand("history", "Questions, answers and summaries, newest first");
  history->add_option("--doc", *history_doc, "Only this document (id)");
  history->add_option("--limit", *history_limit, "At most this many entries (0: all)")->check(CLI::Range(0, 1000000));
  history->add_flag("--json", *history_json, "JSON output");
  history->callback([history_doc, history_json, history_limit, &global, &exit_code] {
    exit_code = guarded([&] {
      auto lib = openLibrary(global.db);
      std::optional<int64_t> doc;
      if (!history_doc->empty()) doc = parseId(*history_doc);
      const auto entries = lib.history(doc, *history_limit);
      if (*history_json) {
        json out = json::array();
        for (const auto& a : entries) out.push_back(answerJson(a));
        std::cout << out.dump(2) << '\n';
        return;
      }
      for (const auto& a : entries) {
        std::printf("%5lld  %s  doc %lld  %s\n", static_cast<long long>(a.id), dateText(a.created_at).c_str(),
                    static_cast<long long>(a.document_id), a.kind.c_str());
        if (!a.question.empty()) std::printf("       Q: %s\n", a.question.c_str());
        std::printf("       A: %s\n", a.answer.c_str());
      }
    });
  });
}

}  // namespace frontseat::cli
