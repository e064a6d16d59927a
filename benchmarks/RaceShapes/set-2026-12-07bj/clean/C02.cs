using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Blind62.BloodBank.Quotas
{
    /// <summary>
    /// Daily allocation of O-negative units per hospital. Each hospital's ordering
    /// system calls <see cref="TryReserve"/> concurrently through the allocation API;
    /// a hosted service resets the counters at midnight.
    /// </summary>
    public sealed class HospitalQuotaTracker
    {
        private sealed class Allowance
        {
            public int Used;
            public int Limit;
        }

        private readonly ConcurrentDictionary<string, Allowance> _allowances = new(StringComparer.OrdinalIgnoreCase);
        private readonly int _defaultLimit;

        public HospitalQuotaTracker(int defaultLimit)
        {
            _defaultLimit = defaultLimit;
        }

        public void SetLimit(string hospital, int limit)
        {
            var allowance = _allowances.GetOrAdd(hospital, _ => new Allowance { Limit = _defaultLimit });
            Volatile.Write(ref allowance.Limit, limit);
        }

        public bool TryReserve(string hospital, int units)
        {
            if (units <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(units));
            }

            var allowance = _allowances.GetOrAdd(hospital, _ => new Allowance { Limit = _defaultLimit });
            while (true)
            {
                int used = Volatile.Read(ref allowance.Used);
                int limit = Volatile.Read(ref allowance.Limit);
                if (used + units > limit)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref allowance.Used, used + units, used) == used)
                {
                    return true;
                }
            }
        }

        public void Release(string hospital, int units)
        {
            if (_allowances.TryGetValue(hospital, out var allowance))
            {
                Interlocked.Add(ref allowance.Used, -units);
            }
        }

        public int Remaining(string hospital) =>
            _allowances.TryGetValue(hospital, out var a)
                ? Volatile.Read(ref a.Limit) - Volatile.Read(ref a.Used)
                : _defaultLimit;

        internal void ResetAll()
        {
            foreach (var pair in _allowances)
            {
                Interlocked.Exchange(ref pair.Value.Used, 0);
            }
        }
    }

    public sealed class MidnightQuotaReset : BackgroundService
    {
        private readonly HospitalQuotaTracker _tracker;

        public MidnightQuotaReset(HospitalQuotaTracker tracker)
        {
            _tracker = tracker;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = DateTimeOffset.UtcNow;
                var nextMidnight = new DateTimeOffset(now.Date.AddDays(1), TimeSpan.Zero);
                await Task.Delay(nextMidnight - now, stoppingToken).ConfigureAwait(false);
                _tracker.ResetAll();
            }
        }
    }
}
