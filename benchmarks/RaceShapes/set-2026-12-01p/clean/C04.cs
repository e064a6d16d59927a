using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Blind16.CourierRouting.Emissions;

public sealed record Delivery(string DeliveryId, double DistanceKm, double ParcelKg, bool CargoBike);

public sealed record FleetSavings(double VanKgCo2Avoided, double TotalKm, int CargoBikeDrops);

/// <summary>
/// Estimates CO2 avoided by doing deliveries by bike instead of van, for the
/// monthly sustainability report.
/// </summary>
public static class EmissionsCalculator
{
    private const double VanKgCo2PerKm = 0.21;
    private const double HeavyParcelPenaltyKg = 0.015;

    public static FleetSavings Calculate(IReadOnlyList<Delivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);

        var gate = new object();
        double avoided = 0;
        double totalKm = 0;
        int cargoDrops = 0;

        Parallel.ForEach(
            deliveries,
            () => new Accumulator(),
            (delivery, _, acc) =>
            {
                var saved = delivery.DistanceKm * VanKgCo2PerKm;
                if (delivery.ParcelKg > 20)
                {
                    saved -= delivery.ParcelKg * HeavyParcelPenaltyKg;
                }

                acc.Avoided += Math.Max(0, saved);
                acc.Km += delivery.DistanceKm;
                if (delivery.CargoBike)
                {
                    acc.CargoDrops++;
                }

                return acc;
            },
            acc =>
            {
                lock (gate)
                {
                    avoided += acc.Avoided;
                    totalKm += acc.Km;
                    cargoDrops += acc.CargoDrops;
                }
            });

        return new FleetSavings(Math.Round(avoided, 1), Math.Round(totalKm, 1), cargoDrops);
    }

    private sealed class Accumulator
    {
        public double Avoided;
        public double Km;
        public int CargoDrops;
    }
}
