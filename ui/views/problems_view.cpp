#include "ui/views/problems_view.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/common/icons.h"

namespace bridgelc {
namespace {

// What was found comes first: in a narrow dock it is what must stay readable; the location is elided in the
// middle.
enum Column { SeverityColumn, WhatColumn, NameColumn, LocationColumn, ActionColumn, ColumnCount };

QString severityLabel(Severity severity) {
    switch (severity) {
        case Severity::Info:
            return ProblemsView::tr("Info");
        case Severity::Warning:
            return ProblemsView::tr("Warning");
        case Severity::Fatal:
            return ProblemsView::tr("Fatal");
    }
    return {};
}

/// "file:line:column" with whatever parts are known; the file by name only (the tooltip has the full path).
QString location(const Problem& problem, bool fullPath) {
    const QString file = QString::fromStdString(problem.file);
    QString text = fullPath || file.isEmpty() ? file : QFileInfo(file).fileName();
    if (problem.line > 0) text += QStringLiteral(":%1").arg(problem.line);
    if (problem.line > 0 && problem.column > 0) text += QStringLiteral(":%1").arg(problem.column);
    return text;
}

}  // namespace

ProblemsView::ProblemsView(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_tree(new QTreeWidget(this)) {
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setColumnCount(ColumnCount);
    QStringList headers;
    headers.resize(ColumnCount);
    headers[SeverityColumn] = QString();
    headers[WhatColumn] = tr("Problem");
    headers[NameColumn] = tr("Column");
    headers[LocationColumn] = tr("File:line:column");
    headers[ActionColumn] = tr("Action");
    m_tree->setHeaderLabels(headers);
    m_tree->headerItem()->setToolTip(SeverityColumn, tr("Severity"));
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSortingEnabled(false);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    clear();
}

void ProblemsView::clear() {
    m_tree->clear();
    m_summary->setText(tr("No file loaded."));
}

int ProblemsView::rowCount() const {
    return m_tree->topLevelItemCount();
}

void ProblemsView::setReport(const ValidationReport& report) {
    m_tree->clear();
    const QLocale locale;
    QList<QTreeWidgetItem*> items;
    items.reserve(static_cast<int>(report.problems().size()));
    for (const Problem& problem : report.problems()) {
        auto* item = new QTreeWidgetItem;
        item->setIcon(SeverityColumn, severityIcon(problem.severity));
        item->setToolTip(SeverityColumn, severityLabel(problem.severity));
        item->setText(LocationColumn, location(problem, false));
        item->setToolTip(LocationColumn, location(problem, true));
        item->setText(NameColumn, QString::fromStdString(problem.columnName));
        item->setText(WhatColumn, QString::fromStdString(problem.what));
        item->setToolTip(WhatColumn, QString::fromStdString(problem.toString()));
        item->setText(ActionColumn, QString::fromStdString(problem.action));
        items.push_back(item);
    }
    m_tree->addTopLevelItems(items);
    m_tree->resizeColumnToContents(SeverityColumn);
    m_tree->resizeColumnToContents(NameColumn);
    m_tree->setColumnWidth(WhatColumn, std::max(m_tree->columnWidth(WhatColumn), 220));
    m_tree->setColumnWidth(LocationColumn, 160);

    QStringList parts;
    for (const auto& [kind, count] : report.kindCounts())
        parts << QStringLiteral("%1 × %2").arg(QString::fromStdString(kind),
                                               locale.toString(qulonglong(count)));
    const auto fatal = report.count(Severity::Fatal), warnings = report.count(Severity::Warning),
               notes = report.count(Severity::Info);
    QString headline = report.problems().empty()
                           ? tr("No problems found.")
                           : tr("%1 fatal, %2 warnings, %3 notes").arg(fatal).arg(warnings).arg(notes);
    if (!parts.isEmpty()) headline += QStringLiteral(" — ") + parts.join(QStringLiteral(", "));
    m_summary->setText(headline);
}

}  // namespace bridgelc
