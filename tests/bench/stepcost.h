#pragma once
// What a benchmark's steps cost the program, measured the same way by every engine benchmark.

#include "benchsupport.h"

#include "store/transaction.h"

namespace benchsupport {

// What the steps run between its construction and stop() cost: the CPU of every thread of this
// program and of the group committer's thread, and the steps per shared commit.
class StepCost
{
public:
    void stop()
    {
        m_commits = wfo::store::GroupCommit::sharedCommits() - m_commits;
        m_grouped = wfo::store::GroupCommit::sharedSteps() - m_grouped;
        m_committer = threadCpuSeconds("wfo-committer") - m_committer;
        m_cpu = cpuSeconds() - m_cpu;
    }

    struct PerStep
    {
        double cpuUs = 0; // every thread's time on a core, µs per step
        double committerCpuUs = 0; // the committer thread's, µs per step
        double groupSize = 0; // steps per commit of the groups of two steps or more
    };

    // After stop().
    PerStep per(double steps) const
    {
        const double perStep = steps > 0 ? 1e6 / steps : 0;
        return {m_cpu * perStep, m_committer * perStep,
                m_commits ? double(m_grouped) / double(m_commits) : 0};
    }

private:
    // From construction the values at the start, after stop() the differences.
    quint64 m_commits = wfo::store::GroupCommit::sharedCommits();
    quint64 m_grouped = wfo::store::GroupCommit::sharedSteps();
    double m_committer = threadCpuSeconds("wfo-committer");
    double m_cpu = cpuSeconds();
};

} // namespace benchsupport
