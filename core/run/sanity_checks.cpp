#include "core/run/sanity_checks.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/data/point_reader.h"
#include "core/data/problem_groups.h"

namespace bridgelc {

namespace {

/// Lower-case tokens of a column name split at every character that is not a letter or digit:
/// "asc_VV_median" -> {"asc", "vv", "median"}.
std::vector<std::string> tokens(const std::string& name) {
    std::vector<std::string> out(1);
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.back().empty())
            out.emplace_back();
    }
    if (out.back().empty()) out.pop_back();
    return out;
}

/// Soil chemistry and terrain columns of the LUCAS survey and topsoil tables: named in the warning, because
/// they are the usual way a raw survey table ends up as model input.
bool looksLikeSoilOrTerrain(const std::string& name) {
    static const std::set<std::string> words = {"oc",   "soc",  "toc",    "om",     "p",         "k",
                                                "n",    "ph",   "caco3",  "ec",     "cec",       "clay",
                                                "silt", "sand", "coarse", "elev",   "elevation", "altitude",
                                                "alt",  "dem",  "slope",  "aspect", "erosion"};
    const std::vector<std::string> t = tokens(name);
    return !t.empty() && words.count(t.front()) > 0;
}

std::string quotedList(const std::vector<std::string>& names, std::size_t shown = 8) {
    std::string list;
    for (std::size_t i = 0; i < names.size() && i < shown; ++i)
        list += (i ? ", '" : "'") + names[i] + "'";
    if (names.size() > shown) list += fmt::format(" and {} more", names.size() - shown);
    return list;
}

std::string points(std::size_t n) {
    return countText(n) + (n == 1 ? " point" : " points");
}

/// Class counts of some rows (unlabelled rows skipped).
std::vector<std::size_t> countClasses(const Dataset& dataset, const std::vector<std::int64_t>& rows) {
    std::vector<std::size_t> counts(dataset.classNames.size(), 0);
    for (std::int64_t row : rows) {
        const int label = dataset.label[static_cast<std::size_t>(row)];
        if (label >= 0 && static_cast<std::size_t>(label) < counts.size()) ++counts[label];
    }
    return counts;
}

}  // namespace

bool looksLikeSatelliteFeature(const std::string& name) {
    static const std::set<std::string> words = {
        "blue",     "green",   "red",         "nir",        "swir",    "swir1",     "swir2",      "swir16",
        "swir22",   "rededge", "re",          "re1",        "re2",     "re3",       "re4",        "r1",
        "r2",       "r3",      "r4",          "coastal",    "aerosol", "cirrus",    "vv",         "vh",
        "hh",       "hv",      "dpol",        "asc",        "desc",    "ascending", "descending", "ndvi",
        "nbr",      "nbr2",    "ndsi",        "ndwi",       "mndwi",   "ndmi",      "ndbi",       "evi",
        "evi2",     "savi",    "msavi",       "gndvi",      "ndre",    "bsi",       "s1",         "s2",
        "sentinel", "sar",     "backscatter", "reflectance"};
    for (const std::string& token : tokens(name)) {
        if (words.count(token)) return true;
        // Sentinel-2 band numbers: b2, B8A, b11, band4.
        std::size_t digits = token.rfind("band", 0) == 0 ? 4 : token.size() > 1 && token[0] == 'b' ? 1 : 0;
        if (digits == 0) continue;
        std::string rest = token.substr(digits);
        if (!rest.empty() && rest.back() == 'a') rest.pop_back();
        if (!rest.empty() && rest.size() <= 2 && std::all_of(rest.begin(), rest.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            }))
            return true;
    }
    return false;
}

std::vector<std::string> datasetWarnings(const Dataset& dataset) {
    std::vector<std::string> warnings;
    const std::vector<std::size_t> counts = dataset.classCounts();
    std::size_t labelled = 0;
    std::vector<std::size_t> present;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        labelled += counts[k];
        if (counts[k] > 0) present.push_back(k);
    }
    if (!dataset.classNames.empty() && labelled == 0)
        warnings.push_back(
            "No point has a usable label: the points can be predicted with a saved model, but "
            "not trained on or scored.");
    if (present.size() == 1)
        warnings.push_back(fmt::format(
            "Every labelled point is of one class ('{}', {}): there is nothing to tell apart, so a model "
            "scores 100 % overall accuracy with kappa 0, which is not a result.",
            dataset.classNames[present.front()], points(counts[present.front()])));
    if (labelled > 0 && labelled < kMinDatasetPoints)
        warnings.push_back(
            fmt::format("Only {} are labelled: too few to train and test a model (at least {} are needed for "
                        "the 20 % test "
                        "part to hold {} points).",
                        points(labelled), kMinDatasetPoints, kMinTestPoints));
    std::vector<std::string> small;
    for (std::size_t k : present)
        if (counts[k] < kMinClassPoints)
            small.push_back(fmt::format("'{}' ({})", dataset.classNames[k], countText(counts[k])));
    if (present.size() > 1 && !small.empty())
        warnings.push_back(fmt::format(
            "{} {} fewer than {} points: {}. Too few to learn {} or to score {}: each part of the split gets "
            "one or two points at most.",
            small.size() == 1 ? "Class" : fmt::format("{} classes", small.size()),
            small.size() == 1 ? "has" : "have", kMinClassPoints, fmt::format("{}", fmt::join(small, ", ")),
            small.size() == 1 ? "it" : "them", small.size() == 1 ? "it" : "them"));

    // Columns kept although mostly missing (the loader leaves them out unless asked): NaN until imputed.
    const std::size_t n = dataset.size(), d = dataset.featureCount();
    if (n > 0 && dataset.features.size() == n * d) {
        std::vector<std::size_t> missing(d, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const float* row = dataset.row(i);
            for (std::size_t f = 0; f < d; ++f)
                if (std::isnan(row[f])) ++missing[f];
        }
        for (std::size_t f = 0; f < d; ++f)
            if (static_cast<double>(missing[f]) > kMostlyMissingShare * static_cast<double>(n))
                warnings.push_back(fmt::format(
                    "Feature '{}' is missing in {} of {} points ({}): it is imputed with the training mean, "
                    "so "
                    "it is nearly constant and tells the model almost nothing.",
                    dataset.featureNames[f], countText(missing[f]), countText(n), shareText(missing[f], n)));
    }

    std::vector<std::string> foreign, soil;
    for (const std::string& name : dataset.featureNames) {
        if (looksLikeSatelliteFeature(name)) continue;
        foreign.push_back(name);
        if (looksLikeSoilOrTerrain(name)) soil.push_back(name);
    }
    if (!soil.empty())
        warnings.push_back(fmt::format(
            "{} of {} feature columns look like soil chemistry or terrain, not Sentinel-1/2 inputs: {}. "
            "They come from a survey table, not from the satellite; the models are built for band, index and "
            "backscatter statistics (e.g. blue_median, ndvi_p50, asc_vv_median). Exclude them, or use the "
            "table's satellite features.",
            soil.size(), d, quotedList(soil)));
    else if (!foreign.empty() && foreign.size() * 2 > d)
        warnings.push_back(fmt::format(
            "{} of {} feature columns do not look like Sentinel-1/2 inputs (band, index or backscatter "
            "statistics such as blue_median, ndvi_p50, asc_vv_median): {}. Check that these are the features "
            "you mean to train on.",
            foreign.size(), d, quotedList(foreign)));
    return warnings;
}

std::vector<std::string> splitWarnings(const Dataset& dataset, const Split& split) {
    std::vector<std::string> warnings;
    const std::string name = split.name.empty() ? std::string("the split") : split.name;
    if (split.validation.empty())
        warnings.push_back(
            fmt::format("The validation part of {} is empty: early stopping and the choice of the best epoch "
                        "have nothing "
                        "to go on, and the validation loss and scores shown are not measured.",
                        name));
    else if (split.validation.size() < kMinValidationPoints)
        warnings.push_back(
            fmt::format("The validation part of {} has only {}: the best epoch is picked by chance.", name,
                        points(split.validation.size())));
    if (split.train.size() < kMinTrainPoints)
        warnings.push_back(
            fmt::format("The training part of {} has only {}: too few to fit a model (at least {}).", name,
                        points(split.train.size()), kMinTrainPoints));
    if (!split.test.empty() && split.test.size() < kMinTestPoints)
        warnings.push_back(fmt::format(
            "The test part of {} has only {}: each point moves the overall accuracy by {:.0f} percentage "
            "points, so its scores mean nothing (at least {} are needed).",
            name, points(split.test.size()), 100.0 / static_cast<double>(split.test.size()), kMinTestPoints));
    const std::vector<std::size_t> train = countClasses(dataset, split.train);
    const std::vector<std::size_t> test = countClasses(dataset, split.test);
    std::vector<std::string> unseen;
    for (std::size_t k = 0; k < test.size(); ++k)
        if (test[k] > 0 && train[k] == 0)
            unseen.push_back(fmt::format("'{}' ({})", dataset.classNames[k], points(test[k])));
    if (!unseen.empty())
        warnings.push_back(fmt::format(
            "{} in the test part of {} but not in its training part: {}. The model cannot predict {}, so {} "
            "recall is 0.",
            unseen.size() == 1 ? "One class is" : fmt::format("{} classes are", unseen.size()), name,
            fmt::format("{}", fmt::join(unseen, ", ")), unseen.size() == 1 ? "it" : "them",
            unseen.size() == 1 ? "its" : "their"));
    return warnings;
}

std::vector<std::string> scoreWarnings(const ConfusionMatrix& confusion,
                                       const std::vector<std::string>& classNames) {
    std::vector<std::string> warnings;
    const std::size_t total = confusion.total();
    if (total == 0) return warnings;
    auto className = [&](std::size_t k) { return k < classNames.size() ? classNames[k] : std::to_string(k); };
    if (total < kMinTestPoints)
        warnings.push_back(
            fmt::format("The scores rest on {} only: one point moves the overall accuracy by {:.0f} "
                        "percentage points, so "
                        "they mean nothing (at least {} are needed).",
                        points(total), 100.0 / static_cast<double>(total), kMinTestPoints));
    std::vector<std::size_t> truthClasses, predictedClasses;
    for (std::size_t k = 0; k < confusion.classes(); ++k) {
        if (confusion.rowTotal(k) > 0) truthClasses.push_back(k);
        if (confusion.columnTotal(k) > 0) predictedClasses.push_back(k);
    }
    if (truthClasses.size() == 1)
        warnings.push_back(fmt::format(
            "Every scored point is of one class ('{}'): overall accuracy says nothing about telling classes "
            "apart, and kappa is 0 by definition. This is not a result.",
            className(truthClasses.front())));
    else if (predictedClasses.size() == 1)
        warnings.push_back(fmt::format(
            "Every scored point was predicted as '{}' although {} classes are present: the model learnt only "
            "the most common class.",
            className(predictedClasses.front()), truthClasses.size()));
    return warnings;
}

std::vector<std::string> resultWarnings(const RunResult& run) {
    if (run.status == RunStatus::Failed && !run.model) return {};
    if (run.testConfusion.total() == 0) return {"No labelled test points: the run has no test scores."};
    return scoreWarnings(run.testConfusion, run.classNames);
}

}  // namespace bridgelc
