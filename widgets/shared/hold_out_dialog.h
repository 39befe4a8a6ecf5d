#pragma once
// "Hold out validation…": a dataset stored without a validation split gets one, a stratified share
// of its train rows (store::holdOutValidation, on a worker thread). Opened from the Data page and
// from the wizard's task page, where a missing validation split stops evaluation. What the store
// refuses is shown in the dialog, which stays open; success closes it and emits heldOut.
#include "core/store/store_records.h"

#include <QDialog>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace bw::gui {

class BackgroundTask;

class HoldOutDialog : public QDialog {
    Q_OBJECT
public:
    HoldOutDialog(const QString& store_path, const store::DatasetRecord& dataset, QWidget* parent = nullptr);

    void setFraction(double fraction);  // 0.1 = 10 %
    void setSeed(int seed);
    bool isWorking() const;
    QString errorText() const;

public slots:
    void accept() override;  // starts the hold-out; the dialog closes when it has succeeded
    void reject() override;  // not while the rows are being moved

signals:
    void heldOut(const QString& dataset, qint64 train_rows, qint64 validation_rows);

private:
    void updateDescription();

    QString store_path_;
    store::DatasetRecord dataset_;
    QDoubleSpinBox* percent_;
    QSpinBox* seed_;
    QLabel* description_;
    QLabel* error_;
    QDialogButtonBox* buttons_;
    BackgroundTask* task_;
};

}  // namespace bw::gui
