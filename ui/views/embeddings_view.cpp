#include "ui/views/embeddings_view.h"

#include <QButtonGroup>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <algorithm>
#include <iterator>
#include <numeric>
#include <random>

#include "core/geo/regions.h"
#include "core/model/learned_representations.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "ui/common/class_colors.h"
#include "ui/jobs/background_task.h"
#include "ui/views/embedding_scatter.h"

namespace bridgelc {

namespace {

/// Strong, distinguishable colours for the 11 regions of biogeographicalRegions() (ALP, ANA, ARC, ATL, BLS,
/// BOR, CON, MAC, MED, PAN, STE); the map's region fills are too pale for points.
QColor regionColour(int region) {
    static const QColor colours[] = {QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                                     QColor(31, 119, 180), QColor(23, 190, 207),  QColor(44, 120, 44),
                                     QColor(255, 127, 14), QColor(148, 103, 189), QColor(214, 39, 40),
                                     QColor(188, 189, 34), QColor(90, 70, 20)};
    if (region < 0 || region >= static_cast<int>(std::size(colours))) return QColor(170, 170, 170);
    return colours[region];
}

QString regionName(int region) {
    const auto& regions = biogeographicalRegions();
    if (region < 0 || region >= static_cast<int>(regions.size())) return EmbeddingsView::tr("Outside");
    return QString::fromStdString(regions[static_cast<std::size_t>(region)].name);
}

QString number(double value) {
    return QString::number(value, 'f', 2);
}

// A probe's held-out accuracy next to what always guessing the most frequent label scores.
QString probeText(const ProbeResult& probe) {
    if (!probe.defined()) return QStringLiteral("–");
    return EmbeddingsView::tr("%1 (majority %2)").arg(number(probe.accuracy), number(probe.majorityAccuracy));
}

}  // namespace

EmbeddingsView::EmbeddingsView(QWidget* parent)
    : QWidget(parent),
      m_task(new BackgroundTask(this)),
      m_headline(new QLabel(this)),
      m_pcaButton(new QRadioButton(tr("PCA"), this)),
      m_tsneButton(new QRadioButton(tr("t-SNE"), this)),
      m_classButton(new QRadioButton(tr("Land-cover class"), this)),
      m_regionButton(new QRadioButton(tr("Biogeographical region"), this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel t-SNE"), this)),
      m_invariant(new EmbeddingScatter(this)),
      m_specific(new EmbeddingScatter(this)) {
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);
    auto* methods = new QButtonGroup(this);
    methods->addButton(m_pcaButton);
    methods->addButton(m_tsneButton);
    auto* colourings = new QButtonGroup(this);
    colourings->addButton(m_classButton);
    colourings->addButton(m_regionButton);
    m_pcaButton->setChecked(true);
    m_classButton->setChecked(true);
    m_tsneButton->setEnabled(false);
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Projection:"), this));
    controls->addWidget(m_pcaButton);
    controls->addWidget(m_tsneButton);
    controls->addSpacing(24);
    controls->addWidget(new QLabel(tr("Colour by:"), this));
    controls->addWidget(m_classButton);
    controls->addWidget(m_regionButton);
    controls->addStretch(1);
    controls->addWidget(m_progress);
    controls->addWidget(m_cancel);
    auto* panels = new QHBoxLayout;
    panels->addWidget(m_invariant, 1);
    panels->addWidget(m_specific, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addLayout(controls);
    layout->addLayout(panels, 1);

    connect(m_pcaButton, &QRadioButton::toggled, this, [this](bool on) {
        if (on) setMethod(Method::Pca);
    });
    connect(m_tsneButton, &QRadioButton::toggled, this, [this](bool on) {
        if (on) setMethod(Method::Tsne);
    });
    connect(m_classButton, &QRadioButton::toggled, this, [this](bool on) {
        if (on) setColouring(Colouring::ByClass);
    });
    connect(m_regionButton, &QRadioButton::toggled, this, [this](bool on) {
        if (on) setColouring(Colouring::ByRegion);
    });
    connect(m_cancel, &QPushButton::clicked, m_task, &BackgroundTask::cancel);
    connect(m_task, &BackgroundTask::progressChanged, m_progress,
            [this](double percent) { m_progress->setValue(qRound(percent)); });
    connect(m_task, &BackgroundTask::finished, this, &EmbeddingsView::onTaskEnded);
    connect(m_task, &BackgroundTask::canceled, this, &EmbeddingsView::onTaskEnded);
    connect(ClassPaletteNotifier::instance(), &ClassPaletteNotifier::paletteChanged, this,
            &EmbeddingsView::redraw);
    clear(tr("No run yet: train BRIDGE-LC, or open a saved run, to see its two branches."));
}

EmbeddingsView::~EmbeddingsView() = default;

bool EmbeddingsView::isBusy() const {
    return m_pending || m_task->isRunning();
}

QString EmbeddingsView::headline() const {
    return m_headline->text();
}

void EmbeddingsView::clear(const QString& why) {
    ++m_generation;
    m_pending = false;
    m_task->cancel();
    m_set = {};
    m_model.reset();
    m_dataset.reset();
    m_headline->setText(why);
    m_tsneButton->setEnabled(false);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_invariant->showMessage(tr("Region-invariant branch (f_inv)"), why);
    m_specific->showMessage(tr("Region-specific branch (f_spec)"), why);
}

void EmbeddingsView::showRun(DatasetPtr dataset, const RunResult& run) {
    const QString model = QString::fromStdString(modelDisplayName(run.modelName));
    if (!dataset || !run.model) {
        clear(tr("%1: this run has no trained model to look into.").arg(model));
        return;
    }
    if (!hasBranchOutputs(*run.model)) {
        clear(QString::fromStdString(whyNoBranchOutputs(*run.model)));
        return;
    }
    if (run.test.rows.empty()) {
        clear(tr("%1: this run has no test points to embed.").arg(model));
        return;
    }
    clear(tr("Computing the branch outputs of %1…").arg(model));
    m_pendingDataset = std::move(dataset);
    m_pendingModel = run.model;
    m_pendingRows = run.test.rows;
    m_pendingLabel = tr("%1 · %2 · %3")
                         .arg(model, QString::fromStdString(run.splitName),
                              QFileInfo(QString::fromStdString(m_pendingDataset->sourcePath)).fileName());
    m_pending = true;
    setBusyUi(tr("Branch outputs…"));
    if (!m_task->isRunning()) startPrepare();  // else the cancelled job's end starts it
}

void EmbeddingsView::onTaskEnded() {
    if (m_pending && !m_task->isRunning()) startPrepare();
    if (!isBusy()) {
        m_progress->setVisible(false);
        m_cancel->setVisible(false);
    }
}

void EmbeddingsView::setBusyUi(const QString& status) {
    m_progress->setFormat(status + QStringLiteral(" %p %"));
    m_progress->setValue(0);
    m_progress->setVisible(true);
}

void EmbeddingsView::startPrepare() {
    m_pending = false;
    m_dataset = std::move(m_pendingDataset);
    m_model = std::move(m_pendingModel);
    m_runLabel = m_pendingLabel;
    const int generation = ++m_generation;
    DatasetPtr dataset = m_dataset;
    std::shared_ptr<const Model> model = m_model;
    std::vector<std::int64_t> rows = std::move(m_pendingRows);
    setBusyUi(tr("Branch outputs…"));
    m_task->start([this, generation, dataset, model, rows](TaskFeedback&) -> BackgroundTask::Completion {
        EmbeddingSet set;
        QString error;
        try {
            set = prepareEmbeddings(*dataset, *model, rows);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        return [this, generation, set = std::move(set), error]() mutable {
            if (generation != m_generation) return;
            if (!error.isEmpty() || set.invariant.pca.empty()) {
                clear(tr("Could not compute the branch outputs: %1")
                          .arg(error.isEmpty() ? tr("too few test points") : error));
                return;
            }
            m_set = std::move(set);
            m_headline->setText(
                tr("%1 — %2 of %3 test points (a fixed random sample when there are more than "
                   "%4). Agreement: share of each point's %5 nearest neighbours in the 256-d "
                   "branch output with the same class or region.")
                    .arg(m_runLabel)
                    .arg(m_set.rows.size())
                    .arg(m_set.testPoints)
                    .arg(kEmbeddingPointLimit)
                    .arg(kEmbeddingNeighbours));
            redraw();
            Q_EMIT pcaReady();
            startTsne();
        };
    });
}

void EmbeddingsView::startTsne() {
    const int generation = m_generation;
    DatasetPtr dataset = m_dataset;
    std::shared_ptr<const Model> model = m_model;
    EmbeddingSet base;
    base.rows = m_set.rows;
    setBusyUi(tr("t-SNE…"));
    m_cancel->setVisible(true);
    m_task->start(
        [this, generation, dataset, model, base](TaskFeedback& feedback) -> BackgroundTask::Completion {
            EmbeddingSet set = base;
            ReductionControl control;
            control.isCancelled = [&feedback] { return feedback.isCanceled(); };
            control.onProgress = [&feedback](double p) { feedback.setProgress(100.0 * p); };
            bool done = false;
            try {
                done = computeTsne(set, *dataset, *model, control);
            } catch (const std::exception&) {
                done = false;
            }
            return [this, generation, done, set = std::move(set)]() mutable {
                if (generation != m_generation || !done) return;
                m_set.invariant.tsne = std::move(set.invariant.tsne);
                m_set.specific.tsne = std::move(set.specific.tsne);
                m_set.tsneSeconds = set.tsneSeconds;
                m_tsneButton->setEnabled(true);
                m_tsneButton->setToolTip(tr("Barnes-Hut t-SNE, perplexity 30, 1000 iterations (%1 s)")
                                             .arg(QString::number(m_set.tsneSeconds, 'f', 1)));
                redraw();
                Q_EMIT tsneReady();
            };
        });
}

void EmbeddingsView::setMethod(Method method) {
    if (method == Method::Tsne && !hasTsne()) method = Method::Pca;
    m_method = method;
    (method == Method::Pca ? m_pcaButton : m_tsneButton)->setChecked(true);
    redraw();
}

void EmbeddingsView::setColouring(Colouring colouring) {
    m_colouring = colouring;
    (colouring == Colouring::ByClass ? m_classButton : m_regionButton)->setChecked(true);
    redraw();
}

void EmbeddingsView::redraw() {
    if (m_set.invariant.pca.empty() || !m_dataset) return;
    const bool byClass = m_colouring == Colouring::ByClass;
    const std::vector<int>& labels = byClass ? m_set.classes : m_set.regions;
    std::vector<QColor> colours;
    colours.reserve(labels.size());
    std::vector<std::size_t> counts(byClass ? m_dataset->classNames.size()
                                            : biogeographicalRegions().size() + 1);
    for (int label : labels) {
        const QString name =
            byClass && label >= 0 ? QString::fromStdString(m_dataset->classNames[label]) : QString();
        colours.push_back(byClass ? classColor(label, name) : regionColour(label));
        ++counts[label < 0 ? counts.size() - 1 : static_cast<std::size_t>(label)];
    }
    std::vector<EmbeddingScatter::LegendEntry> legend;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] == 0) continue;
        const int label = byClass || i + 1 < counts.size() ? static_cast<int>(i) : -1;
        const QString name = byClass ? QString::fromStdString(m_dataset->classNames[i]) : regionName(label);
        legend.emplace_back(QStringLiteral("%1 (%2)").arg(name).arg(counts[i]),
                            byClass ? classColor(label, name) : regionColour(label));
    }
    // A fixed shuffled painting order, so no class or region hides all others under it.
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::shuffle(order.begin(), order.end(), std::mt19937(17));

    const bool tsne = m_method == Method::Tsne && hasTsne();
    for (const bool specific : {false, true}) {
        const BranchView& branch = specific ? m_set.specific : m_set.invariant;
        const QString what = specific ? tr("Region-specific branch f_spec (feeds the region head)")
                                      : tr("Region-invariant branch f_inv (feeds the land-cover head)");
        const QString method = tsne ? tr("t-SNE")
                                    : tr("PCA (PC1 %1 %, PC2 %2 %)")
                                          .arg(QString::number(100 * branch.pcaExplained[0], 'f', 0),
                                               QString::number(100 * branch.pcaExplained[1], 'f', 0));
        const QString subtitle =
            tr("%1-NN agreement: class %2 (chance %3), region %4 (chance %5). Linear probe on held-out "
               "points: class %6, region %7. Coloured by %8.")
                .arg(kEmbeddingNeighbours)
                .arg(number(branch.classAgreement), number(m_set.classChance), number(branch.regionAgreement),
                     number(m_set.regionChance), probeText(branch.classProbe), probeText(branch.regionProbe),
                     byClass ? tr("land-cover class") : tr("biogeographical region"));
        (specific ? m_specific : m_invariant)
            ->setContent(what + QStringLiteral(" — ") + method, subtitle, tsne ? branch.tsne : branch.pca,
                         colours, order, legend);
    }
}

}  // namespace bridgelc
