// Imports files into the library off the GUI thread (a PDF of 300 pages takes
// about half a second to parse): each file runs on Qt's thread pool with its own
// library connection, and the result comes back as a signal.
#pragma once

#include <QObject>
#include <QString>

namespace frontseat::ui {

class ImportRunner : public QObject {
  Q_OBJECT
 public:
  ImportRunner(QString database, QObject* parent = nullptr);

  void importFile(const QString& path);
  int running() const { return running_; }

 Q_SIGNALS:
  // `created` is false when the same content was already in the library.
  void imported(const QString& path, qint64 id, bool created);
  void failed(const QString& path, const QString& message);

 private:
  QString database_;
  int running_ = 0;
};

}  // namespace frontseat::ui
