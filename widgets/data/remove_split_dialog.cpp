#include "widgets/data/remove_split_dialog.h"

#include "core/store/experiment_store.h"
#include "core/store/validation_hold_out.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/store/store_connection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <memory>

namespace bw::gui {

RemoveSplitDialog::RemoveSplitDialog(const QString& store_path, const store::DatasetRecord& dataset,
                                     const QString& shown_split, QWidget* parent)
    : QDialog(parent), store_path_(store_path), dataset_(dataset), task_(new BackgroundTask(this)) {
    setWindowTitle(tr("Remove split"));
    split_ = new QComboBox;
    split_->setObjectName("removeSplitCombo");
    const QLocale locale;
    for (const auto& [split, rows] : dataset.row_counts) {
        if (rows == 0) continue;
        split_->addItem(tr("%1 (%2 rows)").arg(QString::fromStdString(split), locale.toString(static_cast<qlonglong>(rows))),
                        QString::fromStdString(split));
    }
    split_->setCurrentIndex(std::max(0, split_->findData(shown_split)));
    return_ = new QRadioButton;
    return_->setObjectName("returnToTrain");
    delete_ = new QRadioButton;
    delete_->setObjectName("deleteRows");
    description_ = new QLabel;
    description_->setWordWrap(true);
    error_ = new QLabel;
    error_->setObjectName("removeSplitError");
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b71c1c"));
    error_->hide();
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);

    auto* form = new QFormLayout;
    form->addRow(tr("Split:"), split_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(return_);
    layout->addWidget(delete_);
    layout->addWidget(description_);
    layout->addWidget(error_);
    layout->addWidget(buttons_);
    setMinimumWidth(480);

    connect(split_, &QComboBox::currentIndexChanged, this, &RemoveSplitDialog::splitChosen);
    connect(return_, &QRadioButton::toggled, this, &RemoveSplitDialog::describe);
    connect(buttons_, &QDialogButtonBox::accepted, this, &RemoveSplitDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &RemoveSplitDialog::reject);
    splitChosen();
}

void RemoveSplitDialog::splitChosen() {
    const QString split = split_->currentData().toString();
    const auto rows = [&](const std::string& s) {
        const auto it = dataset_.row_counts.find(s);
        return QLocale().toString(static_cast<qlonglong>(it == dataset_.row_counts.end() ? 0 : it->second));
    };
    const bool can_return = store::canReturnToTrain(dataset_, split.toStdString());
    return_->setText(tr("Return its %1 rows to train").arg(rows(split.toStdString())));
    delete_->setText(tr("Delete its %1 rows from the dataset").arg(rows(split.toStdString())));
    return_->setEnabled(can_return);
    {
        // Each split chosen starts from its default: back to train where possible (a held-out split
        // came from there), else deleting.
        const QSignalBlocker block(return_);
        (can_return ? return_ : delete_)->setChecked(true);
    }
    describe();
}

void RemoveSplitDialog::describe() {
    const QString split = split_->currentData().toString();
    const bool can_return = return_->isEnabled();
    const QString name = QString::fromStdString(dataset_.name);
    description_->setText(
        return_->isChecked() && can_return
            ? tr("The %1 rows of “%2” join its train rows: in the file's order when they came from the same file (a "
                 "validation split held out of train), else after them. Train then has %3 rows. Runs keep their records.")
                  .arg(split, name,
                       QLocale().toString(static_cast<qlonglong>(dataset_.row_counts.at("train") +
                                                                 dataset_.row_counts.at(split.toStdString()))))
            : tr("The %1 rows of “%2” leave the store; its other splits stay, and runs keep their records. Only "
                 "importing the file again brings them back.").arg(split, name));
    buttons_->button(QDialogButtonBox::Ok)->setText(return_->isChecked() && can_return ? tr("Return to train") : tr("Delete"));
}

QString RemoveSplitDialog::description() const { return description_->text(); }

QString RemoveSplitDialog::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

void RemoveSplitDialog::reject() {
    if (!task_->isRunning()) QDialog::reject();
}

void RemoveSplitDialog::accept() {
    if (task_->isRunning() || split_->currentIndex() < 0) return;
    error_->hide();
    buttons_->setEnabled(false);
    setCursor(Qt::BusyCursor);
    struct Outcome {
        qint64 returned = 0;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    const std::string split = split_->currentData().toString().toStdString();
    const bool back = return_->isEnabled() && return_->isChecked();
    task_->start(
        [path = store_path_.toStdString(), id = dataset_.id, split, back, outcome] {
            try {
                auto store = openWorkspaceStore(path);
                if (back) outcome->returned = store::returnToTrain(store, id, split).validation_rows;
                else store.deleteSplit(id, split);
            } catch (const std::exception& e) {
                outcome->error = gui::errorText(e);
            }
        },
        [this, outcome, split] {
            unsetCursor();
            buttons_->setEnabled(true);
            if (!outcome->error.isEmpty()) {
                error_->setText(outcome->error);
                error_->show();
                return;
            }
            emit splitRemoved(QString::fromStdString(dataset_.name), QString::fromStdString(split), outcome->returned);
            QDialog::accept();
        });
}

}  // namespace bw::gui
