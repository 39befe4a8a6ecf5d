#pragma once
// Shared by the GUI tests: the golden model folders and settings kept away from the user's own.
#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>

namespace bw::test {

inline QString goldenModel(const char* name) {
    return QStringLiteral(BW_FIXTURES_DIR "/golden/") + QString::fromLatin1(name);
}

// QSettings and QStandardPaths go to a test location (~/.qttest), never the user's configuration.
inline void isolateSettings(const char* test_name) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BertworkTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(test_name));
}

}  // namespace bw::test
