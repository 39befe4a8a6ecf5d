#include "widgets/runs/config_diff.h"

#include <QBrush>
#include <QColor>

#include <algorithm>
#include <map>
#include <set>

namespace bw::gui {

void flattenConfig(const nlohmann::json& value, const std::string& prefix, std::map<std::string, nlohmann::json>& out) {
    if (value.is_object() && !value.empty()) {
        for (const auto& [key, child] : value.items()) flattenConfig(child, prefix.empty() ? key : prefix + "." + key, out);
    } else {
        out[prefix] = value;
    }
}

ConfigDiff diffConfigs(const std::vector<nlohmann::json>& configs) {
    std::vector<std::map<std::string, nlohmann::json>> flat(configs.size());
    std::set<std::string> keys;
    for (size_t i = 0; i < configs.size(); ++i) {
        flattenConfig(configs[i], "", flat[i]);
        for (const auto& [key, value] : flat[i]) keys.insert(key);
    }
    ConfigDiff diff;
    for (const std::string& key : keys) {
        std::vector<nlohmann::json> values;
        for (const auto& config : flat) {
            const auto it = config.find(key);
            values.push_back(it == config.end() ? nlohmann::json() : it->second);
        }
        const bool differs = std::any_of(values.begin(), values.end(), [&](const nlohmann::json& v) { return v != values.front(); });
        if (!differs) continue;
        diff.keys.push_back(key);
        diff.values.push_back(std::move(values));
    }
    return diff;
}

ConfigDiffModel::ConfigDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfigDiffModel::setDiff(ConfigDiff diff, const QStringList& runs) {
    beginResetModel();
    diff_ = std::move(diff);
    runs_ = runs;
    endResetModel();
}

int ConfigDiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(diff_.keys.size()); }

int ConfigDiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(runs_.size()) + 1; }

QVariant ConfigDiffModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto row = static_cast<size_t>(index.row());
    if (index.column() == 0) return role == Qt::DisplayRole ? QString::fromStdString(diff_.keys[row]) : QVariant();
    const nlohmann::json& value = diff_.values[row][static_cast<size_t>(index.column() - 1)];
    if (role == Qt::DisplayRole) {
        if (value.is_null()) return tr("(not set)");
        return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
    }
    if (role == Qt::ForegroundRole && value.is_null()) return QBrush(QColor(0x9E9E9E));
    return {};
}

QVariant ConfigDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    if (section == 0) return tr("Setting");
    return section - 1 < runs_.size() ? runs_[section - 1] : QVariant();
}

}  // namespace bw::gui
