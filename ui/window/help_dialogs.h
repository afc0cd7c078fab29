#pragma once
#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;
class QTextBrowser;

namespace bridgelc {

/// Help ▸ User guide (F1): the user guide shipped in the resources, rendered from its Markdown with its
/// screenshots (shrunk to the window's width, so the guide never scrolls sideways), with a search field;
/// links to its own sections work, links out open the browser.
class UserGuideDialog : public QDialog {
    Q_OBJECT
public:
    explicit UserGuideDialog(QWidget* parent = nullptr);
    QTextBrowser* browser() const { return m_browser; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitImages();

    QTextBrowser* m_browser;
};

/// Help ▸ Keyboard shortcuts: every action's shortcut (read from the actions, so the list cannot go stale)
/// and the keys of the map and the confusion matrix.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table;
};

}  // namespace bridgelc
