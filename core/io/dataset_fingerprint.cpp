#include "core/io/dataset_fingerprint.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace bridgelc {

namespace {

class Fnv1a {
public:
    void bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            m_hash ^= p[i];
            m_hash *= 1099511628211ULL;
        }
    }
    template <typename T>
    void value(T v) {
        bytes(&v, sizeof v);
    }
    void text(const std::string& s) {
        value<std::uint64_t>(s.size());  // length first, so {"ab","c"} and {"a","bc"} differ
        bytes(s.data(), s.size());
    }
    std::uint64_t hash() const { return m_hash; }

private:
    std::uint64_t m_hash = 14695981039346656037ULL;
};

constexpr std::size_t kSampledRows = 1024;

}  // namespace

std::string datasetFingerprint(const Dataset& dataset) {
    Fnv1a h;
    const std::size_t n = dataset.size();
    const std::size_t d = dataset.featureCount();
    h.value<std::uint64_t>(n);
    h.value<std::uint64_t>(d);
    for (const std::string& name : dataset.featureNames)
        h.text(name);
    for (const std::string& name : dataset.classNames)
        h.text(name);
    const std::size_t samples = n < kSampledRows ? n : kSampledRows;
    for (std::size_t s = 0; s < samples; ++s) {
        const std::size_t row = s * n / samples;
        if (dataset.features.size() >= (row + 1) * d) h.bytes(dataset.row(row), d * sizeof(float));
        if (row < dataset.lon.size()) h.value(dataset.lon[row]);
        if (row < dataset.lat.size()) h.value(dataset.lat[row]);
        if (row < dataset.label.size()) h.value(dataset.label[row]);
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h.hash()));
    return text;
}

}  // namespace bridgelc
