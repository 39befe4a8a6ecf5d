#include "widgets/shared/dataset_kind_text.h"

#include "core/train/task_catalogue.h"

#include <QCoreApplication>

namespace bw::gui {
namespace {

struct DatasetKindText {
    Q_DECLARE_TR_FUNCTIONS(DatasetKindText)
};

}  // namespace

QString datasetKindTitle(const store::DatasetRecord& dataset) {
    const std::string& kind = dataset.task_kind;
    if (kind == "sequence")
        return train::hasTextPairs(dataset) ? DatasetKindText::tr("labelled sentence pairs")
                                            : DatasetKindText::tr("labelled sentences");
    if (kind == "token") return DatasetKindText::tr("tagged words");
    if (kind == "corpus") return DatasetKindText::tr("plain text");
    return QString::fromStdString(kind);
}

}  // namespace bw::gui
