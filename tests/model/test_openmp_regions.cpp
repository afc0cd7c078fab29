// The process's GOMP_parallel (core/model/xgboost_booster.cpp): a region of one thread runs inline, with the
// OpenMP answers of a team of one; regions of more threads still get a libgomp team.
#include <gtest/gtest.h>
#include <omp.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace {

TEST(OpenMpRegions, AOneThreadRegionRunsInTheCallingThreadWithoutATeam) {
    const std::thread::id caller = std::this_thread::get_id();
    int level = -1, thread = -1, teamSize = -1;
    bool inCaller = false;
    std::vector<int> visits(1000, 0);
#pragma omp parallel num_threads(1)
    {
        level = omp_get_level();
        thread = omp_get_thread_num();
        teamSize = omp_get_num_threads();
        inCaller = std::this_thread::get_id() == caller;
#pragma omp for schedule(dynamic, 7)
        for (int i = 0; i < 1000; ++i)
            ++visits[i];
#pragma omp barrier
#pragma omp single
        ++visits[0];
    }
    EXPECT_EQ(level, 0)
        << "libgomp opened a team (level 1): its closing barrier costs a futex_wake system call";
    EXPECT_EQ(thread, 0);
    EXPECT_EQ(teamSize, 1);
    EXPECT_TRUE(inCaller);
    EXPECT_EQ(visits[0], 2);
    for (int i = 1; i < 1000; ++i)
        ASSERT_EQ(visits[i], 1) << "iteration " << i;
}

TEST(OpenMpRegions, RegionsOfMoreThreadsAndNestedRegionsStillGetTeams) {
    std::mutex lock;
    std::set<int> threads;
    std::set<int> levels, nestedThreads, nestedLevels;
#pragma omp parallel num_threads(2)
    {
        {
            const std::lock_guard<std::mutex> guard(lock);
            threads.insert(omp_get_thread_num());
            levels.insert(omp_get_level());
        }
        // Inside a team, a region of one thread must not borrow the outer thread's number.
#pragma omp parallel num_threads(1)
        {
            const std::lock_guard<std::mutex> guard(lock);
            nestedThreads.insert(omp_get_thread_num());
            nestedLevels.insert(omp_get_level());
        }
    }
    EXPECT_EQ(threads, (std::set<int>{0, 1}));
    EXPECT_EQ(levels, (std::set<int>{1}));
    EXPECT_EQ(nestedThreads, (std::set<int>{0}));
    EXPECT_EQ(nestedLevels, (std::set<int>{2}));
}

}  // namespace
