// The shared curve plot on its own: a run shorter than logging_steps has one point per curve, which
// draws no line; it must still be seen (a dot) inside a y range that fits it, not on the frame.
#include "widgets/shared/curve_plot.h"

#include <QtTest>
#include <qcustomplot.h>

using namespace bw::gui;

class TestCurvePlot : public QObject {
    Q_OBJECT
private slots:
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
};

QTEST_MAIN(TestCurvePlot)
#include "test_curve_plot.moc"
