using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Skyroster.Crew.Reserves
{
    public readonly record struct DutyPeriod(DateTime StartUtc, DateTime EndUtc);

    public sealed record CrewMember(string EmployeeId, string Base, IReadOnlyList<DutyPeriod> RecentDuties);

    /// <summary>
    /// Ranks reserve crew for call-out. Fatigue is computed per crew member in a first phase;
    /// the second phase scores everyone relative to the most fatigued member of the roster.
    /// </summary>
    public sealed class ReserveRanker
    {
        private readonly int _workers;

        public ReserveRanker(int workers) => _workers = Math.Max(1, workers);

        public IReadOnlyList<(string EmployeeId, double Score)> Rank(IReadOnlyList<CrewMember> crew, DateTime asOfUtc)
        {
            var fatigue = new double[crew.Count];
            var scores = new double[crew.Count];
            double maxFatigue = 0;

            using var barrier = new Barrier(_workers, _ =>
            {
                double max = 0;
                foreach (double f in fatigue) max = Math.Max(max, f);
                maxFatigue = max;
            });

            var threads = new Thread[_workers];
            for (int w = 0; w < _workers; w++)
            {
                int worker = w;
                threads[w] = new Thread(() =>
                {
                    int from = crew.Count * worker / _workers;
                    int to = crew.Count * (worker + 1) / _workers;

                    for (int i = from; i < to; i++)
                        fatigue[i] = FatigueIndex(crew[i], asOfUtc);

                    barrier.SignalAndWait();

                    for (int i = from; i < to; i++)
                        scores[i] = maxFatigue <= 0 ? 1.0 : 1.0 - fatigue[i] / maxFatigue;
                })
                { IsBackground = true, Name = $"reserve-rank-{worker}" };
            }

            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();

            return crew.Select((c, i) => (c.EmployeeId, scores[i]))
                       .OrderByDescending(r => r.Item2)
                       .ToList();
        }

        private static double FatigueIndex(CrewMember member, DateTime asOfUtc)
        {
            double index = 0;
            foreach (var duty in member.RecentDuties)
            {
                double hoursAgo = (asOfUtc - duty.EndUtc).TotalHours;
                if (hoursAgo < 0 || hoursAgo > 168) continue;
                double length = (duty.EndUtc - duty.StartUtc).TotalHours;
                bool overnight = duty.StartUtc.Hour >= 22 || duty.StartUtc.Hour < 5;
                index += length * (overnight ? 1.5 : 1.0) * Math.Exp(-hoursAgo / 48.0);
            }
            return index;
        }
    }
}
