#include "ui/window/help_dialogs.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextFrame>
#include <QTextImageFormat>
#include <QTextTable>
#include <QVBoxLayout>

#include "ui/common/icons.h"

// The guide's screenshots are a resource of this static library; referencing the initialiser keeps them.
static void initUserGuideImages() {
    Q_INIT_RESOURCE(user_guide_images);
}

namespace bridgelc {

namespace {

/// Lets long lines wrap: code blocks are non-breaking by default and tables as wide as their longest cells,
/// either would scroll the guide sideways.
void wrapEveryBlock(QTextDocument* document) {
    for (QTextFrame* frame : document->rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame)) {
            QTextTableFormat format = table->format();
            format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
            table->setFormat(format);
        }
    QTextCursor cursor(document);
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (!block.blockFormat().nonBreakableLines()) continue;
        QTextBlockFormat format = block.blockFormat();
        format.setNonBreakableLines(false);
        cursor.setPosition(block.position());
        cursor.setBlockFormat(format);
    }
}

}  // namespace

void UserGuideDialog::fitImages() {
    // Screenshots shrink to the page's width (never grow), keeping their proportions.
    QTextDocument* document = m_browser->document();
    // The guide is long: leave room for the vertical scroll bar even before it shows, or its arrival would
    // make the page too narrow for the images just fitted.
    const QScrollBar* bar = m_browser->verticalScrollBar();
    const int scrollBar = bar->isVisible() ? 0 : bar->sizeHint().width();
    const double available =
        std::max(120.0, m_browser->viewport()->width() - scrollBar - 2 * document->documentMargin() - 8);
    QTextCursor cursor(document);
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid() || !fragment.charFormat().isImageFormat()) continue;
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            const QVariant resource = document->resource(QTextDocument::ImageResource, QUrl(image.name()));
            QSize natural = resource.value<QImage>().size();
            if (natural.isEmpty()) natural = resource.value<QPixmap>().size();
            if (natural.isEmpty()) continue;
            const double width = std::min<double>(natural.width(), available);
            image.setWidth(width);
            image.setHeight(width * natural.height() / natural.width());
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(image);
        }
    }
}

bool UserGuideDialog::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_browser->viewport() && event->type() == QEvent::Resize) fitImages();
    return QDialog::eventFilter(watched, event);
}

UserGuideDialog::UserGuideDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this)) {
    setWindowTitle(tr("BRIDGE-LC Explorer — user guide"));
    m_browser->setOpenExternalLinks(true);
    productIcon(QStringLiteral("app"));  // makes sure the product's resources (the guide) are registered
    initUserGuideImages();
    m_browser->setSearchPaths({QStringLiteral(":/docs")});  // "screenshots/x.png" as written in the guide
    m_browser->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    QFile guide(QStringLiteral(":/docs/user-guide.md"));
    if (guide.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_browser->setMarkdown(QString::fromUtf8(guide.readAll()));
        wrapEveryBlock(m_browser->document());
    } else {
        m_browser->setPlainText(tr("The user guide is missing from this build."));
    }
    m_browser->viewport()->installEventFilter(this);
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
    addRow(tr("Confusion matrix: zoom in / out / fit"), tr("Ctrl++ / Ctrl+−, Ctrl+wheel; Ctrl+0"));
    addRow(tr("Map legend: scroll a long legend"), tr("Mouse wheel over the legend"));
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
