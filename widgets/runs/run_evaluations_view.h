#pragma once
// The final evaluation of each selected run side by side: its metrics, and next to them its
// confusion matrix (rows: true label, columns: predicted) shaded by each true label's share, below
// them precision, recall, F1 and support per class (or entity type); every table exactly as large
// as its cells.
#include "core/store/store_records.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QHBoxLayout;

namespace bw::gui {

struct RunEvaluation {
    QString run;                                    // "#3 baseline"
    std::optional<store::EvaluationRecord> final;  // train::finalEvaluation: what the run ended with
    // The run's last evaluation, when it is not `final` (the best checkpoint was loaded at the end).
    std::optional<int64_t> last_evaluated_step;
    std::vector<std::string> labels;                // label names in id order (may be empty)
};

class RunEvaluationsView : public QWidget {
    Q_OBJECT
public:
    explicit RunEvaluationsView(QWidget* parent = nullptr);

    void setEvaluations(const std::vector<RunEvaluation>& evaluations);

private:
    QHBoxLayout* row_;
};

}  // namespace bw::gui
