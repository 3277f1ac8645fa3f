// Writing a summary to a Markdown, HTML or PDF file, chosen by the file's
// extension. The write is atomic: a failed export leaves any earlier file at that
// path as it was and no partial file behind.
#pragma once

#include <QString>

#include "ui/summary/summary_format.h"

namespace frontseat::ui {

// The extensions exportSummary understands, without the dot: "md", "html", "pdf".
enum class SummaryFileType { Markdown, Html, Pdf };
QString summaryFileExtension(SummaryFileType type);

// "<title> summary.<extension>", with characters that file systems refuse in a
// name replaced; "Summary.<extension>" for an empty title.
QString defaultSummaryFileName(const QString& title, SummaryFileType type);

// Writes `what` to `path`: .md, .html or .pdf (A4), case-insensitive. On failure
// returns false and, when `error` is not null, sets it to a sentence for the user
// (an unknown extension's message lists the choices).
bool exportSummary(const SummaryExport& what, const QString& path, QString* error);

}  // namespace frontseat::ui
