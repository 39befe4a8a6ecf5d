#include "widgets/data/dataset_view.h"

#include "core/model/bert_config.h"
#include "widgets/data/dataset_list_model.h"
#include "widgets/data/label_distribution_plot.h"
#include "widgets/data/split_statistics.h"
#include "widgets/data/tokenizer_audit_view.h"
#include "widgets/shared/model_name.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/bad_rows_text.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/length_histogram.h"
#include "widgets/shared/truncation.h"
#include "widgets/workbench/workspace.h"
#include "widgets/shared/message_box.h"
#include "widgets/shared/split_title.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace bw::gui {

namespace {

constexpr int kDefaultMaxLength = 128;  // as the CLI's dataset-stats and training default
constexpr int kLongestWithoutModel = 8192;

// The longest max_length the model takes: its max_position_embeddings (512 for BERT); a folder
// without a readable config.json (a tokenizer alone) limits nothing the spin box does not.
int longestInputOf(const QString& model_dir) {
    if (model_dir.isEmpty()) return kLongestWithoutModel;
    try {
        const auto config = model::BertConfig::fromFile(model_dir.toStdString() + "/config.json");
        return static_cast<int>(std::clamp<int64_t>(config.max_position_embeddings, 1, kLongestWithoutModel));
    } catch (const std::exception&) {
        return kLongestWithoutModel;
    }
}

QGroupBox* groupAround(const QString& title, QWidget* content) {
    auto* box = new QGroupBox(title);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

}  // namespace

DatasetView::DatasetView(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), task_(new BackgroundTask(this)),
      tokenizers_(std::make_shared<TokenizerCache>()) {
    buildLayout();
    connect(&workspace_, &Workspace::modelChanged, this, &DatasetView::limitMaxLengthToModel);  // first: the
    connect(&workspace_, &Workspace::modelChanged, this, &DatasetView::refreshStatistics);     // statistics use it
    setDataset(std::nullopt, {});
}

DatasetView::~DatasetView() = default;

void DatasetView::buildLayout() {
    title_ = new QLabel;
    QFont title_font = title_->font();
    title_font.setPointSizeF(title_font.pointSizeF() * 1.4);
    title_font.setBold(true);
    title_->setFont(title_font);
    details_ = new QLabel;
    details_->setWordWrap(true);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    splits_table_ = new QTableWidget(0, 4);
    splits_table_->setObjectName("splitsTable");
    splits_table_->setHorizontalHeaderLabels({tr("Split"), tr("Rows"), tr("Imported from"), tr("Imported")});
    splits_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    splits_table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    splits_table_->verticalHeader()->setVisible(false);
    splits_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    splits_table_->setSelectionMode(QAbstractItemView::NoSelection);
    splits_table_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    splits_table_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    split_combo_ = new QComboBox;
    split_combo_->setObjectName("statisticsSplitCombo");
    max_length_spin_ = new QSpinBox;
    max_length_spin_->setObjectName("maxLengthSpin");
    limitMaxLengthToModel();  // first: a QSpinBox's own range ends at 99, and would clamp the default
    max_length_spin_->setValue(kDefaultMaxLength);
    export_button_ = new QPushButton(tr("Export statistics…"));
    status_label_ = new QLabel;
    status_label_->setObjectName("statisticsStatus");
    status_label_->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Split:")));
    controls->addWidget(split_combo_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("max_length:")));
    controls->addWidget(max_length_spin_);
    controls->addSpacing(12);
    controls->addWidget(status_label_, 1);
    controls->addWidget(export_button_);

    label_plot_ = new LabelDistributionPlot;
    histogram_ = new LengthHistogram;
    histogram_->setMaxLength(kDefaultMaxLength);
    truncation_label_ = new QLabel;
    truncation_label_->setObjectName("truncationLabel");
    truncation_label_->setWordWrap(true);
    length_summary_ = new QLabel;
    length_summary_->setWordWrap(true);
    auto* lengths = new QWidget;
    auto* lengths_layout = new QVBoxLayout(lengths);
    lengths_layout->setContentsMargins(0, 0, 0, 0);
    lengths_layout->addWidget(histogram_, 1);
    lengths_layout->addWidget(truncation_label_);
    lengths_layout->addWidget(length_summary_);

    audit_ = new TokenizerAuditView;
    empty_texts_label_ = new QLabel;
    empty_texts_label_->setObjectName("emptyTextsLabel");
    empty_texts_label_->setWordWrap(true);
    empty_texts_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    empty_texts_label_->hide();
    unlabelled_label_ = new QLabel;
    unlabelled_label_->setObjectName("unlabelledRowsLabel");
    unlabelled_label_->setWordWrap(true);
    unlabelled_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    unlabelled_label_->hide();
    duplicates_label_ = new QLabel;
    duplicates_label_->setObjectName("duplicatesLabel");
    duplicates_label_->setWordWrap(true);
    duplicate_examples_ = new QListWidget;
    duplicate_examples_->setMinimumHeight(100);
    auto* duplicates = new QWidget;
    auto* duplicates_layout = new QVBoxLayout(duplicates);
    duplicates_layout->setContentsMargins(0, 0, 0, 0);
    duplicates_layout->addWidget(empty_texts_label_);
    duplicates_layout->addWidget(unlabelled_label_);
    duplicates_layout->addWidget(duplicates_label_);
    duplicates_layout->addWidget(duplicate_examples_, 1);
    duplicates_layout->addStretch(0);

    auto* grid = new QGridLayout;
    grid->addWidget(groupAround(tr("Label distribution"), label_plot_), 0, 0);
    lengths_box_ = groupAround(tr("Token lengths"), lengths);
    audit_box_ = groupAround(tr("Tokenizer audit"), audit_);
    grid->addWidget(lengths_box_, 0, 1);
    grid->addWidget(audit_box_, 1, 0);
    grid->addWidget(groupAround(tr("Duplicate and empty rows"), duplicates), 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(details_);
    layout->addWidget(splits_table_);
    layout->addLayout(controls);
    layout->addLayout(grid, 1);

    connect(split_combo_, qOverload<int>(&QComboBox::activated), this, &DatasetView::refreshStatistics);
    connect(max_length_spin_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int value) {
        histogram_->setMaxLength(value);
        updateTruncation();
    });
    connect(histogram_, &LengthHistogram::maxLengthChanged, max_length_spin_, &QSpinBox::setValue);
    connect(export_button_, &QPushButton::clicked, this, &DatasetView::exportStatistics);
}

void DatasetView::setDataset(std::optional<store::DatasetRecord> dataset, const std::vector<store::DatasetSource>& sources,
                             const QString& sources_problem) {
    // The store changes for many reasons (a run renamed): the same rows need no new tokenizing. Renamed
    // labels do: the header and the label chart name them.
    if (dataset_ && dataset && dataset_->id == dataset->id && dataset_->row_counts == dataset->row_counts &&
        dataset_->label_set == dataset->label_set) {
        dataset_ = std::move(dataset);
        showSplits(sources, sources_problem);
        return;
    }
    dataset_ = std::move(dataset);
    stats_.reset();
    const QString previous_split = split_combo_->currentData().toString();
    split_combo_->clear();
    if (!dataset_) {
        title_->setText(tr("No dataset selected"));
        details_->setText(tr("Import a CSV, TSV, JSON Lines, CoNLL or plain-text file to start."));
        showSplits({}, {});
        showStatistics();
        setStatus({}, false);
        return;
    }
    title_->setText(QString::fromStdString(dataset_->name));
    QStringList labels;
    for (const auto& label : dataset_->label_set) labels << QString::fromStdString(label);
    // Counted: a dataset whose one label is "0" read "labels: 0", as if it had none.
    const int label_count = static_cast<int>(labels.size());
    const QString kind = taskKindTitle(dataset_->task_kind), format = QString::fromStdString(dataset_->format).toUpper();
    // Labels get their ids from the train split: a dataset imported without one has rows with labels
    // (its chart counts them) but no label set yet.
    const bool unnumbered = labels.isEmpty() && dataset_->task_kind != "corpus";
    details_->setText(unnumbered        ? tr("%1 · %2 · labels not numbered yet (a train split numbers them)").arg(kind, format)
                      : labels.isEmpty() ? tr("%1 · %2 · no labels").arg(kind, format)
                                         : tr("%1 · %2 · %n label(s): %3", "", label_count)
                                               .arg(kind, format, labels.join(QStringLiteral(", "))));
    showSplits(sources, sources_problem);
    showStatistics();
    for (const char* split : kSplitsInOrder) {
        const auto it = dataset_->row_counts.find(split);
        if (it != dataset_->row_counts.end() && it->second > 0) split_combo_->addItem(splitTitle(split), QString(split));
    }
    const int keep = split_combo_->findData(previous_split);
    if (keep >= 0) split_combo_->setCurrentIndex(keep);
    refreshStatistics();
}

QString DatasetView::detailsText() const { return details_->text(); }

QString DatasetView::importedFromText(int split_row) const {
    const QTableWidgetItem* item = splits_table_->item(split_row, 2);
    return item ? item->text() : QString();
}

void DatasetView::showSplits(const std::vector<store::DatasetSource>& sources, const QString& sources_problem) {
    splits_table_->setRowCount(0);
    if (!dataset_) return;
    const QLocale locale;
    std::vector<std::pair<std::string, int64_t>> splits;  // train, validation, test, then any other
    for (const char* split : kSplitsInOrder)
        if (const auto it = dataset_->row_counts.find(split); it != dataset_->row_counts.end()) splits.emplace_back(*it);
    for (const auto& entry : dataset_->row_counts)
        if (std::find(kSplitsInOrder.begin(), kSplitsInOrder.end(), entry.first) == kSplitsInOrder.end()) splits.push_back(entry);
    for (const auto& [split, rows] : splits) {
        const int row = splits_table_->rowCount();
        splits_table_->insertRow(row);
        QStringList files, dates;
        for (const auto& source : sources) {
            if (source.split != split) continue;
            QString file = QString::fromStdString(source.path);
            if (source.skipped_rows > 0)
                file += QLatin1Char(' ') + skippedRowsNote(source.skipped_rows);
            files << file;
            dates << QString::fromStdString(source.imported_at).left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
        }
        splits_table_->setItem(row, 0, new QTableWidgetItem(splitTitle(split)));
        auto* count = new QTableWidgetItem(locale.toString(static_cast<qlonglong>(rows)));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        splits_table_->setItem(row, 1, count);
        // A store that cannot list its sources (a damaged table) says so here instead of an empty cell.
        auto* file = new QTableWidgetItem(sources_problem.isEmpty() ? files.join(QStringLiteral("; "))
                                                                    : tr("(not known: %1)").arg(sources_problem));
        file->setToolTip(file->text());
        splits_table_->setItem(row, 2, file);
        splits_table_->setItem(row, 3, new QTableWidgetItem(dates.join(QStringLiteral("; "))));
    }
    // The table is as tall as its rows: it never scrolls.
    int height = splits_table_->horizontalHeader()->height() + 2 * splits_table_->frameWidth();
    for (int r = 0; r < splits_table_->rowCount(); ++r) height += splits_table_->rowHeight(r);
    splits_table_->setFixedHeight(height);
}

bool DatasetView::isComputing() const { return task_->isRunning(); }

int DatasetView::maxLength() const { return max_length_spin_->value(); }

void DatasetView::setMaxLength(int max_length) { max_length_spin_->setValue(max_length); }

double DatasetView::truncationRate() const {
    return stats_ ? gui::truncationRate(stats_->length_counts, maxLength()) : 0.0;
}

void DatasetView::limitMaxLengthToModel() {
    const int longest = longestInputOf(workspace_.modelDir());
    max_length_spin_->setRange(1, longest);  // a longer value is clamped (and the histogram follows)
    max_length_spin_->setToolTip(longest < kLongestWithoutModel
                                     ? tr("At most %1: the model's max_position_embeddings.").arg(longest)
                                     : QString());
}

void DatasetView::refreshStatistics() {
    if (task_->isRunning()) {
        pending_ = true;  // started again once the running one ends
        return;
    }
    startStatistics();
}

void DatasetView::startStatistics() {
    pending_ = false;
    if (!dataset_ || split_combo_->count() == 0) {
        showStatistics();
        return;
    }
    SplitStatisticsRequest request;
    request.store_path = workspace_.storePath().toStdString();
    request.dataset_id = dataset_->id;
    request.split = split_combo_->currentData().toString().toStdString();
    request.model_dir = workspace_.modelDir().toStdString();
    request.max_length = maxLength();
    setStatus(request.model_dir.empty() ? tr("Counting the %1 split…").arg(split_combo_->currentText())
                                        : tr("Tokenizing the %1 split…").arg(split_combo_->currentText()),
              false);
    auto result = std::make_shared<std::optional<data::DatasetStatistics>>();
    auto error = std::make_shared<QString>();
    task_->start(
        [request, result, error, tokenizers = tokenizers_] {
            try {
                *result = computeSplitStatistics(request, *tokenizers);
            } catch (const std::exception& e) {
                *error = errorText(e);
            }
        },
        [this, result, error] { statisticsComputed(result, *error); });
}

void DatasetView::statisticsComputed(std::shared_ptr<std::optional<data::DatasetStatistics>> stats, const QString& error) {
    if (pending_) {  // the dataset, split or model changed meanwhile: this result is stale
        startStatistics();
        return;
    }
    stats_ = std::move(*stats);
    // Without a model the labels, duplicates and empty texts are counted; lengths need its tokenizer.
    if (error.isEmpty() && stats_ && !stats_->tokenized)
        setStatus(tr("Choose a model to see how its tokenizer reads this data: token lengths, truncation, [UNK]."), false);
    else
        setStatus(error, !error.isEmpty());
    showStatistics();
    if (stats_) emit statisticsReady();
}

// A split's label counts in the dataset's label-id order (the order training and the export number
// them, and the label-names dialog lists them), not the statistics' own; labels outside the set after.
std::vector<std::pair<std::string, uint64_t>> DatasetView::inLabelIdOrder(
    const std::vector<std::pair<std::string, uint64_t>>& counts) const {
    if (!dataset_ || dataset_->label_set.empty()) return counts;
    std::vector<std::pair<std::string, uint64_t>> ordered;
    for (const std::string& label : dataset_->label_set) {
        const auto found = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == label; });
        if (found != counts.end()) ordered.push_back(*found);
    }
    for (const auto& c : counts)
        if (std::find(dataset_->label_set.begin(), dataset_->label_set.end(), c.first) == dataset_->label_set.end())
            ordered.push_back(c);
    return ordered;
}

void DatasetView::showStatistics() {
    export_button_->setEnabled(stats_.has_value());
    label_plot_->setEmptyHint(dataset_ && dataset_->task_kind == "corpus"
                                  ? tr("A corpus has no labels: pretraining reads its text alone.")
                                  : QString());
    if (!stats_) {
        label_plot_->setCounts({}, false);
        histogram_->setLengths({});
        truncation_label_->clear();
        length_summary_->clear();
        audit_->clear();
        duplicates_label_->clear();
        duplicate_examples_->clear();
        empty_texts_label_->clear();
        empty_texts_label_->hide();
        unlabelled_label_->clear();
        unlabelled_label_->hide();
        return;
    }
    const data::DatasetStatistics& s = *stats_;
    const QLocale locale;
    // Whose tokenizer counted them: the model chosen in the status bar (a walk saw the figures
    // change with it and nothing say why).
    const QString tokenizer = s.tokenized ? modelName(workspace_.modelDir()) : QString();
    lengths_box_->setTitle(tokenizer.isEmpty() ? tr("Token lengths") : tr("Token lengths (%1's tokenizer)").arg(tokenizer));
    audit_box_->setTitle(tokenizer.isEmpty() ? tr("Tokenizer audit") : tr("Tokenizer audit (%1's tokenizer)").arg(tokenizer));
    label_plot_->setCounts(s.token_task ? s.label_counts : inLabelIdOrder(s.label_counts), s.token_task);
    if (s.tokenized) {
        histogram_->setLengths(s.length_counts);
        histogram_->setMaxLength(maxLength());
        length_summary_->setText(tr("Tokens per row: min %1, median %2, 95th percentile %3, max %4, mean %5")
                                     .arg(s.min_length)
                                     .arg(s.median_length)
                                     .arg(s.p95_length)
                                     .arg(s.max_length)
                                     .arg(locale.toString(s.mean_length, 'f', 1)));
        updateTruncation();
        audit_->setStatistics(s);
    } else {
        histogram_->setLengths({});
        length_summary_->clear();
        truncation_label_->clear();
        audit_->clear();
    }
    QString duplicates = s.duplicate_rows == 0
                             ? tr("No row repeats an earlier row's text.")
                             : tr("%Ln row(s) repeat an earlier row's text; %1 of them with a different label.", nullptr,
                                  static_cast<int>(std::min<uint64_t>(s.duplicate_rows, INT_MAX)))
                                   .arg(locale.toString(static_cast<qulonglong>(s.conflicting_duplicates)));
    // The statistics keep a few example texts only: say so when the list is shorter than the count.
    if (s.duplicate_rows > s.duplicate_examples.size())
        duplicates += QLatin1Char(' ') + tr("The list shows the first %n repeated text(s) as examples.", nullptr,
                                            static_cast<int>(s.duplicate_examples.size()));
    duplicates_label_->setText(duplicates);
    showEmptyTexts(s);
    showUnlabelledRows(s);
    duplicate_examples_->clear();
    for (const auto& text : s.duplicate_examples) duplicate_examples_->addItem(QString::fromStdString(text));
    duplicate_examples_->setVisible(!s.duplicate_examples.empty());
}

// "at line(s) 3, 9 of the file", or "the first 5 at lines ... of the file" when more rows than
// the lines named.
QString DatasetView::whereInTheFile(uint64_t rows, const std::vector<uint64_t>& first_lines) {
    QStringList lines;
    for (uint64_t line : first_lines) lines << QString::number(line);
    const int named = static_cast<int>(lines.size());
    const QString where = rows > first_lines.size() ? tr("the first %n at lines %1 of the file", nullptr, named)
                                                    : tr("at line(s) %1 of the file", nullptr, named);
    return where.arg(lines.join(QStringLiteral(", ")));
}

void DatasetView::showEmptyTexts(const data::DatasetStatistics& s) {
    empty_texts_label_->setVisible(s.empty_text_rows > 0);
    if (s.empty_text_rows == 0) {
        empty_texts_label_->clear();
        return;
    }
    // Imported as they are (a file may mean them), but a model learns nothing from [CLS] [SEP].
    empty_texts_label_->setText(tr("%Ln row(s) have an empty text, %1: the model sees only [CLS] [SEP] for them. "
                                   "Fix the file and replace the split if they are not meant.",
                                   nullptr, static_cast<int>(std::min<uint64_t>(s.empty_text_rows, INT_MAX)))
                                    .arg(whereInTheFile(s.empty_text_rows, s.empty_text_lines)));
}

void DatasetView::showUnlabelledRows(const data::DatasetStatistics& s) {
    unlabelled_label_->setVisible(s.unlabelled_rows > 0);
    if (s.unlabelled_rows == 0) {
        unlabelled_label_->clear();
        return;
    }
    // A split without any label is rows to predict; a few empty cells in a labelled one are a
    // file's mistake, which training and evaluation refuse (core/train/row_label_checks).
    if (s.unlabelled_rows == s.rows) {
        unlabelled_label_->setText(tr("No row of this split has a label: its rows can be predicted, not trained or "
                                      "scored on."));
        return;
    }
    unlabelled_label_->setText(tr("%Ln row(s) have no label, %1: a classifier of one class per row, or a regression, "
                                  "can neither train nor be scored on them. Fill the labels in and replace the split "
                                  "if they are not meant.",
                                  nullptr, static_cast<int>(std::min<uint64_t>(s.unlabelled_rows, INT_MAX)))
                                   .arg(whereInTheFile(s.unlabelled_rows, s.unlabelled_lines)));
}

void DatasetView::updateTruncation() {
    if (!stats_ || !stats_->tokenized) return;
    const QLocale locale;
    const uint64_t cut = rowsLongerThan(stats_->length_counts, maxLength());
    truncation_label_->setText(tr("max_length %1 truncates %2 of %3 rows (%4 %)")
                                   .arg(maxLength())
                                   .arg(locale.toString(static_cast<qulonglong>(cut)))
                                   .arg(locale.toString(static_cast<qulonglong>(stats_->rows)))
                                   .arg(locale.toString(truncationRate() * 100.0, 'f', 1)));
}

void DatasetView::exportStatistics() {
    if (!stats_ || !dataset_) return;
    const QString split = split_combo_->currentData().toString();
    const QString path = FileDialog::getSaveFileName(
        this, tr("Export statistics"), QStringLiteral("%1-%2-statistics.json").arg(QString::fromStdString(dataset_->name), split),
        tr("JSON (*.json)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportStatisticsTo(path, &error)) showWarning(this, tr("Export statistics"), error);
}

bool DatasetView::exportStatisticsTo(const QString& path, QString* error) {
    if (!stats_ || !dataset_) {
        if (error) *error = tr("No statistics to export yet.");
        return false;
    }
    const QString split = split_combo_->currentData().toString();
    nlohmann::json json = stats_->toJson();
    json["dataset"] = dataset_->name;
    json["split"] = split.toStdString();
    if (stats_->tokenized) {  // the lengths are the model's tokenizer's
        json["model"] = workspace_.modelDir().toStdString();
        json["max_length"] = maxLength();
        json["truncated_rows"] = rowsLongerThan(stats_->length_counts, maxLength());
        json["truncation_rate"] = truncationRate();
    }
    QSaveFile file(path);
    const std::string text = json.dump(2) + "\n";
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0 || !file.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void DatasetView::setStatus(const QString& text, bool error) {
    status_label_->setText(text);
    status_label_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

QString DatasetView::currentSplit() const { return split_combo_->currentData().toString(); }

bool DatasetView::setCurrentSplit(const QString& split) {
    const int index = split_combo_->findData(split);
    if (index < 0) return false;
    if (index != split_combo_->currentIndex()) {
        split_combo_->setCurrentIndex(index);
        refreshStatistics();
    }
    return true;
}

}  // namespace bw::gui
