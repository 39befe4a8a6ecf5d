#pragma once
// "Remove split…" on the Data page: which split (the one shown first), and for a split other than
// train whether its rows go back into train or leave the dataset. Going back is the default for a
// validation split held out of train: its rows return in the file's order (store::returnToTrain),
// which undoes "Hold out validation…"; removing it once lost those rows for good without a word.
// The work runs on a worker thread; a refusal is shown in the dialog, success closes it.
#include "core/store/store_records.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QRadioButton;

namespace bw::gui {

class BackgroundTask;

class RemoveSplitDialog : public QDialog {
    Q_OBJECT
public:
    // `shown_split`: the split the page shows, offered first.
    RemoveSplitDialog(const QString& store_path, const store::DatasetRecord& dataset, const QString& shown_split,
                      QWidget* parent = nullptr);

    QComboBox* splitBox() const { return split_; }
    QRadioButton* returnButton() const { return return_; }
    QRadioButton* deleteButton() const { return delete_; }
    QString description() const;
    QString errorText() const;

public slots:
    void accept() override;  // starts the work; the dialog closes when it has succeeded
    void reject() override;  // not while rows are being moved

signals:
    // rows_returned: the rows now in train again (0 when they were deleted).
    void splitRemoved(const QString& dataset, const QString& split, qint64 rows_returned);

private:
    void splitChosen();  // the choice's default for the split
    void describe();     // what the choice does, and the button's word

    QString store_path_;
    store::DatasetRecord dataset_;
    QComboBox* split_;
    QRadioButton* return_;
    QRadioButton* delete_;
    QLabel* description_;
    QLabel* error_;
    QDialogButtonBox* buttons_;
    BackgroundTask* task_;
};

}  // namespace bw::gui
