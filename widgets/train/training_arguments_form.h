#pragma once
// Every TrainingArguments field as a form, under Hugging Face's names, starting from its defaults.
// Basic shows what most runs change (epochs, batch size, learning rate, warmup, weight decay,
// seed); Advanced shows everything else, grouped, with only the fields that apply to the task.
// Each field's object name is its TrainingArguments key ("learning_rate"), for tests and styling.
#include "core/train/training_args.h"
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
    void setTask(TrainTask task, const std::string& problem_type);
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
        std::string key;  // its TrainingArguments name, which says when it applies (argument_scope.h)
        std::function<void(const train::TrainingArguments&)> show;
        std::function<bool(train::TrainingArguments&)> read;
    };

    void buildLayout();
    QFormLayout* addGroup(const QString& title, int row, int column, int row_span = 1);
    void add(QFormLayout* form, const QString& title, const char* key, QWidget* editor,
             std::function<void(const train::TrainingArguments&)> show,
             std::function<bool(train::TrainingArguments&)> read);
    template <typename Int>
    void addInteger(QFormLayout* form, const QString& title, const char* key, Int train::TrainingArguments::*member,
                    int min, const QString& special = {});
    void addDecimal(QFormLayout* form, const QString& title, const char* key, double train::TrainingArguments::*member,
                    double min, double max, double step, int decimals, const QString& special = {});
    void addScientific(QFormLayout* form, const QString& title, const char* key,
                       double train::TrainingArguments::*member);
    void addChoice(QFormLayout* form, const QString& title, const char* key,
                   std::string train::TrainingArguments::*member, const std::vector<std::string>& values);
    void addSwitch(QFormLayout* form, const QString& title, const char* key, bool train::TrainingArguments::*member);
    void addBestMetric(QFormLayout* form);
    void addGreaterIsBetter(QFormLayout* form);
    void updateVisibility();
    void updateStepFields();
    int suggestedStepInterval() const;

    std::vector<Field> fields_;
    TrainTask task_ = TrainTask::TextClassification;
    int64_t train_examples_ = 0;
    QRadioButton* basic_radio_;
    QRadioButton* advanced_radio_;
    QWidget* fields_widget_;
    std::vector<QGroupBox*> groups_;  // Essentials first, shown in Basic too
    QComboBox* metric_combo_ = nullptr;
};

}  // namespace bw::gui
