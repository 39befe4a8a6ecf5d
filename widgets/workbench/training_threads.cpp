#include "widgets/workbench/training_threads.h"

#include "core/runtime/compute_setup.h"

#include <QSettings>

namespace bw::gui {
namespace {
const char* const kKey = "compute/adaptiveThreads";
}

bool adaptiveThreadsSetting() { return QSettings().value(kKey, false).toBool(); }

void setAdaptiveThreadsSetting(bool on) {
    if (on)
        QSettings().setValue(kKey, true);
    else
        QSettings().remove(kKey);
    applyAdaptiveThreadsSetting();
}

void applyAdaptiveThreadsSetting() { configureCompute(ThreadSetting{0, adaptiveThreadsSetting()}); }

}  // namespace bw::gui
