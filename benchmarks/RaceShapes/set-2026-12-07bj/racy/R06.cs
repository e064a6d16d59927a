using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Blind62.CaveDiving.GasPlanning
{
    public sealed record DiveSegment(double DepthMetres, double Minutes, double BreathingRateLpm, double OxygenFraction);

    public sealed record GasPlan(double TotalLitres, double MaxPartialPressureO2, int SegmentCount);

    /// <summary>
    /// Works out how much back gas a cave dive plan needs. Long penetration plans can
    /// have thousands of segments once the route is split at every line marker, so the
    /// per-segment work is spread over the thread pool.
    /// </summary>
    public sealed class GasPlanner
    {
        private const double SurfacePressureBar = 1.013;

        public GasPlan Calculate(IReadOnlyList<DiveSegment> segments, double reserveFactor = 1.5)
        {
            ArgumentNullException.ThrowIfNull(segments);

            double totalLitres = 0;
            double maxPpo2 = 0;
            object maxGate = new();

            Parallel.ForEach(segments, segment =>
            {
                double ambient = AmbientPressure(segment.DepthMetres);
                double litres = segment.BreathingRateLpm * segment.Minutes * ambient;
                double ppo2 = ambient * segment.OxygenFraction;

                totalLitres += litres;

                lock (maxGate)
                {
                    if (ppo2 > maxPpo2)
                    {
                        maxPpo2 = ppo2;
                    }
                }
            });

            return new GasPlan(totalLitres * reserveFactor, maxPpo2, segments.Count);
        }

        public static double AmbientPressure(double depthMetres) =>
            SurfacePressureBar + depthMetres / 10.0;

        public static IReadOnlyList<DiveSegment> SplitRoute(double depth, double minutes, double sac, double fo2, int markers)
        {
            var list = new List<DiveSegment>(markers);
            for (int i = 0; i < markers; i++)
            {
                list.Add(new DiveSegment(depth, minutes / markers, sac, fo2));
            }

            return list;
        }
    }
}
