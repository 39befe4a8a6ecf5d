#include "widgets/shared/hold_out_dialog.h"

#include "core/store/validation_hold_out.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/store/store_connection.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace bw::gui {

HoldOutDialog::HoldOutDialog(const QString& store_path, const store::DatasetRecord& dataset, QWidget* parent)
    : QDialog(parent), store_path_(store_path), dataset_(dataset), task_(new BackgroundTask(this)) {
    setWindowTitle(tr("Hold out validation rows"));
    percent_ = new QDoubleSpinBox;
    percent_->setObjectName("holdOutPercent");
    percent_->setRange(1.0, 50.0);
    percent_->setDecimals(1);
    percent_->setSingleStep(5.0);
    percent_->setSuffix(QStringLiteral(" %"));
    percent_->setValue(10.0);
    seed_ = new QSpinBox;
    seed_->setObjectName("holdOutSeed");
    seed_->setRange(0, 1 << 30);
    seed_->setValue(42);
    seed_->setToolTip(tr("The same seed holds out the same rows (as at import with --validation-fraction)"));
    description_ = new QLabel;
    description_->setWordWrap(true);
    error_ = new QLabel;
    error_->setObjectName("holdOutError");
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b71c1c"));
    error_->hide();
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Hold out"));

    auto* form = new QFormLayout;
    form->addRow(tr("Share of the train rows:"), percent_);
    form->addRow(tr("Seed:"), seed_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(description_);
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(buttons_);
    setMinimumWidth(460);

    connect(percent_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &HoldOutDialog::updateDescription);
    connect(buttons_, &QDialogButtonBox::accepted, this, &HoldOutDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &HoldOutDialog::reject);
    updateDescription();
}

void HoldOutDialog::setFraction(double fraction) { percent_->setValue(fraction * 100.0); }

void HoldOutDialog::setSeed(int seed) { seed_->setValue(seed); }

bool HoldOutDialog::isWorking() const { return task_->isRunning(); }

QString HoldOutDialog::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

void HoldOutDialog::updateDescription() {
    const auto it = dataset_.row_counts.find("train");
    const qlonglong train = it == dataset_.row_counts.end() ? 0 : it->second;
    const QLocale locale;
    const QString how = dataset_.task_kind == "sequence"
                            ? tr("each label keeps its share in both splits, and a label with two or more rows has "
                                 "at least one in each, so a small dataset moves more")
                        : dataset_.task_kind == "corpus" ? tr("whole documents move, so no sentence pair straddles the two")
                                                         : tr("sentences are drawn at random");
    description_->setText(
        tr("Moves about %1 of the %2 train rows of “%3” into a new validation split (%4). The rows keep their "
           "order and file lines; runs already trained keep their records.")
            .arg(locale.toString(std::llround(static_cast<double>(train) * percent_->value() / 100.0)),
                 locale.toString(train), QString::fromStdString(dataset_.name), how));
}

void HoldOutDialog::reject() {
    if (!task_->isRunning()) QDialog::reject();
}

void HoldOutDialog::accept() {
    if (task_->isRunning()) return;
    error_->hide();
    buttons_->setEnabled(false);
    percent_->setEnabled(false);
    seed_->setEnabled(false);
    setCursor(Qt::BusyCursor);
    struct Outcome {
        store::HoldOutSummary summary;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    const store::HoldOutRequest request{dataset_.id, percent_->value() / 100.0, static_cast<uint64_t>(seed_->value()),
                                        nullptr};
    task_->start(
        [path = store_path_.toStdString(), request, outcome] {
            try {
                auto store = openWorkspaceStore(path);
                outcome->summary = store::holdOutValidation(store, request);
            } catch (const std::exception& e) {
                outcome->error = gui::errorText(e);
            }
        },
        [this, outcome] {
            unsetCursor();
            buttons_->setEnabled(true);
            percent_->setEnabled(true);
            seed_->setEnabled(true);
            if (!outcome->error.isEmpty()) {
                error_->setText(outcome->error);
                error_->show();
                return;
            }
            emit heldOut(QString::fromStdString(dataset_.name), outcome->summary.train_rows,
                         outcome->summary.validation_rows);
            QDialog::accept();
        });
}

}  // namespace bw::gui
