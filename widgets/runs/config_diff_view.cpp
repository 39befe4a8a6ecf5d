#include "widgets/runs/config_diff_view.h"

#include "widgets/runs/config_diff.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/run_label.h"
#include "widgets/shared/csv_file.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace bw::gui {

ConfigDiffView::ConfigDiffView(QWidget* parent) : QWidget(parent), model_(new ConfigDiffModel(this)) {
    hint_ = new QLabel;
    view_ = new QTableView;
    view_->setObjectName("configDiffTable");
    view_->setModel(model_);
    view_->verticalHeader()->setVisible(false);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* export_button = new QPushButton(tr("Export differences…"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(hint_, 1);
    controls->addWidget(export_button);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);

    connect(export_button, &QPushButton::clicked, this, &ConfigDiffView::exportDifferences);
}

void ConfigDiffView::setRuns(const std::vector<const train::RunSummary*>& runs) {
    std::vector<nlohmann::json> configs;
    QStringList labels;
    for (const train::RunSummary* s : runs) {
        configs.push_back(s->run.config);
        labels << runLabel(s->run);
    }
    train::ConfigDiff diff = configs.size() >= 2 ? train::diffConfigs(configs) : train::ConfigDiff{};
    hint_->setText(configs.size() < 2 ? tr("Select two or more runs to see the settings in which they differ.")
                   : diff.keys.empty() ? tr("The selected runs have the same configuration.")
                                       : tr("%n setting(s) differ.", "", static_cast<int>(diff.keys.size())));
    model_->setDiff(std::move(diff), configs.size() >= 2 ? labels : QStringList());
}

void ConfigDiffView::exportDifferences() {
    const QString path =
        FileDialog::getSaveFileName(window(), tr("Export differences"), QStringLiteral("config-diff.csv"), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !writeModelCsv(*model_, path, &error)) emit failed(error);
}

}  // namespace bw::gui
