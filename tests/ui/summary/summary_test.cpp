// Tests of exporting a summary (ui/summary/summary_export.h) and of the Summary
// panel (ui/summary/summary_panel.h). main() also runs the compare view's tests.
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QFile>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QtTest>

#include "ui/settings/settings_limits.h"
#include "ui/summary/summary_export.h"
#include "ui/summary/summary_format.h"
#include "ui/summary/summary_panel.h"

int runCompareViewTests(int argc, char** argv);  // compare_test.cpp

namespace frontseat::ui {
namespace {

const SummaryExport kSummary{
    QStringLiteral("Harbor Report <2023> & Annex"),
    QStringLiteral("The harbor grew by 12% in 2023 & 2024.\nShips < 300 m dock at pier *B*.\n\n"
                   "1. Dredging is planned; caf\u00E9s reopen."),
    QStringLiteral("flan-t5-base · 12.3 s · 128 tokens, 2 beams")};

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class SummaryTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  QString path(const QString& name) const { return dir_.filePath(name); }
  QPushButton* button(const SummaryPanel& panel, const char* name) {
    return panel.findChild<QPushButton*>(QLatin1String(name));
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void markdownHasHeadingTextAndDetails() {
    QString error;
    QVERIFY2(exportSummary(kSummary, path("s.md"), &error), qPrintable(error));
    const QString markdown = QString::fromUtf8(readAll(path("s.md")));
    QVERIFY(markdown.startsWith(QStringLiteral("# Harbor Report \\<2023\\> \\& Annex\n")));
    QVERIFY(markdown.contains(QStringLiteral("flan-t5-base · 12.3 s")));
    QVERIFY(markdown.contains(QStringLiteral("The harbor grew by 12% in 2023 \\& 2024.\\\n")));
    QVERIFY(markdown.contains(QStringLiteral("caf\u00E9s reopen.")));
  }

  void markdownEscapesMarkup() {
    QString error;
    QVERIFY2(exportSummary(kSummary, path("escaped.md"), &error), qPrintable(error));
    const QString markdown = QString::fromUtf8(readAll(path("escaped.md")));
    QVERIFY(markdown.contains(QStringLiteral("Ships \\< 300 m dock at pier \\*B\\*.")));
    QVERIFY(markdown.contains(QStringLiteral("\n\n1\\. Dredging")));  // not a numbered list
  }

  // A summary by section: each paragraph's first line is a heading in the files
  // and in the panel's view; a section whose summary came out empty keeps its title.
  void sectionTitlesAreHeadings() {
    SummaryExport sections{QStringLiteral("Profiles"),
                           QStringLiteral("Kenya (Republic of Kenya)\nKenya: capital Nairobi.\n\n"
                                          "1. Japan <East>\n\nGreece\nGreece: capital Athens."),
                           QStringLiteral("3 sections"), true};
    const QString markdown = QString::fromUtf8(summaryMarkdown(sections));
    QVERIFY2(markdown.contains(QStringLiteral("\n\n## Kenya (Republic of Kenya)\n\nKenya: capital Nairobi.\n\n"
                                              "## 1\\. Japan \\<East\\>\n\n## Greece\n\nGreece: capital Athens.\n")),
             qPrintable(markdown));
    const QString body = summaryBodyHtml(sections);
    QCOMPARE(body, QStringLiteral("<h2>Kenya (Republic of Kenya)</h2>\n<p>Kenya: capital Nairobi.</p>\n"
                                  "<h2>1. Japan &lt;East&gt;</h2>\n<h2>Greece</h2>\n<p>Greece: capital Athens.</p>\n"));
    QVERIFY(summaryHtml(sections).contains(body));
    sections.section_titles = false;  // the same text as plain paragraphs
    QVERIFY(!summaryBodyHtml(sections).contains(QStringLiteral("<h2>")));
    QVERIFY(summaryBodyHtml(sections).contains(QStringLiteral("<p>Kenya (Republic of Kenya)<br>\nKenya: capital Nairobi.</p>")));

    SummaryPanel panel;
    panel.setDocumentTitle(sections.title);
    panel.showSummary(sections.text, sections.details, true);
    const QTextBlock first = panel.findChild<QTextBrowser*>(QStringLiteral("summaryView"))->document()->firstBlock();
    QCOMPARE(first.text(), QStringLiteral("Kenya (Republic of Kenya)"));
    QCOMPARE(first.blockFormat().headingLevel(), 2);
    QCOMPARE(first.next().blockFormat().headingLevel(), 0);
    QString error;
    QVERIFY2(panel.exportTo(path("sections.md"), &error), qPrintable(error));
    QVERIFY(QString::fromUtf8(readAll(path("sections.md"))).contains(QStringLiteral("## Greece\n")));
  }

  void htmlIsACompleteEscapedUtf8Page() {
    QString error;
    QVERIFY2(exportSummary(kSummary, path("s.html"), &error), qPrintable(error));
    const QString html = QString::fromUtf8(readAll(path("s.html")));
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(html.contains(QStringLiteral("<html")));
    QVERIFY(html.contains(QStringLiteral("<meta charset=\"utf-8\">")));
    QVERIFY(html.contains(QStringLiteral("<title>Harbor Report &lt;2023&gt; &amp; Annex</title>")));
    QVERIFY(html.contains(QStringLiteral("<h1>Harbor Report &lt;2023&gt; &amp; Annex</h1>")));
    QVERIFY(html.contains(QStringLiteral("Ships &lt; 300 m dock at pier *B*.")));
    QVERIFY(html.contains(QStringLiteral("caf\u00E9s reopen.")));
    QVERIFY(html.trimmed().endsWith(QStringLiteral("</html>")));
  }

  void pdfIsWritten() {
    QString error;
    QVERIFY2(exportSummary(kSummary, path("s.pdf"), &error), qPrintable(error));
    const QByteArray pdf = readAll(path("s.pdf"));
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY2(pdf.size() > 2000, qPrintable(QString::number(pdf.size())));
    QVERIFY(pdf.contains("/MediaBox [0 0 595"));  // A4: 595 × 842 points
  }

  void extensionIsCaseInsensitive() {
    QString error;
    QVERIFY2(exportSummary(kSummary, path("UPPER.MD"), &error), qPrintable(error));
    QVERIFY(readAll(path("UPPER.MD")).startsWith("# "));
  }

  void refusesAnUnknownExtension() {
    QString error;
    QVERIFY(!exportSummary(kSummary, path("s.docx"), &error));
    QVERIFY2(error.contains(QStringLiteral(".docx")) && error.contains(QStringLiteral(".md")) &&
                 error.contains(QStringLiteral(".html")) && error.contains(QStringLiteral(".pdf")),
             qPrintable(error));
    QVERIFY(!QFile::exists(path("s.docx")));
    QVERIFY(!exportSummary(kSummary, path("no extension"), &error));
    QVERIFY(error.contains(QStringLiteral(".md")));
  }

  void failsOnAnUnwritablePathWithoutLeavingFiles() {
    QDir folder(path("unwritable"));
    QVERIFY(folder.mkpath(QStringLiteral("existing folder.md")));
    for (const QString& target : {folder.filePath(QStringLiteral("missing/s.md")),
                                  folder.filePath(QStringLiteral("existing folder.md")),
                                  folder.filePath(QStringLiteral("missing/s.pdf"))}) {
      QString error;
      QVERIFY2(!exportSummary(kSummary, target, &error), qPrintable(target));
      QVERIFY2(error.contains(QDir::toNativeSeparators(target)), qPrintable(error));
    }
    QCOMPARE(folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("existing folder.md")});
    QVERIFY(QDir(folder.filePath(QStringLiteral("existing folder.md"))).isEmpty());
  }

  void defaultFileNameIsSafe() {
    QCOMPARE(defaultSummaryFileName(QStringLiteral("Annual Report: 2023/24"), SummaryFileType::Markdown),
             QStringLiteral("Annual Report 2023 24 summary.md"));
    QCOMPARE(defaultSummaryFileName(QStringLiteral(".hidden"), SummaryFileType::Html),
             QStringLiteral("hidden summary.html"));
    QCOMPARE(defaultSummaryFileName({}, SummaryFileType::Pdf), QStringLiteral("Summary.pdf"));
  }

  void summarizeNeedsADocument() {
    SummaryPanel panel;
    QVERIFY(!button(panel, "summarize")->isEnabled());
    panel.setDocumentTitle(QStringLiteral("Harbor Report"));
    QVERIFY(button(panel, "summarize")->isEnabled());
    QVERIFY(button(panel, "summarize")->toolTip().contains(QStringLiteral("Ctrl+Shift+S")));
    panel.setDocumentTitle({});
    QVERIFY(!button(panel, "summarize")->isEnabled());
  }

  void busyStateTogglesButtons() {
    SummaryPanel panel;
    panel.setDocumentTitle(QStringLiteral("Harbor Report"));
    QVERIFY(button(panel, "summarize")->isEnabled());
    QVERIFY(!button(panel, "summaryCancel")->isEnabled());
    QVERIFY(panel.findChild<QProgressBar*>()->isHidden());
    panel.setBusy(true);
    QVERIFY(!button(panel, "summarize")->isEnabled());
    QVERIFY(button(panel, "summaryCancel")->isEnabled());
    QVERIFY(!panel.findChild<QProgressBar*>()->isHidden());
    panel.showProgress(QStringLiteral("Summarizing section 4 of 45"), 3, 45);
    QCOMPARE(panel.findChild<QProgressBar*>()->value(), 3);
    QCOMPARE(panel.findChild<QProgressBar*>()->maximum(), 45);
    auto* stage = panel.findChild<QLabel*>(QStringLiteral("summaryStage"));
    QVERIFY(!stage->isHidden());
    QCOMPARE(stage->text(), QStringLiteral("Summarizing section 4 of 45"));
    QSignalSpy cancelled(&panel, &SummaryPanel::cancelRequested);
    button(panel, "summaryCancel")->click();
    QCOMPARE(cancelled.count(), 1);
    panel.setBusy(false);
    QVERIFY(button(panel, "summarize")->isEnabled());
    QVERIFY(!button(panel, "summaryCancel")->isEnabled());
    QVERIFY(panel.findChild<QProgressBar*>()->isHidden());
    QVERIFY(stage->isHidden());
    panel.setBusy(true);  // the next run starts as a busy indicator, without the last one's text
    QCOMPARE(panel.findChild<QProgressBar*>()->maximum(), 0);
    QVERIFY(stage->text().isEmpty());
  }

  void summarizeCarriesTheSpinValues() {
    SummaryPanel panel;
    panel.setDocumentTitle(QStringLiteral("Harbor Report"));
    panel.setGeneration(300, 3);
    QSignalSpy requested(&panel, &SummaryPanel::summarizeRequested);
    button(panel, "summarize")->click();
    panel.findChild<QSpinBox*>(QStringLiteral("summaryLength"))->setValue(512);
    panel.findChild<QSpinBox*>(QStringLiteral("summaryBeams"))->setValue(5);
    auto* by_section = panel.findChild<QCheckBox*>(QStringLiteral("summaryBySection"));
    QVERIFY(by_section->isChecked());  // the default
    by_section->setChecked(false);
    button(panel, "summarize")->click();
    QCOMPARE(requested.count(), 2);
    QCOMPARE(requested.at(0), (QVariantList{300, 3, true}));
    QCOMPARE(requested.at(1), (QVariantList{512, 5, false}));
    QVERIFY(!panel.bySection());
  }

  void generationIsClampedToTheSettingsRanges() {
    SummaryPanel panel;
    panel.setGeneration(5000, 20);
    QCOMPARE(panel.maxNewTokens(), limits::kMaxNewTokens.max);
    QCOMPARE(panel.numBeams(), limits::kNumBeams.max);
    panel.setGeneration(0, 0);
    QCOMPARE(panel.maxNewTokens(), limits::kMaxNewTokens.min);
    QCOMPARE(panel.numBeams(), 1);
  }

  void exportButtonsNeedASummary() {
    SummaryPanel panel;
    panel.setDocumentTitle(kSummary.title);
    const auto exportsEnabled = [&](bool enabled) {
      for (const char* name : {"export_md", "export_html", "export_pdf"}) {
        if (button(panel, name)->isEnabled() != enabled) return false;
      }
      return true;
    };
    QVERIFY(exportsEnabled(false));
    QString error;
    QVERIFY(!panel.exportTo(path("nothing.md"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(path("nothing.md")));

    panel.showSummary(kSummary.text, kSummary.details);
    QVERIFY(exportsEnabled(true));
    QVERIFY(panel.hasSummary());
    const QString shown = panel.findChild<QTextBrowser*>(QStringLiteral("summaryView"))->toPlainText();
    QVERIFY(shown.contains(QStringLiteral("Ships < 300 m dock at pier *B*.")));
    QVERIFY(shown.contains(kSummary.details));

    panel.showError(QStringLiteral("Out of memory"));
    QVERIFY(exportsEnabled(false));
    QVERIFY(panel.findChild<QTextBrowser*>(QStringLiteral("summaryView"))->toPlainText().contains(
        QStringLiteral("Out of memory")));

    panel.showSummary(kSummary.text, kSummary.details);
    panel.clearSummary();
    QVERIFY(exportsEnabled(false));
    QVERIFY(!panel.hasSummary());
  }

  void exportToWritesTheShownSummary() {
    SummaryPanel panel;
    panel.setDocumentTitle(kSummary.title);
    panel.showSummary(kSummary.text, kSummary.details);
    QString error;
    QVERIFY2(panel.exportTo(path("panel.html"), &error), qPrintable(error));
    QVERIFY(readAll(path("panel.html")).contains("<h1>Harbor Report &lt;2023&gt; &amp; Annex</h1>"));
    QVERIFY(!panel.exportTo(path("panel.txt"), &error));
    QVERIFY(error.contains(QStringLiteral(".pdf")));
  }

  void anotherDocumentClearsTheSummary() {
    SummaryPanel panel;
    panel.setDocumentTitle(QStringLiteral("First"));
    panel.showSummary(QStringLiteral("About the first."), {});
    panel.setDocumentTitle(QStringLiteral("First"));
    QVERIFY(panel.hasSummary());
    panel.setDocumentTitle(QStringLiteral("Second"));
    QVERIFY(!panel.hasSummary());
    QVERIFY(!button(panel, "export_md")->isEnabled());
  }
};

}  // namespace frontseat::ui

// QTEST_MAIN runs one test class; this executable has two.
int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QLocale::setDefault(QLocale::c());
  frontseat::ui::SummaryTest summary_tests;
  const int summary_failures = QTest::qExec(&summary_tests, argc, argv);
  return summary_failures + runCompareViewTests(argc, argv);
}

#include "summary_test.moc"
