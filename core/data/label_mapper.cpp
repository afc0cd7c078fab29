#include "core/data/label_mapper.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/data/dataset.h"
#include "core/data/lucas_legend.h"
#include "core/data/raw_table.h"

namespace bridgelc {

namespace {
bool asNumber(const std::string& text, double& value) {
    const auto result = fast_float::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}
}  // namespace

void LabelMapper::decide(const std::vector<std::string_view>& labels) {
    std::map<std::string_view, std::size_t> distinct;
    for (std::string_view label : labels) {
        label = trimmedView(label);
        if (!label.empty()) ++distinct[label];
    }
    std::size_t lucasRows = 0, allRows = 0;
    for (const auto& [label, count] : distinct) {
        allRows += count;
        if (lucasLevel1Index(std::string(label)) >= 0) lucasRows += count;
    }
    // Most rows decide: a few typos or foreign codes in a LUCAS file are reported, not taken as new classes.
    m_lucas = lucasRows > 0 && 2 * lucasRows > allRows;
    m_cache.clear();
    m_ownIndex.clear();
    if (m_lucas) {
        m_classNames = lucasLevel1Classes();
        return;
    }
    std::vector<std::string> names;
    for (const auto& entry : distinct)
        names.emplace_back(entry.first);
    std::vector<double> values(names.size());
    bool numeric = !names.empty();
    for (std::size_t i = 0; i < names.size() && numeric; ++i)
        numeric = asNumber(names[i], values[i]);
    if (numeric) {  // "2" before "10"
        std::vector<std::size_t> order(names.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
        std::vector<std::string> sorted;
        for (std::size_t i : order)
            sorted.push_back(names[i]);
        names.swap(sorted);
    }
    m_classNames = names;
    for (std::size_t i = 0; i < names.size(); ++i)
        m_ownIndex[names[i]] = static_cast<int>(i);
}

LabelMapper::Entry LabelMapper::understand(std::string_view label) const {
    Entry entry;
    if (label.empty()) {
        entry.outcome = Outcome::Empty;
        return entry;
    }
    const std::string text(label);
    if (!m_lucas) {
        const auto it = m_ownIndex.find(text);
        entry.index = it == m_ownIndex.end() ? -1 : it->second;
        entry.outcome = entry.index >= 0 ? Outcome::Ok : Outcome::UnknownLabel;
        return entry;
    }
    entry.index = lucasLevel1Index(text);
    if (LucasLegend::looksLikeCode(text)) {
        const std::string code = LucasLegend::normalizedCode(text);
        if (entry.index < 0) {
            entry.outcome = Outcome::UnknownCode;
        } else if (code.size() == 3) {
            entry.fineCode = code;
            const LucasLegend& legend = LucasLegend::builtIn();
            if (!legend.empty() && !legend.contains(code)) entry.outcome = Outcome::NotInLegend;
        }
        return entry;
    }
    if (entry.index < 0) entry.outcome = Outcome::UnknownLabel;
    return entry;
}

int LabelMapper::map(std::string_view label, std::string& fineCode, Outcome& outcome) {
    label = trimmedView(label);
    auto it = m_cache.find(label);
    if (it == m_cache.end()) it = m_cache.emplace(label, understand(label)).first;
    fineCode = it->second.fineCode;
    outcome = it->second.outcome;
    return it->second.index;
}

}  // namespace bridgelc
