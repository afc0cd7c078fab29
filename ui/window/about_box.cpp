#include "ui/window/about_box.h"

#include <QIcon>
#include <QTextDocument>

#include "core/util/build_info.h"

namespace bridgelc {

AboutBox::AboutBox(QWidget* parent) : QMessageBox(parent) {
    setWindowTitle(tr("About BRIDGE-LC Explorer"));
    setIconPixmap(QIcon(QStringLiteral(":/icons/app.svg")).pixmap(64, 64));
    // Plain text keeps the parentheses, quotes and "(c)" exactly as core wrote them; the first line is the
    // title.
    const QString text = QString::fromStdString(aboutText());
    const qsizetype firstBreak = text.indexOf(QLatin1Char('\n'));
    setTextFormat(Qt::RichText);
    setText(QStringLiteral("<h3>%1</h3>").arg(text.left(firstBreak).toHtmlEscaped()));
    setInformativeText(Qt::convertFromPlainText(text.mid(firstBreak).trimmed(), Qt::WhiteSpaceNormal));
    setStandardButtons(QMessageBox::Ok);
}

void AboutBox::showModal(QWidget* parent) {
    AboutBox box(parent);
    box.exec();
}

}  // namespace bridgelc
