namespace HospitalPharmacy.Compounding
{
    public sealed record CompoundingJob(string JobId, string Formula, double VolumeMl, string Ward);

    public interface ICompoundingArm
    {
        Task<bool> RunAsync(CompoundingJob job, CancellationToken ct);
    }

    /// <summary>
    /// Dispatches IV compounding jobs to the robot arms, at most
    /// <c>armCount</c> at a time, and records what was produced per ward.
    /// Registered as a singleton; the pharmacist console and the order
    /// interface submit jobs concurrently.
    /// </summary>
    public sealed class CompoundingDispatcher
    {
        private readonly ICompoundingArm _arm;
        private readonly SemaphoreSlim _arms;
        private readonly object _statsLock = new();
        private readonly Dictionary<string, double> _mlByWard = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _failedJobs = new();
        private int _inFlight;

        public CompoundingDispatcher(ICompoundingArm arm, int armCount)
        {
            _arm = arm;
            _arms = new SemaphoreSlim(armCount, armCount);
        }

        public int InFlight => Volatile.Read(ref _inFlight);

        public async Task<bool> SubmitAsync(CompoundingJob job, CancellationToken ct)
        {
            await _arms.WaitAsync(ct).ConfigureAwait(false);
            Interlocked.Increment(ref _inFlight);
            try
            {
                var ok = await _arm.RunAsync(job, ct).ConfigureAwait(false);

                lock (_statsLock)
                {
                    if (ok)
                    {
                        _mlByWard.TryGetValue(job.Ward, out var ml);
                        _mlByWard[job.Ward] = ml + job.VolumeMl;
                    }
                    else
                    {
                        _failedJobs.Add(job.JobId);
                    }
                }

                return ok;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                _arms.Release();
            }
        }

        public IReadOnlyDictionary<string, double> VolumeByWard()
        {
            lock (_statsLock)
            {
                return new Dictionary<string, double>(_mlByWard, StringComparer.OrdinalIgnoreCase);
            }
        }

        public IReadOnlyList<string> FailedJobs()
        {
            lock (_statsLock)
            {
                return _failedJobs.ToArray();
            }
        }
    }
}
