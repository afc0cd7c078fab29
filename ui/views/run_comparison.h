#pragma once
#include <QTableWidget>
#include <string>
#include <vector>

#include "core/eval/metrics.h"
#include "core/io/run_store.h"

namespace bridgelc {

/// The side-by-side comparison of the runs selected in the Runs tab: one column per run (#1, #2 … as the
/// overlaid curves are named), rows for the run's facts and headline scores, then the F1 of every class any
/// of them knows (matched by class name), the best of each score row in bold.
class RunComparison : public QTableWidget {
    Q_OBJECT
public:
    explicit RunComparison(QWidget* parent = nullptr);

    /// The compared runs' facts and headline scores; per-class rows come with setClassScores().
    void setRuns(const std::vector<RunSummary>& runs);
    /// Per-class scores of the same runs, in the same order (empty names: not readable).
    void setClassScores(const std::vector<std::pair<std::vector<std::string>, Metrics>>& scores);
    /// Number of rows before the per-class ones.
    static int headlineRows();

private:
    void markBest(int firstRow, int lastRow);
    void fitColumns();
};

}  // namespace bridgelc
