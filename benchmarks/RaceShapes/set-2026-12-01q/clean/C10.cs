namespace Museum.LightExposure
{
    public readonly record struct LuxSample(DateTimeOffset At, double Lux, double UvMicrowattsPerLumen);

    /// <summary>
    /// Cumulative light exposure per display case, used to decide when
    /// light-sensitive textiles must be rotated off display. Shared by the
    /// logger upload handlers and the conservators' reporting screens.
    /// </summary>
    public sealed class CaseExposureStore : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
        private readonly Dictionary<string, List<LuxSample>> _samples = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, double> _luxHours = new(StringComparer.OrdinalIgnoreCase);

        public void Add(string caseId, LuxSample sample, TimeSpan sampleInterval)
        {
            _lock.EnterWriteLock();
            try
            {
                if (!_samples.TryGetValue(caseId, out var list))
                {
                    list = new List<LuxSample>();
                    _samples.Add(caseId, list);
                }

                list.Add(sample);
                _luxHours.TryGetValue(caseId, out var total);
                _luxHours[caseId] = total + sample.Lux * sampleInterval.TotalHours;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public double LuxHours(string caseId)
        {
            _lock.EnterReadLock();
            try
            {
                return _luxHours.TryGetValue(caseId, out var v) ? v : 0;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public IReadOnlyList<string> CasesOverBudget(double annualBudgetLuxHours)
        {
            _lock.EnterReadLock();
            try
            {
                return _luxHours.Where(p => p.Value > annualBudgetLuxHours).Select(p => p.Key).ToList();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public void ResetCase(string caseId)
        {
            _lock.EnterUpgradeableReadLock();
            try
            {
                if (!_luxHours.ContainsKey(caseId))
                {
                    return;
                }

                _lock.EnterWriteLock();
                try
                {
                    _luxHours[caseId] = 0;
                    _samples.Remove(caseId);
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }
            finally
            {
                _lock.ExitUpgradeableReadLock();
            }
        }

        public void Dispose() => _lock.Dispose();
    }

    public sealed class LuxLoggerUploadHandler
    {
        private readonly CaseExposureStore _store;

        public LuxLoggerUploadHandler(CaseExposureStore store) => _store = store;

        public Task HandleAsync(string caseId, IReadOnlyList<LuxSample> batch) =>
            Task.Run(() =>
            {
                foreach (var s in batch)
                {
                    _store.Add(caseId, s, TimeSpan.FromMinutes(15));
                }
            });
    }
}
