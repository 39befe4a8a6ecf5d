#pragma once
// Every training setting as a form, under Hugging Face's names, starting from its defaults, built
// from core's table of settings (core/train/training_settings.h): the editors, their ranges and
// choices, tooltips with each setting's help and Hugging Face's default. Basic shows what most
// runs change (epochs, batch size, learning rate, warmup, weight decay, seed); Advanced shows
// everything else, grouped, with only the fields that apply to the task.
// Each field's object name is its TrainingArguments key ("learning_rate"), for tests and styling.
#include "core/train/training_args.h"
#include "core/train/training_settings.h"
#include "widgets/train/training_setup.h"

#include <QWidget>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QRadioButton;

namespace bw::gui {

class TrainingArgumentsForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainingArgumentsForm(QWidget* parent = nullptr);

    void setArguments(const train::TrainingArguments& args);
    // `base` with every field of the form applied (fields the form does not show, max_seq_length,
    // keep base's value). A field whose text is not a number keeps base's value and is named in
    // *problem (the first one).
    train::TrainingArguments arguments(const train::TrainingArguments& base, QString* problem) const;

    // Shows the fields that apply to the task and offers the metrics it computes as best metric.
    // A task catalogue id; `labels`: the dataset's label count (0 unknown), which decides whether "f1"
    // (a two-class metric) is offered as metric_for_best_model.
    void setTask(const std::string& task_id, const std::string& problem_type, size_t labels = 0);
    // The train split's size (0: not known), for the step interval suggested when evaluation or
    // saving switches to "steps".
    void setTrainExamples(int64_t examples);
    void setAdvanced(bool advanced);
    bool isAdvanced() const;

signals:
    void changed();

private:
    // One field: how it shows a value and reads it back (false: not a number).
    struct Field {
        QLabel* label;
        QWidget* editor;
        const train::TrainingSetting* setting;
        std::function<void(const train::TrainingArguments&)> show;
        std::function<bool(train::TrainingArguments&)> read;
    };

    void buildLayout();
    QFormLayout* addGroup(train::SettingGroup group, int row, int column, int row_span = 1);
    void addSetting(QFormLayout* form, const train::TrainingSetting& setting);
    void add(QFormLayout* form, const train::TrainingSetting& setting, QWidget* editor,
             std::function<void(const train::TrainingArguments&)> show,
             std::function<bool(train::TrainingArguments&)> read);
    void addInteger(QFormLayout* form, const train::TrainingSetting& setting);
    void addDecimal(QFormLayout* form, const train::TrainingSetting& setting);
    void addScientific(QFormLayout* form, const train::TrainingSetting& setting);
    void addChoice(QFormLayout* form, const train::TrainingSetting& setting);
    void addDevice(QFormLayout* form, const train::TrainingSetting& setting);
    void addSwitch(QFormLayout* form, const train::TrainingSetting& setting);
    void addOptionalSwitch(QFormLayout* form, const train::TrainingSetting& setting);
    void addBestMetric(QFormLayout* form, const train::TrainingSetting& setting);
    void addDuration(QFormLayout* form, const train::TrainingSetting& setting);
    void updateVisibility();
    void updateStepFields();
    int suggestedStepInterval() const;

    std::vector<Field> fields_;
    const train::TaskDefinition* task_ = &train::taskCatalogue().front();
    int64_t train_examples_ = 0;
    QRadioButton* basic_radio_;
    QRadioButton* advanced_radio_;
    QWidget* fields_widget_;
    std::vector<QGroupBox*> groups_;  // Essentials first, shown in Basic too
    QComboBox* metric_combo_ = nullptr;
};

}  // namespace bw::gui
