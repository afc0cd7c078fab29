#pragma once
#include <QWidget>
#include <vector>

#include "core/data/problem_groups.h"
#include "core/data/validation_report.h"

class QLabel;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace bridgelc {

/// Every problem found while reading a point file, grouped by kind and column as `bridgelc inspect` groups
/// them (core/data/problem_groups.h): one row per group with the rows affected and their share, most
/// important first (fatal, then whole-column summaries, then the rest), expandable to the located
/// occurrences (file:line:column). Every cell's full text is in its tooltip and, for the selected row, in the
/// detail pane under the list.
class ProblemsView : public QWidget {
    Q_OBJECT
public:
    /// Columns of the list.
    enum Column {
        ProblemColumn,  ///< severity icon and the group's short label (or a location, for a child row)
        RowsColumn,     ///< rows affected
        ShareColumn,    ///< share of the file's rows
        ColumnCount
    };

    explicit ProblemsView(QWidget* parent = nullptr);

    void setReport(const ValidationReport& report);
    void clear();
    /// Groups shown in the list (top-level rows).
    int rowCount() const;
    /// The list, for tests and screenshots.
    const QTreeWidget* tree() const { return m_tree; }
    /// What the detail pane shows (plain text).
    QString detailText() const;
    /// Selects top-level row `group` (and its child `child` when >= 0), as a click would.
    void select(int group, int child = -1);

private:
    void showDetail();
    void fillChildren(QTreeWidgetItem* item);

    QLabel* m_summary;
    QTreeWidget* m_tree;
    QTextBrowser* m_detail;
    ValidationReport m_report;           ///< the groups point into it
    std::vector<ProblemGroup> m_groups;  ///< parallel to the top-level rows
};

}  // namespace bridgelc
