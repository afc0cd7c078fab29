#include "ui/window/help_dialogs.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bridgelc {

UserGuideDialog::UserGuideDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this)) {
    setWindowTitle(tr("BRIDGE-LC Explorer — user guide"));
    m_browser->setOpenExternalLinks(true);
    QFile guide(QStringLiteral(":/docs/user-guide.md"));
    if (guide.open(QIODevice::ReadOnly | QIODevice::Text))
        m_browser->setMarkdown(QString::fromUtf8(guide.readAll()));
    else
        m_browser->setPlainText(tr("The user guide is missing from this build."));
    auto* find = new QLineEdit(this);
    find->setPlaceholderText(tr("Find in the guide (Enter for the next match)"));
    find->setClearButtonEnabled(true);
    connect(find, &QLineEdit::returnPressed, this, [this, find] {
        if (!m_browser->find(find->text())) {  // wrap around to the top
            m_browser->moveCursor(QTextCursor::Start);
            m_browser->find(find->text());
        }
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(find);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(860, 760);
}

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent), m_table(new QTableWidget(0, 2, this)) {
    setWindowTitle(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    const auto addRow = [this](const QString& what, const QString& keys) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(what));
        m_table->setItem(row, 1, new QTableWidgetItem(keys));
    };
    for (const QAction* action : actions) {
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        if (keys.isEmpty()) continue;
        addRow(action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")), keys.join(tr(" or ")));
    }
    addRow(tr("Map: zoom in / out"), tr("+ / −, mouse wheel, double-click"));
    addRow(tr("Map: pan"), tr("Arrow keys, drag"));
    addRow(tr("Map: Europe overview"), tr("Home"));
    addRow(tr("Confusion matrix: move between cells"), tr("Arrow keys"));
    addRow(tr("Confusion matrix: show a cell's points"), tr("Enter"));
    addRow(tr("Tables: copy the selection"),
           QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText));
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(520, 520);
}

}  // namespace bridgelc
