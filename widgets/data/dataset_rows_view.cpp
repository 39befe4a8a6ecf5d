#include "widgets/data/dataset_rows_view.h"

#include "widgets/data/dataset_rows_model.h"
#include "widgets/shared/row_place_text.h"
#include "widgets/shared/split_title.h"
#include "widgets/workbench/workspace.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace bw::gui {

namespace {

constexpr int kSearchPauseMs = 250;

// The splits a dataset has rows in, in training order.
std::vector<const char*> splitsWithRows(const store::DatasetRecord& dataset) {
    std::vector<const char*> splits;
    for (const char* split : kSplitsInOrder) {
        const auto it = dataset.row_counts.find(split);
        if (it != dataset.row_counts.end() && it->second > 0) splits.push_back(split);
    }
    return splits;
}

QString escaped(const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); }

}  // namespace

DatasetRowsView::DatasetRowsView(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), model_(new DatasetRowsModel(this)) {
    split_combo_ = new QComboBox;
    split_combo_->setObjectName("rowsSplitCombo");
    search_ = new QLineEdit;
    search_->setObjectName("rowsSearch");
    search_->setPlaceholderText(tr("Search the text…"));
    search_->setClearButtonEnabled(true);
    search_->setToolTip(tr("Rows whose text (or second text) contains this; upper and lower case alike for Latin letters"));
    label_combo_ = new QComboBox;
    label_combo_->setObjectName("rowsLabelCombo");
    label_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    order_combo_ = new QComboBox;
    order_combo_->setObjectName("rowsOrderCombo");
    order_combo_->addItem(tr("In file order"), static_cast<int>(store::DatasetRowOrder::Split));
    order_combo_->addItem(tr("Shortest first"), static_cast<int>(store::DatasetRowOrder::ShortestFirst));
    order_combo_->addItem(tr("Longest first"), static_cast<int>(store::DatasetRowOrder::LongestFirst));
    order_combo_->setToolTip(tr("By the characters of the text and its pair: the shortest show empty or stray rows, "
                                "the longest those that truncation cuts"));
    count_label_ = new QLabel;
    count_label_->setObjectName("rowsCount");
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Split:")));
    controls->addWidget(split_combo_);
    controls->addWidget(search_, 1);
    controls->addWidget(label_combo_);
    controls->addWidget(order_combo_);
    controls->addWidget(count_label_);

    table_ = new QTableView;
    table_->setObjectName("rowsTable");
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->horizontalHeader()->setSectionResizeMode(DatasetRowsModel::Text, QHeaderView::Stretch);

    detail_ = new QTextBrowser;
    detail_->setObjectName("rowDetail");
    detail_->setOpenLinks(false);
    open_playground_ = new QPushButton(tr("Open in Playground"));
    open_playground_->setToolTip(tr("Classify this row with the current model"));
    open_attention_ = new QPushButton(tr("Open in Attention"));
    open_attention_->setToolTip(tr("See the current model's attention over this row"));
    auto* detail_buttons = new QVBoxLayout;
    detail_buttons->addWidget(open_playground_);
    detail_buttons->addWidget(open_attention_);
    detail_buttons->addStretch(1);
    auto* detail_box = new QWidget;
    auto* detail_layout = new QHBoxLayout(detail_box);
    detail_layout->setContentsMargins(0, 0, 0, 0);
    detail_layout->addWidget(detail_, 1);
    detail_layout->addLayout(detail_buttons);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(table_);
    splitter->addWidget(detail_box);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    search_timer_ = new QTimer(this);
    search_timer_->setSingleShot(true);
    search_timer_->setInterval(kSearchPauseMs);
    connect(search_timer_, &QTimer::timeout, this, &DatasetRowsView::reload);
    connect(search_, &QLineEdit::textChanged, search_timer_, qOverload<>(&QTimer::start));
    connect(search_, &QLineEdit::returnPressed, this, [this] {
        search_timer_->stop();
        reload();
    });
    connect(split_combo_, qOverload<int>(&QComboBox::activated), this, &DatasetRowsView::reload);
    connect(label_combo_, qOverload<int>(&QComboBox::activated), this, &DatasetRowsView::reload);
    connect(order_combo_, qOverload<int>(&QComboBox::activated), this, &DatasetRowsView::reload);
    connect(model_, &DatasetRowsModel::countChanged, this, &DatasetRowsView::updateCount);
    connect(model_, &DatasetRowsModel::pageLoaded, this, &DatasetRowsView::updateCount);
    connect(model_, &DatasetRowsModel::pageLoaded, this, &DatasetRowsView::fitColumns);
    connect(model_, &DatasetRowsModel::failed, this, [this](const QString& message) {
        count_label_->setText(message);
        count_label_->setToolTip(message);
    });
    connect(model_, &QAbstractItemModel::modelReset, this, &DatasetRowsView::showSelectedRow);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DatasetRowsView::showSelectedRow);
    connect(open_playground_, &QPushButton::clicked, this, [this] { openSelectedRowOn(QStringLiteral("playground")); });
    connect(open_attention_, &QPushButton::clicked, this, [this] { openSelectedRowOn(QStringLiteral("attention")); });
    setDataset(std::nullopt);
}

void DatasetRowsView::setDataset(std::optional<store::DatasetRecord> dataset) {
    const bool same = dataset && dataset_ && dataset->id == dataset_->id && dataset->row_counts == dataset_->row_counts &&
                      dataset->label_set == dataset_->label_set && dataset->name == dataset_->name;
    const bool other_dataset = !dataset || !dataset_ || dataset->id != dataset_->id;
    dataset_ = std::move(dataset);
    if (same) return;
    const QString previous_split = currentSplit();
    split_combo_->clear();
    if (dataset_) {
        const QLocale locale;
        for (const char* split : splitsWithRows(*dataset_))
            split_combo_->addItem(tr("%1 (%2 rows)").arg(splitTitle(split), locale.toString(static_cast<qlonglong>(
                                                                                 dataset_->row_counts.at(split)))),
                                  QString(split));
        const int keep = split_combo_->findData(previous_split);
        if (keep >= 0) split_combo_->setCurrentIndex(keep);
    }
    if (other_dataset) {  // a search belongs to the rows it was typed for
        const QSignalBlocker quiet(search_);  // reload() below queries once
        search_->clear();
        search_timer_->stop();
    }
    const QString previous_label = other_dataset ? QString() : label_combo_->currentData().toString();
    fillLabels();
    const int keep_label = label_combo_->findData(previous_label);
    if (keep_label >= 0) label_combo_->setCurrentIndex(keep_label);

    const bool token = dataset_ && dataset_->task_kind == "token";
    const bool corpus = dataset_ && dataset_->task_kind == "corpus";
    table_->setColumnHidden(DatasetRowsModel::Document, !corpus);
    table_->setColumnHidden(DatasetRowsModel::Label, corpus);
    table_->setColumnHidden(DatasetRowsModel::Pair, true);  // until a row has one (reload)
    // A label is a word; a sentence's entities want about as much room as its text.
    table_->horizontalHeader()->setSectionResizeMode(DatasetRowsModel::Label,
                                                     token ? QHeaderView::Stretch : QHeaderView::Interactive);
    label_combo_->setVisible(!corpus);
    label_combo_->setToolTip(token ? tr("Only the sentences with this tag") : tr("Only the rows with this label"));
    split_combo_->setEnabled(dataset_.has_value());
    search_->setEnabled(dataset_.has_value());
    reload();
}

void DatasetRowsView::fillLabels() {
    label_combo_->clear();
    const bool token = dataset_ && dataset_->task_kind == "token";
    label_combo_->addItem(token ? tr("Any tag") : tr("Any label"), QString());
    if (!dataset_) return;
    // Multi-label rows ("insult, toxic"): each label alone first, then the combinations stored.
    QStringList singles;
    for (const std::string& label : dataset_->label_set)
        if (label.find(',') != std::string::npos)
            for (const QString& part : QString::fromStdString(label).split(QLatin1Char(',')))
                if (const QString name = part.trimmed(); !name.isEmpty() && !singles.contains(name)) singles << name;
    if (!singles.isEmpty()) {
        for (const std::string& label : dataset_->label_set)
            if (const QString name = QString::fromStdString(label); !name.contains(QLatin1Char(',')) && !singles.contains(name))
                singles << name;
        singles.sort();
        for (const QString& name : singles) label_combo_->addItem(name, name);
        label_combo_->insertSeparator(label_combo_->count());
    }
    for (const std::string& label : dataset_->label_set) {
        if (token && label == "O") continue;  // nearly every sentence has it
        if (!singles.isEmpty() && label.find(',') == std::string::npos) continue;  // listed above
        label_combo_->addItem(QString::fromStdString(label), QString::fromStdString(label));
    }
}

QString DatasetRowsView::currentSplit() const { return split_combo_->currentData().toString(); }

bool DatasetRowsView::setSplit(const QString& split) {
    const int index = split_combo_->findData(split);
    if (index < 0) return false;
    split_combo_->setCurrentIndex(index);
    reload();
    return true;
}

void DatasetRowsView::setFilter(const QString& contains, const QString& label) {
    search_->blockSignals(true);
    search_->setText(contains);
    search_->blockSignals(false);
    const int index = label_combo_->findData(label);
    label_combo_->setCurrentIndex(index >= 0 ? index : 0);
    search_timer_->stop();
    reload();
}

void DatasetRowsView::setOrder(store::DatasetRowOrder order) {
    order_combo_->setCurrentIndex(std::max(0, order_combo_->findData(static_cast<int>(order))));
    reload();
}

void DatasetRowsView::reload() {
    DatasetRowsQuery query;
    if (dataset_) {
        query.store_path = workspace_.storePath();
        query.dataset_id = dataset_->id;
        query.split = currentSplit();
        query.task_kind = QString::fromStdString(dataset_->task_kind);
        query.filter.contains = search_->text().toStdString();
        query.filter.label = label_combo_->currentData().toString().toStdString();
        query.order = static_cast<store::DatasetRowOrder>(order_combo_->currentData().toInt());
    }
    // Sorted by length, the length is shown: the walkthrough saw long rows first and no number why.
    const bool by_length = query.order == store::DatasetRowOrder::LongestFirst || query.order == store::DatasetRowOrder::ShortestFirst;
    table_->setColumnHidden(DatasetRowsModel::Characters, !by_length);
    count_label_->setToolTip({});
    model_->setQuery(std::move(query));
}

void DatasetRowsView::updateCount() {
    // A pair column only for datasets of pairs (one look at the rows loaded so far).
    if (table_->isColumnHidden(DatasetRowsModel::Pair)) {
        for (int row = 0; row < model_->rowCount(); ++row)
            if (model_->rowAt(row)->example.text_pair) {
                table_->setColumnHidden(DatasetRowsModel::Pair, false);
                table_->horizontalHeader()->setSectionResizeMode(DatasetRowsModel::Pair, QHeaderView::Stretch);
                break;
            }
    }
    if (!dataset_) {
        count_label_->setText(tr("No dataset selected"));
        return;
    }
    if (split_combo_->count() == 0) {
        count_label_->setText(tr("No rows"));
        return;
    }
    const QLocale locale;
    const auto total = dataset_->row_counts.count(currentSplit().toStdString())
                           ? dataset_->row_counts.at(currentSplit().toStdString())
                           : 0;
    const std::optional<int64_t> matches = model_->matchCount();
    const bool filtered = !search_->text().isEmpty() || !label_combo_->currentData().toString().isEmpty();
    if (!matches)
        count_label_->setText(tr("Counting… (%1 shown)").arg(locale.toString(model_->rowCount())));
    else if (filtered)
        count_label_->setText(tr("%1 of %2 rows match").arg(locale.toString(static_cast<qlonglong>(*matches)),
                                                            locale.toString(static_cast<qlonglong>(total))));
    else
        count_label_->setText(tr("%1 rows").arg(locale.toString(static_cast<qlonglong>(*matches))));
}

void DatasetRowsView::fitColumns() {
    // Numbers grow as the table fills (row 99 999 after row 99): fit them to what is loaded.
    for (const int column : {DatasetRowsModel::Number, DatasetRowsModel::Line, DatasetRowsModel::Document,
                             DatasetRowsModel::Characters})
        if (!table_->isColumnHidden(column)) table_->resizeColumnToContents(column);
    if (table_->horizontalHeader()->sectionResizeMode(DatasetRowsModel::Label) == QHeaderView::Interactive &&
        !table_->isColumnHidden(DatasetRowsModel::Label))
        table_->resizeColumnToContents(DatasetRowsModel::Label);
}

void DatasetRowsView::showSelectedRow() {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const store::BrowsedRow* row = current.isValid() ? model_->rowAt(current.row()) : nullptr;
    open_playground_->setEnabled(row != nullptr);
    open_attention_->setEnabled(row != nullptr);
    if (!row) {
        detail_->setHtml(QStringLiteral("<p style='color:gray'>%1</p>")
                             .arg(tr("Select a row to read it whole.").toHtmlEscaped()));
        return;
    }
    const data::Example& e = row->example;
    QString html = QStringLiteral("<p><b>%1</b>").arg(rowPlaceText(e.source_line, row->number).toHtmlEscaped());
    if (dataset_ && dataset_->task_kind == "corpus")
        html += QStringLiteral(" · %1").arg(tr("document %1").arg(e.document));
    html += QStringLiteral("</p>");
    if (!e.tags.empty()) {
        // Each word, and under a word that is part of an entity its tag, so a wrong tag stands out.
        html += QStringLiteral("<p>");
        for (size_t i = 0; i < e.words.size(); ++i) {
            const std::string tag = i < e.tags.size() ? e.tags[i] : std::string();
            if (tag.empty() || tag == "O")
                html += escaped(e.words[i]) + QLatin1Char(' ');
            else
                html += QStringLiteral("<b>%1</b><sub style='color:#1565c0'>%2</sub> ").arg(escaped(e.words[i]), escaped(tag));
        }
        html += QStringLiteral("</p>");
    } else {
        // pre-wrap: the text's own spaces (a join separator of two) are not collapsed as HTML would.
        html += QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(escaped(e.text));
        if (e.text_pair) html += QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(escaped(*e.text_pair));
        if (!e.label.empty()) html += QStringLiteral("<p>%1 <b>%2</b></p>").arg(tr("Label:").toHtmlEscaped(), escaped(e.label));
    }
    detail_->setHtml(html);
}

QString DatasetRowsView::countText() const { return count_label_->text(); }

QString DatasetRowsView::detailText() const { return detail_->toPlainText(); }

void DatasetRowsView::openSelectedRowOn(const QString& page) {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const store::BrowsedRow* row = current.isValid() ? model_->rowAt(current.row()) : nullptr;
    if (!row) return;
    const data::Example& e = row->example;
    workspace_.requestTextOnPage(page, QString::fromStdString(e.text),
                                 e.text_pair ? QString::fromStdString(*e.text_pair) : QString());
}

}  // namespace bw::gui
