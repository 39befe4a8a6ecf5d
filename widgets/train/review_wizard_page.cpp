#include "widgets/train/review_wizard_page.h"

#include "widgets/shared/background_task.h"
#include "widgets/shared/duration_text.h"
#include "widgets/train/data_notes_text.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/wizard_state.h"

#include "core/train/training_settings.h"
#include "widgets/shared/error_text.h"

#include <QCoreApplication>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace bw::gui {
namespace {

// Steps the engine times (after one warm-up step) to extrapolate an epoch.
constexpr int kTimedSteps = 3;

// A setting's value as people read it: "not set" rather than JSON's null or "".
QString valueText(const std::string& key, const nlohmann::json& value) {
    if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) {
        if (key == "data_seed") return ReviewWizardPage::tr("not set: the seed");
        if (key == "metric_for_best_model") return ReviewWizardPage::tr("not set: the evaluation loss");
        if (key == "greater_is_better") return ReviewWizardPage::tr("not set: from the metric");
        return ReviewWizardPage::tr("not set");
    }
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

QString modelText(const TrainingSetup& s) {
    switch (s.model_kind) {
        case BaseModelKind::Bundled:
            return ReviewWizardPage::tr("the bundled model (%1)").arg(QString::fromStdString(s.model_dir));
        case BaseModelKind::Directory: return QString::fromStdString(s.model_dir);
        case BaseModelKind::Scratch:
            return ReviewWizardPage::tr("new %1 model, vocabulary %2")
                .arg(QString::fromStdString(s.scratch_size), QString::fromStdString(s.vocab));
    }
    return {};
}

}  // namespace

ReviewWizardPage::ReviewWizardPage(std::shared_ptr<WizardState> state, QWidget* parent)
    : QWizardPage(parent), state_(std::move(state)), task_(new BackgroundTask(this)) {
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review"));
    setSubTitle(tr("The whole configuration, and the run's duration measured on a few real training steps."));
    buildLayout();
}

void ReviewWizardPage::buildLayout() {
    configuration_ = new QTreeWidget;
    configuration_->setObjectName("configurationTree");
    configuration_->setColumnCount(2);
    configuration_->setHeaderLabels({tr("Setting"), tr("Value")});
    configuration_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    configuration_->setAlternatingRowColors(true);
    configuration_->setFocusPolicy(Qt::NoFocus);  // read only: no focus frame on the first row
    busy_ = new QProgressBar;
    busy_->setRange(0, 0);
    busy_->setTextVisible(false);
    busy_->setMaximumHeight(fontMetrics().height() / 2);
    estimate_label_ = new QLabel;
    estimate_label_->setObjectName("estimateLabel");
    estimate_label_->setWordWrap(true);
    estimate_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    data_notes_label_ = new QLabel;
    data_notes_label_->setObjectName("dataNotesLabel");
    data_notes_label_->setWordWrap(true);
    data_notes_label_->setTextFormat(Qt::RichText);
    data_notes_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    data_notes_label_->setVisible(false);
    problem_ = new ProblemLabel;

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(configuration_, 1);
    layout->addWidget(busy_);
    layout->addWidget(estimate_label_);
    layout->addWidget(data_notes_label_);
    layout->addWidget(problem_);
}

void ReviewWizardPage::initializePage() {
    showConfiguration();
    startEstimate();
}

bool ReviewWizardPage::isEstimating() const { return task_->isRunning(); }

bool ReviewWizardPage::isComplete() const { return !isEstimating() && estimate_.has_value(); }

void ReviewWizardPage::showConfiguration() {
    const TrainingSetup& s = state_->setup;
    configuration_->clear();
    const auto section = [this](const QString& title) {
        auto* item = new QTreeWidgetItem(configuration_, {title});
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setFirstColumnSpanned(true);
        item->setExpanded(true);
        return item;
    };
    const auto add = [](QTreeWidgetItem* parent, const QString& name, const QString& value) {
        auto* item = new QTreeWidgetItem(parent, {name, value});
        item->setToolTip(1, value);
        return item;
    };
    const train::TrainingRequest request = toTrainingRequest(s);
    QTreeWidgetItem* run = section(tr("Run"));
    add(run, tr("Name"), QString::fromStdString(request.run_name));
    add(run, tr("Output folder"), QString::fromStdString(s.output_dir));
    add(run, tr("Workspace"), QString::fromStdString(s.store_path));
    QTreeWidgetItem* model = section(tr("Model and data"));
    add(model, tr("Base model"), modelText(s));
    // The wizard's name for the task, then the engine's (Hugging Face's head), which a pair task shares.
    add(model, tr("Task"),
        QStringLiteral("%1 (%2)").arg(QCoreApplication::translate("TaskCatalogue", s.definition().title.c_str()),
                                      QString::fromStdString(request.task)));
    if (!request.problem_type.empty()) add(model, tr("Problem type"), QString::fromStdString(request.problem_type));
    add(model, request.corpus ? tr("Corpus") : tr("Dataset"),
        QString::fromStdString(request.corpus ? request.corpus->string() : request.dataset.value_or("")));

    // The arguments that apply to this task under their Hugging Face names; in bold, the ones a
    // Python run would have to set (they differ from Hugging Face's defaults).
    QTreeWidgetItem* arguments = section(tr("TrainingArguments (in bold: different from Hugging Face's defaults)"));
    const nlohmann::json chosen = s.args.toJson();
    for (const auto& [key, value] : chosen.items()) {
        const train::TrainingSetting& setting = *train::findTrainingSetting(key);
        if (!setting.appliesTo(request.task) || !setting.inEffect(s.args)) continue;
        QTreeWidgetItem* item = add(arguments, QString::fromStdString(key), valueText(key, value));
        const nlohmann::json default_value = setting.huggingFaceDefault();
        if (default_value == value) continue;
        QFont bold = item->font(1);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setFont(1, bold);
        item->setToolTip(1, tr("Hugging Face's default: %1").arg(valueText(key, default_value)));
    }
}

void ReviewWizardPage::startEstimate() {
    if (task_->isRunning()) {
        pending_ = true;  // estimated again once the running one ends
        return;
    }
    estimate_.reset();
    data_notes_label_->setVisible(false);
    busy_->setVisible(true);
    problem_->setProblem({});
    estimate_label_->setText(tr("Timing %n training step(s) on this model and data…", "", kTimedSteps));
    emit completeChanged();
    const train::TrainingRequest request = toTrainingRequest(state_->setup);
    auto result = std::make_shared<std::optional<train::TrainingEstimate>>();
    auto error = std::make_shared<QString>();
    task_->start(
        [request, result, error] {
            try {
                *result = train::estimateTraining(request, kTimedSteps);
            } catch (const std::exception& e) {
                *error = errorText(e);
            }
        },
        [this, result, error] {
            if (pending_) {
                pending_ = false;
                startEstimate();
                return;
            }
            estimate_ = *result;
            showEstimate(*error);
        });
}

void ReviewWizardPage::showEstimate(const QString& error) {
    busy_->setVisible(false);
    problem_->setProblem(error.isEmpty() ? QString() : tr("The engine refuses this run: %1").arg(error));
    if (!estimate_) {
        estimate_label_->clear();
    } else {
        const train::TrainingEstimate& e = *estimate_;
        const QLocale locale;
        QStringList labels;
        for (const std::string& label : e.label_names) labels << QString::fromStdString(label);
        QString text =
            tr("<b>About %1 for the run</b>: %2 steps (%3, %4 per epoch at %5 sequences/s)")
                .arg(durationText(e.total_seconds), locale.toString(static_cast<qlonglong>(e.total_steps)),
                     durationText(e.seconds_per_step * static_cast<double>(e.total_steps)),
                     durationText(e.seconds_per_epoch), locale.toString(e.sequences_per_second, 'f', 1));
        if (e.evaluations > 0)
            // The count includes the trainer's evaluation of the model it keeps: say so, or "5" for
            // "every 15 of 60 steps" reads as a mistake.
            text += tr(", %n evaluation(s) (%1, counting a last one of the model kept at the end)", "",
                       static_cast<int>(e.evaluations))
                        .arg(durationText(e.seconds_per_evaluation * static_cast<double>(e.evaluations)));
        if (e.saves > 0)
            text += tr(", up to %n checkpoint(s) (%1)", "", static_cast<int>(e.saves))
                        .arg(durationText(e.seconds_per_save * static_cast<double>(e.saves)));
        text += tr(" and %1 to load the data and the model.").arg(durationText(e.setup_seconds));
        text += QStringLiteral("<br>") + tr("%1 parameters · %2")
                                             .arg(locale.toString(static_cast<qlonglong>(e.parameters)),
                                                  QString::fromStdString(e.data_description).toHtmlEscaped());
        if (!labels.isEmpty())
            text += QStringLiteral(" · ") + tr("labels: %1").arg(labels.join(QStringLiteral(", ")).toHtmlEscaped());
        estimate_label_->setText(text);
        const QString notes = dataNotesText(e.data_notes);
        data_notes_label_->setText(notes);
        data_notes_label_->setVisible(!notes.isEmpty());
    }
    emit completeChanged();
}

}  // namespace bw::gui
