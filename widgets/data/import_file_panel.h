#pragma once
// The import dialog's file side: the file, its format (detected, or chosen) and whether its first row
// names the columns, and its first rows as the import would read them.
#include "core/data/data_format.h"
#include "core/data/dataset_preview.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace bw::gui {

class ElidedLabel;
class PreviewTableModel;
struct ColumnRoles;

class ImportFilePanel : public QWidget {
    Q_OBJECT
public:
    explicit ImportFilePanel(QWidget* parent = nullptr);

    // Detects the file's format and reads its first rows: fileChosen, then previewChanged.
    void setFile(const QString& path);
    QString path() const;
    bool readable() const { return readable_; }  // the first rows were read as the format shown
    const data::DatasetPreview& preview() const;
    data::DataFormat shownFormat() const;    // the format chosen in the combo box (Auto: none yet)
    data::DataFormat requestFormat() const;  // what the import is told to read
    char requestDelimiter() const;           // with it: 0 (the format's, or as detected) or the one chosen
    data::Quoting requestQuoting() const;    // and whether fields are quoted
    QString formatTitle() const;             // the format as the combo box names it
    std::optional<bool> headerChoice() const { return header_override_; }  // the user's, if they made one
    bool skipsBadRows() const;  // "Skip malformed rows" is ticked
    // A malformed row among the first rows while they are not skipped: what is wrong and how to skip
    // it; "" when none.
    QString rowProblem() const;
    void setRoles(const ColumnRoles& roles);  // marks the columns the mapping uses
    void setImporting(bool importing);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    void fileChosen(const QString& path);  // before it is read
    void previewChanged();                  // another file, format or header choice was read
    void readProblem(const QString& problem);  // why the file cannot be read; "" once it can

private:
    // A format with its delimiter, as the format combo box offers it.
    struct FormatChoice {
        data::DataFormat format;
        char delimiter;
        bool detected;
    };

    void browse();
    void resetFormatChoices();
    void reloadPreview();
    void widenColumnsToHeaders();
    void showSkippedRows(const data::SkippedRows& skipped);

    PreviewTableModel* preview_model_;
    std::vector<FormatChoice> format_choices_;
    std::optional<bool> header_override_;
    QString read_path_;  // the file last chosen, so that leaving the line edit unchanged reads nothing
    bool readable_ = false;

    QLineEdit* file_edit_;
    QPushButton* browse_button_;
    QComboBox* format_combo_;
    QComboBox* quoting_combo_;
    QCheckBox* header_check_;
    QCheckBox* skip_bad_rows_check_;
    QTableView* preview_view_;
    ElidedLabel* skipped_label_;
};

}  // namespace bw::gui
