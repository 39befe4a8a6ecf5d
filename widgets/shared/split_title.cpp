#include "widgets/shared/split_title.h"

#include <QCoreApplication>

namespace bw::gui {
namespace {

struct SplitTitle {
    Q_DECLARE_TR_FUNCTIONS(SplitTitle)
};

}  // namespace

QString splitTitle(const std::string& split) {
    if (split == "train") return SplitTitle::tr("train");
    if (split == "validation") return SplitTitle::tr("validation");
    if (split == "test") return SplitTitle::tr("test");
    return QString::fromStdString(split);
}

}  // namespace bw::gui
