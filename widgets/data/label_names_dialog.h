#pragma once
// "Label names…" on the Data page: the selected sequence dataset's labels in id order, each with a
// name to edit (AG News' 1, 2, 3, 4 -> World, Sports, Business, Sci/Tech). OK renames them in the
// store (ExperimentStore::renameLabels: the rows, the label set and the splits imported later); what
// the store refuses (two labels given one name...) is shown in the dialog, which stays open.
#include <QDialog>

#include <cstdint>
#include <string>
#include <vector>

class QLabel;
class QTableWidget;

namespace bw::store {
class ExperimentStore;
}

namespace bw::gui {

class LabelNamesDialog : public QDialog {
    Q_OBJECT
public:
    LabelNamesDialog(store::ExperimentStore& store, int64_t dataset, const QString& dataset_name,
                     const std::vector<std::string>& labels, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }  // column 0: the label, column 1: its name
    QString errorText() const;

public slots:
    void accept() override;

private:
    store::ExperimentStore& store_;
    int64_t dataset_;
    std::vector<std::string> labels_;
    QTableWidget* table_;
    QLabel* error_;
};

}  // namespace bw::gui
