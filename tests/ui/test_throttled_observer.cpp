// The observer between trainer and GUI: however fast the trainer reports, the GUI gets at most about ten
// batches of signals a second, loses no epoch, sees the latest progress, and Stop reaches the trainer at
// once.
#include <QElapsedTimer>
#include <atomic>
#include <memory>

#include "core/model/model.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/throttled_observer.h"
#include "ui/jobs/training_worker.h"

using namespace bridgelc;

class TestThrottledObserver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void snapshotsAreOptInAndThrottled() {
        registerMetaTypes();
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        TrainingWorker worker(cancel, std::make_shared<std::atomic<bool>>(false));
        QSignalSpy snapshots(&worker, &TrainingWorker::modelSnapshot);
        const std::shared_ptr<const Model> model = createModel("mlp");
        ThrottledObserver observer(worker, *cancel);
        QVERIFY(!observer.wantsSnapshots());  // training without a map copies no weights
        observer.onSnapshot(model);
        QCOMPARE(snapshots.count(), 0);

        observer.setSnapshotInterval(60000);
        QVERIFY(observer.wantsSnapshots());
        for (int epoch = 1; epoch <= 20; ++epoch) {
            EpochReport report;
            report.epoch = epoch;
            observer.onEpoch(report);
            observer.onSnapshot(model);
        }
        // The first epoch's copy at once, then none within the interval.
        QCOMPARE(snapshots.count(), 1);
        QCOMPARE(snapshots.at(0).at(1).toInt(), 1);
        QCOMPARE(snapshots.at(0).at(0).value<std::shared_ptr<const Model>>().get(), model.get());

        observer.setSnapshotInterval(1);
        QThread::msleep(5);
        EpochReport report;
        report.epoch = 21;
        observer.onEpoch(report);
        observer.onSnapshot(model);
        QCOMPARE(snapshots.count(), 2);
        QCOMPARE(snapshots.at(1).at(1).toInt(), 21);
    }

    void fastReportsAreBatchedAndNothingIsLost() {
        registerMetaTypes();
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        TrainingWorker worker(cancel, std::make_shared<std::atomic<bool>>(false));
        QSignalSpy epochs(&worker, &TrainingWorker::epochsReady);
        QSignalSpy progress(&worker, &TrainingWorker::progress);
        ThrottledObserver observer(worker, *cancel);

        // A trainer far faster than any GUI wants: an epoch every 2 ms, progress every 0.1 ms, for at least
        // 600 ms and 60 epochs. Both bounds hold on a slow or busy machine too, where a 0.1 ms sleep may
        // take far longer: the loop then simply runs longer.
        QElapsedTimer clock;
        clock.start();
        int epoch = 0;
        std::int64_t done = 0;
        while (clock.elapsed() < 600 || epoch < 60) {
            observer.onProgress(++done, 1000000);
            if (done % 20 == 0) {
                EpochReport report;
                report.epoch = ++epoch;
                observer.onEpoch(report);
            }
            QThread::usleep(100);
        }
        const qint64 elapsedMs = clock.elapsed();
        const int beforeFlush = observer.signalsEmitted();
        observer.flush();

        // At most one batch (epochs + progress) per 100 ms, plus the first one at once.
        const int batches = int(elapsedMs / 100) + 1;
        qInfo("%d epochs and %lld progress reports in %lld ms became %d signals", epoch, qlonglong(done),
              qlonglong(elapsedMs), beforeFlush);
        QVERIFY(epoch > 50);
        QVERIFY2(beforeFlush <= 2 * batches, qPrintable(QString::number(beforeFlush)));
        QVERIFY(epochs.count() <= batches + 1);

        int seen = 0;
        for (const auto& signal : epochs)
            for (const EpochReport& report : signal.at(0).value<QVector<EpochReport>>())
                QCOMPARE(report.epoch, ++seen);  // every epoch, in order
        QCOMPARE(seen, epoch);
        QCOMPARE(progress.last().at(0).toLongLong(), qlonglong(done));  // the latest progress after flush
    }

    void cancelFlagIsSeenImmediately() {
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        TrainingWorker worker(cancel, std::make_shared<std::atomic<bool>>(false));
        ThrottledObserver observer(worker, *cancel);
        QVERIFY(!observer.isCancelled());
        cancel->store(true);
        QVERIFY(observer.isCancelled());
    }
};

BRIDGELC_UI_TEST_MAIN(TestThrottledObserver)
#include "test_throttled_observer.moc"
