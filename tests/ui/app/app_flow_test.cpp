// The desktop app's main flow with the real engine thread, the real library file
// and the random-weight tiny model the build makes: import → ask → answer shown
// → history survives a restart → exports written; cancel; broken model folder.
#include <QFile>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QUrl>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTextStream>
#include <algorithm>
#include <memory>

#include "engine/model/random_model.h"
#include "engine/store/library.h"
#include "engine/vcc/vcc_trace.h"

#include "ui/ask/ask_panel.h"
#include "ui/ask/progress_estimate.h"
#include "ui/bridge/engine_client.h"
#include "ui/document/document_view.h"
#include "ui/summary/summary_panel.h"
#include "ui/vipmap/vip_map_panel.h"
#include "ui/vipmap/vip_map_widget.h"
#include "ui/window/main_window.h"

using namespace frontseat;
using namespace frontseat::ui;

namespace {

const QString kModel = QStringLiteral(FRONTSEAT_BINARY_DIR "/models/tiny-random");
const QString kSample = QStringLiteral(FRONTSEAT_SOURCE_DIR "/resources/samples/harbor-report.txt");

}  // namespace

class AppFlowTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::unique_ptr<QSettings> settings_;

  AppPaths paths(const QString& model = kModel) const {
    return {dir_.filePath("library.sqlite"), dir_.filePath("traces"), model};
  }

  std::unique_ptr<MainWindow> newWindow(const QString& model = kModel) {
    settings_ = std::make_unique<QSettings>(dir_.filePath("settings.ini"), QSettings::IniFormat);
    auto window = std::make_unique<MainWindow>(paths(model), *settings_);
    window->show();
    return window;
  }

  static int64_t importAndOpen(MainWindow& window, const QString& file) {
    QSignalSpy imported(&window, &MainWindow::documentImported);
    window.importFiles({file});
    if (!imported.wait(20000)) return 0;
    return imported.front().front().toLongLong();
  }

  static bool askAndWait(MainWindow& window, const QString& question) {
    QSignalSpy shown(&window, &MainWindow::replyShown);
    window.askPanel()->questionBox()->setText(question);
    QTest::keyClick(window.askPanel()->questionBox(), Qt::Key_Return);
    return shown.wait(60000);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(QFile::exists(kModel + "/config.json"), "build the tiny-model target first");
  }

  void importAskAnswerHistoryExport() {
    int64_t id = 0;
    {
      auto window = newWindow();
      id = importAndOpen(*window, kSample);
      QVERIFY(id > 0);
      QCOMPARE(window->currentDocument(), id);
      QVERIFY(window->documentView()->byteLength() > 1000);

      QVERIFY(askAndWait(*window, "Which harbor is the report about?"));
      QVERIFY(!window->askPanel()->busy());
      // The answer view shows the question and how it was made (the random model's
      // answer itself is noise).
      QVERIFY(window->askPanel()->answerText().contains("Which harbor is the report about?"));
      QVERIFY(window->askPanel()->answerText().contains("tokens"));
      QCOMPARE(window->askPanel()->historyCount(), 1);
      QVERIFY(window->vipMapPanel()->map()->trace() != nullptr);

      const QString png = dir_.filePath("map.png"), svg = dir_.filePath("map.svg");
      QString error;
      QVERIFY2(window->vipMapPanel()->map()->exportPng(png, &error), qPrintable(error));
      QVERIFY2(window->vipMapPanel()->map()->exportSvg(svg, &error), qPrintable(error));
      QVERIFY(!QImage(png).isNull());
      QVERIFY(QSvgRenderer(svg).isValid());

      QSignalSpy shown(window.get(), &MainWindow::replyShown);
      // By section: the report's 9 parts (its title with the preface, 8 numbered
      // sections), each summarized on its own, as titled paragraphs.
      Q_EMIT window->summaryPanel()->summarizeRequested(16, 1, true);
      QVERIFY(shown.wait(60000));
      const QString summary = window->summaryPanel()->summaryText();
      QVERIFY2(summary.startsWith(QStringLiteral("Annual Report of the Saltmarsh Harbor Cooperative\n")),
               qPrintable(summary));
      QVERIFY(summary.contains(QStringLiteral("\n\n1. Overview\n")));
      QVERIFY(summary.contains(QStringLiteral("\n\n8. Key figures\n")));
      QCOMPARE(summary.count(QStringLiteral("\n\n")), 8);
      // No one trace covers the sections: the map says so rather than "ask a question".
      QVERIFY(window->vipMapPanel()->map()->trace() == nullptr);
      QVERIFY2(window->vipMapPanel()->map()->placeholder().contains(QStringLiteral("section by section")),
               qPrintable(window->vipMapPanel()->map()->placeholder()));
      for (const QString& name : {QStringLiteral("summary.md"), QStringLiteral("summary.html"),
                                  QStringLiteral("summary.pdf")}) {
        QVERIFY2(window->summaryPanel()->exportTo(dir_.filePath(name), &error), qPrintable(error));
      }
      QFile pdf(dir_.filePath("summary.pdf"));
      QVERIFY(pdf.open(QIODevice::ReadOnly));
      QVERIFY(pdf.read(5) == "%PDF-");
      QFile md(dir_.filePath("summary.md"));
      QVERIFY(md.open(QIODevice::ReadOnly));
      const QByteArray markdown = md.readAll();
      QVERIFY(markdown.startsWith("# "));
      QVERIFY(markdown.contains("\n## 1\\. Overview\n"));  // a section's title as a heading
    }
    // A restart: a new window on the same library shows the earlier answer.
    auto window = newWindow();
    window->openDocument(id);
    QCOMPARE(window->askPanel()->historyCount(), 1);
    QVERIFY(window->askPanel()->answerText().contains("Which harbor is the report about?"));
    // Its trace was saved, so the VIP map comes back too (read off the GUI thread).
    QTRY_VERIFY_WITH_TIMEOUT(window->vipMapPanel()->map()->trace() != nullptr, 10000);
  }

  void cancelStopsARunningRequestBetweenLayers() {
    // 12 encoder layers and ~40K tokens with full attention: about a second per
    // layer here, so a cancel sent when the first layer reports lands mid-encode.
    const QString deep = dir_.filePath("deep-model");
    auto config = T5Config::load((kModel + "/config.json").toStdString());
    config.num_layers = 12;
    writeRandomT5Model(config, 5, deep.toStdString());
    QVERIFY(QFile::copy(kModel + "/spiece.model", deep + "/spiece.model"));
    const QString long_doc = dir_.filePath("long.txt");
    {
      QFile in(kSample), out(long_doc);
      QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
      const QByteArray text = in.readAll();
      for (int i = 0; i < 16; ++i) out.write(text + "\n\nPart " + QByteArray::number(i) + "\n\n");
    }
    auto window = newWindow(deep);
    QVERIFY(importAndOpen(*window, long_doc) > 0);
    auto settings = window->settings();
    settings.setModelDir(deep);
    settings.attention = AttentionMode::Full;
    window->applySettings(settings);

    int layers_done = 0, layers_total = 0;
    connect(window->engine(), &EngineClient::progress, window.get(), [&](const QueryProgress& p) {
      if (p.stage != "encode") return;
      layers_done = std::max(layers_done, p.done);
      layers_total = p.total;
      if (p.done >= 1) Q_EMIT window->askPanel()->cancelRequested();
    });
    QSignalSpy failed(window.get(), &MainWindow::requestFailed);
    QSignalSpy shown(window.get(), &MainWindow::replyShown);
    window->askPanel()->questionBox()->setText("What happened in part 7?");
    QTest::keyClick(window->askPanel()->questionBox(), Qt::Key_Return);
    QVERIFY(failed.wait(120000));
    QCOMPARE(shown.count(), 0);
    QCOMPARE(failed.front().at(1).toString(), QStringLiteral("Cancelled."));
    QCOMPARE(layers_total, 12);
    QVERIFY2(layers_done >= 1 && layers_done < 12, qPrintable(QString::number(layers_done)));
    QVERIFY(!window->askPanel()->busy());
    QVERIFY(window->askPanel()->answerText().contains("Cancelled."));
  }

  void pinnedPassageIsVipInEveryLayer() {
    auto window = newWindow();
    QVERIFY(importAndOpen(*window, kSample) > 0);
    auto settings = window->settings();
    settings.attention = AttentionMode::Vcc;
    window->applySettings(settings);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));

    // Select a passage deep in the document, as a reader would, and press Ctrl+P.
    auto* text = window->documentView()->textEdit();
    const QString plain = text->toPlainText();
    const qsizetype at = plain.indexOf("Ingrid Callow");
    QVERIFY(at > 0);
    QTextCursor cursor = text->textCursor();
    cursor.setPosition(static_cast<int>(at));
    cursor.setPosition(static_cast<int>(at + 13), QTextCursor::KeepAnchor);
    text->setTextCursor(cursor);
    text->setFocus();
    QTest::keyClick(text, Qt::Key_P, Qt::ControlModifier);
    const auto pinned = window->documentView()->selectedByteRange();
    QVERIFY(pinned.has_value());

    // A quoted answer: the view underlines where the answer stands and goes to
    // its place in the strongest evidence passage that holds one.
    settings.answer_generation.quote_document = true;
    window->applySettings(settings);
    QVERIFY(askAndWait(*window, "Who is the harbor master?"));
    const auto* view = window->documentView();
    const auto& places = view->answerPlaces();
    QVERIFY(!places.empty());
    const QString answer = window->askPanel()->answerText();
    for (const auto& place : places) {
      const QString quoted = plain.mid(view->offsets().toUtf16(int64_t(place.begin)),
                                       view->offsets().toUtf16(int64_t(place.end)) -
                                           view->offsets().toUtf16(int64_t(place.begin)));
      QVERIFY2(answer.contains(quoted.simplified()), qPrintable(quoted + " | " + answer));
    }
    const auto inside = [&](const EvidencePassage& passage) {
      return std::any_of(places.begin(), places.end(), [&](const PinnedRange& place) {
        return int64_t(place.begin) >= passage.begin && int64_t(place.end) <= passage.end;
      });
    };
    const auto& evidence = view->evidence();
    const auto holding = std::find_if(evidence.begin(), evidence.end(), inside);
    if (holding == evidence.end()) {
      QCOMPARE(text->textCursor().position(), int(view->offsets().toUtf16(int64_t(places.front().begin))));
    } else {
      QCOMPARE(view->currentEvidence(), int(holding - evidence.begin()));
      QVERIFY(std::any_of(places.begin(), places.end(), [&](const PinnedRange& place) {
        return text->textCursor().position() == int(view->offsets().toUtf16(int64_t(place.begin)));
      }));
    }

    const std::vector<PinnedRange> quoted_places = places;

    // As the model folder says, the default: this test model's config does not
    // say it copies, so the answer is not quoted and the view goes to the
    // strongest evidence passage.
    settings.answer_generation.quote_document = std::nullopt;
    window->applySettings(settings);
    QVERIFY(askAndWait(*window, "Who is the harbor master?"));
    QVERIFY(view->answerPlaces().empty());
    const auto trace = window->vipMapPanel()->map()->trace();
    QVERIFY(trace != nullptr);
    QCOMPARE(QString::fromStdString(trace->attention), QStringLiteral("vcc"));
    QVERIFY(!evidence.empty());
    QCOMPARE(view->currentEvidence(), 0);
    QCOMPARE(text->textCursor().position(), int(view->offsets().toUtf16(evidence.front().begin)));
    int checked = 0;
    for (size_t t = 0; t < trace->spans.size(); ++t) {
      const auto& span = trace->spans[t];
      if (span.begin < static_cast<int64_t>(pinned->begin) || span.end > static_cast<int64_t>(pinned->end)) continue;
      for (const auto& layer : trace->layers) {
        if (layer.kind == "vcc") QCOMPARE(int(layer.resolution[t]), int(kResolutionVip));
      }
      ++checked;
    }
    QVERIFY(checked >= 3);

    // Reopened from the history, the quoted answer underlines its places again
    // (once its trace is read) and the unquoted one none.
    const auto history = Library::open(paths().database.toStdString()).history(window->currentDocument());
    QVERIFY(history.size() >= 2);
    QVERIFY(history[0].quoted_at.empty());
    QCOMPARE(history[1].quoted_at.size(), quoted_places.size());
    const auto* map = window->vipMapPanel()->map();
    Q_EMIT window->askPanel()->historyActivated(history[1].id);
    // Underlined at once; nothing of the answer shown before stays while the trace loads.
    QCOMPARE(view->answerPlaces().size(), quoted_places.size());
    QVERIFY(map->trace() == nullptr);
    QVERIFY(view->evidence().empty());
    QTRY_VERIFY_WITH_TIMEOUT(map->trace() != nullptr, 10000);
    QCOMPARE(view->answerPlaces().size(), quoted_places.size());
    for (size_t i = 0; i < quoted_places.size(); ++i) {
      QCOMPARE(view->answerPlaces()[i].begin, quoted_places[i].begin);
      QCOMPARE(view->answerPlaces()[i].end, quoted_places[i].end);
    }
    QVERIFY(std::any_of(quoted_places.begin(), quoted_places.end(), [&](const PinnedRange& place) {
      return text->textCursor().position() == int(view->offsets().toUtf16(int64_t(place.begin)));
    }));
    // Another entry chosen while the first one's trace loads: only the second shows.
    Q_EMIT window->askPanel()->historyActivated(history[1].id);
    Q_EMIT window->askPanel()->historyActivated(history[0].id);
    QVERIFY(view->answerPlaces().empty());
    QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
    QTRY_VERIFY_WITH_TIMEOUT(map->trace() != nullptr, 10000);
    QCoreApplication::processEvents();
    QVERIFY(view->answerPlaces().empty());
  }

  void progressSaysWhatRunsAndWhatIsLeft() {
    const auto section = describeProgress({1, QStringLiteral("section"), 3, 45, 6000});
    QCOMPARE(section.text, QStringLiteral("Summarizing section 4 of 45 · about 1 min 24 s left"));
    QCOMPARE(section.value, 3);
    QCOMPARE(section.maximum, 45);
    QCOMPARE(describeProgress({1, QStringLiteral("encode"), 0, 12, 0}).text, QStringLiteral("Encoding layer 1 of 12"));
    QCOMPARE(describeProgress({1, QStringLiteral("decode"), 8, 64, 800}).text,
             QStringLiteral("Writing the answer: token 8 (at most 64) · at most 5.6 s left"));
    QCOMPARE(describeProgress({1, QStringLiteral("load"), 0, 0, 0}).maximum, 0);
  }

  void droppedFileIsImported() {
    auto window = newWindow();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kSample)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy imported(window.get(), &MainWindow::documentImported);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window.get(), &drop);
    QVERIFY(imported.wait(20000));
    QCOMPARE(window->currentDocument(), imported.front().front().toLongLong());
  }

  void brokenModelFolderGivesAMessage() {
    const QString broken = dir_.filePath("broken-model");
    QVERIFY(QDir().mkpath(broken));
    QFile config(broken + "/config.json");
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{\"d_model\": -4");  // not even JSON
    config.close();
    QVERIFY(QFile::copy(kModel + "/spiece.model", broken + "/spiece.model"));
    QVERIFY(QFile::copy(kModel + "/model.safetensors", broken + "/model.safetensors"));

    auto window = newWindow(broken);
    auto settings = window->settings();
    settings.setModelDir(broken);
    window->applySettings(settings);
    QVERIFY(importAndOpen(*window, kSample) > 0);
    QSignalSpy failed(window.get(), &MainWindow::requestFailed);
    window->askPanel()->questionBox()->setText("Anything?");
    QTest::keyClick(window->askPanel()->questionBox(), Qt::Key_Return);
    QVERIFY(failed.wait(30000));
    const QString message = failed.front().at(1).toString();
    QVERIFY2(message.contains("config.json"), qPrintable(message));
    QVERIFY(window->askPanel()->answerText().contains("could not be answered"));
    // The window still works: the model can be fixed and the question asked again.
    settings.setModelDir(kModel);
    window->applySettings(settings);
    QVERIFY(askAndWait(*window, "Anything?"));
  }
};

QTEST_MAIN(AppFlowTest)
#include "app_flow_test.moc"
