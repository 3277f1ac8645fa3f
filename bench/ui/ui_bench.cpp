// frontseat-ui-bench: the desktop app's responsiveness targets, as tables.
//   vipmap   repaint time of the VIP map for 128K tokens x 12 layers (target < 50 ms)
//   startup  process start to the first painted window (target < 2 s)
//   stall    the longest GUI event-loop stall while a 128K-token document is opened,
//            encoded and its answer shown, and that answer reopened from the history
//            (target < 100 ms each), with what ran in that stall
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bench/ui/event_loop_probe.h"
#include "bench/ui/timed_application.h"
#include "bench/ui/vip_map_bench.h"
#include "engine/model/random_model.h"
#include "engine/runtime/heap_reuse.h"
#include "ui/ask/ask_panel.h"
#include "ui/bridge/engine_client.h"
#include "ui/vipmap/vip_map_panel.h"
#include "ui/vipmap/vip_map_widget.h"
#include "ui/window/main_window.h"

using namespace frontseat;

namespace {

QString argValue(const QStringList& args, const QString& name, const QString& fallback) {
  const int i = static_cast<int>(args.indexOf(name));
  return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

QString buildDir() { return QDir(QCoreApplication::applicationDirPath() + "/..").absolutePath(); }

int startupBench(int runs) {
  const QString app = buildDir() + "/app/frontseat";
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    QTemporaryDir home;
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    env.insert("XDG_CONFIG_HOME", home.filePath("config"));
    process.setProcessEnvironment(env);
    process.start(app, {"--measure-startup"});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
      std::fprintf(stderr, "frontseat-ui-bench: %s failed: %s\n", qPrintable(app),
                   process.readAllStandardError().constData());
      return 1;
    }
    ms.push_back(process.readAllStandardOutput().trimmed().toDouble());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("| runs | median ms to first paint | max ms | target ms |\n|---:|---:|---:|---:|\n");
  std::printf("| %d | %.0f | %.0f | 2000 |\n", runs, ms[ms.size() / 2], ms.back());
  return 0;
}

// A document of about `tokens` tokens for the tiny tokenizer, from the samples.
QString writeLongDocument(const QString& dir, int64_t tokens) {
  QFile sample(QStringLiteral(FRONTSEAT_SOURCE_DIR "/resources/samples/harbor-report.txt"));
  sample.open(QIODevice::ReadOnly);
  const QByteArray text = sample.readAll();
  const QString path = dir + "/long-document.txt";
  QFile out(path);
  out.open(QIODevice::WriteOnly);
  // About 2.7 bytes per token with the tiny model's 400-piece vocabulary.
  const int64_t bytes = tokens * 27 / 10;
  for (int part = 1; out.size() < bytes; ++part) out.write("Part " + QByteArray::number(part) + "\n\n" + text + "\n\n");
  return path;
}

int stallBench(int64_t tokens, const QString& model_option) {
  QTemporaryDir dir;
  QString model = model_option;
  if (model.isEmpty()) {
    // 12 encoder layers like T5-base, tiny width, so the bench runs in seconds on a
    // CPU while the window sees every per-layer progress report a real model sends.
    model = dir.filePath("model");
    auto config = T5Config::load((buildDir() + "/models/tiny-random/config.json").toStdString());
    config.num_layers = 12;
    writeRandomT5Model(config, 11, model.toStdString());
    QFile::copy(buildDir() + "/models/tiny-random/spiece.model", model + "/spiece.model");
  }
  QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
  ui::MainWindow window({dir.filePath("library.sqlite"), dir.filePath("traces"), model}, settings);
  window.show();
  auto app_settings = window.settings();
  app_settings.setModelDir(model);
  app_settings.attention = AttentionMode::Vcc;
  window.applySettings(app_settings);
  // The window's first paints belong to start-up (the startup row), not to the import.
  if (!QTest::qWaitForWindowExposed(&window)) std::fprintf(stderr, "frontseat-ui-bench: the window was not shown\n");
  QTest::qWait(300);
  bench::EventLoopProbe probe;
  auto* app = static_cast<bench::TimedApplication*>(QCoreApplication::instance());
  struct Stage {
    double gap_ms;
    QString events;  // what ran in the longest gap
  };
  const auto startStage = [&] {
    probe.reset();
    app->resetEvents();
  };
  const auto endStage = [&] {
    const auto [from, to] = probe.maxGapSpan();
    return Stage{to - from, app->describeSpan(from, to)};
  };

  const QString doc = writeLongDocument(dir.path(), tokens);
  startStage();
  QSignalSpy imported(&window, &ui::MainWindow::documentImported);
  window.importFiles({doc});
  imported.wait(120000);
  const Stage open = endStage();

  QSignalSpy shown(&window, &ui::MainWindow::replyShown);
  QSignalSpy failed(&window, &ui::MainWindow::requestFailed);
  int64_t input_tokens = 0;
  qint64 record_id = 0;
  QObject::connect(window.engine(), &ui::EngineClient::finished, &window, [&](const ui::QueryReply& reply) {
    input_tokens = reply.result.input_tokens;
    record_id = reply.record.id;
  });
  startStage();
  Q_EMIT window.askPanel()->askRequested(QStringLiteral("What happened in part 12?"));
  while (shown.isEmpty() && failed.isEmpty()) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
  if (!failed.isEmpty()) {
    std::fprintf(stderr, "frontseat-ui-bench: %s\n", qPrintable(failed.front().at(1).toString()));
    return 1;
  }
  const Stage ask = endStage();
  const int ask_ticks = probe.ticks();

  // The answer reopened from the history: its trace is read off the GUI thread,
  // then the map and the evidence are shown again.
  const auto* map = window.vipMapPanel()->map();
  startStage();
  Q_EMIT window.askPanel()->historyActivated(record_id);
  QElapsedTimer waited;
  waited.start();
  while (!map->trace() && waited.elapsed() < 60000) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
  if (!map->trace()) {
    std::fprintf(stderr, "frontseat-ui-bench: the reopened answer's map never came back\n");
    return 1;
  }
  const Stage reopen = endStage();

  std::printf("| stage | max event-loop gap ms | target ms | what ran in that gap |\n|---|---:|---:|---|\n");
  std::printf("| import + open the document (%lld input tokens) | %.0f | 100 | %s |\n",
              static_cast<long long>(input_tokens), open.gap_ms, qPrintable(open.events));
  std::printf("| ask: load model, encode 12 layers (VCC), decode, show answer + VIP map | %.0f | 100 | %s |\n",
              ask.gap_ms, qPrintable(ask.events));
  std::printf("| reopen the answer from the history: read its trace, show map + evidence | %.0f | 100 | %s |\n",
              reopen.gap_ms, qPrintable(reopen.events));
  std::printf("(%d probe ticks during the ask)\n", ask_ticks);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM") && !qEnvironmentVariableIsSet("DISPLAY")) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  frontseat::keepFreedMemoryForReuse();  // the heap as the app sets it
  bench::TimedApplication app(argc, argv);
  const QStringList args = QCoreApplication::arguments();
  const QString command = args.size() > 1 ? args[1] : QString();
  if (command == "vipmap") {
    return bench::runVipMapBench(argValue(args, "--tokens", "131072").toLongLong(),
                              argValue(args, "--layers", "12").toInt(), argValue(args, "--width", "1600").toInt(),
                              argValue(args, "--repeats", "20").toInt());
  }
  if (command == "startup") return startupBench(argValue(args, "--runs", "5").toInt());
  if (command == "stall") {
    return stallBench(argValue(args, "--tokens", "131072").toLongLong(), argValue(args, "--model", ""));
  }
  std::fprintf(stderr,
               "usage: frontseat-ui-bench vipmap [--tokens N --layers L --width PX --repeats R]\n"
               "       frontseat-ui-bench startup [--runs N]\n"
               "       frontseat-ui-bench stall [--tokens N] [--model DIR]\n");
  return 2;
}
