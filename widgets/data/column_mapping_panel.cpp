#include "widgets/data/column_mapping_panel.h"

#include "core/data/label_set.h"
#include "core/store/dataset_import.h"
#include "widgets/shared/error_text.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStandardItemModel>
#include <QToolButton>

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

constexpr int kJoinedPreviewChars = 300;

// A combo box with its "join more columns" button beside it.
QHBoxLayout* withJoinButton(QComboBox* combo, QToolButton* button) {
    auto* row = new QHBoxLayout;
    row->addWidget(combo, 1);
    row->addWidget(button);
    return row;
}

QToolButton* joinButton(const char* name) {
    auto* button = new QToolButton;
    button->setObjectName(QString::fromLatin1(name));
    // A separate arrow: InstantPopup draws its arrow over the caption.
    button->setPopupMode(QToolButton::MenuButtonPopup);
    button->setMenu(new QMenu(button));
    QObject::connect(button, &QToolButton::clicked, button, &QToolButton::showMenu);
    return button;
}

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
    text_join_button_ = joinButton("textJoinButton");
    text_join_button_->setToolTip(tr("Join more columns after this one into the text"));
    pair_join_button_ = joinButton("pairJoinButton");
    pair_join_button_->setToolTip(tr("Join more columns after this one into the second text"));
    separator_caption_ = new QLabel(tr("Join with:"));
    separator_edit_ = new QLineEdit(QString::fromStdString(data::ColumnMapping{}.join_separator));
    separator_edit_->setObjectName("joinSeparatorEdit");
    separator_edit_->setToolTip(tr("Put between joined columns (a space unless you type another); empty cells are left out"));
    separator_note_ = new QLabel;
    separator_note_->setObjectName("joinSeparatorNote");
    joined_caption_ = new QLabel(tr("First text:"));
    joined_preview_ = new QLabel;
    joined_preview_->setObjectName("joinedTextPreview");
    joined_preview_->setWordWrap(true);
    joined_preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout(this);
    form->addRow(text_caption_, withJoinButton(text_combo_, text_join_button_));
    form->addRow(pair_caption_, withJoinButton(pair_combo_, pair_join_button_));
    auto* separator_row = new QHBoxLayout;
    separator_row->addWidget(separator_edit_, 1);
    separator_row->addWidget(separator_note_);
    form->addRow(separator_caption_, separator_row);
    form->addRow(joined_caption_, joined_preview_);
    form->addRow(label_caption_, label_combo_);
    form->addRow(tr("Labels:"), labels_preview_);
    connect(separator_edit_, &QLineEdit::textChanged, this, [this] {
        updateJoinWidgets();
        emit mappingChanged();
    });

    for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_})
        connect(combo, qOverload<int>(&QComboBox::activated), this, [this] {
            updateLabelPreview();
            updateJoinWidgets();
            emit mappingChanged();
        });
    updateRoleWidgets();
    updateJoinWidgets();
}

void ColumnMappingPanel::fillJoinMenu(QToolButton* button, const std::vector<int>& joined) {
    QMenu* menu = button->menu();
    menu->clear();
    for (size_t c = 0; c < preview_.columns.size(); ++c) {
        QAction* action = menu->addAction(previewColumnTitle(preview_, c));
        action->setCheckable(true);
        action->setData(static_cast<int>(c));
        action->setChecked(std::find(joined.begin(), joined.end(), static_cast<int>(c)) != joined.end());
        connect(action, &QAction::toggled, this, [this] {
            updateJoinWidgets();
            emit mappingChanged();
        });
    }
}

// The role's own column is not joined to itself, nor the label into a text, whatever their ticks
// say; the menu does not offer them.
bool ColumnMappingPanel::joinable(const QToolButton* button, int column) const {
    return column != comboColumn(button == text_join_button_ ? text_combo_ : pair_combo_) &&
           column != comboColumn(label_combo_);
}

std::vector<int> ColumnMappingPanel::joinedColumns(const QToolButton* button) const {
    const int own = comboColumn(button == text_join_button_ ? text_combo_ : pair_combo_);
    std::vector<int> joined;
    if (own < 0 || !readable_ || tokenTask() || corpus()) return joined;
    for (const QAction* action : button->menu()->actions())
        if (action->isChecked() && joinable(button, action->data().toInt())) joined.push_back(action->data().toInt());
    return joined;
}

bool ColumnMappingPanel::joining() const {
    return !joinedColumns(text_join_button_).empty() || !joinedColumns(pair_join_button_).empty();
}

void ColumnMappingPanel::updateJoinWidgets() {
    const bool offered = readable_ && !tokenTask() && !corpus();
    text_join_button_->setVisible(offered);
    pair_join_button_->setVisible(offered);
    for (QToolButton* button : {text_join_button_, pair_join_button_}) {
        const size_t count = joinedColumns(button).size();
        button->setText(count == 0 ? tr("Join…") : tr("Join: +%1").arg(count));
        for (QAction* action : button->menu()->actions()) action->setVisible(joinable(button, action->data().toInt()));
    }
    const bool shown = offered && joining();
    for (QWidget* w : std::initializer_list<QWidget*>{separator_caption_, separator_edit_, joined_caption_, joined_preview_})
        w->setVisible(shown);
    const QString typed = separator_edit_->text();
    const bool blank = typed.trimmed().isEmpty();
    separator_note_->setText(!blank          ? QString()
                             : typed.isEmpty() ? tr("(nothing: the cells run together)")
                                               : tr("(%n space(s))", nullptr, static_cast<int>(typed.size())));
    separator_note_->setVisible(shown && blank);
    if (!shown || preview_.rows.empty()) {
        joined_preview_->clear();
        return;
    }
    // The first row as the import will store it (core's joinCells, so that both agree).
    const std::vector<std::string>& row = preview_.rows.front();
    const std::string separator = separator_edit_->text().toStdString();
    auto joinedText = [&](const QComboBox* combo, const QToolButton* button) {
        const int first = comboColumn(combo);
        if (first < 0 || static_cast<size_t>(first) >= row.size()) return QString();
        std::vector<const std::string*> more;
        for (int c : joinedColumns(button))
            if (static_cast<size_t>(c) < row.size()) more.push_back(&row[static_cast<size_t>(c)]);
        return QString::fromStdString(data::joinCells(row[static_cast<size_t>(first)], more, separator));
    };
    QString text = joinedText(text_combo_, text_join_button_);
    if (const QString pair = joinedText(pair_combo_, pair_join_button_); !pair.isEmpty())
        text += QStringLiteral("\n") + tr("Second text: %1").arg(pair);
    if (text.size() > kJoinedPreviewChars) text = text.left(kJoinedPreviewChars) + QStringLiteral("…");
    joined_preview_->setText(text);
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
    fillJoinMenu(text_join_button_, {});
    fillJoinMenu(pair_join_button_, {});
    updateRoleWidgets();
    updateLabelPreview();
    updateJoinWidgets();
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
    // The columns the dataset joins after its texts, where this file has them (else importDataset
    // refuses the file, naming the one it lacks).
    auto indexes = [&](const std::vector<std::string>& names) {
        std::vector<int> found;
        for (const auto& name : names) {
            const auto it = std::find(preview_.columns.begin(), preview_.columns.end(), name);
            if (it != preview_.columns.end()) found.push_back(static_cast<int>(it - preview_.columns.begin()));
            else missing << tr("joined column “%1”").arg(QString::fromStdString(name));
        }
        return found;
    };
    fillJoinMenu(text_join_button_, indexes(inherited.text_joined));
    fillJoinMenu(pair_join_button_, indexes(inherited.text_pair_joined));
    if (data::joinsColumns(inherited)) separator_edit_->setText(QString::fromStdString(inherited.join_separator));
    updateLabelPreview();
    updateJoinWidgets();
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
        roles.text_joined = joinedColumns(text_join_button_);
        if (roles.text_pair >= 0) roles.text_pair_joined = joinedColumns(pair_join_button_);
        if (!corpus()) roles.label = comboColumn(label_combo_);
    }
    return roles;
}

void ColumnMappingPanel::useLabelNamesOf(const store::DatasetRecord* dataset) {
    label_names_ = {};
    if (dataset && dataset->columns.is_object()) {
        try {
            label_names_ = data::LabelRenaming::fromJson(dataset->columns.value("label_names", nlohmann::json()),
                                                         "dataset '" + dataset->name + "'");
        } catch (const std::exception&) {
            // A damaged renaming shows the labels as the file has them; the import reports it.
        }
    }
    updateLabelPreview();
}

void ColumnMappingPanel::updateLabelPreview() {
    const int column = comboColumn(label_combo_);
    if (!readable_ || corpus() || column < 0) {
        labels_preview_->setText(readable_ ? tr("None: the file becomes a pretraining corpus, or a test split to predict.")
                                           : QString());
        return;
    }
    if (preview_.rows.empty()) {  // every row malformed, or an empty file
        labels_preview_->setText(tr("No row to read labels from."));
        return;
    }
    std::vector<std::string> cells;
    QStringList unlabelled_lines;  // sentence rows whose label cell is empty: training refuses them
    for (size_t r = 0; r < preview_.rows.size(); ++r) {
        const auto& row = preview_.rows[r];
        if (static_cast<size_t>(column) >= row.size()) continue;
        cells.push_back(row[static_cast<size_t>(column)]);
        if (!tokenTask() && cells.back().empty() && r < preview_.row_lines.size())
            unlabelled_lines << QString::number(preview_.row_lines[r]);
    }
    try {
        const data::LabelSet labels =
            tokenTask() ? data::LabelSet::forTags({cells}) : data::LabelSet::forClasses(cells);
        QStringList names;
        for (const auto& label : labels.labels()) {
            if (names.size() == kLabelsListed) {
                names << QStringLiteral("…");
                break;
            }
            names << QString::fromStdString(label_names_.nameOf(label));
        }
        const int rows = static_cast<int>(preview_.rows.size());
        QString text = tr("%n label(s) in the first %1: %2", "", static_cast<int>(labels.size()))
                           .arg(tr("%Ln row(s)", "", rows), names.join(QStringLiteral(", ")));
        if (!unlabelled_lines.isEmpty())
            text += QStringLiteral(". ") + tr("%Ln row(s) without a label, at line(s) %1: training refuses them.", "",
                                          static_cast<int>(unlabelled_lines.size()))
                                           .arg(unlabelled_lines.mid(0, 5).join(QStringLiteral(", ")) +
                                                (unlabelled_lines.size() > 5 ? QStringLiteral(", …") : QString()));
        labels_preview_->setText(text);
    } catch (const std::exception& e) {
        labels_preview_->setText(errorText(e));
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
        for (int c : joinedColumns(text_join_button_)) mapping.text_joined.push_back(preview_.columns[static_cast<size_t>(c)]);
        if (mapping.text_pair)
            for (int c : joinedColumns(pair_join_button_))
                mapping.text_pair_joined.push_back(preview_.columns[static_cast<size_t>(c)]);
        mapping.join_separator = separator_edit_->text().toStdString();
    }
    return mapping;
}

void ColumnMappingPanel::setImporting(bool importing) {
    for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_}) combo->setEnabled(!importing);
    for (QWidget* w : std::initializer_list<QWidget*>{text_join_button_, pair_join_button_, separator_edit_})
        w->setEnabled(!importing);
}

}  // namespace bw::gui
