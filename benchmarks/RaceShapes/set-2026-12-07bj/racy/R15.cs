using System;
using Microsoft.Extensions.Options;

namespace Blind62.SteamRailway.Signalling
{
    public sealed class LineOptions
    {
        public int MaxLineSpeedKph { get; set; } = 40;
        public int MinimumBlockLengthMetres { get; set; } = 800;
        public double BrakingDecelerationMps2 { get; set; } = 0.4;
    }

    /// <summary>
    /// Checks whether the gap between two trains on the heritage line is acceptable.
    /// Registered as a singleton; the token-block controller and the timetable
    /// planner both call <see cref="IsGapAcceptable"/> from request threads. Limits are
    /// reloaded whenever appsettings.json changes.
    /// </summary>
    public sealed class BlockSpacingPolicy : IDisposable
    {
        private readonly IDisposable? _subscription;
        private int _maxLineSpeedKph;
        private int _minimumBlockLengthMetres;
        private double _deceleration;

        public BlockSpacingPolicy(IOptionsMonitor<LineOptions> options)
        {
            Apply(options.CurrentValue);
            _subscription = options.OnChange(Apply);
        }

        private void Apply(LineOptions options)
        {
            _maxLineSpeedKph = options.MaxLineSpeedKph;
            _minimumBlockLengthMetres = options.MinimumBlockLengthMetres;
            _deceleration = options.BrakingDecelerationMps2;
        }

        public bool IsGapAcceptable(double gapMetres, int approachSpeedKph)
        {
            int speed = Math.Min(approachSpeedKph, _maxLineSpeedKph);
            double metresPerSecond = speed / 3.6;
            double brakingDistance = metresPerSecond * metresPerSecond / (2 * _deceleration);
            double required = Math.Max(_minimumBlockLengthMetres, brakingDistance * 1.25);
            return gapMetres >= required;
        }

        public int SuggestedSpeedFor(double gapMetres)
        {
            if (gapMetres < _minimumBlockLengthMetres)
            {
                return 0;
            }

            double vMax = Math.Sqrt(2 * _deceleration * gapMetres / 1.25) * 3.6;
            return (int)Math.Min(vMax, _maxLineSpeedKph);
        }

        public void Dispose() => _subscription?.Dispose();
    }
}
