#pragma once
// What the fine-tune wizard's pages share: the setup they fill in, what was learned about the base
// model, and the workspace's datasets. Each page reads it when shown and writes its own fields.
#include "core/store/store_records.h"
#include "widgets/train/model_inspection.h"
#include "widgets/train/training_setup.h"

#include <optional>
#include <string>
#include <vector>

namespace bw::gui {

struct WizardState {
    TrainingSetup setup;
    ModelFacts model;
    std::vector<store::DatasetRecord> datasets;  // the workspace store's, read when the wizard opens
    std::vector<std::string> run_names;          // the same: a new run's name is none of these
    // The name the wizard opened with (a clone's, the last run's), and the default name of the data
    // and task it was given for: it is offered for those, the default for others.
    std::string carried_name;
    std::string carried_name_for;
    // Whether the task is the user's: picked on the task page, or carried by a run the wizard opened
    // on. Until then it follows the model: masked LM for a model from scratch, classification else.
    bool task_chosen = false;

    // The stored dataset the setup names, if the store has it.
    std::optional<store::DatasetRecord> chosenDataset() const {
        for (const store::DatasetRecord& d : datasets)
            if (d.name == setup.dataset) return d;
        return std::nullopt;
    }
};

}  // namespace bw::gui
