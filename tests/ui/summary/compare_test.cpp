// Tests of the full-versus-VCC compare view (ui/compare/compare_view.h) and its
// wording (ui/compare/compare_format.h). Run by summary_test.cpp's main().
#include <QLabel>
#include <QtTest>

#include "ui/compare/compare_format.h"
#include "ui/compare/compare_view.h"

namespace frontseat::ui {
namespace {

CompareSide side(const QString& answer, double encode_ms) {
  return {answer, encode_ms, 40.0, 16000, QStringLiteral("cpu float32")};
}

}  // namespace

class CompareTest : public QObject {
  Q_OBJECT

 private:
  // The answer cell of one side ("full" or "vcc").
  static QString answerShown(const CompareView& view, const char* side) {
    return view.findChild<QLabel*>(QLatin1String(side) + QStringLiteral("Answer"))->text();
  }

 private Q_SLOTS:
  void formatsTimes() {
    QCOMPARE(formatCompareTime(0.84), QStringLiteral("0.8 ms"));
    QCOMPARE(formatCompareTime(85.4), QStringLiteral("85 ms"));
    QCOMPARE(formatCompareTime(1240), QStringLiteral("1.24 s"));
    QCOMPARE(formatCompareTime(12345), QStringLiteral("12.3 s"));
    QCOMPARE(formatCompareTime(125000), QStringLiteral("2 min 5 s"));
  }

  void formatsTheSpeedRatio() {
    QCOMPARE(speedRatioText(1120, 100), QStringLiteral("VCC encoded 11.2× faster"));
    QCOMPARE(speedRatioText(100, 250), QStringLiteral("VCC encoded 2.5× slower"));
    QCOMPARE(speedRatioText(100, 102), QStringLiteral("VCC and full attention encoded equally fast"));
    QCOMPARE(speedRatioText(0, 100), QString());
    QCOMPARE(speedRatioText(100, 0), QString());
  }

  void comparesAnswers() {
    const AnswerAgreement same = compareAnswers(QStringLiteral("The Eiffel Tower"), QStringLiteral("eiffel tower."));
    QVERIFY(same.same);
    QCOMPARE(same.f1, 1.0);
    const AnswerAgreement different = compareAnswers(QStringLiteral("in 1889"), QStringLiteral("March 1889"));
    QVERIFY(!different.same);
    QCOMPARE(different.f1, 0.5);
    QCOMPARE(formatF1(different.f1), QStringLiteral("50%"));
    QCOMPARE(formatF1(2.0 / 3.0), QStringLiteral("67%"));
  }

  void sameAnswersAgree() {
    CompareView view;
    view.setQuestion(QStringLiteral("Which tower?"));
    view.setSide(false, side(QStringLiteral("The Eiffel Tower"), 1120));
    view.setSide(true, side(QStringLiteral("eiffel tower."), 100));
    const QString agreement = view.agreementText();
    QVERIFY2(agreement.contains(QStringLiteral("Same answer")), qPrintable(agreement));
    QVERIFY2(!agreement.contains(QStringLiteral("F1")), qPrintable(agreement));
    QVERIFY2(agreement.contains(QStringLiteral("VCC encoded 11.2× faster")), qPrintable(agreement));
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("fullEncode"))->text(), QStringLiteral("1.12 s"));
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("vccDecode"))->text(), QStringLiteral("40 ms"));
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("vccInput"))->text(), QStringLiteral("16000 tokens"));
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("vccSettings"))->text(), QStringLiteral("cpu float32"));
  }

  void differentAnswersShowTheirF1() {
    CompareView view;
    view.setSide(false, side(QStringLiteral("in 1889"), 300));
    view.setSide(true, side(QStringLiteral("March 1889"), 100));
    const QString agreement = view.agreementText();
    QVERIFY2(agreement.contains(QStringLiteral("Different answers")), qPrintable(agreement));
    QVERIFY2(agreement.contains(QStringLiteral("token F1 50%")), qPrintable(agreement));
    QVERIFY2(agreement.contains(QStringLiteral("VCC encoded 3.0× faster")), qPrintable(agreement));
  }

  void agreementWaitsForBothSides() {
    CompareView view;
    view.setPending(true, true);
    QVERIFY(answerShown(view, "full").contains(QStringLiteral("running…")));
    QVERIFY(answerShown(view, "vcc").contains(QStringLiteral("running…")));
    QVERIFY(view.agreementText().isEmpty());

    view.setSide(true, side(QStringLiteral("Paris"), 100));
    QCOMPARE(answerShown(view, "vcc"), QStringLiteral("Paris"));
    QVERIFY(answerShown(view, "full").contains(QStringLiteral("running…")));
    QVERIFY(view.agreementText().isEmpty());

    view.setSide(false, side(QStringLiteral("Paris"), 900));
    QVERIFY(view.agreementText().contains(QStringLiteral("Same answer")));
  }

  void pendingEndsWithoutAnAnswer() {
    CompareView view;
    view.setSide(false, side(QStringLiteral("Paris"), 900));
    view.setPending(false, true);
    QCOMPARE(answerShown(view, "full"), QStringLiteral("Paris"));  // not pending: kept
    view.setPending(false, false);
    QVERIFY(answerShown(view, "vcc").isEmpty());
    QCOMPARE(answerShown(view, "full"), QStringLiteral("Paris"));
  }

  void anErrorHidesTheAgreement() {
    CompareView view;
    view.setSide(false, side(QStringLiteral("Paris"), 900));
    view.setSide(true, side(QStringLiteral("Paris"), 100));
    QVERIFY(!view.agreementText().isEmpty());
    view.setSideError(true, QStringLiteral("Out of <memory>"));
    QVERIFY(answerShown(view, "vcc").contains(QStringLiteral("Out of &lt;memory&gt;")));
    QVERIFY(view.agreementText().isEmpty());
  }

  void clearEmptiesEverything() {
    CompareView view;
    view.setQuestion(QStringLiteral("Which city?"));
    view.setSide(false, side(QStringLiteral("Paris"), 900));
    view.setSide(true, side(QStringLiteral("Paris"), 100));
    view.clear();
    QVERIFY(answerShown(view, "full").isEmpty());
    QVERIFY(answerShown(view, "vcc").isEmpty());
    QVERIFY(view.agreementText().isEmpty());
    const QString question = view.findChild<QLabel*>(QStringLiteral("compareQuestion"))->text();
    QVERIFY(!question.contains(QStringLiteral("Which city?")));
  }
};

}  // namespace frontseat::ui

int runCompareViewTests(int argc, char** argv) {
  frontseat::ui::CompareTest tests;
  return QTest::qExec(&tests, argc, argv);
}

#include "compare_test.moc"
