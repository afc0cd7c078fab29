#include "ui/window/raster_prediction_status.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>
#include <cmath>

namespace bridgelc {

namespace {

QString timeLeft(double seconds) {
    if (seconds < 0 || !std::isfinite(seconds)) return QStringLiteral("–");
    const auto s = static_cast<qint64>(std::llround(seconds));
    if (s >= 3600) return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
    if (s >= 60) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return QStringLiteral("%1 s").arg(s);
}

}  // namespace

RasterPredictionStatus::RasterPredictionStatus(QWidget* parent)
    : QWidget(parent),
      m_text(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QToolButton(this)) {
    m_progress->setMaximumWidth(140);
    m_progress->setMaximumHeight(14);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(
        tr("Stop predicting the raster; predicting the same stack into the same file again "
           "resumes where it stopped"));
    m_text->setToolTip(tr("Raster prediction: pixels predicted per second and the time left"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &RasterPredictionStatus::cancelRequested);
    hide();
}

void RasterPredictionStatus::start(const QString& name) {
    m_name = name;
    m_progress->setRange(0, 0);  // busy until the first block is done
    m_text->setText(tr("Raster %1: opening").arg(m_name));
    m_cancel->setEnabled(true);
    show();
}

void RasterPredictionStatus::showProgress(const RasterJobProgress::Snapshot& p) {
    if (p.total <= 0) return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(
        static_cast<int>(1000.0 * static_cast<double>(p.done) / static_cast<double>(p.total)));
    const QLocale locale;
    if (p.phase == RasterJobProgress::Phase::Writing) {
        m_text->setText(tr("Raster %1: writing the GeoTIFF").arg(m_name));
        return;
    }
    const double percent = 100.0 * static_cast<double>(p.done) / static_cast<double>(p.total);
    m_text->setText(
        tr("Raster %1: %2 % · %3 pixels/s · %4 left")
            .arg(m_name)
            .arg(percent, 0, 'f', 0)
            .arg(p.pixelsPerSecond > 0 ? locale.toString(p.pixelsPerSecond, 'f', 0) : QStringLiteral("–"))
            .arg(timeLeft(p.etaSeconds)));
}

void RasterPredictionStatus::stop() {
    hide();
}

QString RasterPredictionStatus::text() const {
    return m_text->text();
}

}  // namespace bridgelc
