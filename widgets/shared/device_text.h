#pragma once
// A compute device in the window's language: "cpu: CPU (2 threads, 2 cores)", "cuda:0: NVIDIA H200,
// 139.8 GiB". core's ComputeDeviceInfo::describe() says the same in English for the CLI; the status bar
// and the wizard once showed that English in Chinese.
#include "core/runtime/compute_device.h"

#include <QString>

namespace bw::gui {

QString deviceText(const ComputeDeviceInfo& device);

}  // namespace bw::gui
