#include "widgets/data/label_names_dialog.h"

#include "core/data/label_renaming.h"
#include "core/store/experiment_store.h"
#include "widgets/shared/error_text.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace bw::gui {

LabelNamesDialog::LabelNamesDialog(store::ExperimentStore& store, int64_t dataset, const QString& dataset_name,
                                   const std::vector<std::string>& labels, QWidget* parent)
    : QDialog(parent), store_(store), dataset_(dataset), labels_(labels) {
    setWindowTitle(tr("Label names of “%1”").arg(dataset_name));
    auto* intro = new QLabel(tr("Give the labels the names training, the views and exported models show "
                                "(id2label). The label ids stay as they are."));
    intro->setWordWrap(true);
    table_ = new QTableWidget(static_cast<int>(labels.size()), 2);
    table_->setObjectName("labelNamesTable");
    table_->setHorizontalHeaderLabels({tr("Label"), tr("Name")});
    table_->verticalHeader()->setVisible(true);  // the row numbers are the label ids, from 0
    for (int row = 0; row < table_->rowCount(); ++row) {
        const QString label = QString::fromStdString(labels[static_cast<size_t>(row)]);
        auto* fixed = new QTableWidgetItem(label);
        fixed->setFlags(fixed->flags() & ~Qt::ItemIsEditable);
        table_->setItem(row, 0, fixed);
        table_->setItem(row, 1, new QTableWidgetItem(label));
        table_->setVerticalHeaderItem(row, new QTableWidgetItem(QString::number(row)));
    }
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    // Every label in sight up to a dozen; more scroll.
    const int shown = std::min(table_->rowCount(), 12);
    table_->setMinimumHeight(table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth() +
                             shown * table_->verticalHeader()->defaultSectionSize());
    error_ = new QLabel;
    error_->setObjectName("labelNamesError");
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    error_->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &LabelNamesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LabelNamesDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(table_, 1);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

QString LabelNamesDialog::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

void LabelNamesDialog::accept() {
    std::map<std::string, std::string> names;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const std::string& label = labels_[static_cast<size_t>(row)];
        const std::string name = table_->item(row, 1)->text().trimmed().toStdString();
        if (name != label) names[label] = name;
    }
    try {
        store_.renameLabels(dataset_, data::LabelRenaming(std::move(names)));
    } catch (const std::exception& e) {
        error_->setText(gui::errorText(e));
        error_->show();
        return;
    }
    QDialog::accept();
}

}  // namespace bw::gui
