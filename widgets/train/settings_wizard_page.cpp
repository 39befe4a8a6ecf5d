#include "widgets/train/settings_wizard_page.h"

#include "widgets/shared/file_dialog.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/setup_checks.h"
#include "widgets/train/training_arguments_form.h"
#include "widgets/train/wizard_state.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bw::gui {

SettingsWizardPage::SettingsWizardPage(std::shared_ptr<WizardState> state, QWidget* parent)
    : QWizardPage(parent), state_(std::move(state)) {
    setObjectName(QStringLiteral("settingsPage"));
    setTitle(tr("Training settings"));
    setSubTitle(tr("Hugging Face's TrainingArguments, by its names. A few defaults differ from its own (the review "
                   "shows them in bold). Basic shows what most runs change."));
    buildLayout();
}

void SettingsWizardPage::buildLayout() {
    form_ = new TrainingArgumentsForm;
    run_name_edit_ = new QLineEdit;
    run_name_edit_->setObjectName("runNameEdit");
    output_dir_edit_ = new QLineEdit;
    output_dir_edit_->setObjectName("outputDirEdit");
    output_dir_browse_ = new QPushButton(tr("Browse…"));
    auto* output_row = new QHBoxLayout;
    output_row->addWidget(output_dir_edit_, 1);
    output_row->addWidget(output_dir_browse_);
    auto* run_form = new QFormLayout;
    run_form->addRow(tr("Run name:"), run_name_edit_);
    run_form->addRow(tr("Output folder:"), output_row);
    problem_ = new ProblemLabel;

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(run_form);
    layout->addWidget(form_, 1);
    layout->addWidget(problem_);

    connect(form_, &TrainingArgumentsForm::changed, this, &SettingsWizardPage::fieldsChanged);
    connect(run_name_edit_, &QLineEdit::textEdited, this, [this] { name_edited_ = true; });
    connect(output_dir_edit_, &QLineEdit::textEdited, this, [this] { folder_edited_ = true; });
    connect(run_name_edit_, &QLineEdit::textChanged, this, &SettingsWizardPage::fieldsChanged);
    connect(output_dir_edit_, &QLineEdit::textChanged, this, &SettingsWizardPage::fieldsChanged);
    connect(output_dir_browse_, &QPushButton::clicked, this, [this] {
        const QString dir = FileDialog::getExistingDirectory(this, tr("Output folder"), output_dir_edit_->text());
        if (dir.isEmpty()) return;
        folder_edited_ = true;
        output_dir_edit_->setText(dir);
    });
}

void SettingsWizardPage::initializePage() {
    const TrainingSetup& s = state_->setup;
    // setTask re-reads the form into the setup: keep what it says.
    const train::TrainingArguments args = s.args;
    const auto dataset = state_->chosenDataset();
    // The same label count the setup check uses (setup_checks.cpp), so the list offers no metric it refuses.
    form_->setTask(s.task, s.problem_type, dataset ? dataset->label_set.size() : 0);
    // A classifier's or tagger's steps per epoch follow from its rows; a language model's
    // sequences are packed from the text, so its step interval stays Hugging Face's default.
    int64_t train_rows = 0;
    if (dataset && !s.definition().isLanguageModelling() && s.data_source == DataSource::StoredDataset) {
        const auto train = dataset->row_counts.find("train");
        if (train != dataset->row_counts.end()) train_rows = train->second;
    }
    form_->setTrainExamples(train_rows);
    form_->setArguments(args);
    if (!name_edited_) {
        const QSignalBlocker block(run_name_edit_);
        // The default is a name no run of the workspace has: two runs listed under one name cannot
        // be told apart on the other pages. A carried name stays while the data and task are the ones
        // it was given for ("agnews-classification-2" named no run on another dataset).
        const bool carried_fits = !state_->carried_name.empty() && defaultRunName(s).toStdString() == state_->carried_name_for;
        run_name_edit_->setText(carried_fits ? QString::fromStdString(state_->carried_name)
                                             : freeRunName(defaultRunName(s), state_->run_names));
    }
    fieldsChanged();
}

void SettingsWizardPage::fieldsChanged() {
    TrainingSetup& s = state_->setup;
    form_problem_.clear();
    s.args = form_->arguments(s.args, &form_problem_);
    s.run_name = run_name_edit_->text().trimmed().toStdString();
    if (!folder_edited_) {
        const QSignalBlocker block(output_dir_edit_);
        output_dir_edit_->setText(defaultOutputDir(QString::fromStdString(s.store_path), run_name_edit_->text()));
    }
    s.output_dir = output_dir_edit_->text().trimmed().toStdString();
    problem_->setProblem(problem());
    emit completeChanged();
}

QString SettingsWizardPage::problem() const {
    return form_problem_.isEmpty() ? settingsProblem(state_->setup, state_->chosenDataset()) : form_problem_;
}

bool SettingsWizardPage::isComplete() const { return problem().isEmpty(); }

}  // namespace bw::gui
