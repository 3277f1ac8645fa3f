#include "ui/summary/summary_export.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextDocument>
#include <optional>

namespace frontseat::ui {
namespace {

constexpr SummaryFileType kFileTypes[] = {SummaryFileType::Markdown, SummaryFileType::Html,
                                          SummaryFileType::Pdf};

std::optional<SummaryFileType> fileTypeOf(const QString& path) {
  const QString suffix = QFileInfo(path).suffix();
  for (const SummaryFileType type : kFileTypes) {
    if (suffix.compare(summaryFileExtension(type), Qt::CaseInsensitive) == 0) return type;
  }
  return std::nullopt;
}

// Prints the summary's HTML page on A4 with 20 mm margins into `device`.
void printPdf(const SummaryExport& what, QIODevice* device) {
  QPdfWriter writer(device);
  writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                   QMarginsF(20, 20, 20, 20), QPageLayout::Millimeter));
  writer.setTitle(what.title);
  writer.setCreator(QStringLiteral("Frontseat"));
  QTextDocument document;
  document.setHtml(summaryHtml(what));
  document.print(&writer);
}

bool fail(QString* error, const QString& message) {
  if (error != nullptr) *error = message;
  return false;
}

}  // namespace

QString summaryFileExtension(SummaryFileType type) {
  switch (type) {
    case SummaryFileType::Markdown:
      return QStringLiteral("md");
    case SummaryFileType::Html:
      return QStringLiteral("html");
    case SummaryFileType::Pdf:
      return QStringLiteral("pdf");
  }
  return {};
}

QString defaultSummaryFileName(const QString& title, SummaryFileType type) {
  static const QRegularExpression kUnsafe(QStringLiteral("[/\\\\:*?\"<>|\\x00-\\x1f]+"));
  QString stem = title;
  stem.replace(kUnsafe, QStringLiteral(" "));
  stem = stem.simplified();
  // A leading dot would hide the file on Unix.
  while (stem.startsWith(QLatin1Char('.'))) stem = stem.mid(1).trimmed();
  stem = stem.isEmpty() ? QObject::tr("Summary") : QObject::tr("%1 summary").arg(stem);
  return stem + QLatin1Char('.') + summaryFileExtension(type);
}

bool exportSummary(const SummaryExport& what, const QString& path, QString* error) {
  const std::optional<SummaryFileType> type = fileTypeOf(path);
  if (!type) {
    const QFileInfo info(path);
    const QString problem = info.suffix().isEmpty()
                                ? QObject::tr("“%1” has no file extension.").arg(info.fileName())
                                : QObject::tr("Cannot export to .%1 files.").arg(info.suffix());
    return fail(error, problem + QLatin1Char(' ') + QObject::tr("Choose .md (Markdown), .html (HTML) or .pdf (PDF)."));
  }

  QSaveFile file(path);
  const auto writeFailed = [&] {
    return fail(error,
                QObject::tr("Could not write “%1”: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
  };
  if (!file.open(QIODevice::WriteOnly)) return writeFailed();
  switch (*type) {
    case SummaryFileType::Markdown:
      file.write(summaryMarkdown(what));
      break;
    case SummaryFileType::Html:
      file.write(summaryHtml(what).toUtf8());
      break;
    case SummaryFileType::Pdf:
      printPdf(what, &file);
      break;
  }
  // commit() also fails after a failed write (a full disk), and removes the temporary file.
  if (!file.commit()) return writeFailed();
  return true;
}

}  // namespace frontseat::ui
