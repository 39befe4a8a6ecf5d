#pragma once
// The import dialog's "Columns" box: the file columns holding the text, second text and label (CoNLL:
// token and tag), guessed or read from the dataset the file joins, and the labels the first rows hold.
// The text and the second text may join more columns (AG News' title + description) with a separator
// the user chooses; the first row's text, as the import will store it, is shown while they do.
#include "core/data/column_mapping.h"
#include "core/data/data_format.h"
#include "core/data/dataset_preview.h"
#include "core/data/label_renaming.h"
#include "core/store/store_records.h"
#include "widgets/data/preview_table_model.h"

#include <QGroupBox>
#include <QStringList>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace bw::gui {

class ColumnMappingPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit ColumnMappingPanel(QWidget* parent = nullptr);

    // Offers the columns of the file's first rows, read as `format` (none when it was not
    // `readable`), choosing the ones the preview guessed.
    void setPreview(const data::DatasetPreview& preview, bool readable, data::DataFormat format);
    // Chooses the columns a split added to `dataset` reads (store::inheritColumns) where the file
    // has them; returns the roles whose column it lacks: "second text from column “#2 String”".
    QStringList chooseDatasetColumns(const store::DatasetRecord& dataset);
    // The label preview names labels as the dataset the file joins names them ("World" for 1);
    // nullptr: as the file has them.
    void useLabelNamesOf(const store::DatasetRecord* dataset);

    ColumnRoles roles() const;  // -1 for a role left out, or one the format has not
    data::ColumnMapping mapping(std::optional<bool> has_header) const;  // what the import reads
    void setImporting(bool importing);

signals:
    void mappingChanged();  // the user chose another column

private:
    void updateRoleWidgets();
    void updateLabelPreview();
    void updateJoinWidgets();  // the join buttons' captions, the separator and the joined text in view
    // Offers the file's columns to join after the text (second text) in `button`'s menu, ticking `joined`.
    void fillJoinMenu(QToolButton* button, const std::vector<int>& joined);
    bool joinable(const QToolButton* button, int column) const;  // neither the role's own column nor the label
    std::vector<int> joinedColumns(const QToolButton* button) const;  // ticked, in the file's order
    bool joining() const;
    bool tokenTask() const { return format_ == data::DataFormat::Conll; }
    bool corpus() const { return format_ == data::DataFormat::PlainText; }

    data::DatasetPreview preview_;
    bool readable_ = false;
    data::DataFormat format_ = data::DataFormat::Auto;

    QLabel* text_caption_;
    QComboBox* text_combo_;
    QLabel* pair_caption_;
    QComboBox* pair_combo_;
    QLabel* label_caption_;
    QComboBox* label_combo_;
    QLabel* labels_preview_;
    QToolButton* text_join_button_;
    QToolButton* pair_join_button_;
    QLabel* separator_caption_;
    QLineEdit* separator_edit_;
    data::LabelRenaming label_names_;  // of the dataset the file joins
    QLabel* separator_note_;  // says a separator of spaces (or none) in words: they do not show
    QLabel* joined_caption_;
    QLabel* joined_preview_;
};

}  // namespace bw::gui
