#pragma once
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QGroupBox;
class QScrollArea;

namespace bridgelc {

struct RunResult;

/// The accuracy report of one run's test set: headline scores (OA, kappa, macro and weighted F1, balanced
/// accuracy), a per-class table (precision = user's accuracy, recall = producer's accuracy, F1, support) and,
/// when the test points span regions, one row per biogeographical region. Copyable as tab-separated text.
/// Many classes (crop types) stay readable: long names are shortened in the table with the full name in the
/// tooltip, the page scrolls, and the class swatches follow the chosen palette. When the run has an area of
/// applicability, the test scores inside and outside it come first, with the DI threshold; otherwise the box
/// says why there is none.
class MetricsView : public QWidget {
    Q_OBJECT
public:
    explicit MetricsView(QWidget* parent = nullptr);

    void setResult(const RunResult& run);
    void clear();
    /// Everything shown, as tab-separated lines (pastes into spreadsheets as tables).
    QString asText() const;

private:
    void copyToClipboard();
    void fillSummary(const RunResult& run);
    void fillClasses(const RunResult& run);
    void fillRegions(const RunResult& run);
    void fillApplicability(const RunResult& run);
    void recolour();

    QLabel* m_title = nullptr;
    QPushButton* m_copy = nullptr;
    QWidget* m_summary = nullptr;
    QList<QPair<QLabel*, QLabel*>> m_summaryCells;  ///< caption, value
    QScrollArea* m_tables = nullptr;
    QTableWidget* m_classes = nullptr;
    QGroupBox* m_regionBox = nullptr;
    QGroupBox* m_aoaBox = nullptr;
    QLabel* m_aoaNote = nullptr;
    QTableWidget* m_aoa = nullptr;
    QTableWidget* m_regions = nullptr;
    QLabel* m_placeholder = nullptr;
};

}  // namespace bridgelc
