#pragma once
// Where the GUI tests' pictures for the docs go. The checks beside each picture always run; only writing
// the PNG files depends on BRIDGELC_SCREENSHOT_DIR, so CI tests everything a picture claims.
#include <QDir>
#include <QImage>
#include <QString>
#include <QtGlobal>

namespace bridgelc::test {

class ScreenshotOutput {
public:
    ScreenshotOutput() : m_dir(qEnvironmentVariable("BRIDGELC_SCREENSHOT_DIR")) {
        if (!m_dir.isEmpty()) QDir().mkpath(m_dir);
    }

    /// True when pictures are written (the docs' run); CI runs the same checks without writing.
    bool writing() const { return !m_dir.isEmpty(); }

    /// Writes `image` as `name` when writing; says in the log where it went or that it was not written.
    /// False only when a file was to be written and could not be, or when the image is empty.
    bool save(const QImage& image, const QString& name) const {
        if (image.isNull()) return false;
        if (!writing()) {
            qInfo("screenshot %s checked, not written (BRIDGELC_SCREENSHOT_DIR unset)", qPrintable(name));
            return true;
        }
        const QString path = QDir(m_dir).filePath(name);
        if (!image.save(path)) return false;
        qInfo("wrote %s", qPrintable(path));
        return true;
    }

private:
    QString m_dir;
};

}  // namespace bridgelc::test
