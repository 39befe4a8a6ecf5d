#include "widgets/data/import_split_box.h"

#include "core/store/dataset_import.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QRadioButton>
#include <QSpinBox>

#include <algorithm>

namespace bw::gui {

ImportSplitBox::ImportSplitBox(QWidget* parent) : QGroupBox(tr("Split"), parent) {
    whole_file_radio_ = new QRadioButton(tr("The whole file is the split"));
    split_combo_ = new QComboBox;
    split_combo_->setObjectName("splitCombo");
    split_combo_->addItem(tr("train"), QStringLiteral("train"));
    split_combo_->addItem(tr("validation"), QStringLiteral("validation"));
    split_combo_->addItem(tr("test"), QStringLiteral("test"));
    holdout_radio_ = new QRadioButton(tr("Train, holding out for validation"));
    holdout_radio_->setObjectName("holdoutRadio");
    fraction_spin_ = new QDoubleSpinBox;
    fraction_spin_->setObjectName("fractionSpin");
    fraction_spin_->setRange(1, 50);
    fraction_spin_->setDecimals(1);
    fraction_spin_->setValue(10);
    fraction_spin_->setSuffix(tr(" %"));
    seed_spin_ = new QSpinBox;
    seed_spin_->setRange(0, 1 << 30);
    seed_spin_->setValue(42);
    seed_spin_->setPrefix(tr("seed "));
    whole_file_radio_->setChecked(true);
    auto* group = new QButtonGroup(this);
    group->addButton(whole_file_radio_);
    group->addButton(holdout_radio_);
    auto* grid = new QGridLayout(this);
    grid->addWidget(whole_file_radio_, 0, 0);
    grid->addWidget(split_combo_, 0, 1, 1, 2);
    grid->addWidget(holdout_radio_, 1, 0);
    grid->addWidget(fraction_spin_, 1, 1);
    grid->addWidget(seed_spin_, 1, 2);
    auto* stratified_note = new QLabel(tr("The held-out share keeps each label's proportion (stratified)."));
    stratified_note->setWordWrap(true);
    stratified_note->setEnabled(false);
    grid->addWidget(stratified_note, 2, 0, 1, 3);

    for (QRadioButton* radio : {whole_file_radio_, holdout_radio_})
        connect(radio, &QRadioButton::toggled, this, [this] {
            updateEnabled();
            emit changed();
        });
    connect(split_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ImportSplitBox::changed);
    // The file's name suggests the split until the user picks one.
    split_combo_->setProperty("suggested", true);
    connect(split_combo_, qOverload<int>(&QComboBox::activated), this, [this] { split_combo_->setProperty("suggested", false); });
    updateEnabled();
}

QString ImportSplitBox::splitName() const {
    return holdout_radio_->isChecked() ? QStringLiteral("train") : split_combo_->currentData().toString();
}

void ImportSplitBox::suggestSplit(const QString& split) {
    if (split_combo_->property("suggested").toBool())
        split_combo_->setCurrentIndex(std::max(0, split_combo_->findData(split)));
}

void ImportSplitBox::applyTo(store::ImportRequest& request) const {
    if (holdout_radio_->isChecked()) {
        request.split = "train";
        request.validation_fraction = fraction_spin_->value() / 100.0;
        request.seed = static_cast<uint64_t>(seed_spin_->value());
    } else {
        request.split = split_combo_->currentData().toString().toStdString();
    }
}

void ImportSplitBox::setImporting(bool importing) {
    importing_ = importing;
    whole_file_radio_->setEnabled(!importing);
    holdout_radio_->setEnabled(!importing);
    updateEnabled();
}

// The options of the choice not made stay in view, disabled.
void ImportSplitBox::updateEnabled() {
    split_combo_->setEnabled(whole_file_radio_->isChecked() && !importing_);
    fraction_spin_->setEnabled(holdout_radio_->isChecked() && !importing_);
    seed_spin_->setEnabled(holdout_radio_->isChecked() && !importing_);
}

}  // namespace bw::gui
