// The desktop app's main flow with the real engine thread, the real library file
// and the random-weight tiny model the build makes: import → ask → answer shown
// → history survives a restart → exports written; cancel; broken model folder.
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <memory>

#include "ui/ask/ask_panel.h"
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
      Q_EMIT window->summaryPanel()->summarizeRequested(16, 1);
      QVERIFY(shown.wait(60000));
      for (const QString& name : {QStringLiteral("summary.md"), QStringLiteral("summary.html"),
                                  QStringLiteral("summary.pdf")}) {
        QVERIFY2(window->summaryPanel()->exportTo(dir_.filePath(name), &error), qPrintable(error));
      }
      QFile pdf(dir_.filePath("summary.pdf"));
      QVERIFY(pdf.open(QIODevice::ReadOnly));
      QVERIFY(pdf.read(5) == "%PDF-");
      QFile md(dir_.filePath("summary.md"));
      QVERIFY(md.open(QIODevice::ReadOnly));
      QVERIFY(md.readAll().startsWith("# "));
    }
    // A restart: a new window on the same library shows the earlier answer.
    auto window = newWindow();
    window->openDocument(id);
    QCOMPARE(window->askPanel()->historyCount(), 1);
    QVERIFY(window->askPanel()->answerText().contains("Which harbor is the report about?"));
    // Its trace was saved, so the VIP map comes back too (read off the GUI thread).
    QTRY_VERIFY_WITH_TIMEOUT(window->vipMapPanel()->map()->trace() != nullptr, 10000);
  }

  void cancelStopsARunningRequest() {
    // ~40K tokens with full attention: seconds of encoding on this model, so the
    // cancel sent when the engine reports the start lands mid-encode.
    const QString long_doc = dir_.filePath("long.txt");
    {
      QFile in(kSample), out(long_doc);
      QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
      const QByteArray text = in.readAll();
      for (int i = 0; i < 24; ++i) out.write(text + "\n\nPart " + QByteArray::number(i) + "\n\n");
    }
    auto window = newWindow();
    QVERIFY(importAndOpen(*window, long_doc) > 0);
    auto settings = window->settings();
    settings.attention = AttentionMode::Full;
    window->applySettings(settings);

    QSignalSpy failed(window.get(), &MainWindow::requestFailed);
    QSignalSpy shown(window.get(), &MainWindow::replyShown);
    connect(window->engine(), &EngineClient::started, window.get(),
            [&window] { Q_EMIT window->askPanel()->cancelRequested(); });
    window->askPanel()->questionBox()->setText("What happened in part 7?");
    QTest::keyClick(window->askPanel()->questionBox(), Qt::Key_Return);
    QVERIFY(failed.wait(60000));
    QCOMPARE(shown.count(), 0);
    QCOMPARE(failed.front().at(1).toString(), QStringLiteral("Cancelled."));
    QVERIFY(!window->askPanel()->busy());
    QVERIFY(window->askPanel()->answerText().contains("Cancelled."));
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
