#include "widgets/shared/run_status_text.h"

#include <QCoreApplication>

namespace bw::gui {
namespace {
struct RunStatusText {
    Q_DECLARE_TR_FUNCTIONS(RunStatusText)
};
}  // namespace

QColor runStatusColor(store::RunStatus status) {
    switch (status) {
    case store::RunStatus::Running: return QColor(0x1565C0);
    case store::RunStatus::Completed: return QColor(0x2E7D32);
    case store::RunStatus::Failed: return QColor(0xC62828);
    case store::RunStatus::Interrupted:
    case store::RunStatus::Stopped: return QColor(0xEF6C00);
    case store::RunStatus::Queued: break;
    }
    return QColor(0x616161);
}

QString runStatusTitle(store::RunStatus status) {
    switch (status) {
    case store::RunStatus::Queued: return RunStatusText::tr("queued");
    case store::RunStatus::Running: return RunStatusText::tr("running");
    case store::RunStatus::Completed: return RunStatusText::tr("completed");
    case store::RunStatus::Failed: return RunStatusText::tr("failed");
    case store::RunStatus::Stopped: return RunStatusText::tr("stopped");
    case store::RunStatus::Interrupted: return RunStatusText::tr("interrupted");
    }
    return {};
}

}  // namespace bw::gui
