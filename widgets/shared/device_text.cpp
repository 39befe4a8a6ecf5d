#include "widgets/shared/device_text.h"

#include <QCoreApplication>
#include <QLocale>

namespace bw::gui {
namespace {

struct DeviceText {
    Q_DECLARE_TR_FUNCTIONS(DeviceText)
};

}  // namespace

QString deviceText(const ComputeDeviceInfo& device) {
    const QString id = QString::fromStdString(device.id);
    if (device.id == "cpu")
        return DeviceText::tr("%1: CPU (%2, %3)")
            .arg(id, DeviceText::tr("%n thread(s)", "", device.cpu_threads), DeviceText::tr("%n core(s)", "", device.cpu_cores));
    const QString name = QString::fromStdString(device.name);  // the hardware's own name
    if (device.memory_bytes <= 0) return DeviceText::tr("%1: %2").arg(id, name);
    return DeviceText::tr("%1: %2, %3 GiB")
        .arg(id, name, QLocale().toString(static_cast<double>(device.memory_bytes) / (1024.0 * 1024.0 * 1024.0), 'f', 1));
}

}  // namespace bw::gui
