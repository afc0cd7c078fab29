#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/data/column_roles.h"
#include "core/data/dataset.h"
#include "core/data/label_mapper.h"
#include "core/data/point_reader.h"
#include "core/data/raw_table.h"
#include "core/data/validation_report.h"

namespace bridgelc {

/// Turns a RawTable with known column roles into a Dataset: checks every row (coordinates, label, id, feature
/// cells), drops the rows that cannot be used, assigns regions, and reports each problem with its place in
/// the file and what was done about it.
class DatasetBuilder {
public:
    DatasetBuilder(const RawTable& table, const ColumnRoles& roles, const LoadOptions& options,
                   ValidationReport& report);

    /// The dataset, or nothing when no row could be used (a fatal problem says why).
    std::optional<Dataset> build();

private:
    void note(const char* kind, Severity severity, std::size_t row, int column, std::string what,
              std::string action, std::size_t rowsAffected = 0);
    bool readCoordinates(std::size_t row, double& lon, double& lat);
    bool readCoordinate(std::size_t row, int column, const char* what, double& value);
    std::string rangeHint(std::size_t rows) const;
    bool readLabel(std::size_t row, int& label, std::string& fineCode);
    bool unusableLabel(std::size_t row, const char* kind, std::string what, int& label,
                       std::string& fineCode);
    void readFineCode(std::size_t row, int label, std::string& fineCode);
    std::vector<std::string> decideClasses();
    void copyFeatures(Dataset& dataset, const std::vector<std::size_t>& rows);
    void assignRegions(Dataset& dataset, const std::vector<std::size_t>& rows);
    void assignSplit(Dataset& dataset, const std::vector<std::size_t>& rows);
    void checkIds(const std::vector<std::size_t>& rows);
    void checkClasses(const Dataset& dataset);

    const RawTable& m_table;
    const ColumnRoles& m_roles;
    const LoadOptions& m_options;
    ValidationReport& m_report;
    LabelMapper m_labels;
    std::vector<int> m_toGiven;        ///< mapper class -> index in LoadOptions::classNames (-1: not there)
    std::size_t m_swapped = 0;         ///< rows whose coordinates look like lat/lon swapped
    std::size_t m_latOutOfRange = 0;   ///< rows with |lat| > 90 and a valid longitude
    std::size_t m_lonOutOfRange = 0;   ///< rows with |lon| > 180 and a valid latitude
    std::size_t m_bothOutOfRange = 0;  ///< rows with both out of range (projected metres look like this)
};

}  // namespace bridgelc
