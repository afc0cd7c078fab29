#pragma once

class QThreadPool;

namespace bridgelc {

/// The thread pool of the application's background jobs (loading, predicting, rendering the map off the GUI
/// thread). Not QThreadPool::globalInstance(): Qt's raster paint engine splits large fills and image scaling
/// over the global pool and waits for those pieces on the GUI thread, so a job holding a global pool thread
/// for seconds made a repaint wait for it (measured during training: a window repaint blocked 5.8 s in
/// QSemaphore::acquire under QRasterPaintEngine::fill, with one voluntary context switch and no page fault).
QThreadPool* backgroundPool();

}  // namespace bridgelc
