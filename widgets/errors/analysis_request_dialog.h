#pragma once
// Asks which checkpoint of a run predicts which split of which dataset for a new error analysis:
// the run's best checkpoint and its own dataset's validation split (or the first split it has)
// unless the user picks others. Datasets the run's model cannot predict (another kind of rows,
// labels its head does not have, labels that are not numbers for a regression) are listed greyed,
// with the reason, instead of failing after "Analyse".
#include "core/store/store_records.h"
#include "core/train/analysis_job.h"

#include <QDialog>

#include <cstdint>
#include <map>
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
    // `labels_in_rows`: for a dataset without a label set (no train split), the labels its rows hold
    // (ExperimentStore::labelsInRows), by dataset id; a dataset in neither is not checked for labels.
    AnalysisRequestDialog(const store::RunRecord& run, const std::vector<store::CheckpointRecord>& checkpoints,
                          const std::vector<store::DatasetRecord>& datasets,
                          std::map<int64_t, std::vector<std::string>> labels_in_rows = {}, QWidget* parent = nullptr);

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

    // What the model's head predicts, read from a checkpoint's config.json.
    struct ModelHead {
        bool known = false;        // false: no readable config.json, nothing checked but the task
        bool regression = false;   // a score per row: labels must be numbers
        bool multi_label = false;  // label sets: not checked
        std::vector<std::string> labels;  // a single-label classifier's labels or a tagger's tags
    };
    static ModelHead readModelHead(const std::vector<store::CheckpointRecord>& checkpoints);
    // The dataset's labels: its label set, else what its rows hold.
    const std::vector<std::string>& labelsOf(const store::DatasetRecord& dataset) const;

    store::RunRecord run_;
    std::vector<store::DatasetRecord> datasets_;
    std::map<int64_t, std::vector<std::string>> labels_in_rows_;
    ModelHead head_;
    QComboBox* checkpoint_;
    QComboBox* dataset_;
    QComboBox* split_;
    QLabel* rows_;
    QLabel* greyed_note_ = nullptr;
    QDialogButtonBox* buttons_;
};

}  // namespace bw::gui
