using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.CaveDiving.Deco
{
    public sealed record RouteLeg(double DepthMetres, double Minutes, double SacLpm, double OxygenFraction);

    public sealed record RouteGasTotals(double BackGasLitres, double MaxPpo2, double CnsPercent);

    /// <summary>
    /// Totals gas and oxygen exposure over a surveyed cave route. Surveyed routes can
    /// run to tens of thousands of legs, so the work is spread over the thread pool.
    /// </summary>
    public sealed class RouteGasCalculator
    {
        private sealed class Partial
        {
            public double Litres;
            public double MaxPpo2;
            public double Cns;
        }

        public RouteGasTotals Calculate(IReadOnlyList<RouteLeg> legs)
        {
            ArgumentNullException.ThrowIfNull(legs);

            double litres = 0;
            double maxPpo2 = 0;
            double cns = 0;
            var mergeGate = new object();

            Parallel.For(0, legs.Count,
                () => new Partial(),
                (i, _, partial) =>
                {
                    var leg = legs[i];
                    double ambient = 1.013 + leg.DepthMetres / 10.0;
                    double ppo2 = ambient * leg.OxygenFraction;

                    partial.Litres += leg.SacLpm * leg.Minutes * ambient;
                    partial.MaxPpo2 = Math.Max(partial.MaxPpo2, ppo2);
                    partial.Cns += leg.Minutes / CnsLimitMinutes(ppo2) * 100.0;
                    return partial;
                },
                partial =>
                {
                    lock (mergeGate)
                    {
                        litres += partial.Litres;
                        maxPpo2 = Math.Max(maxPpo2, partial.MaxPpo2);
                        cns += partial.Cns;
                    }
                });

            return new RouteGasTotals(litres, maxPpo2, cns);
        }

        private static double CnsLimitMinutes(double ppo2) => ppo2 switch
        {
            <= 0.6 => 720,
            <= 0.8 => 450,
            <= 1.0 => 300,
            <= 1.2 => 210,
            <= 1.4 => 150,
            _ => 45,
        };
    }
}
