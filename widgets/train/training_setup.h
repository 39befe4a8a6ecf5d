#pragma once
// What the fine-tune wizard's fields say, as plain data, and how it becomes the engine's
// TrainingRequest. Kept free of widgets so that the mapping is tested on its own and the wizard's
// pages only read and write fields of a TrainingSetup.
#include "core/store/store_records.h"
#include "core/train/task_catalogue.h"
#include "core/train/training_job.h"

#include <QMetaType>
#include <QString>

#include <string>
#include <vector>

namespace bw::gui {

enum class BaseModelKind {
    Bundled,    // the model shipped in resources/models (core/train/quickstart.h)
    Directory,  // a Hugging Face model directory on disk
    Scratch,    // a fresh config of a named size, with a vocab.txt: pretraining from scratch
};

enum class DataSource { StoredDataset, CorpusFile };

struct TrainingSetup {
    std::string store_path;
    BaseModelKind model_kind = BaseModelKind::Bundled;
    std::string model_dir;              // Bundled and Directory
    std::string scratch_size = "tiny";  // Scratch: tiny | mini | small | medium | base
    std::string vocab;                  // Scratch: vocab.txt
    std::string task = "text-classification";  // the id of a task in core/train/task_catalogue
    DataSource data_source = DataSource::StoredDataset;
    std::string dataset;       // StoredDataset
    std::string corpus;        // CorpusFile (masked LM and pretraining only)
    std::string problem_type;  // "", multi_label_classification or regression (classification)
    train::TrainingArguments args;
    std::string run_name;
    std::string output_dir;

    const train::TaskDefinition& definition() const { return train::taskDefinition(task); }
};

inline const std::vector<std::string> kScratchSizes = {"tiny", "mini", "small", "medium", "base"};

// For a run's stored (engine) task name: masked LM or pretraining.
bool isLanguageModellingTask(const std::string& engine_task);

train::TrainingRequest toTrainingRequest(const TrainingSetup& setup);
// The other way, for training a stored run again with changes ("Clone"): its model, task, data and
// settings, under the same name (see freeRunName), with no output folder (the settings page picks
// a new one). A model in `bundled_dir` is the bundled model; the task is the catalogue's for the
// run's engine task, problem type and dataset (a pair dataset makes "sentence pairs"). The wizard names sizes only: a config file given to the CLI's
// --init-config comes back as the tiny size.
TrainingSetup setupFromRequest(const train::TrainingRequest& request, const std::vector<store::DatasetRecord>& datasets,
                               const QString& bundled_dir);
// The name, or the first of name-2, name-3, ... that no run in `taken` has.
// Whether `dir` is the bundled model's folder, however it is written (relative, through a link).
bool isBundledModel(const QString& dir, const QString& bundled_dir);

QString freeRunName(const QString& name, const std::vector<std::string>& taken);

// A short default run name: "sst2-classification".
QString defaultRunName(const TrainingSetup& setup);
// A folder next to the store file for the run's checkpoints, one that does not exist yet:
// <store folder>/runs/<run name>[-2, -3, ...].
QString defaultOutputDir(const QString& store_path, const QString& run_name);

}  // namespace bw::gui

Q_DECLARE_METATYPE(bw::gui::TrainingSetup)  // a page's state across a language switch (TrainPage)
