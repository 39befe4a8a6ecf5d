#pragma once
// The import dialog's "Split" box: the whole file becomes one split (the one its name suggests, until
// the user chooses), or the train split with a stratified share held out for validation.
#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QRadioButton;
class QSpinBox;

namespace bw::store {
struct ImportRequest;
}

namespace bw::gui {

class ImportSplitBox : public QGroupBox {
    Q_OBJECT
public:
    explicit ImportSplitBox(QWidget* parent = nullptr);

    QString splitName() const;  // where the file's rows go (train, when a share is held out)
    void suggestSplit(const QString& split);  // chosen unless the user chose one
    void applyTo(store::ImportRequest& request) const;  // the split, and the held-out share
    void setImporting(bool importing);

signals:
    void changed();

private:
    void updateEnabled();

    bool importing_ = false;
    QRadioButton* whole_file_radio_;
    QComboBox* split_combo_;
    QRadioButton* holdout_radio_;
    QDoubleSpinBox* fraction_spin_;
    QSpinBox* seed_spin_;
};

}  // namespace bw::gui
