// The probability bars of the Playground and the Train page's probe: each percentage stands clear of
// its bar, and the token axis draws no tick into the plot (a tick once read as a minus before a thin
// bar's "2.6%": "-2.6%").
#include "widgets/shared/probability_chart.h"

#include <QtTest>

using namespace bw::gui;

class TestProbabilityChart : public QObject {
    Q_OBJECT
private slots:
    void percentagesStandClearOfBarsAndAxis() {
        ProbabilityChart chart;
        chart.resize(260, 300);
        chart.setProbabilities({QStringLiteral("-"), QStringLiteral("the"), QStringLiteral("film")}, {0.026f, 0.5f, 0.0f});
        chart.replot();
        QCOMPARE(chart.yAxis->tickLengthIn(), 0);
        QVERIFY(!chart.yAxis->subTicks());
        const auto texts = chart.findChildren<QCPItemText*>();
        QCOMPARE(texts.size(), 3);
        const std::vector<double> values = chart.barValues();
        for (int i = 0; i < 3; ++i) {
            QCPItemText* text = nullptr;
            for (int j = 0; j < chart.itemCount(); ++j)
                if (auto* t = qobject_cast<QCPItemText*>(chart.item(j)); t && qFuzzyCompare(t->position->coords().y() + 1, i + 1.0)) text = t;
            QVERIFY(text);
            const double bar_end = chart.xAxis->coordToPixel(values[static_cast<size_t>(i)]);
            const double starts = text->left->pixelPosition().x() + text->padding().left();  // where its glyphs begin
            QVERIFY2(starts >= bar_end + 4,
                     qPrintable(QStringLiteral("%1 starts at %2, its bar ends at %3").arg(text->text()).arg(starts).arg(bar_end)));
        }
    }
};

QTEST_MAIN(TestProbabilityChart)
#include "test_probability_chart.moc"
