#pragma once
// Asks which checkpoint of a run predicts which split of which dataset for a new error analysis:
// the run's best checkpoint and its own dataset's validation split (or the first split it has)
// unless the user picks others. Datasets the run's model cannot predict (another kind of rows,
// labels its head does not have) are listed greyed, with the reason, instead of failing after
// "Analyse".
#include "core/store/store_records.h"
#include "core/train/analysis_job.h"

#include <QDialog>

#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QDialogButtonBox;

namespace bw::gui {

class AnalysisRequestDialog : public QDialog {
    Q_OBJECT
public:
    AnalysisRequestDialog(const store::RunRecord& run, const std::vector<store::CheckpointRecord>& checkpoints,
                          const std::vector<store::DatasetRecord>& datasets, QWidget* parent = nullptr);

    // The request (db left empty: the page knows its store).
    train::AnalysisRequest request() const;

    QComboBox* checkpointBox() const { return checkpoint_; }
    QComboBox* datasetBox() const { return dataset_; }
    QComboBox* splitBox() const { return split_; }
    QString rowCountText() const;
    // Why the run's model cannot predict the dataset's rows; empty when it can (or cannot be told).
    QString datasetProblem(const store::DatasetRecord& dataset) const;

private:
    void fillSplits();
    void showRowCount();

    store::RunRecord run_;
    std::vector<store::DatasetRecord> datasets_;
    // The labels (tags) of the model's head, read from a checkpoint's config.json, where the
    // analysis checks them: a single-label classifier or a tagger.
    std::optional<std::vector<std::string>> model_labels_;
    QComboBox* checkpoint_;
    QComboBox* dataset_;
    QComboBox* split_;
    QLabel* rows_;
    QLabel* greyed_note_ = nullptr;
    QDialogButtonBox* buttons_;
};

}  // namespace bw::gui
