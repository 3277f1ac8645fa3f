// frontseat: the desktop app. `frontseat [FILE...]` opens the window and imports
// the given files. `--measure-startup` prints the milliseconds from process start
// to the first painted window and quits (used by frontseat-ui-bench startup);
// `--paths` prints where the app keeps its data and found its model.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <QWindow>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "engine/runtime/heap_reuse.h"
#include "ui/window/app_paths.h"
#include "ui/window/main_window.h"

namespace {

// Milliseconds since this process started, from the kernel's start time, so the
// dynamic loading of LibTorch and Qt before main() is counted too.
double msSinceProcessStart() {
  std::ifstream stat("/proc/self/stat");
  std::string line;
  std::getline(stat, line);
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
  }
  const double start_s = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  return (now.tv_sec + now.tv_nsec / 1e9 - start_s) * 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  frontseat::keepFreedMemoryForReuse();  // the engine worker hands it back after each job
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("frontseat"));
  QApplication::setApplicationName(QStringLiteral("frontseat"));
  QApplication::setApplicationDisplayName(QStringLiteral("Frontseat"));
  QApplication::setApplicationVersion(QStringLiteral(FRONTSEAT_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("frontseat"));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/frontseat.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Ask questions about, and summarize, very long documents."));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption measure_startup(QStringLiteral("measure-startup"),
                                     QStringLiteral("Print the time to the first painted window and quit."));
  parser.addOption(measure_startup);
  QCommandLineOption print_paths(QStringLiteral("paths"),
                                 QStringLiteral("Print where the library, the traces and the bundled model are, and quit."));
  parser.addOption(print_paths);
  parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Documents to import and open."),
                               QStringLiteral("[FILE...]"));
  parser.process(app);

  const auto paths = frontseat::ui::defaultAppPaths();
  if (parser.isSet(print_paths)) {
    std::printf("library: %s\ntraces: %s\nbundled model: %s\n", qPrintable(paths.database), qPrintable(paths.traces),
                paths.bundled_model.isEmpty() ? "(none found)" : qPrintable(paths.bundled_model));
    return 0;
  }
  QSettings settings;
  frontseat::ui::MainWindow window(paths, settings);
  window.show();
  window.importFiles(parser.positionalArguments());

  if (parser.isSet(measure_startup)) {
    // Queued behind the first expose and paint of the window.
    QTimer::singleShot(0, &window, [&window] {
      window.repaint();
      std::printf("%.0f\n", msSinceProcessStart());
      std::fflush(stdout);
      QApplication::quit();
    });
  }
  return QApplication::exec();
}
