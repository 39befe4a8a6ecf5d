#include "widgets/data/column_mapping_panel.h"

#include "core/data/label_set.h"
#include "core/store/dataset_import.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QStandardItemModel>

#include <algorithm>
#include <utility>

namespace bw::gui {

namespace {

constexpr int kLabelsListed = 30;

// A combo box's first item "(none)" can only be offered when leaving the role unmapped really
// means none: an unmapped role falls back to a well-known column name (column_mapping.h).
void setNoneSelectable(QComboBox* combo, bool selectable) {
    if (auto* model = qobject_cast<QStandardItemModel*>(combo->model()))
        if (QStandardItem* none = model->item(0)) none->setEnabled(selectable);
}

int comboColumn(const QComboBox* combo) { return combo->currentData().isValid() ? combo->currentData().toInt() : -1; }

}  // namespace

ColumnMappingPanel::ColumnMappingPanel(QWidget* parent) : QGroupBox(tr("Columns"), parent) {
    text_caption_ = new QLabel;
    text_combo_ = new QComboBox;
    text_combo_->setObjectName("textColumnCombo");
    pair_caption_ = new QLabel(tr("Text pair:"));
    pair_combo_ = new QComboBox;
    pair_combo_->setObjectName("pairColumnCombo");
    label_caption_ = new QLabel;
    label_combo_ = new QComboBox;
    label_combo_->setObjectName("labelColumnCombo");
    labels_preview_ = new QLabel;
    labels_preview_->setObjectName("labelsPreview");
    labels_preview_->setWordWrap(true);
    labels_preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout(this);
    form->addRow(text_caption_, text_combo_);
    form->addRow(pair_caption_, pair_combo_);
    form->addRow(label_caption_, label_combo_);
    form->addRow(tr("Labels:"), labels_preview_);

    for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_})
        connect(combo, qOverload<int>(&QComboBox::activated), this, [this] {
            updateLabelPreview();
            emit mappingChanged();
        });
    updateRoleWidgets();
}

void ColumnMappingPanel::setPreview(const data::DatasetPreview& preview, bool readable, data::DataFormat format) {
    preview_ = preview;
    readable_ = readable;
    format_ = format;
    for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_}) combo->clear();
    pair_combo_->addItem(tr("(none)"));
    label_combo_->addItem(tr("(none)"));
    for (size_t c = 0; c < preview_.columns.size(); ++c) {
        const QString title = previewColumnTitle(preview_, c);
        for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_}) combo->addItem(title, static_cast<int>(c));
    }
    text_combo_->setCurrentIndex(std::max(0, preview_.mapped.text));
    pair_combo_->setCurrentIndex(preview_.mapped.text_pair + 1);
    label_combo_->setCurrentIndex(preview_.mapped.label + 1);
    setNoneSelectable(pair_combo_, preview_.mapped.text_pair < 0);
    setNoneSelectable(label_combo_, preview_.mapped.label < 0 && !tokenTask());
    updateRoleWidgets();
    updateLabelPreview();
}

QStringList ColumnMappingPanel::chooseDatasetColumns(const store::DatasetRecord& dataset) {
    QStringList missing;
    if (!store::inheritsColumns(dataset)) return missing;
    data::ColumnMapping inherited;  // nothing mapped yet: every role reads the dataset's column
    store::inheritColumns(dataset, preview_.columns, inherited);
    const std::pair<const std::optional<std::string>*, QComboBox*> roles[] = {
        {&inherited.text, text_combo_}, {&inherited.text_pair, pair_combo_}, {&inherited.label, label_combo_}};
    for (const auto& [column, combo] : roles) {
        if (!*column) {
            // "(none)": the dataset has no such column, or this file no label column (an unlabelled
            // split). The text column is never none: it keeps the guess.
            if (combo != text_combo_) combo->setCurrentIndex(0);
            continue;
        }
        const auto it = std::find(preview_.columns.begin(), preview_.columns.end(), **column);
        if (it != preview_.columns.end()) {
            combo->setCurrentIndex(combo->findData(static_cast<int>(it - preview_.columns.begin())));
        } else {
            const QString role = combo == text_combo_ ? tr("text") : tr("second text");
            missing << tr("%1 from column “%2”").arg(role, QString::fromStdString(**column));
        }
    }
    updateLabelPreview();
    return missing;
}

void ColumnMappingPanel::updateRoleWidgets() {
    const bool token = tokenTask();
    text_caption_->setText(token ? tr("Token column:") : tr("Text:"));
    label_caption_->setText(token ? tr("Tag column:") : tr("Label:"));
    pair_caption_->setVisible(!token && !corpus());
    pair_combo_->setVisible(!token && !corpus());
    label_caption_->setVisible(!corpus());
    label_combo_->setVisible(!corpus());
    text_combo_->setEnabled(!corpus());
}

ColumnRoles ColumnMappingPanel::roles() const {
    ColumnRoles roles;
    if (readable_) {
        roles.text = comboColumn(text_combo_);
        if (!tokenTask() && !corpus()) roles.text_pair = comboColumn(pair_combo_);
        if (!corpus()) roles.label = comboColumn(label_combo_);
    }
    return roles;
}

void ColumnMappingPanel::updateLabelPreview() {
    const int column = comboColumn(label_combo_);
    if (!readable_ || corpus() || column < 0) {
        labels_preview_->setText(readable_ ? tr("None: the file becomes a pretraining corpus, or a test split to predict.")
                                           : QString());
        return;
    }
    std::vector<std::string> cells;
    for (const auto& row : preview_.rows)
        if (static_cast<size_t>(column) < row.size()) cells.push_back(row[static_cast<size_t>(column)]);
    try {
        const data::LabelSet labels =
            tokenTask() ? data::LabelSet::forTags({cells}) : data::LabelSet::forClasses(cells);
        QStringList names;
        for (const auto& label : labels.labels()) {
            if (names.size() == kLabelsListed) {
                names << QStringLiteral("…");
                break;
            }
            names << QString::fromStdString(label);
        }
        labels_preview_->setText(tr("%n label(s) in the first %1 rows: %2", "", static_cast<int>(labels.size()))
                                     .arg(preview_.rows.size())
                                     .arg(names.join(QStringLiteral(", "))));
    } catch (const std::exception& e) {
        labels_preview_->setText(QString::fromStdString(e.what()));
    }
}

data::ColumnMapping ColumnMappingPanel::mapping(std::optional<bool> has_header) const {
    data::ColumnMapping mapping;
    mapping.has_header = has_header;
    auto name = [&](const QComboBox* combo) -> std::optional<std::string> {
        const int c = comboColumn(combo);
        return c >= 0 && static_cast<size_t>(c) < preview_.columns.size() ? std::optional(preview_.columns[static_cast<size_t>(c)])
                                                                          : std::nullopt;
    };
    switch (format_) {
    case data::DataFormat::Conll:
        mapping.token_column = std::max(0, comboColumn(text_combo_));
        if (comboColumn(label_combo_) >= 0) mapping.tag_column = comboColumn(label_combo_);
        break;
    case data::DataFormat::PlainText: break;
    default:
        // Columns by name: without a header the names are the indexes ("0", "1", ...).
        mapping.text = name(text_combo_);
        mapping.text_pair = name(pair_combo_);
        mapping.label = name(label_combo_);
    }
    return mapping;
}

void ColumnMappingPanel::setImporting(bool importing) {
    for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_}) combo->setEnabled(!importing);
}

}  // namespace bw::gui
