using System;
using System.Threading;
using Microsoft.Extensions.Options;

namespace Blind62.SteamRailway.Water
{
    public sealed class WateringOptions
    {
        public double TenderCapacityLitres { get; set; } = 13600;
        public double ConsumptionLitresPerKm { get; set; } = 110;
        public double ReserveFraction { get; set; } = 0.25;
    }

    /// <summary>
    /// Decides whether a locomotive must stop at the next water column. Registered as
    /// a singleton and called from the running-line controller's request threads.
    /// Settings are re-read when appsettings.json changes.
    /// </summary>
    public sealed class WaterStopAdvisor : IDisposable
    {
        private sealed class Limits
        {
            public Limits(WateringOptions o)
            {
                Capacity = o.TenderCapacityLitres;
                PerKm = o.ConsumptionLitresPerKm;
                Reserve = o.TenderCapacityLitres * o.ReserveFraction;
            }

            public double Capacity { get; }
            public double PerKm { get; }
            public double Reserve { get; }
        }

        private readonly IDisposable? _subscription;
        private Limits _limits = null!;

        public WaterStopAdvisor(IOptionsMonitor<WateringOptions> options)
        {
            Volatile.Write(ref _limits, new Limits(options.CurrentValue));
            _subscription = options.OnChange(o => Volatile.Write(ref _limits, new Limits(o)));
        }

        public bool MustTakeWater(double litresInTender, double kmToNextColumn)
        {
            var limits = Volatile.Read(ref _limits);
            double needed = kmToNextColumn * limits.PerKm;
            return litresInTender - needed < limits.Reserve;
        }

        public double RangeKm(double litresInTender)
        {
            var limits = Volatile.Read(ref _limits);
            double usable = Math.Max(0, Math.Min(litresInTender, limits.Capacity) - limits.Reserve);
            return usable / limits.PerKm;
        }

        public void Dispose() => _subscription?.Dispose();
    }
}
