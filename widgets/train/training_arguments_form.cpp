#include "widgets/train/training_arguments_form.h"

#include "core/runtime/compute_device.h"
#include "widgets/shared/device_text.h"
#include "widgets/shared/metric_meaning.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
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
#include <cmath>
#include <map>
#include <utility>

namespace bw::gui {
namespace {

using train::SettingGroup;
using train::SettingType;
using train::TrainingArguments;
using train::TrainingSetting;

// Numbers are written and read the C way ("5e-05"), as in Python and the CLI, in every language.
QString scientific(double value) { return QLocale::c().toString(value, 'g', 6); }

// The settings' texts live in core, marked for Qt Linguist under this form's context.
QString translated(const char* text) { return QCoreApplication::translate("bw::gui::TrainingArgumentsForm", text); }

// A setting's value as its tooltip writes it: "not set" rather than JSON's null or "".
QString valueText(const nlohmann::json& value) {
    if (value.is_null() || value == "") return TrainingArgumentsForm::tr("not set");
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

// The help, then what a run in Python would start from.
QString toolTipOf(const TrainingSetting& s) {
    const QString name = QString::fromStdString(s.name);
    const QString origin =
        s.in_hugging_face
            ? TrainingArgumentsForm::tr("Hugging Face's default: %1").arg(valueText(s.huggingFaceDefault()))
            : TrainingArgumentsForm::tr("Bertwork's own: Hugging Face's TrainingArguments has no %1.").arg(name);
    return QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
        .arg(name, translated(s.help).toHtmlEscaped(), origin.toHtmlEscaped());
}

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

    // Every setting in its group box on a grid; Basic shows the first group only.
    fields_widget_ = new QWidget;
    auto* grid = new QGridLayout(fields_widget_);
    grid->setContentsMargins(0, 0, 0, 0);
    const std::map<SettingGroup, QFormLayout*> forms = {
        {SettingGroup::Essentials, addGroup(SettingGroup::Essentials, 0, 0)},
        {SettingGroup::Schedule, addGroup(SettingGroup::Schedule, 1, 0)},
        {SettingGroup::Optimizer, addGroup(SettingGroup::Optimizer, 2, 0)},
        {SettingGroup::Evaluation, addGroup(SettingGroup::Evaluation, 0, 1, 2)},
        {SettingGroup::BatchesAndLoss, addGroup(SettingGroup::BatchesAndLoss, 2, 1)},
        {SettingGroup::Hardware, addGroup(SettingGroup::Hardware, 3, 0)},
    };
    for (const TrainingSetting& s : train::trainingSettings())
        if (s.group != SettingGroup::None) addSetting(forms.at(s.group), s);
    grid->setRowStretch(4, 1);
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

QFormLayout* TrainingArgumentsForm::addGroup(SettingGroup group, int row, int column, int row_span) {
    auto* box = new QGroupBox(translated(train::settingGroupTitle(group)));
    auto* form = new QFormLayout(box);
    static_cast<QGridLayout*>(fields_widget_->layout())->addWidget(box, row, column, row_span, 1, Qt::AlignTop);
    groups_.push_back(box);
    return form;
}

void TrainingArgumentsForm::addSetting(QFormLayout* form, const TrainingSetting& s) {
    switch (s.type()) {
        case SettingType::Real: return s.scientific ? addScientific(form, s) : addDecimal(form, s);
        case SettingType::Integer:
        case SettingType::Unsigned: return addInteger(form, s);
        case SettingType::Switch: return addSwitch(form, s);
        case SettingType::Text:
            if (s.lists_devices) return addDevice(form, s);
            if (s.is_duration) return addDuration(form, s);
            return s.choices.empty() ? addBestMetric(form, s) : addChoice(form, s);
        case SettingType::OptionalSwitch: return addOptionalSwitch(form, s);
        case SettingType::OptionalUnsigned: break;  // no editor: data_seed stays off the form (SettingGroup::None)
    }
}

void TrainingArgumentsForm::add(QFormLayout* form, const TrainingSetting& s, QWidget* editor,
                                std::function<void(const TrainingArguments&)> show,
                                std::function<bool(TrainingArguments&)> read) {
    // The friendly name, and under it, smaller and greyed, the Hugging Face key users know from Python.
    const QColor text = palette().color(QPalette::WindowText), window = palette().color(QPalette::Window);
    const QColor grey((text.red() + window.red()) / 2, (text.green() + window.green()) / 2,
                      (text.blue() + window.blue()) / 2);
    const QString key = QString::fromStdString(s.name);
    auto* label = new QLabel(QStringLiteral("%1<br><small style='color:%2'>%3</small>")
                                 .arg(translated(s.title).toHtmlEscaped(), grey.name(), key));
    label->setToolTip(toolTipOf(s));
    editor->setObjectName(key);
    // Numbers and names: a wide field only looks empty. The device list says its devices whole
    // ("auto (here: cpu: CPU (2 threads, 2 cores))" was cut at 260 pixels).
    if (!s.lists_devices) editor->setMaximumWidth(260);
    editor->setToolTip(toolTipOf(s));
    label->setBuddy(editor);
    form->addRow(label, editor);
    fields_.push_back({label, editor, &s, std::move(show), std::move(read)});
}

// The spin box's range is the setting's (its ends included: the check on the page explains a
// refused end); a setting with an "off" text starts at the value that text stands for.
void TrainingArgumentsForm::addInteger(QFormLayout* form, const TrainingSetting& s) {
    auto* spin = new QSpinBox;
    const double min = s.off_text ? s.off_value : s.min ? s.min->value : 0;
    spin->setRange(static_cast<int>(min), s.max ? static_cast<int>(s.max->value) : INT_MAX);
    if (s.off_text) spin->setSpecialValueText(translated(s.off_text));
    spin->setMinimumWidth(140);
    spin->setKeyboardTracking(false);  // see addDecimal
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, &TrainingArgumentsForm::changed);
    add(
        form, s, spin,
        [spin, &s](const TrainingArguments& a) {
            spin->setValue(static_cast<int>(std::min<long double>(s.get(a).get<long double>(), INT_MAX)));
        },
        [spin, &s](TrainingArguments& a) {
            s.set(a, spin->value());
            return true;
        });
}

void TrainingArgumentsForm::addDecimal(QFormLayout* form, const TrainingSetting& s) {
    auto* spin = new QDoubleSpinBox;
    spin->setDecimals(s.decimals);
    spin->setRange(s.off_text ? s.off_value : s.min ? s.min->value : 0, s.max ? s.max->value : s.largest.value_or(1e9));
    spin->setSingleStep(s.step);
    if (s.off_text) spin->setSpecialValueText(translated(s.off_text));
    spin->setMinimumWidth(140);
    // A value counts once typed (Enter, Tab, the arrows, a click elsewhere), not at each key: a
    // partial one ("0" of "0.25") can turn Next off, and QWizard then hides and shows the page,
    // which rewrote the field being typed as "0.000".
    spin->setKeyboardTracking(false);
    connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &TrainingArgumentsForm::changed);
    add(
        form, s, spin, [spin, &s](const TrainingArguments& a) { spin->setValue(s.get(a).get<double>()); },
        [spin, &s](TrainingArguments& a) {
            // The decimal shown: the arrows add steps in binary (0.2 + 0.05 is 0.25000000000000006).
            const double scale = std::pow(10.0, spin->decimals());
            s.set(a, std::round(spin->value() * scale) / scale);
            return true;
        });
}

void TrainingArgumentsForm::addScientific(QFormLayout* form, const TrainingSetting& s) {
    auto* edit = new QLineEdit;
    edit->setMinimumWidth(140);
    connect(edit, &QLineEdit::textChanged, this, &TrainingArgumentsForm::changed);
    add(
        form, s, edit, [edit, &s](const TrainingArguments& a) { edit->setText(scientific(s.get(a).get<double>())); },
        [edit, &s](TrainingArguments& a) {
            bool ok = false;
            const double value = QLocale::c().toDouble(edit->text().trimmed(), &ok);
            if (ok) s.set(a, value);
            return ok;
        });
}

void TrainingArgumentsForm::addChoice(QFormLayout* form, const TrainingSetting& s) {
    auto* combo = new QComboBox;
    for (const std::string& v : s.choices) combo->addItem(QString::fromStdString(v));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        updateStepFields();
        emit changed();
    });
    add(
        form, s, combo,
        [combo, &s](const TrainingArguments& a) {
            combo->setCurrentText(QString::fromStdString(s.get(a).get<std::string>()));
        },
        [combo, &s](TrainingArguments& a) {
            s.set(a, combo->currentText().toStdString());
            return true;
        });
}

// This machine's devices with their names and memory ("cuda:0: NVIDIA H200, 139.8 GiB"); auto says
// which one it picks here. A device from elsewhere (a cloned run) is kept, marked as missing.
void TrainingArgumentsForm::addDevice(QFormLayout* form, const TrainingSetting& s) {
    auto* combo = new QComboBox;
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // "auto (here: cpu: CPU (2 threads, 2 cores))" whole
    const ComputeDeviceInfo automatic = computeDeviceInfo(resolveComputeDevice("auto"));
    combo->addItem(tr("auto (here: %1)").arg(deviceText(automatic)), QStringLiteral("auto"));
    for (const ComputeDeviceInfo& device : availableComputeDevices())
        combo->addItem(deviceText(device), QString::fromStdString(device.id));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingArgumentsForm::changed);
    add(
        form, s, combo,
        [combo, &s](const TrainingArguments& a) {
            const QString value = QString::fromStdString(s.get(a).get<std::string>());
            int index = combo->findData(value);
            if (index < 0) {
                combo->addItem(tr("%1 (not on this machine)").arg(value), value);
                index = combo->count() - 1;
            }
            combo->setCurrentIndex(index);
        },
        [combo, &s](TrainingArguments& a) {
            s.set(a, combo->currentData().toString().toStdString());
            return true;
        });
}

void TrainingArgumentsForm::addSwitch(QFormLayout* form, const TrainingSetting& s) {
    auto* check = new QCheckBox;
    connect(check, &QCheckBox::toggled, this, &TrainingArgumentsForm::changed);
    add(
        form, s, check, [check, &s](const TrainingArguments& a) { check->setChecked(s.get(a).get<bool>()); },
        [check, &s](TrainingArguments& a) {
            s.set(a, check->isChecked());
            return true;
        });
}

// Unset, true or false: the setting's texts for each.
void TrainingArgumentsForm::addOptionalSwitch(QFormLayout* form, const TrainingSetting& s) {
    auto* combo = new QComboBox;
    combo->addItem(translated(s.off_text));
    combo->addItem(translated(s.true_text), true);
    combo->addItem(translated(s.false_text), false);
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingArgumentsForm::changed);
    add(
        form, s, combo,
        [combo, &s](const TrainingArguments& a) {
            const nlohmann::json value = s.get(a);
            combo->setCurrentIndex(value.is_null() ? 0 : value.get<bool>() ? 1 : 2);
        },
        [combo, &s](TrainingArguments& a) {
            const QVariant v = combo->currentData();
            s.set(a, v.isValid() ? nlohmann::json(v.toBool()) : nlohmann::json(nullptr));
            return true;
        });
}

// A time span as the CLI takes it ("45m", "8h", "1h30m"); empty is off. The page's check names a
// span it cannot read.
void TrainingArgumentsForm::addDuration(QFormLayout* form, const TrainingSetting& s) {
    auto* edit = new QLineEdit;
    edit->setMinimumWidth(140);
    edit->setPlaceholderText(tr("off (e.g. 45m, 8h)"));
    connect(edit, &QLineEdit::textChanged, this, &TrainingArgumentsForm::changed);
    add(
        form, s, edit,
        [edit, &s](const TrainingArguments& a) { edit->setText(QString::fromStdString(s.get(a).get<std::string>())); },
        [edit, &s](TrainingArguments& a) {
            s.set(a, edit->text().trimmed().toStdString());
            return true;
        });
}

// A setting of free text names a metric: the task's metrics are offered, and any name is taken
// (Hugging Face configs often say "eval_f1"; the check on the page names the valid ones).
void TrainingArgumentsForm::addBestMetric(QFormLayout* form, const TrainingSetting& s) {
    metric_combo_ = new QComboBox;
    metric_combo_->setEditable(true);
    metric_combo_->setMinimumWidth(160);
    connect(metric_combo_, &QComboBox::currentTextChanged, this, &TrainingArgumentsForm::changed);
    add(
        form, s, metric_combo_,
        [this, &s](const TrainingArguments& a) {
            const std::string metric = s.get(a).get<std::string>();
            metric_combo_->setCurrentText(QString::fromStdString(metric.empty() ? "loss" : metric));
        },
        [this, &s](TrainingArguments& a) {
            const QString metric = metric_combo_->currentText().trimmed();
            s.set(a, metric == QLatin1String("loss") ? std::string() : metric.toStdString());  // "" means loss
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

void TrainingArgumentsForm::setTask(const std::string& task_id, const std::string& problem_type, size_t labels) {
    task_ = &train::taskDefinition(task_id);
    const QString current = metric_combo_->currentText();
    {
        const QSignalBlocker block(metric_combo_);
        metric_combo_->clear();
        for (const std::string& m : train::reportedMetricNames(task_->head, problem_type, labels)) {
            const QString name = QString::fromStdString(m);
            metric_combo_->addItem(name);
            metric_combo_->setItemData(metric_combo_->count() - 1,
                                       metricMeaning(task_->head, QString::fromStdString(problem_type), name), Qt::ToolTipRole);
        }
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
        const bool visible = f.setting->appliesTo(task_->engineTask());
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
    const int hugging_face_interval = train::findTrainingSetting("save_steps")->huggingFaceDefault().get<int>();
    if (train_examples_ <= 0) return hugging_face_interval;
    const auto* batch = findChild<QSpinBox*>(QStringLiteral("per_device_train_batch_size"));
    const auto* accumulation = findChild<QSpinBox*>(QStringLiteral("gradient_accumulation_steps"));
    const int64_t per_step = int64_t(std::max(1, batch->value())) * std::max(1, accumulation->value());
    const int64_t steps_per_epoch = (train_examples_ + per_step - 1) / per_step;
    return static_cast<int>(std::clamp<int64_t>((steps_per_epoch + 3) / 4, 1, hugging_face_interval));
}

// A step interval (eval_steps, save_steps) means something only while its strategy is "steps"; a
// strategy switched to "steps" with no interval yet gets a suggested one instead of an error.
void TrainingArgumentsForm::updateStepFields() {
    for (const Field& f : fields_) {
        const auto& condition = f.setting->only_with;
        auto* steps = qobject_cast<QSpinBox*>(f.editor);
        const auto* strategy = condition ? findChild<QComboBox*>(QString::fromStdString(condition->setting)) : nullptr;
        if (!steps || !strategy) continue;  // not a step interval, or still building
        const bool by_steps = strategy->currentText() == QString::fromStdString(condition->value);
        steps->setEnabled(by_steps);
        if (by_steps && steps->value() <= 0) steps->setValue(suggestedStepInterval());
    }
}

}  // namespace bw::gui
