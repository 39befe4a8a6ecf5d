#pragma once
// The Runs page's table of the configuration keys on which the selected runs differ (train::diffConfigs),
// one row per key and one column per run: what changed between two experiments, without the dozens
// of settings they share.
#include "core/train/run_comparison.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace bw::gui {

class ConfigDiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit ConfigDiffModel(QObject* parent = nullptr);

    // `runs` heads the value columns, in the order of the configs.
    void setDiff(train::ConfigDiff diff, const QStringList& runs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    train::ConfigDiff diff_;
    QStringList runs_;
};

}  // namespace bw::gui
