#include "widgets/train/training_arguments_form.h"

#include "widgets/train/argument_scope.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <utility>

namespace bw::gui {
namespace {

using train::TrainingArguments;

// Numbers are written and read the C way ("5e-05"), as in Python and the CLI, in every language.
QString scientific(double value) { return QLocale::c().toString(value, 'g', 6); }

}  // namespace

TrainingArgumentsForm::TrainingArgumentsForm(QWidget* parent) : QWidget(parent) {
    buildLayout();
    setArguments(TrainingArguments{});
    setAdvanced(false);
}

void TrainingArgumentsForm::buildLayout() {
    basic_radio_ = new QRadioButton(tr("Basic"));
    basic_radio_->setObjectName("basicSettingsRadio");
    advanced_radio_ = new QRadioButton(tr("Advanced"));
    advanced_radio_->setObjectName("advancedSettingsRadio");
    auto* mode = new QHBoxLayout;
    mode->addWidget(basic_radio_);
    mode->addWidget(advanced_radio_);
    mode->addStretch(1);

    // Every field in group boxes on a grid; Basic shows the first group only.
    fields_widget_ = new QWidget;
    auto* grid = new QGridLayout(fields_widget_);
    grid->setContentsMargins(0, 0, 0, 0);
    auto* basic = addGroup(tr("Essentials"), 0, 0);
    addDecimal(basic, tr("Epochs"), "num_train_epochs", &TrainingArguments::num_train_epochs, 0, 10000, 1, 2);
    addInteger(basic, tr("Batch size"), "per_device_train_batch_size", &TrainingArguments::per_device_train_batch_size,
               0);
    addScientific(basic, tr("Learning rate"), "learning_rate", &TrainingArguments::learning_rate);
    addDecimal(basic, tr("Warmup ratio"), "warmup_ratio", &TrainingArguments::warmup_ratio, 0, 1, 0.01, 3);
    addScientific(basic, tr("Weight decay"), "weight_decay", &TrainingArguments::weight_decay);  // 1e-4 is common
    addInteger(basic, tr("Seed"), "seed", &TrainingArguments::seed, 0);

    auto* schedule = addGroup(tr("Steps and schedule"), 1, 0);
    addInteger(schedule, tr("Max steps"), "max_steps", &TrainingArguments::max_steps, -1, tr("off: epochs decide"));
    addInteger(schedule, tr("Warmup steps"), "warmup_steps", &TrainingArguments::warmup_steps, 0,
               tr("0: use the ratio"));
    addChoice(schedule, tr("Schedule"), "lr_scheduler_type", &TrainingArguments::lr_scheduler_type,
              {"linear", "cosine", "constant", "constant_with_warmup"});
    addInteger(schedule, tr("Gradient accumulation"), "gradient_accumulation_steps",
               &TrainingArguments::gradient_accumulation_steps, 0);
    addDecimal(schedule, tr("Gradient clipping"), "max_grad_norm", &TrainingArguments::max_grad_norm, 0, 1000, 0.1, 2,
               tr("off"));
    addInteger(schedule, tr("Logging steps"), "logging_steps", &TrainingArguments::logging_steps, 0);

    auto* optimiser = addGroup(tr("AdamW"), 2, 0);
    addDecimal(optimiser, tr("β1"), "adam_beta1", &TrainingArguments::adam_beta1, 0, 1, 0.001, 4);
    addDecimal(optimiser, tr("β2"), "adam_beta2", &TrainingArguments::adam_beta2, 0, 1, 0.001, 4);
    addScientific(optimiser, tr("ε"), "adam_epsilon", &TrainingArguments::adam_epsilon);

    auto* evaluation = addGroup(tr("Evaluation and checkpoints"), 0, 1, 2);
    addInteger(evaluation, tr("Evaluation batch size"), "per_device_eval_batch_size",
               &TrainingArguments::per_device_eval_batch_size, 0);
    addChoice(evaluation, tr("Evaluate every"), "evaluation_strategy", &TrainingArguments::evaluation_strategy,
              {"no", "steps", "epoch"});
    addInteger(evaluation, tr("Evaluation steps"), "eval_steps", &TrainingArguments::eval_steps, 0);
    addChoice(evaluation, tr("Save every"), "save_strategy", &TrainingArguments::save_strategy,
              {"no", "steps", "epoch"});
    addInteger(evaluation, tr("Save steps"), "save_steps", &TrainingArguments::save_steps, 0);
    addInteger(evaluation, tr("Checkpoints kept"), "save_total_limit", &TrainingArguments::save_total_limit, 0,
               tr("all"));
    addBestMetric(evaluation);
    addGreaterIsBetter(evaluation);
    addSwitch(evaluation, tr("Load the best model at the end"), "load_best_model_at_end",
              &TrainingArguments::load_best_model_at_end);
    addInteger(evaluation, tr("Early stopping patience"), "early_stopping_patience",
               &TrainingArguments::early_stopping_patience, 0, tr("off"));
    addScientific(evaluation, tr("Early stopping threshold"), "early_stopping_threshold",
                  &TrainingArguments::early_stopping_threshold);

    auto* data = addGroup(tr("Batches and loss"), 2, 1);
    addSwitch(data, tr("Group by length"), "group_by_length", &TrainingArguments::group_by_length);
    addDecimal(data, tr("Label smoothing"), "label_smoothing_factor", &TrainingArguments::label_smoothing_factor, 0, 1,
               0.01, 3);
    addChoice(data, tr("Class weights"), "class_weights", &TrainingArguments::class_weights, {"none", "balanced"});
    addDecimal(data, tr("Masking probability"), "mlm_probability", &TrainingArguments::mlm_probability, 0, 1, 0.01, 3);
    addSwitch(data, tr("Whole-word masking"), "whole_word_masking", &TrainingArguments::whole_word_masking);
    addDecimal(data, tr("Short sequence probability"), "short_seq_probability",
               &TrainingArguments::short_seq_probability, 0, 1, 0.01, 3);
    addDecimal(data, tr("Next-sentence probability"), "nsp_probability", &TrainingArguments::nsp_probability, 0, 1,
               0.01, 3);
    grid->setRowStretch(3, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(fields_widget_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(mode);
    layout->addWidget(scroll, 1);

    connect(advanced_radio_, &QRadioButton::toggled, this, &TrainingArgumentsForm::setAdvanced);
}

QFormLayout* TrainingArgumentsForm::addGroup(const QString& title, int row, int column, int row_span) {
    auto* box = new QGroupBox(title);
    auto* form = new QFormLayout(box);
    static_cast<QGridLayout*>(fields_widget_->layout())->addWidget(box, row, column, row_span, 1, Qt::AlignTop);
    groups_.push_back(box);
    return form;
}

void TrainingArgumentsForm::add(QFormLayout* form, const QString& title, const char* key, QWidget* editor,
                                std::function<void(const TrainingArguments&)> show,
                                std::function<bool(TrainingArguments&)> read) {
    // The friendly name, and under it, smaller and greyed, the Hugging Face key users know from Python.
    const QColor text = palette().color(QPalette::WindowText), window = palette().color(QPalette::Window);
    const QColor grey((text.red() + window.red()) / 2, (text.green() + window.green()) / 2,
                      (text.blue() + window.blue()) / 2);
    auto* label = new QLabel(
        QStringLiteral("%1<br><small style='color:%2'>%3</small>").arg(title.toHtmlEscaped(), grey.name(), key));
    label->setToolTip(QString::fromLatin1(key));
    editor->setObjectName(QString::fromLatin1(key));
    editor->setMaximumWidth(260);  // numbers and names: a wide field only looks empty
    editor->setToolTip(QString::fromLatin1(key));
    label->setBuddy(editor);
    form->addRow(label, editor);
    fields_.push_back({label, editor, key, std::move(show), std::move(read)});
}

template <typename Int>
void TrainingArgumentsForm::addInteger(QFormLayout* form, const QString& title, const char* key,
                                       Int TrainingArguments::*member, int min, const QString& special) {
    auto* spin = new QSpinBox;
    spin->setRange(min, INT_MAX);
    spin->setSpecialValueText(special);
    spin->setMinimumWidth(140);
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, &TrainingArgumentsForm::changed);
    add(
        form, title, key, spin,
        [spin, member](const TrainingArguments& a) {
            spin->setValue(static_cast<int>(std::min<long double>(static_cast<long double>(a.*member), INT_MAX)));
        },
        [spin, member](TrainingArguments& a) {
            a.*member = static_cast<Int>(spin->value());
            return true;
        });
}

void TrainingArgumentsForm::addDecimal(QFormLayout* form, const QString& title, const char* key,
                                       double TrainingArguments::*member, double min, double max, double step,
                                       int decimals, const QString& special) {
    auto* spin = new QDoubleSpinBox;
    spin->setDecimals(decimals);
    spin->setRange(min, max);
    spin->setSingleStep(step);
    spin->setSpecialValueText(special);
    spin->setMinimumWidth(140);
    connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &TrainingArgumentsForm::changed);
    add(
        form, title, key, spin, [spin, member](const TrainingArguments& a) { spin->setValue(a.*member); },
        [spin, member](TrainingArguments& a) {
            a.*member = spin->value();
            return true;
        });
}

void TrainingArgumentsForm::addScientific(QFormLayout* form, const QString& title, const char* key,
                                          double TrainingArguments::*member) {
    auto* edit = new QLineEdit;
    edit->setMinimumWidth(140);
    connect(edit, &QLineEdit::textChanged, this, &TrainingArgumentsForm::changed);
    add(
        form, title, key, edit,
        [edit, member](const TrainingArguments& a) { edit->setText(scientific(a.*member)); },
        [edit, member](TrainingArguments& a) {
            bool ok = false;
            const double value = QLocale::c().toDouble(edit->text().trimmed(), &ok);
            if (ok) a.*member = value;
            return ok;
        });
}

void TrainingArgumentsForm::addChoice(QFormLayout* form, const QString& title, const char* key,
                                      std::string TrainingArguments::*member, const std::vector<std::string>& values) {
    auto* combo = new QComboBox;
    for (const std::string& v : values) combo->addItem(QString::fromStdString(v));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        updateStepFields();
        emit changed();
    });
    add(
        form, title, key, combo,
        [combo, member](const TrainingArguments& a) { combo->setCurrentText(QString::fromStdString(a.*member)); },
        [combo, member](TrainingArguments& a) {
            a.*member = combo->currentText().toStdString();
            return true;
        });
}

void TrainingArgumentsForm::addSwitch(QFormLayout* form, const QString& title, const char* key,
                                      bool TrainingArguments::*member) {
    auto* check = new QCheckBox;
    connect(check, &QCheckBox::toggled, this, &TrainingArgumentsForm::changed);
    add(
        form, title, key, check, [check, member](const TrainingArguments& a) { check->setChecked(a.*member); },
        [check, member](TrainingArguments& a) {
            a.*member = check->isChecked();
            return true;
        });
}

void TrainingArgumentsForm::addBestMetric(QFormLayout* form) {
    // Editable: Hugging Face configs often say "eval_f1"; the check on the page names the valid ones.
    metric_combo_ = new QComboBox;
    metric_combo_->setEditable(true);
    metric_combo_->setMinimumWidth(160);
    connect(metric_combo_, &QComboBox::currentTextChanged, this, &TrainingArgumentsForm::changed);
    add(
        form, tr("Best model by"), "metric_for_best_model", metric_combo_,
        [this](const TrainingArguments& a) {
            metric_combo_->setCurrentText(
                QString::fromStdString(a.metric_for_best_model.empty() ? "loss" : a.metric_for_best_model));
        },
        [this](TrainingArguments& a) {
            const QString metric = metric_combo_->currentText().trimmed();
            a.metric_for_best_model =
                metric == QLatin1String("loss") ? std::string() : metric.toStdString();  // "" means loss
            return true;
        });
}

void TrainingArgumentsForm::addGreaterIsBetter(QFormLayout* form) {
    auto* combo = new QComboBox;
    combo->addItem(tr("from the metric's name"));
    combo->addItem(tr("higher is better"), true);
    combo->addItem(tr("lower is better"), false);
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingArgumentsForm::changed);
    add(
        form, tr("Better is"), "greater_is_better", combo,
        [combo](const TrainingArguments& a) {
            combo->setCurrentIndex(a.greater_is_better ? (*a.greater_is_better ? 1 : 2) : 0);
        },
        [combo](TrainingArguments& a) {
            const QVariant v = combo->currentData();
            a.greater_is_better = v.isValid() ? std::optional<bool>(v.toBool()) : std::nullopt;
            return true;
        });
}

void TrainingArgumentsForm::setArguments(const TrainingArguments& args) {
    const QSignalBlocker block(this);
    for (const Field& f : fields_) f.show(args);
    updateStepFields();
}

TrainingArguments TrainingArgumentsForm::arguments(const TrainingArguments& base, QString* problem) const {
    TrainingArguments args = base;
    for (const Field& f : fields_)
        if (!f.read(args) && problem && problem->isEmpty())
            *problem = tr("%1 is not a number: write it as 0.00005 or 5e-5.").arg(f.editor->objectName());
    return args;
}

void TrainingArgumentsForm::setTask(TrainTask task, const std::string& problem_type) {
    task_ = task;
    const QString current = metric_combo_->currentText();
    {
        const QSignalBlocker block(metric_combo_);
        metric_combo_->clear();
        for (const std::string& m : bestMetricChoices(task, problem_type))
            metric_combo_->addItem(QString::fromStdString(m));
        metric_combo_->setCurrentText(current);
    }
    updateVisibility();
    emit changed();
}

void TrainingArgumentsForm::setAdvanced(bool advanced) {
    const QSignalBlocker block(advanced_radio_);
    advanced_radio_->setChecked(advanced);
    basic_radio_->setChecked(!advanced);
    for (size_t i = 1; i < groups_.size(); ++i) groups_[i]->setVisible(advanced);  // the first is Essentials
}

bool TrainingArgumentsForm::isAdvanced() const { return advanced_radio_->isChecked(); }

void TrainingArgumentsForm::updateVisibility() {
    for (const Field& f : fields_) {
        const bool visible = argumentAppliesToTask(f.key, task_);
        f.label->setVisible(visible);
        f.editor->setVisible(visible);
    }
}

void TrainingArgumentsForm::setTrainExamples(int64_t examples) {
    train_examples_ = examples;
    updateStepFields();
}

// Every quarter epoch when the data's size is known, at most Hugging Face's save_steps default
// (500); else that default. Evaluation and saving get the same interval, so that each evaluation
// has its checkpoint to keep as the best.
int TrainingArgumentsForm::suggestedStepInterval() const {
    constexpr int kHuggingFaceSaveSteps = 500;
    if (train_examples_ <= 0) return kHuggingFaceSaveSteps;
    const auto* batch = findChild<QSpinBox*>(QStringLiteral("per_device_train_batch_size"));
    const auto* accumulation = findChild<QSpinBox*>(QStringLiteral("gradient_accumulation_steps"));
    const int64_t per_step = int64_t(std::max(1, batch->value())) * std::max(1, accumulation->value());
    const int64_t steps_per_epoch = (train_examples_ + per_step - 1) / per_step;
    return static_cast<int>(std::clamp<int64_t>((steps_per_epoch + 3) / 4, 1, kHuggingFaceSaveSteps));
}

// eval_steps and save_steps mean something only with the "steps" strategies; a strategy switched
// to "steps" with no interval yet gets a suggested one instead of an error.
void TrainingArgumentsForm::updateStepFields() {
    for (const auto& [strategy_key, steps_key] : {std::pair{"evaluation_strategy", "eval_steps"},
                                                  std::pair{"save_strategy", "save_steps"}}) {
        const auto* strategy = findChild<QComboBox*>(QString::fromLatin1(strategy_key));
        auto* steps = findChild<QSpinBox*>(QString::fromLatin1(steps_key));
        if (!strategy || !steps) return;  // still building
        const bool by_steps = strategy->currentText() == QLatin1String("steps");
        steps->setEnabled(by_steps);
        if (by_steps && steps->value() <= 0) steps->setValue(suggestedStepInterval());
    }
}

}  // namespace bw::gui
