// The shared curve plot on its own: a run shorter than logging_steps has one point per curve, which
// draws no line; it must still be seen (a dot) inside a y range that fits it, not on the frame. A live
// plot that the user's drag or zoom stops following says so, and follows again in one click. Small
// values are written "8·10⁻⁵" on its axes in every language. A curve equal to another stays in sight.
#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/curve_plot.h"

#include <QPushButton>
#include <QWheelEvent>
#include <QtTest>
#include <qcustomplot.h>

using namespace bw::gui;

class TestCurvePlot : public QObject {
    Q_OBJECT
private slots:
    // The best-checkpoint label stands whole inside a narrow plot: right of its line where it fits,
    // else left of it ("best checkpoint · ste" was cut at the edge of a 300-pixel chart).
    void theMarkerLabelStaysInsideThePlot() {
        CurvePlot plot(QStringLiteral("loss"));
        plot.resize(300, 260);
        plot.show();
        PlotCurve loss;
        loss.label = QStringLiteral("train/loss");
        loss.colour = Qt::darkBlue;
        loss.x = {10, 20, 30, 40, 50, 60, 70};
        loss.y = {6.9, 6.7, 6.4, 6.2, 5.9, 5.8, 5.7};
        const QString label = QStringLiteral("best checkpoint · step 40");
        for (const double best : {10.0, 40.0, 70.0}) {
            plot.setMarker(best, label);
            plot.setCurves({loss}, CurveOptions{});
            QCustomPlot* p = plot.plot();
            p->replot();
            QCPItemText* text = nullptr;
            for (int i = 0; i < p->itemCount(); ++i)
                if (auto* t = qobject_cast<QCPItemText*>(p->item(i)); t && t->text() == label) text = t;
            QVERIFY(text && text->visible());
            const QRect area = p->axisRect()->rect();
            const double left = text->left->pixelPosition().x(), right = text->right->pixelPosition().x();
            QVERIFY2(left >= area.left() - 1 && right <= area.right() + 1,
                     qPrintable(QStringLiteral("at step %1: %2..%3 outside %4..%5").arg(best).arg(left).arg(right).arg(area.left()).arg(area.right())));
        }
    }

    void aSinglePointIsADotInsideItsOwnRange() {
        CurvePlot plot(QStringLiteral("curve"));
        plot.resize(400, 300);
        PlotCurve lr;
        lr.label = QStringLiteral("learning_rate");
        lr.colour = Qt::darkGreen;
        lr.x = {2};
        lr.y = {2.5e-5};
        lr.smoothable = true;  // smoothed curves get no dots otherwise
        CurveOptions options;
        options.smoothing = 0.6;
        plot.setCurves({lr}, options);

        QCustomPlot* p = plot.plot();
        QCPGraph* line = nullptr;
        for (int g = 0; g < p->graphCount(); ++g)
            if (p->graph(g)->name() == lr.label) line = p->graph(g);
        QVERIFY(line);
        QCOMPARE(line->scatterStyle().shape(), QCPScatterStyle::ssDisc);
        const QCPRange y = p->yAxis->range();
        QVERIFY2(y.contains(2.5e-5), qPrintable(QStringLiteral("%1 .. %2").arg(y.lower).arg(y.upper)));
        // Around the value, at its scale: not the ±3 of an empty plot, where it sits on the zero line.
        QVERIFY(y.size() < 2.5e-5);
        QVERIFY(y.lower > 0);
        QVERIFY(p->xAxis->range().contains(2));
    }

    // accuracy and f1_macro equal at every evaluation (a balanced binary task): the second is dashed
    // over the first, with rings around its dots, and the legend says so. One point apart, both are
    // drawn as usual.
    void aCurveEqualToAnotherStaysInSight() {
        CurvePlot plot(QStringLiteral("curve"));
        PlotCurve accuracy, f1, loss;
        accuracy.label = QStringLiteral("accuracy");
        accuracy.colour = QColor(0xF28E2B);
        accuracy.x = {10, 20, 30};
        accuracy.y = {0.61, 0.74, 0.8};
        accuracy.dots_when_sparse = true;
        f1 = accuracy;
        f1.label = QStringLiteral("f1_macro");
        f1.colour = QColor(0xB07AA1);
        loss = accuracy;
        loss.label = QStringLiteral("loss");
        loss.y = {0.61, 0.74, 0.81};
        plot.setCurves({accuracy, f1, loss}, CurveOptions{});
        QCOMPARE(plot.lineOf(0)->pen().style(), Qt::SolidLine);
        QCOMPARE(plot.lineOf(0)->scatterStyle().shape(), QCPScatterStyle::ssDisc);
        QCOMPARE(plot.lineOf(1)->pen().style(), Qt::DashLine);
        QCOMPARE(plot.lineOf(1)->name(), QStringLiteral("f1_macro (= accuracy)"));
        QCOMPARE(plot.lineOf(1)->scatterStyle().shape(), QCPScatterStyle::ssCircle);
        QVERIFY(plot.lineOf(1)->scatterStyle().size() > plot.lineOf(0)->scatterStyle().size());
        QCOMPARE(plot.lineOf(2)->pen().style(), Qt::SolidLine);
        QCOMPARE(plot.lineOf(2)->name(), QStringLiteral("loss"));
    }

    void aDenseSmoothedCurveHasNoDots() {
        CurvePlot plot(QStringLiteral("curve"));
        PlotCurve loss;
        loss.label = QStringLiteral("loss");
        loss.colour = Qt::blue;
        for (int i = 1; i <= 20; ++i) {
            loss.x << i;
            loss.y << 1.0 / i;
        }
        loss.smoothable = true;
        plot.setCurves({loss}, CurveOptions{});
        for (int g = 0; g < plot.plot()->graphCount(); ++g)
            QCOMPARE(plot.plot()->graph(g)->scatterStyle().shape(), QCPScatterStyle::ssNone);
        QCOMPARE(plot.plot()->graphCount(), 2);  // the smoothed curve over its faint raw one
    }

    // A small value is written one way on every chart and in every language, "8·10⁻⁵": QCustomPlot
    // writes "8·10⁻⁵" where the locale's exponent is "e" and "8E-05" where it is "E" (Chinese).
    void smallValuesAreWrittenOneWay() {
        QCOMPARE(chartNumber(8e-5), QStringLiteral("8·10⁻⁵"));
        QCOMPARE(chartNumber(2.5e-5), QStringLiteral("2.5·10⁻⁵"));
        QCOMPARE(chartNumber(-4e-4), QStringLiteral("-4·10⁻⁴"));
        QCOMPARE(chartNumber(3e6), QStringLiteral("3·10⁶"));
        QCOMPARE(chartNumber(0.25), QStringLiteral("0.25"));
        QCOMPARE(chartNumber(1200), QStringLiteral("1200"));
        QCOMPARE(chartNumber(0.6931472), QStringLiteral("0.6931"));
        QCOMPARE(chartNumber(0), QStringLiteral("0"));
        // An axis of small values: every label with its power of ten, none plain among them.
        QCOMPARE(chartTickLabels({0, 2e-5, 4e-5, 6.000000000000001e-5, 8e-5, 1e-4}),
                 (QVector<QString>{"0", "2·10⁻⁵", "4·10⁻⁵", "6·10⁻⁵", "8·10⁻⁵", "1·10⁻⁴"}));
        QCOMPARE(chartTickLabels({0, 0.1, 0.2, 0.30000000000000004}), (QVector<QString>{"0", "0.1", "0.2", "0.3"}));
        QCOMPARE(chartTickLabels({1e-5, 1e-3, 0.1, 10}), (QVector<QString>{"1·10⁻⁵", "0.001", "0.1", "10"}));

        // The learning-rate axis of a chart, in Chinese, on a linear and on a log scale.
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QStringList linear, logarithmic;
        {
            CurvePlot plot(QStringLiteral("curve"));
            plot.resize(500, 300);
            PlotCurve lr;
            lr.label = QStringLiteral("learning_rate");
            lr.colour = Qt::darkGreen;
            for (int i = 1; i <= 8; ++i) {
                lr.x << i;
                lr.y << i * 1e-5;
            }
            plot.setCurves({lr}, CurveOptions{0, false, CurveAxis::Step});
            plot.plot()->replot();
            linear = plot.plot()->yAxis->tickVectorLabels().toList();
            plot.setCurves({lr}, CurveOptions{0, true, CurveAxis::Step});
            plot.plot()->replot();
            logarithmic = plot.plot()->yAxis->tickVectorLabels().toList();
        }
        QLocale::setDefault(before);
        QVERIFY2(linear.contains(QStringLiteral("8·10⁻⁵")), qPrintable(linear.join(QStringLiteral(" | "))));
        QVERIFY(!logarithmic.isEmpty());
        for (const QString& label : linear + logarithmic)
            QVERIFY2(!label.contains(QLatin1Char('e'), Qt::CaseInsensitive), qPrintable(label));
    }

    // Against training time, in a plot as narrow as one of the Runs page's grid, the time labels
    // stand apart ("00:00:0000:00:02…" ran together), minutes and seconds under an hour, with
    // hours from an hour on.
    void timeLabelsFitANarrowPlot() {
        for (const double seconds : {14.0, 5400.0}) {
            for (const int width : {240, 320, 900}) {
                CurvePlot plot(QStringLiteral("curve"));
                plot.resize(width, 200);
                PlotCurve loss;
                loss.label = QStringLiteral("loss");
                loss.colour = Qt::darkBlue;
                for (int i = 0; i <= 50; ++i) {
                    loss.x << seconds * i / 50;
                    loss.y << 1.0 / (1 + i);
                }
                plot.setCurves({loss}, CurveOptions{0, false, CurveAxis::Time});
                plot.show();
                QVERIFY(QTest::qWaitForWindowExposed(&plot));
                plot.plot()->replot();
                const QCPAxis* x = plot.plot()->xAxis;
                const QVector<double> ticks = x->tickVector();
                const QVector<QString> labels = x->tickVectorLabels();
                const QString shown = QStringList(labels.begin(), labels.end()).join(QStringLiteral(" | "));
                QVERIFY2(ticks.size() >= 2, qPrintable(shown));
                const QFontMetrics metrics(x->tickLabelFont());
                for (qsizetype i = 0; i + 1 < ticks.size(); ++i) {
                    const double apart = x->coordToPixel(ticks[i + 1]) - x->coordToPixel(ticks[i]);
                    const double needed = (metrics.horizontalAdvance(labels[i]) + metrics.horizontalAdvance(labels[i + 1])) / 2.0;
                    QVERIFY2(apart > needed + 4, qPrintable(QStringLiteral("%1 px wide: %2").arg(width).arg(shown)));
                }
                QCOMPARE(labels.first().count(QLatin1Char(':')), seconds < 3600 ? 1 : 2);
                QCOMPARE(plot.timeLabelsShowHours(), seconds >= 3600);  // what an axis title says
            }
        }
    }

    // A live plot (a run training) stops following its new points when the user drags or zooms, and
    // says so on the plot with a button that follows again; a plain click changes nothing.
    void aDragPausesFollowingVisiblyUntilTheButtonIsClicked() {
        CurvePlot plot(QStringLiteral("curve"));
        plot.resize(700, 400);
        plot.setLive(true);
        plot.setCurves({lossUpTo(20)}, CurveOptions{});
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QCustomPlot* p = plot.plot();
        QPushButton* follow = plot.followButton();
        QVERIFY(plot.isFollowing());
        QVERIFY(!follow->isVisible());

        const QPoint centre = p->axisRect()->rect().center();
        QTest::mouseClick(p, Qt::LeftButton, {}, centre);
        QVERIFY(plot.isFollowing());
        QVERIFY(!follow->isVisible());

        QTest::mousePress(p, Qt::LeftButton, {}, centre);
        QTest::mouseMove(p, centre + QPoint(-120, 30));
        QTest::mouseRelease(p, Qt::LeftButton, {}, centre + QPoint(-120, 30));
        QVERIFY(!plot.isFollowing());
        QVERIFY(follow->isVisible());
        QVERIFY2(follow->text().contains(QStringLiteral("Paused following")), qPrintable(follow->text()));
        QVERIFY(p->axisRect()->rect().contains(follow->geometry()));  // on the axes, not over the legend
        const QCPRange dragged = p->xAxis->range();

        // New points leave the user's view alone, until the button is clicked.
        plot.setCurves({lossUpTo(40)}, CurveOptions{});
        QCOMPARE(p->xAxis->range(), dragged);
        QVERIFY(follow->isVisible());
        QTest::mouseClick(follow, Qt::LeftButton);
        QVERIFY(plot.isFollowing());
        QVERIFY(!follow->isVisible());
        QVERIFY(p->xAxis->range().contains(40));

        // A wheel zoom pauses too; the run ending takes the button away, a new one follows again.
        QWheelEvent wheel(QPointF(centre), QPointF(p->mapToGlobal(centre)), {}, QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(p, &wheel);
        QVERIFY(!plot.isFollowing());
        QVERIFY(follow->isVisible());
        plot.setLive(false);
        QVERIFY(!follow->isVisible());
        plot.setLive(true);
        QVERIFY(plot.isFollowing());
        QVERIFY(!follow->isVisible());
    }

    // A plot that gets no new points (a finished run) has nothing to follow: no button.
    void aPlotThatIsNotLiveShowsNoButton() {
        CurvePlot plot(QStringLiteral("curve"));
        plot.resize(700, 400);
        plot.setCurves({lossUpTo(20)}, CurveOptions{});
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const QPoint centre = plot.plot()->axisRect()->rect().center();
        QTest::mousePress(plot.plot(), Qt::LeftButton, {}, centre);
        QTest::mouseMove(plot.plot(), centre + QPoint(-120, 30));
        QTest::mouseRelease(plot.plot(), Qt::LeftButton, {}, centre + QPoint(-120, 30));
        QVERIFY(!plot.isFollowing());
        QVERIFY(!plot.followButton()->isVisible());
    }

private:
    static PlotCurve lossUpTo(int steps) {
        PlotCurve loss;
        loss.label = QStringLiteral("loss");
        loss.colour = Qt::blue;
        for (int i = 1; i <= steps; ++i) {
            loss.x << i;
            loss.y << 1.0 / i;
        }
        return loss;
    }
};

QTEST_MAIN(TestCurvePlot)
#include "test_curve_plot.moc"
