#pragma once
// The POSIX locks this process holds on a file, as the kernel lists them (/proc/locks, by device and
// inode): what SQLite's locking rests on, and what closing any other descriptor of the file drops.
#include <QFile>
#include <QString>

#include <sys/stat.h>
#include <unistd.h>

namespace bw::test {

// -1 when the file or /proc/locks cannot be read.
inline int locksHeldOn(const QString& path) {
    struct stat st {};
    if (::stat(path.toLocal8Bit().constData(), &st) != 0) return -1;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly)) return -1;
    const QString inode = QStringLiteral(":%1 ").arg(static_cast<qulonglong>(st.st_ino));
    const QString pid = QStringLiteral(" %1 ").arg(::getpid());
    int held = 0;
    for (const QByteArray& line : locks.readAll().split('\n')) {
        const QString text = QString::fromLatin1(line) + QLatin1Char(' ');
        held += text.contains(pid) && text.contains(inode);
    }
    return held;
}

}  // namespace bw::test
