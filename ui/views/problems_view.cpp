#include "ui/views/problems_view.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/common/icons.h"

namespace bridgelc {
namespace {

// Item data: the group index on top-level rows, the index into the group's problems on child rows.
constexpr int kIndexRole = Qt::UserRole + 1;
// Children are made when a group is first expanded or selected: a raw survey table has thousands.
constexpr int kFilledRole = Qt::UserRole + 2;

QString severityLabel(Severity severity) {
    switch (severity) {
        case Severity::Info:
            return ProblemsView::tr("Note");
        case Severity::Warning:
            return ProblemsView::tr("Warning");
        case Severity::Fatal:
            return ProblemsView::tr("Fatal");
    }
    return {};
}

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

/// "file:line:column" with whatever parts are known (OGR sources say feature and field); the file by name
/// only unless `fullPath`.
QString location(const Problem& problem, bool fullPath) {
    const QString file = text(problem.file);
    QString where = fullPath || file.isEmpty() ? file : QFileInfo(file).fileName();
    if (problem.lineIsFeature) {
        if (problem.line > 0) where += ProblemsView::tr(": feature %1").arg(problem.line);
        if (problem.column > 0) where += ProblemsView::tr(", field %1").arg(problem.column);
        return where;
    }
    if (problem.line > 0) where += QStringLiteral(":%1").arg(problem.line);
    if (problem.line > 0 && problem.column > 0) where += QStringLiteral(":%1").arg(problem.column);
    return where;
}

/// "line 12" / "feature 12" / "line 12, column 6" when the column is not the group's.
QString place(const Problem& problem) {
    if (problem.line <= 0) return location(problem, false);
    QString where = problem.lineIsFeature ? ProblemsView::tr("feature %1").arg(problem.line)
                                          : ProblemsView::tr("line %1").arg(problem.line);
    return where;
}

QString shareCell(const ProblemGroup& group) {
    if (group.rowsAffected == 0 || group.rows == 0) return {};
    return text(shareText(group.rowsAffected, group.rows));
}

}  // namespace

ProblemsView::ProblemsView(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_tree(new QTreeWidget), m_detail(new QTextBrowser) {
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setColumnCount(ColumnCount);
    QStringList headers;
    headers.resize(ColumnCount);
    headers[ProblemColumn] = tr("Problem");
    headers[RowsColumn] = tr("Rows");
    headers[ShareColumn] = tr("Share");
    m_tree->setHeaderLabels(headers);
    m_tree->headerItem()->setToolTip(ProblemColumn, tr("What was found, by kind and column; expand a row to "
                                                       "see where (file:line:column)"));
    m_tree->headerItem()->setToolTip(RowsColumn, tr("Rows of the file affected"));
    m_tree->headerItem()->setToolTip(ShareColumn, tr("Share of the file's rows affected"));
    m_tree->headerItem()->setTextAlignment(RowsColumn, Qt::AlignRight | Qt::AlignVCenter);
    m_tree->headerItem()->setTextAlignment(ShareColumn, Qt::AlignRight | Qt::AlignVCenter);
    // Labels put the column name first, so cutting the end keeps what matters; the tooltip has it all.
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setUniformRowHeights(true);
    m_tree->setIndentation(14);  // the dock is narrow: every pixel goes to the text
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSortingEnabled(false);
    QHeaderView* header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProblemColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RowsColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ShareColumn, QHeaderView::ResizeToContents);
    header->setMinimumSectionSize(36);

    // Wide enough for a column-first label of about 26 characters beside the counts (ProblemGroup::label is
    // written for that), so the dock cannot be narrowed until the labels turn into nonsense.
    const QFontMetrics metrics(m_tree->font());
    m_tree->setMinimumWidth(metrics.horizontalAdvance(QStringLiteral("OC: mostly empty, not used")) +
                            metrics.horizontalAdvance(QStringLiteral("Rows99.5 %")) + m_tree->indentation() +
                            m_tree->iconSize().width() + 72);

    m_detail->setReadOnly(true);
    m_detail->setOpenLinks(false);
    // Room for a title, what was done and where, without scrolling.
    m_detail->setMinimumHeight(m_detail->fontMetrics().lineSpacing() * 5 + 12);
    m_detail->setPlaceholderText(tr("Select a problem to read it in full."));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    connect(m_tree, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem* item) { fillChildren(item); });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] { showDetail(); });
    clear();
}

void ProblemsView::clear() {
    m_tree->clear();
    m_groups.clear();
    m_report = ValidationReport();
    m_detail->clear();
    m_summary->setText(tr("No file loaded."));
}

int ProblemsView::rowCount() const {
    return m_tree->topLevelItemCount();
}

QString ProblemsView::detailText() const {
    return m_detail->toPlainText();
}

void ProblemsView::setReport(const ValidationReport& report) {
    m_tree->clear();
    m_detail->clear();
    m_report = report;
    m_groups = groupProblems(m_report);
    const QLocale locale;
    QList<QTreeWidgetItem*> items;
    items.reserve(static_cast<int>(m_groups.size()));
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const ProblemGroup& group = m_groups[g];
        auto* item = new QTreeWidgetItem;
        item->setData(ProblemColumn, kIndexRole, static_cast<int>(g));
        item->setIcon(ProblemColumn, severityIcon(group.severity));
        item->setText(ProblemColumn, text(group.label));
        QString tip = QStringLiteral("<b>%1</b>: %2")
                          .arg(severityLabel(group.severity), text(group.title).toHtmlEscaped());
        if (!group.action.empty())
            tip += QStringLiteral("<br>") + tr("Done: %1").arg(text(group.action).toHtmlEscaped());
        for (int c = 0; c < ColumnCount; ++c)
            item->setToolTip(c, tip);
        if (group.rowsAffected > 0) {
            item->setText(RowsColumn, locale.toString(qulonglong(group.rowsAffected)));
            item->setToolTip(RowsColumn, tr("%1 of %2 rows")
                                             .arg(locale.toString(qulonglong(group.rowsAffected)),
                                                  locale.toString(qulonglong(group.rows))));
        } else if (group.count > 1) {
            item->setText(RowsColumn, QStringLiteral("×%1").arg(locale.toString(qulonglong(group.count))));
        }
        item->setText(ShareColumn, shareCell(group));
        item->setTextAlignment(RowsColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(ShareColumn, Qt::AlignRight | Qt::AlignVCenter);
        // A located group (rows of the file) can be opened; a single note about the whole file cannot.
        const bool located =
            !group.problems.empty() && (group.problems.size() > 1 || group.problems.front()->line > 0);
        item->setChildIndicatorPolicy(located ? QTreeWidgetItem::ShowIndicator
                                              : QTreeWidgetItem::DontShowIndicator);
        items.push_back(item);
    }
    m_tree->addTopLevelItems(items);

    const auto fatal = report.count(Severity::Fatal), warnings = report.count(Severity::Warning),
               notes = report.count(Severity::Info);
    QString headline;
    if (m_groups.empty())
        headline = tr("No problems found.");
    else
        headline = tr("%1 fatal, %2 warnings, %3 notes in %4 groups")
                       .arg(locale.toString(qulonglong(fatal)), locale.toString(qulonglong(warnings)),
                            locale.toString(qulonglong(notes)), locale.toString(qulonglong(m_groups.size())));
    if (report.rowCount() > 0)
        headline += tr(" (%1 rows read).").arg(locale.toString(qulonglong(report.rowCount())));
    m_summary->setText(headline);
    m_summary->setToolTip(tr("Expand a row to see where each problem is; select one to read it in full."));
}

void ProblemsView::fillChildren(QTreeWidgetItem* item) {
    if (!item || item->parent() || item->data(ProblemColumn, kFilledRole).toBool()) return;
    item->setData(ProblemColumn, kFilledRole, true);
    const auto g = static_cast<std::size_t>(item->data(ProblemColumn, kIndexRole).toInt());
    if (g >= m_groups.size()) return;
    const ProblemGroup& group = m_groups[g];
    QList<QTreeWidgetItem*> children;
    children.reserve(static_cast<int>(group.problems.size()) + 1);
    for (std::size_t i = 0; i < group.problems.size(); ++i) {
        const Problem& problem = *group.problems[i];
        auto* child = new QTreeWidgetItem;
        child->setData(ProblemColumn, kIndexRole, static_cast<int>(i));
        // The group names the kind and column; a child needs only its place, so the row stays readable.
        child->setText(ProblemColumn, QStringLiteral("%1: %2").arg(place(problem), text(problem.what)));
        QString tip = text(problem.toString()).toHtmlEscaped();
        for (int c = 0; c < ColumnCount; ++c)
            child->setToolTip(c, tip);
        children.push_back(child);
    }
    if (group.count > group.problems.size()) {
        auto* more = new QTreeWidgetItem;
        more->setData(ProblemColumn, kIndexRole, -1);
        more->setText(ProblemColumn,
                      tr("… %1 more, not listed")
                          .arg(QLocale().toString(qulonglong(group.count - group.problems.size()))));
        more->setToolTip(ProblemColumn,
                         tr("Only the first %1 of each kind in each column are kept, so a file "
                            "with a million bad cells stays readable; all are counted.")
                             .arg(ValidationReport::kMaxDetailsPerKind));
        more->setFlags(Qt::ItemIsEnabled);
        children.push_back(more);
    }
    item->addChildren(children);
    // A child has no counts of its own: its text takes the whole row.
    for (QTreeWidgetItem* child : children)
        child->setFirstColumnSpanned(true);
}

void ProblemsView::select(int group, int child) {
    QTreeWidgetItem* item = m_tree->topLevelItem(group);
    if (!item) return;
    if (child >= 0) {
        fillChildren(item);
        item->setExpanded(true);
        item = item->child(child);
        if (!item) return;
    }
    m_tree->setCurrentItem(item);
}

void ProblemsView::showDetail() {
    QTreeWidgetItem* item = m_tree->currentItem();
    if (!item) {
        m_detail->clear();
        return;
    }
    const bool isChild = item->parent() != nullptr;
    const auto g =
        static_cast<std::size_t>((isChild ? item->parent() : item)->data(ProblemColumn, kIndexRole).toInt());
    if (g >= m_groups.size()) return;
    const ProblemGroup& group = m_groups[g];
    const QLocale locale;
    QString html;
    if (isChild) {
        const int index = item->data(ProblemColumn, kIndexRole).toInt();
        if (index < 0 || static_cast<std::size_t>(index) >= group.problems.size()) {
            m_detail->setPlainText(item->toolTip(ProblemColumn));
            return;
        }
        const Problem& problem = *group.problems[static_cast<std::size_t>(index)];
        html = QStringLiteral("<b>%1</b>: %2")
                   .arg(severityLabel(problem.severity), text(problem.what).toHtmlEscaped());
        html += QStringLiteral("<br>") + tr("Where: %1").arg(location(problem, true).toHtmlEscaped());
        if (!problem.columnName.empty())
            html += tr(", column '%1'").arg(text(problem.columnName).toHtmlEscaped());
        if (!problem.action.empty())
            html += QStringLiteral("<br>") + tr("Done: %1").arg(text(problem.action).toHtmlEscaped());
    } else {
        html = QStringLiteral("<b>%1</b>: %2")
                   .arg(severityLabel(group.severity), text(group.title).toHtmlEscaped());
        if (!group.action.empty())
            html += QStringLiteral("<br>") + tr("Done: %1").arg(text(group.action).toHtmlEscaped());
        if (group.count > 1)
            html += QStringLiteral("<br>") +
                    tr("%1 occurrences; %2 listed under this row with their file, line and column.")
                        .arg(locale.toString(qulonglong(group.count)),
                             locale.toString(qulonglong(group.problems.size())));
        else if (!group.problems.empty() && group.problems.front()->line > 0)
            html += QStringLiteral("<br>") +
                    tr("Where: %1").arg(location(*group.problems.front(), true).toHtmlEscaped());
        html += QStringLiteral("<br><span style='color:gray'>%1</span>")
                    .arg(tr("Kind: %1").arg(text(group.kind)));
    }
    m_detail->setHtml(html);
}

}  // namespace bridgelc
