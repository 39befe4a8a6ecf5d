#pragma once
// One stored dataset: its splits with row counts and source files, and for the chosen split what
// the model's tokenizer makes of it (core's DatasetStatistics, computed on a worker thread): label
// distribution, token-length histogram with a movable max_length and the truncation it implies,
// the tokenizer audit, and duplicated rows.
#include "core/data/dataset_statistics.h"
#include "core/store/store_records.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bw::gui {

class BackgroundTask;
class LabelDistributionPlot;
class LengthHistogram;
class TokenizerAuditView;
class TokenizerCache;
class Workspace;

class DatasetView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetView(Workspace& workspace, QWidget* parent = nullptr);
    ~DatasetView() override;

    // Shows the dataset (nullopt: nothing selected) and starts computing its statistics.
    // `sources_problem`: why the store could not say which files the splits came from (shown there).
    void setDataset(std::optional<store::DatasetRecord> dataset, const std::vector<store::DatasetSource>& sources,
                    const QString& sources_problem = {});
    // The splits table's cell: where the split's rows came from.
    QString importedFromText(int split_row) const;
    // Computes again (the model or the store contents changed).
    void refreshStatistics();

    // The figures shown, once computed for the current dataset and split.
    const data::DatasetStatistics* statistics() const { return stats_ ? &*stats_ : nullptr; }
    bool isComputing() const;
    int maxLength() const;
    void setMaxLength(int max_length);
    // The truncation rate the max_length line implies, as the view shows it.
    double truncationRate() const;
    LengthHistogram* histogram() const { return histogram_; }
    LabelDistributionPlot* labelPlot() const { return label_plot_; }
    QString detailsText() const;  // the line under the title: kind, format, labels
    // Writes the figures shown (with the dataset, split, model and the max_length's truncation) as
    // JSON; false with the reason when there are none yet or the file cannot be written.
    bool exportStatisticsTo(const QString& path, QString* error = nullptr);
    // The split whose statistics are shown ("train", "validation", "test"), or "" with none.
    QString currentSplit() const;
    bool setCurrentSplit(const QString& split);  // false when the dataset has no such split

signals:
    void statisticsReady();

private:
    void buildLayout();
    void limitMaxLengthToModel();  // max_length's range: up to the model's max_position_embeddings
    void showSplits(const std::vector<store::DatasetSource>& sources, const QString& sources_problem);
    void startStatistics();
    void statisticsComputed(std::shared_ptr<std::optional<data::DatasetStatistics>> stats, const QString& error);
    void showStatistics();
    std::vector<std::pair<std::string, uint64_t>> inLabelIdOrder(const std::vector<std::pair<std::string, uint64_t>>& counts) const;
    void showEmptyTexts(const data::DatasetStatistics& s);
    void showUnlabelledRows(const data::DatasetStatistics& s);
    static QString whereInTheFile(uint64_t rows, const std::vector<uint64_t>& first_lines);
    void updateTruncation();
    void exportStatistics();
    void setStatus(const QString& text, bool error);

    Workspace& workspace_;
    std::optional<store::DatasetRecord> dataset_;
    std::optional<data::DatasetStatistics> stats_;
    BackgroundTask* task_;
    std::shared_ptr<TokenizerCache> tokenizers_;  // used on the worker thread only
    bool pending_ = false;  // asked again while a computation ran

    QLabel* title_;
    QLabel* details_;
    QTableWidget* splits_table_;
    QComboBox* split_combo_;
    QSpinBox* max_length_spin_;
    QPushButton* export_button_;
    QLabel* status_label_;
    LabelDistributionPlot* label_plot_;
    LengthHistogram* histogram_;
    QLabel* truncation_label_;
    QLabel* length_summary_;
    TokenizerAuditView* audit_;
    QGroupBox* lengths_box_;  // their titles name the tokenizer the figures are of
    QGroupBox* audit_box_;
    QLabel* duplicates_label_;
    QLabel* empty_texts_label_;  // shown only when some rows have an empty text
    QLabel* unlabelled_label_;   // shown only when some rows have no label
    QListWidget* duplicate_examples_;
};

}  // namespace bw::gui
