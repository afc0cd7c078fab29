#include "core/model/xgboost_booster.h"

#include <dlfcn.h>

#include <cstdlib>
#include <limits>
#include <memory>
#include <stdexcept>

// XGBoost opens an OpenMP parallel region for every histogram and partition step of every node: about 5
// million while the 130-tree forest grows. libgomp closes each region at a team barrier whose last arrival
// always calls futex_wake, a system call even when the team is the calling thread alone. On a
// paravirtualised machine that costs 1.3 us a region, a fifth of the forest's fit time.
//
// This definition takes precedence over libgomp's for every library in the process. A region that asks for
// one thread, outside any other region, runs its body right here: omp_get_thread_num() is 0 and
// omp_get_num_threads() is 1, as in a team of one, and the worksharing loops inside bind to the implicit
// one-thread team. Every other region goes to libgomp unchanged. libgomp's own functions are looked up, not
// linked, so core needs no OpenMP headers or flags (its clang builds included).
extern "C" void GOMP_parallel(void (*body)(void*), void* data, unsigned threads, unsigned flags) {
    using Parallel = void (*)(void (*)(void*), void*, unsigned, unsigned);
    using Query = int (*)();
    static const auto libgomp = reinterpret_cast<Parallel>(dlvsym(RTLD_NEXT, "GOMP_parallel", "GOMP_4.0"));
    static const auto maxThreads = reinterpret_cast<Query>(dlsym(RTLD_DEFAULT, "omp_get_max_threads"));
    static const auto level = reinterpret_cast<Query>(dlsym(RTLD_DEFAULT, "omp_get_level"));
    const bool oneThread = threads == 1 || (threads == 0 && maxThreads && maxThreads() == 1);
    if (!libgomp || (oneThread && level && level() == 0)) {
        body(data);
        return;
    }
    libgomp(body, data, threads, flags);
}

namespace bridgelc {

void xgbCheck(int rc, const char* what) {
    if (rc != 0) throw std::runtime_error(std::string(what) + ": " + XGBGetLastError());
}

XgbMatrix::XgbMatrix(const float* data, std::size_t rows, std::size_t columns,
                     const std::vector<float>* labels)
    : m_rows(rows) {
    xgbCheck(XGDMatrixCreateFromMat(data, rows, columns, std::numeric_limits<float>::quiet_NaN(), &m_handle),
             "XGBoost could not take the feature matrix");
    if (labels)
        xgbCheck(XGDMatrixSetFloatInfo(m_handle, "label", labels->data(), labels->size()), "XGBoost labels");
}

XgbMatrix::~XgbMatrix() {
    if (m_handle) XGDMatrixFree(m_handle);
}

XgbBooster::XgbBooster(const std::vector<const XgbMatrix*>& cached) {
    std::vector<DMatrixHandle> handles;
    for (const XgbMatrix* m : cached)
        handles.push_back(m->handle());
    xgbCheck(XGBoosterCreate(handles.data(), handles.size(), &m_handle),
             "XGBoost could not create a booster");
}

XgbBooster::~XgbBooster() {
    if (m_handle) XGBoosterFree(m_handle);
}

void XgbBooster::setParam(const std::string& name, const std::string& value) {
    xgbCheck(XGBoosterSetParam(m_handle, name.c_str(), value.c_str()), ("XGBoost parameter " + name).c_str());
}

void XgbBooster::updateOneIter(int iteration, const XgbMatrix& train) {
    xgbCheck(XGBoosterUpdateOneIter(m_handle, iteration, train.handle()), "XGBoost training");
}

double XgbBooster::evaluate(int iteration, const XgbMatrix& matrix, const std::string& metric) {
    DMatrixHandle handles[] = {matrix.handle()};
    const char* names[] = {"data"};
    const char* result = nullptr;
    xgbCheck(XGBoosterEvalOneIter(m_handle, iteration, handles, names, 1, &result), "XGBoost evaluation");
    // The result reads "[12]\tdata-mlogloss:0.53421".
    const std::string text(result);
    const std::string key = "data-" + metric + ":";
    const auto at = text.find(key);
    if (at == std::string::npos) throw std::runtime_error("XGBoost evaluation lacks " + metric + ": " + text);
    return std::strtod(text.c_str() + at + key.size(), nullptr);
}

std::vector<float> XgbBooster::predict(const XgbMatrix& matrix) const {
    const char* config =
        R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": true})";
    const bst_ulong* shape = nullptr;
    bst_ulong dims = 0;
    const float* values = nullptr;
    xgbCheck(XGBoosterPredictFromDMatrix(m_handle, matrix.handle(), config, &shape, &dims, &values),
             "XGBoost prediction");
    std::size_t size = 1;
    for (bst_ulong i = 0; i < dims; ++i)
        size *= shape[i];
    return std::vector<float>(values, values + size);
}

int XgbBooster::boostedRounds() const {
    int rounds = 0;
    xgbCheck(XGBoosterBoostedRounds(m_handle, &rounds), "XGBoost rounds");
    return rounds;
}

std::unique_ptr<XgbBooster> XgbBooster::slice(int rounds) const {
    auto sliced = std::unique_ptr<XgbBooster>(new XgbBooster());
    XGBoosterFree(sliced->m_handle);
    sliced->m_handle = nullptr;
    xgbCheck(XGBoosterSlice(m_handle, 0, rounds, 1, &sliced->m_handle),
             "XGBoost could not keep the best rounds");
    return sliced;
}

std::vector<double> XgbBooster::totalGain(std::size_t features) const {
    bst_ulong count = 0, dims = 0;
    const char** names = nullptr;
    const bst_ulong* shape = nullptr;
    const float* scores = nullptr;
    xgbCheck(XGBoosterFeatureScore(m_handle, R"({"importance_type": "total_gain"})", &count, &names, &dims,
                                   &shape, &scores),
             "XGBoost feature importance");
    // Without feature names XGBoost calls column j "fj" and leaves out the columns no split used.
    std::vector<double> gain(features, 0.0);
    for (bst_ulong i = 0; i < count; ++i) {
        const std::string name = names[i];
        if (name.size() < 2 || name[0] != 'f') continue;
        const std::size_t column = std::stoul(name.substr(1));
        if (column < features) gain[column] += scores[i];
    }
    return gain;
}

std::string XgbBooster::save() const {
    bst_ulong length = 0;
    const char* data = nullptr;
    xgbCheck(XGBoosterSaveModelToBuffer(m_handle, R"({"format": "json"})", &length, &data), "XGBoost save");
    return std::string(data, length);
}

void XgbBooster::load(const std::string& json) {
    xgbCheck(XGBoosterLoadModelFromBuffer(m_handle, json.data(), json.size()),
             "XGBoost could not read the trees");
}

}  // namespace bridgelc
