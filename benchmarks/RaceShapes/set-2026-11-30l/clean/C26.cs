using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Timers;

namespace Vitalis.Alarms
{
    public enum AlarmPriority { Low, Medium, High }

    public sealed record AlarmLimit(string Parameter, double Low, double High, AlarmPriority Priority);

    public sealed record ActiveAlarm(string Parameter, double Value, AlarmPriority Priority, DateTime RaisedUtc);

    public interface IVitalsSource
    {
        bool TryGetLatest(string parameter, out double value);
    }

    /// <summary>
    /// Evaluates alarm limits for one patient twice a second. Nurses change limits from the
    /// central station, and the station's alarm list polls <see cref="ActiveAlarms"/>.
    /// </summary>
    public sealed class AlarmEvaluator : IDisposable
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, AlarmLimit> _limits = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ActiveAlarm> _active = new(StringComparer.Ordinal);
        private readonly IVitalsSource _vitals;
        private readonly System.Timers.Timer _timer;
        private long _skippedTicks;

        public AlarmEvaluator(IVitalsSource vitals)
        {
            _vitals = vitals;
            _timer = new System.Timers.Timer(500) { AutoReset = true };
            _timer.Elapsed += OnTick;
        }

        public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

        public void Start() => _timer.Start();

        public void SetLimit(AlarmLimit limit)
        {
            lock (_gate)
            {
                _limits[limit.Parameter] = limit;
            }
        }

        public IReadOnlyList<ActiveAlarm> ActiveAlarms()
        {
            lock (_gate)
            {
                return _active.Values.OrderByDescending(a => a.Priority).ThenBy(a => a.RaisedUtc).ToList();
            }
        }

        private void OnTick(object? sender, ElapsedEventArgs e)
        {
            if (!Monitor.TryEnter(_gate))
            {
                Interlocked.Increment(ref _skippedTicks);
                return;
            }

            try
            {
                Evaluate(e.SignalTime.ToUniversalTime());
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        private void Evaluate(DateTime nowUtc)
        {
            foreach (var limit in _limits.Values)
            {
                if (!_vitals.TryGetLatest(limit.Parameter, out double value))
                    continue;

                bool outOfRange = value < limit.Low || value > limit.High;
                if (outOfRange && !_active.ContainsKey(limit.Parameter))
                    _active[limit.Parameter] = new ActiveAlarm(limit.Parameter, value, limit.Priority, nowUtc);
                else if (!outOfRange)
                    _active.Remove(limit.Parameter);
            }
        }

        public void Dispose()
        {
            _timer.Stop();
            _timer.Dispose();
        }
    }
}
