#include "widgets/shared/run_label.h"

namespace bw::gui {

QString runLabel(const store::RunRecord& run) {
    return QStringLiteral("#%1 %2").arg(run.id).arg(QString::fromStdString(run.name));
}

}  // namespace bw::gui
