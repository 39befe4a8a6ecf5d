#pragma once
// Class probabilities as horizontal bars, one per label, with the percentage at the end of each.
#include <QStringList>
#include <qcustomplot.h>

#include <vector>

namespace bw::gui {

class ProbabilityChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit ProbabilityChart(QWidget* parent = nullptr);

    void setProbabilities(const QStringList& labels, const std::vector<float>& probabilities);
    void clearProbabilities() { setProbabilities({}, {}); }
    // What is drawn: bar i is labels()[i] with probability probabilities()[i].
    const QStringList& labels() const { return labels_; }
    std::vector<double> barValues() const;

    QSize sizeHint() const override;  // tall enough for one bar per label, not more

private:
    QCPBars* bars_;
    QStringList labels_;
    QList<QCPItemText*> values_;
};

}  // namespace bw::gui
