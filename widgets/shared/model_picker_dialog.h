#pragma once
// "Which model" in one place: the bundled model, every kept checkpoint of the workspace's runs (a
// run's row stands for its best checkpoint; its children are each step, best and last marked), or
// any folder. The window opens it from File → Choose Model… and from the status bar; the
// Tokenizer, Attention and Playground pages then show the chosen model. The Export page opens it
// to choose what it writes.
#include <QDialog>
#include <QString>

class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace bw::gui {

class ModelPickerDialog : public QDialog {
    Q_OBJECT
public:
    // Lists the bundled model (when found) and the runs of the store at `store_path` that kept
    // checkpoints; `current` (the model shown now) is selected.
    ModelPickerDialog(const QString& store_path, const QString& current, QWidget* parent = nullptr);

    QString chosenDir() const { return chosen_; }  // after accept()
    QTreeWidget* tree() const { return tree_; }
    // Selects the entry of this folder; false when none lists it.
    bool selectDir(const QString& dir);
    void setFilter(const QString& text);
    // What the choice is for, on the button that makes it ("Use this model" unless told).
    void setChooseText(const QString& text);

    static constexpr int DirRole = Qt::UserRole;  // an item's folder ("" for one that cannot be chosen)

public slots:
    void accept() override;

private:
    void fill(const QString& store_path);
    void applyFilter();
    void chooseFolder();

    QLineEdit* filter_;
    QPushButton* choose_button_;
    QTreeWidget* tree_;
    QString chosen_;
};

}  // namespace bw::gui
