#include "ui/views/result_banner.h"

#include <QLabel>
#include <QVBoxLayout>

namespace bridgelc {

ResultBanner::ResultBanner(QWidget* parent)
    : QFrame(parent), m_whose(new QLabel(this)), m_warningText(new QLabel(this)) {
    setObjectName(QStringLiteral("resultBanner"));
    m_whose->setWordWrap(true);
    m_whose->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_whose->font();
    bold.setBold(true);
    m_whose->setFont(bold);
    m_warningText->setWordWrap(true);
    m_warningText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warningText->setTextFormat(Qt::RichText);
    // Warning colours that read on light and dark palettes alike.
    m_warningText->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff3cd; color: #664d03; border: 1px solid #e0c36a; border-radius: 3px; "
        "padding: 4px 6px; }"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(3);
    layout->addWidget(m_whose);
    layout->addWidget(m_warningText);
    m_warningText->hide();
}

void ResultBanner::setResult(const QString& whose, const QStringList& warnings) {
    m_whose->setText(whose);
    m_whose->setEnabled(true);
    m_warnings = warnings;
    QStringList items;
    for (const QString& warning : warnings)
        items << QStringLiteral("⚠ %1").arg(warning.toHtmlEscaped());
    m_warningText->setText(items.join(QStringLiteral("<br>")));
    m_warningText->setVisible(!warnings.isEmpty());
}

void ResultBanner::clear(const QString& hint) {
    m_whose->setText(hint);
    m_whose->setEnabled(false);
    m_warnings.clear();
    m_warningText->clear();
    m_warningText->hide();
}

QString ResultBanner::whose() const {
    return m_whose->text();
}

}  // namespace bridgelc
