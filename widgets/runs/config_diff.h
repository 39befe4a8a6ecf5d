#pragma once
// The configuration keys on which the selected runs differ (nested keys flattened to
// "training_args.learning_rate"), one row per key and one column per run: what changed between two
// experiments, without the dozens of settings they share.
#include <nlohmann/json.hpp>

#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

namespace bw::gui {

struct ConfigDiff {
    std::vector<std::string> keys;                   // sorted
    std::vector<std::vector<nlohmann::json>> values;  // [key][config]; null where a config lacks the key
};

// {"a": {"b": 1}} -> {"a.b": 1}; arrays and scalars are leaves.
void flattenConfig(const nlohmann::json& value, const std::string& prefix, std::map<std::string, nlohmann::json>& out);
// Only the keys whose values are not all equal.
ConfigDiff diffConfigs(const std::vector<nlohmann::json>& configs);

class ConfigDiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit ConfigDiffModel(QObject* parent = nullptr);

    // `runs` heads the value columns, in the order of the configs.
    void setDiff(ConfigDiff diff, const QStringList& runs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ConfigDiff diff_;
    QStringList runs_;
};

}  // namespace bw::gui
